//! Prometheus metrics for the operator: what the process counted since it
//! started, plus gauges read from the database at scrape time (outbox depth,
//! leads by temperature), so that every replica reports the shared truth.

use crate::core::Channel;
use crate::storage::Gauges;
use chrono::{DateTime, Utc};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

/// The content type of [`Metrics::encode`]'s output.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// What went wrong, as counted in `leadbot_errors_total{kind}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The database refused or could not be reached.
    Database,
    /// An inbound update could not be handled (it will come again).
    Update,
    /// A delivery failed and will be retried.
    DeliveryRetry,
    /// The platform asked us to slow down.
    RateLimited,
    /// The platform refused a message for good.
    DeliveryRefused,
    /// The platform answered the poller with an error.
    Polling,
}

impl ErrorKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Database => "database",
            Self::Update => "update",
            Self::DeliveryRetry => "delivery_retry",
            Self::RateLimited => "rate_limited",
            Self::DeliveryRefused => "delivery_refused",
            Self::Polling => "polling",
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ChannelLabel {
    channel: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabel {
    kind: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct TemperatureLabel {
    temperature: String,
}

type LatencyFamily = Family<ChannelLabel, Histogram, fn() -> Histogram>;

/// Discord gateway events that could not be read, by event kind. Counted
/// by the log layer (`telemetry.rs`), which is where serenity reports them,
/// before any [`Metrics`] exists.
static DISCORD_UNREADABLE: std::sync::LazyLock<Family<KindLabel, Counter>> =
    std::sync::LazyLock::new(Family::default);

/// Counts one unreadable Discord event of `kind`; whether it is the first
/// of its kind since the process started.
pub fn count_unreadable_discord_event(kind: &str) -> bool {
    let label = KindLabel {
        kind: kind.to_owned(),
    };
    DISCORD_UNREADABLE.get_or_create(&label).inc() == 0
}

pub struct Metrics {
    registry: Registry,
    updates: Family<ChannelLabel, Counter>,
    latency: LatencyFamily,
    messages_sent: Family<ChannelLabel, Counter>,
    alerts_sent: Family<ChannelLabel, Counter>,
    errors: Family<KindLabel, Counter>,
    outbox_depth: Family<ChannelLabel, Gauge>,
    outbox_oldest: Family<ChannelLabel, Gauge<f64, AtomicU64>>,
    leads: Family<TemperatureLabel, Gauge>,
    poller: Family<ChannelLabel, Gauge>,
    database_up: Gauge,
    sales_up: Family<DestinationLabel, Gauge>,
    /// Sales destinations refusing the bot's messages, with the fix: for
    /// `/readyz`'s detail.
    sales_down: std::sync::Mutex<std::collections::BTreeMap<String, String>>,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct DestinationLabel {
    channel: String,
    destination: String,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("leadbot");
        let updates = Family::<ChannelLabel, Counter>::default();
        registry.register(
            "updates_handled",
            "Inbound platform events handled and committed",
            updates.clone(),
        );
        // 1 ms to ~16 s: a turn is a few milliseconds unless the database
        // is slow or away.
        let latency: LatencyFamily =
            Family::new_with_constructor(|| Histogram::new(exponential_buckets(0.001, 2.0, 15)));
        registry.register(
            "update_handling_seconds",
            "Time from receiving an inbound event to its commit",
            latency.clone(),
        );
        let messages_sent = Family::<ChannelLabel, Counter>::default();
        registry.register(
            "messages_sent",
            "Outbox rows the platform accepted",
            messages_sent.clone(),
        );
        let alerts_sent = Family::<ChannelLabel, Counter>::default();
        registry.register(
            "alerts_sent",
            "Hot-lead alerts the platform accepted",
            alerts_sent.clone(),
        );
        let errors = Family::<KindLabel, Counter>::default();
        registry.register("errors", "Errors by kind", errors.clone());
        registry.register(
            "discord_unreadable_events",
            "Discord gateway events that could not be read and were skipped, by event kind",
            DISCORD_UNREADABLE.clone(),
        );
        let outbox_depth = Family::<ChannelLabel, Gauge>::default();
        registry.register(
            "outbox_depth",
            "Outbox rows not yet delivered (all replicas)",
            outbox_depth.clone(),
        );
        let outbox_oldest = Family::<ChannelLabel, Gauge<f64, AtomicU64>>::default();
        registry.register(
            "outbox_oldest_age_seconds",
            "Age of the oldest undelivered outbox row",
            outbox_oldest.clone(),
        );
        let leads = Family::<TemperatureLabel, Gauge>::default();
        registry.register("leads", "Leads by temperature", leads.clone());
        let poller = Family::<ChannelLabel, Gauge>::default();
        registry.register(
            "poller_leader",
            "1 when this replica is the one polling the platform",
            poller.clone(),
        );
        let database_up = Gauge::default();
        registry.register(
            "database_up",
            "1 when the last scrape could read the database",
            database_up.clone(),
        );
        let sales_up = Family::<DestinationLabel, Gauge>::default();
        registry.register(
            "sales_destination_up",
            "0 while a sales chat or channel refuses the bot's messages (alerts wait for it)",
            sales_up.clone(),
        );
        Metrics {
            sales_up,
            sales_down: Default::default(),
            registry,
            updates,
            latency,
            messages_sent,
            alerts_sent,
            errors,
            outbox_depth,
            outbox_oldest,
            leads,
            poller,
            database_up,
        }
    }

    pub fn update_handled(&self, channel: Channel, took: Duration) {
        let label = channel_label(channel);
        self.updates.get_or_create(&label).inc();
        self.latency
            .get_or_create(&label)
            .observe(took.as_secs_f64());
    }

    pub fn message_sent(&self, channel: Channel, alert: bool) {
        let label = channel_label(channel);
        self.messages_sent.get_or_create(&label).inc();
        if alert {
            self.alerts_sent.get_or_create(&label).inc();
        }
    }

    pub fn error(&self, kind: ErrorKind) {
        self.errors
            .get_or_create(&KindLabel {
                kind: kind.as_str().to_owned(),
            })
            .inc();
    }

    /// Whether a sales destination takes the bot's messages; `fix` says
    /// what the operator can do while it does not.
    pub fn set_sales_destination(&self, channel: Channel, destination: &str, up: bool, fix: &str) {
        let label = DestinationLabel {
            channel: channel.as_str().to_owned(),
            destination: destination.to_owned(),
        };
        self.sales_up.get_or_create(&label).set(i64::from(up));
        let name = format!("{}:{destination}", channel.as_str());
        let mut down = self.sales_down.lock().unwrap_or_else(|e| e.into_inner());
        if up {
            down.remove(&name);
        } else {
            down.insert(name, fix.to_owned());
        }
    }

    /// The sales destinations refusing messages now, each with its fix.
    pub fn sales_destinations_down(&self) -> Vec<(String, String)> {
        let down = self.sales_down.lock().unwrap_or_else(|e| e.into_inner());
        down.iter().map(|(d, f)| (d.clone(), f.clone())).collect()
    }

    pub fn set_poller(&self, channel: Channel, leading: bool) {
        self.poller
            .get_or_create(&channel_label(channel))
            .set(i64::from(leading));
    }

    /// The text a scrape returns; `gauges` is `None` when the database could
    /// not be read, and then only the counters are current.
    pub fn encode(&self, gauges: Option<&Gauges>, now: DateTime<Utc>) -> String {
        self.database_up.set(i64::from(gauges.is_some()));
        if let Some(gauges) = gauges {
            // Channels whose outbox emptied read zero rather than their last value.
            for channel in Channel::ALL {
                let label = channel_label(channel);
                let found = gauges.outbox.iter().find(|g| g.channel == channel);
                self.outbox_depth
                    .get_or_create(&label)
                    .set(found.map_or(0, |g| g.depth));
                let age = found
                    .and_then(|g| g.oldest)
                    .map_or(0.0, |oldest| (now - oldest).as_seconds_f64().max(0.0));
                self.outbox_oldest.get_or_create(&label).set(age);
            }
            for temperature in crate::core::Temperature::ALL {
                let count = gauges
                    .leads
                    .iter()
                    .find(|(t, _)| *t == temperature)
                    .map_or(0, |(_, n)| *n);
                self.leads
                    .get_or_create(&TemperatureLabel {
                        temperature: temperature.as_str().to_owned(),
                    })
                    .set(count);
            }
        }
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}

fn channel_label(channel: Channel) -> ChannelLabel {
    ChannelLabel {
        channel: channel.as_str().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Temperature;
    use crate::storage::OutboxGauge;

    #[test]
    fn a_scrape_shows_counters_latency_and_the_databases_gauges() {
        let metrics = Metrics::new();
        metrics.update_handled(Channel::Telegram, Duration::from_millis(3));
        metrics.message_sent(Channel::Discord, true);
        metrics.error(ErrorKind::RateLimited);
        let now = Utc::now();
        let gauges = Gauges {
            outbox: vec![OutboxGauge {
                channel: Channel::Telegram,
                depth: 7,
                oldest: Some(now - chrono::Duration::seconds(90)),
            }],
            leads: vec![(Temperature::Hot, 2)],
        };

        let text = metrics.encode(Some(&gauges), now);

        assert!(text.contains("leadbot_updates_handled_total{channel=\"telegram\"} 1"));
        assert!(text.contains("leadbot_update_handling_seconds_count{channel=\"telegram\"} 1"));
        assert!(text.contains("leadbot_alerts_sent_total{channel=\"discord\"} 1"));
        assert!(text.contains("leadbot_errors_total{kind=\"rate_limited\"} 1"));
        assert!(text.contains("leadbot_outbox_depth{channel=\"telegram\"} 7"));
        assert!(text.contains("leadbot_outbox_depth{channel=\"discord\"} 0"));
        assert!(text.contains("leadbot_outbox_oldest_age_seconds{channel=\"telegram\"} 90.0"));
        assert!(text.contains("leadbot_leads{temperature=\"hot\"} 2"));
        assert!(text.contains("leadbot_leads{temperature=\"cold\"} 0"));
        assert!(text.contains("leadbot_database_up 1"));
    }

    #[test]
    fn a_scrape_without_the_database_says_so_and_keeps_the_counters() {
        let metrics = Metrics::new();
        metrics.error(ErrorKind::Database);

        let text = metrics.encode(None, Utc::now());

        assert!(text.contains("leadbot_database_up 0"));
        assert!(text.contains("leadbot_errors_total{kind=\"database\"} 1"));
    }
}
