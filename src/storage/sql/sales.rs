//! Sales actions in SQL: listing leads, claiming them, recording outcomes.

macro_rules! sales_sql {
    ($store:ty, $lock:literal) => {
        #[async_trait]
        impl Sales for $store {
            #[instrument(skip_all)]
            async fn list_leads(&self, filter: &LeadFilter) -> Result<Vec<LeadRow>, StoreError> {
                let rows = sqlx::query(
                    "SELECT * FROM leads WHERE (CAST($1 AS TEXT) IS NULL OR temperature = $1)
                     ORDER BY updated_at DESC, id DESC LIMIT $2",
                )
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
                    // Locked where rows lock: two salespeople pressing Claim on two
                    // replicas at once are taken one after the other.
                    sqlx::query_as(concat!(
                        "SELECT claimed_by_id, claimed_by_name, state FROM leads
                         WHERE id = $1 AND user_id NOT LIKE 'erased:%'
                           AND EXISTS (SELECT 1 FROM alert_messages a WHERE a.lead_id = leads.id
                               AND a.channel = $2 AND a.recipient = $3 AND a.message_id = $4)",
                        $lock
                    ))
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
                let mut state: crate::core::Conversation =
                    serde_json::from_str(&state).map_err(corrupt("conversation state"))?;
                // A result is final: decided here, under the lead's lock, so
                // that of two presses at once exactly one is recorded.
                let by = claimed_name.clone().or(claimed_id.clone()).unwrap_or_default();
                if let Some(result) = state
                    .stages
                    .iter()
                    .copied()
                    .find(|s| matches!(s, Stage::Won | Stage::Lost))
                {
                    tx.commit().await?;
                    return Ok(SalesOutcome::AlreadyDecided {
                        won: result == Stage::Won,
                        by,
                    });
                }
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
                    // Only the one who claimed it records its result.
                    (_, Some(id)) if id != action.staff_id => {
                        tx.commit().await?;
                        return Ok(SalesOutcome::NotTheirs { by });
                    }
                    (SalesActionKind::Won, Some(_)) => (Stage::Won, SalesOutcome::Recorded),
                    (SalesActionKind::Lost, Some(_)) => (Stage::Lost, SalesOutcome::Recorded),
                };
                // The conversation state keeps the sales stages too, so that later
                // turns of the prospect leave the lead where sales put it.
                state.stages.insert(stage);
                let shown = state
                    .stages
                    .iter()
                    .copied()
                    .filter(|s| *s >= Stage::SalesAccepted)
                    .max();
                let state = serde_json::to_string(&state).map_err(corrupt("conversation state"))?;
                sqlx::query(
                    "UPDATE leads SET claimed_by_id = COALESCE(claimed_by_id, $1),
                        claimed_by_name = COALESCE(claimed_by_name, $2), claimed_at = COALESCE(claimed_at, $3),
                        stage = $4, state = $5, version = version + 1, updated_at = $6
                     WHERE id = $7",
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
                    "INSERT INTO stage_events (lead_id, stage, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                )
                .bind(action.lead_id)
                .bind(stage.as_str())
                .bind(action.at)
                .execute(&mut *tx)
                .await?;
                if let Some(edit) = &action.edit {
                    let mut edit = edit.clone();
                    edit.edit = Some(action.pressed_on.message_id.clone());
                    let payload = serde_json::to_string(&edit).map_err(corrupt("outbox payload"))?;
                    sqlx::query(
                        "INSERT INTO outbox (channel, recipient, lead_id, kind, payload, created_at, next_attempt_at)
                         VALUES ($1, $2, $3, 'notice', $4, $5, $5)",
                    )
                    .bind(action.channel.as_str())
                    .bind(&action.pressed_on.recipient)
                    .bind(action.lead_id)
                    .bind(payload)
                    .bind(action.at)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(outcome)
            }
        }

    };
}

pub(crate) use sales_sql;
