//! Inputs: the seed corpus (`corpus/`), arbitrary Unicode, and mutations of
//! seeds (insert, delete, replace, splice, repeat, truncate at any char
//! boundary). Mutated seeds reach far deeper into the parsers than random
//! characters, which rarely spell "২ লাখ".

use proptest::prelude::*;
use proptest::sample::Index;
use std::sync::OnceLock;

/// The longest text generated, in chars: Telegram's limit for one message
/// (Discord's is lower). The engine must cope with every one of them.
pub const MAX_TEXT_CHARS: usize = 4096;

const ANSWER_FILES: [&str; 4] = [
    include_str!("corpus/answers/en.txt"),
    include_str!("corpus/answers/bn.txt"),
    include_str!("corpus/answers/hi.txt"),
    include_str!("corpus/answers/mixed.txt"),
];

/// Every answer of the corpus, decoded.
pub fn answers() -> &'static [String] {
    static ANSWERS: OnceLock<Vec<String>> = OnceLock::new();
    ANSWERS.get_or_init(|| ANSWER_FILES.iter().flat_map(|f| lines(f)).collect())
}

/// The lines of a corpus file, without comments and blank lines, with
/// `\u{..}`, `\n` and `\\` decoded (invisible characters stay visible in
/// the file that way).
pub fn lines(file: &str) -> Vec<String> {
    file.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(decode)
        .collect()
}

