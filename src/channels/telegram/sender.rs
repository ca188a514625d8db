//! The outbox sender: delivers committed replies to Telegram in order per
//! chat, paced inside Telegram's limits, retrying until accepted. A message
//! is marked delivered only after Telegram accepted it.

use super::render::render;
use super::Pacing;
use crate::core::Channel;
use crate::i18n::Localizer;
use crate::storage::{OutboxMessage, Store};
use chrono::Utc;
use secrecy::{ExposeSecret, SecretString};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::types::ParseMode;
use teloxide::{ApiError, RequestError};
use tokio::sync::{Mutex, Notify};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// The longest one delivery may take before it counts as a timeout
/// (teloxide itself waits 10 s after a 5xx and 17 s for a reply).
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Sender {
    pub bot: Bot,
    pub store: Arc<dyn Store>,
    pub localizer: Arc<Localizer>,
    pub pacing: Pacing,
    /// Rung when a turn committed new replies.
    pub wake: Arc<Notify>,
    /// For scrubbing the token out of error texts (it sits in request URLs).
    pub token: SecretString,
}

/// What became of one delivery attempt.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Delivered,
    /// 429: try again exactly this much later.
    RetryAfter(Duration),
    /// 5xx, a timeout, a broken connection: try again with backoff.
    Transient(String),
    /// Refused for good. `unreachable`: the user blocked the bot or left;
    /// otherwise the message itself was bad (a dead letter).
    Permanent {
        error: String,
        unreachable: bool,
    },
}

/// How long to wait before the n-th retry of a transient failure (on top of
/// teloxide's own 10 s pause after a 5xx).
pub fn backoff(attempts: i64) -> Duration {
    let exponent = attempts.clamp(0, 16) as u32;
    Duration::from_millis(500u64.saturating_mul(1 << exponent)).min(Duration::from_secs(60))
}

/// Shared by the deliveries running side by side.
#[derive(Default)]
struct Limits {
    /// Send times in the last second, for the global rate.
    recent: VecDeque<Instant>,
    /// A 429 pauses every chat: Telegram's flood limits are often bot-wide.
    paused_until: Option<Instant>,
}

impl Sender {
    /// Runs until `shutdown`, then keeps delivering what is due for at most
    /// `drain` before returning.
    pub async fn run(self, shutdown: CancellationToken, drain: Duration) {
        let this = Arc::new(self);
        let limits = Arc::new(Mutex::new(Limits::default()));
        let mut next_allowed: HashMap<String, Instant> = HashMap::new();
        let mut deadline: Option<Instant> = None;
        loop {
            if shutdown.is_cancelled() && deadline.is_none() {
                deadline = Some(Instant::now() + drain);
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return;
            }
            let due = match this
                .store
                .due_outbox(Channel::Telegram, None, Utc::now(), 100)
                .await
            {
                Ok(due) => due,
                Err(error) => {
                    tracing::error!(%error, "cannot read the outbox; retrying");
                    this.pause(&shutdown, deadline, Duration::from_secs(1))
                        .await;
                    continue;
                }
            };
            if due.is_empty() && deadline.is_some() {
                return;
            }
            let now = Instant::now();
            next_allowed.retain(|_, at| *at > now);
            let (ready, waiting): (Vec<_>, Vec<_>) = due
                .into_iter()
                .partition(|m| next_allowed.get(&m.recipient).is_none_or(|at| *at <= now));
            let earliest_wait = waiting
                .iter()
                .filter_map(|m| next_allowed.get(&m.recipient))
                .map(|at| *at - now)
                .min();
            let idle = ready.is_empty();
            // One row per chat (the store hands out each chat's oldest), so
            // chats go side by side and a slow one holds up no other.
            let deliveries = ready.into_iter().map(|message| {
                let this = this.clone();
                let limits = limits.clone();
                async move {
                    let outcome = match deadline {
                        Some(d) => tokio::time::timeout_at(d, this.deliver(&message, &limits))
                            .await
                            .unwrap_or_else(|_| Outcome::Transient("shutting down".into())),
                        None => this.deliver(&message, &limits).await,
                    };
                    this.record(&message, outcome).await;
                    message.recipient
                }
            });
            for recipient in futures_util::future::join_all(deliveries).await {
                let interval = self_interval(&this.pacing, &recipient);
                next_allowed.insert(recipient, Instant::now() + interval);
            }
            let wait = match (idle, earliest_wait) {
                (_, Some(wait)) => wait,
                (true, None) => Duration::from_millis(500),
                (false, None) => Duration::ZERO,
            };
            if !wait.is_zero() {
                this.pause(&shutdown, deadline, wait).await;
            }
        }
    }

