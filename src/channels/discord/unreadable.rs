//! Discord events serenity could not read. serenity turns a known event
//! whose fields do not fit its model (Discord changed a field, or a frame
//! was damaged) into `Event::Unknown` and drops it; this handler sees those
//! and counts them by kind, so that a format change shows on a dashboard
//! instead of members' messages silently going unanswered.

use serenity::all::{Context, Event, RawEventHandler};

pub struct UnreadableEvents;

#[serenity::async_trait]
impl RawEventHandler for UnreadableEvents {
    async fn raw_event(&self, _context: Context, event: Event) {
        if let Event::Unknown(unknown) = event {
            crate::telemetry::unreadable_discord_event(&unknown.kind);
        }
    }
}
