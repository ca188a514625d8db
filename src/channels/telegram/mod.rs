//! The Telegram channel: long polling (default) or a webhook, a durable
//! outbox sender, and graceful shutdown. Built on teloxide's `Bot`, not its
//! Dispatcher, so that nothing is confirmed before it is committed.

pub mod mapping;
pub mod render;
pub mod sender;
pub mod updates;
pub mod webhook;

use crate::app::settings::{TelegramMode, TelegramSettings};
use crate::core::message::ids;
use crate::core::{Language, Msg};
use crate::i18n::Localizer;
use crate::service::outbox::{Pacing, Sender};
use crate::service::Qualifier;
use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::types::BotCommand;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

/// How long the sender may keep delivering after a shutdown signal.
const DRAIN: Duration = Duration::from_secs(5);

/// Serves Telegram until `shutdown` is cancelled.
pub async fn run(
    settings: &TelegramSettings,
    qualifier: Arc<Qualifier>,
    localizer: Arc<Localizer>,
    ops: &crate::channels::Operations,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    let token: SecretString = settings.token.clone().context(
        "telegram.token is not set: put the bot token from BotFather in TELEGRAM_BOT_TOKEN",
    )?;
    let mut bot = Bot::new(token.expose_secret());
    if let Some(api_url) = &settings.api_url {
        let url = url::Url::parse(api_url).with_context(|| {
            format!(
                "telegram.api_url {api_url:?} is not a URL: write it like http://127.0.0.1:8081"
            )
        })?;
        bot = bot.set_api_url(url);
    }
    // A signal during start-up (Telegram slow to answer) ends it cleanly.
    let me = tokio::select! {
        _ = shutdown.cancelled() => return Ok(()),
        me = bot.get_me() => me.map_err(|e| anyhow::anyhow!(
            "cannot reach Telegram with this token: {}", sender::describe(&e, token.expose_secret())))?,
    };
    let bot_username = me
        .username
        .clone()
        .filter(|name| !name.is_empty())
        .context("Telegram reports no username for this bot: set one with BotFather")?;
    tracing::info!(bot = %bot_username, "connected to Telegram");
    tokio::select! {
        _ = shutdown.cancelled() => return Ok(()),
        _ = register_commands(&bot, &localizer, &token) => {}
    }

    let wake = Arc::new(Notify::new());
    let sender = Sender::new(
        sender::TelegramTransport {
            bot: bot.clone(),
            localizer: localizer.clone(),
            token: token.clone(),
        },
        &qualifier,
        Pacing {
            per_chat_interval_ms: settings.per_chat_interval_ms,
            group_interval_ms: settings.group_interval_ms,
            global_per_second: settings.global_per_second,
        },
        wake.clone(),
        ops,
    );
    let sender_task = tokio::spawn(sender.run(shutdown.clone(), DRAIN));
    let handler = Arc::new(updates::Handler {
        bot: bot.clone(),
        qualifier,
        localizer,
        bot_username,
        bot_id: me.user.id.0,
        wake_sender: wake,
        token: token.clone(),
        metrics: ops.metrics().clone(),
    });

    let served = match settings.mode {
        TelegramMode::Polling => {
            // A webhook left over from webhook mode makes getUpdates fail (409).
            if let Err(error) = bot.delete_webhook().await {
                tracing::warn!(error = %sender::describe(&error, token.expose_secret()), "deleteWebhook failed");
            }
            updates::poll(handler, settings.poll_timeout_secs, shutdown.clone()).await;
            Ok(())
        }
        TelegramMode::Webhook => {
            serve_webhook(settings, handler, &bot, &token, ops, shutdown.clone()).await
        }
    };
    // Whatever ended the intake, let the sender drain what was committed,
    // and never wait on it much longer than promised.
    shutdown.cancel();
    if tokio::time::timeout(DRAIN + Duration::from_secs(2), sender_task)
        .await
        .is_err()
    {
        tracing::warn!(
            "the sender did not finish draining in time; undelivered replies stay in the outbox"
        );
    }
    served
}

/// The shortest webhook secret accepted: a short one can be guessed.
const MIN_WEBHOOK_SECRET: usize = 24;

async fn serve_webhook(
    settings: &TelegramSettings,
    handler: Arc<updates::Handler>,
    bot: &Bot,
    token: &SecretString,
    ops: &crate::channels::Operations,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    let webhook = settings
        .webhook
        .as_ref()
        .context("telegram.mode is \"webhook\" but [telegram.webhook] is missing: set telegram.webhook.url and telegram.webhook.secret")?;
    let url = url::Url::parse(&webhook.url)
        .with_context(|| format!("telegram.webhook.url {:?} is not a URL", webhook.url))?;
    let secret_length = webhook.secret.expose_secret().len();
    anyhow::ensure!(
        secret_length >= MIN_WEBHOOK_SECRET,
        "telegram.webhook.secret is {secret_length} characters long: use at least {MIN_WEBHOOK_SECRET} random ones (A-Z, a-z, 0-9, _ and -; e.g. `openssl rand -hex 16`)"
    );
    let path = url.path().to_owned();
    let state = webhook::WebhookState {
        handler,
        secret: Arc::new(webhook.secret.clone()),
        chats: Default::default(),
    };
    let app = axum::Router::new()
        .route(&path, axum::routing::post(webhook::webhook))
        .with_state(state)
        // The load balancer probes the same address it sends updates to.
        .merge(crate::health::router(ops.health.clone()));
    let listener = tokio::net::TcpListener::bind(&webhook.listen)
        .await
        .with_context(|| {
            format!(
                "cannot listen on telegram.webhook.listen {}",
                webhook.listen
            )
        })?;
    let listening = listener
        .local_addr()
        .context("the webhook listener has no address")?;
    bot.set_webhook(url)
        .secret_token(webhook.secret.expose_secret())
        .max_connections(webhook.max_connections)
        .allowed_updates(updates::ALLOWED)
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "setWebhook failed: {}",
                sender::describe(&e, token.expose_secret())
            )
        })?;
    tracing::info!(listen = %listening, path = %path, "serving the Telegram webhook, /healthz, /readyz and /metrics");
    let limits = crate::http_server::Limits {
        // Telegram's own connections, and room for probes and scrapers.
        max_connections: usize::from(webhook.max_connections) + 24,
        header_timeout: crate::http_server::HEADER_TIMEOUT,
    };
    crate::http_server::serve(listener, app, limits, shutdown).await;
    Ok(())
}

/// The command menu in each language (`setMyCommands`), English by default.
async fn register_commands(bot: &Bot, localizer: &Localizer, token: &SecretString) {
    let commands = |language: Language| {
        [
            ("start", ids::COMMAND_START),
            ("restart", ids::COMMAND_RESTART),
            ("language", ids::COMMAND_LANGUAGE),
            ("help", ids::COMMAND_HELP),
            ("cancel", ids::COMMAND_CANCEL),
            ("change", ids::COMMAND_CHANGE),
            ("mydata", ids::COMMAND_MYDATA),
            ("forget", ids::COMMAND_FORGET),
        ]
        .map(|(command, id)| BotCommand::new(command, localizer.render(language, &Msg::new(id))))
    };
    let mut requests = vec![bot.set_my_commands(commands(Language::En))];
    for language in Language::ALL {
        requests.push(
            bot.set_my_commands(commands(language))
                .language_code(language.code()),
        );
    }
    for request in requests {
        if let Err(error) = request.await {
            tracing::warn!(error = %sender::describe(&error, token.expose_secret()), "setMyCommands failed");
        }
    }
}