    /// Waits for new replies, the given time, or shutdown.
    async fn pause(&self, shutdown: &CancellationToken, deadline: Option<Instant>, wait: Duration) {
        let wait = match deadline {
            Some(d) => wait.min(d.saturating_duration_since(Instant::now())),
            None => wait,
        };
        tokio::select! {
            _ = self.wake.notified() => {}
            _ = tokio::time::sleep(wait) => {}
            _ = shutdown.cancelled(), if deadline.is_none() => {}
        }
    }

    /// Waits for the global rate and any 429 pause, then takes a slot.
    async fn take_slot(&self, limits: &Mutex<Limits>) {
        let per_second = self.pacing.global_per_second as usize;
        loop {
            let wait_until = {
                let mut limits = limits.lock().await;
                let now = Instant::now();
                while limits
                    .recent
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
                {
                    limits.recent.pop_front();
                }
                match limits.paused_until.filter(|until| *until > now) {
                    Some(until) => until,
                    None if per_second > 0 && limits.recent.len() >= per_second => {
                        limits.recent[0] + Duration::from_secs(1)
                    }
                    None => {
                        limits.recent.push_back(now);
                        return;
                    }
                }
            };
            tokio::time::sleep_until(wait_until).await;
        }
    }

    async fn deliver(&self, message: &OutboxMessage, limits: &Mutex<Limits>) -> Outcome {
        let Ok(chat) = message.recipient.parse::<i64>() else {
            return Outcome::Permanent {
                error: "the recipient is no Telegram chat id".into(),
                unreachable: false,
            };
        };
        let parts = render(&self.localizer, &message.payload);
        let token = self.token.expose_secret();
        // A retry resumes after the parts Telegram already accepted.
        for (index, part) in parts
            .into_iter()
            .enumerate()
            .skip(message.parts_sent.max(0) as usize)
        {
            if index > message.parts_sent.max(0) as usize {
                tokio::time::sleep(self_interval(&self.pacing, &message.recipient)).await;
            }
            self.take_slot(limits).await;
            let mut request = self
                .bot
                .send_message(ChatId(chat), part.html)
                .parse_mode(ParseMode::Html);
            if let Some(markup) = part.markup {
                request = request.reply_markup(markup);
            }
            let outcome = match tokio::time::timeout(SEND_TIMEOUT, request.send()).await {
                Ok(Ok(_)) => Outcome::Delivered,
                Ok(Err(error)) => classify(&error, token),
                Err(_) => Outcome::Transient("sendMessage timed out".into()),
            };
            if let Outcome::RetryAfter(wait) = outcome {
                limits.lock().await.paused_until = Some(Instant::now() + wait);
            }
            if outcome != Outcome::Delivered {
                return outcome;
            }
            if let Err(error) = self
                .store
                .mark_parts_sent(message.id, index as i64 + 1)
                .await
            {
                tracing::error!(outbox_id = message.id, %error, "cannot record a sent part");
            }
        }
        Outcome::Delivered
    }

    async fn record(&self, message: &OutboxMessage, outcome: Outcome) {
        let now = Utc::now();
        let stored = match &outcome {
            Outcome::Delivered => self.store.mark_delivered(message.id, now).await,
            Outcome::RetryAfter(wait) => {
                tracing::warn!(
                    outbox_id = message.id,
                    wait_secs = wait.as_secs(),
                    "Telegram asked to slow down"
                );
                let retry_at = now + chrono::Duration::from_std(*wait).unwrap_or_default();
                self.store
                    .mark_failed(message.id, "429 Too Many Requests", retry_at)
                    .await
            }
            Outcome::Transient(error) => {
                let wait = backoff(message.attempts);
                tracing::warn!(outbox_id = message.id, attempts = message.attempts + 1, %error, "delivery failed; will retry");
                let retry_at = now + chrono::Duration::from_std(wait).unwrap_or_default();
                self.store.mark_failed(message.id, error, retry_at).await
            }
            Outcome::Permanent { error, unreachable } => {
                if *unreachable {
                    tracing::warn!(outbox_id = message.id, %error, "the prospect cannot be reached; lead marked unreachable");
                } else {
                    tracing::error!(outbox_id = message.id, %error, "Telegram refused a reply for good; kept as a dead letter");
                }
                self.store
                    .give_up(message.id, error, *unreachable, now)
                    .await
            }
        };
        if let Err(error) = stored {
            // Not recorded: the row stays due and is sent again, the
            // at-least-once side of "nothing lost".
            tracing::error!(outbox_id = message.id, %error, "cannot record a delivery");
        }
    }
}

