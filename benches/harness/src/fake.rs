//! A fake Telegram Bot API that is also the load generator: every prospect
//! is a chat whose next message is queued the moment the bot's reply to the
//! previous one arrives (closed loop), or whose first message is queued by
//! a clock (open loop). `getUpdates` serves up to 100 updates a call, with
//! Telegram's offset semantics; `sendMessage` can enforce Telegram's limits
//! (30 messages a second overall, one a second per chat) with 429s.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// The first chat id of the prospects; the sales group is negative.
pub const FIRST_CHAT: i64 = 1_000_000;

#[derive(Default)]
pub struct Stats {
    /// Reply latencies: message made available to getUpdates → reply.
    pub latencies: Vec<Duration>,
    pub completed: usize,
    pub replies: usize,
    pub too_many_requests: usize,
    pub other_messages: usize,
    pub first_get_updates: Option<Instant>,
    pub get_updates_calls: usize,
    /// For each chat, when its first message was queued and when its first
    /// reply came (the campaign burst).
    pub first_reply: Vec<(i64, Instant, Instant)>,
    pub last_reply_at: Option<Instant>,
}

struct Prospect {
    step: usize,
    sent_at: Instant,
    /// Whether the next conversation on this slot starts after this one.
    rounds_left: usize,
    queued_at_first: Instant,
}

struct Inner {
    next_update_id: i64,
    queue: VecDeque<Value>,
    prospects: HashMap<i64, Prospect>,
    next_chat: i64,
    script: Vec<String>,
    /// Stop the conversation after this many replies (the burst: 1).
    replies_per_conversation: usize,
    limits: bool,
    recent: VecDeque<Instant>,
    last_to_chat: HashMap<i64, Instant>,
    stats: Stats,
}

#[derive(Clone)]
pub struct Fake {
    pub url: String,
    inner: Arc<Mutex<Inner>>,
    arrived: Arc<Notify>,
}

impl Fake {
    pub async fn start(script: &[&str]) -> Fake {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let fake = Fake {
            url,
            inner: Arc::new(Mutex::new(Inner {
                next_update_id: 1,
                queue: VecDeque::new(),
                prospects: HashMap::new(),
                next_chat: FIRST_CHAT,
                script: script.iter().map(|s| s.to_string()).collect(),
                replies_per_conversation: script.len(),
                limits: false,
                recent: VecDeque::new(),
                last_to_chat: HashMap::new(),
                stats: Stats::default(),
            })),
            arrived: Arc::new(Notify::new()),
        };
        let app = axum::Router::new()
            .route("/{bot}/{method}", axum::routing::post(handle))
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        fake
    }

    /// Telegram's limits on: 429 with retry_after past 30/s or 1/s a chat.
    pub fn enforce_limits(&self) {
        self.inner.lock().unwrap().limits = true;
    }

    /// Conversations end after this many replies (e.g. 1: only /start).
    pub fn stop_after(&self, replies: usize) {
        self.inner.lock().unwrap().replies_per_conversation = replies;
    }

    /// Starts a prospect now; it runs `rounds` conversations back to back
    /// (a new chat each time).
    pub fn start_prospect(&self, rounds: usize) {
        let mut inner = self.inner.lock().unwrap();
        start_conversation(&mut inner, rounds);
        drop(inner);
        self.arrived.notify_waiters();
    }

    /// Makes `count` existing conversations (the first ones) go on with the
    /// rest of the script.
    pub fn continue_conversations(&self, count: usize, replies: usize) {
        let mut inner = self.inner.lock().unwrap();
        inner.replies_per_conversation = replies;
        let now = Instant::now();
        for chat in FIRST_CHAT..FIRST_CHAT + count as i64 {
            let Some(step) = inner.prospects.get(&chat).map(|p| p.step) else {
                continue;
            };
            if step < inner.script.len() {
                let text = inner.script[step].clone();
                queue_text(&mut inner, chat, &text);
                if let Some(p) = inner.prospects.get_mut(&chat) {
                    p.sent_at = now;
                }
            }
        }
        drop(inner);
        self.arrived.notify_waiters();
    }

