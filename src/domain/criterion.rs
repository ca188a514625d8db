//! What a question is about.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The BANT criteria, plus the two kinds of question that are not scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    Budget,
    Authority,
    Need,
    Timeframe,
    /// How to reach the prospect (phone, e-mail).
    Contact,
    /// Anything else the business wants to know; never scored.
    Profile,
}

impl Criterion {
    /// The four scored criteria, in the order summaries list them.
    pub const BANT: [Criterion; 4] = [
        Criterion::Need,
        Criterion::Budget,
        Criterion::Authority,
        Criterion::Timeframe,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::Budget => "budget",
            Criterion::Authority => "authority",
            Criterion::Need => "need",
            Criterion::Timeframe => "timeframe",
            Criterion::Contact => "contact",
            Criterion::Profile => "profile",
        }
    }

    pub fn parse(s: &str) -> Option<Criterion> {
        [
            Criterion::Budget,
            Criterion::Authority,
            Criterion::Need,
            Criterion::Timeframe,
            Criterion::Contact,
            Criterion::Profile,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Criterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
