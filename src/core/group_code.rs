//! Which group a prospect came from. A group's "open the private chat"
//! button carries an opaque code in its deep link (Telegram allows 64 of
//! A-Z, a-z, 0-9, `_` and `-`); the database maps the code to the group, and
//! a lead started from it records the group as its source.

use super::inbound::Channel;

/// How a deep-link payload says "a group's code".
pub const PREFIX: &str = "g-";

/// The code of a group: the same for the same group on every replica and
/// build (FNV-1a, not std's per-process hasher), 15 characters at most.
pub fn of(channel: Channel, chat_id: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in channel
        .as_str()
        .bytes()
        .chain([b':'])
        .chain(chat_id.bytes())
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut digits = Vec::new();
    while hash > 0 || digits.is_empty() {
        digits.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(hash % 36) as usize]);
        hash /= 36;
    }
    digits.reverse();
    format!("{PREFIX}{}", String::from_utf8_lossy(&digits))
}

/// The code in a deep-link payload, if it is a group's.
pub fn in_payload(payload: &str) -> Option<&str> {
    let code = payload.strip_prefix(PREFIX)?;
    let valid = (1..=13).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase());
    valid.then_some(payload)
}

/// The source recorded for a lead that came from a group: its title when
/// known, else its id.
pub fn source(title: Option<&str>, chat_id: &str) -> String {
    match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) => format!("group:{title}"),
        None => format!("group:{chat_id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_groups_code_is_stable_short_and_a_valid_deep_link_payload() {
        let code = of(Channel::Telegram, "-1001234567890");
        assert_eq!(code, of(Channel::Telegram, "-1001234567890"));
        assert_ne!(code, of(Channel::Telegram, "-1001234567891"));
        assert_ne!(code, of(Channel::Discord, "-1001234567890"));
        assert!(code.len() <= 15, "{code}");
        assert!(code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(in_payload(&code), Some(code.as_str()));
    }

    #[test]
    fn only_a_group_code_is_read_as_one() {
        assert_eq!(in_payload("group"), None);
        assert_eq!(in_payload("g-"), None);
        assert_eq!(in_payload("g-ABC"), None);
        assert_eq!(in_payload("blog-post"), None);
        assert_eq!(in_payload("g-3kz9"), Some("g-3kz9"));
    }

    #[test]
    fn a_group_source_names_its_title_or_else_its_id() {
        assert_eq!(
            source(Some("Dhaka Startups"), "-100"),
            "group:Dhaka Startups"
        );
        assert_eq!(source(Some("  "), "-100"), "group:-100");
        assert_eq!(source(None, "-100"), "group:-100");
    }
}
