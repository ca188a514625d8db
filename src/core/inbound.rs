//! What channels hand the core: one `Inbound` type for every platform.

use super::language::Language;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which platform a conversation runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Console,
    Telegram,
    Discord,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Console, Channel::Telegram, Channel::Discord];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Console => "console",
            Channel::Telegram => "telegram",
            Channel::Discord => "discord",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A conversation is keyed by (channel, user), never by a platform type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ConversationKey {
    pub channel: Channel,
    /// The platform's stable user id (Telegram user id, Discord snowflake,
    /// console user name).
    pub user: String,
}

impl ConversationKey {
    pub fn new(channel: Channel, user: impl Into<String>) -> ConversationKey {
        ConversationKey {
            channel,
            user: user.into(),
        }
    }
}

/// What the platform tells us about the person, besides the message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub display_name: Option<String>,
    /// A language hint (Telegram's `language_code`, Discord's locale, the
    /// console's `--lang`), used when the prospect has not chosen one.
    pub language_hint: Option<Language>,
    /// How sales opens a chat with them, written the way their platform
    /// links a user (each adapter knows its own format), for the sales
    /// alert; never stored.
    #[serde(default)]
    pub link: Option<String>,
    /// Whether sales can write to them on their platform without a phone
    /// or e-mail (a Telegram username, a Discord DM); see
    /// `ScoringPolicy::qualify_without_contact`.
    #[serde(default)]
    pub reachable: bool,
}

/// The commands every channel offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// Start or resume; the payload is the source (a deep-link parameter).
    Start {
        payload: Option<String>,
    },
    Restart,
    Language,
    Help,
    Cancel,
    /// Send me everything you store about me.
    MyData,
    /// Erase everything about me (after one confirmation).
    Forget,
    /// Change one of my answers: lists them as buttons.
    Change,
}

impl Command {
    /// Reads "/start fb_ad", "/help", "/language@MyBot": the command text
    /// channels share. `None` for anything else.
    pub fn parse(text: &str) -> Option<Command> {
        let text = text.trim();
        let rest = text.strip_prefix('/')?;
        let (word, argument) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        // Telegram appends the bot name in groups: /start@leadbot
        let word = word
            .split('@')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let argument = argument.trim();
        Some(match word.as_str() {
            "start" => Command::Start {
                payload: (!argument.is_empty()).then(|| argument.to_owned()),
            },
            "restart" => Command::Restart,
            "language" | "lang" => Command::Language,
            "help" => Command::Help,
            "cancel" | "stop" => Command::Cancel,
            "mydata" | "my_data" | "data" => Command::MyData,
            "forget" | "delete" | "erase" => Command::Forget,
            "change" | "edit" => Command::Change,
            _ => return None,
        })
    }
}

/// One event from a prospect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Input {
    Text {
        text: String,
    },
    /// A pressed button: the `payload` of a `Choice` the bot offered.
    Choice {
        payload: String,
    },
    /// A shared contact (Telegram's "share my phone number").
    Contact {
        phone: String,
    },
    Command(Command),
    /// Something the bot cannot read as an answer: a sticker, a photo, a
    /// voice note, a location, an edited message.
    Unsupported {
        what: Unsupported,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unsupported {
    /// A sticker, photo, voice note, video, file or location.
    Media,
    /// An edit of a message already answered.
    Edit,
}

/// An inbound event with everything needed to handle it exactly once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbound {
    pub key: ConversationKey,
    /// Unique per platform event (Telegram `update_id`, Discord id): the
    /// same key seen again changes nothing.
    pub idempotency_key: String,
    pub at: DateTime<Utc>,
    pub profile: Profile,
    pub input: Input,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse_with_payloads_and_bot_names() {
        assert_eq!(
            Command::parse("/start fb_ad_nov"),
            Some(Command::Start {
                payload: Some("fb_ad_nov".into())
            })
        );
        assert_eq!(
            Command::parse("/start"),
            Some(Command::Start { payload: None })
        );
        assert_eq!(Command::parse("/HELP@leadbot"), Some(Command::Help));
        assert_eq!(Command::parse("/language"), Some(Command::Language));
        assert_eq!(Command::parse("/mydata"), Some(Command::MyData));
        assert_eq!(Command::parse("/forget@leadbot"), Some(Command::Forget));
        assert_eq!(Command::parse("/unknown"), None);
        assert_eq!(Command::parse("hello /start"), None);
    }
}
