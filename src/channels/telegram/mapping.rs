//! Telegram updates as the core's `Inbound`, or as a notice outside any
//! conversation (a group asking for the bot), or nothing. Pure: no I/O.

use crate::core::alert::SalesButton;
use crate::core::message::ids;
use crate::core::staff::StaffCommand;
use crate::core::{
    group_code, Channel, Command, ConversationKey, Inbound, Input, Language, Link, Msg, Outbound,
    Profile, Unsupported,
};
use crate::storage::GroupRef;
use chrono::{DateTime, Utc};
use teloxide::types::{
    CallbackQueryId, MaybeInaccessibleMessage, Message, MessageKind, Update, UpdateKind, User,
};

/// What an update means to leadbot.
#[derive(Debug, Clone, PartialEq)]
pub enum Mapped {
    /// An event of a prospect's private conversation.
    Conversation {
        inbound: Inbound,
        /// A pressed button's query, answered once the update is committed.
        callback: Option<CallbackQueryId>,
    },
    /// A group asked for the bot: a reply with a button into the private chat.
    Notice {
        idempotency_key: String,
        chat_id: i64,
        reply: Outbound,
        /// The group, recorded under the code its button links with.
        group: Option<GroupRef>,
    },
    /// A salesperson pressed Claim / Won / Lost on an alert.
    Sales {
        idempotency_key: String,
        button: SalesButton,
        lead_id: i64,
        staff_id: u64,
        staff_name: String,
        chat_id: i64,
        message_id: i32,
        /// The alert's text as shown, to edit in place.
        alert_text: String,
        callback: CallbackQueryId,
    },
    /// `/leads`, `/lead <id>` or `/stats`, in the sales chat or a private chat.
    Staff {
        idempotency_key: String,
        command: StaffCommand,
        user_id: u64,
        chat_id: i64,
        /// Said in a private chat with the bot (else in a group).
        private: bool,
    },
    /// Nothing to do (other update kinds, group chatter, the bot's own posts).
    Ignore,
}

/// The idempotency key of an update: the bot and its `update_id` (update
/// ids are unique per bot only).
pub fn idempotency_key(update: &Update, bot_id: u64) -> String {
    format!("{bot_id}:{}", update.id.0)
}

/// Maps an update; `bot_username` is the bot's own @name, for mentions and
/// deep links.
pub fn map_update(update: &Update, bot_username: &str, bot_id: u64, at: DateTime<Utc>) -> Mapped {
    let key = idempotency_key(update, bot_id);
    match &update.kind {
        UpdateKind::Message(message) => map_message(message, key, bot_username, at, false),
        UpdateKind::EditedMessage(message) => map_message(message, key, bot_username, at, true),
        UpdateKind::CallbackQuery(query) => {
            let Some(message) = &query.message else {
                return Mapped::Ignore;
            };
            if let Some((button, lead_id)) = query.data.as_deref().and_then(SalesButton::parse) {
                let alert_text = match message {
                    MaybeInaccessibleMessage::Regular(m) => m.text().unwrap_or_default().to_owned(),
                    MaybeInaccessibleMessage::Inaccessible(_) => String::new(),
                };
                return Mapped::Sales {
                    idempotency_key: key,
                    button,
                    lead_id,
                    staff_id: query.from.id.0,
                    staff_name: full_name(&query.from),
                    chat_id: message.chat().id.0,
                    message_id: message.id().0,
                    alert_text,
                    callback: query.id.clone(),
                };
            }
            if !message.chat().is_private() {
                return Mapped::Ignore;
            }
            let Some(payload) = query.data.clone() else {
                return Mapped::Ignore;
            };
            Mapped::Conversation {
                inbound: inbound(&query.from, key, at, Input::Choice { payload }),
                callback: Some(query.id.clone()),
            }
        }
        _ => Mapped::Ignore,
    }
}

