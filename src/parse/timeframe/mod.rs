//! Timeframe answers, resolved to a date with `chrono` relative to the day
//! the message came: "within 3 months", "২ সপ্তাহের মধ্যে", "15 दिन में",
//! "ডিসেম্বরের মধ্যে", "मार्च तक", "after Diwali", "just exploring".

use super::festivals;
use super::fuzzy::NearMisses;
use super::normalize::{normalize, tokens};
use super::numerals::{fraction_word, number_word, Fraction};
use super::phrases::{lookup, stems, word_table, PhraseSet};
use super::reading::Reading;
use crate::domain::answer::{Festival, Timeframe};
use chrono::{Datelike, Days, Months, NaiveDate};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

mod phrases;
use phrases::*;

/// The timeframe `text` states, resolved against `today`, when the bot can
/// take one value from it.
pub fn parse_timeframe(text: &str, today: NaiveDate) -> Option<Timeframe> {
    read_timeframe(text, today).value()
}

/// What the bot makes of a timeframe answer, resolved against `today`.
pub fn read_timeframe(text: &str, today: NaiveDate) -> Reading<Timeframe> {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    // "just browsing for now", "not right now": a hedge, not "now".
    if NO_RUSH.contains(&words) {
        return Reading::Sure(Timeframe::NoRush);
    }
    let see_later = SEE_LATER.contains(&words);
    // Bengali case endings off: "বৈশাখের" is "বৈশাখ", "বছরের" "বছর".
    let destemmed: Vec<&str> = words
        .iter()
        .map(|w| {
            if w.is_ascii() {
                w
            } else {
                stems(w).min_by_key(|s| s.len()).unwrap_or(w)
            }
        })
        .collect();
    // "not before January", "পুজোর আগে না": after.
    let not_before = NOT_BEFORE.contains(&words);
    let after = (AFTER.contains(&words) || not_before)
        && !super::normalize::contains_phrase(&words, &["day", "after", "tomorrow"]);
    let make = |date: NaiveDate, event: Option<Festival>| {
        if after {
            Timeframe::After { date, event }
        } else {
            Timeframe::By { date, event }
        }
    };
    // Festivals resolve to their next date; "Eid" alone is one of two.
    let mut festivals: Vec<Festival> = EVENTS.matches(&words).map(|(_, _, f)| f).collect();
    if festivals.is_empty() && !normalized.is_ascii() {
        festivals = EVENTS.matches(&destemmed).map(|(_, _, f)| f).collect();
    }
    if !festivals.is_empty() {
        if festivals.iter().all(|f| *f == Festival::Eid) {
            let readings: Vec<Timeframe> = [Festival::EidUlFitr, Festival::EidUlAdha]
                .into_iter()
                .filter_map(|f| Some(make(festivals::next_date(f, today)?, Some(f))))
                .collect();
            return match readings.len() {
                2 => Reading::Choose(readings),
                _ => Reading::Unclear,
            };
        }
        // "before Eid ul Fitr or Puja": the later one.
        let latest = festivals
            .iter()
            .filter(|f| **f != Festival::Eid)
            .filter_map(|f| Some((festivals::next_date(*f, today)?, *f)))
            .max();
        return match latest {
            // "Puja te dekhbo": we'll look then, so the date is echoed back.
            Some((date, festival)) if see_later && !after => {
                Reading::Confirm(make(date, Some(festival)))
            }
            Some((date, festival)) => Reading::Sure(make(date, Some(festival))),
            None => Reading::Unclear,
        };
    }
    let hedged = HEDGES.contains(&words);
    let unknown = UNKNOWN.contains(&words)
        || super::phrases::DONT_KNOW_SET.contains(&words)
        || super::phrases::negated_decision(&words);
    let negated = NEGATION.contains(&words) && !not_before;
    let mut fuzzy = false;
    // Every time named; "X or Y", "2-3 months" count the later one.
    let latest = [
        span(&words, today, &mut fuzzy),
        month(&words, today, &mut fuzzy),
        // Every place, not skipping over matches: "this month or next"
        // holds "this month" and "month or next".
        (0..words.len())
            .filter_map(|at| FIXED.match_at(&words, at))
            // English and romanized text has no case endings to take off.
            .chain(
                (0..destemmed.len())
                    .filter(|_| !normalized.is_ascii())
                    .filter_map(|at| FIXED.match_at(&destemmed, at)),
            )
            .map(|(len, fixed)| (0, len, fixed))
            // "abhi", "এখন" also mean "yet" and "currently": "abhi tay
            // nahi kiya" is not "now".
            .filter(|(_, _, fixed)| {
                !(matches!(fixed, Fixed::Now) && (hedged || unknown || negated))
                    && !(hedged && matches!(fixed, Fixed::Today))
            })
            .filter_map(|(_, _, fixed)| fixed.resolve(today))
            .max(),
    ]
    .into_iter()
    .flatten()
    .max();
    if let Some(date) = latest {
        // "not this year", "এই মাসে না": a negated time is no plan to act then.
        if negated && !unknown {
            return Reading::Unclear;
        }
        let reading = make(date, None);
        // "agle mahine dekhenge": a time to look again, echoed back.
        return if fuzzy || unknown || (see_later && !after) {
            Reading::Confirm(reading)
        } else {
            Reading::Sure(reading)
        };
    }
    if unknown {
        return Reading::Sure(Timeframe::Unknown);
    }
    // "we'll see", "baad mein dekhenge" with no time named: no plan.
    if see_later {
        return Reading::Sure(Timeframe::NoRush);
    }
    Reading::Unclear
}

