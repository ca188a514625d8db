# The summary at the end of the questionnaire: the prospect's answers to
# check and change, and what happens next. Criteria, reasons and
# temperatures below are for the sales team only (alerts, /lead).

summary-title = Thank you! Here are your answers, so you can check them:
summary-answer = { $label }: { $answer }
summary-contact = Contact: { $answer }
# What happens next, the same for everyone: a prospect never learns their
# grade. An operator may set their own promise per language
# (business.promise); it is shown as given.
summary-next = Our team will be in touch with you soon. Thank you for your time!
summary-promise = { $text }
summary-change = Something not right? Tap an answer below to change it, or send /change.
change-answer = ✏️ { $label }
change-which = Which answer would you like to change?
change-nothing = There is no answer to change yet.
criterion-contact = Contact

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
reason-authority-meets = they take part in the decision
reason-authority-not-met = someone else makes the decision
reason-option-meets = this answer fits
reason-option-does-not-meet = this answer does not fit yet
reason-unanswered = this question was not answered

temperature-hot = hot 🔥
temperature-warm = warm 🌤
temperature-cold = cold ❄️

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
# The form dates take after a postposition; Bengali needs its own.
month-genitive-1 = January
month-genitive-2 = February
month-genitive-3 = March
month-genitive-4 = April
month-genitive-5 = May
month-genitive-6 = June
month-genitive-7 = July
month-genitive-8 = August
month-genitive-9 = September
month-genitive-10 = October
month-genitive-11 = November
month-genitive-12 = December

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
alert-contact-declined = Contact: not given — write to them in the chat above
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
alert-not-theirs = { $name } has claimed this lead: only they can record its result.
alert-already-won = Already marked won by { $name }: a result is final.
alert-already-lost = Already marked lost by { $name }: a result is final.
alert-withdrawn = 🚫 Lead #{ $lead } withdrew their consent. Their details and answers have been erased.
# The alert as the sales chat shows it now, kept verbatim when a sales
# action adds its line below it.
alert-as-posted = { $text }
alert-answer-changed = ✏️ The lead changed an answer ({ $criterion }); the details above are up to date.
alert-expired = 🗄 Lead #{ $lead }: the details and answers were erased, { $days } days after the last contact.
staff-not-allowed = Sorry, only the sales team can do this.
staff-lead-line = #{ $id } { $name } — { $temperature }, { $stage }
staff-no-leads = No leads yet.
staff-no-such-lead = There is no lead #{ $id }.
staff-lead-answer = { $question }: “{ $words }”
staff-lead-stage = { $stage }: { $date }
# Funnel stages, as staff read them.
stage-information-qualified = consented
stage-marketing-qualified = engaged
stage-sales-qualified = hot
stage-sales-accepted = claimed
stage-won = won
stage-lost = lost
staff-stats = Last { $days } days: { $leads } started → { $iq } consented → { $mq } engaged → { $sq } hot → { $sa } claimed → { $won } won, { $lost } lost
staff-stats-claims = Hot to claimed: median { $median }, 90% within { $p90 } ({ $claimed } claimed); { $unclaimed } hot unclaimed now
staff-stats-claims-none = No hot lead claimed yet; { $unclaimed } hot unclaimed now
# A wait, from whole minutes: $days, $hours (0–23) and $minutes (0–59).
duration = { $days ->
    [0] { $hours ->
        [0] { $minutes } min
       *[other] { $hours } h { $minutes } min
    }
   *[other] { $days } d { $hours } h
}

answer-by-event = before { $event } ({ $date })
answer-after-event = after { $event } ({ $date })
answer-undetermined = not sure yet
reason-undetermined = the prospect could not say yet
festival-eid-ul-fitr = Eid ul-Fitr
festival-eid-ul-adha = Eid ul-Adha