fn map_message(
    message: &Message,
    key: String,
    bot_username: &str,
    at: DateTime<Utc>,
    edited: bool,
) -> Mapped {
    let Some(from) = message.from.as_ref().filter(|user| !user.is_bot) else {
        return Mapped::Ignore;
    };
    // Pins, joins, timer changes: service messages are no answer.
    if !matches!(message.kind, MessageKind::Common(_)) {
        return Mapped::Ignore;
    }
    if let Some(command) = message
        .text()
        .filter(|_| !edited)
        .and_then(StaffCommand::parse)
    {
        // "/leads@otherbot" is another bot's command.
        if !addressed_to(message.text().unwrap_or_default(), bot_username) {
            return Mapped::Ignore;
        }
        return Mapped::Staff {
            idempotency_key: key,
            command,
            user_id: from.id.0,
            chat_id: message.chat.id.0,
            private: message.chat.is_private(),
        };
    }
    if !message.chat.is_private() {
        // An edited group message must not bring a second invitation.
        if edited {
            return Mapped::Ignore;
        }
        return group_message(message, key, bot_username, from);
    }
    let input = if edited {
        Input::Unsupported {
            what: Unsupported::Edit,
        }
    } else if let Some(text) = message.text() {
        match Command::parse(text) {
            Some(command) => Input::Command(command),
            None => Input::Text {
                text: text.to_owned(),
            },
        }
    } else if let Some(contact) = message.contact() {
        // Only one's own number counts: a forwarded card is someone else's.
        if contact.user_id.is_some_and(|id| id == from.id) {
            Input::Contact {
                phone: contact.phone_number.clone(),
            }
        } else {
            Input::Unsupported {
                what: Unsupported::Media,
            }
        }
    } else {
        Input::Unsupported {
            what: Unsupported::Media,
        }
    };
    Mapped::Conversation {
        inbound: inbound(from, key, at, input),
        callback: None,
    }
}

/// Whether a command ("/leads", "/leads@thisbot") is for this bot, not
/// for another bot in the same group ("/leads@otherbot").
fn addressed_to(text: &str, bot_username: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or_default();
    match first.split_once('@') {
        None => true,
        Some((_, name)) => name.eq_ignore_ascii_case(bot_username),
    }
}

/// In a group the bot answers only `/start` and mentions, with a button into
/// the private chat: BANT questions are never asked in public.
fn group_message(message: &Message, key: String, bot_username: &str, from: &User) -> Mapped {
    let Some(text) = message.text() else {
        return Mapped::Ignore;
    };
    let mention = format!("@{bot_username}");
    let first = text.split_whitespace().next().unwrap_or_default();
    // "/start" or "/start@thisbot", not "/start@otherbot".
    let start = first
        .strip_prefix("/start")
        .is_some_and(|rest| rest.is_empty() || rest.eq_ignore_ascii_case(&mention));
    // "@thisbot" as a whole word, not inside "@thisbot_fan" or an address.
    let mentioned = text
        .split(|c: char| c.is_whitespace() || ",.!?;:()".contains(c))
        .any(|word| word.eq_ignore_ascii_case(&mention));
    if !(start || mentioned) {
        return Mapped::Ignore;
    }
    let language = from.language_code.as_deref().and_then(Language::from_hint);
    let chat_id = message.chat.id.0.to_string();
    let code = group_code::of(Channel::Telegram, &chat_id);
    Mapped::Notice {
        group: Some(GroupRef {
            code: code.clone(),
            chat_id,
            title: message.chat.title().map(str::to_owned),
        }),
        idempotency_key: key,
        chat_id: message.chat.id.0,
        reply: Outbound {
            language,
            paragraphs: vec![Msg::new(ids::GROUP_START)],
            choices: Vec::new(),
            expect: Default::default(),
            link: Some(Link {
                label: Msg::new(ids::GROUP_OPEN_CHAT),
                url: format!("https://t.me/{bot_username}?start={code}"),
            }),
            ..Default::default()
        },
    }
}

fn full_name(user: &User) -> String {
    match &user.last_name {
        Some(last) => format!("{} {last}", user.first_name),
        None => user.first_name.clone(),
    }
}

/// How a sales alert links a Telegram user: by username where there is one
/// (it opens in any client), with the id link beside it (it works without).
pub fn profile_link(user_id: &str, username: Option<&str>) -> String {
    match username {
        Some(username) => format!("https://t.me/{username} (tg://user?id={user_id})"),
        None => format!("tg://user?id={user_id}"),
    }
}

fn inbound(from: &User, key: String, at: DateTime<Utc>, input: Input) -> Inbound {
    let name = full_name(from);
    Inbound {
        // In a private chat the chat id is the user id: replies go there.
        key: ConversationKey::new(Channel::Telegram, from.id.0.to_string()),
        idempotency_key: key,
        at,
        profile: Profile {
            display_name: Some(name),
            language_hint: from.language_code.as_deref().and_then(Language::from_hint),
            link: Some(profile_link(
                &from.id.0.to_string(),
                from.username.as_deref(),
            )),
            // A username opens a chat from any client; an id link does
            // not reliably.
            reachable: from.username.is_some(),
        },
        input,
    }
}

