//! The HTTP listener behind the webhook and the operator's routes: axum's
//! router served by hyper with the limits `axum::serve` leaves out — a cap
//! on connections open at once, and a time limit on request headers that
//! also closes a kept-alive connection left idle — so that slow or idle
//! clients cannot hold the listener.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

/// How long a client may take to send a request's headers, and how long a
/// kept-alive connection may sit idle before the next request.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long open connections get to finish their request at shutdown.
const DRAIN: Duration = Duration::from_secs(10);

/// What one listener allows.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once; further ones wait in the kernel's queue
    /// until one closes.
    pub max_connections: usize,
    pub header_timeout: Duration,
}

/// Serves `router` on `listener` within `limits` until `shutdown`, then
/// lets open requests finish for a few seconds.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: CancellationToken,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let mut last_full_warning: Option<Instant> = None;
    loop {
        let slot = match slots.clone().try_acquire_owned() {
            Ok(slot) => slot,
            Err(_) => {
                warn_full(&mut last_full_warning, limits.max_connections);
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
                }
            }
        };
        let stream = tokio::select! {
            _ = shutdown.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors and the like: pause rather
                    // than spin.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let service = TowerToHyperService::new(router.clone());
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that goes away or times out is not worth a line.
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("HTTP connections still open after {DRAIN:?} at shutdown were closed");
    }
}

/// One line a minute at most while the listener is full.
fn warn_full(last: &mut Option<Instant>, max: usize) {
    if last.is_some_and(|at| at.elapsed() < Duration::from_secs(60)) {
        return;
    }
    *last = Some(Instant::now());
    tracing::warn!(
        max_connections = max,
        "the HTTP listener has as many connections open as it allows; new ones wait (logged at most once a minute)"
    );
}
