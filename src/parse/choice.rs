//! Picking an option of a choice question from free text: its number, its
//! id, or the keywords the questionnaire gives it.

use super::fuzzy::NearMisses;
use super::normalize::{normalize, tokens};
use std::sync::OnceLock;

/// A word or phrase that picks an option when typed, with its words
/// normalized once, when the questionnaire is loaded: the same few hundred
/// keywords are matched against every answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyword {
    text: String,
    words: Vec<String>,
    /// The first letter every inflection of the keyword starts with; `None`
    /// for a one-letter first word.
    first: Option<char>,
}

impl Keyword {
    pub fn new(text: impl Into<String>) -> Keyword {
        let text = text.into();
        let normalized = normalize(&text);
        let words: Vec<String> = tokens(&normalized).into_iter().map(str::to_owned).collect();
        let first = words.first().and_then(|word| {
            let mut letters = word.chars();
            let first = letters.next()?;
            letters.next().map(|_| first)
        });
        Keyword { text, words, first }
    }

    /// The keyword as the questionnaire or the label gives it.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// An option as the matcher sees it.
pub struct OptionWords<'a> {
    pub id: &'a str,
    pub keywords: &'a [Keyword],
}

/// What free text picks among a question's options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    /// This option (its index).
    One(usize),
    /// Keywords of several options, equally well: "a chatbot for customer
    /// queries" is automation or more customers, never "something else".
    Several,
    /// A number that is no option ("option 7").
    NoSuchNumber,
    /// No option's number, id or keyword.
    Nothing,
}

