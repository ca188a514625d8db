//! The soak/chaos test: PROSPECTS simulated prospects type the hot script
//! through a fake Bot API that injects faults (429s, 500s, timeouts, reset
//! connections, before and after accepting a message), while the real
//! `leadbot run` (release build, SQLite file, long polling) is SIGKILLed at
//! random moments and restarted KILLS times. Everything talks to 127.0.0.1.
//!
//! ```text
//! harness chaos PROSPECTS KILLS [--seed N] [--deadline-secs N]
//!               [--send-faults SPEC] [--poll-faults SPEC]
//!               [--hold-secs N] [--retry-after-secs N]
//! SPEC: 429=0.01,500=0.002,timeout=0.001,reset=0.01,accepted-reset=0.003,
//!       accepted-timeout=0.0005   (a probability per request; "none")
//! ```
//!
//! Send faults hit `sendMessage`, `editMessageText` and
//! `answerCallbackQuery`; poll faults hit `getUpdates` (there, "accepted"
//! means the offset in the request confirmed updates before the answer was
//! lost, as Telegram confirms on receipt). Each prospect sends its next
//! message only once the reply to the previous one arrived (closed loop) and
//! never re-sends anything: the fake keeps every update until a getUpdates
//! offset confirms it, so whatever the bot did not confirm before a kill is
//! served again. A staff member presses Claim on each alert.
//!
//! At the end the run fails loudly (exit status 1) unless: every
//! conversation completed with the same replies in the same order; the
//! database (`leadbot export --format json` and `sqlite3`) has every lead hot
//! and claimed with exactly the expected current answers and no answer
//! recorded twice, one alert row per lead and an empty outbox; every lead was
//! alerted; every duplicate (reply or alert) is explained, either by a fault
//! injected after acceptance or by a kill between the two copies, with at
//! most one duplicate alert per kill; no "panicked" in the logs of all runs.

use crate::fake::{serve_with_resets, Connection, Fault, FaultRates, Rng};
use crate::process::{scratch_dir, Bot};
use crate::LEADBOT_SCRIPT;
use axum::body::Bytes;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// The sales group the alerts go to, and the staff member who claims them.
const SALES_CHAT: i64 = -1_001_000_000_001;
const STAFF_ID: i64 = 4242;
/// The first prospect's chat (and user) id.
const FIRST_CHAT: i64 = 3_000_000;
/// Answers the fake's getMe gives: leadbot's idempotency keys use it.
const BOT_ID: i64 = 999;

pub const DEFAULT_SEND_FAULTS: &str =
    "429=0.005,500=0.001,timeout=0.001,reset=0.01,accepted-reset=0.004,accepted-timeout=0.0003";
pub const DEFAULT_POLL_FAULTS: &str =
    "429=0.01,500=0.003,timeout=0.002,reset=0.01,accepted-reset=0.01";

pub struct Config {
    pub prospects: usize,
    pub kills: usize,
    pub seed: u64,
    pub deadline: Duration,
    pub send_faults: FaultRates,
    pub poll_faults: FaultRates,
    /// How long a timeout holds a request (past the bot's 17 s client timeout).
    pub hold: Duration,
    pub retry_after: u64,
}

impl Config {
    pub fn from_args(args: &[String]) -> Config {
        let mut positional = Vec::new();
        let mut seed = None;
        let mut deadline = 600;
        let mut send = DEFAULT_SEND_FAULTS.to_owned();
        let mut poll = DEFAULT_POLL_FAULTS.to_owned();
        let mut hold = 20;
        let mut retry_after = 1;
        let mut i = 0;
        while i < args.len() {
            let value = || {
                args.get(i + 1)
                    .cloned()
                    .unwrap_or_else(|| panic!("{} needs a value", args[i]))
            };
            let number = |v: String| -> u64 { v.parse().expect("a number") };
            match args[i].as_str() {
                "--seed" => seed = Some(number(value())),
                "--deadline-secs" => deadline = number(value()),
                "--send-faults" => send = value(),
                "--poll-faults" => poll = value(),
                "--hold-secs" => hold = number(value()),
                "--retry-after-secs" => retry_after = number(value()),
                flag if flag.starts_with("--") => panic!("unknown option {flag}"),
                other => {
                    positional.push(other.parse::<usize>().expect("a number"));
                    i += 1;
                    continue;
                }
            }
            i += 2;
        }
        let seed = seed.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                % 1_000_000_000
        });
        Config {
            prospects: *positional.first().unwrap_or(&1000),
            kills: *positional.get(1).unwrap_or(&20),
            seed,
            deadline: Duration::from_secs(deadline),
            send_faults: FaultRates::parse(&send).unwrap_or_else(|e| panic!("--send-faults: {e}")),
            poll_faults: FaultRates::parse(&poll).unwrap_or_else(|e| panic!("--poll-faults: {e}")),
            hold: Duration::from_secs(hold),
            retry_after,
        }
    }
}

/// One accepted copy of a message: in which run of the bot, and whether
/// the bot was kept from learning that it went out.
#[derive(Clone, Copy, Debug)]
struct Sent {
    epoch: usize,
    answer_lost: bool,
}

/// Why a message came twice.
#[derive(Default, Debug)]
struct Duplicates {
    /// The previous copy's answer was lost to an injected fault.
    answer_lost: usize,
    /// A kill came between the two copies; by the run of the first copy.
    crash: BTreeMap<usize, usize>,
    /// The same, by run and chat: more than one is more than a kill explains.
    crash_by_chat: HashMap<(usize, i64), usize>,
    /// Neither: a bug.
    unexplained: Vec<String>,
}

impl Duplicates {
    fn count(&mut self, previous: Sent, epoch: usize, chat: i64, what: String) {
        if previous.answer_lost {
            self.answer_lost += 1;
        } else if previous.epoch < epoch {
            *self.crash.entry(previous.epoch).or_default() += 1;
            *self
                .crash_by_chat
                .entry((previous.epoch, chat))
                .or_default() += 1;
        } else {
            self.unexplained.push(what);
        }
    }

