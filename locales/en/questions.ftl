# The default BANT questionnaire: questions, options and re-asks.

q-need = What would you like our help with?
need-more-customers = Getting more customers
need-website = A website or an app
need-automation = Software to run my business
need-other = Something else
q-need-other = Please tell me in a few words what you need.

q-budget = What budget do you have in mind for this? Write it however you like — for example “2 lakh taka”, “₹50,000” or “75k”.
budget-undecided = Not decided yet

q-authority = Who will make the final decision on this?
authority-self = I decide
authority-shared = I decide together with others
authority-other = Someone else decides
q-authority-who = Who makes the decision? For example: my manager, the owner, my partner.

q-timeframe = When would you like to get started?
timeframe-one-month = Within a month
timeframe-three-months = Within 3 months
timeframe-six-months = Within 6 months
timeframe-exploring = Just exploring for now

q-contact = Last question: what is the best phone number or e-mail address to reach you?

reask-choice = Sorry, I didn't quite get that. Please pick one of the options below — you can also type its number.
reask-money = Sorry, I couldn't read that as an amount. Could you write it like “50,000 taka”, “2 lakh” or “₹1,50,000”, or pick one of the options below? If you haven't decided yet, just say so.
reask-timeframe = Sorry, I didn't catch when. You can pick an option below or write something like “in 2 weeks” or “within 3 months”.
reask-yes-no = Sorry, I didn't catch that. Please answer yes or no.
reask-phone = That doesn't look like a phone number. Please write it with the country code or as you'd dial it, for example +8801712345678 or 98765 43210.
reask-email = That doesn't look like an e-mail address. Please check it, for example name@example.com.
reask-contact = I couldn't find a phone number or e-mail address in that. Please write one, for example 01712-345678 or name@example.com.
reask-text = Please write your answer in a few words.

budget-under-50k = Under 50,000
budget-50k-2l = 50,000 to 2 lakh
budget-above-2l = More than 2 lakh
confirm-budget = Just to check: { $amount } — is that right?
choice-confirm = Yes, that's right
choice-change = No, let me change it

# An answer the bot read with a guess (a misspelt word): echoed back.
confirm-answer = Just to check: { $answer } — is that right?
# A bare number such as "50": thousands or lakhs? The readings are buttons.
pick-amount = Just to be sure — which amount do you mean?
pick-eid = Which Eid do you mean?
pick-reading = Just to be sure — which one do you mean?
choice-value = { $value }
choice-something-else = Something else
# "Don't know" to what they need help with, the first time.
reask-need-unknown = No problem! Pick whatever comes closest below, or tell me in a few words what you'd like help with.

# A prospect who would rather not give a contact, and numbers a digit
# short or long.
contact-refused = No problem. We only use it so that our team can reply to you directly, and we never share it. If you would rather not, tap “Continue without” and our team will reply to you here in this chat.
contact-skip = Continue without
reask-phone-incomplete-bd = This number seems to have a digit too few or too many — a Bangladeshi mobile number has 11 digits, like 01712-345678. Could you check it and send it again?
reask-phone-incomplete-in = This number seems to have a digit too few or too many — an Indian mobile number has 10 digits, like 98765 43210. Could you check it and send it again?
