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

    pub(super) fn summary(&mut self) {
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
pub(super) fn criterion_label(criterion: Criterion) -> Option<&'static str> {
    match criterion {
        Criterion::Budget => Some(ids::CRITERION_BUDGET),
        Criterion::Authority => Some(ids::CRITERION_AUTHORITY),
        Criterion::Need => Some(ids::CRITERION_NEED),
        Criterion::Timeframe => Some(ids::CRITERION_TIMEFRAME),
        Criterion::Contact | Criterion::Profile => None,
    }
}
