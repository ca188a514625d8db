//! The storage port's contract, as one suite that every backend runs.
//! Every test written inside `storage_suite!` runs on SQLite and on
//! PostgreSQL; a new backend adds one module to the macro.

mod common;

use chrono::Duration;
use common::at;
use leadbot::core::{
    Answer, AnswerValue, Channel, Conversation, ConversationKey, Criterion, Event, Language, Msg,
    Outbound, Stage, Temperature,
};
use leadbot::storage::prelude::*;
use leadbot::storage::{
    Claim, CommitOutcome, LeadFilter, LeadView, OutboxGauge, OutboxKind, Store, TurnRecord,
};
use std::sync::Arc;

fn key(user: &str) -> ConversationKey {
    ConversationKey::new(Channel::Telegram, user)
}

fn reply(id: &str) -> Outbound {
    Outbound {
        language: Some(Language::En),
        paragraphs: vec![Msg::new(id)],
        choices: Vec::new(),
        expect: Default::default(),
        link: None,
        ..Default::default()
    }
}

fn turn(user: &str, idempotency_key: &str, version: Option<i64>, minute: u64) -> TurnRecord {
    let mut state = Conversation {
        language: Some(Language::Bn),
        ..Default::default()
    };
    state.stages.insert(Stage::InformationQualified);
    TurnRecord {
        key: key(user),
        idempotency_key: idempotency_key.into(),
        at: at(minute),
        expected_version: version,
        lead_id: None,
        display_name: Some(format!("Name {user}")),
        state,
        view: LeadView {
            stage: Some(Stage::InformationQualified),
            temperature: Temperature::Cold,
            met: vec![Criterion::Need],
        },
        events: vec![Event::StageReached {
            stage: Stage::InformationQualified,
        }],
        reply: Some(reply("q-need")),
        alerts: Vec::new(),
        alert_edit: None,
    }
}

fn answer_event(question: &str, raw: &str, minute: u64) -> Event {
    Event::AnswerRecorded {
        question: question.into(),
        criterion: Criterion::Budget,
        answer: Answer {
            raw: raw.into(),
            value: AnswerValue::Text { text: raw.into() },
            at: at(minute),
        },
    }
}

/// A 30-second hold from `now`, as a sender takes it.
fn held(now: chrono::DateTime<chrono::Utc>) -> Claim {
    Claim {
        owner: "suite".into(),
        until: now + Duration::seconds(30),
    }
}

fn lead_id(outcome: &CommitOutcome) -> i64 {
    match outcome {
        CommitOutcome::Committed { lead_id, .. } => *lead_id,
        other => panic!("not committed: {other:?}"),
    }
}

/// A second turn of `user`'s conversation that alerts the sales chat
/// `chat`, the alert posted there as `message_id`.
async fn post_alert(
    store: &Arc<dyn Store>,
    user: &str,
    idempotency_key: &str,
    chat: &str,
    message_id: &str,
) -> leadbot::storage::AlertMessage {
    let version = store
        .load_conversation(&key(user))
        .await
        .unwrap()
        .map(|stored| stored.version);
    let mut alerting = turn(user, idempotency_key, version, 2);
    alerting.alerts = vec![leadbot::storage::Alert {
        channel: Channel::Telegram,
        recipient: chat.into(),
        payload: reply("alert-title"),
    }];
    store.commit_turn(&alerting).await.unwrap();
    let due = store
        .claim_outbox(Channel::Telegram, Some(chat), at(3), 10, &held(at(3)))
        .await
        .unwrap();
    let alert = due.iter().find(|m| m.kind == OutboxKind::Alert).unwrap();
    store
        .record_alert_messages(alert.id, &[message_id.into()], at(3))
        .await
        .unwrap();
    store.mark_delivered(alert.id, at(3)).await.unwrap();
    leadbot::storage::AlertMessage {
        recipient: chat.into(),
        message_id: message_id.into(),
    }
}

/// Prospect A of the erasure tests: recognizable in every column that could
/// hold them.
const A_USER: &str = "424242001";
const A_NAME: &str = "Zorvexa Quintarelli";
const A_WORDS: &str = "seven lakh zorvexa-budget";
const A_EMAIL: &str = "zorvexa.q@example.com";

/// A hot lead for A: a superseded and a current answer, stage events, a
/// delivered reply, a pending reply, an alert posted to a sales chat and a
/// notice to A's chat. Returns A's lead id.
async fn hot_lead_of_a(store: &Arc<dyn Store>) -> i64 {
    let mut first = turn(A_USER, "a1", None, 1);
    first.display_name = Some(A_NAME.into());
    first
        .events
        .push(answer_event("budget", "first budget words", 1));
    let lead = lead_id(&store.commit_turn(&first).await.unwrap());
    let mut second = turn(A_USER, "a2", Some(1), 2);
    second.display_name = Some(A_NAME.into());
    second.events.push(answer_event("budget", A_WORDS, 2));
    second.events.push(Event::AnswerRecorded {
        question: "contact".into(),
        criterion: Criterion::Contact,
        answer: Answer {
            raw: A_EMAIL.into(),
            value: AnswerValue::Email {
                address: A_EMAIL.into(),
            },
            at: at(2),
        },
    });
    second.events.push(Event::StageReached {
        stage: Stage::SalesQualified,
    });
    second.alerts = vec![leadbot::storage::Alert {
        channel: Channel::Telegram,
        recipient: "-100777".into(),
        payload: reply(&format!("alert about {A_NAME}")),
    }];
    store.commit_turn(&second).await.unwrap();
    let due = store
        .claim_outbox(Channel::Telegram, None, at(3), 10, &held(at(3)))
        .await
        .unwrap();
    let alert = due.iter().find(|m| m.kind == OutboxKind::Alert).unwrap();
    assert!(store
        .record_alert_messages(alert.id, &["555".into()], at(3))
        .await
        .unwrap());
    store.mark_delivered(alert.id, at(3)).await.unwrap();
    let first_reply = due.iter().find(|m| m.kind == OutboxKind::Reply).unwrap();
    store.mark_delivered(first_reply.id, at(3)).await.unwrap();
    let notice = leadbot::storage::Notice {
        channel: Channel::Telegram,
        idempotency_key: "a-notice".into(),
        recipient: A_USER.into(),
        at: at(4),
        reply: reply("nothing-stored"),
        group: None,
    };
    store.commit_notice(&notice).await.unwrap();
    lead
}

/// Staff member `staff` ("Staff <staff>") pressing `kind` on `alert` of `lead`.
fn staff_press(
    lead: i64,
    alert: &leadbot::storage::AlertMessage,
    key: &str,
    kind: leadbot::storage::SalesActionKind,
    staff: &str,
) -> leadbot::storage::SalesAction {
    leadbot::storage::SalesAction {
        channel: Channel::Telegram,
        idempotency_key: key.into(),
        lead_id: lead,
        kind,
        staff_id: staff.into(),
        staff_name: format!("Staff {staff}"),
        at: at(5),
        pressed_on: alert.clone(),
        edit: None,
    }
}

fn erasure_of_a(idempotency_key: &str) -> leadbot::storage::Erasure {
    leadbot::storage::Erasure {
        key: key(A_USER),
        expected: None,
        idempotency_key: idempotency_key.into(),
        at: at(10),
        farewell: reply("forget-done"),
        withdrawal: reply("alert-withdrawn"),
        declined: None,
    }
}

/// The database refusing an event's own data is the event's fault; a
/// locked, full or gone database never is.
#[tokio::test]
async fn only_a_refusal_of_the_data_itself_is_poison() {
    let (store, _dir) = sqlite().await;
    let leadbot_store = leadbot::storage::sqlite::SqliteStore::connect(&format!(
        "sqlite://{}",
        _dir.path().join("suite.db").display()
    ))
    .await
    .unwrap();
    let pool = leadbot_store.pool();
    let constraint = sqlx::query("INSERT INTO dead_letters (channel, reason, raw, created_at) VALUES (NULL, 'r', 'x', 'now')")
        .execute(pool)
        .await
        .unwrap_err();
    assert!(leadbot::storage::StoreError::Database(constraint).is_poison());
    pool.close().await;
    let closed = sqlx::query("SELECT 1").execute(pool).await.unwrap_err();
    assert!(!leadbot::storage::StoreError::Database(closed).is_poison());
    assert!(!leadbot::storage::StoreError::Stopped.is_poison());
    drop(store);
}

async fn sqlite() -> (Arc<dyn Store>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("suite.db").display());
    let store = leadbot::storage::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    (store, dir)
}

