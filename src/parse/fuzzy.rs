//! Near-misses of the words a parser knows: "thousnd", "thosand", "hzr",
//! "lkh", "হাজর", "हजर". A word is a near-miss of a known word when it is one
//! edit away (two for long words), or when both have the same consonant
//! skeleton (chat abbreviations drop vowels and vowel signs). A near-miss is
//! never taken silently: the parser echoes what it read for confirmation.

use rustc_hash::FxHashMap;

/// The one value `word` is a near-miss of among `known` (word, value) pairs;
/// `None` when it is none of them or could be more than one.
pub fn near_miss<'a, T: Copy + PartialEq>(
    word: &str,
    known: impl IntoIterator<Item = (&'a str, T)>,
) -> Option<T> {
    NearMisses::new(known).find(word)
}

/// Known words prepared once for near-miss lookups, indexed by first letter
/// and by skeleton, so that a lookup computes an edit distance only for the
/// few words of the same first letter and a close length.
pub struct NearMisses<T> {
    entries: Vec<Entry<T>>,
    by_first: FxHashMap<char, Vec<usize>>,
    by_skeleton: FxHashMap<String, Vec<usize>>,
}

struct Entry<T> {
    word: String,
    length: usize,
    value: T,
}

impl<T: Copy + PartialEq> NearMisses<T> {
    /// Words of three or more characters (shorter ones are too easy to hit
    /// by accident).
    pub fn new<'a>(known: impl IntoIterator<Item = (&'a str, T)>) -> NearMisses<T> {
        let mut entries = Vec::new();
        let mut by_first: FxHashMap<char, Vec<usize>> = FxHashMap::default();
        let mut by_skeleton: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (word, value) in known {
            let Some(first) = word.chars().next() else {
                continue;
            };
            if word.chars().count() < 3 {
                continue;
            }
            let index = entries.len();
            by_first.entry(first).or_default().push(index);
            by_skeleton.entry(skeleton(word)).or_default().push(index);
            entries.push(Entry {
                word: word.to_owned(),
                length: word.chars().count(),
                value,
            });
        }
        NearMisses {
            entries,
            by_first,
            by_skeleton,
        }
    }

    /// The one value `word` is a near-miss of; `None` when it is none of
    /// them or could be more than one.
    pub fn find(&self, word: &str) -> Option<T> {
        let mut found: Option<T> = None;
        for entry in self.close_to(word) {
            match found {
                Some(existing) if existing != entry.value => return None,
                _ => found = Some(entry.value),
            }
        }
        found
    }

    /// Whether `word` is a near-miss of any known word, whatever its value.
    pub fn near_any(&self, word: &str) -> bool {
        self.close_to(word).next().is_some()
    }

    /// The known words `word` is a near-miss of (never one it equals).
    fn close_to<'s>(&'s self, word: &'s str) -> impl Iterator<Item = &'s Entry<T>> + 's {
        let length = word.chars().count();
        let usable = length >= 2 && !word.chars().any(|c| c.is_ascii_digit());
        let allowed = allowed_edits(length);
        // A misspelling keeps the first letter ("thosand", "hzr"): only
        // words that share it are worth an edit distance.
        let misspelt = word
            .chars()
            .next()
            .filter(|_| usable && allowed > 0)
            .and_then(|first| self.by_first.get(&first))
            .into_iter()
            .flatten()
            .filter(move |&&i| {
                let entry = &self.entries[i];
                entry.length.abs_diff(length) <= allowed && distance(word, &entry.word) <= allowed
            });
        // The skeleton in a reused buffer: this runs for most words of an
        // answer, and an allocation each was a tenth of parsing.
        thread_local! {
            static SKELETON: std::cell::RefCell<String> =
                const { std::cell::RefCell::new(String::new()) };
        }
        let abbreviated = SKELETON
            .with(|buffer| {
                let mut buffer = buffer.borrow_mut();
                buffer.clear();
                push_skeleton(&mut buffer, word);
                let skeleton_ok =
                    usable && buffer.chars().count() >= if word.is_ascii() { 3 } else { 2 };
                self.by_skeleton
                    .get(buffer.as_str())
                    .filter(|_| skeleton_ok)
            })
            .into_iter()
            .flatten();
        misspelt
            .chain(abbreviated)
            .map(|&i| &self.entries[i])
            .filter(move |entry| entry.word != word)
    }
}

