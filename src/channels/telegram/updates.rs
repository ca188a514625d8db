//! Taking updates in: one update, one committed transaction. Long polling
//! confirms an update to Telegram only once it is committed (the stored
//! offset moves after the commit); the webhook answers 200 only after the
//! commit, so Telegram redelivers anything not stored.

use super::mapping::{map_update, sender_of_raw_update, Mapped};
use super::sender::describe;
use crate::core::Channel;
use crate::service::outbox::backoff;
use crate::service::sales::{Press, PressResult, StaffRequest};
use crate::service::{HandleError, Qualifier};
use crate::storage::{GroupRef, Notice, StoreError};
use chrono::Utc;
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;
use std::time::Duration;
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

/// How often a batch is fetched again before an update whose own data the
/// database keeps refusing goes to the dead letters, so that one broken
/// update cannot stop every chat. Storage failures are never set aside.
const ATTEMPTS_BEFORE_SETTING_ASIDE: u32 = 5;

#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error(transparent)]
    Handle(#[from] HandleError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl UpdateError {
    /// The update's own data can never be stored: the only reason an update
    /// may be set aside (into the dead letters).
    pub fn is_poison(&self) -> bool {
        match self {
            UpdateError::Handle(HandleError::Store(error)) | UpdateError::Store(error) => {
                error.is_poison()
            }
            UpdateError::Handle(_) => false,
        }
    }

    pub fn is_unreachable(&self) -> bool {
        match self {
            UpdateError::Handle(error) => error.is_unreachable(),
            UpdateError::Store(error) => error.is_unreachable(),
        }
    }
}

pub struct Handler {
    pub bot: Bot,
    pub qualifier: Arc<Qualifier>,
    pub localizer: Arc<crate::i18n::Localizer>,
    pub bot_username: String,
    pub bot_id: u64,
    pub wake_sender: Arc<Notify>,
    pub token: SecretString,
    pub metrics: Arc<crate::metrics::Metrics>,
}

impl Handler {
    /// The stream of this bot's updates, for its stored offset.
    pub fn stream(&self) -> String {
        format!("telegram:{}", self.bot_id)
    }

    /// Handles one update in one transaction (or not at all).
    pub async fn handle(&self, update: &Update) -> Result<(), UpdateError> {
        let started = std::time::Instant::now();
        let handled = self.handle_update(update).await;
        match &handled {
            Ok(()) => self
                .metrics
                .update_handled(Channel::Telegram, started.elapsed()),
            Err(_) => self.metrics.error(crate::metrics::ErrorKind::Update),
        }
        handled
    }

    /// Keeps an update that can never be applied; an error when even that
    /// cannot be stored (the update is then not confirmed).
    pub async fn dead_letter(&self, reason: &str, raw: String) -> Result<(), UpdateError> {
        self.metrics.error(crate::metrics::ErrorKind::Update);
        let sender = sender_of_raw_update(&raw);
        self.qualifier
            .dead_letter(Channel::Telegram, reason, raw, sender, Utc::now())
            .await?;
        Ok(())
    }

    async fn handle_update(&self, update: &Update) -> Result<(), UpdateError> {
        if let UpdateKind::Error(raw) = &update.kind {
            tracing::warn!(
                update_id = update.id.0,
                "an update teloxide cannot read is kept in the dead letters (leadbot dead-letters)"
            );
            return self.dead_letter("unreadable update", raw.to_string()).await;
        }
        match map_update(update, &self.bot_username, self.bot_id, Utc::now()) {
            Mapped::Conversation { inbound, callback } => {
                self.qualifier.handle(&inbound).await?;
                self.wake_sender.notify_one();
                if let Some(id) = callback {
                    // Only stops the button's spinner: best effort, after the
                    // commit, and not in the way of the next update.
                    let request = self.bot.answer_callback_query(id);
                    tokio::spawn(async move {
                        let _ = tokio::time::timeout(Duration::from_secs(5), request.send()).await;
                    });
                }
            }
            Mapped::Notice {
                idempotency_key,
                chat_id,
                reply,
                group,
            } => {
                let notice = telegram_notice(idempotency_key, chat_id, reply, group);
                self.qualifier.notice(&notice).await?;
                self.wake_sender.notify_one();
            }
            Mapped::Sales {
                idempotency_key,
                button,
                lead_id,
                staff_id,
                staff_name,
                chat_id,
                message_id,
                alert_text,
                callback,
            } => {
                let press = Press {
                    channel: Channel::Telegram,
                    idempotency_key,
                    button,
                    lead_id,
                    staff_id: staff_id.to_string(),
                    staff_name,
                    pressed_on: crate::storage::AlertMessage {
                        recipient: chat_id.to_string(),
                        message_id: message_id.to_string(),
                    },
                    at: Utc::now(),
                    // Edited through the outbox: durable, retried, and in
                    // order with the chat's other messages.
                    alert_text: Some(alert_text),
                };
                let note = match self.qualifier.press(press).await? {
                    PressResult::Refused(note) => Some(
                        self.localizer
                            .render(self.qualifier.sales_language(), &note),
                    ),
                    PressResult::Recorded { .. } => {
                        self.wake_sender.notify_one();
                        None
                    }
                    PressResult::Nothing => None,
                };
                self.answer(callback, note);
            }
            Mapped::Staff {
                idempotency_key,
                command,
                user_id,
                chat_id,
                private,
            } => {
                let request = StaffRequest {
                    channel: Channel::Telegram,
                    idempotency_key,
                    command,
                    user: user_id.to_string(),
                    chat: chat_id.to_string(),
                    private,
                    at: Utc::now(),
                };
                if self.qualifier.staff_command(request).await?.is_some() {
                    self.wake_sender.notify_one();
                }
            }
            Mapped::Ignore => {}
        }
        Ok(())
    }

