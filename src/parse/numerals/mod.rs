//! Number words 1–99 in Bengali, Hindi and English, with their common
//! romanized spellings, and the fraction words of South Asian speech.

/// Bengali number words, 1 to 99 in order.
const BENGALI: [&str; 99] = [
    "এক",
    "দুই",
    "তিন",
    "চার",
    "পাঁচ",
    "ছয়",
    "সাত",
    "আট",
    "নয়",
    "দশ",
    "এগারো",
    "বারো",
    "তেরো",
    "চৌদ্দ",
    "পনেরো",
    "ষোলো",
    "সতেরো",
    "আঠারো",
    "উনিশ",
    "বিশ",
    "একুশ",
    "বাইশ",
    "তেইশ",
    "চব্বিশ",
    "পঁচিশ",
    "ছাব্বিশ",
    "সাতাশ",
    "আটাশ",
    "ঊনত্রিশ",
    "ত্রিশ",
    "একত্রিশ",
    "বত্রিশ",
    "তেত্রিশ",
    "চৌত্রিশ",
    "পঁয়ত্রিশ",
    "ছত্রিশ",
    "সাঁইত্রিশ",
    "আটত্রিশ",
    "ঊনচল্লিশ",
    "চল্লিশ",
    "একচল্লিশ",
    "বিয়াল্লিশ",
    "তেতাল্লিশ",
    "চুয়াল্লিশ",
    "পঁয়তাল্লিশ",
    "ছেচল্লিশ",
    "সাতচল্লিশ",
    "আটচল্লিশ",
    "ঊনপঞ্চাশ",
    "পঞ্চাশ",
    "একান্ন",
    "বাহান্ন",
    "তিপ্পান্ন",
    "চুয়ান্ন",
    "পঞ্চান্ন",
    "ছাপ্পান্ন",
    "সাতান্ন",
    "আটান্ন",
    "ঊনষাট",
    "ষাট",
    "একষট্টি",
    "বাষট্টি",
    "তেষট্টি",
    "চৌষট্টি",
    "পঁয়ষট্টি",
    "ছেষট্টি",
    "সাতষট্টি",
    "আটষট্টি",
    "ঊনসত্তর",
    "সত্তর",
    "একাত্তর",
    "বাহাত্তর",
    "তিয়াত্তর",
    "চুয়াত্তর",
    "পঁচাত্তর",
    "ছিয়াত্তর",
    "সাতাত্তর",
    "আটাত্তর",
    "ঊনআশি",
    "আশি",
    "একাশি",
    "বিরাশি",
    "তিরাশি",
    "চুরাশি",
    "পঁচাশি",
    "ছিয়াশি",
    "সাতাশি",
    "আটাশি",
    "ঊননব্বই",
    "নব্বই",
    "একানব্বই",
    "বিরানব্বই",
    "তিরানব্বই",
    "চুরানব্বই",
    "পঁচানব্বই",
    "ছিয়ানব্বই",
    "সাতানব্বই",
    "আটানব্বই",
    "নিরানব্বই",
];

/// Hindi number words, 1 to 99 in order.
const HINDI: [&str; 99] = [
    "एक",
    "दो",
    "तीन",
    "चार",
    "पाँच",
    "छह",
    "सात",
    "आठ",
    "नौ",
    "दस",
    "ग्यारह",
    "बारह",
    "तेरह",
    "चौदह",
    "पंद्रह",
    "सोलह",
    "सत्रह",
    "अठारह",
    "उन्नीस",
    "बीस",
    "इक्कीस",
    "बाईस",
    "तेईस",
    "चौबीस",
    "पच्चीस",
    "छब्बीस",
    "सत्ताईस",
    "अट्ठाईस",
    "उनतीस",
    "तीस",
    "इकतीस",
    "बत्तीस",
    "तैंतीस",
    "चौंतीस",
    "पैंतीस",
    "छत्तीस",
    "सैंतीस",
    "अड़तीस",
    "उनतालीस",
    "चालीस",
    "इकतालीस",
    "बयालीस",
    "तैंतालीस",
    "चवालीस",
    "पैंतालीस",
    "छियालीस",
    "सैंतालीस",
    "अड़तालीस",
    "उनचास",
    "पचास",
    "इक्यावन",
    "बावन",
    "तिरेपन",
    "चौवन",
    "पचपन",
    "छप्पन",
    "सत्तावन",
    "अट्ठावन",
    "उनसठ",
    "साठ",
    "इकसठ",
    "बासठ",
    "तिरसठ",
    "चौंसठ",
    "पैंसठ",
    "छियासठ",
    "सड़सठ",
    "अड़सठ",
    "उनहत्तर",
    "सत्तर",
    "इकहत्तर",
    "बहत्तर",
    "तिहत्तर",
    "चौहत्तर",
    "पचहत्तर",
    "छिहत्तर",
    "सतहत्तर",
    "अठहत्तर",
    "उन्यासी",
    "अस्सी",
    "इक्यासी",
    "बयासी",
    "तिरासी",
    "चौरासी",
    "पचासी",
    "छियासी",
    "सत्तासी",
    "अट्ठासी",
    "नवासी",
    "नब्बे",
    "इक्यानबे",
    "बानबे",
    "तिरानबे",
    "चौरानबे",
    "पंचानबे",
    "छियानबे",
    "सत्तानबे",
    "अट्ठानबे",
    "निन्यानबे",
];

