//! The Discord channel: `/qualify` in community servers and DMs, built on
//! serenity. Every MESSAGE_CREATE and INTERACTION_CREATE is handled in one
//! transaction keyed by its Discord id, so a replay after RESUME changes
//! nothing; replies go through the shared outbox sender.

mod commands;
pub mod mapping;
pub mod render;
pub mod transport;
mod unreadable;

use crate::app::settings::DiscordSettings;
use crate::core::alert::SalesButton;
use crate::core::message::ids;
use crate::core::staff::StaffCommand;
use crate::core::Temperature;
use crate::core::{Channel, Inbound, Language, Msg};
use crate::i18n::Localizer;
use crate::service::outbox::{Outcome, Pacing, Sender};
use crate::service::sales::{Press, PressResult};
use crate::service::{HandleError, Handled, Qualifier};
use crate::storage::Notice;
use anyhow::Context as _;
use async_trait::async_trait;
use chrono::Utc;
use mapping::{map_button, map_message, map_qualify, Mapped, QUALIFY};
use secrecy::ExposeSecret;
use serenity::builder::{
    CreateActionRow, CreateButton, CreateInteractionResponse, CreateInteractionResponseMessage,
    EditInteractionResponse,
};
use serenity::client::{ClientBuilder, Context, EventHandler};
use serenity::http::{Http, HttpBuilder};
use serenity::model::application::CommandDataOptionValue;
use serenity::model::application::{
    Command, CommandInteraction, ComponentInteraction, Interaction,
};
use serenity::model::channel::Message;
use serenity::model::gateway::{GatewayIntents, Ready};
use serenity::model::id::UserId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use transport::DiscordTransport;

/// How long the sender may keep delivering after a shutdown signal.
const DRAIN: Duration = Duration::from_secs(5);
/// Interactions must be answered within 3 s: after this, defer.
const ACK_BUDGET: Duration = Duration::from_secs(2);

fn http(settings: &DiscordSettings, token: &str) -> Http {
    let mut builder = HttpBuilder::new(token);
    if let Some(url) = &settings.api_url {
        // serenity honours a proxy only with its ratelimiter off, which is
        // right: the proxy does the rate limiting.
        builder = builder
            .proxy(url.trim_end_matches('/'))
            .ratelimiter_disabled(true);
    }
    builder.build()
}

/// The gateway shard a replica serves, from `discord.shard_id` and
/// `discord.shard_count`; `None` for the only shard.
fn shard_of(id: Option<u32>, count: Option<u32>) -> anyhow::Result<Option<(u32, u32)>> {
    match (id, count) {
        (None, None) => Ok(None),
        (Some(id), Some(count)) if id < count => Ok(Some((id, count))),
        (Some(id), Some(count)) => anyhow::bail!(
            "discord.shard_id {id} is not below discord.shard_count {count}: shards are numbered from 0"
        ),
        _ => anyhow::bail!(
            "discord.shard_id and discord.shard_count go together: set both (e.g. 0 and 2 on the first of two replicas) or neither"
        ),
    }
}

