//! The console chat: one prospect talking to the bot in a terminal, with the
//! same engine, storage and outbox as every other channel.

use crate::core::message::ids;
use crate::core::payload::Button;
use crate::core::{Channel, Command, ConversationKey, Inbound, Input, Language, Msg, Profile};
use crate::i18n::Localizer;
use crate::service::{Handled, Qualifier};
use crate::storage::OutboxMessage;
use chrono::Utc;
use std::sync::Arc;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWrite, AsyncWriteExt};

pub struct ConsoleChat {
    pub qualifier: Arc<Qualifier>,
    pub localizer: Arc<Localizer>,
    pub user: String,
    /// The name to greet; none for the anonymous default user.
    pub display_name: Option<String>,
    pub language: Option<Language>,
    pub source: Option<String>,
}

/// Lines that end the console session (the terminal's own "close the chat").
const QUIT: &[&str] = &["/quit", "/exit"];

impl ConsoleChat {
    fn key(&self) -> ConversationKey {
        ConversationKey::new(Channel::Console, self.user.clone())
    }

    fn inbound(&self, input: Input) -> Inbound {
        Inbound {
            key: self.key(),
            idempotency_key: uuid::Uuid::new_v4().to_string(),
            at: Utc::now(),
            profile: Profile {
                display_name: self.display_name.clone(),
                language_hint: self.language,
                link: Some(format!("console:{}", self.user)),
                reachable: false,
            },
            input,
        }
    }

    /// Runs until end of input or /quit.
    pub async fn run<R, W>(&self, mut input: R, mut output: W) -> anyhow::Result<()>
    where
        R: AsyncBufRead + Unpin,
        W: AsyncWrite + Unpin,
    {
        // Replies committed before a crash but never shown go out first.
        self.deliver_pending(&mut output).await?;
        // `--lang` on a conversation held in another language switches it,
        // as the language button would; otherwise start or resume.
        let stored = self.qualifier.language_of(&self.key()).await.ok().flatten();
        let first = match (self.language, stored) {
            (Some(wanted), Some(current)) if wanted != current => Input::Choice {
                payload: Button::Language(wanted).payload(),
            },
            _ => Input::Command(Command::Start {
                payload: self.source.clone(),
            }),
        };
        self.send(first, &mut output).await?;
        let mut line = String::new();
        loop {
            output.write_all(b"> ").await?;
            output.flush().await?;
            line.clear();
            if input.read_line(&mut line).await? == 0 {
                output.write_all(b"\n").await?;
                break;
            }
            let text = line.trim();
            if text.is_empty() {
                continue;
            }
            if QUIT.contains(&text.to_ascii_lowercase().as_str()) {
                break;
            }
            let input = match Command::parse(text) {
                Some(command) => Input::Command(command),
                None => Input::Text {
                    text: text.to_owned(),
                },
            };
            self.send(input, &mut output).await?;
        }
        output.flush().await?;
        Ok(())
    }

    async fn send<W: AsyncWrite + Unpin>(
        &self,
        input: Input,
        output: &mut W,
    ) -> anyhow::Result<()> {
        let inbound = self.inbound(input);
        match self.qualifier.handle(&inbound).await {
            Ok(Handled::Committed { outbox, .. }) => self.deliver(&outbox, output).await,
            Ok(Handled::Duplicate) => Ok(()),
            Err(error) => {
                // The operator gets the cause in the log; the prospect a kind
                // word in their language, and the message can simply be sent again.
                tracing::error!(%error, "could not handle a console message");
                let language = self.conversation_language().await;
                let apology = self
                    .localizer
                    .render(language, &Msg::new(ids::INTERNAL_ERROR));
                output
                    .write_all(format!("\n{apology}\n").as_bytes())
                    .await?;
                Ok(())
            }
        }
    }

    /// The conversation's language, for messages the engine did not make.
    async fn conversation_language(&self) -> Language {
        let stored = self.qualifier.language_of(&self.key()).await;
        stored
            .ok()
            .flatten()
            .or(self.language)
            .unwrap_or(Language::En)
    }

    async fn deliver_pending<W: AsyncWrite + Unpin>(&self, output: &mut W) -> anyhow::Result<()> {
        // One row at a time: the store hands out a recipient's oldest first.
        while let Some(message) = self
            .qualifier
            .next_due(Channel::Console, &self.user, "console")
            .await?
        {
            self.deliver(std::slice::from_ref(&message), output).await?;
        }
        Ok(())
    }

    async fn deliver<W: AsyncWrite + Unpin>(
        &self,
        messages: &[OutboxMessage],
        output: &mut W,
    ) -> anyhow::Result<()> {
        for message in messages {
            let text = render(&self.localizer, message);
            output.write_all(text.as_bytes()).await?;
            output.flush().await?;
            self.qualifier.delivered(message.id).await?;
        }
        Ok(())
    }
}

/// The text a reply shows in a terminal: paragraphs, numbered choices, the
/// commands offered as buttons elsewhere, and an attached file's content.
pub fn render(localizer: &Localizer, message: &OutboxMessage) -> String {
    let rendered = localizer.render_outbound(&message.payload);
    let mut text = format!("\n{}\n", rendered.text);
    // Buttons that stand for a command are typed as that command here;
    // the numbers stay those of the question's options.
    let (commands, choices): (Vec<_>, Vec<_>) = rendered
        .choices
        .iter()
        .map(|(payload, label)| (Button::parse(payload), label))
        .partition(|(button, _)| matches!(button, Button::Command(_)));
    if !choices.is_empty() {
        text.push('\n');
        for (i, (_, label)) in choices.iter().enumerate() {
            text.push_str(&format!("  {}) {label}\n", i + 1));
        }
    }
    for (button, label) in commands {
        if let Button::Command(command) = button {
            text.push_str(&format!("  /{command} — {label}\n"));
        }
    }
    if let Some(document) = &message.payload.document {
        text.push_str(&format!(
            "\n{}:\n{}\n",
            document.file_name, document.content
        ));
    }
    text
}
