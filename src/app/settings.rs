//! Settings: `leadbot.toml` (or `--config FILE`), then `LEADBOT_*`
//! environment variables, then `DATABASE_URL` / `TELEGRAM_BOT_TOKEN` /
//! `DISCORD_BOT_TOKEN`, then command-line options. `Debug` never shows a
//! secret.

use crate::core::{Criterion, Currency, Language, Questionnaire, ScoringPolicy};
use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const DEFAULT_CONFIG_FILE: &str = "leadbot.toml";
pub const DEFAULT_DATABASE_URL: &str = "sqlite://leadbot.db";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub database_url: String,
    /// Seconds the database may refuse writes (the /readyz write probe)
    /// before the process exits non-zero for its supervisor to restart it;
    /// 0 never exits.
    pub database_down_exit_secs: u64,
    /// A questionnaire TOML file; the built-in one when absent.
    pub questionnaire: Option<PathBuf>,
    /// A folder with `{en,bn,hi}/*.ftl` that add to or override the
    /// built-in messages.
    pub locales_dir: Option<PathBuf>,
    pub business: BusinessSettings,
    pub scoring: ScoringSettings,
    pub retention: RetentionSettings,
    pub sales: SalesSettings,
    pub telegram: Option<TelegramSettings>,
    pub discord: Option<DiscordSettings>,
    /// The operator's HTTP endpoints (`/healthz`, `/readyz`, `/metrics`).
    pub http: Option<HttpSettings>,
    pub sqlite: SqliteSettings,
    /// `scoring`, `business.utc_offset` and `sales.locale` as types, parsed
    /// once by [`load`].
    #[serde(skip)]
    parsed: Parsed,
}

/// What [`load`] parses out of the raw keys.
#[derive(Debug, Clone)]
struct Parsed {
    policy: ScoringPolicy,
    sales_language: Language,
}

