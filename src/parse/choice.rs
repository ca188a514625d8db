//! Picking an option of a choice question from free text: its number, its
//! id, or the keywords the questionnaire gives it.

use super::normalize::{normalize, tokens};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// An option as the matcher sees it.
pub struct OptionWords<'a> {
    pub id: &'a str,
    pub keywords: &'a [String],
}

/// The index of the option `text` picks, or `None` when it picks none or
/// several equally well.
pub fn match_option(text: &str, options: &[OptionWords<'_>]) -> Option<usize> {
    let normalized = normalize(text);
    let trimmed = normalized.trim_matches(|c: char| !c.is_alphanumeric());
    if let Ok(number) = trimmed.parse::<usize>() {
        return (1..=options.len()).contains(&number).then(|| number - 1);
    }
    if let Some(index) = options.iter().position(|o| o.id == trimmed) {
        return Some(index);
    }
    let words = tokens(&normalized);
    // The option whose matching keywords cover the most words wins, so that
    // "I decide together with my partner" beats a bare "I decide". A
    // keyword matches inflected words too: "customers", "ওয়েবসাইটের",
    // "ग्राहकों".
    let scores: Vec<usize> = KEYWORD_WORDS.with(|cache| {
        let mut cache = cache.borrow_mut();
        options
            .iter()
            .map(|option| {
                option
                    .keywords
                    .iter()
                    .map(|keyword| {
                        let phrase = cache.words(keyword);
                        if contains_inflected(&words, phrase) {
                            phrase.len()
                        } else {
                            0
                        }
                    })
                    .sum()
            })
            .collect()
    });
    let best = *scores.iter().max()?;
    if best == 0 || scores.iter().filter(|&&s| s == best).count() > 1 {
        return None;
    }
    scores.iter().position(|&s| s == best)
}

thread_local! {
    /// The normalized words of each keyword, computed once per thread: the
    /// same few hundred keywords are matched against every answer.
    static KEYWORD_WORDS: std::cell::RefCell<KeywordWords> = Default::default();
}

/// Keyed by where the keyword's text lives (questionnaires live for the
/// whole process), so that a lookup hashes two integers, not the text; the
/// text is kept and compared, so reused memory is never mistaken.
#[derive(Default)]
struct KeywordWords {
    entries: HashMap<Address, (String, Vec<String>), BuildHasherDefault<AddressHasher>>,
}

impl KeywordWords {
    fn words(&mut self, keyword: &str) -> &[String] {
        let key = (keyword.as_ptr() as usize, keyword.len());
        let fresh = self
            .entries
            .get(&key)
            .is_some_and(|(text, _)| text == keyword);
        if !fresh {
            // A questionnaire reloaded many times cannot grow it for ever.
            if self.entries.len() >= 10_000 {
                self.entries.clear();
            }
            let normalized = normalize(keyword);
            let words = tokens(&normalized).into_iter().map(str::to_owned).collect();
            self.entries.insert(key, (keyword.to_owned(), words));
        }
        &self.entries[&key].1
    }
}

/// Where a keyword's text lives: its pointer and length.
type Address = (usize, usize);

/// Mixes the two integers of an address key; SipHash's resistance to
/// chosen keys is not needed for addresses.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// Whether `phrase` occurs in `words`, each word matching exactly or as an
/// inflected form.
fn contains_inflected(words: &[&str], phrase: &[String]) -> bool {
    !phrase.is_empty()
        && words.windows(phrase.len()).any(|window| {
            window
                .iter()
                .zip(phrase)
                .all(|(word, keyword)| inflection_of(word, keyword))
        })
}

/// "customers" of "customer", "companies" of "company", "ওয়েবসাইটের" of
/// "ওয়েবসাইট", "ग्राहकों" of "ग्राहक", "वेबसाइटें" of "वेबसाइट".
fn inflection_of(word: &str, keyword: &str) -> bool {
    if word == keyword {
        return true;
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

    fn options(keywords: &[&[&str]]) -> Vec<(String, Vec<String>)> {
        keywords
            .iter()
            .enumerate()
            .map(|(i, k)| (format!("o{i}"), k.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    fn pick(text: &str, opts: &[(String, Vec<String>)]) -> Option<usize> {
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
}
