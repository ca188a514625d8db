//! Whole conversations through the engine and the SQLite store, in each
//! language: stored answers, temperature, stage events, and replays that
//! change nothing.

mod common;

use common::{replies, spawn_app, Prospect, TestApp};
use leadbot::core::{Channel, Criterion, Stage, Temperature};
use leadbot::service::Handled;
use leadbot::storage::LeadExport;

struct Script {
    user: &'static str,
    lines: &'static [&'static str],
    temperature: Temperature,
    met: &'static [Criterion],
    stages: &'static [Stage],
    /// (question, raw text, parsed value as JSON)
    answers: &'static [(&'static str, &'static str, &'static str)],
}

const IQ_MQ_SQ: &[Stage] = &[
    Stage::InformationQualified,
    Stage::MarketingQualified,
    Stage::SalesQualified,
];
const IQ_MQ: &[Stage] = &[Stage::InformationQualified, Stage::MarketingQualified];
const ALL_FOUR: &[Criterion] = &[
    Criterion::Budget,
    Criterion::Authority,
    Criterion::Need,
    Criterion::Timeframe,
];

const SCRIPTS: &[Script] = &[
    // Bengali
    Script {
        user: "bn-hot",
        lines: &[
            "/start fb_ad_nov",
            "২",
            "হ্যাঁ",
            "ওয়েবসাইট",
            "২ লাখ টাকা",
            "হ্যাঁ",
            "আমি নিজেই",
            "এই মাসে",
            "০১৭১২-৩৪৫৬৭৮",
        ],
        temperature: Temperature::Hot,
        met: ALL_FOUR,
        stages: IQ_MQ_SQ,
        answers: &[
            ("need", "ওয়েবসাইট", r#"{"type":"choice","option":"website"}"#),
            (
                "budget",
                "২ লাখ টাকা",
                r#"{"type":"budget","budget":{"kind":"amount","amount":200000,"currency":"BDT"}}"#,
            ),
            (
                "authority",
                "আমি নিজেই",
                r#"{"type":"choice","option":"self"}"#,
            ),
            (
                "timeframe",
                "এই মাসে",
                r#"{"type":"timeframe","timeframe":{"kind":"by","date":"2026-11-30"}}"#,
            ),
            (
                "contact",
                "০১৭১২-৩৪৫৬৭৮",
                r#"{"type":"phone","e164":"+8801712345678"}"#,
            ),
        ],
    },
    Script {
        user: "bn-warm",
        lines: &[
            "/start",
            "বাংলা",
            "জি",
            "1",
            "৫০ হাজার টাকা",
            "হ্যাঁ",
            "2",
            "৩ মাসের মধ্যে",
            "karim@example.com",
        ],
        temperature: Temperature::Warm,
        met: &[Criterion::Authority, Criterion::Need, Criterion::Timeframe],
        stages: IQ_MQ,
        answers: &[
            (
                "budget",
                "৫০ হাজার টাকা",
                r#"{"type":"budget","budget":{"kind":"amount","amount":50000,"currency":"BDT"}}"#,
            ),
            (
                "timeframe",
                "৩ মাসের মধ্যে",
                r#"{"type":"timeframe","timeframe":{"kind":"by","date":"2027-02-22"}}"#,
            ),
            (
                "contact",
                "karim@example.com",
                r#"{"type":"email","address":"karim@example.com"}"#,
            ),
        ],
    },
    Script {
        user: "bn-cold",
        lines: &[
            "/start",
            "2",
            "ঠিক আছে",
            "4",
            "একটা লোগো ডিজাইন",
            "এখনো ঠিক করিনি",
            "3",
            "আমাদের মালিক",
            "শুধু দেখছি",
            "01812345678",
        ],
        temperature: Temperature::Cold,
        met: &[Criterion::Need],
        stages: IQ_MQ,
        answers: &[
            ("need", "4", r#"{"type":"choice","option":"other"}"#),
            (
                "need_detail",
                "একটা লোগো ডিজাইন",
                r#"{"type":"text","text":"একটা লোগো ডিজাইন"}"#,
            ),
            (
                "budget",
                "এখনো ঠিক করিনি",
                r#"{"type":"budget","budget":{"kind":"undecided"}}"#,
            ),
            (
                "authority_who",
                "আমাদের মালিক",
                r#"{"type":"text","text":"আমাদের মালিক"}"#,
            ),
            (
                "timeframe",
                "শুধু দেখছি",
                r#"{"type":"timeframe","timeframe":{"kind":"no_rush"}}"#,
            ),
        ],
    },
    // Hindi
    Script {
        user: "hi-hot",
        lines: &[
            "/start landing",
            "3",
            "हाँ",
            "ग्राहक चाहिए",
            "₹2,00,000",
            "मैं खुद",
            "अगले महीने",
            "+91 98765 43210",
        ],
        temperature: Temperature::Hot,
        met: ALL_FOUR,
        stages: IQ_MQ_SQ,
        answers: &[
            (
                "need",
                "ग्राहक चाहिए",
                r#"{"type":"choice","option":"more_customers"}"#,
            ),
            (
                "budget",
                "₹2,00,000",
                r#"{"type":"budget","budget":{"kind":"amount","amount":200000,"currency":"INR"}}"#,
            ),
            (
                "timeframe",
                "अगले महीने",
                r#"{"type":"timeframe","timeframe":{"kind":"by","date":"2026-12-31"}}"#,
            ),
            (
                "contact",
                "+91 98765 43210",
                r#"{"type":"phone","e164":"+919876543210"}"#,
            ),
        ],
    },
    Script {
        user: "hi-warm",
        lines: &[
            "/start",
            "हिंदी",
            "जी हाँ",
            "सॉफ्टवेयर",
            "3 लाख तक",
            "हाँ",
            "कोई और",
            "मेरे बॉस",
            "6 महीने",
            "9876543210",
        ],
        temperature: Temperature::Warm,
        met: &[Criterion::Budget, Criterion::Need],
        stages: IQ_MQ,
        answers: &[
            (
                "budget",
                "3 लाख तक",
                r#"{"type":"budget","budget":{"kind":"at_most","amount":300000,"currency":null}}"#,
            ),
            (
                "authority",
                "कोई और",
                r#"{"type":"choice","option":"other"}"#,
            ),
            (
                "authority_who",
                "मेरे बॉस",
                r#"{"type":"text","text":"मेरे बॉस"}"#,
            ),
        ],
    },
    Script {
        user: "hi-cold",
        lines: &[
            "/start",
            "3",
            "ठीक है",
            "1",
            "अभी तय नहीं",
            "3",
            "पापा",
            "बस देख रहे हैं",
            "sunita@example.in",
        ],
        temperature: Temperature::Cold,
        met: &[Criterion::Need],
        stages: IQ_MQ,
        answers: &[(
            "budget",
            "अभी तय नहीं",
            r#"{"type":"budget","budget":{"kind":"undecided"}}"#,
        )],
    },
    // English
    Script {
        user: "en-hot",
        lines: &[
            "/start blog",
            "1",
            "yes",
            "2",
            "Rs. 1,50,000/-",
            "I decide together with my partner",
            "within 2 weeks",
            "priya@example.com",
        ],
        temperature: Temperature::Hot,
        met: ALL_FOUR,
        stages: IQ_MQ_SQ,
        answers: &[
            (
                "budget",
                "Rs. 1,50,000/-",
                r#"{"type":"budget","budget":{"kind":"amount","amount":150000,"currency":"INR"}}"#,
            ),
            (
                "authority",
                "I decide together with my partner",
                r#"{"type":"choice","option":"shared"}"#,
            ),
        ],
    },
    Script {
        user: "en-warm",
        lines: &[
            "/start",
            "English",
            "ok",
            "3",
            "2-3 lakh",
            "yes",
            "1",
            "next year",
            "01912345678",
        ],
        temperature: Temperature::Warm,
        met: &[Criterion::Budget, Criterion::Authority, Criterion::Need],
        stages: IQ_MQ,
        answers: &[(
            "budget",
            "2-3 lakh",
            r#"{"type":"budget","budget":{"kind":"range","min":200000,"max":300000,"currency":null}}"#,
        )],
    },
    Script {
        user: "en-cold",
        lines: &[
            "/start",
            "1",
            "sure",
            "1",
            "not decided yet",
            "someone else decides",
            "my manager",
            "just exploring",
            "9123456780",
        ],
        temperature: Temperature::Cold,
        met: &[Criterion::Need],
        stages: IQ_MQ,
        answers: &[(
            "contact",
            "9123456780",
            r#"{"type":"phone","e164":"+919123456780"}"#,
        )],
    },
];

async fn play(app: &TestApp, script: &Script) -> Prospect {
    let mut prospect = Prospect::new(Channel::Telegram, script.user);
    for line in script.lines {
        let handled = prospect.say(app, line).await;
        assert!(
            matches!(handled, Handled::Committed { .. }),
            "{}: {line:?} was not committed",
            script.user
        );
        assert_eq!(
            replies(app, &handled).len(),
            1,
            "{}: {line:?} got no reply",
            script.user
        );
    }
    prospect
}

fn find<'a>(exports: &'a [LeadExport], user: &str) -> &'a LeadExport {
    exports
        .iter()
        .find(|e| e.lead.user_id == user)
        .unwrap_or_else(|| panic!("no lead for {user}"))
}

