//! Pacing: the platform's global rate, a pause after a 429, and the
//! interval between two messages to one chat or group.

use super::*;

/// Shared by the deliveries running side by side.
#[derive(Default)]
pub(super) struct Limits {
    /// Send times in the last window, for the global rate. Held while
    /// waiting for a slot: tokio's mutex is fair, so slots go out in the
    /// order they were asked for.
    recent: Mutex<VecDeque<Instant>>,
    /// A rate limit pauses every recipient (flood limits are often
    /// bot-wide). Apart from `recent`, so that a 429 takes effect at once.
    paused_until: std::sync::Mutex<Option<Instant>>,
}

impl Limits {
    pub(super) fn paused_until(&self) -> Option<Instant> {
        *self.paused_until.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn pause(&self, until: Instant) {
        *self.paused_until.lock().unwrap_or_else(|e| e.into_inner()) = Some(until);
    }
}

impl<T: Transport> Sender<T> {
    pub(super) fn interval_for(&self, recipient: &str) -> Duration {
        if recipient.starts_with('-') || recipient.starts_with("channel:") {
            Duration::from_millis(self.pacing.group_interval_ms)
        } else {
            Duration::from_millis(self.pacing.per_chat_interval_ms)
        }
    }

    /// Waits for new replies, the given time, or shutdown.
    pub(super) async fn pause(
        &self,
        shutdown: &CancellationToken,
        deadline: Option<Instant>,
        wait: Duration,
    ) {
        let wait = match deadline {
            Some(d) => wait.min(d.saturating_duration_since(Instant::now())),
            None => wait,
        };
        tokio::select! {
            _ = self.wake.notified() => {}
            _ = tokio::time::sleep(wait) => {}
            _ = shutdown.cancelled(), if deadline.is_none() => {}
        }
    }

    /// Waits for the global rate and any rate-limit pause, then takes a slot.
    pub(super) async fn take_slot(&self, limits: &Limits) {
        let per_second = self.pacing.global_per_second as usize;
        let mut recent = limits.recent.lock().await;
        loop {
            let now = Instant::now();
            if let Some(until) = limits.paused_until().filter(|until| *until > now) {
                tokio::time::sleep_until(until).await;
                continue;
            }
            while recent
                .front()
                .is_some_and(|t| now.duration_since(*t) >= RATE_WINDOW)
            {
                recent.pop_front();
            }
            if per_second > 0 && recent.len() >= per_second {
                let next = recent[0] + RATE_WINDOW;
                tokio::time::sleep_until(next).await;
                continue;
            }
            recent.push_back(now);
            return;
        }
    }
}
