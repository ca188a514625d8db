//! Budget answers: "৫০ হাজার টাকা", "₹2,00,000", "দেড় লাখ", "साढ़े तीन लाख",
//! "2-3 lakh", "3 लाख तक", "at least 50k", "Rs. 75,000/-", "not decided yet".
//!
//! The text is read as a sequence of items (numbers, number words, fraction
//! words, multipliers, currencies, range and bound words), which are then
//! grouped into one amount or a range. Anything else is unclear: a re-ask is
//! better than a confident wrong budget.

use super::normalize::{is_word_char, normalize, tokens};
use super::numerals::Fraction;
use super::phrases::{lookup, word_table, PhraseSet};
use crate::core::answer::{Budget, Currency};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// What a budget answer says, with what the bot had to infer to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedBudget {
    pub budget: Budget,
    /// A multiplier (lakh, k, crore...) or a fraction word was applied.
    pub multiplied: bool,
}

impl ParsedBudget {
    /// Worth echoing back for confirmation: a multiplier, a range, or a
    /// currency the text did not name.
    pub fn needs_confirmation(&self) -> bool {
        match self.budget {
            Budget::Undecided => false,
            Budget::Range { .. } => true,
            Budget::Amount { currency, .. }
            | Budget::AtMost { currency, .. }
            | Budget::AtLeast { currency, .. } => self.multiplied || currency.is_none(),
        }
    }
}

/// The budget `text` states, or `None` when it is not clear.
pub fn parse_budget(text: &str) -> Option<Budget> {
    parse_budget_detailed(text).map(|parsed| parsed.budget)
}

pub fn parse_budget_detailed(text: &str) -> Option<ParsedBudget> {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    if UNDECIDED.contains(&words) {
        return Some(ParsedBudget {
            budget: Budget::Undecided,
            multiplied: false,
        });
    }
    let scan = scan(&normalized, &words)?;
    let amounts = group(&scan.items)?;
    let multiplied = amounts.iter().any(|a| a.multiplied);
    let budget = match amounts.as_slice() {
        [one] => {
            let amount = units(one.value)?;
            match scan.bound {
                Some(Bound::AtMost) => Budget::AtMost {
                    amount,
                    currency: scan.currency,
                },
                Some(Bound::AtLeast) => Budget::AtLeast {
                    amount,
                    currency: scan.currency,
                },
                None => Budget::Amount {
                    amount,
                    currency: scan.currency,
                },
            }
        }
        [low, high] if scan.range && scan.bound.is_none() => {
            // "২-৩ লাখ", "দেড় থেকে দুই লাখ": a multiplier written once applies
            // to both ends.
            let low_value = if low.explicit || !high.explicit {
                low.value
            } else {
                low.value * high.multiplier
            };
            let (min, max) = (units(low_value)?, units(high.value)?);
            if min >= max {
                return None;
            }
            Budget::Range {
                min,
                max,
                currency: scan.currency,
            }
        }
        _ => return None,
    };
    Some(ParsedBudget { budget, multiplied })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    AtMost,
    AtLeast,
}

static UNDECIDED: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::of_lists(
        &[
            super::phrases::DONT_KNOW,
            &[
                "not decided",
                "undecided",
                "not yet decided",
                "no budget",
                "budget nai",
                "budget nei",
                "ঠিক করিনি",
                "ঠিক হয়নি",
                "ঠিক করি নাই",
                "ঠিক করি নি",
                "বাজেট নেই",
                "বাজেট নাই",
                "এখনো ঠিক হয়নি",
                "তয় নহীं",
                "तय नहीं",
                "अभी तय नहीं",
                "बजट नहीं",
                "tay nahi",
                "tay nahin",
                "thik kori nai",
                "thik korini",
                "decide nahi",
                "decide nai",
            ],
        ],
        (),
    )
});