async fn postgres() -> (Arc<dyn Store>, common::postgres::TestSchema) {
    let schema = common::postgres::fresh_schema().await;
    let store = leadbot::storage::connect(&schema.url).await.unwrap();
    store.migrate().await.unwrap();
    (store, schema)
}

/// The contract every backend keeps. Each test written inside
/// `storage_suite!` runs once per backend (`sqlite_backend::…`,
/// `postgres_backend::…`): a new test cannot be left out.
macro_rules! storage_suite {
    ($(
        $(#[$meta:meta])*
        pub async fn $name:ident($store:ident: Arc<dyn Store> $(,)?) $body:block
    )*) => {
        $(
            $(#[$meta])*
            pub async fn $name($store: Arc<dyn Store>) $body
        )*

        mod sqlite_backend {
            $(
                #[tokio::test]
                async fn $name() {
                    let (store, _guard) = super::sqlite().await;
                    super::$name(store).await;
                }
            )*
        }

        mod postgres_backend {
            $(
                #[tokio::test]
                async fn $name() {
                    let (store, _guard) = super::postgres().await;
                    super::$name(store).await;
                }
            )*
        }
    };
}

storage_suite! {
pub async fn a_first_turn_creates_the_lead_and_its_outbox_row(store: Arc<dyn Store>) {
    let outcome = store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    let CommitOutcome::Committed { lead_id, outbox } = outcome else {
        panic!()
    };
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].recipient, "u1");
    assert_eq!(outbox[0].payload, reply("q-need"));
    let stored = store.load_conversation(&key("u1")).await.unwrap().unwrap();
    assert_eq!(stored.lead_id, lead_id);
    assert_eq!(stored.version, 1);
    assert_eq!(stored.state.language, Some(Language::Bn));
    assert!(store.is_processed(Channel::Telegram, "k1").await.unwrap());
    assert!(!store.is_processed(Channel::Discord, "k1").await.unwrap());
    assert!(store
        .load_conversation(&key("nobody"))
        .await
        .unwrap()
        .is_none());
}

pub async fn a_chat_keeps_at_most_five_waiting_replies_and_none_twice(store: Arc<dyn Store>) {
    // Arrange: the first reply is being sent (held under a lease).
    let mut first = turn("u1", "k1", None, 1);
    first.reply = Some(reply("r1"));
    store.commit_turn(&first).await.unwrap();
    let lease = Claim {
        owner: "suite".into(),
        until: at(100),
    };
    let sending = store
        .claim_outbox(Channel::Telegram, Some("u1"), at(1), 10, &lease)
        .await
        .unwrap();
    assert_eq!(sending.len(), 1);

    // Act: seven more replies before any is delivered, the last one the
    // same as the fourth of them; another chat's replies beside them.
    for (n, id) in ["r2", "r3", "r4", "r5", "r6", "r7", "r5"].iter().enumerate() {
        let mut next = turn("u1", &format!("k{}", n + 2), Some(n as i64 + 1), n as u64 + 2);
        next.reply = Some(reply(id));
        let outcome = store.commit_turn(&next).await.unwrap();
        assert!(matches!(outcome, CommitOutcome::Committed { .. }));
        let other = turn("u2", &format!("o{n}"), (n > 0).then_some(n as i64), n as u64 + 2);
        store.commit_turn(&other).await.unwrap();
    }
    store
        .mark_delivered_many(&[sending[0].id], at(101))
        .await
        .unwrap();

    // Assert: what each chat still gets, in order.
    let waiting = |user: &'static str| {
        let store = store.clone();
        async move {
            let mut waiting = Vec::new();
            loop {
                let due = store
                    .claim_outbox(Channel::Telegram, Some(user), at(200), 10, &held(at(200)))
                    .await
                    .unwrap();
                let Some(message) = due.into_iter().next() else {
                    return waiting;
                };
                store.mark_delivered_many(&[message.id], at(200)).await.unwrap();
                waiting.push(message.payload);
            }
        }
    };
    assert_eq!(waiting("u1").await, ["r4", "r6", "r7", "r5"].map(reply));
    // The other chat's seven identical replies are one.
    assert_eq!(waiting("u2").await, [reply("q-need")]);
}

pub async fn the_same_idempotency_key_twice_changes_nothing(store: Arc<dyn Store>) {
    store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    let mut again = turn("u1", "k1", Some(1), 2);
    again.events.push(answer_event("budget", "2 lakh", 2));
    assert_eq!(
        store.commit_turn(&again).await.unwrap(),
        CommitOutcome::Duplicate
    );
    let stored = store.load_conversation(&key("u1")).await.unwrap().unwrap();
    assert_eq!(stored.version, 1);
    let export = store.export().await.unwrap();
    assert!(export[0].answers.is_empty());
    let due = store
        .claim_outbox(Channel::Telegram, None, at(10), 10, &held(at(10)))
        .await
        .unwrap();
    assert_eq!(due.len(), 1);
}

pub async fn a_stale_version_is_a_conflict_and_writes_nothing(store: Arc<dyn Store>) {
    store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    store
        .commit_turn(&turn("u1", "k2", Some(1), 2))
        .await
        .unwrap();
    let mut stale = turn("u1", "k3", Some(1), 3);
    stale.events.push(answer_event("budget", "lost update", 3));
    assert_eq!(
        store.commit_turn(&stale).await.unwrap(),
        CommitOutcome::Conflict
    );
    // The key was not consumed: the retry with the right version goes through.
    assert!(!store.is_processed(Channel::Telegram, "k3").await.unwrap());
    let retry = turn("u1", "k3", Some(2), 3);
    assert!(matches!(
        store.commit_turn(&retry).await.unwrap(),
        CommitOutcome::Committed { .. }
    ));
    // A second "first turn" for an existing conversation is a conflict too.
    assert_eq!(
        store.commit_turn(&turn("u1", "k4", None, 4)).await.unwrap(),
        CommitOutcome::Conflict
    );
}

pub async fn a_newer_answer_supersedes_and_restart_clears(store: Arc<dyn Store>) {
    let mut first = turn("u1", "k1", None, 1);
    first.events.push(answer_event("budget", "1 lakh", 1));
    first.events.push(answer_event("need", "website", 1));
    store.commit_turn(&first).await.unwrap();
    let mut second = turn("u1", "k2", Some(1), 2);
    second.events = vec![answer_event("budget", "2 lakh", 2)];
    store.commit_turn(&second).await.unwrap();
    let answers: Vec<_> = store.export().await.unwrap()[0]
        .answers
        .iter()
        .map(|a| (a.question_id.clone(), a.raw_text.clone()))
        .collect();
    assert_eq!(
        answers,
        [
            ("need".to_owned(), "website".to_owned()),
            ("budget".to_owned(), "2 lakh".to_owned())
        ]
    );
    let mut restart = turn("u1", "k3", Some(2), 3);
    restart.events = vec![Event::AnswersCleared, answer_event("need", "app", 3)];
    store.commit_turn(&restart).await.unwrap();
    let export = store.export().await.unwrap();
    let answers: Vec<_> = export[0]
        .answers
        .iter()
        .map(|a| a.raw_text.as_str())
        .collect();
    assert_eq!(answers, ["app"]);
}

pub async fn each_stage_is_recorded_once_with_its_time(store: Arc<dyn Store>) {
    store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    let mut again = turn("u1", "k2", Some(1), 5);
    again.events.push(Event::StageReached {
        stage: Stage::MarketingQualified,
    });
    store.commit_turn(&again).await.unwrap();
    let stages = store.export().await.unwrap().remove(0).stages;
    let stages: Vec<_> = stages.iter().map(|s| (s.stage, s.at)).collect();
    assert_eq!(
        stages,
        [
            (Stage::InformationQualified, at(1)),
            (Stage::MarketingQualified, at(5))
        ]
    );
}

pub async fn the_outbox_delivers_due_rows_and_retries_failed_ones_later(store: Arc<dyn Store>) {
    let first = store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    store.commit_turn(&turn("u2", "k2", None, 2)).await.unwrap();
    let CommitOutcome::Committed { outbox, .. } = first else {
        panic!()
    };
    let only_u2 = store
        .claim_outbox(Channel::Telegram, Some("u2"), at(3), 10, &held(at(3)))
        .await
        .unwrap();
    assert_eq!(only_u2.len(), 1);
    assert_eq!(only_u2[0].kind, OutboxKind::Reply);
    // u2's row is held: the rest of the channel is u1's.
    let rest = store
        .claim_outbox(Channel::Telegram, None, at(3), 10, &held(at(3)))
        .await
        .unwrap();
    assert_eq!(
        rest.iter()
            .map(|m| m.recipient.as_str())
            .collect::<Vec<_>>(),
        ["u1"]
    );
    assert!(store
        .claim_outbox(Channel::Discord, None, at(3), 10, &held(at(3)))
        .await
        .unwrap()
        .is_empty());

    store.mark_delivered(outbox[0].id, at(3)).await.unwrap();
    store.mark_delivered(outbox[0].id, at(3)).await.unwrap(); // a repeat is harmless
    store
        .mark_failed(only_u2[0].id, "timeout", at(3) + Duration::minutes(5))
        .await
        .unwrap();
    assert!(store
        .claim_outbox(Channel::Telegram, None, at(4), 10, &held(at(4)))
        .await
        .unwrap()
        .is_empty());
    let retried = store
        .claim_outbox(Channel::Telegram, None, at(9), 10, &held(at(9)))
        .await
        .unwrap();
    assert_eq!(retried.len(), 1);
    assert_eq!(retried[0].recipient, "u2");
    assert_eq!(retried[0].attempts, 1);
}

