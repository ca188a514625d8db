//! What the core says: message ids with typed arguments, never rendered text.
//! The i18n layer turns them into Bengali, Hindi or English.

use super::answer::Money;
use super::language::Language;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A message id with its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    pub id: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, Arg>,
}

/// A message argument. Numbers and money stay typed so that each locale can
/// format them its own way (lakh grouping, Bengali digits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Arg {
    Text(String),
    Int(i64),
    Money(Money),
    /// A calendar date, written the local way ("৩০ নভেম্বর ২০২৬").
    Date(chrono::NaiveDate),
    /// Another message, rendered in the same language first.
    Msg(Box<Msg>),
    /// Text whose digits are written the local way ("14:30" → "১৪:৩০").
    Digits(String),
}

impl Msg {
    pub fn new(id: impl Into<String>) -> Msg {
        Msg {
            id: id.into(),
            args: BTreeMap::new(),
        }
    }

    pub fn arg(mut self, name: &str, value: Arg) -> Msg {
        self.args.insert(name.to_owned(), value);
        self
    }

    pub fn text(self, name: &str, value: impl Into<String>) -> Msg {
        self.arg(name, Arg::Text(value.into()))
    }

    pub fn int(self, name: &str, value: i64) -> Msg {
        self.arg(name, Arg::Int(value))
    }

    pub fn money(self, name: &str, value: Money) -> Msg {
        self.arg(name, Arg::Money(value))
    }

    pub fn msg(self, name: &str, value: Msg) -> Msg {
        self.arg(name, Arg::Msg(Box::new(value)))
    }
}

/// A button or numbered option. `payload` is what comes back when it is
/// pressed: short, stable across restarts, and naming the question it
/// belongs to so that a stale button cannot answer a later question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub payload: String,
    pub label: Msg,
}

/// The kind of answer the bot waits for, so that a channel can offer the
/// right input (Telegram's "share my contact" button for a phone number).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    #[default]
    Text,
    Contact,
    Nothing,
}

/// One reply to the prospect: paragraphs, then the choices it offers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbound {
    /// `None` until the prospect has a language (the language question).
    pub language: Option<Language>,
    pub paragraphs: Vec<Msg>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    #[serde(default)]
    pub expect: Expect,
    /// A button that opens a link (a deep link into a private chat).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<Link>,
    /// A file sent with the reply (the prospect's data export).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Document>,
    /// The platform id of an earlier message this one replaces (an alert
    /// edited to say the lead withdrew), instead of a new message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit: Option<String>,
}

/// A file attached to a reply. The service fills the content; the core only
/// asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub file_name: String,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub label: Msg,
    pub url: String,
}

