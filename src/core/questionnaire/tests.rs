use super::*;

fn load(text: &str) -> Result<Questionnaire, QuestionnaireError> {
    Questionnaire::from_toml("q.toml", text, |id| id != "missing-id")
}

const MINIMAL: &str = r#"
    [[questions]]
    id = "need"
    criterion = "need"
    kind = "free_text"
    prompt = "q-need"
    [[questions]]
    id = "budget"
    criterion = "budget"
    kind = "money"
    prompt = "q-budget"
    [[questions]]
    id = "authority"
    criterion = "authority"
    kind = "yes_no"
    prompt = "q-authority"
    [[questions]]
    id = "timeframe"
    criterion = "timeframe"
    kind = "timeframe"
    prompt = "q-timeframe"
"#;

#[test]
fn the_builtin_questionnaire_asks_need_budget_authority_timeframe_then_contact() {
    let q = Questionnaire::builtin();
    let order: Vec<_> = q.questions.iter().map(|q| q.criterion).collect();
    assert_eq!(
        order,
        [
            Criterion::Need,
            Criterion::Budget,
            Criterion::Authority,
            Criterion::Timeframe,
            Criterion::Contact
        ]
    );
    let authority = q.question("authority").unwrap();
    assert!(authority.option("self").unwrap().meets);
    assert!(authority.option("shared").unwrap().meets);
    assert!(!authority.option("other").unwrap().meets);
    assert!(authority.option("other").unwrap().follow_up.is_some());
}

#[test]
fn a_minimal_file_with_one_question_per_criterion_loads() {
    let q = load(MINIMAL).unwrap();
    assert_eq!(q.questions.len(), 4);
    assert!(q.questions[2].meets_when_yes);
}

#[test]
fn an_unknown_criterion_is_refused_naming_file_and_question() {
    let text = MINIMAL.replace("criterion = \"need\"", "criterion = \"wish\"");
    let err = load(&text).unwrap_err().to_string();
    assert!(err.contains("q.toml"), "{err}");
    assert!(err.contains("\"need\""), "{err}");
    assert!(err.contains("unknown criterion \"wish\""), "{err}");
}

#[test]
fn a_missing_message_id_is_refused() {
    let text = MINIMAL.replace("prompt = \"q-budget\"", "prompt = \"missing-id\"");
    let err = load(&text).unwrap_err().to_string();
    assert!(err.contains("question \"budget\""), "{err}");
    assert!(
        err.contains("\"missing-id\" is missing from the locales"),
        "{err}"
    );
}

#[test]
fn a_dangling_option_on_a_question_without_options_is_refused() {
    let text = MINIMAL.replace(
        "prompt = \"q-need\"",
        "prompt = \"q-need\"\noptions = [{ id = \"x\", label = \"need-other\" }]",
    );
    let err = load(&text).unwrap_err().to_string();
    assert!(
        err.contains("a free_text question takes no options"),
        "{err}"
    );
}

#[test]
fn a_timeframe_option_without_days_is_refused() {
    let text = MINIMAL.replace(
        "prompt = \"q-timeframe\"",
        "prompt = \"q-timeframe\"\noptions = [{ id = \"soon\", label = \"timeframe-one-month\" }]",
    );
    let err = load(&text).unwrap_err().to_string();
    assert!(err.contains("option \"soon\""), "{err}");
    assert!(err.contains("days = N"), "{err}");
}

#[test]
fn a_timeframe_option_with_both_days_and_months_is_refused() {
    let text = MINIMAL.replace(
        "prompt = \"q-timeframe\"",
        "prompt = \"q-timeframe\"\noptions = [{ id = \"soon\", label = \"timeframe-one-month\", days = 30, months = 1 }]",
    );
    let err = load(&text).unwrap_err().to_string();
    assert!(err.contains("option \"soon\""), "{err}");
    assert!(err.contains("exactly one of"), "{err}");
}

#[test]
fn a_timeframe_option_beyond_twelve_hundred_months_is_refused() {
    let text = MINIMAL.replace(
        "prompt = \"q-timeframe\"",
        "prompt = \"q-timeframe\"\noptions = [{ id = \"later\", label = \"timeframe-one-month\", months = 1201 }]",
    );
    let err = load(&text).unwrap_err().to_string();
    assert!(err.contains("`months = 1201` is more than 1200"), "{err}");
}

#[test]
fn a_missing_bant_criterion_is_refused() {
    let text = MINIMAL.replace("criterion = \"budget\"", "criterion = \"profile\"");
    let err = load(&text).unwrap_err().to_string();
    assert!(err.contains("no question asks for budget"), "{err}");
}

#[test]
fn an_unknown_kind_and_a_duplicate_id_are_refused() {
    let text = MINIMAL.replace("kind = \"money\"", "kind = \"cash\"");
    assert!(load(&text)
        .unwrap_err()
        .to_string()
        .contains("unknown kind \"cash\""));
    let text = MINIMAL.replace("id = \"budget\"", "id = \"need\"");
    assert!(load(&text).unwrap_err().to_string().contains("used twice"));
}

#[test]
fn broken_toml_is_refused_with_the_file_name() {
    let err = load("[[questions]\nid=").unwrap_err().to_string();
    assert!(err.starts_with("questionnaire q.toml:"), "{err}");
}

#[test]
fn an_unknown_key_is_refused() {
    let text = MINIMAL.replacen("prompt = \"q-need\"", "prompt = \"q-need\"\ncolour = 1", 1);
    assert!(load(&text).unwrap_err().to_string().contains("colour"));
}
