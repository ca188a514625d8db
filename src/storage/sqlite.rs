//! The SQLite implementation of the storage port: an embedded file in WAL
//! mode, whose commits survive a crash of the process.

use super::*;
use crate::core::{Criterion, Event, Language, Outbound, Stage, Temperature};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{Row, SqlitePool};
use std::str::FromStr;
use std::time::Duration;
use tracing::instrument;

// One writer at a time: SQLite needs neither row locks nor snapshots here.
super::sql::sql_store!(
    SqliteStore,
    sqlx::Sqlite,
    SqliteRow,
    lock = "",
    snapshot = None::<&str>
);

/// The outbox claim `sql_store!` runs: $1 the lease's end, $2 its owner,
/// $3 the channel, $4 one recipient or NULL, $5 now, $6 how many.
///
/// One statement: SQLite runs it under its write lock, so two senders
/// never take the same row.
const CLAIM_HEADS: &str = "UPDATE outbox SET next_attempt_at = $1, claimed_by = $2
     WHERE id IN (
         SELECT id FROM outbox
         WHERE id IN (
             SELECT MIN(id) FROM outbox
             WHERE channel = $3 AND delivered_at IS NULL AND given_up_at IS NULL
               AND ($4 IS NULL OR recipient = $4)
             GROUP BY recipient)
           AND next_attempt_at <= $5
         ORDER BY id LIMIT $6)
     RETURNING id, recipient, lead_id, kind, payload, attempts, parts_sent";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    #[instrument(skip_all)]
    pub async fn connect(url: &str) -> Result<SqliteStore, StoreError> {
        Self::connect_with(url, Synchronous::default()).await
    }

    #[instrument(skip_all)]
    pub async fn connect_with(
        url: &str,
        synchronous: Synchronous,
    ) -> Result<SqliteStore, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // In WAL mode NORMAL loses no committed transaction when the
            // process dies; only a power cut may lose the last ones.
            .synchronous(match synchronous {
                Synchronous::Normal => SqliteSynchronous::Normal,
                Synchronous::Full => SqliteSynchronous::Full,
            })
            .foreign_keys(true)
            // Deleted content is overwritten with zeros, so that an erased
            // prospect's words do not linger in free pages of the file.
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .after_release(|conn, _| Box::pin(async move { reusable(conn).await }))
            .connect_with(options)
            .await?;
        Ok(SqliteStore { pool })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Copies the WAL into the database file and empties it: after an
    /// erasure, so that the erased rows' old versions leave the WAL, and at
    /// shutdown, so that `leadbot.db` alone holds everything. Best effort: a
    /// reader still open keeps some frames until the next checkpoint.
    pub async fn checkpoint(&self) {
        let done: Result<(i64, i64, i64), sqlx::Error> =
            sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&self.pool)
                .await;
        match done {
            Ok((0, _, _)) => {}
            Ok(_) => tracing::warn!(
                "the WAL checkpoint was held up by a reader; it completes at the next one"
            ),
            Err(error) => tracing::warn!(%error, "the WAL checkpoint failed"),
        }
    }
}

/// Whether a connection handed back to the pool may serve again. One left
/// inside a transaction — a COMMIT that failed ("database or disk is full")
/// and a ROLLBACK that failed after it — would keep SQLite's write lock for
/// ever, and the next turn on it would only open a savepoint inside the dead
/// transaction and look committed without being saved. Such a connection
/// is closed (which rolls back and frees the lock) and the pool opens a
/// fresh one.
async fn reusable(conn: &mut sqlx::SqliteConnection) -> Result<bool, sqlx::Error> {
    use sqlx::Connection;
    // Taking the handle waits until the worker has run every queued
    // command, the rollback of a dropped transaction included.
    let autocommit = {
        let mut handle = conn.lock_handle().await?;
        // SAFETY: the handle is a live connection, locked for this call;
        // sqlite3_get_autocommit only reads its state.
        unsafe { libsqlite3_sys::sqlite3_get_autocommit(handle.as_raw_handle().as_ptr()) }
    };
    let clean = autocommit != 0 && !conn.is_in_transaction();
    if !clean {
        tracing::error!("a database connection was left inside a failed transaction; it is closed so that its write lock is freed");
    }
    Ok(clean)
}

/// What only SQLite does: the hooks `sql_store!` calls.
impl SqliteStore {
    async fn commit_batch(&self, turns: &[TurnRecord]) -> Result<Vec<CommitOutcome>, StoreError> {
        super::sqlite_batch::commit_batch(&self.pool, turns).await
    }

    async fn lead_stream(&self, _stream: &str) -> Result<Option<Box<dyn Leadership>>, StoreError> {
        // One process serves a SQLite file: it always leads.
        Ok(Some(Box::new(SoleProcess)))
    }

    /// One process runs the file: every hold is this process's, left by
    /// an earlier run that was killed.
    async fn release_own_claims(&self) -> Result<u64, StoreError> {
        let released = sqlx::query(
            "UPDATE outbox SET next_attempt_at = created_at, claimed_by = NULL
             WHERE claimed_by IS NOT NULL AND delivered_at IS NULL AND given_up_at IS NULL",
        )
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(released)
    }

    async fn after_erasure(&self) {
        self.checkpoint().await;
    }

    async fn shut(&self) {
        self.checkpoint().await;
        self.pool.close().await;
    }
}

struct SoleProcess;

#[async_trait]
impl Leadership for SoleProcess {
    async fn still_held(&mut self) -> bool {
        true
    }
}