pub async fn a_held_row_goes_to_no_one_else_until_its_lease_ends(store: Arc<dyn Store>) {
    store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    let lease = |owner: &str, minute| Claim {
        owner: owner.into(),
        until: at(minute) + Duration::seconds(30),
    };
    let mine = store
        .claim_outbox(Channel::Telegram, None, at(2), 10, &lease("a", 2))
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    let theirs = store
        .claim_outbox(Channel::Telegram, None, at(2), 10, &lease("b", 2))
        .await
        .unwrap();
    assert!(
        theirs.is_empty(),
        "another replica must not take a held row"
    );

    // Replica a renews while still sending; at minute 3 it is still a's.
    assert!(store.renew_claim(mine[0].id, &lease("a", 3)).await.unwrap());
    assert!(store
        .claim_outbox(Channel::Telegram, None, at(3), 10, &lease("b", 3))
        .await
        .unwrap()
        .is_empty());

    // Replica a died: once the lease ran out, b takes the row over.
    let taken_over = store
        .claim_outbox(Channel::Telegram, None, at(4), 10, &lease("b", 4))
        .await
        .unwrap();
    assert_eq!(taken_over[0].id, mine[0].id);
    // a's late renewal does not take it back from b.
    assert!(
        !store.renew_claim(mine[0].id, &lease("a", 9)).await.unwrap(),
        "a lost the row: it must not send it"
    );
    assert_eq!(
        store
            .claim_outbox(Channel::Telegram, None, at(5), 10, &lease("c", 5))
            .await
            .unwrap()
            .len(),
        1,
        "b's lease ended at 4:30; a renewal by a must not have extended it"
    );
}

pub async fn many_senders_at_once_take_each_row_exactly_once(store: Arc<dyn Store>) {
    for n in 0..60 {
        store
            .commit_turn(&turn(&format!("u{n}"), &format!("k{n}"), None, 1))
            .await
            .unwrap();
    }
    let senders = (0..6).map(|sender| {
        let store = store.clone();
        tokio::spawn(async move {
            let claim = Claim {
                owner: format!("replica-{sender}"),
                until: at(2) + Duration::seconds(30),
            };
            let mut taken = Vec::new();
            loop {
                let rows = store
                    .claim_outbox(Channel::Telegram, None, at(2), 4, &claim)
                    .await
                    .unwrap();
                if rows.is_empty() {
                    return taken;
                }
                taken.extend(rows.into_iter().map(|m| m.id));
            }
        })
    });
    let mut ids: Vec<i64> = Vec::new();
    for sender in senders.collect::<Vec<_>>() {
        ids.extend(sender.await.unwrap());
    }
    let total = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(total, 60, "every row taken");
    assert_eq!(ids.len(), 60, "no row taken twice");
}

pub async fn racing_turns_of_one_conversation_commit_once_and_conflict_once(store: Arc<dyn Store>) {
    store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    // Two replicas computed a turn from version 1 at the same moment.
    let (first, second) = (turn("u1", "k2", Some(1), 2), turn("u1", "k3", Some(1), 2));
    let (a, b) = tokio::join!(store.commit_turn(&first), store.commit_turn(&second));
    let mut outcomes = [a.unwrap(), b.unwrap()];
    outcomes.sort_by_key(|o| matches!(o, CommitOutcome::Conflict));
    assert!(matches!(outcomes[0], CommitOutcome::Committed { .. }));
    assert_eq!(outcomes[1], CommitOutcome::Conflict);
    // The same event delivered to two replicas: one effect.
    let (first, second) = (turn("u1", "k4", Some(2), 3), turn("u1", "k4", Some(2), 3));
    let (a, b) = tokio::join!(store.commit_turn(&first), store.commit_turn(&second));
    let mut outcomes = [a.unwrap(), b.unwrap()];
    outcomes.sort_by_key(|o| !matches!(o, CommitOutcome::Committed { .. }));
    assert!(matches!(outcomes[0], CommitOutcome::Committed { .. }));
    assert!(matches!(
        outcomes[1],
        CommitOutcome::Duplicate | CommitOutcome::Conflict
    ));
    assert_eq!(
        store
            .load_conversation(&key("u1"))
            .await
            .unwrap()
            .unwrap()
            .version,
        3
    );
}

pub async fn a_group_commit_gives_each_turn_its_own_outcome(store: Arc<dyn Store>) {
    store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    store.commit_turn(&turn("u2", "k2", None, 1)).await.unwrap();
    let mut stale = turn("u2", "k5", Some(7), 2);
    stale.events.push(answer_event("budget", "lost update", 2));

    let outcomes = store
        .commit_turns(&[
            turn("u1", "k3", Some(1), 2), // goes through
            turn("u1", "k1", Some(2), 2), // the key was seen: a duplicate
            stale,                        // a stale version: a conflict
            turn("u3", "k6", None, 2),    // a new conversation
        ])
        .await
        .unwrap();

    assert!(matches!(outcomes[0], CommitOutcome::Committed { .. }));
    assert_eq!(outcomes[1], CommitOutcome::Duplicate);
    assert_eq!(outcomes[2], CommitOutcome::Conflict);
    assert!(matches!(outcomes[3], CommitOutcome::Committed { .. }));
    // The conflict left nothing: its key is free for the retry.
    assert!(!store.is_processed(Channel::Telegram, "k5").await.unwrap());
    let u2 = store.load_conversation(&key("u2")).await.unwrap().unwrap();
    assert_eq!(u2.version, 1);
    let exported = store.export().await.unwrap();
    assert!(exported.iter().all(|l| l.answers.is_empty()));
    assert_eq!(exported.len(), 3);
}

pub async fn two_turns_of_one_conversation_in_one_batch_apply_once(store: Arc<dyn Store>) {
    store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();

    let outcomes = store
        .commit_turns(&[turn("u1", "k2", Some(1), 2), turn("u1", "k3", Some(1), 2)])
        .await
        .unwrap();

    assert!(matches!(outcomes[0], CommitOutcome::Committed { .. }));
    assert_eq!(outcomes[1], CommitOutcome::Conflict);
    assert!(!store.is_processed(Channel::Telegram, "k3").await.unwrap());
    assert_eq!(
        store
            .load_conversation(&key("u1"))
            .await
            .unwrap()
            .unwrap()
            .version,
        2
    );
}

pub async fn an_update_never_brings_back_a_lead_that_is_gone(store: Arc<dyn Store>) {
    // A turn computed from version 3 of a conversation the database does
    // not hold (deleted meanwhile): a conflict, not a new row.
    assert_eq!(
        store
            .commit_turn(&turn("ghost", "k1", Some(3), 1))
            .await
            .unwrap(),
        CommitOutcome::Conflict
    );
    assert!(store
        .load_conversation(&key("ghost"))
        .await
        .unwrap()
        .is_none());
}

pub async fn readiness_and_gauges_read_the_database(store: Arc<dyn Store>) {
    store.check_ready().await.unwrap();
    store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    store.commit_turn(&turn("u2", "k2", None, 2)).await.unwrap();

    let gauges = store.gauges().await.unwrap();

    assert_eq!(
        gauges.outbox,
        vec![OutboxGauge {
            channel: Channel::Telegram,
            depth: 2,
            oldest: Some(at(1)),
        }]
    );
    assert_eq!(gauges.leads, vec![(Temperature::Cold, 2)]);
}

