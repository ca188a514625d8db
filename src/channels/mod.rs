//! Channel adapters: platform events in as `Inbound`, `Outbound` rendered
//! back, for the console, Telegram and Discord.

pub mod console;
pub mod discord;
pub mod outbox;
pub mod telegram;
pub mod text;

use crate::core::{Language, Msg};
use crate::health::Health;
use crate::i18n::Localizer;
use crate::metrics::Metrics;
use std::sync::Arc;

/// What every channel of a replica shares with the operator's side.
#[derive(Clone)]
pub struct Operations {
    /// This process among the replicas (random per start): the owner of the
    /// outbox rows its senders claim.
    pub replica: String,
    pub health: Health,
}

impl Operations {
    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.health.metrics
    }
}

/// One line for sales staff about a press on an alert, naming the presser
/// where the message has a `name` slot.
pub(crate) fn staff_line(
    localizer: &Localizer,
    language: Language,
    id: &str,
    name: Option<&str>,
) -> String {
    let msg = Msg::new(id);
    let msg = match name {
        Some(name) => msg.text("name", name),
        None => msg,
    };
    localizer.render(language, &msg)
}
