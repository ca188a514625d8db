//! leadbot's end-to-end benchmarks: the real bot binaries (leadbot, or the
//! teloxide baseline) against a fake Bot API that generates the load.
//! `benches/run` builds everything and runs every scenario; each scenario
//! prints a human line and a `BENCH {json}` line.
//!
//! ```text
//! harness e2e      BOT PROSPECTS CONVERSATIONS   closed loop, conversations/s
//! harness latency  BOT MESSAGES_PER_SECOND SECS  open loop, p50/p99, CPU, RSS
//! harness ceiling  PROSPECTS CONVERSATIONS        a bot without logic
//! harness burst    USERS SECS                     /start from USERS users, Telegram limits on
//! harness memory   STORED ACTIVE                  RSS after STORED conversations, ACTIVE busy
//! harness startup  RUNS                           process start → first getUpdates
//! harness chaos    PROSPECTS KILLS [options]       faults + SIGKILLs, then the end-state checks
//! ```
//! BOT is `leadbot`, `baseline` (teloxide, rollback journal) or
//! `baseline-wal`. Binaries come from `LEADBOT_BIN` and `BASELINE_BIN`.

// The chaos scenario's report is one big `json!`.
#![recursion_limit = "256"]

mod chaos;
mod fake;
mod process;

use fake::Fake;
use process::Bot;
use std::time::{Duration, Instant};

/// The hot prospect of leadbot's tests: consent, need, budget (echoed and
/// confirmed), authority, timeframe, contact.
const LEADBOT_SCRIPT: [&str; 8] = [
    "/start",
    "yes",
    "2",
    "2 lakh taka",
    "yes",
    "1",
    "within 2 weeks",
    "rahim@example.com",
];

/// The baseline's four questions, after the greeting.
const BASELINE_SCRIPT: [&str; 5] = ["/start", "website", "200000", "yes", "within a month"];

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| -> String {
        args.get(i)
            .cloned()
            .unwrap_or_else(|| panic!("missing argument {i}; see the header of main.rs"))
    };
    let num = |i: usize| -> usize { arg(i).parse().expect("a number") };
    match arg(0).as_str() {
        "e2e" => e2e(&arg(1), num(2), num(3)).await,
        "latency" => latency(&arg(1), num(2), num(3)).await,
        "ceiling" => ceiling(num(1), num(2)).await,
        "burst" => burst(num(1), num(2)).await,
        "memory" => memory(num(1), num(2)).await,
        "startup" => startup(num(1)).await,
        "chaos" => chaos::run(chaos::Config::from_args(&args[1..])).await,
        other => panic!("unknown scenario {other}"),
    }
}

fn script_of(bot: &str) -> &'static [&'static str] {
    if bot == "leadbot" {
        &LEADBOT_SCRIPT
    } else {
        &BASELINE_SCRIPT
    }
}

fn report(name: &str, human: String, json: serde_json::Value) {
    println!("{name:<36} {human}");
    println!(
        "BENCH {}",
        serde_json::json!({"name": name, "result": json})
    );
}

/// Starts the bot and waits for its first getUpdates.
async fn spawn_polling(fake: &Fake, bot: &str, paced: bool) -> Bot {
    let child = Bot::spawn(bot, &fake.url, paced);
    wait_until("the bot polls", Duration::from_secs(30), || {
        fake.with_stats(|s| s.first_get_updates.is_some())
    })
    .await;
    child
}

async fn wait_until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < limit,
            "timed out after {limit:?}: {what}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Closed loop: PROSPECTS at once, each starting a new conversation as soon
/// as its last one ended, until CONVERSATIONS ended.
async fn e2e(bot: &str, prospects: usize, conversations: usize) {
    let script = script_of(bot);
    let fake = Fake::start(script).await;
    let child = spawn_polling(&fake, bot, false).await;
    let rounds = conversations.div_ceil(prospects);
    let total = rounds * prospects;
    let cpu0 = child.cpu_seconds();
    let started = Instant::now();
    for _ in 0..prospects {
        fake.start_prospect(rounds);
    }
    wait_until(
        "every conversation completes",
        Duration::from_secs(1800),
        || fake.with_stats(|s| s.completed >= total),
    )
    .await;
    let took = started.elapsed().as_secs_f64();
    let cpu = (child.cpu_seconds() - cpu0) / took;
    let messages = total * script.len();
    let rss = child.rss_mib();
    report(
        &format!("e2e/{bot}/{prospects}"),
        format!(
            "{:>8.1} conversations/s {:>9.0} messages/s  CPU {:>4.0}% of a core  RSS {rss:.1} MiB",
            total as f64 / took,
            messages as f64 / took,
            cpu * 100.0
        ),
        serde_json::json!({"conversations_per_s": total as f64 / took,
            "messages_per_s": messages as f64 / took, "cpu_cores": cpu, "rss_mib": rss,
            "conversations": total, "seconds": took}),
    );
}

