//! Reading one answer to one question: a button's option, or text through
//! the parsers, into a value, a reading to confirm, or unclear.

use super::*;

pub(super) fn parse_answer(
    question: &Question,
    given: &Given<'_>,
    today: NaiveDate,
    fallback: bool,
) -> Parsed {
    if let Given::Choice { payload, .. } = given {
        let Some(option) = Button::option_of(payload, &question.id) else {
            return Parsed::Stale;
        };
        if question.kind == QuestionKind::YesNo {
            return match option {
                "yes" => Parsed::Value(AnswerValue::YesNo { yes: true }),
                "no" => Parsed::Value(AnswerValue::YesNo { yes: false }),
                _ => Parsed::Stale,
            };
        }
        return match question.option(option) {
            Some(option) => option_answer(question, option, None, today),
            None => Parsed::Stale,
        };
    }
    let text = given.raw();
    if text.trim().is_empty() {
        return Parsed::Unclear;
    }
    // The options on screen first: "not decided", "this month", a keyword.
    let visible: Vec<&ChoiceOption> = question
        .options
        .iter()
        .filter(|o| fallback || !o.is_fallback())
        .collect();
    let words: Vec<_> = visible
        .iter()
        .map(|o| OptionWords {
            id: &o.id,
            keywords: &o.keywords,
        })
        .collect();
    let picked = parse::pick_option(text, &words);
    if let Picked::One(index) = picked {
        return option_answer(question, visible[index], None, today);
    }
    match question.kind {
        QuestionKind::SingleChoice => {
            // "Don't know" is no need, no role: asked once more, then
            // recorded as not known.
            if parse::is_dont_know(text) {
                return Parsed::DontKnow;
            }
            if parse::is_deferral(text) {
                return Parsed::Unclear;
            }
            if let Some(parsed) = authority_answer(question, text, today) {
                return parsed;
            }
            // Words of two options, an option number that is none, or a
            // misspelt keyword ("websit", "custmers"): shown the options
            // again, never taken as "something else".
            let named: Vec<_> = question
                .options
                .iter()
                .filter(|o| !o.other)
                .map(|o| OptionWords {
                    id: &o.id,
                    keywords: &o.keywords,
                })
                .collect();
            if picked != Picked::Nothing || question.near_misses.any_in(text, &named) {
                return Parsed::Unclear;
            }
            match question.other_option() {
                // Text that is no option is the "something else" detail, if it
                // says something: not a number, an emoji, "ok" or "hmm".
                Some(other) if describes_something(text) => {
                    option_answer(question, other, Some(text.trim()), today)
                }
                _ => Parsed::Unclear,
            }
        }
        QuestionKind::YesNo => match parse::parse_yes_no(text) {
            YesNo::Yes => Parsed::Value(AnswerValue::YesNo { yes: true }),
            YesNo::No => Parsed::Value(AnswerValue::YesNo { yes: false }),
            YesNo::Unclear => Parsed::Unclear,
        },
        QuestionKind::Money => match parse::read_budget(text) {
            Reading::Sure(budget) => Parsed::Value(AnswerValue::Budget { budget }),
            Reading::Confirm(budget) => Parsed::Confirm(budget),
            Reading::Choose(budgets) => Parsed::Pick(
                budgets
                    .into_iter()
                    .map(|budget| AnswerValue::Budget { budget })
                    .collect(),
            ),
            Reading::Unclear => Parsed::Unclear,
        },
        QuestionKind::Timeframe => match parse::read_timeframe(text, today) {
            Reading::Sure(timeframe) => Parsed::Value(AnswerValue::Timeframe { timeframe }),
            Reading::Confirm(timeframe) => Parsed::Pick(vec![AnswerValue::Timeframe { timeframe }]),
            Reading::Choose(timeframes) => Parsed::Pick(
                timeframes
                    .into_iter()
                    .map(|timeframe| AnswerValue::Timeframe { timeframe })
                    .collect(),
            ),
            Reading::Unclear => Parsed::Unclear,
        },
        QuestionKind::FreeText => Parsed::Value(AnswerValue::Text {
            text: kept(text.trim()),
        }),
        QuestionKind::Phone => parse::parse_phone(text).map_or(Parsed::Unclear, contact_value),
        QuestionKind::Email => parse::parse_email(text).map_or(Parsed::Unclear, contact_value),
        QuestionKind::Contact => parse::parse_contact(text).map_or(Parsed::Unclear, contact_value),
    }
}

