//! Target 2: the questionnaire loader. Mutations of the built-in file and
//! randomly built files load or fail with a clean error naming the file,
//! never a panic; whatever loads survives a conversation and its rendering.

use crate::chat::{self, play, script, Act, Script};
use crate::harness::fuzz;
use crate::inputs::{apply, cut, piece, Edit};
use crate::limits::fits_everywhere;
use crate::parsers::turn_is_sound;
use leadbot::core::questionnaire::{DEFAULT_TOML, MAX_OPTION_DAYS};
use leadbot::core::{AnswerValue, Command, Criterion, Language, Questionnaire, Timeframe};
use leadbot::i18n::Localizer;
use proptest::prelude::*;
use proptest::sample::Index;
use std::sync::atomic::{AtomicU64, Ordering};
use toml::{Table, Value};

const SOURCE: &str = "fuzzed.toml";

fn localizer() -> &'static Localizer {
    crate::limits::localizer()
}

/// Lines worth adding to a questionnaire: valid, out of range, of the
/// wrong type, or breaking the structure.
const LINES: &[&str] = &[
    "[[questions]]",
    "[[questions.options]]",
    "[questions]",
    "questions = 5",
    "id = \"need\"",
    "id = \"\"",
    "id = \"an_identifier_longer_than_24\"",
    "id = \"Need\"",
    "criterion = \"profile\"",
    "criterion = \"wish\"",
    "kind = \"yes_no\"",
    "kind = \"single_choice\"",
    "kind = \"cash\"",
    "prompt = \"missing-id\"",
    "label = \"q-need\"",
    "meets = true",
    "meets = \"yes\"",
    "meets_when = \"no\"",
    "other = true",
    "undecided = true",
    "no_plan = true",
    "days = 0",
    "days = 4294967295",
    "days = 4294967296",
    "days = -1",
    "months = 0",
    "months = 1201",
    "months = 4294967295",
    "at_most = 9223372036854775807",
    "at_least = 0",
    "range = [200000, 50000]",
    "range = [1, 2, 3]",
    "range = []",
    "authority = \"decides\"",
    "authority = \"boss\"",
    "keywords = []",
    "keywords = [\"\", \" \", \"\\u0000\", \"২\"]",
    "keywords = [1, 2]",
    "follow_up = { id = \"need\", prompt = \"q-need\" }",
    "follow_up = { id = \"x\" }",
    "follow_up = \"later\"",
    "colour = 1",
    "x = { a = [ [ [ ] ] ] }",
    "'''",
    "\"\"\"",
    "= =",
    "#",
];

#[derive(Debug, Clone)]
enum LineEdit {
    Delete(Index),
    Duplicate(Index),
    Swap(Index, Index),
    Insert(Index, &'static str),
}

fn line_edit() -> impl Strategy<Value = LineEdit> {
    prop_oneof![
        2 => any::<Index>().prop_map(LineEdit::Delete),
        1 => any::<Index>().prop_map(LineEdit::Duplicate),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| LineEdit::Swap(a, b)),
        3 => (any::<Index>(), prop::sample::select(LINES)).prop_map(|(at, l)| LineEdit::Insert(at, l)),
    ]
}

fn char_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<Index>(), piece()).prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<Index>(), 1usize..8).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<Index>(), piece()).prop_map(|(at, s)| Edit::Replace(at, s)),
        any::<Index>().prop_map(Edit::Truncate),
    ]
}

/// The built-in file with whole lines changed (which keeps most of it
/// TOML, so that the checks after parsing get exercised) and then a few
/// chars changed.
fn mutated_default() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line_edit(), 0..5),
        prop_oneof![Just(Vec::new()), prop::collection::vec(char_edit(), 1..3)],
    )
        .prop_map(|(line_edits, char_edits)| {
            let mut lines: Vec<&str> = DEFAULT_TOML.lines().collect();
            for edit in line_edits {
                match edit {
                    LineEdit::Delete(i) if !lines.is_empty() => {
                        lines.remove(i.index(lines.len()));
                    }
                    LineEdit::Duplicate(i) if !lines.is_empty() => {
                        let at = i.index(lines.len());
                        lines.insert(at, lines[at]);
                    }
                    LineEdit::Swap(a, b) if !lines.is_empty() => {
                        let (a, b) = (a.index(lines.len()), b.index(lines.len()));
                        lines.swap(a, b);
                    }
                    LineEdit::Insert(i, line) => {
                        let at = i.index(lines.len() + 1);
                        lines.insert(at, line);
                    }
                    _ => {}
                }
            }
            let text = lines.join("\n");
            let mut text = apply(&text, &char_edits, &[]);
            cut(&mut text, 64 * 1024);
            text
        })
}