fn decode(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('u') => {
                let code: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                let c = u32::from_str_radix(&code, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or_else(|| panic!("bad escape \\u{{{code}}} in the corpus"));
                out.push(c);
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Pieces that steer the parsers into their interesting paths: digits of
/// every script the bot reads and some it must not, multipliers, currencies,
/// range words, invisible and combining marks, emoji, HTML and mentions.
const PIECES: &[&str] = &[
    "0",
    "9",
    "০",
    "৯",
    "०",
    "९",
    "١",
    "１",
    "𝟗",
    "½",
    "Ⅻ",
    "²",
    "lakh",
    "লাখ",
    "लाख",
    "crore",
    "কোটি",
    "करोड़",
    "k",
    "K",
    "hazar",
    "হাজার",
    "हज़ार",
    "million",
    "৳",
    "₹",
    "$",
    "টাকা",
    "रुपये",
    "Tk",
    "Rs.",
    "/-",
    "-",
    "–",
    "to",
    "থেকে",
    "से",
    "तक",
    "not more than",
    "at least",
    "সাড়ে",
    "দেড়",
    "डेढ़",
    "মাসের মধ্যে",
    "महीने",
    "days",
    "after",
    "before",
    "ঈদ",
    "दिवाली",
    "March",
    "yes",
    "না",
    "नहीं",
    "don't know",
    "my boss",
    "আমি",
    "@",
    ".",
    ",",
    ":",
    "/",
    "#",
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{200F}",
    "\u{202E}",
    "\u{2066}",
    "\u{2069}",
    "\u{FEFF}",
    "\u{301}",
    "\u{9CD}",
    "\u{94D}",
    "\u{93C}",
    "😂",
    "👍🏽",
    "👨\u{200D}👩\u{200D}👧",
    "🇧🇩",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
    "<b>",
    "&amp;",
    "@everyone",
    "<@123>",
    "999999999999999999999",
    "18446744073709551616",
    "-9223372036854775809",
    "1e309",
    "NaN",
    "0.0000001",
    "1,00,00,000",
    "1.2.3.4",
];

pub fn piece() -> BoxedStrategy<String> {
    prop_oneof![
        3 => prop::sample::select(PIECES).prop_map(str::to_owned),
        2 => any::<char>().prop_map(String::from),
        1 => "[0-9০-৯०-९]{1,24}",
        1 => "\\PC{1,8}",
    ]
    .boxed()
}

/// One edit of a text; positions are indexes into its char boundaries.
#[derive(Debug, Clone)]
pub enum Edit {
    Insert(Index, String),
    Delete(Index, usize),
    Replace(Index, String),
    /// This text up to a point, then another seed from a point.
    Splice(Index, Index, Index),
    Repeat(usize),
    Truncate(Index),
}

fn edit() -> BoxedStrategy<Edit> {
    prop_oneof![
        3 => (any::<Index>(), piece()).prop_map(|(at, s)| Edit::Insert(at, s)),
        2 => (any::<Index>(), 1usize..8).prop_map(|(at, n)| Edit::Delete(at, n)),
        2 => (any::<Index>(), piece()).prop_map(|(at, s)| Edit::Replace(at, s)),
        1 => (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(at, other, from)| Edit::Splice(at, other, from)),
        1 => (2usize..200).prop_map(Edit::Repeat),
        1 => any::<Index>().prop_map(Edit::Truncate),
    ]
    .boxed()
}

/// `text` with `edits` applied, cut to `MAX_TEXT_CHARS`.
pub fn apply(text: &str, edits: &[Edit], seeds: &[String]) -> String {
    let mut text = text.to_owned();
    for edit in edits {
        let at = |index: &Index, text: &str| boundary(text, index);
        match edit {
            Edit::Insert(i, piece) => {
                let at = at(i, &text);
                text.insert_str(at, piece);
            }
            Edit::Delete(i, n) => {
                let start = at(i, &text);
                let end = text[start..]
                    .char_indices()
                    .nth(*n)
                    .map_or(text.len(), |(e, _)| start + e);
                text.replace_range(start..end, "");
            }
            Edit::Replace(i, piece) => {
                let start = at(i, &text);
                let end = text[start..]
                    .chars()
                    .next()
                    .map_or(start, |c| start + c.len_utf8());
                text.replace_range(start..end, piece);
            }
            Edit::Splice(i, other, from) => {
                let end = at(i, &text);
                let other = other.get(seeds);
                let from = at(from, other);
                text = format!("{}{}", &text[..end], &other[from..]);
            }
            Edit::Repeat(n) => text = text.repeat(*n),
            Edit::Truncate(i) => {
                let end = at(i, &text);
                text.truncate(end);
            }
        }
        cut(&mut text, MAX_TEXT_CHARS);
    }
    text
}

/// The byte offset of one of the text's char boundaries (its end included).
fn boundary(text: &str, index: &Index) -> usize {
    let count = text.chars().count();
    let n = index.index(count + 1);
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// Cuts text to at most `max` chars.
pub fn cut(text: &mut String, max: usize) {
    if let Some((end, _)) = text.char_indices().nth(max) {
        text.truncate(end);
    }
}

/// A seed of `seeds` with a few edits.
pub fn mutated(seeds: &'static [String]) -> BoxedStrategy<String> {
    (
        prop::sample::select(seeds),
        prop::collection::vec(edit(), 0..6),
    )
        .prop_map(move |(seed, edits)| apply(&seed, &edits, seeds))
        .boxed()
}

/// What a prospect might type: mostly mutated corpus answers, also
/// arbitrary Unicode (controls included) and runs of tricky pieces.
pub fn answer_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => mutated(answers()),
        1 => "\\PC{0,64}",
        1 => any::<String>(),
        1 => prop::collection::vec(piece(), 0..40).prop_map(|p| p.concat()),
        1 => prop::collection::vec(piece(), 0..40).prop_map(|p| p.join(" ")),
    ]
    .boxed()
}

/// A name of up to `max` chars: plain, scripts, emoji, or junk.
pub fn name(max: usize) -> BoxedStrategy<String> {
    let max = max.max(1);
    prop_oneof![
        Just("Rahim Uddin".to_owned()),
        Just("সুনীতা".to_owned()),
        Just("सुनीता शर्मा".to_owned()),
        prop::collection::vec(piece(), 1..max).prop_map(move |p| {
            let mut name = p.concat();
            cut(&mut name, max);
            name
        }),
        // The widest a name gets: every char two UTF-16 units.
        Just("😂".repeat(max)),
    ]
    .boxed()
}