/// Open loop: new conversations at a steady rate, so that MESSAGES_PER_SECOND
/// are offered, for SECS; each prospect answers at once.
async fn latency(bot: &str, messages_per_second: usize, seconds: usize) {
    let script = script_of(bot);
    let fake = Fake::start(script).await;
    let child = spawn_polling(&fake, bot, false).await;
    let conversations_per_second = messages_per_second as f64 / script.len() as f64;
    let interval = Duration::from_secs_f64(1.0 / conversations_per_second);
    let total = (conversations_per_second * seconds as f64).round() as usize;
    let cpu0 = child.cpu_seconds();
    let started = Instant::now();
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    for _ in 0..total {
        ticker.tick().await;
        fake.start_prospect(1);
    }
    let offered_for = started.elapsed().as_secs_f64();
    let cpu = (child.cpu_seconds() - cpu0) / offered_for;
    wait_until(
        "every conversation completes",
        Duration::from_secs(300),
        || fake.with_stats(|s| s.completed >= total),
    )
    .await;
    let rss = child.rss_mib();
    let (p50, p99, max) = fake.with_stats(|s| {
        s.latencies.sort();
        let at = |q: f64| s.latencies[((s.latencies.len() - 1) as f64 * q) as usize];
        (at(0.50), at(0.99), at(1.0))
    });
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    report(
        &format!("latency/{bot}/{messages_per_second}"),
        format!(
            "p50 {:>6.2} ms  p99 {:>7.2} ms  max {:>7.1} ms  CPU {:>4.0}% of a core  RSS {rss:.1} MiB",
            ms(p50),
            ms(p99),
            ms(max),
            cpu * 100.0
        ),
        serde_json::json!({"p50_ms": ms(p50), "p99_ms": ms(p99), "max_ms": ms(max),
            "cpu_cores": cpu, "rss_mib": rss, "offered_messages_per_s": messages_per_second,
            "offered_seconds": offered_for}),
    );
}

/// The fake and the load generator with a bot that answers every update at
/// once and does nothing else: the most the harness can measure.
async fn ceiling(prospects: usize, conversations: usize) {
    let fake = Fake::start(&LEADBOT_SCRIPT).await;
    tokio::spawn(process::echo_bot(fake.url.clone()));
    let rounds = conversations.div_ceil(prospects);
    let total = rounds * prospects;
    let started = Instant::now();
    for _ in 0..prospects {
        fake.start_prospect(rounds);
    }
    wait_until(
        "every conversation completes",
        Duration::from_secs(600),
        || fake.with_stats(|s| s.completed >= total),
    )
    .await;
    let took = started.elapsed().as_secs_f64();
    let messages = total * LEADBOT_SCRIPT.len();
    report(
        &format!("ceiling/echo/{prospects}"),
        format!(
            "{:>8.1} conversations/s {:>9.0} messages/s",
            total as f64 / took,
            messages as f64 / took
        ),
        serde_json::json!({"conversations_per_s": total as f64 / took,
            "messages_per_s": messages as f64 / took}),
    );
}

