//! Phrase tables: word sequences matched against the words of an answer,
//! longest first. Tables are normalized once, the same way answers are, so
//! that a nukta or a Bengali digit in a table cannot miss its match.

use super::normalize::{normalize, tokens};
use rustc_hash::{FxHashMap, FxHashSet};

/// "I don't know" in the three languages: unknown as a timeframe, no answer
/// to a yes/no question, no budget decided.
pub const DONT_KNOW: &[&str] = &[
    "don't know",
    "dont know",
    "do not know",
    "not sure",
    "no idea",
    "জানি না",
    "জানিনা",
    "पता नहीं",
    "पता नही",
    "मालूम नहीं",
    "pata nahi",
    "pata nahin",
    "jani na",
    "janina",
    "malum nahi",
];

/// More ways to say "I don't know", in every form people type.
const DONT_KNOW_MORE: &[&str] = &[
    "dunno",
    "idk",
    "i don't know",
    "i dont know",
    "not known",
    "no clue",
    "no idea",
    "not sure yet",
    "জানিনা",
    "জানি না",
    "জানা নেই",
    "জানা নাই",
    "বলতে পারছি না",
    "ধারণা নেই",
    "কোনো ধারণা নেই",
    "পতা নহীं",
    "पता नहीं",
    "पता नही",
    "पता नहि",
    "नहीं पता",
    "नही पता",
    "मालूम नहीं",
    "नहीं मालूम",
    "कोई आइडिया नहीं",
    "pata nhi",
    "pata nai",
    "nahi pata",
    "nhi pata",
    "idea nahi",
    "koi idea nahi",
    "jani na",
    "janina",
    "jani nah",
    "jana nai",
    "jana nei",
    "dharona nai",
    "dharona nei",
];

/// "I don't know" in all its forms, as a phrase set.
pub static DONT_KNOW_SET: std::sync::LazyLock<PhraseSet<()>> =
    std::sync::LazyLock::new(|| PhraseSet::of_lists(&[DONT_KNOW, DONT_KNOW_MORE], ()));

/// Asking the bot back or not understanding the question.
pub static ASKS_BACK_SET: std::sync::LazyLock<PhraseSet<()>> = std::sync::LazyLock::new(|| {
    PhraseSet::of(
        &[
            "you tell me",
            "you suggest",
            "what do you suggest",
            "what would you suggest",
            "didn't understand",
            "didnt understand",
            "did not understand",
            "didn't get",
            "not clear",
            "aap batao",
            "aap bataiye",
            "aap hi batao",
            "ap batao",
            "samajh nahi aaya",
            "samajh nahi aya",
            "samjha nahi",
            "समझ नहीं आया",
            "समझ नही आया",
            "समझा नहीं",
            "आप बताओ",
            "आप बताइए",
            "आप ही बताइए",
            "apni bolen",
            "apnara bolen",
            "apni bolun",
            "bujhlam na",
            "bujhi nai",
            "bujhte parlam na",
            "আপনি বলেন",
            "আপনি বলুন",
            "আপনারা বলেন",
            "আপনারাই বলেন",
            "বুঝলাম না",
            "বুঝি নাই",
            "বুঝতে পারলাম না",
        ],
        (),
    )
});

/// Putting the question off, in the three languages.
pub static DEFERRAL_SET: std::sync::LazyLock<PhraseSet<()>> = std::sync::LazyLock::new(|| {
    PhraseSet::of(
        &[
            "later",
            "talk later",
            "let you know",
            "will tell",
            "tell you later",
            "get back",
            "পরে",
            "pore",
            "pare",
            "বাদে",
            "baad",
            "baad mein",
            "baad me",
            "bad me",
            "बाद",
            "बाद में",
            "फिर कभी",
            "phir kabhi",
            "baat karte",
            "बात करते",
            "bataunga",
            "bataenge",
            "बताऊंगा",
            "बताएंगे",
            "janabo",
            "জানাব",
            "জানাবো",
        ],
        (),
    )
});

