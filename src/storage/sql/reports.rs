//! Reports in SQL: the funnel, the export, gauges and dead letters.

macro_rules! reports_sql {
    ($store:ty, $snapshot:expr) => {
        #[async_trait]
        impl Reports for $store {
            #[instrument(skip_all)]
            async fn funnel(&self, since: DateTime<Utc>) -> Result<Funnel, StoreError> {
                let mut tx = self.pool.begin().await?;
                let leads: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM leads WHERE created_at >= $1")
                    .bind(since)
                    .fetch_one(&mut *tx)
                    .await?;
                let reached: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT s.stage, COUNT(DISTINCT s.lead_id) FROM stage_events s
                     JOIN leads l ON l.id = s.lead_id WHERE l.created_at >= $1 GROUP BY s.stage",
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
                     WHERE created_at >= $1 AND step IN ('asking', 'confirming') AND current_question IS NOT NULL
                     GROUP BY current_question ORDER BY COUNT(*) DESC, current_question",
                )
                .bind(since)
                .fetch_all(&mut *tx)
                .await?;
                let declined: i64 = sqlx::query_scalar(
                    "SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM consent_declines
                     WHERE day >= $1",
                )
                .bind(since.date_naive())
                .fetch_one(&mut *tx)
                .await?;
                let sources: Vec<(Option<String>, i64, i64, i64, i64)> = sqlx::query_as(
                    "SELECT l.source, COUNT(*),
                        COUNT(CASE WHEN EXISTS (SELECT 1 FROM stage_events s WHERE s.lead_id = l.id AND s.stage = 'marketing_qualified') THEN 1 END),
                        COUNT(CASE WHEN EXISTS (SELECT 1 FROM stage_events s WHERE s.lead_id = l.id AND s.stage = 'sales_qualified') THEN 1 END),
                        COUNT(CASE WHEN EXISTS (SELECT 1 FROM stage_events s WHERE s.lead_id = l.id AND s.stage = 'won') THEN 1 END)
                     FROM leads l WHERE l.created_at >= $1 GROUP BY l.source ORDER BY COUNT(*) DESC, l.source",
                )
                .bind(since)
                .fetch_all(&mut *tx)
                .await?;
                // A lead claimed then reopened keeps its first claim.
                let claims: Vec<(Option<String>, DateTime<Utc>, Option<DateTime<Utc>>)> = sqlx::query_as(
                    "SELECT l.claimed_by_name, q.at,
                        (SELECT MIN(a.at) FROM stage_events a WHERE a.lead_id = l.id AND a.stage = 'sales_accepted')
                     FROM leads l JOIN stage_events q ON q.lead_id = l.id AND q.stage = 'sales_qualified'
                     WHERE l.created_at >= $1 ORDER BY q.at",
                )
                .bind(since)
                .fetch_all(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Funnel {
                    claims: claims
                        .into_iter()
                        .map(|(claimed_by, hot_at, claimed_at)| ClaimWait {
                            claimed_by,
                            waited_secs: claimed_at.map(|at| (at - hot_at).num_seconds().max(0)),
                        })
                        .collect(),
                    leads,
                    stages,
                    drop_off,
                    declined,
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
                // One snapshot: leads, answers and stages from one moment, even while
                // other replicas write.
                let mut tx = self.pool.begin().await?;
                if let Some(snapshot) = $snapshot {
                    sqlx::query(snapshot).execute(&mut *tx).await?;
                }
                let leads = sqlx::query("SELECT * FROM leads ORDER BY id")
                    .fetch_all(&mut *tx)
                    .await?;
                let answers = sqlx::query(
                    "SELECT lead_id, question_id, criterion, raw_text, value, answered_at FROM answers
                     WHERE current = TRUE ORDER BY lead_id, id",
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

            #[instrument(skip_all)]
            #[instrument(skip_all)]
            async fn dead_letters(&self, limit: i64) -> Result<Vec<DeadLetter>, StoreError> {
                let rows: Vec<DeadLetterRow> = sqlx::query_as(
                    "SELECT channel, reason, raw, created_at, user_id FROM dead_letters ORDER BY id DESC LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(dead_letter_from_row).collect()
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

    };
}

pub(crate) use reports_sql;
