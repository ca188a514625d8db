//! SQLite's group commit: a batch of turns written with a handful of
//! multi-row statements instead of a handful per turn. With sqlx every
//! statement is a round trip to the connection's thread; per batch instead
//! of per turn is what lets one SQLite writer take tens of thousands of
//! turns a second. Outcomes are the ones `commit_turn` would give.

use super::*;
use crate::core::{Event, Language, Stage};
use sqlx::{QueryBuilder, Row, Sqlite};
use std::collections::{HashMap, HashSet};

/// Rows per statement: SQLite allows 32,766 bound values; the widest row
/// here binds 15.
const ROWS_PER_STATEMENT: usize = 1000;

/// An answer row: question, criterion, raw text, value JSON, time.
type AnswerRow<'a> = (&'a str, &'static str, &'a str, String, DateTime<Utc>);

/// What a turn writes, serialized before the transaction opens.
struct Prepared<'a> {
    turn: &'a TurnRecord,
    state: String,
    reply: Option<String>,
    alerts: Vec<String>,
    answers: Vec<AnswerRow<'a>>,
}

fn prepare(turn: &TurnRecord) -> Result<Prepared<'_>, StoreError> {
    let mut answers = Vec::new();
    for event in &turn.events {
        if let Event::AnswerRecorded {
            question,
            criterion,
            answer,
        } = event
        {
            let value = serde_json::to_string(&answer.value).map_err(corrupt("answer"))?;
            answers.push((
                question.as_str(),
                criterion.as_str(),
                answer.raw.as_str(),
                value,
                answer.at,
            ));
        }
    }
    Ok(Prepared {
        turn,
        state: serde_json::to_string(&turn.state).map_err(corrupt("conversation state"))?,
        reply: turn
            .reply
            .as_ref()
            .map(|r| serde_json::to_string(r).map_err(corrupt("outbox payload")))
            .transpose()?,
        alerts: turn
            .alerts
            .iter()
            .map(|a| serde_json::to_string(&a.payload).map_err(corrupt("alert payload")))
            .collect::<Result<_, _>>()?,
        answers,
    })
}

