//! Localization: renders the core's message ids in Bengali, Hindi or English
//! with Fluent. Missing ids fall back to English with a warning, never to
//! silence.

pub mod numbers;

use crate::core::{Arg, Language, Msg, Outbound};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::path::Path;
use unic_langid::LanguageIdentifier;

/// The locale files compiled into the binary, so that it runs anywhere.
const EMBEDDED: &[(Language, &str, &str)] = &[
    (
        Language::En,
        "conversation.ftl",
        include_str!("../../locales/en/conversation.ftl"),
    ),
    (
        Language::En,
        "questions.ftl",
        include_str!("../../locales/en/questions.ftl"),
    ),
    (
        Language::En,
        "summary.ftl",
        include_str!("../../locales/en/summary.ftl"),
    ),
    (
        Language::Bn,
        "conversation.ftl",
        include_str!("../../locales/bn/conversation.ftl"),
    ),
    (
        Language::Bn,
        "questions.ftl",
        include_str!("../../locales/bn/questions.ftl"),
    ),
    (
        Language::Bn,
        "summary.ftl",
        include_str!("../../locales/bn/summary.ftl"),
    ),
    (
        Language::Hi,
        "conversation.ftl",
        include_str!("../../locales/hi/conversation.ftl"),
    ),
    (
        Language::Hi,
        "questions.ftl",
        include_str!("../../locales/hi/questions.ftl"),
    ),
    (
        Language::Hi,
        "summary.ftl",
        include_str!("../../locales/hi/summary.ftl"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum LocaleError {
    #[error("locale file {path}: cannot read it: {source}")]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    #[error("locale file {path}: syntax error: {detail}")]
    Syntax { path: String, detail: String },
}

/// One text rendered for a channel: the paragraphs joined, and the labels of
/// the choices with their payloads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub choices: Vec<(String, String)>,
}

pub struct Localizer {
    bundles: Vec<(Language, FluentBundle<FluentResource>)>,
}

impl Localizer {
    /// The embedded locales only.
    pub fn embedded() -> Localizer {
        Localizer::load(None).expect("the embedded locales parse (tested)")
    }

    /// The embedded locales, then every `*.ftl` under `dir/{en,bn,hi}/`,
    /// whose messages add to or replace the embedded ones (a business's own
    /// option labels and wording).
    pub fn load(dir: Option<&Path>) -> Result<Localizer, LocaleError> {
        let mut bundles = Vec::new();
        for language in Language::ALL {
            let id: LanguageIdentifier = language.code().parse().expect("valid language code");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // All three scripts run left to right: isolation marks would only
            // end up as junk characters in chat clients.
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(match language {
                Language::En => format_en,
                Language::Bn => format_bn,
                Language::Hi => format_hi,
            }));
            for (_, name, source) in EMBEDDED.iter().filter(|(l, _, _)| *l == language) {
                let path = format!("locales/{}/{name} (embedded)", language.code());
                add(&mut bundle, &path, source.to_string())?;
            }
            if let Some(dir) = dir {
                for path in ftl_files(&dir.join(language.code()))? {
                    let display = path.display().to_string();
                    let source = std::fs::read_to_string(&path).map_err(|source| {
                        LocaleError::Unreadable {
                            path: display.clone(),
                            source,
                        }
                    })?;
                    add(&mut bundle, &display, source)?;
                }
            }
            bundles.push((language, bundle));
        }
        Ok(Localizer { bundles })
    }

    fn bundle(&self, language: Language) -> &FluentBundle<FluentResource> {
        &self
            .bundles
            .iter()
            .find(|(l, _)| *l == language)
            .expect("a bundle per language")
            .1
    }

    /// Whether the id is defined in every language.
    pub fn has_everywhere(&self, id: &str) -> bool {
        self.bundles.iter().all(|(_, b)| b.has_message(id))
    }

    /// Renders one message; a missing id falls back to English, then to the
    /// id itself, with a warning either way.
    pub fn render(&self, language: Language, msg: &Msg) -> String {
        let mut args = FluentArgs::new();
        for (name, arg) in &msg.args {
            let value: FluentValue = match arg {
                Arg::Text(text) => text.clone().into(),
                Arg::Int(n) => (*n).into(),
                Arg::Money(money) => numbers::format_money(*money, language).into(),
                Arg::Date(date) => {
                    // Also as `$<name>-genitive`, the form a date takes
                    // before a postposition (Bengali "…মার্চের মধ্যে").
                    let genitive = self.render(language, &date_msg(*date, language, "genitive"));
                    args.set(format!("{name}-genitive"), genitive);
                    self.render(language, &date_msg(*date, language, "plain"))
                        .into()
                }
                Arg::Msg(inner) => self.render(language, inner).into(),
                Arg::Digits(text) => numbers::localize_digits(text, language).into(),
            };
            args.set(name.clone(), value);
        }
        for candidate in [language, Language::En] {
            let bundle = self.bundle(candidate);
            let Some(pattern) = bundle.get_message(&msg.id).and_then(|m| m.value()) else {
                tracing::warn!(id = %msg.id, locale = %candidate, "message id missing from the locale");
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(id = %msg.id, locale = %candidate, errors = ?errors, "message rendered with errors");
            }
            return text.into_owned();
        }
        msg.id.clone()
    }

    /// Renders a whole reply; with no language yet, in English (the
    /// language question itself is trilingual).
    pub fn render_outbound(&self, outbound: &Outbound) -> Rendered {
        let language = outbound.language.unwrap_or(Language::En);
        let text = outbound
            .paragraphs
            .iter()
            .map(|p| self.render(language, p))
            .collect::<Vec<_>>()
            .join("\n\n");
        let choices = outbound
            .choices
            .iter()
            .map(|c| (c.payload.clone(), self.render(language, &c.label)))
            .collect();
        Rendered { text, choices }
    }
}

/// "30 November 2026" in the language's words and digits, in `case`
/// ("plain" or "genitive").
fn date_msg(date: chrono::NaiveDate, language: Language, case: &str) -> Msg {
    use chrono::Datelike;
    Msg::new(crate::core::message::ids::DATE_FULL)
        .text("case", case)
        .int("day", i64::from(date.day()))
        .msg("month", Msg::new(format!("month-{}", date.month())))
        .msg(
            "month-genitive",
            Msg::new(format!("month-genitive-{}", date.month())),
        )
        // A year is not a quantity: no thousands separator.
        .text(
            "year",
            numbers::localize_digits(&date.year().to_string(), language),
        )
}

fn add(
    bundle: &mut FluentBundle<FluentResource>,
    path: &str,
    source: String,
) -> Result<(), LocaleError> {
    let resource = FluentResource::try_new(source).map_err(|(_, errors)| LocaleError::Syntax {
        path: path.to_owned(),
        detail: errors
            .iter()
            .map(|e| format!("{e:?}"))
            .collect::<Vec<_>>()
            .join("; "),
    })?;
    bundle.add_resource_overriding(resource);
    Ok(())
}

fn ftl_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, LocaleError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        // A business may override only some languages.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(LocaleError::Unreadable {
                path: dir.display().to_string(),
                source,
            })
        }
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    Ok(files)
}

fn format_number(value: &FluentValue, language: Language) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let n = number.value;
    if n.fract() != 0.0 || n.abs() >= 9e15 {
        return None;
    }
    Some(numbers::format_integer(n as i64, language))
}

fn format_en(
    value: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    format_number(value, Language::En)
}

fn format_bn(
    value: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    format_number(value, Language::Bn)
}

fn format_hi(
    value: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    format_number(value, Language::Hi)
}

#[cfg(test)]
#[path = "locale_tests.rs"]
mod tests;
