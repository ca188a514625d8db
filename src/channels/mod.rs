//! Channel adapters: platform events in as `Inbound`, `Outbound` rendered
//! back. Only the console exists so far; Telegram and Discord follow.

pub mod console;
pub mod discord;
pub mod outbox;
pub mod telegram;
pub mod text;