/// Serves Discord until `shutdown` is cancelled.
pub async fn run(
    settings: &DiscordSettings,
    qualifier: Arc<Qualifier>,
    localizer: Arc<Localizer>,
    ops: &crate::channels::Operations,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    let token = settings
        .token
        .clone()
        .context("discord.token is not set: put the bot token in DISCORD_BOT_TOKEN")?;
    let shard = shard_of(settings.shard_id, settings.shard_count)?;
    let wake = Arc::new(Notify::new());
    let sender = Sender::new(
        DiscordTransport::new(
            Arc::new(http(settings, token.expose_secret())),
            localizer.clone(),
        ),
        &qualifier,
        Pacing {
            per_chat_interval_ms: 0,
            group_interval_ms: 0,
            global_per_second: settings.global_per_second,
        },
        wake.clone(),
        ops,
    );
    let handler = Handler {
        metrics: ops.metrics().clone(),
        qualifier,
        sender: sender.clone(),
        localizer,
        wake,
        bot: OnceLock::new(),
        users: Mutex::new(HashMap::new()),
    };
    // MESSAGE_CONTENT is not needed: DMs and mentions carry their text.
    let intents = GatewayIntents::DIRECT_MESSAGES | GatewayIntents::GUILD_MESSAGES;
    let mut client = ClientBuilder::new_with_http(http(settings, token.expose_secret()), intents)
        .event_handler(handler)
        .raw_event_handler(unreadable::UnreadableEvents)
        .await
        .map_err(|e| anyhow::anyhow!("cannot set up the Discord client: {e}"))?;
    let sender_task = tokio::spawn(sender.run(shutdown.clone(), DRAIN));
    let shards = client.shard_manager.clone();
    let start = async {
        match shard {
            Some((id, count)) => {
                tracing::info!(shard = id, shards = count, "serving one Discord shard");
                client.start_shard(id, count).await
            }
            None => client.start().await,
        }
    };
    let served = tokio::select! {
        result = start => result.map_err(|e| anyhow::anyhow!("the Discord connection failed: {e}")),
        _ = shutdown.cancelled() => {
            shards.shutdown_all().await;
            Ok(())
        }
    };
    shutdown.cancel();
    if tokio::time::timeout(DRAIN + Duration::from_secs(2), sender_task)
        .await
        .is_err()
    {
        tracing::warn!("the Discord sender did not finish draining in time; undelivered replies stay in the outbox");
    }
    served
}

struct Handler {
    metrics: Arc<crate::metrics::Metrics>,
    qualifier: Arc<Qualifier>,
    sender: Arc<Sender<DiscordTransport>>,
    localizer: Arc<Localizer>,
    wake: Arc<Notify>,
    bot: OnceLock<UserId>,
    /// One lock per member: events are dispatched side by side, and one
    /// member's answers must be taken in order.
    users: Mutex<HashMap<UserId, Arc<tokio::sync::Mutex<()>>>>,
}

