//! Funnel stages and lead temperature.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A funnel stage. Each is recorded once per lead, as a timestamped event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Started the conversation and consented.
    InformationQualified,
    /// Engaged: gave a need and a way to be contacted.
    MarketingQualified,
    /// Hot (all four criteria met) and reachable.
    SalesQualified,
    /// A salesperson claimed the lead.
    SalesAccepted,
    Won,
    Lost,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::InformationQualified,
        Stage::MarketingQualified,
        Stage::SalesQualified,
        Stage::SalesAccepted,
        Stage::Won,
        Stage::Lost,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::InformationQualified => "information_qualified",
            Stage::MarketingQualified => "marketing_qualified",
            Stage::SalesQualified => "sales_qualified",
            Stage::SalesAccepted => "sales_accepted",
            Stage::Won => "won",
            Stage::Lost => "lost",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|stage| stage.as_str() == s)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How ready a lead is to buy, from the number of BANT criteria met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Temperature {
    Cold,
    Warm,
    Hot,
}

impl Temperature {
    pub const ALL: [Temperature; 3] = [Temperature::Cold, Temperature::Warm, Temperature::Hot];

    /// hot: all four met; warm: two or three; cold: one or none.
    pub fn from_met(met: usize) -> Temperature {
        match met {
            4.. => Temperature::Hot,
            2 | 3 => Temperature::Warm,
            _ => Temperature::Cold,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Temperature::Cold => "cold",
            Temperature::Warm => "warm",
            Temperature::Hot => "hot",
        }
    }

    pub fn parse(s: &str) -> Option<Temperature> {
        Temperature::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl fmt::Display for Temperature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_four_criteria_met_is_hot() {
        assert_eq!(Temperature::from_met(4), Temperature::Hot);
    }

    #[test]
    fn two_or_three_criteria_met_is_warm() {
        assert_eq!(Temperature::from_met(2), Temperature::Warm);
        assert_eq!(Temperature::from_met(3), Temperature::Warm);
    }

    #[test]
    fn one_or_no_criterion_met_is_cold() {
        assert_eq!(Temperature::from_met(1), Temperature::Cold);
        assert_eq!(Temperature::from_met(0), Temperature::Cold);
    }

    #[test]
    fn stage_names_round_trip() {
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
        }
        assert_eq!(Stage::parse("nope"), None);
    }
}