pub(super) async fn commit_batch(
    pool: &sqlx::SqlitePool,
    turns: &[TurnRecord],
) -> Result<Vec<CommitOutcome>, StoreError> {
    let prepared = turns.iter().map(prepare).collect::<Result<Vec<_>, _>>()?;
    let mut outcomes: Vec<Option<CommitOutcome>> = vec![None; turns.len()];
    let mut tx = pool.begin().await?;

    // 1. The idempotency keys: those not inserted were seen before; a key
    //    twice in the batch is a duplicate the second time.
    let mut fresh: HashSet<(String, String)> = HashSet::new();
    for chunk in prepared.chunks(ROWS_PER_STATEMENT) {
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO processed_events (channel, idempotency_key, processed_at) ",
        );
        insert.push_values(chunk, |mut row, p| {
            row.push_bind(p.turn.key.channel.as_str())
                .push_bind(p.turn.idempotency_key.clone())
                .push_bind(p.turn.at);
        });
        insert.push(" ON CONFLICT DO NOTHING RETURNING channel, idempotency_key");
        for row in insert.build().fetch_all(&mut *tx).await? {
            fresh.insert((row.try_get(0)?, row.try_get(1)?));
        }
    }
    let mut live = Vec::new();
    // Turns of one conversation computed side by side: the first goes in,
    // the others conflict and run again on what it wrote.
    let mut seen: HashSet<&ConversationKey> = HashSet::new();
    let mut same_conversation = Vec::new();
    for (i, p) in prepared.iter().enumerate() {
        let key = (
            p.turn.key.channel.as_str().to_owned(),
            p.turn.idempotency_key.clone(),
        );
        if fresh.remove(&key) {
            if seen.insert(&p.turn.key) {
                live.push(i);
            } else {
                same_conversation.push(i);
            }
        } else {
            outcomes[i] = Some(CommitOutcome::Duplicate);
        }
    }

    // 2. The leads: new conversations insert, existing ones update at
    //    their expected version; a turn whose row is not returned conflicts.
    let mut lead_ids: HashMap<(Channel, String), i64> = HashMap::new();
    let (new, existing): (Vec<usize>, Vec<usize>) = live
        .iter()
        .partition(|i| prepared[**i].turn.expected_version.is_none());
    for chunk in new.chunks(ROWS_PER_STATEMENT) {
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO leads (channel, user_id, display_name, language, source, stage,
                temperature, met_criteria, step, current_question, consent_at, consent_version,
                state, version, created_at, updated_at) ",
        );
        insert.push_values(chunk, |mut row, i| {
            let p = &prepared[*i];
            push_lead_columns(&mut row, p);
            row.push_bind(1i64)
                .push_bind(p.turn.at)
                .push_bind(p.turn.at);
        });
        insert.push(" ON CONFLICT (channel, user_id) DO NOTHING RETURNING id, channel, user_id");
        collect_ids(insert.build().fetch_all(&mut *tx).await?, &mut lead_ids)?;
    }
    for chunk in existing.chunks(ROWS_PER_STATEMENT) {
        // VALUES columns: 1 channel, 2 user, 3 display_name, 4 language,
        // 5 source, 6 stage, 7 temperature, 8 met, 9 step, 10 question,
        // 11 consent_at, 12 consent_version, 13 state, 14 expected, 15 at,
        // 16 lead id.
        let mut update = QueryBuilder::<Sqlite>::new(
            "UPDATE leads SET display_name = COALESCE(v.column3, leads.display_name),
                language = v.column4, source = v.column5, stage = v.column6,
                temperature = v.column7, met_criteria = v.column8, step = v.column9,
                current_question = v.column10, consent_at = v.column11,
                consent_version = v.column12, state = v.column13, version = leads.version + 1,
                updated_at = v.column15, unreachable_at = NULL
             FROM (",
        );
        update.push_values(chunk, |mut row, i| {
            let p = &prepared[*i];
            push_lead_columns(&mut row, p);
            row.push_bind(p.turn.expected_version)
                .push_bind(p.turn.at)
                .push_bind(p.turn.lead_id);
        });
        update.push(
            ") AS v WHERE leads.channel = v.column1 AND leads.user_id = v.column2
                 AND leads.version = v.column14
                 AND (v.column16 IS NULL OR leads.id = v.column16)
             RETURNING leads.id, leads.channel, leads.user_id",
        );
        collect_ids(update.build().fetch_all(&mut *tx).await?, &mut lead_ids)?;
    }
    let mut committed = Vec::new();
    let mut conflicted = same_conversation;
    for i in live {
        let key = &prepared[i].turn.key;
        match lead_ids.get(&(key.channel, key.user.clone())) {
            Some(id) => committed.push((i, *id)),
            None => conflicted.push(i),
        }
    }
    // A conflict leaves nothing: its key is free for the retry.
    for chunk in conflicted.chunks(ROWS_PER_STATEMENT) {
        let mut delete = QueryBuilder::<Sqlite>::new(
            "DELETE FROM processed_events WHERE (channel, idempotency_key) IN (",
        );
        delete.push_values(chunk, |mut row, i| {
            let turn = prepared[*i].turn;
            row.push_bind(turn.key.channel.as_str())
                .push_bind(turn.idempotency_key.clone());
        });
        delete.push(")");
        delete.build().execute(&mut *tx).await?;
        for i in chunk {
            outcomes[*i] = Some(CommitOutcome::Conflict);
        }
    }

    // 3. Each key points at its lead.
    for chunk in committed.chunks(ROWS_PER_STATEMENT) {
        let mut update =
            QueryBuilder::<Sqlite>::new("UPDATE processed_events SET lead_id = v.column3 FROM (");
        update.push_values(chunk, |mut row, (i, id)| {
            let turn = prepared[*i].turn;
            row.push_bind(turn.key.channel.as_str())
                .push_bind(turn.idempotency_key.clone())
                .push_bind(*id);
        });
        update.push(
            ") AS v WHERE processed_events.channel = v.column1
                 AND processed_events.idempotency_key = v.column2",
        );
        update.build().execute(&mut *tx).await?;
    }

    // 4. Answers: /restart clears, a new answer supersedes the old one.
    let cleared: Vec<i64> = committed
        .iter()
        .filter(|(i, _)| prepared[*i].turn.events.contains(&Event::AnswersCleared))
        .map(|(_, id)| *id)
        .collect();
    for chunk in cleared.chunks(ROWS_PER_STATEMENT) {
        let mut update =
            QueryBuilder::<Sqlite>::new("UPDATE answers SET current = 0 WHERE lead_id IN (");
        let mut ids = update.separated(", ");
        for id in chunk {
            ids.push_bind(*id);
        }
        update.push(")");
        update.build().execute(&mut *tx).await?;
    }
    let answers: Vec<(i64, &AnswerRow)> = committed
        .iter()
        .flat_map(|(i, id)| prepared[*i].answers.iter().map(move |a| (*id, a)))
        .collect();
    for chunk in answers.chunks(ROWS_PER_STATEMENT) {
        let mut supersede = QueryBuilder::<Sqlite>::new(
            "UPDATE answers SET current = 0 WHERE (lead_id, question_id) IN (",
        );
        supersede.push_values(chunk, |mut row, (id, a)| {
            row.push_bind(*id).push_bind(a.0.to_owned());
        });
        supersede.push(")");
        supersede.build().execute(&mut *tx).await?;
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO answers (lead_id, question_id, criterion, raw_text, value, current, answered_at) ",
        );
        insert.push_values(chunk, |mut row, (id, a)| {
            row.push_bind(*id)
                .push_bind(a.0.to_owned())
                .push_bind(a.1)
                .push_bind(a.2.to_owned())
                .push_bind(a.3.clone())
                .push_bind(1i64)
                .push_bind(a.4);
        });
        insert.build().execute(&mut *tx).await?;
    }

    // 5. Stages, each once per lead.
    let stages: Vec<(i64, Stage, DateTime<Utc>)> = committed
        .iter()
        .flat_map(|(i, id)| {
            let turn = prepared[*i].turn;
            turn.events.iter().filter_map(move |e| match e {
                Event::StageReached { stage } => Some((*id, *stage, turn.at)),
                _ => None,
            })
        })
        .collect();
    for chunk in stages.chunks(ROWS_PER_STATEMENT) {
        let mut insert =
            QueryBuilder::<Sqlite>::new("INSERT INTO stage_events (lead_id, stage, at) ");
        insert.push_values(chunk, |mut row, (id, stage, at)| {
            row.push_bind(*id).push_bind(stage.as_str()).push_bind(*at);
        });
        insert.push(" ON CONFLICT DO NOTHING");
        insert.build().execute(&mut *tx).await?;
    }

    // 6. The outbox: replies (whose ids the callers deliver) and alerts.
    let mut rows: Vec<(usize, i64, Channel, &str, &str, &str)> = Vec::new();
    for (i, id) in &committed {
        let p = &prepared[*i];
        if let Some(reply) = &p.reply {
            rows.push((
                *i,
                *id,
                p.turn.key.channel,
                &p.turn.key.user,
                "reply",
                reply,
            ));
        }
        for (alert, payload) in p.turn.alerts.iter().zip(&p.alerts) {
            rows.push((*i, *id, alert.channel, &alert.recipient, "alert", payload));
        }
    }
    let mut reply_ids: HashMap<i64, i64> = HashMap::new();
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO outbox (channel, recipient, lead_id, kind, payload, created_at, next_attempt_at) ",
        );
        insert.push_values(
            chunk,
            |mut row, (i, id, channel, recipient, kind, payload)| {
                let at = prepared[*i].turn.at;
                row.push_bind(channel.as_str())
                    .push_bind(recipient.to_string())
                    .push_bind(*id)
                    .push_bind(*kind)
                    .push_bind(payload.to_string())
                    .push_bind(at)
                    .push_bind(at);
            },
        );
        insert.push(" RETURNING id, lead_id, kind");
        for row in insert.build().fetch_all(&mut *tx).await? {
            let kind: String = row.try_get(2)?;
            if kind == "reply" {
                // One committed turn per lead in a batch (a second one would
                // have conflicted), so the lead names its reply.
                reply_ids.insert(row.try_get(1)?, row.try_get(0)?);
            }
        }
    }
    // Flood control over every chat that got a reply, a statement per
    // channel.
    for channel in Channel::ALL {
        let recipients: Vec<&str> = committed
            .iter()
            .map(|(i, _)| prepared[*i].turn)
            .filter(|turn| turn.reply.is_some() && turn.key.channel == channel)
            .map(|turn| turn.key.user.as_str())
            .collect();
        let at = committed
            .iter()
            .map(|(i, _)| prepared[*i].turn.at)
            .max()
            .unwrap_or_else(Utc::now);
        super::sqlite::limit_pending_replies(&mut tx, channel, &recipients, at).await?;
    }
    // 7. Edits of alerts whose lead changed an answer (rare: a statement
    //    or two each).
    for (i, id) in &committed {
        let turn = prepared[*i].turn;
        if let Some(edit) = &turn.alert_edit {
            super::sqlite::queue_alert_edits(&mut tx, *id, edit, turn.at).await?;
        }
    }
    tx.commit().await?;

    for (i, lead_id) in committed {
        let turn = prepared[i].turn;
        let outbox = match (&turn.reply, reply_ids.get(&lead_id)) {
            (Some(reply), Some(id)) => vec![OutboxMessage {
                id: *id,
                channel: turn.key.channel,
                recipient: turn.key.user.clone(),
                lead_id: Some(lead_id),
                kind: OutboxKind::Reply,
                payload: reply.clone(),
                attempts: 0,
                parts_sent: 0,
            }],
            _ => Vec::new(),
        };
        outcomes[i] = Some(CommitOutcome::Committed { lead_id, outbox });
    }
    Ok(outcomes
        .into_iter()
        .map(|o| o.unwrap_or(CommitOutcome::Conflict))
        .collect())
}

