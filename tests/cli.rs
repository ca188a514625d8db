//! The real `leadbot` binary: a scripted chat on stdin, then what `export`,
//! `leads`, `migrate` and `--help` print.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The binary in `dir`, with none of this machine's settings
/// (DATABASE_URL, LEADBOT_*, RUST_LOG...) leaking in.
fn bot(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_leadbot"));
    command.current_dir(dir).env_clear();
    command
}

fn leadbot(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = bot(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("leadbot starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().expect("leadbot finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Asserts the fragments appear in this order.
fn assert_in_order(text: &str, fragments: &[&str]) {
    let mut rest = text;
    for fragment in fragments {
        let at = rest
            .find(fragment)
            .unwrap_or_else(|| panic!("{fragment:?} missing (or out of order) in:\n{text}"));
        rest = &rest[at + fragment.len()..];
    }
}

#[test]
fn a_scripted_chat_qualifies_a_hot_lead_and_export_shows_it() {
    // Arrange
    let dir = tempfile::tempdir().unwrap();
    let script = "1\nyes\n2\n2 lakh taka\nyes\n1\nwithin 2 weeks\nrahim@example.com\n";

    // Act
    let chat = leadbot(
        dir.path(),
        &["chat", "--user", "Rahim", "--source", "fb_ad_nov"],
        script,
    );
    let export = leadbot(dir.path(), &["export", "--format", "json"], "");

    // Assert: the transcript.
    assert!(chat.status.success(), "{}", stderr(&chat));
    let transcript = stdout(&chat);
    assert_in_order(
        &transcript,
        &[
            "Please choose your language",
            "1) English",
            "2) বাংলা",
            "3) हिन्दी",
            "Great, we'll continue in English.",
            "Hello, Rahim!",
            "our company",
            "We keep them for 365 days after your last message",
            "Is that okay with you?",
            "Thank you! Let's begin.",
            "What would you like our help with?",
            "2) A website or an app",
            "What budget do you have in mind",
            "Just to check: ৳2,00,000 — is that right?",
            "Who will make the final decision",
            "When would you like to get started?",
            "best phone number or e-mail address",
            "Here are your answers, so you can check them",
            "Need: A website or an app",
            "Budget: ৳2,00,000",
            "Decision: I decide",
            // The date depends on today: "by 6 December 2026".
            "Timeframe: by ",
            "Contact: rahim@example.com",
            "Our team will be in touch with you soon.",
            "/change",
            "2) ✏️ Budget",
        ],
    );
    // The grade, the per-criterion verdicts and the minimum are for sales.
    for graded in ["Result:", "hot 🔥", "✅", "❌", "minimum", "৳1,00,000"] {
        assert!(
            !transcript.contains(graded),
            "{graded:?} shown to the prospect"
        );
    }
    assert!(
        stderr(&chat).is_empty(),
        "unexpected logs: {}",
        stderr(&chat)
    );

    // Assert: the stored lead.
    assert!(export.status.success(), "{}", stderr(&export));
    let leads: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    let lead = &leads.as_array().unwrap()[0];
    assert_eq!(leads.as_array().unwrap().len(), 1);
    assert_eq!(lead["channel"], "console");
    assert_eq!(lead["user_id"], "Rahim");
    assert_eq!(lead["display_name"], "Rahim");
    assert_eq!(lead["language"], "en");
    assert_eq!(lead["source"], "fb_ad_nov");
    assert_eq!(lead["temperature"], "hot");
    assert_eq!(lead["stage"], "sales_qualified");
    assert_eq!(lead["step"], "finished");
    let budget = lead["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["question_id"] == "budget")
        .unwrap();
    assert_eq!(budget["raw_text"], "2 lakh taka");
    assert_eq!(
        budget["value"],
        serde_json::json!({"type": "budget", "budget": {"kind": "amount", "amount": 200000, "currency": "BDT"}})
    );
    let stages: Vec<_> = lead["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].clone())
        .collect();
    assert_eq!(
        stages,
        [
            "information_qualified",
            "marketing_qualified",
            "sales_qualified"
        ]
    );
}

#[test]
fn the_same_user_continues_where_they_stopped_in_their_language() {
    // Arrange
    let dir = tempfile::tempdir().unwrap();
    let first = leadbot(
        dir.path(),
        &["chat", "--lang", "bn", "--user", "karim"],
        "হ্যাঁ\n1\n",
    );
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(!stdout(&first).contains("Please choose your language"));

    // Act
    let second = leadbot(dir.path(), &["chat", "--user", "karim"], "");

    // Assert
    let transcript = stdout(&second);
    assert_in_order(&transcript, &["আবারও স্বাগতম", "বাজেট"]);
    assert!(
        !transcript.contains("কোন বিষয়ে"),
        "the need question was asked again:\n{transcript}"
    );
}

#[test]
fn lang_switches_an_existing_conversation_to_that_language() {
    // Arrange: a conversation held in Bengali, at the budget question.
    let dir = tempfile::tempdir().unwrap();
    leadbot(
        dir.path(),
        &["chat", "--lang", "bn", "--user", "rupa"],
        "হ্যাঁ\n1\n",
    );

    // Act
    let hindi = leadbot(dir.path(), &["chat", "--lang", "hi", "--user", "rupa"], "");

    // Assert: the same question, now in Hindi; nothing asked again.
    let transcript = stdout(&hindi);
    assert!(hindi.status.success(), "{}", stderr(&hindi));
    assert_in_order(&transcript, &["हिन्दी", "बजट"]);
    assert!(!transcript.contains("বাজেট"), "{transcript}");

    // And on to English, and back to Bengali: each language in turn.
    let english = leadbot(dir.path(), &["chat", "--lang", "en", "--user", "rupa"], "");
    let transcript = stdout(&english);
    assert!(transcript.to_lowercase().contains("budget"), "{transcript}");
    assert!(!transcript.contains("बजट"), "{transcript}");
    let bengali = leadbot(dir.path(), &["chat", "--lang", "bn", "--user", "rupa"], "");
    let transcript = stdout(&bengali);
    assert!(transcript.contains("বাজেট"), "{transcript}");
    assert!(
        !transcript.to_lowercase().contains("budget"),
        "{transcript}"
    );
}

#[test]
fn leads_prints_a_table_and_csv_export_writes_a_file() {
    // Arrange
    let dir = tempfile::tempdir().unwrap();
    leadbot(
        dir.path(),
        &["chat", "--lang", "hi", "--user", "sunita"],
        "हाँ\n2\n5 लाख\nहाँ\n",
    );

    // Act
    let leads = leadbot(dir.path(), &["leads"], "");
    let export = leadbot(
        dir.path(),
        &["export", "--format", "csv", "--out", "leads.csv"],
        "",
    );

    // Assert
    let table = stdout(&leads);
    for header in [
        "id",
        "channel",
        "name",
        "language",
        "stage",
        "temperature",
        "met",
        "updated",
    ] {
        assert!(table.contains(header), "{table}");
    }
    assert!(
        table.contains("sunita") && table.contains("hi") && table.contains("information_qualified"),
        "{table}"
    );
    assert!(export.status.success(), "{}", stderr(&export));
    let csv = std::fs::read_to_string(dir.path().join("leads.csv")).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("id,channel,user_id,name,language"),
        "{header}"
    );
    assert!(header.contains("budget,budget_value"), "{header}");
    let row = lines.next().unwrap();
    assert!(row.contains("5 लाख"), "{row}");
    assert!(row.contains("500000"), "{row}");
}

#[test]
fn migrate_creates_the_database_and_every_subcommand_explains_itself() {
    let dir = tempfile::tempdir().unwrap();
    let migrate = leadbot(dir.path(), &["migrate"], "");
    assert!(migrate.status.success(), "{}", stderr(&migrate));
    assert!(stdout(&migrate).contains("sqlite://leadbot.db is up to date"));
    assert!(dir.path().join("leadbot.db").exists());

    for subcommand in ["chat", "leads", "export", "migrate", "run"] {
        let help = leadbot(dir.path(), &[subcommand, "--help"], "");
        assert!(help.status.success());
        assert!(stdout(&help).contains("Usage: leadbot"), "{subcommand}");
    }
    let help = stdout(&leadbot(dir.path(), &["--help"], ""));
    for subcommand in [
        "chat",
        "leads",
        "export",
        "migrate",
        "run",
        "--database-url",
    ] {
        assert!(help.contains(subcommand), "{help}");
    }
}

#[test]
fn the_database_url_option_beats_the_environment_and_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("leadbot.toml"),
        "database_url = \"sqlite://from-file.db\"\n",
    )
    .unwrap();
    leadbot(dir.path(), &["migrate"], "");
    assert!(dir.path().join("from-file.db").exists());
    leadbot(
        dir.path(),
        &["migrate", "--database-url", "sqlite://from-option.db"],
        "",
    );
    assert!(dir.path().join("from-option.db").exists());
}

#[test]
fn a_bad_config_is_reported_in_one_line_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("leadbot.toml"),
        "[scoring]\nmax_timeframe_days = \"soon\"\n",
    )
    .unwrap();
    let output = leadbot(dir.path(), &["leads"], "");
    assert!(!output.status.success());
    let message = stderr(&output);
    assert_eq!(message.trim().lines().count(), 1, "{message}");
    assert!(message.contains("max_timeframe_days"), "{message}");
}