/// The sender of an update kept raw (one teloxide could not read, or one
/// the database refused), where its JSON shows one: `from.id` of whatever
/// the update carries (a message, a button press, a member change).
pub fn sender_of_raw_update(raw: &str) -> Option<String> {
    let update: serde_json::Value = serde_json::from_str(raw).ok()?;
    update
        .as_object()?
        .values()
        .find_map(|carried| carried.get("from")?.get("id")?.as_i64())
        .map(|id| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raw_update_names_its_sender_where_its_json_shows_one() {
        let message = r#"{"update_id":7,"message":{"message_id":1,"from":{"id":4242,"is_bot":false},"chat":{"id":4242},"date":1,"text":"x","new_field":{"odd":true}}}"#;
        assert_eq!(sender_of_raw_update(message), Some("4242".into()));
        let button =
            r#"{"update_id":8,"callback_query":{"id":"c","from":{"id":99},"data":"claim:1"}}"#;
        assert_eq!(sender_of_raw_update(button), Some("99".into()));
        assert_eq!(
            sender_of_raw_update(r#"{"update_id":9,"poll":{"id":"p"}}"#),
            None
        );
        assert_eq!(
            sender_of_raw_update(r#"{"update_id":1,"message":{"fr"#),
            None
        );
    }
    use serde_json::json;

    #[test]
    fn an_alert_links_a_telegram_user_by_username_with_the_id_link_beside_it() {
        assert_eq!(profile_link("777", None), "tg://user?id=777");
        assert_eq!(
            profile_link("777", Some("rahim_bd")),
            "https://t.me/rahim_bd (tg://user?id=777)"
        );
    }

    fn update(value: serde_json::Value) -> Update {
        // teloxide reads updates from text; from_value loses the flattened kind.
        serde_json::from_str(&value.to_string()).unwrap()
    }

    fn private_message(extra: serde_json::Value) -> serde_json::Value {
        let mut message = json!({
            "message_id": 5, "date": 1700000000,
            "chat": {"id": 42, "type": "private", "first_name": "Rahim"},
            "from": {"id": 42, "is_bot": false, "first_name": "Rahim", "last_name": "Uddin", "language_code": "bn"},
        });
        message
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        json!({"update_id": 1001, "message": message})
    }

    fn conversation(mapped: Mapped) -> (Inbound, Option<CallbackQueryId>) {
        match mapped {
            Mapped::Conversation { inbound, callback } => (inbound, callback),
            other => panic!("not a conversation: {other:?}"),
        }
    }

    #[test]
    fn a_private_text_becomes_a_text_input_keyed_by_user_and_update() {
        let mapped = map_update(
            &update(private_message(json!({"text": "২ লাখ"}))),
            "leadbot",
            1,
            Utc::now(),
        );
        let (inbound, callback) = conversation(mapped);
        assert_eq!(inbound.key, ConversationKey::new(Channel::Telegram, "42"));
        assert_eq!(inbound.idempotency_key, "1:1001");
        assert_eq!(
            inbound.input,
            Input::Text {
                text: "২ লাখ".into()
            }
        );
        assert_eq!(inbound.profile.language_hint, Some(Language::Bn));
        assert_eq!(inbound.profile.display_name.as_deref(), Some("Rahim Uddin"));
        assert!(callback.is_none());
    }

    #[test]
    fn a_deep_link_start_carries_its_payload() {
        let mapped = map_update(
            &update(private_message(json!({"text": "/start fb_ad_nov"}))),
            "leadbot",
            1,
            Utc::now(),
        );
        assert_eq!(
            conversation(mapped).0.input,
            Input::Command(Command::Start {
                payload: Some("fb_ad_nov".into())
            })
        );
    }

    #[test]
    fn stickers_locations_and_edits_are_unsupported_inputs() {
        let sticker = private_message(json!({"sticker": {
            "file_id": "f", "file_unique_id": "u", "type": "regular", "width": 1, "height": 1,
            "is_animated": false, "is_video": false}}));
        let (inbound, _) = conversation(map_update(&update(sticker), "leadbot", 1, Utc::now()));
        assert_eq!(
            inbound.input,
            Input::Unsupported {
                what: Unsupported::Media
            }
        );
        let location = private_message(json!({"location": {"latitude": 23.8, "longitude": 90.4}}));
        let (inbound, _) = conversation(map_update(&update(location), "leadbot", 1, Utc::now()));
        assert_eq!(
            inbound.input,
            Input::Unsupported {
                what: Unsupported::Media
            }
        );
        let mut edited = private_message(json!({"text": "3 lakh", "edit_date": 1700000100}));
        let message = edited.as_object_mut().unwrap().remove("message").unwrap();
        edited["edited_message"] = message;
        let (inbound, _) = conversation(map_update(&update(edited), "leadbot", 1, Utc::now()));
        assert_eq!(
            inbound.input,
            Input::Unsupported {
                what: Unsupported::Edit
            }
        );
    }

    #[test]
    fn ones_own_shared_contact_is_a_contact_input() {
        let own = private_message(
            json!({"contact": {"phone_number": "+8801712345678", "first_name": "Rahim", "user_id": 42}}),
        );
        let (inbound, _) = conversation(map_update(&update(own), "leadbot", 1, Utc::now()));
        assert_eq!(
            inbound.input,
            Input::Contact {
                phone: "+8801712345678".into()
            }
        );
        let other = private_message(
            json!({"contact": {"phone_number": "+8801812345678", "first_name": "Karim", "user_id": 7}}),
        );
        let (inbound, _) = conversation(map_update(&update(other), "leadbot", 1, Utc::now()));
        assert_eq!(
            inbound.input,
            Input::Unsupported {
                what: Unsupported::Media
            }
        );
    }

    #[test]
    fn a_pressed_button_is_a_choice_with_its_query_to_answer() {
        let pressed = json!({"update_id": 1002, "callback_query": {
            "id": "cb1", "chat_instance": "ci", "data": "need:website",
            "from": {"id": 42, "is_bot": false, "first_name": "Rahim"},
            "message": {"message_id": 9, "date": 1700000000, "text": "q",
                "chat": {"id": 42, "type": "private", "first_name": "Rahim"}}}});
        let (inbound, callback) =
            conversation(map_update(&update(pressed), "leadbot", 1, Utc::now()));
        assert_eq!(
            inbound.input,
            Input::Choice {
                payload: "need:website".into()
            }
        );
        assert_eq!(callback, Some(CallbackQueryId("cb1".into())));
    }

    #[test]
    fn a_staff_command_for_another_bot_is_ignored_and_a_group_is_not_private() {
        let group = |text: &str| {
            json!({"update_id": 1004, "message": {
            "message_id": 6, "date": 1700000000, "text": text,
            "chat": {"id": -100, "type": "supergroup", "title": "Dhaka founders"},
            "from": {"id": 42, "is_bot": false, "first_name": "Rahim"}}})
        };
        for text in ["/leads@otherbot", "/lead@some_other_bot 1"] {
            assert_eq!(
                map_update(&update(group(text)), "leadbot", 1, Utc::now()),
                Mapped::Ignore,
                "{text}"
            );
        }
        for text in ["/leads", "/lead@LeadBot 1"] {
            match map_update(&update(group(text)), "leadbot", 1, Utc::now()) {
                Mapped::Staff {
                    private, chat_id, ..
                } => {
                    assert!(!private, "{text}");
                    assert_eq!(chat_id, -100);
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn in_a_group_only_start_or_a_mention_gets_a_deep_link_reply() {
        let group = |text: &str| {
            json!({"update_id": 1003, "message": {
            "message_id": 5, "date": 1700000000, "text": text,
            "chat": {"id": -100, "type": "supergroup", "title": "Dhaka founders"},
            "from": {"id": 42, "is_bot": false, "first_name": "Rahim", "language_code": "hi"}}})
        };
        for text in ["/start", "/start@LeadBot", "hey @leadbot what is this"] {
            match map_update(&update(group(text)), "leadbot", 1, Utc::now()) {
                Mapped::Notice {
                    chat_id,
                    reply,
                    idempotency_key,
                    group,
                } => {
                    assert_eq!(chat_id, -100);
                    assert_eq!(idempotency_key, "1:1003");
                    assert_eq!(reply.language, Some(Language::Hi));
                    // The group rides in the link as its code, kept with
                    // its title.
                    let group = group.unwrap();
                    assert_eq!(group.chat_id, "-100");
                    assert_eq!(group.title.as_deref(), Some("Dhaka founders"));
                    assert_eq!(
                        reply.link.unwrap().url,
                        format!("https://t.me/leadbot?start={}", group.code)
                    );
                }
                other => panic!("{text}: {other:?}"),
            }
        }
        for text in [
            "hello everyone",
            "2 lakh",
            "/start@otherbot",
            "hi @leadbot_fan",
            "mail x@leadbot.com",
        ] {
            assert_eq!(
                map_update(&update(group(text)), "leadbot", 1, Utc::now()),
                Mapped::Ignore,
                "{text}"
            );
        }
    }
}
