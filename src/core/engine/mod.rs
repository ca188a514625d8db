//! The questionnaire state machine: conversation so far + one inbound event
//! → next state, one reply (message ids with arguments) and the events to
//! record. Pure: no I/O, no platform types, no rendering.
//!
//! An example conversation (the console renders the message ids):
//!
//! ```text
//! prospect: /start fb_ad_nov          → language question (source recorded)
//! bot:      Please choose your language · ভাষা বেছে নিন · अपनी भाषा चुनें  1) English 2) বাংলা 3) हिन्दी
//! prospect: 2                          → language chosen
//! bot:      স্বাগতম… গোপনীয়তা… রাজি আছেন?   1) হ্যাঁ 2) না
//! prospect: হ্যাঁ                        → consent, information-qualified
//! bot:      কী বিষয়ে সাহায্য চান?  1) … 4) অন্য কিছু
//! prospect: ওয়েবসাইট                   → need = website
//! bot:      বাজেট কত?
//! prospect: ২ লাখ টাকা                   → budget = 2,00,000 BDT
//! bot:      সিদ্ধান্ত কে নেবেন?  …
//! prospect: 1                          → authority = self
//! bot:      কবে শুরু করতে চান?  …
//! prospect: এই মাসে                      → timeframe = 30 days
//! bot:      ফোন নম্বর বা ই-মেইল?
//! prospect: 01712345678                → contact; marketing-qualified; hot → sales-qualified
//! bot:      সারসংক্ষেপ … ফলাফল: গরম 🔥
//! ```

use super::alert::Prospect;
use super::answer::{Answer, AnswerValue, Budget, Festival, Timeframe};
use super::conversation::{Consent, Conversation, Step, NOTICE_VERSION};
use super::criterion::Criterion;
use super::inbound::{Command, ConversationKey, Input, Profile, Unsupported};
use super::language::Language;
use super::message::{ids, Arg, Choice, Expect, Msg, Outbound};
use super::payload::{Button, SalesButton, YesNoButtons};
use super::questionnaire::{ChoiceOption, OptionValue, Question, QuestionKind, Questionnaire};
use super::scoring::{answer_arg, score, Scorecard, ScoringPolicy, Status};
use super::stage::{Stage, Temperature};
use crate::parse::{self, choice::OptionWords, ContactValue, Picked, Reading, YesNo};
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

mod answers;
mod commands;
mod prompts;
mod reading;

pub use prompts::criterion_label;
use prompts::*;
use reading::*;

/// Everything the engine reads besides the state and the input.
pub struct Context<'a> {
    pub questionnaire: &'a Questionnaire,
    pub policy: &'a ScoringPolicy,
    /// The business's name, shown in the greeting and the privacy notice;
    /// `None` says "our company" in the prospect's language.
    pub business_name: Option<&'a str>,
    /// How long answers are kept, stated in the privacy notice.
    pub retention_days: u32,
    pub now: DateTime<Utc>,
    pub profile: &'a Profile,
    /// Who the prospect is, and their stored lead's number (`None` before
    /// the first turn is stored): what the sales alert names.
    pub key: &'a ConversationKey,
    pub lead_id: Option<i64>,
    /// The sales team's language, the alert's.
    pub sales_language: Language,
    /// What the business promises at the end, per language (e.g. "our
    /// team will call you within one working day"); a neutral line
    /// where none is set.
    pub promise: &'a std::collections::BTreeMap<Language, String>,
}

/// What to record about a turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    LanguageChosen {
        language: Language,
    },
    SourceRecorded {
        source: String,
    },
    ConsentGiven {
        notice_version: u32,
    },
    ConsentDeclined,
    AnswerRecorded {
        question: String,
        criterion: Criterion,
        answer: Answer,
    },
    /// /restart: earlier answers no longer count.
    AnswersCleared,
    StageReached {
        stage: Stage,
    },
    Completed {
        temperature: Temperature,
        met: usize,
    },
}

