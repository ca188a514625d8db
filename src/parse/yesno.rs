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
    // Doubt, "later", "let me think", "I don't understand": no answer, even
    // beside a yes ("hmm, I'll have to think").
    if NOT_AN_ANSWER.contains(&words) || super::phrases::DONT_KNOW_SET.contains(&words) {
        return YesNo::Unclear;
    }
    // Each clause is read on its own: "জি, না" is a yes and a no; "জি না" one no.
    let lexed = super::normalize::lex(&normalized);
    let mut yes = YES_EMOJI.iter().any(|e| normalized.contains(e));
    let mut no = NO_EMOJI.iter().any(|e| normalized.contains(e));
    for clause in lexed.split(|t| t.kind == super::normalize::TokenKind::Break) {
        let clause: Vec<&str> = clause
            .iter()
            .filter(|t| t.kind == super::normalize::TokenKind::Word)
            .map(|t| t.text)
            .collect();
        for (_, _, polarity) in POLARITY.matches(&clause) {
            match polarity {
                Polarity::Yes => yes = true,
                Polarity::No => no = true,
            }
        }
    }
    // "ok?", "yes? what for?": a question back is no answer.
    let asks_back = normalized.contains('?') && !AGREEMENT_QUESTIONS.contains(&words);
    match (yes, no) {
        _ if asks_back => YesNo::Unclear,
        (true, false) => YesNo::Yes,
        (false, true) => YesNo::No,
        // A self-correction or a mixed answer: ask again.
        _ => YesNo::Unclear,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Polarity {
    Yes,
    No,
}

/// Yes words, no words and the idioms that contain both ("no problem",
/// "why not", "bilkul nahi"), matched longest first so that an idiom wins
/// over the words inside it.
static POLARITY: LazyLock<PhraseSet<Polarity>> = LazyLock::new(|| {
    let mut entries: Vec<(&str, Polarity)> = Vec::new();
    entries.extend(YES_WORDS.iter().map(|w| (*w, Polarity::Yes)));
    entries.extend(AGREEMENT.iter().map(|w| (*w, Polarity::Yes)));
    entries.extend(NO_WORDS.iter().map(|w| (*w, Polarity::No)));
    entries.extend(EMPHATIC_NO.iter().map(|w| (*w, Polarity::No)));
    PhraseSet::new(&entries)
});

/// Rhetorical questions that agree: "why not?", "kyun nahi?", "কেন নয়?".
static AGREEMENT_QUESTIONS: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::of(
        &[
            "why not",
            "kyun nahi",
            "kyu nahi",
            "kyon nahi",
            "kyun nahin",
            "kiu nahi",
            "क्यों नहीं",
            "কেন নয়",
            "কেন না",
            "keno noy",
            "keno na",
        ],
        (),
    )
});

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
    "hmm",
    "hm",
    "হুম",
    "হুমম",
    "হুঁ",
    "हम्म",
    "हम",
    "hmmm",
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
                "think",
                "thinking",
                "have to think",
                "need to think",
                "not sure",
                "confused",
                "don't understand",
                "dont understand",
                "didn't understand",
                "i mean",
                "what for",
                "sochna",
                "soch",
                "sochke",
                "soch ke",
                "sochkar",
                "sochunga",
                "samajh nahi",
                "samjha nahi",
                "matlab",
                "bujhi nai",
                "bujhini",
                "bujhlam na",
                "mane ki",
                "mane",
                "bhabte",
                "bhebe",
                "vebe",
                "vabte",
                "ভাবতে",
                "ভেবে",
                "ভাবি",
                "বুঝিনি",
                "বুঝলাম না",
                "বুঝি নাই",
                "মানে",
                "সোচ",
                "सोच",
                "सोचना",
                "सोचूँगा",
                "समझ नहीं",
                "समझा नहीं",
                "मतलब",
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

const AGREEMENT: &[&str] = &[
    "no problem",
    "no problems",
    "not a problem",
    "no issue",
    "no issues",
    "why not",
    "sure why not",
    "kyun nahi",
    "kyun nahin",
    "kiu nahi",
    "kyu nhi",
    "keno noy",
    "keno na",
    "কেন নয়",
    "problem nai",
    "problem nei",
    "problem nahi",
    "kono problem nai",
    "kono problem nei",
    "koi problem nahi",
    "koi dikkat nahi",
    "dikkat nahi",
    "koi issue nahi",
    "issue nahi",
    "no worries",
    "don't mind",
    "dont mind",
    "not at all a problem",
    "আপত্তি নেই",
    "আপত্তি নাই",
    "প্রবলেম নেই",
    "প্রবলেম নাই",
    "কোনো প্রবলেম নেই",
    "ঝামেলা নেই",
    "ক্ষতি নেই",
    "कोई प्रॉब्लम नहीं",
    "प्रॉब्लम नहीं",
    "ऐतराज़ नहीं",
    "एतराज नहीं",
    "कोई एतराज़ नहीं",
    "ठीक है कोई बात नहीं",
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
];

