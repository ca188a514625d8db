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

#[test]
fn we_will_see_alone_is_no_plan_but_a_time_said_with_it_wins() {
    for text in [
        "dekhenge",
        "baad mein dekhenge",
        "দেখা যাক",
        "देखते हैं",
        "we'll see",
    ] {
        assert_eq!(parse(text), Some(Timeframe::NoRush), "{text}");
    }
    assert!(matches!(
        parse("Diwali ke baad dekhenge"),
        Some(Timeframe::After {
            event: Some(Festival::Diwali),
            ..
        })
    ));
    assert!(matches!(
        read_timeframe("Eid ke baad dekhenge", today()),
        Reading::Choose(readings) if readings.iter().all(|r| matches!(r, Timeframe::After { .. }))
    ));
    // "we'll look next month" names a time to look again, not a deadline: echoed.
    assert!(matches!(
        read_timeframe("agle mahine dekhenge", today()),
        Reading::Confirm(Timeframe::By { .. })
    ));
}

#[test]
fn not_before_a_time_is_after_it() {
    assert_eq!(
        parse("not before 2 months"),
        Some(Timeframe::After {
            date: NaiveDate::from_ymd_opt(2027, 1, 22).unwrap(),
            event: None
        })
    );
    assert!(matches!(
        parse("Diwali se pehle nahi"),
        Some(Timeframe::After { .. })
    ));
}
