//! A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests: the
//! methods leadbot calls, `getUpdates` with real offset semantics, a way to
//! inject updates and failures, and a record of everything the bot sent.

#![allow(dead_code)]

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

pub const BOT_USERNAME: &str = "leadbot_test_bot";

/// A failure to answer a call with (`sendMessage` by default, any method
/// with [`FakeTelegram::fail_next`]).
#[derive(Debug, Clone, Copy)]
pub enum Failure {
    RetryAfter(u32),
    ServerError,
    /// 403: the user blocked the bot.
    Blocked,
    /// 401: the token was revoked.
    Unauthorized,
    /// 400: Telegram refused the request itself.
    BadRequest,
    /// 200 with a body that is not JSON but quotes the request, as a broken
    /// proxy might: the call counts as accepted.
    MalformedJson,
    /// The connection breaks in the middle of the answer.
    Dropped,
}

#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub body: Value,
    pub at: Instant,
    /// Whether the fake accepted it (false for injected failures).
    pub accepted: bool,
}

#[derive(Default)]
struct Inner {
    next_update_id: i64,
    /// Updates not yet confirmed by a getUpdates offset past them.
    pending: Vec<Value>,
    /// Updates served again whatever the offset says (a lost confirmation).
    forced: Vec<Value>,
    calls: Vec<Call>,
    /// Method → failures to answer its next calls with.
    failures: HashMap<String, VecDeque<Failure>>,
    /// The `bot<token>` path segments requests came with.
    bot_segments: BTreeSet<String>,
    next_message_id: i64,
    /// Chats whose sendMessage answers are held back this long (the message
    /// is accepted at once), to kill the bot between send and record.
    held: Vec<(i64, Duration)>,
    /// The latest getUpdates; an older one still waiting is ended with 409,
    /// as Telegram ends it ("terminated by other getUpdates request").
    poll_generation: u64,
    conflicts: usize,
    /// Chats the bot was removed from: sends there get 403 "kicked".
    kicked_from: BTreeSet<i64>,
    /// Groups upgraded to supergroups: old id → new id.
    migrated: HashMap<i64, i64>,
}

#[derive(Clone)]
pub struct FakeTelegram {
    pub url: String,
    inner: Arc<Mutex<Inner>>,
    arrived: Arc<Notify>,
}

impl FakeTelegram {
    pub async fn start() -> FakeTelegram {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let fake = FakeTelegram {
            url,
            inner: Arc::new(Mutex::new(Inner {
                next_update_id: 5000,
                next_message_id: 1,
                ..Default::default()
            })),
            arrived: Arc::new(Notify::new()),
        };
        let app = axum::Router::new()
            .route("/{bot}/{method}", axum::routing::post(handle))
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        fake
    }

    /// Queues an update (without `update_id`); returns the update as sent.
    pub fn inject(&self, mut update: Value) -> Value {
        let mut inner = self.inner.lock().unwrap();
        let id = inner.next_update_id;
        inner.next_update_id += 1;
        update["update_id"] = json!(id);
        inner.pending.push(update.clone());
        drop(inner);
        self.arrived.notify_waiters();
        update
    }

    /// Delivers an update again, as Telegram does when it thinks a
    /// confirmation was lost.
    pub fn redeliver(&self, update: &Value) {
        self.inner.lock().unwrap().forced.push(update.clone());
        self.arrived.notify_waiters();
    }

    /// How many times getUpdates served this update id.
    pub fn times_served(&self, update_id: i64) -> usize {
        self.calls("getUpdatesServed")
            .iter()
            .filter(|c| c.body == serde_json::json!(update_id))
            .count()
    }

    /// getUpdates calls that were ended by a newer one (409): two pollers at
    /// once.
    pub fn conflicts(&self) -> usize {
        self.inner.lock().unwrap().conflicts
    }

    pub fn hold_answers_to(&self, chat: i64, hold: Duration) {
        let mut inner = self.inner.lock().unwrap();
        inner.held.retain(|(c, _)| *c != chat);
        inner.held.push((chat, hold));
    }

    /// The bot is removed from `chat`: sends there are refused, as
    /// Telegram refuses them, until [`FakeTelegram::add_bot_back`].
    pub fn kick_bot_from(&self, chat: i64) {
        self.inner.lock().unwrap().kicked_from.insert(chat);
    }

    /// The group `chat` is upgraded to the supergroup `to`: sends to the old
    /// id get 400 with `migrate_to_chat_id`, as Telegram answers.
    pub fn migrate_chat(&self, chat: i64, to: i64) {
        self.inner.lock().unwrap().migrated.insert(chat, to);
    }

