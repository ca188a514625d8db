//! A reply as Telegram messages: HTML-escaped text split to Telegram's 4096
//! characters on paragraph boundaries, with inline buttons (callback data is
//! the choice's payload, at most 64 bytes), a "share my phone number" button,
//! or a link button.

use crate::channels::text::{split, with_paragraph};
use crate::core::message::ids;
use crate::core::{Expect, Msg, Outbound};
use crate::i18n::Localizer;
use teloxide::types::{
    ButtonRequest, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, KeyboardMarkup,
    ReplyMarkup,
};

/// Telegram's limit for one message's text.
pub const MAX_CHARS: usize = 4096;
/// Telegram's limit for callback data.
pub const MAX_CALLBACK_BYTES: usize = 64;
/// Telegram's limit for the note shown when a button is pressed.
pub const MAX_NOTE_CHARS: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct Outgoing {
    /// HTML, escaped.
    pub html: String,
    pub markup: Option<ReplyMarkup>,
    /// Edit this earlier message of the chat instead of sending a new one.
    pub edit: Option<i32>,
    /// Send a file (name, content) instead of text.
    pub document: Option<(String, String)>,
}

pub fn render(localizer: &Localizer, outbound: &Outbound) -> Vec<Outgoing> {
    let rendered = localizer.render_outbound(outbound);
    if let Some(edit) = &outbound.edit {
        // Ids come from Telegram's own answers; one that is no message id
        // names nothing to edit.
        let Some(message) = edit.parse::<i32>().ok().filter(|id| *id > 0) else {
            return Vec::new();
        };
        // An edit is one message. The line a sales action adds (the last
        // paragraph) and the one before it stay whole; what comes before
        // them is cut to fit.
        let language = outbound.language.unwrap_or(crate::core::Language::En);
        let text = match outbound.paragraphs.split_last() {
            Some((line, before)) if !before.is_empty() => {
                let head = before
                    .iter()
                    .map(|p| localizer.render(language, p))
                    .collect::<Vec<_>>()
                    .join("\n\n");
                with_paragraph(&head, &localizer.render(language, line), MAX_CHARS)
            }
            _ => split(&rendered.text, MAX_CHARS)
                .into_iter()
                .next()
                .unwrap_or_default(),
        };
        // Its buttons replace the message's; none removes them.
        let markup = (!rendered.choices.is_empty()).then(|| {
            ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(rendered.choices.iter().map(
                |(payload, label)| {
                    [InlineKeyboardButton::callback(
                        label.clone(),
                        payload.clone(),
                    )]
                },
            )))
        });
        return vec![Outgoing {
            html: escape_html(&text),
            edit: Some(message),
            markup,
            ..Default::default()
        }];
    }
    let language = outbound.language.unwrap_or(crate::core::Language::En);
    let markup = if let Some(link) = &outbound.link {
        url::Url::parse(&link.url).ok().map(|url| {
            let label = localizer.render(language, &link.label);
            ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new([[InlineKeyboardButton::url(
                label, url,
            )]]))
        })
    } else if !rendered.choices.is_empty() {
        let rows = rendered
            .choices
            .iter()
            .filter(|(payload, _)| payload.len() <= MAX_CALLBACK_BYTES)
            .map(|(payload, label)| {
                [InlineKeyboardButton::callback(
                    label.clone(),
                    payload.clone(),
                )]
            });
        Some(ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(rows)))
    } else if outbound.expect == Expect::Contact {
        let label = localizer.render(language, &Msg::new(ids::TELEGRAM_SHARE_CONTACT));
        let button = KeyboardButton::new(label).request(ButtonRequest::Contact);
        Some(ReplyMarkup::Keyboard(
            KeyboardMarkup::new([[button]])
                .resize_keyboard()
                .one_time_keyboard(),
        ))
    } else {
        // Take away a "share my phone number" keyboard once it is answered.
        Some(ReplyMarkup::kb_remove())
    };
    let chunks = split(&rendered.text, MAX_CHARS);
    let last = chunks.len().saturating_sub(1);
    let mut parts: Vec<Outgoing> = chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| Outgoing {
            html: escape_html(&chunk),
            // The buttons go with the last part, under the question.
            markup: if i == last { markup.clone() } else { None },
            ..Default::default()
        })
        .collect();
    if let Some(document) = &outbound.document {
        parts.push(Outgoing {
            document: Some((document.file_name.clone(), document.content.clone())),
            ..Default::default()
        });
    }
    parts
}

/// Escapes text for Telegram's HTML parse mode: only &, < and > need it.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Choice, Language, Link};

    #[test]
    fn html_special_characters_are_escaped() {
        assert_eq!(
            escape_html("<b>Tom & Jerry</b>"),
            "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;"
        );
    }

    fn outbound() -> Outbound {
        Outbound {
            language: Some(Language::Bn),
            paragraphs: vec![Msg::new("q-need")],
            choices: Vec::new(),
            expect: Expect::Text,
            link: None,
            ..Default::default()
        }
    }

    #[test]
    fn choices_become_inline_buttons_with_their_payloads() {
        let mut reply = outbound();
        reply.choices = vec![Choice {
            payload: "need:website".into(),
            label: Msg::new("need-website"),
        }];
        let rendered = render(&Localizer::embedded(), &reply);
        let Some(ReplyMarkup::InlineKeyboard(keyboard)) = &rendered[0].markup else {
            panic!("no inline keyboard");
        };
        let json = serde_json::to_value(keyboard).unwrap();
        assert_eq!(
            json["inline_keyboard"][0][0]["callback_data"],
            "need:website"
        );
        assert_eq!(json["inline_keyboard"][0][0]["text"], "ওয়েবসাইট বা অ্যাপ");
    }

    #[test]
    fn the_phone_question_offers_the_share_contact_button() {
        let mut reply = outbound();
        reply.expect = Expect::Contact;
        let rendered = render(&Localizer::embedded(), &reply);
        let json = serde_json::to_value(rendered[0].markup.as_ref().unwrap()).unwrap();
        assert_eq!(json["keyboard"][0][0]["request_contact"], true);
    }

    #[test]
    fn a_link_becomes_a_url_button() {
        let mut reply = outbound();
        reply.link = Some(Link {
            label: Msg::new("group-open-chat"),
            url: "https://t.me/leadbot?start=group".into(),
        });
        let rendered = render(&Localizer::embedded(), &reply);
        let json = serde_json::to_value(rendered[0].markup.as_ref().unwrap()).unwrap();
        assert_eq!(
            json["inline_keyboard"][0][0]["url"],
            "https://t.me/leadbot?start=group"
        );
    }
}
