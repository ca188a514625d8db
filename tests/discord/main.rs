//! End to end through Discord: the real `leadbot run` against a fake Discord
//! (REST and gateway) on 127.0.0.1.

#[path = "../common/fake_discord.rs"]
mod fake_discord;
#[path = "../common/process.rs"]
mod process;

use fake_discord::{dm_channel, FakeDiscord, GUILD_CHANNEL};
use leadbot::core::Temperature;
use process::BotProcess as Bot;
use serde_json::Value;
use tempfile::TempDir;

const TOKEN: &str = "DISCORD-TOKEN-CANARY.x.y";

struct Setup {
    dir: TempDir,
    fake: FakeDiscord,
}

impl Setup {
    async fn new() -> Setup {
        Setup {
            dir: tempfile::tempdir().unwrap(),
            fake: FakeDiscord::start().await,
        }
    }

    fn database_url(&self) -> String {
        format!("sqlite://{}", self.dir.path().join("leadbot.db").display())
    }

    async fn spawn(&self) -> Bot {
        self.spawn_with(&[]).await
    }

    async fn spawn_with(&self, extra: &[(&str, String)]) -> Bot {
        let registrations = self.fake.registrations();
        let mut env = vec![
            ("DISCORD_BOT_TOKEN", TOKEN.to_owned()),
            ("DATABASE_URL", self.database_url()),
            ("LEADBOT_DISCORD__API_URL", self.fake.url.clone()),
            ("LEADBOT_SALES__DISCORD_CHANNELS", "[6000]".to_owned()),
            ("LEADBOT_SALES__DISCORD_STAFF", "[9101]".to_owned()),
        ];
        env.extend(extra.iter().cloned());
        let bot = Bot::spawn(self.dir.path(), &env, "DISCORD-TOKEN-CANARY");
        self.fake.wait_for_ready(registrations).await;
        bot
    }

