//! The shared test support. This module: a fresh SQLite database per test,
//! the real qualifier on top, and builders for inbound events. Beside it,
//! included by the binaries that need them (`#[path = "../common/…"]`):
//! `fake_bot_api.rs` (the one fake Telegram Bot API), `fake_discord.rs` (the
//! one fake Discord, REST and gateway), `postgres.rs` + `pg_cluster.rs` (a
//! schema per test, on a private cluster unless `TEST_DATABASE_URL` names a
//! server) and `process.rs` (the real `leadbot` binary as a child).
#![allow(dead_code)]

pub mod postgres;

use chrono::{DateTime, TimeZone, Utc};
use leadbot::core::{Channel, ConversationKey, Inbound, Input, Language, Profile, Questionnaire};
use leadbot::i18n::Localizer;
use leadbot::service::{BusinessRules, Handled, Qualifier, SalesRouting};

/// The sales destinations every test app alerts.
pub const SALES_TELEGRAM: &str = "-5000";
pub const SALES_DISCORD: &str = "channel:6000";
use leadbot::storage::{sqlite::SqliteStore, Store};
use std::sync::Arc;
use tempfile::TempDir;

pub struct TestApp {
    // Dropped last: the database file lives in it.
    _dir: TempDir,
    pub database_url: String,
    pub store: Arc<dyn Store>,
    pub qualifier: Qualifier,
    pub localizer: Localizer,
}

pub async fn spawn_app() -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = format!("sqlite://{}", dir.path().join("leadbot.db").display());
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::connect(&database_url).await.expect("connect"));
    store.migrate().await.expect("migrate");
    let rules = BusinessRules {
        promise: Default::default(),
        business_name: Some("Acme".into()),
        retention_days: 365,
        policy: Default::default(),
        sales: SalesRouting {
            destinations: vec![
                (Channel::Telegram, SALES_TELEGRAM.into()),
                (Channel::Discord, SALES_DISCORD.into()),
            ],
            language: Language::En,
            staff: Vec::new(),
            moved: Default::default(),
        },
    };
    let qualifier = Qualifier::new(store.clone(), Arc::new(Questionnaire::builtin()), rules);
    TestApp {
        _dir: dir,
        database_url,
        store,
        qualifier,
        localizer: Localizer::embedded(),
    }
}

/// A prospect on a channel; each message gets the next idempotency key.
pub struct Prospect {
    pub key: ConversationKey,
    pub language: Option<Language>,
    pub name: Option<String>,
    next_id: u64,
    pub sent: Vec<Inbound>,
}

impl Prospect {
    pub fn new(channel: Channel, user: &str) -> Prospect {
        Prospect {
            key: ConversationKey::new(channel, user),
            language: None,
            name: Some(format!("Name of {user}")),
            next_id: 1,
            sent: Vec::new(),
        }
    }

    pub fn inbound(&mut self, input: Input) -> Inbound {
        let id = self.next_id;
        self.next_id += 1;
        let inbound = Inbound {
            key: self.key.clone(),
            idempotency_key: format!("{}-{id}", self.key.user),
            at: at(id),
            profile: Profile {
                display_name: self.name.clone(),
                language_hint: self.language,
                // As each platform's adapter links its users.
                link: match self.key.channel {
                    Channel::Telegram => Some(leadbot::channels::telegram::mapping::profile_link(
                        &self.key.user,
                        None,
                    )),
                    Channel::Discord => Some(leadbot::channels::discord::mapping::profile_link(
                        &self.key.user,
                    )),
                    Channel::Console => None,
                },
                // As the adapters judge it: this fake Telegram user has no
                // username; a Discord member can always be DMed.
                reachable: self.key.channel == Channel::Discord,
            },
            input,
        };
        self.sent.push(inbound.clone());
        inbound
    }

    /// Sends a line as a prospect types it: commands start with '/'.
    pub async fn say(&mut self, app: &TestApp, text: &str) -> Handled {
        let input = match leadbot::core::Command::parse(text) {
            Some(command) => Input::Command(command),
            None => Input::Text { text: text.into() },
        };
        let inbound = self.inbound(input);
        app.qualifier.handle(&inbound).await.expect("handled")
    }
}

/// A fixed clock: one minute per message.
pub fn at(n: u64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap() + chrono::Duration::minutes(n as i64)
}

/// The rendered text of the replies a handled event produced.
pub fn replies(app: &TestApp, handled: &Handled) -> Vec<String> {
    match handled {
        Handled::Committed { outbox, .. } => outbox
            .iter()
            .map(|m| app.localizer.render_outbound(&m.payload).text)
            .collect(),
        Handled::Duplicate => Vec::new(),
    }
}
