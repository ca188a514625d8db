//! The service layer: every business workflow, once. Channels turn platform
//! events into calls here and render what comes back; nothing else reaches
//! the store.
//!
//! - [`qualifier`]: a prospect's turn — load, run the engine, commit.
//! - [`sales`]: Claim / Won / Lost on an alert, and its edit.
//! - [`staff`]: the staff commands (/leads, /lead, /stats).
//! - [`intake`]: notices, dead letters, stream offsets and poller leadership.
//! - [`outbox`]: delivering what was committed, retried until delivered.
//! - [`retention`]: erasing what is kept too long.

pub mod intake;
pub mod outbox;
mod qualifier;
pub mod retention;
pub mod sales;
pub mod staff;

pub use qualifier::*;

use crate::health::Health;
use crate::metrics::Metrics;
use std::sync::Arc;

/// What every channel of a replica shares with the operator's side.
#[derive(Clone)]
pub struct Operations {
    /// This process among the replicas (random per start): the owner of the
    /// outbox rows its senders claim.
    pub replica: String,
    pub health: Health,
}

impl Operations {
    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.health.metrics
    }
}