pub async fn leads_list_newest_first_and_filter_by_temperature(store: Arc<dyn Store>) {
    store
        .commit_turn(&turn("cold", "k1", None, 1))
        .await
        .unwrap();
    let mut hot = turn("hot", "k2", None, 2);
    hot.view.temperature = Temperature::Hot;
    hot.view.met = vec![
        Criterion::Budget,
        Criterion::Authority,
        Criterion::Need,
        Criterion::Timeframe,
    ];
    let hot_id = lead_id(&store.commit_turn(&hot).await.unwrap());
    let all = store.list_leads(&LeadFilter::default()).await.unwrap();
    assert_eq!(
        all.iter().map(|l| l.user_id.as_str()).collect::<Vec<_>>(),
        ["hot", "cold"]
    );
    let only_hot = store
        .list_leads(&LeadFilter {
            temperature: Some(Temperature::Hot),
            limit: None,
        })
        .await
        .unwrap();
    assert_eq!(only_hot.len(), 1);
    assert_eq!(only_hot[0].id, hot_id);
    assert_eq!(only_hot[0].met_criteria.len(), 4);
    assert_eq!(only_hot[0].language, Some(Language::Bn));
    assert_eq!(only_hot[0].display_name.as_deref(), Some("Name hot"));
    let limited = store
        .list_leads(&LeadFilter {
            temperature: None,
            limit: Some(1),
        })
        .await
        .unwrap();
    assert_eq!(limited.len(), 1);
}

pub async fn migrating_twice_is_harmless(store: Arc<dyn Store>) {
    store.migrate().await.unwrap();
    store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    store.migrate().await.unwrap();
    assert_eq!(
        store
            .list_leads(&LeadFilter::default())
            .await
            .unwrap()
            .len(),
        1
    );
}

pub async fn a_later_message_never_overtakes_an_earlier_one_waiting_for_a_retry(
    store: Arc<dyn Store>,
) {
    store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    // Another reply: an identical one waiting would be coalesced.
    let mut second = turn("u1", "k2", Some(1), 2);
    second.reply = Some(reply("q-budget"));
    store.commit_turn(&second).await.unwrap();
    let first = store
        .claim_outbox(Channel::Telegram, None, at(3), 10, &held(at(3)))
        .await
        .unwrap();
    assert_eq!(first.len(), 1, "one row per recipient at a time");
    store
        .mark_failed(first[0].id, "429", at(3) + Duration::minutes(1))
        .await
        .unwrap();
    // The second reply is due, but the first waits: nothing goes out.
    assert!(store
        .claim_outbox(Channel::Telegram, None, at(3), 10, &held(at(3)))
        .await
        .unwrap()
        .is_empty());
    let retried = store
        .claim_outbox(Channel::Telegram, None, at(5), 10, &held(at(5)))
        .await
        .unwrap();
    assert_eq!(retried[0].id, first[0].id);
    store.mark_delivered(first[0].id, at(5)).await.unwrap();
    let second = store
        .claim_outbox(Channel::Telegram, None, at(5), 10, &held(at(5)))
        .await
        .unwrap();
    assert!(second[0].id > first[0].id);
}

pub async fn giving_up_marks_the_lead_unreachable_and_stops_retries(store: Arc<dyn Store>) {
    store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    store
        .commit_turn(&turn("u1", "k2", Some(1), 2))
        .await
        .unwrap();
    let due = store
        .claim_outbox(Channel::Telegram, None, at(2), 10, &held(at(2)))
        .await
        .unwrap();
    store
        .give_up(
            due[0].id,
            "Forbidden: bot was blocked by the user",
            true,
            at(2),
        )
        .await
        .unwrap();
    // Both of u1's replies are given up: nothing left to retry.
    let left = store
        .claim_outbox(Channel::Telegram, None, at(100), 10, &held(at(100)))
        .await
        .unwrap();
    assert!(left.is_empty());
}

pub async fn a_prospect_who_writes_again_is_reachable_again(store: Arc<dyn Store>) {
    // Arrange: u1 blocked the bot; u2 too.
    for user in ["u1", "u2"] {
        store
            .commit_turn(&turn(user, &format!("{user}-1"), None, 1))
            .await
            .unwrap();
        let due = store
            .claim_outbox(Channel::Telegram, Some(user), at(2), 10, &held(at(2)))
            .await
            .unwrap();
        store
            .give_up(due[0].id, "Forbidden: bot was blocked by the user", true, at(2))
            .await
            .unwrap();
    }
    let unreachable = |store: Arc<dyn Store>, user: &'static str| async move {
        store
            .subject_data(&key(user))
            .await
            .unwrap()
            .unwrap()
            .unreachable_at
    };
    assert!(unreachable(store.clone(), "u1").await.is_some());

    // Act: both write again, one alone and one in a group commit.
    store
        .commit_turn(&turn("u1", "u1-2", Some(1), 3))
        .await
        .unwrap();
    store
        .commit_turns(&[turn("u2", "u2-2", Some(1), 3)])
        .await
        .unwrap();

    // Assert
    assert_eq!(unreachable(store.clone(), "u1").await, None);
    assert_eq!(unreachable(store.clone(), "u2").await, None);
}

pub async fn a_dead_letter_leaves_the_recipients_later_replies_due(store: Arc<dyn Store>) {
    store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    // Another reply: an identical one waiting would be coalesced.
    let mut second = turn("u1", "k2", Some(1), 2);
    second.reply = Some(reply("q-budget"));
    store.commit_turn(&second).await.unwrap();
    let first = store
        .claim_outbox(Channel::Telegram, None, at(3), 10, &held(at(3)))
        .await
        .unwrap();
    store
        .give_up(
            first[0].id,
            "Bad Request: message is too long",
            false,
            at(3),
        )
        .await
        .unwrap();
    let next = store
        .claim_outbox(Channel::Telegram, None, at(3), 10, &held(at(3)))
        .await
        .unwrap();
    assert_eq!(next.len(), 1);
    assert!(next[0].id > first[0].id);
    store.mark_parts_sent(next[0].id, 2).await.unwrap();
    let again = store
        .claim_outbox(Channel::Telegram, None, at(4), 10, &held(at(4)))
        .await
        .unwrap();
    assert_eq!(again[0].parts_sent, 2);
}

pub async fn a_recorded_press_queues_its_alert_edit_and_a_refused_one_nothing(
    store: Arc<dyn Store>,
) {
    use leadbot::storage::{SalesAction, SalesActionKind, SalesOutcome};
    // Arrange: a lead with its alert posted to the sales chat as message 555.
    let lead = lead_id(&store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap());
    let alert = post_alert(&store, "u1", "k2", "-100", "555").await;
    let press = |key: &str, kind| SalesAction {
        channel: Channel::Telegram,
        idempotency_key: key.into(),
        lead_id: lead,
        kind,
        staff_id: "9".into(),
        staff_name: "Staff 9".into(),
        at: at(5),
        pressed_on: alert.clone(),
        edit: Some(reply("alert-claimed-by")),
    };
    let queued = |store: Arc<dyn Store>| async move {
        store
            .claim_outbox(Channel::Telegram, Some("-100"), at(6), 10, &held(at(6)))
            .await
            .unwrap()
    };

    // Act: Won before anyone claimed (refused), then Claim (recorded).
    let refused = store
        .sales_action(&press("p1", SalesActionKind::Won))
        .await
        .unwrap();
    let nothing = queued(store.clone()).await;
    let claimed = store
        .sales_action(&press("p2", SalesActionKind::Claim))
        .await
        .unwrap();

    // Assert: only the recorded press queued an edit of message 555.
    assert_eq!(refused, SalesOutcome::NotClaimed);
    assert!(nothing.is_empty());
    assert_eq!(claimed, SalesOutcome::Claimed);
    let edits = queued(store.clone()).await;
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].lead_id, Some(lead));
    assert_eq!(edits[0].payload.edit.as_deref(), Some("555"));
    assert_eq!(edits[0].payload.paragraphs[0].id, "alert-claimed-by");
}

pub async fn offsets_are_stored_per_stream(store: Arc<dyn Store>) {
    assert_eq!(store.load_offset("telegram:1").await.unwrap(), None);
    store.save_offset("telegram:1", 1005, at(1)).await.unwrap();
    assert_eq!(store.load_offset("telegram:1").await.unwrap(), Some(1005));
    // Telegram restarts update ids after a week of silence: the offset follows.
    store.save_offset("telegram:1", 17, at(2)).await.unwrap();
    assert_eq!(store.load_offset("telegram:1").await.unwrap(), Some(17));
    assert_eq!(store.load_offset("telegram:2").await.unwrap(), None);
}

