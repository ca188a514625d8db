//! Timeframe answers, resolved to a date with `chrono` relative to the day
//! the message came: "within 3 months", "২ সপ্তাহের মধ্যে", "15 दिन में",
//! "ডিসেম্বরের মধ্যে", "मार्च तक", "after Diwali", "just exploring".

use super::normalize::{normalize, tokens};
use super::numerals::{fraction_word, number_word, Fraction};
use super::phrases::{lookup, word_table, PhraseSet};
use crate::core::answer::{Festival, Timeframe};
use chrono::{Datelike, Days, Months, NaiveDate};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The timeframe `text` states, resolved against `today`; `None` when it is
/// not clear.
pub fn parse_timeframe(text: &str, today: NaiveDate) -> Option<Timeframe> {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    if NO_RUSH.contains(&words) {
        return Some(Timeframe::NoRush);
    }
    if let Some((_, _, event)) = EVENTS.find(&words) {
        return Some(Timeframe::Event { event });
    }
    let after = AFTER.contains(&words);
    let resolved = span(&words, today)
        .or_else(|| month(&words, today))
        .or_else(|| {
            FIXED
                .find(&words)
                .and_then(|(_, _, fixed)| fixed.resolve(today))
        });
    if let Some(date) = resolved {
        // "not this year", "এই মাসে না": a negated time is no plan to act then.
        if NEGATION.contains(&words) {
            return None;
        }
        return Some(if after {
            Timeframe::After { date }
        } else {
            Timeframe::By { date }
        });
    }
    if UNKNOWN.contains(&words) {
        return Some(Timeframe::Unknown);
    }
    None
}

static NO_RUSH: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::of(
        &[
            "just exploring",
            "exploring",
            "just looking",
            "only looking",
            "no plan",
            "no plans",
            "no hurry",
            "no rush",
            "not now",
            "not right now",
            "not yet",
            "later sometime",
            "someday",
            "শুধু দেখছি",
            "দেখছি",
            "খোঁজ নিচ্ছি",
            "খোঁজখবর নিচ্ছি",
            "তাড়া নেই",
            "তাড়াহুড়া নেই",
            "কোনো তাড়া নেই",
            "এখন না",
            "এখনই না",
            "এখন নয়",
            "আপাতত না",
            "এখনো প্ল্যান নেই",
            "প্ল্যান নেই",
            "বস দেখছি",
            "बस देख",
            "बस देख रहे",
            "देख रहे",
            "देख रहा",
            "देख रही",
            "जानकारी ले रहे",
            "कोई जल्दी नहीं",
            "जल्दी नहीं",
            "अभी नहीं",
            "अभी तो नहीं",
            "अभी कोई प्लान नहीं",
            "प्लान नहीं",
            "abhi nahi",
            "abhi nahin",
            "abhi to nahi",
            "koi jaldi nahi",
            "jaldi nahi",
            "ekhon na",
            "ekhoni na",
            "tara nai",
            "tara nei",
            "sudhu dekhchi",
            "shudhu dekhchi",
            "bas dekh rahe",
        ],
        (),
    )
});

static UNKNOWN: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::of_lists(
        &[
            super::phrases::DONT_KNOW,
            &[
                "can't say",
                "cant say",
                "not decided",
                "বলতে পারছি না",
                "বলতে পারব না",
                "ঠিক নেই",
                "ঠিক জানি না",
                "নিশ্চিত না",
                "নিশ্চিত নই",
                "कह नहीं सकते",
                "कह नहीं सकता",
                "बता नहीं सकता",
                "बता नहीं सकते",
                "तय नहीं",
                "bolte parchi na",
                "bolte parbo na",
                "thik nei",
                "kuch pata nahi",
            ],
        ],
        (),
    )
});

static NEGATION: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::of(
        &[
            "not",
            "no",
            "never",
            "না",
            "নয়",
            "নেই",
            "नहीं",
            "नही",
            "ना",
            "nahi",
            "nahin",
            "na",
        ],
        (),
    )
});