#[tokio::test]
async fn hot_warm_and_cold_prospects_in_each_language_are_stored_and_graded() {
    // Arrange
    let app = spawn_app().await;

    // Act
    for script in SCRIPTS {
        play(&app, script).await;
    }

    // Assert
    let exports = app.store.export().await.unwrap();
    assert_eq!(exports.len(), SCRIPTS.len());
    for script in SCRIPTS {
        let lead = find(&exports, script.user);
        assert_eq!(lead.lead.temperature, script.temperature, "{}", script.user);
        assert_eq!(lead.lead.step, "finished", "{}", script.user);
        let mut met = lead.lead.met_criteria.clone();
        met.sort();
        let mut expected = script.met.to_vec();
        expected.sort();
        assert_eq!(met, expected, "{}", script.user);
        let stages: Vec<_> = lead.stages.iter().map(|s| s.stage).collect();
        assert_eq!(stages, script.stages, "{}", script.user);
        assert_eq!(
            lead.lead.stage,
            script.stages.last().copied(),
            "{}",
            script.user
        );
        assert_eq!(
            lead.lead.display_name.as_deref(),
            Some(format!("Name of {}", script.user).as_str())
        );
        assert!(lead.lead.consent_at.is_some());
        for (question, raw, value) in script.answers {
            let answer = lead
                .answers
                .iter()
                .find(|a| a.question_id == *question)
                .unwrap_or_else(|| panic!("{}: no answer to {question}", script.user));
            assert_eq!(answer.raw_text, *raw, "{}: {question}", script.user);
            let expected: serde_json::Value = serde_json::from_str(value).unwrap();
            assert_eq!(answer.value, expected, "{}: {question}", script.user);
        }
    }
    let sources: Vec<_> = ["bn-hot", "hi-hot", "en-hot"]
        .iter()
        .map(|u| find(&exports, u).lead.source.clone())
        .collect();
    assert_eq!(
        sources,
        [
            Some("fb_ad_nov".into()),
            Some("landing".into()),
            Some("blog".into())
        ]
    );
}

