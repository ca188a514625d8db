//! Target 1: every parser of untrusted text, and the engine over random
//! conversations, never panic and answer within the time bound.

use crate::chat::{play, script};
use crate::harness::fuzz;
use crate::inputs::answer_text;
use chrono::NaiveDate;
use leadbot::core::alert::SalesButton;
use leadbot::core::report::{report, Kind};
use leadbot::core::staff::StaffCommand;
use leadbot::core::{
    Channel, Command, Conversation, Input, Language, Questionnaire, Stage, Temperature,
};
use leadbot::parse::choice::OptionWords;
use leadbot::parse::{self, numerals, phrases};
use proptest::prelude::*;

const KINDS: [Kind; 6] = [
    Kind::Money,
    Kind::Timeframe,
    Kind::YesNo,
    Kind::Authority,
    Kind::Phone,
    Kind::Email,
];

/// A day between 2000 and 2099: leap days and month ends included.
fn today() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2100, 1u32..=366).prop_map(|(year, day)| {
        NaiveDate::from_yo_opt(year, day)
            .unwrap_or_else(|| NaiveDate::from_yo_opt(year, 365).unwrap())
    })
}

/// Runs every parser on `text`; `Err` says which property broke.
fn parse_everything(
    text: &str,
    today: NaiveDate,
    questionnaire: &Questionnaire,
) -> Result<(), String> {
    let normalized = parse::normalize(text);
    let words = parse::tokens(&normalized);
    if let Some(word) = words
        .iter()
        .find(|w| w.is_empty() || !normalized.contains(**w))
    {
        return Err(format!("token {word:?} is not a word of {normalized:?}"));
    }
    for word in &words {
        numerals::number_word(word);
        numerals::fraction_word(word);
        phrases::stems(word).for_each(drop);
    }
    let reading = parse::read_budget(text);
    if parse::parse_budget(text) != reading.clone().value() {
        return Err("parse_budget and read_budget disagree".into());
    }
    if let parse::Reading::Choose(readings) = &reading {
        if readings.len() < 2 {
            return Err("a choice of fewer than two readings".into());
        }
    }
    parse::parse_timeframe(text, today);
    parse::parse_authority(text);
    parse::parse_contact(text);
    let _ = parse::parse_phone(text);
    let _ = parse::parse_email(text);
    parse::parse_yes_no(text);
    parse::is_filler(text);
    for question in &questionnaire.questions {
        let options: Vec<_> = question
            .options
            .iter()
            .map(|o| OptionWords {
                id: &o.id,
                keywords: &o.keywords,
            })
            .collect();
        if parse::match_option(text, &options).is_some_and(|i| i >= options.len()) {
            return Err(format!(
                "match_option picked a missing option of {}",
                question.id
            ));
        }
    }
    for kind in KINDS {
        if !report(kind, text, today)["action"].is_string() {
            return Err(format!("report {kind:?} has no action"));
        }
    }
    // The other readers of what people and platforms send.
    Command::parse(text);
    StaffCommand::parse(text);
    SalesButton::parse(text);
    Language::from_hint(text);
    let _ = text.parse::<Language>();
    Channel::parse(text);
    Stage::parse(text);
    Temperature::parse(text);
    Ok(())
}

#[test]
fn any_answer_text_goes_through_every_parser_quietly() {
    let questionnaire = Questionnaire::builtin();
    fuzz(
        "parsers",
        2000,
        (answer_text(), today()),
        |(text, today)| parse_everything(text, *today, &questionnaire),
    );
}

/// Engine properties of one turn: a text always gets a reply, and the state
/// reads back from the JSON it is stored as.
pub fn turn_is_sound(input: &Input, decision: &leadbot::core::Decision) -> Result<(), String> {
    if matches!(input, Input::Text { .. }) && decision.reply.is_none() {
        return Err(format!("no reply to {input:?}"));
    }
    let json = serde_json::to_string(&decision.state).map_err(|e| e.to_string())?;
    let back: Conversation = serde_json::from_str(&json).map_err(|e| format!("{e}: {json}"))?;
    if back != decision.state {
        return Err(format!("state changed through JSON: {json}"));
    }
    Ok(())
}

#[test]
fn random_conversations_in_every_language_never_panic_and_always_answer_a_text() {
    let questionnaire = Questionnaire::builtin();
    fuzz("engine", 300, script(40, 80, 80), |script| {
        play(&questionnaire, script, turn_is_sound).map(drop)
    });
}
