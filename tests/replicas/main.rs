//! Several `leadbot run` processes on one PostgreSQL, end to end: the real
//! binary against the fake Bot API on 127.0.0.1 and the PostgreSQL server
//! `TEST_DATABASE_URL` names (a fresh schema per test).
//!
//! - 1,000 prospects whose messages reach two webhook replicas at random,
//!   some twice at once: every conversation complete and in order, every
//!   answer stored once, every hot lead alerted exactly once.
//! - The poller lock: the polling replica is killed, the standby polls
//!   within 30 s, and Telegram never sees two pollers at once.
//! - The database goes away under a running bot and comes back: nothing
//!   committed is lost, and the log says what happened.

#[path = "../common/fake_bot_api.rs"]
mod fake_bot_api;
mod pg_proxy;
#[path = "../common/postgres.rs"]
mod postgres;
#[path = "../common/process.rs"]
mod process;

use fake_bot_api::{updates, FakeTelegram};
use process::BotProcess as Bot;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TOKEN: &str = "123456:REPLICA-TOKEN-CANARY";
const CANARY: &str = "REPLICA-TOKEN-CANARY";
const SALES_CHAT: i64 = -5000;
const SECRET: &str = "replica-Hook-secret-0123456789";

/// A hot prospect, typed the way the console transcript test types it.
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

/// Environment for one replica: pacing off (the fake does not limit), the
/// sales group alerted.
fn replica_env(fake: &FakeTelegram, database_url: &str) -> Vec<(&'static str, String)> {
    vec![
        ("TELEGRAM_BOT_TOKEN", TOKEN.to_owned()),
        ("DATABASE_URL", database_url.to_owned()),
        ("LEADBOT_TELEGRAM__API_URL", fake.url.clone()),
        ("LEADBOT_TELEGRAM__PER_CHAT_INTERVAL_MS", "0".into()),
        ("LEADBOT_TELEGRAM__GROUP_INTERVAL_MS", "0".into()),
        ("LEADBOT_TELEGRAM__GLOBAL_PER_SECOND", "0".into()),
        ("LEADBOT_TELEGRAM__POLL_TIMEOUT_SECS", "1".into()),
        ("LEADBOT_SALES__TELEGRAM_CHATS", format!("[{SALES_CHAT}]")),
    ]
}

fn webhook_env() -> Vec<(&'static str, String)> {
    vec![
        ("LEADBOT_TELEGRAM__MODE", "webhook".into()),
        (
            "LEADBOT_TELEGRAM__WEBHOOK__URL",
            "https://bot.example.com/telegram/hook".into(),
        ),
        ("LEADBOT_TELEGRAM__WEBHOOK__LISTEN", "127.0.0.1:0".into()),
        ("LEADBOT_TELEGRAM__WEBHOOK__SECRET", SECRET.into()),
    ]
}