    pub fn with_stats<T>(&self, read: impl FnOnce(&mut Stats) -> T) -> T {
        read(&mut self.inner.lock().unwrap().stats)
    }
}

fn start_conversation(inner: &mut Inner, rounds: usize) {
    let chat = inner.next_chat;
    inner.next_chat += 1;
    let now = Instant::now();
    inner.prospects.insert(
        chat,
        Prospect {
            step: 0,
            sent_at: now,
            rounds_left: rounds.saturating_sub(1),
            queued_at_first: now,
        },
    );
    let first = inner.script[0].clone();
    queue_text(inner, chat, &first);
}

fn queue_text(inner: &mut Inner, chat: i64, text: &str) {
    let id = inner.next_update_id;
    inner.next_update_id += 1;
    inner.queue.push_back(json!({
        "update_id": id,
        "message": {
            "message_id": id, "date": 1_700_000_000, "text": text,
            "chat": {"id": chat, "type": "private", "first_name": "Rahim"},
            "from": {"id": chat, "is_bot": false, "first_name": "Rahim", "last_name": "Uddin",
                     "language_code": "en"}
        }
    }));
}

async fn handle(
    State(fake): State<Fake>,
    Path((_bot, method)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    match method.to_ascii_lowercase().as_str() {
        "getupdates" => get_updates(&fake, &body).await,
        "sendmessage" => send_message(&fake, &body),
        "getme" => ok(json!({"id": 999, "is_bot": true, "first_name": "Bench",
            "username": "bench_bot", "can_join_groups": true,
            "can_read_all_group_messages": false, "supports_inline_queries": false,
            "has_main_web_app": false})),
        "getwebhookinfo" => ok(json!({"url": "", "has_custom_certificate": false,
            "pending_update_count": 0})),
        _ => ok(json!(true)),
    }
}

fn ok(result: Value) -> Response {
    Json(json!({"ok": true, "result": result})).into_response()
}

async fn get_updates(fake: &Fake, body: &Value) -> Response {
    let offset = body["offset"].as_i64().unwrap_or(0);
    let limit = body["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
    let timeout = body["timeout"].as_u64().unwrap_or(0).min(10);
    let deadline = Instant::now() + Duration::from_secs(timeout);
    loop {
        let notified = fake.arrived.notified();
        {
            let mut inner = fake.inner.lock().unwrap();
            if inner.stats.first_get_updates.is_none() {
                inner.stats.first_get_updates = Some(Instant::now());
            }
            inner.stats.get_updates_calls += 1;
            // An offset confirms every update before it.
            while inner
                .queue
                .front()
                .is_some_and(|u| u["update_id"].as_i64().unwrap_or(0) < offset)
            {
                inner.queue.pop_front();
            }
            if !inner.queue.is_empty() {
                let batch: Vec<Value> = inner.queue.iter().take(limit).cloned().collect();
                return ok(Value::Array(batch));
            }
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return ok(json!([]));
        }
        let _ = tokio::time::timeout(left, notified).await;
    }
}

fn send_message(fake: &Fake, body: &Value) -> Response {
    let chat = body["chat_id"].as_i64().unwrap_or(0);
    let now = Instant::now();
    let mut inner = fake.inner.lock().unwrap();
    if inner.limits {
        while inner
            .recent
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
        {
            inner.recent.pop_front();
        }
        let chat_busy = inner
            .last_to_chat
            .get(&chat)
            .is_some_and(|t| now.duration_since(*t) < Duration::from_secs(1));
        if inner.recent.len() >= 30 || chat_busy {
            inner.stats.too_many_requests += 1;
            return (
                StatusCode::TOO_MANY_REQUESTS,
                Json(json!({"ok": false, "error_code": 429,
                    "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1}})),
            )
                .into_response();
        }
        inner.recent.push_back(now);
        inner.last_to_chat.insert(chat, now);
    }
    let message = json!({"message_id": 1, "date": 1_700_000_000,
        "chat": {"id": chat, "type": "private", "first_name": "Rahim"},
        "text": body["text"].clone()});
    let Some(prospect) = inner.prospects.get_mut(&chat) else {
        inner.stats.other_messages += 1;
        return ok(message);
    };
    let latency = now.duration_since(prospect.sent_at);
    prospect.step += 1;
    let step = prospect.step;
    let first_reply = (step == 1).then_some(prospect.queued_at_first);
    let rounds_left = prospect.rounds_left;
    prospect.sent_at = now;
    inner.stats.replies += 1;
    inner.stats.last_reply_at = Some(now);
    inner.stats.latencies.push(latency);
    if let Some(queued) = first_reply {
        inner.stats.first_reply.push((chat, queued, now));
    }
    let done = step >= inner.replies_per_conversation.min(inner.script.len());
    if done {
        if step >= inner.script.len() || inner.replies_per_conversation < inner.script.len() {
            inner.stats.completed += 1;
        }
        if rounds_left > 0 {
            start_conversation(&mut inner, rounds_left);
        }
    } else {
        let text = inner.script[step].clone();
        queue_text(&mut inner, chat, &text);
    }
    drop(inner);
    fake.arrived.notify_waiters();
    ok(message)
}

// ---- Fault injection, for the chaos scenario ----

/// A small seeded generator (splitmix64): the same seed, the same draws.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// A fault the fake Bot API can answer a request with. All but the
/// `Accepted*` ones happen before the request is accepted (nothing was sent,
/// so a retry repeats nothing); those two after (the message went out, but
/// the bot cannot know it: a retry is a legitimate duplicate).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fault {
    /// 429 with `parameters.retry_after`.
    TooManyRequests,
    /// 500 with Telegram's JSON error body.
    ServerError,
    /// No answer: held past the bot's HTTP client timeout, then reset.
    Timeout,
    /// The TCP connection reset at once (RST), no answer.
    Reset,
    /// Accepted, then the connection reset before the answer.
    AcceptedThenReset,
    /// Accepted, then held past the client timeout and reset.
    AcceptedThenTimeout,
    /// 502 with an HTML body, as a reverse proxy in front of a self-hosted
    /// Bot API server answers when it is down; nothing sent.
    BadGatewayHtml,
}

impl Fault {
    pub const ALL: [Fault; 7] = [
        Fault::TooManyRequests,
        Fault::ServerError,
        Fault::Timeout,
        Fault::Reset,
        Fault::AcceptedThenReset,
        Fault::AcceptedThenTimeout,
        Fault::BadGatewayHtml,
    ];

    /// The name used on the command line and in the report.
    pub fn name(self) -> &'static str {
        match self {
            Fault::TooManyRequests => "429",
            Fault::ServerError => "500",
            Fault::Timeout => "timeout",
            Fault::Reset => "reset",
            Fault::AcceptedThenReset => "accepted-reset",
            Fault::AcceptedThenTimeout => "accepted-timeout",
            Fault::BadGatewayHtml => "502-html",
        }
    }

    pub fn after_acceptance(self) -> bool {
        matches!(self, Fault::AcceptedThenReset | Fault::AcceptedThenTimeout)
    }

    /// 429 and 500 as Telegram sends them, 502 as nginx does; `None` for
    /// the faults that answer nothing.
    pub fn response(self, retry_after: u64) -> Option<Response> {
        match self {
            Fault::TooManyRequests => Some(
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    Json(json!({"ok": false, "error_code": 429,
                        "description": format!("Too Many Requests: retry after {retry_after}"),
                        "parameters": {"retry_after": retry_after}})),
                )
                    .into_response(),
            ),
            Fault::ServerError => Some(
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Json(json!({"ok": false, "error_code": 500,
                        "description": "Internal Server Error"})),
                )
                    .into_response(),
            ),
            Fault::BadGatewayHtml => Some(
                (
                    StatusCode::BAD_GATEWAY,
                    [(axum::http::header::CONTENT_TYPE, "text/html")],
                    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
                     <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n\
                     </body>\r\n</html>\r\n",
                )
                    .into_response(),
            ),
            _ => None,
        }
    }
}

/// How often each fault is injected: a probability per request.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FaultRates(pub Vec<(Fault, f64)>);

impl FaultRates {
    /// `429=0.01,500=0.002,timeout=0.001,reset=0.01,accepted-reset=0.005`;
    /// kinds left out are never injected; `none` for no faults.
    pub fn parse(spec: &str) -> Result<FaultRates, String> {
        let mut rates = Vec::new();
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if item == "none" {
                continue;
            }
            let (name, rate) = item
                .split_once('=')
                .ok_or_else(|| format!("{item:?}: expected KIND=RATE"))?;
            let fault = Fault::ALL
                .into_iter()
                .find(|f| f.name() == name.trim())
                .ok_or_else(|| format!("{name:?}: no such fault"))?;
            let rate: f64 = rate
                .trim()
                .parse()
                .map_err(|_| format!("{rate:?}: not a rate"))?;
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("{item:?}: a rate is between 0 and 1"));
            }
            rates.push((fault, rate));
        }
        if rates.iter().map(|(_, r)| r).sum::<f64>() > 1.0 {
            return Err(format!("{spec:?}: the rates add up to more than 1"));
        }
        Ok(FaultRates(rates))
    }

    /// The fault for one request, if any.
    pub fn pick(&self, rng: &mut Rng) -> Option<Fault> {
        let mut roll = rng.unit();
        for (fault, rate) in &self.0 {
            if roll < *rate {
                return Some(*fault);
            }
            roll -= rate;
        }
        None
    }

    pub fn describe(&self) -> String {
        if self.0.is_empty() {
            return "none".into();
        }
        self.0
            .iter()
            .map(|(f, r)| format!("{}={r}", f.name()))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The connection a request came on, for a handler that wants to cut it.
#[derive(Clone)]
pub struct Connection(Arc<Notify>);

impl Connection {
    /// Resets the TCP connection (an RST, no HTTP answer); never returns.
    pub async fn reset(&self) -> Response {
        self.0.notify_one();
        std::future::pending().await
    }
}

/// Serves HTTP/1.1 on `listener` with a handler that is given the Bot API
/// method name, the body and its [`Connection`]. Unlike `axum::serve`, a
/// handler can drop the connection without answering: every accepted socket
/// has a zero linger, so dropping it sends an RST (the bot's HTTP client
/// sees "connection reset", a transport error, not an HTTP answer).
pub async fn serve_with_resets<H, F>(listener: tokio::net::TcpListener, handler: H)
where
    H: Fn(String, Bytes, Connection) -> F + Clone + Send + Sync + 'static,
    F: std::future::Future<Output = Response> + Send + 'static,
{
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_zero_linger();
        let _ = stream.set_nodelay(true);
        let handler = handler.clone();
        tokio::spawn(async move {
            let cut = Arc::new(Notify::new());
            let connection = Connection(cut.clone());
            let service = hyper::service::service_fn(
                move |request: hyper::Request<hyper::body::Incoming>| {
                    let handler = handler.clone();
                    let connection = connection.clone();
                    async move {
                        let method = request
                            .uri()
                            .path()
                            .rsplit('/')
                            .next()
                            .unwrap_or_default()
                            .to_owned();
                        let body = axum::body::Body::new(request.into_body());
                        let body = axum::body::to_bytes(body, 16 << 20)
                            .await
                            .unwrap_or_default();
                        Ok::<_, std::convert::Infallible>(handler(method, body, connection).await)
                    }
                },
            );
            let serving = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            tokio::select! {
                _ = serving => {}
                // Dropping `serving` closes the socket: with the zero linger, an RST.
                _ = cut.notified() => {}
            }
        });
    }
}
