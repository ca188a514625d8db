//! Phone numbers (Bangladesh +880, India +91, other international numbers
//! with a +) and e-mail addresses.

use super::normalize::normalize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactValue {
    Phone { e164: String },
    Email { address: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InvalidContact {
    #[error("no phone number found")]
    NotAPhone,
    #[error("no e-mail address found")]
    NotAnEmail,
}

/// A phone number or an e-mail address, whichever the text holds.
pub fn parse_contact(text: &str) -> Option<ContactValue> {
    if text.contains('@') {
        return parse_email(text).ok();
    }
    parse_phone(text).ok()
}

/// A phone number in E.164 form.
pub fn parse_phone(text: &str) -> Result<ContactValue, InvalidContact> {
    let normalized = normalize(text);
    // Only digits, spaces, dashes, dots, brackets and a leading + may appear.
    let body = normalized.trim_start_matches(|c: char| !c.is_ascii_digit() && c != '+');
    let body = body.trim_end_matches(|c: char| !c.is_ascii_digit());
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || " -.()+".contains(c))
        || body.matches('+').count() > 1
        || (body.contains('+') && !body.starts_with('+'))
    {
        return Err(InvalidContact::NotAPhone);
    }
    let international = body.starts_with('+');
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    e164(&digits, international)
        .map(|e164| ContactValue::Phone { e164 })
        .ok_or(InvalidContact::NotAPhone)
}

fn e164(digits: &str, international: bool) -> Option<String> {
    let bangladeshi_mobile = |national: &str| {
        national.len() == 11
            && national.starts_with("01")
            && matches!(national.as_bytes()[2], b'3'..=b'9')
    };
    let indian_mobile =
        |national: &str| national.len() == 10 && matches!(national.as_bytes()[0], b'6'..=b'9');
    // 880 is Bangladesh's code only with a + or in a 13-digit number:
    // 8801234567 is an Indian mobile.
    if let Some(national) = digits
        .strip_prefix("880")
        .filter(|_| international || digits.len() == 13)
    {
        let national = format!("0{}", national.trim_start_matches('0'));
        return bangladeshi_mobile(&national).then(|| format!("+880{}", &national[1..]));
    }
    if let Some(national) = digits.strip_prefix("91").filter(|n| n.len() == 10) {
        return indian_mobile(national).then(|| format!("+91{national}"));
    }
    // +91 and not ten digits after it: an Indian number a digit short or
    // long, never some other country's.
    if international && digits.starts_with("91") {
        return None;
    }
    if international {
        // Another country's number: E.164 allows up to 15 digits.
        return (8..=15)
            .contains(&digits.len())
            .then(|| format!("+{digits}"));
    }
    if bangladeshi_mobile(digits) {
        return Some(format!("+880{}", &digits[1..]));
    }
    let national = digits
        .strip_prefix('0')
        .filter(|n| n.len() == 10)
        .unwrap_or(digits);
    indian_mobile(national).then(|| format!("+91{national}"))
}

/// Which country's mobile number a wrong-length number was meant to be,
/// for a re-ask that says how many digits it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncompletePhone {
    /// "01…" or +880: 11 digits.
    Bangladesh,
    /// 6–9 first or +91: 10 digits.
    India,
}

/// A number that is plainly meant as a mobile number but has too few or
/// too many digits: one short, one extra, a missing country-code digit.
pub fn incomplete_phone(text: &str) -> Option<IncompletePhone> {
    if parse_phone(text).is_ok() {
        return None;
    }
    let normalized = normalize(text);
    let digits: String = normalized.chars().filter(char::is_ascii_digit).collect();
    let others = normalized
        .chars()
        .filter(|c| !c.is_ascii_digit() && !" -.()+".contains(*c))
        .count();
    // Words beside the number are another matter (the reask says so).
    if others > 0 || !(7..=15).contains(&digits.len()) {
        return None;
    }
    let international = normalized.trim_start().starts_with('+');
    if digits.starts_with("880") && (international || digits.len() >= 12)
        || digits.starts_with("01")
    {
        return Some(IncompletePhone::Bangladesh);
    }
    if digits.starts_with("91") && international
        || digits
            .chars()
            .next()
            .is_some_and(|c| ('6'..='9').contains(&c))
    {
        return Some(IncompletePhone::India);
    }
    None
}

/// "I don't want to give my number": a refusal, not a failed attempt.
pub fn is_contact_refusal(text: &str) -> bool {
    let normalized = normalize(text);
    REFUSALS.iter().any(|phrase| normalized.contains(phrase))
}

