//! Numbers the local way: lakh grouping (12,34,567) for Bengali, Hindi and
//! Indian English, Bengali digits in Bengali.

use crate::core::{Currency, Language, Money};

/// Groups the integer the Indian way: the last three digits, then pairs.
pub fn group_indian(n: u64) -> String {
    let digits = n.to_string();
    if digits.len() <= 3 {
        return digits;
    }
    let (head, tail) = digits.split_at(digits.len() - 3);
    let mut out = String::with_capacity(digits.len() + digits.len() / 2);
    for (i, c) in head.chars().enumerate() {
        if i > 0 && (head.len() - i) % 2 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push(',');
    out.push_str(tail);
    out
}

/// Groups the integer in thousands: 1,234,567.
pub fn group_western(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// ASCII digits as the language writes them (Bengali digits in Bengali).
pub fn localize_digits(text: &str, language: Language) -> String {
    match language {
        Language::Bn => text
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0x09E6 + (c as u32 - '0' as u32)).unwrap_or(c),
                c => c,
            })
            .collect(),
        Language::En | Language::Hi => text.to_owned(),
    }
}

/// An integer for display: 1,23,456 / ১,২৩,৪৫৬.
pub fn format_integer(n: i64, language: Language) -> String {
    let grouped = group_indian(n.unsigned_abs());
    let signed = if n < 0 {
        format!("-{grouped}")
    } else {
        grouped
    };
    localize_digits(&signed, language)
}

/// Money for display: ৳২,০০,০০০ / ₹2,00,000 / $200,000.
pub fn format_money(money: Money, language: Language) -> String {
    let grouped = match money.currency {
        Currency::Bdt | Currency::Inr => group_indian(money.amount),
        Currency::Usd => group_western(money.amount),
    };
    format!(
        "{}{}",
        money.currency.symbol(),
        localize_digits(&grouped, language)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indian_grouping_puts_commas_after_thousands_then_every_two_digits() {
        assert_eq!(group_indian(0), "0");
        assert_eq!(group_indian(999), "999");
        assert_eq!(group_indian(1_000), "1,000");
        assert_eq!(group_indian(100_000), "1,00,000");
        assert_eq!(group_indian(1_234_567), "12,34,567");
        assert_eq!(group_indian(123_456_789), "12,34,56,789");
    }

    #[test]
    fn western_grouping_uses_thousands() {
        assert_eq!(group_western(1_234_567), "1,234,567");
        assert_eq!(group_western(100), "100");
    }

    #[test]
    fn bengali_uses_bengali_digits_and_hindi_keeps_ascii_digits() {
        assert_eq!(format_integer(1_234_567, Language::Bn), "১২,৩৪,৫৬৭");
        assert_eq!(format_integer(1_234_567, Language::Hi), "12,34,567");
        assert_eq!(format_integer(-5, Language::En), "-5");
    }

    #[test]
    fn money_carries_its_symbol() {
        let taka = Money {
            amount: 200_000,
            currency: Currency::Bdt,
        };
        assert_eq!(format_money(taka, Language::Bn), "৳২,০০,০০০");
        assert_eq!(format_money(taka, Language::En), "৳2,00,000");
        let rupees = Money {
            amount: 150_000,
            currency: Currency::Inr,
        };
        assert_eq!(format_money(rupees, Language::Hi), "₹1,50,000");
        let dollars = Money {
            amount: 200_000,
            currency: Currency::Usd,
        };
        assert_eq!(format_money(dollars, Language::En), "$200,000");
    }
}
