//! The engine's answers: a message or a button read against the step it
//! answers, recorded, confirmed, picked among readings, or asked again; and
//! moving on to the next question.

use super::*;

impl Turn<'_> {
    pub(super) fn answer(&mut self, given: Given<'_>) {
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
        if let Given::Choice { payload, .. } = &given {
            match Button::parse(payload) {
                Button::Change(question) => {
                    self.change(&question);
                    return;
                }
                // A language button pressed at any step (an earlier prompt's,
                // or `chat --lang` on a running conversation) switches the
                // language and shows the current step again in it.
                Button::Language(_)
                    if !matches!(self.state.step, Step::ChoosingLanguage { .. }) =>
                {
                    let resume = std::mem::take(&mut self.state.step);
                    self.choose_language(&given, resume);
                    return;
                }
                _ => {}
            }
        }
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

    /// Whether a question's fallback choices (budget brackets) are offered:
    /// after two answers the bot could not read.
    pub(super) fn fallback(&self) -> bool {
        self.state.failed_attempts >= 2
    }

    /// The answer to "২,০০,০০০ টাকা — ঠিক আছে?": yes records the budget, no
    /// asks again, and a new amount is read as the answer instead.
    pub(super) fn confirm(
        &mut self,
        question_id: &str,
        raw: &str,
        budget: Budget,
        given: &Given<'_>,
    ) {
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
    pub(super) fn pick(
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
    pub(super) fn numbered_choice(&self, text: &str) -> Option<String> {
        let number: usize = parse::normalize(text)
            .trim_end_matches(['.', ')'])
            .parse()
            .ok()?;
        let choices = self.offered_choices();
        let index = number.checked_sub(1)?;
        choices.into_iter().nth(index).map(|c| c.payload)
    }

    pub(super) fn choose_language(&mut self, given: &Given<'_>, resume: Step) {
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

    pub(super) fn consent(&mut self, given: &Given<'_>) {
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

    pub(super) fn answer_question(&mut self, question_id: &str, given: &Given<'_>) {
        let Some(question) = self.ctx.questionnaire.question(question_id) else {
            // The questionnaire changed under a running conversation.
            self.advance();
            return;
        };
        let today = self.ctx.policy.local_date(self.ctx.now);
        let asked_before = self.state.failed_attempts > 0;
        if matches!(question.kind, QuestionKind::Phone | QuestionKind::Contact) {
            let skip = matches!(given, Given::Choice { payload, .. }
                if Button::option_of(payload, &question.id) == Some(CONTACT_SKIP_OPTION));
            let refusal = matches!(given, Given::Text(text) if parse::is_contact_refusal(text));
            if skip || (refusal && asked_before) {
                // Going on without: recorded as not given, never guessed.
                self.record(
                    question.id.clone(),
                    question.criterion,
                    given.raw(),
                    AnswerValue::Undetermined,
                );
                self.advance();
                return;
            }
            if refusal {
                self.state.failed_attempts = self.state.failed_attempts.saturating_add(1);
                self.say(Msg::new(ids::CONTACT_REFUSED));
                self.choices = vec![Choice {
                    payload: answer_payload(question, CONTACT_SKIP_OPTION),
                    label: Msg::new(ids::CONTACT_SKIP),
                }];
                self.expect = expect_for(question);
                return;
            }
        }
        match parse_answer(question, given, today, self.fallback()) {
            Parsed::Stale => self.prompt_current(),
            Parsed::Unclear => match parse::incomplete_phone(given.raw())
                .filter(|_| matches!(question.kind, QuestionKind::Phone | QuestionKind::Contact))
            {
                Some(country) => {
                    self.state.failed_attempts = self.state.failed_attempts.saturating_add(1);
                    self.say(Msg::new(match country {
                        parse::IncompletePhone::Bangladesh => ids::REASK_PHONE_INCOMPLETE_BD,
                        parse::IncompletePhone::India => ids::REASK_PHONE_INCOMPLETE_IN,
                    }));
                    self.choices = self.offered_choices();
                    self.expect = expect_for(question);
                }
                None => self.reask(question),
            },
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
                    raw: kept(given.raw()),
                    candidates,
                };
                self.prompt_current();
            }
            Parsed::Confirm(budget) => {
                self.state.step = Step::Confirming {
                    question: question.id.clone(),
                    raw: kept(given.raw()),
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
                        let detail: String = kept(&detail);
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

    pub(super) fn answer_follow_up(
        &mut self,
        question_id: &str,
        follow_up: &str,
        given: &Given<'_>,
    ) {
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
        let text: String = kept(text);
        self.record(
            follow_up.to_owned(),
            criterion,
            &text,
            AnswerValue::Text { text: text.clone() },
        );
        self.advance();
    }

    pub(super) fn record(
        &mut self,
        question: String,
        criterion: Criterion,
        raw: &str,
        value: AnswerValue,
    ) {
        let answer = Answer {
            // Enough for any real answer; a pasted essay is cut, not stored whole.
            raw: kept(raw),
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

    pub(super) fn reask(&mut self, question: &Question) {
        self.state.failed_attempts = self.state.failed_attempts.saturating_add(1);
        self.say(Msg::new(reask_id(question)));
        self.choices = self.offered_choices();
        self.expect = expect_for(question);
    }

    /// Moves to the first unanswered question, or finishes with the summary;
    /// records the stages the answers so far reach.
    pub(super) fn advance(&mut self) {
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

    pub(super) fn update_stages(&mut self) {
        let temperature = self.card().temperature;
        let qualifying = stages_held(self.ctx.questionnaire, self.ctx.policy, &self.state, || {
            temperature
        });
        for stage in qualifying {
            self.reach(stage);
        }
    }

    pub(super) fn reach(&mut self, stage: Stage) {
        if self.state.stages.insert(stage) {
            self.events.push(Event::StageReached { stage });
        }
    }
}
