//! End to end through Telegram: the real `leadbot run` against a fake Bot API
//! server on 127.0.0.1, over long polling and over the webhook.

#[path = "../common/fake_bot_api.rs"]
mod fake_bot_api;
#[path = "../common/process.rs"]
mod process;

use fake_bot_api::{updates, Failure, FakeTelegram, BOT_USERNAME};
use leadbot::core::Temperature;
use leadbot::storage::Store;
use process::BotProcess as Bot;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use tempfile::TempDir;

const TOKEN: &str = "123456:TEST-TOKEN-CANARY";

struct Setup {
    dir: TempDir,
    fake: FakeTelegram,
}

impl Setup {
    async fn new() -> Setup {
        Setup {
            dir: tempfile::tempdir().unwrap(),
            fake: FakeTelegram::start().await,
        }
    }

    fn database_url(&self) -> String {
        format!("sqlite://{}", self.dir.path().join("leadbot.db").display())
    }

    fn spawn(&self, extra_env: &[(&str, String)]) -> Bot {
        let mut env = vec![
            ("TELEGRAM_BOT_TOKEN", TOKEN.to_owned()),
            ("DATABASE_URL", self.database_url()),
            ("LEADBOT_TELEGRAM__API_URL", self.fake.url.clone()),
            ("LEADBOT_TELEGRAM__PER_CHAT_INTERVAL_MS", "0".to_owned()),
            ("LEADBOT_TELEGRAM__POLL_TIMEOUT_SECS", "1".to_owned()),
            ("LEADBOT_TELEGRAM__GROUP_INTERVAL_MS", "0".to_owned()),
        ];
        env.extend(extra_env.iter().cloned());
        Bot::spawn(self.dir.path(), &env, "TEST-TOKEN-CANARY")
    }

    async fn store(&self) -> Arc<dyn Store> {
        leadbot::storage::connect(&self.database_url())
            .await
            .unwrap()
    }
}

fn text_of(message: &Value) -> &str {
    message["text"].as_str().unwrap_or_default()
}

