//! Typed answers: what the parsers make of a prospect's text and what the
//! scoring reads. Serialized as JSON in storage and in `leadbot export`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A currency prospects in the region name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Currency {
    #[serde(rename = "BDT")]
    Bdt,
    #[serde(rename = "INR")]
    Inr,
    #[serde(rename = "USD")]
    Usd,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Bdt => "BDT",
            Currency::Inr => "INR",
            Currency::Usd => "USD",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Bdt => "৳",
            Currency::Inr => "₹",
            Currency::Usd => "$",
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown currency {0:?}: use BDT, INR or USD")]
pub struct UnknownCurrency(pub String);

impl FromStr for Currency {
    type Err = UnknownCurrency;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "BDT" => Ok(Currency::Bdt),
            "INR" => Ok(Currency::Inr),
            "USD" => Ok(Currency::Usd),
            _ => Err(UnknownCurrency(s.to_owned())),
        }
    }
}

/// A sum of money in whole units of its currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub amount: u64,
    pub currency: Currency,
}

/// A budget answer. `currency` is `None` when the prospect named none; the
/// conversation's default currency applies when it is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Budget {
    Amount {
        amount: u64,
        currency: Option<Currency>,
    },
    Range {
        min: u64,
        max: u64,
        currency: Option<Currency>,
    },
    AtMost {
        amount: u64,
        currency: Option<Currency>,
    },
    AtLeast {
        amount: u64,
        currency: Option<Currency>,
    },
    /// "Not decided yet": a valid answer that does not meet the criterion.
    Undecided,
}

impl Budget {
    /// The most the prospect says they can spend, which is what a minimum
    /// budget is compared with: the top of a range, the cap, the floor.
    pub fn reach(&self) -> Option<(u64, Option<Currency>)> {
        match *self {
            Budget::Amount { amount, currency }
            | Budget::AtMost { amount, currency }
            | Budget::AtLeast { amount, currency } => Some((amount, currency)),
            Budget::Range { max, currency, .. } => Some((max, currency)),
            Budget::Undecided => None,
        }
    }
}

/// When the prospect means to act, resolved to a date on the day they said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Timeframe {
    /// The latest date by which they mean to act; `event` when they named a
    /// festival ("before Diwali") and the date is its next one.
    By {
        date: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        event: Option<Festival>,
    },
    /// They mean to act after this date.
    After {
        date: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        event: Option<Festival>,
    },
    /// A festival without a date: stored by versions that asked for the
    /// month; read, never written any more.
    Event { event: Festival },
    /// "Just exploring": no plan to act.
    NoRush,
    /// They don't know yet.
    Unknown,
}

/// Festivals prospects time purchases by; their dates move every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Festival {
    /// "Eid" without saying which: only in answers stored before the two
    /// were told apart.
    Eid,
    EidUlFitr,
    EidUlAdha,
    Ramadan,
    Puja,
    Diwali,
    Holi,
    Boishakh,
    Christmas,
    NewYear,
}

impl Festival {
    /// The message id of the festival's name.
    pub fn label_id(self) -> &'static str {
        match self {
            Festival::Eid => "festival-eid",
            Festival::EidUlFitr => "festival-eid-ul-fitr",
            Festival::EidUlAdha => "festival-eid-ul-adha",
            Festival::Ramadan => "festival-ramadan",
            Festival::Puja => "festival-puja",
            Festival::Diwali => "festival-diwali",
            Festival::Holi => "festival-holi",
            Festival::Boishakh => "festival-boishakh",
            Festival::Christmas => "festival-christmas",
            Festival::NewYear => "festival-new-year",
        }
    }
}

/// The parsed value of one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AnswerValue {
    /// An option of a single-choice question, by its id.
    Choice {
        option: String,
    },
    YesNo {
        yes: bool,
    },
    Budget {
        budget: Budget,
    },
    Timeframe {
        timeframe: Timeframe,
    },
    Text {
        text: String,
    },
    Phone {
        e164: String,
    },
    Email {
        address: String,
    },
    /// The prospect could not say ("don't know", asked twice): answered,
    /// but the criterion is not met.
    Undetermined,
}

/// One stored answer: the prospect's own words and what we made of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub raw: String,
    pub value: AnswerValue,
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_range_reaches_its_upper_end() {
        let range = Budget::Range {
            min: 200_000,
            max: 300_000,
            currency: Some(Currency::Bdt),
        };
        assert_eq!(range.reach(), Some((300_000, Some(Currency::Bdt))));
        assert_eq!(Budget::Undecided.reach(), None);
    }

    #[test]
    fn budgets_serialize_in_the_documented_json_shape() {
        let json = serde_json::to_value(Budget::Amount {
            amount: 200_000,
            currency: Some(Currency::Bdt),
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "amount", "amount": 200000, "currency": "BDT"})
        );
        let json = serde_json::to_value(Budget::Undecided).unwrap();
        assert_eq!(json, serde_json::json!({"kind": "undecided"}));
    }

    #[test]
    fn currency_codes_parse_case_insensitively() {
        assert_eq!("bdt".parse(), Ok(Currency::Bdt));
        assert_eq!("INR".parse(), Ok(Currency::Inr));
        assert!("EUR".parse::<Currency>().is_err());
    }
}
