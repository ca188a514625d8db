//! Budget answers: "৫০ হাজার টাকা", "₹2,00,000", "দেড় লাখ", "साढ़े तीन लाख",
//! "2-3 lakh", "3 लाख तक", "between 40 and 60k", "at least 50k", "Rs.
//! 75,000/-", "haven't decided yet".
//!
//! The answer is lexed into numbers, number words, scale words, currencies,
//! range, bound and filler words. A word the reader does not know next to a
//! number is never dropped: it is either a near-miss of a scale or currency
//! word (then the amount is echoed back for confirmation) or the answer is
//! unclear. A bare number ("50") is offered back as thousands or lakhs.

use super::fuzzy::NearMisses;
use super::normalize::{lex, normalize, Token, TokenKind};
use super::numerals::{compose, digits_value, Fraction, Micros, NumberPart, ONE};
use super::phrases::{is_negation, lookup, stems, word_table, PhraseSet};
use super::reading::Reading;
use crate::domain::answer::{Budget, Currency};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The budget `text` states, when the bot can take one value from it (sure
/// or to be confirmed).
pub fn parse_budget(text: &str) -> Option<Budget> {
    read_budget(text).value()
}

/// What the bot makes of a budget answer.
pub fn read_budget(text: &str) -> Reading<Budget> {
    let normalized = normalize(text);
    let tokens = lex(&normalized);
    let texts: Vec<&str> = tokens.iter().map(|t| t.text).collect();
    let Some(scan) = scan(&tokens, &texts) else {
        return Reading::Unclear;
    };
    let undecided = undecided(&texts);
    let reading = amounts(&scan);
    match (reading, undecided) {
        (Reading::Unclear, true) if scan.groups.is_empty() => Reading::Sure(Budget::Undecided),
        // "not decided, maybe 2 lakh": the amount, but only with a yes.
        (reading, true) => reading.to_confirm(),
        (reading, false) => reading,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    AtMost,
    AtLeast,
    /// "মধ্যে", "within", "ke andar": a cap for one amount, "between" for two.
    Within,
}

impl Bound {
    fn flipped(self) -> Bound {
        match self {
            Bound::AtMost => Bound::AtLeast,
            Bound::AtLeast => Bound::AtMost,
            Bound::Within => Bound::AtLeast,
        }
    }
}

/// Whether the bound at `tokens[at..at + len]` is denied by a negation
/// later in its clause ("beshi dite parbo na", "से कम नहीं चलेगा"), when the
/// bound's own words do not already negate ("not more than").
fn negated_bound(tokens: &[Token<'_>], at: usize, len: usize) -> bool {
    if tokens[at..at + len].iter().any(|t| is_negation(t.text)) {
        return false;
    }
    tokens[at + len..]
        .iter()
        .take_while(|t| t.kind == TokenKind::Word)
        .take(4)
        .any(|t| is_negation(t.text) && t.text != "yet")
}

/// What the lexed answer holds.
#[derive(Debug, Default)]
struct Scan {
    groups: Vec<Group>,
    /// How each group after the first is joined to the one before.
    joins: Vec<Join>,
    currency: Option<Currency>,
    currency_named: bool,
    bound: Option<Bound>,
    /// A near-miss was taken for a scale or currency word.
    fuzzy: bool,
    /// A word the reader does not know was passed over.
    skipped: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    Range,
    Or,
    None,
}

#[derive(Debug, Default)]
struct Group {
    parts: Vec<NumberPart>,
    /// Written in digits only ("2,00,000"): nothing was read from words.
    digits_only: bool,
    /// Every number in it is a word ("do", "pachas"), no digits.
    words_only: bool,
}

/// "not decided", "haven't decided", "ঠিক করা হয়নি", "fix nahi hai", "तय
/// नहीं किया", "still deciding", "no idea": a decision word with a negation,
/// a "still deciding" form, or "don't know".
fn undecided(texts: &[&str]) -> bool {
    if UNDECIDED.contains(texts) || super::phrases::DONT_KNOW_SET.contains(texts) {
        return true;
    }
    super::phrases::negated_decision(texts)
}

static UNDECIDED: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::of(
        &[
            "undecided",
            "still deciding",
            "still thinking",
            "yet to decide",
            "yet to be decided",
            "to be decided",
            "tbd",
            "no budget",
            "no fixed budget",
            "no idea",
            "idk",
            "budget nai",
            "budget nei",
            "budget nahi",
            "বাজেট নেই",
            "বাজেট নাই",
            "भाव नहीं",
            "बजट नहीं",
            "abhi soch rahe",
            "soch rahe hain",
            "सोच रहे हैं",
            "ভাবছি",
            "ভাবিনি",
            "সোচা নহীं",
            "सोचा नहीं",
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
        ("tops", AtMost),
        ("at most", AtMost),
        ("at the most", AtMost),
        ("less than", AtMost),
        ("not more than", AtMost),
        ("not more then", AtMost),
        ("no more then", AtMost),
        ("less then", AtMost),
        ("not less than", AtLeast),
        ("no less than", AtLeast),
        ("not less then", AtLeast),
        ("not below", AtLeast),
        ("not under", AtLeast),
        ("no more than", AtMost),
        ("not above", AtMost),
        ("not over", AtMost),
        ("not exceeding", AtMost),
        ("within", Within),
        ("inside", Within),
        ("মধ্যে", Within),
        ("মধ্য", Within),
        ("ভিতরে", Within),
        ("ভেতরে", Within),
        ("moddhe", Within),
        ("modhye", Within),
        ("moddhe", Within),
        ("modhe", Within),
        ("vitore", Within),
        ("bhitore", Within),
        ("ke andar", Within),
        ("ke bhitar", Within),
        ("andar", Within),
        ("ke beech", Within),
        ("ke bich", Within),
        ("beech", Within),
        ("bich", Within),
        ("between", Within),
        ("betwn", Within),
        ("btwn", Within),
        ("के अंदर", Within),
        ("के भीतर", Within),
        ("अंदर", Within),
        ("के बीच", Within),
        ("बीच", Within),
        ("মাঝে", Within),
        ("পর্যন্ত", AtMost),
        ("সর্বোচ্চ", AtMost),
        ("কম", AtMost),
        ("এর কম", AtMost),
        ("বেশি না", AtMost),
        ("বেশি নয়", AtMost),
        ("উপরে না", AtMost),
        ("উপরে নয়", AtMost),
        ("upore na", AtMost),
        ("opore na", AtMost),
        ("beshi na", AtMost),
        ("er kom", AtMost),
        ("kom", AtMost),
        ("তক", AtMost),
        ("तक", AtMost),
        ("tak", AtMost),
        ("tk tak", AtMost),
        ("porjonto", AtMost),
        ("se kam", AtMost),
        ("से कम", AtMost),
        ("अधिकतम", AtMost),
        ("ज़्यादा से ज़्यादा", AtMost),
        ("ज्यादा से ज्यादा", AtMost),
        ("zyada se zyada", AtMost),
        ("jyada se jyada", AtMost),
        ("se zyada nahi", AtMost),
        ("se jyada nahi", AtMost),
        ("se upar nahi", AtMost),
        ("से ज़्यादा नहीं", AtMost),
        ("से ज्यादा नहीं", AtMost),
        ("से ऊपर नहीं", AtMost),
        ("at least", AtLeast),
        ("atleast", AtLeast),
        ("at-least", AtLeast),
        ("minimum", AtLeast),
        ("min", AtLeast),
        ("above", AtLeast),
        ("more than", AtLeast),
        ("over", AtLeast),
        ("plus", AtLeast),
        ("or more", AtLeast),
        ("and above", AtLeast),
        ("কমপক্ষে", AtLeast),
        ("অন্তত", AtLeast),
        ("অন্তত", AtLeast),
        ("ন্যূনতম", AtLeast),
        ("বেশি", AtLeast),
        ("এর বেশি", AtLeast),
        ("উপরে", AtLeast),
        ("ওপরে", AtLeast),
        ("upore", AtLeast),
        ("opore", AtLeast),
        ("beshi", AtLeast),
        ("kompokkhe", AtLeast),
        ("ontoto", AtLeast),
        ("कम से कम", AtLeast),
        ("kam se kam", AtLeast),
        ("से ज़्यादा", AtLeast),
        ("से ज्यादा", AtLeast),
        ("से अधिक", AtLeast),
        ("से ऊपर", AtLeast),
        ("se zyada", AtLeast),
        ("se jyada", AtLeast),
        ("se jada", AtLeast),
        ("se upar", AtLeast),
        ("se uper", AtLeast),
        ("न्यूनतम", AtLeast),
    ])
});

/// Words that join the two ends of a range: "50 to 60", "৫০ থেকে ৬০", "2 से
/// 3", "between 40 and 60".
static RANGE_WORDS: LazyLock<PhraseSet<Join>> = LazyLock::new(|| {
    PhraseSet::new(&[
        ("to", Join::Range),
        ("till", Join::Range),
        ("থেকে", Join::Range),
        ("হতে", Join::Range),
        ("থে", Join::Range),
        ("से", Join::Range),
        ("se", Join::Range),
        ("theke", Join::Range),
        ("hote", Join::Range),
        ("or", Join::Or),
        ("বা", Join::Or),
        ("অথবা", Join::Or),
        ("নাকি", Join::Or),
        ("या", Join::Or),
        ("ya", Join::Or),
        ("naki", Join::Or),
        ("ba", Join::Or),
        ("othoba", Join::Or),
    ])
});

/// Words that may stand beside an amount without changing it: "my budget
/// is around 50k only", "২ লাখের মতো হবে", "1 lakh ka budget hai".
const FILLERS: &[&str] = &[
    // English
    "my",
    "our",
    "the",
    "a",
    "an",
    "budget",
    "is",
    "was",
    "will",
    "be",
    "would",
    "around",
    "about",
    "approx",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "only",
    "just",
    "i",
    "we",
    "can",
    "could",
    "spend",
    "pay",
    "afford",
    "have",
    "has",
    "it",
    "its",
    "it's",
    "for",
    "of",
    "total",
    "overall",
    "ish",
    "like",
    "maybe",
    "probably",
    "think",
    "guess",
    "say",
    "around",
    "sir",
    "madam",
    "ji",
    "please",
    "pls",
    "plz",
    "in",
    "hand",
    "cash",
    "budget's",
    "go",
    "upto",
    "estimate",
    "estimated",
    "range",
    "expected",
    "expect",
    "ready",
    "willing",
    "and",
    "thousand's",
    "okay",
    "ok",
    "bro",
    "bhai",
    "dada",
    "vai",
    "bhaiya",
    "am",
    "are",
    "keep",
    "kept",
    "want",
    "wants",
    "need",
    "fine",
    "good",
    "amount",
    "price",
    "cost",
    "costs",
    "something",
    "somewhere",
    "all",
    "in",
    "project",
    "this",
    "that",
    "there",
    "here",
    "set",
    "about",
    // Romanized Bengali
    "amar",
    "amader",
    "er",
    "r",
    "ta",
    "ti",
    "to",
    "moto",
    "mato",
    "moton",
    "hobe",
    "hbe",
    "ache",
    "ase",
    "dite",
    "parbo",
    "pari",
    "korte",
    "korbo",
    "khoroch",
    "kharach",
    "mot",
    "taka'r",
    "porjonto",
    "prai",
    "praye",
    "kachakachi",
    "shudhu",
    "sudhu",
    "matro",
    "e",
    "i",
    "o",
    "te",
    "jabe",
    "jete",
    "chai",
    "lagbe",
    "rakhte",
    "rakhbo",
    "mone",
    "hoy",
    "ar",
    "ei",
    "dhore",
    // Romanized Hindi
    "mera",
    "meri",
    "mere",
    "hamara",
    "hamare",
    "ka",
    "ki",
    "ke",
    "ko",
    "hai",
    "h",
    "he",
    "hain",
    "hoga",
    "hogi",
    "tak",
    "lagbhag",
    "takriban",
    "kareeb",
    "karib",
    "kuch",
    "sirf",
    "bas",
    "kar",
    "sakte",
    "sakta",
    "sakti",
    "denge",
    "dunga",
    "de",
    "dena",
    "chahiye",
    "rakha",
    "rakhna",
    "jaa",
    "ja",
    "tha",
    "thi",
    "hum",
    "main",
    "mai",
    "me",
    "mein",
    "wala",
    "waala",
    "ka",
    "approx",
    "budgt",
    // Bengali
    "আমার",
    "আমাদের",
    "বাজেট",
    "মতো",
    "মত",
    "হবে",
    "আছে",
    "প্রায়",
    "প্রায়",
    "কাছাকাছি",
    "শুধু",
    "মাত্র",
    "দিতে",
    "পারব",
    "পারবো",
    "পারি",
    "খরচ",
    "করতে",
    "চাই",
    "এর",
    "র",
    "টা",
    "টি",
    "ই",
    "ও",
    "আর",
    "এই",
    "মোট",
    "রাখতে",
    "যাবে",
    "যেতে",
    "মনে",
    "হয়",
    "লাগবে",
    "ধরে",
    "করব",
    "করবো",
    "আমরা",
    "খরচা",
    "সর্বমোট",
    "এটা",
    "জন্য",
    "রাখছি",
    "রাখব",
    "রাখবো",
    "মোটামুটি",
    "ধরেছি",
    "ধরুন",
    "ভাবছি",
    "হলে",
    "ভালো",
    "হয়",
    "হয়তো",
    "মতন",
    "motamuti",
    "rakhchi",
    "rakhsi",
    "dhorchi",
    "hole",
    "valo",
    "bhalo",
    "yaar",
    "yar",
    "boss",
    "bhai",
    "around",
    // Hindi
    "मेरा",
    "मेरी",
    "मेरे",
    "हमारा",
    "हमारे",
    "हम",
    "मैं",
    "बजट",
    "का",
    "की",
    "के",
    "को",
    "है",
    "हैं",
    "होगा",
    "होगी",
    "लगभग",
    "करीब",
    "क़रीब",
    "तकरीबन",
    "क़रीबन",
    "सिर्फ़",
    "सिर्फ",
    "बस",
    "कर",
    "सकते",
    "सकता",
    "सकती",
    "देंगे",
    "दूंगा",
    "दे",
    "चाहिए",
    "रखा",
    "रखना",
    "जा",
    "था",
    "थी",
    "में",
    "वाला",
    "कुल",
    "पास",
    "तो",
    "ही",
    "भी",
    "इतना",
    "इसके",
    "लिए",
];

static FILLER_SET: LazyLock<rustc_hash::FxHashSet<String>> =
    LazyLock::new(|| FILLERS.iter().map(|w| normalize(w)).collect());

/// Fillers of four or more letters, for misspelt ones ("বাজট").
static FILLER_NEAR_MISSES: LazyLock<NearMisses<()>> = LazyLock::new(|| {
    NearMisses::new(
        FILLER_SET
            .iter()
            .filter(|w| w.chars().count() >= 4)
            .map(|w| (w.as_str(), ())),
    )
});

static CURRENCIES: LazyLock<FxHashMap<String, Currency>> = LazyLock::new(|| {
    use Currency::*;
    word_table(&[
        ("tk", Bdt),
        ("tk.", Bdt),
        ("taka", Bdt),
        ("takar", Bdt),
        ("takay", Bdt),
        ("টাকা", Bdt),
        ("টাকার", Bdt),
        ("টাকায়", Bdt),
        ("bdt", Bdt),
        ("টকা", Bdt),
        ("rs", Inr),
        ("inr", Inr),
        ("rupee", Inr),
        ("rupees", Inr),
        ("rupaye", Inr),
        ("rupaiya", Inr),
        ("rupaiye", Inr),
        ("rupay", Inr),
        ("rupya", Inr),
        ("rupiya", Inr),
        ("rupiye", Inr),
        ("rupe", Inr),
        ("रुपये", Inr),
        ("रुपए", Inr),
        ("रूपये", Inr),
        ("रुपया", Inr),
        ("रूपए", Inr),
        ("रुपयों", Inr),
        ("रु", Inr),
        ("রুপি", Inr),
        ("টাকা", Bdt),
        ("usd", Usd),
        ("dollar", Usd),
        ("dollars", Usd),
        ("ডলার", Usd),
        ("डॉलर", Usd),
        ("डालर", Usd),
    ])
});

/// A word the budget reader knows; one table, so that each word (and each of
/// its stems) costs one lookup.
#[derive(Debug, Clone, Copy, PartialEq)]
enum MoneyWord {
    Scale(u64),
    Currency(Currency),
    Fraction(Fraction),
    Number(u32),
}

static MONEY_WORDS: LazyLock<FxHashMap<String, MoneyWord>> = LazyLock::new(|| {
    let mut words: FxHashMap<String, MoneyWord> = FxHashMap::default();
    // Earlier kinds win: "k" is a scale before anything else, "sat" (7)
    // stays a number.
    let scales = super::numerals::all_scale_words().map(|(w, v)| (w, MoneyWord::Scale(v)));
    let currencies = CURRENCIES
        .iter()
        .map(|(w, c)| (w.clone(), MoneyWord::Currency(*c)));
    let fractions = super::numerals::all_fraction_words().map(|(w, f)| (w, MoneyWord::Fraction(f)));
    let numbers = super::numerals::all_number_words().map(|(w, v)| (w, MoneyWord::Number(v)));
    for (word, value) in scales.chain(currencies).chain(fractions).chain(numbers) {
        words.entry(word).or_insert(value);
    }
    words
});

/// Scale and currency words a near-miss may stand for (words of three or
/// more letters; "k", "l", "cr" are too short to misspell recognisably).
static NEAR_MISS_TARGETS: LazyLock<NearMisses<MoneyWord>> = LazyLock::new(|| {
    let words: Vec<(String, MoneyWord)> = MONEY_WORDS
        .iter()
        .filter(|(_, v)| {
            matches!(v, MoneyWord::Scale(s) if *s >= 1_000) || matches!(v, MoneyWord::Currency(_))
        })
        .filter(|(w, _)| w.chars().count() >= 3)
        .map(|(w, v)| (w.clone(), *v))
        .collect();
    NearMisses::new(words.iter().map(|(w, v)| (w.as_str(), *v)))
});

/// English words a near-miss must never be taken for a unit: "take" is one
/// edit from "taka", "lack" from "lakh".
const NOT_NEAR_MISSES: &[&str] = &[
    "take", "make", "lack", "lake", "like", "back", "black", "cash", "lots", "thanks", "thank",
    "takes", "month", "months", "year", "years", "hours", "days", "week", "weeks", "lakes",
    "hazard", "rupture", "dollop", "core", "more", "score", "store", "crow", "lac's", "monthly",
    "yearly", "mahina", "mahine", "saal", "mas", "mash", "bochor",
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Lexeme {
    Part(NumberPart),
    Currency(Currency),
    Bound(Bound),
    Join(Join),
    Filler,
    Unknown,
    Break,
    /// A scale or currency read from a near-miss.
    NearMiss(MoneyWord),
}

/// Lexes and groups the answer. `None` when it is certainly no budget: a
/// phone-number-like digit string, a negative amount, a percentage, two
/// currencies, or an unknown word beside a number.
fn scan(tokens: &[Token<'_>], texts: &[&str]) -> Option<Scan> {
    let mut lexemes: Vec<(Lexeme, bool, usize)> = Vec::with_capacity(tokens.len());
    let mut scan = Scan::default();
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        match token.kind {
            TokenKind::Digits => {
                let literal = token.text;
                // "01712345678" or "9876543210": a phone number, not a budget.
                let integer_digits = literal.split('.').next().unwrap_or_default();
                if (integer_digits.len() > 1
                    && literal.starts_with('0')
                    && !literal.starts_with("0."))
                    || (integer_digits.len() >= 10 && !literal.contains(','))
                {
                    return None;
                }
                let micros = digits_value(literal)?;
                lexemes.push((
                    Lexeme::Part(NumberPart::Number {
                        micros,
                        word: false,
                    }),
                    true,
                    i,
                ));
            }
            TokenKind::Word => {
                if let Some((len, bound)) = BOUNDS.match_at(texts, i) {
                    let bound = if negated_bound(tokens, i, len) {
                        // "আড়াই লাখের বেশি দিতে পারব না", "৫ লাখের কম না":
                        // more than X, denied, is at most X. Echoed back.
                        scan.skipped = true;
                        bound.flipped()
                    } else {
                        bound
                    };
                    lexemes.push((Lexeme::Bound(bound), false, i));
                    i += len;
                    continue;
                }
                if let Some((len, join)) = RANGE_WORDS.match_at(texts, i) {
                    lexemes.push((Lexeme::Join(join), false, i));
                    i += len;
                    continue;
                }
                let lexeme = match lookup(&MONEY_WORDS, token.text) {
                    Some(MoneyWord::Scale(s)) => Lexeme::Part(NumberPart::Scale(s)),
                    Some(MoneyWord::Currency(c)) => Lexeme::Currency(c),
                    Some(MoneyWord::Fraction(f)) => Lexeme::Part(NumberPart::Fraction(f)),
                    Some(MoneyWord::Number(n)) => Lexeme::Part(NumberPart::Number {
                        micros: Micros::from(n) * ONE,
                        word: true,
                    }),
                    None if token.text == "and"
                        || token.text == "aur"
                        || token.text == "ar"
                        || token.text == "और"
                        || token.text == "আর" =>
                    {
                        Lexeme::Join(Join::None)
                    }
                    None if FILLER_SET.contains(token.text)
                        || stems(token.text).any(|s| FILLER_SET.contains(s)) =>
                    {
                        Lexeme::Filler
                    }
                    None => Lexeme::Unknown,
                };
                lexemes.push((lexeme, false, i));
            }
            TokenKind::Symbol => {
                let next_is_digit = tokens
                    .get(i + 1)
                    .is_some_and(|t| t.kind == TokenKind::Digits);
                let lexeme = match token.text {
                    "৳" => Lexeme::Currency(Currency::Bdt),
                    "₹" => Lexeme::Currency(Currency::Inr),
                    "$" => Lexeme::Currency(Currency::Usd),
                    "%" => return None,
                    "+" => Lexeme::Bound(Bound::AtLeast),
                    // "-5000": a negative amount is no budget.
                    "-" if lexemes
                        .iter()
                        .all(|(l, _, _)| !matches!(l, Lexeme::Part(_)))
                        && next_is_digit =>
                    {
                        return None
                    }
                    // "75,000/-" closes an amount.
                    "-" if i > 0 && tokens[i - 1].text == "/" => Lexeme::Filler,
                    "-" | "~" => Lexeme::Join(Join::Range),
                    _ => Lexeme::Filler,
                };
                lexemes.push((lexeme, false, i));
            }
            TokenKind::Break => lexemes.push((Lexeme::Break, false, i)),
        }
        i += 1;
    }
    // An unknown word beside a number part is a near-miss or makes the
    // answer unclear; elsewhere it is passed over (and the answer confirmed).
    for at in 0..lexemes.len() {
        if lexemes[at].0 != Lexeme::Unknown {
            continue;
        }
        // Right beside a number, a word may be its misspelt multiplier
        // ("40 thosand"): it is read as one, or the answer is unclear.
        // After a whole amount ("1 lakh hole valo hoy") it may be a
        // misspelt currency, else it is passed over.
        let beside_number = |j: Option<usize>| {
            j.and_then(|j| lexemes.get(j)).is_some_and(|(l, _, _)| {
                matches!(
                    l,
                    Lexeme::Part(NumberPart::Number { .. } | NumberPart::Fraction(_))
                )
            })
        };
        let after_amount =
            at.checked_sub(1)
                .and_then(|j| lexemes.get(j))
                .is_some_and(|(l, _, _)| {
                    matches!(
                        l,
                        Lexeme::Part(NumberPart::Scale(_))
                            | Lexeme::Currency(_)
                            | Lexeme::NearMiss(_)
                    )
                });
        let word = texts[lexemes[at].2];
        let strict = beside_number(at.checked_sub(1)) || beside_number(Some(at + 1));
        // Elsewhere an unknown word is passed over whatever it is.
        let found = if NOT_NEAR_MISSES.contains(&word) || !(strict || after_amount) {
            None
        } else {
            NEAR_MISS_TARGETS.find(word).or_else(|| {
                stems(word)
                    .skip(1)
                    .find_map(|stem| NEAR_MISS_TARGETS.find(stem))
            })
        };
        // A misspelt filler beside a number ("বাজট ৮০ হাজার"): passed over,
        // and the amount echoed back.
        let filler_near_miss = strict
            && found.is_none()
            && word.chars().count() >= 4
            && FILLER_NEAR_MISSES.find(word).is_some();
        match found {
            _ if filler_near_miss => {
                scan.skipped = true;
                lexemes[at].0 = Lexeme::Filler;
            }
            Some(found) if strict || after_amount => {
                lexemes[at].0 = Lexeme::NearMiss(found);
                scan.fuzzy = true;
            }
            _ if strict => return None,
            _ => {
                scan.skipped = true;
                lexemes[at].0 = Lexeme::Filler;
            }
        }
    }
    // Groups of number parts, with what joins them.
    let mut group = Group::default();
    let mut join = Join::None;
    let mut between = false;
    let flush = |scan: &mut Scan, group: &mut Group, join: &mut Join| {
        if group.parts.is_empty() {
            return;
        }
        if !scan.groups.is_empty() {
            scan.joins.push(*join);
        }
        *join = Join::None;
        scan.groups.push(std::mem::take(group));
    };
    for (at, (lexeme, digits, _)) in lexemes.iter().enumerate() {
        let part = match *lexeme {
            Lexeme::Part(part) => Some(part),
            Lexeme::NearMiss(MoneyWord::Scale(s)) => Some(NumberPart::Scale(s)),
            _ => None,
        };
        if let Some(part) = part {
            // "do 50k": a number word right before digits is a word of its
            // own ("do" is two in Hindi, "can do" in English).
            if matches!(part, NumberPart::Number { .. })
                && *digits
                && matches!(
                    group.parts.last(),
                    Some(NumberPart::Number { word: true, .. })
                )
            {
                flush(&mut scan, &mut group, &mut join);
            }
            if group.parts.is_empty() {
                group.digits_only = true;
                group.words_only = true;
            }
            let is_number = matches!(part, NumberPart::Number { .. });
            if is_number && *digits {
                group.words_only = false;
            }
            if !(is_number && *digits) {
                group.digits_only = false;
            }
            group.parts.push(part);
            continue;
        }
        match *lexeme {
            Lexeme::Currency(c) | Lexeme::NearMiss(MoneyWord::Currency(c)) => {
                match scan.currency {
                    Some(existing) if existing != c => return None,
                    _ => scan.currency = Some(c),
                }
                if *lexeme == Lexeme::Currency(c) {
                    scan.currency_named = true;
                }
                flush(&mut scan, &mut group, &mut join);
            }
            Lexeme::Bound(Bound::Within) if group.parts.is_empty() && scan.groups.is_empty() => {
                // "between 40 and 60k": the next "and" joins a range.
                between = true;
                scan.bound.get_or_insert(Bound::Within);
            }
            Lexeme::Bound(bound) => {
                flush(&mut scan, &mut group, &mut join);
                scan.bound.get_or_insert(bound);
            }
            Lexeme::Join(Join::None) => {
                // "one hundred and five", "2 lakh and 50 thousand" go on;
                // "between 40 and 60" joins a range.
                let continues = !between
                    && matches!(group.parts.last(), Some(NumberPart::Scale(_)))
                    && matches!(lexemes.get(at + 1), Some((Lexeme::Part(_), _, _)));
                if !continues {
                    flush(&mut scan, &mut group, &mut join);
                    if between && !scan.groups.is_empty() {
                        join = Join::Range;
                    }
                }
            }
            Lexeme::Join(j) => {
                flush(&mut scan, &mut group, &mut join);
                if !scan.groups.is_empty() {
                    join = j;
                }
            }
            // "one million, two hundred and thirty thousand": a comma
            // after a scale word inside a spelled-out number goes on.
            Lexeme::Break
                if group.words_only
                    && matches!(group.parts.last(), Some(NumberPart::Scale(_)))
                    && matches!(
                        lexemes.get(at + 1),
                        Some((Lexeme::Part(NumberPart::Number { word: true, .. }), _, _))
                    ) => {}
            _ => flush(&mut scan, &mut group, &mut join),
        }
    }
    flush(&mut scan, &mut group, &mut join);
    // A lone number word beside an amount in digits is a word: "I can do
    // 50k" ("do" is two in Hindi), "ek 50k ka budget".
    if scan.groups.iter().any(|g| !g.words_only) {
        let mut keep = Vec::with_capacity(scan.groups.len());
        for group in std::mem::take(&mut scan.groups) {
            let lone_word = group.words_only
                && group.parts.len() == 1
                && matches!(group.parts[0], NumberPart::Number { .. });
            if !lone_word {
                keep.push(group);
            }
        }
        if keep.len() != scan.joins.len() + 1 {
            scan.joins = vec![Join::None; keep.len().saturating_sub(1)];
        }
        scan.groups = keep;
    }
    Some(scan)
}

/// The budget the groups make.
fn amounts(scan: &Scan) -> Reading<Budget> {
    let currency = scan.currency;
    let budget = match (scan.groups.as_slice(), scan.joins.as_slice()) {
        ([], _) => return Reading::Unclear,
        ([one], _) => {
            let Some(composed) = compose(&one.parts) else {
                return Reading::Unclear;
            };
            if composed.pending_times {
                return Reading::Unclear;
            }
            let bound = scan.bound;
            let make = |micros: Micros| -> Option<Budget> {
                let amount = whole(micros)?;
                Some(match bound {
                    Some(Bound::AtMost | Bound::Within) => Budget::AtMost { amount, currency },
                    Some(Bound::AtLeast) => Budget::AtLeast { amount, currency },
                    None => Budget::Amount { amount, currency },
                })
            };
            // "50", "৫০", "2.5", "pachas": thousands or lakhs? Ask.
            if composed.scale < 1_000
                && composed.micros < 1_000 * ONE
                && currency != Some(Currency::Usd)
            {
                let readings: Vec<Budget> = [1_000u128, 100_000]
                    .iter()
                    .filter_map(|m| make(composed.micros.checked_mul(*m)?))
                    .collect();
                // Both readings or none: one left ("0.00001") is no choice.
                return if readings.len() < 2 {
                    Reading::Unclear
                } else {
                    Reading::Choose(readings)
                };
            }
            let Some(budget) = make(composed.micros) else {
                return Reading::Unclear;
            };
            let sure = one.digits_only && scan.currency_named && !scan.fuzzy && !scan.skipped;
            return if sure {
                Reading::Sure(budget)
            } else {
                Reading::Confirm(budget)
            };
        }
        ([low, high], [join]) => {
            if matches!(scan.bound, Some(Bound::AtMost | Bound::AtLeast)) {
                return Reading::Unclear;
            }
            let (Some(low), Some(high)) = (compose(&low.parts), compose(&high.parts)) else {
                return Reading::Unclear;
            };
            if high.pending_times {
                return Reading::Unclear;
            }
            // "২-৩ লাখ", "দেড় থেকে দুই লাখ": the upper end's scale applies to
            // a lower end written without one.
            let low_micros = if low.scale == 1 && (high.scale > 1 || low.pending_times) {
                match low.micros.checked_mul(Micros::from(high.scale)) {
                    Some(m) => m,
                    None => return Reading::Unclear,
                }
            } else if low.pending_times {
                return Reading::Unclear;
            } else {
                low.micros
            };
            // "2 or 3 lakh" is a range; "50k or 1 lakh" two answers.
            if *join == Join::Or && !(low.scale == 1 && high.scale > 1) {
                return Reading::Unclear;
            }
            if *join == Join::None && scan.bound != Some(Bound::Within) {
                return Reading::Unclear;
            }
            let (Some(min), Some(max)) = (whole(low_micros), whole(high.micros)) else {
                return Reading::Unclear;
            };
            if min >= max || (high.scale < 1_000 && high.micros < 1_000 * ONE) {
                return Reading::Unclear;
            }
            Budget::Range { min, max, currency }
        }
        _ => return Reading::Unclear,
    };
    Reading::Confirm(budget)
}

/// A whole, positive amount below ten trillion; a fraction of a unit is
/// never rounded away.
fn whole(micros: Micros) -> Option<u64> {
    if micros % ONE != 0 {
        return None;
    }
    let units = micros / ONE;
    (1..10_000_000_000_000)
        .contains(&units)
        .then_some(units as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Currency::*;

    fn at_most(amount: u64) -> Option<Budget> {
        Some(Budget::AtMost {
            amount,
            currency: None,
        })
    }

    fn at_least(amount: u64) -> Option<Budget> {
        Some(Budget::AtLeast {
            amount,
            currency: None,
        })
    }

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
    fn a_bound_denied_later_in_its_clause_is_the_opposite_bound_echoed_back() {
        let confirmed = |text| match read_budget(text) {
            Reading::Confirm(budget) => Some(budget),
            _ => None,
        };
        assert_eq!(
            confirmed("arai lakh er beshi dite parbo na"),
            at_most(250_000)
        );
        assert_eq!(confirmed("৫ লাখের কম না, দরকারে বাড়াবো"), at_least(500_000));
        assert_eq!(confirmed("50 hazar se kam nahi chalega"), at_least(50_000));
        // The bound's own words already negate: read as they are.
        assert_eq!(parse_budget("not more than 2 lakh"), at_most(200_000));
    }

    #[test]
    fn multipliers_ranges_and_guessed_currencies_ask_for_confirmation() {
        let confirm = |text| matches!(read_budget(text), Reading::Confirm(_));
        assert!(confirm("2 lakh taka"));
        assert!(confirm("200000"));
        assert!(confirm("2-3 lakh tk"));
        assert!(!confirm("৳2,00,000"));
        assert!(!confirm("not decided"));
    }

    #[test]
    fn a_misspelt_or_abbreviated_multiplier_is_read_and_echoed_back() {
        let confirmed = |text| match read_budget(text) {
            Reading::Confirm(budget) => Some(budget),
            _ => None,
        };
        for text in [
            "40 thousnd",
            "40 thosand",
            "40 hzr",
            "৪০ হাজর",
            "40 हजर",
            "40 thsnd taka",
        ] {
            assert_eq!(
                confirmed(text).and_then(|b| b.reach()).map(|r| r.0),
                Some(40_000),
                "{text}"
            );
        }
    }

    #[test]
    fn an_unknown_word_beside_a_number_makes_the_answer_unclear() {
        for text in ["40 kilo", "50 bananas", "50 per cent", "50%"] {
            assert_eq!(read_budget(text), Reading::Unclear, "{text}");
        }
    }

    #[test]
    fn a_bare_number_is_offered_as_thousands_or_lakhs() {
        let both = |a, b| {
            Reading::Choose(vec![
                Budget::Amount {
                    amount: a,
                    currency: None,
                },
                Budget::Amount {
                    amount: b,
                    currency: None,
                },
            ])
        };
        assert_eq!(read_budget("50"), both(50_000, 5_000_000));
        assert_eq!(read_budget("৫০"), both(50_000, 5_000_000));
        assert_eq!(read_budget("2.5"), both(2_500, 250_000));
        assert_eq!(read_budget("pachas"), both(50_000, 5_000_000));
    }

    #[test]
    fn decimals_are_never_rounded() {
        assert_eq!(parse_budget("2.3 lakh"), amount(230_000, None));
        assert_eq!(parse_budget("1.2345678 lakh"), None);
        assert_eq!(parse_budget("1.234567 lakh"), None);
    }

    #[test]
    fn between_x_and_y_in_three_languages() {
        let range = |min, max| {
            Some(Budget::Range {
                min,
                max,
                currency: None,
            })
        };
        assert_eq!(parse_budget("between 40 and 60k"), range(40_000, 60_000));
        assert_eq!(
            parse_budget("40 se 60 hazar ke beech"),
            range(40_000, 60_000)
        );
        assert_eq!(parse_budget("৪০ থেকে ৬০ হাজারের মধ্যে"), range(40_000, 60_000));
        assert_eq!(
            parse_budget("1 lakh ke andar"),
            Some(Budget::AtMost {
                amount: 100_000,
                currency: None
            })
        );
    }

    #[test]
    fn spelled_out_numbers_keep_every_part() {
        assert_eq!(parse_budget("হাজার পাঁচশত টাকা"), amount(1_500, Some(Bdt)));
        assert_eq!(
            parse_budget("one million two hundred thirty thousand"),
            amount(1_230_000, None)
        );
        assert_eq!(
            parse_budget("one million, two hundred and thirty thousand"),
            amount(1_230_000, None)
        );
    }
}
