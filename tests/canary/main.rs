//! The canary: secrets and personal data never reach the logs, and chat
//! users never see internal details.
//!
//! The real `leadbot run` talks to the fake Telegram Bot API and the fake
//! Discord on 127.0.0.1 with a recognizable Telegram token, Discord token,
//! webhook secret and database password, and a prospect with a recognizable
//! name, phone number, e-mail address, budget answer, free-text need and
//! Bengali answer (see `canaries.rs`). It holds full hot conversations over
//! Telegram polling, the Telegram webhook and Discord, and meets every error
//! path that can be caused from outside: the Bot API answering 401, 403, 400,
//! 429, 500, unreadable JSON or breaking the connection; webhook posts with a
//! wrong secret, unreadable JSON or an update kind teloxide cannot read;
//! Discord answering 500, 403, 400 or breaking the connection, and a gateway
//! frame serenity cannot read; the database failing under a running bot;
//! and start-ups that fail on the configuration, the token or the database.
//! Standard output and standard error are captured whole.
//!
//! What the product guarantees, and these tests hold it to: whatever
//! `RUST_LOG` says — `debug`, `trace`, or dependencies named and turned up
//! (`reqwest=trace,serenity=trace,sqlx=trace,...`) — no line carries a
//! token, the webhook secret, a database password, or anything a prospect
//! is called or typed, in any spelling (as is, hex, percent-encoded).
//! leadbot's own lines log ids and kinds; third-party crates are capped by
//! `src/telemetry.rs`, because their debug output quotes request URLs (the
//! Telegram token is in them), websocket frames and raw payloads (the
//! Discord token, members' messages). And what a chat user is shown on an
//! error path is a localized apology, never an error text.
//!
//! Each test first checks that the canaries did go where they belong (the
//! fakes saw the token, the secret and the prospect's answers), so that a
//! capture or a conversation that broke cannot pass.

mod canaries;
#[path = "../common/fake_bot_api.rs"]
mod fake_bot_api;
#[path = "../common/fake_discord.rs"]
mod fake_discord;
#[path = "../common/postgres.rs"]
mod postgres;
#[path = "../common/process.rs"]
mod process;

use canaries::*;
use fake_bot_api::{updates, Failure, FakeTelegram};
use fake_discord::{dm_channel, FakeDiscord};
use process::BotProcess as Bot;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

/// What an operator chasing a problem might set: everything, dependencies
/// named one by one.
const LOG_EVERYTHING: &str = "trace,leadbot=trace,teloxide=trace,teloxide_core=trace,\
reqwest=trace,hyper=trace,hyper_util=trace,h2=trace,rustls=trace,sqlx=trace,\
serenity=trace,tungstenite=trace,tokio_tungstenite=trace,axum=trace,tower=trace";

const SALES_CHAT: i64 = -5000;
const SALES_CHANNEL: u64 = 6000;
const STAFF: u64 = 9101;

