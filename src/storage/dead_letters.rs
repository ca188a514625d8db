//! The dead letters in SQL, one body for SQLite and PostgreSQL (numbered
//! parameters work on both): updates that can never be applied, kept raw
//! for the operator.

macro_rules! dead_letters {
    ($store:ty) => {
        impl $store {
            pub(crate) async fn record_dead_letter_in(
                &self,
                letter: &DeadLetter,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO dead_letters (channel, reason, raw, created_at)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(letter.channel.as_str())
                .bind(&letter.reason)
                .bind(&letter.raw)
                .bind(letter.created_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            pub(crate) async fn dead_letters_in(
                &self,
                limit: i64,
            ) -> Result<Vec<DeadLetter>, StoreError> {
                let rows: Vec<DeadLetterRow> = sqlx::query_as(
                    "SELECT channel, reason, raw, created_at FROM dead_letters
                     ORDER BY id DESC LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(dead_letter_from_row).collect()
            }
        }
    };
}

pub(crate) use dead_letters;