static AFTER: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::of(
        &[
            "after",
            "পরে",
            "পর",
            "बाद",
            "के बाद",
            "baad",
            "bad",
            "pore",
            "por",
        ],
        (),
    )
});

static EVENTS: LazyLock<PhraseSet<Festival>> = LazyLock::new(|| {
    use Festival::*;
    PhraseSet::new(&[
        ("eid", Eid),
        ("eid ul fitr", Eid),
        ("eid ul adha", Eid),
        ("ঈদ", Eid),
        ("ঈদের", Eid),
        ("ঈদে", Eid),
        ("ইদ", Eid),
        ("ইদের", Eid),
        ("कुर्बानी", Eid),
        ("কোরবানি", Eid),
        ("কোরবানির", Eid),
        ("ईद", Eid),
        ("ramadan", Ramadan),
        ("ramzan", Ramadan),
        ("ramjan", Ramadan),
        ("রমজান", Ramadan),
        ("রমজানের", Ramadan),
        ("রোজা", Ramadan),
        ("রোজার", Ramadan),
        ("रमज़ान", Ramadan),
        ("रमजान", Ramadan),
        ("रोज़े", Ramadan),
        ("puja", Puja),
        ("pujo", Puja),
        ("durga puja", Puja),
        ("পূজা", Puja),
        ("পূজার", Puja),
        ("পুজো", Puja),
        ("পুজোর", Puja),
        ("দুর্গাপূজা", Puja),
        ("দুর্গাপূজার", Puja),
        ("পুজোয়", Puja),
        ("पूजा", Puja),
        ("दुर्गा पूजा", Puja),
        ("navratri", Puja),
        ("नवरात्रि", Puja),
        ("diwali", Diwali),
        ("deepavali", Diwali),
        ("divali", Diwali),
        ("दिवाली", Diwali),
        ("दीवाली", Diwali),
        ("दीपावली", Diwali),
        ("দিওয়ালি", Diwali),
        ("দীপাবলি", Diwali),
        ("holi", Holi),
        ("होली", Holi),
        ("হোলি", Holi),
        ("দোল", Holi),
        ("boishakh", Boishakh),
        ("baishakh", Boishakh),
        ("pohela boishakh", Boishakh),
        ("বৈশাখ", Boishakh),
        ("বৈশাখের", Boishakh),
        ("পহেলা বৈশাখ", Boishakh),
        ("पोइला बैसाख", Boishakh),
        ("christmas", Christmas),
        ("xmas", Christmas),
        ("বড়দিন", Christmas),
        ("বড়দিনের", Christmas),
        ("ক্রিসমাস", Christmas),
        ("क्रिसमस", Christmas),
        ("new year", NewYear),
        ("new years", NewYear),
        ("नया साल", NewYear),
        ("नए साल", NewYear),
        ("नये साल", NewYear),
        ("ইংরেজি নতুন বছর", NewYear),
    ])
});