pub async fn a_notice_is_stored_once_with_its_reply_and_its_groups_code(store: Arc<dyn Store>) {
    let group = |title: &str| leadbot::storage::GroupRef {
        code: "g-abc123".into(),
        chat_id: "-100".into(),
        title: Some(title.into()),
    };
    let mut notice = leadbot::storage::Notice {
        channel: Channel::Telegram,
        idempotency_key: "update:9".into(),
        recipient: "-100".into(),
        at: at(1),
        reply: reply("group-start"),
        group: Some(group("Dhaka founders")),
    };
    assert!(store.commit_notice(&notice).await.unwrap().is_some());
    assert!(store.commit_notice(&notice).await.unwrap().is_none());
    assert_eq!(
        store.group_of_code(Channel::Telegram, "g-abc123").await.unwrap(),
        Some(group("Dhaka founders"))
    );
    assert_eq!(store.group_of_code(Channel::Discord, "g-abc123").await.unwrap(), None);
    assert_eq!(store.group_of_code(Channel::Telegram, "g-zzz").await.unwrap(), None);
    // A renamed group reads so from its next notice on.
    notice.idempotency_key = "update:10".into();
    notice.group = Some(group("Dhaka founders 2027"));
    store.commit_notice(&notice).await.unwrap();
    assert_eq!(
        store.group_of_code(Channel::Telegram, "g-abc123").await.unwrap(),
        Some(group("Dhaka founders 2027"))
    );
    let due = store
        .claim_outbox(Channel::Telegram, Some("-100"), at(2), 10, &held(at(2)))
        .await
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].payload, reply("group-start"));
    store.mark_delivered_many(&[due[0].id], at(2)).await.unwrap();
    assert!(store
        .list_leads(&LeadFilter::default())
        .await
        .unwrap()
        .is_empty());
}

pub async fn only_the_claimer_records_a_result_and_a_result_is_final(store: Arc<dyn Store>) {
    use leadbot::storage::{SalesActionKind, SalesOutcome};
    // Arrange: claimed by staff 9.
    let lead = lead_id(&store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap());
    let alert = post_alert(&store, "u1", "k2", "-100", "555").await;
    let press = |key: &str, kind, staff: &str| staff_press(lead, &alert, key, kind, staff);
    store
        .sales_action(&press("p1", SalesActionKind::Claim, "9"))
        .await
        .unwrap();

    // Act + Assert: someone else's Won is refused.
    let theirs = store
        .sales_action(&press("p2", SalesActionKind::Won, "8"))
        .await
        .unwrap();
    assert_eq!(theirs, SalesOutcome::NotTheirs { by: "Staff 9".into() });

    // Won and Lost pressed at the same moment: exactly one is recorded.
    let (won_press, lost_press) = (
        press("p3", SalesActionKind::Won, "9"),
        press("p4", SalesActionKind::Lost, "9"),
    );
    let (won, lost) = tokio::join!(
        store.sales_action(&won_press),
        store.sales_action(&lost_press),
    );
    let (won, lost) = (won.unwrap(), lost.unwrap());
    let recorded = [&won, &lost]
        .iter()
        .filter(|o| ***o == SalesOutcome::Recorded)
        .count();
    assert_eq!(recorded, 1, "{won:?} {lost:?}");
    let won_first = won == SalesOutcome::Recorded;
    let refused = if won_first { &lost } else { &won };
    assert_eq!(
        *refused,
        SalesOutcome::AlreadyDecided {
            won: won_first,
            by: "Staff 9".into()
        }
    );
    // The database says the same, once; a later press changes nothing.
    let export = store.export().await.unwrap().remove(0);
    let results: Vec<_> = export
        .stages
        .iter()
        .map(|s| s.stage)
        .filter(|s| matches!(s, Stage::Won | Stage::Lost))
        .collect();
    assert_eq!(results, [if won_first { Stage::Won } else { Stage::Lost }]);
    assert_eq!(export.lead.stage, results.first().copied());
    let later = store
        .sales_action(&press("p5", SalesActionKind::Claim, "9"))
        .await
        .unwrap();
    assert!(matches!(later, SalesOutcome::AlreadyDecided { .. }), "{later:?}");
}

pub async fn the_funnel_tells_how_long_hot_leads_waited_to_be_claimed_and_by_whom(
    store: Arc<dyn Store>,
) {
    use leadbot::storage::{SalesAction, SalesActionKind};
    // Arrange: two leads turn hot at minute 2; one is claimed at minute 6.
    for user in ["u1", "u2"] {
        let first = turn(user, &format!("{user}-1"), None, 1);
        store.commit_turn(&first).await.unwrap();
        let mut hot = turn(user, &format!("{user}-2"), Some(1), 2);
        hot.events.push(Event::StageReached {
            stage: Stage::SalesQualified,
        });
        store.commit_turn(&hot).await.unwrap();
    }
    let lead = store.export().await.unwrap()[0].lead.id;
    let user = store.export().await.unwrap()[0].lead.user_id.clone();
    let alert = post_alert(&store, &user, "alert-key", "-100", "555").await;
    let claim = SalesAction {
        channel: Channel::Telegram,
        idempotency_key: "claim".into(),
        lead_id: lead,
        kind: SalesActionKind::Claim,
        staff_id: "9".into(),
        staff_name: "Sara".into(),
        at: at(6),
        pressed_on: alert,
        edit: None,
    };
    store.sales_action(&claim).await.unwrap();

    // Act
    let funnel = store.funnel(at(0)).await.unwrap();

    // Assert
    assert_eq!(funnel.unclaimed(), 1);
    let times = funnel.claim_times();
    assert_eq!((times.claimed, times.median_secs), (1, Some(240)));
    let by = funnel.claim_times_by_assignee();
    assert_eq!(by.len(), 1);
    assert_eq!(by[0].0, "Sara");
}

pub async fn a_moved_destination_takes_its_waiting_rows_and_posted_alerts_along(
    store: Arc<dyn Store>,
) {
    use leadbot::storage::{SalesAction, SalesActionKind, SalesOutcome};
    // Arrange: an alert posted to -100, and a notice waiting for it.
    let lead = lead_id(&store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap());
    let posted = post_alert(&store, "u1", "k2", "-100", "555").await;
    let notice = leadbot::storage::Notice {
        channel: Channel::Telegram,
        idempotency_key: "waiting".into(),
        recipient: "-100".into(),
        at: at(4),
        reply: reply("waiting"),
        group: None,
    };
    store.commit_notice(&notice).await.unwrap();

    // Act
    store
        .move_recipient(Channel::Telegram, "-100", "-1000100", at(5))
        .await
        .unwrap();

    // Assert: the waiting row goes to the new id, the move is kept, and a
    // press on the alert in the moved chat counts.
    assert!(store
        .claim_outbox(Channel::Telegram, Some("-100"), at(6), 10, &held(at(6)))
        .await
        .unwrap()
        .is_empty());
    let due = store
        .claim_outbox(Channel::Telegram, Some("-1000100"), at(6), 10, &held(at(6)))
        .await
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].payload, reply("waiting"));
    assert_eq!(
        store.recipient_moves().await.unwrap(),
        [(Channel::Telegram, "-100".to_owned(), "-1000100".to_owned())]
    );
    let mut pressed_on = posted.clone();
    pressed_on.recipient = "-1000100".into();
    let claim = SalesAction {
        channel: Channel::Telegram,
        idempotency_key: "claim".into(),
        lead_id: lead,
        kind: SalesActionKind::Claim,
        staff_id: "9".into(),
        staff_name: "Sara".into(),
        at: at(7),
        pressed_on,
        edit: None,
    };
    assert_eq!(store.sales_action(&claim).await.unwrap(), SalesOutcome::Claimed);
}

pub async fn a_lead_is_claimed_once_then_won(store: Arc<dyn Store>) {
    use leadbot::storage::{SalesAction, SalesActionKind, SalesOutcome};
    let lead = lead_id(&store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap());
    let alert = post_alert(&store, "u1", "k2", "-100", "555").await;
    let press = |key: &str, kind, staff: &str| staff_press(lead, &alert, key, kind, staff);
    let won_early = store
        .sales_action(&press("p1", SalesActionKind::Won, "9"))
        .await
        .unwrap();
    assert_eq!(won_early, SalesOutcome::NotClaimed);
    let claimed = store
        .sales_action(&press("p2", SalesActionKind::Claim, "9"))
        .await
        .unwrap();
    assert_eq!(claimed, SalesOutcome::Claimed);
    let again = store
        .sales_action(&press("p2", SalesActionKind::Claim, "9"))
        .await
        .unwrap();
    assert_eq!(again, SalesOutcome::Duplicate);
    let other = store
        .sales_action(&press("p3", SalesActionKind::Claim, "8"))
        .await
        .unwrap();
    assert_eq!(
        other,
        SalesOutcome::AlreadyClaimed {
            by: "Staff 9".into()
        }
    );
    let won = store
        .sales_action(&press("p4", SalesActionKind::Won, "9"))
        .await
        .unwrap();
    assert_eq!(won, SalesOutcome::Recorded);
    let export = store.export().await.unwrap().remove(0);
    let stages: Vec<_> = export.stages.iter().map(|s| s.stage).collect();
    assert_eq!(
        stages,
        [
            Stage::InformationQualified,
            Stage::SalesAccepted,
            Stage::Won
        ]
    );
    assert_eq!(export.lead.stage, Some(Stage::Won));
    // The prospect's state keeps the sales stage for later turns.
    let state = store
        .load_conversation(&key("u1"))
        .await
        .unwrap()
        .unwrap()
        .state;
    assert!(state.stages.contains(&Stage::Won));
    let missing = SalesAction {
        lead_id: 999,
        ..press("p5", SalesActionKind::Claim, "9")
    };
    assert_eq!(
        store.sales_action(&missing).await.unwrap(),
        SalesOutcome::NoSuchLead
    );
}

