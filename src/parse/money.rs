//! Budget answers: "৫০ হাজার টাকা", "₹2,00,000", "2-3 lakh", "3 लाख तक",
//! "at least 50k", "Rs. 75,000/-", "not decided yet".
//!
//! First version: digits (any script, Western or Indian grouping, decimals),
//! multipliers, currencies, ranges, caps and floors. Number words and fraction
//! words come with the thorough parsing issue.

use super::normalize::{contains_phrase, normalize, tokens};
use crate::core::answer::{Budget, Currency};

/// The budget `text` states, or `None` when it is not clear.
pub fn parse_budget(text: &str) -> Option<Budget> {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    if UNDECIDED
        .iter()
        .any(|p| contains_phrase(&words, &tokens(p)))
    {
        return Some(Budget::Undecided);
    }
    let scanned = scan(&normalized);
    let currency = scanned.currency;
    let amounts = group_amounts(&scanned.items)?;
    match amounts.as_slice() {
        [one] => {
            let amount = to_units(one.value * one.multiplier)?;
            let bound = bound(&words, &normalized);
            Some(match bound {
                Bound::AtMost => Budget::AtMost { amount, currency },
                Bound::AtLeast => Budget::AtLeast { amount, currency },
                Bound::Exact => Budget::Amount { amount, currency },
            })
        }
        [low, high] if scanned.range => {
            // "২-৩ লাখ": the multiplier written once applies to both ends.
            let low_multiplier = if low.explicit {
                low.multiplier
            } else {
                high.multiplier
            };
            let min = to_units(low.value * low_multiplier)?;
            let max = to_units(high.value * high.multiplier)?;
            (min <= max).then_some(Budget::Range { min, max, currency })
        }
        _ => None,
    }
}

const UNDECIDED: &[&str] = &[
    "not decided",
    "undecided",
    "not yet decided",
    "no budget",
    "don't know",
    "dont know",
    "not sure",
    "ঠিক করিনি",
    "ঠিক হয়নি",
    "ঠিক করি নাই",
    "জানি না",
    "বাজেট নেই",
    "তয় নহীं",
    "तय नहीं",
    "पता नहीं",
    "अभी तय नहीं",
    "tay nahi",
    "pata nahi",
    "thik kori nai",
];

const AT_MOST: &[&str] = &[
    "under",
    "below",
    "upto",
    "up to",
    "max",
    "maximum",
    "within",
    "less than",
    "not more than",
    "মধ্যে",
    "ভিতরে",
    "ভেতরে",
    "পর্যন্ত",
    "সর্বোচ্চ",
    "এর কম",
    "তক",
    "तक",
    "के अंदर",
    "के भीतर",
    "से कम",
    "अधिकतम",
    "ज़्यादा से ज़्यादा",
    "ज्यादा से ज्यादा",
];

const AT_LEAST: &[&str] = &[
    "at least",
    "atleast",
    "minimum",
    "min",
    "above",
    "more than",
    "over",
    "plus",
    "কমপক্ষে",
    "অন্তত",
    "এর বেশি",
    "বেশি",
    "উপরে",
    "कम से कम",
    "से ज़्यादा",
    "से ज्यादा",
    "से अधिक",
    "ऊपर",
];

enum Bound {
    Exact,
    AtMost,
    AtLeast,
}

fn bound(words: &[&str], normalized: &str) -> Bound {
    let has = |phrases: &[&str]| phrases.iter().any(|p| contains_phrase(words, &tokens(p)));
    // Bengali and Hindi attach the postposition: "হাজারের মধ্যে", "লাখের কম".
    if has(AT_LEAST) || normalized.trim_end().ends_with('+') {
        return Bound::AtLeast;
    }
    if has(AT_MOST) {
        return Bound::AtMost;
    }
    Bound::Exact
}

#[derive(Debug)]
enum Item {
    Number(f64),
    Multiplier(f64),
}

struct Scanned {
    items: Vec<Item>,
    currency: Option<Currency>,
    range: bool,
}

/// Splits the text into numbers and multipliers, noting the currency and
/// whether a range word or dash joins two numbers.
fn scan(normalized: &str) -> Scanned {
    let mut items = Vec::new();
    let mut currency = None;
    let mut range = false;
    let chars: Vec<char> = normalized.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || ((chars[i] == ',' || chars[i] == '.')
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            let literal: String = chars[start..i].iter().collect();
            if let Some(number) = parse_literal(&literal) {
                items.push(Item::Number(number));
            }
            continue;
        }
        if super::normalize::is_word_char(c) {
            let start = i;
            while i < chars.len()
                && super::normalize::is_word_char(chars[i])
                && !chars[i].is_ascii_digit()
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if let Some(m) = multiplier(&word) {
                items.push(Item::Multiplier(m));
            } else if let Some(found) = currency_word(&word) {
                currency = Some(found);
            } else if RANGE_WORDS.contains(&word.as_str()) {
                range = true;
            }
            continue;
        }
        match c {
            '৳' => currency = Some(Currency::Bdt),
            '₹' => currency = Some(Currency::Inr),
            '$' => currency = Some(Currency::Usd),
            // "75,000/-" ends a number; "2-3" joins two.
            '-' | '~'
                if matches!(items.last(), Some(Item::Number(_) | Item::Multiplier(_)))
                    && chars
                        .get(i + 1)
                        .is_some_and(|n| n.is_ascii_digit() || *n == ' ')
                    && chars[i - 1] != '/' =>
            {
                range = true;
            }
            _ => {}
        }
        i += 1;
    }
    Scanned {
        items,
        currency,
        range,
    }
}

