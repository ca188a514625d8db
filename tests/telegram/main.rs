//! End to end through Telegram: the real `leadbot run` against a fake Bot API
//! server on 127.0.0.1, over long polling and over the webhook.

mod fake_bot_api;

use fake_bot_api::{updates, Failure, FakeTelegram, BOT_USERNAME};
use leadbot::core::Temperature;
use leadbot::storage::Store;
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;
use tempfile::TempDir;

const TOKEN: &str = "123456:TEST-TOKEN-CANARY";

/// A `leadbot run` process and its database.
struct Bot {
    child: Child,
    log: PathBuf,
}

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
        let log = self
            .dir
            .path()
            .join(format!("bot-{}.log", uuid::Uuid::new_v4()));
        let mut command = Command::new(env!("CARGO_BIN_EXE_leadbot"));
        command
            .arg("run")
            .current_dir(self.dir.path())
            .env_clear()
            .env("TELEGRAM_BOT_TOKEN", TOKEN)
            .env("DATABASE_URL", self.database_url())
            .env("LEADBOT_TELEGRAM__API_URL", &self.fake.url)
            .env("LEADBOT_TELEGRAM__PER_CHAT_INTERVAL_MS", "0")
            .env("LEADBOT_TELEGRAM__POLL_TIMEOUT_SECS", "1")
            .env("RUST_LOG", "debug")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap());
        for (key, value) in extra_env {
            command.env(key, value);
        }
        Bot {
            child: command.spawn().expect("leadbot starts"),
            log,
        }
    }

    async fn store(&self) -> Arc<dyn Store> {
        leadbot::storage::connect(&self.database_url())
            .await
            .unwrap()
    }
}

impl Bot {
    fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// SIGTERM, then the exit status.
    fn terminate(&mut self) -> std::process::ExitStatus {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        for _ in 0..200 {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("leadbot did not exit within 10 s of SIGTERM");
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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
    let bot = setup.spawn(&[]);
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
    assert!(text_of(&summary).contains("গরম"), "{summary:#}");

    assert_eq!(temperature_of(&setup, "7001").await, Temperature::Hot);
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

    // Act: killed with kill -9; an answer arrives while it is down.
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

    // Act: Telegram delivers it again.
    fake.redeliver(&consent);
    tokio::time::sleep(Duration::from_secs(2)).await;

    // Assert
    assert_eq!(fake.sent_to(chat).len(), before + 1);
    let leads = setup.store().await.export().await.unwrap();
    assert_eq!(leads[0].stages.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_survive_429_and_500_and_arrive_in_order_none_early() {
    // Arrange
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let chat = 7004;
    fake.fail_next_sends(&[
        Failure::RetryAfter(2),
        Failure::ServerError,
        Failure::ServerError,
    ]);
    let _bot = setup.spawn(&[]);

    // Act: three answers in a row while sendMessage fails.
    fake.inject(updates::text(chat, "en", "/start"));
    fake.inject(updates::text(chat, "en", "yes"));
    fake.inject(updates::text(chat, "en", "website"));
    let sent = fake.wait_for_sent(chat, 3).await;

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
    assert_eq!(calls.iter().filter(|c| !c.accepted).count(), 3);
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
    tokio::time::sleep(Duration::from_secs(1)).await;

    // Assert
    assert!(
        text_of(&sticker).starts_with("Sorry, I can only read text"),
        "{sticker:#}"
    );
    assert!(text_of(&sticker).contains("Is that okay with you?"));
    let leads = setup.store().await.export().await.unwrap();
    assert!(leads[0].answers.is_empty());
    assert_eq!(
        group["reply_markup"]["inline_keyboard"][0][0]["url"],
        format!("https://t.me/{BOT_USERNAME}?start=group")
    );
    assert_eq!(
        fake.sent_to(-1009).len(),
        1,
        "group chatter must be ignored"
    );
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn wait_until_listening(port: u16) {
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the webhook server did not start");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_webhook_refuses_a_wrong_secret_and_takes_a_redelivery_once() {
    // Arrange
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let port = free_port();
    let hook = format!("http://127.0.0.1:{port}/telegram/hook");
    let mut bot = setup.spawn(&[
        ("LEADBOT_TELEGRAM__MODE", "webhook".into()),
        ("LEADBOT_TELEGRAM__WEBHOOK__URL", hook.clone()),
        (
            "LEADBOT_TELEGRAM__WEBHOOK__LISTEN",
            format!("127.0.0.1:{port}"),
        ),
        ("LEADBOT_TELEGRAM__WEBHOOK__SECRET", "s3cret-Hook".into()),
    ]);
    wait_until_listening(port).await;
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
    assert_eq!(post(Some("s3cret-Hook")).await.unwrap().status(), 200);
    assert_eq!(post(Some("s3cret-Hook")).await.unwrap().status(), 200);
    fake.wait_for_sent(chat, 1).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(fake.sent_to(chat).len(), 1);
    let webhook = fake.calls("setWebhook");
    assert_eq!(webhook.len(), 1);

    // SIGTERM: a clean exit.
    assert!(bot.terminate().success(), "{}", bot.log());
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
