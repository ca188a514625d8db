//! A fake Discord on 127.0.0.1 for end-to-end tests: the REST routes the bot
//! uses, and a gateway websocket that does HELLO, IDENTIFY → READY,
//! heartbeats, and dispatches the events a test injects (uncompressed JSON
//! text frames over ws://).

// Each test target uses a part of it.
#![allow(dead_code)]

use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

pub const APP_ID: &str = "4000";
pub const BOT_ID: &str = "4001";
pub const GUILD_ID: &str = "300";
pub const GUILD_CHANNEL: &str = "500";

/// A failure to answer the next message post with (see
/// [`FakeDiscord::fail_next_posts`]).
#[derive(Debug, Clone, Copy)]
pub enum Failure {
    /// 500.
    ServerError,
    /// 403 Missing Access: the bot may not post there.
    Forbidden,
    /// 400 Invalid Form Body.
    BadRequest,
    /// The connection breaks in the middle of the answer.
    Dropped,
}

#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub path: String,
    pub body: Value,
    /// Answered with an injected failure.
    pub refused: bool,
}

#[derive(Default)]
struct Inner {
    calls: Vec<Call>,
    /// Users whose DMs are closed: sending to them fails with 50007.
    closed_dms: HashSet<u64>,
    next_id: u64,
    /// The id of the last message posted to each channel.
    last_posted: std::collections::HashMap<u64, u64>,
    sequence: u64,
    /// Channels whose message answers are held back this long (the message
    /// is posted at once), to kill the bot between send and record.
    held: Vec<(u64, Duration)>,
    /// The `shard` of every IDENTIFY.
    identified: Vec<Value>,
    /// The `token` of every IDENTIFY.
    identify_tokens: Vec<String>,
    /// Failures to answer the next message posts with.
    post_failures: VecDeque<Failure>,
}

#[derive(Clone)]
pub struct FakeDiscord {
    pub url: String,
    inner: Arc<Mutex<Inner>>,
    events: broadcast::Sender<String>,
}

/// The DM channel the fake opens for a user.
pub fn dm_channel(user: u64) -> u64 {
    user + 1_000_000
}

pub fn user_json(id: u64) -> Value {
    json!({"id": id.to_string(), "username": format!("member{id}"), "global_name": "Sunita",
        "avatar": null, "discriminator": "0"})
}

fn bot_user() -> Value {
    json!({"id": BOT_ID, "username": "leadbot", "avatar": null, "bot": true, "discriminator": "0"})
}

fn message_json(id: u64, channel: u64, author: Value, content: &str) -> Value {
    json!({"id": id.to_string(), "channel_id": channel.to_string(), "author": author,
        "content": content, "timestamp": "2026-11-22T10:00:00.000000+00:00", "edited_timestamp": null,
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "pinned": false, "type": 0})
}

impl FakeDiscord {
    pub async fn start() -> FakeDiscord {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (events, _) = broadcast::channel(256);
        let fake = FakeDiscord {
            url,
            inner: Arc::new(Mutex::new(Inner {
                next_id: 10_000,
                last_posted: Default::default(),
                ..Default::default()
            })),
            events,
        };
        let app = axum::Router::new()
            .route("/gateway", axum::routing::get(gateway))
            .fallback(rest)
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        fake
    }

    pub fn hold_answers_to(&self, channel: u64, hold: Duration) {
        let mut inner = self.inner.lock().unwrap();
        inner.held.retain(|(c, _)| *c != channel);
        inner.held.push((channel, hold));
    }

    pub fn close_dms(&self, user: u64) {
        self.inner.lock().unwrap().closed_dms.insert(user);
    }

    /// Dispatches a gateway event to the connected bot.
    pub fn dispatch(&self, kind: &str, data: Value) {
        let sequence = {
            let mut inner = self.inner.lock().unwrap();
            inner.sequence += 1;
            inner.sequence
        };
        let frame = json!({"op": 0, "t": kind, "s": sequence + 1, "d": data}).to_string();
        // Nobody listening yet is a test bug: wait for READY first.
        self.events.send(frame).expect("the bot is connected");
    }

    /// Sends a raw gateway frame, readable or not.
    pub fn send_raw(&self, frame: String) {
        self.events.send(frame).expect("the bot is connected");
    }

