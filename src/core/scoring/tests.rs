use super::*;
use chrono::Utc;

fn answer(value: AnswerValue) -> Answer {
    Answer {
        raw: "raw".into(),
        value,
        at: Utc::now(),
    }
}

fn budget(amount: u64, currency: Option<Currency>) -> Answer {
    answer(AnswerValue::Budget {
        budget: Budget::Amount { amount, currency },
    })
}

fn choice(option: &str) -> Answer {
    answer(AnswerValue::Choice {
        option: option.into(),
    })
}

/// A timeframe `days` after the answer, in the business's calendar.
fn within(days: u32) -> Answer {
    let at = Utc::now();
    let date = ScoringPolicy::default().local_date(at) + chrono::Days::new(u64::from(days));
    Answer {
        raw: "raw".into(),
        value: AnswerValue::Timeframe {
            timeframe: Timeframe::By { date, event: None },
        },
        at,
    }
}

fn answers(list: &[(&str, Answer)]) -> BTreeMap<String, Answer> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn card(list: &[(&str, Answer)], language: Language) -> Scorecard {
    score(
        &Questionnaire::builtin(),
        &answers(list),
        &ScoringPolicy::default(),
        Some(language),
    )
}

fn hot_answers() -> Vec<(&'static str, Answer)> {
    vec![
        ("need", choice("website")),
        ("budget", budget(200_000, Some(Currency::Bdt))),
        ("authority", choice("self")),
        ("timeframe", within(30)),
    ]
}

#[test]
fn all_four_criteria_met_make_a_hot_lead() {
    let card = card(&hot_answers(), Language::Bn);
    assert_eq!(card.met, 4);
    assert_eq!(card.temperature, Temperature::Hot);
}

#[test]
fn three_criteria_met_make_a_warm_lead() {
    let mut list = hot_answers();
    list[2] = ("authority", choice("other"));
    let card = card(&list, Language::En);
    assert_eq!(card.temperature, Temperature::Warm);
    assert_eq!(card.status(Criterion::Authority), Status::NotMet);
}

#[test]
fn two_criteria_met_make_a_warm_lead() {
    let mut list = hot_answers();
    list[2] = ("authority", choice("other"));
    list[3] = ("timeframe", within(365));
    assert_eq!(card(&list, Language::En).temperature, Temperature::Warm);
}

#[test]
fn one_criterion_met_makes_a_cold_lead() {
    let list = vec![
        ("need", choice("website")),
        (
            "budget",
            answer(AnswerValue::Budget {
                budget: Budget::Undecided,
            }),
        ),
        ("authority", choice("other")),
        (
            "timeframe",
            answer(AnswerValue::Timeframe {
                timeframe: Timeframe::NoRush,
            }),
        ),
    ];
    let card = card(&list, Language::Hi);
    assert_eq!(card.met, 1);
    assert_eq!(card.temperature, Temperature::Cold);
    assert_eq!(card.criteria[1].reason, Reason::BudgetUndecided);
    assert_eq!(card.criteria[3].reason, Reason::TimeframeNone);
}

#[test]
fn no_answers_leave_every_criterion_unknown_and_the_lead_cold() {
    let card = card(&[], Language::En);
    assert!(card.criteria.iter().all(|c| c.status == Status::Unknown));
    assert_eq!(card.temperature, Temperature::Cold);
}

#[test]
fn a_budget_of_two_lakh_taka_meets_the_minimum() {
    let card = card(
        &[("budget", budget(200_000, Some(Currency::Bdt)))],
        Language::Bn,
    );
    assert_eq!(card.status(Criterion::Budget), Status::Met);
}

#[test]
fn a_budget_exactly_at_the_minimum_meets_it_and_one_taka_less_does_not() {
    let at = card(
        &[("budget", budget(100_000, Some(Currency::Bdt)))],
        Language::Bn,
    );
    assert_eq!(at.status(Criterion::Budget), Status::Met);
    let below = card(
        &[("budget", budget(99_999, Some(Currency::Bdt)))],
        Language::Bn,
    );
    assert_eq!(below.status(Criterion::Budget), Status::NotMet);
    assert_eq!(
        below.criteria[1].reason,
        Reason::BudgetBelow {
            amount: Money {
                amount: 99_999,
                currency: Currency::Bdt
            },
            minimum: Money {
                amount: 100_000,
                currency: Currency::Bdt
            },
        }
    );
}

#[test]
fn an_amount_without_currency_takes_the_conversation_languages_default() {
    // 80,000 meets the rupee minimum (75,000) but not the taka one (1,00,000).
    let hindi = card(&[("budget", budget(80_000, None))], Language::Hi);
    assert_eq!(hindi.status(Criterion::Budget), Status::Met);
    let bengali = card(&[("budget", budget(80_000, None))], Language::Bn);
    assert_eq!(bengali.status(Criterion::Budget), Status::NotMet);
}

#[test]
fn a_currency_without_a_threshold_does_not_meet_the_budget() {
    let mut policy = ScoringPolicy::default();
    policy.min_budget.remove(&Currency::Usd);
    let card = score(
        &Questionnaire::builtin(),
        &answers(&[("budget", budget(1_000_000, Some(Currency::Usd)))]),
        &policy,
        Some(Language::En),
    );
    assert_eq!(
        card.criteria[1].reason,
        Reason::BudgetNoThreshold {
            currency: Currency::Usd
        }
    );
}

#[test]
fn a_timeframe_at_the_limit_meets_it_and_a_day_more_does_not() {
    let policy = ScoringPolicy {
        max_timeframe_days: 14,
        ..ScoringPolicy::default()
    };
    let status = |days| {
        score(
            &Questionnaire::builtin(),
            &answers(&[("timeframe", within(days))]),
            &policy,
            Some(Language::En),
        )
    };
    assert_eq!(status(14).status(Criterion::Timeframe), Status::Met);
    let beyond = status(15);
    assert_eq!(beyond.status(Criterion::Timeframe), Status::NotMet);
    assert_eq!(
        beyond.criteria[3].reason,
        Reason::TimeframeBeyond {
            days: 15,
            limit: 14
        }
    );
}

#[test]
fn the_configured_authority_answers_override_the_questionnaire() {
    let policy = ScoringPolicy {
        authority_counts: Some(BTreeSet::from(["self".to_owned()])),
        ..ScoringPolicy::default()
    };
    let score_with = |option: &str| {
        score(
            &Questionnaire::builtin(),
            &answers(&[("authority", choice(option))]),
            &policy,
            Some(Language::En),
        )
        .status(Criterion::Authority)
    };
    assert_eq!(score_with("self"), Status::Met);
    assert_eq!(score_with("shared"), Status::NotMet);
}

#[test]
fn three_calendar_months_meet_a_ninety_day_horizon_in_any_season() {
    let answered = chrono::DateTime::parse_from_rfc3339("2026-11-22T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let by = |y, m, d| Answer {
        raw: "raw".into(),
        value: AnswerValue::Timeframe {
            timeframe: Timeframe::By {
                date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
                event: None,
            },
        },
        at: answered,
    };
    let status =
        |answer: Answer| card(&[("timeframe", answer)], Language::En).status(Criterion::Timeframe);
    assert_eq!(status(by(2027, 2, 22)), Status::Met);
    assert_eq!(status(by(2027, 2, 23)), Status::NotMet);
}

#[test]
fn deciding_together_with_others_counts_as_authority() {
    let card = card(&[("authority", choice("shared"))], Language::En);
    assert_eq!(card.status(Criterion::Authority), Status::Met);
}
