//! Core throughput: inbound messages a second through the qualifier (engine,
//! parsing, scoring and the commit of every turn), with 1, 100 and 10,000
//! conversations at once, on SQLite in WAL mode (commits that survive
//! `kill -9`), on PostgreSQL (when `BENCH_DATABASE_URL` or
//! `TEST_DATABASE_URL` names one) and on an in-memory store that only keeps
//! the conversation state, to see what storage costs.
//!
//! `cargo bench --bench core` prints one line per case and a JSON summary
//! line per case for `benches/run` to collect. `CORE_ROUNDS` (default 3)
//! runs each case several times and reports the median; `CORE_MESSAGES`
//! (default 40,000) is the least number of messages a case handles.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use leadbot::core::{
    Channel, Command, ConversationKey, Inbound, Input, Language, Profile, Questionnaire,
};
use leadbot::service::{BusinessRules, Handled, Qualifier, SalesRouting};
use leadbot::storage::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// A hot prospect, as the console transcript test types it.
const SCRIPT: [&str; 8] = [
    "/start",
    "yes",
    "2",
    "2 lakh taka",
    "yes",
    "1",
    "within 2 weeks",
    "rahim@example.com",
];

fn main() {
    // `cargo bench` passes --bench; a name filter may follow.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let rounds: usize = std::env::var("CORE_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let postgres = std::env::var("BENCH_DATABASE_URL")
        .or_else(|_| std::env::var("TEST_DATABASE_URL"))
        .ok();
    // sqlite-full: `sqlite.synchronous = "full"`, beside the default.
    let mut backends = vec!["memory", "sqlite", "sqlite-full"];
    if postgres.is_some() {
        backends.push("postgres");
    }
    for backend in backends {
        for conversations in [1usize, 100, 10_000] {
            let name = format!("core/{backend}/{conversations}");
            if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
                continue;
            }
            let mut rates = Vec::new();
            for _ in 0..rounds {
                let rate = runtime.block_on(run_case(backend, conversations, postgres.as_deref()));
                rates.push(rate);
            }
            let mut sorted = rates.clone();
            sorted.sort_by(f64::total_cmp);
            let median = sorted[sorted.len() / 2];
            println!(
                "{name:<28} median {median:>9.0} messages/s   runs: {}",
                rates
                    .iter()
                    .map(|r| format!("{r:.0}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            println!(
                "BENCH {{\"name\":\"{name}\",\"median\":{median:.0},\"runs\":{rates:?},\"unit\":\"messages/s\"}}"
            );
        }
    }
}

/// Messages a second for one case: `conversations` prospects at once, each
/// typing the whole script, until at least `TARGET` messages were handled.
async fn run_case(backend: &str, conversations: usize, postgres: Option<&str>) -> f64 {
    let target: usize = std::env::var("CORE_MESSAGES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40_000);
    let (store, _guard) = open(backend, postgres).await;
    let qualifier = Arc::new(Qualifier::new(
        store,
        Arc::new(Questionnaire::builtin()),
        BusinessRules {
            promise: Default::default(),
            business_name: Some("Acme".into()),
            retention_days: 365,
            policy: Default::default(),
            sales: SalesRouting {
                destinations: vec![(Channel::Telegram, "-5000".into())],
                language: Language::En,
                staff: Vec::new(),
                moved: Default::default(),
            },
        },
    ));
    let per_conversation = target.div_ceil(conversations * SCRIPT.len()).max(1);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for slot in 0..conversations {
        let qualifier = qualifier.clone();
        tasks.spawn(async move {
            let mut handled = 0usize;
            for round in 0..per_conversation {
                let user = format!("{slot}-{round}");
                for (step, line) in SCRIPT.iter().enumerate() {
                    let inbound = inbound(&user, step, line);
                    match qualifier.handle(&inbound).await {
                        Ok(Handled::Committed { .. }) => handled += 1,
                        other => panic!("message not handled: {other:?}"),
                    }
                }
            }
            handled
        });
    }
    let mut handled = 0;
    while let Some(done) = tasks.join_next().await {
        handled += done.unwrap();
    }
    handled as f64 / started.elapsed().as_secs_f64()
}

fn inbound(user: &str, step: usize, line: &str) -> Inbound {
    let input = match Command::parse(line) {
        Some(command) => Input::Command(command),
        None => Input::Text { text: line.into() },
    };
    Inbound {
        key: ConversationKey::new(Channel::Telegram, user),
        idempotency_key: format!("{user}:{step}"),
        at: Utc::now(),
        profile: Profile {
            display_name: Some("Rahim Uddin".into()),
            language_hint: Some(Language::En),
            link: None,
            reachable: false,
        },
        input,
    }
}

enum Guard {
    None,
    Dir(#[allow(dead_code)] tempfile::TempDir),
    Schema(String, String),
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Guard::Schema(base, name) = self {
            let (base, name) = (base.clone(), name.clone());
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async {
                    use sqlx::Connection;
                    if let Ok(mut c) = sqlx::PgConnection::connect(&base).await {
                        let _ = sqlx::query(&format!("DROP SCHEMA {name} CASCADE"))
                            .execute(&mut c)
                            .await;
                    }
                });
            })
            .join();
        }
    }
}

