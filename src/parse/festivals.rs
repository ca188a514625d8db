//! When a festival falls: the table in `festival_dates.rs` (2025–2032), so
//! that "after Eid ul Fitr" or "दिवाली से पहले" resolves to a date without
//! asking the prospect.

use super::festival_dates::FESTIVAL_DATES;
use crate::domain::answer::Festival;
use chrono::NaiveDate;

/// The festival's next date on or after `today`; `None` past the table.
pub fn next_date(festival: Festival, today: NaiveDate) -> Option<NaiveDate> {
    let festival = match festival {
        // A stored answer from before Eids were told apart: the next one.
        Festival::Eid => {
            return [Festival::EidUlFitr, Festival::EidUlAdha]
                .into_iter()
                .filter_map(|f| next_date(f, today))
                .min()
        }
        other => other,
    };
    FESTIVAL_DATES
        .iter()
        .filter(|(f, ..)| *f == festival)
        .filter_map(|&(_, y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
        .find(|date| *date >= today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_festival_already_past_this_year_is_next_years() {
        assert_eq!(
            next_date(Festival::Diwali, day(2026, 11, 22)),
            Some(day(2027, 10, 29))
        );
        assert_eq!(
            next_date(Festival::Diwali, day(2026, 11, 1)),
            Some(day(2026, 11, 8))
        );
    }

    #[test]
    fn every_festival_has_a_date_for_the_next_five_years() {
        use Festival::*;
        for festival in [
            EidUlFitr, EidUlAdha, Ramadan, Puja, Diwali, Holi, Boishakh, Christmas, NewYear,
        ] {
            for year in 2026..=2031 {
                let date = next_date(festival, day(year, 1, 1)).unwrap();
                assert!(date.year() <= year + 1, "{festival:?} {year}");
            }
        }
    }

    #[test]
    fn a_plain_eid_is_the_next_of_the_two() {
        assert_eq!(
            next_date(Festival::Eid, day(2026, 11, 22)),
            next_date(Festival::EidUlFitr, day(2026, 11, 22))
        );
    }
}