    /// Answers the next posts of messages (DMs and channel messages) with
    /// these failures, in order.
    pub fn fail_next_posts(&self, failures: &[Failure]) {
        self.inner
            .lock()
            .unwrap()
            .post_failures
            .extend(failures.iter().copied());
    }

    /// Failures queued with `fail_next_posts` that no post has met yet.
    pub fn failures_left(&self) -> usize {
        self.inner.lock().unwrap().post_failures.len()
    }

    /// The token each IDENTIFY carried.
    pub fn identify_tokens(&self) -> Vec<String> {
        self.inner.lock().unwrap().identify_tokens.clone()
    }

    /// The shard each IDENTIFY asked for (`[id, count]`), in order.
    pub fn identified_shards(&self) -> Vec<Value> {
        self.inner.lock().unwrap().identified.clone()
    }

    pub fn calls(&self) -> Vec<Call> {
        self.inner.lock().unwrap().calls.clone()
    }

    /// Messages the bot posted to a channel, in order. Like Discord, a
    /// message repeating an earlier one's nonce with `enforce_nonce` is the
    /// same message, not a new one.
    pub fn posted_to(&self, channel: u64) -> Vec<Value> {
        let path = format!("/api/v10/channels/{channel}/messages");
        let mut nonces = HashSet::new();
        self.calls()
            .into_iter()
            .filter(|c| c.method == "POST" && c.path == path && !c.refused)
            .map(|c| c.body)
            .filter(
                |body| match (body["nonce"].as_str(), body["enforce_nonce"].as_bool()) {
                    (Some(nonce), Some(true)) => nonces.insert(nonce.to_owned()),
                    _ => true,
                },
            )
            .collect()
    }

    /// Edits of an interaction's ephemeral answer.
    pub fn interaction_answers(&self) -> Vec<Value> {
        self.calls()
            .into_iter()
            .filter(|c| c.method == "PATCH" && c.path.ends_with("/messages/@original"))
            .map(|c| c.body)
            .collect()
    }

