//! Every spelled-out number of the outside reference reads as its value:
//! `tests/fixtures/number_words.jsonl`, made by
//! `tests/fixtures/gen_number_words.py` from the CLDR spell-out rules (ICU:
//! Hindi, English international and Indian) and num2words (Bengali, English
//! international and Indian), 1 to 999,999,999 (99 crore, 999 million).

use leadbot::core::Budget;
use leadbot::parse::{read_budget, Reading};
use serde_json::Value;

#[test]
fn every_number_of_the_cldr_and_num2words_fixture_reads_as_its_value() {
    let path = format!(
        "{}/tests/fixtures/number_words.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).unwrap();
        let value = case["value"].as_u64().unwrap();
        let words = case["text"].as_str().unwrap();
        count += 1;
        let read = match read_budget(words) {
            Reading::Sure(Budget::Amount { amount, .. })
            | Reading::Confirm(Budget::Amount { amount, .. }) => Some(amount),
            // Below a thousand a budget is offered as thousands or lakhs:
            // the first reading is the number times a thousand.
            Reading::Choose(readings) => match readings.first() {
                Some(Budget::Amount { amount, .. }) if amount % 1000 == 0 => Some(amount / 1000),
                _ => None,
            },
            _ => None,
        };
        if read != Some(value) {
            failures.push(format!(
                "{} {} {words:?}: expected {value}, read {read:?}",
                case["lang"], case["source"]
            ));
        }
    }
    assert!(count >= 3000, "only {count} numbers");
    assert!(
        failures.is_empty(),
        "{} of {count} numbers misread:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
