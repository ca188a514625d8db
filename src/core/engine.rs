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
use super::payload::{Button, YesNoButtons};
use super::questionnaire::{ChoiceOption, OptionValue, Question, QuestionKind, Questionnaire};
use super::scoring::{answer_arg, score, Scorecard, ScoringPolicy, Status};
use super::stage::{Stage, Temperature};
use crate::parse::{self, choice::OptionWords, ContactValue, Reading, YesNo};
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

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
    stages_held(questionnaire, state, || {
        score(questionnaire, &state.answers, policy, state.language).temperature
    })
}

/// [`qualifying_stages`], with the temperature computed only if needed.
fn stages_held(
    questionnaire: &Questionnaire,
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
    if !(answered(Criterion::Need) && answered(Criterion::Contact)) {
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
    };
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

/// The longest raw answer stored, in characters.
pub const MAX_ANSWER_CHARS: usize = 500;

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
        let held = stages_held(self.ctx.questionnaire, &self.state, || card.temperature);
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
        }
    }

    fn alert(&self, lead_id: i64, card: &Scorecard) -> Outbound {
        let prospect = Prospect {
            lead_id,
            channel: self.ctx.key.channel,
            user: &self.ctx.key.user,
            display_name: self.ctx.profile.display_name.as_deref(),
            handle: self.ctx.profile.handle.as_deref(),
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

    fn command(&mut self, command: &Command) {
        // Any other command answers "erase everything?" with a no.
        if !matches!(command, Command::Forget | Command::Help | Command::MyData) {
            if let Step::ConfirmingForget { resume } = &self.state.step {
                self.state.step = (**resume).clone();
            }
        }
        match command {
            Command::Start { payload } => self.start(payload.as_deref()),
            Command::Restart => self.restart(),
            Command::Language => {
                if !matches!(self.state.step, Step::ChoosingLanguage { .. }) {
                    let resume = std::mem::take(&mut self.state.step);
                    self.state.step = Step::ChoosingLanguage {
                        resume: Box::new(resume),
                    };
                }
                self.state.failed_attempts = 0;
                self.prompt_current();
            }
            Command::Help => {
                self.say(Msg::new(ids::HELP));
                if !matches!(self.state.step, Step::New) {
                    if matches!(self.state.step, Step::Asking { .. } | Step::AwaitingConsent) {
                        self.say(Msg::new(ids::HELP_AND_CONTINUE));
                    }
                    self.prompt_current();
                }
                // The data rights one press away, after the question's own
                // options (which keep their numbers) — unless the platform's
                // "share my phone number" keyboard is up, which inline
                // buttons would replace; the help text names them anyway.
                if self.expect != Expect::Contact {
                    self.choices.extend(data_rights_choices());
                }
            }
            Command::MyData => {
                self.say(Msg::new(ids::MYDATA_SENT));
                self.request = Some(DataRequest::Export);
                // The question stays on screen, with its buttons.
                if !matches!(self.state.step, Step::New | Step::Finished | Step::Declined) {
                    self.prompt_current();
                }
            }
            Command::Forget => {
                if !matches!(self.state.step, Step::ConfirmingForget { .. }) {
                    let resume = std::mem::take(&mut self.state.step);
                    self.state.step = Step::ConfirmingForget {
                        resume: Box::new(resume),
                    };
                }
                self.prompt_current();
            }
            Command::Cancel => {
                self.state.paused = true;
                self.say(Msg::new(ids::CANCELLED));
            }
        }
    }

    /// A sticker or an edit: say what kind of answer is expected and show
    /// the question again; nothing is recorded.
    fn unsupported(&mut self, what: Unsupported) {
        if matches!(self.state.step, Step::New) {
            self.start(None);
            return;
        }
        self.say(Msg::new(match what {
            Unsupported::Media => ids::UNSUPPORTED_MEDIA,
            Unsupported::Edit => ids::UNSUPPORTED_EDIT,
        }));
        self.prompt_current();
    }

    fn start(&mut self, payload: Option<&str>) {
        if let Some(source) = payload.filter(|_| self.state.source.is_none()) {
            // First touch wins: the ad that brought them in gets the credit.
            let source: String = source.chars().take(64).collect();
            self.state.source = Some(source.clone());
            self.events.push(Event::SourceRecorded { source });
        }
        self.state.paused = false;
        match self.state.step {
            Step::New | Step::Declined => self.begin(),
            Step::Finished => self.say(Msg::new(ids::ALREADY_FINISHED)),
            _ => {
                self.say(Msg::new(ids::WELCOME_BACK));
                self.prompt_current();
            }
        }
    }

    /// The first contact: the language (from the saved choice or the hint)
    /// or the language question, then the privacy notice.
    fn begin(&mut self) {
        if self.state.language.is_none() {
            if let Some(language) = self.ctx.profile.language_hint {
                self.state.language = Some(language);
                self.events.push(Event::LanguageChosen { language });
            }
        }
        if self.state.language.is_none() {
            self.state.step = Step::ChoosingLanguage {
                resume: Box::new(Step::AwaitingConsent),
            };
            self.prompt_current();
            return;
        }
        self.welcome();
        self.state.step = Step::AwaitingConsent;
        self.prompt_current();
    }

    fn welcome(&mut self) {
        let msg = match &self.ctx.profile.display_name {
            Some(name) => Msg::new(ids::WELCOME_NAMED).text("name", name.clone()),
            None => Msg::new(ids::WELCOME),
        };
        let business = self.business();
        self.say(msg.arg("business", business));
    }

    fn business(&self) -> Arg {
        match self.ctx.business_name {
            Some(name) => Arg::Text(name.to_owned()),
            None => Arg::Msg(Box::new(Msg::new(ids::BUSINESS_DEFAULT_NAME))),
        }
    }

    fn restart(&mut self) {
        self.state.paused = false;
        self.state.failed_attempts = 0;
        if self.state.consent.is_none() {
            self.state.step = Step::New;
            self.begin();
            return;
        }
        if !self.state.answers.is_empty() {
            self.state.answers.clear();
            self.card = None;
            self.events.push(Event::AnswersCleared);
        }
        self.say(Msg::new(ids::RESTARTED));
        self.advance();
    }

    fn answer(&mut self, given: Given<'_>) {
        if self.state.paused {
            // A message after /cancel resumes, and is taken as the answer.
            self.state.paused = false;
            self.say(Msg::new(ids::WELCOME_BACK));
        }
        if let Given::Text(text) = given {
            if text.trim_start().starts_with('/') {
                self.say(Msg::new(ids::UNKNOWN_COMMAND));
                self.prompt_current();
                return;
            }
        }
        // "2" picks the second of the choices on screen, whatever the step.
        let numbered = match given {
            Given::Text(text) => self.numbered_choice(text),
            _ => None,
        };
        let given = match (&numbered, given) {
            (Some(payload), Given::Text(typed)) => Given::Choice {
                payload,
                raw: typed,
            },
            (_, given) => given,
        };
        match self.state.step.clone() {
            Step::New => self.start(None),
            Step::ChoosingLanguage { resume } => self.choose_language(&given, *resume),
            Step::AwaitingConsent => self.consent(&given),
            Step::Asking {
                question,
                follow_up: None,
            } => self.answer_question(&question, &given),
            Step::Asking {
                question,
                follow_up: Some(follow_up),
            } => self.answer_follow_up(&question, &follow_up, &given),
            Step::Confirming {
                question,
                raw,
                budget,
            } => self.confirm(&question, &raw, budget, &given),
            Step::Picking {
                question,
                raw,
                candidates,
            } => self.pick(&question, &raw, candidates, &given),
            Step::Finished => self.say(Msg::new(ids::ALREADY_FINISHED)),
            Step::Declined => self.say(Msg::new(ids::DECLINED_REMINDER)),
            Step::ConfirmingForget { resume } => self.confirm_forget(&given, *resume),
        }
    }

    /// One step to withdraw: a yes erases everything, a no goes back to
    /// where the prospect was.
    fn confirm_forget(&mut self, given: &Given<'_>, resume: Step) {
        match yes_or_no(given, YesNoButtons::Forget) {
            YesNo::Yes => {
                self.state.step = Step::New;
                self.request = Some(DataRequest::Erase);
                self.say(Msg::new(ids::FORGET_DONE));
            }
            YesNo::No => {
                self.state.step = resume;
                self.say(Msg::new(ids::FORGET_KEPT));
                if !matches!(self.state.step, Step::New) {
                    self.prompt_current();
                }
            }
            YesNo::Unclear => {
                self.say(Msg::new(ids::FORGET_REASK));
                self.choices = self.offered_choices();
            }
        }
    }

    /// Whether a question's fallback choices (budget brackets) are offered:
    /// after two answers the bot could not read.
    fn fallback(&self) -> bool {
        self.state.failed_attempts >= 2
    }

    /// The answer to "২,০০,০০০ টাকা — ঠিক আছে?": yes records the budget, no
    /// asks again, and a new amount is read as the answer instead.
    fn confirm(&mut self, question_id: &str, raw: &str, budget: Budget, given: &Given<'_>) {
        let verdict = yes_or_no(given, YesNoButtons::Confirm);
        let criterion = self
            .ctx
            .questionnaire
            .question(question_id)
            .map_or(Criterion::Budget, |q| q.criterion);
        self.state.step = Step::Asking {
            question: question_id.to_owned(),
            follow_up: None,
        };
        match verdict {
            YesNo::Yes => {
                self.record(
                    question_id.to_owned(),
                    criterion,
                    raw,
                    AnswerValue::Budget { budget },
                );
                self.advance();
            }
            YesNo::No => self.prompt_current(),
            YesNo::Unclear => self.answer_question(question_id, given),
        }
    }

    /// The answer to "৳৫০,০০০ or ৳৫০,০০,০০০?" or "after Eid ul Fitr — right?":
    /// a reading's button records it, "something else" (or a no to a single
    /// reading) asks the question again, and other text is a new answer.
    fn pick(
        &mut self,
        question_id: &str,
        raw: &str,
        candidates: Vec<AnswerValue>,
        given: &Given<'_>,
    ) {
        let criterion = self
            .ctx
            .questionnaire
            .question(question_id)
            .map_or(Criterion::Profile, |q| q.criterion);
        self.state.step = Step::Asking {
            question: question_id.to_owned(),
            follow_up: None,
        };
        let picked = match given {
            Given::Choice { payload, .. } => match Button::parse(payload) {
                Button::PickOther | Button::YesNo(YesNoButtons::Pick, false) => Err(true),
                Button::YesNo(YesNoButtons::Pick, true) if candidates.len() == 1 => Ok(0),
                Button::Pick(index) if index < candidates.len() => Ok(index),
                Button::Pick(_) | Button::YesNo(YesNoButtons::Pick, true) => Err(true),
                // A button of another step: show this one again.
                _ => {
                    self.state.step = Step::Picking {
                        question: question_id.to_owned(),
                        raw: raw.to_owned(),
                        candidates,
                    };
                    self.prompt_current();
                    return;
                }
            },
            Given::Text(_) if candidates.len() == 1 => match yes_or_no(given, YesNoButtons::Pick) {
                YesNo::Yes => Ok(0),
                YesNo::No => Err(true),
                YesNo::Unclear => Err(false),
            },
            _ => Err(false),
        };
        match picked {
            Ok(index) => {
                let value = candidates.into_iter().nth(index).expect("index checked");
                self.record(question_id.to_owned(), criterion, raw, value);
                self.advance();
            }
            Err(true) => self.prompt_current(),
            Err(false) => self.answer_question(question_id, given),
        }
    }

    /// The payload of the choice a bare number picks among those offered.
    fn numbered_choice(&self, text: &str) -> Option<String> {
        let number: usize = parse::normalize(text)
            .trim_end_matches(['.', ')'])
            .parse()
            .ok()?;
        let choices = self.offered_choices();
        let index = number.checked_sub(1)?;
        choices.into_iter().nth(index).map(|c| c.payload)
    }

    /// The choices the current step offers.
    fn offered_choices(&self) -> Vec<Choice> {
        match &self.state.step {
            Step::ChoosingLanguage { .. } => language_choices(),
            Step::AwaitingConsent => yes_no_choices(YesNoButtons::Consent),
            Step::ConfirmingForget { .. } => {
                labelled_yes_no(YesNoButtons::Forget, ids::FORGET_YES, ids::FORGET_NO)
            }
            Step::Asking {
                question,
                follow_up: None,
            } => self
                .ctx
                .questionnaire
                .question(question)
                .map(|q| question_choices(q, self.fallback()))
                .unwrap_or_default(),
            Step::Confirming { .. } => labelled_yes_no(
                YesNoButtons::Confirm,
                ids::CHOICE_CONFIRM,
                ids::CHOICE_CHANGE,
            ),
            Step::Picking {
                question,
                candidates,
                ..
            } => {
                if candidates.len() == 1 {
                    return labelled_yes_no(
                        YesNoButtons::Pick,
                        ids::CHOICE_CONFIRM,
                        ids::CHOICE_CHANGE,
                    );
                }
                let question = self.ctx.questionnaire.question(question);
                let mut choices: Vec<Choice> = candidates
                    .iter()
                    .enumerate()
                    .map(|(i, value)| Choice {
                        payload: Button::Pick(i).payload(),
                        label: Msg::new(ids::CHOICE_VALUE)
                            .arg("value", self.value_arg(question, value)),
                    })
                    .collect();
                choices.push(Choice {
                    payload: Button::PickOther.payload(),
                    label: Msg::new(ids::CHOICE_SOMETHING_ELSE),
                });
                choices
            }
            _ => Vec::new(),
        }
    }

    /// How a value is shown back to the prospect.
    fn value_arg(&self, question: Option<&Question>, value: &AnswerValue) -> Arg {
        let answer = Answer {
            raw: String::new(),
            value: value.clone(),
            at: self.ctx.now,
        };
        answer_arg(question, &answer, self.state.language, self.ctx.policy)
    }

    fn choose_language(&mut self, given: &Given<'_>, resume: Step) {
        let language = match given {
            Given::Choice { payload, .. } => match Button::parse(payload) {
                Button::Language(language) => Some(language),
                _ => None,
            },
            // "বাংলা", "Bangla please", "हिंदी में": one language named.
            Given::Text(text) => {
                let normalized = parse::normalize(text);
                let mut named = parse::tokens(&normalized)
                    .into_iter()
                    .filter_map(|word| word.parse::<Language>().ok());
                match (named.next(), named.next()) {
                    (Some(language), None) => Some(language),
                    _ => None,
                }
            }
            Given::Contact(_) => None,
        };
        let Some(language) = language else {
            self.state.failed_attempts = self.state.failed_attempts.saturating_add(1);
            self.say(Msg::new(ids::LANGUAGE_REASK));
            self.choices = self.offered_choices();
            return;
        };
        self.state.language = Some(language);
        self.state.failed_attempts = 0;
        self.events.push(Event::LanguageChosen { language });
        self.say(Msg::new(ids::LANGUAGE_SET));
        self.state.step = match resume {
            Step::New => Step::AwaitingConsent,
            other => other,
        };
        if self.state.step == Step::AwaitingConsent && self.state.consent.is_none() {
            self.welcome();
        }
        self.prompt_current();
    }

    fn consent(&mut self, given: &Given<'_>) {
        let answer = yes_or_no(given, YesNoButtons::Consent);
        match answer {
            YesNo::Yes => {
                self.state.consent = Some(Consent {
                    at: self.ctx.now,
                    notice_version: NOTICE_VERSION,
                });
                self.state.failed_attempts = 0;
                self.events.push(Event::ConsentGiven {
                    notice_version: NOTICE_VERSION,
                });
                self.reach(Stage::InformationQualified);
                self.say(Msg::new(ids::CONSENT_THANKS));
                self.advance();
                if !self.choices.is_empty() {
                    self.say(Msg::new(ids::CHOICES_HINT));
                }
            }
            YesNo::No => {
                self.state.step = Step::Declined;
                self.state.failed_attempts = 0;
                self.events.push(Event::ConsentDeclined);
                self.say(Msg::new(ids::CONSENT_DECLINED));
            }
            YesNo::Unclear => {
                self.state.failed_attempts = self.state.failed_attempts.saturating_add(1);
                self.say(Msg::new(ids::CONSENT_REASK));
                self.choices = self.offered_choices();
            }
        }
    }

    fn answer_question(&mut self, question_id: &str, given: &Given<'_>) {
        let Some(question) = self.ctx.questionnaire.question(question_id) else {
            // The questionnaire changed under a running conversation.
            self.advance();
            return;
        };
        let today = self.ctx.policy.local_date(self.ctx.now);
        let asked_before = self.state.failed_attempts > 0;
        match parse_answer(question, given, today, self.fallback()) {
            Parsed::Stale => self.prompt_current(),
            Parsed::Unclear => self.reask(question),
            // Asked once more already: recorded as not known, not met.
            Parsed::DontKnow if asked_before => {
                self.record(
                    question.id.clone(),
                    question.criterion,
                    given.raw(),
                    AnswerValue::Undetermined,
                );
                self.advance();
            }
            Parsed::DontKnow => {
                self.state.failed_attempts = self.state.failed_attempts.saturating_add(1);
                self.say(Msg::new(ids::REASK_NEED_UNKNOWN));
                self.choices = self.offered_choices();
                self.expect = expect_for(question);
            }
            Parsed::Pick(candidates) => {
                self.state.step = Step::Picking {
                    question: question.id.clone(),
                    raw: given.raw().chars().take(MAX_ANSWER_CHARS).collect(),
                    candidates,
                };
                self.prompt_current();
            }
            Parsed::Confirm(budget) => {
                self.state.step = Step::Confirming {
                    question: question.id.clone(),
                    raw: given.raw().chars().take(MAX_ANSWER_CHARS).collect(),
                    budget,
                };
                self.prompt_current();
            }
            Parsed::Value(value) => {
                self.record(question.id.clone(), question.criterion, given.raw(), value);
                self.advance();
            }
            Parsed::Option { option, follow_up } => {
                self.record(
                    question.id.clone(),
                    question.criterion,
                    given.raw(),
                    AnswerValue::Choice { option },
                );
                match follow_up {
                    Some((id, Some(detail))) => {
                        let detail: String = detail.chars().take(MAX_ANSWER_CHARS).collect();
                        self.record(
                            id,
                            question.criterion,
                            given.raw(),
                            AnswerValue::Text { text: detail },
                        );
                        self.advance();
                    }
                    Some((id, None)) => {
                        self.state.step = Step::Asking {
                            question: question.id.clone(),
                            follow_up: Some(id),
                        };
                        self.prompt_current();
                    }
                    None => self.advance(),
                }
            }
        }
    }

    fn answer_follow_up(&mut self, question_id: &str, follow_up: &str, given: &Given<'_>) {
        let text = match given {
            Given::Text(text) | Given::Contact(text) => text.trim(),
            Given::Choice { .. } => "",
        };
        if text.is_empty() || text.starts_with('/') {
            self.say(Msg::new(ids::REASK_TEXT));
            return;
        }
        let criterion = self
            .ctx
            .questionnaire
            .question(question_id)
            .map_or(Criterion::Profile, |q| q.criterion);
        let text: String = text.chars().take(MAX_ANSWER_CHARS).collect();
        self.record(
            follow_up.to_owned(),
            criterion,
            &text,
            AnswerValue::Text { text: text.clone() },
        );
        self.advance();
    }

    fn record(&mut self, question: String, criterion: Criterion, raw: &str, value: AnswerValue) {
        let answer = Answer {
            // Enough for any real answer; a pasted essay is cut, not stored whole.
            raw: raw.chars().take(MAX_ANSWER_CHARS).collect(),
            value,
            at: self.ctx.now,
        };
        self.state.failed_attempts = 0;
        self.state.answers.insert(question.clone(), answer.clone());
        self.card = None;
        self.events.push(Event::AnswerRecorded {
            question,
            criterion,
            answer,
        });
    }

    fn reask(&mut self, question: &Question) {
        self.state.failed_attempts = self.state.failed_attempts.saturating_add(1);
        self.say(Msg::new(reask_id(question)));
        self.choices = self.offered_choices();
        self.expect = expect_for(question);
    }

    /// Moves to the first unanswered question, or finishes with the summary;
    /// records the stages the answers so far reach.
    fn advance(&mut self) {
        self.update_stages();
        let next = self
            .ctx
            .questionnaire
            .questions
            .iter()
            .find(|q| !self.state.answers.contains_key(&q.id));
        match next {
            Some(question) => {
                self.state.step = Step::Asking {
                    question: question.id.clone(),
                    follow_up: None,
                };
                self.prompt_current();
            }
            None => {
                self.state.step = Step::Finished;
                self.summary();
            }
        }
    }

    fn update_stages(&mut self) {
        let temperature = self.card().temperature;
        let qualifying = stages_held(self.ctx.questionnaire, &self.state, || temperature);
        for stage in qualifying {
            self.reach(stage);
        }
    }

    fn reach(&mut self, stage: Stage) {
        if self.state.stages.insert(stage) {
            self.events.push(Event::StageReached { stage });
        }
    }

    fn summary(&mut self) {
        let questionnaire = self.ctx.questionnaire;
        let language = self.state.language;
        let card = self.card().clone();
        self.say(Msg::new(ids::SUMMARY_TITLE));
        for criterion in &card.criteria {
            let answer = criterion
                .question
                .as_deref()
                .and_then(|id| {
                    let question = questionnaire.question(id);
                    // A follow-up's text says more than "something else".
                    let detail = question.and_then(|q| {
                        let option = match &self.state.answers.get(id)?.value {
                            AnswerValue::Choice { option } => q.option(option)?,
                            _ => return None,
                        };
                        self.state.answers.get(&option.follow_up.as_ref()?.id)
                    });
                    let answer = detail.or_else(|| self.state.answers.get(id))?;
                    let question = if detail.is_some() { None } else { question };
                    Some(answer_arg(question, answer, language, self.ctx.policy))
                })
                .unwrap_or_else(|| Arg::Msg(Box::new(Msg::new(ids::ANSWER_NONE))));
            let Some(criterion_label) = criterion_label(criterion.criterion) else {
                continue;
            };
            let status = match criterion.status {
                Status::Met => ids::STATUS_MET,
                Status::NotMet => ids::STATUS_NOT_MET,
                Status::Unknown => ids::STATUS_UNKNOWN,
            };
            self.say(
                Msg::new(ids::SUMMARY_LINE)
                    .msg("criterion", Msg::new(criterion_label))
                    .arg("answer", answer)
                    .msg("status", Msg::new(status))
                    .msg("reason", criterion.reason.to_msg()),
            );
        }
        for question in questionnaire
            .questions
            .iter()
            .filter(|q| q.criterion == Criterion::Contact)
        {
            if let Some(answer) = self.state.answers.get(&question.id) {
                let arg = answer_arg(Some(question), answer, language, self.ctx.policy);
                self.say(Msg::new(ids::SUMMARY_CONTACT).arg("answer", arg));
            }
        }
        let (temperature, next) = match card.temperature {
            Temperature::Hot => (ids::TEMPERATURE_HOT, ids::NEXT_HOT),
            Temperature::Warm => (ids::TEMPERATURE_WARM, ids::NEXT_WARM),
            Temperature::Cold => (ids::TEMPERATURE_COLD, ids::NEXT_COLD),
        };
        self.say(
            Msg::new(ids::VERDICT)
                .msg("temperature", Msg::new(temperature))
                .int("met", card.met as i64)
                .int("total", card.criteria.len() as i64),
        );
        self.say(Msg::new(next));
        self.events.push(Event::Completed {
            temperature: card.temperature,
            met: card.met,
        });
    }

    /// Shows what the current step asks for.
    fn prompt_current(&mut self) {
        // Asking again is resuming: a paused conversation is active again.
        self.state.paused = false;
        self.choices = self.offered_choices();
        match self.state.step.clone() {
            Step::New => self.begin(),
            Step::ChoosingLanguage { .. } => self.say(Msg::new(ids::LANGUAGE_PROMPT)),
            Step::AwaitingConsent => {
                let business = self.business();
                self.say(
                    Msg::new(ids::PRIVACY_NOTICE)
                        .arg("business", business)
                        .int("days", i64::from(self.ctx.retention_days)),
                );
                self.say(Msg::new(ids::CONSENT_QUESTION));
            }
            Step::Asking {
                question,
                follow_up,
            } => {
                let Some(question) = self.ctx.questionnaire.question(&question) else {
                    self.advance();
                    return;
                };
                if let Some(follow_up) = follow_up {
                    let prompt = question
                        .options
                        .iter()
                        .filter_map(|o| o.follow_up.as_ref())
                        .find(|f| f.id == follow_up)
                        .map_or(ids::REASK_TEXT, |f| f.prompt.as_str());
                    self.say(Msg::new(prompt));
                    return;
                }
                self.say(Msg::new(&question.prompt));
                self.expect = expect_for(question);
            }
            Step::Confirming {
                question, budget, ..
            } => {
                let question = self.ctx.questionnaire.question(&question);
                let answer = Answer {
                    raw: String::new(),
                    value: AnswerValue::Budget { budget },
                    at: self.ctx.now,
                };
                let amount = answer_arg(question, &answer, self.state.language, self.ctx.policy);
                self.say(Msg::new(ids::CONFIRM_BUDGET).arg("amount", amount));
            }
            Step::Picking {
                question,
                candidates,
                ..
            } => {
                let question = self.ctx.questionnaire.question(&question);
                let msg = match candidates.as_slice() {
                    [one] => {
                        Msg::new(ids::CONFIRM_ANSWER).arg("answer", self.value_arg(question, one))
                    }
                    [AnswerValue::Budget { .. }, ..] => Msg::new(ids::PICK_AMOUNT),
                    [AnswerValue::Timeframe {
                        timeframe:
                            Timeframe::By {
                                event: Some(Festival::EidUlFitr | Festival::EidUlAdha),
                                ..
                            }
                            | Timeframe::After {
                                event: Some(Festival::EidUlFitr | Festival::EidUlAdha),
                                ..
                            },
                    }, ..] => Msg::new(ids::PICK_EID),
                    _ => Msg::new(ids::PICK_READING),
                };
                self.say(msg);
            }
            Step::Finished => self.say(Msg::new(ids::ALREADY_FINISHED)),
            Step::Declined => self.say(Msg::new(ids::DECLINED_REMINDER)),
            Step::ConfirmingForget { .. } => self.say(Msg::new(ids::FORGET_CONFIRM)),
        }
    }
}

fn parse_answer(
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
    if let Some(index) = parse::match_option(text, &words) {
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
            text: text.trim().chars().take(MAX_ANSWER_CHARS).collect(),
        }),
        QuestionKind::Phone => parse::parse_phone(text).map_or(Parsed::Unclear, contact_value),
        QuestionKind::Email => parse::parse_email(text).map_or(Parsed::Unclear, contact_value),
        QuestionKind::Contact => parse::parse_contact(text).map_or(Parsed::Unclear, contact_value),
    }
}