#[derive(Debug, Clone, Copy)]
enum Fixed {
    Today,
    /// "abhi", "এখন": now, unless the answer says "not yet" or "for now".
    Now,
    Tomorrow,
    DayAfterTomorrow,
    ThisWeek,
    NextWeek,
    ThisMonth,
    NextMonth,
    ThisQuarter,
    NextQuarter,
    ThisYear,
    NextYear,
}

impl Fixed {
    fn resolve(self, today: NaiveDate) -> Option<NaiveDate> {
        let week_end = today + Days::new(u64::from(6 - today.weekday().num_days_from_monday()));
        Some(match self {
            Fixed::Today | Fixed::Now => today,
            Fixed::Tomorrow => today + Days::new(1),
            Fixed::DayAfterTomorrow => today + Days::new(2),
            Fixed::ThisWeek => week_end,
            Fixed::NextWeek => week_end + Days::new(7),
            Fixed::ThisMonth => month_end(today.year(), today.month())?,
            Fixed::NextMonth => {
                let next = today.checked_add_months(Months::new(1))?;
                month_end(next.year(), next.month())?
            }
            Fixed::ThisQuarter => month_end(today.year(), (today.month0() / 3) * 3 + 3)?,
            Fixed::NextQuarter => {
                let next = today.checked_add_months(Months::new(3))?;
                month_end(next.year(), (next.month0() / 3) * 3 + 3)?
            }
            Fixed::ThisYear => NaiveDate::from_ymd_opt(today.year(), 12, 31)?,
            Fixed::NextYear => NaiveDate::from_ymd_opt(today.year() + 1, 12, 31)?,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// "3 months", "২ সপ্তাহের মধ্যে", "दो महीने में", "দেড় মাস", "within a
/// year", "a fortnight", "2-3 months" (the later end): the latest date that
/// many units from today. A unit read from a near-miss ("mnths") sets
/// `fuzzy`.
fn span(words: &[&str], today: NaiveDate, fuzzy: &mut bool) -> Option<NaiveDate> {
    let mut latest: Option<NaiveDate> = None;
    let mut note = |date: NaiveDate| latest = Some(latest.map_or(date, |l: NaiveDate| l.max(date)));
    for (i, word) in words.iter().enumerate() {
        // "a fortnight", "পাক্ষিক": two weeks; "মাসখানেক": about a month.
        if matches!(*word, "fortnight" | "fortnights" | "পক্ষকাল") {
            note(today.checked_add_days(Days::new(14))?);
            continue;
        }
        if let Some(unit) = stems(word)
            .find_map(|w| w.strip_suffix("খানেক"))
            .and_then(|stem| lookup(&UNITS, stem))
        {
            note(add(today, 1.0, unit)?);
            continue;
        }
        // "महीने भर में", "hafte bhar": one whole unit.
        if matches!(words.get(i + 1), Some(&("भर" | "bhar" | "ভর"))) {
            if let Some(unit) = lookup(&UNITS, word) {
                note(add(today, 1.0, unit)?);
                continue;
            }
        }
        let (amount, unit) = match split_glued(word) {
            // "2weeks", "3mo"
            Some((number, Some(unit))) => (number, Some(unit)),
            Some((number, None)) => (number, None),
            None => match (number_word(word), fraction_word(word)) {
                (Some(n), _) => (f64::from(n), None),
                (_, Some(Fraction::Times(k))) => (k, None),
                // "a year", "an hour's", "ek mahina" (ek is a number word).
                _ if matches!(*word, "a" | "an" | "one") => (1.0, None),
                _ => continue,
            },
        };
        let unit = unit.or_else(|| {
            // The unit follows the number, or the second number of a span
            // ("2-3 months" reads 2, 3, months).
            let next = words.get(i + 1)?;
            unit_of(next, fuzzy).or_else(|| {
                split_glued(next)?;
                unit_of(words.get(i + 2)?, fuzzy)
            })
        });
        let Some(unit) = unit else { continue };
        note(add(today, amount, unit)?);
    }
    latest
}

/// The unit a word names: exactly, by a Bengali stem, or as a near-miss.
fn unit_of(word: &str, fuzzy: &mut bool) -> Option<Unit> {
    if let Some(unit) = lookup(&UNITS, word) {
        return Some(unit);
    }
    if word.chars().count() < 4 {
        return None;
    }
    let found = stems(word).find_map(|stem| UNIT_NEAR_MISSES.find(stem))?;
    *fuzzy = true;
    Some(found)
}

fn split_glued(word: &str) -> Option<(f64, Option<Unit>)> {
    let digits_end = word
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(word.len());
    if digits_end == 0 {
        return None;
    }
    let number: f64 = word[..digits_end].parse().ok()?;
    let rest = &word[digits_end..];
    if rest.is_empty() {
        return Some((number, None));
    }
    Some((number, Some(lookup(&UNITS, rest)?)))
}

fn add(today: NaiveDate, amount: f64, unit: Unit) -> Option<NaiveDate> {
    if !(amount > 0.0 && amount <= 1000.0) {
        return None;
    }
    let whole = amount.fract() == 0.0;
    match unit {
        Unit::Day => today.checked_add_days(Days::new(amount.round() as u64)),
        Unit::Week => today.checked_add_days(Days::new((amount * 7.0).round() as u64)),
        Unit::Month if whole => today.checked_add_months(Months::new(amount as u32)),
        // "দেড় মাস": a month and a half is 45 days.
        Unit::Month => today.checked_add_days(Days::new((amount * 30.0).round() as u64)),
        Unit::Year if whole => today.checked_add_months(Months::new(amount as u32 * 12)),
        Unit::Year => today.checked_add_days(Days::new((amount * 365.0).round() as u64)),
    }
}

/// A month name: the end of its next occurrence (this month counts); of
/// several ("March or April"), the later.
fn month(words: &[&str], today: NaiveDate, fuzzy: &mut bool) -> Option<NaiveDate> {
    words
        .iter()
        // "may" is also an English verb: "may be next year" is not May,
        // "april or may" and "by may" are.
        .enumerate()
        .filter(|(i, w)| {
            **w != "may"
                || words.len() <= 2
                || *i + 1 == words.len()
                || i.checked_sub(1).is_some_and(|j| {
                    matches!(
                        words[j],
                        "or" | "and"
                            | "in"
                            | "by"
                            | "till"
                            | "until"
                            | "before"
                            | "after"
                            | "of"
                            | "end"
                    )
                })
        })
        .map(|(_, w)| w)
        .filter_map(|w| {
            lookup(&MONTHS, w).or_else(|| {
                if w.chars().count() < 5 || !w.chars().all(char::is_alphabetic) {
                    return None;
                }
                let found = MONTH_NEAR_MISSES.find(w)?;
                *fuzzy = true;
                Some(found)
            })
        })
        .filter_map(|month| {
            let year = if month >= today.month() {
                today.year()
            } else {
                today.year() + 1
            };
            month_end(year, month)
        })
        .max()
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

#[cfg(test)]
mod tests;