    pub async fn wait_until<T>(
        &self,
        what: &str,
        mut check: impl FnMut(&FakeDiscord) -> Option<T>,
    ) -> T {
        let started = Instant::now();
        loop {
            if let Some(found) = check(self) {
                return found;
            }
            assert!(
                started.elapsed() < Duration::from_secs(45),
                "waited 45 s for {what}: {:#?}",
                self.calls()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub async fn wait_for_posts(&self, channel: u64, count: usize) -> Vec<Value> {
        self.wait_until(&format!("{count} messages in {channel}"), |fake| {
            let posted = fake.posted_to(channel);
            (posted.len() >= count).then_some(posted)
        })
        .await
    }

    /// How many times a bot registered its commands (once per READY).
    pub fn registrations(&self) -> usize {
        self.calls()
            .iter()
            .filter(|c| c.path.ends_with("/commands"))
            .count()
    }

    /// Waits for a new session: the bot's READY handler registers /qualify
    /// after it has learned its own id, so events are handled from then on.
    pub async fn wait_for_ready(&self, before: usize) {
        self.wait_until("the bot to connect", |fake| {
            (fake.registrations() > before).then_some(())
        })
        .await;
    }

    // Events as Discord sends them.

    pub fn qualify(&self, interaction: u64, user: u64, locale: &str) -> Value {
        json!({"id": interaction.to_string(), "application_id": APP_ID, "type": 2,
            "data": {"id": "5000", "name": "qualify", "type": 1},
            "guild_id": GUILD_ID, "channel_id": GUILD_CHANNEL,
            "member": {"user": user_json(user), "roles": [], "joined_at": "2026-01-01T00:00:00.000000+00:00",
                "deaf": false, "mute": false, "flags": 0},
            "token": format!("token-{interaction}"), "version": 1, "locale": locale,
            "entitlements": [], "attachment_size_limit": 26214400, "app_permissions": "0"})
    }

    pub fn button(&self, interaction: u64, user: u64, custom_id: &str, locale: &str) -> Value {
        let channel = dm_channel(user);
        json!({"id": interaction.to_string(), "application_id": APP_ID, "type": 3,
            "data": {"custom_id": custom_id, "component_type": 2},
            "channel_id": channel.to_string(), "user": user_json(user),
            "message": message_json(1, channel, bot_user(), "question"),
            "token": format!("token-{interaction}"), "version": 1, "locale": locale,
            "entitlements": [], "attachment_size_limit": 26214400, "app_permissions": "0"})
    }

    /// A button pressed on an alert in a server channel.
    pub fn alert_button(
        &self,
        interaction: u64,
        user: u64,
        channel: u64,
        custom_id: &str,
        content: &str,
    ) -> Value {
        // Pressed on the alert: the last message posted to that channel.
        let pressed_on = self
            .inner
            .lock()
            .unwrap()
            .last_posted
            .get(&channel)
            .copied()
            .unwrap_or(2);
        json!({"id": interaction.to_string(), "application_id": APP_ID, "type": 3,
            "data": {"custom_id": custom_id, "component_type": 2},
            "guild_id": GUILD_ID, "channel_id": channel.to_string(),
            "member": {"user": user_json(user), "roles": [], "joined_at": "2026-01-01T00:00:00.000000+00:00",
                "deaf": false, "mute": false, "flags": 0},
            "message": message_json(pressed_on, channel, bot_user(), content),
            "token": format!("token-{interaction}"), "version": 1, "locale": "en-US",
            "entitlements": [], "attachment_size_limit": 26214400, "app_permissions": "0"})
    }

    /// A slash command run in the server, with its options.
    pub fn command(&self, interaction: u64, user: u64, name: &str, options: Value) -> Value {
        let mut value = self.qualify(interaction, user, "en-US");
        value["data"] = json!({"id": "5001", "name": name, "type": 1, "options": options});
        value
    }

    /// The response the bot gave an interaction.
    pub fn callback(&self, interaction: u64) -> Option<Value> {
        let suffix = format!("/interactions/{interaction}/token-{interaction}/callback");
        self.calls()
            .into_iter()
            .find(|c| c.path.ends_with(&suffix))
            .map(|c| c.body)
    }

    pub fn dm(&self, message: u64, user: u64, text: &str) -> Value {
        message_json(message, dm_channel(user), user_json(user), text)
    }

    pub fn guild_message(&self, message: u64, user: u64, text: &str, mention_bot: bool) -> Value {
        let mut value = message_json(
            message,
            GUILD_CHANNEL.parse().unwrap(),
            user_json(user),
            text,
        );
        value["guild_id"] = json!(GUILD_ID);
        if mention_bot {
            value["mentions"] = json!([bot_user()]);
        }
        value
    }
}

async fn gateway(State(fake): State<FakeDiscord>, upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(move |socket| session(fake, socket))
}

async fn session(fake: FakeDiscord, mut socket: WebSocket) {
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 41250}}).to_string();
    if socket.send(WsMessage::Text(hello.into())).await.is_err() {
        return;
    }
    let mut events = fake.events.subscribe();
    loop {
        tokio::select! {
            received = socket.recv() => {
                let Some(Ok(WsMessage::Text(text))) = received else { return };
                let frame: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                if frame["op"] == 2 {
                    let mut inner = fake.inner.lock().unwrap();
                    inner.identified.push(frame["d"]["shard"].clone());
                    let token = frame["d"]["token"].as_str().unwrap_or_default().to_owned();
                    inner.identify_tokens.push(token);
                }
                let reply = match frame["op"].as_u64() {
                    // IDENTIFY (or RESUME, answered as a fresh session).
                    Some(2) | Some(6) => json!({"op": 0, "t": "READY", "s": 1, "d": {
                        "v": 10, "user": bot_user(), "guilds": [], "session_id": "session-1",
                        "resume_gateway_url": fake.url.replace("http", "ws") + "/gateway",
                        "application": {"id": APP_ID, "flags": 0}}}),
                    Some(1) => json!({"op": 11}),
                    _ => continue,
                };
                if socket.send(WsMessage::Text(reply.to_string().into())).await.is_err() {
                    return;
                }
            }
            event = events.recv() => {
                let Ok(frame) = event else { return };
                if socket.send(WsMessage::Text(frame.into())).await.is_err() {
                    return;
                }
            }
        }
    }
}

