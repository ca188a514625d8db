# The summary at the end of the questionnaire: the prospect's answers to
# check and change, and what happens next. Criteria, reasons and
# temperatures below are for the sales team only (alerts, /lead).

summary-title = धन्यवाद! एक बार अपने जवाब देख लीजिए:
summary-answer = { $label }: { $answer }
summary-contact = संपर्क: { $answer }
# What happens next, the same for everyone: a prospect never learns their
# grade. An operator may set their own promise per language
# (business.promise); it is shown as given.
summary-next = हमारी टीम जल्द ही आपसे संपर्क करेगी। अपना समय देने के लिए धन्यवाद!
summary-promise = { $text }
summary-change = कोई जवाब बदलना हो तो नीचे उसके बटन पर टैप करें, या /change भेजें।
change-answer = ✏️ { $label }
change-which = कौन-सा जवाब बदलना है?
change-nothing = अभी बदलने के लिए कोई जवाब नहीं है।
criterion-contact = संपर्क

criterion-budget = बजट
criterion-authority = फ़ैसला
criterion-need = ज़रूरत
criterion-timeframe = समय-सीमा

status-met = ✅ उपयुक्त
status-not-met = ❌ अभी उपयुक्त नहीं
status-unknown = ❔ पता नहीं

answer-none = (कोई जवाब नहीं)
reason-budget-meets = यह हमारे न्यूनतम बजट { $minimum } को पूरा करता है
reason-budget-below = हमारा न्यूनतम बजट { $minimum } है
reason-budget-undecided = अभी बजट तय नहीं हुआ है
reason-budget-no-threshold = { $currency } में हमारा कोई न्यूनतम बजट तय नहीं है
reason-timeframe-within = यह हमारी योजना की { $limit } दिन की अवधि के अंदर है
reason-timeframe-beyond = हमारी योजना अगले { $limit } दिन के लिए है
reason-timeframe-none = अभी कोई समय-सीमा तय नहीं है
reason-need-meets = इसमें हम मदद कर सकते हैं
reason-need-not-met = यह अभी हमारी सेवाओं में नहीं है
reason-authority-meets = फ़ैसले में इनकी भूमिका है
reason-authority-not-met = फ़ैसला कोई और लेगा
reason-option-meets = यह जवाब उपयुक्त है
reason-option-does-not-meet = यह जवाब अभी उपयुक्त नहीं है
reason-unanswered = इस सवाल का जवाब नहीं दिया गया

temperature-hot = हॉट 🔥
temperature-warm = वॉर्म 🌤
temperature-cold = कोल्ड ❄️

answer-money-range = { $min } – { $max }
answer-money-at-most = अधिकतम { $amount }
answer-money-at-least = कम से कम { $amount }

answer-by-date = { $date } तक
answer-after-date = { $date } के बाद
answer-timeframe-unknown = अभी पक्का नहीं
reason-timeframe-unknown = समय अभी साफ़ नहीं है

# Dates: $day and $year arrive in local digits, $month as a name.
date-full = { $day } { $month } { $year }
month-1 = जनवरी
month-2 = फ़रवरी
month-3 = मार्च
month-4 = अप्रैल
month-5 = मई
month-6 = जून
month-7 = जुलाई
month-8 = अगस्त
month-9 = सितंबर
month-10 = अक्टूबर
month-11 = नवंबर
month-12 = दिसंबर
# The form dates take after a postposition; Bengali needs its own.
month-genitive-1 = जनवरी
month-genitive-2 = फ़रवरी
month-genitive-3 = मार्च
month-genitive-4 = अप्रैल
month-genitive-5 = मई
month-genitive-6 = जून
month-genitive-7 = जुलाई
month-genitive-8 = अगस्त
month-genitive-9 = सितंबर
month-genitive-10 = अक्टूबर
month-genitive-11 = नवंबर
month-genitive-12 = दिसंबर

festival-eid = ईद
festival-ramadan = रमज़ान
festival-puja = दुर्गा पूजा
festival-diwali = दिवाली
festival-holi = होली
festival-boishakh = पोइला बैसाख
festival-christmas = क्रिसमस
festival-new-year = न्यू ईयर