fn allowed_edits(length: usize) -> usize {
    match length {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

/// Optimal string alignment distance (Levenshtein with transpositions), in
/// characters.
pub fn distance(a: &str, b: &str) -> usize {
    // Words are short: three rolling rows on the stack, no allocation.
    const MAX: usize = 32;
    let mut left = ['\0'; MAX];
    let mut right = ['\0'; MAX];
    let (mut n, mut m) = (0, 0);
    for c in a.chars() {
        if n == MAX {
            return distance_long(a, b);
        }
        left[n] = c;
        n += 1;
    }
    for c in b.chars() {
        if m == MAX {
            return distance_long(a, b);
        }
        right[m] = c;
        m += 1;
    }
    let (a, b) = (&left[..n], &right[..m]);
    let mut before = [0usize; MAX + 1];
    let mut previous: [usize; MAX + 1] = std::array::from_fn(|j| j);
    let mut current = [0usize; MAX + 1];
    for i in 1..=n {
        current[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        before = previous;
        previous = current;
    }
    previous[m]
}

/// `distance` for words longer than its stack rows.
fn distance_long(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    // One flat table, rows of `width`.
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        rows[i * width] = i;
    }
    for (j, cell) in rows.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = best;
        }
    }
    rows[a.len() * width + b.len()]
}

/// The consonants of a word, doubled letters once: Latin vowels, Bengali and
/// Devanagari vowel signs, viramas, nuktas and nasal marks dropped.
pub fn skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_skeleton(&mut out, word);
    out
}

fn push_skeleton(out: &mut String, word: &str) {
    let mut last = None;
    for (i, c) in word.chars().enumerate() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u') && i > 0
            || matches!(c,
                '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0955}'..='\u{0957}'
                | '\u{0962}' | '\u{0963}'
                | '\u{0981}'..='\u{0983}' | '\u{09BC}'..='\u{09CD}' | '\u{09D7}'
                | '\u{09E2}' | '\u{09E3}');
        if vowel || Some(c) == last {
            continue;
        }
        // A nukta letter and its base count as one: ড় and ড, ज़ and ज.
        let c = match c {
            '\u{095C}' => '\u{0921}',
            '\u{095B}' => '\u{091C}',
            '\u{09DC}' => '\u{09A1}',
            '\u{09DD}' => '\u{09A2}',
            '\u{09DF}' => '\u{09AF}',
            other => other,
        };
        last = Some(c);
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: [(&str, u32); 5] = [
        ("thousand", 1),
        ("hazar", 1),
        ("lakh", 2),
        ("হাজার", 1),
        ("हजार", 1),
    ];

    #[test]
    fn misspellings_within_one_or_two_edits_are_near_misses() {
        assert_eq!(near_miss("thousnd", WORDS), Some(1));
        assert_eq!(near_miss("thosand", WORDS), Some(1));
        assert_eq!(near_miss("thuosand", WORDS), Some(1));
        assert_eq!(near_miss("lakk", WORDS), Some(2));
    }

    #[test]
    fn chat_abbreviations_match_by_their_consonants() {
        assert_eq!(near_miss("hzr", WORDS), Some(1));
        assert_eq!(near_miss("thsnd", WORDS), Some(1));
        assert_eq!(near_miss("lkh", WORDS), Some(2));
        assert_eq!(near_miss("হাজর", WORDS), Some(1));
        assert_eq!(near_miss("हज़र", WORDS), Some(1));
    }

    #[test]
    fn unrelated_and_short_words_are_not_near_misses() {
        assert_eq!(near_miss("kilo", WORDS), None);
        assert_eq!(near_miss("hi", WORDS), None);
        assert_eq!(near_miss("month", WORDS), None);
        assert_eq!(near_miss("5k", WORDS), None);
    }

    #[test]
    fn a_word_close_to_two_different_values_is_not_a_near_miss() {
        let words = [("lakh", 1), ("lake", 2)];
        assert_eq!(near_miss("lakx", words), None);
    }

    #[test]
    fn the_stack_distance_agrees_with_the_full_table() {
        let words = [
            "thousand",
            "thousnad",
            "tohusand",
            "",
            "a",
            "lakh",
            "লাখ",
            "লাখের",
            "हज़ार",
            "kilo",
        ];
        for a in words {
            for b in words {
                assert_eq!(distance(a, b), distance_long(a, b), "{a} {b}");
            }
        }
        let long = "x".repeat(40);
        assert_eq!(distance(&long, "xx"), 38);
    }

    #[test]
    fn distance_counts_a_transposition_as_one_edit() {
        assert_eq!(distance("thousnad", "thousand"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("লাখ", "লাখ"), 0);
    }
}