/// The engine's answer to one inbound event.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub state: Conversation,
    pub reply: Option<Outbound>,
    pub events: Vec<Event>,
    /// What the prospect asked of their data, for the service to carry out
    /// with the turn.
    pub request: Option<DataRequest>,
    /// Where the lead stands after the turn: stage, temperature, criteria
    /// met — the columns listings and reports read.
    pub standing: LeadView,
    /// The sales alert, on the turn the lead became sales-qualified (and
    /// only once it is stored: a lead without a number cannot be claimed).
    pub alert: Option<Outbound>,
    /// What the alerts already posted become when an alerted lead changes
    /// an answer: the alert as it stands now, the change named last, and
    /// the buttons its sales stage calls for.
    pub alert_update: Option<Outbound>,
}

/// A lead's standing, derived from its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadView {
    pub stage: Option<Stage>,
    pub temperature: Temperature,
    pub met: Vec<Criterion>,
}

/// A prospect's data right, exercised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataRequest {
    /// /mydata: attach everything stored about them to the reply.
    Export,
    /// /forget, confirmed: erase every row about them instead of storing
    /// this turn; the reply is the last message they get.
    Erase,
}

/// The qualification stages the conversation's current answers hold:
/// information-qualified with consent, marketing-qualified with a need and a
/// way to be contacted, sales-qualified when also hot (sales needs a way to
/// reach a hot lead).
pub fn qualifying_stages(
    questionnaire: &Questionnaire,
    policy: &ScoringPolicy,
    state: &Conversation,
) -> Vec<Stage> {
    stages_held(questionnaire, policy, state, || {
        score(questionnaire, &state.answers, policy, state.language).temperature
    })
}

/// [`qualifying_stages`], with the temperature computed only if needed.
fn stages_held(
    questionnaire: &Questionnaire,
    policy: &ScoringPolicy,
    state: &Conversation,
    temperature: impl FnOnce() -> Temperature,
) -> Vec<Stage> {
    if state.consent.is_none() {
        return Vec::new();
    }
    let mut stages = vec![Stage::InformationQualified];
    let answered = |criterion: Criterion| {
        questionnaire.questions.iter().any(|q| {
            q.criterion == criterion
                && state
                    .answers
                    .get(&q.id)
                    .is_some_and(|a| a.value != AnswerValue::Undetermined)
        })
    };
    // A declined contact (kept as undetermined) still lets sales in when
    // the platform does and the business allows it.
    let declined_but_reachable = || {
        policy.qualify_without_contact
            && state.reachable
            && questionnaire.questions.iter().any(|q| {
                q.criterion == Criterion::Contact
                    && state
                        .answers
                        .get(&q.id)
                        .is_some_and(|a| a.value == AnswerValue::Undetermined)
            })
    };
    if !(answered(Criterion::Need) && (answered(Criterion::Contact) || declined_but_reachable())) {
        return stages;
    }
    stages.push(Stage::MarketingQualified);
    if temperature() == Temperature::Hot {
        stages.push(Stage::SalesQualified);
    }
    stages
}

/// The stage a lead stands at now: the furthest qualification its current
/// answers hold, unless sales already took it further (accepted, won, lost).
pub fn current_stage(
    questionnaire: &Questionnaire,
    policy: &ScoringPolicy,
    state: &Conversation,
) -> Option<Stage> {
    sales_stage(state).or_else(|| qualifying_stages(questionnaire, policy, state).pop())
}

/// The furthest stage sales took the lead to, if any.
fn sales_stage(state: &Conversation) -> Option<Stage> {
    state
        .stages
        .iter()
        .copied()
        .filter(|s| *s >= Stage::SalesAccepted)
        .max()
}

/// What the bot would do with `text` typed as the answer to `question`, for
/// `leadbot parse` and the corpus tests.
#[derive(Debug, Clone, PartialEq)]
pub enum Preview {
    /// Recorded as it is.
    Accept(AnswerValue),
    /// Echoed back; recorded on a yes.
    Confirm(AnswerValue),
    /// Readings offered as buttons.
    Choose(Vec<AnswerValue>),
    /// Asked again.
    Reask,
}

