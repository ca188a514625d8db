//! The storage port: one trait, one implementation per database. The core
//! never sees SQL; the service hands over a whole turn to commit atomically.

mod dead_letters;
pub mod group_commit;
pub mod postgres;
pub mod privacy;
pub mod records;
pub mod sqlite;
mod sqlite_batch;

pub use records::*;

use crate::core::{Channel, ConversationKey, Criterion, Outbound};
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
        "unsupported database URL scheme {scheme:?}: use sqlite://FILE or postgres://USER@HOST/DATABASE"
    )]
    UnsupportedUrl { scheme: String },
    #[error("the database schema is not current: {0}")]
    NotMigrated(String),
    #[error("the database writer has stopped (the process is shutting down)")]
    Stopped,
    /// A group commit failed: every turn in it gets the same error.
    #[error("{0}")]
    Shared(Arc<StoreError>),
}

/// An update set aside for good: why, and its raw JSON.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DeadLetter {
    pub channel: Channel,
    pub reason: String,
    pub raw: String,
    pub created_at: DateTime<Utc>,
}

/// A `dead_letters` row as both backends select it.
type DeadLetterRow = (String, String, String, DateTime<Utc>);

fn dead_letter_from_row(
    (channel, reason, raw, created_at): DeadLetterRow,
) -> Result<DeadLetter, StoreError> {
    Ok(DeadLetter {
        channel: Channel::parse(&channel).ok_or_else(|| StoreError::Corrupt {
            what: "dead letter channel",
            detail: channel.clone(),
        })?,
        reason,
        raw,
        created_at,
    })
}

impl StoreError {
    /// The database refused this event's own data (a value it cannot hold,
    /// a constraint), or the stored conversation cannot be read: trying
    /// again can never succeed. Every other error is the store's, not the
    /// event's, and is retried.
    pub fn is_poison(&self) -> bool {
        match self {
            StoreError::Shared(error) => error.is_poison(),
            StoreError::Corrupt { .. } => true,
            StoreError::Database(error) => error.as_database_error().is_some_and(|db| {
                let code = db.code().unwrap_or_default();
                if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                    // SQLite primary codes: TOOBIG, CONSTRAINT, MISMATCH.
                    code.parse::<i32>()
                        .is_ok_and(|c| matches!(c & 0xff, 18..=20))
                } else {
                    // PostgreSQL classes 22 (data exception) and 23
                    // (integrity constraint violation).
                    code.starts_with("22") || code.starts_with("23")
                }
            }),
            _ => false,
        }
    }

    /// The database could not be reached at all (down, restarting, network),
    /// as opposed to a query it refused: worth waiting for, and worth saying
    /// so plainly in the logs.
    pub fn is_unreachable(&self) -> bool {
        match self {
            StoreError::Shared(error) => error.is_unreachable(),
            StoreError::Database(error) => {
                matches!(
                    error,
                    sqlx::Error::Io(_)
                        | sqlx::Error::PoolTimedOut
                        | sqlx::Error::PoolClosed
                        | sqlx::Error::WorkerCrashed
                        | sqlx::Error::Tls(_)
                ) || error
                    .as_database_error()
                    .and_then(|e| e.code())
                    // Class 57 (operator intervention: shutdown, crash recovery)
                    // and 08 (connection exceptions).
                    .is_some_and(|code| code.starts_with("57") || code.starts_with("08"))
            }
            _ => false,
        }
    }
}

/// Held by the one replica that may poll a stream; see [`Store::try_lead`].
#[async_trait]
pub trait Leadership: Send {
    /// Whether the hold is still good (the connection holding it may have
    /// died with a database restart).
    async fn still_held(&mut self) -> bool;
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

    /// Writes several turns (of different conversations) in one
    /// transaction, each with the outcome `commit_turn` would give it: group
    /// commit. Nothing of it is visible, or acknowledged, before all commit.
    async fn commit_turns(&self, turns: &[TurnRecord]) -> Result<Vec<CommitOutcome>, StoreError> {
        let mut outcomes = Vec::with_capacity(turns.len());
        for turn in turns {
            outcomes.push(self.commit_turn(turn).await?);
        }
        Ok(outcomes)
    }

    /// Records an event that concerns no conversation (a `/start` in a group)
    /// with its reply, in one transaction: the reply's row, or `None` when
    /// the key was seen.
    async fn commit_notice(&self, notice: &Notice) -> Result<Option<OutboxMessage>, StoreError>;

    /// Everything stored about a prospect; `None` when nothing is.
    async fn subject_data(&self, key: &ConversationKey) -> Result<Option<SubjectData>, StoreError>;

    /// Erases every row about a prospect — lead, state, answers, stage
    /// events, outbox rows, processed-event keys, alert references — and
    /// queues the farewell and an edit of each sales alert, in one
    /// transaction.
    async fn erase(&self, erasure: &Erasure) -> Result<EraseOutcome, StoreError>;

