//! Discord gateway events as the core's `Inbound`, or as a notice outside
//! any conversation (a mention in a server), or nothing. Pure: no I/O.

use crate::core::message::ids;
use crate::core::{
    Channel, Command, ConversationKey, Inbound, Input, Language, Msg, Outbound, Profile,
    Unsupported,
};
use chrono::{DateTime, Utc};
use serenity::model::channel::Message;
use serenity::model::id::UserId;
use serenity::model::user::User;

/// The slash command that opens a qualification in the member's DMs.
pub const QUALIFY: &str = "qualify";

#[derive(Debug, Clone, PartialEq)]
pub enum Mapped {
    Conversation(Inbound),
    /// A server message that mentions the bot: a pointer to /qualify.
    Notice {
        idempotency_key: String,
        /// "channel:<id>": an outbox recipient that is a server channel.
        recipient: String,
        reply: Outbound,
    },
    Ignore,
}

/// A message: DMs run the questionnaire; in a server only a mention gets an
/// answer, and never a BANT question.
pub fn map_message(message: &Message, bot: UserId, at: DateTime<Utc>) -> Mapped {
    if message.author.bot || message.author.id == bot {
        return Mapped::Ignore;
    }
    let key = format!("message:{}", message.id);
    if message.guild_id.is_some() {
        if !message.mentions.iter().any(|user| user.id == bot) {
            return Mapped::Ignore;
        }
        return Mapped::Notice {
            idempotency_key: key,
            recipient: format!("channel:{}", message.channel_id),
            reply: Outbound {
                language: None,
                paragraphs: vec![Msg::new(ids::DISCORD_USE_QUALIFY)],
                choices: Vec::new(),
                expect: Default::default(),
                link: None,
                ..Default::default()
            },
        };
    }
    let text = message.content.trim();
    let input = if !text.is_empty() {
        match Command::parse(text) {
            Some(command) => Input::Command(command),
            None => Input::Text {
                text: text.to_owned(),
            },
        }
    } else {
        // Attachments, stickers, voice messages: nothing to read.
        Input::Unsupported {
            what: Unsupported::Media,
        }
    };
    Mapped::Conversation(inbound(&message.author, key, at, None, input))
}

/// `/qualify` in a server: the server is the lead's source.
pub fn map_qualify(
    interaction_id: u64,
    user: &User,
    guild: Option<u64>,
    locale: &str,
    at: DateTime<Utc>,
) -> Inbound {
    let payload = guild.map(|guild| format!("discord_guild_{guild}"));
    inbound(
        user,
        format!("interaction:{interaction_id}"),
        at,
        Language::from_hint(locale),
        Input::Command(Command::Start { payload }),
    )
}

/// How a sales alert links a Discord member: a mention, which Discord shows
/// as their name and opens their profile.
pub fn profile_link(user_id: &str) -> String {
    format!("<@{user_id}>")
}

/// A pressed button in the DM: its custom id is the choice's payload.
pub fn map_button(
    interaction_id: u64,
    user: &User,
    custom_id: &str,
    locale: &str,
    at: DateTime<Utc>,
) -> Inbound {
    inbound(
        user,
        format!("interaction:{interaction_id}"),
        at,
        Language::from_hint(locale),
        Input::Choice {
            payload: custom_id.to_owned(),
        },
    )
}

fn inbound(
    user: &User,
    key: String,
    at: DateTime<Utc>,
    hint: Option<Language>,
    input: Input,
) -> Inbound {
    Inbound {
        key: ConversationKey::new(Channel::Discord, user.id.to_string()),
        idempotency_key: key,
        at,
        profile: Profile {
            display_name: Some(
                user.global_name
                    .clone()
                    .unwrap_or_else(|| user.name.clone()),
            ),
            language_hint: hint,
            link: Some(profile_link(&user.id.to_string())),
            // Sales can always DM a member of the server.
            reachable: true,
        },
        input,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_alert_mentions_a_discord_member() {
        assert_eq!(profile_link("42"), "<@42>");
    }

    fn message(extra: serde_json::Value) -> Message {
        let mut value = json!({
            "id": "900", "channel_id": "500", "content": "", "timestamp": "2026-11-22T10:00:00Z",
            "edited_timestamp": null, "tts": false, "mention_everyone": false, "mentions": [],
            "mention_roles": [], "attachments": [], "embeds": [], "pinned": false, "type": 0,
            "author": {"id": "42", "username": "sunita", "global_name": "Sunita", "avatar": null},
        });
        value
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        serde_json::from_value(value).unwrap()
    }

    const BOT: UserId = UserId::new(7);

    #[test]
    fn a_dm_is_a_text_input_keyed_by_user_and_message() {
        let Mapped::Conversation(inbound) =
            map_message(&message(json!({"content": "2 लाख"})), BOT, Utc::now())
        else {
            panic!()
        };
        assert_eq!(inbound.key, ConversationKey::new(Channel::Discord, "42"));
        assert_eq!(inbound.idempotency_key, "message:900");
        assert_eq!(
            inbound.input,
            Input::Text {
                text: "2 लाख".into()
            }
        );
        assert_eq!(inbound.profile.display_name.as_deref(), Some("Sunita"));
    }

    #[test]
    fn an_attachment_without_text_is_unsupported() {
        let mapped = map_message(&message(json!({})), BOT, Utc::now());
        let Mapped::Conversation(inbound) = mapped else {
            panic!()
        };
        assert_eq!(
            inbound.input,
            Input::Unsupported {
                what: Unsupported::Media
            }
        );
    }

    #[test]
    fn own_and_other_bots_messages_are_ignored() {
        let own = message(
            json!({"content": "hi", "author": {"id": "7", "username": "leadbot", "bot": true}}),
        );
        assert_eq!(map_message(&own, BOT, Utc::now()), Mapped::Ignore);
    }

    #[test]
    fn in_a_server_only_a_mention_gets_a_pointer_to_qualify() {
        let plain = message(json!({"content": "2 lakh", "guild_id": "300"}));
        assert_eq!(map_message(&plain, BOT, Utc::now()), Mapped::Ignore);
        let mention = message(json!({"content": "<@7> hi", "guild_id": "300",
            "mentions": [{"id": "7", "username": "leadbot", "bot": true}]}));
        match map_message(&mention, BOT, Utc::now()) {
            Mapped::Notice {
                recipient,
                reply,
                idempotency_key,
            } => {
                assert_eq!(recipient, "channel:500");
                assert_eq!(idempotency_key, "message:900");
                assert_eq!(reply.paragraphs[0].id, "discord-use-qualify");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn qualify_records_the_server_as_source_and_the_locale_as_a_hint() {
        let user: User = serde_json::from_value(json!({"id": "42", "username": "sunita"})).unwrap();
        let inbound = map_qualify(77, &user, Some(300), "hi", Utc::now());
        assert_eq!(inbound.idempotency_key, "interaction:77");
        assert_eq!(inbound.profile.language_hint, Some(Language::Hi));
        assert_eq!(
            inbound.input,
            Input::Command(Command::Start {
                payload: Some("discord_guild_300".into())
            })
        );
        let button = map_button(78, &user, "need:website", "en-US", Utc::now());
        assert_eq!(
            button.input,
            Input::Choice {
                payload: "need:website".into()
            }
        );
        assert_eq!(button.profile.language_hint, Some(Language::En));
    }
}
