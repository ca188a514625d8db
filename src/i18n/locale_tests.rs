//! Every message id exists in every locale and renders with sample arguments.

use super::*;
use crate::core::message::ids;
use crate::core::{Currency, Money, Questionnaire};
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};

/// Message ids and the variables each one uses, per language.
fn messages(language: Language) -> BTreeMap<String, BTreeSet<String>> {
    let mut found = BTreeMap::new();
    for (_, name, source) in EMBEDDED.iter().filter(|(l, _, _)| *l == language) {
        let resource = fluent_syntax::parser::parse(*source)
            .unwrap_or_else(|(_, errors)| panic!("{language}/{name}: {errors:?}"));
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut vars = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    collect_variables(pattern, &mut vars);
                }
                let id = message.id.name.to_owned();
                assert!(
                    found.insert(id.clone(), vars).is_none(),
                    "{language}/{name}: {id} twice"
                );
            }
        }
    }
    found
}

fn collect_variables(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            collect_in_expression(expression, vars);
        }
    }
}

fn collect_in_expression(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Inline(inline) => collect_in_inline(inline, vars),
        ast::Expression::Select { selector, variants } => {
            collect_in_inline(selector, vars);
            for variant in variants {
                collect_variables(&variant.value, vars);
            }
        }
    }
}

fn collect_in_inline(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => collect_in_expression(expression, vars),
        _ => {}
    }
}

fn sample_args(id: &str, vars: &BTreeSet<String>) -> Msg {
    vars.iter()
        .fold(Msg::new(id), |msg, var| match var.as_str() {
            "days" | "limit" | "met" | "total" => msg.int(var, 123_456),
            "minimum" | "amount" | "min" | "max" => msg.money(
                var,
                Money {
                    amount: 250_000,
                    currency: Currency::Bdt,
                },
            ),
            _ => msg.text(var, format!("<{var}>")),
        })
}

#[test]
fn every_locale_defines_exactly_the_english_message_ids() {
    let english: BTreeSet<_> = messages(Language::En).into_keys().collect();
    for language in [Language::Bn, Language::Hi] {
        let ids: BTreeSet<_> = messages(language).into_keys().collect();
        let missing: Vec<_> = english.difference(&ids).collect();
        let extra: Vec<_> = ids.difference(&english).collect();
        assert!(missing.is_empty(), "{language} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{language} has ids English lacks: {extra:?}"
        );
    }
}

#[test]
fn every_message_renders_in_every_locale_with_sample_arguments() {
    let localizer = Localizer::embedded();
    for language in Language::ALL {
        for (id, vars) in messages(language) {
            let bundle = localizer.bundle(language);
            let pattern = bundle.get_message(&id).and_then(|m| m.value()).unwrap();
            let msg = sample_args(&id, &vars);
            let mut args = FluentArgs::new();
            for (name, arg) in &msg.args {
                let value: FluentValue = match arg {
                    Arg::Int(n) => (*n).into(),
                    Arg::Money(m) => numbers::format_money(*m, language).into(),
                    Arg::Text(t) => t.clone().into(),
                    Arg::Msg(_) | Arg::Date(_) | Arg::Digits(_) => unreachable!(),
                };
                args.set(name.clone(), value);
            }
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
            assert!(errors.is_empty(), "{language}/{id}: {errors:?}");
            assert!(!text.trim().is_empty(), "{language}/{id} renders empty");
            for var in &vars {
                assert!(
                    !text.contains(&format!("{{${var}}}")),
                    "{language}/{id}: ${var} unresolved"
                );
            }
        }
    }
}

#[test]
fn every_id_the_code_and_the_builtin_questionnaire_use_exists_everywhere() {
    let localizer = Localizer::embedded();
    for id in ids::ALL {
        assert!(localizer.has_everywhere(id), "{id} missing in a locale");
    }
    for id in Questionnaire::builtin().message_ids() {
        assert!(localizer.has_everywhere(id), "{id} missing in a locale");
    }
}

#[test]
fn numbers_render_with_lakh_grouping_and_bengali_digits_without_isolation_marks() {
    let localizer = Localizer::embedded();
    let msg = Msg::new(ids::REASON_TIMEFRAME_WITHIN).int("limit", 1_234_567);
    let bengali = localizer.render(Language::Bn, &msg);
    assert!(bengali.contains("১২,৩৪,৫৬৭"), "{bengali}");
    let hindi = localizer.render(Language::Hi, &msg);
    assert!(hindi.contains("12,34,567"), "{hindi}");
    for text in [bengali, hindi] {
        assert!(
            !text.contains('\u{2068}') && !text.contains('\u{2069}'),
            "{text:?}"
        );
    }
}

