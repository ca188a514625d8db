//! The storage port: one trait, one implementation per database. The core
//! never sees SQL; the service hands over a whole turn to commit atomically.

pub mod group_commit;
mod ports;
pub mod postgres;
pub mod privacy;
pub mod records;
mod sql;
pub mod sqlite;
mod sqlite_batch;

pub use ports::*;
pub use records::*;

/// The port's roles, for calling them on `dyn Store`.
pub mod prelude {
    pub use super::ports::{Conversations, Deliveries, Operations, Privacy, Reports, Sales, Store};
}

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
    /// The prospect whose update it is, where that can be told: /forget
    /// erases their dead letters.
    pub user_id: Option<String>,
}

/// The most replies one chat has waiting (see `limit_pending_replies`):
/// the ones a prospect can still read as current at one message a second.
pub const MAX_PENDING_REPLIES: i64 = 5;

/// A `dead_letters` row as both backends select it.
type DeadLetterRow = (String, String, String, DateTime<Utc>, Option<String>);

fn dead_letter_from_row(
    (channel, reason, raw, created_at, user_id): DeadLetterRow,
) -> Result<DeadLetter, StoreError> {
    Ok(DeadLetter {
        channel: Channel::parse(&channel).ok_or_else(|| StoreError::Corrupt {
            what: "dead letter channel",
            detail: channel.clone(),
        })?,
        reason,
        raw,
        created_at,
        user_id,
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

/// Opens the database the URL names (`sqlite://…` or `postgres://…`),
/// creating a SQLite file on first use.
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
