# The summary at the end of the questionnaire: the prospect's answers to
# check and change, and what happens next. Criteria, reasons and
# temperatures below are for the sales team only (alerts, /lead).

summary-title = ধন্যবাদ! আপনার উত্তরগুলো একবার দেখে নিন:
summary-answer = { $label }: { $answer }
summary-contact = যোগাযোগ: { $answer }
# What happens next, the same for everyone: a prospect never learns their
# grade. An operator may set their own promise per language
# (business.promise); it is shown as given.
summary-next = আমাদের টিম শিগগিরই আপনার সাথে যোগাযোগ করবে। সময় দেওয়ার জন্য ধন্যবাদ!
summary-promise = { $text }
summary-change = কোনো উত্তর বদলাতে চাইলে নিচে সেই উত্তরের বোতামে ট্যাপ করুন, অথবা /change পাঠান।
change-answer = ✏️ { $label }
change-which = কোন উত্তরটি বদলাতে চান?
change-nothing = এখনো বদলানোর মতো কোনো উত্তর নেই।
criterion-contact = যোগাযোগ

criterion-budget = বাজেট
criterion-authority = সিদ্ধান্ত
criterion-need = প্রয়োজন
criterion-timeframe = সময়সীমা

status-met = ✅ উপযুক্ত
status-not-met = ❌ এখনো উপযুক্ত নয়
status-unknown = ❔ অজানা

answer-none = (কোনো উত্তর নেই)
reason-budget-meets = আমাদের ন্যূনতম বাজেট { $minimum } পূরণ হয়েছে
reason-budget-below = আমাদের ন্যূনতম বাজেট { $minimum }
reason-budget-undecided = এখনো কোনো বাজেট ঠিক হয়নি
reason-budget-no-threshold = { $currency } মুদ্রায় আমাদের কোনো ন্যূনতম বাজেট ঠিক করা নেই
reason-timeframe-within = এটি আমাদের পরিকল্পিত { $limit } দিনের মধ্যেই পড়ে
reason-timeframe-beyond = আমরা আগামী { $limit } দিনের মধ্যে কাজের পরিকল্পনা করি
reason-timeframe-none = এখনো কোনো সময়সীমা ঠিক হয়নি
reason-need-meets = এ বিষয়ে আমরা সাহায্য করতে পারি
reason-need-not-met = এটি এখনো আমাদের সেবার মধ্যে নেই
reason-authority-meets = সিদ্ধান্তে তাঁর ভূমিকা আছে
reason-authority-not-met = সিদ্ধান্ত অন্য কেউ নেবেন
reason-option-meets = এই উত্তরটি মানানসই
reason-option-does-not-meet = এই উত্তরটি এখনো মানানসই নয়
reason-unanswered = এই প্রশ্নের উত্তর দেওয়া হয়নি

temperature-hot = হট 🔥
temperature-warm = ওয়ার্ম 🌤
temperature-cold = কোল্ড ❄️

answer-money-range = { $min } – { $max }
answer-money-at-most = সর্বোচ্চ { $amount }
answer-money-at-least = কমপক্ষে { $amount }

answer-by-date = { $date-genitive } মধ্যে
answer-after-date = { $date-genitive } পরে
answer-timeframe-unknown = এখনো নিশ্চিত নই
reason-timeframe-unknown = সময়টা এখনো পরিষ্কার নয়

# Dates: $day and $year arrive in local digits, $month as a name. The
# genitive case ("২০২৭ সালের ৪ মার্চের") is what "মধ্যে", "পরে" and "আগে"
# take: messages use it as $date-genitive.
date-full = { $case ->
    [genitive] { $year } সালের { $day } { $month-genitive }
   *[plain] { $day } { $month } { $year }
}
month-1 = জানুয়ারি
month-2 = ফেব্রুয়ারি
month-3 = মার্চ
month-4 = এপ্রিল
month-5 = মে
month-6 = জুন
month-7 = জুলাই
month-8 = আগস্ট
month-9 = সেপ্টেম্বর
month-10 = অক্টোবর
month-11 = নভেম্বর
month-12 = ডিসেম্বর
month-genitive-1 = জানুয়ারির
month-genitive-2 = ফেব্রুয়ারির
month-genitive-3 = মার্চের
month-genitive-4 = এপ্রিলের
month-genitive-5 = মে-র
month-genitive-6 = জুনের
month-genitive-7 = জুলাইয়ের
month-genitive-8 = আগস্টের
month-genitive-9 = সেপ্টেম্বরের
month-genitive-10 = অক্টোবরের
month-genitive-11 = নভেম্বরের
month-genitive-12 = ডিসেম্বরের

festival-eid = ঈদ
festival-ramadan = রমজান
festival-puja = পূজা
festival-diwali = দীপাবলি
festival-holi = দোল
festival-boishakh = পহেলা বৈশাখ
festival-christmas = বড়দিন
festival-new-year = ইংরেজি নববর্ষ

