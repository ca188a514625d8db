# Conversation frame: greeting, language, consent, commands.
# Variables: $business is the company's name from the config; $name is the
# prospect's display name on the platform.

# Used for $business when the config names no business.
business-default-name = our company
welcome = Hello! 👋 I'm the virtual assistant here at { $business }. I'll ask you a few short questions so that the right person on our team can help you.
welcome-named = Hello, { $name }! 👋 I'm the virtual assistant here at { $business }. I'll ask you a few short questions so that the right person on our team can help you.
welcome-back = Welcome back! Let's continue where we left off — your answers so far are saved.

# The language question and its re-ask are shown before a language is known,
# so they carry all three languages.
language-prompt = 👋 Hello · হ্যালো · नमस्ते! Please choose your language · অনুগ্রহ করে আপনার ভাষা বেছে নিন · कृपया अपनी भाषा चुनें
language-en = English
language-bn = বাংলা
language-hi = हिन्दी
language-reask = Please reply 1 for English, 2 for বাংলা or 3 for हिन्दी · বাংলার জন্য ২ লিখুন · हिन्दी के लिए 3 लिखें
language-set = Great, we'll continue in English.

privacy-notice =
    Before we begin, a short note on your privacy:
    • We will store your answers to these questions, your name as shown in this chat and the phone number or e-mail you give us.
    • Only the sales team at { $business } sees them, to understand your needs and contact you about them. We never sell them.
    • We keep them for { $days ->
        [one] { $days } day
       *[other] { $days } days
    } after your last message to us; after that they are erased automatically.
    • You can withdraw at any time: send /forget and we erase everything about you as soon as you confirm. Send /mydata to get a copy of what we hold.
consent-question = Is that okay with you?
consent-reask = Sorry, I need a clear yes or no here: may we store your answers as described above?
consent-thanks = Thank you! Let's begin.
consent-declined = No problem — we have not stored any of your answers. If you change your mind, just send /start.

choice-yes = Yes
choice-no = No
choices-hint = You can choose an option or type its number.

help =
    Here is what I understand:
    /start — start, or continue where you left off
    /restart — start the questions again from the beginning
    /language — change the language
    /cancel — pause; your answers stay saved
    /change — change one of your answers
    /mydata — get a copy of everything we store about you
    /forget — erase everything we store about you
    /help — show this message
help-and-continue = Let's continue with the question:
cancelled = Okay, let's stop here for now. Your answers are saved — send /start whenever you'd like to continue, or /restart to begin again.
restarted = Sure, let's start again from the first question.
already-finished = You have already answered all the questions — thank you! Send /restart to answer them again.
declined-reminder = You chose not to share your answers, so I haven't stored anything. Send /start if you'd like to begin.
internal-error = Sorry, something went wrong on our side. Please try again in a moment.
unknown-command = I don't know that command. Send /help to see what I understand.

# Channels: unreadable input, group chats, the command menu.
unsupported-media = Sorry, I can only read text here — please type your answer or tap one of the buttons.
unsupported-edit = I noticed you edited a message. I keep the first version; if something changed, please just send it again.
group-start = Hello! 👋 To keep your answers private, let's talk in a private chat. Tap the button below to start.
group-open-chat = Open a private chat
command-start = Start or continue
command-restart = Start the questions again
command-language = Change the language
command-help = What I understand
command-cancel = Pause; your answers stay saved
command-change = Change one of my answers
command-mydata = Get a copy of my data
command-forget = Erase my data
telegram-share-contact = 📱 Share my phone number
discord-use-qualify = Hi! 👋 To keep your answers private, please run /qualify — we'll continue in your direct messages.
discord-check-dms = I've sent you a direct message — let's continue there.
discord-dms-closed = I couldn't send you a direct message. Please allow direct messages from server members (the server's Privacy Settings), then run /qualify again.
# The /qualify slash command's name in this language, where Discord offers
# the locale (Discord has Hindi, not Bengali): lowercase, no spaces.
discord-qualify-name = qualify
discord-qualify-description = Answer a few short questions privately, in your DMs
discord-leads-description = Sales team: list leads
discord-lead-description = Sales team: one lead's answers and stages
discord-stats-description = Sales team: the funnel of the last 7 and 30 days
discord-option-temperature = hot, warm or cold
discord-option-count = how many leads
discord-option-id = the lead's number

# Data rights: a copy of everything stored, and erasure after one confirmation.
help-mydata = 📄 My data
help-forget = 🗑 Erase my data
mydata-sent = Here is a copy of everything we store about you, as a file. You can open it with any text editor.
nothing-stored = We don't store any information about you.
forget-confirm = Do you want us to erase everything we store about you — your answers and your contact details? This cannot be undone.
forget-yes = Yes, erase everything
forget-no = No, keep my answers
forget-done = Done — we have erased everything we stored about you. Thank you for your time. If you ever want to talk again, just send /start.
forget-kept = Okay, nothing has been erased.
forget-reask = Sorry, I need a clear yes or no here: shall we erase everything we store about you?
