# Conversation frame: greeting, language, consent, commands.
# Variables: $business is the company's name from the config; $name is the
# prospect's display name on the platform.

# Used for $business when the config names no business.
business-default-name = हमारी कंपनी
welcome = नमस्ते! 👋 मैं { $business } का असिस्टेंट हूँ। मुझे आपसे कुछ छोटे-छोटे सवाल पूछने हैं, ताकि हमारी टीम का सही व्यक्ति आपकी मदद कर सके।
welcome-named = नमस्ते { $name }! 👋 मैं { $business } का असिस्टेंट हूँ। मुझे आपसे कुछ छोटे-छोटे सवाल पूछने हैं, ताकि हमारी टीम का सही व्यक्ति आपकी मदद कर सके।
welcome-back = फिर से स्वागत है! चलिए, जहाँ रुके थे वहीं से आगे बढ़ते हैं — आपके पिछले जवाब सेव हैं।

# The language question and its re-ask are shown before a language is known,
# so they carry all three languages.
language-prompt = 👋 Hello · নমস্কার · नमस्ते! Please choose your language · অনুগ্রহ করে ভাষা বেছে নিন · कृपया अपनी भाषा चुनें
language-en = English
language-bn = বাংলা
language-hi = हिन्दी
language-reask = Please reply 1 for English, 2 for বাংলা or 3 for हिन्दी · বাংলার জন্য ২ লিখুন · हिन्दी के लिए 3 लिखें
language-set = बढ़िया, अब आगे की बातचीत हिन्दी में होगी।

privacy-notice =
    शुरू करने से पहले, आपकी जानकारी की गोपनीयता के बारे में एक छोटी-सी बात:
    • हम इन सवालों के आपके जवाब, इस चैट में दिखने वाला आपका नाम और आपका दिया हुआ फ़ोन नंबर या ई-मेल सेव करेंगे।
    • हम इनका इस्तेमाल सिर्फ़ इसलिए करते हैं ताकि { $business } आपकी ज़रूरत को समझ सके और उसके बारे में आपसे संपर्क कर सके। हम इन्हें कभी नहीं बेचते।
    • अगर आप हमारे ग्राहक नहीं बनते, तो हम इन्हें ज़्यादा से ज़्यादा { $days } दिन तक रखते हैं।
    • आप कभी भी इन्हें डिलीट करने के लिए कह सकते हैं।
consent-question = क्या आप इससे सहमत हैं?
consent-reask = माफ़ कीजिए, यहाँ मुझे साफ़-साफ़ हाँ या ना में जवाब चाहिए: क्या हम आपके जवाब ऊपर बताए गए तरीके से सेव कर सकते हैं?
consent-thanks = धन्यवाद! चलिए, शुरू करते हैं।
consent-declined = कोई बात नहीं — हमने आपका कोई भी जवाब सेव नहीं किया है। अगर बाद में आपका मन बदले, तो बस /start भेज दीजिए।

choice-yes = हाँ
choice-no = नहीं
choices-hint = आप कोई ऑप्शन चुन सकते हैं या उसका नंबर लिख सकते हैं।

help =
    आप ये कमांड इस्तेमाल कर सकते हैं:
    /start — शुरू करें, या जहाँ छोड़ा था वहीं से आगे बढ़ें
    /restart — सवाल फिर से शुरुआत से शुरू करें
    /language — भाषा बदलें
    /cancel — अभी के लिए रोकें; आपके जवाब सेव रहेंगे
    /help — यह मैसेज देखें
help-and-continue = चलिए, सवाल पर वापस आते हैं:
cancelled = ठीक है, यहीं रोक दिया है। आपके जवाब सेव हैं — जब चाहें आगे बढ़ने के लिए /start भेजें, या दोबारा शुरू करने के लिए /restart भेजें।
restarted = ज़रूर, चलिए पहले सवाल से फिर शुरू करते हैं।
already-finished = आप सभी सवालों के जवाब पहले ही दे चुके हैं — धन्यवाद! दोबारा जवाब देने के लिए /restart भेजें।
declined-reminder = आपने अपने जवाब शेयर न करने का फ़ैसला किया था, इसलिए मैंने कुछ भी सेव नहीं किया है। शुरू करना चाहें तो /start भेजें।
internal-error = माफ़ कीजिए, हमारी तरफ़ कुछ गड़बड़ हो गई। कृपया थोड़ी देर में फिर से कोशिश करें।
unknown-command = यह कमांड मुझे समझ नहीं आया। मैं क्या-क्या समझता हूँ, यह देखने के लिए /help भेजें।

# Channels: unreadable input, group chats, the command menu.
unsupported-media = माफ़ कीजिए, यहाँ मैं सिर्फ़ लिखा हुआ पढ़ सकता हूँ — कृपया अपना जवाब लिखें या नीचे किसी बटन पर टैप करें।
unsupported-edit = मैंने देखा कि आपने एक मैसेज एडिट किया है। मैं पहला जवाब ही रखता हूँ; अगर कुछ बदला है तो कृपया उसे फिर से भेज दें।
group-start = नमस्ते! 👋 आपके जवाब निजी रहें, इसलिए चलिए प्राइवेट चैट में बात करते हैं। शुरू करने के लिए नीचे दिए बटन पर टैप करें।
group-open-chat = प्राइवेट चैट खोलें
command-start = शुरू करें या वहीं से आगे बढ़ें
command-restart = सवाल फिर से शुरुआत से पूछें
command-language = भाषा बदलें
command-help = मैं क्या-क्या समझता हूँ
command-cancel = रोकें; आपके जवाब सेव रहेंगे
telegram-share-contact = 📱 मेरा फ़ोन नंबर भेजें
discord-use-qualify = नमस्ते! 👋 आपके जवाब निजी रहें, इसलिए कृपया /qualify चलाएँ — हम आपके डायरेक्ट मैसेज में बात आगे बढ़ाएँगे।
discord-check-dms = मैंने आपको डायरेक्ट मैसेज भेजा है — चलिए वहीं बात करते हैं।
discord-dms-closed = मैं आपको डायरेक्ट मैसेज नहीं भेज पाया। कृपया सर्वर की Privacy Settings में सर्वर के सदस्यों से डायरेक्ट मैसेज की अनुमति दें, फिर /qualify दोबारा चलाएँ।
discord-qualify-description = अपने DM में निजी तौर पर कुछ छोटे सवालों के जवाब दें
discord-leads-description = सेल्स टीम: लीड की सूची
discord-lead-description = सेल्स टीम: एक लीड के जवाब और चरण
discord-stats-description = सेल्स टीम: पिछले 7 और 30 दिनों का फ़नल
discord-option-temperature = हॉट, वॉर्म या कोल्ड
discord-option-count = कितनी लीड
discord-option-id = लीड का नंबर
