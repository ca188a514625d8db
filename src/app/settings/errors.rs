//! Configuration errors, for the operator: the key and what is wrong with
//! it, never the value (it may be a token in the wrong place).

use super::*;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration file {0} does not exist: create it (see leadbot.example.toml) or drop --config")]
    MissingFile(PathBuf),
    #[error("configuration: {0} (see leadbot.example.toml for every key and its form)")]
    Invalid(String),
    #[error("configuration key {key}: {problem}")]
    Value { key: String, problem: String },
    /// Every bad key at once, one line each: fixing one should not reveal
    /// the next.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Several(Vec<ConfigError>),
}

/// A figment error for the operator: which key and what is wrong, never a
/// text value (it may be a token in the wrong place) nor the line of the
/// file it stands on (TOML's parse errors quote it).
pub(super) fn describe(error: figment::Error) -> String {
    use figment::error::{Actual, Kind};
    let hidden = |actual: Actual| match actual {
        Actual::Str(_) => Actual::Other("a string".into()),
        Actual::Char(_) => Actual::Other("a character".into()),
        Actual::Bytes(_) => Actual::Other("bytes".into()),
        other => other,
    };
    error
        .into_iter()
        .map(|mut error| {
            error.kind = match error.kind {
                Kind::Message(message) => Kind::Message(
                    message
                        .lines()
                        .filter(|line| !is_quoted_source(line))
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                Kind::InvalidType(actual, expected) => Kind::InvalidType(hidden(actual), expected),
                Kind::InvalidValue(actual, expected) => {
                    Kind::InvalidValue(hidden(actual), expected)
                }
                Kind::UnknownVariant(_, expected) => Kind::UnknownVariant("…".into(), expected),
                other => other,
            };
            error.to_string()
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A line of a TOML parse error that shows the file (`2 | token = "…`) or
/// points into it (`  |     ^`).
pub(super) fn is_quoted_source(line: &str) -> bool {
    line.trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start()
        .starts_with('|')
}