/// English number words below twenty, and the tens.
const ENGLISH_UNITS: [&str; 19] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const ENGLISH_TENS: [(&str, u32); 8] = [
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// A fraction word and what it does to the number or multiplier after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fraction {
    /// দেড় / डेढ़: one and a half (of the multiplier that follows).
    Times(f64),
    /// সাড়ে / साढ़े X: X + ½; সোয়া / सवा X: X + ¼; পৌনে / पौने X: X − ¼.
    Plus(f64),
}

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

mod phrases;
use phrases::*;

/// Every scale word with its value, normalized.
pub fn all_scale_words() -> impl Iterator<Item = (String, u64)> {
    SCALES
        .iter()
        .map(|(word, value)| (super::normalize::normalize(word), *value))
}

/// A fixed-point number: millionths, so that "2.3 lakh" is exactly 230,000
/// and "1.2345678 lakh" is seen not to be a whole amount (never rounded).
pub type Micros = u128;
pub const ONE: Micros = 1_000_000;

/// "2,00,000" → 200,000; "1.5" → 1.5. `None` for more than six decimals or
/// a second point.
pub fn digits_value(literal: &str) -> Option<Micros> {
    let (whole, fraction) = literal.split_once('.').unwrap_or((literal, ""));
    if fraction.len() > 6 || fraction.contains(['.', ',']) {
        return None;
    }
    let mut value: Micros = 0;
    for b in whole.bytes().filter(|b| *b != b',') {
        value = value.checked_mul(10)?.checked_add(Micros::from(b - b'0'))?;
    }
    let mut micros = value.checked_mul(ONE)?;
    let mut place = ONE / 10;
    for b in fraction.bytes() {
        micros += Micros::from(b - b'0') * place;
        place /= 10;
    }
    Some(micros)
}

/// One piece of a spoken or written number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberPart {
    /// Digits or a number word (1–99, or a Bengali hundred such as পাঁচশো).
    Number {
        micros: Micros,
        word: bool,
    },
    Scale(u64),
    Fraction(Fraction),
}

/// A number read from its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Composed {
    pub micros: Micros,
    /// The largest scale of a thousand or more applied (1 when none): "2-3
    /// lakh" applies the lakh of the upper end to the lower.
    pub scale: u64,
    /// A fraction word (দেড়, ढाई) still waits for the scale it multiplies.
    pub pending_times: bool,
}

