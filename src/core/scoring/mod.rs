//! BANT scoring: for each criterion met / not met / unknown, with the reason
//! (the parsed value and the threshold it was compared with), and the lead's
//! temperature.

use super::answer::{Answer, AnswerValue, Budget, Currency, Money, Timeframe};
use super::criterion::Criterion;
use super::language::Language;
use super::message::{ids, Arg, Msg};
use super::questionnaire::{OptionValue, Question, QuestionKind, Questionnaire};
use super::stage::Temperature;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The thresholds a business sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoringPolicy {
    /// The smallest budget that meets the criterion, per currency. A budget
    /// in a currency with no entry does not meet it.
    pub min_budget: BTreeMap<Currency, u64>,
    /// The longest timeframe, in days from the answer, that meets the criterion.
    pub max_timeframe_days: u32,
    /// The currency of an amount that names none, per conversation language.
    pub default_currency: BTreeMap<Language, Currency>,
    /// Which options of authority questions meet the criterion, when the
    /// business sets it in its config; otherwise each option's `meets`.
    pub authority_counts: Option<BTreeSet<String>>,
    /// The business's offset from UTC, in minutes: "today", "this month" and
    /// the timeframe horizon are counted in its calendar.
    pub utc_offset_minutes: i32,
    /// A prospect who declined to give a contact still qualifies (marketing,
    /// then sales) when their platform lets sales reach them.
    pub qualify_without_contact: bool,
}

impl Default for ScoringPolicy {
    fn default() -> Self {
        ScoringPolicy {
            min_budget: BTreeMap::from([
                (Currency::Bdt, 100_000),
                (Currency::Inr, 75_000),
                (Currency::Usd, 1_000),
            ]),
            max_timeframe_days: 90,
            default_currency: BTreeMap::from([
                (Language::En, Currency::Bdt),
                (Language::Bn, Currency::Bdt),
                (Language::Hi, Currency::Inr),
            ]),
            authority_counts: None,
            // Dhaka; India is +05:30.
            utc_offset_minutes: 360,
            qualify_without_contact: true,
        }
    }
}

impl ScoringPolicy {
    /// The business's calendar day at an instant.
    pub fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        let offset = chrono::FixedOffset::east_opt(self.utc_offset_minutes * 60)
            .unwrap_or(chrono::FixedOffset::east_opt(0).expect("zero offset"));
        at.with_timezone(&offset).date_naive()
    }

    pub fn currency_for(&self, language: Option<Language>) -> Currency {
        language
            .and_then(|l| self.default_currency.get(&l).copied())
            .unwrap_or(Currency::Bdt)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    NotMet,
    Unknown,
}

/// Why a criterion is met or not, with the values compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    BudgetMeets {
        amount: Money,
        minimum: Money,
    },
    BudgetBelow {
        amount: Money,
        minimum: Money,
    },
    BudgetUndecided,
    BudgetNoThreshold {
        currency: Currency,
    },
    TimeframeWithin {
        days: u32,
        limit: u32,
    },
    TimeframeBeyond {
        days: u32,
        limit: u32,
    },
    TimeframeNone,
    TimeframeUnknown,
    /// A chosen option (or yes/no, or given text) that meets its criterion.
    OptionMeets {
        criterion: Criterion,
        option: String,
    },
    OptionDoesNotMeet {
        criterion: Criterion,
        option: String,
    },
    Unanswered,
    /// "Don't know", asked twice.
    Undetermined,
}

