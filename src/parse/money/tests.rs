use super::*;
use Currency::*;

fn at_most(amount: u64) -> Option<Budget> {
    Some(Budget::AtMost {
        amount,
        currency: None,
    })
}

fn at_least(amount: u64) -> Option<Budget> {
    Some(Budget::AtLeast {
        amount,
        currency: None,
    })
}

fn amount(amount: u64, currency: Option<Currency>) -> Option<Budget> {
    Some(Budget::Amount { amount, currency })
}

#[test]
fn plain_digits_with_western_or_indian_grouping() {
    assert_eq!(parse_budget("200,000"), amount(200_000, None));
    assert_eq!(parse_budget("2,00,000"), amount(200_000, None));
    assert_eq!(parse_budget("75000"), amount(75_000, None));
}

#[test]
fn a_budget_of_two_lakh_taka_in_bengali() {
    assert_eq!(parse_budget("২ লাখ টাকা"), amount(200_000, Some(Bdt)));
    assert_eq!(parse_budget("৫০ হাজার টাকা"), amount(50_000, Some(Bdt)));
    assert_eq!(parse_budget("৳৫০,০০০"), amount(50_000, Some(Bdt)));
    assert_eq!(parse_budget("১.৫ লক্ষ"), amount(150_000, None));
}

#[test]
fn rupees_in_hindi_and_english() {
    assert_eq!(parse_budget("2 लाख रुपये"), amount(200_000, Some(Inr)));
    assert_eq!(parse_budget("₹2,00,000"), amount(200_000, Some(Inr)));
    assert_eq!(parse_budget("Rs. 75,000/-"), amount(75_000, Some(Inr)));
    assert_eq!(parse_budget("1.5 crore"), amount(15_000_000, None));
    assert_eq!(parse_budget("५० हज़ार"), amount(50_000, None));
}

#[test]
fn k_and_glued_multipliers() {
    assert_eq!(parse_budget("50k"), amount(50_000, None));
    assert_eq!(parse_budget("50K tk"), amount(50_000, Some(Bdt)));
    assert_eq!(parse_budget("2L"), amount(200_000, None));
    assert_eq!(parse_budget("1cr"), amount(10_000_000, None));
    assert_eq!(parse_budget("$5000"), amount(5_000, Some(Usd)));
    assert_eq!(parse_budget("২লাখ"), amount(200_000, None));
}

#[test]
fn number_words_and_compounds() {
    assert_eq!(parse_budget("দুই লাখ টাকা"), amount(200_000, Some(Bdt)));
    assert_eq!(parse_budget("এক লাখ পঞ্চাশ হাজার"), amount(150_000, None));
    assert_eq!(parse_budget("२ लाख ५० हज़ार"), amount(250_000, None));
    assert_eq!(parse_budget("do lakh rupaye"), amount(200_000, Some(Inr)));
    assert_eq!(parse_budget("twenty five thousand"), amount(25_000, None));
    assert_eq!(parse_budget("ninety-nine thousand"), amount(99_000, None));
    assert_eq!(parse_budget("I can do 50k"), amount(50_000, None));
}

#[test]
fn fraction_words() {
    assert_eq!(parse_budget("দেড় লাখ"), amount(150_000, None));
    assert_eq!(parse_budget("আড়াই লাখ টাকা"), amount(250_000, Some(Bdt)));
    assert_eq!(parse_budget("সাড়ে তিন লাখ"), amount(350_000, None));
    assert_eq!(parse_budget("पौने दो लाख"), amount(175_000, None));
    assert_eq!(parse_budget("सवा लाख"), amount(125_000, None));
    assert_eq!(parse_budget("dedh lakh"), amount(150_000, None));
}

#[test]
fn ranges_apply_the_multiplier_to_both_ends() {
    let range = |min, max, currency| Some(Budget::Range { min, max, currency });
    assert_eq!(parse_budget("২-৩ লাখ"), range(200_000, 300_000, None));
    assert_eq!(
        parse_budget("50 to 60 thousand"),
        range(50_000, 60_000, None)
    );
    assert_eq!(
        parse_budget("৫০ থেকে ৬০ হাজার টাকা"),
        range(50_000, 60_000, Some(Bdt))
    );
    assert_eq!(parse_budget("2 से 3 लाख"), range(200_000, 300_000, None));
    assert_eq!(parse_budget("50k-80k"), range(50_000, 80_000, None));
    assert_eq!(
        parse_budget("দেড় থেকে দুই লাখ"),
        range(150_000, 200_000, None)
    );
    assert_eq!(parse_budget("3 - 2 lakh"), None);
}

#[test]
fn caps_and_floors_with_their_negations() {
    assert_eq!(parse_budget("3 लाख तक"), at_most(300_000));
    assert_eq!(parse_budget("under 1 lakh"), at_most(100_000));
    assert_eq!(parse_budget("৫০ হাজারের মধ্যে"), at_most(50_000));
    assert_eq!(parse_budget("not more than 50k"), at_most(50_000));
    assert_eq!(parse_budget("১ লাখের বেশি না"), at_most(100_000));
    assert_eq!(parse_budget("ज़्यादा से ज़्यादा 2 लाख"), at_most(200_000));
    assert_eq!(parse_budget("2 lakh+"), at_least(200_000));
    assert_eq!(parse_budget("at least 50k"), at_least(50_000));
    assert_eq!(parse_budget("2 लाख से ज़्यादा"), at_least(200_000));
    assert_eq!(parse_budget("কমপক্ষে ২ লাখ"), at_least(200_000));
}