async fn open(backend: &str, postgres: Option<&str>) -> (Arc<dyn Store>, Guard) {
    match backend {
        "memory" => (Arc::new(MemoryStore::default()), Guard::None),
        "sqlite" | "sqlite-full" => {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}", dir.path().join("bench.db").display());
            let synchronous = match backend {
                "sqlite-full" => leadbot::storage::Synchronous::Full,
                _ => leadbot::storage::Synchronous::Normal,
            };
            let store = leadbot::storage::connect_with(&url, synchronous)
                .await
                .unwrap();
            store.migrate().await.unwrap();
            (store, Guard::Dir(dir))
        }
        _ => {
            use sqlx::Connection;
            let base = postgres.unwrap().to_owned();
            let name = format!("bench_{}", uuid::Uuid::new_v4().simple());
            let mut c = sqlx::PgConnection::connect(&base).await.unwrap();
            sqlx::query(&format!("CREATE SCHEMA {name}"))
                .execute(&mut c)
                .await
                .unwrap();
            let separator = if base.contains('?') { '&' } else { '?' };
            let url = format!("{base}{separator}options[search_path]={name}");
            let store = connect(&url).await.unwrap();
            store.migrate().await.unwrap();
            (store, Guard::Schema(base, name))
        }
    }
}

/// Keeps conversation state in memory and nothing else: what the engine
/// costs without storage.
#[derive(Default)]
struct MemoryStore {
    conversations: Mutex<HashMap<ConversationKey, StoredConversation>>,
    processed: Mutex<std::collections::HashSet<String>>,
    next_id: std::sync::atomic::AtomicI64,
}

#[async_trait]
impl Conversations for MemoryStore {
    async fn load_conversation(
        &self,
        key: &ConversationKey,
    ) -> Result<Option<StoredConversation>, StoreError> {
        Ok(self.conversations.lock().unwrap().get(key).cloned())
    }
    async fn is_processed(&self, _: Channel, key: &str) -> Result<bool, StoreError> {
        Ok(self.processed.lock().unwrap().contains(key))
    }
    async fn commit_turn(&self, turn: &TurnRecord) -> Result<CommitOutcome, StoreError> {
        if !self
            .processed
            .lock()
            .unwrap()
            .insert(turn.idempotency_key.clone())
        {
            return Ok(CommitOutcome::Duplicate);
        }
        let mut conversations = self.conversations.lock().unwrap();
        let current = conversations.get(&turn.key).map(|c| (c.lead_id, c.version));
        let (lead_id, version) = match (current, turn.expected_version) {
            (None, None) => (
                self.next_id
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                    + 1,
                1,
            ),
            (Some((id, v)), Some(expected)) if v == expected => (id, v + 1),
            _ => return Ok(CommitOutcome::Conflict),
        };
        conversations.insert(
            turn.key.clone(),
            StoredConversation {
                lead_id,
                version,
                state: turn.state.clone(),
            },
        );
        Ok(CommitOutcome::Committed {
            lead_id,
            outbox: Vec::new(),
        })
    }
    async fn commit_notice(&self, _: &Notice) -> Result<Option<OutboxMessage>, StoreError> {
        Ok(None)
    }
    async fn group_of_code(&self, _: Channel, _: &str) -> Result<Option<GroupRef>, StoreError> {
        Ok(None)
    }
    async fn record_dead_letter(&self, _: &leadbot::storage::DeadLetter) -> Result<(), StoreError> {
        Ok(())
    }
    async fn load_offset(&self, _: &str) -> Result<Option<i64>, StoreError> {
        Ok(None)
    }
    async fn save_offset(&self, _: &str, _: i64, _: DateTime<Utc>) -> Result<(), StoreError> {
        Ok(())
    }
    async fn try_lead(&self, _: &str) -> Result<Option<Box<dyn Leadership>>, StoreError> {
        Ok(None)
    }
}