const PROMPTS: &[&str] = &[
    "q-need",
    "q-budget",
    "q-authority",
    "q-timeframe",
    "q-contact",
    "q-need-other",
    "missing-id",
];
const LABELS: &[&str] = &[
    "need-website",
    "need-other",
    "budget-undecided",
    "authority-self",
    "timeframe-one-month",
    "missing-id",
];
const KINDS: &[&str] = &[
    "single_choice",
    "yes_no",
    "money",
    "timeframe",
    "free_text",
    "phone",
    "email",
    "contact",
    "cash",
];

fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        100 => "[a-z][a-z0-9_]{0,9}",
        3 => prop::sample::select(vec!["need", "budget", "authority", "need_detail", "x"]).prop_map(str::to_owned),
        1 => "[a-z_]{25,30}",
        1 => "\\PC{0,10}",
    ]
}

/// An integer as TOML holds it (TOML integers are i64).
fn int() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => (0i64..1_000_000).prop_map(Value::Integer),
        3 => any::<u32>().prop_map(|n| Value::Integer(n.into())),
        1 => any::<i64>().prop_map(Value::Integer),
    ]
}

fn text(s: &str) -> Value {
    Value::String(s.to_owned())
}

/// A field of an option, by name: some belong to the kind, all are tried.
fn option_field() -> impl Strategy<Value = (&'static str, Value)> {
    prop_oneof![
        any::<bool>().prop_map(|b| ("meets", Value::Boolean(b))),
        prop::collection::vec(crate::inputs::answer_text(), 0..4).prop_map(|k| {
            (
                "keywords",
                Value::Array(k.into_iter().map(Value::String).collect()),
            )
        }),
        Just(("other", Value::Boolean(true))),
        Just(("undecided", Value::Boolean(true))),
        int().prop_map(|n| ("at_most", n)),
        int().prop_map(|n| ("at_least", n)),
        (int(), int()).prop_map(|(a, b)| ("range", Value::Array(vec![a, b]))),
        prop::sample::select(vec!["decides", "decides_with_others", "influences", "boss"])
            .prop_map(|a| ("authority", text(a))),
        int().prop_map(|n| ("days", n)),
        int().prop_map(|n| ("months", n)),
        Just(("no_plan", Value::Boolean(true))),
        (id(), prop::sample::select(PROMPTS)).prop_map(|(id, prompt)| {
            let mut table = Table::new();
            table.insert("id".into(), Value::String(id));
            table.insert("prompt".into(), text(prompt));
            ("follow_up", Value::Table(table))
        }),
        Just(("colour", Value::Integer(1))),
    ]
}

/// The fields an option of `kind` needs, to get past the checks often.
fn fitting_fields(kind: &str) -> BoxedStrategy<Vec<(&'static str, Value)>> {
    match kind {
        "money" => prop_oneof![
            Just(vec![("undecided", Value::Boolean(true))]),
            int().prop_map(|n| vec![("at_most", n)]),
            int().prop_map(|n| vec![("at_least", n)]),
            (int(), int()).prop_map(|(a, b)| {
                // Mostly in order, as a range must be.
                let (a, b) = match (&a, &b) {
                    (Value::Integer(x), Value::Integer(y)) if x > y => (b, a),
                    _ => (a, b),
                };
                vec![("range", Value::Array(vec![a, b]))]
            }),
        ]
        .boxed(),
        "timeframe" => prop_oneof![
            int().prop_map(|n| vec![("days", n)]),
            int().prop_map(|n| vec![("months", n)]),
            Just(vec![("no_plan", Value::Boolean(true))]),
        ]
        .boxed(),
        _ => Just(Vec::new()).boxed(),
    }
}

