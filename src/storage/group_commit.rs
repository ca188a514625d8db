//! Group commit: the turns of many conversations handled at the same moment
//! are written in one transaction. Each caller still waits for its own
//! outcome, which it gets only after that transaction committed, so nothing
//! is acknowledged early; one transaction instead of many is what lets a
//! single SQLite writer keep up with thousands of prospects.

use super::{CommitOutcome, Store, StoreError, TurnRecord};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// The most turns in one transaction: long enough to amortise the commit,
/// short enough that the first turn in it does not wait long.
const MAX_BATCH: usize = 256;

type Reply = oneshot::Sender<Result<CommitOutcome, StoreError>>;

#[derive(Clone)]
pub struct GroupCommit {
    queue: mpsc::UnboundedSender<(TurnRecord, Reply)>,
}

impl GroupCommit {
    /// Starts the committer on the current runtime. It ends when the last
    /// `GroupCommit` handle is dropped.
    pub fn start(store: Arc<dyn Store>) -> GroupCommit {
        let (queue, mut waiting) = mpsc::unbounded_channel::<(TurnRecord, Reply)>();
        tokio::spawn(async move {
            let mut turns = Vec::with_capacity(MAX_BATCH);
            let mut replies = Vec::with_capacity(MAX_BATCH);
            while let Some((turn, reply)) = waiting.recv().await {
                turns.push(turn);
                replies.push(reply);
                // Whatever queued up while the last transaction ran goes
                // into this one.
                while turns.len() < MAX_BATCH {
                    let Ok((turn, reply)) = waiting.try_recv() else {
                        break;
                    };
                    turns.push(turn);
                    replies.push(reply);
                }
                let committed = if turns.len() == 1 {
                    store.commit_turn(&turns[0]).await.map(|o| vec![o])
                } else {
                    match store.commit_turns(&turns).await {
                        // One turn the database refuses (or a deadlock with
                        // another replica) must not fail the others: each
                        // goes on its own, and only the bad one fails.
                        Err(error) if !error.is_unreachable() => {
                            tracing::warn!(%error, turns = turns.len(), "a group commit failed; committing its turns one by one");
                            let mut outcomes = Vec::with_capacity(turns.len());
                            for turn in &turns {
                                outcomes.push(store.commit_turn(turn).await);
                            }
                            for (reply, outcome) in replies.drain(..).zip(outcomes) {
                                let _ = reply.send(outcome);
                            }
                            turns.clear();
                            continue;
                        }
                        other => other,
                    }
                };
                match committed {
                    Ok(outcomes) => {
                        for (reply, outcome) in replies.drain(..).zip(outcomes) {
                            let _ = reply.send(Ok(outcome));
                        }
                    }
                    Err(error) => {
                        let error = Arc::new(error);
                        for reply in replies.drain(..) {
                            let _ = reply.send(Err(StoreError::Shared(error.clone())));
                        }
                    }
                }
                turns.clear();
            }
        });
        GroupCommit { queue }
    }

    /// Commits a turn with whatever else is waiting; returns after the
    /// transaction that holds it committed (or failed).
    pub async fn commit(&self, turn: TurnRecord) -> Result<CommitOutcome, StoreError> {
        let (reply, outcome) = oneshot::channel();
        self.queue
            .send((turn, reply))
            .map_err(|_| StoreError::Stopped)?;
        outcome.await.map_err(|_| StoreError::Stopped)?
    }
}