async fn rest(
    State(fake): State<FakeDiscord>,
    method: Method,
    uri: Uri,
    body: axum::body::Bytes,
) -> Response {
    let path = uri.path().to_owned();
    // JSON, or multipart (a message with a file) kept as text.
    let body: Value = serde_json::from_slice(&body).unwrap_or_else(|_| {
        if body.is_empty() {
            Value::Null
        } else {
            Value::String(String::from_utf8_lossy(&body).into_owned())
        }
    });
    let segments: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    let failure = match (method.as_str(), segments.as_slice()) {
        ("POST", ["channels", _, "messages"]) => {
            fake.inner.lock().unwrap().post_failures.pop_front()
        }
        _ => None,
    };
    fake.inner.lock().unwrap().calls.push(Call {
        method: method.to_string(),
        path: path.clone(),
        body: body.clone(),
        refused: failure.is_some(),
    });
    if let Some(failure) = failure {
        return failure_response(failure);
    }
    match (method.as_str(), segments.as_slice()) {
        ("GET", ["gateway", "bot"]) | ("GET", ["gateway"]) => Json(json!({
            "url": fake.url.replace("http", "ws") + "/gateway", "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        }))
        .into_response(),
        ("PUT", ["applications", _, "commands"]) => Json(json!([{
            "id": "5000", "application_id": APP_ID, "version": "1", "type": 1,
            "name": "qualify", "description": "qualify", "default_member_permissions": null,
            "dm_permission": true, "nsfw": false}]))
        .into_response(),
        ("POST", ["users", "@me", "channels"]) => {
            let user: u64 = body["recipient_id"].as_str().and_then(|s| s.parse().ok())
                .or_else(|| body["recipient_id"].as_u64()).unwrap_or(0);
            Json(json!({"id": dm_channel(user).to_string(), "type": 1, "recipients": [user_json(user)]}))
                .into_response()
        }
        ("POST", ["channels", channel, "messages"]) => {
            let channel: u64 = channel.parse().unwrap_or(0);
            let user = channel.saturating_sub(1_000_000);
            if fake.inner.lock().unwrap().closed_dms.contains(&user) {
                return (StatusCode::FORBIDDEN, Json(json!({"code": 50007, "message": "Cannot send messages to this user"})))
                    .into_response();
            }
            let id = {
                let mut inner = fake.inner.lock().unwrap();
                inner.next_id += 1;
                let id = inner.next_id;
                inner.last_posted.insert(channel, id);
                id
            };
            let content = body["content"].as_str().unwrap_or_default().to_owned();
            let hold = fake.inner.lock().unwrap().held.iter().find(|(c, _)| *c == channel).map(|(_, h)| *h);
            if let Some(hold) = hold {
                tokio::time::sleep(hold).await;
            }
            Json(message_json(id, channel, bot_user(), &content)).into_response()
        }
        ("POST", ["interactions", _, _, "callback"]) => StatusCode::NO_CONTENT.into_response(),
        ("PATCH", ["channels", channel, "messages", id]) => {
            let channel: u64 = channel.parse().unwrap_or(0);
            let id: u64 = id.parse().unwrap_or(0);
            let content = body["content"].as_str().unwrap_or_default().to_owned();
            Json(message_json(id, channel, bot_user(), &content)).into_response()
        }
        ("PATCH", ["webhooks", _, _, "messages", "@original"]) => {
            let content = body["content"].as_str().unwrap_or_default().to_owned();
            Json(message_json(1, 0, bot_user(), &content)).into_response()
        }
        _ => (StatusCode::NOT_FOUND, Json(json!({"code": 0, "message": "not faked"}))).into_response(),
    }
}

fn failure_response(failure: Failure) -> Response {
    match failure {
        Failure::ServerError => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({"code": 0, "message": "500: Internal Server Error"})),
        )
            .into_response(),
        Failure::Forbidden => (
            StatusCode::FORBIDDEN,
            Json(json!({"code": 50001, "message": "Missing Access"})),
        )
            .into_response(),
        Failure::BadRequest => (
            StatusCode::BAD_REQUEST,
            Json(json!({"code": 50035, "message": "Invalid Form Body",
                "errors": {"content": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH",
                    "message": "Must be 2000 or fewer in length."}]}}})),
        )
            .into_response(),
        Failure::Dropped => {
            // A promised body that breaks off.
            let broken = futures_util::stream::once(async {
                Err::<axum::body::Bytes, _>(std::io::Error::new(
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