fn option(kind: &'static str) -> impl Strategy<Value = Value> {
    (
        id(),
        prop::sample::select(LABELS),
        fitting_fields(kind),
        // A field that does not belong fails the file: only now and then.
        prop::option::weighted(0.03, option_field()),
    )
        .prop_map(|(id, label, fitting, extra)| {
            let mut table = Table::new();
            table.insert("id".into(), Value::String(id));
            table.insert("label".into(), text(label));
            for (key, value) in fitting.into_iter().chain(extra) {
                table.insert(key.into(), value);
            }
            Value::Table(table)
        })
}

fn question(criterion: &'static str) -> impl Strategy<Value = Value> {
    let kind = prop_oneof![
        60 => prop::sample::select(&KINDS[..KINDS.len() - 1]),
        1 => Just("cash"),
    ];
    (kind, id(), prop::sample::select(PROMPTS))
        .prop_flat_map(move |(kind, id, prompt)| {
            let options = match kind {
                // Now and then more than fit on Discord's 25 buttons.
                "single_choice" | "money" | "timeframe" => prop_oneof![
                    8 => prop::collection::vec(option(kind), 0..8),
                    1 => prop::collection::vec(option(kind), 20..30),
                ]
                .boxed(),
                // Options where none belong, now and then.
                _ => prop::option::weighted(0.1, option(kind))
                    .prop_map(|o| o.into_iter().collect())
                    .boxed(),
            };
            // Mostly only where it belongs.
            let meets_when = if kind == "yes_no" { 0.5 } else { 0.02 };
            (
                Just((kind, id, prompt)),
                options,
                prop::option::weighted(
                    meets_when,
                    prop::sample::select(vec!["yes", "no", "maybe"]),
                ),
            )
        })
        .prop_map(move |((kind, id, prompt), options, meets_when)| {
            let mut table = Table::new();
            table.insert("id".into(), Value::String(id));
            table.insert("criterion".into(), text(criterion));
            table.insert("kind".into(), text(kind));
            table.insert("prompt".into(), text(prompt));
            if !options.is_empty() {
                table.insert("options".into(), Value::Array(options));
            }
            if let Some(meets_when) = meets_when {
                table.insert("meets_when".into(), text(meets_when));
            }
            Value::Table(table)
        })
}

/// Questions for `criterion`: mostly one, now and then none or two.
fn asking(criterion: &'static str) -> impl Strategy<Value = Vec<Value>> {
    prop_oneof![
        12 => prop::collection::vec(question(criterion), 1..=1),
        1 => prop::collection::vec(question(criterion), 0..=2),
    ]
}

/// A file with a question per BANT criterion (mostly) and a few more.
fn random_file() -> impl Strategy<Value = String> {
    let extra = prop_oneof![
        20 => prop::sample::select(vec!["budget", "authority", "need", "timeframe", "contact", "profile"]),
        1 => Just("wish"),
    ];
    (
        asking("need"),
        asking("budget"),
        asking("authority"),
        asking("timeframe"),
        prop::collection::vec(extra.prop_flat_map(question), 0..3),
    )
        .prop_map(|(a, b, c, d, e)| {
            let mut file = Table::new();
            let questions: Vec<Value> = [a, b, c, d, e].into_iter().flatten().collect();
            file.insert("questions".into(), Value::Array(questions));
            toml::to_string(&file).expect("a table serializes")
        })
}

