//! The storage port: one trait, one implementation per database. The core
//! never sees SQL; the service hands over a whole turn to commit atomically.

pub mod records;
pub mod sqlite;

pub use records::*;

use crate::core::{Channel, ConversationKey};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("stored data could not be read ({what}): {detail}")]
    Corrupt { what: &'static str, detail: String },
    #[error(
        "unsupported database URL {scheme:?}: use sqlite://FILE (PostgreSQL support is planned)"
    )]
    UnsupportedUrl { scheme: String },
}

/// How a commit ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommitOutcome {
    Committed {
        lead_id: i64,
        /// The outbox rows the turn wrote, to deliver now.
        outbox: Vec<OutboxMessage>,
    },
    /// The idempotency key was already processed: nothing changed.
    Duplicate,
    /// Another turn of the same conversation committed first: load and retry.
    Conflict,
}

#[async_trait]
pub trait Store: Send + Sync {
    /// Creates or upgrades the schema.
    async fn migrate(&self) -> Result<(), StoreError>;

    async fn load_conversation(
        &self,
        key: &ConversationKey,
    ) -> Result<Option<StoredConversation>, StoreError>;

    async fn is_processed(
        &self,
        channel: Channel,
        idempotency_key: &str,
    ) -> Result<bool, StoreError>;

    /// Writes a turn in one transaction: the idempotency key, the lead and its
    /// state (checking the expected version), answers, stage events and the
    /// reply's outbox row.
    async fn commit_turn(&self, turn: &TurnRecord) -> Result<CommitOutcome, StoreError>;

    /// Records an event that concerns no conversation (a `/start` in a group)
    /// with its reply, in one transaction; `false` when the key was seen.
    async fn commit_notice(&self, notice: &Notice) -> Result<bool, StoreError>;

    /// For each recipient of a channel, its oldest undelivered outbox row if
    /// that row is due: a later message never overtakes an earlier one that
    /// waits for a retry. `recipient` narrows them to one user.
    async fn due_outbox(
        &self,
        channel: Channel,
        recipient: Option<&str>,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>, StoreError>;

    async fn mark_delivered(&self, id: i64, at: DateTime<Utc>) -> Result<(), StoreError>;

    /// Records a failed delivery attempt and when to try again.
    async fn mark_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// Records that the first `parts` messages of a split reply were accepted.
    async fn mark_parts_sent(&self, id: i64, parts: i64) -> Result<(), StoreError>;

    /// Gives up on an outbox row the platform refused for good; with
    /// `unreachable` (the user blocked the bot) its lead is marked so and the
    /// recipient's other pending rows are given up too.
    async fn give_up(
        &self,
        id: i64,
        error: &str,
        unreachable: bool,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// The next update offset of a stream (one bot's getUpdates).
    async fn load_offset(&self, stream: &str) -> Result<Option<i64>, StoreError>;

    /// Stores the next offset, after the updates before it were committed.
    async fn save_offset(
        &self,
        stream: &str,
        next_offset: i64,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    async fn list_leads(&self, filter: &LeadFilter) -> Result<Vec<LeadRow>, StoreError>;

    /// Claims a lead for a salesperson (sales-accepted) or records it won or
    /// lost, in one transaction keyed by the press's idempotency key.
    async fn sales_action(&self, action: &SalesAction) -> Result<SalesOutcome, StoreError>;

    /// The funnel of leads created since `since`: how many reached each
    /// stage, where unfinished questionnaires stopped, and results per source.
    async fn funnel(&self, since: DateTime<Utc>) -> Result<Funnel, StoreError>;

    /// Every lead with its current answers and stage events.
    async fn export(&self) -> Result<Vec<LeadExport>, StoreError>;
}

/// Opens the database the URL names (`sqlite://…`), creating a SQLite file
/// on first use.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    let scheme = url.split(':').next().unwrap_or_default();
    match scheme {
        "sqlite" => Ok(Arc::new(sqlite::SqliteStore::connect(url).await?)),
        other => Err(StoreError::UnsupportedUrl {
            scheme: other.to_owned(),
        }),
    }
}