/// Reads a number from its parts the way people say them, in every scale:
/// "two hundred thirty thousand", "এক লাখ পঞ্চাশ হাজার", "हज़ार पाँच सौ",
/// "2 lakh 50 hazar", "সাড়ে তিন লাখ", "one million two hundred thirty
/// thousand". `None` when the parts do not make one number ("50 60").
pub fn compose(parts: &[NumberPart]) -> Option<Composed> {
    let mut total: Micros = 0;
    // The part below the last scale word.
    let mut current: Option<Micros> = None;
    // What the last part allows to follow: units after an English tens
    // word, tens and units after hundreds.
    let mut after_tens = false;
    let mut after_hundreds = false;
    let mut last_scale = u64::MAX;
    let mut largest = 1;
    let mut pending_times: Option<Micros> = None;
    let mut i = 0;
    while i < parts.len() {
        match parts[i] {
            NumberPart::Number { micros, word } => {
                if pending_times.is_some() {
                    return None;
                }
                current = Some(match current {
                    None => micros,
                    // "two hundred thirty", "পাঁচশো পঞ্চাশ".
                    Some(c) if after_hundreds && micros < 100 * ONE => c + micros,
                    // "twenty five".
                    Some(c) if after_tens && word && micros < 10 * ONE => c + micros,
                    _ => return None,
                });
                after_tens =
                    word && micros % (10 * ONE) == 0 && (20 * ONE..=90 * ONE).contains(&micros);
                // A Bengali hundred is one word: "পাঁচশো".
                after_hundreds =
                    word && micros % (100 * ONE) == 0 && (100 * ONE..1000 * ONE).contains(&micros);
            }
            NumberPart::Fraction(Fraction::Times(k)) => {
                if current.is_some() || pending_times.is_some() {
                    return None;
                }
                pending_times = Some((k * ONE as f64) as Micros);
                after_tens = false;
                after_hundreds = false;
            }
            NumberPart::Fraction(Fraction::Plus(d)) => {
                if current.is_some() || pending_times.is_some() {
                    return None;
                }
                let (base, unit) = match parts.get(i + 1) {
                    Some(NumberPart::Number { micros, word }) => {
                        i += 1;
                        // "সাড়ে পাঁচশো" is 550: the half is of a hundred.
                        let glued_hundred =
                            *word && *micros >= 100 * ONE && *micros % (100 * ONE) == 0;
                        (*micros, if glued_hundred { 100 } else { 1 })
                    }
                    // "সোয়া লাখ", "सवा सौ": a quarter more than one.
                    Some(NumberPart::Scale(_)) => (ONE, 1),
                    _ => return None,
                };
                let delta = (d.abs() * ONE as f64) as Micros * unit;
                current = Some(if d < 0.0 {
                    base.checked_sub(delta)?
                } else {
                    base + delta
                });
                after_tens = false;
                after_hundreds = false;
            }
            NumberPart::Scale(scale) => {
                let implicit = current.is_none() && pending_times.is_none();
                let base = match (current.take(), pending_times.take()) {
                    (Some(c), None) => c,
                    (None, Some(k)) => k,
                    // A scale word alone stands for one of it, but only
                    // inside a longer number: "হাজার পাঁচশত", not "lakh".
                    (None, None) if parts.len() > 1 => ONE,
                    _ => return None,
                };
                after_tens = false;
                if scale == 100 {
                    if after_hundreds || base >= 100 * ONE {
                        return None;
                    }
                    current = Some(base * 100);
                    after_hundreds = true;
                } else {
                    after_hundreds = false;
                    let scale_micros = Micros::from(scale);
                    total = if scale < last_scale {
                        total.checked_add(base.checked_mul(scale_micros)?)?
                    } else if scale > last_scale && implicit {
                        // "পাঁচ হাজার কোটি": a larger scale right after a
                        // smaller one multiplies all before it.
                        total.checked_mul(scale_micros)?
                    } else {
                        // "50k 60k", "50 thousand 2 lakh": two amounts.
                        return None;
                    };
                    last_scale = scale;
                    largest = largest.max(scale);
                }
            }
        }
        i += 1;
    }
    let pending = pending_times.is_some();
    let micros = total.checked_add(current.or(pending_times).unwrap_or(0))?;
    (micros > 0).then_some(Composed {
        micros,
        scale: largest,
        pending_times: pending,
    })
}

/// Every number word with its value, normalized.
pub fn all_number_words() -> impl Iterator<Item = (String, u32)> {
    WORDS.iter().map(|(w, v)| (w.clone(), *v))
}

/// Every fraction word, normalized.
pub fn all_fraction_words() -> impl Iterator<Item = (String, Fraction)> {
    FRACTION_WORDS.iter().map(|(w, f)| (w.clone(), *f))
}

/// The value of a number word (normalized), if it is one.
pub fn number_word(word: &str) -> Option<u32> {
    WORDS.get(word).copied()
}

pub fn fraction_word(word: &str) -> Option<Fraction> {
    FRACTION_WORDS.get(word).copied()
}

#[cfg(test)]
mod tests;