/// Whether a word negates: "not", "haven't", "nahi", "না", "নেই", "नहीं",
/// and Bengali verbs with the negation glued on ("করিনি", "হয়নি",
/// "korini", "hoyni").
pub fn is_negation(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "not",
        "no",
        "never",
        "nope",
        "nahi",
        "nahin",
        "nhi",
        "nai",
        "nei",
        "na",
        "naa",
        "nehi",
        "cannot",
        "cant",
        "dont",
        "didnt",
        "havent",
        "hasnt",
        "isnt",
        "wasnt",
        "arent",
        "yet",
        "না",
        "নাই",
        "নেই",
        "নি",
        "নয়",
        "নয়",
        "নহে",
        "नहीं",
        "नही",
        "ना",
        "न",
        "नहि",
        "mat",
        "मत",
    ];
    static NEGATIONS: std::sync::LazyLock<FxHashSet<&str>> =
        std::sync::LazyLock::new(|| WORDS.iter().copied().collect());
    if NEGATIONS.contains(word) || word.ends_with("n't") {
        return true;
    }
    let glued_bengali = ["নি", "নাই", "নে"].iter().any(|end| {
        word.strip_suffix(end)
            .is_some_and(|rest| rest.chars().count() >= 2)
    });
    let glued_roman = ["ini", "oni", "yni", "ina", "ni"]
        .iter()
        .any(|end| word.strip_suffix(end).is_some_and(|rest| rest.len() >= 3))
        && word.is_ascii()
        && (word.starts_with("kor") || word.starts_with("ho") || word.starts_with("thik"));
    glued_bengali || glued_roman
}

/// "haven't decided", "ঠিক করা হয়নি", "fix nahi hai", "तय नहीं किया": a
/// decision word (or its Bengali stem) with a negation, for budgets and
/// timeframes alike.
pub fn negated_decision(words: &[&str]) -> bool {
    static DECISIONS: std::sync::LazyLock<FxHashSet<&str>> =
        std::sync::LazyLock::new(|| DECISION_WORDS.iter().copied().collect());
    let decision = words
        .iter()
        // Only Bengali words carry case endings.
        .any(|w| {
            DECISIONS.contains(w)
                || (!w.is_ascii() && stems(w).skip(1).any(|s| DECISIONS.contains(s)))
        });
    decision && words.iter().any(|w| is_negation(w))
}

const DECISION_WORDS: &[&str] = &[
    "planned",
    "plan",
    "প্ল্যান",
    "प्लान",
    "নিশ্চিত",
    "decide",
    "decided",
    "decide'",
    "finalise",
    "finalised",
    "finalize",
    "finalized",
    "final",
    "fixed",
    "fix",
    "confirm",
    "confirmed",
    "sure",
    "tay",
    "tai",
    "thik",
    "fixd",
    "decid",
    "তয়",
    "ঠিক",
    "ফাইনাল",
    "ফিক্স",
    "নির্ধারণ",
    "নির্ধারিত",
    "সিদ্ধান্ত",
    "তय",
    "तय",
    "फ़ाइनल",
    "फाइनल",
    "फिक्स",
    "निश्चित",
    "decision",
];

/// Phrases with a value each, indexed by their first word.
pub struct PhraseSet<T> {
    by_first: FxHashMap<String, Vec<(Vec<String>, T)>>,
}

