//! Retention: once a day, leads untouched for longer than `retention.days`
//! are erased; won and lost leads keep only non-personal aggregates (their
//! stage events, temperature, source and language), so that reports stay
//! right. Replicas may all run it: each run is idempotent.

use crate::core::message::ids;
use crate::core::{Language, Msg, Outbound};
use crate::storage::{RetentionReport, Store, StoreError};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How often the job runs.
pub const EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// One run: erases what was last touched more than `days` before `now`;
/// the sales alerts of those leads are edited, in the sales team's
/// language, to say so.
pub async fn erase_expired(
    store: &dyn Store,
    days: u32,
    sales_language: Language,
    now: DateTime<Utc>,
) -> Result<RetentionReport, StoreError> {
    let cutoff = now - chrono::Duration::days(i64::from(days));
    let alert_edit = Outbound {
        language: Some(sales_language),
        paragraphs: vec![Msg::new(ids::ALERT_EXPIRED).int("days", i64::from(days))],
        ..Default::default()
    };
    let report = store.erase_expired(cutoff, &alert_edit).await?;
    if report != RetentionReport::default() {
        tracing::info!(
            erased = report.erased,
            anonymized = report.anonymized,
            days,
            "retention: expired leads erased"
        );
    }
    Ok(report)
}

/// Runs [`erase_expired`] at start and then every day, until `shutdown`.
pub async fn run(
    store: Arc<dyn Store>,
    days: u32,
    sales_language: Language,
    shutdown: CancellationToken,
) {
    loop {
        if let Err(error) = erase_expired(store.as_ref(), days, sales_language, Utc::now()).await {
            // Tried again at the next run; nothing is lost by waiting.
            tracing::error!(%error, "retention run failed; trying again in an hour");
            tokio::select! {
                _ = shutdown.cancelled() => return,
                _ = tokio::time::sleep(Duration::from_secs(3600)) => continue,
            }
        }
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(EVERY) => {}
        }
    }
}