#[test]
fn a_questionnaire_with_a_missing_message_id_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let questionnaire =
        leadbot::core::questionnaire::DEFAULT_TOML.replace("q-budget", "q-budget-typo");
    std::fs::write(dir.path().join("q.toml"), questionnaire).unwrap();
    std::fs::write(
        dir.path().join("leadbot.toml"),
        "questionnaire = \"q.toml\"\n",
    )
    .unwrap();
    let output = leadbot(dir.path(), &["chat"], "");
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("q.toml"), "{message}");
    assert!(message.contains("question \"budget\""), "{message}");
    assert!(
        message.contains("\"q-budget-typo\" is missing from the locales"),
        "{message}"
    );
}

#[test]
fn an_unsupported_database_url_names_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let output = leadbot(dir.path(), &["leads", "--database-url", "mysql://x/y"], "");
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("use sqlite://FILE"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn run_says_which_channels_are_configured() {
    let dir = tempfile::tempdir().unwrap();
    let output = leadbot(dir.path(), &["run"], "");
    assert!(!output.status.success());
    let text = stderr(&output);
    assert!(text.contains("Telegram: not configured"), "{text}");
    assert!(text.contains("Discord:  not configured"), "{text}");
    assert!(text.contains("no chat channel is configured"), "{text}");
}

#[test]
fn trace_logs_carry_no_message_text_and_no_personal_data() {
    // Arrange
    let dir = tempfile::tempdir().unwrap();
    let canaries = [
        "Zebulon-Canary",
        "purple-elephant-canary-need",
        "canary.person@example.com",
        "4 lakh canary",
    ];
    let script = format!(
        "1\nyes\n{}\n{}\nyes\n1\nwithin 2 weeks\n{}\n",
        canaries[1], canaries[3], canaries[2]
    );
    let mut child = bot(dir.path())
        .args(["chat", "--user", canaries[0]])
        .env("RUST_LOG", "trace")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();

    // Act
    let output = child.wait_with_output().unwrap();

    // Assert
    assert!(output.status.success(), "{}", stderr(&output));
    let logs = stderr(&output);
    // One debug line a turn: leadbot's own lines are there (the
    // dependencies' are capped at info, see src/telemetry.rs).
    assert!(
        logs.matches("turn committed").count() >= 8,
        "trace logging produced too little to judge:\n{logs}"
    );
    assert!(
        stdout(&output).contains(canaries[2]),
        "the conversation did not run"
    );
    for canary in canaries {
        assert!(!logs.contains(canary), "{canary:?} leaked into the logs");
    }
}

#[test]
fn a_reply_committed_but_never_shown_is_delivered_when_the_chat_starts_again() {
    // Arrange: a turn committed with its reply in the outbox, as if the
    // process died right after the commit.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("leadbot.db").display());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = leadbot::storage::connect(&url).await.unwrap();
        store.migrate().await.unwrap();
        let qualifier = leadbot::service::Qualifier::new(
            store,
            std::sync::Arc::new(leadbot::core::Questionnaire::builtin()),
            leadbot::service::BusinessRules {
                promise: Default::default(),
                business_name: None,
                retention_days: 365,
                policy: Default::default(),
                sales: Default::default(),
            },
        );
        let inbound = leadbot::core::Inbound {
            key: leadbot::core::ConversationKey::new(leadbot::core::Channel::Console, "crashy"),
            idempotency_key: "before-crash".into(),
            at: chrono::Utc::now(),
            profile: leadbot::core::Profile {
                display_name: None,
                language_hint: Some(leadbot::core::Language::Hi),
                link: None,
                reachable: false,
            },
            input: leadbot::core::Input::Command(leadbot::core::Command::Start { payload: None }),
        };
        qualifier.handle(&inbound).await.unwrap();
    });

    // Act
    let chat = leadbot(dir.path(), &["chat", "--user", "crashy"], "");

    // Assert: the undelivered greeting comes first; then, as nothing was
    // asked yet, the greeting and the notice again, never "welcome back".
    let transcript = stdout(&chat);
    assert_in_order(
        &transcript,
        &[
            "नमस्ते! 👋",
            "क्या आप इससे सहमत हैं?",
            "नमस्ते, crashy! 👋",
            "क्या आप इससे सहमत हैं?",
        ],
    );
    assert!(!transcript.contains("फिर से स्वागत है"), "{transcript}");
    // Delivered once: a third start does not show the greeting again.
    let again = stdout(&leadbot(dir.path(), &["chat", "--user", "crashy"], ""));
    assert!(!again.contains("नमस्ते! 👋"), "{again}");
}