/// The index of the option `text` picks, or `None` when it picks none or
/// several equally well.
pub fn match_option(text: &str, options: &[OptionWords<'_>]) -> Option<usize> {
    match pick_option(text, options) {
        Picked::One(index) => Some(index),
        _ => None,
    }
}

/// What `text` picks among `options`: by number ("2", "option 2", "২ নম্বর",
/// "2 नंबर वाला"), by id, or by the keywords that cover the most of its
/// words.
pub fn pick_option(text: &str, options: &[OptionWords<'_>]) -> Picked {
    let normalized = normalize(text);
    let trimmed = normalized.trim_matches(|c: char| !c.is_alphanumeric());
    if let Some(index) = options.iter().position(|o| o.id == trimmed) {
        return Picked::One(index);
    }
    let words = tokens(&normalized);
    if let Some(number) = option_number(&words) {
        return if (1..=options.len()).contains(&number) {
            Picked::One(number - 1)
        } else {
            Picked::NoSuchNumber
        };
    }
    // The first letters of the answer's words, as bits: a keyword whose
    // first letter is not among them cannot match, and most are not.
    let letters = words
        .iter()
        .filter_map(|w| w.chars().next())
        .fold(0u64, |bits, c| bits | letter_bit(c));
    // The option whose keywords cover the most words of the answer wins, so
    // that "I decide together with my partner" beats a bare "I decide"; a
    // word counts once ("order" and "orders" both match "orders"). A keyword
    // matches inflected words too: "customers", "ওয়েবসাইটের", "ग्राहकों".
    let mut best = 0;
    let mut winner = None;
    let mut tied = false;
    for (index, option) in options.iter().enumerate() {
        let covered = option
            .keywords
            .iter()
            .filter(|keyword| keyword.first.is_none_or(|c| letters & letter_bit(c) != 0))
            .fold(0u64, |covered, keyword| {
                covered | coverage(&words, &keyword.words)
            });
        let score = covered.count_ones();
        if score > best {
            (best, winner, tied) = (score, Some(index), false);
        } else if score == best && score > 0 {
            tied = true;
        }
    }
    match winner {
        Some(_) if tied => Picked::Several,
        Some(index) => Picked::One(index),
        None => Picked::Nothing,
    }
}

/// The option number of an answer that says nothing else: "2", "option 2",
/// "2 no pls", "২ নম্বর", "नंबर 2 वाला".
fn option_number(words: &[&str]) -> Option<usize> {
    if words.len() > 4 {
        return None;
    }
    let mut rest = words.iter().filter(|w| !OPTION_WORDS.contains(w));
    let number = rest.next()?.parse().ok()?;
    rest.next().is_none().then_some(number)
}

/// Words said around an option's number.
const OPTION_WORDS: &[&str] = &[
    "option",
    "opt",
    "options",
    "choice",
    "no",
    "number",
    "num",
    "nr",
    "pls",
    "please",
    "plz",
    "ta",
    "ti",
    "wala",
    "wali",
    "vala",
    "the",
    "ji",
    "bhai",
    "dada",
    "অপশন",
    "নম্বর",
    "নাম্বার",
    "নং",
    "টা",
    "টি",
    "ওয়ালা",
    "নম্বরটা",
    "ऑप्शन",
    "विकल्प",
    "नंबर",
    "नम्बर",
    "वाला",
    "वाली",
    "जी",
    "भाई",
];

/// The words of `words` that `phrase` covers wherever it occurs, as bits
/// (a word past the 64th counts as the 64th).
fn coverage(words: &[&str], phrase: &[String]) -> u64 {
    if phrase.is_empty() || phrase.len() > words.len() {
        return 0;
    }
    let mut covered = 0u64;
    for (at, window) in words.windows(phrase.len()).enumerate() {
        let matches = window
            .iter()
            .zip(phrase)
            .all(|(word, keyword)| inflection_of(word, keyword));
        if matches {
            for i in at..at + phrase.len() {
                covered |= 1 << i.min(63);
            }
        }
    }
    covered
}

/// Near-misses of the words of a question's keywords ("custmers", "websit",
/// "cstmr"), prepared on first use and kept with the question.
#[derive(Default)]
pub struct KeywordNearMisses(OnceLock<NearMisses<usize>>);

impl KeywordNearMisses {
    /// Whether a word of `text` is a misspelling or abbreviation of a word of
    /// one of `options`' keywords (never the word itself): such an answer is
    /// no "something else". `options` must be the same on every call.
    pub fn any_in(&self, text: &str, options: &[OptionWords<'_>]) -> bool {
        let known = self.0.get_or_init(|| {
            NearMisses::new(options.iter().enumerate().flat_map(|(index, option)| {
                option.keywords.iter().flat_map(move |keyword| {
                    keyword.words.iter().map(move |word| (word.as_str(), index))
                })
            }))
        });
        let normalized = normalize(text);
        tokens(&normalized)
            .iter()
            .filter(|word| word.chars().count() >= 4)
            .any(|word| known.near_any(word))
    }
}

// Prepared again after a copy: cheap, and the copy may get other keywords.
impl Clone for KeywordNearMisses {
    fn clone(&self) -> Self {
        KeywordNearMisses::default()
    }
}

// A cache, not part of what a question is.
impl PartialEq for KeywordNearMisses {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for KeywordNearMisses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeywordNearMisses")
    }
}

fn letter_bit(c: char) -> u64 {
    1 << (u32::from(c) % 64)
}

/// "customers" of "customer", "companies" of "company", "ওয়েবসাইটের" of
/// "ওয়েবসাইট", "ग्राहकों" of "ग्राहक", "वेबसाइटें" of "वेबसाइट".
fn inflection_of(word: &str, keyword: &str) -> bool {
    if word == keyword {
        return true;
    }
    // Every inflection begins with the keyword's first letter: most pairs
    // end here, before any suffix is tried.
    let mut letters = keyword.chars();
    if letters.next() != word.chars().next() && letters.next().is_some() {
        return false;
    }
    let Some(ending) = word.strip_prefix(keyword) else {
        return keyword
            .strip_suffix('y')
            .is_some_and(|stem| word.strip_prefix(stem) == Some("ies"))
            || keyword
                .strip_suffix('ा')
                .is_some_and(|stem| matches!(word.strip_prefix(stem), Some("े" | "ों" | "ें")));
    };
    keyword.chars().count() >= 3
        && matches!(
            ending,
            "s" | "es"
                | "'s"
                | "ों"
                | "ें"
                | "ओं"
                | "एं"
                | "ए"
                | "ের"
                | "এর"
                | "র"
                | "ে"
                | "টা"
                | "টি"
                | "গুলো"
                | "গুলি"
                | "দের"
                | "কে"
                | "ও"
                | "ই"
                | "ta"
                | "ti"
                | "er"
                | "gulo"
                | "s'"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(keywords: &[&[&str]]) -> Vec<(String, Vec<Keyword>)> {
        keywords
            .iter()
            .enumerate()
            .map(|(i, k)| {
                (
                    format!("o{i}"),
                    k.iter().map(|s| Keyword::new(*s)).collect(),
                )
            })
            .collect()
    }

    fn pick(text: &str, opts: &[(String, Vec<Keyword>)]) -> Option<usize> {
        let words: Vec<_> = opts
            .iter()
            .map(|(id, k)| OptionWords { id, keywords: k })
            .collect();
        match_option(text, &words)
    }

    #[test]
    fn a_number_in_any_script_picks_that_option() {
        let opts = options(&[&[], &[], &[]]);
        assert_eq!(pick("2", &opts), Some(1));
        assert_eq!(pick("৩", &opts), Some(2));
        assert_eq!(pick("१.", &opts), Some(0));
        assert_eq!(pick("4", &opts), None);
        assert_eq!(pick("0", &opts), None);
    }

    #[test]
    fn an_option_id_picks_that_option() {
        let opts = options(&[&[], &[]]);
        assert_eq!(pick("o1", &opts), Some(1));
    }

    #[test]
    fn the_most_specific_keyword_match_wins() {
        let opts = options(&[&["i decide"], &["together", "with my partner"], &["boss"]]);
        assert_eq!(pick("I decide together with my partner", &opts), Some(1));
        assert_eq!(pick("i decide", &opts), Some(0));
        assert_eq!(pick("My BOSS", &opts), Some(2));
    }

    #[test]
    fn keywords_match_plurals_and_inflections() {
        let opts = options(&[
            &["customer"],
            &["website", "ওয়েবসাইট", "वेबसाइट"],
            &["company"],
        ]);
        assert_eq!(pick("need more customers", &opts), Some(0));
        assert_eq!(pick("ওয়েবসাইটের কাজ", &opts), Some(1));
        assert_eq!(pick("दो वेबसाइटें", &opts), Some(1));
        assert_eq!(pick("for our companies", &opts), Some(2));
        assert_eq!(pick("customs", &opts), None);
    }

    #[test]
    fn a_tie_or_no_match_picks_nothing() {
        let opts = options(&[&["website"], &["app"]]);
        assert_eq!(pick("website and app", &opts), None);
        assert_eq!(pick("hello", &opts), None);
    }

    #[test]
    fn bengali_keywords_match_whole_words() {
        let opts = options(&[&["আমি নিজেই"], &["অন্য কেউ"]]);
        assert_eq!(pick("আমি নিজেই সিদ্ধান্ত নিই", &opts), Some(0));
        assert_eq!(pick("অন্য কেউ নেয়", &opts), Some(1));
    }

    #[test]
    fn an_option_number_said_with_other_words_picks_that_option() {
        let opts = options(&[&[], &[], &[]]);
        assert_eq!(pick("option 3", &opts), Some(2));
        assert_eq!(pick("option 3 pls", &opts), Some(2));
        assert_eq!(pick("২ নম্বর", &opts), Some(1));
        assert_eq!(pick("नंबर 1 वाला", &opts), Some(0));
        assert_eq!(pick("need 3 apps", &opts), None);
    }

    #[test]
    fn keywords_of_two_options_equally_are_several_not_nothing() {
        let opts = options(&[&["customer", "order", "orders"], &["chatbot", "bot"]]);
        let words: Vec<_> = opts
            .iter()
            .map(|(id, k)| OptionWords { id, keywords: k })
            .collect();
        assert_eq!(
            pick_option("chatbot for customer queries", &words),
            Picked::Several
        );
        // A word counts once, however many keywords match it.
        assert_eq!(pick_option("bot for orders", &words), Picked::Several);
        assert_eq!(pick_option("option 9", &words), Picked::NoSuchNumber);
        assert_eq!(pick_option("a logo", &words), Picked::Nothing);
    }

    #[test]
    fn misspelt_keywords_are_near_misses_and_exact_ones_are_not() {
        let opts = options(&[&["customers"], &["website"]]);
        let words: Vec<_> = opts
            .iter()
            .map(|(id, k)| OptionWords { id, keywords: k })
            .collect();
        let near = KeywordNearMisses::default();
        assert!(near.any_in("need more custmers", &words));
        assert!(near.any_in("need a websit for my boutique", &words));
        assert!(!near.any_in("a logo for my boutique", &words));
        assert!(!near.any_in("website", &words));
    }
}
