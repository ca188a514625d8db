//! Free-text answer parsers: what a prospect typed, as a typed value.
//!
//! Pure functions, no I/O. Each returns `None` (or an "unclear" variant) when
//! it is not sure: a re-ask is better than a confident wrong parse.

pub mod authority;
pub mod choice;
pub mod contact;
mod festival_dates;
pub mod festivals;
pub mod fuzzy;
pub mod money;
pub mod normalize;
pub mod numerals;
pub mod phrases;
pub mod reading;
pub mod report;
pub mod timeframe;
pub mod yesno;

pub use authority::{parse_authority, Authority};
pub use choice::match_option;
pub use contact::{parse_contact, parse_email, parse_phone, ContactValue, InvalidContact};
pub use money::{parse_budget, read_budget};
pub use normalize::{normalize, tokens};
pub use reading::Reading;
pub use timeframe::{parse_timeframe, read_timeframe};

/// "I don't know", "জানি না", "pata nahi", "no idea" — and nothing else
/// of substance.
pub fn is_dont_know(text: &str) -> bool {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    phrases::DONT_KNOW_SET.contains(&words) && words.len() <= 6
}
pub use yesno::{is_filler, parse_yes_no, YesNo};
