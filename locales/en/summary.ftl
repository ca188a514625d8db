# The summary at the end of the questionnaire, with the reason for each criterion.

summary-title = Thank you! Here is a summary of your answers:
summary-line = { $criterion }: { $answer } — { $status }, { $reason }.
summary-contact = Contact: { $answer }

criterion-budget = Budget
criterion-authority = Decision
criterion-need = Need
criterion-timeframe = Timeframe

status-met = ✅ fits
status-not-met = ❌ does not fit yet
status-unknown = ❔ unknown

answer-none = (no answer)

reason-budget-meets = it reaches our minimum of { $minimum }
reason-budget-below = our minimum is { $minimum }
reason-budget-undecided = no budget has been decided yet
reason-budget-no-threshold = we have no minimum set for { $currency }
reason-timeframe-within = it falls within the { $limit } days we plan for
reason-timeframe-beyond = we plan for the next { $limit } days
reason-timeframe-none = there is no timeframe yet
reason-need-meets = it is something we can help with
reason-need-not-met = it is not something we offer yet
reason-authority-meets = you take part in the decision
reason-authority-not-met = someone else makes the decision
reason-option-meets = this answer fits
reason-option-does-not-meet = this answer does not fit yet
reason-unanswered = this question was not answered

temperature-hot = hot 🔥
temperature-warm = warm 🌤
temperature-cold = cold ❄️
verdict = Result: { $temperature } — { $met } of { $total } criteria fit.
next-hot = A member of our team will contact you very soon. Thank you for your time!
next-warm = We'll send you useful information and a member of our team will be in touch. Thank you for your time!
next-cold = Thank you for your time! We'll keep you posted about offers that may suit you.

answer-money-range = { $min } – { $max }
answer-money-at-most = up to { $amount }
answer-money-at-least = at least { $amount }

answer-by-date = by { $date }
answer-after-date = after { $date }
answer-timeframe-unknown = not sure yet
reason-timeframe-unknown = the timeframe is not clear yet

# Dates: $day and $year arrive in local digits, $month as a name.
date-full = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

festival-eid = Eid
festival-ramadan = Ramadan
festival-puja = Puja
festival-diwali = Diwali
festival-holi = Holi
festival-boishakh = Pohela Boishakh
festival-christmas = Christmas
festival-new-year = New Year

# The hot-lead alert for the sales team (rendered in sales.locale).
alert-title = 🔥 Hot lead #{ $lead }: { $name }
alert-chat = Chat: { $link }
alert-contact = Contact: { $contact }
alert-source = Came from: { $source }
alert-criterion = { $criterion }: “{ $words }” → { $value } — { $status }, { $reason }
alert-language = Language: { $language }
alert-when = Qualified on { $date } at { $time }
alert-claim = ✋ Claim
alert-won = ✅ Won
alert-lost = ❌ Lost
alert-claimed-by = ✋ Claimed by { $name }
alert-already-claimed = { $name } has already claimed this lead.
alert-result-won = ✅ Won — { $name }
alert-result-lost = ❌ Lost — { $name }
alert-claim-first = Please claim the lead first.
alert-withdrawn = 🚫 Lead #{ $lead } withdrew their consent. Their details and answers have been erased.
# The alert as the sales chat shows it now, kept verbatim when a sales
# action adds its line below it.
alert-as-posted = { $text }
alert-expired = 🗄 Lead #{ $lead }: the details and answers were erased, { $days } days after the last contact.
staff-not-allowed = Sorry, only the sales team can do this.
staff-lead-line = #{ $id } { $name } — { $temperature }, { $stage }
staff-no-leads = No leads yet.
staff-no-such-lead = There is no lead #{ $id }.
staff-lead-answer = { $question }: “{ $words }”
staff-lead-stage = { $stage }: { $date }
staff-stats = Last { $days } days: { $leads } started → { $iq } consented → { $mq } engaged → { $sq } hot → { $sa } claimed → { $won } won, { $lost } lost

answer-by-event = before { $event } ({ $date })
answer-after-event = after { $event } ({ $date })
answer-undetermined = not sure yet
reason-undetermined = the prospect could not say yet
festival-eid-ul-fitr = Eid ul-Fitr
festival-eid-ul-adha = Eid ul-Adha
