//! The outbox sender every channel shares: delivers committed replies in
//! order per recipient, paced inside the platform's limits, retrying until
//! accepted, and marks a reply delivered only after the platform accepted
//! it. A `Transport` knows one platform's rendering and API.

use crate::core::Channel;
use crate::metrics::{ErrorKind, Metrics};
use crate::storage::{Claim, OutboxKind, OutboxMessage, Store};
use async_trait::async_trait;
use chrono::Utc;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, Notify};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
mod pacing;
mod reservation;
use pacing::Limits;
pub use reservation::Reservation;

/// The longest one platform call may take before it counts as a timeout.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a claimed outbox row stays ours: a replica that dies mid-send
/// lets its rows go to the others after this. Renewed while a long split
/// reply is still going out.
pub const LEASE: Duration = Duration::from_secs(30);

/// The window the global rate is counted over: a second, and a little more,
/// because the platform counts arrivals and network delays vary; without
/// the margin a burst at exactly the limit earns 429s.
const RATE_WINDOW: Duration = Duration::from_millis(1050);

/// How often a round that is still going marks what it delivered.
const FLUSH_EVERY: Duration = Duration::from_secs(1);

/// What became of one delivery attempt.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Delivered,
    /// Delivered as the platform message with this id (kept for alerts, so
    /// that an erasure can edit them).
    Posted(String),
    /// Rate limited: try again exactly this much later.
    RetryAfter(Duration),
    /// 5xx, a timeout, a broken connection: try again with backoff.
    Transient(String),
    /// Refused for good. `unreachable`: the user blocked the bot, left, or
    /// closed their DMs; otherwise the message itself was bad (a dead letter).
    Permanent {
        error: String,
        unreachable: bool,
    },
    /// Not sent: the hold on the row ran out and another sender has it now.
    /// Nothing to record; that sender records it.
    Lost,
    /// Not sent: the chat moved to this id (a Telegram group upgraded to a
    /// supergroup).
    Moved(String),
}

/// Whether a sales destination's refusal is the destination's own (the bot
/// removed or blocked, no right to post, the chat gone or moved), and then
/// what the operator can do; `None` for a refusal of the message itself.
pub fn destination_fix(error: &str, unreachable: bool) -> Option<&'static str> {
    let error = error.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| error.contains(w));
    if has(&["became a supergroup", "upgraded to a supergroup", "migrate"]) {
        return Some("the group became a supergroup: put its new id in sales.telegram_chats");
    }
    if has(&["kicked", "not a member", "removed", "deactivated"]) {
        return Some("add the bot back to the group or channel");
    }
    if has(&["not found", "unknown channel", "10003"]) {
        return Some("check the id in sales.telegram_chats / sales.discord_channels");
    }
    if has(&[
        "rights",
        "permission",
        "missing access",
        "50001",
        "50013",
        "forbidden",
    ]) || unreachable
    {
        return Some("let the bot post there (group or channel permissions)");
    }
    None
}

/// A platform's limits, as the sender keeps them.
#[derive(Debug, Clone, Copy)]
pub struct Pacing {
    /// Least time between two messages to one private chat.
    pub per_chat_interval_ms: u64,
    /// The same for group chats (recipients starting with '-' or "channel:").
    pub group_interval_ms: u64,
    /// Messages a second over all chats; 0 for no limit.
    pub global_per_second: u32,
}

/// One platform: how a reply looks there and how a part of it is sent.
#[async_trait]
pub trait Transport: Send + Sync + 'static {
    /// One platform message.
    type Part: Send + 'static;

    fn channel(&self) -> Channel;

    /// The platform messages an outbox row takes (a long reply is split).
    fn render(&self, message: &OutboxMessage) -> Vec<Self::Part>;

    async fn send(&self, recipient: &str, part: Self::Part) -> Outcome;
}

/// How long to wait before the n-th retry of a transient failure.
pub fn backoff(attempts: i64) -> Duration {
    let exponent = attempts.clamp(0, 16) as u32;
    Duration::from_millis(500u64.saturating_mul(1 << exponent)).min(Duration::from_secs(60))
}

