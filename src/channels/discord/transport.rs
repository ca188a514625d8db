//! Discord as a transport of the shared outbox sender: a DM to a member (the
//! DM channel opened once and remembered) or a message to a server channel,
//! and Discord's errors sorted into retry and give up.

use super::render::render;
use crate::core::Channel;
use crate::i18n::Localizer;
use crate::service::outbox::{Outcome, Transport};
use crate::storage::OutboxMessage;
use async_trait::async_trait;
use serenity::builder::{CreateActionRow, CreateAttachment, CreateMessage, EditMessage};
use serenity::http::{Http, HttpError};
use serenity::model::channel::Nonce;
use serenity::model::id::{ChannelId, MessageId, UserId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// "Cannot send messages to this user": the member's DMs are closed.
pub const DMS_CLOSED: isize = 50007;

pub struct DiscordTransport {
    pub http: Arc<Http>,
    pub localizer: Arc<Localizer>,
    pub dm_channels: Mutex<HashMap<u64, ChannelId>>,
}

impl DiscordTransport {
    pub fn new(http: Arc<Http>, localizer: Arc<Localizer>) -> DiscordTransport {
        DiscordTransport {
            http,
            localizer,
            dm_channels: Mutex::new(HashMap::new()),
        }
    }

    async fn channel_for(&self, recipient: &str) -> Result<ChannelId, Outcome> {
        let bad = || Outcome::Permanent {
            error: format!("{recipient:?} is no Discord recipient"),
            unreachable: false,
        };
        if let Some(channel) = recipient.strip_prefix("channel:") {
            return channel
                .parse::<u64>()
                .ok()
                .filter(|id| *id != 0)
                .map(ChannelId::new)
                .ok_or_else(bad);
        }
        let user: u64 = recipient
            .parse()
            .ok()
            .filter(|id| *id != 0)
            .ok_or_else(bad)?;
        if let Some(channel) = self
            .dm_channels
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&user)
        {
            return Ok(*channel);
        }
        let channel = UserId::new(user)
            .create_dm_channel(&*self.http)
            .await
            .map_err(|e| classify(&e))?
            .id;
        self.dm_channels
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(user, channel);
        Ok(channel)
    }
}

/// One Discord message to post, or an earlier one to rewrite (an alert
/// whose lead withdrew).
pub enum DiscordPart {
    Create(Box<CreateMessage>),
    Edit {
        message: MessageId,
        content: String,
        /// The buttons it has from now on; none removes them.
        components: Vec<CreateActionRow>,
    },
}

#[async_trait]
impl Transport for DiscordTransport {
    type Part = DiscordPart;

    fn channel(&self) -> Channel {
        Channel::Discord
    }

    fn render(&self, message: &OutboxMessage) -> Vec<DiscordPart> {
        let payload = &message.payload;
        if let Some(edit) = &payload.edit {
            // Ids come from Discord's own answers; one that is not a
            // snowflake names no message, and there is nothing to edit.
            let Some(message) = edit.parse().ok().filter(|id| *id != 0).map(MessageId::new) else {
                return Vec::new();
            };
            return vec![DiscordPart::Edit {
                message,
                content: super::render::edited_text(&self.localizer, payload),
                components: super::render::button_rows(&self.localizer, payload),
            }];
        }
        let mut parts = render(&self.localizer, payload);
        if let Some(document) = &payload.document {
            let file = CreateAttachment::bytes(
                document.content.clone().into_bytes(),
                document.file_name.clone(),
            );
            // With the last part, under the text that announces it.
            if let Some(last) = parts.pop() {
                parts.push(last.add_file(file));
            }
        }
        // A nonce per part, enforced: a retry after a crash between sending
        // and recording cannot post the same part twice.
        parts
            .into_iter()
            .enumerate()
            .map(|(part, create)| {
                DiscordPart::Create(Box::new(
                    create
                        .nonce(Nonce::String(format!("lb{}p{part}", message.id)))
                        .enforce_nonce(true),
                ))
            })
            .collect()
    }

    async fn send(&self, recipient: &str, part: DiscordPart) -> Outcome {
        let channel = match self.channel_for(recipient).await {
            Ok(channel) => channel,
            Err(outcome) => return outcome,
        };
        match part {
            DiscordPart::Create(create) => match channel.send_message(&*self.http, *create).await {
                Ok(message) => Outcome::Posted(message.id.get().to_string()),
                Err(error) => classify(&error),
            },
            DiscordPart::Edit {
                message,
                content,
                components,
            } => {
                let edit = EditMessage::new().content(content).components(components);
                match channel.edit_message(&*self.http, message, edit).await {
                    Ok(_) => Outcome::Delivered,
                    Err(error) => classify(&error),
                }
            }
        }
    }
}

/// Sorts a Discord error: closed DMs and unknown users are unreachable,
/// other refusals dead letters, 429 and 5xx and network trouble retried.
pub fn classify(error: &serenity::Error) -> Outcome {
    let serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) = error else {
        return Outcome::Transient(error.to_string());
    };
    let status = response.status_code.as_u16();
    let code = response.error.code;
    let text = format!("{status} {code} {}", response.error.message);
    match status {
        // With the ratelimiter off (a proxy in front), Discord's 429 comes
        // back to us; the proxy's own limits make one second enough.
        429 => Outcome::RetryAfter(Duration::from_secs(1)),
        500..=599 => Outcome::Transient(text),
        _ => Outcome::Permanent {
            // 50007 closed DMs, 10013 unknown user, 50278 blocked.
            unreachable: matches!(code, DMS_CLOSED | 10013 | 50278) || status == 403,
            error: text,
        },
    }
}
