//! Builds the application from the settings: locales, questionnaire,
//! database, and the qualifier that ties them together.

use crate::configuration::{redact_url, Settings};
use crate::core::Questionnaire;
use crate::i18n::Localizer;
use crate::service::{BusinessRules, Qualifier};
use crate::storage::{self, Store};
use anyhow::Context;
use std::sync::Arc;

pub struct App {
    pub settings: Settings,
    pub localizer: Arc<Localizer>,
    pub qualifier: Arc<Qualifier>,
}

impl App {
    pub async fn build(settings: Settings) -> anyhow::Result<App> {
        let localizer = Arc::new(load_localizer(&settings)?);
        let questionnaire = Arc::new(load_questionnaire(&settings, &localizer)?);
        settings.check_against(&questionnaire)?;
        let store = open_store(&settings.database_url).await?;
        let rules = BusinessRules {
            business_name: settings.business.name.clone(),
            retention_days: settings.retention.days,
            policy: settings.scoring_policy()?,
        };
        let qualifier = Arc::new(Qualifier::new(store, questionnaire, rules));
        Ok(App {
            settings,
            localizer,
            qualifier,
        })
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        self.qualifier.store()
    }
}

pub fn load_localizer(settings: &Settings) -> anyhow::Result<Localizer> {
    Ok(Localizer::load(settings.locales_dir.as_deref())?)
}

pub fn load_questionnaire(
    settings: &Settings,
    localizer: &Localizer,
) -> anyhow::Result<Questionnaire> {
    match &settings.questionnaire {
        Some(path) => Ok(Questionnaire::load(path, |id| {
            localizer.has_everywhere(id)
        })?),
        None => Ok(Questionnaire::builtin()),
    }
}

/// Connects and brings the schema up to date, so that a fresh machine needs
/// no separate setup step.
pub async fn open_store(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    let shown = redact_url(url);
    let store = storage::connect(url)
        .await
        .with_context(|| format!("cannot open the database {shown}"))?;
    store
        .migrate()
        .await
        .with_context(|| format!("cannot migrate the database {shown}"))?;
    Ok(store)
}