pub struct Sender<T: Transport> {
    pub transport: T,
    pub store: Arc<dyn Store>,
    pub pacing: Pacing,
    /// Rung when a turn committed new replies.
    pub wake: Arc<Notify>,
    /// Rows being delivered right now (by the loop or `deliver_now`): never
    /// two deliveries of one row at once.
    in_flight: std::sync::Mutex<std::collections::HashSet<i64>>,
    /// Recipients whose next row `deliver_now` is about to send: the loop
    /// leaves them alone (see [`Sender::reserve`]).
    reserved: std::sync::Mutex<std::collections::HashSet<String>>,
    /// This replica, as the owner of the outbox rows it claims.
    owner: String,
    metrics: Arc<Metrics>,
    /// The sales chats or channels: their refusals are theirs, never a
    /// prospect's, and their alerts wait for them (and follow their moves).
    routing: super::SalesRouting,
    /// Those refusing the bot now (logged once when each goes down).
    sales_down: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl<T: Transport> Sender<T> {
    /// A sender for this replica; `wake` is rung when turns commit replies.
    pub fn new(
        transport: T,
        qualifier: &super::Qualifier,
        pacing: Pacing,
        wake: Arc<Notify>,
        ops: &super::Operations,
    ) -> Arc<Sender<T>> {
        let channel = transport.channel();
        let routing = qualifier.rules.sales.clone();
        for (_, destination) in routing.destinations.iter().filter(|(c, _)| *c == channel) {
            ops.metrics()
                .set_sales_destination(channel, destination, true, "");
        }
        Arc::new(Sender {
            routing,
            sales_down: Default::default(),
            transport,
            store: qualifier.store.clone(),
            pacing,
            wake,
            in_flight: Default::default(),
            reserved: Default::default(),
            owner: ops.replica.clone(),
            metrics: ops.metrics().clone(),
        })
    }

    /// Runs until `shutdown`, then keeps delivering what is due for at most
    /// `drain` before returning.
    pub async fn run(self: Arc<Self>, shutdown: CancellationToken, drain: Duration) {
        let this = self;
        let channel = this.transport.channel();
        let limits = Arc::new(Limits::default());
        let mut next_allowed: HashMap<String, Instant> = HashMap::new();
        let mut deadline: Option<Instant> = None;
        let mut database_away = false;
        // Moves learnt earlier, by any replica.
        match this.store.recipient_moves().await {
            Ok(moves) => {
                for (moved_channel, from, to) in moves {
                    this.routing.add_move(moved_channel, &from, &to);
                }
            }
            Err(error) => {
                tracing::warn!(%error, "cannot read the sales chats' moves; learnt again as they happen")
            }
        }
        loop {
            if shutdown.is_cancelled() && deadline.is_none() {
                deadline = Some(Instant::now() + drain);
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return;
            }
            let claim = this.claim_until_lease_end();
            let due = match this
                .store
                .claim_outbox(channel, None, Utc::now(), 100, &claim)
                .await
            {
                Ok(due) => {
                    if std::mem::take(&mut database_away) {
                        tracing::info!("the database is reachable again; delivering the outbox");
                    }
                    due
                }
                Err(error) => {
                    database_away = true;
                    this.metrics.error(ErrorKind::Database);
                    if error.is_unreachable() {
                        tracing::error!(%error, "the database is unreachable; the outbox waits for it");
                    } else {
                        tracing::error!(%error, "cannot read the outbox; retrying");
                    }
                    this.pause(&shutdown, deadline, Duration::from_secs(1))
                        .await;
                    continue;
                }
            };
            if due.is_empty() && deadline.is_some() {
                return;
            }
            let now = Instant::now();
            next_allowed.retain(|_, at| *at > now);
            let (reserved, due): (Vec<_>, Vec<_>) = due
                .into_iter()
                .partition(|m| this.is_reserved(&m.recipient));
            for message in &reserved {
                // `deliver_now` sends this one: hand it back, due at once.
                let back = Claim {
                    owner: this.owner.clone(),
                    until: Utc::now(),
                };
                if let Err(error) = this.store.renew_claim(message.id, &back).await {
                    tracing::warn!(outbox_id = message.id, %error, "cannot hand a reserved row back");
                }
            }
            let (ready, waiting): (Vec<_>, Vec<_>) = due
                .into_iter()
                .filter(|m| this.hold(m.id))
                .partition(|m| next_allowed.get(&m.recipient).is_none_or(|at| *at <= now));
            for message in &waiting {
                // Its chat is paced: hand the row back, due when the pace allows.
                let allowed = next_allowed
                    .get(&message.recipient)
                    .map_or(Duration::ZERO, |at| at.saturating_duration_since(now));
                let back = Claim {
                    owner: this.owner.clone(),
                    until: Utc::now() + chrono::Duration::from_std(allowed).unwrap_or_default(),
                };
                if let Err(error) = this.store.renew_claim(message.id, &back).await {
                    tracing::warn!(outbox_id = message.id, %error, "cannot hand a paced row back; it waits for its lease");
                }
                this.release(message.id);
            }
            let earliest_wait = waiting
                .iter()
                .filter_map(|m| next_allowed.get(&m.recipient))
                .map(|at| *at - now)
                .min();
            let idle = ready.is_empty();
            let delivered: Arc<std::sync::Mutex<Vec<i64>>> = Default::default();
            // One row per recipient (the store hands out each one's oldest),
            // so recipients go side by side and a slow one holds up no other.
            let deliveries = ready.into_iter().map(|message| {
                let this = this.clone();
                let limits = limits.clone();
                let delivered = delivered.clone();
                async move {
                    if this.redirect_if_moved(&message).await {
                        this.release(message.id);
                        return message.recipient;
                    }
                    let outcome = match deadline {
                        Some(d) => tokio::time::timeout_at(d, this.deliver(&message, &limits))
                            .await
                            .unwrap_or_else(|_| Outcome::Transient("shutting down".into())),
                        None => this.deliver(&message, &limits).await,
                    };
                    // Deliveries are marked together, at least every
                    // FLUSH_EVERY: one write for many, and never so late that
                    // the lease runs out and another replica sends again.
                    if outcome == Outcome::Delivered {
                        this.destination_up(&message);
                        this.metrics
                            .message_sent(message.channel, message.kind == OutboxKind::Alert);
                        delivered
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push(message.id);
                    } else {
                        this.record(&message, outcome).await;
                        this.release(message.id);
                    }
                    message.recipient
                }
            });
            let round = futures_util::future::join_all(deliveries);
            tokio::pin!(round);
            let recipients = loop {
                tokio::select! {
                    recipients = &mut round => break recipients,
                    _ = tokio::time::sleep(FLUSH_EVERY) => this.flush(&delivered).await,
                }
            };
            this.flush(&delivered).await;
            for recipient in recipients {
                let interval = this.interval_for(&recipient);
                next_allowed.insert(recipient, Instant::now() + interval);
            }
            let wait = match (idle, earliest_wait) {
                (_, Some(wait)) => wait,
                (true, None) => Duration::from_millis(500),
                (false, None) => Duration::ZERO,
            };
            if !wait.is_zero() {
                this.pause(&shutdown, deadline, wait).await;
            }
        }
    }

    /// Delivers one row now, outside the loop (a first DM whose failure the
    /// caller must know at once), and records the outcome.
    pub async fn deliver_now(&self, message: &OutboxMessage) -> Outcome {
        // Claimed like the loop claims: another replica may be at it.
        // A reserved recipient's row may be in the loop's hands for the
        // moment it takes to hand it back: a few tries.
        let mut tries = 0;
        let message = loop {
            let claimed = self
                .store
                .claim_outbox(
                    message.channel,
                    Some(&message.recipient),
                    Utc::now(),
                    1,
                    &self.claim_until_lease_end(),
                )
                .await;
            match claimed {
                Ok(mut rows) if !rows.is_empty() => break rows.remove(0),
                Ok(_) if tries < 5 => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Ok(_) => return Outcome::Transient("already being delivered".into()),
                Err(error) => {
                    return Outcome::Transient(format!("cannot claim the reply: {error}"))
                }
            }
        };
        let message = &message;
        if !self.hold(message.id) {
            // The loop has it already: it will deliver it.
            return Outcome::Transient("already being delivered".into());
        }
        let limits = Limits::default();
        let outcome = self.deliver(message, &limits).await;
        let reported = match &outcome {
            Outcome::Delivered | Outcome::Posted(_) => Outcome::Delivered,
            Outcome::RetryAfter(wait) => Outcome::RetryAfter(*wait),
            Outcome::Transient(error) => Outcome::Transient(error.clone()),
            Outcome::Permanent { error, unreachable } => Outcome::Permanent {
                error: error.clone(),
                unreachable: *unreachable,
            },
            Outcome::Lost => Outcome::Transient("another sender has it".into()),
            Outcome::Moved(to) => Outcome::Transient(format!("the chat moved to {to}")),
        };
        self.record(message, outcome).await;
        self.release(message.id);
        reported
    }

    /// Marks the rows delivered so far in this round.
    async fn flush(&self, delivered: &std::sync::Mutex<Vec<i64>>) {
        let ids = std::mem::take(&mut *delivered.lock().unwrap_or_else(|e| e.into_inner()));
        if ids.is_empty() {
            return;
        }
        if let Err(error) = self.store.mark_delivered_many(&ids, Utc::now()).await {
            // Not recorded: the rows are sent again after their lease, the
            // at-least-once side of "nothing lost".
            self.metrics.error(ErrorKind::Database);
            tracing::error!(%error, rows = ids.len(), "cannot record deliveries");
        }
        for id in ids {
            self.release(id);
        }
    }

    fn claim_until_lease_end(&self) -> Claim {
        Claim {
            owner: self.owner.clone(),
            until: Utc::now() + chrono::Duration::from_std(LEASE).unwrap_or_default(),
        }
    }

    async fn deliver(&self, message: &OutboxMessage, limits: &Limits) -> Outcome {
        let already = message.parts_sent.max(0) as usize;
        let parts = self.transport.render(message);
        let part_count = parts.len();
        let mut claimed_at = Instant::now();
        let mut posted = Vec::new();
        // A retry resumes after the parts the platform already accepted.
        for (index, part) in parts.into_iter().enumerate().skip(already) {
            if index > already {
                tokio::time::sleep(self.interval_for(&message.recipient)).await;
            }
            self.take_slot(limits).await;
            if claimed_at.elapsed() > LEASE / 3 {
                // Still sending: keep the row ours, and if another sender
                // took it meanwhile (a long wait outlived the lease), leave
                // it to that one.
                match self
                    .store
                    .renew_claim(message.id, &self.claim_until_lease_end())
                    .await
                {
                    Ok(true) => {}
                    Ok(false) => return Outcome::Lost,
                    Err(error) => {
                        tracing::warn!(outbox_id = message.id, %error, "cannot renew a claim");
                        return Outcome::Transient("cannot renew the claim".into());
                    }
                }
                claimed_at = Instant::now();
            }
            let outcome =
                tokio::time::timeout(SEND_TIMEOUT, self.transport.send(&message.recipient, part))
                    .await
                    .unwrap_or_else(|_| {
                        Outcome::Transient("the platform did not answer in time".into())
                    });
            if let Outcome::RetryAfter(wait) = outcome {
                limits.pause(Instant::now() + wait);
            }
            match outcome {
                Outcome::Delivered => {}
                Outcome::Posted(id) => posted.push(id),
                other => return other,
            }
            // After the last part, marking the row delivered says it all.
            if index + 1 == part_count {
                if message.kind == OutboxKind::Alert {
                    self.remember_alert(message, &posted).await;
                }
                break;
            }
            if let Err(error) = self
                .store
                .mark_parts_sent(message.id, index as i64 + 1)
                .await
            {
                tracing::error!(outbox_id = message.id, %error, "cannot record a sent part");
            }
        }
        Outcome::Delivered
    }

    /// Keeps where an alert was posted. If its lead was erased while the
    /// alert was on its way, the alert is edited to say so at once.
    async fn remember_alert(&self, message: &OutboxMessage, posted: &[String]) {
        if posted.is_empty() {
            return;
        }
        match self
            .store
            .record_alert_messages(message.id, posted, Utc::now())
            .await
        {
            Ok(true) => {}
            Ok(false) => {
                // Queued like any message, so that it is paced and retried.
                let lead = message.lead_id.unwrap_or_default();
                for (n, id) in posted.iter().enumerate() {
                    let notice = crate::storage::Notice {
                        group: None,
                        channel: message.channel,
                        idempotency_key: format!("withdrawn:{}:{n}", message.id),
                        recipient: message.recipient.clone(),
                        at: Utc::now(),
                        reply: crate::core::Outbound {
                            edit: Some(id.clone()),
                            ..crate::core::alert::withdrawn(lead, message.payload.language)
                        },
                    };
                    if let Err(error) = self.store.commit_notice(&notice).await {
                        tracing::error!(outbox_id = message.id, %error, "cannot queue the edit of an erased lead's alert");
                    }
                }
                tracing::info!(
                    outbox_id = message.id,
                    "the alert's lead was erased on the way; edit queued"
                );
            }
            Err(error) => {
                tracing::warn!(outbox_id = message.id, %error, "cannot record where an alert was posted");
            }
        }
    }

    /// A sales chat moved (a Telegram group upgraded to a supergroup): its
    /// waiting alerts and posted alerts follow it at once, and so does
    /// every later alert and staff command; the operator is told to update
    /// the configuration.
    async fn follow_move(&self, channel: Channel, from: &str, to: &str) {
        match self
            .store
            .move_recipient(channel, from, to, Utc::now())
            .await
        {
            Ok(()) => {
                self.routing.add_move(channel, from, to);
                tracing::warn!(
                    %channel,
                    from,
                    to,
                    "the sales group became a supergroup: alerts go to its new id from now on; put {to} in place of {from} in sales.telegram_chats"
                );
            }
            Err(error) => {
                self.metrics.error(ErrorKind::Database);
                tracing::error!(%error, from, to, "cannot record that a sales chat moved; retrying");
            }
        }
    }

    /// Rows claimed for a destination known to have moved (queued by a
    /// replica that had not learnt it yet) are re-pointed first; `true`
    /// when this row was.
    async fn redirect_if_moved(&self, message: &OutboxMessage) -> bool {
        let Some(now) = self.routing.moved_to(message.channel, &message.recipient) else {
            return false;
        };
        self.follow_move(message.channel, &message.recipient, &now)
            .await;
        true
    }

    /// A sales destination took a message: it is up (again).
    fn destination_up(&self, message: &OutboxMessage) {
        if !self
            .routing
            .is_sales_chat(message.channel, &message.recipient)
        {
            return;
        }
        let was_down = self
            .sales_down
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&message.recipient);
        if was_down {
            tracing::info!(destination = %message.recipient, "the sales chat takes the bot's messages again; waiting alerts go out in order");
        }
        self.metrics
            .set_sales_destination(message.channel, &message.recipient, true, "");
    }

