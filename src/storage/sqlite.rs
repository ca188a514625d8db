//! The SQLite implementation of the storage port: an embedded file in WAL
//! mode, whose commits survive a crash of the process.

use super::*;
use crate::core::{Criterion, Event, Language, Stage, Temperature};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{Row, SqlitePool};
use std::str::FromStr;
use std::time::Duration;
use tracing::instrument;

// One writer at a time: SQLite needs neither row locks nor snapshots here.
super::dead_letters::dead_letters!(SqliteStore);
super::privacy::data_rights!(SqliteStore, "", None::<&str>);

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

/// Records an event's idempotency key; `false` when it was seen before.
async fn first_sight(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    channel: Channel,
    idempotency_key: &str,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let inserted = sqlx::query(
        "INSERT INTO processed_events (channel, idempotency_key, processed_at) VALUES (?, ?, ?)
         ON CONFLICT DO NOTHING",
    )
    .bind(channel.as_str())
    .bind(idempotency_key)
    .bind(at)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// Writes one turn into an open transaction. A duplicate or a conflict
/// leaves nothing behind, so that turns of other conversations can share the
/// transaction (group commit).
async fn write_turn(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    turn: &TurnRecord,
) -> Result<CommitOutcome, StoreError> {
    // Write first: SQLite then takes the write lock at once (waiting out
    // the busy timeout) instead of failing on a read-to-write upgrade.
    if !first_sight(tx, turn.key.channel, &turn.idempotency_key, turn.at).await? {
        return Ok(CommitOutcome::Duplicate);
    }

    let state = serde_json::to_string(&turn.state).map_err(corrupt("conversation state"))?;
    let consent = turn.state.consent;
    // A new conversation inserts, and a racing first turn finds the row and
    // conflicts; an existing one updates only at the version this turn was
    // computed from, and never brings back a row that is gone.
    let sql = if turn.expected_version.is_none() {
        "INSERT INTO leads (channel, user_id, display_name, language, source, stage, temperature,
            met_criteria, step, current_question, consent_at, consent_version, state, version,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14, ?14)
         ON CONFLICT (channel, user_id) DO NOTHING
         RETURNING id"
    } else {
        "UPDATE leads SET
            display_name = COALESCE(?3, display_name), language = ?4, source = ?5,
            stage = ?6, temperature = ?7, met_criteria = ?8, step = ?9,
            current_question = ?10, consent_at = ?11, consent_version = ?12, state = ?13,
            version = version + 1, updated_at = ?14
         WHERE channel = ?1 AND user_id = ?2 AND version = ?15 AND (?16 IS NULL OR id = ?16)
         RETURNING id"
    };
    let lead_id: Option<i64> = sqlx::query_scalar(sql)
        .bind(turn.key.channel.as_str())
        .bind(&turn.key.user)
        .bind(&turn.display_name)
        .bind(turn.state.language.map(Language::code))
        .bind(&turn.state.source)
        .bind(turn.view.stage.map(Stage::as_str))
        .bind(turn.view.temperature.as_str())
        .bind(met_to_text(&turn.view.met))
        .bind(turn.state.step.name())
        .bind(turn.state.step.question())
        .bind(consent.map(|c| c.at))
        .bind(consent.map(|c| i64::from(c.notice_version)))
        .bind(&state)
        .bind(turn.at)
        .bind(turn.expected_version)
        .bind(turn.lead_id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(lead_id) = lead_id else {
        // Undo the key: the retry with the right version must not find it.
        sqlx::query("DELETE FROM processed_events WHERE channel = ? AND idempotency_key = ?")
            .bind(turn.key.channel.as_str())
            .bind(&turn.idempotency_key)
            .execute(&mut **tx)
            .await?;
        return Ok(CommitOutcome::Conflict);
    };

    sqlx::query(
        "UPDATE processed_events SET lead_id = ? WHERE channel = ? AND idempotency_key = ?",
    )
    .bind(lead_id)
    .bind(turn.key.channel.as_str())
    .bind(&turn.idempotency_key)
    .execute(&mut **tx)
    .await?;

    for event in &turn.events {
        match event {
            Event::AnswersCleared => {
                sqlx::query("UPDATE answers SET current = 0 WHERE lead_id = ?")
                    .bind(lead_id)
                    .execute(&mut **tx)
                    .await?;
            }
            Event::AnswerRecorded {
                question,
                criterion,
                answer,
            } => {
                sqlx::query("UPDATE answers SET current = 0 WHERE lead_id = ? AND question_id = ?")
                    .bind(lead_id)
                    .bind(question)
                    .execute(&mut **tx)
                    .await?;
                let value = serde_json::to_string(&answer.value).map_err(corrupt("answer"))?;
                sqlx::query(
                    "INSERT INTO answers (lead_id, question_id, criterion, raw_text, value, current, answered_at)
                     VALUES (?, ?, ?, ?, ?, 1, ?)",
                )
                .bind(lead_id)
                .bind(question)
                .bind(criterion.as_str())
                .bind(&answer.raw)
                .bind(value)
                .bind(answer.at)
                .execute(&mut **tx)
                .await?;
            }
            Event::StageReached { stage } => {
                sqlx::query(
                    "INSERT INTO stage_events (lead_id, stage, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                )
                .bind(lead_id)
                .bind(stage.as_str())
                .bind(turn.at)
                .execute(&mut **tx)
                .await?;
            }
            // Kept in the conversation state; nothing else to write.
            Event::LanguageChosen { .. }
            | Event::SourceRecorded { .. }
            | Event::ConsentGiven { .. }
            | Event::ConsentDeclined
            | Event::Completed { .. } => {}
        }
    }

    let mut outbox = Vec::new();
    if let Some(reply) = &turn.reply {
        let payload = serde_json::to_string(reply).map_err(corrupt("outbox payload"))?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO outbox (channel, recipient, lead_id, kind, payload, created_at, next_attempt_at)
             VALUES (?, ?, ?, 'reply', ?, ?, ?) RETURNING id",
        )
        .bind(turn.key.channel.as_str())
        .bind(&turn.key.user)
        .bind(lead_id)
        .bind(payload)
        .bind(turn.at)
        .bind(turn.at)
        .fetch_one(&mut **tx)
        .await?;
        outbox.push(OutboxMessage {
            id,
            channel: turn.key.channel,
            recipient: turn.key.user.clone(),
            lead_id: Some(lead_id),
            kind: OutboxKind::Reply,
            payload: reply.clone(),
            attempts: 0,
            parts_sent: 0,
        });
    }
    for alert in &turn.alerts {
        let payload = serde_json::to_string(&alert.payload).map_err(corrupt("alert payload"))?;
        sqlx::query(
            "INSERT INTO outbox (channel, recipient, lead_id, kind, payload, created_at, next_attempt_at)
             VALUES (?, ?, ?, 'alert', ?, ?, ?)",
        )
        .bind(alert.channel.as_str())
        .bind(&alert.recipient)
        .bind(lead_id)
        .bind(payload)
        .bind(turn.at)
        .bind(turn.at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(CommitOutcome::Committed { lead_id, outbox })
}

#[async_trait]
impl Store for SqliteStore {
    #[instrument(skip_all)]
    async fn migrate(&self) -> Result<(), StoreError> {
        sqlx::migrate!("./migrations/sqlite")
            .run(&self.pool)
            .await?;
        Ok(())
    }

    #[instrument(skip_all, fields(channel = %key.channel))]
    async fn load_conversation(
        &self,
        key: &ConversationKey,
    ) -> Result<Option<StoredConversation>, StoreError> {
        let row =
            sqlx::query("SELECT id, version, state FROM leads WHERE channel = ? AND user_id = ?")
                .bind(key.channel.as_str())
                .bind(&key.user)
                .fetch_optional(&self.pool)
                .await?;
        let Some(row) = row else { return Ok(None) };
        let state: String = row.try_get("state")?;
        Ok(Some(StoredConversation {
            lead_id: row.try_get("id")?,
            version: row.try_get("version")?,
            state: serde_json::from_str(&state).map_err(corrupt("conversation state"))?,
        }))
    }

    #[instrument(skip_all, fields(channel = %channel))]
    async fn is_processed(
        &self,
        channel: Channel,
        idempotency_key: &str,
    ) -> Result<bool, StoreError> {
        let found =
            sqlx::query("SELECT 1 FROM processed_events WHERE channel = ? AND idempotency_key = ?")
                .bind(channel.as_str())
                .bind(idempotency_key)
                .fetch_optional(&self.pool)
                .await?;
        Ok(found.is_some())
    }

    #[instrument(skip_all, fields(channel = %turn.key.channel, events = turn.events.len()))]
    async fn commit_turn(&self, turn: &TurnRecord) -> Result<CommitOutcome, StoreError> {
        let mut tx = self.pool.begin().await?;
        let outcome = write_turn(&mut tx, turn).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    #[instrument(skip_all, fields(turns = turns.len()))]
    async fn commit_turns(&self, turns: &[TurnRecord]) -> Result<Vec<CommitOutcome>, StoreError> {
        super::sqlite_batch::commit_batch(&self.pool, turns).await
    }

    #[instrument(skip_all, fields(channel = %notice.channel))]
    async fn commit_notice(&self, notice: &Notice) -> Result<Option<OutboxMessage>, StoreError> {
        let mut tx = self.pool.begin().await?;
        if !first_sight(&mut tx, notice.channel, &notice.idempotency_key, notice.at).await? {
            tx.rollback().await?;
            return Ok(None);
        }
        let payload = serde_json::to_string(&notice.reply).map_err(corrupt("outbox payload"))?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO outbox (channel, recipient, kind, payload, created_at, next_attempt_at)
             VALUES (?, ?, 'notice', ?, ?, ?) RETURNING id",
        )
        .bind(notice.channel.as_str())
        .bind(&notice.recipient)
        .bind(payload)
        .bind(notice.at)
        .bind(notice.at)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(OutboxMessage {
            id,
            channel: notice.channel,
            recipient: notice.recipient.clone(),
            lead_id: None,
            kind: OutboxKind::Notice,
            payload: notice.reply.clone(),
            attempts: 0,
            parts_sent: 0,
        }))
    }

    #[instrument(skip_all, fields(channel = %key.channel))]
    async fn subject_data(&self, key: &ConversationKey) -> Result<Option<SubjectData>, StoreError> {
        self.subject_data_in(key).await
    }

    #[instrument(skip_all, fields(channel = %erasure.key.channel))]
    async fn erase(&self, erasure: &Erasure) -> Result<EraseOutcome, StoreError> {
        let outcome = self.erase_in(erasure).await?;
        self.checkpoint().await;
        Ok(outcome)
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

    #[instrument(skip_all)]
    async fn erase_expired(
        &self,
        cutoff: DateTime<Utc>,
        alert_edit: &crate::core::Outbound,
    ) -> Result<RetentionReport, StoreError> {
        let report = self.erase_expired_in(cutoff, alert_edit).await?;
        self.checkpoint().await;
        Ok(report)
    }

    #[instrument(skip_all, fields(outbox_id = id))]
    async fn mark_parts_sent(&self, id: i64, parts: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE outbox SET parts_sent = MAX(parts_sent, ?) WHERE id = ?")
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
            "UPDATE outbox SET given_up_at = ?, last_error = ?, attempts = attempts + 1, payload = '',
                claimed_by = NULL
             WHERE id = ? RETURNING lead_id, channel, recipient",
        )
        .bind(at)
        .bind(error)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        if let (true, Some((lead_id, channel, recipient))) = (unreachable, row) {
            // Nothing else can reach them either.
            sqlx::query(
                "UPDATE outbox SET given_up_at = ?, last_error = ?, payload = ''
                 WHERE channel = ? AND recipient = ? AND delivered_at IS NULL AND given_up_at IS NULL",
            )
            .bind(at)
            .bind(error)
            .bind(&channel)
            .bind(&recipient)
            .execute(&mut *tx)
            .await?;
            // A farewell given up names the prospect all the same.
            sqlx::query(
                "DELETE FROM outbox WHERE channel = ? AND recipient = ? AND kind = 'farewell'",
            )
            .bind(&channel)
            .bind(&recipient)
            .execute(&mut *tx)
            .await?;
            if let Some(lead_id) = lead_id {
                sqlx::query(
                    "UPDATE leads SET unreachable_at = COALESCE(unreachable_at, ?) WHERE id = ?",
                )
                .bind(at)
                .bind(lead_id)
                .execute(&mut *tx)
                .await?;
            }
        }
        sqlx::query("DELETE FROM outbox WHERE id = ? AND kind = 'farewell'")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    #[instrument(skip_all)]
    async fn load_offset(&self, stream: &str) -> Result<Option<i64>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT next_offset FROM channel_offsets WHERE channel = ?")
                .bind(stream)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    #[instrument(skip_all, fields(next_offset))]
    async fn save_offset(
        &self,
        stream: &str,
        next_offset: i64,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        // Not MAX: after a week without updates Telegram starts update ids
        // afresh, possibly lower.
        sqlx::query(
            "INSERT INTO channel_offsets (channel, next_offset, updated_at) VALUES (?, ?, ?)
             ON CONFLICT (channel) DO UPDATE SET
                next_offset = excluded.next_offset, updated_at = excluded.updated_at",
        )
        .bind(stream)
        .bind(next_offset)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[instrument(skip_all, fields(channel = %channel))]
    async fn claim_outbox(
        &self,
        channel: Channel,
        recipient: Option<&str>,
        now: DateTime<Utc>,
        limit: i64,
        claim: &Claim,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        // One statement: SQLite runs it under its write lock, so two senders
        // never take the same row.
        let rows = sqlx::query(
            "UPDATE outbox SET next_attempt_at = ?, claimed_by = ?
             WHERE id IN (
                 SELECT id FROM outbox
                 WHERE id IN (
                     SELECT MIN(id) FROM outbox
                     WHERE channel = ? AND delivered_at IS NULL AND given_up_at IS NULL
                       AND (? IS NULL OR recipient = ?)
                     GROUP BY recipient)
                   AND next_attempt_at <= ?
                 ORDER BY id LIMIT ?)
             RETURNING id, recipient, lead_id, kind, payload, attempts, parts_sent",
        )
        .bind(claim.until)
        .bind(&claim.owner)
        .bind(channel.as_str())
        .bind(recipient)
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

    #[instrument(skip_all, fields(outbox_id = id))]
    async fn renew_claim(&self, id: i64, claim: &Claim) -> Result<bool, StoreError> {
        let renewed = sqlx::query(
            "UPDATE outbox SET next_attempt_at = ?
             WHERE id = ? AND claimed_by = ? AND delivered_at IS NULL AND given_up_at IS NULL",
        )
        .bind(claim.until)
        .bind(id)
        .bind(&claim.owner)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(renewed == 1)
    }

    #[instrument(skip_all)]
    async fn release_claims_at_start(&self) -> Result<u64, StoreError> {
        let released = sqlx::query(
            "UPDATE outbox SET next_attempt_at = created_at, claimed_by = NULL
             WHERE claimed_by IS NOT NULL AND delivered_at IS NULL AND given_up_at IS NULL",
        )
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(released)
    }

    #[instrument(skip_all, fields(outbox_id = id))]
    async fn mark_delivered(&self, id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
        // A delivered reply's text is not kept: the answers hold what matters,
        // and the outbox should not become a second store of personal data.
        sqlx::query(
            "UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, payload = '', claimed_by = NULL
             WHERE id = ?",
        )
            .bind(at)
            .bind(id)
            .execute(&self.pool)
            .await?;
        // A farewell names a prospect whose data is gone: it goes too.
        sqlx::query("DELETE FROM outbox WHERE id = ? AND kind = 'farewell'")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    #[instrument(skip_all, fields(rows = ids.len()))]
    async fn mark_delivered_many(&self, ids: &[i64], at: DateTime<Utc>) -> Result<(), StoreError> {
        for chunk in ids.chunks(1000) {
            let mut update = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
                "UPDATE outbox SET attempts = attempts + 1, payload = '', claimed_by = NULL, delivered_at = ",
            );
            update.push_bind(at).push(" WHERE id IN (");
            let mut list = update.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            update.push(")");
            update.build().execute(&self.pool).await?;
            let mut farewells = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
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
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claimed_by = NULL
             WHERE id = ?",
        )
        .bind(error)
        .bind(retry_at)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[instrument(skip_all)]
    async fn list_leads(&self, filter: &LeadFilter) -> Result<Vec<LeadRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM leads WHERE (? IS NULL OR temperature = ?) ORDER BY updated_at DESC, id DESC LIMIT ?",
        )
        .bind(filter.temperature.map(Temperature::as_str))
        .bind(filter.temperature.map(Temperature::as_str))
        .bind(filter.limit.unwrap_or(i64::MAX))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(lead_row).collect()
    }

    #[instrument(skip_all, fields(lead_id = action.lead_id))]
    async fn sales_action(&self, action: &SalesAction) -> Result<SalesOutcome, StoreError> {
        let mut tx = self.pool.begin().await?;
        if !first_sight(&mut tx, action.channel, &action.idempotency_key, action.at).await? {
            tx.rollback().await?;
            return Ok(SalesOutcome::Duplicate);
        }
        let lead: Option<(Option<String>, Option<String>, String)> =
            // A lead reduced to aggregates by retention is no one's to claim.
            sqlx::query_as(
                "SELECT claimed_by_id, claimed_by_name, state FROM leads
                 WHERE id = ? AND user_id NOT LIKE 'erased:%'
                   AND EXISTS (SELECT 1 FROM alert_messages a WHERE a.lead_id = leads.id
                       AND a.channel = ? AND a.recipient = ? AND a.message_id = ?)",
            )
                .bind(action.lead_id)
                .bind(action.channel.as_str())
                .bind(&action.pressed_on.recipient)
                .bind(&action.pressed_on.message_id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((claimed_id, claimed_name, state)) = lead else {
            tx.commit().await?;
            return Ok(SalesOutcome::NoSuchLead);
        };
        let (stage, outcome) = match (action.kind, claimed_id) {
            (SalesActionKind::Claim, Some(id)) if id != action.staff_id => {
                tx.commit().await?;
                return Ok(SalesOutcome::AlreadyClaimed {
                    by: claimed_name.unwrap_or(id),
                });
            }
            (SalesActionKind::Claim, _) => (Stage::SalesAccepted, SalesOutcome::Claimed),
            (_, None) => {
                tx.commit().await?;
                return Ok(SalesOutcome::NotClaimed);
            }
            (SalesActionKind::Won, Some(_)) => (Stage::Won, SalesOutcome::Recorded),
            (SalesActionKind::Lost, Some(_)) => (Stage::Lost, SalesOutcome::Recorded),
        };
        // The conversation state keeps the sales stages too, so that later
        // turns of the prospect leave the lead where sales put it.
        let mut state: crate::core::Conversation =
            serde_json::from_str(&state).map_err(corrupt("conversation state"))?;
        state.stages.insert(stage);
        let shown = state
            .stages
            .iter()
            .copied()
            .filter(|s| *s >= Stage::SalesAccepted)
            .max();
        let state = serde_json::to_string(&state).map_err(corrupt("conversation state"))?;
        sqlx::query(
            "UPDATE leads SET claimed_by_id = COALESCE(claimed_by_id, ?),
                claimed_by_name = COALESCE(claimed_by_name, ?), claimed_at = COALESCE(claimed_at, ?),
                stage = ?, state = ?, version = version + 1, updated_at = ?
             WHERE id = ?",
        )
        .bind(&action.staff_id)
        .bind(&action.staff_name)
        .bind(action.at)
        .bind(shown.map(Stage::as_str))
        .bind(state)
        .bind(action.at)
        .bind(action.lead_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO stage_events (lead_id, stage, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(action.lead_id)
        .bind(stage.as_str())
        .bind(action.at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(outcome)
    }

    #[instrument(skip_all)]
    async fn funnel(&self, since: DateTime<Utc>) -> Result<Funnel, StoreError> {
        let mut tx = self.pool.begin().await?;
        let leads: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM leads WHERE created_at >= ?")
            .bind(since)
            .fetch_one(&mut *tx)
            .await?;
        let reached: Vec<(String, i64)> = sqlx::query_as(
            "SELECT s.stage, COUNT(DISTINCT s.lead_id) FROM stage_events s
             JOIN leads l ON l.id = s.lead_id WHERE l.created_at >= ? GROUP BY s.stage",
        )
        .bind(since)
        .fetch_all(&mut *tx)
        .await?;
        let stages = Stage::ALL
            .into_iter()
            .map(|stage| {
                let count = reached
                    .iter()
                    .find(|(s, _)| s == stage.as_str())
                    .map_or(0, |(_, n)| *n);
                (stage, count)
            })
            .collect();
        let drop_off: Vec<(String, i64)> = sqlx::query_as(
            "SELECT current_question, COUNT(*) FROM leads
             WHERE created_at >= ? AND step IN ('asking', 'confirming') AND current_question IS NOT NULL
             GROUP BY current_question ORDER BY COUNT(*) DESC, current_question",
        )
        .bind(since)
        .fetch_all(&mut *tx)
        .await?;
        let sources: Vec<(Option<String>, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT l.source, COUNT(*),
                SUM(EXISTS (SELECT 1 FROM stage_events s WHERE s.lead_id = l.id AND s.stage = 'marketing_qualified')),
                SUM(EXISTS (SELECT 1 FROM stage_events s WHERE s.lead_id = l.id AND s.stage = 'sales_qualified')),
                SUM(EXISTS (SELECT 1 FROM stage_events s WHERE s.lead_id = l.id AND s.stage = 'won'))
             FROM leads l WHERE l.created_at >= ? GROUP BY l.source ORDER BY COUNT(*) DESC, l.source",
        )
        .bind(since)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Funnel {
            leads,
            stages,
            drop_off,
            sources: sources
                .into_iter()
                .map(
                    |(source, leads, marketing_qualified, sales_qualified, won)| SourceFunnel {
                        source,
                        leads,
                        marketing_qualified,
                        sales_qualified,
                        won,
                    },
                )
                .collect(),
        })
    }

    #[instrument(skip_all)]
    async fn export(&self) -> Result<Vec<LeadExport>, StoreError> {
        // One read transaction: leads, answers and stages from one moment.
        let mut tx = self.pool.begin().await?;
        let leads = sqlx::query("SELECT * FROM leads ORDER BY id")
            .fetch_all(&mut *tx)
            .await?;
        let answers = sqlx::query(
            "SELECT lead_id, question_id, criterion, raw_text, value, answered_at FROM answers
             WHERE current = 1 ORDER BY lead_id, id",
        )
        .fetch_all(&mut *tx)
        .await?;
        let stages =
            sqlx::query("SELECT lead_id, stage, at FROM stage_events ORDER BY lead_id, at, id")
                .fetch_all(&mut *tx)
                .await?;
        let mut exports: Vec<LeadExport> = leads
            .iter()
            .map(|row| {
                Ok(LeadExport {
                    lead: lead_row(row)?,
                    answers: Vec::new(),
                    stages: Vec::new(),
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let index = |exports: &[LeadExport], lead_id: i64| {
            exports.binary_search_by_key(&lead_id, |e| e.lead.id).ok()
        };
        for row in &answers {
            let Some(i) = index(&exports, row.try_get("lead_id")?) else {
                continue;
            };
            let value: String = row.try_get("value")?;
            let criterion: String = row.try_get("criterion")?;
            exports[i].answers.push(AnswerRow {
                question_id: row.try_get("question_id")?,
                criterion: Criterion::parse(&criterion).unwrap_or(Criterion::Profile),
                raw_text: row.try_get("raw_text")?,
                value: serde_json::from_str(&value).map_err(corrupt("answer"))?,
                answered_at: row.try_get("answered_at")?,
            });
        }
        for row in &stages {
            let Some(i) = index(&exports, row.try_get("lead_id")?) else {
                continue;
            };
            let stage: String = row.try_get("stage")?;
            let Some(stage) = Stage::parse(&stage) else {
                continue;
            };
            exports[i].stages.push(StageRow {
                stage,
                at: row.try_get("at")?,
            });
        }
        tx.commit().await?;
        Ok(exports)
    }

    async fn try_lead(&self, _stream: &str) -> Result<Option<Box<dyn Leadership>>, StoreError> {
        // One process serves a SQLite file: it always leads.
        Ok(Some(Box::new(SoleProcess)))
    }

    #[instrument(skip_all)]
    async fn check_ready(&self) -> Result<(), StoreError> {
        let applied: Vec<i64> =
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
                .fetch_all(&self.pool)
                .await?;
        compare_migrations(&sqlx::migrate!("./migrations/sqlite"), &applied)?;
        // A committed write, not a read: a full disk or a connection that
        // kept the write lock fails here while reads still work.
        sqlx::query(
            "INSERT INTO write_probe (id, checked_at) VALUES (1, ?)
             ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
        )
        .bind(Utc::now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn close(&self) {
        self.checkpoint().await;
        self.pool.close().await;
    }

    #[instrument(skip_all)]
    async fn record_dead_letter(&self, letter: &DeadLetter) -> Result<(), StoreError> {
        self.record_dead_letter_in(letter).await
    }

    #[instrument(skip_all)]
    async fn dead_letters(&self, limit: i64) -> Result<Vec<DeadLetter>, StoreError> {
        self.dead_letters_in(limit).await
    }

    #[instrument(skip_all)]
    async fn gauges(&self) -> Result<Gauges, StoreError> {
        let outbox: Vec<(String, i64, Option<DateTime<Utc>>)> = sqlx::query_as(
            "SELECT channel, COUNT(*), MIN(created_at) FROM outbox
             WHERE delivered_at IS NULL AND given_up_at IS NULL GROUP BY channel ORDER BY channel",
        )
        .fetch_all(&self.pool)
        .await?;
        let leads: Vec<(String, i64)> = sqlx::query_as(
            "SELECT temperature, COUNT(*) FROM leads GROUP BY temperature ORDER BY temperature",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(gauges_from_rows(outbox, leads))
    }
}

struct SoleProcess;

#[async_trait]
impl Leadership for SoleProcess {
    async fn still_held(&mut self) -> bool {
        true
    }
}

fn outbox_message(row: &SqliteRow, channel: Channel) -> Result<OutboxMessage, StoreError> {
    let payload: String = row.try_get("payload")?;
    let kind: String = row.try_get("kind")?;
    Ok(OutboxMessage {
        id: row.try_get("id")?,
        channel,
        recipient: row.try_get("recipient")?,
        lead_id: row.try_get("lead_id")?,
        kind: OutboxKind::parse(&kind).ok_or(StoreError::Corrupt {
            what: "outbox kind",
            detail: kind.clone(),
        })?,
        payload: serde_json::from_str(&payload).map_err(corrupt("outbox payload"))?,
        attempts: row.try_get("attempts")?,
        parts_sent: row.try_get("parts_sent")?,
    })
}

fn lead_row(row: &SqliteRow) -> Result<LeadRow, StoreError> {
    let channel: String = row.try_get("channel")?;
    let language: Option<String> = row.try_get("language")?;
    let stage: Option<String> = row.try_get("stage")?;
    let temperature: String = row.try_get("temperature")?;
    let met: String = row.try_get("met_criteria")?;
    Ok(LeadRow {
        id: row.try_get("id")?,
        channel: Channel::parse(&channel).ok_or(StoreError::Corrupt {
            what: "lead channel",
            detail: channel.clone(),
        })?,
        user_id: row.try_get("user_id")?,
        display_name: row.try_get("display_name")?,
        language: language.and_then(|l| l.parse().ok()),
        source: row.try_get("source")?,
        stage: stage.as_deref().and_then(Stage::parse),
        temperature: Temperature::parse(&temperature).ok_or(StoreError::Corrupt {
            what: "lead temperature",
            detail: temperature.clone(),
        })?,
        met_criteria: met_from_text(&met),
        step: row.try_get("step")?,
        current_question: row.try_get("current_question")?,
        consent_at: row.try_get("consent_at")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}