#[test]
fn parse_prints_what_the_bot_understood_as_one_json_object() {
    let dir = tempfile::tempdir().unwrap();
    let money = leadbot(
        dir.path(),
        &["parse", "--kind", "money", "--lang", "bn", "২-৩ লাখ টাকা"],
        "",
    );
    assert!(money.status.success(), "{}", stderr(&money));
    assert_eq!(
        stdout(&money).trim(),
        r#"{"action":"confirm","value":{"kind":"range","min":200000,"max":300000,"currency":"BDT"}}"#
    );
    // Text starting with "-" after `--`; a bare number offered as readings.
    let negative = leadbot(dir.path(), &["parse", "--kind", "money", "--", "-5000"], "");
    assert!(negative.status.success(), "{}", stderr(&negative));
    assert_eq!(stdout(&negative).trim(), r#"{"action":"reask"}"#);
    let bare = leadbot(dir.path(), &["parse", "--kind", "money", "৫০"], "");
    assert_eq!(
        stdout(&bare).trim(),
        r#"{"action":"choose","options":[{"kind":"amount","amount":50000,"currency":null},{"kind":"amount","amount":5000000,"currency":null}]}"#
    );
    let timeframe = leadbot(
        dir.path(),
        &[
            "parse",
            "--kind",
            "timeframe",
            "--lang",
            "hi",
            "--now",
            "2026-11-22",
            "मार्च तक",
        ],
        "",
    );
    assert_eq!(
        stdout(&timeframe).trim(),
        r#"{"action":"accept","value":{"kind":"by","date":"2027-03-31"}}"#
    );
    let phone = leadbot(dir.path(), &["parse", "--kind", "phone", "call me"], "");
    assert_eq!(
        stdout(&phone).trim(),
        r#"{"action":"reask","reason":"no phone number found"}"#
    );
    // No database or settings needed.
    assert!(!dir.path().join("leadbot.db").exists());
    let bad = leadbot(dir.path(), &["parse", "--kind", "cash", "x"], "");
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("money"), "{}", stderr(&bad));
}

