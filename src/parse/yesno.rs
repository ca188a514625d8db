//! Yes / no answers in Bengali, Hindi and English, romanized forms included.
//! Negations are matched before bare words ("জি না" is no, not yes).

use super::normalize::{contains_phrase, normalize, tokens};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YesNo {
    Yes,
    No,
    Unclear,
}

pub fn parse_yes_no(text: &str) -> YesNo {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    let has = |phrases: &[&str]| phrases.iter().any(|p| contains_phrase(&words, &tokens(p)));
    if has(NO) {
        return YesNo::No;
    }
    if has(YES) || YES_EMOJI.iter().any(|e| normalized.contains(e)) {
        return YesNo::Yes;
    }
    if NO_EMOJI.iter().any(|e| normalized.contains(e)) {
        return YesNo::No;
    }
    YesNo::Unclear
}

const NO: &[&str] = &[
    "no",
    "nope",
    "nah",
    "not",
    "don't",
    "dont",
    "never",
    "na",
    "nai",
    "nahi",
    "nahin",
    "nhi",
    "না",
    "নাহ",
    "নাই",
    "নেই",
    "চাই না",
    "জি না",
    "নো",
    "नहीं",
    "नही",
    "ना",
    "जी नहीं",
    "मत",
    "नो",
];

const YES: &[&str] = &[
    "yes",
    "y",
    "yeah",
    "yep",
    "yup",
    "ya",
    "yea",
    "sure",
    "ok",
    "okay",
    "k",
    "agree",
    "agreed",
    "of course",
    "fine",
    "ha",
    "haa",
    "haan",
    "han",
    "hae",
    "hya",
    "ji",
    "jee",
    "thik ache",
    "theek hai",
    "thik hai",
    "হ্যাঁ",
    "হ্যা",
    "হাঁ",
    "হুম",
    "জি",
    "জী",
    "ঠিক আছে",
    "অবশ্যই",
    "রাজি",
    "ওকে",
    "হুঁ",
    "हाँ",
    "हां",
    "हा",
    "जी",
    "जी हाँ",
    "जी हां",
    "बिल्कुल",
    "बिलकुल",
    "ठीक है",
    "ओके",
    "सहमत",
    "हम्म",
];

/// Murmurs and laughter: "hmm", "hahaha", "lol", "হাহা", "हाहा". A word of
/// at most two distinct letters ("hmmm", "hehehe") counts too.
pub fn is_filler(text: &str) -> bool {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    !words.is_empty()
        && words.iter().all(|word| {
            FILLERS.contains(word) || {
                let mut letters: Vec<char> = word.chars().collect();
                let long = letters.len() >= 3;
                letters.sort_unstable();
                letters.dedup();
                long && letters.len() <= 2
            }
        })
}

const FILLERS: &[&str] = &[
    "lol",
    "lmao",
    "rofl",
    "umm",
    "hmmm",
    "uhh",
    "হাহা",
    "হিহি",
    "हाहा",
    "हीही",
    "हम्म",
];

const YES_EMOJI: &[&str] = &["👍", "✅", "👌"];
const NO_EMOJI: &[&str] = &["👎", "❌"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_in_three_languages_and_romanized() {
        for text in [
            "yes",
            "Ok!",
            "sure",
            "হ্যাঁ",
            "জি",
            "ঠিক আছে",
            "हाँ",
            "जी हाँ",
            "ठीक है",
            "haan",
            "ji",
            "👍",
        ] {
            assert_eq!(parse_yes_no(text), YesNo::Yes, "{text}");
        }
    }

    #[test]
    fn negated_phrases_win_over_bare_yes_words() {
        for text in ["no", "জি না", "না", "जी नहीं", "नहीं", "nahi", "na", "👎"]
        {
            assert_eq!(parse_yes_no(text), YesNo::No, "{text}");
        }
    }

    #[test]
    fn laughter_and_other_text_are_unclear() {
        for text in ["haha", "hmm let me see", "", "😂", "maybe later"] {
            assert_eq!(parse_yes_no(text), YesNo::Unclear, "{text}");
        }
    }
}
