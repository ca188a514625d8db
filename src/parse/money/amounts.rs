//! From the numbers and words a scan found to the budget they state: one
//! amount, a range, a cap or a floor, or unclear.

use super::*;

/// The budget the groups make.
pub(super) fn amounts(scan: &Scan) -> Reading<Budget> {
    let currency = scan.currency;
    let budget = match (scan.groups.as_slice(), scan.joins.as_slice()) {
        ([], _) => return Reading::Unclear,
        ([one], _) => {
            let Some(composed) = compose(&one.parts) else {
                return Reading::Unclear;
            };
            if composed.pending_times {
                return Reading::Unclear;
            }
            let bound = scan.bound;
            let make = |micros: Micros| -> Option<Budget> {
                let amount = whole(micros)?;
                Some(match bound {
                    Some(Bound::AtMost | Bound::Within) => Budget::AtMost { amount, currency },
                    Some(Bound::AtLeast) => Budget::AtLeast { amount, currency },
                    None => Budget::Amount { amount, currency },
                })
            };
            // "50", "৫০", "2.5", "pachas": thousands or lakhs? Ask.
            if composed.scale < 1_000
                && composed.micros < 1_000 * ONE
                && currency != Some(Currency::Usd)
            {
                let readings: Vec<Budget> = [1_000u128, 100_000]
                    .iter()
                    .filter_map(|m| make(composed.micros.checked_mul(*m)?))
                    .collect();
                // Both readings or none: one left ("0.00001") is no choice.
                return if readings.len() < 2 {
                    Reading::Unclear
                } else {
                    Reading::Choose(readings)
                };
            }
            let Some(budget) = make(composed.micros) else {
                return Reading::Unclear;
            };
            let sure = one.digits_only && scan.currency_named && !scan.fuzzy && !scan.skipped;
            return if sure {
                Reading::Sure(budget)
            } else {
                Reading::Confirm(budget)
            };
        }
        ([low, high], [join]) => {
            if matches!(scan.bound, Some(Bound::AtMost | Bound::AtLeast)) {
                return Reading::Unclear;
            }
            let (Some(low), Some(high)) = (compose(&low.parts), compose(&high.parts)) else {
                return Reading::Unclear;
            };
            if high.pending_times {
                return Reading::Unclear;
            }
            // "২-৩ লাখ", "দেড় থেকে দুই লাখ": the upper end's scale applies to
            // a lower end written without one.
            let low_micros = if low.scale == 1 && (high.scale > 1 || low.pending_times) {
                match low.micros.checked_mul(Micros::from(high.scale)) {
                    Some(m) => m,
                    None => return Reading::Unclear,
                }
            } else if low.pending_times {
                return Reading::Unclear;
            } else {
                low.micros
            };
            // "2 or 3 lakh" is a range; "50k or 1 lakh" two answers.
            if *join == Join::Or && !(low.scale == 1 && high.scale > 1) {
                return Reading::Unclear;
            }
            if *join == Join::None && scan.bound != Some(Bound::Within) {
                return Reading::Unclear;
            }
            let (Some(min), Some(max)) = (whole(low_micros), whole(high.micros)) else {
                return Reading::Unclear;
            };
            if min >= max || (high.scale < 1_000 && high.micros < 1_000 * ONE) {
                return Reading::Unclear;
            }
            Budget::Range { min, max, currency }
        }
        _ => return Reading::Unclear,
    };
    Reading::Confirm(budget)
}

/// A whole, positive amount below ten trillion; a fraction of a unit is
/// never rounded away.
pub(super) fn whole(micros: Micros) -> Option<u64> {
    if micros % ONE != 0 {
        return None;
    }
    let units = micros / ONE;
    (1..10_000_000_000_000)
        .contains(&units)
        .then_some(units as u64)
}
