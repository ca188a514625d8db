//! What `leadbot parse` prints: what the bot would do with an answer — take
//! it (`accept`), echo it back first (`confirm`), offer readings as buttons
//! (`choose`) or ask again (`reask`) — as one JSON object, for operators
//! tuning a questionnaire and for "the bot misread my answer" bug reports.

use super::engine::{preview, Preview};
use super::questionnaire::Questionnaire;
use crate::domain::answer::AnswerValue;
use crate::parse::{parse_email, parse_phone, parse_yes_no};
use crate::parse::{ContactValue, YesNo};
use chrono::NaiveDate;
use serde_json::{json, Value};
use std::str::FromStr;
use std::sync::LazyLock;

/// The kinds of answer `leadbot parse` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Money,
    Timeframe,
    YesNo,
    Authority,
    Need,
    Phone,
    Email,
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "money" => Kind::Money,
            "timeframe" => Kind::Timeframe,
            "yesno" => Kind::YesNo,
            "authority" => Kind::Authority,
            "need" => Kind::Need,
            "phone" => Kind::Phone,
            "email" => Kind::Email,
            other => {
                return Err(format!(
                    "unknown kind {other:?}: use money, timeframe, yesno, authority, need, phone or email"
                ))
            }
        })
    }
}

static BUILTIN: LazyLock<Questionnaire> = LazyLock::new(Questionnaire::builtin);

/// What the bot would do with `text` as that kind of answer, in the built-in
/// questionnaire; dates resolve against `today`.
pub fn report(kind: Kind, text: &str, today: NaiveDate) -> Value {
    report_with(&BUILTIN, kind, text, today)
}

/// The same, for a given questionnaire (its option keywords and labels).
pub fn report_with(
    questionnaire: &Questionnaire,
    kind: Kind,
    text: &str,
    today: NaiveDate,
) -> Value {
    let question_id = match kind {
        Kind::Money => "budget",
        Kind::Timeframe => "timeframe",
        Kind::Authority => "authority",
        Kind::Need => "need",
        Kind::YesNo => {
            return match parse_yes_no(text) {
                YesNo::Yes => json!({"action": "accept", "value": {"kind": "yes"}}),
                YesNo::No => json!({"action": "accept", "value": {"kind": "no"}}),
                YesNo::Unclear => json!({"action": "reask"}),
            }
        }
        Kind::Phone => return contact(parse_phone(text)),
        Kind::Email => return contact(parse_email(text)),
    };
    let Some(question) = questionnaire.question(question_id) else {
        return json!({"action": "reask"});
    };
    let shown = |value: AnswerValue| shown(kind, value);
    match preview(question, text, today) {
        Preview::Accept(value) => json!({"action": "accept", "value": shown(value)}),
        Preview::Confirm(value) => json!({"action": "confirm", "value": shown(value)}),
        Preview::Choose(values) => {
            json!({"action": "choose", "options": values.into_iter().map(shown).collect::<Vec<_>>()})
        }
        Preview::Reask => json!({"action": "reask"}),
    }
}

/// An answer value in the documented shapes: budgets and timeframes as
/// stored, a choice as its option, authority as the role, free text as
/// "other".
fn shown(kind: Kind, value: AnswerValue) -> Value {
    match value {
        AnswerValue::Budget { budget } => to_json(budget),
        AnswerValue::Timeframe { timeframe } => to_json(timeframe),
        AnswerValue::Choice { option } if kind == Kind::Authority => {
            let role = BUILTIN
                .question("authority")
                .and_then(|q| q.option(&option))
                .and_then(|o| o.authority);
            match role {
                Some(role) => json!({"kind": role}),
                None => json!({"kind": "choice", "option": option}),
            }
        }
        AnswerValue::Choice { option } if option == "other" => json!({"kind": "other"}),
        AnswerValue::Choice { option } => json!({"kind": "choice", "option": option}),
        AnswerValue::Text { text } if kind == Kind::Authority => {
            json!({"kind": "influences", "who": text})
        }
        AnswerValue::Text { text } => json!({"kind": "other", "detail": text}),
        AnswerValue::Undetermined => json!({"kind": "undetermined"}),
        other => to_json(other),
    }
}

fn to_json(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).expect("answer values serialize")
}

fn contact(parsed: Result<ContactValue, crate::parse::InvalidContact>) -> Value {
    match parsed {
        Ok(ContactValue::Phone { e164 }) => {
            json!({"action": "accept", "value": {"kind": "phone", "e164": e164}})
        }
        Ok(ContactValue::Email { address }) => {
            json!({"action": "accept", "value": {"kind": "email", "address": address}})
        }
        Err(reason) => json!({"action": "reask", "reason": reason.to_string()}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn every_kind_reports_what_the_bot_would_do() {
        assert_eq!(
            report(Kind::Money, "৳২,০০,০০০", today()),
            json!({"action": "accept", "value": {"kind": "amount", "amount": 200000, "currency": "BDT"}})
        );
        assert_eq!(
            report(Kind::Money, "2-3 lakh", today()),
            json!({"action": "confirm", "value": {"kind": "range", "min": 200000, "max": 300000, "currency": null}})
        );
        assert_eq!(
            report(Kind::Money, "50", today()),
            json!({"action": "choose", "options": [
                {"kind": "amount", "amount": 50000, "currency": null},
                {"kind": "amount", "amount": 5000000, "currency": null}
            ]})
        );
        assert_eq!(
            report(Kind::Money, "a lot", today()),
            json!({"action": "reask"})
        );
        assert_eq!(
            report(Kind::Timeframe, "मार्च तक", today()),
            json!({"action": "accept", "value": {"kind": "by", "date": "2027-03-31"}})
        );
        assert_eq!(
            report(Kind::Timeframe, "ঈদের পরে", today())["action"],
            "choose"
        );
        assert_eq!(
            report(Kind::YesNo, "জি না", today()),
            json!({"action": "accept", "value": {"kind": "no"}})
        );
        assert_eq!(
            report(Kind::Authority, "I'm the CEO", today()),
            json!({"action": "accept", "value": {"kind": "decides"}})
        );
        assert_eq!(
            report(Kind::Need, "more customers", today()),
            json!({"action": "accept", "value": {"kind": "choice", "option": "more_customers"}})
        );
        assert_eq!(
            report(Kind::Need, "জানি না", today()),
            json!({"action": "reask"})
        );
        assert_eq!(
            report(Kind::Phone, "01712-345678", today()),
            json!({"action": "accept", "value": {"kind": "phone", "e164": "+8801712345678"}})
        );
        assert_eq!(report(Kind::Email, "nope", today())["action"], "reask");
    }

    #[test]
    fn an_unknown_kind_names_the_kinds() {
        let err = "cash".parse::<Kind>().unwrap_err();
        assert!(err.contains("money, timeframe, yesno"), "{err}");
    }
}
