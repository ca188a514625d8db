//! The questionnaire as data: which questions, in which order, of which kind,
//! with which options, and which answers meet their criterion.
//!
//! A file is read into loose `raw` structs first and then parsed into the
//! typed model, so that every problem is reported with the file and the
//! question it is in.

use super::answer::Budget;
use super::criterion::Criterion;
use crate::parse::choice::{Keyword, KeywordNearMisses};
use crate::parse::Authority;
use serde::Deserialize;
use std::collections::HashSet;

/// The questionnaire leadbot asks when the config names none.
pub const DEFAULT_TOML: &str = include_str!("../default_questionnaire.toml");

#[derive(Debug, Clone, PartialEq)]
pub struct Questionnaire {
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub criterion: Criterion,
    pub kind: QuestionKind,
    /// Message id of the question.
    pub prompt: String,
    pub options: Vec<ChoiceOption>,
    /// For yes/no questions: which answer meets the criterion.
    pub meets_when_yes: bool,
    /// Misspellings of the options' keywords, prepared on first use.
    pub near_misses: KeywordNearMisses,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    SingleChoice,
    YesNo,
    Money,
    Timeframe,
    FreeText,
    Phone,
    Email,
    /// A phone number or an e-mail address.
    Contact,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceOption {
    pub id: String,
    /// Message id of the label.
    pub label: String,
    /// Whether choosing it meets the question's criterion (single choice).
    pub meets: bool,
    pub value: OptionValue,
    /// Words that pick this option when typed (matched whole, any script).
    pub keywords: Vec<Keyword>,
    /// Free text matching no option is taken as this option plus the text.
    pub other: bool,
    pub follow_up: Option<FollowUp>,
    /// For authority questions: the role the option stands for, so that a
    /// free-text answer ("my boss decides") picks it.
    pub authority: Option<Authority>,
}

/// What choosing an option of a typed question means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionValue {
    Plain,
    /// Money question: "not decided yet".
    Undecided,
    /// Money question: a bracket offered after two answers the bot could not
    /// read; in the conversation's currency.
    Budget(Budget),
    /// Timeframe question: within this many days of the answer.
    WithinDays(u32),
    /// Timeframe question: within this many calendar months of the answer, so
    /// that a "within 3 months" button means what a person typing it means.
    WithinMonths(u32),
    /// Timeframe question: just exploring.
    NoRush,
}

impl ChoiceOption {
    /// Offered only once typed answers have failed twice (budget brackets).
    pub fn is_fallback(&self) -> bool {
        matches!(self.value, OptionValue::Budget(_))
    }
}

/// A free-text question asked right after an option is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub id: String,
    pub prompt: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum QuestionnaireError {
    #[error("questionnaire {source_name}: cannot read it: {reason}")]
    Unreadable { source_name: String, reason: String },
    #[error("questionnaire {source_name}: {reason}")]
    Invalid { source_name: String, reason: String },
    #[error("questionnaire {source_name}, question {question:?}: {problem}")]
    InQuestion {
        source_name: String,
        question: String,
        problem: String,
    },
}

impl Questionnaire {
    /// Adds each option's label, as `label_texts` renders it in every
    /// language, to the option's keywords. Labels that are only numbers or
    /// symbols are left out.
    pub fn with_label_keywords(
        mut self,
        label_texts: impl Fn(&str) -> Vec<String>,
    ) -> Questionnaire {
        for question in &mut self.questions {
            question.near_misses = KeywordNearMisses::default();
            for option in &mut question.options {
                for text in label_texts(&option.label) {
                    let has_letters = text.chars().any(|c| c.is_alphabetic());
                    if has_letters
                        && text != option.label
                        && !option.keywords.iter().any(|k| k.text() == text)
                    {
                        option.keywords.push(Keyword::new(text));
                    }
                }
            }
        }
        self
    }

    /// The built-in questionnaire.
    pub fn builtin() -> Questionnaire {
        Questionnaire::from_toml("built-in questionnaire", DEFAULT_TOML, |_| true)
            .expect("the built-in questionnaire is valid (tested)")
    }