pub fn preview(question: &Question, text: &str, today: NaiveDate) -> Preview {
    match parse_answer(question, &Given::Text(text), today, false) {
        Parsed::Value(value) => Preview::Accept(value),
        Parsed::Option { option, follow_up } => match follow_up {
            Some((_, Some(detail))) => Preview::Accept(AnswerValue::Text { text: detail }),
            _ => Preview::Accept(AnswerValue::Choice { option }),
        },
        Parsed::Confirm(budget) => Preview::Confirm(AnswerValue::Budget { budget }),
        Parsed::Pick(mut values) if values.len() == 1 => {
            Preview::Confirm(values.pop().expect("one value"))
        }
        Parsed::Pick(values) => Preview::Choose(values),
        Parsed::DontKnow | Parsed::Unclear | Parsed::Stale => Preview::Reask,
    }
}

/// Handles one inbound event.
pub fn handle(ctx: &Context<'_>, state: Conversation, input: &Input) -> Decision {
    let mut turn = Turn {
        ctx,
        state,
        paragraphs: Vec::new(),
        choices: Vec::new(),
        expect: Expect::Text,
        events: Vec::new(),
        request: None,
        card: None,
        alerted_before: false,
    };
    turn.alerted_before = turn.state.stages.contains(&Stage::SalesQualified);
    turn.state.reachable = ctx.profile.reachable;
    match input {
        Input::Command(command) => turn.command(command),
        Input::Choice { payload } => match Button::parse(payload) {
            // The /help buttons carry a command.
            Button::Command(word) => match Command::parse(&format!("/{word}")) {
                Some(command) => turn.command(&command),
                None => turn.prompt_current(),
            },
            _ => turn.answer(Given::Choice {
                payload,
                raw: payload,
            }),
        },
        Input::Text { text } => turn.answer(Given::Text(text)),
        Input::Contact { phone } => turn.answer(Given::Contact(phone)),
        Input::Unsupported { what } => turn.unsupported(*what),
    }
    turn.finish()
}

/// The longest raw answer stored, in characters: Telegram's own message
/// limit (Discord's is lower), so that whatever a platform delivers is kept
/// whole.
pub const MAX_ANSWER_CHARS: usize = 4096;

/// The option of the "go on without a contact" button.
const CONTACT_SKIP_OPTION: &str = "skip";

/// An answer as stored: whole, or, past the limit (only the console can
/// send more), cut visibly with "…".
pub(crate) fn kept(text: &str) -> String {
    if text.chars().count() <= MAX_ANSWER_CHARS {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(MAX_ANSWER_CHARS - 1).collect();
    cut.push('…');
    cut
}

enum Given<'a> {
    Text(&'a str),
    /// A button's payload; `raw` is what the prospect typed when they
    /// picked it by number, else the payload itself.
    Choice {
        payload: &'a str,
        raw: &'a str,
    },
    Contact(&'a str),
}

impl Given<'_> {
    fn raw(&self) -> &str {
        match self {
            Given::Text(text) | Given::Choice { raw: text, .. } | Given::Contact(text) => text,
        }
    }
}

/// What an answer to a question turned out to be.
enum Parsed {
    Value(AnswerValue),
    /// An option whose follow-up is still to be asked; `detail` when the text
    /// already said it ("something else: a mobile game").
    Option {
        option: String,
        follow_up: Option<(String, Option<String>)>,
    },
    /// A budget worth echoing back before it is recorded.
    Confirm(Budget),
    /// Readings to pick from, or one to confirm (a timeframe read from a
    /// near-miss, which Eid).
    Pick(Vec<AnswerValue>),
    /// "Don't know" to a need question the first time: ask once more.
    DontKnow,
    Unclear,
    /// A button of another question: show the current one again.
    Stale,
}

struct Turn<'a> {
    ctx: &'a Context<'a>,
    state: Conversation,
    paragraphs: Vec<Msg>,
    choices: Vec<Choice>,
    expect: Expect,
    events: Vec<Event>,
    request: Option<DataRequest>,
    /// The scorecard of the answers as they stand (and the language it was
    /// worded for): computed once, again only after an answer changes.
    card: Option<(Option<Language>, Scorecard)>,
    /// Whether sales had an alert about the lead before this turn.
    alerted_before: bool,
}