    /// A sales destination refused a message for a reason of its own (the
    /// bot removed, no right to post, the chat gone): the row waits and is
    /// retried with capped backoff for as long as that lasts, the prospect
    /// untouched; the operator is told once, with the fix.
    async fn destination_down(&self, message: &OutboxMessage, error: &str, fix: &str) {
        let newly = self
            .sales_down
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(message.recipient.clone());
        self.metrics
            .set_sales_destination(message.channel, &message.recipient, false, fix);
        self.metrics.error(ErrorKind::DeliveryRetry);
        if newly {
            tracing::error!(
                channel = %message.channel,
                destination = %message.recipient,
                %error,
                "the sales chat refuses the bot's messages: {fix}; its alerts wait and are retried until it takes them"
            );
        } else {
            tracing::debug!(destination = %message.recipient, %error, "the sales chat still refuses the bot's messages");
        }
        let retry_at =
            Utc::now() + chrono::Duration::from_std(backoff(message.attempts)).unwrap_or_default();
        if let Err(error) = self.store.mark_failed(message.id, error, retry_at).await {
            self.metrics.error(ErrorKind::Database);
            tracing::error!(outbox_id = message.id, %error, "cannot record a delivery");
        }
    }

    async fn record(&self, message: &OutboxMessage, outcome: Outcome) {
        let now = Utc::now();
        if outcome == Outcome::Lost {
            tracing::debug!(outbox_id = message.id, "another sender took this row over");
            return;
        }
        let to_sales = self
            .routing
            .is_sales_chat(message.channel, &message.recipient);
        if let (true, Outcome::Moved(to)) = (to_sales, &outcome) {
            self.follow_move(message.channel, &message.recipient, to)
                .await;
            return;
        }
        let outcome = match outcome {
            // Not a sales chat: a group's notice has nowhere to go.
            Outcome::Moved(to) => Outcome::Permanent {
                error: format!("the chat moved to {to}"),
                unreachable: false,
            },
            other => other,
        };
        if let (true, Outcome::Permanent { error, unreachable }) = (to_sales, &outcome) {
            if let Some(fix) = destination_fix(error, *unreachable) {
                self.destination_down(message, error, fix).await;
                return;
            }
        }
        let stored = match &outcome {
            Outcome::Delivered | Outcome::Posted(_) => {
                self.destination_up(message);
                self.metrics
                    .message_sent(message.channel, message.kind == OutboxKind::Alert);
                self.store.mark_delivered(message.id, now).await
            }
            Outcome::RetryAfter(wait) => {
                self.metrics.error(ErrorKind::RateLimited);
                tracing::warn!(
                    outbox_id = message.id,
                    wait_secs = wait.as_secs_f64(),
                    "rate limited"
                );
                let retry_at = now + chrono::Duration::from_std(*wait).unwrap_or_default();
                self.store
                    .mark_failed(message.id, "rate limited", retry_at)
                    .await
            }
            Outcome::Transient(error) => {
                self.metrics.error(ErrorKind::DeliveryRetry);
                let wait = backoff(message.attempts);
                tracing::warn!(outbox_id = message.id, attempts = message.attempts + 1, %error, "delivery failed; will retry");
                let retry_at = now + chrono::Duration::from_std(wait).unwrap_or_default();
                self.store.mark_failed(message.id, error, retry_at).await
            }
            Outcome::Lost | Outcome::Moved(_) => Ok(()),
            Outcome::Permanent { error, unreachable } => {
                // A sales chat's refusal never marks a prospect unreachable.
                let unreachable = &(*unreachable && !to_sales);
                self.metrics.error(ErrorKind::DeliveryRefused);
                if *unreachable {
                    tracing::warn!(outbox_id = message.id, %error, "the prospect cannot be reached; lead marked unreachable");
                } else {
                    tracing::error!(outbox_id = message.id, %error, "a reply was refused for good; kept as a dead letter");
                }
                self.store
                    .give_up(message.id, error, *unreachable, now)
                    .await
            }
        };
        if let Err(error) = stored {
            self.metrics.error(ErrorKind::Database);
            // Not recorded: the row stays due and is sent again, the
            // at-least-once side of "nothing lost".
            tracing::error!(outbox_id = message.id, %error, "cannot record a delivery");
        }
    }
}

#[cfg(test)]
mod tests;
