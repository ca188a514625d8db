//! The operator's HTTP endpoints: `/healthz` (the process is up), `/readyz`
//! (the database answers and its schema is current: send traffic here) and
//! `/metrics` (Prometheus). Served on `http.listen`, and on the Telegram
//! webhook's listener too when there is one.

use crate::metrics::{Metrics, CONTENT_TYPE};
use crate::storage::Store;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use chrono::Utc;
use std::sync::Arc;
use std::time::Duration;

/// A probe that waits longer than this on the database reports it down:
/// load balancers give up on slow probes anyway.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub struct Health {
    pub store: Arc<dyn Store>,
    pub metrics: Arc<Metrics>,
}

/// The three routes, ready to serve alone or merged into another router.
pub fn router(health: Health) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .with_state(health)
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(State(health): State<Health>) -> (StatusCode, String) {
    match tokio::time::timeout(PROBE_TIMEOUT, health.store.check_ready()).await {
        Ok(Ok(())) => {
            // A sales chat that refuses the bot does not stop prospects
            // being served: still ready, with the detail for the operator.
            let mut body = String::from("ready\n");
            for (destination, fix) in health.metrics.sales_destinations_down() {
                body.push_str(&format!(
                    "sales destination {destination} refuses the bot's messages; alerts wait for it: {fix}\n"
                ));
            }
            (StatusCode::OK, body)
        }
        Ok(Err(error)) => {
            tracing::warn!(%error, "not ready");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                format!("not ready: {error}\n"),
            )
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "not ready: the database did not answer in time\n".into(),
        ),
    }
}

async fn metrics(State(health): State<Health>) -> impl IntoResponse {
    // `leadbot_database_up` follows /readyz: the database takes a write.
    let writable = matches!(
        tokio::time::timeout(PROBE_TIMEOUT, health.store.check_ready()).await,
        Ok(Ok(()))
    );
    let gauges = match writable {
        false => None,
        true => match tokio::time::timeout(PROBE_TIMEOUT, health.store.gauges()).await {
            Ok(Ok(gauges)) => Some(gauges),
            Ok(Err(error)) => {
                tracing::warn!(%error, "metrics without database gauges");
                None
            }
            Err(_) => None,
        },
    };
    (
        [(header::CONTENT_TYPE, CONTENT_TYPE)],
        health.metrics.encode(gauges.as_ref(), Utc::now()),
    )
}

/// Probes the database every few seconds; when it has refused writes for
/// `exit_after` (not zero), returns an error so that the process exits
/// non-zero and its supervisor restarts it — a process whose database
/// stays wedged must not look alive. Ends with `shutdown`.
pub async fn watch_database(
    store: Arc<dyn Store>,
    exit_after: Duration,
    shutdown: tokio_util::sync::CancellationToken,
) -> anyhow::Result<()> {
    if exit_after.is_zero() {
        return Ok(());
    }
    let every = (exit_after / 3).clamp(Duration::from_millis(100), Duration::from_secs(10));
    let mut failing_since: Option<std::time::Instant> = None;
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => return Ok(()),
            _ = tokio::time::sleep(every) => {}
        }
        match tokio::time::timeout(PROBE_TIMEOUT, store.check_ready()).await {
            Ok(Ok(())) => {
                if failing_since.take().is_some() {
                    tracing::info!("the database takes writes again");
                }
            }
            failed => {
                let since = *failing_since.get_or_insert_with(std::time::Instant::now);
                let cause = match failed {
                    Ok(Err(error)) => error.to_string(),
                    _ => "no answer in time".into(),
                };
                if since.elapsed() >= exit_after {
                    anyhow::bail!(
                        "the database has refused writes for {}s ({cause}): exiting so that a supervisor restarts leadbot; check free disk space and the database's permissions (database_down_exit_secs sets the wait)",
                        since.elapsed().as_secs()
                    );
                }
                tracing::error!(%cause, "the database refuses writes");
            }
        }
    }
}

/// Serves the routes on `listen` until `shutdown`.
pub async fn serve(
    listen: &str,
    health: Health,
    shutdown: tokio_util::sync::CancellationToken,
) -> anyhow::Result<()> {
    use anyhow::Context;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| {
            format!("cannot listen on http.listen {listen}: is the address free and yours to use?")
        })?;
    let address = listener
        .local_addr()
        .context("the HTTP listener has no address")?;
    tracing::info!(listen = %address, "serving /healthz, /readyz and /metrics");
    let limits = crate::http_server::Limits {
        max_connections: MAX_CONNECTIONS,
        header_timeout: crate::http_server::HEADER_TIMEOUT,
    };
    crate::http_server::serve(listener, router(health), limits, shutdown).await;
    Ok(())
}

/// Probes and a scraper need a handful of connections.
const MAX_CONNECTIONS: usize = 64;
