//! Channel adapters: platform events in as `Inbound`, `Outbound` rendered
//! back, for the console, Telegram and Discord.

pub mod console;
pub mod discord;
pub mod outbox;
pub mod telegram;
pub mod text;

use crate::core::{Language, Msg};
use crate::i18n::Localizer;

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
