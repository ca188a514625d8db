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

mod defaults;
mod errors;
use errors::describe;
pub use errors::ConfigError;

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
    promise: BTreeMap<Language, String>,
}

impl Default for Parsed {
    fn default() -> Self {
        Parsed {
            policy: ScoringPolicy::default(),
            sales_language: Language::En,
            promise: BTreeMap::new(),
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
    /// Language code → what the summary promises a prospect at the end,
    /// e.g. "Our team will call you within one working day."; unset, a
    /// neutral "our team will be in touch soon".
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub promise: BTreeMap<String, String>,
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
    /// Whether a prospect who declines to give a contact can still be
    /// marketing- and sales-qualified when their platform lets sales reach
    /// them (a Telegram username, a Discord DM).
    #[serde(default = "defaults::yes")]
    pub qualify_without_contact: bool,
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
    /// Connections Telegram may open at once to deliver updates (1–100,
    /// sent with setWebhook); the listener allows 24 more for probes.
    #[serde(default = "defaults::webhook_max_connections")]
    pub max_connections: u8,
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

/// Loads the settings. `config` is `--config`; without it `leadbot.toml` in
/// the working directory is read if it exists.
pub fn load(config: Option<&Path>) -> Result<Settings, ConfigError> {
    let mut figment = Figment::from(Serialized::defaults(defaults::defaults()));
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
    for (code, text) in &settings.business.promise {
        match code.parse::<Language>() {
            Ok(language) if !text.trim().is_empty() => {
                settings
                    .parsed
                    .promise
                    .insert(language, text.trim().to_owned());
            }
            Ok(_) => {}
            Err(_) => problems.push(ConfigError::Value {
                key: format!("business.promise.{code}"),
                problem: format!("unknown language {code:?}: use en, bn or hi"),
            }),
        }
    }
    problems.extend(settings.check());
    match problems.len() {
        0 => Ok(settings),
        1 => Err(problems.remove(0)),
        _ => Err(ConfigError::Several(problems)),
    }
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
            qualify_without_contact: self.scoring.qualify_without_contact,
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

    /// What the summary promises, per language.
    pub fn promise(&self) -> &BTreeMap<Language, String> {
        &self.parsed.promise
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
                if !(1..=100).contains(&webhook.max_connections) {
                    problems.push(ConfigError::Value {
                        key: "telegram.webhook.max_connections".into(),
                        problem: "must be 1 to 100 (Telegram's rule; 40 if unset)".into(),
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
#[cfg(test)]
// figment's Jail returns its own large error type; that is its API, not ours.
#[allow(clippy::result_large_err)]
mod tests;