impl Turn<'_> {
    fn card(&mut self) -> &Scorecard {
        let language = self.state.language;
        if self.card.as_ref().is_none_or(|(l, _)| *l != language) {
            let card = score(
                self.ctx.questionnaire,
                &self.state.answers,
                self.ctx.policy,
                language,
            );
            self.card = Some((language, card));
        }
        &self.card.as_ref().expect("just computed").1
    }

    fn finish(mut self) -> Decision {
        let card = self.card().clone();
        let held = stages_held(self.ctx.questionnaire, self.ctx.policy, &self.state, || {
            card.temperature
        });
        let standing = LeadView {
            stage: sales_stage(&self.state).or_else(|| held.last().copied()),
            temperature: card.temperature,
            met: card
                .criteria
                .iter()
                .filter(|c| c.status == Status::Met)
                .map(|c| c.criterion)
                .collect(),
        };
        let turned_hot = self.events.contains(&Event::StageReached {
            stage: Stage::SalesQualified,
        });
        let alert = match self.ctx.lead_id {
            Some(lead_id) if turned_hot => Some(self.alert(lead_id, &card)),
            _ => None,
        };
        let changed: Vec<Criterion> = self
            .events
            .iter()
            .filter_map(|e| match e {
                Event::AnswerRecorded { criterion, .. } => Some(*criterion),
                _ => None,
            })
            .collect();
        let alert_update = match self.ctx.lead_id {
            Some(lead_id) if self.alerted_before && !turned_hot && !changed.is_empty() => {
                Some(self.alert_update(lead_id, &card, &changed))
            }
            _ => None,
        };
        let reply = (!self.paragraphs.is_empty()).then_some(Outbound {
            language: self.state.language,
            paragraphs: self.paragraphs,
            choices: self.choices,
            expect: self.expect,
            ..Default::default()
        });
        Decision {
            state: self.state,
            reply,
            events: self.events,
            request: self.request,
            standing,
            alert,
            alert_update,
        }
    }

    /// The alert again, after an answer changed: current answers, the
    /// change named last, and Claim, Won / Lost or no buttons as sales
    /// left the lead.
    fn alert_update(&self, lead_id: i64, card: &Scorecard, changed: &[Criterion]) -> Outbound {
        let mut update = self.alert(lead_id, card);
        let stages = &self.state.stages;
        update.choices = if stages.contains(&Stage::Won) || stages.contains(&Stage::Lost) {
            Vec::new()
        } else if stages.contains(&Stage::SalesAccepted) {
            vec![
                super::alert::sales_button(SalesButton::Won, lead_id),
                super::alert::sales_button(SalesButton::Lost, lead_id),
            ]
        } else {
            vec![super::alert::sales_button(SalesButton::Claim, lead_id)]
        };
        let mut labels: Vec<Criterion> = Vec::new();
        for criterion in changed {
            if !labels.contains(criterion) {
                labels.push(*criterion);
            }
        }
        let label = |c: &Criterion| {
            prompts::criterion_label(*c)
                .or((*c == Criterion::Contact).then_some(ids::CRITERION_CONTACT))
                .unwrap_or(ids::CRITERION_CONTACT)
        };
        let Some(first) = labels.first() else {
            return update;
        };
        update
            .paragraphs
            .push(Msg::new(ids::ALERT_ANSWER_CHANGED).msg("criterion", Msg::new(label(first))));
        update
    }

    fn alert(&self, lead_id: i64, card: &Scorecard) -> Outbound {
        let prospect = Prospect {
            lead_id,
            channel: self.ctx.key.channel,
            user: &self.ctx.key.user,
            display_name: self.ctx.profile.display_name.as_deref(),
            link: self.ctx.profile.link.as_deref(),
        };
        super::alert::scored_alert(
            self.ctx.questionnaire,
            self.ctx.policy,
            &self.state,
            card,
            &prospect,
            self.ctx.now,
            self.ctx.sales_language,
        )
    }

    fn say(&mut self, msg: Msg) {
        self.paragraphs.push(msg);
    }
}

#[cfg(test)]
mod tests;
