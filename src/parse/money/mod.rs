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

mod amounts;
mod phrases;
use amounts::*;
use phrases::*;

/// The budget `text` states, when the bot can take one value from it (sure
/// or to be confirmed).
pub fn parse_budget(text: &str) -> Option<Budget> {
    read_budget(text).value()
}

/// What the bot makes of a budget answer.
pub fn read_budget(text: &str) -> Reading<Budget> {
    let normalized = normalize(text);
    // "40k... nahi 45k", "60k sorry I meant 80k", "৪০ হাজার... না না, ৩৫
    // হাজার": the amount after the last correction, echoed back.
    if let Some(tail) = corrected(&normalized) {
        if let Reading::Sure(budget) | Reading::Confirm(budget) = read_budget(tail) {
            return Reading::Confirm(budget);
        }
    }
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

/// The text after the last correction word that has an amount in digits
/// both before and after it.
fn corrected(normalized: &str) -> Option<&str> {
    // Most answers hold one number: no correction without two.
    let runs = normalized
        .as_bytes()
        .windows(2)
        .filter(|pair| pair[1].is_ascii_digit() && !pair[0].is_ascii_digit())
        .count()
        + usize::from(
            normalized
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_digit),
        );
    if runs < 2 {
        return None;
    }
    let words = super::normalize::tokens(normalized);
    let has_digit = |w: &&str| w.bytes().any(|b| b.is_ascii_digit());
    let at = (1..words.len()).rev().find(|&i| {
        CORRECTIONS.contains(&words[i])
            && words[..i].iter().any(has_digit)
            && words[i + 1..].iter().any(has_digit)
    })?;
    // The words are slices of `normalized`.
    let end = words[at].as_ptr() as usize - normalized.as_ptr() as usize + words[at].len();
    Some(&normalized[end..])
}

/// Words that take back what was just said.
const CORRECTIONS: &[&str] = &[
    "no",
    "nope",
    "nah",
    "nahi",
    "nhi",
    "nai",
    "na",
    "না",
    "नहीं",
    "नही",
    "sorry",
    "sry",
    "meant",
    "mean",
    "actually",
    "matlab",
    "mane",
    "মানে",
    "मतलब",
    "correction",
];

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

/// A word the budget reader knows; one table, so that each word (and each of
/// its stems) costs one lookup.
#[derive(Debug, Clone, Copy, PartialEq)]
enum MoneyWord {
    Scale(u64),
    Currency(Currency),
    Fraction(Fraction),
    Number(u32),
}

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

#[cfg(test)]
mod tests;
