//! Yes / no answers in Bengali, Hindi and English, romanized forms included.
//! "I don't know" and "later" are checked first (they are not answers), then
//! agreement idioms that contain a negation ("no problem", "কোনো সমস্যা
//! নেই"), then negations ("জি না" is no), then yes.

use super::normalize::{normalize, tokens};
use super::phrases::PhraseSet;
use std::sync::LazyLock;

mod phrases;
pub(super) use phrases::NOT_AN_ANSWER;
use phrases::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YesNo {
    Yes,
    No,
    Unclear,
}

pub fn parse_yes_no(text: &str) -> YesNo {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    // Doubt, "later", "let me think", "I don't understand": no answer, even
    // beside a yes ("hmm, I'll have to think").
    if NOT_AN_ANSWER.contains(&words) || super::phrases::DONT_KNOW_SET.contains(&words) {
        return YesNo::Unclear;
    }
    // Each clause is read on its own: "জি, না" is a yes and a no; "জি না" one no.
    let lexed = super::normalize::lex(&normalized);
    let mut yes = YES_EMOJI.iter().any(|e| normalized.contains(e));
    let mut no = NO_EMOJI.iter().any(|e| normalized.contains(e));
    for clause in lexed.split(|t| t.kind == super::normalize::TokenKind::Break) {
        let clause: Vec<&str> = clause
            .iter()
            .filter(|t| t.kind == super::normalize::TokenKind::Word)
            .map(|t| t.text)
            .collect();
        for (_, _, polarity) in POLARITY.matches(&clause) {
            match polarity {
                Polarity::Yes => yes = true,
                Polarity::No => no = true,
            }
        }
    }
    // "ok?", "yes? what for?": a question back is no answer.
    let asks_back = normalized.contains('?') && !AGREEMENT_QUESTIONS.contains(&words);
    match (yes, no) {
        _ if asks_back => YesNo::Unclear,
        (true, false) => YesNo::Yes,
        (false, true) => YesNo::No,
        // A self-correction or a mixed answer: ask again.
        _ => YesNo::Unclear,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Polarity {
    Yes,
    No,
}

/// Murmurs and laughter: "hmm", "hahaha", "lol", "হাহা", "हाहा". A word of
/// three or more letters drawn from at most two ("hmmm", "hehehe") counts too.
pub fn is_filler(text: &str) -> bool {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    !words.is_empty()
        && words.iter().all(|word| {
            FILLERS.contains(word) || {
                let mut letters: Vec<char> = word.chars().collect();
                let long = letters.len() >= 3;
                letters.sort_unstable();
                letters.dedup();
                long && letters.len() <= 2
            }
        })
}

#[cfg(test)]
mod tests;
