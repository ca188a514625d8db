# Conversation frame: greeting, language, consent, commands.
# Variables: $business is the company's name from the config; $name is the
# prospect's display name on the platform.

# Used for $business when the config names no business. The messages always
# put a postposition after $business (का, की), so the default is in the
# oblique form: "इस कंपनी का", "इस कंपनी की".
business-default-name = इस कंपनी
welcome = नमस्ते! 👋 मैं { $business } का वर्चुअल असिस्टेंट हूँ। आपसे कुछ छोटे-छोटे सवाल पूछूँगा, ताकि हमारी टीम का सही व्यक्ति आपकी मदद कर सके।
welcome-named = नमस्ते, { $name }! 👋 मैं { $business } का वर्चुअल असिस्टेंट हूँ। आपसे कुछ छोटे-छोटे सवाल पूछूँगा, ताकि हमारी टीम का सही व्यक्ति आपकी मदद कर सके।
welcome-back = फिर से स्वागत है! चलिए, जहाँ बात रुकी थी वहीं से आगे बढ़ते हैं — अब तक के आपके जवाब सेव हैं।

# The language question and its re-ask are shown before a language is known,
# so they carry all three languages.
language-prompt = 👋 Hello · হ্যালো · नमस्ते! Please choose your language · অনুগ্রহ করে আপনার ভাষা বেছে নিন · कृपया अपनी भाषा चुनें
language-en = English
language-bn = বাংলা
language-hi = हिन्दी
language-reask = Please reply 1 for English, 2 for বাংলা or 3 for हिन्दी · বাংলার জন্য ২ লিখুন · हिन्दी के लिए 3 लिखें
language-set = बढ़िया, अब आगे की बातचीत हिन्दी में होगी।

privacy-notice =
    शुरू करने से पहले, आपकी जानकारी की गोपनीयता के बारे में एक छोटी-सी बात:
    • हम इन सवालों के आपके जवाब, इस चैट में दिखने वाला आपका नाम और आपका दिया हुआ फ़ोन नंबर या ई-मेल सेव करेंगे।
    • इन्हें सिर्फ़ { $business } की सेल्स टीम देखेगी, ताकि वह आपकी ज़रूरत समझकर इस बारे में आपसे संपर्क कर सके। हम इन्हें कभी नहीं बेचते।
    • आपके आख़िरी मैसेज के बाद हम इन्हें { $days } दिन तक रखते हैं; उसके बाद ये अपने-आप डिलीट हो जाते हैं।
    • अपनी सहमति वापस लेनी हो तो कभी भी /forget भेजें — आपकी पुष्टि के बाद हम आपकी सारी जानकारी डिलीट कर देंगे। हमारे पास आपकी जो जानकारी है, उसकी कॉपी पाने के लिए /mydata भेजें।
consent-question = क्या आप इससे सहमत हैं?
consent-reask = माफ़ कीजिए, कृपया साफ़-साफ़ हाँ या नहीं बताइए: क्या हम आपके जवाब ऊपर बताए गए तरीक़े से सेव कर सकते हैं?
consent-thanks = धन्यवाद! चलिए, शुरू करते हैं।
consent-declined = कोई बात नहीं — हमने आपका कोई भी जवाब सेव नहीं किया है। अगर बाद में आपका मन बदले, तो बस /start भेज दीजिए।

choice-yes = हाँ
choice-no = नहीं
choices-hint = कोई ऑप्शन चुनें या उसका नंबर लिखें।

help =
    मैं ये कमांड समझता हूँ:
    /start — शुरू करें, या जहाँ छोड़ा था वहीं से आगे बढ़ें
    /restart — सारे सवाल फिर से शुरू से
    /language — भाषा बदलें
    /cancel — अभी के लिए रोकें; आपके जवाब सेव रहेंगे
    /change — कोई जवाब बदलें
    /mydata — हमारे पास आपकी जो भी जानकारी सेव है, उसकी कॉपी पाएँ
    /forget — आपके बारे में सेव की गई सारी जानकारी डिलीट करें
    /help — यह मैसेज देखें
help-and-continue = चलिए, सवाल पर वापस आते हैं:
cancelled = ठीक है, अभी यहीं रुकते हैं। आपके जवाब सेव हैं — जब चाहें आगे बढ़ने के लिए /start भेजें, या दोबारा शुरू करने के लिए /restart भेजें।
restarted = ज़रूर, चलिए पहले सवाल से फिर शुरू करते हैं।
already-finished = आपके सभी जवाब मिल गए हैं — धन्यवाद! दोबारा जवाब देने के लिए /restart भेजें।
declined-reminder = आपने अपने जवाब शेयर न करने का फ़ैसला किया था, इसलिए मैंने कुछ भी सेव नहीं किया है। शुरू करना चाहें तो /start भेजें।
internal-error = माफ़ कीजिए, हमारी तरफ़ कुछ गड़बड़ हो गई। कृपया थोड़ी देर में फिर से कोशिश करें।
unknown-command = यह कमांड मैं नहीं पहचानता। मैं क्या-क्या समझता हूँ, यह देखने के लिए /help भेजें।