#[test]
fn not_decided_is_a_valid_answer() {
    assert_eq!(parse_budget("not decided yet"), Some(Budget::Undecided));
    assert_eq!(parse_budget("এখনো ঠিক করিনি"), Some(Budget::Undecided));
    assert_eq!(parse_budget("अभी तय नहीं"), Some(Budget::Undecided));
}

#[test]
fn text_without_a_clear_amount_is_unclear() {
    for text in [
        "a lot",
        "lakh",
        "",
        "0",
        "1 2 3",
        "01712345678",
        "9876543210",
        "50k or 2 lakh",
        "৳5 or ₹5",
        "5abc",
        "-5000",
        "1.5,000",
    ] {
        assert_eq!(parse_budget(text), None, "{text}");
    }
}

#[test]
fn a_bound_denied_later_in_its_clause_is_the_opposite_bound_echoed_back() {
    let confirmed = |text| match read_budget(text) {
        Reading::Confirm(budget) => Some(budget),
        _ => None,
    };
    assert_eq!(
        confirmed("arai lakh er beshi dite parbo na"),
        at_most(250_000)
    );
    assert_eq!(confirmed("৫ লাখের কম না, দরকারে বাড়াবো"), at_least(500_000));
    assert_eq!(confirmed("50 hazar se kam nahi chalega"), at_least(50_000));
    // The bound's own words already negate: read as they are.
    assert_eq!(parse_budget("not more than 2 lakh"), at_most(200_000));
}

#[test]
fn multipliers_ranges_and_guessed_currencies_ask_for_confirmation() {
    let confirm = |text| matches!(read_budget(text), Reading::Confirm(_));
    assert!(confirm("2 lakh taka"));
    assert!(confirm("200000"));
    assert!(confirm("2-3 lakh tk"));
    assert!(!confirm("৳2,00,000"));
    assert!(!confirm("not decided"));
}

#[test]
fn a_misspelt_or_abbreviated_multiplier_is_read_and_echoed_back() {
    let confirmed = |text| match read_budget(text) {
        Reading::Confirm(budget) => Some(budget),
        _ => None,
    };
    for text in [
        "40 thousnd",
        "40 thosand",
        "40 hzr",
        "৪০ হাজর",
        "40 हजर",
        "40 thsnd taka",
    ] {
        assert_eq!(
            confirmed(text).and_then(|b| b.reach()).map(|r| r.0),
            Some(40_000),
            "{text}"
        );
    }
}

#[test]
fn an_unknown_word_beside_a_number_makes_the_answer_unclear() {
    for text in ["40 kilo", "50 bananas", "50 per cent", "50%"] {
        assert_eq!(read_budget(text), Reading::Unclear, "{text}");
    }
}

#[test]
fn a_bare_number_is_offered_as_thousands_or_lakhs() {
    let both = |a, b| {
        Reading::Choose(vec![
            Budget::Amount {
                amount: a,
                currency: None,
            },
            Budget::Amount {
                amount: b,
                currency: None,
            },
        ])
    };
    assert_eq!(read_budget("50"), both(50_000, 5_000_000));
    assert_eq!(read_budget("৫০"), both(50_000, 5_000_000));
    assert_eq!(read_budget("2.5"), both(2_500, 250_000));
    assert_eq!(read_budget("pachas"), both(50_000, 5_000_000));
}

#[test]
fn decimals_are_never_rounded() {
    assert_eq!(parse_budget("2.3 lakh"), amount(230_000, None));
    assert_eq!(parse_budget("1.2345678 lakh"), None);
    assert_eq!(parse_budget("1.234567 lakh"), None);
}

#[test]
fn between_x_and_y_in_three_languages() {
    let range = |min, max| {
        Some(Budget::Range {
            min,
            max,
            currency: None,
        })
    };
    assert_eq!(parse_budget("between 40 and 60k"), range(40_000, 60_000));
    assert_eq!(
        parse_budget("40 se 60 hazar ke beech"),
        range(40_000, 60_000)
    );
    assert_eq!(parse_budget("৪০ থেকে ৬০ হাজারের মধ্যে"), range(40_000, 60_000));
    assert_eq!(
        parse_budget("1 lakh ke andar"),
        Some(Budget::AtMost {
            amount: 100_000,
            currency: None
        })
    );
}

#[test]
fn spelled_out_numbers_keep_every_part() {
    assert_eq!(parse_budget("হাজার পাঁচশত টাকা"), amount(1_500, Some(Bdt)));
    assert_eq!(
        parse_budget("one million two hundred thirty thousand"),
        amount(1_230_000, None)
    );
    assert_eq!(
        parse_budget("one million, two hundred and thirty thousand"),
        amount(1_230_000, None)
    );
}

#[test]
fn a_self_correction_takes_the_amount_after_it_and_echoes_it() {
    for (text, amount) in [
        ("40k... nahi yaar 45k", 45_000),
        ("60k sorry I meant 80k", 80_000),
        ("৪০ হাজার... না না, ৩৫ হাজার", 35_000),
    ] {
        assert_eq!(
            read_budget(text),
            Reading::Confirm(Budget::Amount {
                amount,
                currency: None
            }),
            "{text}"
        );
    }
    // A denied bound is no correction: nothing follows the "না".
    assert!(!matches!(
        read_budget("৫ লাখের কম না"),
        Reading::Confirm(Budget::Amount { .. })
    ));
}
