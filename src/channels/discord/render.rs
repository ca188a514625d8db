//! A reply as Discord messages: content split to Discord's 2000 characters
//! on paragraph boundaries, buttons (custom id = the choice's payload, at
//! most 100 characters) on the last part, and no pings from what prospects
//! typed.

use crate::channels::text::split;
use crate::core::{Language, Outbound};
use crate::i18n::Localizer;
use serenity::builder::{CreateActionRow, CreateAllowedMentions, CreateButton, CreateMessage};
use serenity::model::application::ButtonStyle;

pub const MAX_CHARS: usize = 2000;
pub const MAX_CUSTOM_ID: usize = 100;
/// Discord's limits: five buttons a row, five rows, 80-character labels.
const PER_ROW: usize = 5;
const MAX_ROWS: usize = 5;
const MAX_LABEL: usize = 80;

pub fn render(localizer: &Localizer, outbound: &Outbound) -> Vec<CreateMessage> {
    let rendered = localizer.render_outbound(outbound);
    let rows = button_rows(localizer, outbound);
    let parts = split(&rendered.text, MAX_CHARS);
    let last = parts.len().saturating_sub(1);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, content)| {
            let message = CreateMessage::new()
                .content(content)
                // "@everyone" typed by a prospect must not ping a server.
                .allowed_mentions(CreateAllowedMentions::new());
            if i == last && !rows.is_empty() {
                message.components(rows.clone())
            } else {
                message
            }
        })
        .collect()
}

/// The text of an edit: one message. The line an update adds (the last
/// paragraph) and the one before it stay whole; what comes before them is
/// cut to fit.
pub fn edited_text(localizer: &Localizer, outbound: &Outbound) -> String {
    let language = outbound.language.unwrap_or(Language::En);
    match outbound.paragraphs.split_last() {
        Some((line, before)) if !before.is_empty() => {
            let head = before
                .iter()
                .map(|p| localizer.render(language, p))
                .collect::<Vec<_>>()
                .join("\n\n");
            crate::channels::text::with_paragraph(
                &head,
                &localizer.render(language, line),
                MAX_CHARS,
            )
        }
        _ => split(&localizer.render_outbound(outbound).text, MAX_CHARS)
            .into_iter()
            .next()
            .unwrap_or_default(),
    }
}

/// The message's buttons (and link), in rows as Discord allows them.
pub fn button_rows(localizer: &Localizer, outbound: &Outbound) -> Vec<CreateActionRow> {
    let rendered = localizer.render_outbound(outbound);
    let language = outbound.language.unwrap_or(Language::En);
    let mut buttons: Vec<CreateButton> = rendered
        .choices
        .iter()
        .filter(|(payload, _)| payload.len() <= MAX_CUSTOM_ID)
        .map(|(payload, label)| {
            CreateButton::new(payload.clone())
                .label(label.chars().take(MAX_LABEL).collect::<String>())
                .style(ButtonStyle::Primary)
        })
        .collect();
    if let Some(link) = &outbound.link {
        let label: String = localizer
            .render(language, &link.label)
            .chars()
            .take(MAX_LABEL)
            .collect();
        buttons.push(CreateButton::new_link(link.url.clone()).label(label));
    }
    buttons
        .chunks(PER_ROW)
        .take(MAX_ROWS)
        .map(|row| CreateActionRow::Buttons(row.to_vec()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Choice, Expect, Msg};

    #[test]
    fn a_long_reply_splits_under_2000_characters_with_buttons_last() {
        let localizer = Localizer::embedded();
        let outbound = Outbound {
            language: Some(Language::En),
            paragraphs: vec![Msg::new("help"); 20],
            choices: vec![Choice {
                payload: "need:website".into(),
                label: Msg::new("need-website"),
            }],
            expect: Expect::Text,
            link: None,
            ..Default::default()
        };
        let parts = render(&localizer, &outbound);
        assert!(parts.len() > 1);
        for (i, part) in parts.iter().enumerate() {
            let json = serde_json::to_value(part).unwrap();
            assert!(json["content"].as_str().unwrap().encode_utf16().count() <= MAX_CHARS);
            assert_eq!(json.get("components").is_some(), i == parts.len() - 1);
        }
    }

    #[test]
    fn choices_become_buttons_on_the_last_part() {
        let outbound = Outbound {
            language: Some(Language::Hi),
            paragraphs: vec![Msg::new("q-need")],
            choices: vec![Choice {
                payload: "need:website".into(),
                label: Msg::new("need-website"),
            }],
            expect: Expect::Text,
            link: None,
            ..Default::default()
        };
        let parts = render(&Localizer::embedded(), &outbound);
        assert_eq!(parts.len(), 1);
        let json = serde_json::to_value(&parts[0]).unwrap();
        assert_eq!(
            json["components"][0]["components"][0]["custom_id"],
            "need:website"
        );
        assert_eq!(
            json["components"][0]["components"][0]["label"],
            "वेबसाइट या ऐप"
        );
        assert_eq!(json["allowed_mentions"]["parse"], serde_json::json!([]));
    }
}