#[tokio::test]
async fn the_summary_is_rendered_in_the_prospects_language_with_local_numbers() {
    // Arrange
    let app = spawn_app().await;
    let script = &SCRIPTS[0];
    let mut prospect = Prospect::new(Channel::Telegram, script.user);
    let (last, lines) = script.lines.split_last().unwrap();
    for line in lines {
        prospect.say(&app, line).await;
    }

    // Act
    let handled = prospect.say(&app, last).await;

    // Assert
    let text = replies(&app, &handled).join("\n");
    assert!(text.contains("৳২,০০,০০০"), "{text}");
    // Their answers and what happens next; never their grade, a ✅/❌ or
    // the business's minimum budget (৳১,০০,০০০).
    assert!(text.contains("আমাদের টিম শিগগিরই"), "{text}");
    for graded in ["৳১,০০,০০০", "গরম", "হট", "✅", "❌", "ফলাফল", "মানদণ্ড"]
    {
        assert!(!text.contains(graded), "{graded} in {text}");
    }
    assert!(
        !text.contains('\u{2068}'),
        "bidi isolation marks leaked: {text:?}"
    );
}

#[tokio::test]
async fn replaying_every_inbound_event_changes_nothing_and_sends_nothing() {
    // Arrange
    let app = spawn_app().await;
    let mut prospects = Vec::new();
    for script in SCRIPTS {
        prospects.push(play(&app, script).await);
    }
    let before = app.store.export().await.unwrap();
    let leads_before = app.store.list_leads(&Default::default()).await.unwrap();

    // Act
    for prospect in &prospects {
        for inbound in &prospect.sent {
            let handled = app.qualifier.handle(inbound).await.unwrap();
            // Assert: the same reply is not produced twice.
            assert_eq!(handled, Handled::Duplicate);
        }
    }

    // Assert
    assert_eq!(app.store.export().await.unwrap(), before);
    assert_eq!(
        app.store.list_leads(&Default::default()).await.unwrap(),
        leads_before
    );
}