impl Handler {
    fn lock_for(&self, user: UserId) -> Arc<tokio::sync::Mutex<()>> {
        let mut users = self.users.lock().unwrap_or_else(|e| e.into_inner());
        if users.len() > 10_000 {
            users.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        users.entry(user).or_default().clone()
    }

    async fn handle(&self, inbound: &Inbound, user: UserId) -> Result<Handled, HandleError> {
        let lock = self.lock_for(user);
        let _in_order = lock.lock().await;
        let started = std::time::Instant::now();
        let handled = self.qualifier.handle(inbound).await;
        match &handled {
            Ok(_) => self
                .metrics
                .update_handled(Channel::Discord, started.elapsed()),
            Err(_) => self.metrics.error(crate::metrics::ErrorKind::Update),
        }
        self.wake.notify_one();
        handled
    }

    /// `/qualify`: "thinking…" at once (the DM needs a round trip), the
    /// questionnaire started in the DM, then the ephemeral answer says so —
    /// or how to open DMs when they are closed.
    async fn qualify(&self, ctx: &Context, command: &CommandInteraction) {
        let defer = CreateInteractionResponse::Defer(
            CreateInteractionResponseMessage::new().ephemeral(true),
        );
        if let Err(error) = command.create_response(&ctx.http, defer).await {
            tracing::warn!(%error, "cannot defer /qualify");
        }
        let inbound = map_qualify(
            command.id.get(),
            &command.user,
            command.guild_id.map(|g| g.get()),
            &command.locale,
            Utc::now(),
        );
        let language = inbound.profile.language_hint.unwrap_or(Language::En);
        // The first DM is sent here, not by the outbox loop, to learn at
        // once whether the member's DMs are closed.
        let _first_dm = self.sender.reserve(&inbound.key.user);
        let answer = match self.handle(&inbound, command.user.id).await {
            Ok(Handled::Committed { outbox, .. }) => {
                let mut answer = ids::DISCORD_CHECK_DMS;
                for message in &outbox {
                    if let Outcome::Permanent {
                        unreachable: true, ..
                    } = self.sender.deliver_now(message).await
                    {
                        answer = ids::DISCORD_DMS_CLOSED;
                    }
                }
                answer
            }
            Ok(Handled::Duplicate) => ids::DISCORD_CHECK_DMS,
            Err(error) => {
                tracing::error!(%error, "cannot handle /qualify");
                ids::INTERNAL_ERROR
            }
        };
        let text = self.localizer.render(language, &Msg::new(answer));
        if let Err(error) = command
            .edit_response(&ctx.http, EditInteractionResponse::new().content(text))
            .await
        {
            tracing::warn!(%error, "cannot answer /qualify");
        }
    }

    /// A button in the DM: acknowledged after the commit, or at once if
    /// storage is slow (Discord allows 3 seconds).
    async fn button(&self, ctx: &Context, component: &ComponentInteraction) {
        let inbound = map_button(
            component.id.get(),
            &component.user,
            &component.data.custom_id,
            &component.locale,
            Utc::now(),
        );
        let handling = self.handle(&inbound, component.user.id);
        tokio::pin!(handling);
        let mut acknowledged = false;
        let handled = tokio::select! {
            handled = &mut handling => handled,
            _ = tokio::time::sleep(ACK_BUDGET) => {
                acknowledged = true;
                self.acknowledge(ctx, component).await;
                handling.await
            }
        };
        if let Err(error) = handled {
            tracing::error!(%error, "cannot handle a button");
        }
        if !acknowledged {
            self.acknowledge(ctx, component).await;
        }
    }

    /// Claim / Won / Lost on an alert: staff only (by numeric id); the alert
    /// is edited in place, anyone else gets a private note.
    async fn sales(
        &self,
        ctx: &Context,
        component: &ComponentInteraction,
        button: SalesButton,
        lead_id: i64,
    ) {
        let language = self.qualifier.sales_language();
        let note = |msg: Msg| {
            CreateInteractionResponse::Message(
                CreateInteractionResponseMessage::new()
                    .content(self.localizer.render(language, &msg))
                    .ephemeral(true),
            )
        };
        let press = Press {
            channel: Channel::Discord,
            idempotency_key: format!("interaction:{}", component.id),
            button,
            lead_id,
            staff_id: component.user.id.to_string(),
            staff_name: component
                .user
                .global_name
                .clone()
                .unwrap_or_else(|| component.user.name.clone()),
            pressed_on: crate::storage::AlertMessage {
                // Server channels are "channel:<id>" recipients.
                recipient: format!("channel:{}", component.channel_id),
                message_id: component.message.id.to_string(),
            },
            at: Utc::now(),
            // Discord's answer to the press updates the alert in place.
            alert_text: None,
        };
        let response = match self.qualifier.press(press).await {
            Ok(PressResult::Recorded { line, buttons }) => {
                let content = crate::channels::text::with_paragraph(
                    &component.message.content,
                    &self.localizer.render(language, &line),
                    render::MAX_CHARS,
                );
                let row: Vec<CreateButton> = buttons
                    .iter()
                    .map(|b| {
                        CreateButton::new(b.payload.clone())
                            .label(self.localizer.render(language, &b.label))
                    })
                    .collect();
                let components = if row.is_empty() {
                    Vec::new()
                } else {
                    vec![CreateActionRow::Buttons(row)]
                };
                CreateInteractionResponse::UpdateMessage(
                    CreateInteractionResponseMessage::new()
                        .content(content)
                        .components(components),
                )
            }
            Ok(PressResult::Refused(msg)) => note(msg),
            Ok(PressResult::Nothing) => CreateInteractionResponse::Acknowledge,
            Err(error) => {
                tracing::error!(%error, "cannot record a sales action");
                note(Msg::new(ids::INTERNAL_ERROR))
            }
        };
        if let Err(error) = component.create_response(&ctx.http, response).await {
            tracing::warn!(%error, "cannot answer a sales button");
        }
    }

    /// `/leads`, `/lead`, `/stats`: staff only (by numeric id), answered
    /// ephemerally; anyone else gets a polite no and nothing runs.
    async fn staff(&self, ctx: &Context, command: &CommandInteraction) {
        let option = |name: &str| {
            command
                .data
                .options
                .iter()
                .find(|o| o.name == name)
                .map(|o| &o.value)
        };
        let integer = |name: &str| match option(name) {
            Some(CommandDataOptionValue::Integer(n)) => Some(*n),
            _ => None,
        };
        let parsed = match command.data.name.as_str() {
            "leads" => Some(StaffCommand::Leads {
                temperature: match option("temperature") {
                    Some(CommandDataOptionValue::String(t)) => Temperature::parse(t),
                    _ => None,
                },
                limit: integer("count")
                    .unwrap_or(crate::core::staff::DEFAULT_LIMIT)
                    .clamp(1, 50),
            }),
            "lead" => integer("id").map(|id| StaffCommand::Lead { id }),
            "stats" => Some(StaffCommand::Stats),
            _ => None,
        };
        let Some(parsed) = parsed else { return };
        let language = self.qualifier.sales_language();
        let reply = match self
            .qualifier
            .staff_reply(Channel::Discord, &command.user.id.to_string(), &parsed)
            .await
        {
            Ok(outbound) => self.localizer.render_outbound(&outbound).text,
            Err(error) => {
                tracing::error!(%error, "cannot answer a staff command");
                self.localizer
                    .render(language, &Msg::new(ids::INTERNAL_ERROR))
            }
        };
        let text: String = reply.chars().take(render::MAX_CHARS).collect();
        let response = CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .content(text)
                .ephemeral(true),
        );
        if let Err(error) = command.create_response(&ctx.http, response).await {
            tracing::warn!(%error, "cannot answer a staff command");
        }
    }