#[test]
fn report_prints_the_funnel_with_conversion_drop_off_and_sources() {
    // Arrange: a hot lead from an ad, and one who stopped at the budget.
    let dir = tempfile::tempdir().unwrap();
    leadbot(
        dir.path(),
        &["chat", "--user", "Hot", "--source", "fb_ad_nov"],
        "1\nyes\n2\n₹3,00,000\n1\nwithin 2 weeks\nhot@example.com\n",
    );
    leadbot(dir.path(), &["chat", "--user", "Stopped"], "1\nyes\n2\n");

    // Act
    let output = leadbot(dir.path(), &["report", "--since", "7d"], "");

    // Assert
    assert!(output.status.success(), "{}", stderr(&output));
    let report = stdout(&output);
    let row = |first: &str| {
        report
            .lines()
            .find(|l| l.contains(&format!(" {first} ")))
            .unwrap_or_else(|| panic!("no {first} row in:\n{report}"))
            .split('┆')
            .map(|cell| {
                cell.trim_matches(|c: char| c.is_whitespace() || c == '│')
                    .to_owned()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(row("information_qualified")[1..3], ["2", "100%"]);
    assert_eq!(row("marketing_qualified")[1..3], ["1", "50%"]);
    assert_eq!(row("sales_qualified")[1..3], ["1", "100%"]);
    assert_eq!(row("budget")[1], "1");
    assert_eq!(row("fb_ad_nov")[1..5], ["1", "1", "1", "0"]);
    // Nobody claimed the hot lead (no sales chat here).
    assert!(
        report.contains("Time from sales-qualified to claimed"),
        "{report}"
    );
    assert_eq!(row("(everyone)")[1..4], ["0", "-", "-"]);
    assert!(report.contains("Hot leads unclaimed now: 1"), "{report}");
    let bad = leadbot(dir.path(), &["report", "--since", "soon"], "");
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("30d"), "{}", stderr(&bad));
}

#[test]
fn mydata_prints_the_file_in_the_chat_and_forget_then_retention_leave_nothing() {
    // Arrange: a conversation under way.
    let dir = tempfile::tempdir().unwrap();
    let script = "/start\n1\nyes\n2\n/mydata\n/help\n/forget\n1\n";

    // Act
    let chat = leadbot(dir.path(), &["chat", "--user", "Rahim"], script);
    let retention = leadbot(dir.path(), &["retention"], "");
    let again = leadbot(dir.path(), &["retention"], "");
    let export = leadbot(dir.path(), &["export", "--format", "json"], "");

    // Assert: the copy as JSON, the commands under /help, the goodbye.
    assert!(chat.status.success(), "{}", stderr(&chat));
    let transcript = stdout(&chat);
    assert_in_order(
        &transcript,
        &[
            "send /forget and we erase everything",
            "Here is a copy of everything we store about you",
            "my-data.json:",
            "\"display_name\": \"Rahim\"",
            "\"question_id\": \"need\"",
            "/mydata — 📄 My data",
            "/forget — 🗑 Erase my data",
            "erase everything we store about you",
            "1) Yes, erase everything",
            "we have erased everything we stored about you",
        ],
    );
    assert!(retention.status.success(), "{}", stderr(&retention));
    assert!(
        stdout(&retention).starts_with("Erased 0 leads untouched for more than 365 days"),
        "{}",
        stdout(&retention)
    );
    assert!(
        stdout(&again).starts_with("Erased 0 leads"),
        "{}",
        stdout(&again)
    );
    assert_eq!(stdout(&export).trim(), "[]");
}

#[test]
fn a_retention_of_zero_days_is_refused_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("leadbot.toml"), "[retention]\ndays = 0\n").unwrap();

    let output = leadbot(dir.path(), &["retention"], "");

    assert!(!output.status.success());
    let error = stderr(&output);
    assert!(error.contains("retention.days"), "{error}");
    assert!(error.contains("1 to 3650"), "{error}");
}

#[test]
fn backup_writes_a_copy_that_holds_every_lead_and_refuses_to_overwrite() {
    // Arrange: one lead, talked to in the console.
    let dir = tempfile::tempdir().unwrap();
    let chat = leadbot(dir.path(), &["chat", "--user", "Rahim"], "1\nyes\n2\n");
    assert!(chat.status.success(), "{}", stderr(&chat));

    // Act
    let backup = leadbot(dir.path(), &["backup", "copy.db"], "");
    let again = leadbot(dir.path(), &["backup", "copy.db"], "");

    // Assert: the copy opens as a database with the lead in it.
    assert!(backup.status.success(), "{}", stderr(&backup));
    let from_copy = bot(dir.path())
        .env("DATABASE_URL", "sqlite://copy.db")
        .args(["leads"])
        .output()
        .unwrap();
    assert!(from_copy.status.success(), "{}", stderr(&from_copy));
    assert!(
        stdout(&from_copy).contains("Rahim"),
        "{}",
        stdout(&from_copy)
    );
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("exists already"),
        "{}",
        stderr(&again)
    );
}