# The hot-lead alert for the sales team (rendered in sales.locale).
alert-title = 🔥 হট লিড #{ $lead }: { $name }
alert-chat = চ্যাট: { $link }
alert-contact = যোগাযোগ: { $contact }
alert-contact-declined = যোগাযোগ: নম্বর বা ই-মেইল দেননি — ওপরের চ্যাটে তাঁকে সরাসরি মেসেজ করুন
alert-source = কোথা থেকে এসেছেন: { $source }
alert-criterion = { $criterion }: “{ $words }” → { $value } — { $status } ({ $reason })
alert-language = ভাষা: { $language }
alert-when = { $date }, { $time }-এ যোগ্য হয়েছেন
alert-claim = ✋ দায়িত্ব নিন
alert-won = ✅ সফল
alert-lost = ❌ হাতছাড়া
alert-claimed-by = ✋ দায়িত্ব নিয়েছেন { $name }
alert-already-claimed = এই লিডের দায়িত্ব ইতিমধ্যে { $name } নিয়েছেন।
alert-result-won = ✅ সফল — { $name }
alert-result-lost = ❌ হাতছাড়া — { $name }
alert-claim-first = আগে লিডটির দায়িত্ব নিন।
alert-not-theirs = এই লিডের দায়িত্ব { $name } নিয়েছেন — ফলাফল শুধু তিনিই জানাতে পারবেন।
alert-already-won = { $name } আগেই লিডটিকে সফল হিসেবে চিহ্নিত করেছেন; ফলাফল আর বদলানো যাবে না।
alert-already-lost = { $name } আগেই লিডটিকে হাতছাড়া হিসেবে চিহ্নিত করেছেন; ফলাফল আর বদলানো যাবে না।
alert-withdrawn = 🚫 লিড #{ $lead } সম্মতি প্রত্যাহার করেছেন। তাঁর সব তথ্য ও উত্তর মুছে ফেলা হয়েছে।
# The alert as the sales chat shows it now, kept verbatim when a sales
# action adds its line below it.
alert-as-posted = { $text }
alert-answer-changed = ✏️ লিড একটি উত্তর বদলেছেন ({ $criterion }); ওপরের তথ্যগুলো আপডেট করা হয়েছে।
alert-expired = 🗄 লিড #{ $lead }: শেষ যোগাযোগের { $days } দিন পর তাঁর তথ্য ও উত্তর মুছে ফেলা হয়েছে।
staff-not-allowed = দুঃখিত, এটি শুধু সেলস টিম করতে পারে।
staff-lead-line = #{ $id } { $name } — { $temperature }, { $stage }
staff-no-leads = এখনো কোনো লিড নেই।
staff-no-such-lead = #{ $id } নম্বরের কোনো লিড নেই।
staff-lead-answer = { $question }: “{ $words }”
staff-lead-stage = { $stage }: { $date }
# Funnel stages, as staff read them.
stage-information-qualified = সম্মতি দিয়েছেন
stage-marketing-qualified = আগ্রহী
stage-sales-qualified = হট
stage-sales-accepted = দায়িত্ব নেওয়া হয়েছে
stage-won = সফল
stage-lost = হাতছাড়া
staff-stats = গত { $days } দিন: { $leads } জন শুরু করেছেন → { $iq } সম্মতি → { $mq } আগ্রহী → { $sq } হট → { $sa } দায়িত্ব নেওয়া → { $won } সফল, { $lost } হাতছাড়া
staff-stats-claims = হট হওয়া থেকে দায়িত্ব নেওয়া পর্যন্ত: মিডিয়ান { $median }, ৯০% লিড { $p90 } বা তার কম সময়ে ({ $claimed }টি লিডের দায়িত্ব নেওয়া হয়েছে); এখন দায়িত্ব নেওয়ার অপেক্ষায় { $unclaimed }টি হট লিড
staff-stats-claims-none = এখনো কোনো হট লিডের দায়িত্ব নেওয়া হয়নি; এখন দায়িত্ব নেওয়ার অপেক্ষায় { $unclaimed }টি হট লিড
# A wait, from whole minutes: $days, $hours (0–23) and $minutes (0–59).
duration = { $days ->
    [0] { $hours ->
        [0] { $minutes } মিনিট
       *[other] { $hours } ঘণ্টা { $minutes } মিনিট
    }
   *[other] { $days } দিন { $hours } ঘণ্টা
}

answer-by-event = { $event } ({ $date-genitive } আগে)
answer-after-event = { $event } ({ $date-genitive } পরে)
answer-undetermined = এখনো নিশ্চিত নই
reason-undetermined = এখনো ঠিক করে বলা যায়নি
festival-eid-ul-fitr = ঈদুল ফিতর
festival-eid-ul-adha = ঈদুল আজহা