pub async fn a_button_counts_only_on_its_own_lead_s_alert(store: Arc<dyn Store>) {
    use leadbot::storage::{SalesAction, SalesActionKind, SalesOutcome};
    // Arrange: two hot leads, each with its alert in the sales chat.
    let one = lead_id(&store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap());
    let two = lead_id(&store.commit_turn(&turn("u2", "k2", None, 1)).await.unwrap());
    let alert_one = post_alert(&store, "u1", "k1b", "-100", "501").await;
    post_alert(&store, "u2", "k2b", "-100", "502").await;
    let claim = |key: &str, lead_id, pressed_on| SalesAction {
        channel: Channel::Telegram,
        idempotency_key: key.into(),
        lead_id,
        kind: SalesActionKind::Claim,
        staff_id: "9".into(),
        staff_name: "Staff 9".into(),
        at: at(5),
        pressed_on,
        edit: None,
    };

    // Act: a forged claim:2 pressed on lead #1's alert.
    let forged = store
        .sales_action(&claim("p1", two, alert_one.clone()))
        .await
        .unwrap();

    // Assert: refused, and lead #2 stays unclaimed; #1's own button works.
    assert_eq!(forged, SalesOutcome::NoSuchLead);
    let leads = store.list_leads(&LeadFilter::default()).await.unwrap();
    assert!(leads.iter().all(|l| l.stage != Some(Stage::SalesAccepted)));
    assert_eq!(
        store
            .sales_action(&claim("p2", one, alert_one))
            .await
            .unwrap(),
        SalesOutcome::Claimed
    );
}

pub async fn a_copy_of_the_data_holds_every_answer_ever_given(store: Arc<dyn Store>) {
    let lead = hot_lead_of_a(&store).await;
    let data = store.subject_data(&key(A_USER)).await.unwrap().unwrap();
    assert_eq!(data.lead.id, lead);
    assert_eq!(data.lead.display_name.as_deref(), Some(A_NAME));
    let answers: Vec<(&str, bool)> = data
        .answers
        .iter()
        .map(|a| (a.answer.raw_text.as_str(), a.current))
        .collect();
    assert_eq!(
        answers,
        [
            ("first budget words", false),
            (A_WORDS, true),
            (A_EMAIL, true)
        ]
    );
    let stages: Vec<Stage> = data.stages.iter().map(|s| s.stage).collect();
    assert_eq!(stages, [Stage::InformationQualified, Stage::SalesQualified]);
    assert!(store.subject_data(&key("nobody")).await.unwrap().is_none());
}

pub async fn an_erasure_queues_a_farewell_and_an_edit_of_each_alert_once(store: Arc<dyn Store>) {
    use leadbot::storage::EraseOutcome;
    let lead = hot_lead_of_a(&store).await;
    let other = lead_id(&store.commit_turn(&turn("u2", "b1", None, 1)).await.unwrap());

    let outcome = store.erase(&erasure_of_a("erase-1")).await.unwrap();

    let EraseOutcome::Erased { lead_id, outbox } = outcome else {
        panic!("not erased: {outcome:?}")
    };
    assert_eq!(lead_id, Some(lead));
    let rows: Vec<(OutboxKind, &str, Option<&str>)> = outbox
        .iter()
        .map(|m| (m.kind, m.recipient.as_str(), m.payload.edit.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [
            (OutboxKind::Farewell, A_USER, None),
            (OutboxKind::Notice, "-100777", Some("555"))
        ]
    );
    assert_eq!(
        store.erase(&erasure_of_a("erase-1")).await.unwrap(),
        EraseOutcome::Duplicate
    );
    assert!(store
        .load_conversation(&key(A_USER))
        .await
        .unwrap()
        .is_none());
    // The other prospect is untouched.
    let kept = store.load_conversation(&key("u2")).await.unwrap().unwrap();
    assert_eq!(kept.lead_id, other);
    // A delivered farewell leaves no row naming A's chat.
    store.mark_delivered(outbox[0].id, at(11)).await.unwrap();
    let due = store
        .claim_outbox(Channel::Telegram, Some(A_USER), at(12), 10, &held(at(12)))
        .await
        .unwrap();
    assert!(due.is_empty());
    // Erasing again, when nothing is stored, still says goodbye.
    let again = store.erase(&erasure_of_a("erase-2")).await.unwrap();
    assert!(matches!(again, EraseOutcome::Erased { lead_id: None, .. }));
}

pub async fn retention_erases_stale_leads_and_keeps_only_aggregates_of_closed_ones(
    store: Arc<dyn Store>,
) {
    use leadbot::storage::{RetentionReport, SalesAction, SalesActionKind};
    let stale = lead_id(
        &store
            .commit_turn(&turn("stale", "s1", None, 1))
            .await
            .unwrap(),
    );
    let won = lead_id(
        &store
            .commit_turn(&turn("won", "w1", None, 1))
            .await
            .unwrap(),
    );
    let mut answered = turn("won", "w2", Some(1), 2);
    answered
        .events
        .push(answer_event("budget", "won budget words", 2));
    store.commit_turn(&answered).await.unwrap();
    let won_alert = post_alert(&store, "won", "w3", "-100", "700").await;
    for (press, kind) in [("p1", SalesActionKind::Claim), ("p2", SalesActionKind::Won)] {
        store
            .sales_action(&SalesAction {
                channel: Channel::Telegram,
                idempotency_key: press.into(),
                lead_id: won,
                kind,
                staff_id: "9".into(),
                staff_name: "Staff 9".into(),
                at: at(3),
                pressed_on: won_alert.clone(),
                edit: None,
            })
            .await
            .unwrap();
    }
    let fresh = lead_id(
        &store
            .commit_turn(&turn("fresh", "f1", None, 500))
            .await
            .unwrap(),
    );

    // The stale lead's alert was posted to the sales chat.
    let mut hot = turn("stale", "s2", Some(1), 2);
    hot.alerts = vec![leadbot::storage::Alert {
        channel: Channel::Telegram,
        recipient: "-100777".into(),
        payload: reply("alert-title"),
    }];
    store.commit_turn(&hot).await.unwrap();
    let alert = store
        .claim_outbox(Channel::Telegram, Some("-100777"), at(3), 10, &held(at(3)))
        .await
        .unwrap()
        .remove(0);
    store
        .record_alert_messages(alert.id, &["321".into()], at(3))
        .await
        .unwrap();
    store.mark_delivered(alert.id, at(3)).await.unwrap();
    let edit = reply("alert-expired");

    let report = store.erase_expired(at(100), &edit).await.unwrap();

    assert_eq!(
        report,
        RetentionReport {
            erased: 1,
            anonymized: 1
        }
    );
    assert!(store
        .load_conversation(&key("stale"))
        .await
        .unwrap()
        .is_none());
    assert!(store
        .load_conversation(&key("won"))
        .await
        .unwrap()
        .is_none());
    let leads = store.export().await.unwrap();
    let ids: Vec<i64> = leads.iter().map(|l| l.lead.id).collect();
    assert_eq!(ids, [won, fresh]);
    assert!(!ids.contains(&stale));
    let closed = &leads[0];
    assert_eq!(closed.lead.user_id, format!("erased:{won}"));
    assert_eq!(closed.lead.display_name, None);
    assert!(closed.answers.is_empty());
    assert_eq!(closed.lead.stage, Some(Stage::Won));
    // The funnel still counts the won lead.
    let funnel = store.funnel(at(0)).await.unwrap();
    assert_eq!(funnel.count(Stage::Won), 1);
    // The alert is edited to say its lead's details are gone.
    let edits = store
        .claim_outbox(
            Channel::Telegram,
            Some("-100777"),
            chrono::Utc::now() + Duration::seconds(1),
            10,
            &held(chrono::Utc::now()),
        )
        .await
        .unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].payload.edit.as_deref(), Some("321"));
    assert_eq!(
        edits[0].payload.paragraphs[0],
        Msg::new("alert-expired").int("lead", stale)
    );
    // A second run finds nothing more.
    assert_eq!(
        store.erase_expired(at(100), &edit).await.unwrap(),
        RetentionReport::default()
    );
}

