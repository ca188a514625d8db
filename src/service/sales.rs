//! The sales workflow: a staff member's press on an alert (Claim, then Won
//! or Lost) and a staff command, whichever platform they came from. The
//! rules — who may act, where, what a press means — live here once; the
//! channels only read the press and render the result.

use super::Qualifier;
use crate::core::alert::{sales_button, SalesButton};
use crate::core::message::{ids, Msg, Outbound};
use crate::core::staff::StaffCommand;
use crate::core::{Channel, Choice};
use crate::storage::{AlertMessage, Notice, OutboxMessage, SalesAction, SalesOutcome, StoreError};
use chrono::{DateTime, Utc};

/// A staff member pressed a button on a posted alert.
#[derive(Debug, Clone)]
pub struct Press {
    pub channel: Channel,
    pub idempotency_key: String,
    pub button: SalesButton,
    pub lead_id: i64,
    /// The presser's numeric platform id and shown name.
    pub staff_id: String,
    pub staff_name: String,
    pub pressed_on: AlertMessage,
    pub at: DateTime<Utc>,
    /// The alert's text as the chat shows it now, where the alert is edited
    /// through the outbox (Telegram): the outcome's line is added under it.
    /// `None` where the platform's answer to the press itself updates the
    /// message (a Discord interaction).
    pub alert_text: Option<String>,
}

/// What a press comes to, for the channel to show.
#[derive(Debug, Clone, PartialEq)]
pub enum PressResult {
    /// Recorded: `line` goes under the alert, whose buttons become
    /// `buttons` (the edit is already queued when the press carried the
    /// alert's text).
    Recorded { line: Msg, buttons: Vec<Choice> },
    /// Not recorded: a note for the presser alone.
    Refused(Msg),
    /// Nothing to show: a repeat, or no alert of that lead.
    Nothing,
}

/// A staff command typed in a chat.
#[derive(Debug, Clone)]
pub struct StaffRequest {
    pub channel: Channel,
    pub idempotency_key: String,
    pub command: StaffCommand,
    /// Who typed it (numeric platform id) and where the answer goes.
    pub user: String,
    pub chat: String,
    /// Whether `chat` is the staff member's private chat with the bot.
    pub private: bool,
    pub at: DateTime<Utc>,
}

impl Qualifier {
    /// The language the sales team reads.
    pub fn sales_language(&self) -> crate::core::Language {
        self.rules.sales.language
    }

    /// Claim / Won / Lost: staff only (by numeric id), recorded once by the
    /// press's key, and honoured only on an alert posted for that lead.
    pub async fn press(&self, press: Press) -> Result<PressResult, StoreError> {
        let routing = &self.rules.sales;
        if !routing.is_staff(press.channel, &press.staff_id) {
            return Ok(PressResult::Refused(Msg::new(ids::STAFF_NOT_ALLOWED)));
        }
        let named = |id: &str| Msg::new(id).text("name", press.staff_name.clone());
        let (line, buttons) = match press.button {
            SalesButton::Claim => (
                named(ids::ALERT_CLAIMED_BY),
                vec![
                    sales_button(SalesButton::Won, press.lead_id),
                    sales_button(SalesButton::Lost, press.lead_id),
                ],
            ),
            SalesButton::Won => (named(ids::ALERT_RESULT_WON), Vec::new()),
            SalesButton::Lost => (named(ids::ALERT_RESULT_LOST), Vec::new()),
        };
        let edit = press.alert_text.as_ref().map(|text| Outbound {
            language: Some(routing.language),
            paragraphs: vec![
                Msg::new(ids::ALERT_AS_POSTED).text("text", text.clone()),
                line.clone(),
            ],
            choices: buttons.clone(),
            ..Default::default()
        });
        let action = SalesAction {
            channel: press.channel,
            idempotency_key: press.idempotency_key,
            lead_id: press.lead_id,
            kind: press.button.into(),
            staff_id: press.staff_id,
            staff_name: press.staff_name,
            at: press.at,
            pressed_on: press.pressed_on,
            edit,
        };
        Ok(match self.store.sales_action(&action).await? {
            SalesOutcome::Claimed | SalesOutcome::Recorded => {
                PressResult::Recorded { line, buttons }
            }
            SalesOutcome::AlreadyClaimed { by } => {
                PressResult::Refused(Msg::new(ids::ALERT_ALREADY_CLAIMED).text("name", by))
            }
            SalesOutcome::NotClaimed => PressResult::Refused(Msg::new(ids::ALERT_CLAIM_FIRST)),
            SalesOutcome::NotTheirs { by } => {
                PressResult::Refused(Msg::new(ids::ALERT_NOT_THEIRS).text("name", by))
            }
            SalesOutcome::AlreadyDecided { won, by } => PressResult::Refused(
                Msg::new(if won {
                    ids::ALERT_ALREADY_WON
                } else {
                    ids::ALERT_ALREADY_LOST
                })
                .text("name", by),
            ),
            SalesOutcome::NoSuchLead | SalesOutcome::Duplicate => PressResult::Nothing,
        })
    }

    /// A staff command: answered only in a sales chat or a staff member's
    /// private chat — a lead's name and phone never go to any other group,
    /// and a public group gets no "not allowed" either (`None`). Anyone but
    /// staff gets a polite no and nothing runs. The answer is committed as
    /// a notice with the command's key: the outbox row to deliver, none
    /// when the command was seen before.
    pub async fn staff_command(
        &self,
        request: StaffRequest,
    ) -> Result<Option<OutboxMessage>, StoreError> {
        let routing = &self.rules.sales;
        if !request.private && !routing.is_sales_chat(request.channel, &request.chat) {
            return Ok(None);
        }
        let reply = self
            .staff_reply(request.channel, &request.user, &request.command)
            .await?;
        self.notice(&Notice {
            group: None,
            channel: request.channel,
            idempotency_key: request.idempotency_key,
            recipient: request.chat,
            at: request.at,
            reply,
        })
        .await
    }

    /// The answer to a staff command for its author alone (a Discord slash
    /// command's private reply): the command's answer for staff, a polite
    /// no for anyone else.
    pub async fn staff_reply(
        &self,
        channel: Channel,
        user: &str,
        command: &StaffCommand,
    ) -> Result<Outbound, StoreError> {
        let routing = &self.rules.sales;
        if !routing.is_staff(channel, user) {
            return Ok(Outbound {
                language: Some(routing.language),
                paragraphs: vec![Msg::new(ids::STAFF_NOT_ALLOWED)],
                ..Default::default()
            });
        }
        super::staff::answer(
            self.store.as_ref(),
            self.questionnaire(),
            command,
            routing.language,
        )
        .await
    }
}