/// Every message id the engine and scoring use. The locale test checks each
/// exists in every locale; questionnaire ids are checked when it is loaded.
pub mod ids {
    pub const BUSINESS_DEFAULT_NAME: &str = "business-default-name";
    pub const WELCOME: &str = "welcome";
    pub const WELCOME_NAMED: &str = "welcome-named";
    pub const WELCOME_BACK: &str = "welcome-back";
    pub const LANGUAGE_PROMPT: &str = "language-prompt";
    pub const LANGUAGE_REASK: &str = "language-reask";
    pub const LANGUAGE_SET: &str = "language-set";
    pub const PRIVACY_NOTICE: &str = "privacy-notice";
    pub const CONSENT_QUESTION: &str = "consent-question";
    pub const CONSENT_REASK: &str = "consent-reask";
    pub const CONSENT_THANKS: &str = "consent-thanks";
    pub const CONSENT_DECLINED: &str = "consent-declined";
    pub const CHOICE_YES: &str = "choice-yes";
    pub const CHOICE_NO: &str = "choice-no";
    pub const CHOICES_HINT: &str = "choices-hint";
    pub const HELP: &str = "help";
    pub const HELP_AND_CONTINUE: &str = "help-and-continue";
    pub const CANCELLED: &str = "cancelled";
    pub const RESTARTED: &str = "restarted";
    pub const ALREADY_FINISHED: &str = "already-finished";
    pub const DECLINED_REMINDER: &str = "declined-reminder";
    pub const INTERNAL_ERROR: &str = "internal-error";
    pub const UNKNOWN_COMMAND: &str = "unknown-command";
    pub const UNSUPPORTED_MEDIA: &str = "unsupported-media";
    pub const UNSUPPORTED_EDIT: &str = "unsupported-edit";
    pub const GROUP_START: &str = "group-start";
    pub const GROUP_OPEN_CHAT: &str = "group-open-chat";
    pub const TELEGRAM_SHARE_CONTACT: &str = "telegram-share-contact";
    pub const ALERT_TITLE: &str = "alert-title";
    pub const ALERT_CHAT: &str = "alert-chat";
    pub const ALERT_CONTACT: &str = "alert-contact";
    pub const ALERT_CONTACT_DECLINED: &str = "alert-contact-declined";
    pub const ALERT_SOURCE: &str = "alert-source";
    pub const ALERT_CRITERION: &str = "alert-criterion";
    pub const ALERT_LANGUAGE: &str = "alert-language";
    pub const ALERT_WHEN: &str = "alert-when";
    pub const ALERT_CLAIM: &str = "alert-claim";
    pub const ALERT_WON: &str = "alert-won";
    pub const ALERT_LOST: &str = "alert-lost";
    pub const ALERT_CLAIMED_BY: &str = "alert-claimed-by";
    pub const ALERT_ALREADY_CLAIMED: &str = "alert-already-claimed";
    pub const ALERT_RESULT_WON: &str = "alert-result-won";
    pub const ALERT_RESULT_LOST: &str = "alert-result-lost";
    pub const ALERT_CLAIM_FIRST: &str = "alert-claim-first";
    pub const ALERT_NOT_THEIRS: &str = "alert-not-theirs";
    pub const ALERT_ALREADY_WON: &str = "alert-already-won";
    pub const ALERT_ALREADY_LOST: &str = "alert-already-lost";
    pub const STAFF_NOT_ALLOWED: &str = "staff-not-allowed";
    pub const STAFF_LEAD_LINE: &str = "staff-lead-line";
    pub const STAFF_NO_LEADS: &str = "staff-no-leads";
    pub const STAFF_NO_SUCH_LEAD: &str = "staff-no-such-lead";
    pub const STAFF_LEAD_ANSWER: &str = "staff-lead-answer";
    pub const STAFF_LEAD_STAGE: &str = "staff-lead-stage";
    pub const STAFF_STATS: &str = "staff-stats";
    pub const STAFF_STATS_CLAIMS: &str = "staff-stats-claims";
    pub const STAFF_STATS_CLAIMS_NONE: &str = "staff-stats-claims-none";
    pub const DURATION: &str = "duration";
    pub const DISCORD_LEADS_DESCRIPTION: &str = "discord-leads-description";
    pub const DISCORD_LEAD_DESCRIPTION: &str = "discord-lead-description";
    pub const DISCORD_STATS_DESCRIPTION: &str = "discord-stats-description";
    pub const DISCORD_OPTION_TEMPERATURE: &str = "discord-option-temperature";
    pub const DISCORD_OPTION_COUNT: &str = "discord-option-count";
    pub const DISCORD_OPTION_ID: &str = "discord-option-id";
    pub const DISCORD_USE_QUALIFY: &str = "discord-use-qualify";
    pub const DISCORD_CHECK_DMS: &str = "discord-check-dms";
    pub const DISCORD_DMS_CLOSED: &str = "discord-dms-closed";
    pub const DISCORD_QUALIFY_DESCRIPTION: &str = "discord-qualify-description";
    pub const DISCORD_QUALIFY_NAME: &str = "discord-qualify-name";
    pub const COMMAND_START: &str = "command-start";
    pub const COMMAND_RESTART: &str = "command-restart";
    pub const COMMAND_LANGUAGE: &str = "command-language";
    pub const COMMAND_HELP: &str = "command-help";
    pub const COMMAND_CANCEL: &str = "command-cancel";
    pub const COMMAND_CHANGE: &str = "command-change";
    pub const COMMAND_MYDATA: &str = "command-mydata";
    pub const COMMAND_FORGET: &str = "command-forget";
    pub const MYDATA_SENT: &str = "mydata-sent";
    pub const NOTHING_STORED: &str = "nothing-stored";
    pub const FORGET_CONFIRM: &str = "forget-confirm";
    pub const FORGET_YES: &str = "forget-yes";
    pub const FORGET_NO: &str = "forget-no";
    pub const FORGET_DONE: &str = "forget-done";
    pub const FORGET_KEPT: &str = "forget-kept";
    pub const FORGET_REASK: &str = "forget-reask";
    pub const HELP_MYDATA: &str = "help-mydata";
    pub const HELP_FORGET: &str = "help-forget";
    pub const ALERT_WITHDRAWN: &str = "alert-withdrawn";
    /// An alert's text as the sales chat shows it, verbatim, before the
    /// line a sales action adds.
    pub const ALERT_AS_POSTED: &str = "alert-as-posted";
    pub const CONTACT_REFUSED: &str = "contact-refused";
    pub const CONTACT_SKIP: &str = "contact-skip";
    pub const REASK_PHONE_INCOMPLETE_BD: &str = "reask-phone-incomplete-bd";
    pub const REASK_PHONE_INCOMPLETE_IN: &str = "reask-phone-incomplete-in";
    /// The last line of an alert edited after the lead changed an answer.
    pub const ALERT_ANSWER_CHANGED: &str = "alert-answer-changed";
    pub const ALERT_EXPIRED: &str = "alert-expired";

