//! The storage port in SQL, one body for SQLite and PostgreSQL. The
//! statements use numbered parameters (`$1`), `TRUE`/`FALSE`, `CAST` and
//! `CASE`, which both dialects read alike; each backend module invokes
//! [`sql_store!`] and supplies only what its dialect forces, as inherent
//! methods the macros call:
//!
//! - `commit_batch(&self, &[TurnRecord])`: group commit;
//! - `lead_stream(&self, &str)`: poller leadership;
//! - `release_own_claims(&self)`: holds a killed process left behind;
//! - `after_erasure(&self)`: what must follow an erasure on disk;
//! - `shut(&self)`: the last thing at shutdown;
//!
//! and a `static MIGRATOR` with its dialect's migrations and a `const
//! CLAIM_HEADS` statement that claims outbox rows (one writer vs. SKIP
//! LOCKED).
//!
//! `lock` ends the statements that read a row to change it (" FOR UPDATE"
//! where rows can be locked); `snapshot` is run first in reading
//! transactions that must see one moment (PostgreSQL's default isolation
//! gives each statement its own).

pub(crate) mod conversations;
pub(crate) mod deliveries;
pub(crate) mod reports;
pub(crate) mod rows;
pub(crate) mod sales;

macro_rules! sql_store {
    ($store:ty, $db:ty, $row:ty, lock = $lock:literal, snapshot = $snapshot:expr) => {
        $crate::storage::sql::rows::row_readers!($row);
        $crate::storage::sql::conversations::conversations_sql!($store, $db);
        $crate::storage::sql::deliveries::deliveries_sql!($store, $db);
        $crate::storage::sql::sales::sales_sql!($store, $lock);
        $crate::storage::sql::reports::reports_sql!($store, $snapshot);
        $crate::storage::privacy::data_rights!($store, $lock, $snapshot);

        #[async_trait]
        impl Operations for $store {
            #[instrument(skip_all)]
            async fn migrate(&self) -> Result<(), StoreError> {
                MIGRATOR.run(&self.pool).await?;
                Ok(())
            }

            #[instrument(skip_all)]
            async fn check_ready(&self) -> Result<(), StoreError> {
                let applied: Vec<i64> =
                    sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
                        .fetch_all(&self.pool)
                        .await?;
                compare_migrations(&MIGRATOR, &applied)?;
                // A committed write, not a read: a full disk or a connection
                // that kept the write lock fails here while reads still work.
                sqlx::query(
                    "INSERT INTO write_probe (id, checked_at) VALUES (1, $1)
                     ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
                )
                .bind(Utc::now())
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn close(&self) {
                self.shut().await;
            }
        }
    };
}

pub(crate) use sql_store;
