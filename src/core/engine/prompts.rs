//! What the engine shows: the current step's question and buttons, the
//! summary at the end, and the buttons each kind of step offers.

use super::*;

impl Turn<'_> {
    /// The choices the current step offers.
    pub(super) fn offered_choices(&self) -> Vec<Choice> {
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
            // The summary's change buttons keep their numbers.
            Step::Finished => self.change_choices(),
            _ => Vec::new(),
        }
    }

    /// How a value is shown back to the prospect.
    pub(super) fn value_arg(&self, question: Option<&Question>, value: &AnswerValue) -> Arg {
        let answer = Answer {
            raw: String::new(),
            value: value.clone(),
            at: self.ctx.now,
        };
        answer_arg(question, &answer, self.state.language, self.ctx.policy)
    }

    /// The end: the prospect's answers as they gave them, to check and
    /// change, and what happens next. No grade, no verdict per criterion,
    /// no threshold: those are for the sales team (alerts, /lead, export).
    pub(super) fn summary(&mut self) {
        let card = self.card().clone();
        self.say(Msg::new(ids::SUMMARY_TITLE));
        for criterion in &card.criteria {
            let Some(label) = criterion_label(criterion.criterion) else {
                continue;
            };
            let answer = criterion
                .question
                .as_deref()
                .and_then(|id| self.shown_answer(id))
                .unwrap_or_else(|| Arg::Msg(Box::new(Msg::new(ids::ANSWER_NONE))));
            self.say(
                Msg::new(ids::SUMMARY_ANSWER)
                    .msg("label", Msg::new(label))
                    .arg("answer", answer),
            );
        }
        let contacts: Vec<String> = self
            .ctx
            .questionnaire
            .questions
            .iter()
            .filter(|q| q.criterion == Criterion::Contact)
            .map(|q| q.id.clone())
            .collect();
        for id in contacts {
            if let Some(answer) = self.shown_answer(&id) {
                self.say(Msg::new(ids::SUMMARY_CONTACT).arg("answer", answer));
            }
        }
        let next = match self.state.language.and_then(|l| self.ctx.promise.get(&l)) {
            Some(promise) => Msg::new(ids::SUMMARY_PROMISE).text("text", promise.clone()),
            None => Msg::new(ids::SUMMARY_NEXT),
        };
        self.say(next);
        self.say(Msg::new(ids::SUMMARY_CHANGE));
        self.choices = self.change_choices();
        self.events.push(Event::Completed {
            temperature: card.temperature,
            met: card.met,
        });
    }

    /// An answer as the summary shows it; a follow-up's text says more than
    /// "something else".
    fn shown_answer(&self, id: &str) -> Option<Arg> {
        let questionnaire = self.ctx.questionnaire;
        let question = questionnaire.question(id);
        let detail = question.and_then(|q| {
            let option = match &self.state.answers.get(id)?.value {
                AnswerValue::Choice { option } => q.option(option)?,
                _ => return None,
            };
            self.state.answers.get(&option.follow_up.as_ref()?.id)
        });
        let answer = detail.or_else(|| self.state.answers.get(id))?;
        let question = if detail.is_some() { None } else { question };
        Some(answer_arg(
            question,
            answer,
            self.state.language,
            self.ctx.policy,
        ))
    }

    /// A button for each answered question, to change that answer.
    pub(super) fn change_choices(&self) -> Vec<Choice> {
        self.ctx
            .questionnaire
            .questions
            .iter()
            .filter(|q| self.state.answers.contains_key(&q.id))
            .filter_map(|q| {
                let label = criterion_label(q.criterion).or_else(|| {
                    (q.criterion == Criterion::Contact).then_some(ids::CRITERION_CONTACT)
                })?;
                Some(Choice {
                    payload: Button::Change(q.id.clone()).payload(),
                    label: Msg::new(ids::CHANGE_ANSWER).msg("label", Msg::new(label)),
                })
            })
            .collect()
    }

    /// Shows what the current step asks for.
    pub(super) fn prompt_current(&mut self) {
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

pub(super) fn answer_payload(question: &Question, option: &str) -> String {
    Button::Answer {
        question: question.id.clone(),
        option: option.to_owned(),
    }
    .payload()
}

/// The choices a question offers; budget brackets only as a fallback.
pub(super) fn question_choices(question: &Question, fallback: bool) -> Vec<Choice> {
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

pub(super) fn language_choices() -> Vec<Choice> {
    Language::ALL
        .iter()
        .map(|l| Choice {
            payload: Button::Language(*l).payload(),
            label: Msg::new(l.label_id()),
        })
        .collect()
}

/// The /help buttons: a copy of my data, erase my data.
pub(super) fn data_rights_choices() -> Vec<Choice> {
    [("mydata", ids::HELP_MYDATA), ("forget", ids::HELP_FORGET)]
        .into_iter()
        .map(|(command, label)| Choice {
            payload: Button::Command(command.into()).payload(),
            label: Msg::new(label),
        })
        .collect()
}

pub(super) fn yes_no_choices(buttons: YesNoButtons) -> Vec<Choice> {
    labelled_yes_no(buttons, ids::CHOICE_YES, ids::CHOICE_NO)
}

/// A yes and a no button of `buttons` with these labels.
pub(super) fn labelled_yes_no(buttons: YesNoButtons, yes: &str, no: &str) -> Vec<Choice> {
    [(true, yes), (false, no)]
        .into_iter()
        .map(|(value, label)| Choice {
            payload: Button::YesNo(buttons, value).payload(),
            label: Msg::new(label),
        })
        .collect()
}

pub(super) fn expect_for(question: &Question) -> Expect {
    match question.kind {
        QuestionKind::Phone | QuestionKind::Contact => Expect::Contact,
        _ => Expect::Text,
    }
}

pub(super) fn reask_id(question: &Question) -> &'static str {
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
pub fn criterion_label(criterion: Criterion) -> Option<&'static str> {
    match criterion {
        Criterion::Budget => Some(ids::CRITERION_BUDGET),
        Criterion::Authority => Some(ids::CRITERION_AUTHORITY),
        Criterion::Need => Some(ids::CRITERION_NEED),
        Criterion::Timeframe => Some(ids::CRITERION_TIMEFRAME),
        Criterion::Contact | Criterion::Profile => None,
    }
}