    fn crash_total(&self) -> usize {
        self.crash.values().sum()
    }

    fn total(&self) -> usize {
        self.answer_lost + self.crash_total() + self.unexplained.len()
    }
}

struct Prospect {
    /// Distinct replies, in order.
    replies: Vec<String>,
    last: Option<(String, Sent)>,
    /// When its latest message was queued.
    asked_at: Instant,
}

struct Alert {
    chat: Option<i64>,
    text: String,
    copies: Vec<Sent>,
}

struct State {
    epoch: usize,
    next_update_id: i64,
    /// Updates not yet confirmed by an offset past them.
    pending: VecDeque<Value>,
    next_message_id: i64,
    prospects: HashMap<i64, Prospect>,
    alerts: BTreeMap<i64, Alert>,
    /// Sales-chat message id → lead id.
    message_lead: HashMap<i64, i64>,
    /// Accepted "claimed by" edits per lead, and edits hit by a fault.
    edits: BTreeMap<i64, usize>,
    edit_faults: BTreeMap<i64, usize>,
    requests: BTreeMap<String, usize>,
    faults: BTreeMap<(String, Fault), usize>,
    updates_served: usize,
    /// sendMessage requests the fake accepted (duplicates included).
    accepted_sends: usize,
    reply_duplicates: Duplicates,
    alert_duplicates: Duplicates,
    unexpected: Vec<String>,
    completed: usize,
    /// Distinct replies plus distinct alerts: what the kills are timed on.
    progress: usize,
    last_accepted: Instant,
    /// Closed loop: message queued → its reply accepted, in milliseconds.
    waits: Vec<f64>,
    rng: Rng,
}

#[derive(Clone)]
struct ChaosFake {
    url: String,
    state: Arc<Mutex<State>>,
    arrived: Arc<Notify>,
    send_faults: Arc<FaultRates>,
    poll_faults: Arc<FaultRates>,
    hold: Duration,
    retry_after: u64,
}

impl ChaosFake {
    async fn start(config: &Config) -> ChaosFake {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let fake = ChaosFake {
            url,
            state: Arc::new(Mutex::new(State {
                epoch: 0,
                next_update_id: 1,
                pending: VecDeque::new(),
                next_message_id: 1,
                prospects: HashMap::new(),
                alerts: BTreeMap::new(),
                message_lead: HashMap::new(),
                edits: BTreeMap::new(),
                edit_faults: BTreeMap::new(),
                requests: BTreeMap::new(),
                faults: BTreeMap::new(),
                updates_served: 0,
                accepted_sends: 0,
                reply_duplicates: Duplicates::default(),
                alert_duplicates: Duplicates::default(),
                unexpected: Vec::new(),
                completed: 0,
                progress: 0,
                last_accepted: Instant::now(),
                waits: Vec::new(),
                // Faults draw from their own stream of the seed.
                rng: Rng::new(config.seed ^ 0xFA17_FA17_FA17_FA17),
            })),
            arrived: Arc::new(Notify::new()),
            send_faults: Arc::new(config.send_faults.clone()),
            poll_faults: Arc::new(config.poll_faults.clone()),
            hold: config.hold,
            retry_after: config.retry_after,
        };
        let handler_fake = fake.clone();
        tokio::spawn(serve_with_resets(
            listener,
            move |method, body, connection| handle(handler_fake.clone(), method, body, connection),
        ));
        fake
    }

    fn with<T>(&self, read: impl FnOnce(&mut State) -> T) -> T {
        read(&mut self.state.lock().unwrap())
    }

    fn start_prospects(&self, count: usize) {
        self.with(|state| {
            let now = Instant::now();
            for chat in FIRST_CHAT..FIRST_CHAT + count as i64 {
                state.prospects.insert(
                    chat,
                    Prospect {
                        replies: Vec::new(),
                        last: None,
                        asked_at: now,
                    },
                );
                state.queue_text(chat, LEADBOT_SCRIPT[0]);
            }
        });
        self.arrived.notify_waiters();
    }
}

impl State {
    fn queue(&mut self, mut update: Value) {
        update["update_id"] = json!(self.next_update_id);
        self.next_update_id += 1;
        self.pending.push_back(update);
    }

    fn queue_text(&mut self, chat: i64, text: &str) {
        let id = self.next_update_id;
        self.queue(json!({
            "message": {
                "message_id": id, "date": 1_700_000_000, "text": text,
                "chat": {"id": chat, "type": "private", "first_name": "Rahim"},
                "from": {"id": chat, "is_bot": false, "first_name": "Rahim",
                         "last_name": "Uddin", "language_code": "en"}
            }
        }));
    }

    /// A staff member presses Claim on an alert.
    fn queue_claim(&mut self, lead: i64, message_id: i64, text: &str) {
        self.queue(json!({
            "callback_query": {
                "id": format!("claim-{lead}"), "chat_instance": "chaos-sales",
                "data": format!("claim:{lead}"),
                "from": {"id": STAFF_ID, "is_bot": false, "first_name": "Karim",
                         "last_name": "Sales", "language_code": "en"},
                "message": {
                    "message_id": message_id, "date": 1_700_000_000, "text": plain(text),
                    "chat": {"id": SALES_CHAT, "type": "supergroup", "title": "Sales"},
                    "from": {"id": BOT_ID, "is_bot": true, "first_name": "Bench",
                             "username": "bench_bot"}
                }
            }
        }));
    }

    fn reply(&mut self, chat: i64, text: String, sent: Sent, now: Instant) {
        let epoch = self.epoch;
        let prospect = self.prospects.get_mut(&chat).unwrap();
        if let Some((last, previous)) = &prospect.last {
            if *last == text {
                let previous = *previous;
                prospect.last = Some((text, sent));
                let step = prospect.replies.len();
                self.reply_duplicates.count(
                    previous,
                    epoch,
                    chat,
                    format!("chat {chat}: reply {step} twice in run {epoch}"),
                );
                return;
            }
        }
        let waited = now.duration_since(prospect.asked_at);
        prospect.last = Some((text.clone(), sent));
        prospect.replies.push(text);
        prospect.asked_at = now;
        let step = prospect.replies.len();
        self.progress += 1;
        self.waits.push(waited.as_secs_f64() * 1000.0);
        match step.cmp(&LEADBOT_SCRIPT.len()) {
            std::cmp::Ordering::Less => self.queue_text(chat, LEADBOT_SCRIPT[step]),
            std::cmp::Ordering::Equal => self.completed += 1,
            std::cmp::Ordering::Greater => self
                .unexpected
                .push(format!("chat {chat}: reply {step}, after the last message")),
        }
    }