    /// Answers a button press, with a note shown to the presser if any.
    fn answer(&self, callback: teloxide::types::CallbackQueryId, note: Option<String>) {
        let mut request = self.bot.answer_callback_query(callback);
        if let Some(note) = note {
            let note = crate::channels::text::cut(&note, super::render::MAX_NOTE_CHARS);
            request = request.text(note).show_alert(true);
        }
        tokio::spawn(async move {
            let _ = tokio::time::timeout(Duration::from_secs(5), request.send()).await;
        });
    }
}

/// The chat an update belongs to: updates of one chat are handled in order,
/// those of different chats at once.
pub(super) fn chat_of(update: &Update) -> i64 {
    match &update.kind {
        UpdateKind::Message(m) | UpdateKind::EditedMessage(m) => m.chat.id.0,
        UpdateKind::CallbackQuery(q) => q.from.id.0 as i64,
        _ => i64::MIN,
    }
}

/// The longest wait between two tries of a store call: a database back
/// from a restart is used again within seconds.
const STORE_RETRY_CAP: Duration = Duration::from_secs(5);

/// The least time between two writes of the stored update offset.
const OFFSET_SAVE_INTERVAL: Duration = Duration::from_secs(1);

/// How often a standing-by replica tries for the poller lock: a dead
/// poller is replaced well within 30 seconds.
const STANDBY_RETRY: Duration = Duration::from_secs(5);

/// Long polling over our own loop (teloxide's Dispatcher would confirm
/// updates before they are handled). Among replicas only the one holding
/// the poller lock polls (Telegram answers a second poller with 409); the
/// others stand by and take over when it dies.
pub async fn poll(handler: Arc<Handler>, timeout_secs: u32, shutdown: CancellationToken) {
    let qualifier = handler.qualifier.clone();
    let stream = handler.stream();
    let mut standing_by = false;
    while !shutdown.is_cancelled() {
        match qualifier.try_lead(&stream).await {
            Ok(Some(lead)) => {
                standing_by = false;
                handler.metrics.set_poller(Channel::Telegram, true);
                poll_while_leading(&handler, lead, timeout_secs, &shutdown).await;
                handler.metrics.set_poller(Channel::Telegram, false);
                continue;
            }
            Ok(None) => {
                handler.metrics.set_poller(Channel::Telegram, false);
                if !standing_by {
                    tracing::info!("another replica polls Telegram; standing by to take over");
                    standing_by = true;
                }
            }
            Err(error) => {
                handler.metrics.error(crate::metrics::ErrorKind::Database);
                tracing::error!(%error, "cannot take the poller lock; the database may be restarting, retrying");
            }
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(STANDBY_RETRY) => {}
        }
    }
    tracing::info!("polling stopped");
}

