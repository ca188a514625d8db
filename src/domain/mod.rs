//! The value types everything else shares — answers, money, timeframes,
//! currencies, languages, criteria, stages. The bottom layer: it imports
//! nothing of the crate, so that `parse` and `core` can both build on it
//! without importing each other.

pub mod answer;
pub mod criterion;
pub mod language;
pub mod stage;

pub use answer::{Answer, AnswerValue, Budget, Currency, Festival, Money, Timeframe};
pub use criterion::Criterion;
pub use language::Language;
pub use stage::{Stage, Temperature};
