//! Logs go to stderr, filtered by `RUST_LOG`. Log ids and kinds, never
//! message text, tokens or personal data.
//!
//! `RUST_LOG` sets leadbot's own level freely, up to `trace`. Third-party
//! crates are capped whatever it says, because their detailed output quotes
//! what passes through them: request URLs (the Telegram token is part of
//! every Bot API URL), websocket frames (the Discord token in IDENTIFY,
//! members' messages in every event) and raw bodies. So they log at most at
//! `info`, a few at less, and their spans are shown by name only (a span's
//! fields are its function's arguments: a gateway event, a request). As a
//! last line of defence every line passes a writer that blanks the
//! configured secrets (tokens, the webhook secret, database passwords).

use std::io::Write;
use std::sync::RwLock;
use tracing::level_filters::LevelFilter;
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::fmt::format::DefaultFields;
use tracing_subscriber::fmt::{FormattedFields, MakeWriter};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{filter, EnvFilter, Layer};

/// The most a third-party crate logs, whatever `RUST_LOG` says.
const DEPENDENCY_CAP: LevelFilter = LevelFilter::INFO;

/// Crates (or modules) capped lower, with the reason.
const LOWER_CAPS: [(&str, LevelFilter); 2] = [
    // Warns "Err deserializing text: …; text: <the whole frame>": a
    // member's message and name.
    ("serenity::gateway::ws", LevelFilter::ERROR),
    // Warns "Unhandled error: …" with serde's error, which quotes the value
    // it could not read (a name, a message).
    ("serenity::gateway::shard", LevelFilter::ERROR),
];

/// Installs the subscriber; `default_filter` applies when `RUST_LOG` is unset.
pub fn init(default_filter: &str) {
    let requested =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    // Unreadable Discord events are counted whatever RUST_LOG says.
    let requested = match format!("{UNREADABLE_TARGET}=warn").parse() {
        Ok(directive) => requested.add_directive(directive),
        Err(_) => requested,
    };
    let output = tracing_subscriber::fmt::layer()
        .with_writer(Redacting)
        // Colour codes only for a person at a terminal, not in log files.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false);
    // A second call (tests) keeps the first subscriber.
    let _ = tracing_subscriber::registry()
        .with(requested)
        .with(filter::filter_fn(|m| allowed(m) || unreadable_report(m)))
        .with(UnreadableDiscordEvents)
        .with(NamesOnly(output))
        .try_init();
}

/// Whether an event may be shown at all, `RUST_LOG` aside. Spans are left
/// to `RUST_LOG` ([`NamesOnly`] keeps their fields out): disabling a span
/// here made tracing-subscriber drop later events of its thread.
fn allowed(metadata: &Metadata<'_>) -> bool {
    metadata.is_span() || event_allowed(metadata.target(), *metadata.level())
}

/// Where serenity reports a gateway frame it could not read, quoting it.
const UNREADABLE_TARGET: &str = "serenity::gateway::ws";

/// serenity's report of an unreadable frame: seen by
/// [`UnreadableDiscordEvents`] only, never shown ([`NamesOnly`] drops it).
fn unreadable_report(metadata: &Metadata<'_>) -> bool {
    metadata.is_event()
        && metadata.target() == UNREADABLE_TARGET
        && *metadata.level() == Level::WARN
}

/// Counts the Discord events serenity could not read
/// (`leadbot_discord_unreadable_events_total{kind}`) and says so once per
/// kind, naming the kind only: the frame is a member's message.
struct UnreadableDiscordEvents;

impl<S: Subscriber> Layer<S> for UnreadableDiscordEvents {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        if !unreadable_report(event.metadata()) {
            return;
        }
        let mut message = MessageText(String::new());
        event.record(&mut message);
        let Some(kind) = unreadable_kind(&message.0) else {
            return;
        };
        // An event logged inside a layer's callback is dropped (tracing
        // guards against re-entry): say it from a task of its own.
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                let kind = kind.to_owned();
                runtime.spawn(async move { unreadable_discord_event(&kind) });
            }
            Err(_) => unreadable_discord_event(kind),
        }
    }
}

/// Counts a Discord event that could not be read, by its kind
/// (`leadbot_discord_unreadable_events_total{kind}`), and says so once per
/// kind, naming the kind only: the event is a member's message.
pub fn unreadable_discord_event(kind: &str) {
    let plausible =
        (1..=48).contains(&kind.len()) && kind.bytes().all(|b| b.is_ascii_uppercase() || b == b'_');
    let kind = if plausible { kind } else { "other" };
    if crate::metrics::count_unreadable_discord_event(kind) {
        tracing::warn!(
            kind,
            "a Discord event could not be read and was skipped (Discord's format may have changed: update leadbot); later ones of this kind are only counted in leadbot_discord_unreadable_events_total"
        );
    }
}

/// The `message` field of an event.
struct MessageText(String);

impl tracing::field::Visit for MessageText {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }
}

