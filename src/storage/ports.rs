//! The storage port, split by role: what the conversation path, the outbox
//! sender, sales, privacy, reports and operations each need. A backend
//! implements all of them; [`Store`] is the whole, as a trait object.
//! Calling a role's methods on `dyn Store` needs the role in scope:
//! `use crate::storage::prelude::*`.

use super::*;

/// Held by the one replica that may poll a stream; see
/// [`Conversations::try_lead`].
#[async_trait]
pub trait Leadership: Send {
    /// Whether the hold is still good (the connection holding it may have
    /// died with a database restart).
    async fn still_held(&mut self) -> bool;
}

/// How a commit ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommitOutcome {
    Committed {
        lead_id: i64,
        /// The outbox rows the turn wrote, to deliver now.
        outbox: Vec<OutboxMessage>,
    },
    /// The idempotency key was already processed: nothing changed.
    Duplicate,
    /// Another turn of the same conversation committed first: load and retry.
    Conflict,
}

/// Every role: what the application holds as `Arc<dyn Store>`.
pub trait Store: Conversations + Deliveries + Sales + Privacy + Reports + Operations {}

impl<T> Store for T where T: Conversations + Deliveries + Sales + Privacy + Reports + Operations {}

/// The inbound path: conversations, their turns, and the streams they come
/// from.
#[async_trait]
pub trait Conversations: Send + Sync {
    async fn load_conversation(
        &self,
        key: &ConversationKey,
    ) -> Result<Option<StoredConversation>, StoreError>;

    async fn is_processed(
        &self,
        channel: Channel,
        idempotency_key: &str,
    ) -> Result<bool, StoreError>;

    /// Writes a turn in one transaction: the idempotency key, the lead and its
    /// state (checking the expected version), answers, stage events and the
    /// reply's outbox row.
    async fn commit_turn(&self, turn: &TurnRecord) -> Result<CommitOutcome, StoreError>;

    /// Writes several turns (of different conversations) in one
    /// transaction, each with the outcome `commit_turn` would give it: group
    /// commit. Nothing of it is visible, or acknowledged, before all commit.
    async fn commit_turns(&self, turns: &[TurnRecord]) -> Result<Vec<CommitOutcome>, StoreError> {
        let mut outcomes = Vec::with_capacity(turns.len());
        for turn in turns {
            outcomes.push(self.commit_turn(turn).await?);
        }
        Ok(outcomes)
    }

    /// Records an event that concerns no conversation (a `/start` in a group)
    /// with its reply, in one transaction: the reply's row, or `None` when
    /// the key was seen.
    async fn commit_notice(&self, notice: &Notice) -> Result<Option<OutboxMessage>, StoreError>;

    /// The group behind a deep-link code, if a notice recorded it.
    async fn group_of_code(
        &self,
        channel: Channel,
        code: &str,
    ) -> Result<Option<GroupRef>, StoreError>;

    /// Keeps an update that can never be applied, with its raw form.
    async fn record_dead_letter(&self, letter: &DeadLetter) -> Result<(), StoreError>;

    /// The next update offset of a stream (one bot's getUpdates).
    async fn load_offset(&self, stream: &str) -> Result<Option<i64>, StoreError>;

    /// Stores the next offset, after the updates before it were committed.
    async fn save_offset(
        &self,
        stream: &str,
        next_offset: i64,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// Tries to become the one replica that polls `stream`; `None` while
    /// another holds it. The hold ends when the returned value is dropped
    /// or its process dies.
    async fn try_lead(&self, stream: &str) -> Result<Option<Box<dyn Leadership>>, StoreError>;
}

/// The durable outbox, as its sender sees it.
#[async_trait]
pub trait Deliveries: Send + Sync {
    /// Takes, for each recipient of a channel, its oldest undelivered outbox
    /// row if that row is due and nobody holds it, and holds it under `claim`
    /// until it is marked. A later message never overtakes an earlier one
    /// that waits for a retry or is being sent by another replica.
    /// `recipient` narrows them to one user.
    async fn claim_outbox(
        &self,
        channel: Channel,
        recipient: Option<&str>,
        now: DateTime<Utc>,
        limit: i64,
        claim: &Claim,
    ) -> Result<Vec<OutboxMessage>, StoreError>;

    /// Extends a hold on a row still being sent (a long split reply);
    /// `false` when the hold was lost (its lease ran out and another sender
    /// took the row, or the row was settled): then the caller must not send.
    async fn renew_claim(&self, id: i64, claim: &Claim) -> Result<bool, StoreError>;

