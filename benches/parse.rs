//! Parse throughput: the 476 realistic answers of tests/parse_cases (money,
//! timeframe, yes/no, authority, phone, e-mail in Bengali, Hindi and
//! English) parsed round and round on one thread.
//!
//! Run with `cargo bench --bench parse`; BENCHMARKS.md records the figures.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use leadbot::parse::report::Kind;
use leadbot::parse::{
    parse_authority, parse_budget, parse_email, parse_phone, parse_timeframe, parse_yes_no,
};
use std::hint::black_box;

fn cases() -> Vec<(Kind, String)> {
    let mut cases = Vec::new();
    for file in ["bn", "hi", "en"] {
        let path = format!(
            "{}/tests/parse_cases/{file}.jsonl",
            env!("CARGO_MANIFEST_DIR")
        );
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
        Kind::Money => parse_budget(text).is_some(),
        Kind::Timeframe => parse_timeframe(text, today).is_some(),
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