const NO_WORDS: &[&str] = &[
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
    "no thank you",
    "nope",
    "naa",
    "nahh",
    "nehi",
    "nei",
    "na na",
    "bilkul na",
    "chai na",
    "chaina",
    "chai nah",
    "lagbe na",
    "dorkar nai",
    "dorkar nei",
    "don't want",
    "dont want",
    "do not",
    "no way",
    "ना जी",
    "नहीं जी",
    "nahi ji",
    "na ji",
    "मत करो",
    "mat karo",
    "mat kijiye",
    "mat karna",
    "मत कीजिए",
    "मना",
    "नको",
    "লাগবে না",
    "দরকার নেই",
    "দরকার নাই",
    "রাজি না",
    "রাজি নই",
    "চাই না",
    "চাইনা",
    "নাহ",
];

const YES_WORDS: &[&str] = &[
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
    "জি",
    "জী",
    "জ্বি",
    "জ্বী",
    "ঠিক আছে",
    "অবশ্যই",
    "রাজি",
    "রাজী",
    "ওকে",
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
    "चलेगा",
    "bilkul",
    "bilkool",
    "zaroor",
    "zarur",
    "jarur",
    "jaroor",
    "zarror",
    "ekdom",
    "ekdum",
    "obosshoi",
    "oboshyoi",
    "obossoi",
    "obosshoy",
    "ha",
    "haa",
    "haan ji",
    "ha ji",
    "haanji",
    "hanji",
    "hyan",
    "hya",
    "hae",
    "ji ha",
    "jee haan",
    "ji haa",
    "accha",
    "acha",
    "achha",
    "theek",
    "thik",
    "thik ase",
    "thik hai",
    "rajee",
    "raji",
    "razi",
    "sure thing",
    "of course",
    "yes please",
    "go on",
    "proceed",
    "do it",
    "kar do",
    "kardo",
    "karo",
    "koro",
    "kore din",
    "একদম",
    "নিশ্চয়ই",
    "নিশ্চয়",
    "অবশ্যই",
    "করে দিন",
    "দিন",
    "হুঁ",
    "कर दो",
    "कर दीजिए",
    "करो",
    "अच्छा",
    "हाँ जी",
    "हां जी",
    "ज़रूर",
    "ज़रूर",
    "जरूर",
];

/// "bilkul nahi", "একদম না", "absolutely not": an emphatic no, though the
/// first word alone is an emphatic yes.
const EMPHATIC_NO: &[&str] = &[
    "bilkul nahi",
    "bilkul nahin",
    "bilkul nhi",
    "bilkul na",
    "बिल्कुल नहीं",
    "बिलकुल नहीं",
    "बिल्कुल नही",
    "zaroor nahi",
    "ekdom na",
    "ekdom nah",
    "ekdom nai",
    "একদম না",
    "একদমই না",
    "কখনোই না",
    "মোটেও না",
    "মোটেই না",
    "kokhonoi na",
    "motei na",
    "absolutely not",
    "definitely not",
    "certainly not",
    "of course not",
    "not at all",
    "never ever",
    "hargiz nahi",
    "हरगिज़ नहीं",
    "हरगिज नहीं",
    "कभी नहीं",
    "kabhi nahi",
];

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
        for text in ["no", "জি না", "না", "जी नहीं", "नहीं", "nahi", "na", "👎"]
        {
            assert_eq!(parse_yes_no(text), YesNo::No, "{text}");
        }
    }

    #[test]
    fn mixed_self_correcting_and_hesitant_answers_are_unclear() {
        for text in [
            "ok no",
            "yes... no, I mean I don't understand",
            "haan nahi matlab pata nahi",
            "হ্যাঁ, না মানে...",
            "hmm I'll have to think",
            "hmm",
            "হুম",
            "हम्म",
            "ok?",
        ] {
            assert_eq!(parse_yes_no(text), YesNo::Unclear, "{text}");
        }
    }

    #[test]
    fn emphatic_and_romanized_answers() {
        for text in [
            "bilkul",
            "zaroor",
            "ekdom",
            "why not?",
            "kyun nahi",
            "কেন নয়",
        ] {
            assert_eq!(parse_yes_no(text), YesNo::Yes, "{text}");
        }
        for text in [
            "bilkul nahi",
            "একদম না",
            "absolutely not",
            "no thanks, abhi mat karo",
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
