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
    let after = AFTER.contains(&words)
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
            Some((date, festival)) => Reading::Sure(make(date, Some(festival))),
            None => Reading::Unclear,
        };
    }
    let hedged = HEDGES.contains(&words);
    let unknown = UNKNOWN.contains(&words)
        || super::phrases::DONT_KNOW_SET.contains(&words)
        || super::phrases::negated_decision(&words);
    let negated = NEGATION.contains(&words);
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
        return if fuzzy || unknown {
            Reading::Confirm(reading)
        } else {
            Reading::Sure(reading)
        };
    }
    if unknown {
        return Reading::Sure(Timeframe::Unknown);
    }
    Reading::Unclear
}

/// "for now", "as of now", "আপাতত", "filhal": "now" here is a hedge.
static HEDGES: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::of(
        &[
            "for now",
            "as of now",
            "for the moment",
            "right now just",
            "আপাতত",
            "এখনকার মতো",
            "फ़िलहाल",
            "फिलहाल",
            "अभी के लिए",
            "abhi ke liye",
            "filhal",
            "apatoto",
        ],
        (),
    )
});

static NO_RUSH: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::of(
        &[
            "just exploring",
            "exploring",
            "browsing",
            "just browsing",
            "window shopping",
            "researching",
            "just checking",
            "only checking",
            "checking options",
            "checking prices",
            "just curious",
            "no timeline",
            "no fixed time",
            "no deadline",
            "no urgency",
            "not urgent",
            "not in a hurry",
            "in no hurry",
            "no hurry at all",
            "sometime later",
            "some day",
            "in future",
            "in the future",
            "future me",
            "future mein",
            "dekhte hain",
            "dekhenge",
            "dekha jayega",
            "just asking",
            "জানতে চাইছিলাম",
            "খোঁজ নিচ্ছিলাম",
            "দেখছিলাম",
            "ভবিষ্যতে",
            "পরে কোনো এক সময়",
            "কোনো তাড়া নাই",
            "তাড়া নাই",
            "তাড়াহুড়ো নেই",
            "এখনই না",
            "এখন নয়",
            "সময় নিয়ে",
            "দেখা যাক",
            "bhobishyote",
            "dekha jak",
            "kono tara nai",
            "kono tara nei",
            "tara nai",
            "taratari nai",
            "khoj nichchi",
            "khoj nicchi",
            "dekhchi",
            "dekhtesi",
            "भविष्य में",
            "देखते हैं",
            "देखेंगे",
            "कोई जल्दी नहीं",
            "जल्दबाज़ी नहीं",
            "जल्दबाजी नहीं",
            "आगे कभी",
            "कोई टाइमलाइन नहीं",
            "jaldbazi nahi",
            "koi timeline nahi",
            "aage kabhi",
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
            "dekh rahe",
            "dekh raha",
            "dekh rahi",
            "sirf dekh",
            "bas dekh",
            "dekhchi",
            "dekhtechi",
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
            "afterwards",
            "post",
            "পরেই",
            "পরে",
            "পর",
            "শেষ হলে",
            "গেলে",
            "বাদ",
            "के बाद",
            "बाद",
            "ke baad",
            "ke bad",
            "ki baad",
            "porei",
            "shesh hole",
            "sesh hole",
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
        // "Eid" alone: which one is asked with buttons.
        ("eid", Eid),
        ("eid er", Eid),
        ("ঈদ", Eid),
        ("ইদ", Eid),
        ("ईद", Eid),
        ("eid ul fitr", EidUlFitr),
        ("eid ul fitar", EidUlFitr),
        ("eid al fitr", EidUlFitr),
        ("eid-ul-fitr", EidUlFitr),
        ("eid-al-fitr", EidUlFitr),
        ("eid ul-fitr", EidUlFitr),
        ("eid fitr", EidUlFitr),
        ("ramzan eid", EidUlFitr),
        ("ramadan eid", EidUlFitr),
        ("meethi eid", EidUlFitr),
        ("mithi eid", EidUlFitr),
        ("choto eid", EidUlFitr),
        ("rojar eid", EidUlFitr),
        ("ঈদুল ফিতর", EidUlFitr),
        ("ঈদ উল ফিতর", EidUlFitr),
        ("ঈদ-উল-ফিতর", EidUlFitr),
        ("ইদুল ফিতর", EidUlFitr),
        ("রোজার ঈদ", EidUlFitr),
        ("রোজার ঈদের", EidUlFitr),
        ("রোজার ইদ", EidUlFitr),
        ("ছোট ঈদ", EidUlFitr),
        ("মিঠা ঈদ", EidUlFitr),
        ("ईद उल फ़ितर", EidUlFitr),
        ("ईद उल फितर", EidUlFitr),
        ("ईद-उल-फ़ितर", EidUlFitr),
        ("ईद-उल-फितर", EidUlFitr),
        ("मीठी ईद", EidUlFitr),
        ("eid ul adha", EidUlAdha),
        ("eid ul azha", EidUlAdha),
        ("eid al adha", EidUlAdha),
        ("eid-ul-adha", EidUlAdha),
        ("eid-al-adha", EidUlAdha),
        ("eid adha", EidUlAdha),
        ("bakrid", EidUlAdha),
        ("bakri eid", EidUlAdha),
        ("bakra eid", EidUlAdha),
        ("bakrid", EidUlAdha),
        ("korbani eid", EidUlAdha),
        ("korbanir eid", EidUlAdha),
        ("qurbani eid", EidUlAdha),
        ("kurbani eid", EidUlAdha),
        ("korbani", EidUlAdha),
        ("qurbani", EidUlAdha),
        ("kurbani", EidUlAdha),
        ("boro eid", EidUlAdha),
        ("ঈদুল আজহা", EidUlAdha),
        ("ঈদ উল আজহা", EidUlAdha),
        ("ঈদ-উল-আজহা", EidUlAdha),
        ("ঈদুল আযহা", EidUlAdha),
        ("কোরবানির ঈদ", EidUlAdha),
        ("কোরবানি", EidUlAdha),
        ("কুরবানি", EidUlAdha),
        ("কুরবানির", EidUlAdha),
        ("কোরবানির", EidUlAdha),
        ("বড় ঈদ", EidUlAdha),
        ("ईद उल अज़हा", EidUlAdha),
        ("ईद उल अजहा", EidUlAdha),
        ("ईद-उल-अज़हा", EidUlAdha),
        ("बकरीद", EidUlAdha),
        ("बक़रीद", EidUlAdha),
        ("बकरी ईद", EidUlAdha),
        ("कुर्बानी", EidUlAdha),
        ("क़ुर्बानी", EidUlAdha),
        ("ramadan", Ramadan),
        ("ramzan", Ramadan),
        ("ramjan", Ramadan),
        ("romjan", Ramadan),
        ("roja", Ramadan),
        ("rojar", Ramadan),
        ("রমজান", Ramadan),
        ("রমজানের", Ramadan),
        ("রোজা", Ramadan),
        ("রোজার", Ramadan),
        ("रमज़ान", Ramadan),
        ("रमजान", Ramadan),
        ("रोज़े", Ramadan),
        ("रोजे", Ramadan),
        ("puja", Puja),
        ("pujo", Puja),
        ("pujor", Puja),
        ("pujar", Puja),
        ("durga puja", Puja),
        ("durga pujo", Puja),
        ("durgapuja", Puja),
        ("পূজা", Puja),
        ("পুজা", Puja),
        ("পুজো", Puja),
        ("দুর্গাপূজা", Puja),
        ("দুর্গা পূজা", Puja),
        ("দুর্গাপুজো", Puja),
        ("দুর্গা পুজো", Puja),
        ("पूजा", Puja),
        ("दुर्गा पूजा", Puja),
        ("navratri", Puja),
        ("navaratri", Puja),
        ("dussehra", Puja),
        ("dasara", Puja),
        ("dashain", Puja),
        ("नवरात्रि", Puja),
        ("नवरात्र", Puja),
        ("दशहरा", Puja),
        ("दशहरे", Puja),
        ("diwali", Diwali),
        ("deepavali", Diwali),
        ("divali", Diwali),
        ("dipawali", Diwali),
        ("deepawali", Diwali),
        ("dewali", Diwali),
        ("दिवाली", Diwali),
        ("दीवाली", Diwali),
        ("दीपावली", Diwali),
        ("দিওয়ালি", Diwali),
        ("দীপাবলি", Diwali),
        ("দিপাবলি", Diwali),
        ("কালীপুজো", Diwali),
        ("কালী পুজো", Diwali),
        ("holi", Holi),
        ("होली", Holi),
        ("हॉली", Holi),
        ("হোলি", Holi),
        ("দোল", Holi),
        ("দোলযাত্রা", Holi),
        ("dol", Holi),
        ("boishakh", Boishakh),
        ("baishakh", Boishakh),
        ("boishakhi", Boishakh),
        ("pohela boishakh", Boishakh),
        ("poila boishakh", Boishakh),
        ("pohela baishakh", Boishakh),
        ("bengali new year", Boishakh),
        ("bangla new year", Boishakh),
        ("bangla noboborsho", Boishakh),
        ("noboborsho", Boishakh),
        ("বৈশাখ", Boishakh),
        ("পহেলা বৈশাখ", Boishakh),
        ("পয়লা বৈশাখ", Boishakh),
        ("নববর্ষ", Boishakh),
        ("বাংলা নববর্ষ", Boishakh),
        ("পোইলা বৈশাখ", Boishakh),
        ("पोइला बैसाख", Boishakh),
        ("पोहेला बोइशाख", Boishakh),
        ("christmas", Christmas),
        ("xmas", Christmas),
        ("x-mas", Christmas),
        ("chrismas", Christmas),
        ("christmus", Christmas),
        ("boro din", Christmas),
        ("boro diner", Christmas),
        ("borodiner", Christmas),
        ("borodin", Christmas),
        ("বড়দিন", Christmas),
        ("বড়দিনের", Christmas),
        ("বড় দিন", Christmas),
        ("ক্রিসমাস", Christmas),
        ("क्रिसमस", Christmas),
        ("new year", NewYear),
        ("new years", NewYear),
        ("new year's", NewYear),
        ("newyear", NewYear),
        ("naya saal", NewYear),
        ("naye saal", NewYear),
        ("nya saal", NewYear),
        ("नया साल", NewYear),
        ("नए साल", NewYear),
        ("नये साल", NewYear),
        ("ইংরেজি নতুন বছর", NewYear),
        ("নতুন বছর", NewYear),
        ("নতুন বছরের", NewYear),
        ("thirty first", NewYear),
        ("থার্টি ফার্স্ট", NewYear),
    ])
});

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