#[async_trait]
impl Deliveries for MemoryStore {
    async fn move_recipient(
        &self,
        _: Channel,
        _: &str,
        _: &str,
        _: chrono::DateTime<Utc>,
    ) -> Result<(), StoreError> {
        Ok(())
    }
    async fn recipient_moves(&self) -> Result<Vec<(Channel, String, String)>, StoreError> {
        Ok(Vec::new())
    }
    async fn claim_outbox(
        &self,
        _: Channel,
        _: Option<&str>,
        _: DateTime<Utc>,
        _: i64,
        _: &Claim,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        Ok(Vec::new())
    }
    async fn renew_claim(&self, _: i64, _: &Claim) -> Result<bool, StoreError> {
        Ok(true)
    }
    async fn release_claims_at_start(&self) -> Result<u64, StoreError> {
        Ok(0)
    }
    async fn mark_delivered(&self, _: i64, _: DateTime<Utc>) -> Result<(), StoreError> {
        Ok(())
    }
    async fn mark_failed(&self, _: i64, _: &str, _: DateTime<Utc>) -> Result<(), StoreError> {
        Ok(())
    }
    async fn mark_parts_sent(&self, _: i64, _: i64) -> Result<(), StoreError> {
        Ok(())
    }
    async fn give_up(&self, _: i64, _: &str, _: bool, _: DateTime<Utc>) -> Result<(), StoreError> {
        Ok(())
    }
    async fn record_alert_messages(
        &self,
        _: i64,
        _: &[String],
        _: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        Ok(true)
    }
}

#[async_trait]
impl Sales for MemoryStore {
    async fn list_leads(&self, _: &LeadFilter) -> Result<Vec<LeadRow>, StoreError> {
        Ok(Vec::new())
    }
    async fn sales_action(&self, _: &SalesAction) -> Result<SalesOutcome, StoreError> {
        Ok(SalesOutcome::NoSuchLead)
    }
}

#[async_trait]
impl Privacy for MemoryStore {
    // The data rights are not on the measured path; these keep the memory
    // store's own data consistent if a script ever uses them.
    async fn subject_data(&self, _: &ConversationKey) -> Result<Option<SubjectData>, StoreError> {
        Ok(None)
    }
    async fn erase(&self, erasure: &Erasure) -> Result<EraseOutcome, StoreError> {
        let erased = self.conversations.lock().unwrap().remove(&erasure.key);
        Ok(EraseOutcome::Erased {
            lead_id: erased.map(|c| c.lead_id),
            outbox: Vec::new(),
        })
    }
    async fn erase_expired(
        &self,
        _: DateTime<Utc>,
        _: &leadbot::core::Outbound,
    ) -> Result<RetentionReport, StoreError> {
        Ok(RetentionReport::default())
    }
}

#[async_trait]
impl Reports for MemoryStore {
    async fn funnel(&self, _: DateTime<Utc>) -> Result<Funnel, StoreError> {
        Ok(Funnel::default())
    }
    async fn export(&self) -> Result<Vec<LeadExport>, StoreError> {
        Ok(Vec::new())
    }
    async fn gauges(&self) -> Result<Gauges, StoreError> {
        Ok(Gauges::default())
    }
    async fn dead_letters(&self, _: i64) -> Result<Vec<leadbot::storage::DeadLetter>, StoreError> {
        Ok(Vec::new())
    }
}

#[async_trait]
impl Operations for MemoryStore {
    async fn migrate(&self) -> Result<(), StoreError> {
        Ok(())
    }
    async fn check_ready(&self) -> Result<(), StoreError> {
        Ok(())
    }
}
