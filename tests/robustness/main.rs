//! Robustness: fuzz-style targets (answer parsers and the engine, the
//! questionnaire loader, raw Telegram and Discord JSON) and the platforms'
//! limits as properties. `LEADBOT_FUZZ_SECS=600` turns each target into a
//! ten-minute fuzz run; see FUZZING.md.

mod chat;
mod discord_json;
mod harness;
mod inputs;
mod json;
mod limits;
mod parsers;
mod questionnaire;
mod telegram_json;
