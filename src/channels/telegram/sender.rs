//! The outbox sender: delivers committed replies to Telegram in order per
//! chat, paced inside Telegram's limits, retrying until accepted. A message
//! is marked delivered only after Telegram accepted it.

use super::render::render;
use super::Pacing;
use crate::core::Channel;
use crate::i18n::Localizer;
use crate::storage::{OutboxMessage, Store};
use chrono::Utc;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::types::ParseMode;
use teloxide::RequestError;
use tokio::sync::Notify;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

pub struct Sender {
    pub bot: Bot,
    pub store: Arc<dyn Store>,
    pub localizer: Arc<Localizer>,
    pub pacing: Pacing,
    /// Rung when a turn committed new replies.
    pub wake: Arc<Notify>,
    /// For scrubbing the token out of error texts (it sits in request URLs).
    pub token: String,
}

/// What became of one delivery attempt.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Delivered,
    /// 429: try again exactly this much later.
    RetryAfter(Duration),
    /// 5xx, a timeout, a broken connection: try again with backoff.
    Transient(String),
    /// Blocked by the user, chat gone, bad request: never again.
    Permanent(String),
}

/// How long to wait before the n-th retry of a transient failure.
pub fn backoff(attempts: i64) -> Duration {
    let exponent = attempts.clamp(0, 16) as u32;
    Duration::from_millis(500u64.saturating_mul(1 << exponent)).min(Duration::from_secs(60))
}

impl Sender {
    /// Runs until `shutdown`, then keeps delivering what is due for at most
    /// `drain` before returning.
    pub async fn run(self, shutdown: CancellationToken, drain: Duration) {
        let mut next_allowed: HashMap<String, Instant> = HashMap::new();
        let mut recent: VecDeque<Instant> = VecDeque::new();
        let mut deadline: Option<Instant> = None;
        loop {
            if shutdown.is_cancelled() && deadline.is_none() {
                deadline = Some(Instant::now() + drain);
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return;
            }
            let due = match self
                .store
                .due_outbox(Channel::Telegram, None, Utc::now(), 100)
                .await
            {
                Ok(due) => due,
                Err(error) => {
                    tracing::error!(%error, "cannot read the outbox; retrying");
                    self.pause(&shutdown, deadline, Duration::from_secs(1))
                        .await;
                    continue;
                }
            };
            let drained = due.is_empty();
            if drained && deadline.is_some() {
                return;
            }
            let mut earliest_wait: Option<Duration> = None;
            for message in due {
                let now = Instant::now();
                if let Some(&at) = next_allowed.get(&message.recipient) {
                    if at > now {
                        let wait = at - now;
                        earliest_wait = Some(earliest_wait.map_or(wait, |w| w.min(wait)));
                        continue;
                    }
                }
                self.respect_global_limit(&mut recent).await;
                let outcome = self.deliver(&message).await;
                next_allowed.insert(
                    message.recipient.clone(),
                    Instant::now() + self.interval_for(&message.recipient),
                );
                self.record(&message, outcome).await;
            }
            let wait = if drained {
                Duration::from_millis(500)
            } else {
                earliest_wait.unwrap_or(Duration::from_millis(50))
            };
            self.pause(&shutdown, deadline, wait).await;
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

    fn interval_for(&self, recipient: &str) -> Duration {
        // Group chats have negative ids and a stricter limit.
        if recipient.starts_with('-') {
            Duration::from_millis(self.pacing.group_interval_ms)
        } else {
            Duration::from_millis(self.pacing.per_chat_interval_ms)
        }
    }

    async fn respect_global_limit(&self, recent: &mut VecDeque<Instant>) {
        let per_second = self.pacing.global_per_second as usize;
        if per_second == 0 {
            return;
        }
        let window = Duration::from_secs(1);
        while recent.front().is_some_and(|t| t.elapsed() >= window) {
            recent.pop_front();
        }
        if recent.len() >= per_second {
            if let Some(&oldest) = recent.front() {
                tokio::time::sleep_until(oldest + window).await;
            }
            recent.pop_front();
        }
        recent.push_back(Instant::now());
    }

    async fn deliver(&self, message: &OutboxMessage) -> Outcome {
        let Ok(chat) = message.recipient.parse::<i64>() else {
            return Outcome::Permanent("the recipient is no Telegram chat id".into());
        };
        for part in render(&self.localizer, &message.payload) {
            let mut request = self
                .bot
                .send_message(ChatId(chat), part.html)
                .parse_mode(ParseMode::Html);
            if let Some(markup) = part.markup {
                request = request.reply_markup(markup);
            }
            if let Err(error) = request.await {
                return classify(&error, &self.token);
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
            Outcome::Permanent(error) => {
                tracing::warn!(outbox_id = message.id, %error, "delivery refused for good; lead marked unreachable");
                self.store.give_up(message.id, error, now).await
            }
        };
        if let Err(error) = stored {
            // Not recorded: the row stays due and is sent again, the
            // at-least-once side of "nothing lost".
            tracing::error!(outbox_id = message.id, %error, "cannot record a delivery");
        }
    }
}

/// Sorts a Telegram error into retry-later, retry-exactly-then or give-up.
pub fn classify(error: &RequestError, token: &str) -> Outcome {
    match error {
        RequestError::RetryAfter(seconds) => Outcome::RetryAfter(seconds.duration()),
        RequestError::Api(api) => {
            let text = api.to_string();
            let permanent = [
                "Forbidden",
                "Bad Request",
                "Unauthorized: bot was kicked",
                "Unauthorized: bot can't",
            ]
            .iter()
            .any(|prefix| text.starts_with(prefix));
            if permanent {
                Outcome::Permanent(redact(&text, token))
            } else {
                Outcome::Transient(redact(&text, token))
            }
        }
        RequestError::MigrateToChatId(_) => {
            Outcome::Permanent("the group became a supergroup".into())
        }
        other => Outcome::Transient(redact(&other.to_string(), token)),
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
    use teloxide::ApiError;

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
                "t"
            ),
            Outcome::RetryAfter(Duration::from_secs(7))
        );
        assert!(matches!(
            classify(&RequestError::Api(ApiError::BotBlocked), "t"),
            Outcome::Permanent(_)
        ));
        assert!(matches!(
            classify(
                &RequestError::Api(ApiError::Unknown("Internal Server Error".into())),
                "t"
            ),
            Outcome::Transient(_)
        ));
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