static FIXED: LazyLock<PhraseSet<Fixed>> = LazyLock::new(|| {
    use Fixed::*;
    PhraseSet::new(&[
        ("immediately", Today),
        ("immediate", Today),
        ("immidiately", Today),
        ("immediatly", Today),
        ("as soon as possible", Today),
        ("as soon as we can", Today),
        ("soon as possible", Today),
        ("at the earliest", Today),
        ("earliest", Today),
        ("a.s.a.p", Today),
        ("right now", Today),
        ("rn", Today),
        ("yesterday", Today),
        ("jaldi se jaldi", Today),
        ("jald se jald", Today),
        ("jitna jaldi", Today),
        ("jitni jaldi", Today),
        ("jitna jaldi ho sake", Today),
        ("jaldi", Today),
        ("jldi", Today),
        ("जल्दी", Today),
        ("जल्दी से जल्दी", Today),
        ("जितनी जल्दी", Today),
        ("जितना जल्दी", Today),
        ("जितनी जल्दी हो सके", Today),
        ("अभी के अभी", Today),
        ("यत तारातारि", Today),
        ("যত তাড়াতাড়ি", Today),
        ("যত তাড়াতাড়ি সম্ভব", Today),
        ("যত দ্রুত", Today),
        ("যত দ্রুত সম্ভব", Today),
        ("তাড়াতাড়ি", Today),
        ("দ্রুত", Today),
        ("যত জলদি", Today),
        ("জলদি", Today),
        ("এখনি", Today),
        ("এখুনি", Today),
        ("ekhuni", Today),
        ("ekhon", Now),
        ("এখন", Now),
        ("joto taratari", Today),
        ("taratari", Today),
        ("joto druto", Today),
        // "this month or next": the next one, the later of the two.
        ("month or next", NextMonth),
        ("week or next", NextWeek),
        ("year or next", NextYear),
        ("mahine ya agle", NextMonth),
        ("महीने या अगले", NextMonth),
        ("মাসে বা পরের মাসে", NextMonth),
        ("mase ba porer mase", NextMonth),
        ("day after tomorrow", DayAfterTomorrow),
        ("overmorrow", DayAfterTomorrow),
        ("পরশু", DayAfterTomorrow),
        ("পরশুদিন", DayAfterTomorrow),
        ("porshu", DayAfterTomorrow),
        ("porsu", DayAfterTomorrow),
        ("परसों", DayAfterTomorrow),
        ("परसो", DayAfterTomorrow),
        ("parso", DayAfterTomorrow),
        ("parson", DayAfterTomorrow),
        ("parsoon", DayAfterTomorrow),
        ("tmrw", Tomorrow),
        ("tmr", Tomorrow),
        ("tmrow", Tomorrow),
        ("tomorow", Tomorrow),
        ("tommorow", Tomorrow),
        ("tommorrow", Tomorrow),
        ("kalke", Tomorrow),
        ("আগামীকাল", Tomorrow),
        ("end of the month", ThisMonth),
        ("end of this month", ThisMonth),
        ("month end", ThisMonth),
        ("month-end", ThisMonth),
        ("by month end", ThisMonth),
        ("মাসের শেষে", ThisMonth),
        ("মাস শেষে", ThisMonth),
        ("মাসের শেষ", ThisMonth),
        ("mahine ke end", ThisMonth),
        ("mahine ke aakhir", ThisMonth),
        ("महीने के अंत", ThisMonth),
        ("महीने के आख़िर", ThisMonth),
        ("महीने के आखिर", ThisMonth),
        ("end of the year", ThisYear),
        ("end of this year", ThisYear),
        ("end of year", ThisYear),
        ("year end", ThisYear),
        ("year-end", ThisYear),
        ("yearend", ThisYear),
        ("by year end", ThisYear),
        ("বছরের শেষে", ThisYear),
        ("বছর শেষে", ThisYear),
        ("বছরের শেষ", ThisYear),
        ("সাল শেষে", ThisYear),
        ("bochorer sheshe", ThisYear),
        ("bochor sheshe", ThisYear),
        ("saal ke end", ThisYear),
        ("saal ke aakhir", ThisYear),
        ("saal khatam", ThisYear),
        ("साल के अंत", ThisYear),
        ("साल के आख़िर", ThisYear),
        ("साल के आखिर", ThisYear),
        ("साल के एंड", ThisYear),
        ("साल खत्म", ThisYear),
        ("साल ख़त्म", ThisYear),
        ("is mahine", ThisMonth),
        ("isi mahine", ThisMonth),
        ("ei mase", ThisMonth),
        ("ei masei", ThisMonth),
        ("এই মাসের ভেতরে", ThisMonth),
        ("এ মাসেই", ThisMonth),
        ("agle mahine", NextMonth),
        ("next mnth", NextMonth),
        ("nxt month", NextMonth),
        ("nxt mnth", NextMonth),
        ("agla mahina", NextMonth),
        ("अगला महीना", NextMonth),
        ("আগামী মাস", NextMonth),
        ("সামনের মাস", NextMonth),
        ("পরের মাস", NextMonth),
        ("samner mash", NextMonth),
        ("porer mase", NextMonth),
        ("agami mase", NextMonth),
        ("nxt week", NextWeek),
        ("agle week", NextWeek),
        ("next wk", NextWeek),
        ("agla hafta", NextWeek),
        ("अगला हफ्ता", NextWeek),
        ("अगला हफ़्ता", NextWeek),
        ("porer soptahe", NextWeek),
        ("agami soptahe", NextWeek),
        ("agami saptahe", NextWeek),
        ("is week", ThisWeek),
        ("iss hafte", ThisWeek),
        ("ei week", ThisWeek),
        ("this wk", ThisWeek),
        ("এই সপ্তাহেই", ThisWeek),
        ("ei bochor", ThisYear),
        ("ei bochore", ThisYear),
        ("is saal", ThisYear),
        ("isi saal", ThisYear),
        ("এ বছরেই", ThisYear),
        ("এই বছরেই", ThisYear),
        ("nxt year", NextYear),
        ("next yr", NextYear),
        ("agle sal", NextYear),
        ("agla saal", NextYear),
        ("agami bochor", NextYear),
        ("samner bochor", NextYear),
        ("porer bochor", NextYear),
        ("আগামী বছরে", NextYear),
        ("সামনের বছরে", NextYear),
        ("পরের বছরে", NextYear),
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
        ("अभी", Now),
        ("तुरंत", Today),
        ("आज", Today),
        ("आज ही", Today),
        ("फ़ौरन", Today),
        ("फौरन", Today),
        ("जल्द से जल्द", Today),
        ("abhi", Now),
        ("ajkei", Today),
        ("ajkei", Today),
        ("aaj hi", Today),
        ("aj e", Today),
        ("इसी हफ्ते", ThisWeek),
        ("इसी हफ़्ते", ThisWeek),
        ("isi hafte", ThisWeek),
        ("iss week", ThisWeek),
        ("এই বছরের মধ্যেই", ThisYear),
        ("এ বছরের মধ্যে", ThisYear),
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
        ("dn", Day),
        ("dino", Day),
        ("dino", Day),
        ("dinon", Day),
        ("दिनों", Day),
        ("दिनो", Day),
        ("দিনেই", Day),
        ("wks", Week),
        ("week's", Week),
        ("hafton", Week),
        ("haftey", Week),
        ("hafte", Week),
        ("hapta", Week),
        ("soptah", Week),
        ("saptaha", Week),
        ("সপ্তাহে", Week),
        ("সপ্তাহের", Week),
        ("হপ্তা", Week),
        ("हफ़्तों", Week),
        ("हफ्तों", Week),
        ("हफ़्ते", Week),
        ("हफ्ते", Week),
        ("mnth", Month),
        ("mnths", Month),
        ("mth", Month),
        ("mths", Month),
        ("mahino", Month),
        ("mahinon", Month),
        ("mahine", Month),
        ("mahina", Month),
        ("mhine", Month),
        ("mahiney", Month),
        ("महिने", Month),
        ("महिना", Month),
        ("महीनो", Month),
        ("মাসেই", Month),
        ("মাসের", Month),
        ("mase", Month),
        ("mash", Month),
        ("maash", Month),
        ("yrs", Year),
        ("yr", Year),
        ("saal", Year),
        ("saalon", Year),
        ("salo", Year),
        ("bochor", Year),
        ("bochore", Year),
        ("bochorer", Year),
        ("বছরে", Year),
        ("বছরের", Year),
        ("সাল", Year),
        ("সালের", Year),
        ("सालों", Year),
        ("सालो", Year),
        ("बरस", Year),
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

/// Unit and month names of four (months: five) or more letters, for
/// misspelt ones ("monhts", "mahinon", "decmber").
static UNIT_NEAR_MISSES: LazyLock<NearMisses<Unit>> = LazyLock::new(|| {
    NearMisses::new(
        UNITS
            .iter()
            .filter(|(w, _)| w.chars().count() >= 4)
            .map(|(w, u)| (w.as_str(), *u)),
    )
});

static MONTH_NEAR_MISSES: LazyLock<NearMisses<u32>> = LazyLock::new(|| {
    NearMisses::new(
        MONTHS
            .iter()
            .filter(|(name, _)| name.chars().count() >= 5)
            .map(|(name, m)| (name.as_str(), *m)),
    )
});

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
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn by(y: i32, m: u32, d: u32) -> Option<Timeframe> {
        Some(Timeframe::By {
            date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            event: None,
        })
    }

    fn parse(text: &str) -> Option<Timeframe> {
        parse_timeframe(text, today())
    }

    #[test]
    fn post_a_festival_is_after_it() {
        let after = |text| {
            matches!(
                parse(text),
                Some(Timeframe::After {
                    event: Some(Festival::Diwali),
                    ..
                })
            )
        };
        assert!(after("post Diwali"));
        assert!(after("after diwali"));
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
                date: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
                event: None
            })
        );
    }

    #[test]
    fn after_a_span() {
        assert_eq!(
            parse("3 মাস পরে"),
            Some(Timeframe::After {
                date: NaiveDate::from_ymd_opt(2027, 2, 22).unwrap(),
                event: None
            })
        );
    }

    #[test]
    fn festivals_resolve_to_their_next_date_after_or_before() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            parse("दिवाली के बाद"),
            Some(Timeframe::After {
                date: day(2027, 10, 29),
                event: Some(Festival::Diwali)
            })
        );
        assert_eq!(
            parse("before Diwali"),
            Some(Timeframe::By {
                date: day(2027, 10, 29),
                event: Some(Festival::Diwali)
            })
        );
        assert!(matches!(
            parse("পহেলা বৈশাখের আগে"),
            Some(Timeframe::By {
                event: Some(Festival::Boishakh),
                ..
            })
        ));
        assert!(matches!(
            parse("কোরবানির ঈদের পরে"),
            Some(Timeframe::After {
                event: Some(Festival::EidUlAdha),
                ..
            })
        ));
    }

    #[test]
    fn a_plain_eid_offers_both_eids() {
        let Reading::Choose(readings) = read_timeframe("ঈদের পরে", today()) else {
            panic!("not a choice");
        };
        let events: Vec<_> = readings
            .iter()
            .map(|r| match r {
                Timeframe::After { event, .. } => *event,
                _ => None,
            })
            .collect();
        assert_eq!(
            events,
            [Some(Festival::EidUlFitr), Some(Festival::EidUlAdha)]
        );
    }

    #[test]
    fn hedges_with_now_are_no_rush_and_or_takes_the_later() {
        assert_eq!(parse("just browsing for now"), Some(Timeframe::NoRush));
        assert_eq!(parse("abhi sirf dekh rahe hai"), Some(Timeframe::NoRush));
        assert_eq!(parse("april or may"), by(2027, 5, 31));
        assert_eq!(parse("this month or next"), by(2026, 12, 31));
        assert_eq!(parse("अभी तय नहीं किया"), Some(Timeframe::Unknown));
        assert_eq!(parse("haven't decided yet"), Some(Timeframe::Unknown));
    }

    #[test]
    fn period_words_and_inflections() {
        assert_eq!(parse("a fortnight"), by(2026, 12, 6));
        assert_eq!(parse("within a year"), by(2027, 11, 22));
        assert_eq!(parse("end of the year"), by(2026, 12, 31));
        assert_eq!(parse("day after tomorrow"), by(2026, 11, 24));
        assert_eq!(parse("পরশু"), by(2026, 11, 24));
        assert_eq!(parse("as soon as possible"), by(2026, 11, 22));
        assert_eq!(parse("মাসখানেকের মধ্যে"), by(2026, 12, 22));
        assert_eq!(parse("महीने भर में"), by(2026, 12, 22));
        assert_eq!(parse("3 mahino me"), by(2027, 2, 22));
    }

    #[test]
    fn a_misspelt_unit_is_read_and_echoed_back() {
        assert_eq!(
            read_timeframe("in 3 monhts", today()),
            Reading::Confirm(Timeframe::By {
                date: NaiveDate::from_ymd_opt(2027, 2, 22).unwrap(),
                event: None
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
