//! Festival dates 2025-2032, for resolving answers like "after Eid" or
//! "before Diwali" to a date.
//!
//! Source: python-holidays 0.109 (its BD and IN calendars) and
//! hijri_converter 2.3.2.post1 (Umm al-Qura), through
//! `tests/fixtures/gen_festival_dates.py`; do not edit by hand. Regenerate with:
//! `python3 tests/fixtures/gen_festival_dates.py > src/parse/festival_dates.rs`
//!
//! - `EidUlFitr`, `EidUlAdha`: first day of the public holiday in the package's
//!   Bangladesh (BD) calendar, which takes Umm al-Qura dates plus one day.
//!   The package counts 2025-2026 as confirmed, the other years as
//!   estimates; the real date follows the sighting of the moon, which can move
//!   it a day.
//! - `Ramadan`: first day of fasting in Bangladesh: 1 Ramadan (Umm al-Qura,
//!   from hijri-converter) plus the same one day; an estimate like the Eids.
//!   2030 has two rows: one Ramadan starts in January, the next in December.
//! - `Puja`: Vijaya (Bijoya) Dashami, the last day of Durga Puja and
//!   Bangladesh's public holiday. The BD calendar lacks Durga Puja, so this is
//!   the package's West Bengal (IN-WB) Vijayadashami, which follows the same
//!   Bengali almanac; it can differ by a day from India's national Dussehra
//!   (21 October 2026 in Bengal, 20 October 2026 nationally).
//! - `Diwali`, `Holi`: the package's India (IN) national calendar (Diwali /
//!   Deepavali, Lakshmi Puja day; Holi, the day of colours).
//! - `Boishakh`: Pohela Boishakh, 14 April (BD). `Christmas`: 25 December (BD).
//!   `NewYear`: 1 January.

use crate::domain::answer::Festival;

/// (festival, year, month, day), sorted by festival then date.
pub(crate) const FESTIVAL_DATES: &[(Festival, i32, u32, u32)] = &[
    (Festival::EidUlFitr, 2025, 3, 31),
    (Festival::EidUlFitr, 2026, 3, 21),
    (Festival::EidUlFitr, 2027, 3, 10),
    (Festival::EidUlFitr, 2028, 2, 27),
    (Festival::EidUlFitr, 2029, 2, 15),
    (Festival::EidUlFitr, 2030, 2, 5),
    (Festival::EidUlFitr, 2031, 1, 25),
    (Festival::EidUlFitr, 2032, 1, 15),
    (Festival::EidUlAdha, 2025, 6, 7),
    (Festival::EidUlAdha, 2026, 5, 28),
    (Festival::EidUlAdha, 2027, 5, 17),
    (Festival::EidUlAdha, 2028, 5, 6),
    (Festival::EidUlAdha, 2029, 4, 25),
    (Festival::EidUlAdha, 2030, 4, 14),
    (Festival::EidUlAdha, 2031, 4, 3),
    (Festival::EidUlAdha, 2032, 3, 23),
    (Festival::Ramadan, 2025, 3, 2),
    (Festival::Ramadan, 2026, 2, 19),
    (Festival::Ramadan, 2027, 2, 9),
    (Festival::Ramadan, 2028, 1, 29),
    (Festival::Ramadan, 2029, 1, 17),
    (Festival::Ramadan, 2030, 1, 6),
    (Festival::Ramadan, 2030, 12, 27),
    (Festival::Ramadan, 2031, 12, 16),
    (Festival::Ramadan, 2032, 12, 5),
    (Festival::Puja, 2025, 10, 2),
    (Festival::Puja, 2026, 10, 21),
    (Festival::Puja, 2027, 10, 9),
    (Festival::Puja, 2028, 9, 27),
    (Festival::Puja, 2029, 10, 16),
    (Festival::Puja, 2030, 10, 6),
    (Festival::Puja, 2031, 10, 25),
    (Festival::Puja, 2032, 10, 14),
    (Festival::Diwali, 2025, 10, 20),
    (Festival::Diwali, 2026, 11, 8),
    (Festival::Diwali, 2027, 10, 29),
    (Festival::Diwali, 2028, 10, 17),
    (Festival::Diwali, 2029, 11, 5),
    (Festival::Diwali, 2030, 10, 26),
    (Festival::Diwali, 2031, 11, 14),
    (Festival::Diwali, 2032, 11, 2),
    (Festival::Holi, 2025, 3, 14),
    (Festival::Holi, 2026, 3, 4),
    (Festival::Holi, 2027, 3, 22),
    (Festival::Holi, 2028, 3, 11),
    (Festival::Holi, 2029, 3, 1),
    (Festival::Holi, 2030, 3, 20),
    (Festival::Holi, 2031, 3, 9),
    (Festival::Holi, 2032, 3, 27),
    (Festival::Boishakh, 2025, 4, 14),
    (Festival::Boishakh, 2026, 4, 14),
    (Festival::Boishakh, 2027, 4, 14),
    (Festival::Boishakh, 2028, 4, 14),
    (Festival::Boishakh, 2029, 4, 14),
    (Festival::Boishakh, 2030, 4, 14),
    (Festival::Boishakh, 2031, 4, 14),
    (Festival::Boishakh, 2032, 4, 14),
    (Festival::Christmas, 2025, 12, 25),
    (Festival::Christmas, 2026, 12, 25),
    (Festival::Christmas, 2027, 12, 25),
    (Festival::Christmas, 2028, 12, 25),
    (Festival::Christmas, 2029, 12, 25),
    (Festival::Christmas, 2030, 12, 25),
    (Festival::Christmas, 2031, 12, 25),
    (Festival::Christmas, 2032, 12, 25),
    (Festival::NewYear, 2025, 1, 1),
    (Festival::NewYear, 2026, 1, 1),
    (Festival::NewYear, 2027, 1, 1),
    (Festival::NewYear, 2028, 1, 1),
    (Festival::NewYear, 2029, 1, 1),
    (Festival::NewYear, 2030, 1, 1),
    (Festival::NewYear, 2031, 1, 1),
    (Festival::NewYear, 2032, 1, 1),
];