    fn alert(&mut self, body: &Value, message_id: i64, text: String, sent: Sent) {
        let Some(lead) = callback_data(body)
            .iter()
            .find_map(|d| d.strip_prefix("claim:")?.parse::<i64>().ok())
        else {
            self.unexpected.push(format!(
                "a sales-chat message without a Claim button: {text:.80}"
            ));
            return;
        };
        self.message_lead.insert(message_id, lead);
        let epoch = self.epoch;
        match self.alerts.get_mut(&lead) {
            Some(alert) => {
                let previous = *alert.copies.last().unwrap();
                alert.copies.push(sent);
                if alert.text != text {
                    self.unexpected
                        .push(format!("lead {lead}: a second alert with another text"));
                }
                self.alert_duplicates.count(
                    previous,
                    epoch,
                    SALES_CHAT,
                    format!("lead {lead}: alert twice in run {epoch}"),
                );
            }
            None => {
                let chat = text.split("tg://user?id=").nth(1).and_then(|rest| {
                    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
                    digits.parse().ok()
                });
                self.alerts.insert(
                    lead,
                    Alert {
                        chat,
                        text: text.clone(),
                        copies: vec![sent],
                    },
                );
                self.progress += 1;
                self.queue_claim(lead, message_id, &text);
            }
        }
    }

    /// Every conversation done, every lead alerted, every update confirmed.
    fn finished(&self, prospects: usize) -> bool {
        self.completed >= prospects && self.alerts.len() >= prospects && self.pending.is_empty()
    }
}

/// The callback data of a message's inline buttons.
fn callback_data(body: &Value) -> Vec<String> {
    body["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|row| row.as_array())
        .flatten()
        .filter_map(|button| button["callback_data"].as_str().map(str::to_owned))
        .collect()
}

/// HTML as Telegram shows it: tags dropped, entities decoded.
fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn ok(result: Value) -> Response {
    Json(json!({"ok": true, "result": result})).into_response()
}

async fn handle(fake: ChaosFake, method: String, body: Bytes, connection: Connection) -> Response {
    let method = method.to_ascii_lowercase();
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    // The self-check at the start: `probe-<fault>` forces that fault.
    if let Some(name) = method.strip_prefix("probe-") {
        let fault = Fault::ALL.into_iter().find(|f| f.name() == name);
        return match fault {
            Some(fault @ (Fault::TooManyRequests | Fault::ServerError | Fault::BadGatewayHtml)) => {
                fault.response(fake.retry_after).unwrap()
            }
            Some(Fault::Timeout | Fault::AcceptedThenTimeout) => {
                tokio::time::sleep(fake.hold).await;
                connection.reset().await
            }
            Some(Fault::Reset | Fault::AcceptedThenReset) => connection.reset().await,
            None => ok(json!(true)),
        };
    }
    let fault = fake.with(|state| {
        *state.requests.entry(method.clone()).or_default() += 1;
        let rates = match method.as_str() {
            "getupdates" => &fake.poll_faults,
            "sendmessage" | "editmessagetext" | "answercallbackquery" => &fake.send_faults,
            _ => return None,
        };
        let fault = rates.pick(&mut state.rng)?;
        *state.faults.entry((method.clone(), fault)).or_default() += 1;
        if method == "editmessagetext" {
            if let Some(lead) = body["message_id"]
                .as_i64()
                .and_then(|id| state.message_lead.get(&id).copied())
            {
                *state.edit_faults.entry(lead).or_default() += 1;
            }
        }
        Some(fault)
    });
    // Before acceptance: nothing happens but the fault.
    match fault {
        Some(fault @ (Fault::TooManyRequests | Fault::ServerError | Fault::BadGatewayHtml)) => {
            return fault.response(fake.retry_after).unwrap();
        }
        Some(Fault::Timeout) => {
            tokio::time::sleep(fake.hold).await;
            return connection.reset().await;
        }
        Some(Fault::Reset) => return connection.reset().await,
        _ => {}
    }
    let answer_lost = fault.is_some_and(Fault::after_acceptance);
    let response = match method.as_str() {
        "getupdates" => get_updates(&fake, &body, !answer_lost).await,
        "sendmessage" => send_message(&fake, &body, answer_lost),
        "editmessagetext" => edit_message(&fake, &body),
        "getme" => ok(json!({"id": BOT_ID, "is_bot": true, "first_name": "Bench",
            "username": "bench_bot", "can_join_groups": true,
            "can_read_all_group_messages": false, "supports_inline_queries": false,
            "has_main_web_app": false})),
        "getwebhookinfo" => ok(json!({"url": "", "has_custom_certificate": false,
            "pending_update_count": 0})),
        _ => ok(json!(true)),
    };
    // After acceptance: the effect stands, the answer is lost.
    match fault {
        Some(Fault::AcceptedThenReset) => connection.reset().await,
        Some(Fault::AcceptedThenTimeout) => {
            tokio::time::sleep(fake.hold).await;
            connection.reset().await
        }
        _ => response,
    }
}

/// Telegram's semantics: an offset confirms every update before it, for
/// good; unconfirmed ones are served again, oldest first.
async fn get_updates(fake: &ChaosFake, body: &Value, wait: bool) -> Response {
    let offset = body["offset"].as_i64().unwrap_or(0);
    let limit = body["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
    let timeout = if wait {
        body["timeout"].as_u64().unwrap_or(0).min(10)
    } else {
        0
    };
    let deadline = Instant::now() + Duration::from_secs(timeout);
    loop {
        let notified = fake.arrived.notified();
        let batch = fake.with(|state| {
            while state
                .pending
                .front()
                .is_some_and(|u| u["update_id"].as_i64().unwrap_or(0) < offset)
            {
                state.pending.pop_front();
            }
            let batch: Vec<Value> = state.pending.iter().take(limit).cloned().collect();
            state.updates_served += batch.len();
            batch
        });
        if !batch.is_empty() {
            return ok(Value::Array(batch));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return ok(json!([]));
        }
        let _ = tokio::time::timeout(left, notified).await;
    }
}

fn send_message(fake: &ChaosFake, body: &Value, answer_lost: bool) -> Response {
    let chat = body["chat_id"].as_i64().unwrap_or(0);
    let text = body["text"].as_str().unwrap_or_default().to_owned();
    let now = Instant::now();
    let message_id = fake.with(|state| {
        let message_id = state.next_message_id;
        state.next_message_id += 1;
        state.accepted_sends += 1;
        state.last_accepted = now;
        let sent = Sent {
            epoch: state.epoch,
            answer_lost,
        };
        if chat == SALES_CHAT {
            state.alert(body, message_id, text.clone(), sent);
        } else if state.prospects.contains_key(&chat) {
            state.reply(chat, text.clone(), sent, now);
        } else {
            state
                .unexpected
                .push(format!("a message to unknown chat {chat}"));
        }
        message_id
    });
    fake.arrived.notify_waiters();
    let chat_json = if chat < 0 {
        json!({"id": chat, "type": "supergroup", "title": "Sales"})
    } else {
        json!({"id": chat, "type": "private", "first_name": "Rahim"})
    };
    ok(
        json!({"message_id": message_id, "date": 1_700_000_000, "chat": chat_json,
        "text": plain(&text)}),
    )
}

fn edit_message(fake: &ChaosFake, body: &Value) -> Response {
    let chat = body["chat_id"].as_i64().unwrap_or(0);
    let message_id = body["message_id"].as_i64().unwrap_or(0);
    let text = body["text"].as_str().unwrap_or_default().to_owned();
    fake.with(|state| match state.message_lead.get(&message_id).copied() {
        Some(lead) if chat == SALES_CHAT => *state.edits.entry(lead).or_default() += 1,
        _ => state
            .unexpected
            .push(format!("an edit of unknown message {chat}/{message_id}")),
    });
    ok(json!({"message_id": message_id, "date": 1_700_000_000,
        "chat": {"id": chat, "type": "supergroup", "title": "Sales"}, "text": plain(&text)}))
}

/// Checks each fault on the wire before the run, with an HTTP client like
/// the bot's (reqwest; a 3 s timeout instead of 17 s): what a client sees.
async fn probe(url: &str) -> Vec<String> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(3))
        .build()
        .unwrap();
    let mut seen = Vec::new();
    for fault in Fault::ALL {
        let answer = client
            .post(format!("{url}/botPROBE/probe-{}", fault.name()))
            .json(&json!({}))
            .send()
            .await;
        let what = match answer {
            Ok(response) => format!(
                "HTTP {} {}",
                response.status().as_u16(),
                response
                    .text()
                    .await
                    .unwrap_or_default()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .chars()
                    .take(100)
                    .collect::<String>()
            ),
            Err(error) => {
                let mut chain = vec![error.to_string()];
                let mut source = std::error::Error::source(&error);
                while let Some(cause) = source {
                    chain.push(cause.to_string());
                    source = cause.source();
                }
                format!(
                    "transport error{}: {}",
                    if error.is_timeout() { " (timeout)" } else { "" },
                    chain.join(": ")
                )
            }
        };
        seen.push(format!("{} → {what}", fault.name()));
    }
    seen
}

