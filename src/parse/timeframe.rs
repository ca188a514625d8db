//! Timeframe answers: "within 3 months", "২ সপ্তাহের মধ্যে", "15 दिन में",
//! "this month", "immediately", "just exploring".
//!
//! First version: relative spans in days. Dates, month names and festivals
//! come with the thorough parsing issue.

use super::normalize::{contains_phrase, normalize, tokens};
use crate::core::answer::Timeframe;

/// The timeframe `text` states, or `None` when it is not clear.
pub fn parse_timeframe(text: &str) -> Option<Timeframe> {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    let has = |phrases: &[&str]| phrases.iter().any(|p| contains_phrase(&words, &tokens(p)));
    if has(NO_PLAN) {
        return Some(Timeframe::NoPlan);
    }
    if let Some(days) = span_in_days(&words) {
        return Some(Timeframe::Within { days });
    }
    for (phrases, days) in FIXED {
        if has(phrases) {
            return Some(Timeframe::Within { days: *days });
        }
    }
    None
}

const NO_PLAN: &[&str] = &[
    "just exploring",
    "exploring",
    "just looking",
    "no plan",
    "no hurry",
    "not now",
    "not sure",
    "don't know",
    "শুধু দেখছি",
    "দেখছি",
    "এখনো ঠিক নেই",
    "জানি না",
    "তাড়া নেই",
    "बस देख",
    "देख रहे",
    "देख रहा",
    "देख रही",
    "कोई जल्दी नहीं",
    "पता नहीं",
    "अभी नहीं",
];

/// Phrases that stand for a fixed span, checked after "N units".
const FIXED: &[(&[&str], u32)] = &[
    (
        &[
            "immediately",
            "asap",
            "right now",
            "now",
            "today",
            "urgent",
            "এখনই",
            "এখুনি",
            "আজ",
            "আজকে",
            "জরুরি",
            "अभी",
            "तुरंत",
            "आज",
            "फ़ौरन",
            "फौरन",
            "abhi",
            "ekhoni",
            "aaj",
        ],
        0,
    ),
    // In a question about the future, কাল / कल means tomorrow.
    (
        &["tomorrow", "কাল", "কালকে", "আগামীকাল", "कल", "kal", "kalke"],
        1,
    ),
    (
        &[
            "this week",
            "এই সপ্তাহে",
            "এ সপ্তাহে",
            "इस हफ्ते",
            "इस हफ़्ते",
            "इस सप्ताह",
            "is hafte",
        ],
        7,
    ),
    (
        &[
            "next week",
            "আগামী সপ্তাহে",
            "সামনের সপ্তাহে",
            "अगले हफ्ते",
            "अगले हफ़्ते",
            "अगले सप्ताह",
            "agle hafte",
        ],
        14,
    ),
    (
        &[
            "this month",
            "এই মাসে",
            "এ মাসে",
            "इस महीने",
            "इस माह",
            "is mahine",
        ],
        30,
    ),
    (
        &[
            "next month",
            "আগামী মাসে",
            "সামনের মাসে",
            "अगले महीने",
            "अगले माह",
            "agle mahine",
        ],
        60,
    ),
    (&["this quarter", "এই কোয়ার্টারে", "इस तिमाही"], 90),
    (
        &[
            "this year",
            "এই বছর",
            "এ বছর",
            "इस साल",
            "इस वर्ष",
            "is saal",
        ],
        365,
    ),
    (
        &[
            "next year",
            "আগামী বছর",
            "সামনের বছর",
            "अगले साल",
            "अगले वर्ष",
            "agle saal",
        ],
        730,
    ),
];