pub async fn a_stale_turn_never_lands_on_the_lead_that_replaced_an_erased_one(
    store: Arc<dyn Store>,
) {
    use leadbot::storage::EraseOutcome;
    // Arrange: A's first lead, erased, and a new one at the same version.
    let old = lead_id(
        &store
            .commit_turn(&turn(A_USER, "a1", None, 1))
            .await
            .unwrap(),
    );
    store.erase(&erasure_of_a("erase-1")).await.unwrap();
    let new = lead_id(
        &store
            .commit_turn(&turn(A_USER, "a2", None, 2))
            .await
            .unwrap(),
    );
    assert_ne!(old, new);

    // Act: a turn computed from the old lead's cached state, and one from
    // the new lead's.
    let mut stale = turn(A_USER, "a3", Some(1), 3);
    stale.lead_id = Some(old);
    let mut current = turn(A_USER, "a4", Some(1), 4);
    current.lead_id = Some(new);

    // Assert
    assert_eq!(
        store.commit_turn(&stale).await.unwrap(),
        CommitOutcome::Conflict
    );
    assert_eq!(
        store
            .commit_turns(std::slice::from_ref(&stale))
            .await
            .unwrap(),
        [CommitOutcome::Conflict]
    );
    assert_eq!(lead_id(&store.commit_turn(&current).await.unwrap()), new);
    // An erasure decided on a version that moved on conflicts too.
    let mut late = erasure_of_a("erase-2");
    late.expected = Some((new, 1));
    assert_eq!(store.erase(&late).await.unwrap(), EraseOutcome::Conflict);
    late.expected = Some((new, 2));
    assert!(matches!(
        store.erase(&late).await.unwrap(),
        EraseOutcome::Erased { lead_id: Some(id), .. } if id == new
    ));
}

pub async fn a_dead_letter_keeps_the_raw_update_newest_first(store: Arc<dyn Store>) {
    // Arrange
    for (i, raw) in [r#"{"update_id":1,"bad":true}"#, "not json at all"]
        .iter()
        .enumerate()
    {
        let letter = leadbot::storage::DeadLetter {
            channel: Channel::Telegram,
            reason: format!("reason {i}"),
            raw: raw.to_string(),
            created_at: at(i as u64),
            user_id: None,
        };
        // Act
        store.record_dead_letter(&letter).await.unwrap();
    }

    // Assert
    let letters = store.dead_letters(10).await.unwrap();
    assert_eq!(letters.len(), 2);
    assert_eq!(letters[0].raw, "not json at all");
    assert_eq!(letters[1].reason, "reason 0");
    assert_eq!(store.dead_letters(1).await.unwrap().len(), 1);
    // Retention takes them like everything else past the cutoff.
    store
        .erase_expired(at(1), &reply("alert-expired"))
        .await
        .unwrap();
    let kept = store.dead_letters(10).await.unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].raw, "not json at all");
}
}

// What differs by design: one process serves a SQLite file, many replicas
// share a PostgreSQL database.

#[tokio::test]
async fn sqlite_frees_a_killed_process_s_holds_at_start() {
    let (store, _dir) = sqlite().await;
    store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    let now = chrono::Utc::now();
    assert_eq!(
        store
            .claim_outbox(Channel::Telegram, None, now, 10, &held(now))
            .await
            .unwrap()
            .len(),
        1
    );

    assert_eq!(store.release_claims_at_start().await.unwrap(), 1);

    let again = store
        .claim_outbox(Channel::Telegram, None, now, 10, &held(now))
        .await
        .unwrap();
    assert_eq!(again.len(), 1, "the row is due again at once");
}

#[tokio::test]
async fn sqlite_always_leads_its_one_process() {
    let (store, _dir) = sqlite().await;
    let _first = store.try_lead("telegram:1").await.unwrap().unwrap();
    assert!(store.try_lead("telegram:1").await.unwrap().is_some());
}

#[tokio::test]
async fn postgres_elects_one_poller_per_stream_until_it_lets_go() {
    let (store, schema) = postgres().await;
    // A second replica: its own connection pool.
    let other = leadbot::storage::connect(&schema.url).await.unwrap();

    let mut leader = store.try_lead("telegram:1").await.unwrap().expect("leads");
    assert!(other.try_lead("telegram:1").await.unwrap().is_none());
    assert!(
        other.try_lead("telegram:2").await.unwrap().is_some(),
        "another bot's stream is free"
    );
    assert!(leader.still_held().await);

    drop(leader);
    let mut taken = None;
    for _ in 0..50 {
        taken = other.try_lead("telegram:1").await.unwrap();
        if taken.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(taken.is_some(), "the lock is free once its holder lets go");
    assert_eq!(store.release_claims_at_start().await.unwrap(), 0);
}

#[tokio::test]
async fn an_unmigrated_database_is_not_ready() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("new.db").display());
    let sqlite = leadbot::storage::connect(&url).await.unwrap();
    assert!(sqlite.check_ready().await.is_err());

    let schema = common::postgres::fresh_schema().await;
    let postgres = leadbot::storage::connect(&schema.url).await.unwrap();
    assert!(postgres.check_ready().await.is_err());
    postgres.migrate().await.unwrap();
    postgres.check_ready().await.unwrap();
}

// Erasure, proven on the schema itself: every table is listed and every row
// read as text, so that a table added later cannot hold on to a prospect.

/// The tables a schema may have; a new one must be added here and to
/// `storage::privacy::LEAD_TABLES` (or shown to hold nothing personal).
// `write_probe` holds one timestamp and nothing about anyone; `group_codes`
// a group's id and title behind its deep-link code; `destination_moves` a
// sales chat's old and new id.
// `dead_letters` keeps raw updates for the operator, by sender where one is
// known: erasure removes the prospect's.
const KNOWN_TABLES: [&str; 13] = [
    "_sqlx_migrations",
    "alert_messages",
    "answers",
    "channel_offsets",
    "consent_declines",
    "dead_letters",
    "destination_moves",
    "group_codes",
    "leads",
    "outbox",
    "processed_events",
    "stage_events",
    "write_probe",
];

/// Every row of every table as (table, text).
type Dump = Vec<(String, String)>;

async fn sqlite_dump(pool: &sqlx::SqlitePool) -> Dump {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut dump = Vec::new();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .fetch_all(pool)
                .await
                .unwrap();
        let row_text = columns
            .iter()
            // Blobs (migration checksums) as hex: they need not be UTF-8.
            .map(|c| {
                format!(
                    "COALESCE(CASE typeof(\"{c}\") WHEN 'blob' THEN hex(\"{c}\") ELSE CAST(\"{c}\" AS TEXT) END, '')"
                )
            })
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let rows: Vec<String> = sqlx::query_scalar(&format!("SELECT {row_text} FROM {table}"))
            .fetch_all(pool)
            .await
            .unwrap();
        dump.extend(rows.into_iter().map(|r| (table.clone(), r)));
        if dump.iter().all(|(t, _)| *t != table) {
            dump.push((table, String::new()));
        }
    }
    dump
}

async fn postgres_dump(schema: &common::postgres::TestSchema) -> Dump {
    let mut connection = schema.connect().await;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()",
    )
    .fetch_all(&mut connection)
    .await
    .unwrap();
    let mut dump = Vec::new();
    for table in tables {
        let rows: Vec<String> = sqlx::query_scalar(&format!("SELECT t::text FROM {table} t"))
            .fetch_all(&mut connection)
            .await
            .unwrap();
        if rows.is_empty() {
            dump.push((table.clone(), String::new()));
        }
        dump.extend(rows.into_iter().map(|r| (table.clone(), r)));
    }
    dump
}

/// What may identify A: ids, name, words, contact, and the lead id as a
/// `lead_id` value (checked through the store's own tables below).
fn rows_about_a(dump: &Dump) -> Vec<&(String, String)> {
    dump.iter()
        .filter(|(_, row)| {
            [A_USER, A_NAME, A_WORDS, A_EMAIL, "first budget words"]
                .iter()
                .any(|needle| row.contains(needle))
        })
        .collect()
}