    /// Frees every hold, at start-up of a backend that one process runs
    /// (SQLite), so that rows a killed process held go out at once. A shared
    /// backend (PostgreSQL) leaves them to expire: other replicas are alive.
    async fn release_claims_at_start(&self) -> Result<u64, StoreError>;

    async fn mark_delivered(&self, id: i64, at: DateTime<Utc>) -> Result<(), StoreError>;

    /// Marks several rows delivered in one statement (a sender's round).
    async fn mark_delivered_many(&self, ids: &[i64], at: DateTime<Utc>) -> Result<(), StoreError> {
        for id in ids {
            self.mark_delivered(*id, at).await?;
        }
        Ok(())
    }

    /// Records a failed delivery attempt and when to try again.
    async fn mark_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// Records that the first `parts` messages of a split reply were accepted.
    async fn mark_parts_sent(&self, id: i64, parts: i64) -> Result<(), StoreError>;

    /// Gives up on an outbox row the platform refused for good; with
    /// `unreachable` (the user blocked the bot) its lead is marked so and the
    /// recipient's other pending rows are given up too.
    async fn give_up(
        &self,
        id: i64,
        error: &str,
        unreachable: bool,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// A destination moved (a group upgraded to a supergroup): recorded, and
    /// its pending rows and posted alerts follow it, in one transaction.
    async fn move_recipient(
        &self,
        channel: Channel,
        from: &str,
        to: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// Every recorded move: (channel, old id, new id).
    async fn recipient_moves(&self) -> Result<Vec<(Channel, String, String)>, StoreError>;

    /// Remembers the platform ids of a delivered alert's messages, so that
    /// an erasure can edit them; `false` when the alert's lead is gone (it
    /// was erased while the alert was on its way).
    async fn record_alert_messages(
        &self,
        outbox_id: i64,
        message_ids: &[String],
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
}

/// What sales staff do with leads.
#[async_trait]
pub trait Sales: Send + Sync {
    async fn list_leads(&self, filter: &LeadFilter) -> Result<Vec<LeadRow>, StoreError>;

    /// Claims a lead for a salesperson (sales-accepted) or records it won or
    /// lost, in one transaction keyed by the press's idempotency key.
    async fn sales_action(&self, action: &SalesAction) -> Result<SalesOutcome, StoreError>;
}

/// The prospect's data rights and retention.
#[async_trait]
pub trait Privacy: Send + Sync {
    /// Everything stored about a prospect; `None` when nothing is.
    async fn subject_data(&self, key: &ConversationKey) -> Result<Option<SubjectData>, StoreError>;

    /// Erases every row about a prospect — lead, state, answers, stage
    /// events, outbox rows, processed-event keys, alert references — and
    /// queues the farewell and an edit of each sales alert, in one
    /// transaction.
    async fn erase(&self, erasure: &Erasure) -> Result<EraseOutcome, StoreError>;

    /// Retention: erases leads untouched since `cutoff`, except that won
    /// and lost leads keep their non-personal aggregates (stage events,
    /// temperature, source, language); also notices and keys of no lead
    /// older than that. Each sales alert of those leads is edited to
    /// `alert_edit`, whose first paragraph gets the lead's number as `lead`.
    async fn erase_expired(
        &self,
        cutoff: DateTime<Utc>,
        alert_edit: &Outbound,
    ) -> Result<RetentionReport, StoreError>;
}

/// Read-only views for the operator and the sales manager.
#[async_trait]
pub trait Reports: Send + Sync {
    /// The funnel of leads created since `since`: how many reached each
    /// stage, where unfinished questionnaires stopped, and results per source.
    async fn funnel(&self, since: DateTime<Utc>) -> Result<Funnel, StoreError>;

    /// Every lead with its current answers and stage events.
    async fn export(&self) -> Result<Vec<LeadExport>, StoreError>;

    /// Outbox depth and age per channel, leads per temperature.
    async fn gauges(&self) -> Result<Gauges, StoreError>;

    /// The newest dead letters first.
    async fn dead_letters(&self, limit: i64) -> Result<Vec<DeadLetter>, StoreError>;
}

/// The schema and the database's health: what differs most per backend.
#[async_trait]
pub trait Operations: Send + Sync {
    /// Creates or upgrades the schema.
    async fn migrate(&self) -> Result<(), StoreError>;

    /// Ready to serve: the database takes a committed write and every
    /// migration this build knows is applied.
    async fn check_ready(&self) -> Result<(), StoreError>;

    /// Called once at shutdown, after the last write: SQLite copies its WAL
    /// into the database file, so that the file alone holds everything.
    async fn close(&self) {}
}
