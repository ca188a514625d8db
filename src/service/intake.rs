//! What the channels' intake needs besides conversations: replies outside
//! any conversation, updates set aside for good, and, for a polled stream,
//! its offset and which replica polls it.

use super::Qualifier;
use crate::core::Channel;
use crate::storage::{DeadLetter, Leadership, Notice, OutboxMessage, StoreError};
use chrono::{DateTime, Utc};

impl Qualifier {
    /// Records an event that concerns no conversation (a `/start` in a
    /// group) with its reply, in one transaction: the reply's row, or
    /// `None` when the event was seen before.
    pub async fn notice(&self, notice: &Notice) -> Result<Option<OutboxMessage>, StoreError> {
        self.store.commit_notice(notice).await
    }

    /// Keeps an update that can never be applied, raw, for the operator
    /// (`leadbot dead-letters`), with its sender where the channel could
    /// tell (so that /forget erases it).
    pub async fn dead_letter(
        &self,
        channel: Channel,
        reason: &str,
        raw: String,
        user_id: Option<String>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let letter = DeadLetter {
            channel,
            reason: reason.to_owned(),
            raw,
            created_at: at,
            user_id,
        };
        self.store.record_dead_letter(&letter).await
    }

    /// The next update offset of a polled stream.
    pub async fn load_offset(&self, stream: &str) -> Result<Option<i64>, StoreError> {
        self.store.load_offset(stream).await
    }

    /// Stores a stream's next offset, after the updates before it committed.
    pub async fn save_offset(
        &self,
        stream: &str,
        next_offset: i64,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.store.save_offset(stream, next_offset, at).await
    }

    /// Tries to become the one replica that polls `stream`.
    pub async fn try_lead(&self, stream: &str) -> Result<Option<Box<dyn Leadership>>, StoreError> {
        self.store.try_lead(stream).await
    }

    /// The language a stored conversation speaks, for a message the engine
    /// did not make (an apology).
    pub async fn language_of(
        &self,
        key: &crate::core::ConversationKey,
    ) -> Result<Option<crate::core::Language>, StoreError> {
        let stored = self.store.load_conversation(key).await?;
        Ok(stored.and_then(|c| c.state.language))
    }

    /// One recipient's oldest due outbox row, held for a caller that
    /// delivers it at once (the console), which then marks it delivered.
    pub async fn next_due(
        &self,
        channel: Channel,
        recipient: &str,
        owner: &str,
    ) -> Result<Option<OutboxMessage>, StoreError> {
        let now = Utc::now();
        let claim = crate::storage::Claim {
            owner: owner.to_owned(),
            until: now + chrono::Duration::seconds(30),
        };
        let mut due = self
            .store
            .claim_outbox(channel, Some(recipient), now, 1, &claim)
            .await?;
        Ok(due.pop())
    }

    /// Marks an outbox row delivered.
    pub async fn delivered(&self, id: i64) -> Result<(), StoreError> {
        self.store.mark_delivered(id, Utc::now()).await
    }
}
