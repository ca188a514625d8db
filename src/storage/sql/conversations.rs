//! The conversation path in SQL: idempotency keys, turns, notices, dead
//! letters and stream offsets.

macro_rules! conversations_sql {
    ($store:ty, $db:ty) => {
        /// Records an event's idempotency key; `false` when it was seen before.
        async fn first_sight(
            tx: &mut sqlx::Transaction<'_, $db>,
            channel: Channel,
            idempotency_key: &str,
            at: DateTime<Utc>,
        ) -> Result<bool, StoreError> {
            let inserted = sqlx::query(
                "INSERT INTO processed_events (channel, idempotency_key, processed_at) VALUES ($1, $2, $3)
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

        /// Flood control, in the transaction that queued a reply to each of
        /// `recipients`: older pending replies with the same content as the
        /// newest go (it says the same, last), and of the replies still
        /// waiting only the newest [`MAX_PENDING_REPLIES`] stay, so a
        /// prospect sending faster than their chat may be answered gets the
        /// current answers, not a backlog, and their queue stays short. A
        /// reply being sent (held under a lease) or partly sent is never
        /// touched. One statement for a whole batch of turns.
        pub(super) async fn limit_pending_replies(
            tx: &mut sqlx::Transaction<'_, $db>,
            channel: Channel,
            recipients: &[&str],
            at: DateTime<Utc>,
        ) -> Result<(), StoreError> {
            if recipients.is_empty() {
                return Ok(());
            }
            let mut query = sqlx::QueryBuilder::<$db>::new(
                "DELETE FROM outbox WHERE id IN (SELECT id FROM (
                   SELECT id, payload, parts_sent, claimed_by, next_attempt_at,
                          ROW_NUMBER() OVER (PARTITION BY recipient ORDER BY id DESC) AS newer,
                          FIRST_VALUE(payload) OVER (PARTITION BY recipient ORDER BY id DESC) AS newest
                   FROM outbox
                   WHERE kind = 'reply' AND delivered_at IS NULL AND given_up_at IS NULL
                     AND channel = ",
            );
            query.push_bind(channel.as_str()).push(" AND recipient IN (");
            let mut list = query.separated(", ");
            for recipient in recipients {
                list.push_bind(recipient.to_string());
            }
            query
                .push(")) pending WHERE newer > 1 AND parts_sent = 0 AND (claimed_by IS NULL OR next_attempt_at <= ")
                .push_bind(at)
                .push(") AND (payload = newest OR newer > ")
                .push_bind($crate::storage::MAX_PENDING_REPLIES)
                .push("))");
            query.build().execute(&mut **tx).await?;
            Ok(())
        }

        /// Queues an edit of each sales alert posted about `lead_id` (its
        /// first message in each chat) to `edit`, in the open transaction.
        pub(super) async fn queue_alert_edits(
            tx: &mut sqlx::Transaction<'_, $db>,
            lead_id: i64,
            edit: &Outbound,
            at: DateTime<Utc>,
        ) -> Result<(), StoreError> {
            let posted: Vec<(String, String, String)> = sqlx::query_as(
                "SELECT channel, recipient, message_id FROM alert_messages
                 WHERE lead_id = $1 ORDER BY posted_at",
            )
            .bind(lead_id)
            .fetch_all(&mut **tx)
            .await?;
            let mut done: Vec<(String, String)> = Vec::new();
            for (channel, recipient, message_id) in posted {
                if done.contains(&(channel.clone(), recipient.clone())) {
                    continue;
                }
                done.push((channel.clone(), recipient.clone()));
                let mut payload = edit.clone();
                payload.edit = Some(message_id);
                let text = serde_json::to_string(&payload).map_err(corrupt("outbox payload"))?;
                sqlx::query(
                    "INSERT INTO outbox (channel, recipient, lead_id, kind, payload, created_at, next_attempt_at)
                     VALUES ($1, $2, $3, 'notice', $4, $5, $5)",
                )
                .bind(channel)
                .bind(recipient)
                .bind(lead_id)
                .bind(text)
                .bind(at)
                .execute(&mut **tx)
                .await?;
            }
            Ok(())
        }

        /// Writes one turn into an open transaction. A duplicate or a conflict
        /// leaves nothing behind, so that turns of other conversations can share the
        /// transaction (group commit).
        async fn write_turn(
            tx: &mut sqlx::Transaction<'_, $db>,
            turn: &TurnRecord,
        ) -> Result<CommitOutcome, StoreError> {
            // The key first: SQLite then takes the write lock at once (waiting out
            // the busy timeout) instead of failing on a read-to-write upgrade, and
            // on PostgreSQL a duplicate handled by another replica at this moment
            // waits here for its commit, then changes nothing.
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
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14)
                 ON CONFLICT (channel, user_id) DO NOTHING
                 RETURNING id"
            } else {
                "UPDATE leads SET
                    display_name = COALESCE($3, display_name), language = $4, source = $5,
                    stage = $6, temperature = $7, met_criteria = $8, step = $9,
                    current_question = $10, consent_at = $11, consent_version = $12, state = $13,
                    version = version + 1, updated_at = $14,
                    -- They wrote: whatever failed to reach them before, they
                    -- are reachable now.
                    unreachable_at = NULL
                 WHERE channel = $1 AND user_id = $2 AND version = $15
                    AND (CAST($16 AS BIGINT) IS NULL OR id = $16)
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
                sqlx::query("DELETE FROM processed_events WHERE channel = $1 AND idempotency_key = $2")
                    .bind(turn.key.channel.as_str())
                    .bind(&turn.idempotency_key)
                    .execute(&mut **tx)
                    .await?;
                return Ok(CommitOutcome::Conflict);
            };

            sqlx::query(
                "UPDATE processed_events SET lead_id = $1 WHERE channel = $2 AND idempotency_key = $3",
            )
            .bind(lead_id)
            .bind(turn.key.channel.as_str())
            .bind(&turn.idempotency_key)
            .execute(&mut **tx)
            .await?;

            for event in &turn.events {
                match event {
                    Event::AnswersCleared => {
                        sqlx::query("UPDATE answers SET current = FALSE WHERE lead_id = $1")
                            .bind(lead_id)
                            .execute(&mut **tx)
                            .await?;
                    }
                    Event::AnswerRecorded {
                        question,
                        criterion,
                        answer,
                    } => {
                        sqlx::query(
                            "UPDATE answers SET current = FALSE WHERE lead_id = $1 AND question_id = $2",
                        )
                        .bind(lead_id)
                        .bind(question)
                        .execute(&mut **tx)
                        .await?;
                        let value = serde_json::to_string(&answer.value).map_err(corrupt("answer"))?;
                        sqlx::query(
                            "INSERT INTO answers (lead_id, question_id, criterion, raw_text, value, current, answered_at)
                             VALUES ($1, $2, $3, $4, $5, TRUE, $6)",
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
                            "INSERT INTO stage_events (lead_id, stage, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
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
                     VALUES ($1, $2, $3, 'reply', $4, $5, $6) RETURNING id",
                )
                .bind(turn.key.channel.as_str())
                .bind(&turn.key.user)
                .bind(lead_id)
                .bind(payload)
                .bind(turn.at)
                .bind(turn.at)
                .fetch_one(&mut **tx)
                .await?;
                limit_pending_replies(tx, turn.key.channel, &[&turn.key.user], turn.at).await?;
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
                     VALUES ($1, $2, $3, 'alert', $4, $5, $6)",
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
            if let Some(edit) = &turn.alert_edit {
                queue_alert_edits(tx, lead_id, edit, turn.at).await?;
            }
            Ok(CommitOutcome::Committed { lead_id, outbox })
        }

        #[async_trait]
        impl Conversations for $store {
            #[instrument(skip_all, fields(channel = %key.channel))]
            async fn load_conversation(
                &self,
                key: &ConversationKey,
            ) -> Result<Option<StoredConversation>, StoreError> {
                let row =
                    sqlx::query("SELECT id, version, state FROM leads WHERE channel = $1 AND user_id = $2")
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
                let found = sqlx::query(
                    "SELECT 1 FROM processed_events WHERE channel = $1 AND idempotency_key = $2",
                )
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
                self.commit_batch(turns).await
            }

            #[instrument(skip_all, fields(channel = %notice.channel))]
            async fn commit_notice(&self, notice: &Notice) -> Result<Option<OutboxMessage>, StoreError> {
                let mut tx = self.pool.begin().await?;
                if !first_sight(&mut tx, notice.channel, &notice.idempotency_key, notice.at).await? {
                    tx.rollback().await?;
                    return Ok(None);
                }
                if let Some(group) = &notice.group {
                    // The title as it is now: a renamed group reads so from
                    // its next button on.
                    sqlx::query(
                        "INSERT INTO group_codes (code, channel, chat_id, title) VALUES ($1, $2, $3, $4)
                         ON CONFLICT (code) DO UPDATE SET chat_id = excluded.chat_id, title = excluded.title",
                    )
                    .bind(&group.code)
                    .bind(notice.channel.as_str())
                    .bind(&group.chat_id)
                    .bind(&group.title)
                    .execute(&mut *tx)
                    .await?;
                }
                let payload = serde_json::to_string(&notice.reply).map_err(corrupt("outbox payload"))?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO outbox (channel, recipient, kind, payload, created_at, next_attempt_at)
                     VALUES ($1, $2, 'notice', $3, $4, $5) RETURNING id",
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

            #[instrument(skip_all)]
            async fn group_of_code(
                &self,
                channel: Channel,
                code: &str,
            ) -> Result<Option<GroupRef>, StoreError> {
                let row: Option<(String, Option<String>)> = sqlx::query_as(
                    "SELECT chat_id, title FROM group_codes WHERE code = $1 AND channel = $2",
                )
                .bind(code)
                .bind(channel.as_str())
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|(chat_id, title)| GroupRef {
                    code: code.to_owned(),
                    chat_id,
                    title,
                }))
            }

            #[instrument(skip_all)]
            async fn record_dead_letter(&self, letter: &DeadLetter) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO dead_letters (channel, reason, raw, created_at, user_id)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(letter.channel.as_str())
                .bind(&letter.reason)
                .bind(&letter.raw)
                .bind(letter.created_at)
                .bind(&letter.user_id)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            #[instrument(skip_all)]
            async fn load_offset(&self, stream: &str) -> Result<Option<i64>, StoreError> {
                Ok(
                    sqlx::query_scalar("SELECT next_offset FROM channel_offsets WHERE channel = $1")
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
                    "INSERT INTO channel_offsets (channel, next_offset, updated_at) VALUES ($1, $2, $3)
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

            async fn try_lead(&self, stream: &str) -> Result<Option<Box<dyn Leadership>>, StoreError> {
                self.lead_stream(stream).await
            }
        }

    };
}

pub(crate) use conversations_sql;
