//! Parse throughput: the realistic answers of tests/parse_cases and of the
//! corpus (tests/corpus, tuning and held-out: money, timeframe, yes/no,
//! authority, need, phone, e-mail in Bengali, Hindi and English) parsed
//! round and round on one thread, as the bot reads them.
//!
//! Run with `cargo bench --bench parse`; BENCHMARKS.md records the figures.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use leadbot::core::engine::{preview, Preview};
use leadbot::core::questionnaire::{Question, Questionnaire};
use leadbot::core::report::Kind;
use leadbot::parse::{
    parse_authority, parse_email, parse_phone, parse_yes_no, read_budget, read_timeframe, Reading,
};
use std::sync::LazyLock;

/// The built-in need question, as the bot asks it.
static NEED: LazyLock<Question> = LazyLock::new(|| {
    Questionnaire::builtin()
        .question("need")
        .expect("the built-in questionnaire asks the need")
        .clone()
});
use std::hint::black_box;

fn cases() -> Vec<(Kind, String)> {
    let mut cases = Vec::new();
    let files = ["parse_cases/", "corpus/", "corpus/heldout/"]
        .iter()
        .flat_map(|dir| ["bn", "hi", "en"].map(|lang| format!("{dir}{lang}")));
    for file in files {
        let path = format!("{}/tests/{file}.jsonl", env!("CARGO_MANIFEST_DIR"));
        for line in std::fs::read_to_string(path).unwrap().lines() {
            let case: serde_json::Value = serde_json::from_str(line).unwrap();
            let kind = case["kind"].as_str().unwrap().parse().unwrap();
            cases.push((kind, case["text"].as_str().unwrap().to_owned()));
        }
    }
    cases
}

/// The parser the bot runs for an answer of that kind, without building
/// the JSON report (the bot never does).
fn parse(kind: Kind, text: &str, today: NaiveDate) -> bool {
    match kind {
        Kind::Money => read_budget(text) != Reading::Unclear,
        Kind::Timeframe => read_timeframe(text, today) != Reading::Unclear,
        Kind::Need => preview(&NEED, text, today) != Preview::Reask,
        Kind::YesNo => parse_yes_no(text) != leadbot::parse::YesNo::Unclear,
        Kind::Authority => parse_authority(text).is_some(),
        Kind::Phone => parse_phone(text).is_ok(),
        Kind::Email => parse_email(text).is_ok(),
    }
}

fn bench(c: &mut Criterion) {
    let cases = cases();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Elements(cases.len() as u64));
    group.bench_function("realistic_answers", |b| {
        b.iter(|| {
            for (kind, text) in &cases {
                black_box(parse(*kind, black_box(text), today));
            }
        })
    });
    for (name, kind) in [
        ("money", Kind::Money),
        ("timeframe", Kind::Timeframe),
        ("yesno", Kind::YesNo),
    ] {
        let only: Vec<_> = cases.iter().filter(|(k, _)| *k == kind).collect();
        group.throughput(Throughput::Elements(only.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for (kind, text) in &only {
                    black_box(parse(*kind, black_box(text), today));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
