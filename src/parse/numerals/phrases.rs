//! The phrase tables `numerals` reads: words and phrases in Bengali,
//! Hindi and English (romanized and native scripts) and what each stands for.

use super::*;

/// Spellings people also use, and romanized forms.
pub(super) const VARIANTS: &[(&str, u32)] = &[
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
    ("চৌচল্লিশ", 44),
    ("ছিষট্টি", 66),
    ("পঁইত্রিশ", 35),
    ("সাতত্রিশ", 37),
    ("উনত্রিশ", 29),
    ("উনচল্লিশ", 39),
    ("উনপঞ্চাশ", 49),
    ("উনষাট", 59),
    ("উনসত্তর", 69),
    ("উনআশি", 79),
    ("উননব্বই", 89),
    ("উনিশ", 19),
    ("দু", 2),
    // Hindi spelling variants
    ("उनासी", 79),
    ("चौवालीस", 44),
    ("तिरेसठ", 63),
    ("छः", 6),
    ("पैंतीस", 35),
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

pub(super) const FRACTIONS: &[(&str, Fraction)] = &[
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

/// Scale words: a number before them is multiplied ("পাঁচ শত", "2 lakh",
/// "one million"), and a scale word with no number before it stands for one
/// of it ("হাজার পাঁচশত" is 1,500).
pub(super) const SCALES: &[(&str, u64)] = &[
    ("hundred", 100),
    ("hundreds", 100),
    ("sau", 100),
    ("so", 100),
    ("sho", 100),
    ("shoo", 100),
    ("shat", 100),
    ("shato", 100),
    ("सौ", 100),
    ("শ", 100),
    ("শো", 100),
    ("শত", 100),
    ("k", 1_000),
    ("thousand", 1_000),
    ("thousands", 1_000),
    ("hazar", 1_000),
    ("hajar", 1_000),
    ("hazaar", 1_000),
    ("hajaar", 1_000),
    ("hazzar", 1_000),
    ("hzr", 1_000),
    ("hjr", 1_000),
    ("হাজার", 1_000),
    ("হাজারের", 1_000),
    ("সহস্র", 1_000),
    ("हज़ार", 1_000),
    ("हजार", 1_000),
    ("हज़ार", 1_000),
    ("l", 100_000),
    ("lakh", 100_000),
    ("lakhs", 100_000),
    ("lac", 100_000),
    ("lacs", 100_000),
    ("lacks", 100_000),
    ("lak", 100_000),
    ("laks", 100_000),
    ("laakh", 100_000),
    ("lakha", 100_000),
    ("lkh", 100_000),
    ("lk", 100_000),
    ("লাখ", 100_000),
    ("লক্ষ", 100_000),
    ("लाख", 100_000),
    ("लख", 100_000),
    ("लक्ष", 100_000),
    ("m", 1_000_000),
    ("million", 1_000_000),
    ("millions", 1_000_000),
    ("mn", 1_000_000),
    ("mil", 1_000_000),
    ("মিলিয়ন", 1_000_000),
    ("मिलियन", 1_000_000),
    ("cr", 10_000_000),
    ("crore", 10_000_000),
    ("crores", 10_000_000),
    ("cror", 10_000_000),
    ("karod", 10_000_000),
    ("karor", 10_000_000),
    ("karoda", 10_000_000),
    ("koti", 10_000_000),
    ("কোটি", 10_000_000),
    ("करोड़", 10_000_000),
    ("करोड", 10_000_000),
    ("billion", 1_000_000_000),
    ("bn", 1_000_000_000),
    ("arab", 1_000_000_000),
    ("अरब", 1_000_000_000),
];

pub(super) static WORDS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let mut words = HashMap::default();
    let mut add = |word: &str, value: u32| {
        words.insert(crate::parse::normalize::normalize(word), value);
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
    // Bengali hundreds are one word: একশো, দুশো, পাঁচশত, নয়শ.
    let hundreds: [&[&str]; 9] = [
        &["এক"],
        &["দুই", "দু"],
        &["তিন"],
        &["চার"],
        &["পাঁচ"],
        &["ছয়", "ছ"],
        &["সাত"],
        &["আট"],
        &["নয়", "ন"],
    ];
    for (i, stems) in hundreds.iter().enumerate() {
        for stem in *stems {
            for ending in ["শো", "শ", "শত", "শ'"] {
                add(&format!("{stem}{ending}"), (i as u32 + 1) * 100);
            }
        }
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

pub(super) static FRACTION_WORDS: LazyLock<HashMap<String, Fraction>> = LazyLock::new(|| {
    FRACTIONS
        .iter()
        .map(|(word, fraction)| (crate::parse::normalize::normalize(word), *fraction))
        .collect()
});
