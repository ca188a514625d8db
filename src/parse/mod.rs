//! Free-text answer parsers: what a prospect typed, as a typed value.
//!
//! Pure functions, no I/O. Each returns `None` (or an "unclear" variant) when
//! it is not sure: a re-ask is better than a confident wrong parse.

pub mod authority;
pub mod choice;
pub mod contact;
mod festival_dates;
pub mod festivals;
pub mod fuzzy;
pub mod money;
pub mod normalize;
pub mod numerals;
pub mod phrases;
pub mod reading;
pub mod timeframe;
pub mod yesno;

pub use authority::{parse_authority, Authority};
pub use choice::{match_option, pick_option, Picked};
pub use contact::{
    incomplete_phone, is_contact_refusal, parse_contact, parse_email, parse_phone, ContactValue,
    IncompletePhone, InvalidContact,
};
pub use money::{parse_budget, read_budget};
pub use normalize::{normalize, tokens};
pub use reading::Reading;
pub use timeframe::{parse_timeframe, read_timeframe};

/// "I don't know", "জানি না", "pata nahi", "no idea" — and nothing else
/// of substance.
pub fn is_dont_know(text: &str) -> bool {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    phrases::DONT_KNOW_SET.contains(&words) && words.len() <= 6
}
pub use yesno::{is_filler, parse_yes_no, YesNo};

/// "didn't understand", "aap batao kya best rahega", "pata nahi bhai, you
/// suggest": the prospect asks back or says they do not know, in an answer
/// of any length. Such text describes no need.
pub fn asks_back(text: &str) -> bool {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    phrases::ASKS_BACK_SET.contains(&words) || phrases::DONT_KNOW_SET.contains(&words)
}

/// "I'll tell you later", "ভাই পরে জানাই", "baad mein baat karte hain": a
/// short reply that puts the question off says nothing of substance.
pub fn is_deferral(text: &str) -> bool {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    phrases::DEFERRAL_SET.contains(&words) && words.len() <= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asking_back_or_not_understanding_is_recognized_in_every_language() {
        for text in [
            "pata nahi bhai, aap batao kya best rahega",
            "समझ नहीं आया",
            "বুঝলাম না, আপনি বলেন",
            "not sure what I need, you tell me",
        ] {
            assert!(asks_back(text), "{text}");
        }
        assert!(!asks_back("a logo for my boutique"));
    }

    #[test]
    fn putting_the_question_off_is_a_deferral_in_every_language() {
        for text in [
            "ভাই পরে জানাই",
            "baad mein baat karte hain",
            "will tell you later",
            "बाद में बताऊंगा",
        ] {
            assert!(is_deferral(text), "{text}");
        }
        for text in [
            "website chai",
            "more customers later this year for our new branch and the old one",
        ] {
            assert!(!is_deferral(text), "{text}");
        }
    }
}
