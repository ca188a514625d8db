//! Table-driven parser tests: realistic answers as prospects in Dhaka,
//! Kolkata and Lucknow type them, with the value each must parse to (or
//! "unclear"). The tables live in tests/parse_cases/{bn,hi,en}.jsonl; dates
//! resolve against 2026-11-22.

use chrono::NaiveDate;
use leadbot::parse::report::{report, Kind};
use serde_json::Value;

fn check(file: &str) {
    let path = format!("{}/tests/parse_cases/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for (number, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{file}:{}: {e}", number + 1));
        let kind: Kind = case["kind"].as_str().unwrap().parse().unwrap();
        let input = case["text"].as_str().unwrap();
        let mut got = report(kind, input, today);
        // An invalid contact's reason is for people; the tables fix the kind only.
        if got["kind"] == "invalid" {
            got = serde_json::json!({"kind": "invalid"});
        }
        count += 1;
        if got != case["expect"] {
            failures.push(format!(
                "{file}:{} {} {input:?}\n    expected {}\n    got      {got}",
                number + 1,
                case["kind"],
                case["expect"]
            ));
        }
    }
    assert!(count >= 100, "{file} has only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn bengali_answers_parse_as_a_native_speaker_means_them() {
    check("bn.jsonl");
}

#[test]
fn hindi_answers_parse_as_a_native_speaker_means_them() {
    check("hi.jsonl");
}

#[test]
fn english_answers_parse_as_a_native_speaker_means_them() {
    check("en.jsonl");
}
