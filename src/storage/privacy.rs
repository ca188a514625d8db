//! The prospect's data rights in SQL: a copy of everything stored, erasure,
//! and retention. The statements are the same on SQLite and PostgreSQL
//! (numbered parameters, each first used in order), so one macro writes them
//! into both backends; each backend module supplies `lead_row` and
//! `outbox_message` for its own row type.

/// Every table holding rows about a lead, by its `lead_id` column, children
/// first. The erasure test lists the schema's tables and fails on one not
/// covered here or in `leads`, `channel_offsets` and the migrations table.
pub const LEAD_TABLES: [&str; 4] = ["alert_messages", "answers", "stage_events", "outbox"];

/// The keys of the lead's processed events are kept, unlinked: they are a
/// platform's update or message ids, nothing personal, and without them a
/// redelivered update would start a new lead. Retention removes them.
pub const UNLINK_KEYS: &str = "UPDATE processed_events SET lead_id = NULL WHERE lead_id = $1";

/// What a won or lost lead keeps after its retention: the stage events and
/// the lead row's non-personal columns (channel, language, source, stage,
/// temperature, criteria met, dates).
pub const ANONYMIZED_STATE: &str = r#"{"language":null,"step":{"step":"finished"}}"#;

/// `$lock` ends the statement that reads the lead to erase (" FOR UPDATE"
/// where rows can be locked); `$snapshot` is run first in reading
/// transactions that must see one moment (PostgreSQL's default isolation
/// gives each statement its own).
macro_rules! data_rights {
    ($store:ty, $lock:literal, $snapshot:expr) => {
        impl $store {
            pub(crate) async fn subject_data_in(
                &self,
                key: &ConversationKey,
            ) -> Result<Option<SubjectData>, StoreError> {
                // One read transaction: the copy shows one moment.
                let mut tx = self.pool.begin().await?;
                if let Some(snapshot) = $snapshot {
                    sqlx::query(snapshot).execute(&mut *tx).await?;
                }
                let Some(row) =
                    sqlx::query("SELECT * FROM leads WHERE channel = $1 AND user_id = $2")
                        .bind(key.channel.as_str())
                        .bind(&key.user)
                        .fetch_optional(&mut *tx)
                        .await?
                else {
                    // At once: a transaction left to roll back on drop keeps
                    // its locks until the connection is next used.
                    tx.rollback().await?;
                    return Ok(None);
                };
                let lead = lead_row(&row)?;
                let answers = sqlx::query(
                    "SELECT question_id, criterion, raw_text, value, current, answered_at
                     FROM answers WHERE lead_id = $1 ORDER BY id",
                )
                .bind(lead.id)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|row| {
                    let criterion: String = row.try_get("criterion")?;
                    let value: String = row.try_get("value")?;
                    Ok(SubjectAnswer {
                        answer: AnswerRow {
                            question_id: row.try_get("question_id")?,
                            criterion: Criterion::parse(&criterion).unwrap_or(Criterion::Profile),
                            raw_text: row.try_get("raw_text")?,
                            value: serde_json::from_str(&value).map_err(corrupt("answer"))?,
                            answered_at: row.try_get("answered_at")?,
                        },
                        current: row.try_get("current")?,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
                let stages = sqlx::query(
                    "SELECT stage, at FROM stage_events WHERE lead_id = $1 ORDER BY at, id",
                )
                .bind(lead.id)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .filter_map(|row| {
                    let stage: String = row.try_get("stage").ok()?;
                    Some(StageRow {
                        stage: Stage::parse(&stage)?,
                        at: row.try_get("at").ok()?,
                    })
                })
                .collect();
                tx.commit().await?;
                Ok(Some(SubjectData {
                    consent_version: row.try_get("consent_version")?,
                    assigned_to: row.try_get("claimed_by_name")?,
                    unreachable_at: row.try_get("unreachable_at")?,
                    lead,
                    answers,
                    stages,
                }))
            }

            pub(crate) async fn erase_in(
                &self,
                erasure: &Erasure,
            ) -> Result<EraseOutcome, StoreError> {
                let key = &erasure.key;
                let mut tx = self.pool.begin().await?;
                if !first_sight(&mut tx, key.channel, &erasure.idempotency_key, erasure.at).await?
                {
                    tx.rollback().await?;
                    return Ok(EraseOutcome::Duplicate);
                }
                // Locked: an alert being recorded, or a turn of this lead on
                // another replica, waits for the erasure (and then finds
                // the lead gone).
                let lead: Option<(i64, i64)> = sqlx::query_as(concat!(
                    "SELECT id, version FROM leads WHERE channel = $1 AND user_id = $2",
                    $lock
                ))
                .bind(key.channel.as_str())
                .bind(&key.user)
                .fetch_optional(&mut *tx)
                .await?;
                if lead.is_some() && erasure.expected.is_some() && lead != erasure.expected {
                    // Decided on a state that moved on: decide again.
                    tx.rollback().await?;
                    return Ok(EraseOutcome::Conflict);
                }
                let lead_id = lead.map(|(id, _)| id);
                let mut posted: Vec<(String, String, String)> = Vec::new();
                if let Some(lead_id) = lead_id {
                    posted = sqlx::query_as(
                        "SELECT channel, recipient, message_id FROM alert_messages
                         WHERE lead_id = $1 ORDER BY posted_at",
                    )
                    .bind(lead_id)
                    .fetch_all(&mut *tx)
                    .await?;
                    for table in $crate::storage::privacy::LEAD_TABLES {
                        sqlx::query(&format!("DELETE FROM {table} WHERE lead_id = $1"))
                            .bind(lead_id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    sqlx::query($crate::storage::privacy::UNLINK_KEYS)
                        .bind(lead_id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("DELETE FROM leads WHERE id = $1")
                        .bind(lead_id)
                        .execute(&mut *tx)
                        .await?;
                }
                if let Some(declined) = &erasure.declined {
                    sqlx::query(
                        "INSERT INTO consent_declines (day, source, language, count)
                         VALUES ($1, $2, $3, 1)
                         ON CONFLICT (day, source, language)
                         DO UPDATE SET count = consent_declines.count + 1",
                    )
                    .bind(declined.day)
                    .bind(declined.source.as_deref().unwrap_or(""))
                    .bind(declined.language.map_or("", |l| l.code()))
                    .execute(&mut *tx)
                    .await?;
                }
                // Updates of theirs set aside for the operator.
                sqlx::query("DELETE FROM dead_letters WHERE channel = $1 AND user_id = $2")
                    .bind(key.channel.as_str())
                    .bind(&key.user)
                    .execute(&mut *tx)
                    .await?;
                // Replies outside the conversation (an earlier "we store
                // nothing") name the prospect's chat too.
                sqlx::query(
                    "DELETE FROM outbox WHERE channel = $1 AND recipient = $2 AND kind <> 'farewell'",
                )
                .bind(key.channel.as_str())
                .bind(&key.user)
                .execute(&mut *tx)
                .await?;
                let mut outbox = Vec::new();
                let mut rows = vec![(
                    key.channel,
                    key.user.clone(),
                    OutboxKind::Farewell,
                    erasure.farewell.clone(),
                )];
                for (channel, recipient, message_id) in posted {
                    let Some(channel) = Channel::parse(&channel) else {
                        continue;
                    };
                    let mut payload = erasure.withdrawal.clone();
                    payload.edit = Some(message_id);
                    rows.push((channel, recipient, OutboxKind::Notice, payload));
                }
                for (channel, recipient, kind, payload) in rows {
                    let text = serde_json::to_string(&payload).map_err(corrupt("outbox payload"))?;
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO outbox (channel, recipient, kind, payload, created_at, next_attempt_at)
                         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    )
                    .bind(channel.as_str())
                    .bind(&recipient)
                    .bind(kind.as_str())
                    .bind(text)
                    .bind(erasure.at)
                    .bind(erasure.at)
                    .fetch_one(&mut *tx)
                    .await?;
                    outbox.push(OutboxMessage {
                        id,
                        channel,
                        recipient,
                        lead_id: None,
                        kind,
                        payload,
                        attempts: 0,
                        parts_sent: 0,
                    });
                }
                tx.commit().await?;
                Ok(EraseOutcome::Erased { lead_id, outbox })
            }

            pub(crate) async fn record_alert_messages_in(
                &self,
                outbox_id: i64,
                message_ids: &[String],
                at: DateTime<Utc>,
            ) -> Result<bool, StoreError> {
                // One statement per id, writing at once (no read-to-write
                // upgrade to fail under SQLite's WAL); a lead erased
                // meanwhile leaves nothing to insert, or fails the foreign
                // key on PostgreSQL.
                let mut recorded = false;
                for message_id in message_ids {
                    let inserted = sqlx::query(
                        "INSERT INTO alert_messages (lead_id, channel, recipient, message_id, posted_at)
                         SELECT lead_id, channel, recipient, $1, $2 FROM outbox
                         WHERE id = $3 AND lead_id IS NOT NULL
                         ON CONFLICT DO NOTHING",
                    )
                    .bind(message_id)
                    .bind(at)
                    .bind(outbox_id)
                    .execute(&self.pool)
                    .await;
                    match inserted {
                        Ok(done) => recorded |= done.rows_affected() > 0,
                        Err(sqlx::Error::Database(e)) if e.is_foreign_key_violation() => {
                            return Ok(false)
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
                if recorded {
                    return Ok(true);
                }
                // Nothing new: recorded before (a retry), or the lead is gone.
                let alive: Option<i64> = sqlx::query_scalar(
                    "SELECT lead_id FROM outbox WHERE id = $1 AND lead_id IS NOT NULL",
                )
                .bind(outbox_id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(alive.is_some())
            }

            pub(crate) async fn erase_expired_in(
                &self,
                cutoff: DateTime<Utc>,
                alert_edit: &$crate::core::Outbound,
            ) -> Result<RetentionReport, StoreError> {
                let mut tx = self.pool.begin().await?;
                // One snapshot for every statement: a lead touched while
                // this runs is either wholly expired or wholly kept (on
                // PostgreSQL the run then fails, and the next one retries).
                if let Some(snapshot) = $snapshot {
                    sqlx::query(snapshot).execute(&mut *tx).await?;
                }
                let expired = "SELECT id FROM leads WHERE updated_at < $1
                     AND (stage IS NULL OR stage NOT IN ('won', 'lost'))";
                let closed = "SELECT id FROM leads WHERE updated_at < $1
                     AND stage IN ('won', 'lost') AND user_id NOT LIKE 'erased:%'";
                // The sales alerts of these leads show names and answers:
                // each is edited to say the details were erased.
                let mut posted: Vec<(i64, String, String, String)> = Vec::new();
                for leads in [expired, closed] {
                    posted.extend(
                        sqlx::query_as::<_, (i64, String, String, String)>(&format!(
                            "SELECT lead_id, channel, recipient, message_id FROM alert_messages
                             WHERE lead_id IN ({leads}) ORDER BY lead_id, posted_at"
                        ))
                        .bind(cutoff)
                        .fetch_all(&mut *tx)
                        .await?,
                    );
                }
                for (lead_id, channel, recipient, message_id) in posted {
                    let mut payload = alert_edit.clone();
                    if let Some(first) = payload.paragraphs.first_mut() {
                        *first = first.clone().int("lead", lead_id);
                    }
                    payload.edit = Some(message_id);
                    let text = serde_json::to_string(&payload).map_err(corrupt("outbox payload"))?;
                    sqlx::query(
                        "INSERT INTO outbox (channel, recipient, kind, payload, created_at, next_attempt_at)
                         VALUES ($1, $2, 'notice', $3, $4, $5)",
                    )
                    .bind(&channel)
                    .bind(&recipient)
                    .bind(text)
                    .bind(Utc::now())
                    .bind(Utc::now())
                    .execute(&mut *tx)
                    .await?;
                }
                for query in [
                    format!("UPDATE processed_events SET lead_id = NULL WHERE lead_id IN ({expired})"),
                    format!("UPDATE processed_events SET lead_id = NULL WHERE lead_id IN ({closed})"),
                ] {
                    sqlx::query(&query).bind(cutoff).execute(&mut *tx).await?;
                }
                for table in $crate::storage::privacy::LEAD_TABLES {
                    sqlx::query(&format!(
                        "DELETE FROM {table} WHERE lead_id IN ({expired})"
                    ))
                    .bind(cutoff)
                    .execute(&mut *tx)
                    .await?;
                    if table != "stage_events" {
                        sqlx::query(&format!("DELETE FROM {table} WHERE lead_id IN ({closed})"))
                            .bind(cutoff)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                let erased = sqlx::query(&format!("DELETE FROM leads WHERE id IN ({expired})"))
                    .bind(cutoff)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                let anonymized = sqlx::query(
                    "UPDATE leads SET user_id = 'erased:' || id, display_name = NULL,
                        current_question = NULL, claimed_by_id = NULL, claimed_by_name = NULL,
                        unreachable_at = NULL, state = $1
                     WHERE id IN (SELECT id FROM leads WHERE updated_at < $2
                        AND stage IN ('won', 'lost') AND user_id NOT LIKE 'erased:%')",
                )
                .bind($crate::storage::privacy::ANONYMIZED_STATE)
                .bind(cutoff)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                // Settled notices and the keys of events about no lead.
                sqlx::query(
                    "DELETE FROM outbox WHERE lead_id IS NULL AND created_at < $1
                     AND (delivered_at IS NOT NULL OR given_up_at IS NOT NULL)",
                )
                .bind(cutoff)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM processed_events WHERE lead_id IS NULL AND processed_at < $1")
                    .bind(cutoff)
                    .execute(&mut *tx)
                    .await?;
                // Dead letters hold raw updates (names, messages): kept no
                // longer than the leads they could belong to.
                sqlx::query("DELETE FROM dead_letters WHERE created_at < $1")
                    .bind(cutoff)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(RetentionReport { erased, anonymized })
            }
        }

        #[async_trait]
        impl Privacy for $store {
            #[instrument(skip_all, fields(channel = %key.channel))]
            async fn subject_data(
                &self,
                key: &ConversationKey,
            ) -> Result<Option<SubjectData>, StoreError> {
                self.subject_data_in(key).await
            }

            #[instrument(skip_all, fields(channel = %erasure.key.channel))]
            async fn erase(&self, erasure: &Erasure) -> Result<EraseOutcome, StoreError> {
                let outcome = self.erase_in(erasure).await?;
                self.after_erasure().await;
                Ok(outcome)
            }

            #[instrument(skip_all)]
            async fn erase_expired(
                &self,
                cutoff: DateTime<Utc>,
                alert_edit: &Outbound,
            ) -> Result<RetentionReport, StoreError> {
                let report = self.erase_expired_in(cutoff, alert_edit).await?;
                self.after_erasure().await;
                Ok(report)
            }
        }
    };
}

pub(crate) use data_rights;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Conversation, Step};

    #[test]
    fn the_anonymized_state_is_a_finished_conversation_with_nothing_in_it() {
        let state: Conversation = serde_json::from_str(ANONYMIZED_STATE).unwrap();
        assert_eq!(state.step, Step::Finished);
        assert!(state.answers.is_empty() && state.consent.is_none() && state.source.is_none());
    }
}