/// "my boss decides", "आमि আর আমার পার্টনার": the authority parser picks the
/// option standing for that role. Text that names who else decides is kept
/// as the follow-up's answer instead of asking "who?".
pub(super) fn authority_answer(
    question: &Question,
    text: &str,
    today: NaiveDate,
) -> Option<Parsed> {
    // Only a question with role options reads roles (not the need question).
    if question.options.iter().all(|o| o.authority.is_none()) {
        return None;
    }
    let role = parse::parse_authority(text)?;
    let option = question
        .options
        .iter()
        .find(|o| o.authority == Some(role))?;
    let says_who =
        role == parse::Authority::Influences && parse::tokens(&parse::normalize(text)).len() >= 2;
    Some(option_answer(
        question,
        option,
        says_who.then(|| text.trim()),
        today,
    ))
}

/// A yes/no answer given by the `prefix:yes` / `prefix:no` buttons or typed.
pub(super) fn yes_or_no(given: &Given<'_>, buttons: YesNoButtons) -> YesNo {
    match given {
        Given::Choice { payload, .. } => match Button::parse(payload).yes_no(buttons) {
            Some(true) => YesNo::Yes,
            Some(false) => YesNo::No,
            None => YesNo::Unclear,
        },
        Given::Text(text) => parse::parse_yes_no(text),
        Given::Contact(_) => YesNo::Unclear,
    }
}

pub(super) fn contact_value(value: ContactValue) -> Parsed {
    Parsed::Value(match value {
        ContactValue::Phone { e164 } => AnswerValue::Phone { e164 },
        ContactValue::Email { address } => AnswerValue::Email { address },
    })
}

/// Whether free text could describe a need: a few letters that are not a
/// yes or no.
pub(super) fn describes_something(text: &str) -> bool {
    let normalized = parse::normalize(text);
    let letters = normalized
        .chars()
        .filter(|c| !c.is_ascii_digit() && parse::normalize::is_word_char(*c))
        .count();
    // A question back ("why?", "keno?") describes nothing either.
    letters >= 3
        && !text.trim_end().ends_with('?')
        && !parse::asks_back(text)
        && parse::parse_yes_no(text) == YesNo::Unclear
        && !parse::is_filler(text)
}

pub(super) fn option_answer(
    question: &Question,
    option: &ChoiceOption,
    detail: Option<&str>,
    today: NaiveDate,
) -> Parsed {
    match option.value {
        OptionValue::Undecided => Parsed::Value(AnswerValue::Budget {
            budget: Budget::Undecided,
        }),
        OptionValue::Budget(budget) => Parsed::Value(AnswerValue::Budget { budget }),
        OptionValue::WithinDays(days) => Parsed::Value(AnswerValue::Timeframe {
            timeframe: Timeframe::By {
                date: today + Days::new(u64::from(days)),
                event: None,
            },
        }),
        OptionValue::WithinMonths(months) => Parsed::Value(AnswerValue::Timeframe {
            timeframe: Timeframe::By {
                // At most 1,200 months (checked at load), so this never
                // leaves the calendar; the days are a safe fallback anyway.
                date: today
                    .checked_add_months(chrono::Months::new(months))
                    .unwrap_or(today + Days::new(u64::from(months) * 30)),
                event: None,
            },
        }),
        OptionValue::NoRush => Parsed::Value(AnswerValue::Timeframe {
            timeframe: Timeframe::NoRush,
        }),
        OptionValue::Plain => {
            debug_assert_eq!(question.kind, QuestionKind::SingleChoice);
            Parsed::Option {
                option: option.id.clone(),
                follow_up: option
                    .follow_up
                    .as_ref()
                    .map(|f| (f.id.clone(), detail.map(str::to_owned))),
            }
        }
    }
}
