//! The sales team's commands: `/leads [hot|warm|cold] [N]`, `/lead <id>`,
//! `/stats`. Parsing only; the channels check who may run them.

use super::message::ids;
use super::stage::{Stage, Temperature};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffCommand {
    Leads {
        temperature: Option<Temperature>,
        limit: i64,
    },
    Lead {
        id: i64,
    },
    Stats,
}

/// How many leads `/leads` lists without a number.
pub const DEFAULT_LIMIT: i64 = 10;

impl StaffCommand {
    /// Reads "/leads hot 5", "/lead 42", "/stats@LeadBot"; `None` for
    /// anything else (including a `/lead` without a number).
    pub fn parse(text: &str) -> Option<StaffCommand> {
        let mut words = text.split_whitespace();
        let command = words.next()?.strip_prefix('/')?;
        let command = command
            .split('@')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match command.as_str() {
            "leads" => {
                let mut temperature = None;
                let mut limit = DEFAULT_LIMIT;
                for word in words {
                    if let Some(t) = Temperature::parse(&word.to_ascii_lowercase()) {
                        temperature = Some(t);
                    } else if let Ok(n) = word.parse::<i64>() {
                        limit = n.clamp(1, 50);
                    } else {
                        return None;
                    }
                }
                Some(StaffCommand::Leads { temperature, limit })
            }
            "lead" => Some(StaffCommand::Lead {
                id: words.next()?.trim_start_matches('#').parse().ok()?,
            }),
            "stats" => Some(StaffCommand::Stats),
            _ => None,
        }
    }
}

/// A stage's label for staff.
pub fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::InformationQualified => ids::STAGE_INFORMATION_QUALIFIED,
        Stage::MarketingQualified => ids::STAGE_MARKETING_QUALIFIED,
        Stage::SalesQualified => ids::STAGE_SALES_QUALIFIED,
        Stage::SalesAccepted => ids::STAGE_SALES_ACCEPTED,
        Stage::Won => ids::STAGE_WON,
        Stage::Lost => ids::STAGE_LOST,
    }
}

/// A temperature's label for staff.
pub fn temperature_label(temperature: Temperature) -> &'static str {
    match temperature {
        Temperature::Hot => ids::TEMPERATURE_HOT,
        Temperature::Warm => ids::TEMPERATURE_WARM,
        Temperature::Cold => ids::TEMPERATURE_COLD,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_commands_parse_with_their_arguments() {
        assert_eq!(
            StaffCommand::parse("/leads hot 5"),
            Some(StaffCommand::Leads {
                temperature: Some(Temperature::Hot),
                limit: 5
            })
        );
        assert_eq!(
            StaffCommand::parse("/leads"),
            Some(StaffCommand::Leads {
                temperature: None,
                limit: DEFAULT_LIMIT
            })
        );
        assert_eq!(
            StaffCommand::parse("/lead #42"),
            Some(StaffCommand::Lead { id: 42 })
        );
        assert_eq!(
            StaffCommand::parse("/stats@LeadBot"),
            Some(StaffCommand::Stats)
        );
        assert_eq!(StaffCommand::parse("/lead"), None);
        assert_eq!(StaffCommand::parse("/leads tepid"), None);
        assert_eq!(StaffCommand::parse("/start"), None);
        assert_eq!(StaffCommand::parse("stats"), None);
    }
}
