//! The outbox in SQL, as its sender uses it: holds, deliveries, retries and
//! giving up. Which rows a claim takes is the backend's own `CLAIM_HEADS`.

macro_rules! deliveries_sql {
    ($store:ty, $db:ty) => {
        #[async_trait]
        impl Deliveries for $store {
            #[instrument(skip_all, fields(channel = %channel))]
            async fn claim_outbox(
                &self,
                channel: Channel,
                recipient: Option<&str>,
                now: DateTime<Utc>,
                limit: i64,
                claim: &Claim,
            ) -> Result<Vec<OutboxMessage>, StoreError> {
                let rows = sqlx::query(CLAIM_HEADS)
                    .bind(claim.until)
                    .bind(&claim.owner)
                    .bind(channel.as_str())
                    .bind(recipient)
                    .bind(now)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                let mut messages = rows
                    .iter()
                    .map(|row| outbox_message(row, channel))
                    .collect::<Result<Vec<_>, _>>()?;
                messages.sort_by_key(|m| m.id);
                Ok(messages)
            }

            #[instrument(skip_all)]
            async fn release_claims_at_start(&self) -> Result<u64, StoreError> {
                self.release_own_claims().await
            }

            #[instrument(skip_all)]
            async fn move_recipient(
                &self,
                channel: Channel,
                from: &str,
                to: &str,
                at: DateTime<Utc>,
            ) -> Result<(), StoreError> {
                let mut tx = self.pool.begin().await?;
                sqlx::query(
                    "INSERT INTO destination_moves (channel, old_recipient, new_recipient, moved_at)
                     VALUES ($1, $2, $3, $4)
                     ON CONFLICT (channel, old_recipient) DO UPDATE SET new_recipient = excluded.new_recipient",
                )
                .bind(channel.as_str())
                .bind(from)
                .bind(to)
                .bind(at)
                .execute(&mut *tx)
                .await?;
                // Due at once, under no one's hold: sent to the new id next.
                sqlx::query(
                    "UPDATE outbox SET recipient = $1, claimed_by = NULL, next_attempt_at = $2
                     WHERE channel = $3 AND recipient = $4 AND delivered_at IS NULL AND given_up_at IS NULL",
                )
                .bind(to)
                .bind(at)
                .bind(channel.as_str())
                .bind(from)
                .execute(&mut *tx)
                .await?;
                sqlx::query("UPDATE alert_messages SET recipient = $1 WHERE channel = $2 AND recipient = $3")
                    .bind(to)
                    .bind(channel.as_str())
                    .bind(from)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            #[instrument(skip_all)]
            async fn recipient_moves(&self) -> Result<Vec<(Channel, String, String)>, StoreError> {
                let rows: Vec<(String, String, String)> = sqlx::query_as(
                    "SELECT channel, old_recipient, new_recipient FROM destination_moves ORDER BY moved_at",
                )
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .filter_map(|(channel, old, new)| Some((Channel::parse(&channel)?, old, new)))
                    .collect())
            }

            #[instrument(skip_all, fields(outbox_id))]
            async fn record_alert_messages(
                &self,
                outbox_id: i64,
                message_ids: &[String],
                at: DateTime<Utc>,
            ) -> Result<bool, StoreError> {
                self.record_alert_messages_in(outbox_id, message_ids, at)
                    .await
            }

            #[instrument(skip_all, fields(outbox_id = id))]
            async fn renew_claim(&self, id: i64, claim: &Claim) -> Result<bool, StoreError> {
                let renewed = sqlx::query(
                    "UPDATE outbox SET next_attempt_at = $1
                     WHERE id = $2 AND claimed_by = $3 AND delivered_at IS NULL AND given_up_at IS NULL",
                )
                .bind(claim.until)
                .bind(id)
                .bind(&claim.owner)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(renewed == 1)
            }

            #[instrument(skip_all, fields(outbox_id = id))]
            async fn mark_delivered(&self, id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
                // A delivered reply's text is not kept: the answers hold what matters,
                // and the outbox should not become a second store of personal data.
                sqlx::query(
                    "UPDATE outbox SET delivered_at = $1, attempts = attempts + 1, payload = '', claimed_by = NULL
                     WHERE id = $2",
                )
                    .bind(at)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                // A farewell names a prospect whose data is gone: it goes too.
                sqlx::query("DELETE FROM outbox WHERE id = $1 AND kind = 'farewell'")
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            #[instrument(skip_all, fields(rows = ids.len()))]
            async fn mark_delivered_many(&self, ids: &[i64], at: DateTime<Utc>) -> Result<(), StoreError> {
                for chunk in ids.chunks(1000) {
                    let mut update = sqlx::QueryBuilder::<$db>::new(
                        "UPDATE outbox SET attempts = attempts + 1, payload = '', claimed_by = NULL, delivered_at = ",
                    );
                    update.push_bind(at).push(" WHERE id IN (");
                    let mut list = update.separated(", ");
                    for id in chunk {
                        list.push_bind(*id);
                    }
                    update.push(")");
                    update.build().execute(&self.pool).await?;
                    let mut farewells = sqlx::QueryBuilder::<$db>::new(
                        "DELETE FROM outbox WHERE kind = 'farewell' AND id IN (",
                    );
                    let mut list = farewells.separated(", ");
                    for id in chunk {
                        list.push_bind(*id);
                    }
                    farewells.push(")");
                    farewells.build().execute(&self.pool).await?;
                }
                Ok(())
            }

            #[instrument(skip_all, fields(outbox_id = id))]
            async fn mark_failed(
                &self,
                id: i64,
                error: &str,
                retry_at: DateTime<Utc>,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, claimed_by = NULL
                     WHERE id = $3",
                )
                .bind(error)
                .bind(retry_at)
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            #[instrument(skip_all, fields(outbox_id = id))]
            async fn mark_parts_sent(&self, id: i64, parts: i64) -> Result<(), StoreError> {
                sqlx::query("UPDATE outbox SET parts_sent = CASE WHEN parts_sent > $1 THEN parts_sent ELSE $1 END
                     WHERE id = $2")
                    .bind(parts)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            #[instrument(skip_all, fields(outbox_id = id, unreachable))]
            async fn give_up(
                &self,
                id: i64,
                error: &str,
                unreachable: bool,
                at: DateTime<Utc>,
            ) -> Result<(), StoreError> {
                let mut tx = self.pool.begin().await?;
                let row: Option<(Option<i64>, String, String)> = sqlx::query_as(
                    "UPDATE outbox SET given_up_at = $1, last_error = $2, attempts = attempts + 1, payload = '',
                        claimed_by = NULL
                     WHERE id = $3 RETURNING lead_id, channel, recipient",
                )
                .bind(at)
                .bind(error)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                if let (true, Some((lead_id, channel, recipient))) = (unreachable, row) {
                    // Nothing else can reach them either.
                    sqlx::query(
                        "UPDATE outbox SET given_up_at = $1, last_error = $2, payload = ''
                         WHERE channel = $3 AND recipient = $4 AND delivered_at IS NULL AND given_up_at IS NULL",
                    )
                    .bind(at)
                    .bind(error)
                    .bind(&channel)
                    .bind(&recipient)
                    .execute(&mut *tx)
                    .await?;
                    // A farewell given up names the prospect all the same.
                    sqlx::query(
                        "DELETE FROM outbox WHERE channel = $1 AND recipient = $2 AND kind = 'farewell'",
                    )
                    .bind(&channel)
                    .bind(&recipient)
                    .execute(&mut *tx)
                    .await?;
                    if let Some(lead_id) = lead_id {
                        sqlx::query(
                            "UPDATE leads SET unreachable_at = COALESCE(unreachable_at, $1) WHERE id = $2",
                        )
                        .bind(at)
                        .bind(lead_id)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                sqlx::query("DELETE FROM outbox WHERE id = $1 AND kind = 'farewell'")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }
        }

    };
}

pub(crate) use deliveries_sql;