# Channels: unreadable input, group chats, the command menu.
unsupported-media = माफ़ कीजिए, यहाँ मैं सिर्फ़ टेक्स्ट पढ़ सकता हूँ — कृपया अपना जवाब लिखें या नीचे किसी बटन पर टैप करें।
unsupported-edit = मैंने देखा कि आपने एक मैसेज एडिट किया है। मैं पहली बार भेजा गया मैसेज ही रखता हूँ; अगर कुछ बदला है तो कृपया उसे फिर से भेज दें।
group-start = नमस्ते! 👋 आपके जवाब निजी रहें, इसलिए चलिए प्राइवेट चैट में बात करते हैं। शुरू करने के लिए नीचे दिए बटन पर टैप करें।
group-open-chat = प्राइवेट चैट खोलें
command-start = शुरू करें या आगे बढ़ें
command-restart = सारे सवाल फिर से शुरू से
command-language = भाषा बदलें
command-help = मैं क्या-क्या समझता हूँ
command-cancel = अभी के लिए रोकें; आपके जवाब सेव रहेंगे
command-change = मेरा कोई जवाब बदलें
command-mydata = मेरी जानकारी की कॉपी पाएँ
command-forget = मेरी जानकारी डिलीट करें
telegram-share-contact = 📱 मेरा फ़ोन नंबर भेजें
discord-use-qualify = नमस्ते! 👋 आपके जवाब निजी रहें, इसलिए कृपया /qualify चलाएँ — हम आपके डायरेक्ट मैसेज में बात आगे बढ़ाएँगे।
discord-check-dms = मैंने आपको डायरेक्ट मैसेज भेजा है — चलिए वहीं बात करते हैं।
discord-dms-closed = मैं आपको डायरेक्ट मैसेज नहीं भेज पाया। कृपया सर्वर की Privacy Settings में सर्वर के सदस्यों से डायरेक्ट मैसेज की अनुमति दें, फिर /qualify दोबारा चलाएँ।
# The /qualify slash command's name in this language, where Discord offers
# the locale (Discord has Hindi, not Bengali): lowercase, no spaces.
discord-qualify-name = पात्रता
discord-qualify-description = डायरेक्ट मैसेज में निजी तौर पर कुछ छोटे सवालों के जवाब दें
discord-leads-description = सेल्स टीम: लीड की सूची
discord-lead-description = सेल्स टीम: एक लीड के जवाब और स्टेज
discord-stats-description = सेल्स टीम: पिछले 7 और 30 दिनों का फ़नल
discord-option-temperature = हॉट, वॉर्म या कोल्ड
discord-option-count = कितनी लीड
discord-option-id = लीड का नंबर

# डेटा के अधिकार: सेव की गई सारी जानकारी की कॉपी, और एक बार पुष्टि करके सब डिलीट करना।
help-mydata = 📄 मेरी जानकारी
help-forget = 🗑 मेरी जानकारी डिलीट करें
mydata-sent = हमारे पास आपकी जो भी जानकारी सेव है, उसकी एक कॉपी फ़ाइल के रूप में भेज रहे हैं। इसे किसी भी टेक्स्ट एडिटर में खोला जा सकता है।
nothing-stored = हमारे पास आपकी कोई भी जानकारी सेव नहीं है।
forget-confirm = क्या हम आपके जवाब और संपर्क की जानकारी समेत आपके बारे में सेव की गई सारी जानकारी डिलीट कर दें? एक बार डिलीट होने के बाद इसे वापस नहीं लाया जा सकता।
forget-yes = हाँ, सब डिलीट करें
forget-no = नहीं, रहने दें
forget-done = हो गया — आपके बारे में सेव की गई सारी जानकारी हमने डिलीट कर दी है। अपना समय देने के लिए धन्यवाद। अगर फिर कभी बात करनी हो, तो बस /start भेजें।
forget-kept = ठीक है, कुछ भी डिलीट नहीं किया गया।
forget-reask = माफ़ कीजिए, कृपया साफ़-साफ़ हाँ या नहीं बताइए: क्या हम आपके बारे में सेव की गई सारी जानकारी डिलीट कर दें?
