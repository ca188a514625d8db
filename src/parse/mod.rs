//! Free-text answer parsers: what a prospect typed, as a typed value.
//!
//! Pure functions, no I/O. Each returns `None` (or an "unclear" variant) when
//! it is not sure: a re-ask is better than a confident wrong parse.

pub mod authority;
pub mod choice;
pub mod contact;
pub mod money;
pub mod normalize;
pub mod numerals;
pub mod phrases;
pub mod report;
pub mod timeframe;
pub mod yesno;

pub use authority::{parse_authority, Authority};
pub use choice::match_option;
pub use contact::{parse_contact, parse_email, parse_phone, ContactValue, InvalidContact};
pub use money::{parse_budget, parse_budget_detailed, ParsedBudget};
pub use normalize::{normalize, tokens};
pub use timeframe::parse_timeframe;
pub use yesno::{is_filler, parse_yes_no, YesNo};