    /// Remembers the platform ids of a delivered alert's messages, so that
    /// an erasure can edit them; `false` when the alert's lead is gone (it
    /// was erased while the alert was on its way).
    async fn record_alert_messages(
        &self,
        outbox_id: i64,
        message_ids: &[String],
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError>;

    /// Retention: erases leads untouched since `cutoff`, except that won
    /// and lost leads keep their non-personal aggregates (stage events,
    /// temperature, source, language); also notices and keys of no lead
    /// older than that. Each sales alert of those leads is edited to
    /// `alert_edit`, whose first paragraph gets the lead's number as `lead`.
    async fn erase_expired(
        &self,
        cutoff: DateTime<Utc>,
        alert_edit: &Outbound,
    ) -> Result<RetentionReport, StoreError>;

    /// Takes, for each recipient of a channel, its oldest undelivered outbox
    /// row if that row is due and nobody holds it, and holds it under `claim`
    /// until it is marked. A later message never overtakes an earlier one
    /// that waits for a retry or is being sent by another replica.
    /// `recipient` narrows them to one user.
    async fn claim_outbox(
        &self,
        channel: Channel,
        recipient: Option<&str>,
        now: DateTime<Utc>,
        limit: i64,
        claim: &Claim,
    ) -> Result<Vec<OutboxMessage>, StoreError>;

    /// Extends a hold on a row still being sent (a long split reply);
    /// `false` when the hold was lost (its lease ran out and another sender
    /// took the row, or the row was settled): then the caller must not send.
    async fn renew_claim(&self, id: i64, claim: &Claim) -> Result<bool, StoreError>;

    /// Frees every hold, at start-up of a backend that one process runs
    /// (SQLite), so that rows a killed process held go out at once. A shared
    /// backend (PostgreSQL) leaves them to expire: other replicas are alive.
    async fn release_claims_at_start(&self) -> Result<u64, StoreError>;

    async fn mark_delivered(&self, id: i64, at: DateTime<Utc>) -> Result<(), StoreError>;

    /// Marks several rows delivered in one statement (a sender's round).
    async fn mark_delivered_many(&self, ids: &[i64], at: DateTime<Utc>) -> Result<(), StoreError> {
        for id in ids {
            self.mark_delivered(*id, at).await?;
        }
        Ok(())
    }

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

    /// Tries to become the one replica that polls `stream`; `None` while
    /// another holds it. The hold ends when the returned value is dropped
    /// or its process dies.
    async fn try_lead(&self, stream: &str) -> Result<Option<Box<dyn Leadership>>, StoreError>;

    /// Ready to serve: the database answers and every migration this
    /// build knows is applied.
    async fn check_ready(&self) -> Result<(), StoreError>;

    /// Called once at shutdown, after the last write: SQLite copies its WAL
    /// into the database file, so that the file alone holds everything.
    async fn close(&self) {}

    /// Keeps an update that can never be applied, with its raw form.
    async fn record_dead_letter(&self, letter: &DeadLetter) -> Result<(), StoreError>;

    /// The newest dead letters first.
    async fn dead_letters(&self, limit: i64) -> Result<Vec<DeadLetter>, StoreError>;

    /// Outbox depth and age per channel, leads per temperature.
    async fn gauges(&self) -> Result<Gauges, StoreError>;
}

/// Opens the database the URL names (`sqlite://…` or `postgres://…`),
/// creating a SQLite file on first use.
/// How SQLite makes a commit durable (`sqlite.synchronous`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Synchronous {
    /// WAL with NORMAL: nothing committed is lost when the process dies;
    /// a power cut may roll back the last commits.
    #[default]
    Normal,
    /// FULL: every commit reaches the disk before it is acknowledged, so a
    /// webhook's 200 holds across a power cut too (slower; BENCHMARKS.md).
    Full,
}

pub async fn connect(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    connect_with(url, Synchronous::default()).await
}

/// `connect`, with SQLite's durability chosen (PostgreSQL ignores it).
pub async fn connect_with(
    url: &str,
    synchronous: Synchronous,
) -> Result<Arc<dyn Store>, StoreError> {
    let scheme = url.split(':').next().unwrap_or_default();
    match scheme {
        "sqlite" => Ok(Arc::new(
            sqlite::SqliteStore::connect_with(url, synchronous).await?,
        )),
        "postgres" | "postgresql" => Ok(Arc::new(postgres::PostgresStore::connect(url).await?)),
        other => Err(StoreError::UnsupportedUrl {
            scheme: other.to_owned(),
        }),
    }
}

/// Compares the migrations this build embeds with those the database
/// recorded as applied.
fn compare_migrations(
    migrator: &sqlx::migrate::Migrator,
    applied: &[i64],
) -> Result<(), StoreError> {
    let missing: Vec<String> = migrator
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .map(|m| m.version)
        .filter(|v| !applied.contains(v))
        .map(|v| v.to_string())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(StoreError::NotMigrated(format!(
        "migrations {} are not applied; run `leadbot migrate`",
        missing.join(", ")
    )))
}

/// Turns the gauge queries' rows into [`Gauges`], skipping values this build
/// does not know.
fn gauges_from_rows(
    outbox: Vec<(String, i64, Option<DateTime<Utc>>)>,
    leads: Vec<(String, i64)>,
) -> Gauges {
    Gauges {
        outbox: outbox
            .into_iter()
            .filter_map(|(channel, depth, oldest)| {
                Some(OutboxGauge {
                    channel: Channel::parse(&channel)?,
                    depth,
                    oldest,
                })
            })
            .collect(),
        leads: leads
            .into_iter()
            .filter_map(|(t, n)| Some((crate::core::Temperature::parse(&t)?, n)))
            .collect(),
    }
}

pub(crate) fn corrupt(what: &'static str) -> impl FnOnce(serde_json::Error) -> StoreError {
    // Only the position: serde's message may quote stored personal data.
    move |e| StoreError::Corrupt {
        what,
        detail: format!(
            "{:?} error at line {} column {}",
            e.classify(),
            e.line(),
            e.column()
        ),
    }
}

pub(crate) fn met_to_text(met: &[Criterion]) -> String {
    met.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",")
}

pub(crate) fn met_from_text(text: &str) -> Vec<Criterion> {
    text.split(',').filter_map(Criterion::parse).collect()
}