fn self_interval(pacing: &Pacing, recipient: &str) -> Duration {
    // Group chats have negative ids and a stricter limit.
    if recipient.starts_with('-') {
        Duration::from_millis(pacing.group_interval_ms)
    } else {
        Duration::from_millis(pacing.per_chat_interval_ms)
    }
}

/// Sorts a Telegram error into delivered, retry-later, retry-exactly-then or
/// give-up.
pub fn classify(error: &RequestError, token: &str) -> Outcome {
    let unreachable = |error: String| Outcome::Permanent {
        error,
        unreachable: true,
    };
    match error {
        RequestError::RetryAfter(seconds) => Outcome::RetryAfter(seconds.duration()),
        // Telegram answered 200 with something teloxide cannot read (a newer
        // Bot API): the message went out, sending it again would repeat it.
        RequestError::InvalidJson { .. } => Outcome::Delivered,
        RequestError::Api(
            api @ (ApiError::BotBlocked
            | ApiError::UserDeactivated
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::BotKickedFromChannel
            | ApiError::CantInitiateConversation
            | ApiError::ChatNotFound
            | ApiError::GroupDeactivated),
        ) => unreachable(api.to_string()),
        RequestError::Api(api) => {
            let text = redact(&api.to_string(), token);
            if text.starts_with("Bad Request") || text.starts_with("Forbidden") {
                Outcome::Permanent {
                    unreachable: text.starts_with("Forbidden"),
                    error: text,
                }
            } else {
                Outcome::Transient(text)
            }
        }
        RequestError::MigrateToChatId(_) => unreachable("the group became a supergroup".into()),
        other => Outcome::Transient(describe(other, token)),
    }
}

/// An error for the log: the token scrubbed, and never the raw body of a
/// response (it may echo a prospect's message).
pub fn describe(error: &RequestError, token: &str) -> String {
    match error {
        RequestError::InvalidJson { source, .. } => format!(
            "unreadable response ({:?} at line {} column {})",
            source.classify(),
            source.line(),
            source.column()
        ),
        other => redact(&other.to_string(), token),
    }
}

/// Removes the bot token from a text (teloxide's errors quote request URLs).
pub fn redact(text: &str, token: &str) -> String {
    if token.is_empty() {
        return text.to_owned();
    }
    text.replace(token, "<token>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped_at_a_minute() {
        assert_eq!(backoff(0), Duration::from_millis(500));
        assert_eq!(backoff(3), Duration::from_secs(4));
        assert_eq!(backoff(50), Duration::from_secs(60));
    }

    #[test]
    fn errors_sort_into_retry_and_give_up() {
        assert_eq!(
            classify(
                &RequestError::RetryAfter(teloxide::types::Seconds::from_seconds(7)),
                "123:SECRET"
            ),
            Outcome::RetryAfter(Duration::from_secs(7))
        );
        assert!(matches!(
            classify(&RequestError::Api(ApiError::BotBlocked), "123:SECRET"),
            Outcome::Permanent {
                unreachable: true,
                ..
            }
        ));
        assert!(matches!(
            classify(&RequestError::Api(ApiError::MessageIsTooLong), "123:SECRET"),
            Outcome::Permanent {
                unreachable: false,
                ..
            }
        ));
        assert!(matches!(
            classify(
                &RequestError::Api(ApiError::Unknown("Internal Server Error".into())),
                "123:SECRET"
            ),
            Outcome::Transient(_)
        ));
    }

    #[test]
    fn an_unreadable_success_counts_as_delivered_and_never_logs_the_body() {
        let source = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        let error = RequestError::InvalidJson {
            source: Arc::new(source),
            raw: "Rahim +8801712345678".into(),
        };
        assert_eq!(classify(&error, "123:SECRET"), Outcome::Delivered);
        assert!(!describe(&error, "123:SECRET").contains("8801712345678"));
    }

    #[test]
    fn the_token_is_scrubbed_from_error_texts() {
        let text =
            "error sending request for url (https://api.telegram.org/bot123:SECRET/sendMessage)";
        assert_eq!(
            redact(text, "123:SECRET"),
            "error sending request for url (https://api.telegram.org/bot<token>/sendMessage)"
        );
    }
}
