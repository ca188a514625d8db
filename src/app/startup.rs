//! Builds the application from the settings — locales, questionnaire,
//! database, and the qualifier that ties them together — and runs it:
//! every configured channel, the operator's HTTP endpoints, retention and
//! the database watch, until SIGINT or SIGTERM.

use crate::app::settings::{redact_url, Settings};
use crate::core::Channel;
use crate::core::Questionnaire;
use crate::i18n::Localizer;
use crate::service::{BusinessRules, Qualifier, SalesRouting};
use crate::storage::{self, Store};
use anyhow::Context;
use std::sync::Arc;

pub struct App {
    pub settings: Settings,
    pub localizer: Arc<Localizer>,
    pub qualifier: Arc<Qualifier>,
    pub metrics: Arc<crate::metrics::Metrics>,
}

impl App {
    pub async fn build(settings: Settings) -> anyhow::Result<App> {
        let localizer = Arc::new(load_localizer(&settings)?);
        let questionnaire = Arc::new(load_questionnaire(&settings, &localizer)?);
        settings.check_against(&questionnaire)?;
        let store = open_store(&settings.database_url, settings.sqlite.synchronous).await?;
        let rules = BusinessRules {
            business_name: settings.business.name.clone(),
            retention_days: settings.retention.days,
            policy: settings.scoring_policy().clone(),
            sales: sales_routing(&settings)?,
            promise: settings.promise().clone(),
        };
        let qualifier = Arc::new(Qualifier::new(store, questionnaire, rules));
        Ok(App {
            settings,
            localizer,
            qualifier,
            metrics: Arc::new(crate::metrics::Metrics::new()),
        })
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        self.qualifier.store()
    }
}

/// The configured alert destinations.
pub fn sales_routing(settings: &Settings) -> anyhow::Result<SalesRouting> {
    let telegram = settings
        .sales
        .telegram_chats
        .iter()
        .map(|chat| (Channel::Telegram, chat.to_string()));
    let discord = settings
        .sales
        .discord_channels
        .iter()
        .map(|channel| (Channel::Discord, format!("channel:{channel}")));
    let staff = settings
        .sales
        .telegram_staff
        .iter()
        .map(|id| (Channel::Telegram, id.to_string()))
        .chain(
            settings
                .sales
                .discord_staff
                .iter()
                .map(|id| (Channel::Discord, id.to_string())),
        )
        .collect();
    Ok(SalesRouting {
        destinations: telegram.chain(discord).collect(),
        language: settings.sales_language(),
        staff,
        moved: Default::default(),
    })
}

pub fn load_localizer(settings: &Settings) -> anyhow::Result<Localizer> {
    Ok(Localizer::load(settings.locales_dir.as_deref())?)
}

pub fn load_questionnaire(
    settings: &Settings,
    localizer: &Localizer,
) -> anyhow::Result<Questionnaire> {
    let questionnaire = match &settings.questionnaire {
        Some(path) => {
            // The core checks text; reading the file is the application's.
            let source_name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| {
                crate::core::questionnaire::QuestionnaireError::Unreadable {
                    source_name: source_name.clone(),
                    reason: e.to_string(),
                }
            })?;
            Questionnaire::from_toml(&source_name, &text, |id| localizer.has_everywhere(id))?
        }
        None => Questionnaire::builtin(),
    };
    Ok(with_label_keywords(questionnaire, localizer))
}

/// The questionnaire with each option's button label, in every language,
/// among its keywords: typing "ওয়েবসাইট বা অ্যাপ" picks that button.
pub fn with_label_keywords(questionnaire: Questionnaire, localizer: &Localizer) -> Questionnaire {
    questionnaire.with_label_keywords(|id| {
        crate::core::language::Language::ALL
            .iter()
            .map(|language| localizer.render(*language, &crate::core::message::Msg::new(id)))
            .collect()
    })
}

/// Connects and brings the schema up to date, so that a fresh machine needs
/// no separate setup step.
pub async fn open_store(
    url: &str,
    synchronous: storage::Synchronous,
) -> anyhow::Result<Arc<dyn Store>> {
    let shown = redact_url(url);
    let store = storage::connect_with(url, synchronous)
        .await
        .with_context(|| format!("cannot open the database {shown}"))?;
    store
        .migrate()
        .await
        .with_context(|| format!("cannot migrate the database {shown}"))?;
    Ok(store)
}