/// A kill, as the report tells it.
struct Kill {
    at: f64,
    progress: usize,
    uptime: f64,
}

fn spawn_bot(fake: &ChaosFake, database: &Path, log: &Path) -> Bot {
    Bot::spawn_leadbot_logged(
        &fake.url,
        database,
        log,
        &[
            ("LEADBOT_SALES__TELEGRAM_CHATS", format!("[{SALES_CHAT}]")),
            ("LEADBOT_SALES__TELEGRAM_STAFF", format!("[{STAFF_ID}]")),
        ],
    )
}

/// Rows from the sqlite3 command-line shell, tab-separated; `None` when
/// there is no sqlite3.
fn sqlite(database: &Path, query: &str) -> Option<Vec<Vec<String>>> {
    let output = Command::new("sqlite3")
        .args([
            "-batch",
            "-noheader",
            "-separator",
            "\t",
            "-cmd",
            ".timeout 5000",
        ])
        .arg(database)
        .arg(query)
        .output()
        .ok()?;
    if !output.status.success() {
        panic!(
            "sqlite3 failed on {query:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Some(
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|line| line.split('\t').map(str::to_owned).collect())
            .collect(),
    )
}

fn number(rows: &[Vec<String>], row: usize, column: usize) -> i64 {
    rows.get(row)
        .and_then(|r| r.get(column))
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1)
}

/// What the bot's logs say, over all runs.
#[derive(Default)]
struct Logs {
    panics: Vec<String>,
    warnings: usize,
    errors: usize,
    /// "delivery failed" and "getUpdates failed" by the error they give.
    transport_errors: BTreeMap<String, usize>,
    rate_limited: usize,
    edits_failed: usize,
    starts: usize,
}

fn read_logs(logs: &[PathBuf]) -> Logs {
    let mut seen = Logs::default();
    for path in logs {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for line in text.lines() {
            if line.contains("panicked") {
                seen.panics.push(format!(
                    "{}: {line}",
                    path.file_name().unwrap().to_string_lossy()
                ));
            }
            if line.contains(" WARN ") {
                seen.warnings += 1;
            }
            if line.contains(" ERROR ") {
                seen.errors += 1;
            }
            if line.contains("connected to Telegram") {
                seen.starts += 1;
            }
            if line.contains("rate limited") {
                seen.rate_limited += 1;
            }
            if line.contains("cannot edit an alert") {
                seen.edits_failed += 1;
            }
            let what = if line.contains("delivery failed") {
                "sendMessage"
            } else if line.contains("getUpdates failed") {
                "getUpdates"
            } else {
                continue;
            };
            *seen
                .transport_errors
                .entry(format!("{what}: {}", error_kind(line)))
                .or_default() += 1;
        }
    }
    seen
}

