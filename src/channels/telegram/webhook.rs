//! The Telegram webhook: the secret checked before the body is read,
//! bodies capped in size and time, refusals logged at most once a minute,
//! and each update handled and committed before Telegram gets its 200.

use super::updates::{chat_of, Handler};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use subtle::ConstantTimeEq;
use teloxide::types::Update;

#[derive(Clone)]
pub struct WebhookState {
    pub handler: Arc<Handler>,
    pub secret: Arc<SecretString>,
    /// One lock per chat: Telegram posts on several connections at once,
    /// and one chat's answers must still be taken in order.
    pub chats: Arc<std::sync::Mutex<HashMap<i64, Arc<tokio::sync::Mutex<()>>>>>,
}

/// The largest update body read: real updates are a few KB; a message with
/// a long caption and entities stays far below this.
pub const MAX_WEBHOOK_BODY: usize = 256 * 1024;

/// How long a webhook body may take to arrive once its headers did.
const BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// POST from Telegram: the secret is checked before a byte of the body is
/// read; the body is read within a size and a time limit; 200 only after
/// the commit.
pub async fn webhook(
    State(state): State<WebhookState>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> StatusCode {
    let given = headers
        .get("X-Telegram-Bot-Api-Secret-Token")
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !bool::from(given.ct_eq(state.secret.expose_secret().as_bytes())) {
        log_refusal();
        return StatusCode::UNAUTHORIZED;
    }
    let declared = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > MAX_WEBHOOK_BODY) {
        return StatusCode::PAYLOAD_TOO_LARGE;
    }
    let body = match tokio::time::timeout(
        BODY_TIMEOUT,
        axum::body::to_bytes(body, MAX_WEBHOOK_BODY),
    )
    .await
    {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => return StatusCode::PAYLOAD_TOO_LARGE,
        Err(_) => return StatusCode::REQUEST_TIMEOUT,
    };
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(error) => {
            // Redelivering it would not make it readable: kept for the
            // operator, then confirmed.
            tracing::warn!(
                line = error.line(),
                column = error.column(),
                "unreadable webhook body kept in the dead letters (leadbot dead-letters)"
            );
            let raw = String::from_utf8_lossy(&body).into_owned();
            return match state.handler.dead_letter("unreadable update", raw).await {
                Ok(()) => StatusCode::OK,
                Err(_) => StatusCode::SERVICE_UNAVAILABLE,
            };
        }
    };
    let lock = {
        let mut chats = state.chats.lock().unwrap_or_else(|e| e.into_inner());
        if chats.len() > 10_000 {
            chats.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        chats.entry(chat_of(&update)).or_default().clone()
    };
    let _in_order = lock.lock().await;
    match state.handler.handle(&update).await {
        Ok(()) => StatusCode::OK,
        Err(error) if error.is_unreachable() => {
            tracing::error!(%error, "the database is unreachable: webhook update not stored; Telegram will redeliver it");
            StatusCode::SERVICE_UNAVAILABLE
        }
        Err(error) => {
            tracing::error!(%error, "webhook update not stored; Telegram will redeliver it");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

/// One warning a minute at most, with the count: refused requests cost the
/// sender nothing and must not flood the log.
fn log_refusal() {
    use std::sync::atomic::{AtomicU64, Ordering};
    static REFUSED: AtomicU64 = AtomicU64::new(0);
    static LAST_LOGGED: std::sync::Mutex<Option<std::time::Instant>> = std::sync::Mutex::new(None);
    let refused = REFUSED.fetch_add(1, Ordering::Relaxed) + 1;
    let mut last = LAST_LOGGED.lock().unwrap_or_else(|e| e.into_inner());
    if last.is_some_and(|at| at.elapsed() < Duration::from_secs(60)) {
        return;
    }
    *last = Some(std::time::Instant::now());
    REFUSED.store(0, Ordering::Relaxed);
    tracing::warn!(
        refused,
        "webhook request without the right secret refused (logged at most once a minute)"
    );
}
