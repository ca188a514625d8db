//! The conversation state: where the prospect is and the answers collected
//! so far. Stored as JSON with the lead, so it must stay backward compatible.

use super::answer::{Answer, AnswerValue, Budget};
use super::language::Language;
use super::stage::Stage;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The version of the privacy notice a consent was given to. Raise it when
/// the notice's text changes in substance.
///
/// 2: states how to get a copy (/mydata) and how to withdraw (/forget).
pub const NOTICE_VERSION: u32 = 2;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    pub language: Option<Language>,
    pub step: Step,
    /// Current answers by question (or follow-up) id.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// Funnel stages reached, each recorded once.
    #[serde(default)]
    pub stages: BTreeSet<Stage>,
    /// Where the lead came from (a deep-link payload); the first one counts.
    pub source: Option<String>,
    pub consent: Option<Consent>,
    /// The prospect sent /cancel; the next message resumes.
    #[serde(default)]
    pub paused: bool,
    /// Answers in a row the bot could not understand for the current step.
    #[serde(default)]
    pub failed_attempts: u8,
    /// Sales can write to them on their platform (as of their last
    /// message), contact or not.
    #[serde(default)]
    pub reachable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub at: DateTime<Utc>,
    pub notice_version: u32,
}

/// Where the conversation stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    #[default]
    New,
    /// The language question; `resume` is where to go back to afterwards.
    ChoosingLanguage {
        resume: Box<Step>,
    },
    AwaitingConsent,
    /// A question; `follow_up` is set while its follow-up is being asked.
    Asking {
        question: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        follow_up: Option<String>,
    },
    /// A budget read with a multiplier, a range or a guessed currency,
    /// echoed back for a yes before it is recorded.
    Confirming {
        question: String,
        raw: String,
        budget: Budget,
    },
    /// An answer with several readings ("50": ৳50,000 or ৳50,00,000;
    /// "after Eid": which Eid), or one reading to confirm: the prospect
    /// picks one, or says something else.
    Picking {
        question: String,
        raw: String,
        candidates: Vec<AnswerValue>,
    },
    Finished,
    Declined,
    /// /forget was sent: erase on a yes, go back to `resume` on a no.
    ConfirmingForget {
        resume: Box<Step>,
    },
}

impl Step {
    /// The question the prospect stopped at, for drop-off reports.
    pub fn question(&self) -> Option<&str> {
        match self {
            Step::Asking { question, .. }
            | Step::Confirming { question, .. }
            | Step::Picking { question, .. } => Some(question),
            Step::ChoosingLanguage { resume } | Step::ConfirmingForget { resume } => {
                resume.question()
            }
            _ => None,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Step::New => "new",
            Step::ChoosingLanguage { .. } => "choosing_language",
            Step::AwaitingConsent => "awaiting_consent",
            Step::Asking { .. } => "asking",
            Step::Confirming { .. } => "confirming",
            Step::Picking { .. } => "picking",
            Step::Finished => "finished",
            Step::Declined => "declined",
            Step::ConfirmingForget { .. } => "confirming_forget",
        }
    }
}
