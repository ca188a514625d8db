//! What goes in and out of the store.

use crate::core::{
    Channel, Conversation, ConversationKey, Criterion, Event, Language, Outbound, Stage,
    Temperature,
};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// A conversation as stored, with the version to commit against.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredConversation {
    pub lead_id: i64,
    pub version: i64,
    pub state: Conversation,
}

/// Everything one handled inbound event changes.
#[derive(Debug, Clone)]
pub struct TurnRecord {
    pub key: ConversationKey,
    pub idempotency_key: String,
    pub at: DateTime<Utc>,
    /// `None` when the conversation is new.
    pub expected_version: Option<i64>,
    /// The lead that version belongs to: after an erasure a new lead of the
    /// same prospect counts versions afresh, and a stale turn must not land
    /// on it. `None` skips the check.
    pub lead_id: Option<i64>,
    pub display_name: Option<String>,
    pub state: Conversation,
    pub view: LeadView,
    pub events: Vec<Event>,
    pub reply: Option<Outbound>,
    /// Hot-lead alerts to the sales team, one per destination.
    pub alerts: Vec<Alert>,
    /// The lead's posted alerts, edited to this (each one's first message),
    /// when an alerted lead changed an answer.
    pub alert_edit: Option<Outbound>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub channel: Channel,
    pub recipient: String,
    pub payload: Outbound,
}

/// The lead's standing, as the engine derived it from its state, stored
/// in columns so that listings and reports need not parse state JSON.
pub use crate::core::engine::LeadView;

/// A platform event outside any conversation, and the reply it gets.
#[derive(Debug, Clone)]
pub struct Notice {
    pub channel: Channel,
    pub idempotency_key: String,
    pub recipient: String,
    pub at: DateTime<Utc>,
    pub reply: Outbound,
    /// The group the notice answers, when its button links with the
    /// group's code: recorded with it.
    pub group: Option<GroupRef>,
}

/// A group behind a deep-link code (see `core::group_code`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRef {
    pub code: String,
    pub chat_id: String,
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub channel: Channel,
    pub recipient: String,
    pub lead_id: Option<i64>,
    pub kind: OutboxKind,
    pub payload: Outbound,
    pub attempts: i64,
    /// Messages of a split reply already accepted by the platform.
    pub parts_sent: i64,
}

/// Why an outbox row exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxKind {
    /// The answer to a prospect's message.
    Reply,
    /// A hot-lead alert to a sales destination.
    Alert,
    /// A reply outside any conversation (a group, a staff command), or an
    /// alert edited to say its lead withdrew.
    Notice,
    /// The last message to a prospect who had everything erased: deleted,
    /// not kept, once delivered, so that nothing about them remains.
    Farewell,
}

impl OutboxKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reply => "reply",
            Self::Alert => "alert",
            Self::Notice => "notice",
            Self::Farewell => "farewell",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Reply, Self::Alert, Self::Notice, Self::Farewell]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// A sender's hold on the outbox rows it is delivering. Until `until`, no
/// other sender (in this process or another replica) takes them; a sender
/// that dies lets them go when the lease runs out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The replica holding the rows (random per process).
    pub owner: String,
    pub until: DateTime<Utc>,
}

/// What the operator's gauges show, read at scrape time.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Gauges {
    /// Per channel: undelivered rows and when the oldest was written.
    pub outbox: Vec<OutboxGauge>,
    /// Leads by temperature.
    pub leads: Vec<(Temperature, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxGauge {
    pub channel: Channel,
    pub depth: i64,
    pub oldest: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Default)]
