//! The defaults every configuration file and environment variable overrides.

use super::*;

/// The defaults every file and variable overrides.
#[derive(Serialize)]
pub(super) struct Defaults {
    database_url: &'static str,
    database_down_exit_secs: u64,
    business: BusinessSettings,
    scoring: ScoringSettings,
    retention: RetentionSettings,
    sales: SalesSettings,
    sqlite: SqliteSettings,
}

pub(super) fn defaults() -> Defaults {
    let policy = ScoringPolicy::default();
    Defaults {
        database_url: DEFAULT_DATABASE_URL,
        database_down_exit_secs: 300,
        business: BusinessSettings {
            name: None,
            utc_offset: "+06:00".into(),
            promise: BTreeMap::new(),
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
            qualify_without_contact: policy.qualify_without_contact,
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

/// Telegram's own default.
pub fn webhook_max_connections() -> u8 {
    40
}

pub fn yes() -> bool {
    true
}