/// Ways of declining to share a phone number or e-mail, in English, Bengali
/// and Hindi (native script and romanized).
const REFUSALS: &[&str] = &[
    "don't want to share",
    "dont want to share",
    "do not want to share",
    "don't want to give",
    "dont want to give",
    "do not want to give",
    "rather not",
    "prefer not",
    "not comfortable",
    "won't give",
    "wont give",
    "not giving",
    "no number",
    "skip",
    "দিতে চাই না",
    "দিতে চাচ্ছি না",
    "দেব না",
    "দেবো না",
    "দিব না",
    "দিবো না",
    "দিতে পারব না",
    "dite chai na",
    "dibo na",
    "debo na",
    "नहीं देना",
    "नहीं दूँगा",
    "नहीं दूंगा",
    "नहीं दूँगी",
    "नहीं दूंगी",
    "नहीं देना चाहता",
    "नहीं देना चाहती",
    "nahi dena",
    "nahi dunga",
    "nahi dungi",
    "nahin dena",
    "number nahi",
];

/// An e-mail address, lowercased in its domain.
pub fn parse_email(text: &str) -> Result<ContactValue, InvalidContact> {
    let normalized = normalize(text);
    let candidate = normalized
        .split_whitespace()
        .find(|w| w.contains('@'))
        .ok_or(InvalidContact::NotAnEmail)?
        .trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | '"' | '\'' | '.'));
    let (local, domain) = candidate
        .split_once('@')
        .ok_or(InvalidContact::NotAnEmail)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if !local_ok || !domain_ok {
        return Err(InvalidContact::NotAnEmail);
    }
    Ok(ContactValue::Email {
        address: format!("{local}@{domain}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_one_digit_short_or_long_is_named_incomplete_by_country() {
        assert_eq!(
            incomplete_phone("0171234567"),
            Some(IncompletePhone::Bangladesh)
        );
        assert_eq!(
            incomplete_phone("017123456789"),
            Some(IncompletePhone::Bangladesh)
        );
        assert_eq!(
            incomplete_phone("+880 171234567"),
            Some(IncompletePhone::Bangladesh)
        );
        assert_eq!(incomplete_phone("98765 4321"), Some(IncompletePhone::India));
        assert_eq!(
            incomplete_phone("+91 98765 432100"),
            Some(IncompletePhone::India)
        );
        assert_eq!(incomplete_phone("01712345678"), None);
        assert_eq!(incomplete_phone("call me maybe"), None);
        assert_eq!(incomplete_phone("12345"), None);
    }

    #[test]
    fn a_refusal_to_share_a_contact_is_recognized_in_every_language() {
        for text in [
            "I don't want to share my number",
            "prefer not to",
            "নম্বর দিতে চাই না",
            "নাম্বার দেব না",
            "number dite chai na",
            "नंबर नहीं देना चाहता",
            "number nahi dunga",
        ] {
            assert!(is_contact_refusal(text), "{text}");
        }
        for text in ["01712345678", "name@example.com", "call me on whatsapp"] {
            assert!(!is_contact_refusal(text), "{text}");
        }
    }

    fn phone(e164: &str) -> Result<ContactValue, InvalidContact> {
        Ok(ContactValue::Phone { e164: e164.into() })
    }

    #[test]
    fn bangladeshi_mobiles_in_any_form() {
        assert_eq!(parse_phone("01712345678"), phone("+8801712345678"));
        assert_eq!(parse_phone("+880 1712-345678"), phone("+8801712345678"));
        assert_eq!(parse_phone("০১৭১২৩৪৫৬৭৮"), phone("+8801712345678"));
        assert_eq!(parse_phone("8801712345678"), phone("+8801712345678"));
    }

    #[test]
    fn indian_mobiles_in_any_form() {
        assert_eq!(parse_phone("98765 43210"), phone("+919876543210"));
        assert_eq!(parse_phone("+91-98765-43210"), phone("+919876543210"));
        assert_eq!(parse_phone("०९८७६५४३२१०"), phone("+919876543210"));
        assert_eq!(parse_phone("8801234567"), phone("+918801234567"));
    }

    #[test]
    fn other_international_numbers_need_a_plus() {
        assert_eq!(parse_phone("+44 20 7946 0958"), phone("+442079460958"));
        assert!(parse_phone("12345").is_err());
        assert!(parse_phone("0112345678").is_err());
        assert!(parse_phone("call me").is_err());
        assert!(parse_phone("01712345678 or 98765").is_err());
    }

    #[test]
    fn email_addresses_are_validated() {
        assert_eq!(
            parse_email("My mail: Rahim.Uddin@Example.COM."),
            Ok(ContactValue::Email {
                address: "rahim.uddin@example.com".into()
            })
        );
        assert!(parse_email("rahim@localhost").is_err());
        assert!(parse_email("@example.com").is_err());
        assert!(parse_email("a..b@example.com").is_err());
    }

    #[test]
    fn a_contact_is_whichever_the_text_holds() {
        assert!(matches!(
            parse_contact("01712345678"),
            Some(ContactValue::Phone { .. })
        ));
        assert!(matches!(
            parse_contact("x@y.org"),
            Some(ContactValue::Email { .. })
        ));
        assert_eq!(parse_contact("tomorrow"), None);
    }
}
