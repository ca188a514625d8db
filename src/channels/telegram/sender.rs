//! Telegram as a transport of the shared outbox sender: replies rendered as
//! HTML messages with buttons, Telegram's errors sorted into retry and give
//! up, and the token scrubbed from every error text.

use super::render::{render, Outgoing};
use crate::core::Channel;
use crate::i18n::Localizer;
use crate::service::outbox::{Outcome, Transport};
use crate::storage::OutboxMessage;
use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::{InputFile, MessageId, ParseMode, ReplyMarkup};
use teloxide::{ApiError, RequestError};

pub struct TelegramTransport {
    pub bot: Bot,
    pub localizer: Arc<Localizer>,
    /// For scrubbing the token out of error texts (it sits in request URLs).
    pub token: SecretString,
}

#[async_trait]
impl Transport for TelegramTransport {
    type Part = Outgoing;

    fn channel(&self) -> Channel {
        Channel::Telegram
    }

    fn render(&self, message: &OutboxMessage) -> Vec<Outgoing> {
        render(&self.localizer, &message.payload)
    }

    async fn send(&self, recipient: &str, part: Outgoing) -> Outcome {
        let Ok(chat) = recipient.parse::<i64>() else {
            return Outcome::Permanent {
                error: "the recipient is no Telegram chat id".into(),
                unreachable: false,
            };
        };
        if let Some(message) = part.edit {
            let mut request = self
                .bot
                .edit_message_text(ChatId(chat), MessageId(message), part.html)
                .parse_mode(ParseMode::Html);
            if let Some(ReplyMarkup::InlineKeyboard(keyboard)) = part.markup {
                request = request.reply_markup(keyboard);
            }
            return match request.await {
                Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => Outcome::Delivered,
                Err(error) => classify(&error, self.token.expose_secret()),
            };
        }
        if let Some((file_name, content)) = part.document {
            let file = InputFile::memory(content.into_bytes()).file_name(file_name);
            return match self.bot.send_document(ChatId(chat), file).await {
                Ok(message) => Outcome::Posted(message.id.0.to_string()),
                Err(error) => classify(&error, self.token.expose_secret()),
            };
        }
        let mut request = self
            .bot
            .send_message(ChatId(chat), part.html)
            .parse_mode(ParseMode::Html);
        if let Some(markup) = part.markup {
            request = request.reply_markup(markup);
        }
        match request.await {
            Ok(message) => Outcome::Posted(message.id.0.to_string()),
            Err(error) => classify(&error, self.token.expose_secret()),
        }
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
        // Telegram said ok with something teloxide cannot read (a newer Bot
        // API): the message went out, sending it again would repeat it. Any
        // other unreadable answer (a proxy's HTML error page) is a failure.
        RequestError::InvalidJson { raw, .. } if said_ok(raw) => Outcome::Delivered,
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
        RequestError::MigrateToChatId(to) => Outcome::Moved(to.0.to_string()),
        other => Outcome::Transient(describe(other, token)),
    }
}

/// Whether an answer teloxide could not read is still Telegram's "ok".
fn said_ok(raw: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(raw)
        .is_ok_and(|answer| answer.get("ok") == Some(&serde_json::Value::Bool(true)))
}

/// An error for the log: the token scrubbed, never the raw body of a
/// response (it may echo a prospect's message), and the causes' chain, so
/// that a timeout and a reset read differently.
pub fn describe(error: &RequestError, token: &str) -> String {
    match error {
        RequestError::InvalidJson { source, .. } => format!(
            "unreadable response ({:?} at line {} column {})",
            source.classify(),
            source.line(),
            source.column()
        ),
        other => {
            let mut text = other.to_string();
            let mut cause = std::error::Error::source(other);
            while let Some(error) = cause {
                text.push_str(": ");
                text.push_str(&error.to_string());
                cause = error.source();
            }
            redact(&text, token)
        }
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
    use std::time::Duration;

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
            raw: r#"{"ok": true, "result": {"text": "Rahim +8801712345678"}}"#.into(),
        };
        assert_eq!(classify(&error, "123:SECRET"), Outcome::Delivered);
        assert!(!describe(&error, "123:SECRET").contains("8801712345678"));
    }

    #[test]
    fn a_proxy_s_html_error_page_is_retried_not_taken_for_delivered() {
        let source = serde_json::from_str::<serde_json::Value>("<").unwrap_err();
        let error = RequestError::InvalidJson {
            source: Arc::new(source),
            raw: "<html><body>502 Bad Gateway</body></html>".into(),
        };
        assert!(matches!(
            classify(&error, "123:SECRET"),
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
