//! The pure core: questionnaire, state machine, scoring. No I/O, no
//! platform types, no SQL, no Fluent.

pub mod alert;
// The shared value types, where the engine's users have always found them.
pub use crate::domain::{answer, criterion, language, stage};
pub mod conversation;
pub mod engine;
pub mod group_code;
pub mod inbound;
pub mod message;
pub mod payload;
pub mod questionnaire;
pub mod report;
pub mod scoring;
pub mod staff;

pub use answer::{Answer, AnswerValue, Budget, Currency, Money, Timeframe};
pub use conversation::{Conversation, Step};
pub use criterion::Criterion;
pub use engine::{handle, Context, DataRequest, Decision, Event};
pub use inbound::{Channel, Command, ConversationKey, Inbound, Input, Profile, Unsupported};
pub use language::Language;
pub use message::{Arg, Choice, Document, Expect, Link, Msg, Outbound};
pub use questionnaire::Questionnaire;
pub use scoring::{score, Scorecard, ScoringPolicy, Status};
pub use stage::{Stage, Temperature};