#[tokio::test]
async fn quitting_half_way_and_coming_back_continues_at_the_same_question() {
    // Arrange
    let app = spawn_app().await;
    let mut first_visit = Prospect::new(Channel::Console, "returning");
    for line in ["/start", "1", "yes", "2", "5 lakh", "yes"] {
        first_visit.say(&app, line).await;
    }

    // Act: a new session of the same user, like `leadbot chat --user returning`.
    let mut second_visit = Prospect::new(Channel::Console, "returning");
    second_visit.sent.clear();
    let handled = {
        let mut inbound = second_visit.inbound(leadbot::core::Input::Command(
            leadbot::core::Command::Start { payload: None },
        ));
        inbound.idempotency_key = "second-visit-1".into();
        app.qualifier.handle(&inbound).await.unwrap()
    };

    // Assert
    let text = replies(&app, &handled).join("\n");
    assert!(text.starts_with("Welcome back!"), "{text}");
    assert!(text.contains("Who will make the final decision"), "{text}");
    let lead = &app.store.export().await.unwrap()[0];
    let answered: Vec<_> = lead
        .answers
        .iter()
        .map(|a| a.question_id.as_str())
        .collect();
    assert_eq!(answered, ["need", "budget"]);
}

#[tokio::test]
async fn restart_keeps_the_old_answers_in_history_but_only_new_ones_count() {
    // Arrange
    let app = spawn_app().await;
    let mut prospect = Prospect::new(Channel::Discord, "again");
    for line in ["/start", "1", "yes", "2", "5 lakh", "yes", "/restart", "3"] {
        prospect.say(&app, line).await;
    }

    // Act
    let lead = app.store.export().await.unwrap().remove(0);

    // Assert: history stays, but the lead stands where its answers put it.
    assert_eq!(lead.lead.stage, Some(Stage::InformationQualified));
    let current: Vec<_> = lead
        .answers
        .iter()
        .map(|a| (a.question_id.as_str(), a.raw_text.as_str()))
        .collect();
    assert_eq!(current, [("need", "3")]);
    let all: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM answers")
        .fetch_one(&sqlx::SqlitePool::connect(&app.database_url).await.unwrap())
        .await
        .unwrap();
    assert_eq!(all, 3);
}

