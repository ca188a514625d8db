//! The engine's commands: /start, /restart, /language, /help, /mydata,
//! /forget and its confirmation, /cancel, and what it cannot read.

use super::*;

impl Turn<'_> {
    pub(super) fn command(&mut self, command: &Command) {
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
            Command::Change => self.list_changes(),
            Command::Cancel => {
                self.state.paused = true;
                self.say(Msg::new(ids::CANCELLED));
            }
        }
    }

    /// A sticker or an edit: say what kind of answer is expected and show
    /// the question again; nothing is recorded.
    pub(super) fn unsupported(&mut self, what: Unsupported) {
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

    pub(super) fn start(&mut self, payload: Option<&str>) {
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
            // Nothing was asked yet (the first message never reached them:
            // DMs closed, the bot blocked): greet as at first, never
            // "welcome back, your answers are saved".
            Step::ChoosingLanguage { .. } => self.prompt_current(),
            Step::AwaitingConsent => {
                self.welcome();
                self.prompt_current();
            }
            _ => {
                self.say(Msg::new(ids::WELCOME_BACK));
                self.prompt_current();
            }
        }
    }

    /// The first contact: the language (from the saved choice or the hint)
    /// or the language question, then the privacy notice.
    pub(super) fn begin(&mut self) {
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

    pub(super) fn welcome(&mut self) {
        let msg = match &self.ctx.profile.display_name {
            Some(name) => Msg::new(ids::WELCOME_NAMED).text("name", name.clone()),
            None => Msg::new(ids::WELCOME),
        };
        let business = self.business();
        self.say(msg.arg("business", business));
    }

    pub(super) fn business(&self) -> Arg {
        match self.ctx.business_name {
            Some(name) => Arg::Text(name.to_owned()),
            None => Arg::Msg(Box::new(Msg::new(ids::BUSINESS_DEFAULT_NAME))),
        }
    }

    pub(super) fn restart(&mut self) {
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

    /// One step to withdraw: a yes erases everything, a no goes back to
    /// where the prospect was.
    pub(super) fn confirm_forget(&mut self, given: &Given<'_>, resume: Step) {
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

    /// `/change`: the answers given so far, a button each.
    pub(super) fn list_changes(&mut self) {
        let choices = self.change_choices();
        if choices.is_empty() || self.state.consent.is_none() {
            self.say(Msg::new(ids::CHANGE_NOTHING));
            self.prompt_current();
            return;
        }
        self.say(Msg::new(ids::CHANGE_WHICH));
        self.choices = choices;
    }

    /// A change button: asks that one question again; the new answer
    /// replaces the old and the conversation goes on where it was (the
    /// summary again, when every question is answered).
    pub(super) fn change(&mut self, question_id: &str) {
        let answered = self.state.answers.contains_key(question_id)
            && self.ctx.questionnaire.question(question_id).is_some();
        if !answered || self.state.consent.is_none() || self.state.step == Step::Declined {
            self.prompt_current();
            return;
        }
        self.state.paused = false;
        self.state.failed_attempts = 0;
        self.state.step = Step::Asking {
            question: question_id.to_owned(),
            follow_up: None,
        };
        self.prompt_current();
    }
}
