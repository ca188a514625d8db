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