async fn erasure_leaves_nothing_about_the_prospect<F, Fut>(store: Arc<dyn Store>, dump: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Dump>,
{
    // Arrange: A everywhere, B beside them.
    let lead = hot_lead_of_a(&store).await;
    let mut b = turn("u2", "b1", None, 1);
    b.events.push(answer_event("budget", "b budget words", 1));
    store.commit_turn(&b).await.unwrap();
    for (user, text) in [(A_USER, A_NAME), ("u2", "b dead letter")] {
        let letter = leadbot::storage::DeadLetter {
            channel: Channel::Telegram,
            reason: "the database refuses its data".into(),
            raw: format!(r#"{{"message":{{"from":{{"id":{user:?}}},"text":"{text}"}}}}"#),
            created_at: at(2),
            user_id: Some(user.into()),
        };
        store.record_dead_letter(&letter).await.unwrap();
    }
    let before = dump().await;
    let mut tables: Vec<&str> = before.iter().map(|(t, _)| t.as_str()).collect();
    tables.dedup();
    for table in &tables {
        assert!(
            KNOWN_TABLES.contains(table),
            "table {table} is new: make erasure cover it, then list it in KNOWN_TABLES"
        );
    }
    assert_eq!(tables.len(), KNOWN_TABLES.len(), "{tables:?}");
    assert!(
        rows_about_a(&before).len() >= 6,
        "the dump must see A before the erasure: {before:?}"
    );

    // Act: erase, then deliver the farewell and the alert edit.
    let leadbot::storage::EraseOutcome::Erased { outbox, .. } =
        store.erase(&erasure_of_a("erase-1")).await.unwrap()
    else {
        panic!("not erased")
    };
    let ids: Vec<i64> = outbox.iter().map(|m| m.id).collect();
    store.mark_delivered_many(&ids, at(11)).await.unwrap();

    // Assert: no row anywhere names A, and no row points at A's lead.
    let after = dump().await;
    assert_eq!(rows_about_a(&after), Vec::<&(String, String)>::new());
    let exported = store.export().await.unwrap();
    assert!(exported.iter().all(|l| l.lead.id != lead));
    assert!(after.iter().any(|(_, row)| row.contains("b budget words")));
    assert!(after.iter().any(|(_, row)| row.contains("b dead letter")));
    // The sales chat's edit says which lead withdrew, and nothing else.
    let edits: Vec<&(String, String)> = after
        .iter()
        .filter(|(t, row)| t == "outbox" && row.contains("-100777"))
        .collect();
    assert!(!edits.is_empty());
}

#[tokio::test]
async fn sqlite_erasure_leaves_nothing_about_the_prospect_in_any_table() {
    let (store, dir) = sqlite().await;
    let url = format!("sqlite://{}", dir.path().join("suite.db").display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    erasure_leaves_nothing_about_the_prospect(store, || sqlite_dump(&pool)).await;
}

#[tokio::test]
async fn sqlite_erasure_leaves_no_trace_in_the_database_files() {
    // Arrange: A's lead, written and rewritten, beside B's.
    let (store, dir) = sqlite().await;
    hot_lead_of_a(&store).await;
    let b = turn("u2", "b1", None, 1);
    store.commit_turn(&b).await.unwrap();

    // Act
    store.erase(&erasure_of_a("erase-1")).await.unwrap();

    // Assert: no byte sequence of A's data in the file, its WAL or journal.
    let mut files = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        files += 1;
        for needle in [A_NAME, A_WORDS, A_EMAIL, "first budget words"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle:?} is still in {}",
                path.display()
            );
        }
    }
    assert!(files >= 1);
}

#[tokio::test]
async fn a_closed_sqlite_store_leaves_everything_in_the_database_file() {
    // Arrange
    let (store, dir) = sqlite().await;
    store.commit_turn(&turn("u1", "k1", None, 1)).await.unwrap();
    let wal = dir.path().join("suite.db-wal");
    assert!(std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0));

    // Act
    store.close().await;

    // Assert: the WAL is empty or gone, and the file alone holds the lead.
    assert!(std::fs::metadata(&wal).map_or(true, |m| m.len() == 0));
    let copy = dir.path().join("copy.db");
    std::fs::copy(dir.path().join("suite.db"), &copy).unwrap();
    let reopened = leadbot::storage::connect(&format!("sqlite://{}", copy.display()))
        .await
        .unwrap();
    let leads = reopened.list_leads(&LeadFilter::default()).await.unwrap();
    assert_eq!(leads.len(), 1);
}

#[tokio::test]
async fn postgres_erasure_leaves_nothing_about_the_prospect_in_any_table() {
    let (store, schema) = postgres().await;
    erasure_leaves_nothing_about_the_prospect(store, || postgres_dump(&schema)).await;
}

/// A small tmpfs the test fills and frees; unmounted on drop. `None` where
/// this user may not mount (the test then says so and checks nothing).
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(SmallDisk { dir })
    }

    fn fill(&self) -> std::path::PathBuf {
        use std::io::Write;
        let path = self.dir.path().join("filler");
        let mut file = std::fs::File::create(&path).unwrap();
        let chunk = vec![0u8; 4096];
        while file.write_all(&chunk).and_then(|_| file.flush()).is_ok() {}
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

#[tokio::test]
async fn sqlite_saves_every_turn_after_the_disk_was_full_for_a_moment() {
    // Arrange: a store on a 1 MB disk, a few leads in it, then the disk full.
    let Some(disk) = SmallDisk::mount("1m") else {
        eprintln!("SKIPPED: mounting a tmpfs needs root (CI runs as root)");
        return;
    };
    let url = format!("sqlite://{}", disk.dir.path().join("full.db").display());
    let store = leadbot::storage::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    for i in 0..3 {
        let t = turn(&format!("before{i}"), &format!("b{i}"), None, 1);
        store.commit_turn(&t).await.unwrap();
    }
    let filler = disk.fill();
    let limit = std::time::Duration::from_secs(20);
    let mut failed = 0;
    for i in 0..20 {
        let mut t = turn(&format!("during{i}"), &format!("d{i}"), None, 2);
        t.display_name = Some("x".repeat(3000));
        match tokio::time::timeout(limit, store.commit_turn(&t)).await {
            Ok(Ok(_)) => {}
            Ok(Err(_)) | Err(_) => failed += 1,
        }
    }
    assert!(failed > 0, "the disk never filled up");
    assert!(
        store.check_ready().await.is_err(),
        "/readyz must say not ready while the database cannot write"
    );

    // Act: space comes back; turns keep arriving.
    std::fs::remove_file(filler).unwrap();
    let mut saved = Vec::new();
    for i in 0..10 {
        let user = format!("after{i}");
        let outcome = tokio::time::timeout(
            limit,
            store.commit_turn(&turn(&user, &format!("a{i}"), None, 3)),
        )
        .await
        .unwrap_or_else(|_| panic!("turn {i} after the disk was freed hung"))
        .unwrap_or_else(|e| panic!("turn {i} after the disk was freed failed: {e}"));
        assert!(
            matches!(outcome, CommitOutcome::Committed { .. }),
            "{outcome:?}"
        );
        saved.push(user);
    }

    // Assert: what was reported committed is in the file, as another
    // connection reads it, and the store takes writes.
    store.check_ready().await.unwrap();
    let other = leadbot::storage::connect(&url).await.unwrap();
    let leads = other.list_leads(&LeadFilter::default()).await.unwrap();
    for user in &saved {
        assert!(
            leads.iter().any(|l| &l.user_id == user),
            "{user} was reported committed but is not in the database"
        );
    }
}

#[tokio::test]
async fn a_database_that_refuses_writes_for_too_long_ends_the_process_with_an_error() {
    // Arrange: a store whose connections are gone.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("gone.db").display());
    let store = leadbot::storage::sqlite::SqliteStore::connect(&url)
        .await
        .unwrap();
    store.migrate().await.unwrap();
    store.pool().close().await;
    let shutdown = tokio_util::sync::CancellationToken::new();

    // Act
    let watched = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        leadbot::health::watch_database(
            Arc::new(store),
            std::time::Duration::from_millis(300),
            shutdown,
        ),
    )
    .await
    .expect("the watch gives up after its wait");

    // Assert: one line naming the cause and the setting.
    let error = watched.unwrap_err().to_string();
    assert!(error.contains("database_down_exit_secs"), "{error}");
}

#[tokio::test]
async fn a_healthy_database_keeps_the_watch_quiet_until_shutdown() {
    let (store, _dir) = sqlite().await;
    let shutdown = tokio_util::sync::CancellationToken::new();
    let watch = tokio::spawn(leadbot::health::watch_database(
        store,
        std::time::Duration::from_millis(300),
        shutdown.clone(),
    ));
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    assert!(!watch.is_finished());
    shutdown.cancel();
    assert!(watch.await.unwrap().is_ok());
}