    pub fn add_bot_back(&self, chat: i64) {
        self.inner.lock().unwrap().kicked_from.remove(&chat);
    }

    pub fn fail_next_sends(&self, failures: &[Failure]) {
        self.fail_next("sendMessage", failures);
    }

    /// Answers the next calls of `method` with these failures, in order.
    pub fn fail_next(&self, method: &str, failures: &[Failure]) {
        self.inner
            .lock()
            .unwrap()
            .failures
            .entry(method.to_owned())
            .or_default()
            .extend(failures.iter().copied());
    }

    /// Failures queued with `fail_next` that no call has met yet.
    pub fn failures_left(&self) -> usize {
        self.inner
            .lock()
            .unwrap()
            .failures
            .values()
            .map(VecDeque::len)
            .sum()
    }

    /// The `bot<token>` path segments of every request so far.
    pub fn bot_segments(&self) -> Vec<String> {
        self.inner
            .lock()
            .unwrap()
            .bot_segments
            .iter()
            .cloned()
            .collect()
    }

    pub fn calls(&self, method: &str) -> Vec<Call> {
        let inner = self.inner.lock().unwrap();
        inner
            .calls
            .iter()
            .filter(|c| c.method == method)
            .cloned()
            .collect()
    }

    /// The texts accepted by sendMessage for a chat, in order.
    pub fn sent_to(&self, chat: i64) -> Vec<Value> {
        self.calls("sendMessage")
            .into_iter()
            .filter(|c| c.accepted && c.body["chat_id"] == json!(chat))
            .map(|c| c.body)
            .collect()
    }

    /// Waits until `count` messages were accepted for `chat`.
    pub async fn wait_for_sent(&self, chat: i64, count: usize) -> Vec<Value> {
        self.wait_for_sent_within(chat, count, Duration::from_secs(45))
            .await
    }

    pub async fn wait_for_sent_within(
        &self,
        chat: i64,
        count: usize,
        limit: Duration,
    ) -> Vec<Value> {
        let started = Instant::now();
        loop {
            let sent = self.sent_to(chat);
            if sent.len() >= count {
                return sent;
            }
            assert!(
                started.elapsed() < limit,
                "waited {limit:?} for {count} messages to {chat}, got {}: {sent:#?}",
                sent.len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

async fn handle(
    State(fake): State<FakeTelegram>,
    Path((bot, method)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    // JSON for most methods; setWebhook comes as multipart: kept as text.
    let body: Value = serde_json::from_slice(&body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()));
    // Method names are case-insensitive (teloxide writes "SendMessage").
    let method = canonical(&method);
    let (failure, pending) = {
        let mut inner = fake.inner.lock().unwrap();
        inner.bot_segments.insert(bot);
        let failure = inner
            .failures
            .get_mut(&method)
            .and_then(VecDeque::pop_front);
        (failure, Value::Array(inner.pending.clone()))
    };
    if let Some(failure) = failure {
        let accepted = matches!(failure, Failure::MalformedJson);
        // An unreadable answer quotes what it carries: the updates waiting,
        // or the request.
        let echo = if method == "getUpdates" {
            &pending
        } else {
            &body
        };
        let response = failure_response(failure, echo);
        record(&fake, &method, body, accepted);
        return response;
    }
    let chat = body["chat_id"].as_i64().unwrap_or(0);
    let migrated = fake.inner.lock().unwrap().migrated.get(&chat).copied();
    if let Some(to) =
        migrated.filter(|_| matches!(method.as_str(), "sendMessage" | "editMessageText"))
    {
        record(&fake, &method, body, false);
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"ok": false, "error_code": 400,
                "description": "Bad Request: group chat was upgraded to a supergroup chat",
                "parameters": {"migrate_to_chat_id": to}})),
        )
            .into_response();
    }
    let kicked = fake.inner.lock().unwrap().kicked_from.contains(&chat);
    if kicked && matches!(method.as_str(), "sendMessage" | "editMessageText") {
        record(&fake, &method, body, false);
        return (
            StatusCode::FORBIDDEN,
            Json(json!({"ok": false, "error_code": 403,
                "description": "Forbidden: bot was kicked from the supergroup chat"})),
        )
            .into_response();
    }
    match method.as_str() {
        "getUpdates" => get_updates(&fake, body).await,
        "sendMessage" => {
            let chat = body["chat_id"].as_i64().unwrap_or(0);
            let hold = fake
                .inner
                .lock()
                .unwrap()
                .held
                .iter()
                .find(|(c, _)| *c == chat)
                .map(|(_, h)| *h);
            let response = send_message(&fake, body);
            if let Some(hold) = hold {
                tokio::time::sleep(hold).await;
            }
            response
        }
        "editMessageText" => {
            let chat = body["chat_id"].as_i64().unwrap_or(0);
            let text = body["text"].clone();
            record(&fake, &method, body, true);
            ok(json!({"message_id": 1, "date": 1700000000, "text": text,
                "chat": {"id": chat, "type": "supergroup", "title": "Sales"}}))
        }
        "sendDocument" => {
            // Multipart: the body is kept as text (the file's JSON is in it).
            record(&fake, &method, body, true);
            let id = {
                let mut inner = fake.inner.lock().unwrap();
                inner.next_message_id += 1;
                inner.next_message_id
            };
            ok(json!({"message_id": id, "date": 1700000000,
                "chat": {"id": 1, "type": "private", "first_name": "Prospect"},
                "document": {"file_id": "f", "file_unique_id": "u", "file_name": "my-data.json"}}))
        }
        "getMe" => {
            record(&fake, &method, body, true);
            ok(
                json!({"id": 999, "is_bot": true, "first_name": "LeadBot", "username": BOT_USERNAME,
                "can_join_groups": true, "can_read_all_group_messages": false,
                "supports_inline_queries": false, "has_main_web_app": false}),
            )
        }
        _ => {
            record(&fake, &method, body, true);
            ok(json!(true))
        }
    }
}