#[tokio::test]
async fn nothing_personal_is_stored_before_consent() {
    // Arrange
    let app = spawn_app().await;
    let mut prospect = Prospect::new(Channel::Telegram, "shy");

    // Act: the channel delivers each reply, as it would.
    for line in ["/start", "1", "no"] {
        if let Handled::Committed { outbox, .. } = prospect.say(&app, line).await {
            for message in outbox {
                app.store
                    .mark_delivered(message.id, common::at(100))
                    .await
                    .unwrap();
            }
        }
    }

    // Assert: the name greeted the prospect but is kept nowhere; after the
    // "no", neither is anything else of theirs.
    let pool = sqlx::SqlitePool::connect(&app.database_url).await.unwrap();
    let outbox: Vec<String> = sqlx::query_scalar("SELECT payload FROM outbox")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(
        outbox.iter().all(|p| !p.contains("Name of shy")),
        "{outbox:?}"
    );
    assert!(app.store.export().await.unwrap().is_empty());
}

/// Every text and number cell of every table, for "is it anywhere?".
async fn every_cell(pool: &sqlx::SqlitePool) -> Vec<(String, String)> {
    use sqlx::{Column, Row};
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(pool)
            .await
            .unwrap();
    let mut cells = Vec::new();
    for table in tables {
        let rows = sqlx::query(&format!("SELECT * FROM \"{table}\""))
            .fetch_all(pool)
            .await
            .unwrap();
        for row in rows {
            for column in row.columns() {
                let i = column.ordinal();
                let text = row
                    .try_get::<Option<String>, _>(i)
                    .ok()
                    .flatten()
                    .or_else(|| {
                        row.try_get::<Option<i64>, _>(i)
                            .ok()
                            .flatten()
                            .map(|n| n.to_string())
                    });
                if let Some(text) = text {
                    cells.push((format!("{table}.{}", column.name()), text));
                }
            }
        }
    }
    cells
}

#[tokio::test]
async fn declining_the_notice_keeps_nothing_that_identifies_the_prospect_and_only_counts_it() {
    // Arrange: a prospect from an ad, with platform-style event keys.
    let app = spawn_app().await;
    let mut prospect = Prospect::new(Channel::Telegram, "778899");
    let send = |prospect: &mut Prospect, n: u64, line: &str| {
        let input = match leadbot::core::Command::parse(line) {
            Some(command) => leadbot::core::Input::Command(command),
            None => leadbot::core::Input::Text { text: line.into() },
        };
        let mut inbound = prospect.inbound(input);
        inbound.idempotency_key = format!("update:{}", 1000 + n);
        inbound
    };

    // Act: /start from the ad, English, then "no" to the notice; every
    // reply is delivered.
    for (n, line) in ["/start fb_ad", "1", "no"].iter().enumerate() {
        let inbound = send(&mut prospect, n as u64, line);
        if let Handled::Committed { outbox, .. } = app.qualifier.handle(&inbound).await.unwrap() {
            for message in outbox {
                app.store
                    .mark_delivered(message.id, common::at(100))
                    .await
                    .unwrap();
            }
        }
    }

    // Assert: no cell of any table holds their id or name.
    let pool = sqlx::SqlitePool::connect(&app.database_url).await.unwrap();
    let found: Vec<_> = every_cell(&pool)
        .await
        .into_iter()
        .filter(|(_, text)| text.contains("778899") || text.contains("Name of"))
        .collect();
    assert!(found.is_empty(), "{found:?}");
    assert!(app.store.export().await.unwrap().is_empty());
    // One anonymous count: day, source, language.
    let counted: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT source, language, count FROM consent_declines")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(counted, [("fb_ad".to_owned(), "en".to_owned(), 1)]);
    let funnel = app.store.funnel(common::at(0)).await.unwrap();
    assert_eq!((funnel.leads, funnel.declined), (0, 1));

    // A later /start begins afresh: the language, then the notice again.
    let again = send(&mut prospect, 10, "/start");
    app.qualifier.handle(&again).await.unwrap();
    let english = send(&mut prospect, 11, "1");
    let notice = replies(&app, &app.qualifier.handle(&english).await.unwrap());
    assert!(notice.join("\n").contains("/forget"), "{notice:?}");
}