impl<T: Copy> PhraseSet<T> {
    pub fn new(entries: &[(&str, T)]) -> PhraseSet<T> {
        let mut by_first: FxHashMap<String, Vec<(Vec<String>, T)>> = FxHashMap::default();
        for (phrase, value) in entries {
            let normalized = normalize(phrase);
            let words: Vec<String> = tokens(&normalized).into_iter().map(str::to_owned).collect();
            let Some(first) = words.first() else { continue };
            by_first
                .entry(first.clone())
                .or_default()
                .push((words, *value));
        }
        for phrases in by_first.values_mut() {
            phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        PhraseSet { by_first }
    }

    /// A set where every phrase has the same value.
    pub fn of(phrases: &[&str], value: T) -> PhraseSet<T> {
        let entries: Vec<(&str, T)> = phrases.iter().map(|p| (*p, value)).collect();
        PhraseSet::new(&entries)
    }

    /// A set of several lists of phrases with the same value.
    pub fn of_lists(lists: &[&[&str]], value: T) -> PhraseSet<T> {
        PhraseSet::of(&lists.concat(), value)
    }

    /// The longest phrase starting at `words[at]`: its length and value.
    pub fn match_at(&self, words: &[&str], at: usize) -> Option<(usize, T)> {
        let candidates = self.by_first.get(*words.get(at)?)?;
        candidates
            .iter()
            .find(|(phrase, _)| {
                words.len() - at >= phrase.len()
                    && phrase.iter().zip(&words[at..]).all(|(p, w)| p == w)
            })
            .map(|(phrase, value)| (phrase.len(), *value))
    }

    /// The first phrase found, scanning left to right, longest at each place.
    pub fn find(&self, words: &[&str]) -> Option<(usize, usize, T)> {
        (0..words.len()).find_map(|at| self.match_at(words, at).map(|(len, v)| (at, len, v)))
    }

    pub fn contains(&self, words: &[&str]) -> bool {
        self.find(words).is_some()
    }

    /// Every match, scanning left to right and skipping over each match.
    pub fn matches<'a>(
        &'a self,
        words: &'a [&'a str],
    ) -> impl Iterator<Item = (usize, usize, T)> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < words.len() {
                if let Some((len, value)) = self.match_at(words, at) {
                    let found = (at, len, value);
                    at += len;
                    return Some(found);
                }
                at += 1;
            }
            None
        })
    }
}

/// Bengali attaches case endings to the word: "লাখের", "ডিসেম্বরে",
/// "জানুয়ারির", "নিজেই". A dictionary lookup tries the word, then the word
/// without one of these endings.
pub fn stems(word: &str) -> impl Iterator<Item = &str> {
    const ENDINGS: [&str; 9] = ["েরও", "ের", "তে", "কে", "টা", "র", "ে", "ই", "ও"];
    std::iter::once(word).chain(
        ENDINGS
            .iter()
            .filter_map(move |ending| word.strip_suffix(ending))
            .filter(|stem| stem.chars().count() >= 2),
    )
}

/// Looks a single word up in a table, trying its stems.
pub fn lookup<T: Copy>(table: &FxHashMap<String, T>, word: &str) -> Option<T> {
    if let Some(value) = table.get(word) {
        return Some(*value);
    }
    // Only Bengali words carry these endings.
    if word.is_ascii() {
        return None;
    }
    stems(word)
        .skip(1)
        .find_map(|stem| table.get(stem).copied())
}

/// A word table, normalized.
pub fn word_table<T: Copy>(entries: &[(&str, T)]) -> FxHashMap<String, T> {
    entries
        .iter()
        .map(|(word, value)| (normalize(word), *value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_phrase_at_a_place_wins() {
        let set = PhraseSet::new(&[("more than", 1), ("not more than", 2)]);
        let text = normalize("Not more than 50k");
        let words = tokens(&text);
        assert_eq!(set.find(&words), Some((0, 3, 2)));
        let text = normalize("more than 50k");
        assert_eq!(set.find(&tokens(&text)), Some((0, 2, 1)));
    }

    #[test]
    fn table_phrases_with_a_nukta_match_nfc_input() {
        // "ज़्यादा" written with the precomposed ज़ (U+095B) in the table.
        let set = PhraseSet::of(&["\u{095B}्यादा"], ());
        let text = normalize("ज़्यादा");
        assert!(set.contains(&tokens(&text)));
    }

    #[test]
    fn bengali_case_endings_are_stripped_for_lookups() {
        let table = word_table(&[("লাখ", 1), ("জানুয়ারি", 2)]);
        assert_eq!(lookup(&table, &normalize("লাখের")), Some(1));
        assert_eq!(lookup(&table, &normalize("জানুয়ারির")), Some(2));
        assert_eq!(lookup(&table, &normalize("হাজার")), None);
    }

    #[test]
    fn matches_skip_over_each_match() {
        let set = PhraseSet::of(&["a b", "b"], ());
        let words = ["a", "b", "b"];
        assert_eq!(
            set.matches(&words).map(|(at, _, _)| at).collect::<Vec<_>>(),
            [0, 2]
        );
    }
}