fn canonical(method: &str) -> String {
    let known = [
        "getUpdates",
        "sendMessage",
        "getMe",
        "answerCallbackQuery",
        "editMessageText",
        "sendDocument",
        "setMyCommands",
        "setWebhook",
        "deleteWebhook",
    ];
    known
        .iter()
        .find(|k| k.eq_ignore_ascii_case(method))
        .map_or_else(|| method.to_owned(), |k| (*k).to_owned())
}

fn record(fake: &FakeTelegram, method: &str, body: Value, accepted: bool) {
    fake.inner.lock().unwrap().calls.push(Call {
        method: method.to_owned(),
        body,
        at: Instant::now(),
        accepted,
    });
}

fn ok(result: Value) -> Response {
    Json(json!({"ok": true, "result": result})).into_response()
}

async fn get_updates(fake: &FakeTelegram, body: Value) -> Response {
    let offset = body["offset"].as_i64().unwrap_or(0);
    let timeout = body["timeout"].as_u64().unwrap_or(0).min(2);
    record(fake, "getUpdates", body, true);
    let generation = {
        let mut inner = fake.inner.lock().unwrap();
        inner.poll_generation += 1;
        inner.poll_generation
    };
    // Wake an older poll still waiting, so that it sees it was overtaken.
    fake.arrived.notify_waiters();
    let deadline = Instant::now() + Duration::from_secs(timeout);
    loop {
        let notified = fake.arrived.notified();
        {
            let mut inner = fake.inner.lock().unwrap();
            if inner.poll_generation != generation {
                inner.conflicts += 1;
                return (
                    StatusCode::CONFLICT,
                    Json(json!({"ok": false, "error_code": 409,
                        "description": "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"})),
                )
                    .into_response();
            }
            // An offset confirms every update before it, as Telegram does.
            inner
                .pending
                .retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
            let mut ready: Vec<Value> = inner.pending.iter().take(100).cloned().collect();
            ready.append(&mut inner.forced);
            ready.sort_by_key(|u| u["update_id"].as_i64());
            if !ready.is_empty() {
                for update in &ready {
                    inner.calls.push(Call {
                        method: "getUpdatesServed".into(),
                        body: update["update_id"].clone(),
                        at: Instant::now(),
                        accepted: true,
                    });
                }
                return ok(Value::Array(ready));
            }
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return ok(json!([]));
        }
        let _ = tokio::time::timeout(left, notified).await;
    }
}

