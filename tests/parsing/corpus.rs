//! The answer corpus: realistic answers in Bengali, Hindi and English
//! (native script, romanized, code-mixed), written from a description of the
//! kinds of answer by writers who never saw the parser, with the value a
//! careful human reader takes from each. `tests/corpus/*.jsonl` is the
//! tuning part; `tests/corpus/heldout/*.jsonl` is held out and scored only
//! to report (BENCHMARKS.md). Dates resolve against Sunday 2026-11-22.
//!
//! An answer is exact when the bot takes (or echoes back) the expected
//! value, offers readings where the expected answer is ambiguous, or asks
//! again where it is unclear. It is confidently wrong when the bot takes a
//! value without echoing it back and the value is not the expected one.

use chrono::NaiveDate;
use leadbot::core::report::{report_with, Kind};
use leadbot::i18n::Localizer;
use serde_json::Value;

#[derive(Debug, Default)]
struct Score {
    total: usize,
    exact: usize,
    confident_wrong: usize,
    misses: Vec<String>,
}

impl Score {
    fn percent(&self) -> f64 {
        100.0 * self.exact as f64 / self.total.max(1) as f64
    }
}

fn score(files: &[String]) -> Score {
    let localizer = Localizer::embedded();
    let questionnaire = leadbot::app::startup::with_label_keywords(
        leadbot::core::questionnaire::Questionnaire::builtin(),
        &localizer,
    );
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut score = Score::default();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        for (number, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let case: Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{file}:{}: {e}", number + 1));
            let kind: Kind = case["kind"].as_str().unwrap().parse().unwrap();
            let input = case["text"].as_str().unwrap();
            let got = report_with(&questionnaire, kind, input, today);
            let (exact, confident_wrong) = judge(kind, &case["expect"], &got);
            score.total += 1;
            score.exact += usize::from(exact);
            score.confident_wrong += usize::from(confident_wrong);
            if !exact {
                score.misses.push(format!(
                    "{}{file}:{} {} {input:?}\n    expected {}\n    got      {got}",
                    if confident_wrong {
                        "CONFIDENTLY WRONG "
                    } else {
                        ""
                    },
                    number + 1,
                    case["kind"],
                    case["expect"]
                ));
            }
        }
    }
    score
}

/// (exact, confidently wrong) for one answer.
fn judge(kind: Kind, expect: &Value, got: &Value) -> (bool, bool) {
    let action = got["action"].as_str().unwrap_or_default();
    let expected_kind = expect["kind"].as_str().unwrap_or_default();
    let value = &got["value"];
    let taken = matches!(action, "accept" | "confirm");
    let exact = match expected_kind {
        "unclear" => action == "reask",
        // A bare number: never taken as it is.
        "ambiguous" => matches!(action, "choose" | "reask"),
        "which_eid" => {
            action == "choose"
                && got["options"]
                    .as_array()
                    .is_some_and(|o| o.len() == 2 && o.iter().all(|v| v["event"].is_string()))
        }
        _ => taken && same(kind, expect, value),
    };
    let confident_wrong = action == "accept" && !exact;
    (exact, confident_wrong)
}

fn same(kind: Kind, expect: &Value, value: &Value) -> bool {
    let expected_kind = expect["kind"].as_str().unwrap_or_default();
    match kind {
        Kind::Need => match expected_kind {
            "choice" => value["kind"] == "choice" && value["option"] == expect["option"],
            other => value["kind"] == other,
        },
        Kind::Authority | Kind::YesNo => value["kind"] == expect["kind"],
        Kind::Timeframe if expect.get("event").is_some() => {
            value["kind"] == expect["kind"] && value["event"] == expect["event"]
        }
        _ => {
            // Money and dated timeframes: every field the writer gave.
            expect
                .as_object()
                .unwrap()
                .iter()
                .all(|(key, expected)| &value[key] == expected)
        }
    }
}

fn files(dir: &str) -> Vec<String> {
    ["bn", "hi", "en"]
        .iter()
        .map(|lang| {
            format!(
                "{}/tests/corpus/{dir}{lang}.jsonl",
                env!("CARGO_MANIFEST_DIR")
            )
        })
        .collect()
}

