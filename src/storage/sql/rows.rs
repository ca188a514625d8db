//! Reading the rows several queries share, for the backend's row type.

macro_rules! row_readers {
    ($row:ty) => {
        fn outbox_message(row: &$row, channel: Channel) -> Result<OutboxMessage, StoreError> {
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

        fn lead_row(row: &$row) -> Result<LeadRow, StoreError> {
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
    };
}

pub(crate) use row_readers;
