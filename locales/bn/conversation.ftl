# Conversation frame: greeting, language, consent, commands.
# Variables: $business is the company's name from the config; $name is the
# prospect's display name on the platform.

# Used for $business when the config names no business.
business-default-name = আমাদের প্রতিষ্ঠান
welcome = হ্যালো! 👋 আমি { $business }-এর সহকারী। আপনাকে কয়েকটি ছোট প্রশ্ন করব, যাতে আমাদের টিমের সঠিক মানুষটি আপনাকে সাহায্য করতে পারেন।
welcome-named = হ্যালো, { $name }! 👋 আমি { $business }-এর সহকারী। আপনাকে কয়েকটি ছোট প্রশ্ন করব, যাতে আমাদের টিমের সঠিক মানুষটি আপনাকে সাহায্য করতে পারেন।
welcome-back = আবারও স্বাগতম! চলুন, যেখানে থেমেছিলাম সেখান থেকেই শুরু করি — আপনার আগের উত্তরগুলো সংরক্ষিত আছে।

# The language question and its re-ask are shown before a language is known,
# so they carry all three languages.
language-prompt = 👋 Hello · নমস্কার · नमस्ते! Please choose your language · অনুগ্রহ করে ভাষা বেছে নিন · कृपया अपनी भाषा चुनें
language-en = English
language-bn = বাংলা
language-hi = हिन्दी
language-reask = Please reply 1 for English, 2 for বাংলা or 3 for हिन्दी · বাংলার জন্য ২ লিখুন · हिन्दी के लिए 3 लिखें
language-set = দারুণ, তাহলে এখন থেকে বাংলাতেই কথা চালিয়ে যাই।

privacy-notice =
    শুরু করার আগে আপনার তথ্যের গোপনীয়তা নিয়ে ছোট্ট একটি কথা:
    • এই প্রশ্নগুলোর উত্তর, এই চ্যাটে দেখানো আপনার নাম এবং আপনি যে ফোন নম্বর বা ই-মেইল দেবেন — এগুলো আমরা সংরক্ষণ করব।
    • আমরা এগুলো শুধু এজন্যই ব্যবহার করি, যাতে { $business } আপনার প্রয়োজন বুঝে সে বিষয়ে আপনার সাথে যোগাযোগ করতে পারে। আমরা কখনো এগুলো বিক্রি করি না।
    • আপনি আমাদের গ্রাহক না হলে আমরা এগুলো সর্বোচ্চ { $days } দিন পর্যন্ত রাখি।
    • আপনি যেকোনো সময় এগুলো মুছে ফেলতে বলতে পারেন।
consent-question = এতে কি আপনার সম্মতি আছে?
consent-reask = দুঃখিত, এখানে আমার স্পষ্ট করে হ্যাঁ বা না জানা দরকার: ওপরে যেভাবে বলা হয়েছে, সেভাবে কি আমরা আপনার উত্তরগুলো সংরক্ষণ করতে পারি?
consent-thanks = ধন্যবাদ! চলুন শুরু করি।
consent-declined = কোনো সমস্যা নেই — আমরা আপনার কোনো উত্তর সংরক্ষণ করিনি। পরে মত বদলালে শুধু /start পাঠান।

choice-yes = হ্যাঁ
choice-no = না
choices-hint = যেকোনো একটি অপশন বেছে নিন, অথবা তার নম্বর লিখুন।

help =
    আমি যেসব কমান্ড বুঝি:
    /start — শুরু করুন, বা যেখানে থেমেছিলেন সেখান থেকে চালিয়ে যান
    /restart — প্রথম প্রশ্ন থেকে আবার শুরু করুন
    /language — ভাষা পরিবর্তন করুন
    /cancel — আপাতত থামান; আপনার উত্তরগুলো সংরক্ষিত থাকবে
    /help — এই বার্তাটি দেখুন
help-and-continue = চলুন, প্রশ্নে ফিরে যাই:
cancelled = ঠিক আছে, এখানেই থামলাম। আপনার উত্তরগুলো সংরক্ষিত আছে — যখন খুশি চালিয়ে যেতে /start পাঠান, আর নতুন করে শুরু করতে /restart পাঠান।
restarted = অবশ্যই, চলুন প্রথম প্রশ্ন থেকে আবার শুরু করি।
already-finished = আপনি ইতিমধ্যে সব প্রশ্নের উত্তর দিয়েছেন — ধন্যবাদ! আবার উত্তর দিতে চাইলে /restart পাঠান।
declined-reminder = আপনি উত্তর শেয়ার না করার সিদ্ধান্ত নিয়েছিলেন, তাই আমি কিছুই সংরক্ষণ করিনি। শুরু করতে চাইলে /start পাঠান।
internal-error = দুঃখিত, আমাদের দিকে একটি সমস্যা হয়েছে। অনুগ্রহ করে একটু পরে আবার চেষ্টা করুন।
unknown-command = এই কমান্ডটি আমি চিনি না। আমি কী কী বুঝি, দেখতে /help পাঠান।

# Channels: unreadable input, group chats, the command menu.
unsupported-media = দুঃখিত, এখানে আমি শুধু লেখা পড়তে পারি — অনুগ্রহ করে উত্তরটি লিখুন বা নিচের একটি বোতামে ট্যাপ করুন।
unsupported-edit = দেখলাম আপনি একটি মেসেজ এডিট করেছেন। আমি প্রথম উত্তরটিই রাখি; কিছু বদলে থাকলে আবার লিখে পাঠান।
group-start = হ্যালো! 👋 আপনার উত্তরগুলো গোপন রাখতে চলুন ব্যক্তিগত চ্যাটে কথা বলি। শুরু করতে নিচের বোতামে ট্যাপ করুন।
group-open-chat = ব্যক্তিগত চ্যাট খুলুন
command-start = শুরু করুন বা আগের জায়গা থেকে চালিয়ে যান
command-restart = প্রশ্নগুলো আবার প্রথম থেকে শুরু করুন
command-language = ভাষা বদলান
command-help = আমি কী কী বুঝি
command-cancel = বিরতি দিন; আপনার উত্তর সংরক্ষিত থাকবে
telegram-share-contact = 📱 আমার ফোন নম্বর পাঠান
discord-use-qualify = হ্যালো! 👋 আপনার উত্তরগুলো গোপন রাখতে /qualify চালান — আমরা আপনার ডাইরেক্ট মেসেজে কথা চালিয়ে যাব।
discord-check-dms = আপনাকে একটি ডাইরেক্ট মেসেজ পাঠিয়েছি — চলুন সেখানেই কথা বলি।
discord-dms-closed = আপনাকে ডাইরেক্ট মেসেজ পাঠাতে পারিনি। সার্ভারের Privacy Settings থেকে সার্ভারের সদস্যদের ডাইরেক্ট মেসেজ চালু করুন, তারপর আবার /qualify চালান।
discord-qualify-description = ডাইরেক্ট মেসেজে গোপনে কয়েকটি ছোট প্রশ্নের উত্তর দিন
discord-leads-description = সেলস টিম: লিডের তালিকা
discord-lead-description = সেলস টিম: একটি লিডের উত্তর ও ধাপ
discord-stats-description = সেলস টিম: গত ৭ ও ৩০ দিনের ফানেল
discord-option-temperature = হট, ওয়ার্ম বা কোল্ড
discord-option-count = কয়টি লিড
discord-option-id = লিডের নম্বর