fn failure_response(failure: Failure, echo: &Value) -> Response {
    let refusal = |status: StatusCode, description: &str| {
        (
            status,
            Json(json!({"ok": false, "error_code": status.as_u16(), "description": description})),
        )
            .into_response()
    };
    match failure {
        Failure::RetryAfter(seconds) => (
            StatusCode::TOO_MANY_REQUESTS,
            Json(json!({"ok": false, "error_code": 429,
                "description": format!("Too Many Requests: retry after {seconds}"),
                "parameters": {"retry_after": seconds}})),
        )
            .into_response(),
        Failure::ServerError => refusal(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error"),
        Failure::Blocked => refusal(
            StatusCode::FORBIDDEN,
            "Forbidden: bot was blocked by the user",
        ),
        Failure::Unauthorized => refusal(StatusCode::UNAUTHORIZED, "Unauthorized"),
        Failure::BadRequest => refusal(
            StatusCode::BAD_REQUEST,
            "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 12",
        ),
        Failure::MalformedJson => {
            // Cut short: nothing of it may reach a log.
            let cut = format!("{{\"ok\":true,\"result\":{echo}");
            (StatusCode::OK, cut).into_response()
        }
        Failure::Dropped => {
            // A promised body that breaks off: the client sees the
            // connection fail mid-answer.
            let broken = futures_util::stream::once(async {
                Err::<Bytes, _>(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "dropped by the fake",
                ))
            });
            Response::builder()
                .status(StatusCode::OK)
                .header("content-length", "1000")
                .body(axum::body::Body::from_stream(broken))
                .unwrap()
        }
    }
}

fn send_message(fake: &FakeTelegram, body: Value) -> Response {
    let chat = body["chat_id"].as_i64().unwrap_or(0);
    let text = body["text"].clone();
    let id = {
        let mut inner = fake.inner.lock().unwrap();
        inner.next_message_id += 1;
        inner.next_message_id
    };
    // Recorded with the id it was given, as Telegram's answer says.
    let mut body = body;
    body["message_id"] = json!(id);
    record(fake, "sendMessage", body, true);
    let chat_json = if chat < 0 {
        json!({"id": chat, "type": "supergroup", "title": "Group"})
    } else {
        json!({"id": chat, "type": "private", "first_name": "Prospect"})
    };
    ok(json!({"message_id": id, "date": 1700000000, "chat": chat_json, "text": text}))
}

/// Updates as Telegram sends them.
pub mod updates {
    use serde_json::{json, Value};

    fn user(id: i64, language: &str) -> Value {
        json!({"id": id, "is_bot": false, "first_name": "Rahim", "last_name": "Uddin", "language_code": language})
    }

    fn private_chat(id: i64) -> Value {
        json!({"id": id, "type": "private", "first_name": "Rahim"})
    }

    pub fn text(user_id: i64, language: &str, text: &str) -> Value {
        json!({"message": {"message_id": 1, "date": 1700000000, "text": text,
            "chat": private_chat(user_id), "from": user(user_id, language)}})
    }

    pub fn button(user_id: i64, language: &str, data: &str) -> Value {
        json!({"callback_query": {"id": format!("cb-{data}"), "chat_instance": "ci", "data": data,
            "from": user(user_id, language),
            "message": {"message_id": 1, "date": 1700000000, "text": "q", "chat": private_chat(user_id)}}})
    }

    pub fn contact(user_id: i64, language: &str, phone: &str) -> Value {
        json!({"message": {"message_id": 1, "date": 1700000000,
            "contact": {"phone_number": phone, "first_name": "Rahim", "user_id": user_id},
            "chat": private_chat(user_id), "from": user(user_id, language)}})
    }

    pub fn sticker(user_id: i64, language: &str) -> Value {
        json!({"message": {"message_id": 1, "date": 1700000000,
            "sticker": {"file_id": "f", "file_unique_id": "u", "type": "regular", "width": 512,
                "height": 512, "is_animated": false, "is_video": false},
            "chat": private_chat(user_id), "from": user(user_id, language)}})
    }

    /// A button pressed on a message of the bot in a group (an alert): the
    /// message as `sendMessage` recorded it.
    pub fn group_button(chat_id: i64, user_id: i64, data: &str, message: &Value) -> Value {
        let message_text = message["text"].as_str().unwrap_or_default();
        json!({"callback_query": {"id": format!("cb-{user_id}-{data}"), "chat_instance": "ci", "data": data,
            "from": user(user_id, "en"),
            "message": {"message_id": message["message_id"], "date": 1700000000, "text": message_text,
                "chat": {"id": chat_id, "type": "supergroup", "title": "Sales"}}}})
    }

    pub fn group_text(chat_id: i64, user_id: i64, text: &str) -> Value {
        json!({"message": {"message_id": 1, "date": 1700000000, "text": text,
            "chat": {"id": chat_id, "type": "supergroup", "title": "Dhaka founders"},
            "from": user(user_id, "en")}})
    }
}