impl Reason {
    pub fn to_msg(&self) -> Msg {
        match self {
            Reason::BudgetMeets { minimum, .. } => {
                Msg::new(ids::REASON_BUDGET_MEETS).money("minimum", *minimum)
            }
            Reason::BudgetBelow { minimum, .. } => {
                Msg::new(ids::REASON_BUDGET_BELOW).money("minimum", *minimum)
            }
            Reason::BudgetUndecided => Msg::new(ids::REASON_BUDGET_UNDECIDED),
            Reason::BudgetNoThreshold { currency } => {
                Msg::new(ids::REASON_BUDGET_NO_THRESHOLD).text("currency", currency.code())
            }
            Reason::TimeframeWithin { limit, .. } => {
                Msg::new(ids::REASON_TIMEFRAME_WITHIN).int("limit", i64::from(*limit))
            }
            Reason::TimeframeBeyond { limit, .. } => {
                Msg::new(ids::REASON_TIMEFRAME_BEYOND).int("limit", i64::from(*limit))
            }
            Reason::TimeframeNone => Msg::new(ids::REASON_TIMEFRAME_NONE),
            Reason::TimeframeUnknown => Msg::new(ids::REASON_TIMEFRAME_UNKNOWN),
            // Need and authority say why in their own words; a custom
            // yes/no or choice question for budget or timeframe gets the
            // general reason.
            Reason::OptionMeets { criterion, .. } => Msg::new(match criterion {
                Criterion::Need => ids::REASON_NEED_MEETS,
                Criterion::Authority => ids::REASON_AUTHORITY_MEETS,
                _ => ids::REASON_OPTION_MEETS,
            }),
            Reason::OptionDoesNotMeet { criterion, .. } => Msg::new(match criterion {
                Criterion::Need => ids::REASON_NEED_NOT_MET,
                Criterion::Authority => ids::REASON_AUTHORITY_NOT_MET,
                _ => ids::REASON_OPTION_DOES_NOT_MEET,
            }),
            Reason::Unanswered => Msg::new(ids::REASON_UNANSWERED),
            Reason::Undetermined => Msg::new(ids::REASON_UNDETERMINED),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionScore {
    pub criterion: Criterion,
    /// The question that decided it, if any was answered.
    pub question: Option<String>,
    pub status: Status,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scorecard {
    /// Need, budget, authority, timeframe, in that order.
    pub criteria: Vec<CriterionScore>,
    pub met: usize,
    pub temperature: Temperature,
}

impl Scorecard {
    pub fn status(&self, criterion: Criterion) -> Status {
        self.criteria
            .iter()
            .find(|c| c.criterion == criterion)
            .map_or(Status::Unknown, |c| c.status)
    }
}

/// Scores the answers given so far.
pub fn score(
    questionnaire: &Questionnaire,
    answers: &BTreeMap<String, Answer>,
    policy: &ScoringPolicy,
    language: Option<Language>,
) -> Scorecard {
    let default_currency = policy.currency_for(language);
    let criteria: Vec<CriterionScore> = Criterion::BANT
        .into_iter()
        .map(|criterion| {
            // The first answered question of the criterion decides it.
            questionnaire
                .questions
                .iter()
                .filter(|q| q.criterion == criterion)
                .find_map(|q| answers.get(&q.id).map(|a| (q, a)))
                .map_or(
                    CriterionScore {
                        criterion,
                        question: None,
                        status: Status::Unknown,
                        reason: Reason::Unanswered,
                    },
                    |(question, answer)| {
                        let (status, reason) = judge(question, answer, policy, default_currency);
                        CriterionScore {
                            criterion,
                            question: Some(question.id.clone()),
                            status,
                            reason,
                        }
                    },
                )
        })
        .collect();
    let met = criteria.iter().filter(|c| c.status == Status::Met).count();
    Scorecard {
        criteria,
        met,
        temperature: Temperature::from_met(met),
    }
}

fn judge(
    question: &Question,
    answer: &Answer,
    policy: &ScoringPolicy,
    default_currency: Currency,
) -> (Status, Reason) {
    let verdict =
        |met: bool, reason: Reason| (if met { Status::Met } else { Status::NotMet }, reason);
    match &answer.value {
        AnswerValue::Choice { option } => {
            let meets = match (&policy.authority_counts, question.criterion) {
                (Some(counts), Criterion::Authority) => counts.contains(option),
                _ => question.option(option).is_some_and(|o| o.meets),
            };
            option_verdict(question.criterion, meets, option)
        }
        AnswerValue::YesNo { yes } => {
            let option = if *yes { "yes" } else { "no" };
            option_verdict(question.criterion, *yes == question.meets_when_yes, option)
        }
        AnswerValue::Budget { budget } => judge_budget(budget, policy, default_currency),
        AnswerValue::Timeframe { timeframe } => match *timeframe {
            Timeframe::NoRush => verdict(false, Reason::TimeframeNone),
            Timeframe::Unknown | Timeframe::Event { .. } => {
                verdict(false, Reason::TimeframeUnknown)
            }
            // "After March" counts from when they start: the horizon is the
            // same for both.
            Timeframe::By { date, .. } | Timeframe::After { date, .. } => {
                let answered_on = policy.local_date(answer.at);
                let days = (date - answered_on)
                    .num_days()
                    .clamp(0, i64::from(u32::MAX));
                let days = days as u32;
                let limit = policy.max_timeframe_days;
                if date <= horizon(answered_on, limit) {
                    verdict(true, Reason::TimeframeWithin { days, limit })
                } else {
                    verdict(false, Reason::TimeframeBeyond { days, limit })
                }
            }
        },
        AnswerValue::Undetermined => (Status::NotMet, Reason::Undetermined),
        // A free-text, phone or e-mail answer meets its criterion by being given.
        AnswerValue::Text { .. } | AnswerValue::Phone { .. } | AnswerValue::Email { .. } => {
            let option = match question.kind {
                QuestionKind::FreeText => "text",
                _ => "contact",
            };
            option_verdict(question.criterion, true, option)
        }
    }
}

fn option_verdict(criterion: Criterion, meets: bool, option: &str) -> (Status, Reason) {
    let option = option.to_owned();
    if meets {
        (Status::Met, Reason::OptionMeets { criterion, option })
    } else {
        (
            Status::NotMet,
            Reason::OptionDoesNotMeet { criterion, option },
        )
    }
}

/// The last day that counts: whole 30-day blocks of the limit as calendar
/// months, so that a 90-day horizon and "within 3 months" agree in every
/// season (three months can be 92 days).
fn horizon(answered_on: NaiveDate, limit_days: u32) -> NaiveDate {
    answered_on
        .checked_add_months(chrono::Months::new(limit_days / 30))
        .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(limit_days % 30))))
        .unwrap_or(NaiveDate::MAX)
}

fn judge_budget(budget: &Budget, policy: &ScoringPolicy, default: Currency) -> (Status, Reason) {
    let Some((amount, currency)) = budget.reach() else {
        return (Status::NotMet, Reason::BudgetUndecided);
    };
    let currency = currency.unwrap_or(default);
    let Some(&minimum) = policy.min_budget.get(&currency) else {
        return (Status::NotMet, Reason::BudgetNoThreshold { currency });
    };
    let amount = Money { amount, currency };
    let minimum = Money {
        amount: minimum,
        currency,
    };
    if amount.amount >= minimum.amount {
        (Status::Met, Reason::BudgetMeets { amount, minimum })
    } else {
        (Status::NotMet, Reason::BudgetBelow { amount, minimum })
    }
}

/// How an answer is shown back in a summary or an alert.
pub fn answer_arg(
    question: Option<&Question>,
    answer: &Answer,
    language: Option<Language>,
    policy: &ScoringPolicy,
) -> Arg {
    let money = |amount: u64, currency: Option<Currency>| Money {
        amount,
        currency: currency.unwrap_or_else(|| policy.currency_for(language)),
    };
    match &answer.value {
        AnswerValue::Choice { option } => match question.and_then(|q| q.option(option)) {
            Some(option) => Arg::Msg(Box::new(Msg::new(&option.label))),
            None => Arg::Text(option.clone()),
        },
        AnswerValue::YesNo { yes } => Arg::Msg(Box::new(Msg::new(if *yes {
            ids::CHOICE_YES
        } else {
            ids::CHOICE_NO
        }))),
        AnswerValue::Budget { budget } => match *budget {
            Budget::Amount { amount, currency } => Arg::Money(money(amount, currency)),
            Budget::Range { min, max, currency } => Arg::Msg(Box::new(
                Msg::new(ids::ANSWER_MONEY_RANGE)
                    .money("min", money(min, currency))
                    .money("max", money(max, currency)),
            )),
            Budget::AtMost { amount, currency } => Arg::Msg(Box::new(
                Msg::new(ids::ANSWER_MONEY_AT_MOST).money("amount", money(amount, currency)),
            )),
            Budget::AtLeast { amount, currency } => Arg::Msg(Box::new(
                Msg::new(ids::ANSWER_MONEY_AT_LEAST).money("amount", money(amount, currency)),
            )),
            Budget::Undecided => match question
                .and_then(|q| q.options.iter().find(|o| o.value == OptionValue::Undecided))
            {
                Some(option) => Arg::Msg(Box::new(Msg::new(&option.label))),
                None => Arg::Msg(Box::new(Msg::new(ids::REASON_BUDGET_UNDECIDED))),
            },
        },
        AnswerValue::Timeframe { timeframe } => match *timeframe {
            Timeframe::By { date, event: None } => Arg::Msg(Box::new(
                Msg::new(ids::ANSWER_BY_DATE).arg("date", Arg::Date(date)),
            )),
            Timeframe::After { date, event: None } => Arg::Msg(Box::new(
                Msg::new(ids::ANSWER_AFTER_DATE).arg("date", Arg::Date(date)),
            )),
            Timeframe::By {
                date,
                event: Some(event),
            } => Arg::Msg(Box::new(
                Msg::new(ids::ANSWER_BY_EVENT)
                    .msg("event", Msg::new(event.label_id()))
                    .arg("date", Arg::Date(date)),
            )),
            Timeframe::After {
                date,
                event: Some(event),
            } => Arg::Msg(Box::new(
                Msg::new(ids::ANSWER_AFTER_EVENT)
                    .msg("event", Msg::new(event.label_id()))
                    .arg("date", Arg::Date(date)),
            )),
            Timeframe::Event { event } => Arg::Msg(Box::new(Msg::new(event.label_id()))),
            Timeframe::Unknown => Arg::Msg(Box::new(Msg::new(ids::ANSWER_TIMEFRAME_UNKNOWN))),
            Timeframe::NoRush => match question
                .and_then(|q| q.options.iter().find(|o| o.value == OptionValue::NoRush))
            {
                Some(option) => Arg::Msg(Box::new(Msg::new(&option.label))),
                None => Arg::Msg(Box::new(Msg::new(ids::REASON_TIMEFRAME_NONE))),
            },
        },
        AnswerValue::Text { text } => Arg::Text(text.clone()),
        AnswerValue::Undetermined => Arg::Msg(Box::new(Msg::new(ids::ANSWER_UNDETERMINED))),
        AnswerValue::Phone { e164 } => Arg::Text(e164.clone()),
        AnswerValue::Email { address } => Arg::Text(address.clone()),
    }
}

#[cfg(test)]
mod tests;