/// A campaign link: USERS distinct users send /start within SECS, with
/// Telegram's limits enforced by the fake and leadbot's pacing on.
async fn burst(users: usize, seconds: usize) {
    let fake = Fake::start(&LEADBOT_SCRIPT).await;
    fake.enforce_limits();
    fake.stop_after(1);
    let child = spawn_polling(&fake, "leadbot", true).await;
    let started = Instant::now();
    let per_tick = users.div_ceil(seconds * 100);
    let mut ticker = tokio::time::interval(Duration::from_millis(10));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut sent = 0;
    while sent < users {
        ticker.tick().await;
        for _ in 0..per_tick.min(users - sent) {
            fake.start_prospect(1);
            sent += 1;
        }
    }
    let offered_in = started.elapsed().as_secs_f64();
    // Stored: the bot's own counter of committed updates.
    let mut stored_in = None;
    let mut last_seen = 0.0;
    while stored_in.is_none() && started.elapsed() < Duration::from_secs(120) {
        last_seen = child.updates_handled().await.unwrap_or(last_seen);
        if last_seen >= users as f64 {
            stored_in = Some(started.elapsed().as_secs_f64());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    wait_until(
        "every prospect got the first question",
        Duration::from_secs(users as u64 / 20 + 120),
        || fake.with_stats(|s| s.first_reply.len() >= users),
    )
    .await;
    let (last_at, rate, too_many, in_order, max_displacement) = fake.with_stats(|s| {
        let first = s.first_reply.iter().map(|r| r.2).min().unwrap();
        let last = s.first_reply.iter().map(|r| r.2).max().unwrap();
        let rate = (s.first_reply.len() - 1) as f64 / last.duration_since(first).as_secs_f64();
        // First come, first served: rank of each reply against the rank of
        // its /start.
        let mut by_reply = s.first_reply.clone();
        by_reply.sort_by_key(|r| r.2);
        let mut by_arrival = s.first_reply.clone();
        by_arrival.sort_by_key(|r| r.1);
        let arrival_rank: std::collections::HashMap<i64, usize> = by_arrival
            .iter()
            .enumerate()
            .map(|(i, r)| (r.0, i))
            .collect();
        let ranks: Vec<usize> = by_reply.iter().map(|r| arrival_rank[&r.0]).collect();
        let in_order =
            ranks.windows(2).filter(|w| w[0] < w[1]).count() as f64 / (ranks.len() - 1) as f64;
        let max_displacement = ranks
            .iter()
            .enumerate()
            .map(|(i, r)| i.abs_diff(*r))
            .max()
            .unwrap_or(0);
        (
            last.duration_since(started).as_secs_f64(),
            rate,
            s.too_many_requests,
            in_order,
            max_displacement,
        )
    });
    report(
        &format!("burst/leadbot/{users}"),
        format!(
            "offered in {offered_in:.1} s, stored in {} s, last first question at {last_at:.1} s, {rate:.2} replies/s ({:.1}% of 30/s), {too_many} × 429, {:.1}% in arrival order (max displacement {max_displacement})",
            stored_in.map_or("—".to_owned(), |s| format!("{s:.2}")),
            rate / 30.0 * 100.0,
            in_order * 100.0
        ),
        serde_json::json!({"offered_seconds": offered_in, "stored_seconds": stored_in,
            "last_first_question_seconds": last_at, "replies_per_s": rate,
            "share_of_allowed": rate / 30.0, "too_many_requests": too_many,
            "in_order_share": in_order, "max_displacement": max_displacement}),
    );
}

/// RSS after STORED conversations were started and ACTIVE of them went
/// through the whole questionnaire.
async fn memory(stored: usize, active: usize) {
    let fake = Fake::start(&LEADBOT_SCRIPT).await;
    fake.stop_after(1);
    let child = spawn_polling(&fake, "leadbot", false).await;
    let started = Instant::now();
    for _ in 0..stored {
        fake.start_prospect(1);
    }
    wait_until(
        "every conversation is stored",
        Duration::from_secs(1800),
        || fake.with_stats(|s| s.replies >= stored),
    )
    .await;
    let after_store = child.rss_mib();
    fake.continue_conversations(active, LEADBOT_SCRIPT.len());
    let expected = stored + active * (LEADBOT_SCRIPT.len() - 1);
    wait_until("the active ones finish", Duration::from_secs(1800), || {
        fake.with_stats(|s| s.replies >= expected)
    })
    .await;
    let rss = child.rss_mib();
    let peak = child.peak_rss_mib();
    report(
        &format!("memory/leadbot/{stored}/{active}"),
        format!(
            "RSS {rss:.1} MiB (after storing: {after_store:.1} MiB, peak {peak:.1} MiB), {:.0} s",
            started.elapsed().as_secs_f64()
        ),
        serde_json::json!({"rss_mib": rss, "rss_after_store_mib": after_store,
            "peak_rss_mib": peak}),
    );
}

/// Process start → first getUpdates, on an already migrated database.
async fn startup(runs: usize) {
    let dir = process::scratch_dir();
    let database = dir.join("startup.db");
    let mut times = Vec::new();
    for run in 0..=runs {
        let fake = Fake::start(&LEADBOT_SCRIPT).await;
        let started = Instant::now();
        let child = Bot::spawn_with_database("leadbot", &fake.url, false, &database);
        wait_until("the bot polls", Duration::from_secs(30), || {
            fake.with_stats(|s| s.first_get_updates.is_some())
        })
        .await;
        let took = fake
            .with_stats(|s| s.first_get_updates.unwrap())
            .duration_since(started);
        drop(child);
        // The first run creates and migrates the database.
        if run > 0 {
            times.push(took.as_secs_f64() * 1000.0);
        }
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    report(
        "startup/leadbot",
        format!(
            "median {median:.1} ms to the first getUpdates (runs: {})",
            times
                .iter()
                .map(|t| format!("{t:.1}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        serde_json::json!({"median_ms": median, "runs_ms": times}),
    );
}