/// Bound words, longest first, so that "not more than" is a cap and
/// "ज़्यादा से ज़्यादा" (at the most) is not read as "से ज़्यादा" (more than).
static BOUNDS: LazyLock<PhraseSet<Bound>> = LazyLock::new(|| {
    use Bound::*;
    PhraseSet::new(&[
        ("under", AtMost),
        ("below", AtMost),
        ("upto", AtMost),
        ("up to", AtMost),
        ("max", AtMost),
        ("maximum", AtMost),
        ("within", AtMost),
        ("less than", AtMost),
        ("not more than", AtMost),
        ("no more than", AtMost),
        ("not above", AtMost),
        ("মধ্যে", AtMost),
        ("ভিতরে", AtMost),
        ("ভেতরে", AtMost),
        ("পর্যন্ত", AtMost),
        ("সর্বোচ্চ", AtMost),
        ("কম", AtMost),
        ("বেশি না", AtMost),
        ("বেশি নয়", AtMost),
        ("এর বেশি না", AtMost),
        ("তক", AtMost),
        ("तक", AtMost),
        ("tak", AtMost),
        ("porjonto", AtMost),
        ("moddhe", AtMost),
        ("modhye", AtMost),
        ("के अंदर", AtMost),
        ("के भीतर", AtMost),
        ("अंदर", AtMost),
        ("से कम", AtMost),
        ("se kam", AtMost),
        ("अधिकतम", AtMost),
        ("ज़्यादा से ज़्यादा", AtMost),
        ("ज्यादा से ज्यादा", AtMost),
        ("zyada se zyada", AtMost),
        ("से ज़्यादा नहीं", AtMost),
        ("से ज्यादा नहीं", AtMost),
        ("at least", AtLeast),
        ("atleast", AtLeast),
        ("minimum", AtLeast),
        ("min", AtLeast),
        ("above", AtLeast),
        ("more than", AtLeast),
        ("over", AtLeast),
        ("plus", AtLeast),
        ("কমপক্ষে", AtLeast),
        ("অন্তত", AtLeast),
        ("ন্যূনতম", AtLeast),
        ("বেশি", AtLeast),
        ("এর বেশি", AtLeast),
        ("উপরে", AtLeast),
        ("beshi", AtLeast),
        ("kompokkhe", AtLeast),
        ("कम से कम", AtLeast),
        ("kam se kam", AtLeast),
        ("से ज़्यादा", AtLeast),
        ("से ज्यादा", AtLeast),
        ("से अधिक", AtLeast),
        ("से ऊपर", AtLeast),
        ("se zyada", AtLeast),
        ("se jyada", AtLeast),
        ("न्यूनतम", AtLeast),
    ])
});

/// Words that join the two ends of a range.
static RANGE_WORDS: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::of(
        &[
            "to",
            "till",
            "থেকে",
            "হতে",
            "থে",
            "से",
            "se",
            "theke",
            "hote",
        ],
        (),
    )
});

static MULTIPLIERS: LazyLock<FxHashMap<String, f64>> = LazyLock::new(|| {
    word_table(&[
        ("k", 1e3),
        ("thousand", 1e3),
        ("thousands", 1e3),
        ("hazar", 1e3),
        ("hajar", 1e3),
        ("hazaar", 1e3),
        ("hajaar", 1e3),
        ("হাজার", 1e3),
        ("हज़ार", 1e3),
        ("हजार", 1e3),
        ("l", 1e5),
        ("lakh", 1e5),
        ("lakhs", 1e5),
        ("lac", 1e5),
        ("lacs", 1e5),
        ("lak", 1e5),
        ("lakh+", 1e5),
        ("laakh", 1e5),
        ("lkh", 1e5),
        ("লাখ", 1e5),
        ("লক্ষ", 1e5),
        ("লক্ষ", 1e5),
        ("लाख", 1e5),
        ("m", 1e6),
        ("million", 1e6),
        ("millions", 1e6),
        ("mn", 1e6),
        ("cr", 1e7),
        ("crore", 1e7),
        ("crores", 1e7),
        ("karod", 1e7),
        ("koti", 1e7),
        ("কোটি", 1e7),
        ("करोड़", 1e7),
        ("करोड", 1e7),
        ("hundred", 1e2),
        ("sau", 1e2),
        ("सौ", 1e2),
        ("শ", 1e2),
        ("শো", 1e2),
        ("shoo", 1e2),
    ])
});