/// Polls while this replica holds the poller lock.
async fn poll_while_leading(
    handler: &Arc<Handler>,
    mut lead: Box<dyn crate::storage::Leadership>,
    timeout_secs: u32,
    shutdown: &CancellationToken,
) {
    let shutdown = shutdown.clone();
    let qualifier = handler.qualifier.clone();
    let stream = handler.stream();
    let Some(stored) = retry(&shutdown, "load the update offset", || {
        qualifier.load_offset(&stream)
    })
    .await
    else {
        return;
    };
    let mut offset_value = stored.unwrap_or(0);
    let mut failures = 0i64;
    let mut batch_attempts = 0u32;
    let mut saved_at = std::time::Instant::now();
    let mut unsaved = false;
    tracing::info!(
        offset = offset_value,
        "this replica polls Telegram for updates"
    );
    while !shutdown.is_cancelled() {
        if !lead.still_held().await {
            tracing::warn!("the poller lock was lost (the database connection that held it is gone); polling stops until it is taken again");
            return;
        }
        let request = handler
            .bot
            .get_updates()
            .offset(i32::try_from(offset_value).unwrap_or(0))
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
                handler.metrics.error(crate::metrics::ErrorKind::Polling);
                let wait = backoff(failures);
                tracing::warn!(error = %describe(&error, handler.token.expose_secret()), wait_ms = wait.as_millis() as u64, "getUpdates failed");
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    _ = tokio::time::sleep(wait) => continue,
                }
            }
        };
        let Some(last) = updates.iter().map(|u| u.id.0).max() else {
            continue;
        };
        batch_attempts += 1;
        let set_aside = batch_attempts > ATTEMPTS_BEFORE_SETTING_ASIDE;
        if !handle_batch(handler, &updates, set_aside).await {
            // Not confirmed: the batch comes again; what committed is skipped
            // by its update id.
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = tokio::time::sleep(backoff(i64::from(batch_attempts)).min(STORE_RETRY_CAP)) => continue,
            }
        }
        batch_attempts = 0;
        offset_value = i64::from(last) + 1;
        // The next getUpdates confirms the batch to Telegram, which then
        // never serves it again; the stored offset only spares a restart a
        // look at updates that were committed anyway (their keys make them
        // no-ops). Storing it at most once a second keeps a write off every
        // busy round.
        if saved_at.elapsed() < OFFSET_SAVE_INTERVAL {
            unsaved = true;
            continue;
        }
        let save = || qualifier.save_offset(&stream, offset_value, Utc::now());
        if retry(&shutdown, "store the update offset", save)
            .await
            .is_none()
        {
            break;
        }
        saved_at = std::time::Instant::now();
        unsaved = false;
    }
    if unsaved {
        if let Err(error) = qualifier
            .save_offset(&stream, offset_value, Utc::now())
            .await
        {
            tracing::warn!(%error, "cannot store the update offset at the end of polling");
        }
    }
}

/// Handles a batch: chats side by side, each chat in order. With
/// `set_aside`, an update the database refuses for its own data goes to the
/// dead letters; any other failure leaves the batch unconfirmed.
async fn handle_batch(handler: &Arc<Handler>, updates: &[Update], set_aside: bool) -> bool {
    let mut chats: Vec<(i64, Vec<&Update>)> = Vec::new();
    for update in updates {
        let chat = chat_of(update);
        match chats.iter_mut().find(|(c, _)| *c == chat) {
            Some((_, list)) => list.push(update),
            None => chats.push((chat, vec![update])),
        }
    }
    let results = futures_util::future::join_all(chats.iter().map(|(_, list)| async move {
        for update in list {
            let Err(error) = handler.handle(update).await else {
                continue;
            };
            if error.is_unreachable() {
                tracing::error!(update_id = update.id.0, %error, "the database is unreachable; the update will be fetched again once it is back");
                return false;
            }
            // A storage failure is never the update's fault: it is fetched
            // again, however long the store needs, and never confirmed
            // unstored.
            if !error.is_poison() || !set_aside {
                tracing::error!(update_id = update.id.0, %error, "an update could not be stored; fetching the batch again");
                return false;
            }
            let raw = serde_json::to_string(update).unwrap_or_default();
            let reason = format!("the database refuses its data: {error}");
            if let Err(error) = handler.dead_letter(&reason, raw).await {
                tracing::error!(update_id = update.id.0, %error, "an update that cannot be applied could not be kept in the dead letters either; fetching the batch again");
                return false;
            }
            tracing::error!(update_id = update.id.0, %error, "an update that can never be applied is kept in the dead letters (leadbot dead-letters)");
        }
        true
    }))
    .await;
    results.into_iter().all(|ok| ok)
}

/// Retries a store call until it succeeds or shutdown; `None` on shutdown.
async fn retry<T, F, Fut>(shutdown: &CancellationToken, what: &str, mut call: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, StoreError>>,
{
    let mut attempts = 0;
    loop {
        match call().await {
            Ok(value) => return Some(value),
            Err(error) => {
                attempts += 1;
                if error.is_unreachable() {
                    tracing::error!(%error, attempts, "the database is unreachable: cannot {what}; waiting for it");
                } else {
                    tracing::error!(%error, attempts, "cannot {what}; retrying");
                }
                tokio::select! {
                    _ = shutdown.cancelled() => return None,
                    _ = tokio::time::sleep(backoff(attempts).min(STORE_RETRY_CAP)) => {}
                }
            }
        }
    }
}

/// A reply that answers one update without touching a conversation.
fn telegram_notice(
    idempotency_key: String,
    chat_id: i64,
    reply: crate::core::Outbound,
    group: Option<GroupRef>,
) -> Notice {
    Notice {
        group,
        channel: Channel::Telegram,
        idempotency_key,
        recipient: chat_id.to_string(),
        at: Utc::now(),
        reply,
    }
}