#[tokio::test]
async fn concurrent_messages_of_one_conversation_are_all_applied_in_some_order() {
    // Arrange
    let app = std::sync::Arc::new(spawn_app().await);
    let mut prospect = Prospect::new(Channel::Telegram, "eager");
    for line in ["/start", "1", "yes"] {
        prospect.say(&app, line).await;
    }
    let burst: Vec<_> = (0..6)
        .map(|_| prospect.inbound(leadbot::core::Input::Command(leadbot::core::Command::Help)))
        .collect();

    // Act
    let handles: Vec<_> = burst
        .into_iter()
        .map(|inbound| {
            let app = app.clone();
            tokio::spawn(async move { app.qualifier.handle(&inbound).await })
        })
        .collect();
    let mut committed = 0;
    for handle in handles {
        if let Handled::Committed { .. } = handle.await.unwrap().unwrap() {
            committed += 1;
        }
    }

    // Assert: no update was lost; every message was handled exactly once.
    assert_eq!(committed, 6);
    let version: i64 = sqlx::query_scalar("SELECT version FROM leads")
        .fetch_one(&sqlx::SqlitePool::connect(&app.database_url).await.unwrap())
        .await
        .unwrap();
    assert_eq!(version, 3 + 6);
}

async fn alerts(app: &TestApp) -> Vec<(String, String, String)> {
    let pool = sqlx::SqlitePool::connect(&app.database_url).await.unwrap();
    sqlx::query_as(
        "SELECT channel, recipient, payload FROM outbox WHERE kind = 'alert' ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_lead_turning_hot_alerts_each_sales_destination_exactly_once() {
    // Arrange
    let app = spawn_app().await;

    // Act: one hot, one warm, one cold prospect, then every event replayed.
    let mut prospects = Vec::new();
    for script in [&SCRIPTS[0], &SCRIPTS[1], &SCRIPTS[2]] {
        prospects.push(play(&app, script).await);
    }
    for prospect in &prospects {
        for inbound in &prospect.sent {
            app.qualifier.handle(inbound).await.unwrap();
        }
    }

    // Assert: the hot lead, once per destination.
    let alerts = alerts(&app).await;
    let destinations: Vec<_> = alerts
        .iter()
        .map(|(c, r, _)| (c.as_str(), r.as_str()))
        .collect();
    assert_eq!(
        destinations,
        [
            ("telegram", common::SALES_TELEGRAM),
            ("discord", common::SALES_DISCORD)
        ]
    );
    let payload: leadbot::core::Outbound = serde_json::from_str(&alerts[0].2).unwrap();
    let text = app.localizer.render_outbound(&payload).text;
    for expected in [
        "Hot lead #1: Name of bn-hot",
        "tg://user?id=bn-hot",
        "Contact: +8801712345678",
        "Came from: fb_ad_nov",
        "Budget: “২ লাখ টাকা” → ৳2,00,000 — ✅ fits, it reaches our minimum of ৳1,00,000",
        "Language: বাংলা",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[tokio::test]
async fn a_prospect_who_forgets_and_comes_back_starts_afresh_as_a_stranger() {
    // Arrange: half way through, in Bengali (the conversation is cached).
    let app = spawn_app().await;
    let mut prospect = Prospect::new(Channel::Console, "forgetful");
    for line in ["/start", "2", "হ্যাঁ", "2", "৫ লাখ টাকা", "হ্যাঁ"]
    {
        prospect.say(&app, line).await;
    }

    // Act: erase, then come back.
    prospect.say(&app, "/forget").await;
    let erased = prospect.say(&app, "হ্যাঁ").await;
    let back = prospect.say(&app, "/start").await;

    // Assert: the goodbye in Bengali, nothing stored, and a fresh start
    // that asks for the language again (the cache forgot too).
    let goodbye = replies(&app, &erased).join("\n");
    assert!(goodbye.contains("মুছে ফেলেছি"), "{goodbye}");
    let again = replies(&app, &back).join("\n");
    assert!(again.contains("Please choose your language"), "{again}");
    let leads = app.store.export().await.unwrap();
    assert_eq!(leads.len(), 1);
    assert!(leads[0].answers.is_empty());
    assert_eq!(leads[0].lead.language, None);
}

#[tokio::test]
async fn asking_for_data_before_any_conversation_stores_nothing() {
    // Arrange
    let app = spawn_app().await;
    let mut stranger = Prospect::new(Channel::Telegram, "stranger");

    // Act
    let copy = stranger.say(&app, "/mydata").await;
    let forget = stranger.say(&app, "/forget").await;

    // Assert
    for handled in [&copy, &forget] {
        let text = replies(&app, handled).join("\n");
        assert!(text.contains("don't store any"), "{text}");
    }
    assert!(app.store.export().await.unwrap().is_empty());
}

#[tokio::test]
async fn changing_an_answer_after_the_alert_rescores_and_edits_each_posted_alert_once() {
    // Arrange: a hot lead whose alerts were posted (Telegram message 555,
    // Discord message 777).
    let app = spawn_app().await;
    let mut prospect = play(&app, &SCRIPTS[0]).await;
    let pool = sqlx::SqlitePool::connect(&app.database_url).await.unwrap();
    let posted: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, channel FROM outbox WHERE kind = 'alert' ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
    for ((id, _), message) in posted.iter().zip(["555", "777"]) {
        app.store
            .record_alert_messages(*id, &[message.to_owned()], common::at(50))
            .await
            .unwrap();
        app.store.mark_delivered(*id, common::at(50)).await.unwrap();
    }

    // Act: the prospect changes the budget to one below the minimum.
    let change = prospect.inbound(leadbot::core::Input::Choice {
        payload: "change:budget".into(),
    });
    app.qualifier.handle(&change).await.unwrap();
    prospect.say(&app, "৫ হাজার টাকা").await;
    prospect.say(&app, "হ্যাঁ").await;

    // Assert: warm now; the stage once reached stays; one edit per alert.
    let lead = app.store.export().await.unwrap().remove(0);
    assert_eq!(lead.lead.temperature, Temperature::Warm);
    assert!(lead.stages.iter().any(|s| s.stage == Stage::SalesQualified));
    let edits: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT channel, recipient, payload FROM outbox WHERE kind = 'notice' ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(edits.len(), 2, "{edits:?}");
    for ((channel, recipient, payload), message) in edits.iter().zip(["555", "777"]) {
        let edit: leadbot::core::Outbound = serde_json::from_str(payload).unwrap();
        assert_eq!(edit.edit.as_deref(), Some(message), "{channel} {recipient}");
        assert_eq!(edit.paragraphs.last().unwrap().id, "alert-answer-changed");
        assert_eq!(edit.choices[0].payload, "claim:1");
        let text = app.localizer.render_outbound(&edit).text;
        assert!(text.contains("৳5,000"), "{text}");
    }
    // Alerts are never sent twice.
    assert_eq!(alerts(&app).await.len(), 2);
}

#[tokio::test]
async fn forget_asks_and_says_goodbye_in_the_prospects_language_in_each_language() {
    for (choice, yes, asks, goodbye) in [
        (
            "1",
            "yes",
            "Do you want us to erase everything",
            "we have erased everything",
        ),
        ("2", "হ্যাঁ", "মুছে ফেলব?", "আমরা মুছে ফেলেছি"),
        ("3", "हाँ", "डिलीट कर दें?", "हमने डिलीट कर दी है"),
    ] {
        // Arrange: consented and one answer in, in that language.
        let app = spawn_app().await;
        let mut prospect = Prospect::new(Channel::Telegram, &format!("forget-{choice}"));
        for line in ["/start", choice, yes, "2"] {
            prospect.say(&app, line).await;
        }

        // Act
        let asked = prospect.say(&app, "/forget").await;
        let erased = prospect.say(&app, yes).await;

        // Assert
        let asked = replies(&app, &asked).join("\n");
        assert!(asked.contains(asks), "{choice}: {asked}");
        let erased = replies(&app, &erased).join("\n");
        assert!(erased.contains(goodbye), "{choice}: {erased}");
        let leads = app.store.export().await.unwrap();
        assert!(leads.iter().all(|l| l.answers.is_empty()), "{choice}");
    }
}