/// `leadbot run`: serves every configured channel until SIGINT or SIGTERM.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let status = |configured: bool, how: &str| {
        if configured {
            "configured".to_owned()
        } else {
            format!("not configured ({how})")
        }
    };
    eprintln!(
        "Telegram: {}",
        status(
            settings.telegram_configured(),
            "set TELEGRAM_BOT_TOKEN or telegram.token"
        )
    );
    eprintln!(
        "Discord:  {}",
        status(
            settings.discord_configured(),
            "set DISCORD_BOT_TOKEN or discord.token"
        )
    );
    let telegram = settings
        .telegram
        .clone()
        .filter(|_| settings.telegram_configured());
    let discord = settings
        .discord
        .clone()
        .filter(|_| settings.discord_configured());
    if telegram.is_none() && discord.is_none() {
        anyhow::bail!(
            "no chat channel is configured: set TELEGRAM_BOT_TOKEN or DISCORD_BOT_TOKEN (see README.md), or try the bot with `leadbot chat`"
        );
    }
    // Signals first: a SIGTERM during start-up also ends cleanly.
    let shutdown = tokio_util::sync::CancellationToken::new();
    tokio::spawn(cancel_on_signal(shutdown.clone()));
    let app = App::build(settings).await?;
    // A channel that fails takes the others down with it: a half-served bot
    // would look healthy while losing a platform.
    let down_on_error = |served: anyhow::Result<()>| {
        if served.is_err() {
            shutdown.cancel();
        }
        served
    };
    let (qualifier, localizer) = (&app.qualifier, &app.localizer);
    let ops = crate::channels::Operations {
        replica: uuid::Uuid::new_v4().simple().to_string(),
        health: crate::health::Health {
            store: app.store().clone(),
            metrics: app.metrics.clone(),
        },
    };
    match app.store().release_claims_at_start().await {
        Ok(0) => {}
        Ok(released) => {
            tracing::info!(released, "outbox rows a stopped process held are due again")
        }
        Err(error) => tracing::warn!(%error, "cannot free outbox rows held before this start"),
    }
    let webhook_listen = telegram
        .as_ref()
        .filter(|t| t.mode == crate::app::settings::TelegramMode::Webhook)
        .and_then(|t| t.webhook.as_ref())
        .map(|w| w.listen.clone());
    let serve_http = async {
        // The webhook's listener serves the same routes already.
        let Some(http) = app
            .settings
            .http
            .as_ref()
            .filter(|h| Some(&h.listen) != webhook_listen.as_ref())
        else {
            return Ok(());
        };
        down_on_error(
            crate::health::serve(&http.listen, ops.health.clone(), shutdown.clone()).await,
        )
    };
    let serve_telegram = async {
        let Some(telegram) = &telegram else {
            return Ok(());
        };
        let run = crate::channels::telegram::run(
            telegram,
            qualifier.clone(),
            localizer.clone(),
            &ops,
            shutdown.clone(),
        );
        down_on_error(run.await)
    };
    let serve_discord = async {
        let Some(discord) = &discord else {
            return Ok(());
        };
        let run = crate::channels::discord::run(
            discord,
            qualifier.clone(),
            localizer.clone(),
            &ops,
            shutdown.clone(),
        );
        down_on_error(run.await)
    };
    let retention = crate::service::retention::run(
        app.store().clone(),
        app.settings.retention.days,
        app.settings.sales_language(),
        shutdown.clone(),
    );
    let watch = async {
        down_on_error(
            crate::health::watch_database(
                app.store().clone(),
                std::time::Duration::from_secs(app.settings.database_down_exit_secs),
                shutdown.clone(),
            )
            .await,
        )
    };
    let (telegram, discord, http, (), watched) =
        tokio::join!(serve_telegram, serve_discord, serve_http, retention, watch);
    app.store().close().await;
    watched.and(telegram).and(discord).and(http)
}

/// SIGINT (Ctrl-C) or SIGTERM: stop taking updates, finish, drain, exit 0.
async fn cancel_on_signal(shutdown: tokio_util::sync::CancellationToken) {
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(error) => {
                    tracing::warn!(%error, "cannot listen for SIGTERM");
                    let _ = tokio::signal::ctrl_c().await;
                    shutdown.cancel();
                    return;
                }
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
    tracing::info!("shutting down: finishing what is in flight");
    shutdown.cancel();
}
