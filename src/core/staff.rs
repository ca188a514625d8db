//! The sales team's commands: `/leads [hot|warm|cold] [N]`, `/lead <id>`,
//! `/stats`. Parsing only; the channels check who may run them.

use super::stage::Temperature;

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
