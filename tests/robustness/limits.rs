//! The platforms' limits as properties, in English, Bengali and Hindi: every
//! Telegram message part ≤ 4096 and every Discord part ≤ 2000 characters,
//! callback data ≤ 64 bytes, custom ids ≤ 100 characters, no button dropped.
//!
//! Lengths are counted in UTF-16 code units, as `channels::text::units` and
//! the splitter count them: an emoji is 2. Telegram counts the text after
//! its HTML is parsed (`&amp;` is one character), so parts are unescaped
//! first. Discord counts code points, which UTF-16 never undercounts.

use crate::chat::{act, play, Act, Script};
use crate::harness::fuzz;
use crate::inputs::{answer_text, name};
use chrono::{NaiveDate, TimeZone, Utc};
use leadbot::channels::text::{cut, units, with_paragraph};
use leadbot::channels::{discord, telegram};
use leadbot::core::alert::{alert, Prospect};
use leadbot::core::message::ids;
use leadbot::core::{
    Answer, AnswerValue, Arg, Budget, Channel, Choice, Conversation, Currency, Language, Msg,
    Outbound, Questionnaire, ScoringPolicy, Step, Timeframe,
};
use leadbot::i18n::Localizer;
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

/// Discord's limit for a command's or an option's description.
const DISCORD_DESCRIPTION_CHARS: usize = 100;
/// Telegram's limit for a bot command's description.
const TELEGRAM_DESCRIPTION_CHARS: usize = 256;
/// The longest Telegram full name: first and last name of 64 each.
const NAME_CHARS: usize = 129;

pub fn localizer() -> &'static Localizer {
    static LOCALIZER: OnceLock<Localizer> = OnceLock::new();
    LOCALIZER.get_or_init(Localizer::embedded)
}

/// The one place a reply is built by hand (the staff replies), so that a
/// new field of `Outbound` is a one-line change here.
fn outbound(language: Language, paragraphs: Vec<Msg>, choices: Vec<Choice>) -> Outbound {
    Outbound {
        language: Some(language),
        paragraphs,
        choices,
        expect: Default::default(),
        link: None,
        ..Default::default()
    }
}