/// "my boss decides", "आमि আর আমার পার্টনার": the authority parser picks the
/// option standing for that role. Text that names who else decides is kept
/// as the follow-up's answer instead of asking "who?".
fn authority_answer(question: &Question, text: &str, today: NaiveDate) -> Option<Parsed> {
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
fn yes_or_no(given: &Given<'_>, buttons: YesNoButtons) -> YesNo {
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

fn contact_value(value: ContactValue) -> Parsed {
    Parsed::Value(match value {
        ContactValue::Phone { e164 } => AnswerValue::Phone { e164 },
        ContactValue::Email { address } => AnswerValue::Email { address },
    })
}

/// Whether free text could describe a need: a few letters that are not a
/// yes or no.
fn describes_something(text: &str) -> bool {
    let normalized = parse::normalize(text);
    let letters = normalized
        .chars()
        .filter(|c| !c.is_ascii_digit() && parse::normalize::is_word_char(*c))
        .count();
    // A question back ("why?", "keno?") describes nothing either.
    letters >= 3
        && !text.trim_end().ends_with('?')
        && parse::parse_yes_no(text) == YesNo::Unclear
        && !parse::is_filler(text)
}

fn option_answer(
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

fn answer_payload(question: &Question, option: &str) -> String {
    Button::Answer {
        question: question.id.clone(),
        option: option.to_owned(),
    }
    .payload()
}

/// The choices a question offers; budget brackets only as a fallback.
fn question_choices(question: &Question, fallback: bool) -> Vec<Choice> {
    if question.kind == QuestionKind::YesNo {
        return [(true, ids::CHOICE_YES), (false, ids::CHOICE_NO)]
            .into_iter()
            .map(|(yes, label)| Choice {
                payload: answer_payload(question, if yes { "yes" } else { "no" }),
                label: Msg::new(label),
            })
            .collect();
    }
    question
        .options
        .iter()
        .filter(|o| fallback || !o.is_fallback())
        .map(|o| Choice {
            payload: answer_payload(question, &o.id),
            label: Msg::new(&o.label),
        })
        .collect()
}

fn language_choices() -> Vec<Choice> {
    Language::ALL
        .iter()
        .map(|l| Choice {
            payload: Button::Language(*l).payload(),
            label: Msg::new(l.label_id()),
        })
        .collect()
}

/// The /help buttons: a copy of my data, erase my data.
fn data_rights_choices() -> Vec<Choice> {
    [("mydata", ids::HELP_MYDATA), ("forget", ids::HELP_FORGET)]
        .into_iter()
        .map(|(command, label)| Choice {
            payload: Button::Command(command.into()).payload(),
            label: Msg::new(label),
        })
        .collect()
}

fn yes_no_choices(buttons: YesNoButtons) -> Vec<Choice> {
    labelled_yes_no(buttons, ids::CHOICE_YES, ids::CHOICE_NO)
}

/// A yes and a no button of `buttons` with these labels.
fn labelled_yes_no(buttons: YesNoButtons, yes: &str, no: &str) -> Vec<Choice> {
    [(true, yes), (false, no)]
        .into_iter()
        .map(|(value, label)| Choice {
            payload: Button::YesNo(buttons, value).payload(),
            label: Msg::new(label),
        })
        .collect()
}

fn expect_for(question: &Question) -> Expect {
    match question.kind {
        QuestionKind::Phone | QuestionKind::Contact => Expect::Contact,
        _ => Expect::Text,
    }
}

fn reask_id(question: &Question) -> &'static str {
    match question.kind {
        QuestionKind::SingleChoice => ids::REASK_CHOICE,
        QuestionKind::YesNo => ids::REASK_YES_NO,
        QuestionKind::Money => ids::REASK_MONEY,
        QuestionKind::Timeframe => ids::REASK_TIMEFRAME,
        QuestionKind::FreeText => ids::REASK_TEXT,
        QuestionKind::Phone => ids::REASK_PHONE,
        QuestionKind::Email => ids::REASK_EMAIL,
        QuestionKind::Contact => ids::REASK_CONTACT,
    }
}

/// The label of a scored criterion; contact and profile are not scored.
fn criterion_label(criterion: Criterion) -> Option<&'static str> {
    match criterion {
        Criterion::Budget => Some(ids::CRITERION_BUDGET),
        Criterion::Authority => Some(ids::CRITERION_AUTHORITY),
        Criterion::Need => Some(ids::CRITERION_NEED),
        Criterion::Timeframe => Some(ids::CRITERION_TIMEFRAME),
        Criterion::Contact | Criterion::Profile => None,
    }
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