static CURRENCIES: LazyLock<FxHashMap<String, Currency>> = LazyLock::new(|| {
    use Currency::*;
    word_table(&[
        ("tk", Bdt),
        ("taka", Bdt),
        ("takar", Bdt),
        ("টাকা", Bdt),
        ("bdt", Bdt),
        ("টকা", Bdt),
        ("rs", Inr),
        ("inr", Inr),
        ("rupee", Inr),
        ("rupees", Inr),
        ("rupaye", Inr),
        ("rupaiya", Inr),
        ("rupay", Inr),
        ("rupya", Inr),
        ("रुपये", Inr),
        ("रुपए", Inr),
        ("रूपये", Inr),
        ("रुपया", Inr),
        ("रूपए", Inr),
        ("रु", Inr),
        ("রুপি", Inr),
        ("usd", Usd),
        ("dollar", Usd),
        ("dollars", Usd),
        ("ডলার", Usd),
        ("डॉलर", Usd),
        ("डालर", Usd),
    ])
});

#[derive(Debug, Clone, Copy, PartialEq)]
enum Item {
    /// A number; `word` when it was written as a word ("দুই", "do").
    Number {
        value: f64,
        word: bool,
    },
    Multiplier(f64),
    Fraction(Fraction),
    RangeJoin,
    /// "or", "বা": two amounts offered as alternatives.
    Or,
}

struct Scan {
    items: Vec<Item>,
    currency: Option<Currency>,
    bound: Option<Bound>,
    range: bool,
}