    /// Waits until `count` posted alerts are recorded: a button counts only
    /// on an alert the bot has recorded for its lead, a moment after posting.
    async fn wait_for_recorded_alerts(&self, count: i64) {
        let pool = sqlx::SqlitePool::connect(&self.database_url())
            .await
            .unwrap();
        for _ in 0..200 {
            let recorded: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM alert_messages")
                .fetch_one(&pool)
                .await
                .unwrap();
            if recorded >= count {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the alert was never recorded");
    }

    async fn temperature_of(&self, user: u64) -> Temperature {
        let store = leadbot::storage::connect(&self.database_url())
            .await
            .unwrap();
        let leads = store.export().await.unwrap();
        leads
            .iter()
            .find(|l| l.lead.user_id == user.to_string())
            .unwrap()
            .lead
            .temperature
    }
}

fn content(message: &Value) -> &str {
    message["content"].as_str().unwrap_or_default()
}

fn buttons(message: &Value) -> Vec<String> {
    message["components"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .flat_map(|row| row["components"].as_array().unwrap().iter())
                .filter_map(|b| b["custom_id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Dispatches an event and returns the one DM it brings.
async fn exchange(fake: &FakeDiscord, user: u64, kind: &str, event: Value) -> Value {
    let before = fake.posted_to(dm_channel(user)).len();
    fake.dispatch(kind, event);
    fake.wait_for_posts(dm_channel(user), before + 1)
        .await
        .pop()
        .unwrap()
}

/// A member runs /qualify (event id `first`) and answers in DMs (the next six
/// ids) as a hot lead: consent, need, ₹3 lakh, I decide, this month, a phone.
async fn hot_lead_over_dms(fake: &FakeDiscord, user: u64, first: u64) {
    exchange(
        fake,
        user,
        "INTERACTION_CREATE",
        fake.qualify(first, user, "en-US"),
    )
    .await;
    let answers = ["yes", "2", "₹3,00,000", "1", "1", "98765 43210"];
    for (id, text) in (first + 1..).zip(answers) {
        exchange(fake, user, "MESSAGE_CREATE", fake.dm(id, user, text)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hindi_member_qualifies_from_qualify_with_buttons_and_free_text() {
    // Arrange
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let _bot = setup.spawn().await;
    let user = 8001;

    // Act + Assert, step by step.
    let greeting = exchange(
        fake,
        user,
        "INTERACTION_CREATE",
        fake.qualify(1, user, "hi"),
    )
    .await;
    assert!(content(&greeting).contains("गोपनीयता"), "{greeting:#}");
    assert_eq!(buttons(&greeting), ["consent:yes", "consent:no"]);
    let answer = fake
        .wait_until("the ephemeral answer", |f| f.interaction_answers().pop())
        .await;
    assert!(content(&answer).contains("डायरेक्ट मैसेज भेजा"), "{answer:#}");

    let need = exchange(
        fake,
        user,
        "INTERACTION_CREATE",
        fake.button(2, user, "consent:yes", "hi"),
    )
    .await;
    assert!(buttons(&need).contains(&"need:website".to_owned()));
    exchange(
        fake,
        user,
        "INTERACTION_CREATE",
        fake.button(3, user, "need:website", "hi"),
    )
    .await;
    let echo = exchange(fake, user, "MESSAGE_CREATE", fake.dm(4, user, "₹2,00,000")).await;
    assert!(
        buttons(&echo).contains(&"authority:self".to_owned()),
        "{echo:#}"
    );
    exchange(fake, user, "MESSAGE_CREATE", fake.dm(5, user, "मैं खुद")).await;
    exchange(
        fake,
        user,
        "INTERACTION_CREATE",
        fake.button(6, user, "timeframe:one_month", "hi"),
    )
    .await;
    let summary = exchange(
        fake,
        user,
        "MESSAGE_CREATE",
        fake.dm(7, user, "98765 43210"),
    )
    .await;
    // The prospect's summary: their answers and what happens next, never
    // their grade.
    assert!(
        content(&summary).contains("हमारी टीम जल्द ही"),
        "{summary:#}"
    );
    for graded in ["गर्म", "हॉट", "✅", "नतीजा"] {
        assert!(!content(&summary).contains(graded), "{summary:#}");
    }

    assert_eq!(setup.temperature_of(user).await, Temperature::Hot);
    // One alert in the sales channel, posted with an enforced nonce.
    let alerts = fake.wait_for_posts(6000, 1).await;
    assert!(
        content(&alerts[0]).contains("Hot lead #1: Sunita"),
        "{alerts:#?}"
    );
    assert!(content(&alerts[0]).contains("<@8001>"));
    assert_eq!(alerts[0]["enforce_nonce"], true);
    assert!(alerts[0]["nonce"].as_str().unwrap().starts_with("lb"));
    let store = leadbot::storage::connect(&setup.database_url())
        .await
        .unwrap();
    let lead = store.export().await.unwrap().remove(0);
    assert_eq!(lead.lead.source.as_deref(), Some("discord_guild_300"));
    // Buttons were acknowledged.
    let callbacks = fake
        .calls()
        .iter()
        .filter(|c| c.path.ends_with("/callback"))
        .count();
    assert_eq!(callbacks, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restarted_bot_continues_and_a_replayed_event_changes_nothing() {
    // Arrange
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let user = 8002;
    let mut bot = setup.spawn().await;
    exchange(
        fake,
        user,
        "INTERACTION_CREATE",
        fake.qualify(11, user, "en-US"),
    )
    .await;
    exchange(fake, user, "MESSAGE_CREATE", fake.dm(12, user, "yes")).await;

    // Act: restarted mid-conversation.
    bot.kill();
    let _bot = setup.spawn().await;
    let budget = exchange(fake, user, "MESSAGE_CREATE", fake.dm(13, user, "2")).await;

    // Assert: it continues at the right question.
    assert!(content(&budget).contains("What budget"), "{budget:#}");

    // A replay (as after RESUME) changes nothing; a sentinel proves it.
    fake.dispatch("MESSAGE_CREATE", fake.dm(13, user, "2"));
    let help = exchange(fake, user, "MESSAGE_CREATE", fake.dm(14, user, "/help")).await;
    assert!(content(&help).contains("/restart"), "{help:#}");
    assert_eq!(fake.posted_to(dm_channel(user)).len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_with_closed_dms_is_told_how_to_open_them() {
    // Arrange
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let user = 8003;
    fake.close_dms(user);
    let _bot = setup.spawn().await;

    // Act
    fake.dispatch("INTERACTION_CREATE", fake.qualify(21, user, "en-GB"));

    // Assert
    let answer = fake
        .wait_until("the ephemeral answer", |f| f.interaction_answers().pop())
        .await;
    assert!(
        content(&answer).contains("allow direct messages"),
        "{answer:#}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_message_gets_an_answer_only_when_it_mentions_the_bot() {
    // Arrange
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let _bot = setup.spawn().await;
    let channel: u64 = GUILD_CHANNEL.parse().unwrap();

    // Act: chatter, then a mention as a sentinel.
    fake.dispatch(
        "MESSAGE_CREATE",
        fake.guild_message(31, 8004, "my budget is 2 lakh", false),
    );
    fake.dispatch(
        "MESSAGE_CREATE",
        fake.guild_message(32, 8004, "<@4001> hello", true),
    );
    let posted = fake.wait_for_posts(channel, 1).await;

    // Assert: one pointer to /qualify, no BANT question in public.
    assert_eq!(posted.len(), 1);
    assert!(content(&posted[0]).contains("/qualify"), "{posted:#?}");
    assert!(!content(&posted[0]).contains("budget"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_claim_a_discord_alert_and_others_are_refused() {
    // Arrange: a hot lead alerted to the sales channel.
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let _bot = setup.spawn().await;
    let user = 8010;
    hot_lead_over_dms(fake, user, 41).await;
    let alert = fake.wait_for_posts(6000, 1).await.remove(0);
    assert_eq!(buttons(&alert), ["claim:1"]);
    let text = content(&alert).to_owned();
    setup.wait_for_recorded_alerts(1).await;

    // Act + Assert: not staff → a private refusal.
    fake.dispatch(
        "INTERACTION_CREATE",
        fake.alert_button(51, 9102, 6000, "claim:1", &text),
    );
    let refused = fake.wait_until("the refusal", |f| f.callback(51)).await;
    assert_eq!(refused["type"], 4);
    assert_eq!(refused["data"]["flags"], 64);
    assert!(
        content(&refused["data"]).contains("only the sales team"),
        "{refused:#}"
    );

    // Staff claim: the alert is updated in place with Won / Lost.
    fake.dispatch(
        "INTERACTION_CREATE",
        fake.alert_button(52, 9101, 6000, "claim:1", &text),
    );
    let claimed = fake.wait_until("the claim", |f| f.callback(52)).await;
    assert_eq!(claimed["type"], 7);
    assert!(
        content(&claimed["data"]).contains("Claimed by Sunita"),
        "{claimed:#}"
    );
    assert_eq!(buttons(&claimed["data"]), ["won:1", "lost:1"]);

    fake.dispatch(
        "INTERACTION_CREATE",
        fake.alert_button(53, 9101, 6000, "lost:1", &text),
    );
    let lost = fake.wait_until("the result", |f| f.callback(53)).await;
    assert!(content(&lost["data"]).contains("Lost — Sunita"), "{lost:#}");
    let store = leadbot::storage::connect(&setup.database_url())
        .await
        .unwrap();
    let lead = store.export().await.unwrap().remove(0);
    assert_eq!(lead.lead.stage, Some(leadbot::core::Stage::Lost));

    // Staff commands, answered privately; the numbers match the database.
    fake.dispatch(
        "INTERACTION_CREATE",
        fake.command(54, 9101, "stats", serde_json::json!([])),
    );
    let stats = fake.wait_until("/stats", |f| f.callback(54)).await;
    assert_eq!(stats["data"]["flags"], 64);
    assert!(
        content(&stats["data"]).contains(
            "Last 7 days: 1 started → 1 consented → 1 engaged → 1 hot → 1 claimed → 0 won, 1 lost"
        ),
        "{stats:#}"
    );
    assert!(
        content(&stats["data"]).contains(
            "Hot to claimed: median 0 min, 90% within 0 min (1 claimed); 0 hot unclaimed now"
        ),
        "{stats:#}"
    );
    let options = serde_json::json!([{"name": "id", "type": 4, "value": 1}]);
    fake.dispatch(
        "INTERACTION_CREATE",
        fake.command(55, 9101, "lead", options),
    );
    let lead = fake.wait_until("/lead", |f| f.callback(55)).await;
    assert!(
        content(&lead["data"]).contains("Budget: “₹3,00,000”"),
        "{lead:#}"
    );
    // Stages by their staff names, never their ids.
    assert!(content(&lead["data"]).contains("\n\nclaimed: "), "{lead:#}");
    assert!(
        !content(&lead["data"]).contains("sales_accepted"),
        "{lead:#}"
    );
    fake.dispatch(
        "INTERACTION_CREATE",
        fake.command(56, 9102, "leads", serde_json::json!([])),
    );
    let refused = fake
        .wait_until("/leads by a stranger", |f| f.callback(56))
        .await;
    assert!(
        content(&refused["data"]).contains("only the sales team"),
        "{refused:#}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_alert_sent_but_not_recorded_before_a_crash_is_posted_once() {
    // Arrange: Discord posts the alert but its answer never reaches the bot.
    let setup = Setup::new().await;
    let fake = &setup.fake;
    fake.hold_answers_to(6000, std::time::Duration::from_secs(30));
    let mut bot = setup.spawn().await;
    let user = 8011;
    hot_lead_over_dms(fake, user, 61).await;
    fake.wait_for_posts(6000, 1).await;

    // Act: killed between send and mark-sent, then restarted; the retry
    // carries the same nonce.
    bot.kill();
    fake.hold_answers_to(6000, std::time::Duration::ZERO);
    let attempts = |fake: &FakeDiscord| {
        fake.calls()
            .iter()
            .filter(|c| c.path == "/api/v10/channels/6000/messages")
            .count()
    };
    let _bot = setup.spawn().await;
    fake.wait_until("the retry", |f| (attempts(f) >= 2).then_some(()))
        .await;

    // Assert: still one alert in the channel.
    assert_eq!(fake.posted_to(6000).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_given_a_shard_identifies_as_that_shard() {
    // Arrange
    let setup = Setup::new().await;

    // Act: the second of two replicas.
    let _bot = setup
        .spawn_with(&[
            ("LEADBOT_DISCORD__SHARD_ID", "1".into()),
            ("LEADBOT_DISCORD__SHARD_COUNT", "2".into()),
        ])
        .await;

    // Assert
    assert_eq!(setup.fake.identified_shards(), [serde_json::json!([1, 2])]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mydata_attaches_a_file_and_forget_erases_the_lead_and_edits_its_alert() {
    // Arrange: a hot lead alerted to the sales channel.
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let _bot = setup.spawn().await;
    let user = 8020;
    hot_lead_over_dms(fake, user, 61).await;
    fake.wait_for_posts(6000, 1).await;

    // Act: /mydata in the DM.
    let copy = exchange(fake, user, "MESSAGE_CREATE", fake.dm(68, user, "/mydata")).await;

    // Assert: one message with the file attached (multipart).
    let multipart = copy.as_str().unwrap_or_default();
    assert!(multipart.contains("filename=\"my-data.json\""), "{copy:#}");
    assert!(multipart.contains("98765 43210"), "{copy:#}");

    // Act: /forget, confirmed with the button's word.
    let asked = exchange(fake, user, "MESSAGE_CREATE", fake.dm(69, user, "/forget")).await;
    assert_eq!(buttons(&asked), ["forget:yes", "forget:no"]);
    let farewell = exchange(fake, user, "MESSAGE_CREATE", fake.dm(70, user, "yes")).await;

    // Assert: the goodbye, the alert rewritten without buttons, no lead left.
    assert!(
        content(&farewell).contains("erased everything"),
        "{farewell:#}"
    );
    let edit = fake
        .wait_until("the alert's edit", |f| {
            f.calls()
                .into_iter()
                .find(|c| c.method == "PATCH" && c.path.starts_with("/api/v10/channels/6000/"))
        })
        .await;
    assert!(
        content(&edit.body).contains("Lead #1 withdrew"),
        "{:#}",
        edit.body
    );
    assert_eq!(edit.body["components"], serde_json::json!([]));
    let store = leadbot::storage::connect(&setup.database_url())
        .await
        .unwrap();
    // The farewell goes out only after the erasure committed.
    assert!(store.export().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreadable_events_are_counted_by_kind_and_logged_once_without_their_content() {
    // Arrange
    let setup = Setup::new().await;
    let fake = &setup.fake;
    let mut bot = setup
        .spawn_with(&[("LEADBOT_HTTP__LISTEN", "127.0.0.1:0".to_owned())])
        .await;
    let user = 8031;

    // Act: two messages Discord's format could have changed under (no
    // author), then a readable one as a sentinel.
    for id in [41, 42] {
        let mut unreadable = fake.dm(id, user, "Rahim Uddin 01711-222333");
        unreadable.as_object_mut().unwrap().remove("author");
        fake.dispatch("MESSAGE_CREATE", unreadable);
    }
    // And a frame cut short, which is not even JSON.
    let cut = serde_json::json!({"op": 0, "t": "MESSAGE_CREATE", "s": 90, "d": fake.dm(44, user, "Rahim Uddin 01711-222333")}).to_string();
    fake.send_raw(cut[..cut.len() - 2].to_owned());
    let reply = exchange(fake, user, "MESSAGE_CREATE", fake.dm(43, user, "/help")).await;
    let address = bot.listen_address("serving /healthz").await;
    let metrics = reqwest::get(format!("http://{address}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(bot.terminate().success());
    let log = bot.log();

    // Assert
    assert!(!content(&reply).is_empty());
    assert!(
        metrics.contains("leadbot_discord_unreadable_events_total{kind=\"MESSAGE_CREATE\"} 3"),
        "{metrics}\n{log}"
    );
    let warnings: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("could not be read"))
        .collect();
    assert_eq!(warnings.len(), 1, "{log}");
    assert!(warnings[0].contains("MESSAGE_CREATE"), "{log}");
    assert!(!log.contains("Rahim") && !log.contains("01711"), "{log}");
}
