//! Normalization shared by every parser: one form for the many ways the same
//! text arrives (Bengali and Devanagari digits, invisible joiners, bidi marks,
//! fancy spaces and dashes, letter case).

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// NFC, lowercased, native digits as ASCII, invisible marks removed, spaces
/// and dashes unified, whitespace collapsed and trimmed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        push_ascii(&mut out, text);
        return out;
    }
    // Most answers are already NFC: skip the composition pass for them, it
    // is most of the cost.
    if is_nfc(text) {
        push_normalized(&mut out, text.chars());
    } else {
        push_normalized(&mut out, text.nfc());
    }
    out
}

/// Whether `text` is surely NFC already: Unicode's quick check, with a
/// table for the Bengali and Devanagari blocks, whose marks otherwise cost a
/// combining-class lookup each (once a fifth of parsing).
fn is_nfc(text: &str) -> bool {
    let mut last_class = 0;
    for c in text.chars() {
        let (class, surely) = if c.is_ascii() {
            (0, true)
        } else if let Some(index) = (c as u32).checked_sub(0x0900).filter(|i| *i < 0x100) {
            INDIC_NFC[index as usize]
        } else {
            return is_nfc_quick(text.chars()) == IsNormalized::Yes;
        };
        if !surely || (class != 0 && class < last_class) {
            return false;
        }
        last_class = class;
    }
    true
}

/// For U+0900..U+09FF: the canonical combining class, and whether the
/// character alone passes the NFC quick check.
static INDIC_NFC: std::sync::LazyLock<[(u8, bool); 0x100]> = std::sync::LazyLock::new(|| {
    std::array::from_fn(|i| match char::from_u32(0x0900 + i as u32) {
        Some(c) => (
            unicode_normalization::char::canonical_combining_class(c),
            is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes,
        ),
        None => (0, false),
    })
});

/// `push_normalized` for ASCII text, a byte at a time: lower case, runs of
/// white space as one space, none at the start.
fn push_ascii(out: &mut String, text: &str) {
    let mut pending_space = false;
    for byte in text.bytes() {
        if byte.is_ascii_whitespace() || byte == 0x0B {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(char::from(byte.to_ascii_lowercase()));
    }
}

fn push_normalized(out: &mut String, chars: impl Iterator<Item = char>) {
    let mut pending_space = false;
    for c in chars {
        // Bengali and Devanagari have no case: skip the case tables for them.
        if c.is_ascii() {
            push_one(out, &mut pending_space, c.to_ascii_lowercase());
        } else if ('\u{0900}'..='\u{09FF}').contains(&c) {
            push_one(out, &mut pending_space, c);
        } else {
            for lower in c.to_lowercase() {
                push_one(out, &mut pending_space, lower);
            }
        }
    }
}

fn push_one(out: &mut String, pending_space: &mut bool, c: char) {
    let c = match c {
        // Bengali and Devanagari digits.
        '\u{09E6}'..='\u{09EF}' => char::from(b'0' + (c as u32 - 0x09E6) as u8),
        '\u{0966}'..='\u{096F}' => char::from(b'0' + (c as u32 - 0x0966) as u8),
        // Zero-width space/joiners, bidi marks and isolates, BOM.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => return,
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        c if c.is_whitespace() => {
            *pending_space = !out.is_empty();
            return;
        }
        c => c,
    };
    if *pending_space {
        out.push(' ');
        *pending_space = false;
    }
    out.push(c);
}

/// Whether `c` belongs inside a word. Indic vowel signs and the virama are
/// combining marks that `char::is_alphanumeric` does not count as letters;
/// the taka sign ৳ (U+09F3) is a symbol, not a letter.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Most answers are Bengali or Devanagari: a table for their two blocks
    // spares the slow Unicode lookup (once the hottest spot of parsing).
    if let Some(index) = (c as u32).checked_sub(0x0900).filter(|i| *i < 0x100) {
        return INDIC_WORD_CHARS[index as usize];
    }
    unicode_word_char(c)
}

fn unicode_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(
            c,
            '\u{0900}'..='\u{0963}' | '\u{0966}'..='\u{097F}' | '\u{0980}'..='\u{09F1}'
        )
}

/// `unicode_word_char` for U+0900..U+09FF.
static INDIC_WORD_CHARS: std::sync::LazyLock<[bool; 0x100]> = std::sync::LazyLock::new(|| {
    std::array::from_fn(|i| char::from_u32(0x0900 + i as u32).is_some_and(unicode_word_char))
});

