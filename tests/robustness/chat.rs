//! Random conversations through the pure engine: texts, pressed buttons
//! (offered, stale or made up), numbers, commands, contacts, stickers and
//! edits, for a prospect with any name and language hint.

use crate::inputs::{answer_text, name, piece};
use chrono::{DateTime, TimeZone, Utc};
use leadbot::core::questionnaire::QuestionKind;
use leadbot::core::{
    handle, Command, Context, Conversation, Decision, Input, Language, Outbound, Profile,
    Questionnaire, ScoringPolicy, Step, Unsupported,
};
use proptest::prelude::*;
use proptest::sample::Index;

/// One thing the prospect does.
#[derive(Debug, Clone)]
pub enum Act {
    Text(String),
    /// A button of the last reply (any made-up payload if it had none).
    Press(Index),
    /// A payload no reply offered.
    Payload(String),
    /// Types the number of a choice, with or without a dot.
    Number(usize, bool),
    /// A reasonable answer to whatever is asked, as long as it can be:
    /// drives conversations to the summary.
    Answer(String),
    Command(Command),
    Contact(String),
    Media,
    Edit,
}

/// A conversation: who, for which business, and what they do.
#[derive(Debug, Clone)]
pub struct Script {
    pub language: Option<Language>,
    pub display_name: Option<String>,
    pub business: Option<String>,
    pub acts: Vec<Act>,
}

pub fn language() -> BoxedStrategy<Language> {
    prop::sample::select(Language::ALL.to_vec()).boxed()
}

fn command() -> BoxedStrategy<Command> {
    prop_oneof![
        prop::option::of(answer_text()).prop_map(|payload| Command::Start { payload }),
        Just(Command::Start { payload: None }),
        Just(Command::Restart),
        Just(Command::Language),
        Just(Command::Help),
        Just(Command::Cancel),
    ]
    .boxed()
}

fn payload() -> BoxedStrategy<String> {
    prop_oneof![
        prop::sample::select(vec![
            "lang:bn",
            "lang:xx",
            "lang:",
            "consent:yes",
            "consent:no",
            "confirm:yes",
            "confirm:no",
            "need:website",
            "need:other",
            "need:",
            "budget:above_2l",
            "budget:undecided",
            "authority:self",
            "authority:other",
            "timeframe:yes",
            "claim:42",
            "need_detail:x",
            ":",
            "",
        ])
        .prop_map(str::to_owned),
        "[a-z_]{0,30}:[a-z_0-9]{0,30}",
        answer_text(),
    ]
    .boxed()
}

pub fn act() -> BoxedStrategy<Act> {
    prop_oneof![
        4 => answer_text().prop_map(Act::Text),
        4 => any::<Index>().prop_map(Act::Press),
        4 => prop::collection::vec(piece(), 0..4).prop_map(|p| Act::Answer(p.concat())),
        1 => payload().prop_map(Act::Payload),
        1 => (0usize..12, any::<bool>()).prop_map(|(n, dot)| Act::Number(n, dot)),
        1 => command().prop_map(Act::Command),
        1 => prop_oneof![Just("+8801712345678".to_owned()), answer_text()].prop_map(Act::Contact),
        1 => Just(Act::Media),
        1 => Just(Act::Edit),
    ]
    .boxed()
}

/// A conversation of up to `acts` steps, by a prospect with a name of up
/// to `name_chars` and a business name of up to `business_chars`.
pub fn script(acts: usize, name_chars: usize, business_chars: usize) -> BoxedStrategy<Script> {
    (
        prop::option::of(language()),
        prop::option::of(name(name_chars)),
        prop::option::of(name(business_chars)),
        prop::collection::vec(act(), 1..acts),
    )
        .prop_map(|(language, display_name, business, acts)| Script {
            language,
            display_name,
            business,
            acts,
        })
        .boxed()
}

/// The instant every conversation happens at.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap()
}

