//! Channel adapters: platform events in as `Inbound`, `Outbound` rendered
//! back, for the console, Telegram and Discord.

pub mod console;
pub mod discord;
pub mod telegram;
pub mod text;

pub use crate::service::Operations;