/// The event kind (`"t"`) of a frame serenity reports as unreadable:
/// `None` when the report is another warning, `"unknown"` when the frame
/// shows no kind (compressed, or cut before it), `"other"` when the kind
/// is not one Discord would send.
fn unreadable_kind(report: &str) -> Option<&str> {
    if !report.starts_with("Err deserializing") {
        return None;
    }
    let Some(at) = report.find("\"t\":") else {
        return Some("unknown");
    };
    let rest = report[at + 4..].trim_start();
    let Some(rest) = rest.strip_prefix('"') else {
        return Some("unknown");
    };
    rest.split('"').next()
}

fn event_allowed(target: &str, level: Level) -> bool {
    if within(target, "leadbot") {
        return true;
    }
    let cap = LOWER_CAPS
        .iter()
        .find(|(module, _)| within(target, module))
        .map_or(DEPENDENCY_CAP, |(_, cap)| *cap);
    level <= cap
}

/// `target` is `module` or inside it.
fn within(target: &str, module: &str) -> bool {
    target
        .strip_prefix(module)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with("::"))
}

/// The output layer, showing third-party spans by name only: their fields
/// are never formatted, so never printed.
struct NamesOnly<L>(L);

impl<L> NamesOnly<L> {
    fn hides<S>(id: &Id, ctx: &Context<'_, S>) -> bool
    where
        S: Subscriber + for<'a> LookupSpan<'a>,
    {
        ctx.span(id)
            .is_some_and(|span| !within(span.metadata().target(), "leadbot"))
    }
}

impl<S, L> Layer<S> for NamesOnly<L>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    L: Layer<S>,
{
    fn on_register_dispatch(&self, subscriber: &tracing::Dispatch) {
        self.0.on_register_dispatch(subscriber);
    }

    fn on_layer(&mut self, subscriber: &mut S) {
        self.0.on_layer(subscriber);
    }

    fn register_callsite(
        &self,
        metadata: &'static Metadata<'static>,
    ) -> tracing::subscriber::Interest {
        self.0.register_callsite(metadata)
    }

    fn enabled(&self, metadata: &Metadata<'_>, ctx: Context<'_, S>) -> bool {
        self.0.enabled(metadata, ctx)
    }

    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if Self::hides(id, &ctx) {
            // The fmt layer formats a span's fields only when it finds none.
            if let Some(span) = ctx.span(id) {
                span.extensions_mut()
                    .insert(FormattedFields::<DefaultFields>::new(String::new()));
            }
        }
        self.0.on_new_span(attrs, id, ctx);
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if !Self::hides(id, &ctx) {
            self.0.on_record(id, values, ctx);
        }
    }

    fn on_follows_from(&self, span: &Id, follows: &Id, ctx: Context<'_, S>) {
        self.0.on_follows_from(span, follows, ctx);
    }

    fn event_enabled(&self, event: &Event<'_>, ctx: Context<'_, S>) -> bool {
        self.0.event_enabled(event, ctx)
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        // Let through for counting only: it quotes the whole frame.
        if unreadable_report(event.metadata()) {
            return;
        }
        self.0.on_event(event, ctx);
    }

    fn on_enter(&self, id: &Id, ctx: Context<'_, S>) {
        self.0.on_enter(id, ctx);
    }

    fn on_exit(&self, id: &Id, ctx: Context<'_, S>) {
        self.0.on_exit(id, ctx);
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        self.0.on_close(id, ctx);
    }

    fn on_id_change(&self, old: &Id, new: &Id, ctx: Context<'_, S>) {
        self.0.on_id_change(old, new, ctx);
    }
}

/// The secrets every log line is cleaned of.
static SECRETS: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// Adds secrets to blank out of every log line from now on (the settings
/// are read after logging starts).
pub fn redact<I, S>(secrets: I)
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut known = SECRETS.write().unwrap_or_else(|e| e.into_inner());
    for secret in secrets {
        let secret = secret.into();
        // Short strings would blank innocent words.
        if secret.len() >= 8 && !known.contains(&secret) {
            known.push(secret);
        }
    }
}

/// A text with every secret given to [`redact`] blanked out.
pub fn redacted(text: &str) -> String {
    let known = SECRETS.read().unwrap_or_else(|e| e.into_inner());
    let mut text = text.to_owned();
    for secret in known.iter() {
        if text.contains(secret.as_str()) {
            text = text.replace(secret.as_str(), "<redacted>");
        }
    }
    text
}

/// Writes each formatted line to stderr once it is complete, secrets
/// blanked.
struct Redacting;

impl<'a> MakeWriter<'a> for Redacting {
    type Writer = Line;

    fn make_writer(&'a self) -> Line {
        Line(Vec::with_capacity(256))
    }
}

struct Line(Vec<u8>);