#[derive(Debug, Clone, Copy)]
enum Fixed {
    Today,
    Tomorrow,
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
            Fixed::Today => today,
            Fixed::Tomorrow => today + Days::new(1),
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

static FIXED: LazyLock<PhraseSet<Fixed>> = LazyLock::new(|| {
    use Fixed::*;
    PhraseSet::new(&[
        ("immediately", Today),
        ("asap", Today),
        ("right now", Today),
        ("now", Today),
        ("today", Today),
        ("right away", Today),
        ("urgent", Today),
        ("urgently", Today),
        ("এখনই", Today),
        ("এখুনি", Today),
        ("এক্ষুনি", Today),
        ("আজ", Today),
        ("আজকে", Today),
        ("আজকেই", Today),
        ("আজই", Today),
        ("জরুরি", Today),
        ("অবিলম্বে", Today),
        ("अभी", Today),
        ("तुरंत", Today),
        ("आज", Today),
        ("आज ही", Today),
        ("फ़ौरन", Today),
        ("फौरन", Today),
        ("जल्द से जल्द", Today),
        ("abhi", Today),
        ("turant", Today),
        ("ekhoni", Today),
        ("aaj", Today),
        ("aj", Today),
        ("ajke", Today),
        // In a question about the future, কাল / कल means tomorrow.
        ("tomorrow", Tomorrow),
        ("কাল", Tomorrow),
        ("কালকে", Tomorrow),
        ("আগামীকাল", Tomorrow),
        ("कल", Tomorrow),
        ("kal", Tomorrow),
        ("kalke", Tomorrow),
        ("kalkei", Tomorrow),
        ("this week", ThisWeek),
        ("এই সপ্তাহে", ThisWeek),
        ("এ সপ্তাহে", ThisWeek),
        ("এই সপ্তাহের মধ্যে", ThisWeek),
        ("इस हफ्ते", ThisWeek),
        ("इस हफ़्ते", ThisWeek),
        ("इस सप्ताह", ThisWeek),
        ("is hafte", ThisWeek),
        ("ei soptahe", ThisWeek),
        ("next week", NextWeek),
        ("আগামী সপ্তাহে", NextWeek),
        ("সামনের সপ্তাহে", NextWeek),
        ("পরের সপ্তাহে", NextWeek),
        ("अगले हफ्ते", NextWeek),
        ("अगले हफ़्ते", NextWeek),
        ("अगले सप्ताह", NextWeek),
        ("agle hafte", NextWeek),
        ("samner soptahe", NextWeek),
        ("this month", ThisMonth),
        ("এই মাসে", ThisMonth),
        ("এ মাসে", ThisMonth),
        ("এই মাসের মধ্যে", ThisMonth),
        ("এই মাসেই", ThisMonth),
        ("इस महीने", ThisMonth),
        ("इसी महीने", ThisMonth),
        ("इस माह", ThisMonth),
        ("is mahine", ThisMonth),
        ("ei mase", ThisMonth),
        ("next month", NextMonth),
        ("আগামী মাসে", NextMonth),
        ("সামনের মাসে", NextMonth),
        ("পরের মাসে", NextMonth),
        ("अगले महीने", NextMonth),
        ("अगले माह", NextMonth),
        ("agle mahine", NextMonth),
        ("samner mase", NextMonth),
        ("this quarter", ThisQuarter),
        ("এই কোয়ার্টারে", ThisQuarter),
        ("इस तिमाही", ThisQuarter),
        ("next quarter", NextQuarter),
        ("अगली तिमाही", NextQuarter),
        ("this year", ThisYear),
        ("এই বছর", ThisYear),
        ("এ বছর", ThisYear),
        ("এই বছরের মধ্যে", ThisYear),
        ("इस साल", ThisYear),
        ("इसी साल", ThisYear),
        ("इस वर्ष", ThisYear),
        ("is saal", ThisYear),
        ("next year", NextYear),
        ("আগামী বছর", NextYear),
        ("সামনের বছর", NextYear),
        ("পরের বছর", NextYear),
        ("अगले साल", NextYear),
        ("अगले वर्ष", NextYear),
        ("agle saal", NextYear),
    ])
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

static UNITS: LazyLock<FxHashMap<String, Unit>> = LazyLock::new(|| {
    use Unit::*;
    word_table(&[
        ("d", Day),
        ("day", Day),
        ("days", Day),
        ("din", Day),
        ("diner", Day),
        ("দিন", Day),
        ("দিনের", Day),
        ("দিনে", Day),
        ("दिन", Day),
        ("दिनों", Day),
        ("w", Week),
        ("wk", Week),
        ("wks", Week),
        ("week", Week),
        ("weeks", Week),
        ("hafta", Week),
        ("hafte", Week),
        ("soptaho", Week),
        ("soptaher", Week),
        ("সপ্তাহ", Week),
        ("সপ্তা", Week),
        ("হপ্তা", Week),
        ("হপ্তার", Week),
        ("हफ्ते", Week),
        ("हफ़्ते", Week),
        ("हफ्ता", Week),
        ("हफ़्ता", Week),
        ("हफ्तों", Week),
        ("हफ़्तों", Week),
        ("सप्ताह", Week),
        ("mo", Month),
        ("mos", Month),
        ("month", Month),
        ("months", Month),
        ("mahina", Month),
        ("mahine", Month),
        ("mahino", Month),
        ("mash", Month),
        ("mas", Month),
        ("maser", Month),
        ("মাস", Month),
        ("মাসের", Month),
        ("মাসে", Month),
        ("महीने", Month),
        ("महीना", Month),
        ("महीनों", Month),
        ("माह", Month),
        ("y", Year),
        ("yr", Year),
        ("yrs", Year),
        ("year", Year),
        ("years", Year),
        ("saal", Year),
        ("sal", Year),
        ("bochor", Year),
        ("বছর", Year),
        ("বছরের", Year),
        ("साल", Year),
        ("सालों", Year),
        ("वर्ष", Year),
    ])
});

/// "3 months", "২ সপ্তাহের মধ্যে", "दो महीने में", "দেড় মাস", "2-3 months"
/// (the later end): the date that many units from today.
fn span(words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    let mut latest: Option<NaiveDate> = None;
    for (i, word) in words.iter().enumerate() {
        let (amount, unit) = match split_glued(word) {
            // "2weeks", "3mo"
            Some((number, Some(unit))) => (number, Some(unit)),
            Some((number, None)) => (number, None),
            None => match (number_word(word), fraction_word(word)) {
                (Some(n), _) => (f64::from(n), None),
                (_, Some(Fraction::Times(k))) => (k, None),
                _ => continue,
            },
        };
        let unit = unit.or_else(|| {
            // The unit follows the number, or the second number of a span
            // ("2-3 months" reads 2, 3, months).
            let next = words.get(i + 1)?;
            lookup(&UNITS, next).or_else(|| {
                split_glued(next)?;
                lookup(&UNITS, words.get(i + 2)?)
            })
        });
        let Some(unit) = unit else { continue };
        let date = add(today, amount, unit)?;
        latest = Some(latest.map_or(date, |l| l.max(date)));
    }
    latest
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

static MONTHS: LazyLock<FxHashMap<String, u32>> = LazyLock::new(|| {
    word_table(&[
        ("january", 1),
        ("jan", 1),
        ("february", 2),
        ("feb", 2),
        ("march", 3),
        ("mar", 3),
        ("april", 4),
        ("apr", 4),
        ("may", 5),
        ("june", 6),
        ("jun", 6),
        ("july", 7),
        ("jul", 7),
        ("august", 8),
        ("aug", 8),
        ("september", 9),
        ("sep", 9),
        ("sept", 9),
        ("october", 10),
        ("oct", 10),
        ("november", 11),
        ("nov", 11),
        ("december", 12),
        ("dec", 12),
        ("জানুয়ারি", 1),
        ("জানুয়ারী", 1),
        ("ফেব্রুয়ারি", 2),
        ("ফেব্রুয়ারী", 2),
        ("মার্চ", 3),
        ("এপ্রিল", 4),
        ("মে", 5),
        ("জুন", 6),
        ("জুলাই", 7),
        ("আগস্ট", 8),
        ("অগাস্ট", 8),
        ("সেপ্টেম্বর", 9),
        ("অক্টোবর", 10),
        ("নভেম্বর", 11),
        ("ডিসেম্বর", 12),
        ("जनवरी", 1),
        ("फरवरी", 2),
        ("फ़रवरी", 2),
        ("मार्च", 3),
        ("अप्रैल", 4),
        ("मई", 5),
        ("जून", 6),
        ("जुलाई", 7),
        ("अगस्त", 8),
        ("सितंबर", 9),
        ("सितम्बर", 9),
        ("अक्टूबर", 10),
        ("अक्तूबर", 10),
        ("नवंबर", 11),
        ("नवम्बर", 11),
        ("दिसंबर", 12),
        ("दिसम्बर", 12),
    ])
});

/// A month name: the end of its next occurrence (this month counts).
fn month(words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    // "may" is also an English verb: "may be next year" is not May.
    let named: Vec<u32> = words
        .iter()
        .filter(|w| **w != "may" || words.len() <= 2)
        .filter_map(|w| lookup(&MONTHS, w))
        .collect();
    let &[month] = named.as_slice() else {
        return None;
    };
    let year = if month >= today.month() {
        today.year()
    } else {
        today.year() + 1
    };
    month_end(year, month)
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn by(y: i32, m: u32, d: u32) -> Option<Timeframe> {
        Some(Timeframe::By {
            date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        })
    }

    fn parse(text: &str) -> Option<Timeframe> {
        parse_timeframe(text, today())
    }

    #[test]
    fn n_units_in_three_languages() {
        assert_eq!(parse("within 3 months"), by(2027, 2, 22));
        assert_eq!(parse("২ সপ্তাহের মধ্যে"), by(2026, 12, 6));
        assert_eq!(parse("१५ दिन में"), by(2026, 12, 7));
        assert_eq!(parse("दो महीने में"), by(2027, 1, 22));
        assert_eq!(parse("1 year"), by(2027, 11, 22));
        assert_eq!(parse("2weeks"), by(2026, 12, 6));
        assert_eq!(parse("দেড় মাস"), by(2027, 1, 6));
        assert_eq!(parse("1.5 months"), by(2027, 1, 6));
    }

    #[test]
    fn a_span_range_counts_its_later_end() {
        assert_eq!(parse("2-3 months"), by(2027, 2, 22));
    }

    #[test]
    fn fixed_phrases_resolve_against_the_message_day() {
        assert_eq!(parse("ASAP!"), by(2026, 11, 22));
        assert_eq!(parse("this week"), by(2026, 11, 22));
        assert_eq!(parse("next week"), by(2026, 11, 29));
        assert_eq!(parse("এই মাসে"), by(2026, 11, 30));
        assert_eq!(parse("अगले महीने"), by(2026, 12, 31));
        assert_eq!(parse("next quarter"), by(2027, 3, 31));
        assert_eq!(parse("next year"), by(2027, 12, 31));
    }

    #[test]
    fn kal_means_tomorrow_in_a_future_question() {
        assert_eq!(parse("কাল"), by(2026, 11, 23));
        assert_eq!(parse("कल"), by(2026, 11, 23));
    }

    #[test]
    fn month_names_mean_the_end_of_their_next_occurrence() {
        assert_eq!(parse("ডিসেম্বরের মধ্যে"), by(2026, 12, 31));
        assert_eq!(parse("मार्च तक"), by(2027, 3, 31));
        assert_eq!(parse("by Oct"), by(2027, 10, 31));
        assert_eq!(parse("in November"), by(2026, 11, 30));
        assert_eq!(
            parse("after March"),
            Some(Timeframe::After {
                date: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap()
            })
        );
    }

    #[test]
    fn after_a_span() {
        assert_eq!(
            parse("3 মাস পরে"),
            Some(Timeframe::After {
                date: NaiveDate::from_ymd_opt(2027, 2, 22).unwrap()
            })
        );
    }

    #[test]
    fn festivals_ask_for_a_month() {
        assert_eq!(
            parse("ঈদের পরে"),
            Some(Timeframe::Event {
                event: Festival::Eid
            })
        );
        assert_eq!(
            parse("दिवाली तक"),
            Some(Timeframe::Event {
                event: Festival::Diwali
            })
        );
    }

    #[test]
    fn no_rush_and_unknown() {
        assert_eq!(parse("just exploring"), Some(Timeframe::NoRush));
        assert_eq!(parse("अभी नहीं"), Some(Timeframe::NoRush));
        assert_eq!(parse("not right now"), Some(Timeframe::NoRush));
        assert_eq!(parse("এখন না"), Some(Timeframe::NoRush));
        assert_eq!(parse("জানি না"), Some(Timeframe::Unknown));
        assert_eq!(parse("पता नहीं"), Some(Timeframe::Unknown));
    }

    #[test]
    fn a_negated_time_is_not_a_plan() {
        assert_eq!(parse("not this year"), None);
    }

    #[test]
    fn text_without_a_time_is_unclear() {
        for text in ["hello", "3", "", "when my son comes back", "after my exams"] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
