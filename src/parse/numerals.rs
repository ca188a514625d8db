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

/// Spellings people also use, and romanized forms.
const VARIANTS: &[(&str, u32)] = &[
    // Bengali spelling variants
    ("দুয়ে", 2),
    ("ছয়", 6),
    ("ছ", 6),
    ("নয়", 9),
    ("এগার", 11),
    ("বার", 12),
    ("তের", 13),
    ("পনের", 15),
    ("ষোল", 16),
    ("সতের", 17),
    ("আঠার", 18),
    ("কুড়ি", 20),
    ("বিশ", 20),
    // Hindi spelling variants
    ("पांच", 5),
    ("छः", 6),
    ("छै", 6),
    ("छे", 6),
    ("छ", 6),
    ("पन्द्रह", 15),
    ("उनचालीस", 39),
    ("सत्तर", 70),
    ("अस्सी", 80),
    // Romanized Bengali
    ("ek", 1),
    ("dui", 2),
    ("tin", 3),
    ("char", 4),
    ("pach", 5),
    ("panch", 5),
    ("chhoy", 6),
    ("choy", 6),
    ("sat", 7),
    ("aat", 8),
    ("noy", 9),
    ("dosh", 10),
    ("egaro", 11),
    ("baro", 12),
    ("bish", 20),
    ("pochish", 25),
    ("tirish", 30),
    ("chollish", 40),
    ("ponchash", 50),
    ("ponchas", 50),
    ("shat", 60),
    ("sottor", 70),
    ("ashi", 80),
    ("nobboi", 90),
    // Romanized Hindi
    ("do", 2),
    ("teen", 3),
    ("chaar", 4),
    ("paanch", 5),
    ("chhe", 6),
    ("chhah", 6),
    ("saat", 7),
    ("aath", 8),
    ("nau", 9),
    ("das", 10),
    ("gyarah", 11),
    ("barah", 12),
    ("pandrah", 15),
    ("bees", 20),
    ("bis", 20),
    ("pachis", 25),
    ("pachchis", 25),
    ("tees", 30),
    ("chalis", 40),
    ("pachas", 50),
    ("pachaas", 50),
    ("saath", 60),
    ("sattar", 70),
    ("assi", 80),
    ("nabbe", 90),
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

const FRACTIONS: &[(&str, Fraction)] = &[
    ("দেড়", Fraction::Times(1.5)),
    ("ডেড়", Fraction::Times(1.5)),
    ("डेढ़", Fraction::Times(1.5)),
    ("dedh", Fraction::Times(1.5)),
    ("derh", Fraction::Times(1.5)),
    ("der", Fraction::Times(1.5)),
    ("আড়াই", Fraction::Times(2.5)),
    ("ঢাই", Fraction::Times(2.5)),
    ("ढाई", Fraction::Times(2.5)),
    ("arai", Fraction::Times(2.5)),
    ("araai", Fraction::Times(2.5)),
    ("dhai", Fraction::Times(2.5)),
    ("ডাই", Fraction::Times(2.5)),
    ("সাড়ে", Fraction::Plus(0.5)),
    ("साढ़े", Fraction::Plus(0.5)),
    ("sare", Fraction::Plus(0.5)),
    ("saade", Fraction::Plus(0.5)),
    ("sade", Fraction::Plus(0.5)),
    ("saare", Fraction::Plus(0.5)),
    ("সোয়া", Fraction::Plus(0.25)),
    ("সওয়া", Fraction::Plus(0.25)),
    ("सवा", Fraction::Plus(0.25)),
    ("sowa", Fraction::Plus(0.25)),
    ("sava", Fraction::Plus(0.25)),
    ("sawa", Fraction::Plus(0.25)),
    ("পৌনে", Fraction::Plus(-0.25)),
    ("पौने", Fraction::Plus(-0.25)),
    ("poune", Fraction::Plus(-0.25)),
    ("paune", Fraction::Plus(-0.25)),
    ("pone", Fraction::Plus(-0.25)),
];

use std::collections::HashMap;
use std::sync::LazyLock;

static WORDS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let mut words = HashMap::new();
    let mut add = |word: &str, value: u32| {
        words.insert(super::normalize::normalize(word), value);
    };
    for (i, word) in BENGALI.iter().enumerate() {
        add(word, i as u32 + 1);
    }
    for (i, word) in HINDI.iter().enumerate() {
        add(word, i as u32 + 1);
    }
    for (word, value) in VARIANTS {
        add(word, *value);
    }
    for (i, word) in ENGLISH_UNITS.iter().enumerate() {
        add(word, i as u32 + 1);
    }
    for (tens, value) in ENGLISH_TENS {
        add(tens, value);
        for (i, unit) in ENGLISH_UNITS.iter().take(9).enumerate() {
            add(&format!("{tens}-{unit}"), value + i as u32 + 1);
        }
    }
    words
});

static FRACTION_WORDS: LazyLock<HashMap<String, Fraction>> = LazyLock::new(|| {
    FRACTIONS
        .iter()
        .map(|(word, fraction)| (super::normalize::normalize(word), *fraction))
        .collect()
});

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
mod tests {
    use super::*;
    use crate::parse::normalize::normalize;

    #[test]
    fn every_bengali_and_hindi_number_word_maps_to_its_value() {
        for (i, word) in BENGALI.iter().enumerate() {
            assert_eq!(number_word(&normalize(word)), Some(i as u32 + 1), "{word}");
        }
        for (i, word) in HINDI.iter().enumerate() {
            assert_eq!(number_word(&normalize(word)), Some(i as u32 + 1), "{word}");
        }
    }

    #[test]
    fn english_compounds_and_romanized_words() {
        assert_eq!(number_word("twenty-five"), Some(25));
        assert_eq!(number_word("ninety-nine"), Some(99));
        assert_eq!(number_word("dui"), Some(2));
        assert_eq!(number_word("paanch"), Some(5));
    }

    #[test]
    fn fraction_words_survive_nfc_nukta_decomposition() {
        // ড় and ढ़ decompose under NFC; the table is normalized the same way.
        assert_eq!(fraction_word(&normalize("দেড়")), Some(Fraction::Times(1.5)));
        assert_eq!(fraction_word(&normalize("डेढ़")), Some(Fraction::Times(1.5)));
        assert_eq!(fraction_word(&normalize("साढ़े")), Some(Fraction::Plus(0.5)));
    }
}