impl Write for Line {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.0);
        // Nowhere to report a failed write to stderr.
        let _ = std::io::stderr().write_all(redacted(&text).as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[test]
    fn serenitys_report_of_an_unreadable_frame_is_counted_by_kind_and_never_shown() {
        // Arrange: the layers `init` installs, writing to a buffer.
        let captured = Captured::default();
        let writer = captured.clone();
        let output = tracing_subscriber::fmt::layer()
            .with_writer(move || writer.clone())
            .with_ansi(false);
        let requested = EnvFilter::new("info")
            .add_directive(format!("{UNREADABLE_TARGET}=warn").parse().unwrap());
        let subscriber = tracing_subscriber::registry()
            .with(requested)
            .with(filter::filter_fn(|m| allowed(m) || unreadable_report(m)))
            .with(UnreadableDiscordEvents)
            .with(NamesOnly(output));

        // Act: as serenity's gateway task does.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        tracing::subscriber::with_default(subscriber, || {
            runtime.block_on(async {
                tracing::warn!(target: "serenity::gateway::ws", "Err deserializing text: {}; text: {}", "e", r#"{"t":"ZZ_TEST","d":"Rahim"}"#);
                tokio::task::yield_now().await;
            })
        });

        // Assert
        assert!(!crate::metrics::count_unreadable_discord_event("ZZ_TEST"));
        let shown = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert!(
            shown.contains("ZZ_TEST") && shown.contains("could not be read"),
            "{shown}"
        );
        assert!(!shown.contains("Rahim"), "{shown}");
    }

    #[test]
    fn an_unreadable_discord_frame_is_known_by_its_kind_and_nothing_else() {
        let report = r#"Err deserializing text: Error("missing field `author`", line: 1, column: 90); text: {"op":0,"t":"MESSAGE_CREATE","s":3,"d":{"content":"Rahim 01711"}}"#;
        assert_eq!(unreadable_kind(report), Some("MESSAGE_CREATE"));
        let spaced = r#"Err deserializing text: x; text: {"t": "GUILD_CREATE"}"#;
        assert_eq!(unreadable_kind(spaced), Some("GUILD_CREATE"));
        let odd = r#"Err deserializing text: x; text: {"t":"Rahim's message"}"#;
        assert_eq!(unreadable_kind(odd), Some("Rahim's message"));
        // Counted, and named in the log, only as a kind Discord could send.
        unreadable_discord_event("Rahim's message");
        assert!(!crate::metrics::count_unreadable_discord_event("other"));
        let cut = r#"Err deserializing text: EOF; text: {"op":0,"#;
        assert_eq!(unreadable_kind(cut), Some("unknown"));
        assert_eq!(
            unreadable_kind("Err deserializing bytes: EOF"),
            Some("unknown")
        );
        assert_eq!(unreadable_kind("Failed to resume"), None);
    }

    #[test]
    fn leadbot_logs_at_any_level_and_dependencies_at_most_at_info() {
        assert!(event_allowed("leadbot::service", Level::TRACE));
        assert!(event_allowed("sqlx::query", Level::INFO));
        assert!(!event_allowed("sqlx::query", Level::DEBUG));
        assert!(!event_allowed("reqwest::connect", Level::TRACE));
        assert!(!event_allowed("tungstenite::protocol", Level::TRACE));
        // A crate whose name starts like ours is not ours.
        assert!(!event_allowed("leadbotx", Level::DEBUG));
    }

    #[test]
    fn gateway_warnings_that_quote_frames_are_never_shown() {
        assert!(!event_allowed("serenity::gateway::ws", Level::WARN));
        assert!(event_allowed("serenity::gateway::ws", Level::ERROR));
        assert!(!event_allowed("serenity::gateway::shard", Level::WARN));
        assert!(event_allowed("serenity::http::client", Level::WARN));
    }

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn dependency_spans_show_their_name_but_not_their_fields() {
        // Arrange: the layers `init` installs, writing to a buffer.
        let captured = Captured::default();
        let writer = captured.clone();
        let output = tracing_subscriber::fmt::layer()
            .with_writer(move || writer.clone())
            .with_ansi(false);
        let subscriber = tracing_subscriber::registry()
            .with(EnvFilter::new("trace"))
            .with(filter::filter_fn(allowed))
            .with(NamesOnly(output));

        // Act: ours inside theirs inside ours, as a gateway event's handler.
        tracing::subscriber::with_default(subscriber, || {
            let handle = tracing::info_span!("handle", channel = "discord");
            let _handle = handle.enter();
            let gateway = tracing::info_span!(target: "serenity::gateway::shard", "handle_event",
                event = "MessageCreate { content: \"+8801799123456\" }");
            let _gateway = gateway.enter();
            tracing::debug!(target: "serenity::gateway::shard", "a frame: +8801799123456");
            tracing::info!(target: "serenity::gateway::shard", "dropped too");
            tracing::info!(target: "serenity::http", "kept");
            tracing::debug!("turn committed");
        });

        // Assert
        let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert!(!log.contains("8801799123456"), "{log}");
        assert!(!log.contains("dropped too"), "{log}");
        assert!(
            log.contains("handle{channel=\"discord\"}:handle_event: "),
            "{log}"
        );
        assert!(log.contains("turn committed"), "{log}");
        assert!(log.contains("kept"), "{log}");
    }

    #[test]
    fn registered_secrets_are_blanked_and_short_ones_ignored() {
        redact(["123456:UNIT-TEST-SECRET", "short"]);
        assert_eq!(
            redacted("GET /bot123456:UNIT-TEST-SECRET/getMe short"),
            "GET /bot<redacted>/getMe short"
        );
    }
}
