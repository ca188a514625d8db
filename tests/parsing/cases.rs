//! Table-driven parser tests: realistic answers as prospects in Dhaka,
//! Kolkata and Lucknow type them, with the value each must parse to (or
//! "unclear"). The tables live in tests/parse_cases/{bn,hi,en}.jsonl; dates
//! resolve against 2026-11-22.

use chrono::NaiveDate;
use leadbot::core::report::{report, Kind};
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
        // What the bot takes (at once or after a yes); a choice of readings
        // is written as the readings, an invalid contact as its kind.
        let reported = report(kind, input, today);
        let got = match reported["action"].as_str() {
            Some("accept" | "confirm") => {
                let mut value = reported["value"].clone();
                // Who else decides is kept for sales; the tables fix the role.
                if let Some(map) = value.as_object_mut() {
                    map.remove("who");
                }
                value
            }
            Some("choose") => serde_json::json!({"kind": "choose", "options": reported["options"]}),
            _ if matches!(kind, Kind::Phone | Kind::Email) => {
                serde_json::json!({"kind": "invalid"})
            }
            _ => serde_json::json!({"kind": "unclear"}),
        };
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