# The hot-lead alert for the sales team (rendered in sales.locale).
alert-title = 🔥 हॉट लीड #{ $lead }: { $name }
alert-chat = चैट: { $link }
alert-contact = संपर्क: { $contact }
alert-contact-declined = संपर्क: नंबर या ई-मेल नहीं दिया — ऊपर दी गई चैट में उन्हें सीधे मैसेज करें
alert-source = लीड कहाँ से आई: { $source }
alert-criterion = { $criterion }: “{ $words }” → { $value } — { $status } ({ $reason })
alert-language = भाषा: { $language }
alert-when = { $date } को { $time } बजे लीड क्वालिफ़ाई हुई
alert-claim = ✋ ज़िम्मेदारी लें
alert-won = ✅ डील पक्की
alert-lost = ❌ डील हाथ से गई
alert-claimed-by = ✋ { $name } ने ज़िम्मेदारी ली
alert-already-claimed = इस लीड की ज़िम्मेदारी पहले से { $name } के पास है।
alert-result-won = ✅ डील पक्की — { $name }
alert-result-lost = ❌ डील हाथ से गई — { $name }
alert-claim-first = कृपया पहले लीड की ज़िम्मेदारी लें।
alert-not-theirs = इस लीड की ज़िम्मेदारी { $name } के पास है — नतीजा दर्ज करना सिर्फ़ उन्हीं के हाथ में है।
alert-already-won = इस लीड का नतीजा पहले ही दर्ज हो चुका है: ✅ डील पक्की — { $name }। नतीजा अब बदला नहीं जा सकता।
alert-already-lost = इस लीड का नतीजा पहले ही दर्ज हो चुका है: ❌ डील हाथ से गई — { $name }। नतीजा अब बदला नहीं जा सकता।
alert-withdrawn = 🚫 लीड #{ $lead } ने अपनी सहमति वापस ले ली है। उनकी सारी जानकारी और जवाब डिलीट कर दिए गए हैं।
# The alert as the sales chat shows it now, kept verbatim when a sales
# action adds its line below it.
alert-as-posted = { $text }
alert-answer-changed = ✏️ लीड ने एक जवाब बदला है ({ $criterion }); ऊपर की जानकारी अपडेट कर दी गई है।
alert-expired = 🗄 लीड #{ $lead }: आख़िरी संपर्क के { $days } दिन बाद इनकी जानकारी और जवाब डिलीट कर दिए गए हैं।
staff-not-allowed = माफ़ कीजिए, यह सिर्फ़ सेल्स टीम कर सकती है।
staff-lead-line = #{ $id } { $name } — { $temperature }, { $stage }
staff-no-leads = अभी कोई लीड नहीं है।
staff-no-such-lead = #{ $id } नंबर की कोई लीड नहीं है।
staff-lead-answer = { $question }: “{ $words }”
staff-lead-stage = { $stage }: { $date }
# Funnel stages, as staff read them.
stage-information-qualified = सहमति दी
stage-marketing-qualified = रुचि
stage-sales-qualified = हॉट
stage-sales-accepted = ज़िम्मेदारी ली गई
stage-won = डील पक्की
stage-lost = डील हाथ से गई
staff-stats = पिछले { $days } दिन: { $leads } ने शुरू किया → { $iq } सहमति → { $mq } रुचि → { $sq } हॉट → { $sa } की ज़िम्मेदारी ली गई → { $won } डील पक्की, { $lost } हाथ से गई
staff-stats-claims = हॉट होने से ज़िम्मेदारी लेने तक: मीडियन { $median }, 90% लीड { $p90 } के अंदर ({ $claimed } लीड की ज़िम्मेदारी ली गई); अभी ज़िम्मेदारी के इंतज़ार में { $unclaimed } हॉट लीड
staff-stats-claims-none = अभी तक किसी हॉट लीड की ज़िम्मेदारी नहीं ली गई; अभी ज़िम्मेदारी के इंतज़ार में { $unclaimed } हॉट लीड
# A wait, from whole minutes: $days, $hours (0–23) and $minutes (0–59).
duration = { $days ->
    [0] { $hours ->
        [0] { $minutes } मिनट
        [one] { $hours } घंटा { $minutes } मिनट
       *[other] { $hours } घंटे { $minutes } मिनट
    }
   *[other] { $hours ->
        [0] { $days } दिन
        [one] { $days } दिन { $hours } घंटा
       *[other] { $days } दिन { $hours } घंटे
    }
}

answer-by-event = { $event } से पहले ({ $date })
answer-after-event = { $event } के बाद ({ $date })
answer-undetermined = अभी पक्का नहीं
reason-undetermined = अभी ठीक से पता नहीं चल पाया
festival-eid-ul-fitr = ईद-उल-फ़ितर
festival-eid-ul-adha = ईद-उल-अज़हा