fn push_lead_columns<'a>(
    row: &mut sqlx::query_builder::Separated<'_, 'a, Sqlite, &'static str>,
    p: &Prepared<'_>,
) {
    let turn = p.turn;
    let consent = turn.state.consent;
    row.push_bind(turn.key.channel.as_str())
        .push_bind(turn.key.user.clone())
        .push_bind(turn.display_name.clone())
        .push_bind(turn.state.language.map(Language::code))
        .push_bind(turn.state.source.clone())
        .push_bind(turn.view.stage.map(Stage::as_str))
        .push_bind(turn.view.temperature.as_str())
        .push_bind(met_to_text(&turn.view.met))
        .push_bind(turn.state.step.name())
        .push_bind(turn.state.step.question().map(str::to_owned))
        .push_bind(consent.map(|c| c.at))
        .push_bind(consent.map(|c| i64::from(c.notice_version)))
        .push_bind(p.state.clone());
}

fn collect_ids(
    rows: Vec<sqlx::sqlite::SqliteRow>,
    ids: &mut HashMap<(Channel, String), i64>,
) -> Result<(), StoreError> {
    for row in rows {
        let channel: String = row.try_get(1)?;
        let Some(channel) = Channel::parse(&channel) else {
            continue;
        };
        ids.insert((channel, row.try_get(2)?), row.try_get(0)?);
    }
    Ok(())
}