const RANGE_WORDS: &[&str] = &["to", "till", "থেকে", "হতে", "से", "or", "বা", "या"];

/// "2,00,000", "200,000", "1.5": commas group digits in either system.
fn parse_literal(literal: &str) -> Option<f64> {
    let digits: String = literal.chars().filter(|c| *c != ',').collect();
    digits.parse().ok()
}

fn multiplier(word: &str) -> Option<f64> {
    Some(match word {
        "k"
        | "thousand"
        | "thousands"
        | "hazar"
        | "hajar"
        | "hazaar"
        | "হাজার"
        | "হাজারের"
        | "हज़ार"
        | "हजार" => 1e3,
        "l" | "lakh" | "lakhs" | "lac" | "lacs" | "lak" | "laakh" | "লাখ" | "লাখের" | "লক্ষ"
        | "লক্ষের" | "लाख" | "लाख़" => 1e5,
        "m" | "million" | "millions" | "mn" => 1e6,
        "cr" | "crore" | "crores" | "karod" | "koti" | "কোটি" | "কোটির" | "करोड़" | "करोड" => {
            1e7
        }
        _ => return None,
    })
}

fn currency_word(word: &str) -> Option<Currency> {
    Some(match word {
        "tk" | "taka" | "টাকা" | "টাকার" | "bdt" | "टका" => Currency::Bdt,
        "rs" | "inr" | "rupee" | "rupees" | "rupaye" | "rupay" | "रुपये" | "रुपए" | "रूपये" | "रुपया"
        | "रूपए" | "रु" | "রুপি" => Currency::Inr,
        "usd" | "dollar" | "dollars" | "ডলার" | "डॉलर" => Currency::Usd,
        _ => return None,
    })
}

/// A number with the multipliers after it: "2 lakh 50 hazar" is one amount.
struct Amount {
    value: f64,
    multiplier: f64,
    explicit: bool,
}

fn group_amounts(items: &[Item]) -> Option<Vec<Amount>> {
    let mut amounts: Vec<Amount> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let Item::Number(value) = items[i] else {
            // A multiplier with no number before it ("lakh") is not an amount.
            return None;
        };
        let mut multiplier = 1.0;
        let mut explicit = false;
        while let Some(Item::Multiplier(m)) = items.get(i + 1) {
            multiplier *= m;
            explicit = true;
            i += 1;
        }
        // "2 lakh 50 hazar": a smaller part right after a multiplied one adds on.
        if let Some(previous) = amounts.last_mut() {
            if previous.explicit && explicit && multiplier < previous.multiplier {
                previous.value += value * multiplier / previous.multiplier;
                i += 1;
                continue;
            }
        }
        amounts.push(Amount {
            value,
            multiplier,
            explicit,
        });
        i += 1;
    }
    (!amounts.is_empty()).then_some(amounts)
}

fn to_units(value: f64) -> Option<u64> {
    (value.is_finite() && value > 0.0 && value < 1e15).then(|| value.round() as u64)
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
    }

    #[test]
    fn compound_amounts_add_up() {
        assert_eq!(parse_budget("২ লাখ ৫০ হাজার"), amount(250_000, None));
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
        assert_eq!(parse_budget("3 - 2 lakh"), None);
    }

    #[test]
    fn caps_and_floors() {
        assert_eq!(
            parse_budget("3 लाख तक"),
            Some(Budget::AtMost {
                amount: 300_000,
                currency: None
            })
        );
        assert_eq!(
            parse_budget("under 1 lakh"),
            Some(Budget::AtMost {
                amount: 100_000,
                currency: None
            })
        );
        assert_eq!(
            parse_budget("৫০ হাজারের মধ্যে"),
            Some(Budget::AtMost {
                amount: 50_000,
                currency: None
            })
        );
        assert_eq!(
            parse_budget("2 lakh+"),
            Some(Budget::AtLeast {
                amount: 200_000,
                currency: None
            })
        );
        assert_eq!(
            parse_budget("at least 50k"),
            Some(Budget::AtLeast {
                amount: 50_000,
                currency: None
            })
        );
    }

    #[test]
    fn not_decided_is_a_valid_answer() {
        assert_eq!(parse_budget("not decided yet"), Some(Budget::Undecided));
        assert_eq!(parse_budget("এখনো ঠিক করিনি"), Some(Budget::Undecided));
        assert_eq!(parse_budget("अभी तय नहीं"), Some(Budget::Undecided));
    }

    #[test]
    fn text_without_an_amount_is_unclear() {
        assert_eq!(parse_budget("a lot"), None);
        assert_eq!(parse_budget("lakh"), None);
        assert_eq!(parse_budget(""), None);
        assert_eq!(parse_budget("0"), None);
        assert_eq!(parse_budget("1 2 3"), None);
    }
}