/// The kind of a failed request, from the error text the bot logged.
fn error_kind(line: &str) -> &'static str {
    let lower = line.to_ascii_lowercase();
    if lower.contains("did not answer in time") || lower.contains("timed out") {
        "timeout"
    } else if lower.contains("reset") {
        "connection reset"
    } else if lower.contains("connection closed") || lower.contains("incomplete") {
        "connection closed"
    } else if lower.contains("unreadable response") {
        "unreadable answer"
    } else if lower.contains("internal server error") {
        "500 Internal Server Error"
    } else if lower.contains("too many requests") || lower.contains("retry after") {
        "429"
    } else if lower.contains("error sending request") || lower.contains("network") {
        "network error (no answer)"
    } else {
        "other"
    }
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

pub async fn run(config: Config) {
    let prospects = config.prospects;
    let dir = scratch_dir();
    let database = dir.join("chaos.db");
    println!(
        "chaos: {prospects} prospects, {} kills, seed {}, deadline {:?}\n  send faults: {}\n  poll faults: {}\n  timeouts hold {:?}; 429s say retry_after {} s\n  bot: {}\n  files: {}",
        config.kills,
        config.seed,
        config.deadline,
        config.send_faults.describe(),
        config.poll_faults.describe(),
        config.hold,
        config.retry_after,
        std::env::var("LEADBOT_BIN").unwrap_or_default(),
        dir.display()
    );
    let fake = ChaosFake::start(&config).await;
    for line in probe(&fake.url).await {
        println!("  probe: {line}");
    }
    let mut rng = Rng::new(config.seed);
    // Kills come at random moments: each a random delay after the last
    // (re)start, with a mean that spreads the kills left over the time the
    // run still needs at its pace so far. So that all of them fall inside
    // the run, kill k also comes (a random 0-3 s) after progress passed
    // k/(KILLS+1) of the work, whichever is first.
    let total_progress = prospects * (LEADBOT_SCRIPT.len() + 1);
    let next_delay = |rng: &mut Rng, elapsed: f64, progress: usize, kills_left: usize| {
        let done = progress as f64 / total_progress as f64;
        let remaining = if done > 0.02 {
            elapsed * (1.0 - done) / done
        } else {
            30.0
        };
        let mean = remaining / (kills_left as f64 + 1.0);
        let delay = (0.25 + 1.5 * rng.unit()) * mean;
        Duration::from_secs_f64(delay.clamp(0.2, 90.0))
    };
    let cap = |k: usize| total_progress * 95 * (k + 1) / (100 * (config.kills + 1));

    let mut logs = vec![dir.join("run-00.log")];
    let mut bot = spawn_bot(&fake, &database, &logs[0]);
    let started = Instant::now();
    let mut run_started = started;
    fake.start_prospects(prospects);
    let mut kills: Vec<Kill> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    let mut finished = false;
    let mut kill_at = started + next_delay(&mut rng, 0.0, 0, config.kills);
    let mut capped = false;
    let mut kills_on_progress = 0;
    while !finished {
        tokio::time::sleep(Duration::from_millis(20)).await;
        if started.elapsed() > config.deadline {
            let (completed, alerts, pending) =
                fake.with(|s| (s.completed, s.alerts.len(), s.pending.len()));
            failures.push(format!(
                "not finished within {:?}: {completed} of {prospects} conversations complete, {alerts} alerts, {pending} updates unconfirmed, {} kills",
                config.deadline,
                kills.len()
            ));
            break;
        }
        if let Some(status) = bot.exited() {
            failures.push(format!(
                "the bot exited on its own ({status}) in run {}; see {}",
                kills.len(),
                logs.last().unwrap().display()
            ));
            break;
        }
        let progress = fake.with(|s| s.progress);
        if kills.len() < config.kills && !capped && progress >= cap(kills.len()) {
            let soon = Instant::now() + Duration::from_millis(rng.below(3000));
            if soon < kill_at {
                kill_at = soon;
                kills_on_progress += 1;
            }
            capped = true;
        }
        if kills.len() < config.kills && Instant::now() >= kill_at {
            bot.sigkill();
            kills.push(Kill {
                at: started.elapsed().as_secs_f64(),
                progress,
                uptime: run_started.elapsed().as_secs_f64(),
            });
            // What the dead process had on the wire still counts as its run;
            // then a supervisor's restart delay.
            tokio::time::sleep(Duration::from_millis(100 + rng.below(400))).await;
            fake.with(|s| s.epoch += 1);
            let log = dir.join(format!("run-{:02}.log", kills.len()));
            bot = spawn_bot(&fake, &database, &log);
            logs.push(log);
            run_started = Instant::now();
            kill_at = run_started
                + next_delay(
                    &mut rng,
                    started.elapsed().as_secs_f64(),
                    progress,
                    config.kills - kills.len(),
                );
            capped = false;
            continue;
        }
        finished = kills.len() == config.kills && fake.with(|s| s.finished(prospects));
    }
    // Let the last retries land: wait for an empty outbox (and no accepted
    // message for a second), then stop the bot the polite way.
    let pending_rows = || {
        sqlite(
            &database,
            "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND given_up_at IS NULL",
        )
        .map(|rows| number(&rows, 0, 0))
    };
    if finished {
        let drained_by = Instant::now() + Duration::from_secs(120);
        loop {
            let quiet = fake.with(|s| s.last_accepted.elapsed() > Duration::from_secs(1));
            if quiet && pending_rows().unwrap_or(0) == 0 {
                break;
            }
            if Instant::now() > drained_by {
                failures.push(format!(
                    "the outbox did not drain within 120 s of the end: {:?} rows left",
                    pending_rows()
                ));
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    let took = started.elapsed().as_secs_f64();
    // Claims are edited into their alerts; leadbot does not retry a failed
    // edit, so give late ones a little while, then count what is missing.
    let edits_by = Instant::now() + Duration::from_secs(20);
    while finished
        && Instant::now() < edits_by
        && fake.with(|s| s.alerts.keys().any(|lead| !s.edits.contains_key(lead)))
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    match bot.sigterm(Duration::from_secs(20)) {
        Some(status) if status.success() => {}
        Some(status) => failures.push(format!("the last run ended with {status} on SIGTERM")),
        None => {
            bot.sigkill();
            failures.push("the last run did not exit within 20 s of SIGTERM".into());
        }
    }

    // ---- the checks ----
    let state = fake.state.lock().unwrap();
    let seen = read_logs(&logs);
    // Conversations: complete, all the same replies in the same order.
    let mut sequences: HashMap<&Vec<String>, usize> = HashMap::new();
    for prospect in state.prospects.values() {
        *sequences.entry(&prospect.replies).or_default() += 1;
    }
    let reference = sequences
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(s, _)| (*s).clone())
        .unwrap_or_default();
    if state.completed != prospects {
        failures.push(format!(
            "{} of {prospects} conversations complete",
            state.completed
        ));
    }
    let mut stuck: Vec<(&i64, &Prospect)> = state
        .prospects
        .iter()
        .filter(|(_, p)| p.replies.len() < LEADBOT_SCRIPT.len())
        .collect();
    stuck.sort_by_key(|(chat, _)| **chat);
    for (chat, prospect) in stuck.iter().take(5) {
        failures.push(format!(
            "prospect {chat} waits for reply {} of {} since {:.0} s ago (its last: {:?})",
            prospect.replies.len() + 1,
            LEADBOT_SCRIPT.len(),
            prospect.asked_at.elapsed().as_secs_f64(),
            prospect
                .replies
                .last()
                .map(|r| plain(r).chars().take(40).collect::<String>())
        ));
    }
    if reference.len() != LEADBOT_SCRIPT.len() {
        failures.push(format!(
            "the most common conversation has {} replies, not {}",
            reference.len(),
            LEADBOT_SCRIPT.len()
        ));
    }
    let different = state
        .prospects
        .values()
        .filter(|p| p.replies != reference)
        .count();
    if different > 0 {
        failures.push(format!(
            "{different} prospects got other replies than the rest"
        ));
    }
    for unexpected in state.unexpected.iter().take(10) {
        failures.push(format!("unexpected: {unexpected}"));
    }
    if !state.pending.is_empty() {
        failures.push(format!("{} updates never confirmed", state.pending.len()));
    }
    // Alerts: every lead at least once, from a known prospect, one prospect
    // each; duplicates explained, at most one per kill.
    let alerted_chats: BTreeSet<i64> = state.alerts.values().filter_map(|a| a.chat).collect();
    if state.alerts.len() != prospects || alerted_chats.len() != prospects {
        failures.push(format!(
            "{} leads alerted ({} distinct prospects), expected {prospects}",
            state.alerts.len(),
            alerted_chats.len()
        ));
    }
    if alerted_chats
        .iter()
        .any(|c| !state.prospects.contains_key(c))
    {
        failures.push("an alert names a chat that is no prospect".into());
    }
    for (kind, duplicates) in [
        ("reply", &state.reply_duplicates),
        ("alert", &state.alert_duplicates),
    ] {
        for what in duplicates.unexplained.iter().take(10) {
            failures.push(format!(
                "unexplained {kind} duplicate (no kill, no lost answer): {what}"
            ));
        }
    }
    // A kill leaves at most one delivered-but-unrecorded message per chat
    // (the sender has one row per chat in flight): one duplicate per chat.
    let mut twice: Vec<_> = state
        .reply_duplicates
        .crash_by_chat
        .iter()
        .filter(|(_, n)| **n > 1)
        .collect();
    twice.sort();
    for ((run, chat), count) in twice.iter().take(10) {
        failures.push(format!(
            "chat {chat}: {count} duplicate replies across the kill that ended run {run} (at most 1)"
        ));
    }
    for (run, count) in &state.alert_duplicates.crash {
        if *count > 1 {
            failures.push(format!(
                "{count} duplicate alerts across the kill that ended run {run} (at most 1)"
            ));
        }
    }
    if state.alert_duplicates.crash_total() > kills.len() {
        failures.push(format!(
            "{} duplicate alerts from {} kills",
            state.alert_duplicates.crash_total(),
            kills.len()
        ));
    }
    // Claims: edits shown, and why some are not.
    let claimed_edits = state.edits.len();
    let missing_edits: Vec<i64> = state
        .alerts
        .keys()
        .filter(|lead| !state.edits.contains_key(lead))
        .copied()
        .collect();
    let missing_by_fault = missing_edits
        .iter()
        .filter(|lead| state.edit_faults.contains_key(lead))
        .count();
    // Panics.
    for panic in seen.panics.iter().take(10) {
        failures.push(format!("panic: {panic}"));
    }

    // The database, through leadbot's own export.
    let export = Command::new(std::env::var("LEADBOT_BIN").unwrap())
        .args(["export", "--format", "json"])
        .current_dir(&dir)
        .env_clear()
        .env("DATABASE_URL", format!("sqlite://{}", database.display()))
        .output()
        .expect("leadbot export runs");
    let leads: Vec<Value> = serde_json::from_slice(&export.stdout).unwrap_or_else(|e| {
        failures.push(format!(
            "leadbot export: {e}: {}",
            String::from_utf8_lossy(&export.stderr)
        ));
        Vec::new()
    });
    let answers_of = |lead: &Value| -> Vec<(String, String)> {
        lead["answers"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| {
                (
                    a["question_id"].as_str().unwrap_or_default().to_owned(),
                    a["raw_text"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    let mut answer_sets: HashMap<Vec<(String, String)>, usize> = HashMap::new();
    for lead in &leads {
        let mut answers = answers_of(lead);
        answers.sort();
        *answer_sets.entry(answers).or_default() += 1;
    }
    let expected_answers = answer_sets
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(a, _)| a.clone())
        .unwrap_or_default();
    let typed: BTreeSet<&str> = expected_answers.iter().map(|(_, r)| r.as_str()).collect();
    for line in [
        "2",
        "2 lakh taka",
        "1",
        "within 2 weeks",
        "rahim@example.com",
    ] {
        if !typed.contains(line) {
            failures.push(format!("no lead has the answer {line:?} in the export"));
        }
    }
    if leads.len() != prospects {
        failures.push(format!(
            "{} leads exported, expected {prospects}",
            leads.len()
        ));
    }
    let off_answers =
        answer_sets.values().sum::<usize>() - answer_sets.get(&expected_answers).unwrap_or(&0);
    if off_answers > 0 {
        failures.push(format!(
            "{off_answers} leads have other current answers than the {} expected",
            expected_answers.len()
        ));
    }
    let not_hot = leads
        .iter()
        .filter(|l| l["temperature"].as_str() != Some("hot"))
        .count();
    if not_hot > 0 {
        failures.push(format!("{not_hot} exported leads are not hot"));
    }
    // Every alert's lead is that prospect's lead.
    let user_of: HashMap<i64, String> = leads
        .iter()
        .filter_map(|l| Some((l["id"].as_i64()?, l["user_id"].as_str()?.to_owned())))
        .collect();
    let mismatched = state
        .alerts
        .iter()
        .filter(|(lead, alert)| {
            user_of.get(lead).map(String::as_str) != alert.chat.map(|c| c.to_string()).as_deref()
        })
        .count();
    if mismatched > 0 {
        failures.push(format!(
            "{mismatched} alerts carry a lead id that is not their prospect's"
        ));
    }

    // The database, row by row.
    let rows = |query: &str| sqlite(&database, query);
    let mut database_figures = json!(null);
    match rows(
        "SELECT (SELECT COUNT(*) FROM leads),
                (SELECT COUNT(*) FROM leads WHERE temperature = 'hot'),
                (SELECT COUNT(*) FROM leads WHERE claimed_by_id IS NOT NULL),
                (SELECT COUNT(*) FROM answers),
                (SELECT COUNT(*) FROM answers WHERE current = 1),
                (SELECT COUNT(*) FROM (SELECT 1 FROM answers GROUP BY lead_id, question_id
                                       HAVING COUNT(*) > 1)),
                (SELECT COUNT(*) FROM processed_events),
                (SELECT COUNT(*) FROM outbox WHERE kind = 'alert'),
                (SELECT COUNT(DISTINCT lead_id) FROM outbox WHERE kind = 'alert'),
                (SELECT COUNT(*) FROM outbox),
                (SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL),
                (SELECT COUNT(*) FROM outbox WHERE given_up_at IS NOT NULL),
                (SELECT COALESCE(SUM(attempts), 0) - COUNT(*) FROM outbox),
                (SELECT COUNT(*) FROM outbox WHERE attempts > 1),
                (SELECT COUNT(*) FROM (SELECT 1 FROM stage_events GROUP BY lead_id, stage
                                       HAVING COUNT(*) > 1)),
                (SELECT COUNT(*) FROM leads WHERE unreachable_at IS NOT NULL)",
    ) {
        None => println!("  (no sqlite3 on the PATH: the row-by-row checks are skipped)"),
        Some(r) => {
            let n = |c: usize| number(&r, 0, c);
            let p = prospects as i64;
            let script = LEADBOT_SCRIPT.len() as i64;
            let expect = |failures: &mut Vec<String>, what: &str, got: i64, want: i64| {
                if got != want {
                    failures.push(format!("database: {what}: {got}, expected {want}"));
                }
            };
            expect(&mut failures, "leads", n(0), p);
            expect(&mut failures, "hot leads", n(1), p);
            expect(&mut failures, "claimed leads", n(2), p);
            expect(
                &mut failures,
                "answer rows (history) vs current answers",
                n(3),
                n(4),
            );
            expect(
                &mut failures,
                "current answers",
                n(4),
                p * expected_answers.len() as i64,
            );
            expect(&mut failures, "questions answered twice", n(5), 0);
            expect(
                &mut failures,
                "processed updates (messages + claims)",
                n(6),
                p * (script + 1),
            );
            expect(&mut failures, "alert rows", n(7), p);
            expect(&mut failures, "leads with an alert row", n(8), p);
            expect(
                &mut failures,
                "outbox rows (replies + alerts)",
                n(9),
                p * (script + 1),
            );
            expect(&mut failures, "outbox rows not delivered", n(10), 0);
            expect(&mut failures, "outbox rows given up", n(11), 0);
            expect(&mut failures, "stages reached twice", n(14), 0);
            expect(&mut failures, "leads marked unreachable", n(15), 0);
            database_figures = json!({"leads": n(0), "hot": n(1), "claimed": n(2),
                "answer_rows": n(3), "current_answers": n(4), "processed_updates": n(6),
                "alert_rows": n(7), "outbox_rows": n(9), "failed_attempts_recorded": n(12),
                "rows_retried": n(13)});
        }
    }

    // ---- the figures ----
    let mut waits = state.waits.clone();
    waits.sort_by(f64::total_cmp);
    let fault_total = |fault: Fault| -> usize {
        state
            .faults
            .iter()
            .filter(|((_, f), _)| *f == fault)
            .map(|(_, n)| n)
            .sum()
    };
    let faults_by_method: BTreeMap<String, BTreeMap<&str, usize>> =
        state
            .faults
            .iter()
            .fold(BTreeMap::new(), |mut map, ((method, fault), n)| {
                map.entry(method.clone())
                    .or_default()
                    .insert(fault.name(), *n);
                map
            });
    let messages = prospects * LEADBOT_SCRIPT.len();
    let sends = state.requests.get("sendmessage").copied().unwrap_or(0);
    let accepted_sends = state.accepted_sends;
    println!(
        "chaos: {took:.1} s, {} kills, {} bot starts seen in the logs",
        kills.len(),
        seen.starts
    );
    println!(
        "  each conversation: {}",
        reference
            .iter()
            .map(|r| format!("{:?}", plain(r).chars().take(32).collect::<String>()))
            .collect::<Vec<_>>()
            .join(" / ")
    );
    println!(
        "  kills ({kills_on_progress} brought forward by the progress cap) at (s): {}",
        kills
            .iter()
            .map(|k| format!("{:.1}", k.at))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "  requests: {}",
        state
            .requests
            .iter()
            .map(|(m, n)| format!("{m} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for (method, faults) in &faults_by_method {
        println!(
            "  faults on {method}: {}",
            faults
                .iter()
                .map(|(f, n)| format!("{f} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    println!(
        "  updates: {} queued, {} served ({} served again)",
        state.next_update_id - 1,
        state.updates_served,
        state.updates_served as i64 - (state.next_update_id - 1)
    );
    println!(
        "  sendMessage: {sends} requests, {accepted_sends} accepted, {} refused or cut (the bot retried)",
        sends.saturating_sub(accepted_sends)
    );
    println!(
        "  duplicate replies: {} ({} after a lost answer, {} across a kill [per kill at most {}], {} unexplained)",
        state.reply_duplicates.total(),
        state.reply_duplicates.answer_lost,
        state.reply_duplicates.crash_total(),
        state.reply_duplicates.crash.values().max().copied().unwrap_or(0),
        state.reply_duplicates.unexplained.len()
    );
    println!(
        "  duplicate alerts: {} ({} after a lost answer, {} across a kill [per kill at most {}], {} unexplained)",
        state.alert_duplicates.total(),
        state.alert_duplicates.answer_lost,
        state.alert_duplicates.crash_total(),
        state.alert_duplicates.crash.values().max().copied().unwrap_or(0),
        state.alert_duplicates.unexplained.len()
    );
    println!(
        "  claims: {claimed_edits} of {} alerts edited to \"claimed by\"; {} not ({missing_by_fault} of them had an edit hit by a fault, the rest a kill)",
        state.alerts.len(),
        missing_edits.len()
    );
    println!(
        "  reply wait: p50 {:.0} ms, p99 {:.0} ms, max {:.1} s",
        percentile(&waits, 0.5),
        percentile(&waits, 0.99),
        percentile(&waits, 1.0) / 1000.0
    );
    println!(
        "  logs: {} runs, {} panics, {} warnings, {} errors; failed requests as the bot logged them: {}",
        logs.len(),
        seen.panics.len(),
        seen.warnings,
        seen.errors,
        seen.transport_errors
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("  database: {database_figures}");
    let passed = failures.is_empty();
    crate::report(
        &format!("chaos/leadbot/{prospects}/{}", config.kills),
        format!(
            "{} in {took:.1} s: {prospects} prospects, {messages} messages, {} kills, {} faults, {} duplicate replies and {} duplicate alerts (all explained), {} panics",
            if passed { "PASSED" } else { "FAILED" },
            kills.len(),
            state.faults.values().sum::<usize>(),
            state.reply_duplicates.total(),
            state.alert_duplicates.total(),
            seen.panics.len()
        ),
        json!({
            "passed": passed,
            "seed": config.seed,
            "prospects": prospects,
            "messages": messages,
            "kills": kills.len(),
            "seconds": took,
            "faults": state.faults.values().sum::<usize>(),
            "faults_429": fault_total(Fault::TooManyRequests),
            "faults_500": fault_total(Fault::ServerError),
            "faults_timeout": fault_total(Fault::Timeout),
            "faults_reset": fault_total(Fault::Reset),
            "faults_accepted_reset": fault_total(Fault::AcceptedThenReset),
            "faults_accepted_timeout": fault_total(Fault::AcceptedThenTimeout),
            "faults_502_html": fault_total(Fault::BadGatewayHtml),
            "faults_by_method": faults_by_method,
            "send_faults": config.send_faults.describe(),
            "poll_faults": config.poll_faults.describe(),
            "send_requests": sends,
            "retried_sends": sends.saturating_sub(accepted_sends),
            "updates_served_again": state.updates_served as i64 - (state.next_update_id - 1),
            "completed": state.completed,
            "leads_alerted": state.alerts.len(),
            "duplicate_replies": state.reply_duplicates.total(),
            "duplicate_replies_lost_answer": state.reply_duplicates.answer_lost,
            "duplicate_replies_kill": state.reply_duplicates.crash_total(),
            "duplicate_replies_per_kill": (0..kills.len())
                .map(|run| state.reply_duplicates.crash.get(&run).copied().unwrap_or(0))
                .collect::<Vec<_>>(),
            "duplicate_alerts": state.alert_duplicates.total(),
            "duplicate_alerts_lost_answer": state.alert_duplicates.answer_lost,
            "duplicate_alerts_kill": state.alert_duplicates.crash_total(),
            "unexplained_duplicates": state.reply_duplicates.unexplained.len()
                + state.alert_duplicates.unexplained.len(),
            "claim_edits_missing": missing_edits.len(),
            "claim_edits_missing_fault": missing_by_fault,
            "reply_wait_p50_ms": percentile(&waits, 0.5),
            "reply_wait_p99_ms": percentile(&waits, 0.99),
            "reply_wait_max_ms": percentile(&waits, 1.0),
            "panics": seen.panics.len(),
            "log_warnings": seen.warnings,
            "log_errors": seen.errors,
            "failed_requests_logged": seen.transport_errors,
            "kills_on_progress_cap": kills_on_progress,
            "kill_times_s": kills.iter().map(|k| k.at).collect::<Vec<_>>(),
            "kill_progress": kills.iter().map(|k| k.progress).collect::<Vec<_>>(),
            "run_uptimes_s": kills.iter().map(|k| k.uptime).collect::<Vec<_>>(),
            "database": database_figures,
        }),
    );
    drop(state);
    if !passed {
        eprintln!("CHAOS FAILED ({} problems):", failures.len());
        for failure in &failures {
            eprintln!("  - {failure}");
        }
        eprintln!("  logs and database kept in {}", dir.display());
        std::process::exit(1);
    }
}