fn spawn(dir: &std::path::Path, env: Vec<(&'static str, String)>) -> Bot {
    Bot::spawn(dir, &env, CANARY)
}

/// The address a log line `... listen=ADDR ...` containing `marker` names.
async fn listening(bot: &Bot, marker: &str) -> String {
    wait_for_log(bot, marker, Duration::from_secs(20)).await;
    bot.log()
        .lines()
        .find(|l| l.contains(marker))
        .and_then(|l| l.split("listen=").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("no address in the log:\n{}", bot.log()))
}

async fn wait_for_log(bot: &Bot, marker: &str, limit: Duration) {
    let started = Instant::now();
    while !bot.log().contains(marker) {
        assert!(
            started.elapsed() < limit,
            "waited {limit:?} for {marker:?} in the log:\n{}",
            bot.log()
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn pool(url: &str) -> sqlx::PgPool {
    sqlx::postgres::PgPoolOptions::new()
        .max_connections(2)
        .connect(url)
        .await
        .unwrap()
}

async fn scalar(pool: &sqlx::PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// Waits until every committed reply and alert was accepted by the fake.
async fn wait_outbox_drained(pool: &sqlx::PgPool, limit: Duration) {
    let started = Instant::now();
    loop {
        let pending = scalar(
            pool,
            "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND given_up_at IS NULL",
        )
        .await;
        if pending == 0 {
            return;
        }
        assert!(
            started.elapsed() < limit,
            "{pending} outbox rows still undelivered after {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn text_of(message: &Value) -> String {
    message["text"].as_str().unwrap_or_default().to_owned()
}

/// A small deterministic generator: which replica, and whether twice.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % sides
    }
}

/// Posts an update as Telegram does: again until it gets 200.
async fn post_update(client: &reqwest::Client, hook: &str, update: &Value) {
    for _ in 0..50 {
        let response = client
            .post(hook)
            .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
            .json(update)
            .send()
            .await;
        if response.is_ok_and(|r| r.status() == 200) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the webhook never took update {}", update["update_id"]);
}

async fn get(client: &reqwest::Client, url: &str) -> (u16, String) {
    let response = client.get(url).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// The value of a metric line (`name{labels} value`) in a scrape.
fn metric(scrape: &str, line_start: &str) -> f64 {
    scrape
        .lines()
        .find(|l| l.starts_with(line_start))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {line_start} in:\n{scrape}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_qualify_a_thousand_prospects_in_order_once_each() {
    // Arrange: two webhook replicas on one schema.
    const PROSPECTS: i64 = 1000;
    let schema = postgres::fresh_schema().await;
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeTelegram::start().await;
    let mut env = replica_env(&fake, &schema.url);
    env.extend(webhook_env());
    let replicas = [spawn(dir.path(), env.clone()), spawn(dir.path(), env)];
    let mut hooks = Vec::new();
    for replica in &replicas {
        let address = listening(replica, "serving the Telegram webhook").await;
        hooks.push(format!("http://{address}"));
    }
    let hooks = Arc::new(hooks);
    let client = reqwest::Client::new();

    // Act: each prospect types the script; each message goes to a random
    // replica, and one in eight goes to both at the same moment.
    let started = Instant::now();
    let gate = Arc::new(tokio::sync::Semaphore::new(64));
    let mut prospects = tokio::task::JoinSet::new();
    let doubled = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for prospect in 0..PROSPECTS {
        let (hooks, client, gate, doubled) =
            (hooks.clone(), client.clone(), gate.clone(), doubled.clone());
        prospects.spawn(async move {
            let _slot = gate.acquire().await.unwrap();
            let chat = 100_000 + prospect;
            let mut dice = Dice(0x9E37_79B9_7F4A_7C15 ^ (prospect as u64 + 1));
            for (step, line) in SCRIPT.iter().enumerate() {
                let mut update = updates::text(chat, "en", line);
                update["update_id"] = (prospect * 100 + step as i64 + 1).into();
                let first = dice.roll(2) as usize;
                let hook = format!("{}/telegram/hook", hooks[first]);
                if dice.roll(8) == 0 {
                    doubled.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let other = format!("{}/telegram/hook", hooks[1 - first]);
                    tokio::join!(
                        post_update(&client, &hook, &update),
                        post_update(&client, &other, &update)
                    );
                } else {
                    post_update(&client, &hook, &update).await;
                }
            }
        });
    }
    while let Some(done) = prospects.join_next().await {
        done.unwrap();
    }
    let database = pool(&schema.url).await;
    wait_outbox_drained(&database, Duration::from_secs(300)).await;
    let took = started.elapsed();
    let doubled = doubled.load(std::sync::atomic::Ordering::Relaxed);
    eprintln!(
        "{PROSPECTS} prospects, {} messages ({doubled} sent twice) through 2 replicas in {took:?}",
        PROSPECTS * SCRIPT.len() as i64
    );

    // Assert: every conversation complete and hot.
    let leads = scalar(&database, "SELECT COUNT(*) FROM leads").await;
    let hot = scalar(
        &database,
        "SELECT COUNT(*) FROM leads WHERE temperature = 'hot' AND stage = 'sales_qualified'",
    )
    .await;
    assert_eq!((leads, hot), (PROSPECTS, PROSPECTS));
    // Every update processed once.
    let processed = scalar(&database, "SELECT COUNT(*) FROM processed_events").await;
    assert_eq!(processed, PROSPECTS * SCRIPT.len() as i64);
    // Every answer stored once: no question answered twice, the same number
    // of answers in every conversation.
    let answered_twice = scalar(
        &database,
        "SELECT COUNT(*) FROM (SELECT lead_id, question_id FROM answers
            GROUP BY lead_id, question_id HAVING COUNT(*) > 1) AS twice",
    )
    .await;
    assert_eq!(answered_twice, 0);
    let per_lead: Vec<i64> =
        sqlx::query_scalar("SELECT COUNT(*) FROM answers GROUP BY lead_id ORDER BY 1")
            .fetch_all(&database)
            .await
            .unwrap();
    assert_eq!(per_lead.len() as i64, PROSPECTS);
    assert!(per_lead[0] >= 5 && per_lead[0] == per_lead[per_lead.len() - 1]);
    // In order: every prospect got exactly the same replies, in the same
    // order, one per message.
    let mut replies: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for call in fake.calls("sendMessage").into_iter().filter(|c| c.accepted) {
        let chat = call.body["chat_id"].as_i64().unwrap();
        replies.entry(chat).or_default().push(text_of(&call.body));
    }
    let reference = replies[&100_000].clone();
    assert_eq!(reference.len(), SCRIPT.len(), "{reference:#?}");
    for prospect in 0..PROSPECTS {
        assert_eq!(
            replies[&(100_000 + prospect)],
            reference,
            "prospect {prospect}'s replies differ"
        );
    }
    // Every hot lead alerted exactly once.
    let alerts = &replies[&SALES_CHAT];
    let alerted: HashSet<&str> = alerts
        .iter()
        .filter_map(|a| a.split("Hot lead #").nth(1))
        .filter_map(|rest| rest.split(':').next())
        .collect();
    assert_eq!(alerts.len() as i64, PROSPECTS);
    assert_eq!(alerted.len() as i64, PROSPECTS);

    // The operator's view: both replicas ready, their counters adding up to
    // every delivery, the shared gauges showing the database's truth.
    let mut handled = 0.0;
    for hook in hooks.iter() {
        assert_eq!(get(&client, &format!("{hook}/healthz")).await.0, 200);
        assert_eq!(
            get(&client, &format!("{hook}/readyz")).await,
            (200, "ready\n".to_owned())
        );
        let (status, scrape) = get(&client, &format!("{hook}/metrics")).await;
        assert_eq!(status, 200);
        handled += metric(
            &scrape,
            "leadbot_updates_handled_total{channel=\"telegram\"}",
        );
        assert_eq!(
            metric(&scrape, "leadbot_leads{temperature=\"hot\"}"),
            PROSPECTS as f64
        );
        assert_eq!(
            metric(&scrape, "leadbot_outbox_depth{channel=\"telegram\"}"),
            0.0
        );
        assert!(scrape.contains("leadbot_update_handling_seconds_bucket"));
    }
    assert_eq!(
        handled,
        (PROSPECTS as usize * SCRIPT.len() + doubled) as f64
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_poller_is_replaced_within_30_seconds_without_two_pollers_at_once() {
    // Arrange: two polling replicas; one takes the lock, one stands by.
    let schema = postgres::fresh_schema().await;
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeTelegram::start().await;
    let mut env = replica_env(&fake, &schema.url);
    env.push(("LEADBOT_HTTP__LISTEN", "127.0.0.1:0".into()));
    let mut first = spawn(dir.path(), env.clone());
    wait_for_log(
        &first,
        "this replica polls Telegram",
        Duration::from_secs(20),
    )
    .await;
    let second = spawn(dir.path(), env);
    wait_for_log(&second, "standing by", Duration::from_secs(20)).await;
    let client = reqwest::Client::new();
    let leader_flag = |address: String| {
        let client = client.clone();
        async move {
            let (_, scrape) = get(&client, &format!("http://{address}/metrics")).await;
            metric(&scrape, "leadbot_poller_leader{channel=\"telegram\"}")
        }
    };
    let first_metrics = listening(&first, "serving /healthz").await;
    let second_metrics = listening(&second, "serving /healthz").await;
    assert_eq!(leader_flag(first_metrics).await, 1.0);
    assert_eq!(leader_flag(second_metrics.clone()).await, 0.0);
    fake.inject(updates::text(9001, "en", "/start"));
    fake.wait_for_sent(9001, 1).await;
    // Several long polls later, still one poller.
    let polls = fake.calls("getUpdates").len();
    while fake.calls("getUpdates").len() < polls + 3 {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(fake.conflicts(), 0, "two replicas polled at once");
    assert!(!second.log().contains("this replica polls Telegram"));

    // Act: kill -9 the poller, then a prospect writes.
    first.kill();
    let killed_at = Instant::now();
    fake.inject(updates::text(9002, "en", "/start"));

    // Assert: the standby took over and answered within 30 s.
    fake.wait_for_sent_within(9002, 1, Duration::from_secs(30))
        .await;
    let took = killed_at.elapsed();
    assert!(took < Duration::from_secs(30), "took over after {took:?}");
    assert!(second.log().contains("this replica polls Telegram"));
    assert_eq!(leader_flag(second_metrics).await, 1.0);
    // The killed poller's own long poll may have been the one ended by the
    // new poller; nothing more.
    assert!(fake.conflicts() <= 1, "{} conflicts", fake.conflicts());
    // The earlier conversation goes on where it was, on the new poller.
    fake.inject(updates::text(9001, "en", "yes"));
    fake.wait_for_sent(9001, 2).await;
    eprintln!("the standby answered {took:?} after the poller was killed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_restart_under_a_running_bot_loses_no_committed_answer() {
    // Arrange: one replica reaching PostgreSQL through a relay we control.
    let schema = postgres::fresh_schema().await;
    let mut url = url::Url::parse(&schema.url).unwrap();
    let upstream = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap_or(5432));
    let proxy = pg_proxy::PgProxy::start(upstream).await;
    url.set_host(Some("127.0.0.1")).unwrap();
    url.set_port(Some(proxy.port)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeTelegram::start().await;
    let mut env = replica_env(&fake, url.as_str());
    env.push(("LEADBOT_HTTP__LISTEN", "127.0.0.1:0".into()));
    let bot = spawn(dir.path(), env);
    let ready = format!(
        "http://{}/readyz",
        listening(&bot, "serving /healthz").await
    );
    let client = reqwest::Client::new();
    assert_eq!(get(&client, &ready).await.0, 200);
    let chat = 9100;
    for (n, line) in SCRIPT[..3].iter().enumerate() {
        fake.inject(updates::text(chat, "en", line));
        fake.wait_for_sent(chat, n + 1).await;
    }

    // Act: the server ends the bot's sessions as a shutdown does (57P01),
    // then refuses connections for three seconds; a prospect writes
    // meanwhile. Then the server is back on the same address.
    let direct = pool(&schema.url).await;
    sqlx::query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE client_port = ANY($1)",
    )
    .bind(proxy.session_ports())
    .execute(&direct)
    .await
    .unwrap();
    proxy.go_down();
    fake.inject(updates::text(chat, "en", SCRIPT[3]));
    wait_for_log(&bot, "database is unreachable", Duration::from_secs(20)).await;
    let (status, reason) = get(&client, &ready).await;
    assert_eq!(status, 503, "{reason}");
    assert_eq!(
        get(&client, &ready.replace("readyz", "healthz")).await.0,
        200
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    proxy.come_up().await;

    // Assert: the message written while the database was away is answered,
    // and the conversation finishes hot with every answer stored once.
    fake.wait_for_sent_within(chat, 4, Duration::from_secs(30))
        .await;
    for (n, line) in SCRIPT[4..].iter().enumerate() {
        fake.inject(updates::text(chat, "en", line));
        fake.wait_for_sent(chat, n + 5).await;
    }
    wait_outbox_drained(&direct, Duration::from_secs(30)).await;
    assert_eq!(get(&client, &ready).await.0, 200);
    let hot = scalar(
        &direct,
        "SELECT COUNT(*) FROM leads WHERE temperature = 'hot'",
    )
    .await;
    assert_eq!(hot, 1);
    assert_eq!(
        scalar(&direct, "SELECT COUNT(*) FROM processed_events").await,
        SCRIPT.len() as i64
    );
    let answered_twice = scalar(
        &direct,
        "SELECT COUNT(*) FROM (SELECT question_id FROM answers
            GROUP BY question_id HAVING COUNT(*) > 1) AS twice",
    )
    .await;
    assert_eq!(answered_twice, 0);
    assert_eq!(fake.sent_to(chat).len(), SCRIPT.len());
    assert_eq!(fake.sent_to(SALES_CHAT).len(), 1);
    let log = bot.log();
    assert!(!log.contains("panicked"), "{log}");
    assert!(log.contains("the database is reachable again"), "{log}");
}
