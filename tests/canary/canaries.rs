//! The canaries: recognizable secrets and personal data, where they may and
//! may not appear, and the two checks every canary test ends with.

use serde_json::Value;

/// `<digits>:<35 characters>`, the form BotFather gives.
pub const TELEGRAM_TOKEN: &str = "7777777777:CANARYtokenQWERTYzxcvb0123456789abc";
/// The part after the colon: the secret itself.
pub const TELEGRAM_SECRET: &str = "CANARYtokenQWERTYzxcvb0123456789abc";
pub const DISCORD_TOKEN: &str =
    "MTc3Nzc3Nzc3Nzc3Nzc3Nzc3.CnRyYw.CANARYdiscordHmac_0123456789abcdefgh";
pub const WEBHOOK_SECRET: &str = "CanaryHookSecret_9f8e7d6c5b4a";
pub const DB_PASSWORD: &str = "CanaryDbPassw0rd7q3z";

pub const FIRST_NAME: &str = "Zorvexa";
pub const LAST_NAME: &str = "Quintarelli";
pub const FULL_NAME: &str = "Zorvexa Quintarelli";
pub const USERNAME: &str = "zorvexa_quintarelli";
pub const PHONE: &str = "+8801799123456";
pub const LOCAL_PHONE: &str = "01799123456";
pub const EMAIL: &str = "zorvexa.canary@example.com";
/// A budget answer with a word found nowhere else.
pub const BUDGET_WORD: &str = "Quokkaberry";
/// A need no option matches: taken as free text ("something else").
pub const NEED_WORD: &str = "Kelpwright";
/// A made-up Bengali place name, in a Bengali free-text answer.
pub const BENGALI_WORD: &str = "ঝিলমিলপুর";

/// Every string that must never reach a log, with what it is.
pub const NEVER_LOGGED: [(&str, &str); 13] = [
    ("the Telegram token", TELEGRAM_TOKEN),
    ("the Telegram token's secret", TELEGRAM_SECRET),
    ("the Discord token", DISCORD_TOKEN),
    ("the webhook secret", WEBHOOK_SECRET),
    ("the database password", DB_PASSWORD),
    ("the first name", FIRST_NAME),
    ("the last name", LAST_NAME),
    ("the username", USERNAME),
    // The digits every spelling of the number shares.
    ("the phone number", "1799123456"),
    ("the e-mail address", "zorvexa.canary"),
    ("the budget answer", BUDGET_WORD),
    ("the free-text need", NEED_WORD),
    ("the Bengali answer", BENGALI_WORD),
];

/// The canaries found in a log, in any spelling a library might print:
/// as is (any case), as `{:?}` prints it (Bengali vowel signs escaped), as
/// hex bytes (websocket frames, byte dumps), or percent-encoded (URLs,
/// forms).
pub fn leaks(log: &str) -> Vec<String> {
    let lower = log.to_lowercase();
    let mut found = Vec::new();
    for (what, canary) in NEVER_LOGGED {
        let hex: String = canary.bytes().map(|b| format!("{b:02x}")).collect();
        let debug = format!("{canary:?}");
        let spellings = [
            ("", canary.to_lowercase()),
            (" as Debug", debug.trim_matches('"').to_lowercase()),
            (" as hex", hex),
            (" percent-encoded", percent_encoded(canary).to_lowercase()),
        ];
        for (how, spelling) in spellings {
            if lower.contains(&spelling) {
                let line = log
                    .lines()
                    .find(|l| l.to_lowercase().contains(&spelling))
                    .unwrap_or_default();
                found.push(format!("{what}{how} in: {line}"));
                break;
            }
        }
    }
    found
}

fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Asserts that no canary is in a log, showing the lines that carry one.
pub fn assert_nothing_leaked(log: &str) {
    assert!(
        log.lines().count() > 10,
        "the log is nearly empty: is it captured at all?\n{log}"
    );
    let leaks = leaks(log);
    assert!(
        leaks.is_empty(),
        "leaked into the log:\n{}",
        leaks.join("\n")
    );
}

/// What a chat user must never be shown: words of the implementation,
/// error texts, paths, stack traces, secrets.
const INTERNAL: [&str; 17] = [
    "sqlx",
    "sqlite",
    "postgres",
    "database",
    "error:",
    "error returned",
    "no such table",
    "relation \"",
    "panicked",
    "backtrace",
    "src/",
    ".rs:",
    "leadbot::",
    "127.0.0.1",
    "http://",
    TELEGRAM_SECRET,
    DB_PASSWORD,
];

/// The internal details a text shown to a chat user gives away.
pub fn internal_details(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    INTERNAL
        .iter()
        .copied()
        .filter(|marker| lower.contains(&marker.to_lowercase()))
        .collect()
}

pub fn assert_no_internal_details(texts: &[String]) {
    assert!(!texts.is_empty(), "no text shown to a chat user to check");
    for text in texts {
        let found = internal_details(text);
        assert!(found.is_empty(), "a chat user was shown {found:?}:\n{text}");
    }
}

/// Gives every person in a Telegram update or a Discord event the canary
/// name: `first_name` / `last_name` (Telegram users, chats and shared
/// contacts) and `global_name` / `username` (Discord users).
pub fn as_canary_person(mut value: Value) -> Value {
    fn walk(value: &mut Value) {
        match value {
            Value::Object(map) => {
                if map.contains_key("first_name") {
                    map.insert("first_name".into(), FIRST_NAME.into());
                    map.insert("last_name".into(), LAST_NAME.into());
                    if map.contains_key("is_bot") {
                        map.insert("username".into(), USERNAME.into());
                    }
                }
                if map.contains_key("global_name") {
                    map.insert("global_name".into(), FULL_NAME.into());
                    map.insert("username".into(), USERNAME.into());
                }
                map.values_mut().for_each(walk);
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut value);
    value
}

#[test]
fn the_leak_detector_finds_a_canary_in_every_spelling() {
    let plain = format!("GET /bot{TELEGRAM_TOKEN}/getMe");
    let hex: String = FULL_NAME.bytes().map(|b| format!("{b:02x}")).collect();
    let encoded = "to=zorvexa.canary%40example.com";
    let debug = format!("text: {:?}", format!("{BENGALI_WORD} খামার"));

    for log in [
        plain,
        format!("payload: 0x{hex}"),
        encoded.to_owned(),
        debug,
    ] {
        assert!(!leaks(&log).is_empty(), "not found in {log}");
    }
    assert!(leaks("update_id=5000 outbox_id=3 turn committed").is_empty());
}

#[test]
fn internal_details_are_recognized_and_a_polite_apology_is_not_one() {
    assert_eq!(
        internal_details("error returned from database: no such table: leads"),
        ["database", "error returned", "no such table"]
    );
    assert!(internal_details(
        "Sorry, something went wrong on our side. Please try again in a moment."
    )
    .is_empty());
}
