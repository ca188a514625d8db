//! What the bot makes of an answer: a value it is sure of, a value to echo
//! back for a yes, several readings to offer as buttons, or nothing it may
//! take. The engine turns each into a step of the conversation; `leadbot
//! parse` prints it.

/// How sure the parser is of what an answer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading<T> {
    /// Taken as it is.
    Sure(T),
    /// Recorded only after the prospect confirms it: a multiplier, a range,
    /// a guessed currency, a near-miss spelling or a skipped word was
    /// involved.
    Confirm(T),
    /// The answer can mean each of these ("50": ৳50,000 or ৳50,00,000); the
    /// prospect picks one.
    Choose(Vec<T>),
    /// Nothing to take: the question is asked again.
    Unclear,
}

impl<T> Reading<T> {
    /// The value, when there is exactly one (sure or to confirm).
    pub fn value(self) -> Option<T> {
        match self {
            Reading::Sure(value) | Reading::Confirm(value) => Some(value),
            Reading::Choose(_) | Reading::Unclear => None,
        }
    }

    pub fn map<U>(self, f: impl Fn(T) -> U) -> Reading<U> {
        match self {
            Reading::Sure(value) => Reading::Sure(f(value)),
            Reading::Confirm(value) => Reading::Confirm(f(value)),
            Reading::Choose(values) => Reading::Choose(values.into_iter().map(f).collect()),
            Reading::Unclear => Reading::Unclear,
        }
    }

    /// Sure becomes confirm: something in the answer calls for a check.
    pub fn to_confirm(self) -> Reading<T> {
        match self {
            Reading::Sure(value) => Reading::Confirm(value),
            other => other,
        }
    }
}