    pub const REASK_CHOICE: &str = "reask-choice";
    pub const REASK_MONEY: &str = "reask-money";
    pub const REASK_TIMEFRAME: &str = "reask-timeframe";
    pub const REASK_YES_NO: &str = "reask-yes-no";
    pub const REASK_PHONE: &str = "reask-phone";
    pub const REASK_EMAIL: &str = "reask-email";
    pub const REASK_CONTACT: &str = "reask-contact";
    pub const REASK_TEXT: &str = "reask-text";

    pub const SUMMARY_TITLE: &str = "summary-title";
    pub const SUMMARY_ANSWER: &str = "summary-answer";
    pub const SUMMARY_CONTACT: &str = "summary-contact";
    pub const SUMMARY_NEXT: &str = "summary-next";
    pub const SUMMARY_PROMISE: &str = "summary-promise";
    pub const SUMMARY_CHANGE: &str = "summary-change";
    pub const CHANGE_ANSWER: &str = "change-answer";
    pub const CHANGE_WHICH: &str = "change-which";
    pub const CHANGE_NOTHING: &str = "change-nothing";
    pub const CRITERION_CONTACT: &str = "criterion-contact";
    pub const CRITERION_BUDGET: &str = "criterion-budget";
    pub const CRITERION_AUTHORITY: &str = "criterion-authority";
    pub const CRITERION_NEED: &str = "criterion-need";
    pub const CRITERION_TIMEFRAME: &str = "criterion-timeframe";
    pub const STATUS_MET: &str = "status-met";
    pub const STATUS_NOT_MET: &str = "status-not-met";
    pub const STATUS_UNKNOWN: &str = "status-unknown";
    pub const ANSWER_NONE: &str = "answer-none";
    pub const ANSWER_BY_DATE: &str = "answer-by-date";
    pub const ANSWER_AFTER_DATE: &str = "answer-after-date";
    pub const ANSWER_BY_EVENT: &str = "answer-by-event";
    pub const ANSWER_AFTER_EVENT: &str = "answer-after-event";
    pub const ANSWER_UNDETERMINED: &str = "answer-undetermined";
    pub const REASON_UNDETERMINED: &str = "reason-undetermined";
    pub const CONFIRM_ANSWER: &str = "confirm-answer";
    pub const PICK_AMOUNT: &str = "pick-amount";
    pub const PICK_EID: &str = "pick-eid";
    pub const PICK_READING: &str = "pick-reading";
    pub const CHOICE_VALUE: &str = "choice-value";
    pub const CHOICE_SOMETHING_ELSE: &str = "choice-something-else";
    pub const REASK_NEED_UNKNOWN: &str = "reask-need-unknown";
    pub const ANSWER_TIMEFRAME_UNKNOWN: &str = "answer-timeframe-unknown";
    pub const DATE_FULL: &str = "date-full";
    pub const REASON_TIMEFRAME_UNKNOWN: &str = "reason-timeframe-unknown";
    pub const CONFIRM_BUDGET: &str = "confirm-budget";
    pub const CHOICE_CONFIRM: &str = "choice-confirm";
    pub const CHOICE_CHANGE: &str = "choice-change";
    pub const ANSWER_MONEY_RANGE: &str = "answer-money-range";
    pub const ANSWER_MONEY_AT_MOST: &str = "answer-money-at-most";
    pub const ANSWER_MONEY_AT_LEAST: &str = "answer-money-at-least";
    pub const REASON_BUDGET_MEETS: &str = "reason-budget-meets";
    pub const REASON_BUDGET_BELOW: &str = "reason-budget-below";
    pub const REASON_BUDGET_UNDECIDED: &str = "reason-budget-undecided";
    pub const REASON_BUDGET_NO_THRESHOLD: &str = "reason-budget-no-threshold";
    pub const REASON_TIMEFRAME_WITHIN: &str = "reason-timeframe-within";
    pub const REASON_TIMEFRAME_BEYOND: &str = "reason-timeframe-beyond";
    pub const REASON_TIMEFRAME_NONE: &str = "reason-timeframe-none";
    pub const REASON_NEED_MEETS: &str = "reason-need-meets";
    pub const REASON_NEED_NOT_MET: &str = "reason-need-not-met";
    pub const REASON_AUTHORITY_MEETS: &str = "reason-authority-meets";
    pub const REASON_AUTHORITY_NOT_MET: &str = "reason-authority-not-met";
    pub const REASON_OPTION_MEETS: &str = "reason-option-meets";
    pub const REASON_OPTION_DOES_NOT_MEET: &str = "reason-option-does-not-meet";
    pub const REASON_UNANSWERED: &str = "reason-unanswered";
    pub const TEMPERATURE_HOT: &str = "temperature-hot";
    pub const TEMPERATURE_WARM: &str = "temperature-warm";
    pub const TEMPERATURE_COLD: &str = "temperature-cold";
    pub const STAGE_INFORMATION_QUALIFIED: &str = "stage-information-qualified";
    pub const STAGE_MARKETING_QUALIFIED: &str = "stage-marketing-qualified";
    pub const STAGE_SALES_QUALIFIED: &str = "stage-sales-qualified";
    pub const STAGE_SALES_ACCEPTED: &str = "stage-sales-accepted";
    pub const STAGE_WON: &str = "stage-won";
    pub const STAGE_LOST: &str = "stage-lost";