/// "3 months", "২ সপ্তাহের মধ্যে", "15 दिन", "2-3 months" (the later end).
fn span_in_days(words: &[&str]) -> Option<u32> {
    let mut found = None;
    for (i, word) in words.iter().enumerate() {
        let Some((number, glued_unit)) = split_number(word) else {
            continue;
        };
        let unit = match glued_unit {
            Some(unit) => unit_days(unit),
            None => words.get(i + 1).and_then(|w| unit_days(w)).or_else(|| {
                // "2-3 months": the unit follows the second number.
                words
                    .get(i + 1)
                    .and_then(|w| split_number(w))
                    .and_then(|_| words.get(i + 2).and_then(|w| unit_days(w)))
            }),
        };
        if let Some(days_per_unit) = unit {
            let days = number.checked_mul(days_per_unit)?;
            found = Some(found.map_or(days, |f: u32| f.max(days)));
        }
    }
    found
}

fn split_number(word: &str) -> Option<(u32, Option<&str>)> {
    let digits_end = word
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(word.len());
    if digits_end == 0 {
        return None;
    }
    let number = word[..digits_end].parse().ok()?;
    let rest = &word[digits_end..];
    Some((number, (!rest.is_empty()).then_some(rest)))
}

fn unit_days(word: &str) -> Option<u32> {
    Some(match word {
        "d" | "day" | "days" | "din" | "দিন" | "দিনের" | "দিনে" | "दिन" | "दिनों" => {
            1
        }
        "w"
        | "wk"
        | "wks"
        | "week"
        | "weeks"
        | "hafta"
        | "hafte"
        | "সপ্তাহ"
        | "সপ্তাহের"
        | "সপ্তাহে"
        | "হপ্তা"
        | "হপ্তার"
        | "हफ्ते"
        | "हफ़्ते"
        | "हफ्ता"
        | "हफ़्ता"
        | "हफ्तों"
        | "हफ़्तों"
        | "सप्ताह" => 7,
        "m" | "mo" | "month" | "months" | "mahina" | "mahine" | "mash" | "মাস" | "মাসের" | "মাসে"
        | "महीने" | "महीना" | "महीनों" | "माह" => 30,
        "y" | "yr" | "yrs" | "year" | "years" | "saal" | "bochor" | "বছর" | "বছরের" | "साल"
        | "वर्ष" => 365,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn within(days: u32) -> Option<Timeframe> {
        Some(Timeframe::Within { days })
    }

    #[test]
    fn n_units_in_three_languages() {
        assert_eq!(parse_timeframe("within 3 months"), within(90));
        assert_eq!(parse_timeframe("২ সপ্তাহের মধ্যে"), within(14));
        assert_eq!(parse_timeframe("१५ दिन में"), within(15));
        assert_eq!(parse_timeframe("6 महीने"), within(180));
        assert_eq!(parse_timeframe("1 year"), within(365));
        assert_eq!(parse_timeframe("2weeks"), within(14));
    }

    #[test]
    fn a_span_range_counts_its_later_end() {
        assert_eq!(parse_timeframe("2-3 months"), within(90));
    }

    #[test]
    fn fixed_phrases() {
        assert_eq!(parse_timeframe("ASAP!"), within(0));
        assert_eq!(parse_timeframe("এই মাসে"), within(30));
        assert_eq!(parse_timeframe("अगले महीने"), within(60));
        assert_eq!(parse_timeframe("next week"), within(14));
    }

    #[test]
    fn kal_means_tomorrow_in_a_future_question() {
        assert_eq!(parse_timeframe("কাল"), within(1));
        assert_eq!(parse_timeframe("कल"), within(1));
    }

    #[test]
    fn just_exploring_means_no_plan() {
        assert_eq!(parse_timeframe("just exploring"), Some(Timeframe::NoPlan));
        assert_eq!(parse_timeframe("শুধু দেখছি"), Some(Timeframe::NoPlan));
        assert_eq!(
            parse_timeframe("अभी नहीं, बस देख रहे हैं"),
            Some(Timeframe::NoPlan)
        );
    }

    #[test]
    fn text_without_a_time_is_unclear() {
        assert_eq!(parse_timeframe("hello"), None);
        assert_eq!(parse_timeframe("3"), None);
        assert_eq!(parse_timeframe(""), None);
    }
}