fn report(name: &str, score: &Score) {
    eprintln!(
        "{name}: {}/{} exact ({:.1}%), {} confidently wrong",
        score.exact,
        score.total,
        score.percent(),
        score.confident_wrong
    );
    for miss in &score.misses {
        eprintln!("{miss}");
    }
}

#[test]
fn the_tuning_corpus_is_read_as_its_writers_meant() {
    let score = score(&files(""));
    report("tuning", &score);
    assert!(score.total >= 400, "only {} answers", score.total);
    // 475/480 (99.0%) and one confidently wrong answer (an off-topic
    // "nice weather today" read as today) when last measured.
    assert!(score.confident_wrong <= 1, "confidently wrong answers");
    assert!(score.percent() >= 98.5, "{:.1}% exact", score.percent());
}

/// Scored to report, not tuned against: the figure in BENCHMARKS.md
/// (233/240, 97.1% exact, 3 confidently wrong when first scored; 235/240
/// and 1 after the need keywords grew on 2026-12-05; 236/240 and 0 once the
/// "within 3 months" button meant calendar months). The floors guard
/// against a regression.
#[test]
fn the_held_out_corpus_scores_no_worse_than_first_measured() {
    let score = score(&files("heldout/"));
    report("held-out", &score);
    assert!(score.total >= 200, "only {} answers", score.total);
    assert_eq!(score.confident_wrong, 0, "confidently wrong answers");
    assert!(score.percent() >= 98.0, "{:.1}% exact", score.percent());
}

/// A second part, written on 2026-12-05 by a writer who saw only the
/// description of the answer kinds, after the first held-out part had been
/// read. First scored 221/240 (92.1%) with 9 confidently wrong; the general
/// rules its misses showed (a denied bound, a reply that puts the question
/// off, a question back, "post X") then raised it to 230/240 (95.8%) with
/// 2, so it is no longer held out: BENCHMARKS.md reports both. 235/240 and
/// 0 after the rules the second held-out part showed.
#[test]
fn the_fresh_corpus_scores_no_worse_than_after_its_fixes() {
    let score = score(&files("fresh/"));
    report("fresh", &score);
    assert!(score.total >= 200, "only {} answers", score.total);
    assert_eq!(score.confident_wrong, 0, "confidently wrong answers");
    assert!(score.percent() >= 97.5, "{:.1}% exact", score.percent());
}

/// A third part, written on 2026-12-05 by a writer who saw only the
/// description of the answer kinds. Scored once before any change: 224/240
/// (93.3%) with 9 confidently wrong, most of them free text taken as
/// "something else" though it named an option's number, misspelt an
/// option's keyword or named two options. The rules that fixed those
/// (never "something else" then) raised it to 233/240 with 0, so it is no
/// longer held out.
#[test]
fn the_second_written_part_scores_no_worse_than_after_its_fixes() {
    let score = score(&files("written2/"));
    report("written 2", &score);
    assert!(score.total >= 200, "only {} answers", score.total);
    assert_eq!(score.confident_wrong, 0, "confidently wrong answers");
    assert!(score.percent() >= 97.0, "{:.1}% exact", score.percent());
}

/// A fourth part, written on 2026-12-05 after every change above, by a
/// writer who saw only the description of the answer kinds, and scored
/// once: 223/240 (92.9%) with 4 confidently wrong (an answer that asks
/// back or did not understand taken as "something else"; the speaker's own
/// job named while someone else acts read as deciding). The rules for
/// those raised it to 227/240 (94.6%) with 0; no longer held out.
#[test]
fn the_third_written_part_scores_no_worse_than_after_its_fixes() {
    let score = score(&files("written3/"));
    report("written 3", &score);
    assert!(score.total >= 200, "only {} answers", score.total);
    assert_eq!(score.confident_wrong, 0, "confidently wrong answers");
    assert!(score.percent() >= 94.5, "{:.1}% exact", score.percent());
}