fn buttons(message: &Value) -> Vec<String> {
    message["reply_markup"]["inline_keyboard"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .flat_map(|row| row.as_array().unwrap().iter())
                .filter_map(|b| b["callback_data"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Sends an update and returns the one reply it gets.
async fn exchange(fake: &FakeTelegram, chat: i64, update: Value) -> Value {
    let before = fake.sent_to(chat).len();
    fake.inject(update);
    fake.wait_for_sent(chat, before + 1).await.pop().unwrap()
}

/// Waits until every committed reply was accepted by the fake.
async fn wait_outbox_drained(setup: &Setup) {
    let pool = sqlx::SqlitePool::connect(&setup.database_url())
        .await
        .unwrap();
    for _ in 0..400 {
        let pending: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND given_up_at IS NULL",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        if pending == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the outbox did not drain");
}

async fn temperature_of(setup: &Setup, user: &str) -> Temperature {
    let leads = setup.store().await.export().await.unwrap();
    leads
        .iter()
        .find(|l| l.lead.user_id == user)
        .unwrap()
        .lead
        .temperature
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bengali_prospect_qualifies_with_buttons_and_free_text() {
    // Arrange
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let bot = setup.spawn(&[("LEADBOT_SALES__TELEGRAM_CHATS", "[-5000]".into())]);
    let chat = 7001;

    // Act + Assert, step by step.
    let greeting = exchange(fake, chat, updates::text(chat, "bn", "/start fb_ad_nov")).await;
    assert!(text_of(&greeting).contains("গোপনীয়তা"), "{greeting:#}");
    assert_eq!(buttons(&greeting), ["consent:yes", "consent:no"]);
    assert_eq!(greeting["parse_mode"], "HTML");

    let need = exchange(fake, chat, updates::button(chat, "bn", "consent:yes")).await;
    assert!(buttons(&need).contains(&"need:website".to_owned()));
    let budget = exchange(fake, chat, updates::button(chat, "bn", "need:website")).await;
    assert!(text_of(&budget).contains("বাজেট"), "{budget:#}");
    let echo = exchange(fake, chat, updates::text(chat, "bn", "২ লাখ টাকা")).await;
    assert!(text_of(&echo).contains("৳২,০০,০০০"), "{echo:#}");
    let authority = exchange(fake, chat, updates::button(chat, "bn", "confirm:yes")).await;
    assert!(buttons(&authority).contains(&"authority:self".to_owned()));
    let timeframe = exchange(fake, chat, updates::text(chat, "bn", "আমি নিজেই")).await;
    assert!(buttons(&timeframe).contains(&"timeframe:one_month".to_owned()));
    let contact = exchange(
        fake,
        chat,
        updates::button(chat, "bn", "timeframe:one_month"),
    )
    .await;
    assert_eq!(
        contact["reply_markup"]["keyboard"][0][0]["request_contact"],
        true
    );
    let summary = exchange(fake, chat, updates::contact(chat, "bn", "+8801712345678")).await;
    // The prospect's summary: their answers and what happens next, never
    // their grade.
    assert!(
        text_of(&summary).contains("আমাদের টিম শিগগিরই"),
        "{summary:#}"
    );
    for graded in ["গরম", "হট", "✅", "ফলাফল"] {
        assert!(!text_of(&summary).contains(graded), "{summary:#}");
    }

    assert_eq!(temperature_of(&setup, "7001").await, Temperature::Hot);
    // The sales group got one alert, with the lead's id in it.
    let alerts = fake.wait_for_sent(-5000, 1).await;
    assert!(
        text_of(&alerts[0]).contains("Hot lead #1: Rahim Uddin"),
        "{alerts:#?}"
    );
    assert!(text_of(&alerts[0]).contains("tg://user?id=7001"));
    wait_outbox_drained(&setup).await;
    assert_eq!(fake.sent_to(-5000).len(), 1);
    assert!(fake.calls("answerCallbackQuery").len() >= 4);
    let commands = fake.calls("setMyCommands");
    assert!(
        commands.iter().any(|c| c.body["language_code"] == "bn"),
        "{commands:#?}"
    );
    // The token never reaches the logs.
    assert!(!bot.log().contains("TEST-TOKEN-CANARY"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bot_killed_mid_conversation_continues_where_it_stopped_and_repeats_nothing() {
    // Arrange
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let chat = 7002;
    let mut bot = setup.spawn(&[]);
    exchange(fake, chat, updates::text(chat, "en", "/start")).await;
    exchange(fake, chat, updates::text(chat, "en", "yes")).await;
    exchange(fake, chat, updates::text(chat, "en", "2")).await;

    // Act: killed with kill -9 once its replies were delivered; an answer
    // arrives while it is down.
    wait_outbox_drained(&setup).await;
    bot.kill();
    fake.inject(updates::text(chat, "en", "₹3,00,000"));
    let _bot = setup.spawn(&[]);
    let replies = fake.wait_for_sent(chat, 4).await;

    // Assert: the answer was taken and the next question asked, once.
    assert!(
        text_of(&replies[3]).contains("Who will make the final decision"),
        "{replies:#?}"
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(fake.sent_to(chat).len(), 4, "a reply was sent twice");
    let lead = &setup.store().await.export().await.unwrap()[0];
    let answered: Vec<_> = lead
        .answers
        .iter()
        .map(|a| a.question_id.as_str())
        .collect();
    assert_eq!(answered, ["need", "budget"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_update_delivered_twice_has_one_effect() {
    // Arrange
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let chat = 7003;
    let _bot = setup.spawn(&[]);
    exchange(fake, chat, updates::text(chat, "hi", "/start")).await;
    let before = fake.sent_to(chat).len();
    let consent = fake.inject(updates::text(chat, "hi", "हाँ"));
    fake.wait_for_sent(chat, before + 1).await;

    // Act: Telegram delivers it again, past the offset the bot confirmed.
    fake.redeliver(&consent);
    let id = consent["update_id"].as_i64().unwrap();
    for _ in 0..200 {
        if fake.times_served(id) >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(
        fake.times_served(id),
        2,
        "the fake did not serve the update again"
    );
    exchange(fake, chat, updates::text(chat, "hi", "/help")).await;

    // Assert: the redelivery brought no reply, only the sentinel did.
    assert_eq!(fake.sent_to(chat).len(), before + 2);
    let leads = setup.store().await.export().await.unwrap();
    assert_eq!(leads[0].stages.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_survive_429_and_500_and_arrive_in_order_none_early() {
    // Arrange
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let chat = 7004;
    // teloxide itself waits 10 s after a 5xx: one is enough.
    fake.fail_next_sends(&[Failure::RetryAfter(2), Failure::ServerError]);
    let _bot = setup.spawn(&[]);

    // Act: three answers in a row while sendMessage fails.
    fake.inject(updates::text(chat, "en", "/start"));
    fake.inject(updates::text(chat, "en", "yes"));
    fake.inject(updates::text(chat, "en", "website"));
    let sent = fake
        .wait_for_sent_within(chat, 3, Duration::from_secs(90))
        .await;

    // Assert: all three, in order.
    assert!(text_of(&sent[0]).contains("privacy"), "{sent:#?}");
    assert!(
        text_of(&sent[1]).contains("What would you like our help with?"),
        "{sent:#?}"
    );
    assert!(text_of(&sent[2]).contains("What budget"), "{sent:#?}");
    // The first attempt got 429 retry_after=2: nothing went out before then.
    let calls = fake.calls("sendMessage");
    let refused = calls.iter().find(|c| !c.accepted).unwrap();
    let first_accepted = calls.iter().find(|c| c.accepted).unwrap();
    assert!(
        first_accepted.at.duration_since(refused.at) >= Duration::from_millis(1900),
        "sent {:?} after a 429 asking for 2 s",
        first_accepted.at.duration_since(refused.at)
    );
    assert_eq!(calls.iter().filter(|c| !c.accepted).count(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stickers_get_a_polite_reask_and_a_group_start_points_to_the_private_chat() {
    // Arrange
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let chat = 7005;
    let _bot = setup.spawn(&[]);
    exchange(fake, chat, updates::text(chat, "en", "/start")).await;

    // Act
    let sticker = exchange(fake, chat, updates::sticker(chat, "en")).await;
    let group = exchange(fake, -1009, updates::group_text(-1009, chat, "/start")).await;
    fake.inject(updates::group_text(-1009, chat, "just chatting"));
    fake.inject(updates::group_text(-1009, chat, "hi @leadbot_test_bot_fan"));
    // A sentinel in the same chat: its reply comes after anything the
    // chatter could have caused.
    exchange(
        fake,
        -1009,
        updates::group_text(-1009, chat, "@leadbot_test_bot hello"),
    )
    .await;

    // Assert
    assert!(
        text_of(&sticker).starts_with("Sorry, I can only read text"),
        "{sticker:#}"
    );
    assert!(text_of(&sticker).contains("Is that okay with you?"));
    let leads = setup.store().await.export().await.unwrap();
    assert!(leads[0].answers.is_empty());
    // The button links with the group's code...
    let url = group["reply_markup"]["inline_keyboard"][0][0]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = url
        .strip_prefix(&format!("https://t.me/{BOT_USERNAME}?start="))
        .unwrap_or_else(|| panic!("{url}"));
    assert!(code.starts_with("g-") && code.len() <= 64, "{url}");
    // ...and a member who opens the chat from it is counted for the group.
    let member = 7015;
    exchange(
        fake,
        member,
        updates::text(member, "en", &format!("/start {code}")),
    )
    .await;
    let leads = setup.store().await.export().await.unwrap();
    let from_group = leads
        .iter()
        .find(|l| l.lead.user_id == member.to_string())
        .unwrap();
    assert_eq!(
        from_group.lead.source.as_deref(),
        Some("group:Dhaka founders")
    );
    assert_eq!(
        fake.sent_to(-1009).len(),
        2,
        "group chatter must be ignored"
    );
}

/// A POST written by hand: the headers, then only `body` (which may be
/// shorter than announced); the response's status code.
async fn raw_post(address: &str, secret: &str, length: &str, body: &[u8]) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /telegram/hook HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: {secret}\r\n{length}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut response = vec![0u8; 64];
    let read = tokio::time::timeout(Duration::from_secs(30), stream.read(&mut response))
        .await
        .expect("the webhook answers without waiting for the whole body")
        .unwrap();
    let status = String::from_utf8_lossy(&response[..read]);
    status
        .split_whitespace()
        .nth(1)
        .unwrap_or("0")
        .parse()
        .unwrap()
}

/// The settings of webhook mode on a free local port, and `extra`.
fn webhook_env(extra: &[(&'static str, String)]) -> Vec<(&'static str, String)> {
    let mut env = vec![
        ("LEADBOT_TELEGRAM__MODE", "webhook".into()),
        (
            "LEADBOT_TELEGRAM__WEBHOOK__URL",
            "https://bot.example.com/telegram/hook".into(),
        ),
        ("LEADBOT_TELEGRAM__WEBHOOK__LISTEN", "127.0.0.1:0".into()),
        (
            "LEADBOT_TELEGRAM__WEBHOOK__SECRET",
            "s3cret-Hook-0123456789abcdef".into(),
        ),
    ];
    env.extend(extra.iter().cloned());
    env
}

/// The address the webhook server bound, read from its log.
async fn webhook_address(bot: &Bot) -> String {
    bot.listen_address("serving the Telegram webhook").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_webhook_refuses_a_wrong_secret_and_takes_a_redelivery_once() {
    // Arrange
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let mut bot = setup.spawn(&webhook_env(&[]));
    let hook = format!("http://{}/telegram/hook", webhook_address(&bot).await);
    let client = reqwest::Client::new();
    let chat = 7006;
    let mut update = updates::text(chat, "en", "/start");
    update["update_id"] = 42.into();
    let post = |secret: Option<&str>| {
        let mut request = client.post(&hook).json(&update);
        if let Some(secret) = secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        request.send()
    };

    // Act + Assert: no secret, a wrong one.
    assert_eq!(post(None).await.unwrap().status(), 401);
    assert_eq!(post(Some("wrong")).await.unwrap().status(), 401);
    assert!(setup.store().await.export().await.unwrap().is_empty());

    // The right secret, twice: one effect.
    assert_eq!(
        post(Some("s3cret-Hook-0123456789abcdef"))
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        post(Some("s3cret-Hook-0123456789abcdef"))
            .await
            .unwrap()
            .status(),
        200
    );
    let mut sentinel = updates::text(chat, "en", "/help");
    sentinel["update_id"] = 43.into();
    let response = client
        .post(&hook)
        .header(
            "X-Telegram-Bot-Api-Secret-Token",
            "s3cret-Hook-0123456789abcdef",
        )
        .json(&sentinel)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    fake.wait_for_sent(chat, 2).await;
    wait_outbox_drained(&setup).await;
    assert_eq!(
        fake.sent_to(chat).len(),
        2,
        "the redelivered update was answered twice"
    );
    let webhook = fake.calls("setWebhook");
    assert_eq!(webhook.len(), 1);
    let form = webhook[0].body.as_str().unwrap_or_default();
    assert!(
        form.contains("https://bot.example.com/telegram/hook"),
        "{form}"
    );
    assert!(form.contains("s3cret-Hook-0123456789abcdef"), "{form}");

    // Bodies are never read before the secret is checked, nor without end.
    let address = webhook_address(&bot).await;
    let huge = "Content-Length: 100000000";
    assert_eq!(raw_post(&address, "wrong", huge, b"").await, 401);
    assert_eq!(
        raw_post(&address, "s3cret-Hook-0123456789abcdef", huge, b"").await,
        413
    );
    let started = std::time::Instant::now();
    let slow = raw_post(
        &address,
        "s3cret-Hook-0123456789abcdef",
        "Content-Length: 100",
        b"{\"upd",
    )
    .await;
    assert_eq!(slow, 408);
    assert!(started.elapsed() < Duration::from_secs(20));

    // SIGTERM: a clean exit.
    assert!(bot.terminate().success(), "{}", bot.log());
}

/// Reads until the server closes `stream`; how long that took, or `None`
/// when it stayed open for `within`.
async fn closed_within(stream: &mut tokio::net::TcpStream, within: Duration) -> Option<Duration> {
    use tokio::io::AsyncReadExt;
    let started = std::time::Instant::now();
    let mut buffer = [0u8; 256];
    tokio::time::timeout(within, async {
        while let Ok(read) = stream.read(&mut buffer).await {
            if read == 0 {
                break;
            }
        }
    })
    .await
    .ok()
    .map(|()| started.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_webhook_closes_slow_and_idle_connections_and_caps_how_many_are_open() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;
    // Arrange: Telegram may open 1 connection; the listener allows 24 more.
    let setup = Setup::new().await;
    let mut bot = setup.spawn(&webhook_env(&[(
        "LEADBOT_TELEGRAM__WEBHOOK__MAX_CONNECTIONS",
        "1".into(),
    )]));
    let address = webhook_address(&bot).await;
    let form = setup.fake.calls("setWebhook")[0]
        .body
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(form.contains("max_connections"), "{form}");

    // Act: every allowed connection taken by a client that sends nothing,
    // one with headers that never end, and a real request over the cap.
    let mut idle = Vec::new();
    for _ in 0..24 {
        idle.push(TcpStream::connect(&address).await.unwrap());
    }
    let mut slow = TcpStream::connect(&address).await.unwrap();
    slow.write_all(b"POST /telegram/hook HTTP/1.1\r\nHost: bo")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut waiting = TcpStream::connect(&address).await.unwrap();
    waiting
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: bot\r\n\r\n")
        .await
        .unwrap();
    let mut response = [0u8; 64];
    let served_over_the_cap =
        tokio::time::timeout(Duration::from_secs(2), waiting.read(&mut response)).await;

    // Assert: the request over the cap waits; slow and idle connections are
    // closed within the header timeout (10 s), and then it is served.
    assert!(
        served_over_the_cap.is_err(),
        "a connection over the cap was served"
    );
    let slow_closed = closed_within(&mut slow, Duration::from_secs(20)).await;
    assert!(
        slow_closed.is_some(),
        "a request with unfinished headers was kept open"
    );
    for stream in &mut idle {
        assert!(
            closed_within(stream, Duration::from_secs(20))
                .await
                .is_some(),
            "an idle connection was kept open"
        );
    }
    let read = tokio::time::timeout(Duration::from_secs(20), waiting.read(&mut response))
        .await
        .expect("the waiting request was served once connections closed")
        .unwrap();
    let status = String::from_utf8_lossy(&response[..read]);
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    assert!(bot.terminate().success(), "{}", bot.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_prospect_who_blocked_the_bot_is_marked_unreachable() {
    // Arrange
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let chat = 7008;
    fake.fail_next_sends(&[Failure::Blocked]);
    let _bot = setup.spawn(&[]);

    // Act
    fake.inject(updates::text(chat, "en", "/start"));
    while fake.calls("sendMessage").is_empty() {
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    wait_outbox_drained(&setup).await;

    // Assert: refused once, not retried, the lead marked.
    assert_eq!(fake.calls("sendMessage").len(), 1);
    let pool = sqlx::SqlitePool::connect(&setup.database_url())
        .await
        .unwrap();
    let unreachable: Option<String> = sqlx::query_scalar("SELECT unreachable_at FROM leads")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(unreachable.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_polling_cleanly_and_exits_zero() {
    let setup = Setup::new().await;
    let mut bot = setup.spawn(&[]);
    exchange(&setup.fake, 7007, updates::text(7007, "en", "/start")).await;
    let status = bot.terminate();
    assert!(status.success(), "{status:?}\n{}", bot.log());
    assert!(bot.log().contains("polling stopped"), "{}", bot.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_alert_waits_for_a_sales_group_that_removed_the_bot_and_arrives_once_it_is_back() {
    // Arrange: the bot was removed from the sales group.
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let mut bot = setup.spawn(&[
        ("LEADBOT_SALES__TELEGRAM_CHATS", "[-5000]".into()),
        ("LEADBOT_SALES__TELEGRAM_STAFF", "[9001]".into()),
        ("LEADBOT_HTTP__LISTEN", "127.0.0.1:0".into()),
    ]);
    fake.kick_bot_from(-5000);
    let refused = |fake: &FakeTelegram| {
        fake.calls("sendMessage")
            .iter()
            .filter(|c| !c.accepted && c.body["chat_id"] == -5000)
            .count()
    };

    // Act: a lead turns hot meanwhile; the alert is refused a few times.
    let chat = 7020;
    for line in ["/start", "yes", "2", "₹3,00,000", "1", "1", "98765 43210"] {
        exchange(fake, chat, updates::text(chat, "en", line)).await;
    }
    wait_for(|| (refused(fake) >= 2).then_some(())).await;
    let address = bot.listen_address("serving /healthz").await;
    let ready = reqwest::get(format!("http://{address}/readyz"))
        .await
        .unwrap();
    let ready_status = ready.status();
    let ready_text = ready.text().await.unwrap();
    let metrics = reqwest::get(format!("http://{address}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    fake.add_bot_back(-5000);
    let alerts = fake.wait_for_sent(-5000, 1).await;
    wait_outbox_drained(&setup).await;

    // Assert: one alert, the prospect untouched, the operator told.
    assert_eq!(fake.sent_to(-5000).len(), 1);
    assert!(text_of(&alerts[0]).contains("Hot lead #1"), "{alerts:?}");
    let pool = sqlx::SqlitePool::connect(&setup.database_url())
        .await
        .unwrap();
    let unreachable: Option<String> = sqlx::query_scalar("SELECT unreachable_at FROM leads")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(unreachable, None, "the prospect was blamed");
    assert_eq!(ready_status, 200);
    assert!(
        ready_text.contains("sales destination telegram:-5000")
            && ready_text.contains("add the bot back"),
        "{ready_text}"
    );
    assert!(
        metrics
            .contains("leadbot_sales_destination_up{channel=\"telegram\",destination=\"-5000\"} 0"),
        "{metrics}"
    );
    assert!(bot.terminate().success());
    let log = bot.log();
    let told: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("the sales chat refuses the bot's messages"))
        .collect();
    assert_eq!(told.len(), 1, "{log}");
    assert!(told[0].contains("add the bot back"), "{log}");
    assert!(log.contains("takes the bot's messages again"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alerts_follow_a_sales_group_upgraded_to_a_supergroup() {
    // Arrange: the configured sales group became a supergroup.
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let mut bot = setup.spawn(&[
        ("LEADBOT_SALES__TELEGRAM_CHATS", "[-5000]".into()),
        ("LEADBOT_SALES__TELEGRAM_STAFF", "[9001]".into()),
    ]);
    fake.migrate_chat(-5000, -1005000);

    // Act: two leads turn hot, one after the other; staff ask for /leads
    // in the new supergroup.
    for chat in [7030, 7031] {
        for line in ["/start", "yes", "2", "₹3,00,000", "1", "1", "98765 43210"] {
            exchange(fake, chat, updates::text(chat, "en", line)).await;
        }
    }
    let alerts = fake.wait_for_sent(-1005000, 2).await;
    fake.inject(updates::group_text(-1005000, 9001, "/leads"));
    let listed = fake.wait_for_sent(-1005000, 3).await;
    wait_outbox_drained(&setup).await;

    // Assert: both alerts at the new id, each once; only one refused try at
    // the old id; the operator told what to change.
    assert_eq!(fake.sent_to(-1005000).len(), 3);
    assert!(text_of(&alerts[0]).contains("Hot lead #1"), "{alerts:?}");
    assert!(text_of(&alerts[1]).contains("Hot lead #2"), "{alerts:?}");
    assert!(text_of(&listed[2]).contains("#2"), "{listed:?}");
    let at_old = fake
        .calls("sendMessage")
        .iter()
        .filter(|c| c.body["chat_id"] == -5000)
        .count();
    assert_eq!(at_old, 1, "alerts kept trying the old id");
    assert!(bot.terminate().success());
    let log = bot.log();
    assert!(
        log.contains("became a supergroup") && log.contains("put -1005000 in place of -5000"),
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_claim_an_alert_and_record_the_result_while_others_are_refused() {
    // Arrange: a hot lead alerted to the sales group.
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let _bot = setup.spawn(&[
        ("LEADBOT_SALES__TELEGRAM_CHATS", "[-5000]".into()),
        ("LEADBOT_SALES__TELEGRAM_STAFF", "[9001]".into()),
    ]);
    let chat = 7010;
    for line in ["/start", "yes", "2", "₹3,00,000", "1", "1", "98765 43210"] {
        exchange(fake, chat, updates::text(chat, "en", line)).await;
    }
    let alert = fake.wait_for_sent(-5000, 1).await.remove(0);
    assert_eq!(buttons(&alert), ["claim:1"]);
    let edits = |fake: &FakeTelegram| fake.calls("editMessageText");
    let answers_with_text = |fake: &FakeTelegram| {
        fake.calls("answerCallbackQuery")
            .into_iter()
            .filter_map(|c| c.body["text"].as_str().map(str::to_owned))
            .collect::<Vec<_>>()
    };

    // Act + Assert: someone outside the sales team is refused.
    fake.inject(updates::group_button(-5000, 9002, "claim:1", &alert));
    let refused = wait_for(|| answers_with_text(fake).into_iter().next()).await;
    assert!(refused.contains("only the sales team"), "{refused}");

    // Staff claim it: the alert shows who has it, with Won / Lost.
    fake.inject(updates::group_button(-5000, 9001, "claim:1", &alert));
    let claimed = wait_for(|| edits(fake).pop()).await;
    assert!(
        claimed.body["text"]
            .as_str()
            .unwrap()
            .contains("Claimed by Rahim Uddin"),
        "{claimed:?}"
    );
    assert_eq!(buttons(&claimed.body), ["won:1", "lost:1"]);

    // ... and close it as won.
    fake.inject(updates::group_button(-5000, 9001, "won:1", &alert));
    let won = wait_for(|| edits(fake).into_iter().nth(1)).await;
    assert!(
        won.body["text"]
            .as_str()
            .unwrap()
            .contains("Won — Rahim Uddin"),
        "{won:?}"
    );
    let lead = setup.store().await.export().await.unwrap().remove(0);
    let stages: Vec<_> = lead.stages.iter().map(|s| s.stage.as_str()).collect();
    assert_eq!(
        stages,
        [
            "information_qualified",
            "marketing_qualified",
            "sales_qualified",
            "sales_accepted",
            "won"
        ]
    );

    // Staff commands: /stats in the sales chat matches the database.
    let stats = exchange(fake, -5000, updates::group_text(-5000, 9001, "/stats")).await;
    assert!(
        text_of(&stats).contains(
            "Last 7 days: 1 started → 1 consented → 1 engaged → 1 hot → 1 claimed → 1 won, 0 lost"
        ),
        "{stats:#}"
    );
    let lead = exchange(fake, -5000, updates::group_text(-5000, 9001, "/lead 1")).await;
    assert!(text_of(&lead).contains("Budget: “₹3,00,000”"), "{lead:#}");
    let leads = exchange(fake, -5000, updates::group_text(-5000, 9001, "/leads hot")).await;
    assert!(
        text_of(&leads).contains("#1 Rahim Uddin — hot 🔥, won"),
        "{leads:#}"
    );
    // Anyone else: a polite no, and nothing runs.
    let refused = exchange(fake, -5000, updates::group_text(-5000, 9002, "/leads")).await;
    assert!(
        text_of(&refused).contains("only the sales team"),
        "{refused:#}"
    );
    // Staff in an unrelated group, and a command for another bot: nothing.
    let before = fake.sent_to(-5000).len();
    fake.inject(updates::group_text(-7777, 9001, "/lead 1"));
    fake.inject(updates::group_text(-7777, 9002, "/leads"));
    fake.inject(updates::group_text(-5000, 9001, "/leads@some_other_bot"));
    let stats = exchange(fake, -5000, updates::group_text(-5000, 9001, "/stats")).await;
    assert!(text_of(&stats).contains("Last 7 days"), "{stats:#}");
    assert_eq!(
        fake.sent_to(-5000).len(),
        before + 1,
        "only /stats answered"
    );
    assert!(
        fake.sent_to(-7777).is_empty(),
        "a lead's details went to another group"
    );
}

async fn wait_for<T>(mut found: impl FnMut() -> Option<T>) -> T {
    for _ in 0..1200 {
        if let Some(value) = found() {
            return value;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("waited 30 s in vain");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_alert_sent_but_not_recorded_before_a_crash_is_repeated_at_most_once_with_its_id() {
    // Arrange: Telegram accepts the alert but its answer never reaches the bot.
    let setup = Setup::new().await;
    let fake = &setup.fake;
    fake.hold_answers_to(-5000, Duration::from_secs(30));
    let sales = [("LEADBOT_SALES__TELEGRAM_CHATS", "[-5000]".to_owned())];
    let mut bot = setup.spawn(&sales);
    let chat = 7011;
    for line in ["/start", "yes", "2", "₹3,00,000", "1", "1", "98765 43210"] {
        exchange(fake, chat, updates::text(chat, "en", line)).await;
    }
    fake.wait_for_sent(-5000, 1).await;

    // Act: killed between send and mark-sent, then restarted.
    bot.kill();
    fake.hold_answers_to(-5000, Duration::ZERO);
    let _bot = setup.spawn(&sales);
    wait_outbox_drained(&setup).await;

    // Assert: one duplicate at most, recognizable by the same alert id.
    let alerts = fake.sent_to(-5000);
    assert!((1..=2).contains(&alerts.len()), "{alerts:#?}");
    assert!(
        alerts.iter().all(|a| text_of(a).contains("Hot lead #1")),
        "{alerts:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mydata_sends_a_file_and_forget_erases_the_lead_and_edits_its_alert() {
    // Arrange: a hot lead, alerted to the sales group.
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let _bot = setup.spawn(&[("LEADBOT_SALES__TELEGRAM_CHATS", "[-5000]".into())]);
    let chat = 7020;
    for line in ["/start", "yes", "2", "₹3,00,000", "1", "1", "98765 43210"] {
        exchange(fake, chat, updates::text(chat, "en", line)).await;
    }
    let alert = fake.wait_for_sent(-5000, 1).await.remove(0);
    let alert_id = alert["message_id"].as_i64();
    assert!(alert_id.is_some(), "{alert:#?}");
    assert!(text_of(&alert).contains("Hot lead #1"), "{alert:#?}");

    // Act: /help offers the data buttons; the "My data" button sends a file.
    let help = exchange(fake, chat, updates::text(chat, "en", "/help")).await;
    assert!(
        buttons(&help).contains(&"cmd:mydata".to_owned()),
        "{help:#?}"
    );
    let said = exchange(fake, chat, updates::button(chat, "en", "cmd:mydata")).await;
    assert!(text_of(&said).contains("copy of everything"), "{said:#?}");
    let document = wait_for(|| fake.calls("sendDocument").into_iter().next()).await;

    // Assert: the file holds the answers, as JSON.
    let body = document.body.as_str().unwrap_or_default().to_owned();
    assert!(body.contains("my-data.json"), "{body}");
    assert!(body.contains("\"raw_text\": \"98765 43210\""), "{body}");
    assert!(body.contains("\"notice_version\"") || body.contains("\"consent_version\": 2"));

    // Act: /forget, confirmed with a typed yes.
    let asked = exchange(fake, chat, updates::text(chat, "en", "/forget")).await;
    assert_eq!(buttons(&asked), ["forget:yes", "forget:no"]);
    let farewell = exchange(fake, chat, updates::text(chat, "en", "yes")).await;

    // Assert: the goodbye, the alert rewritten, and no lead left.
    assert!(
        text_of(&farewell).contains("erased everything"),
        "{farewell:#?}"
    );
    let edit = wait_for(|| {
        fake.calls("editMessageText")
            .into_iter()
            .find(|c| c.body["chat_id"] == -5000)
    })
    .await;
    assert_eq!(edit.body["message_id"].as_i64(), alert_id);
    let edited = edit.body["text"].as_str().unwrap_or_default();
    assert!(edited.contains("Lead #1 withdrew"), "{edited}");
    assert!(!edited.contains("98765"), "{edited}");
    wait_outbox_drained(&setup).await;
    assert!(setup.store().await.export().await.unwrap().is_empty());
    // A later /mydata finds nothing and creates no lead.
    let nothing = exchange(fake, chat, updates::text(chat, "en", "/mydata")).await;
    assert!(
        text_of(&nothing).contains("don't store any"),
        "{nothing:#?}"
    );
    assert!(setup.store().await.export().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_that_meets_a_failing_store_many_times_is_kept_and_answered_once_it_works() {
    // Arrange: a conversation under way, then the store loses a table, as a
    // database that cannot write would.
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let mut bot = setup.spawn(&[]);
    let chat = 7020;
    exchange(fake, chat, updates::text(chat, "en", "/start")).await;
    let pool = sqlx::SqlitePool::connect(&setup.database_url())
        .await
        .unwrap();
    sqlx::query("ALTER TABLE leads RENAME TO leads_away")
        .execute(&pool)
        .await
        .unwrap();

    // Act: the prospect answers while the store fails, more than the five
    // attempts after which a poison update would be set aside.
    let before = fake.sent_to(chat).len();
    fake.inject(updates::text(chat, "en", "yes"));
    for _ in 0..1600 {
        if bot.log().matches("an update could not be stored").count() >= 7 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(
        bot.log().matches("an update could not be stored").count() >= 7,
        "{}",
        bot.log()
    );
    assert_eq!(
        fake.sent_to(chat).len(),
        before,
        "answered without being stored"
    );
    sqlx::query("ALTER TABLE leads_away RENAME TO leads")
        .execute(&pool)
        .await
        .unwrap();

    // Assert: the same update is stored and answered once the store works,
    // and nothing went to the dead letters.
    fake.wait_for_sent(chat, before + 1).await;
    let store = setup.store().await;
    assert!(store.dead_letters(10).await.unwrap().is_empty());
    let lead = store.export().await.unwrap().remove(0);
    assert!(lead.lead.consent_at.is_some(), "the consent was not stored");
    assert!(!bot.log().contains("set aside"), "{}", bot.log());
    assert!(bot.terminate().success());
}