    pub fn from_toml(
        source_name: &str,
        text: &str,
        message_exists: impl Fn(&str) -> bool,
    ) -> Result<Questionnaire, QuestionnaireError> {
        let raw: raw::File = toml::from_str(text).map_err(|e| QuestionnaireError::Invalid {
            source_name: source_name.to_owned(),
            reason: e.to_string().trim().replace('\n', " "),
        })?;
        Parser {
            source_name,
            message_exists: &message_exists,
        }
        .parse(raw)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Every message id the questionnaire uses.
    pub fn message_ids(&self) -> impl Iterator<Item = &str> {
        self.questions.iter().flat_map(|q| {
            std::iter::once(q.prompt.as_str()).chain(q.options.iter().flat_map(|o| {
                std::iter::once(o.label.as_str())
                    .chain(o.follow_up.iter().map(|f| f.prompt.as_str()))
            }))
        })
    }
}

impl Question {
    pub fn option(&self, id: &str) -> Option<&ChoiceOption> {
        self.options.iter().find(|o| o.id == id)
    }

    /// The option that takes free text matching no other option.
    pub fn other_option(&self) -> Option<&ChoiceOption> {
        self.options.iter().find(|o| o.other)
    }
}

mod raw {
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct File {
        #[serde(default)]
        pub questions: Vec<Question>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Question {
        pub id: String,
        pub criterion: String,
        pub kind: String,
        pub prompt: String,
        #[serde(default)]
        pub options: Vec<ChoiceOption>,
        pub meets_when: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct ChoiceOption {
        pub id: String,
        pub label: String,
        pub meets: Option<bool>,
        #[serde(default)]
        pub keywords: Vec<String>,
        #[serde(default)]
        pub other: bool,
        #[serde(default)]
        pub undecided: bool,
        pub at_most: Option<u64>,
        pub at_least: Option<u64>,
        pub range: Option<[u64; 2]>,
        pub authority: Option<crate::parse::Authority>,
        pub days: Option<u32>,
        pub months: Option<u32>,
        #[serde(default)]
        pub no_plan: bool,
        pub follow_up: Option<super::FollowUpRaw>,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FollowUpRaw {
    id: String,
    prompt: String,
}

struct Parser<'a> {
    source_name: &'a str,
    message_exists: &'a dyn Fn(&str) -> bool,
}

impl Parser<'_> {
    fn parse(&self, raw: raw::File) -> Result<Questionnaire, QuestionnaireError> {
        if raw.questions.is_empty() {
            return Err(self.invalid("it has no [[questions]]"));
        }
        let mut ids = HashSet::new();
        let mut questions = Vec::with_capacity(raw.questions.len());
        for question in raw.questions {
            let question = self.question(question)?;
            let answer_ids = std::iter::once(question.id.clone()).chain(
                question
                    .options
                    .iter()
                    .filter_map(|o| o.follow_up.as_ref().map(|f| f.id.clone())),
            );
            for id in answer_ids {
                if !ids.insert(id.clone()) {
                    return Err(
                        self.in_question(&question.id, format!("the id {id:?} is used twice"))
                    );
                }
            }
            questions.push(question);
        }
        for criterion in Criterion::BANT {
            if !questions.iter().any(|q| q.criterion == criterion) {
                return Err(self.invalid(&format!(
                    "no question asks for {criterion}: each of budget, authority, need and timeframe needs one"
                )));
            }
        }
        Ok(Questionnaire { questions })
    }

    fn question(&self, raw: raw::Question) -> Result<Question, QuestionnaireError> {
        let id = raw.id;
        let problem = |problem: String| self.in_question(&id, problem);
        check_id(&id).map_err(&problem)?;
        let criterion = Criterion::parse(&raw.criterion).ok_or_else(|| {
            problem(format!(
                "unknown criterion {:?}: use budget, authority, need, timeframe, contact or profile",
                raw.criterion
            ))
        })?;
        let kind = parse_kind(&raw.kind).ok_or_else(|| {
            problem(format!(
                "unknown kind {:?}: use single_choice, yes_no, money, timeframe, free_text, phone, email or contact",
                raw.kind
            ))
        })?;
        self.message(&raw.prompt).map_err(&problem)?;

        let meets_when_yes = match (kind, raw.meets_when.as_deref()) {
            (QuestionKind::YesNo, None | Some("yes")) => true,
            (QuestionKind::YesNo, Some("no")) => false,
            (QuestionKind::YesNo, Some(other)) => {
                return Err(problem(format!(
                    "meets_when is {other:?}: use \"yes\" or \"no\""
                )))
            }
            (_, Some(_)) => return Err(problem("meets_when is only for yes_no questions".into())),
            (_, None) => true,
        };

        let takes_options = matches!(
            kind,
            QuestionKind::SingleChoice | QuestionKind::Money | QuestionKind::Timeframe
        );
        if !takes_options && !raw.options.is_empty() {
            return Err(problem(format!("a {} question takes no options", raw.kind)));
        }
        if raw.options.len() > MAX_OPTIONS {
            return Err(problem(format!(
                "{} options are more than {MAX_OPTIONS}, the buttons Discord shows",
                raw.options.len()
            )));
        }
        if kind == QuestionKind::SingleChoice && raw.options.len() < 2 {
            return Err(problem(
                "a single_choice question needs at least two options".into(),
            ));
        }

        let mut option_ids = HashSet::new();
        let mut options = Vec::with_capacity(raw.options.len());
        for option in raw.options {
            if !option_ids.insert(option.id.clone()) {
                return Err(problem(format!("option {:?} appears twice", option.id)));
            }
            options.push(self.option(kind, option).map_err(&problem)?);
        }
        if options.iter().filter(|o| o.other).count() > 1 {
            return Err(problem("only one option may be `other = true`".into()));
        }

        Ok(Question {
            id,
            criterion,
            kind,
            prompt: raw.prompt,
            options,
            meets_when_yes,
            near_misses: KeywordNearMisses::default(),
        })
    }

    fn option(&self, kind: QuestionKind, raw: raw::ChoiceOption) -> Result<ChoiceOption, String> {
        let at = |problem: String| format!("option {:?}: {problem}", raw.id);
        check_id(&raw.id).map_err(at)?;
        self.message(&raw.label).map_err(at)?;
        let value = match kind {
            QuestionKind::SingleChoice => {
                let typed = raw.undecided
                    || raw.days.is_some()
                    || raw.months.is_some()
                    || raw.no_plan
                    || raw.at_most.is_some()
                    || raw.at_least.is_some()
                    || raw.range.is_some();
                if typed {
                    return Err(at(
                        "undecided, at_most, at_least, range, days, months and no_plan belong to money and timeframe questions"
                            .into(),
                    ));
                }
                OptionValue::Plain
            }
            QuestionKind::Money => match (raw.undecided, raw.at_most, raw.at_least, raw.range) {
                (true, None, None, None) => OptionValue::Undecided,
                (false, Some(amount), None, None) => OptionValue::Budget(Budget::AtMost {
                    amount,
                    currency: None,
                }),
                (false, None, Some(amount), None) => OptionValue::Budget(Budget::AtLeast {
                    amount,
                    currency: None,
                }),
                (false, None, None, Some([min, max])) if min < max => {
                    OptionValue::Budget(Budget::Range {
                        min,
                        max,
                        currency: None,
                    })
                }
                _ => {
                    return Err(at(
                        "an option of a money question needs exactly one of `undecided = true`, `at_most = N`, `at_least = N` or `range = [MIN, MAX]` (MIN < MAX)".into(),
                    ))
                }
            },
            QuestionKind::Timeframe => match (raw.days, raw.months, raw.no_plan) {
                // The engine adds the days to today's date: millions of
                // years would overflow the calendar mid-conversation.
                (Some(days), None, false) if days > MAX_OPTION_DAYS => {
                    return Err(at(format!(
                        "`days = {days}` is more than {MAX_OPTION_DAYS} (100 years)"
                    )))
                }
                (None, Some(months), false) if months > MAX_OPTION_MONTHS => {
                    return Err(at(format!(
                        "`months = {months}` is more than {MAX_OPTION_MONTHS} (100 years)"
                    )))
                }
                (Some(days), None, false) => OptionValue::WithinDays(days),
                (None, Some(months), false) => OptionValue::WithinMonths(months),
                (None, None, true) => OptionValue::NoRush,
                _ => return Err(at(
                    "an option of a timeframe question needs exactly one of `days = N`, `months = N` or `no_plan = true`"
                        .into(),
                )),
            },
            _ => unreachable!("options are refused for other kinds before this"),
        };
        if raw.authority.is_some() && kind != QuestionKind::SingleChoice {
            return Err(at("`authority` is for single_choice options".into()));
        }
        if kind != QuestionKind::SingleChoice && (raw.meets.is_some() || raw.other) {
            return Err(at(
                "`meets` and `other` are for single_choice options; money and timeframe answers are scored by the [scoring] thresholds".into(),
            ));
        }
        let follow_up = match raw.follow_up {
            None => None,
            Some(f) => {
                check_id(&f.id).map_err(|p| at(format!("follow_up: {p}")))?;
                self.message(&f.prompt)
                    .map_err(|p| at(format!("follow_up: {p}")))?;
                Some(FollowUp {
                    id: f.id,
                    prompt: f.prompt,
                })
            }
        };
        if raw.other && follow_up.is_none() {
            return Err(at(
                "an `other = true` option needs a follow_up question for the text".into(),
            ));
        }
        Ok(ChoiceOption {
            id: raw.id,
            label: raw.label,
            meets: raw.meets.unwrap_or(false),
            value,
            keywords: raw.keywords.into_iter().map(Keyword::new).collect(),
            other: raw.other,
            follow_up,
            authority: raw.authority,
        })
    }

    fn message(&self, id: &str) -> Result<(), String> {
        if (self.message_exists)(id) {
            Ok(())
        } else {
            Err(format!(
                "message id {id:?} is missing from the locales: add it to locales/{{en,bn,hi}}/*.ftl"
            ))
        }
    }

    fn invalid(&self, reason: &str) -> QuestionnaireError {
        QuestionnaireError::Invalid {
            source_name: self.source_name.to_owned(),
            reason: reason.to_owned(),
        }
    }

    fn in_question(&self, question: &str, problem: String) -> QuestionnaireError {
        QuestionnaireError::InQuestion {
            source_name: self.source_name.to_owned(),
            question: question.to_owned(),
            problem,
        }
    }
}

fn parse_kind(kind: &str) -> Option<QuestionKind> {
    Some(match kind {
        "single_choice" => QuestionKind::SingleChoice,
        "yes_no" => QuestionKind::YesNo,
        "money" => QuestionKind::Money,
        "timeframe" => QuestionKind::Timeframe,
        "free_text" => QuestionKind::FreeText,
        "phone" => QuestionKind::Phone,
        "email" => QuestionKind::Email,
        "contact" => QuestionKind::Contact,
        _ => return None,
    })
}

/// The most options a question may have: Discord shows 25 buttons.
pub const MAX_OPTIONS: usize = 25;

/// The most days a timeframe option may give.
pub const MAX_OPTION_DAYS: u32 = 36_500;
/// The most months a timeframe option may give.
pub const MAX_OPTION_MONTHS: u32 = 1_200;

/// Ids end up in button payloads and export column names: keep them short
/// and plain.
fn check_id(id: &str) -> Result<(), String> {
    let plain = id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if id.is_empty() || id.len() > 24 || !plain {
        return Err(format!(
            "the id {id:?} must be 1 to 24 characters of a-z, 0-9 and _"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