fn unescape_html(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Checks `reply` as Telegram messages; returns the text of the last part
/// as Telegram shows it.
fn telegram_fits(reply: &Outbound) -> Result<String, String> {
    let parts = telegram::render::render(localizer(), reply);
    let mut buttons = 0;
    let mut last = String::new();
    for part in &parts {
        let text = unescape_html(&part.html);
        if units(&text) > telegram::render::MAX_CHARS || text.trim().is_empty() {
            return Err(format!(
                "a Telegram part of {} units: {:?}",
                units(&text),
                crate::harness::shorten(&text, 200)
            ));
        }
        let markup = serde_json::to_value(&part.markup).map_err(|e| e.to_string())?;
        let rows = markup["inline_keyboard"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for button in rows.iter().filter_map(Value::as_array).flatten() {
            if let Some(data) = button["callback_data"].as_str() {
                buttons += 1;
                if data.len() > telegram::render::MAX_CALLBACK_BYTES {
                    return Err(format!("callback data of {} bytes: {data}", data.len()));
                }
            }
        }
        last = text;
    }
    if reply.link.is_none() && buttons != reply.choices.len() {
        return Err(format!(
            "{} choices, {buttons} Telegram buttons",
            reply.choices.len()
        ));
    }
    Ok(last)
}

/// Checks `reply` as Discord messages; returns the content of the last part.
fn discord_fits(reply: &Outbound) -> Result<String, String> {
    let parts = discord::render::render(localizer(), reply);
    let mut buttons = 0;
    let mut last = String::new();
    for part in &parts {
        let json = serde_json::to_value(part).map_err(|e| e.to_string())?;
        let content = json["content"].as_str().unwrap_or_default().to_owned();
        if units(&content) > discord::render::MAX_CHARS || content.trim().is_empty() {
            return Err(format!(
                "a Discord part of {} units: {:?}",
                units(&content),
                crate::harness::shorten(&content, 200)
            ));
        }
        let rows = json["components"].as_array().cloned().unwrap_or_default();
        if rows.len() > 5 {
            return Err(format!("{} rows of buttons", rows.len()));
        }
        for row in &rows {
            let row = row["components"].as_array().cloned().unwrap_or_default();
            if row.len() > 5 {
                return Err(format!("{} buttons in a row", row.len()));
            }
            for button in &row {
                let label = button["label"].as_str().unwrap_or_default();
                if label.chars().count() > 80 {
                    return Err(format!("a button label of {} chars", label.chars().count()));
                }
                if let Some(id) = button["custom_id"].as_str() {
                    buttons += 1;
                    if id.chars().count() > discord::render::MAX_CUSTOM_ID {
                        return Err(format!("a custom id of {} chars: {id}", id.chars().count()));
                    }
                }
            }
        }
        last = content;
    }
    if buttons != reply.choices.len() {
        return Err(format!(
            "{} choices, {buttons} Discord buttons",
            reply.choices.len()
        ));
    }
    Ok(last)
}

pub fn fits_everywhere(reply: &Outbound) -> Result<(), String> {
    telegram_fits(reply)?;
    discord_fits(reply)?;
    Ok(())
}

/// Text of `chars` chars at most, of the widest kind now and then: emoji
/// (two UTF-16 units each) and `&` (five bytes once escaped).
fn long_text(chars: usize) -> BoxedStrategy<String> {
    prop_oneof![
        answer_text(),
        Just("😂".repeat(chars)),
        Just("&".repeat(chars)),
        Just("ক".repeat(chars)),
        (answer_text(), 1..=chars).prop_map(|(t, n)| t.chars().cycle().take(n).collect()),
    ]
    .prop_map(move |mut t| {
        crate::inputs::cut(&mut t, chars);
        t
    })
    .boxed()
}

/// A conversation with long names, long answers, and answers to whatever is
/// asked so that many reach the summary.
fn long_script() -> BoxedStrategy<Script> {
    let step = prop_oneof![
        3 => act(),
        2 => long_text(4096).prop_map(Act::Answer),
        1 => long_text(4096).prop_map(Act::Text),
    ];
    (
        prop::option::of(name(NAME_CHARS)),
        prop::option::of(name(300)),
        prop::collection::vec(step, 1..60),
    )
        .prop_map(|(display_name, business, acts)| Script {
            language: None,
            display_name,
            business,
            acts,
        })
        .boxed()
}

#[test]
fn every_reply_of_a_random_conversation_fits_telegram_and_discord_in_every_language() {
    let questionnaire = Questionnaire::builtin();
    fuzz("limits-replies", 60, long_script(), |script| {
        for language in Language::ALL {
            let script = Script {
                language: Some(language),
                ..script.clone()
            };
            play(&questionnaire, &script, |_, decision| {
                match &decision.reply {
                    Some(reply) => fits_everywhere(reply),
                    None => Ok(()),
                }
            })?;
        }
        Ok(())
    });
}

/// The longest summary there is: every answer at its longest and widest.
#[test]
fn the_summary_of_the_longest_answers_fits_in_every_language() {
    let questionnaire = Questionnaire::builtin();
    let essay = "😂".repeat(4096);
    // Start, consent, need (something else), its detail, budget, its
    // confirmation, authority (someone else), who, timeframe; then contact.
    let mut acts = vec![Act::Answer(essay); 9];
    acts.push(Act::Text(format!("a@{}.com", "b".repeat(4000))));
    for language in Language::ALL {
        let script = Script {
            language: Some(language),
            display_name: Some("😂".repeat(NAME_CHARS)),
            business: Some("&".repeat(300)),
            acts: acts.clone(),
        };
        let mut summaries = 0;

        let state = play(&questionnaire, &script, |_, decision| {
            let reply = decision.reply.as_ref().ok_or("no reply")?;
            summaries += usize::from(reply.paragraphs.iter().any(|p| p.id == ids::SUMMARY_TITLE));
            fits_everywhere(reply)
        })
        .unwrap();

        assert_eq!(state.step, Step::Finished, "{language}: {state:?}");
        assert_eq!(summaries, 1, "{language}");
    }
}

/// A finished conversation with every answer at its worst.
#[derive(Debug, Clone)]
struct Worst {
    raw: [String; 7],
    budget: Budget,
    date: NaiveDate,
    email: String,
    display_name: Option<String>,
    handle: Option<String>,
    source: Option<String>,
    lead_id: i64,
    channel: Channel,
    user: String,
    spoken: Option<Language>,
    staff_name: String,
}

fn budget() -> BoxedStrategy<Budget> {
    let currency = prop::option::of(prop::sample::select(vec![
        Currency::Bdt,
        Currency::Inr,
        Currency::Usd,
    ]));
    let amount = prop_oneof![Just(u64::MAX), any::<u64>(), 0u64..10_000_000];
    prop_oneof![
        (amount.clone(), currency.clone())
            .prop_map(|(amount, currency)| Budget::Amount { amount, currency }),
        (amount.clone(), amount.clone(), currency.clone()).prop_map(|(a, b, currency)| {
            Budget::Range {
                min: a.min(b),
                max: a.max(b),
                currency,
            }
        }),
        (amount.clone(), currency.clone())
            .prop_map(|(amount, currency)| Budget::AtMost { amount, currency }),
        (amount, currency).prop_map(|(amount, currency)| Budget::AtLeast { amount, currency }),
        Just(Budget::Undecided),
    ]
    .boxed()
}

fn worst() -> BoxedStrategy<Worst> {
    let raws = [(); 7].map(|_| long_text(engine_max()));
    (
        (raws, budget(), (1i32..=9999, 1u32..=365), long_text(4000)),
        (
            prop::option::of(name(NAME_CHARS)),
            prop::option::of("[A-Za-z0-9_]{5,32}"),
            prop::option::of(long_text(64)),
        ),
        (
            any::<i64>(),
            prop::sample::select(Channel::ALL.to_vec()),
            "[0-9]{1,20}",
            prop::option::of(crate::chat::language()),
            name(NAME_CHARS),
        ),
    )
        .prop_map(
            |(
                (raw, budget, (year, day), email),
                (display_name, handle, source),
                (lead_id, channel, user, spoken, staff_name),
            )| Worst {
                raw,
                budget,
                date: NaiveDate::from_yo_opt(year, day).expect("day 1 to 365"),
                email: format!(
                    "a@{}.com",
                    email
                        .chars()
                        .filter(char::is_ascii_alphanumeric)
                        .collect::<String>()
                ),
                display_name,
                handle,
                source,
                lead_id,
                channel,
                user,
                spoken,
                // Platforms keep names on one line.
                staff_name: staff_name.replace(['\n', '\r'], " "),
            },
        )
        .boxed()
}

fn engine_max() -> usize {
    leadbot::core::engine::MAX_ANSWER_CHARS
}

fn finished(worst: &Worst) -> Conversation {
    let at = Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
    let values = [
        (
            "need",
            AnswerValue::Choice {
                option: "other".into(),
            },
        ),
        (
            "need_detail",
            AnswerValue::Text {
                text: worst.raw[1].clone(),
            },
        ),
        (
            "budget",
            AnswerValue::Budget {
                budget: worst.budget,
            },
        ),
        (
            "authority",
            AnswerValue::Choice {
                option: "other".into(),
            },
        ),
        (
            "authority_who",
            AnswerValue::Text {
                text: worst.raw[4].clone(),
            },
        ),
        (
            "timeframe",
            AnswerValue::Timeframe {
                timeframe: Timeframe::By {
                    date: worst.date,
                    event: None,
                },
            },
        ),
        (
            "contact",
            AnswerValue::Email {
                address: worst.email.clone(),
            },
        ),
    ];
    let mut state = Conversation {
        language: worst.spoken,
        step: Step::Finished,
        source: worst.source.clone(),
        ..Default::default()
    };
    for (i, (question, value)) in values.into_iter().enumerate() {
        let answer = Answer {
            raw: worst.raw[i].clone(),
            value,
            at,
        };
        state.answers.insert(question.into(), answer);
    }
    state
}

/// What a salesperson's press adds under the alert: the claim, then the
/// result, each on its own paragraph (the alert is edited in place).
fn pressed_lines(language: Language, staff_name: &str) -> [String; 2] {
    let line = |id: &str| localizer().render(language, &Msg::new(id).text("name", staff_name));
    [line(ids::ALERT_CLAIMED_BY), line(ids::ALERT_RESULT_WON)]
}

#[test]
fn the_hot_lead_alert_with_the_worst_answers_fits_in_every_language_even_once_claimed_and_won() {
    let questionnaire = Questionnaire::builtin();
    let policy = ScoringPolicy::default();
    fuzz("limits-alert", 200, worst(), |worst| {
        let state = finished(worst);
        // The longest link each platform's adapter writes for this user.
        let link = match worst.channel {
            Channel::Telegram => leadbot::channels::telegram::mapping::profile_link(
                &worst.user,
                worst.handle.as_deref(),
            ),
            Channel::Discord => leadbot::channels::discord::mapping::profile_link(&worst.user),
            Channel::Console => format!("console:{}", worst.user),
        };
        let prospect = Prospect {
            lead_id: worst.lead_id,
            channel: worst.channel,
            user: &worst.user,
            display_name: worst.display_name.as_deref(),
            link: Some(&link),
        };
        for language in Language::ALL {
            let at = Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
            let reply = alert(&questionnaire, &policy, &state, &prospect, at, language);
            let telegram_last = telegram_fits(&reply)?;
            let discord_last = discord_fits(&reply)?;
            // The edits after Claim, then Won, as the handlers build them.
            let [claimed, won] = pressed_lines(language, &worst.staff_name);
            for (last, max) in [
                (telegram_last, telegram::render::MAX_CHARS),
                (discord_last, discord::render::MAX_CHARS),
            ] {
                let after_claim = with_paragraph(&last, &claimed, max);
                let after_won = with_paragraph(&after_claim, &won, max);
                if units(&after_won) > max {
                    return Err(format!(
                        "the alert edited after Won has {} units, over {max}",
                        units(&after_won)
                    ));
                }
                if !after_won.ends_with(&format!("{claimed}\n\n{won}")) {
                    return Err(format!("the press lines were cut: {after_won:?}"));
                }
            }
        }
        Ok(())
    });
}

#[test]
fn the_notes_on_a_pressed_alert_button_fit_telegrams_200_characters() {
    for language in Language::ALL {
        let name = "😂".repeat(NAME_CHARS);
        let notes = [
            Msg::new(ids::ALERT_ALREADY_CLAIMED).text("name", &name),
            Msg::new(ids::STAFF_NOT_ALLOWED),
            Msg::new(ids::ALERT_CLAIM_FIRST),
        ];

        for note in notes {
            let text = localizer().render(language, &note);

            // As `Handler::answer` sends it.
            let sent = cut(&text, telegram::render::MAX_NOTE_CHARS);

            assert!(
                units(sent) <= 200,
                "{language}: {} units: {sent}",
                units(sent)
            );
            assert!(text.starts_with(sent) && !sent.is_empty());
        }
    }
}

/// The staff replies as `leadbot::staff::answer` builds them, at their
/// longest: 50 leads, or one lead with every answer at its longest.
fn staff_reply(language: Language, names: &[String], words: &[String], big: i64) -> [Outbound; 3] {
    let lead_line = |id: i64, name: &str| {
        Msg::new(ids::STAFF_LEAD_LINE)
            .int("id", id)
            .text("name", name)
            .text("temperature", "warm")
            .text("stage", "marketing_qualified")
    };
    let leads = names.iter().map(|n| lead_line(big, n)).collect();
    let mut lead = vec![lead_line(big, &names[0])];
    for word in words {
        lead.push(
            Msg::new(ids::STAFF_LEAD_ANSWER)
                .text("question", "a_question_id_of_24_char")
                .text("words", word),
        );
    }
    for _ in 0..6 {
        lead.push(
            Msg::new(ids::STAFF_LEAD_STAGE)
                .text("stage", "information_qualified")
                .arg("date", Arg::Date(NaiveDate::MAX)),
        );
    }
    let stats = [7, 30]
        .map(|days| {
            ["leads", "iq", "mq", "sq", "sa", "won", "lost"]
                .into_iter()
                .fold(Msg::new(ids::STAFF_STATS).int("days", days), |msg, key| {
                    msg.int(key, big)
                })
        })
        .to_vec();
    [
        outbound(language, leads, Vec::new()),
        outbound(language, lead, Vec::new()),
        outbound(language, stats, Vec::new()),
    ]
}

#[test]
fn staff_replies_at_their_longest_fit_telegram_in_every_language() {
    let strategy = (
        prop::collection::vec(name(NAME_CHARS), 1..=50),
        prop::collection::vec(long_text(engine_max()), 0..12),
        any::<i64>(),
    );
    fuzz("limits-staff", 100, strategy, |(names, words, big)| {
        for language in Language::ALL {
            // Staff replies go to Telegram through the outbox; on Discord
            // they are one ephemeral message, cut by the handler.
            for reply in staff_reply(language, names, words, *big) {
                telegram_fits(&reply)?;
            }
        }
        Ok(())
    });
}

#[test]
fn command_descriptions_fit_telegram_and_discord_in_every_language() {
    let telegram_ids = [
        ids::COMMAND_START,
        ids::COMMAND_RESTART,
        ids::COMMAND_LANGUAGE,
        ids::COMMAND_HELP,
        ids::COMMAND_CANCEL,
    ];
    let discord_ids = [
        ids::DISCORD_QUALIFY_DESCRIPTION,
        ids::DISCORD_LEADS_DESCRIPTION,
        ids::DISCORD_LEAD_DESCRIPTION,
        ids::DISCORD_STATS_DESCRIPTION,
        ids::DISCORD_OPTION_TEMPERATURE,
        ids::DISCORD_OPTION_COUNT,
        ids::DISCORD_OPTION_ID,
    ];
    for language in Language::ALL {
        for (ids, max) in [
            (&telegram_ids[..], TELEGRAM_DESCRIPTION_CHARS),
            (&discord_ids[..], DISCORD_DESCRIPTION_CHARS),
        ] {
            for id in ids {
                let text = localizer().render(language, &Msg::new(*id));

                let length = text.chars().count();

                assert!(
                    (1..=max).contains(&length),
                    "{language} {id}: {length} chars"
                );
            }
        }
    }
}

/// Payloads name a question and an option, both at most 24 characters of
/// a-z, 0-9 and _: the longest fit both platforms with room to spare.
#[test]
fn the_longest_payload_a_questionnaire_allows_fits_callback_data_and_custom_ids() {
    let id = "a".repeat(24);
    let reply = outbound(
        Language::Bn,
        vec![Msg::new("q-need")],
        vec![Choice {
            payload: format!("{id}:{id}"),
            label: Msg::new("need-website"),
        }],
    );

    let checked = fits_everywhere(&reply);

    assert_eq!(checked, Ok(()));
}

/// Discord shows at most 25 buttons (5 rows of 5); a question with more
/// options loses the rest there.
#[test]
fn a_question_with_more_options_than_discord_shows_is_reported() {
    let choices = (0..26)
        .map(|i| Choice {
            payload: format!("need:option_{i}"),
            label: Msg::new("need-website"),
        })
        .collect();
    let reply = outbound(Language::En, vec![Msg::new("q-need")], choices);

    let checked = discord_fits(&reply);

    assert_eq!(checked, Err("26 choices, 25 Discord buttons".to_owned()));
}

/// Found by the alert target: the alert's last part can fill Discord's 2000
/// characters, and the edit after Claim added a line to it (2001 units, so
/// Discord refused the edit). The handlers now cut the alert, not the line.
#[test]
fn a_full_alert_keeps_its_claim_and_result_lines_within_discords_limit() {
    let alert_of = |emoji: usize| {
        let worst = Worst {
            raw: [(); 7].map(|_| "😂".repeat(emoji)),
            budget: Budget::Undecided,
            date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            email: "rahim@example.com".into(),
            display_name: Some("Rahim".into()),
            handle: None,
            source: None,
            lead_id: 42,
            channel: Channel::Discord,
            user: "42".into(),
            spoken: Some(Language::Bn),
            staff_name: "Sunita".into(),
        };
        let prospect = Prospect {
            lead_id: 42,
            channel: Channel::Discord,
            user: "42",
            display_name: Some("Rahim"),
            link: Some("<@42>"),
        };
        let at = Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
        let state = finished(&worst);
        let policy = ScoringPolicy::default();
        alert(
            &Questionnaire::builtin(),
            &policy,
            &state,
            &prospect,
            at,
            Language::En,
        )
    };
    let [claimed, won] = pressed_lines(Language::En, "Sunita");
    // Answers of the length that leaves no room for the line under the alert.
    let last = (1..=engine_max())
        .rev()
        .map(|emoji| discord_fits(&alert_of(emoji)).unwrap())
        .find(|last| units(last) + 2 + units(&claimed) > 2000)
        .expect("some answer length fills the last part");

    let edited = with_paragraph(&with_paragraph(&last, &claimed, 2000), &won, 2000);

    assert!(units(&edited) <= 2000, "{} units", units(&edited));
    assert!(edited.ends_with(&format!("{claimed}\n\n{won}")), "{edited}");
}