/// Plays a script; `check` sees each input with the engine's decision and
/// may fail the case.
pub fn play(
    questionnaire: &Questionnaire,
    script: &Script,
    mut check: impl FnMut(&Input, &Decision) -> Result<(), String>,
) -> Result<Conversation, String> {
    let policy = ScoringPolicy::default();
    let profile = Profile {
        display_name: script.display_name.clone(),
        language_hint: script.language,
        link: None,
        reachable: false,
    };
    let ctx = Context {
        questionnaire,
        policy: &policy,
        business_name: script.business.as_deref(),
        retention_days: 180,
        now: now(),
        profile: &profile,
        key: &leadbot::core::ConversationKey::new(leadbot::core::Channel::Console, "fuzz"),
        lead_id: Some(1),
        sales_language: leadbot::core::Language::En,
        promise: &Default::default(),
    };
    let mut state = Conversation::default();
    let mut last: Option<Outbound> = None;
    for act in &script.acts {
        let input = input(act, last.as_ref(), questionnaire, &state);
        let decision = handle(&ctx, state, &input);
        check(&input, &decision)?;
        state = decision.state;
        if decision.reply.is_some() {
            last = decision.reply;
        }
    }
    Ok(state)
}

fn input(
    act: &Act,
    last: Option<&Outbound>,
    questionnaire: &Questionnaire,
    state: &Conversation,
) -> Input {
    let offered = last.map(|r| r.choices.as_slice()).unwrap_or_default();
    match act {
        Act::Text(text) => Input::Text { text: text.clone() },
        Act::Press(index) if !offered.is_empty() => Input::Choice {
            payload: index.get(offered).payload.clone(),
        },
        Act::Press(_) => Input::Choice {
            payload: "need:website".into(),
        },
        Act::Payload(payload) => Input::Choice {
            payload: payload.clone(),
        },
        Act::Number(n, dot) => Input::Text {
            text: format!("{n}{}", if *dot { "." } else { "" }),
        },
        Act::Answer(extra) => answer(questionnaire, state, offered, extra),
        Act::Command(command) => Input::Command(command.clone()),
        Act::Contact(phone) => Input::Contact {
            phone: phone.clone(),
        },
        Act::Media => Input::Unsupported {
            what: Unsupported::Media,
        },
        Act::Edit => Input::Unsupported {
            what: Unsupported::Edit,
        },
    }
}

/// An answer the current question can take, with `extra` where free text
/// is asked for (so that long answers reach the summary and the alert).
fn answer(
    questionnaire: &Questionnaire,
    state: &Conversation,
    offered: &[leadbot::core::Choice],
    extra: &str,
) -> Input {
    let text = |t: &str| Input::Text { text: t.to_owned() };
    let press = |p: &str| Input::Choice {
        payload: p.to_owned(),
    };
    let question = match &state.step {
        Step::AwaitingConsent => return press("consent:yes"),
        Step::Confirming { .. } => return press("confirm:yes"),
        Step::Asking {
            follow_up: Some(_), ..
        } => return text(&format!("a mobile game {extra}")),
        Step::Asking { question, .. } => questionnaire.question(question),
        _ => None,
    };
    let Some(question) = question else {
        return match offered.first() {
            Some(choice) => press(&choice.payload),
            None => Input::Command(Command::Start { payload: None }),
        };
    };
    match question.kind {
        QuestionKind::Money => text("২ লাখ টাকা"),
        QuestionKind::Timeframe => text("this month"),
        QuestionKind::Phone | QuestionKind::Contact => text("01712345678"),
        QuestionKind::Email => text("rahim@example.com"),
        QuestionKind::YesNo => text("yes"),
        QuestionKind::FreeText => text(&format!("we sell saris {extra}")),
        // The last option: "something else" where there is one.
        QuestionKind::SingleChoice => match question.options.last() {
            Some(option) => press(&format!("{}:{}", question.id, option.id)),
            None => text(extra),
        },
    }
}