/// Reads the items of a normalized answer. `None` when it is certainly not a
/// budget (a phone-number-like digit string, two different currencies).
fn scan(normalized: &str, words: &[&str]) -> Option<Scan> {
    let mut scan = Scan {
        items: Vec::with_capacity(8),
        currency: None,
        bound: None,
        range: false,
    };
    let set_currency = |scan: &mut Scan, currency: Currency| -> Option<()> {
        match scan.currency {
            Some(existing) if existing != currency => None,
            _ => {
                scan.currency = Some(currency);
                Some(())
            }
        }
    };
    // Words (for bound and range phrases), scanned alongside the characters.
    let mut word_index = 0;
    let bytes = normalized.as_bytes();
    let mut i = 0;
    while i < normalized.len() {
        let c = normalized[i..].chars().next()?;
        if c.is_ascii_digit() {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit()
                    || ((bytes[i] == b',' || bytes[i] == b'.')
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            let literal = &normalized[start..i];
            // "01712345678" or "9876543210": a phone number, not a budget.
            let integer_digits = literal.split('.').next().unwrap_or_default();
            if (integer_digits.len() > 1 && literal.starts_with('0'))
                || (integer_digits.len() >= 10 && !literal.contains(','))
            {
                return None;
            }
            scan.items.push(Item::Number {
                value: literal_value(literal)?,
                word: false,
            });
            // A multiplier or currency glued on: "50k", "2l", "২লাখ", "75000tk".
            let glued_start = i;
            while i < normalized.len() {
                let next = normalized[i..].chars().next()?;
                if !is_word_char(next) || next.is_ascii_digit() {
                    break;
                }
                i += next.len_utf8();
            }
            if glued_start < i {
                let glued = &normalized[glued_start..i];
                if let Some(m) = lookup(&MULTIPLIERS, glued) {
                    scan.items.push(Item::Multiplier(m));
                } else if let Some(currency) = lookup(&CURRENCIES, glued) {
                    set_currency(&mut scan, currency)?;
                } else if !matches!(glued, "st" | "nd" | "rd" | "th") {
                    // "5abc": not an amount we can read.
                    return None;
                }
            }
            // Keep the word cursor in step with the characters.
            while word_index < words.len() && word_end(normalized, words[word_index]) <= i {
                word_index += 1;
            }
            continue;
        }
        if is_word_char(c) {
            let (index, token) = match words.get(word_index) {
                Some(word) => (word_index, *word),
                None => break,
            };
            // "rs500": the letters are a word, the digits an amount.
            let letters = token
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(token.len());
            if letters < token.len() {
                let word = &token[..letters];
                if let Some(currency) = lookup(&CURRENCIES, word) {
                    set_currency(&mut scan, currency)?;
                }
                i = word_end(normalized, word);
                continue;
            }
            let word = token;
            // Bound and range phrases may span several words.
            if let Some((len, bound)) = BOUNDS.match_at(words, index) {
                scan.bound.get_or_insert(bound);
                advance_words(normalized, words, &mut word_index, &mut i, len);
                continue;
            }
            if let Some((len, ())) = RANGE_WORDS.match_at(words, index) {
                scan.items.push(Item::RangeJoin);
                scan.range = true;
                advance_words(normalized, words, &mut word_index, &mut i, len);
                continue;
            }
            match lookup(&MONEY_WORDS, word) {
                Some(MoneyWord::Multiplier(m)) => scan.items.push(Item::Multiplier(m)),
                Some(MoneyWord::Currency(currency)) => set_currency(&mut scan, currency)?,
                Some(MoneyWord::Fraction(fraction)) => scan.items.push(Item::Fraction(fraction)),
                Some(MoneyWord::Number(value)) => {
                    // "twenty five": the unit adds to the tens before it.
                    match scan.items.last_mut() {
                        Some(Item::Number {
                            value: tens,
                            word: true,
                        }) if value < 10 && *tens >= 20.0 && is_english_tens_value(*tens) => {
                            *tens += f64::from(value)
                        }
                        _ => scan.items.push(Item::Number {
                            value: f64::from(value),
                            word: true,
                        }),
                    }
                }
                None if matches!(word, "or" | "বা" | "या" | "ya" | "naki" | "নাকি") => {
                    scan.items.push(Item::Or)
                }
                None => {}
            }
            advance_words(normalized, words, &mut word_index, &mut i, 1);
            continue;
        }
        match c {
            '৳' => set_currency(&mut scan, Currency::Bdt)?,
            '₹' => set_currency(&mut scan, Currency::Inr)?,
            '$' => set_currency(&mut scan, Currency::Usd)?,
            '+' if scan.bound.is_none() && !scan.items.is_empty() => {
                scan.bound = Some(Bound::AtLeast)
            }
            // "-5000": a negative amount is no budget.
            '-' if scan.items.is_empty()
                && normalized[i + 1..].starts_with(|c: char| c.is_ascii_digit()) =>
            {
                return None
            }
            // "ninety-nine": a hyphen inside a number word joins, not ranges.
            '-' if matches!(scan.items.last(), Some(Item::Number { word: true, .. }))
                && normalized[..i].ends_with(|c: char| c.is_ascii_alphabetic())
                && normalized[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic()) => {}
            '-' | '~' => {
                // "75,000/-" closes an amount; "2-3" joins two.
                let after_slash = normalized[..i].ends_with('/');
                let more_follows = normalized[i + 1..].trim_start().starts_with(|c: char| {
                    c.is_ascii_digit() || is_word_char(c) || "৳₹$".contains(c)
                });
                if !after_slash && more_follows && !scan.items.is_empty() {
                    scan.items.push(Item::RangeJoin);
                    scan.range = true;
                }
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    Some(scan)
}

/// "2,00,000" → 200000, "1.5" → 1.5: commas group digits in either system.
fn literal_value(literal: &str) -> Option<f64> {
    let (whole, fraction) = literal.split_once('.').unwrap_or((literal, ""));
    if fraction.contains(['.', ',']) {
        return None;
    }
    let mut value = 0f64;
    for b in whole.bytes().filter(|b| *b != b',') {
        value = value * 10.0 + f64::from(b - b'0');
    }
    let mut scale = 0.1;
    for b in fraction.bytes() {
        value += f64::from(b - b'0') * scale;
        scale /= 10.0;
    }
    Some(value)
}

/// A word the budget reader knows; one table, so that each word (and each of
/// its stems) costs one lookup.
#[derive(Debug, Clone, Copy)]
enum MoneyWord {
    Multiplier(f64),
    Currency(Currency),
    Fraction(Fraction),
    Number(u32),
}

static MONEY_WORDS: LazyLock<FxHashMap<String, MoneyWord>> = LazyLock::new(|| {
    let mut words: FxHashMap<String, MoneyWord> = FxHashMap::default();
    // Later kinds do not displace earlier ones: "sat" (7) stays a number,
    // but "k" is a multiplier before anything else.
    let numbers = super::numerals::all_number_words().map(|(w, v)| (w, MoneyWord::Number(v)));
    let fractions = super::numerals::all_fraction_words().map(|(w, f)| (w, MoneyWord::Fraction(f)));
    let multipliers = MULTIPLIERS
        .iter()
        .map(|(w, m)| (w.clone(), MoneyWord::Multiplier(*m)));
    let currencies = CURRENCIES
        .iter()
        .map(|(w, c)| (w.clone(), MoneyWord::Currency(*c)));
    for (word, value) in multipliers
        .chain(currencies)
        .chain(fractions)
        .chain(numbers)
    {
        words.entry(word).or_insert(value);
    }
    words
});

fn is_english_tens_value(value: f64) -> bool {
    value % 10.0 == 0.0 && (20.0..=90.0).contains(&value)
}

/// Where `word` (a slice of `text`) ends, as a byte offset in `text`.
fn word_end(text: &str, word: &str) -> usize {
    word.as_ptr() as usize - text.as_ptr() as usize + word.len()
}

fn advance_words(text: &str, words: &[&str], index: &mut usize, at: &mut usize, count: usize) {
    *index += count;
    *at = word_end(text, words[*index - 1]);
}

/// One amount: a number with its multipliers, or a fraction word with what
/// it applies to, and the parts that add on ("2 lakh 50 hazar").
#[derive(Debug)]
struct Amount {
    value: f64,
    /// The largest multiplier applied (for "২-৩ লাখ" and compounds).
    multiplier: f64,
    /// A multiplier word followed the number.
    explicit: bool,
    /// A multiplier or a fraction word was applied.
    multiplied: bool,
}

fn group(items: &[Item]) -> Option<Vec<Amount>> {
    let mut amounts: Vec<Amount> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        match items[i] {
            Item::RangeJoin | Item::Or => {
                if matches!(items[i], Item::Or) {
                    return None;
                }
                i += 1;
                continue;
            }
            Item::Multiplier(_) => return None,
            Item::Number { .. } | Item::Fraction(_) => {}
        }
        let (base, fraction_used, next) = base_number(items, i)?;
        i = next;
        let mut multiplier = 1.0;
        let mut explicit = false;
        while let Some(Item::Multiplier(m)) = items.get(i) {
            multiplier *= m;
            explicit = true;
            i += 1;
        }
        let multiplied = explicit || fraction_used;
        let word_number = matches!(
            items.get(next.saturating_sub(1)),
            Some(Item::Number { word: true, .. })
        );
        // A number word with nothing after it is just a word ("I can do 50k"),
        // unless it starts a range ("দুই থেকে তিন লাখ").
        if word_number && !multiplied && !matches!(items.get(i), Some(Item::RangeJoin)) {
            continue;
        }
        let value = base * multiplier;
        // "2 lakh 50 hazar", "এক লাখ পঞ্চাশ হাজার": a smaller part adds on.
        if let Some(previous) = amounts.last_mut() {
            let joined = !matches!(items.get(i.saturating_sub(1)), Some(Item::RangeJoin));
            if joined
                && previous.explicit
                && explicit
                && multiplier < previous.multiplier
                && !separated(items, i)
            {
                previous.value += value;
                continue;
            }
        }
        amounts.push(Amount {
            value,
            multiplier,
            explicit,
            multiplied,
        });
    }
    (!amounts.is_empty()).then_some(amounts)
}

/// Whether a range join came right before the amount that ends at `end`.
fn separated(items: &[Item], end: usize) -> bool {
    let mut j = end;
    while j > 0 {
        j -= 1;
        match items[j] {
            Item::RangeJoin => return true,
            Item::Number { .. } | Item::Fraction(_) | Item::Multiplier(_) => continue,
            Item::Or => return true,
        }
    }
    false
}

/// The number an amount starts with, fraction words applied: "দেড়" is 1.5
/// (of the multiplier after it), "সাড়ে তিন" is 3.5, "পৌনে দুই" 1.75, and a
/// bare "সোয়া" before a multiplier 1.25.
fn base_number(items: &[Item], at: usize) -> Option<(f64, bool, usize)> {
    match items[at] {
        Item::Number { value, .. } => Some((value, false, at + 1)),
        Item::Fraction(Fraction::Times(k)) => Some((k, true, at + 1)),
        Item::Fraction(Fraction::Plus(d)) => match items.get(at + 1) {
            Some(Item::Number { value, .. }) => Some((value + d, true, at + 2)),
            Some(Item::Multiplier(_)) => Some((1.0 + d, true, at + 1)),
            _ => None,
        },
        _ => None,
    }
}

fn units(value: f64) -> Option<u64> {
    (1.0..1e13).contains(&value).then(|| value.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Currency::*;

    fn amount(amount: u64, currency: Option<Currency>) -> Option<Budget> {
        Some(Budget::Amount { amount, currency })
    }

    #[test]
    fn plain_digits_with_western_or_indian_grouping() {
        assert_eq!(parse_budget("200,000"), amount(200_000, None));
        assert_eq!(parse_budget("2,00,000"), amount(200_000, None));
        assert_eq!(parse_budget("75000"), amount(75_000, None));
    }

    #[test]
    fn a_budget_of_two_lakh_taka_in_bengali() {
        assert_eq!(parse_budget("২ লাখ টাকা"), amount(200_000, Some(Bdt)));
        assert_eq!(parse_budget("৫০ হাজার টাকা"), amount(50_000, Some(Bdt)));
        assert_eq!(parse_budget("৳৫০,০০০"), amount(50_000, Some(Bdt)));
        assert_eq!(parse_budget("১.৫ লক্ষ"), amount(150_000, None));
    }

    #[test]
    fn rupees_in_hindi_and_english() {
        assert_eq!(parse_budget("2 लाख रुपये"), amount(200_000, Some(Inr)));
        assert_eq!(parse_budget("₹2,00,000"), amount(200_000, Some(Inr)));
        assert_eq!(parse_budget("Rs. 75,000/-"), amount(75_000, Some(Inr)));
        assert_eq!(parse_budget("1.5 crore"), amount(15_000_000, None));
        assert_eq!(parse_budget("५० हज़ार"), amount(50_000, None));
    }

    #[test]
    fn k_and_glued_multipliers() {
        assert_eq!(parse_budget("50k"), amount(50_000, None));
        assert_eq!(parse_budget("50K tk"), amount(50_000, Some(Bdt)));
        assert_eq!(parse_budget("2L"), amount(200_000, None));
        assert_eq!(parse_budget("1cr"), amount(10_000_000, None));
        assert_eq!(parse_budget("$5000"), amount(5_000, Some(Usd)));
        assert_eq!(parse_budget("২লাখ"), amount(200_000, None));
    }

    #[test]
    fn number_words_and_compounds() {
        assert_eq!(parse_budget("দুই লাখ টাকা"), amount(200_000, Some(Bdt)));
        assert_eq!(parse_budget("এক লাখ পঞ্চাশ হাজার"), amount(150_000, None));
        assert_eq!(parse_budget("२ लाख ५० हज़ार"), amount(250_000, None));
        assert_eq!(parse_budget("do lakh rupaye"), amount(200_000, Some(Inr)));
        assert_eq!(parse_budget("twenty five thousand"), amount(25_000, None));
        assert_eq!(parse_budget("ninety-nine thousand"), amount(99_000, None));
        assert_eq!(parse_budget("I can do 50k"), amount(50_000, None));
    }

    #[test]
    fn fraction_words() {
        assert_eq!(parse_budget("দেড় লাখ"), amount(150_000, None));
        assert_eq!(parse_budget("আড়াই লাখ টাকা"), amount(250_000, Some(Bdt)));
        assert_eq!(parse_budget("সাড়ে তিন লাখ"), amount(350_000, None));
        assert_eq!(parse_budget("पौने दो लाख"), amount(175_000, None));
        assert_eq!(parse_budget("सवा लाख"), amount(125_000, None));
        assert_eq!(parse_budget("dedh lakh"), amount(150_000, None));
    }

    #[test]
    fn ranges_apply_the_multiplier_to_both_ends() {
        let range = |min, max, currency| Some(Budget::Range { min, max, currency });
        assert_eq!(parse_budget("২-৩ লাখ"), range(200_000, 300_000, None));
        assert_eq!(
            parse_budget("50 to 60 thousand"),
            range(50_000, 60_000, None)
        );
        assert_eq!(
            parse_budget("৫০ থেকে ৬০ হাজার টাকা"),
            range(50_000, 60_000, Some(Bdt))
        );
        assert_eq!(parse_budget("2 से 3 लाख"), range(200_000, 300_000, None));
        assert_eq!(parse_budget("50k-80k"), range(50_000, 80_000, None));
        assert_eq!(
            parse_budget("দেড় থেকে দুই লাখ"),
            range(150_000, 200_000, None)
        );
        assert_eq!(parse_budget("3 - 2 lakh"), None);
    }

    #[test]
    fn caps_and_floors_with_their_negations() {
        let at_most = |amount| {
            Some(Budget::AtMost {
                amount,
                currency: None,
            })
        };
        let at_least = |amount| {
            Some(Budget::AtLeast {
                amount,
                currency: None,
            })
        };
        assert_eq!(parse_budget("3 लाख तक"), at_most(300_000));
        assert_eq!(parse_budget("under 1 lakh"), at_most(100_000));
        assert_eq!(parse_budget("৫০ হাজারের মধ্যে"), at_most(50_000));
        assert_eq!(parse_budget("not more than 50k"), at_most(50_000));
        assert_eq!(parse_budget("১ লাখের বেশি না"), at_most(100_000));
        assert_eq!(parse_budget("ज़्यादा से ज़्यादा 2 लाख"), at_most(200_000));
        assert_eq!(parse_budget("2 lakh+"), at_least(200_000));
        assert_eq!(parse_budget("at least 50k"), at_least(50_000));
        assert_eq!(parse_budget("2 लाख से ज़्यादा"), at_least(200_000));
        assert_eq!(parse_budget("কমপক্ষে ২ লাখ"), at_least(200_000));
    }

    #[test]
    fn not_decided_is_a_valid_answer() {
        assert_eq!(parse_budget("not decided yet"), Some(Budget::Undecided));
        assert_eq!(parse_budget("এখনো ঠিক করিনি"), Some(Budget::Undecided));
        assert_eq!(parse_budget("अभी तय नहीं"), Some(Budget::Undecided));
    }

    #[test]
    fn text_without_a_clear_amount_is_unclear() {
        for text in [
            "a lot",
            "lakh",
            "",
            "0",
            "1 2 3",
            "01712345678",
            "9876543210",
            "50k or 2 lakh",
            "৳5 or ₹5",
            "5abc",
            "-5000",
            "1.5,000",
        ] {
            assert_eq!(parse_budget(text), None, "{text}");
        }
    }

    #[test]
    fn multipliers_ranges_and_guessed_currencies_ask_for_confirmation() {
        let confirm = |text| parse_budget_detailed(text).unwrap().needs_confirmation();
        assert!(confirm("2 lakh taka"));
        assert!(confirm("200000"));
        assert!(confirm("2-3 lakh tk"));
        assert!(!confirm("৳2,00,000"));
        assert!(!confirm("not decided"));
    }
}