#[test]
fn money_renders_the_local_way() {
    let localizer = Localizer::embedded();
    let minimum = Money {
        amount: 100_000,
        currency: Currency::Bdt,
    };
    let msg = Msg::new(ids::REASON_BUDGET_MEETS).money("minimum", minimum);
    assert!(localizer.render(Language::Bn, &msg).contains("৳১,০০,০০০"));
    assert!(localizer.render(Language::En, &msg).contains("৳1,00,000"));
}

#[test]
fn dates_render_with_local_month_names_and_digits() {
    let localizer = Localizer::embedded();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let msg = Msg::new(ids::ANSWER_BY_DATE).arg("date", Arg::Date(date));
    assert_eq!(localizer.render(Language::En, &msg), "by 30 November 2026");
    assert_eq!(
        localizer.render(Language::Bn, &msg),
        "২০২৬ সালের ৩০ নভেম্বরের মধ্যে"
    );
    let march = chrono::NaiveDate::from_ymd_opt(2027, 3, 4).unwrap();
    let after = Msg::new(ids::ANSWER_AFTER_DATE).arg("date", Arg::Date(march));
    assert_eq!(
        localizer.render(Language::Bn, &after),
        "২০২৭ সালের ৪ মার্চের পরে"
    );
    assert_eq!(localizer.render(Language::En, &after), "after 4 March 2027");
    let plain = Msg::new(ids::STAFF_LEAD_STAGE)
        .text("stage", "x")
        .arg("date", Arg::Date(march));
    assert_eq!(localizer.render(Language::Bn, &plain), "x: ৪ মার্চ ২০২৭");
    // A time in an alert takes local digits too.
    let when = Msg::new(ids::ALERT_WHEN)
        .arg("date", Arg::Date(march))
        .arg("time", Arg::Digits("14:30".into()));
    assert!(localizer.render(Language::Bn, &when).contains("১৪:৩০"));
    assert!(localizer.render(Language::En, &when).contains("14:30"));
    assert_eq!(localizer.render(Language::Hi, &msg), "30 नवंबर 2026 तक");
}

#[test]
fn a_missing_id_falls_back_to_english_then_to_the_id() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("en")).unwrap();
    std::fs::write(
        dir.path().join("en/extra.ftl"),
        "only-english = Only in English\n",
    )
    .unwrap();
    let localizer = Localizer::load(Some(dir.path())).unwrap();
    assert_eq!(
        localizer.render(Language::Bn, &Msg::new("only-english")),
        "Only in English"
    );
    assert_eq!(
        localizer.render(Language::Bn, &Msg::new("nowhere")),
        "nowhere"
    );
    assert!(!localizer.has_everywhere("only-english"));
}

#[test]
fn an_override_directory_replaces_embedded_wording() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("hi")).unwrap();
    std::fs::write(
        dir.path().join("hi/custom.ftl"),
        "need-website = नई वेबसाइट\n",
    )
    .unwrap();
    let localizer = Localizer::load(Some(dir.path())).unwrap();
    assert_eq!(
        localizer.render(Language::Hi, &Msg::new("need-website")),
        "नई वेबसाइट"
    );
}

#[test]
fn a_broken_override_file_is_refused_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("bn")).unwrap();
    std::fs::write(dir.path().join("bn/bad.ftl"), "broken = { $\n").unwrap();
    let err = Localizer::load(Some(dir.path())).err().unwrap().to_string();
    assert!(err.contains("bad.ftl"), "{err}");
}

#[test]
fn the_privacy_notice_says_what_why_how_long_and_how_to_withdraw_in_every_language() {
    let localizer = Localizer::embedded();
    for language in Language::ALL {
        let notice = localizer.render(
            language,
            &Msg::new(ids::PRIVACY_NOTICE)
                .text("business", "Acme")
                .int("days", 180),
        );
        for needle in ["/forget", "/mydata", "Acme"] {
            assert!(notice.contains(needle), "{language:?}: {notice}");
        }
        let days = crate::i18n::numbers::format_integer(180, language);
        assert!(
            notice.contains(&days),
            "{language:?} lacks {days}: {notice}"
        );
    }
}