/// The words of already normalized text. A point or comma between two
/// digits stays inside the word: "1.5" and "2,00,000" are one word each.
pub fn tokens(normalized: &str) -> Vec<&str> {
    let bytes = normalized.as_bytes();
    let mut words = Vec::with_capacity(8);
    let mut start = None;
    for (i, c) in normalized.char_indices() {
        let inside = is_word_char(c)
            || ((c == '.' || c == ',')
                && i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(&normalized[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(&normalized[s..]);
    }
    words
}

/// A piece of an answer: a run of digits ("2,00,000", "1.5"), a word (a
/// hyphen or apostrophe between letters stays inside: "ninety-nine",
/// "don't"), a symbol that carries meaning (৳ ₹ $ + - ~ / %), or a clause
/// break (, ; . ! ? । and line ends). Letters and digits glued together are
/// two tokens: "50k" is "50" and "k".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Digits,
    Word,
    Symbol,
    Break,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: TokenKind,
    pub text: &'a str,
}

/// The tokens of already normalized text.
pub fn lex(normalized: &str) -> Vec<Token<'_>> {
    let bytes = normalized.as_bytes();
    let mut out = Vec::with_capacity(12);
    let mut chars = normalized.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let kind = if c.is_ascii_digit() {
            let mut end = start + 1;
            while end < bytes.len()
                && (bytes[end].is_ascii_digit()
                    || ((bytes[end] == b',' || bytes[end] == b'.')
                        && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
            {
                end += 1;
            }
            while chars.peek().is_some_and(|(i, _)| *i < end) {
                chars.next();
            }
            out.push(Token {
                kind: TokenKind::Digits,
                text: &normalized[start..end],
            });
            continue;
        } else if is_word_char(c) {
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                let joiner = (next == '-' || next == '\'')
                    && normalized[i + 1..]
                        .chars()
                        .next()
                        .is_some_and(|after| is_word_char(after) && !after.is_ascii_digit());
                if (is_word_char(next) && !next.is_ascii_digit()) || joiner {
                    end = i + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Token {
                kind: TokenKind::Word,
                text: &normalized[start..end],
            });
            continue;
        } else if matches!(c, '৳' | '₹' | '$' | '+' | '-' | '~' | '/' | '%') {
            TokenKind::Symbol
        } else if matches!(c, ',' | ';' | '.' | '!' | '?' | '।' | '|' | '\n' | ':') {
            TokenKind::Break
        } else {
            continue;
        };
        out.push(Token {
            kind,
            text: &normalized[start..start + c.len_utf8()],
        });
    }
    out
}

/// Whether the token sequence `phrase` occurs in `haystack` as whole words.
pub fn contains_phrase(haystack: &[&str], phrase: &[&str]) -> bool {
    !phrase.is_empty()
        && haystack
            .windows(phrase.len())
            .any(|window| window == phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_path_normalizes_every_ascii_character_as_the_general_path_does() {
        for byte in 0u8..128 {
            let c = char::from(byte);
            let text = format!(" \tA{c}b  {c}\r\nZ {c}");
            let mut general = String::new();
            push_normalized(&mut general, text.chars());
            assert_eq!(normalize(&text), general, "{byte}");
        }
    }

    #[test]
    fn the_nfc_check_agrees_with_unicode_for_every_pair_of_indic_characters() {
        let quick = |text: &str| is_nfc_quick(text.chars()) == IsNormalized::Yes;
        for a in ('\u{0900}'..='\u{09FF}').chain(['a', 'é']) {
            for b in '\u{0900}'..='\u{09FF}' {
                let text = format!("{a}{b}");
                assert_eq!(is_nfc(&text), quick(&text), "{text:?}");
            }
        }
        // Decomposed "ো" must go through composition.
        assert!(!is_nfc("\u{0995}\u{09C7}\u{09BE}"));
        assert_eq!(normalize("\u{0995}\u{09C7}\u{09BE}"), "\u{0995}\u{09CB}");
    }

    #[test]
    fn the_indic_table_agrees_with_the_unicode_rule() {
        for c in '\u{0900}'..='\u{09FF}' {
            assert_eq!(is_word_char(c), unicode_word_char(c), "{c:?}");
        }
        assert!(!is_word_char('৳') && !is_word_char('।') && is_word_char('ক'));
    }

    #[test]
    fn bengali_and_devanagari_digits_become_ascii() {
        assert_eq!(normalize("৳২,০০,০০০"), "৳2,00,000");
        assert_eq!(normalize("₹२५०००"), "₹25000");
    }

    #[test]
    fn invisible_marks_and_odd_spaces_disappear() {
        assert_eq!(
            normalize("\u{2068}Hello\u{2069}\u{00A0}\u{00A0}World\u{200D} "),
            "hello world"
        );
        assert_eq!(normalize("2\u{2013}3 lakh"), "2-3 lakh");
    }

    #[test]
    fn tokens_keep_bengali_vowel_signs_and_virama_inside_words() {
        let text = normalize("আমি নিজেই সিদ্ধান্ত নিই।");
        assert_eq!(tokens(&text), ["আমি", "নিজেই", "সিদ্ধান্ত", "নিই"]);
    }

    #[test]
    fn decimals_and_digit_groups_stay_one_word() {
        assert_eq!(
            tokens("1.5 months, 2,00,000 tk."),
            ["1.5", "months", "2,00,000", "tk"]
        );
    }

    #[test]
    fn lexing_splits_glued_units_and_keeps_hyphenated_words() {
        let text = normalize("Rs.50k-60k, ninety-nine ২লাখ+ don't");
        let lexed: Vec<_> = lex(&text).iter().map(|t| t.text).collect();
        assert_eq!(
            lexed,
            [
                "rs",
                ".",
                "50",
                "k",
                "-",
                "60",
                "k",
                ",",
                "ninety-nine",
                "2",
                "লাখ",
                "+",
                "don't"
            ]
        );
    }

    #[test]
    fn phrases_match_whole_words_only() {
        let words = ["someone", "else", "decides"];
        assert!(contains_phrase(&words, &["someone", "else"]));
        assert!(!contains_phrase(&words, &["one"]));
        assert!(!contains_phrase(&words, &[]));
    }
}
