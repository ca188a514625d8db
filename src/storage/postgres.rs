//! The PostgreSQL implementation of the storage port, for several replicas
//! on one database. The same behaviour as SQLite's; what differs is how
//! replicas are kept apart: unique keys and version checks for turns, row
//! locks with SKIP LOCKED for the shared outbox, an advisory lock to elect
//! the one poller.

use super::*;
use crate::core::{Criterion, Event, Language, Outbound, Stage, Temperature};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgRow};
use sqlx::{PgPool, Postgres, Row};
use std::str::FromStr;
use std::time::Duration;
use tracing::instrument;

super::sql::sql_store!(
    PostgresStore,
    Postgres,
    PgRow,
    lock = " FOR UPDATE",
    snapshot = Some("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
);

/// The outbox claim `sql_store!` runs: $1 the lease's end, $2 its owner,
/// $3 the channel, $4 one recipient or NULL, $5 now, $6 how many.
///
/// Each recipient's head row, locked with SKIP LOCKED: a row another
/// replica is claiming right now is passed over, never taken twice.
/// The outer WHERE re-checks the lease on the locked row, which a
/// replica that just committed its claim has moved into the future.
const CLAIM_HEADS: &str = "WITH heads AS (
         SELECT DISTINCT ON (recipient) id FROM outbox
         WHERE channel = $3 AND delivered_at IS NULL AND given_up_at IS NULL
           AND ($4::text IS NULL OR recipient = $4)
         ORDER BY recipient, id
     ), picked AS (
         SELECT o.id FROM outbox o JOIN heads h ON h.id = o.id
         WHERE o.next_attempt_at <= $5
         ORDER BY o.id LIMIT $6
         FOR UPDATE OF o SKIP LOCKED
     )
     UPDATE outbox SET next_attempt_at = $1, claimed_by = $2
     FROM picked
     WHERE outbox.id = picked.id AND outbox.next_attempt_at <= $5
       AND outbox.delivered_at IS NULL AND outbox.given_up_at IS NULL
     RETURNING outbox.id, outbox.recipient, outbox.lead_id, outbox.kind, outbox.payload,
         outbox.attempts, outbox.parts_sent";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    #[instrument(skip_all)]
    pub async fn connect(url: &str) -> Result<PostgresStore, StoreError> {
        let options = PgConnectOptions::from_str(url)?.application_name("leadbot");
        let pool = PgPoolOptions::new()
            .max_connections(10)
            // Waiting longer than this for a connection means the database is
            // away: better an error the caller retries than a silent hang.
            .acquire_timeout(Duration::from_secs(5))
            // After a database restart the pool's connections are dead;
            // checking before use replaces them instead of failing a turn.
            .test_before_acquire(true)
            .connect_with(options)
            .await?;
        Ok(PostgresStore { pool })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// What only PostgreSQL does: the hooks `sql_store!` calls.
impl PostgresStore {
    async fn commit_batch(&self, turns: &[TurnRecord]) -> Result<Vec<CommitOutcome>, StoreError> {
        // Rows are locked in one order (by conversation) in every replica's
        // batch, so that two batches cannot deadlock on each other.
        let mut order: Vec<usize> = (0..turns.len()).collect();
        order.sort_by(|a, b| turns[*a].key.cmp(&turns[*b].key));
        let mut tx = self.pool.begin().await?;
        let mut outcomes = vec![CommitOutcome::Conflict; turns.len()];
        for i in order {
            outcomes[i] = write_turn(&mut tx, &turns[i]).await?;
        }
        tx.commit().await?;
        Ok(outcomes)
    }

    async fn release_own_claims(&self) -> Result<u64, StoreError> {
        // Other replicas may be sending right now: their holds expire on
        // their own.
        Ok(0)
    }

    async fn lead_stream(&self, stream: &str) -> Result<Option<Box<dyn Leadership>>, StoreError> {
        // A session-level advisory lock on a connection of its own: it is
        // held as long as that connection lives, and PostgreSQL frees it the
        // moment the holder's process dies and its socket closes.
        let mut connection = self.pool.acquire().await?;
        let key = lock_name(stream);
        let held: bool = sqlx::query_scalar(
            "SELECT pg_try_advisory_lock(hashtextextended(current_schema() || ':' || $1, 0))",
        )
        .bind(&key)
        .fetch_one(&mut *connection)
        .await?;
        if !held {
            return Ok(None);
        }
        Ok(Some(Box::new(AdvisoryLock {
            connection: Some(connection.detach()),
        })))
    }

    /// Erased rows' old versions are left to (auto)vacuum, as README says.
    async fn after_erasure(&self) {}

    /// Nothing to fold in: the server owns its files.
    async fn shut(&self) {}
}

fn lock_name(stream: &str) -> String {
    format!("leadbot:poller:{stream}")
}

/// The poller's advisory lock and the connection that holds it.
struct AdvisoryLock {
    connection: Option<sqlx::PgConnection>,
}

#[async_trait]
impl Leadership for AdvisoryLock {
    async fn still_held(&mut self) -> bool {
        let Some(connection) = self.connection.as_mut() else {
            return false;
        };
        // The lock lives with the session: if the session is gone (the
        // database restarted), so is the lock, and another replica may hold
        // it now.
        // No one but this session can release the lock, so a live
        // session is a held lock.
        // Bounded: a half-open connection must not freeze the poller.
        let held = tokio::time::timeout(
            Duration::from_secs(5),
            sqlx::query_scalar::<_, i32>("SELECT 1").fetch_one(&mut *connection),
        )
        .await;
        match held {
            Ok(Ok(_)) => true,
            _ => {
                self.connection = None;
                false
            }
        }
    }
}

impl Drop for AdvisoryLock {
    fn drop(&mut self) {
        // Closing the session releases the lock; a runtime may be gone at
        // exit, and then the process's end closes the socket anyway.
        if let Some(connection) = self.connection.take() {
            if let Ok(handle) = tokio::runtime::Handle::try_current() {
                handle.spawn(async move {
                    use sqlx::Connection;
                    let _ = connection.close().await;
                });
            }
        }
    }
}