pub struct LeadFilter {
    pub temperature: Option<Temperature>,
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadRow {
    pub id: i64,
    pub channel: Channel,
    pub user_id: String,
    pub display_name: Option<String>,
    pub language: Option<Language>,
    pub source: Option<String>,
    pub stage: Option<Stage>,
    pub temperature: Temperature,
    pub met_criteria: Vec<Criterion>,
    pub step: String,
    pub current_question: Option<String>,
    pub consent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerRow {
    pub question_id: String,
    pub criterion: Criterion,
    pub raw_text: String,
    pub value: serde_json::Value,
    pub answered_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageRow {
    pub stage: Stage,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadExport {
    #[serde(flatten)]
    pub lead: LeadRow,
    pub answers: Vec<AnswerRow>,
    pub stages: Vec<StageRow>,
}

/// The funnel report's numbers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Funnel {
    pub leads: i64,
    /// Leads that reached each stage, in funnel order.
    pub stages: Vec<(Stage, i64)>,
    /// Unfinished questionnaires by the question they stopped at.
    pub drop_off: Vec<(String, i64)>,
    pub sources: Vec<SourceFunnel>,
    /// Prospects who declined the privacy notice (counted, never stored).
    pub declined: i64,
    /// Each sales-qualified lead: who claimed it and how long it waited
    /// (seconds; `None` while unclaimed).
    pub claims: Vec<ClaimWait>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimWait {
    pub claimed_by: Option<String>,
    pub waited_secs: Option<i64>,
}

/// How long hot leads waited to be claimed: median and 90th percentile in
/// seconds (nearest rank), over `claimed` leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimTimes {
    pub claimed: usize,
    pub median_secs: Option<i64>,
    pub p90_secs: Option<i64>,
}

impl ClaimTimes {
    pub fn of(waits: impl IntoIterator<Item = i64>) -> ClaimTimes {
        let mut waits: Vec<i64> = waits.into_iter().collect();
        waits.sort_unstable();
        let rank = |q: f64| -> Option<i64> {
            if waits.is_empty() {
                return None;
            }
            let index = ((q * waits.len() as f64).ceil() as usize).clamp(1, waits.len()) - 1;
            Some(waits[index])
        };
        ClaimTimes {
            claimed: waits.len(),
            median_secs: rank(0.5),
            p90_secs: rank(0.9),
        }
    }
}

impl Funnel {
    /// Hot leads nobody has claimed yet.
    pub fn unclaimed(&self) -> usize {
        self.claims
            .iter()
            .filter(|c| c.waited_secs.is_none())
            .count()
    }

    /// Time to claim over every claimed lead.
    pub fn claim_times(&self) -> ClaimTimes {
        ClaimTimes::of(self.claims.iter().filter_map(|c| c.waited_secs))
    }

    /// Time to claim per salesperson, by name.
    pub fn claim_times_by_assignee(&self) -> Vec<(String, ClaimTimes)> {
        let mut names: Vec<String> = self
            .claims
            .iter()
            .filter_map(|c| c.claimed_by.clone())
            .collect();
        names.sort();
        names.dedup();
        names
            .into_iter()
            .map(|name| {
                let waits = self
                    .claims
                    .iter()
                    .filter(|c| c.claimed_by.as_deref() == Some(name.as_str()))
                    .filter_map(|c| c.waited_secs);
                let times = ClaimTimes::of(waits);
                (name, times)
            })
            .collect()
    }

    /// Leads that reached `stage`; zero when the window holds none.
    pub fn count(&self, stage: Stage) -> i64 {
        self.stages
            .iter()
            .find(|(s, _)| *s == stage)
            .map_or(0, |(_, n)| *n)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceFunnel {
    /// `None` for leads that came without a deep-link or server.
    pub source: Option<String>,
    pub leads: i64,
    pub marketing_qualified: i64,
    pub sales_qualified: i64,
    pub won: i64,
}

/// A salesperson's press on an alert button.
#[derive(Debug, Clone)]
pub struct SalesAction {
    pub channel: Channel,
    pub idempotency_key: String,
    pub lead_id: i64,
    pub kind: SalesActionKind,
    /// The staff member's platform id and name.
    pub staff_id: String,
    pub staff_name: String,
    pub at: DateTime<Utc>,
    /// The alert message the button was pressed on: a press counts only on
    /// an alert recorded for that very lead, so that a forged `claim:2`
    /// on lead #1's alert does nothing.
    pub pressed_on: AlertMessage,
    /// The alert's edit, queued in the outbox (to `pressed_on`) in the same
    /// transaction when the action is recorded: durable, retried, and in
    /// order with everything else sent to that chat.
    pub edit: Option<crate::core::Outbound>,
}

/// A posted alert: the sales chat and the platform's message id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertMessage {
    pub recipient: String,
    pub message_id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SalesActionKind {
    Claim,
    Won,
    Lost,
}

impl From<crate::core::alert::SalesButton> for SalesActionKind {
    fn from(button: crate::core::alert::SalesButton) -> Self {
        use crate::core::alert::SalesButton;
        match button {
            SalesButton::Claim => Self::Claim,
            SalesButton::Won => Self::Won,
            SalesButton::Lost => Self::Lost,
        }
    }
}

/// What a press did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SalesOutcome {
    /// The lead is now sales-accepted and assigned to the presser.
    Claimed,
    /// Someone else has it.
    AlreadyClaimed { by: String },
    /// Won or lost recorded (or recorded before: a stage is recorded once).
    Recorded,
    /// Won or lost before anyone claimed the lead.
    NotClaimed,
    /// Won or lost pressed by someone other than the one who claimed it.
    NotTheirs { by: String },
    /// The lead's result is recorded already (won or lost, by `by`): final.
    AlreadyDecided { won: bool, by: String },
    /// No such lead, or the button was not pressed on its alert.
    NoSuchLead,
    /// The same press delivered again.
    Duplicate,
}

/// Everything stored about one prospect, for their /mydata copy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubjectData {
    #[serde(flatten)]
    pub lead: LeadRow,
    /// The privacy notice version the consent was given to.
    pub consent_version: Option<i64>,
    /// The salesperson who took the lead on.
    pub assigned_to: Option<String>,
    /// When a message to them was refused for good (they blocked the bot).
    pub unreachable_at: Option<DateTime<Utc>>,
    /// Every answer ever given, superseded ones included.
    pub answers: Vec<SubjectAnswer>,
    pub stages: Vec<StageRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubjectAnswer {
    #[serde(flatten)]
    pub answer: AnswerRow,
    /// Whether it still counts (a later answer or /restart supersedes).
    pub current: bool,
}

/// A confirmed /forget: erase every row about the prospect, in one
/// transaction keyed by the confirming event.
#[derive(Debug, Clone)]
pub struct Erasure {
    pub key: ConversationKey,
    /// The (lead id, version) the erasure was decided on; another version
    /// means the conversation moved on, and the erasure conflicts.
    pub expected: Option<(i64, i64)>,
    pub idempotency_key: String,
    pub at: DateTime<Utc>,
    /// The prospect's last message from us.
    pub farewell: Outbound,
    /// Replaces each sales alert posted about the lead (its `edit` is
    /// filled per alert).
    pub withdrawal: Outbound,
    /// Set when the erasure is a declined privacy notice: counted,
    /// anonymously, in the same transaction.
    pub declined: Option<Declined>,
}

/// One declined privacy notice, as it is counted: the day (the business's
/// calendar), where the prospect came from and their language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declined {
    pub day: chrono::NaiveDate,
    pub source: Option<String>,
    pub language: Option<crate::core::Language>,
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EraseOutcome {
    /// Erased (`lead_id` is `None` when nothing was stored); the farewell
    /// and alert edits to deliver.
    Erased {
        lead_id: Option<i64>,
        outbox: Vec<OutboxMessage>,
    },
    /// The confirming event was handled before.
    Duplicate,
    /// The conversation changed since the erasure was decided: decide again.
    Conflict,
}

/// What a retention run erased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RetentionReport {
    /// Leads erased entirely.
    pub erased: u64,
    /// Won or lost leads reduced to non-personal aggregates.
    pub anonymized: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_times_take_the_nearest_rank_and_are_empty_without_claims() {
        let times = ClaimTimes::of([600, 60, 120, 3600, 300, 180, 240, 420, 540, 480]);
        assert_eq!(times.claimed, 10);
        assert_eq!(times.median_secs, Some(300));
        assert_eq!(times.p90_secs, Some(600));
        let one = ClaimTimes::of([90]);
        assert_eq!((one.median_secs, one.p90_secs), (Some(90), Some(90)));
        let none = ClaimTimes::of([]);
        assert_eq!(
            (none.claimed, none.median_secs, none.p90_secs),
            (0, None, None)
        );
    }
}