/// Loads `text`; whatever loads must hold together and survive `script`.
/// `Ok(true)` when it loaded.
fn load_and_converse(text: &str, script: &Script) -> Result<bool, String> {
    let strict = Questionnaire::from_toml(SOURCE, text, |id| localizer().has_everywhere(id));
    let lenient = Questionnaire::from_toml(SOURCE, text, |_| true);
    for result in [&strict, &lenient] {
        if let Err(error) = result {
            let message = error.to_string();
            if !message.contains(SOURCE) {
                return Err(format!("the error does not name the file: {message}"));
            }
        }
    }
    if strict.is_ok() && lenient.is_err() {
        return Err("loads with the locale check but not without it".into());
    }
    let Ok(questionnaire) = lenient else {
        return Ok(false);
    };
    for criterion in Criterion::BANT {
        if !questionnaire
            .questions
            .iter()
            .any(|q| q.criterion == criterion)
        {
            return Err(format!("loaded without a {criterion} question"));
        }
    }
    play(&questionnaire, script, |input, decision| {
        turn_is_sound(input, decision)?;
        match &decision.reply {
            Some(reply) => fits_everywhere(reply),
            None => Ok(()),
        }
    })?;
    Ok(true)
}

/// Fuzzes with files of `files`, and checks that some of them loaded: a
/// generator that never makes a loadable file would leave the conversation
/// half of the target untested.
fn fuzz_files(name: &str, files: impl Strategy<Value = String>) {
    let loaded = AtomicU64::new(0);
    fuzz(name, 300, (files, script(25, 20, 20)), |(text, script)| {
        if load_and_converse(text, script)? {
            loaded.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    let loaded = loaded.into_inner();
    println!("fuzz {name}: {loaded} files loaded and conversed with");
    assert!(loaded > 0, "no file loaded: the generator needs a look");
}

#[test]
fn mutations_of_the_builtin_questionnaire_load_or_fail_cleanly() {
    fuzz_files("questionnaire-mutated", mutated_default());
}

#[test]
fn random_questionnaires_load_or_fail_cleanly_and_survive_a_conversation() {
    fuzz_files("questionnaire-random", random_file());
}

/// Found by the random target: a timeframe option of 95,005,458 days loaded,
/// and pressing its button panicked in the engine (`NaiveDate + Days` out of
/// range). Refused when loaded now.
#[test]
fn a_timeframe_option_beyond_a_hundred_years_is_refused_when_loaded() {
    let text = DEFAULT_TOML.replace("months = 6", "days = 95005458");

    let error = Questionnaire::from_toml(SOURCE, &text, |_| true).unwrap_err();

    let error = error.to_string();
    assert!(error.contains("six_months"), "{error}");
    assert!(error.contains("days = 95005458"), "{error}");
}

#[test]
fn the_longest_timeframe_option_allowed_can_be_chosen() {
    let text = DEFAULT_TOML.replace("months = 6", &format!("days = {MAX_OPTION_DAYS}"));
    let questionnaire = Questionnaire::from_toml(SOURCE, &text, |_| true).unwrap();
    let press = |payload: &str| Act::Payload(payload.to_owned());
    let script = Script {
        language: Some(Language::En),
        display_name: None,
        business: None,
        acts: vec![
            Act::Command(Command::Start { payload: None }),
            press("consent:yes"),
            press("need:website"),
            Act::Text("200000 taka".into()),
            press("authority:self"),
            press("timeframe:six_months"),
        ],
    };

    let state = play(&questionnaire, &script, turn_is_sound).unwrap();

    let date = chat::now().date_naive() + chrono::Days::new(MAX_OPTION_DAYS.into());
    assert_eq!(
        state.answers["timeframe"].value,
        AnswerValue::Timeframe {
            timeframe: Timeframe::By { date, event: None }
        }
    );
}

/// Found by the limits target: Discord shows 25 buttons, so a question
/// with 26 options lost one there without a word. Refused when loaded now.
#[test]
fn a_question_with_more_options_than_discord_shows_is_refused_when_loaded() {
    let options: String = (0..26)
        .map(|i| format!("[[questions.options]]\nid = \"option_{i}\"\nlabel = \"need-website\"\n"))
        .collect();
    let text = DEFAULT_TOML.replacen(
        "[[questions.options]]",
        &format!("{options}[[questions.options]]"),
        1,
    );

    let error = Questionnaire::from_toml(SOURCE, &text, |_| true).unwrap_err();

    let error = error.to_string();
    assert!(error.contains("question \"need\""), "{error}");
    assert!(error.contains("30 options are more than 25"), "{error}");
}