    async fn acknowledge(&self, ctx: &Context, component: &ComponentInteraction) {
        if let Err(error) = component
            .create_response(&ctx.http, CreateInteractionResponse::Acknowledge)
            .await
        {
            tracing::warn!(%error, "cannot acknowledge a button");
        }
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        let _ = self.bot.set(ready.user.id);
        tracing::info!(bot = %ready.user.name, "connected to Discord");
        let commands = commands::all(&self.localizer);
        if let Err(error) = Command::set_global_commands(&ctx.http, commands).await {
            tracing::warn!(%error, "cannot register /qualify");
        }
    }

    async fn message(&self, _ctx: Context, message: Message) {
        let Some(bot) = self.bot.get().copied() else {
            return;
        };
        match map_message(&message, bot, Utc::now()) {
            Mapped::Conversation(inbound) => {
                if let Err(error) = self.handle(&inbound, message.author.id).await {
                    tracing::error!(%error, "cannot handle a Discord message");
                }
            }
            Mapped::Notice {
                idempotency_key,
                recipient,
                reply,
            } => {
                let notice = Notice {
                    group: None,
                    channel: Channel::Discord,
                    idempotency_key,
                    recipient,
                    at: Utc::now(),
                    reply,
                };
                match self.qualifier.notice(&notice).await {
                    Ok(_) => self.wake.notify_one(),
                    Err(error) => tracing::error!(%error, "cannot store a server mention"),
                }
            }
            Mapped::Ignore => {}
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match interaction {
            Interaction::Command(command) if command.data.name == QUALIFY => {
                self.qualify(&ctx, &command).await
            }
            Interaction::Command(command) => self.staff(&ctx, &command).await,
            Interaction::Component(component) => {
                match SalesButton::parse(&component.data.custom_id) {
                    Some((button, lead_id)) => self.sales(&ctx, &component, button, lead_id).await,
                    None => self.button(&ctx, &component).await,
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod shard_tests {
    use super::shard_of;

    #[test]
    fn no_shard_settings_serve_the_only_shard() {
        assert_eq!(shard_of(None, None).unwrap(), None);
    }

    #[test]
    fn the_second_of_two_replicas_serves_shard_one() {
        assert_eq!(shard_of(Some(1), Some(2)).unwrap(), Some((1, 2)));
    }

    #[test]
    fn a_shard_beyond_the_count_or_half_a_setting_is_refused_by_name() {
        let beyond = shard_of(Some(2), Some(2)).unwrap_err().to_string();
        assert!(beyond.contains("discord.shard_id 2"), "{beyond}");
        let half = shard_of(Some(0), None).unwrap_err().to_string();
        assert!(half.contains("discord.shard_count"), "{half}");
    }
}
