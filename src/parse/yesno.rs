//! Yes / no answers in Bengali, Hindi and English, romanized forms included.
//! "I don't know" and "later" are checked first (they are not answers), then
//! agreement idioms that contain a negation ("no problem", "কোনো সমস্যা
//! নেই"), then negations ("জি না" is no), then yes.

use super::normalize::{normalize, tokens};
use super::phrases::PhraseSet;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YesNo {
    Yes,
    No,
    Unclear,
}

pub fn parse_yes_no(text: &str) -> YesNo {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    if NOT_AN_ANSWER.contains(&words) {
        return YesNo::Unclear;
    }
    if AGREEMENT.contains(&words) {
        return YesNo::Yes;
    }
    if NO.contains(&words) || NO_EMOJI.iter().any(|e| normalized.contains(e)) {
        return YesNo::No;
    }
    if YES.contains(&words) || YES_EMOJI.iter().any(|e| normalized.contains(e)) {
        return YesNo::Yes;
    }
    YesNo::Unclear
}

/// Murmurs and laughter: "hmm", "hahaha", "lol", "হাহা", "हाहा". A word of
/// three or more letters drawn from at most two ("hmmm", "hehehe") counts too.
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

/// "Let me check", "later", "I don't know": not an answer to any question.
pub(crate) static NOT_AN_ANSWER: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::of_lists(
        &[
            super::phrases::DONT_KNOW,
            &[
                "maybe",
                "may be",
                "perhaps",
                "let me see",
                "let me check",
                "let me ask",
                "depends",
                "it depends",
                "who knows",
                "let me think",
                "later",
                "tell you later",
                "i'll tell",
                "will tell",
                "পরে জানাব",
                "পরে জানাবো",
                "পরে বলব",
                "পরে বলবো",
                "দেখি",
                "দেখছি",
                "ভেবে দেখি",
                "হয়তো",
                "হয়ত",
                "পরে",
                "बाद में",
                "बाद मे",
                "बताता हूँ",
                "बताती हूँ",
                "बताऊंगा",
                "बताऊँगा",
                "शायद",
                "सोचकर",
                "सोच कर",
                "देखता हूँ",
                "देखते हैं",
                "baad mein",
                "baad me",
                "shayad",
                "pore janabo",
                "pore bolbo",
                "hoyto",
                "dekhi",
            ],
        ],
        (),
    )
});

static AGREEMENT: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::of(
        &[
            "no problem",
            "no problems",
            "not a problem",
            "no issue",
            "no issues",
            "why not",
            "sure why not",
            "no objection",
            "of course",
            "সমস্যা নেই",
            "কোনো সমস্যা নেই",
            "কোন সমস্যা নেই",
            "সমস্যা নাই",
            "আপত্তি নেই",
            "কোনো আপত্তি নেই",
            "আপত্তি নাই",
            "অসুবিধা নেই",
            "কোনো অসুবিধা নেই",
            "কেন না",
            "कोई दिक्कत नहीं",
            "दिक्कत नहीं",
            "कोई बात नहीं",
            "कोई प्रॉब्लम नहीं",
            "कोई समस्या नहीं",
            "कोई आपत्ति नहीं",
            "क्यों नहीं",
            "koi dikkat nahi",
            "koi baat nahi",
            "koi problem nahi",
            "kyu nahi",
            "kyon nahi",
            "somossa nai",
            "somossa nei",
            "apotti nai",
            "apotti nei",
        ],
        (),
    )
});

static NO: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::of(
        &[
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
            "নয়",
            "চাই না",
            "জি না",
            "জ্বি না",
            "নো",
            "नहीं",
            "नही",
            "ना",
            "जी नहीं",
            "मत",
            "नो",
            "not interested",
            "no thanks",
        ],
        (),
    )
});

static YES: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::of(
        &[
            "yes",
            "y",
            "yeah",
            "yep",
            "yup",
            "ya",
            "yea",
            "yess",
            "yesss",
            "sure",
            "ok",
            "okay",
            "okk",
            "okey",
            "k",
            "agree",
            "agreed",
            "i agree",
            "fine",
            "alright",
            "all right",
            "definitely",
            "absolutely",
            "go ahead",
            "ha",
            "haa",
            "haan",
            "han",
            "hae",
            "hya",
            "hmm ok",
            "ji",
            "jee",
            "ji haan",
            "ji ha",
            "thik ache",
            "thik ase",
            "theek hai",
            "thik hai",
            "hoo",
            "হ্যাঁ",
            "হ্যা",
            "হাঁ",
            "হা",
            "হুম",
            "জি",
            "জী",
            "জ্বি",
            "জ্বী",
            "ঠিক আছে",
            "অবশ্যই",
            "রাজি",
            "রাজী",
            "ওকে",
            "হুঁ",
            "চলবে",
            "হ্যাঁ জি",
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
            "चलेगा",
            "ज़रूर",
            "जरूर",
        ],
        (),
    )
});

const YES_EMOJI: &[&str] = &["👍", "✅", "👌", "🙆"];
const NO_EMOJI: &[&str] = &["👎", "❌", "🙅"];

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
        for text in [
            "no",
            "জি না",
            "না",
            "जी नहीं",
            "नहीं",
            "nahi",
            "na",
            "👎",
            "ok no",
        ] {
            assert_eq!(parse_yes_no(text), YesNo::No, "{text}");
        }
    }

    #[test]
    fn agreement_idioms_with_a_negation_mean_yes() {
        for text in [
            "no problem",
            "sure, why not",
            "কোনো সমস্যা নেই",
            "कोई दिक्कत नहीं",
            "koi baat nahi",
        ] {
            assert_eq!(parse_yes_no(text), YesNo::Yes, "{text}");
        }
    }

    #[test]
    fn laughter_doubt_and_later_are_unclear() {
        for text in [
            "haha",
            "hmm let me see",
            "",
            "😂",
            "maybe later",
            "জানি না",
            "पता नहीं",
            "बाद में बताता हूँ",
        ] {
            assert_eq!(parse_yes_no(text), YesNo::Unclear, "{text}");
        }
    }

    #[test]
    fn fillers_are_recognized() {
        assert!(is_filler("hmmm"));
        assert!(is_filler("hahaha lol"));
        assert!(!is_filler("website"));
        assert!(!is_filler(""));
    }
}
