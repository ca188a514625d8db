//! What `leadbot parse` prints: one JSON object per answer, in the forms
//! README.md documents, for operators tuning a questionnaire and for "the bot
//! misread my answer" bug reports.

use super::{
    parse_authority, parse_budget, parse_email, parse_phone, parse_timeframe, parse_yes_no,
};
use super::{ContactValue, YesNo};
use chrono::NaiveDate;
use serde_json::{json, Value};
use std::str::FromStr;

/// The kinds of answer `leadbot parse` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Money,
    Timeframe,
    YesNo,
    Authority,
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
            "phone" => Kind::Phone,
            "email" => Kind::Email,
            other => {
                return Err(format!(
                    "unknown kind {other:?}: use money, timeframe, yesno, authority, phone or email"
                ))
            }
        })
    }
}

/// The parse of `text` as JSON; dates resolve against `today`.
pub fn report(kind: Kind, text: &str, today: NaiveDate) -> Value {
    let unclear = || json!({"kind": "unclear"});
    match kind {
        Kind::Money => parse_budget(text).map_or_else(unclear, to_json),
        Kind::Timeframe => parse_timeframe(text, today).map_or_else(unclear, to_json),
        Kind::YesNo => match parse_yes_no(text) {
            YesNo::Yes => json!({"kind": "yes"}),
            YesNo::No => json!({"kind": "no"}),
            YesNo::Unclear => unclear(),
        },
        Kind::Authority => parse_authority(text).map_or_else(unclear, |role| json!({"kind": role})),
        Kind::Phone => contact(parse_phone(text)),
        Kind::Email => contact(parse_email(text)),
    }
}

fn to_json(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).expect("answer values serialize")
}

fn contact(parsed: Result<ContactValue, super::InvalidContact>) -> Value {
    match parsed {
        Ok(ContactValue::Phone { e164 }) => json!({"kind": "phone", "e164": e164}),
        Ok(ContactValue::Email { address }) => json!({"kind": "email", "address": address}),
        Err(reason) => json!({"kind": "invalid", "reason": reason.to_string()}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn every_kind_reports_in_its_documented_form() {
        assert_eq!(
            report(Kind::Money, "২ লাখ টাকা", today()),
            json!({"kind": "amount", "amount": 200000, "currency": "BDT"})
        );
        assert_eq!(
            report(Kind::Money, "2-3 lakh", today()),
            json!({"kind": "range", "min": 200000, "max": 300000, "currency": null})
        );
        assert_eq!(
            report(Kind::Money, "a lot", today()),
            json!({"kind": "unclear"})
        );
        assert_eq!(
            report(Kind::Timeframe, "मार्च तक", today()),
            json!({"kind": "by", "date": "2027-03-31"})
        );
        assert_eq!(
            report(Kind::Timeframe, "ঈদের পরে", today()),
            json!({"kind": "event", "event": "eid"})
        );
        assert_eq!(report(Kind::YesNo, "জি না", today()), json!({"kind": "no"}));
        assert_eq!(
            report(Kind::Authority, "my boss decides", today()),
            json!({"kind": "influences"})
        );
        assert_eq!(
            report(Kind::Phone, "01712-345678", today()),
            json!({"kind": "phone", "e164": "+8801712345678"})
        );
        assert_eq!(report(Kind::Email, "nope", today())["kind"], "invalid");
    }

    #[test]
    fn an_unknown_kind_names_the_kinds() {
        let err = "cash".parse::<Kind>().unwrap_err();
        assert!(err.contains("money, timeframe, yesno"), "{err}");
    }
}
