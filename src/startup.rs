//! Builds the application from the settings: locales, questionnaire,
//! database, and the qualifier that ties them together.

use crate::configuration::{redact_url, Settings};
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
            policy: settings.scoring_policy()?,
            sales: sales_routing(&settings)?,
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
        language: settings.sales_language()?,
        staff,
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