    /// All of the above, for the locale completeness test.
    pub const ALL: &[&str] = &[
        BUSINESS_DEFAULT_NAME,
        WELCOME,
        WELCOME_NAMED,
        WELCOME_BACK,
        LANGUAGE_PROMPT,
        LANGUAGE_REASK,
        LANGUAGE_SET,
        PRIVACY_NOTICE,
        CONSENT_QUESTION,
        CONSENT_REASK,
        CONSENT_THANKS,
        CONSENT_DECLINED,
        CHOICE_YES,
        CHOICE_NO,
        CHOICES_HINT,
        HELP,
        HELP_AND_CONTINUE,
        CANCELLED,
        RESTARTED,
        ALREADY_FINISHED,
        DECLINED_REMINDER,
        INTERNAL_ERROR,
        UNKNOWN_COMMAND,
        UNSUPPORTED_MEDIA,
        UNSUPPORTED_EDIT,
        GROUP_START,
        GROUP_OPEN_CHAT,
        TELEGRAM_SHARE_CONTACT,
        DISCORD_USE_QUALIFY,
        ALERT_TITLE,
        ALERT_CHAT,
        ALERT_CONTACT,
        ALERT_CONTACT_DECLINED,
        ALERT_SOURCE,
        ALERT_CRITERION,
        ALERT_LANGUAGE,
        ALERT_WHEN,
        ALERT_CLAIM,
        ALERT_WON,
        ALERT_LOST,
        ALERT_CLAIMED_BY,
        ALERT_ALREADY_CLAIMED,
        ALERT_RESULT_WON,
        ALERT_RESULT_LOST,
        ALERT_CLAIM_FIRST,
        ALERT_NOT_THEIRS,
        ALERT_ALREADY_WON,
        ALERT_ALREADY_LOST,
        STAFF_NOT_ALLOWED,
        STAFF_LEAD_LINE,
        STAFF_NO_LEADS,
        STAFF_NO_SUCH_LEAD,
        STAFF_LEAD_ANSWER,
        STAFF_LEAD_STAGE,
        STAFF_STATS,
        STAFF_STATS_CLAIMS,
        STAFF_STATS_CLAIMS_NONE,
        DURATION,
        DISCORD_LEADS_DESCRIPTION,
        DISCORD_LEAD_DESCRIPTION,
        DISCORD_STATS_DESCRIPTION,
        DISCORD_OPTION_TEMPERATURE,
        DISCORD_OPTION_COUNT,
        DISCORD_OPTION_ID,
        DISCORD_CHECK_DMS,
        DISCORD_DMS_CLOSED,
        DISCORD_QUALIFY_DESCRIPTION,
        DISCORD_QUALIFY_NAME,
        COMMAND_START,
        COMMAND_RESTART,
        COMMAND_LANGUAGE,
        COMMAND_HELP,
        COMMAND_CANCEL,
        COMMAND_CHANGE,
        COMMAND_MYDATA,
        COMMAND_FORGET,
        MYDATA_SENT,
        NOTHING_STORED,
        FORGET_CONFIRM,
        FORGET_YES,
        FORGET_NO,
        FORGET_DONE,
        FORGET_KEPT,
        FORGET_REASK,
        HELP_MYDATA,
        HELP_FORGET,
        ALERT_WITHDRAWN,
        ALERT_AS_POSTED,
        CONTACT_REFUSED,
        CONTACT_SKIP,
        REASK_PHONE_INCOMPLETE_BD,
        REASK_PHONE_INCOMPLETE_IN,
        ALERT_ANSWER_CHANGED,
        ALERT_EXPIRED,
        REASK_CHOICE,
        REASK_MONEY,
        REASK_TIMEFRAME,
        REASK_YES_NO,
        REASK_PHONE,
        REASK_EMAIL,
        REASK_CONTACT,
        REASK_TEXT,
        SUMMARY_TITLE,
        SUMMARY_ANSWER,
        SUMMARY_CONTACT,
        SUMMARY_NEXT,
        SUMMARY_PROMISE,
        SUMMARY_CHANGE,
        CHANGE_ANSWER,
        CHANGE_WHICH,
        CHANGE_NOTHING,
        CRITERION_CONTACT,
        CRITERION_BUDGET,
        CRITERION_AUTHORITY,
        CRITERION_NEED,
        CRITERION_TIMEFRAME,
        STATUS_MET,
        STATUS_NOT_MET,
        STATUS_UNKNOWN,
        ANSWER_NONE,
        ANSWER_BY_DATE,
        ANSWER_AFTER_DATE,
        ANSWER_BY_EVENT,
        ANSWER_AFTER_EVENT,
        ANSWER_UNDETERMINED,
        REASON_UNDETERMINED,
        CONFIRM_ANSWER,
        PICK_AMOUNT,
        PICK_EID,
        PICK_READING,
        CHOICE_VALUE,
        CHOICE_SOMETHING_ELSE,
        REASK_NEED_UNKNOWN,
        ANSWER_TIMEFRAME_UNKNOWN,
        DATE_FULL,
        REASON_TIMEFRAME_UNKNOWN,
        CONFIRM_BUDGET,
        CHOICE_CONFIRM,
        CHOICE_CHANGE,
        ANSWER_MONEY_RANGE,
        ANSWER_MONEY_AT_MOST,
        ANSWER_MONEY_AT_LEAST,
        REASON_BUDGET_MEETS,
        REASON_BUDGET_BELOW,
        REASON_BUDGET_UNDECIDED,
        REASON_BUDGET_NO_THRESHOLD,
        REASON_TIMEFRAME_WITHIN,
        REASON_TIMEFRAME_BEYOND,
        REASON_TIMEFRAME_NONE,
        REASON_NEED_MEETS,
        REASON_NEED_NOT_MET,
        REASON_AUTHORITY_MEETS,
        REASON_AUTHORITY_NOT_MET,
        REASON_OPTION_MEETS,
        REASON_OPTION_DOES_NOT_MEET,
        REASON_UNANSWERED,
        TEMPERATURE_HOT,
        STAGE_INFORMATION_QUALIFIED,
        STAGE_MARKETING_QUALIFIED,
        STAGE_SALES_QUALIFIED,
        STAGE_SALES_ACCEPTED,
        STAGE_WON,
        STAGE_LOST,
        TEMPERATURE_WARM,
        TEMPERATURE_COLD,
        "language-en",
        "language-bn",
        "language-hi",
        "festival-eid",
        "festival-eid-ul-fitr",
        "festival-eid-ul-adha",
        "festival-ramadan",
        "festival-puja",
        "festival-diwali",
        "festival-holi",
        "festival-boishakh",
        "festival-christmas",
        "festival-new-year",
        "month-1",
        "month-2",
        "month-3",
        "month-4",
        "month-5",
        "month-6",
        "month-7",
        "month-8",
        "month-9",
        "month-10",
        "month-11",
        "month-12",
    ];
}