impl Default for Parsed {
    fn default() -> Self {
        Parsed {
            policy: ScoringPolicy::default(),
            sales_language: Language::En,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SqliteSettings {
    /// "normal" (default) or "full": see README, *Files and backups*.
    pub synchronous: crate::storage::Synchronous,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSettings {
    /// Where to serve them, e.g. "0.0.0.0:9090". With a Telegram webhook
    /// they are served on the webhook's listener as well.
    pub listen: String,
}

/// Where hot-lead alerts go, and who may act on them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SalesSettings {
    /// Telegram chats (a sales group or channel) that get an alert, by id.
    #[serde(default)]
    pub telegram_chats: Vec<i64>,
    /// Discord channels that get an alert, by id.
    #[serde(default)]
    pub discord_channels: Vec<u64>,
    /// The sales team's language: en, bn or hi.
    pub locale: String,
    /// Telegram user ids of the staff who may claim and close leads.
    #[serde(default)]
    pub telegram_staff: Vec<u64>,
    /// Discord user ids of the staff who may claim and close leads.
    #[serde(default)]
    pub discord_staff: Vec<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessSettings {
    /// Shown in the greeting and the privacy notice; without it the bot
    /// says "our company" in the prospect's language.
    pub name: Option<String>,
    /// The business's offset from UTC ("+06:00" Dhaka, "+05:30" India): the
    /// calendar "today", "this month" and timeframes are counted in.
    pub utc_offset: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringSettings {
    /// Currency code → smallest budget that meets the criterion.
    pub min_budget: BTreeMap<String, u64>,
    pub max_timeframe_days: u32,
    /// Language code → currency of amounts that name none.
    pub default_currency: BTreeMap<String, String>,
    /// Option ids of the authority question that meet the criterion;
    /// unset: the questionnaire's `meets` decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority_counts: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionSettings {
    /// How long answers are kept; stated in the privacy notice.
    pub days: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TelegramSettings {
    pub token: Option<SecretString>,
    /// A self-hosted Bot API server, e.g. http://127.0.0.1:8081
    pub api_url: Option<String>,
    /// "polling" (default) or "webhook".
    #[serde(default)]
    pub mode: TelegramMode,
    pub webhook: Option<WebhookSettings>,
    /// How long one getUpdates call waits for updates; below teloxide's
    /// 17-second request timeout.
    #[serde(default = "defaults::poll_timeout_secs")]
    pub poll_timeout_secs: u32,
    /// The least time between two messages to one private chat (Telegram
    /// allows about one a second); 0 switches pacing off for benchmarks.
    #[serde(default = "defaults::per_chat_interval_ms")]
    pub per_chat_interval_ms: u64,
    /// The same for group chats (Telegram allows 20 a minute).
    #[serde(default = "defaults::group_interval_ms")]
    pub group_interval_ms: u64,
    /// Messages a second over all chats (Telegram allows about 30).
    #[serde(default = "defaults::global_per_second")]
    pub global_per_second: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TelegramMode {
    #[default]
    Polling,
    Webhook,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookSettings {
    /// The public HTTPS URL Telegram posts updates to.
    pub url: String,
    /// The address the webhook server listens on.
    #[serde(default = "defaults::webhook_listen")]
    pub listen: String,
    /// Telegram sends it in X-Telegram-Bot-Api-Secret-Token; 1–256 of
    /// A-Z, a-z, 0-9, _ and -.
    pub secret: SecretString,
}

mod defaults {
    pub fn poll_timeout_secs() -> u32 {
        10
    }
    pub fn per_chat_interval_ms() -> u64 {
        1000
    }
    pub fn group_interval_ms() -> u64 {
        3000
    }
    pub fn global_per_second() -> u32 {
        30
    }
    pub fn discord_global_per_second() -> u32 {
        45
    }
    pub fn webhook_listen() -> String {
        "0.0.0.0:8080".into()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscordSettings {
    pub token: Option<SecretString>,
    /// An HTTP proxy in front of Discord's REST API (e.g. twilight-http-proxy);
    /// serenity's own rate limiter is then off and the proxy limits.
    pub api_url: Option<String>,
    /// Messages a second over all DMs (Discord allows 50 a bot).
    #[serde(default = "defaults::discord_global_per_second")]
    pub global_per_second: u32,
    /// With several replicas, the gateway shard this one serves (0-based)
    /// of `shard_count`; unset, one replica serves the only shard.
    pub shard_id: Option<u32>,
    pub shard_count: Option<u32>,
}

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

/// The defaults every file and variable overrides.
#[derive(Serialize)]
struct Defaults {
    database_url: &'static str,
    database_down_exit_secs: u64,
    business: BusinessSettings,
    scoring: ScoringSettings,
    retention: RetentionSettings,
    sales: SalesSettings,
    sqlite: SqliteSettings,
}

fn defaults() -> Defaults {
    let policy = ScoringPolicy::default();
    Defaults {
        database_url: DEFAULT_DATABASE_URL,
        database_down_exit_secs: 300,
        business: BusinessSettings {
            name: None,
            utc_offset: "+06:00".into(),
        },
        scoring: ScoringSettings {
            min_budget: policy
                .min_budget
                .iter()
                .map(|(c, v)| (c.code().to_owned(), *v))
                .collect(),
            max_timeframe_days: policy.max_timeframe_days,
            default_currency: policy
                .default_currency
                .iter()
                .map(|(l, c)| (l.code().to_owned(), c.code().to_owned()))
                .collect(),
            authority_counts: None,
        },
        retention: RetentionSettings { days: 365 },
        sqlite: SqliteSettings {
            synchronous: crate::storage::Synchronous::Normal,
        },
        sales: SalesSettings {
            telegram_chats: Vec::new(),
            discord_channels: Vec::new(),
            locale: "en".into(),
            telegram_staff: Vec::new(),
            discord_staff: Vec::new(),
        },
    }
}

/// Loads the settings. `config` is `--config`; without it `leadbot.toml` in
/// the working directory is read if it exists.
pub fn load(config: Option<&Path>) -> Result<Settings, ConfigError> {
    let mut figment = Figment::from(Serialized::defaults(defaults()));
    match config {
        Some(path) if !path.exists() => return Err(ConfigError::MissingFile(path.to_owned())),
        Some(path) => figment = figment.merge(Toml::file_exact(path)),
        None if Path::new(DEFAULT_CONFIG_FILE).exists() => {
            figment = figment.merge(Toml::file_exact(DEFAULT_CONFIG_FILE))
        }
        // The default file is optional.
        None => {}
    }
    let figment = figment
        .merge(Env::prefixed("LEADBOT_").split("__"))
        .merge(
            Env::raw()
                .only(&["DATABASE_URL"])
                .map(|_| "database_url".into()),
        )
        .merge(
            Env::raw()
                .only(&["TELEGRAM_BOT_TOKEN"])
                .map(|_| "telegram.token".into()),
        )
        .merge(
            Env::raw()
                .only(&["DISCORD_BOT_TOKEN"])
                .map(|_| "discord.token".into()),
        );
    let mut settings: Settings = figment
        .extract()
        .map_err(|e| ConfigError::Invalid(describe(e)))?;
    let mut problems = Vec::new();
    match settings.parse_policy() {
        Ok(policy) => settings.parsed.policy = policy,
        Err(mut bad) => problems.append(&mut bad),
    }
    match settings.sales.locale.parse() {
        Ok(language) => settings.parsed.sales_language = language,
        Err(_) => problems.push(ConfigError::Value {
            key: "sales.locale".into(),
            problem: format!(
                "unknown language {:?}: use en, bn or hi",
                settings.sales.locale
            ),
        }),
    }
    problems.extend(settings.check());
    match problems.len() {
        0 => Ok(settings),
        1 => Err(problems.remove(0)),
        _ => Err(ConfigError::Several(problems)),
    }
}

/// A figment error for the operator: which key and what is wrong, never a
/// text value (it may be a token in the wrong place) nor the line of the
/// file it stands on (TOML's parse errors quote it).
fn describe(error: figment::Error) -> String {
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
fn is_quoted_source(line: &str) -> bool {
    line.trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start()
        .starts_with('|')
}

impl Settings {
    /// The secrets the settings hold, for the log to blank out: the tokens
    /// (and the part of the Telegram token after the colon, the secret
    /// itself), the webhook secret and the database password.
    pub fn secrets(&self) -> Vec<String> {
        let mut secrets = Vec::new();
        if let Some(token) = self.telegram.as_ref().and_then(|t| t.token.as_ref()) {
            let token = token.expose_secret();
            secrets.push(token.to_owned());
            if let Some((_, secret)) = token.split_once(':') {
                secrets.push(secret.to_owned());
            }
        }
        if let Some(webhook) = self.telegram.as_ref().and_then(|t| t.webhook.as_ref()) {
            secrets.push(webhook.secret.expose_secret().to_owned());
        }
        if let Some(token) = self.discord.as_ref().and_then(|d| d.token.as_ref()) {
            secrets.push(token.expose_secret().to_owned());
        }
        if let Some(password) = url::Url::parse(&self.database_url)
            .ok()
            .and_then(|url| url.password().map(str::to_owned))
        {
            secrets.push(password);
        }
        secrets
    }

    /// The scoring thresholds.
    pub fn scoring_policy(&self) -> &ScoringPolicy {
        &self.parsed.policy
    }

    /// The scoring thresholds, parsed: every bad key, or the policy.
    fn parse_policy(&self) -> Result<ScoringPolicy, Vec<ConfigError>> {
        let mut problems = Vec::new();
        let mut min_budget = BTreeMap::new();
        // Figment lowercases keys from the environment: `bdt` (from
        // LEADBOT_SCORING__MIN_BUDGET__BDT) must override `BDT` from the file
        // or the defaults, so lowercase spellings are applied last.
        let mut entries: Vec<_> = self.scoring.min_budget.iter().collect();
        entries.sort_by_key(|(code, _)| code.chars().all(|c| c.is_ascii_lowercase()));
        for (code, amount) in entries {
            match code.parse::<Currency>() {
                Ok(currency) => {
                    min_budget.insert(currency, *amount);
                }
                Err(_) => problems.push(ConfigError::Value {
                    key: format!("scoring.min_budget.{code}"),
                    problem: format!("unknown currency {code:?}: use BDT, INR or USD"),
                }),
            }
        }
        let mut default_currency = BTreeMap::new();
        for (code, currency) in &self.scoring.default_currency {
            let key = format!("scoring.default_currency.{code}");
            let language = code.parse::<Language>().map_err(|_| ConfigError::Value {
                key: key.clone(),
                problem: format!("unknown language {code:?}: use en, bn or hi"),
            });
            let currency = currency
                .parse::<Currency>()
                .map_err(|_| ConfigError::Value {
                    key: key.clone(),
                    problem: format!("unknown currency {currency:?}: use BDT, INR or USD"),
                });
            match (language, currency) {
                (Ok(language), Ok(currency)) => {
                    default_currency.insert(language, currency);
                }
                (language, currency) => {
                    problems.extend(language.err());
                    problems.extend(currency.err());
                }
            }
        }
        let offset = self
            .business
            .utc_offset
            .parse::<chrono::FixedOffset>()
            .map_err(|_| ConfigError::Value {
                key: "business.utc_offset".into(),
                problem: format!(
                    "{:?} is not a UTC offset: write it like \"+06:00\" (Dhaka) or \"+05:30\" (India)",
                    self.business.utc_offset
                ),
            });
        let offset = match offset {
            Ok(offset) => offset,
            Err(problem) => {
                problems.push(problem);
                return Err(problems);
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ScoringPolicy {
            utc_offset_minutes: offset.local_minus_utc() / 60,
            min_budget,
            max_timeframe_days: self.scoring.max_timeframe_days,
            default_currency,
            authority_counts: self
                .scoring
                .authority_counts
                .as_ref()
                .map(|ids| ids.iter().cloned().collect()),
        })
    }

    /// Checks the settings that refer to the questionnaire.
    pub fn check_against(&self, questionnaire: &Questionnaire) -> Result<(), ConfigError> {
        let Some(counts) = &self.scoring.authority_counts else {
            return Ok(());
        };
        let options: Vec<&str> = questionnaire
            .questions
            .iter()
            .filter(|q| q.criterion == Criterion::Authority)
            .flat_map(|q| q.options.iter().map(|o| o.id.as_str()))
            .collect();
        for id in counts {
            if !options.contains(&id.as_str()) {
                return Err(ConfigError::Value {
                    key: "scoring.authority_counts".into(),
                    problem: format!(
                        "{id:?} is not an option of an authority question: use some of {}",
                        options.join(", ")
                    ),
                });
            }
        }
        Ok(())
    }

    /// The sales team's language.
    pub fn sales_language(&self) -> Language {
        self.parsed.sales_language
    }

    /// Checks values serde cannot: every problem found, one per key.
    fn check(&self) -> Vec<ConfigError> {
        let mut problems = Vec::new();
        if !(1..=3650).contains(&self.retention.days) {
            problems.push(ConfigError::Value {
                key: "retention.days".into(),
                problem: "must be 1 to 3650 (how many days an untouched lead is kept)".into(),
            });
        }
        if let Some(telegram) = &self.telegram {
            if !(1..=15).contains(&telegram.poll_timeout_secs) {
                problems.push(ConfigError::Value {
                    key: "telegram.poll_timeout_secs".into(),
                    problem: "must be 1 to 15 (requests time out after 17 s)".into(),
                });
            }
            if let Some(webhook) = &telegram.webhook {
                let secret = webhook.secret.expose_secret();
                let valid = (1..=256).contains(&secret.len())
                    && secret
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                if !valid {
                    problems.push(ConfigError::Value {
                        key: "telegram.webhook.secret".into(),
                        problem: "must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)".into(),
                    });
                }
            }
        }
        problems
    }

    pub fn telegram_configured(&self) -> bool {
        self.telegram.as_ref().is_some_and(|t| t.token.is_some())
    }

    pub fn discord_configured(&self) -> bool {
        self.discord.as_ref().is_some_and(|d| d.token.is_some())
    }
}

/// The database URL without a password, for messages.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((credentials, host)) => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
// figment's Jail returns its own large error type; that is its API, not ours.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;
    use figment::Jail;

    #[test]
    fn defaults_apply_without_a_file() {
        Jail::expect_with(|_jail| {
            let settings = load(None).unwrap();
            assert_eq!(settings.database_url, DEFAULT_DATABASE_URL);
            assert_eq!(settings.scoring.max_timeframe_days, 90);
            assert!(!settings.telegram_configured());
            Ok(())
        });
    }

    #[test]
    fn sqlite_durability_defaults_to_normal_and_takes_full() {
        Jail::expect_with(|jail| {
            assert_eq!(
                load(None).unwrap().sqlite.synchronous,
                crate::storage::Synchronous::Normal
            );
            jail.create_file("leadbot.toml", "[sqlite]\nsynchronous = \"full\"\n")?;
            assert_eq!(
                load(None).unwrap().sqlite.synchronous,
                crate::storage::Synchronous::Full
            );
            jail.create_file("leadbot.toml", "[sqlite]\nsynchronous = \"fast\"\n")?;
            let error = load(None).unwrap_err().to_string();
            assert!(error.contains("synchronous"), "{error}");
            Ok(())
        });
    }

    #[test]
    fn the_environment_overrides_the_file() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "leadbot.toml",
                "database_url = \"sqlite://file.db\"\n[business]\nname = \"Acme\"\n",
            )?;
            assert_eq!(load(None).unwrap().database_url, "sqlite://file.db");
            jail.set_env("DATABASE_URL", "sqlite://env.db");
            jail.set_env("LEADBOT_BUSINESS__NAME", "Acme BD");
            let settings = load(None).unwrap();
            assert_eq!(settings.database_url, "sqlite://env.db");
            assert_eq!(settings.business.name.as_deref(), Some("Acme BD"));
            Ok(())
        });
    }

    #[test]
    fn a_minimum_budget_from_the_environment_overrides_the_file() {
        Jail::expect_with(|jail| {
            jail.create_file("leadbot.toml", "[scoring.min_budget]\nBDT = 200000\n")?;
            let policy = load(None).unwrap().scoring_policy().clone();
            assert_eq!(policy.min_budget[&Currency::Bdt], 200_000);
            assert_eq!(policy.min_budget[&Currency::Inr], 75_000);
            jail.set_env("LEADBOT_SCORING__MIN_BUDGET__BDT", "50000");
            let policy = load(None).unwrap().scoring_policy().clone();
            assert_eq!(policy.min_budget[&Currency::Bdt], 50_000);
            Ok(())
        });
    }

    #[test]
    fn debug_output_never_shows_a_token() {
        Jail::expect_with(|jail| {
            jail.set_env("TELEGRAM_BOT_TOKEN", "123456:SECRET-TOKEN-CANARY");
            let settings = load(None).unwrap();
            assert!(settings.telegram_configured());
            let debug = format!("{settings:?}");
            assert!(!debug.contains("SECRET-TOKEN-CANARY"), "{debug}");
            Ok(())
        });
    }

    #[test]
    fn a_bad_value_names_its_key() {
        Jail::expect_with(|jail| {
            jail.create_file("leadbot.toml", "[scoring]\nmax_timeframe_days = \"soon\"\n")?;
            let err = load(None).unwrap_err().to_string();
            assert!(err.contains("max_timeframe_days"), "{err}");
            jail.create_file("leadbot.toml", "[scoring.min_budget]\nEUR = 5\n")?;
            let err = load(None).unwrap_err().to_string();
            assert!(err.contains("scoring.min_budget.EUR"), "{err}");
            assert!(err.contains("use BDT, INR or USD"), "{err}");
            jail.create_file("leadbot.toml", "colour = \"red\"\n")?;
            let err = load(None).unwrap_err().to_string();
            assert!(err.contains("colour"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn every_bad_key_is_named_at_once_one_line_each() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "leadbot.toml",
                "[sales]\nlocale = \"fr\"\n[business]\nutc_offset = \"Dhaka\"\n[retention]\ndays = 0\n",
            )?;
            let err = load(None).unwrap_err().to_string();
            let lines: Vec<&str> = err.lines().collect();
            assert_eq!(lines.len(), 3, "{err}");
            assert!(lines.iter().any(|l| l.contains("sales.locale")), "{err}");
            assert!(
                lines.iter().any(|l| l.contains("business.utc_offset")),
                "{err}"
            );
            assert!(lines.iter().any(|l| l.contains("retention.days")), "{err}");
            Ok(())
        });
    }

    #[test]
    fn settings_hold_their_values_as_types_once_loaded() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "leadbot.toml",
                "[sales]\nlocale = \"bn\"\n[business]\nutc_offset = \"+05:30\"\n",
            )?;
            let settings = load(None).unwrap();
            assert_eq!(settings.sales_language(), Language::Bn);
            assert_eq!(settings.scoring_policy().utc_offset_minutes, 330);
            Ok(())
        });
    }

    #[test]
    fn a_bad_value_is_named_by_its_key_but_never_shown() {
        Jail::expect_with(|jail| {
            jail.create_file("leadbot.toml", "telegram = \"123456:SECRET-CANARY\"\n")?;
            let err = load(None).unwrap_err().to_string();
            assert!(err.contains("\"default.telegram\""), "{err}");
            assert!(!err.contains("SECRET-CANARY"), "{err}");
            jail.create_file("leadbot.toml", "[telegram]\nmode = \"SECRET-CANARY\"\n")?;
            let err = load(None).unwrap_err().to_string();
            assert!(err.contains("`polling` or `webhook`"), "{err}");
            assert!(!err.contains("SECRET-CANARY"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn a_file_that_does_not_parse_is_named_by_line_without_quoting_it() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "leadbot.toml",
                "[telegram]\ntoken = \"123456:SECRET-CANARY\n",
            )?;
            let err = load(None).unwrap_err().to_string();
            assert!(err.contains("line 2"), "{err}");
            assert!(err.contains("leadbot.toml"), "{err}");
            assert!(!err.contains("SECRET-CANARY"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn the_secrets_are_listed_for_the_log_to_blank() {
        Jail::expect_with(|jail| {
            jail.set_env("TELEGRAM_BOT_TOKEN", "123456:SECRET-TOKEN-CANARY");
            jail.set_env("DATABASE_URL", "postgres://bot:pw-CANARY@db/leads");
            let secrets = load(None).unwrap().secrets();
            assert_eq!(
                secrets,
                [
                    "123456:SECRET-TOKEN-CANARY",
                    "SECRET-TOKEN-CANARY",
                    "pw-CANARY"
                ]
            );
            Ok(())
        });
    }

    #[test]
    fn an_explicit_config_file_must_exist() {
        Jail::expect_with(|_jail| {
            let err = load(Some(Path::new("nope.toml"))).unwrap_err().to_string();
            assert!(err.contains("nope.toml does not exist"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn authority_counts_must_name_options_of_the_authority_question() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "leadbot.toml",
                "[scoring]\nauthority_counts = [\"self\", \"boss\"]\n",
            )?;
            let settings = load(None).unwrap();
            let err = settings
                .check_against(&Questionnaire::builtin())
                .unwrap_err()
                .to_string();
            assert!(err.contains("scoring.authority_counts"), "{err}");
            assert!(err.contains("\"boss\""), "{err}");
            assert!(err.contains("self, shared, other"), "{err}");
            jail.create_file("leadbot.toml", "[scoring]\nauthority_counts = [\"self\"]\n")?;
            let settings = load(None).unwrap();
            settings.check_against(&Questionnaire::builtin()).unwrap();
            assert_eq!(
                settings
                    .scoring_policy()
                    .authority_counts
                    .clone()
                    .unwrap()
                    .len(),
                1
            );
            Ok(())
        });
    }

    #[test]
    fn the_utc_offset_is_read_and_checked() {
        Jail::expect_with(|jail| {
            jail.create_file("leadbot.toml", "[business]\nutc_offset = \"+05:30\"\n")?;
            let policy = load(None).unwrap().scoring_policy().clone();
            assert_eq!(policy.utc_offset_minutes, 330);
            jail.create_file("leadbot.toml", "[business]\nutc_offset = \"Asia/Dhaka\"\n")?;
            let err = load(None).unwrap_err().to_string();
            assert!(err.contains("business.utc_offset"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(
            redact_url("postgres://bot:pw@db/leads"),
            "postgres://bot:***@db/leads"
        );
        assert_eq!(redact_url("sqlite://leadbot.db"), "sqlite://leadbot.db");
    }
}