async fn wait_until<T>(what: &str, limit: Duration, mut found: impl FnMut() -> Option<T>) -> T {
    let started = Instant::now();
    loop {
        if let Some(value) = found() {
            return value;
        }
        assert!(started.elapsed() < limit, "waited {limit:?} for {what}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn wait_for_log(bot: &Bot, needle: &str) {
    let started = Instant::now();
    while !bot.log().contains(needle) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "waited 30 s for {needle:?} in the log:\n{}",
            bot.log()
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

fn text_of(message: &Value) -> String {
    message["text"].as_str().unwrap_or_default().to_owned()
}

/// Everything the fake Telegram was asked to show anyone.
fn telegram_texts(fake: &FakeTelegram) -> Vec<String> {
    ["sendMessage", "editMessageText", "answerCallbackQuery"]
        .iter()
        .flat_map(|method| fake.calls(method))
        .filter_map(|c| c.body["text"].as_str().map(str::to_owned))
        .collect()
}

fn sqlite_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("leadbot.db").display())
}

fn telegram_env(fake: &FakeTelegram, database_url: &str, log: &str) -> Vec<(&'static str, String)> {
    vec![
        ("RUST_LOG", log.to_owned()),
        ("TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN.to_owned()),
        ("DATABASE_URL", database_url.to_owned()),
        ("LEADBOT_TELEGRAM__API_URL", fake.url.clone()),
        ("LEADBOT_TELEGRAM__PER_CHAT_INTERVAL_MS", "0".into()),
        ("LEADBOT_TELEGRAM__GROUP_INTERVAL_MS", "0".into()),
        ("LEADBOT_TELEGRAM__POLL_TIMEOUT_SECS", "1".into()),
        ("LEADBOT_SALES__TELEGRAM_CHATS", format!("[{SALES_CHAT}]")),
    ]
}

/// Everything stored about the leads, as the JSON export.
async fn stored(database_url: &str) -> String {
    let store = leadbot::storage::connect(database_url).await.unwrap();
    let mut json = Vec::new();
    leadbot::export::write_json(&store.export().await.unwrap(), &mut json).unwrap();
    String::from_utf8(json).unwrap()
}

/// Renames a table away and back: every turn fails in between, as with a
/// database that lost its schema.
async fn rename_table(database_url: &str, from: &str, to: &str) {
    use sqlx::Connection;
    let statement = format!("ALTER TABLE {from} RENAME TO {to}");
    if database_url.starts_with("sqlite") {
        let mut connection = sqlx::SqliteConnection::connect(database_url).await.unwrap();
        sqlx::query(&statement)
            .execute(&mut connection)
            .await
            .unwrap();
    } else {
        let mut connection = sqlx::PgConnection::connect(database_url).await.unwrap();
        sqlx::query(&statement)
            .execute(&mut connection)
            .await
            .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_polled_conversation_through_every_bot_api_failure_logs_no_secret_and_no_personal_data() {
    // Arrange: getUpdates fails three ways while the first update waits
    // (the unreadable answer quotes it), and the start-up calls fail too.
    let dir = tempfile::tempdir().unwrap();
    let database_url = sqlite_url(dir.path());
    let fake = FakeTelegram::start().await;
    let (chat, refused_chat) = (7101, 7102);
    fake.fail_next("deleteWebhook", &[Failure::Dropped]);
    fake.fail_next(
        "setMyCommands",
        &[Failure::BadRequest, Failure::Unauthorized],
    );
    fake.fail_next(
        "getUpdates",
        &[
            Failure::Unauthorized,
            Failure::MalformedJson,
            Failure::Dropped,
        ],
    );
    let say = |text: &str| as_canary_person(updates::text(chat, "bn", text));
    let press = |data: &str| as_canary_person(updates::button(chat, "bn", data));
    fake.inject(say("/start fb_ad_nov"));
    let mut bot = Bot::spawn(
        dir.path(),
        &telegram_env(&fake, &database_url, "debug"),
        TELEGRAM_SECRET,
    );

    // Act: the greeting comes once polling recovers.
    let exchange = |update: Value| {
        let before = fake.sent_to(chat).len();
        fake.inject(update);
        let fake = &fake;
        async move { fake.wait_for_sent(chat, before + 1).await.pop().unwrap() }
    };
    fake.wait_for_sent(chat, 1).await;
    // A second prospect: Telegram refuses the greeting (400), then the
    // prospect blocks the bot (403).
    let refused = |fake: &FakeTelegram| {
        fake.calls("sendMessage")
            .iter()
            .filter(|c| !c.accepted && c.body["chat_id"] == json!(refused_chat))
            .count()
    };
    fake.fail_next_sends(&[Failure::BadRequest]);
    fake.inject(as_canary_person(updates::text(
        refused_chat,
        "en",
        "/start",
    )));
    wait_until("the 400", Duration::from_secs(20), || {
        (refused(&fake) == 1).then_some(())
    })
    .await;
    fake.fail_next_sends(&[Failure::Blocked]);
    fake.inject(as_canary_person(updates::text(refused_chat, "en", "/help")));
    wait_until("the 403", Duration::from_secs(20), || {
        (refused(&fake) == 2).then_some(())
    })
    .await;
    // The next reply meets 429, 500, a dropped connection and an unreadable
    // answer before it counts as delivered.
    fake.fail_next_sends(&[
        Failure::RetryAfter(1),
        Failure::ServerError,
        Failure::Dropped,
        Failure::MalformedJson,
    ]);
    exchange(press("consent:yes")).await;
    exchange(say(&format!("{BENGALI_WORD} {NEED_WORD} মাছের খামার"))).await;
    exchange(say(&format!("২ লাখ টাকা {BUDGET_WORD}"))).await;
    exchange(press("confirm:yes")).await;
    exchange(say("আমি নিজেই")).await;
    exchange(press("timeframe:one_month")).await;
    let summary = exchange(as_canary_person(updates::contact(chat, "bn", PHONE))).await;
    let alert = fake.wait_for_sent(SALES_CHAT, 1).await.remove(0);
    assert!(bot.terminate().success());
    let log = bot.log();

    // Assert: the canaries went where they belong, every failure was met...
    assert_eq!(fake.bot_segments(), [format!("bot{TELEGRAM_TOKEN}")]);
    assert!(text_of(&summary).contains(PHONE), "{summary:#}");
    assert!(text_of(&alert).contains(FULL_NAME), "{alert:#}");
    let answers = stored(&database_url).await;
    for answer in [BENGALI_WORD, NEED_WORD, BUDGET_WORD] {
        assert!(answers.contains(answer), "{answer} not stored: {answers}");
    }
    assert_eq!(fake.failures_left(), 0, "a failure was not met");
    for line in [
        "deleteWebhook failed",
        "setMyCommands failed",
        "getUpdates failed",
        "rate limited",
        "delivery failed; will retry",
        "a reply was refused for good",
        "the prospect cannot be reached",
        // A debug line: the capture goes down to debug.
        "turn committed",
    ] {
        assert!(log.contains(line), "no {line:?} in the log:\n{log}");
    }
    // ... and none reached the log, nor an error text a chat.
    assert_nothing_leaked(&log);
    assert_no_internal_details(&telegram_texts(&fake));
}

/// The address the webhook server bound, read from its log.
async fn webhook_address(bot: &Bot) -> String {
    wait_for_log(bot, "serving the Telegram webhook").await;
    bot.log()
        .lines()
        .find(|l| l.contains("serving the Telegram webhook"))
        .and_then(|l| l.split("listen=").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_webhook_conversation_with_refused_and_unreadable_posts_logs_no_secret_and_no_personal_data(
) {
    // Arrange
    let dir = tempfile::tempdir().unwrap();
    let database_url = sqlite_url(dir.path());
    let fake = FakeTelegram::start().await;
    let mut env = telegram_env(&fake, &database_url, LOG_EVERYTHING);
    env.extend([
        ("LEADBOT_TELEGRAM__MODE", "webhook".to_owned()),
        (
            "LEADBOT_TELEGRAM__WEBHOOK__URL",
            "https://bot.example.com/telegram/hook".to_owned(),
        ),
        (
            "LEADBOT_TELEGRAM__WEBHOOK__LISTEN",
            "127.0.0.1:0".to_owned(),
        ),
        (
            "LEADBOT_TELEGRAM__WEBHOOK__SECRET",
            WEBHOOK_SECRET.to_owned(),
        ),
    ]);
    let mut bot = Bot::spawn(dir.path(), &env, TELEGRAM_SECRET);
    let hook = format!("http://{}/telegram/hook", webhook_address(&bot).await);
    let client = reqwest::Client::new();
    let post = |secret: &str, body: String| {
        let request = client
            .post(&hook)
            .header("X-Telegram-Bot-Api-Secret-Token", secret)
            .header("content-type", "application/json")
            .body(body);
        async move {
            let response = request.send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let chat = 7201;
    let mut next_id = 100;
    let mut update = |text: &str| {
        next_id += 1;
        let mut update = as_canary_person(updates::text(chat, "en", text));
        update["update_id"] = next_id.into();
        update
    };
    let mut answers = Vec::new();

    // Act: a wrong secret, an unreadable body and an unknown update kind,
    // all carrying personal data.
    let wrong = post(
        "wrong-secret",
        update(&format!("I am {FULL_NAME}")).to_string(),
    )
    .await;
    let cut = format!(r#"{{"update_id": 1, "message": {{"text": "{FULL_NAME} {PHONE}""#);
    let unreadable = post(WEBHOOK_SECRET, cut).await;
    let unknown = json!({"update_id": 2, "update_of_a_later_bot_api": {"message_id": 1, "date": 1700000000,
        "text": format!("{FULL_NAME} {EMAIL}"), "chat": {"id": chat, "type": "private"},
        "from": {"id": chat, "is_bot": false, "first_name": FIRST_NAME}}});
    let unknown = post(WEBHOOK_SECRET, unknown.to_string()).await;
    // A conversation, with the database failing at the budget answer.
    for line in [
        "/start",
        "yes",
        &format!("{NEED_WORD} aquarium restoration"),
    ] {
        let before = fake.sent_to(chat).len();
        answers.push(post(WEBHOOK_SECRET, update(line).to_string()).await);
        fake.wait_for_sent(chat, before + 1).await;
    }
    let budget = update(&format!("2 lakh taka {BUDGET_WORD}")).to_string();
    rename_table(&database_url, "leads", "leads_away").await;
    let failed = post(WEBHOOK_SECRET, budget.clone()).await;
    rename_table(&database_url, "leads_away", "leads").await;
    // Telegram redelivers what was not taken.
    let before = fake.sent_to(chat).len();
    answers.push(post(WEBHOOK_SECRET, budget).await);
    fake.wait_for_sent(chat, before + 1).await;
    for line in ["yes", "I decide myself", "within 2 weeks", EMAIL] {
        let before = fake.sent_to(chat).len();
        answers.push(post(WEBHOOK_SECRET, update(line).to_string()).await);
        fake.wait_for_sent(chat, before + 1).await;
    }
    let summary = fake.sent_to(chat).pop().unwrap();
    let alert = fake.wait_for_sent(SALES_CHAT, 1).await.remove(0);
    assert!(bot.terminate().success());
    let log = bot.log();

    // Assert: the refusals, and where the canaries belong.
    assert_eq!(wrong, (401, String::new()));
    assert_eq!(unreadable, (200, String::new()));
    assert_eq!(unknown, (200, String::new()));
    assert!(
        answers.iter().all(|a| a == &(200, String::new())),
        "{answers:?}"
    );
    assert_eq!(failed.0, 500, "{failed:?}");
    assert!(internal_details(&failed.1).is_empty(), "{failed:?}");
    let set_webhook = fake.calls("setWebhook");
    assert!(
        set_webhook[0]
            .body
            .as_str()
            .unwrap()
            .contains(WEBHOOK_SECRET),
        "{set_webhook:?}"
    );
    assert_eq!(fake.bot_segments(), [format!("bot{TELEGRAM_TOKEN}")]);
    assert!(text_of(&summary).contains(EMAIL), "{summary:#}");
    assert!(text_of(&alert).contains(FULL_NAME), "{alert:#}");
    assert!(stored(&database_url).await.contains(BUDGET_WORD));
    for line in [
        "webhook request without the right secret refused",
        "unreadable webhook body kept in the dead letters",
        "an update teloxide cannot read is kept in the dead letters",
        "webhook update not stored",
        "turn committed",
    ] {
        assert!(log.contains(line), "no {line:?} in the log:\n{log}");
    }
    // None reached the log.
    assert_nothing_leaked(&log);
    assert_no_internal_details(&telegram_texts(&fake));
}

/// The PostgreSQL URL with a password added (the test server trusts every
/// local connection, so it is never checked, only carried).
fn with_password(url: &str) -> String {
    let mut url = url::Url::parse(url).unwrap();
    url.set_password(Some(DB_PASSWORD)).unwrap();
    url.to_string()
}

/// The text of every message and interaction answer the fake Discord was
/// asked to show.
fn discord_texts(fake: &FakeDiscord) -> Vec<String> {
    fake.calls()
        .iter()
        .filter_map(|c| {
            c.body["content"]
                .as_str()
                .or_else(|| c.body["data"]["content"].as_str())
                .map(str::to_owned)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_discord_conversation_through_api_failures_and_a_failing_database_logs_nothing_and_shows_no_error_text(
) {
    // Arrange: PostgreSQL, reached with a password in the URL.
    let dir = tempfile::tempdir().unwrap();
    let schema = postgres::fresh_schema().await;
    let database_url = with_password(&schema.url);
    let fake = FakeDiscord::start().await;
    let registrations = fake.registrations();
    let mut bot = Bot::spawn(
        dir.path(),
        &[
            ("RUST_LOG", LOG_EVERYTHING.to_owned()),
            ("DISCORD_BOT_TOKEN", DISCORD_TOKEN.to_owned()),
            ("DATABASE_URL", database_url.clone()),
            ("LEADBOT_DISCORD__API_URL", fake.url.clone()),
            (
                "LEADBOT_SALES__DISCORD_CHANNELS",
                format!("[{SALES_CHANNEL}]"),
            ),
            ("LEADBOT_SALES__DISCORD_STAFF", format!("[{STAFF}]")),
        ],
        TELEGRAM_SECRET,
    );
    fake.wait_for_ready(registrations).await;
    let (user, refused_user, late_user) = (8101, 8102, 8103);
    let exchange = |kind: &str, event: Value| {
        let before = fake.posted_to(dm_channel(user)).len();
        fake.dispatch(kind, as_canary_person(event));
        let fake = &fake;
        async move {
            fake.wait_for_posts(dm_channel(user), before + 1)
                .await
                .pop()
                .unwrap()
        }
    };

    // Act: a hot conversation; one question meets a 500 and a dropped
    // connection on its way.
    exchange("INTERACTION_CREATE", fake.qualify(1, user, "en-US")).await;
    exchange("MESSAGE_CREATE", fake.dm(2, user, "yes")).await;
    fake.fail_next_posts(&[
        fake_discord::Failure::ServerError,
        fake_discord::Failure::Dropped,
    ]);
    exchange(
        "MESSAGE_CREATE",
        fake.dm(3, user, &format!("{NEED_WORD} aquarium restoration")),
    )
    .await;
    let budget = format!("₹3,00,000 budget, {BUDGET_WORD}");
    exchange("MESSAGE_CREATE", fake.dm(4, user, &budget)).await;
    for (id, text) in [(5, "yes"), (6, "1"), (7, "1")] {
        exchange("MESSAGE_CREATE", fake.dm(id, user, text)).await;
    }
    let summary = exchange("MESSAGE_CREATE", fake.dm(8, user, PHONE)).await;
    let alert = fake.wait_for_posts(SALES_CHANNEL, 1).await.remove(0);
    // A second member: Discord refuses the first DM (400), then the next (403).
    let refused = |fake: &FakeDiscord| {
        let path = format!("/api/v10/channels/{}/messages", dm_channel(refused_user));
        fake.calls()
            .iter()
            .filter(|c| c.refused && c.path == path)
            .count()
    };
    fake.fail_next_posts(&[fake_discord::Failure::BadRequest]);
    fake.dispatch(
        "INTERACTION_CREATE",
        as_canary_person(fake.qualify(11, refused_user, "en-US")),
    );
    wait_until("the 400", Duration::from_secs(20), || {
        (refused(&fake) == 1).then_some(())
    })
    .await;
    fake.fail_next_posts(&[fake_discord::Failure::Forbidden]);
    fake.dispatch(
        "MESSAGE_CREATE",
        as_canary_person(fake.dm(12, refused_user, "yes")),
    );
    wait_until("the 403", Duration::from_secs(20), || {
        (refused(&fake) == 2).then_some(())
    })
    .await;
    // A gateway frame cut short, carrying a member's message (serenity
    // warns with the whole text); then a readable one out of sequence
    // (serenity warns inside a span whose fields hold the event).
    let unreadable = as_canary_person(fake.dm(13, user, &format!("{FULL_NAME} {EMAIL}")));
    let frame = json!({"op": 0, "t": "MESSAGE_CREATE", "s": 100, "d": unreadable}).to_string();
    fake.send_raw(frame[..frame.len() - 2].to_owned());
    let before = fake.posted_to(dm_channel(user)).len();
    let skipped = as_canary_person(fake.dm(14, user, "/help"));
    fake.send_raw(json!({"op": 0, "t": "MESSAGE_CREATE", "s": 1000, "d": skipped}).to_string());
    let help = fake
        .wait_for_posts(dm_channel(user), before + 1)
        .await
        .pop()
        .unwrap();
    // The database loses a table: a new member's /qualify and a staff
    // command get an apology, not the error.
    rename_table(&database_url, "leads", "leads_away").await;
    let answered = fake.interaction_answers().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        as_canary_person(fake.qualify(21, late_user, "en-US")),
    );
    let apology = fake
        .wait_until("the answer to /qualify", |f| {
            f.interaction_answers().into_iter().nth(answered)
        })
        .await;
    let options = json!([{"name": "id", "type": 4, "value": 1}]);
    fake.dispatch(
        "INTERACTION_CREATE",
        as_canary_person(fake.command(22, STAFF, "lead", options)),
    );
    let staff_apology = fake
        .wait_until("the answer to /lead", |f| f.callback(22))
        .await;
    fake.dispatch(
        "MESSAGE_CREATE",
        as_canary_person(fake.dm(23, user, &format!("{FULL_NAME} {LOCAL_PHONE}"))),
    );
    wait_for_log(&bot, "cannot handle a Discord message").await;
    rename_table(&database_url, "leads_away", "leads").await;
    assert!(bot.terminate().success());
    let log = bot.log();

    // Assert: the canaries went where they belong, every failure was met...
    assert_eq!(fake.identify_tokens(), [format!("Bot {DISCORD_TOKEN}")]);
    assert!(
        summary["content"].as_str().unwrap().contains(PHONE),
        "{summary:#}"
    );
    assert!(
        alert["content"].as_str().unwrap().contains(FULL_NAME),
        "{alert:#}"
    );
    assert!(
        help["content"].as_str().unwrap().contains("/restart"),
        "{help:#}"
    );
    assert!(stored(&database_url).await.contains(BUDGET_WORD));
    assert_eq!(fake.failures_left(), 0, "a failure was not met");
    let sorry = "Sorry, something went wrong on our side";
    assert!(
        apology["content"].as_str().unwrap().contains(sorry),
        "{apology:#}"
    );
    assert!(
        staff_apology["data"]["content"]
            .as_str()
            .unwrap()
            .contains(sorry),
        "{staff_apology:#}"
    );
    for line in [
        "delivery failed; will retry",
        "a reply was refused for good",
        "the prospect cannot be reached",
        "cannot handle /qualify",
        "cannot answer a staff command",
        "turn committed",
    ] {
        assert!(log.contains(line), "no {line:?} in the log:\n{log}");
    }
    // ... and none reached the log, nor an error text a member.
    assert_nothing_leaked(&log);
    assert_no_internal_details(&discord_texts(&fake));
}

/// Runs `leadbot run` in `dir` until it gives up; returns the error line,
/// having checked that nothing it printed carries a canary.
async fn failed_start(case: &str, dir: &Path, env: &[(&str, String)]) -> String {
    let mut env = env.to_vec();
    env.push(("RUST_LOG", LOG_EVERYTHING.to_owned()));
    let mut bot = Bot::spawn(dir, &env, TELEGRAM_SECRET);
    let status = wait_until("leadbot to give up", Duration::from_secs(30), || {
        bot.child.try_wait().unwrap()
    })
    .await;
    let log = bot.log();
    assert!(!status.success(), "{case}: leadbot started:\n{log}");
    let leaks = leaks(&log);
    assert!(leaks.is_empty(), "{case}: leaked\n{}", leaks.join("\n"));
    log.lines()
        .find(|l| l.starts_with("leadbot: "))
        .unwrap_or_else(|| panic!("{case}: no error line in\n{log}"))
        .to_owned()
}

/// A TCP port nothing listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A start-up that must fail, and what its error line must name.
struct FailedStart {
    case: &'static str,
    config_file: Option<String>,
    env: Vec<(&'static str, String)>,
    names: &'static str,
}

impl FailedStart {
    fn with_file(case: &'static str, config_file: String, names: &'static str) -> FailedStart {
        FailedStart {
            case,
            config_file: Some(config_file),
            env: Vec::new(),
            names,
        }
    }

    fn with_env(
        case: &'static str,
        env: Vec<(&'static str, String)>,
        names: &'static str,
    ) -> FailedStart {
        FailedStart {
            case,
            config_file: None,
            env,
            names,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_ups_that_fail_name_the_problem_without_printing_a_secret() {
    // Arrange: configuration files holding the token next to a mistake,
    // Telegram refusing the token or dropping the connection, databases
    // that cannot be opened (one URL with a password).
    let dir = tempfile::tempdir().unwrap();
    let sqlite = sqlite_url(dir.path());
    let telegram = FakeTelegram::start().await;
    telegram.fail_next("getMe", &[Failure::Unauthorized, Failure::Dropped]);
    let token_file = |rest: &str| format!("[telegram]\ntoken = \"{TELEGRAM_TOKEN}\"\n{rest}");
    let webhook = format!(
        "[telegram.webhook]\nurl = \"https://bot.example.com/hook\"\nsecret = \"{WEBHOOK_SECRET} !\"\n"
    );
    let reach_telegram = || {
        vec![
            ("TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN.to_owned()),
            ("DATABASE_URL", sqlite.clone()),
            ("LEADBOT_TELEGRAM__API_URL", telegram.url.clone()),
        ]
    };
    let database = |url: String| {
        vec![
            ("TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN.to_owned()),
            ("DATABASE_URL", url),
        ]
    };
    let pg = |port: &str| format!("postgres://leadbot:{DB_PASSWORD}@127.0.0.1:{port}/leads");
    let not_a_directory = dir.path().join("a-file");
    std::fs::write(&not_a_directory, "").unwrap();
    let cases = [
        FailedStart::with_file(
            "an unknown key",
            format!("colour = \"red\"\n{}", token_file("")),
            "colour",
        ),
        FailedStart::with_file(
            "a value of the wrong type",
            token_file("poll_timeout_secs = \"soon\"\n"),
            "telegram.poll_timeout_secs",
        ),
        FailedStart::with_file(
            "a token where a table belongs",
            format!("telegram = \"{TELEGRAM_TOKEN}\"\n"),
            "\"default.telegram\"",
        ),
        FailedStart::with_file(
            "an unterminated token",
            format!("[telegram]\ntoken = \"{TELEGRAM_TOKEN}\n"),
            "line 2",
        ),
        FailedStart::with_file(
            "an invalid webhook secret",
            token_file(&webhook),
            "telegram.webhook.secret",
        ),
        FailedStart::with_env("a revoked token", reach_telegram(), "cannot reach Telegram"),
        FailedStart::with_env(
            "a connection to Telegram that breaks",
            reach_telegram(),
            "cannot reach Telegram",
        ),
        FailedStart::with_env(
            "a PostgreSQL server that is not there",
            database(pg(&closed_port().to_string())),
            "postgres://leadbot:***@127.0.0.1",
        ),
        FailedStart::with_env(
            "a PostgreSQL URL that does not parse",
            database(pg("port")),
            "cannot open the database",
        ),
        FailedStart::with_env(
            "a SQLite file that cannot be created",
            database(format!("sqlite://{}/leadbot.db", not_a_directory.display())),
            "cannot open the database",
        ),
        FailedStart::with_env(
            "a Discord shard without a count",
            vec![
                ("DATABASE_URL", sqlite.clone()),
                ("DISCORD_BOT_TOKEN", DISCORD_TOKEN.to_owned()),
                ("LEADBOT_DISCORD__SHARD_ID", "3".to_owned()),
            ],
            "discord.shard_count",
        ),
        FailedStart::with_env(
            "a webhook secret too short to resist guessing",
            reach_telegram()
                .into_iter()
                .chain([
                    ("LEADBOT_TELEGRAM__MODE", "webhook".to_owned()),
                    (
                        "LEADBOT_TELEGRAM__WEBHOOK__URL",
                        "https://bot.example.com/hook".to_owned(),
                    ),
                    (
                        "LEADBOT_TELEGRAM__WEBHOOK__LISTEN",
                        "127.0.0.1:0".to_owned(),
                    ),
                    (
                        "LEADBOT_TELEGRAM__WEBHOOK__SECRET",
                        "Short_secret9".to_owned(),
                    ),
                ])
                .collect(),
            "use at least 24",
        ),
    ];

    for start in cases {
        let case_dir = tempfile::tempdir().unwrap();
        if let Some(file) = &start.config_file {
            std::fs::write(case_dir.path().join("leadbot.toml"), file).unwrap();
        }

        // Act: nothing printed carries a canary (checked within).
        let error = failed_start(start.case, case_dir.path(), &start.env).await;

        // Assert: the problem is named.
        assert!(
            error.contains(start.names),
            "{}: {:?} not in\n{error}",
            start.case,
            start.names
        );
    }
    // Telegram was asked, with the token.
    assert_eq!(telegram.failures_left(), 0);
    assert_eq!(telegram.bot_segments(), [format!("bot{TELEGRAM_TOKEN}")]);
}
