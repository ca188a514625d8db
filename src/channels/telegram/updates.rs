//! Taking updates in: one update, one committed transaction. Long polling
//! confirms an update to Telegram only once it is committed (the stored
//! offset moves after the commit); the webhook answers 200 only after the
//! commit, so Telegram redelivers anything not stored.

use super::mapping::{map_update, Mapped};
use super::sender::redact;
use crate::core::Channel;
use crate::service::{HandleError, Qualifier};
use crate::storage::{Notice, StoreError};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::Utc;
use std::sync::Arc;
use std::time::Duration;
use subtle::ConstantTimeEq;
use teloxide::prelude::*;
use teloxide::types::{AllowedUpdate, Update, UpdateKind};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

/// The update kinds leadbot reads.
pub const ALLOWED: [AllowedUpdate; 3] = [
    AllowedUpdate::Message,
    AllowedUpdate::EditedMessage,
    AllowedUpdate::CallbackQuery,
];

#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error(transparent)]
    Handle(#[from] HandleError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub struct Handler {
    pub bot: Bot,
    pub qualifier: Arc<Qualifier>,
    pub bot_username: String,
    pub wake_sender: Arc<Notify>,
    pub token: String,
}

impl Handler {
    /// Handles one update in one transaction (or not at all).
    pub async fn handle(&self, update: &Update) -> Result<(), UpdateError> {
        match map_update(update, &self.bot_username, Utc::now()) {
            Mapped::Conversation { inbound, callback } => {
                self.qualifier.handle(&inbound).await?;
                self.wake_sender.notify_one();
                if let Some(id) = callback {
                    // Only stops the button's spinner: best effort, after the commit.
                    if let Err(error) = self.bot.answer_callback_query(id).await {
                        tracing::debug!(error = %redact(&error.to_string(), &self.token), "answerCallbackQuery failed");
                    }
                }
            }
            Mapped::Notice {
                idempotency_key,
                chat_id,
                reply,
            } => {
                let notice = Notice {
                    channel: Channel::Telegram,
                    idempotency_key,
                    recipient: chat_id.to_string(),
                    at: Utc::now(),
                    reply,
                };
                self.qualifier.store().commit_notice(&notice).await?;
                self.wake_sender.notify_one();
            }
            Mapped::Ignore => {}
        }
        Ok(())
    }
}

/// The chat an update belongs to: updates of one chat are handled in order,
/// those of different chats at once.
fn chat_of(update: &Update) -> i64 {
    match &update.kind {
        UpdateKind::Message(m) | UpdateKind::EditedMessage(m) => m.chat.id.0,
        UpdateKind::CallbackQuery(q) => q.from.id.0 as i64,
        _ => i64::MIN,
    }
}

/// Long polling over our own loop (teloxide's Dispatcher would confirm
/// updates before they are handled).
pub async fn poll(
    handler: Arc<Handler>,
    timeout_secs: u32,
    shutdown: CancellationToken,
) -> Result<(), StoreError> {
    let store = handler.qualifier.store().clone();
    let mut offset = store.load_offset(Channel::Telegram).await?.unwrap_or(0);
    let mut failures = 0i64;
    tracing::info!(offset, "polling Telegram for updates");
    while !shutdown.is_cancelled() {
        let request = handler
            .bot
            .get_updates()
            .offset(offset as i32)
            .timeout(timeout_secs)
            .allowed_updates(ALLOWED);
        let updates = tokio::select! {
            // Dropping the request confirms nothing: nothing is lost.
            _ = shutdown.cancelled() => break,
            result = request.send() => result,
        };
        let updates = match updates {
            Ok(updates) => {
                failures = 0;
                updates
            }
            Err(error) => {
                failures += 1;
                let wait = super::sender::backoff(failures);
                tracing::warn!(error = %redact(&error.to_string(), &handler.token), wait_ms = wait.as_millis() as u64, "getUpdates failed");
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    _ = tokio::time::sleep(wait) => continue,
                }
            }
        };
        let Some(last) = updates.iter().map(|u| u.id.0).max() else {
            continue;
        };
        // In order within a chat, chats side by side.
        let mut chats: Vec<(i64, Vec<&Update>)> = Vec::new();
        for update in &updates {
            let chat = chat_of(update);
            match chats.iter_mut().find(|(c, _)| *c == chat) {
                Some((_, list)) => list.push(update),
                None => chats.push((chat, vec![update])),
            }
        }
        let results = futures_util::future::join_all(chats.iter().map(|(_, list)| {
            let handler = handler.clone();
            async move {
                for update in list {
                    handler.handle(update).await?;
                }
                Ok::<(), UpdateError>(())
            }
        }))
        .await;
        if let Some(error) = results.into_iter().find_map(Result::err) {
            // Not confirmed: the batch comes again; what committed is skipped
            // by its update id.
            tracing::error!(%error, "an update could not be stored; fetching the batch again");
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = tokio::time::sleep(Duration::from_secs(1)) => continue,
            }
        }
        offset = i64::from(last) + 1;
        store
            .save_offset(Channel::Telegram, offset, Utc::now())
            .await?;
    }
    tracing::info!("polling stopped");
    Ok(())
}

#[derive(Clone)]
pub struct WebhookState {
    pub handler: Arc<Handler>,
    pub secret: Arc<String>,
}

/// POST from Telegram: the secret must match; 200 only after the commit.
pub async fn webhook(
    State(state): State<WebhookState>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let given = headers
        .get("X-Telegram-Bot-Api-Secret-Token")
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !bool::from(given.ct_eq(state.secret.as_bytes())) {
        tracing::warn!("webhook request without the right secret refused");
        return StatusCode::UNAUTHORIZED;
    }
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(error) => {
            // Redelivering it would not make it readable.
            tracing::warn!(
                line = error.line(),
                column = error.column(),
                "unreadable webhook body dropped"
            );
            return StatusCode::OK;
        }
    };
    match state.handler.handle(&update).await {
        Ok(()) => StatusCode::OK,
        Err(error) => {
            tracing::error!(%error, "webhook update not stored; Telegram will redeliver it");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
