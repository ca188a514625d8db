//! Every transition of the questionnaire state machine.

use super::*;
use crate::core::answer::Currency;
use crate::core::Timeframe;
use crate::core::Unsupported;
use chrono::{NaiveDate, TimeZone};

struct Harness {
    questionnaire: Questionnaire,
    policy: ScoringPolicy,
    profile: Profile,
    key: ConversationKey,
}

impl Harness {
    fn new() -> Harness {
        Harness {
            questionnaire: Questionnaire::builtin(),
            policy: ScoringPolicy::default(),
            profile: Profile::default(),
            key: ConversationKey::new(crate::core::Channel::Telegram, "777"),
        }
    }

    fn with_hint(language: Language) -> Harness {
        let mut h = Harness::new();
        h.profile.language_hint = Some(language);
        h
    }

    fn step(&self, state: Conversation, input: Input) -> Decision {
        let ctx = Context {
            questionnaire: &self.questionnaire,
            policy: &self.policy,
            business_name: Some("Acme"),
            retention_days: 180,
            now: chrono::Utc
                .with_ymd_and_hms(2026, 11, 22, 10, 0, 0)
                .unwrap(),
            profile: &self.profile,
            key: &self.key,
            lead_id: Some(1),
            sales_language: Language::En,
            promise: &Default::default(),
        };
        handle(&ctx, state, &input)
    }

    /// Feeds inputs one after another; returns the final decision and every
    /// event on the way.
    fn run(&self, state: Conversation, inputs: &[Input]) -> (Decision, Vec<Event>) {
        let mut state = state;
        let mut events = Vec::new();
        let mut last = None;
        for input in inputs {
            let decision = self.step(state, input.clone());
            events.extend(decision.events.clone());
            state = decision.state.clone();
            last = Some(decision);
        }
        (last.expect("at least one input"), events)
    }

    /// A conversation that consented in `language` and sits at the first question.
    fn consented(&self, language: Language) -> Conversation {
        let (decision, _) = self.run(
            Conversation::default(),
            &[
                start(),
                choice(&format!("lang:{}", language.code())),
                choice("consent:yes"),
            ],
        );
        decision.state
    }
}

fn start() -> Input {
    Input::Command(Command::Start { payload: None })
}

fn text(t: &str) -> Input {
    Input::Text { text: t.into() }
}

fn choice(payload: &str) -> Input {
    Input::Choice {
        payload: payload.into(),
    }
}

fn command(c: Command) -> Input {
    Input::Command(c)
}

fn ids_of(decision: &Decision) -> Vec<&str> {
    decision
        .reply
        .as_ref()
        .map(|r| r.paragraphs.iter().map(|m| m.id.as_str()).collect())
        .unwrap_or_default()
}

fn payloads(decision: &Decision) -> Vec<&str> {
    decision
        .reply
        .as_ref()
        .map(|r| r.choices.iter().map(|c| c.payload.as_str()).collect())
        .unwrap_or_default()
}

fn asking(question: &str) -> Step {
    Step::Asking {
        question: question.into(),
        follow_up: None,
    }
}

fn stages(events: &[Event]) -> Vec<Stage> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::StageReached { stage } => Some(*stage),
            _ => None,
        })
        .collect()
}

#[test]
fn a_new_prospect_without_a_language_hint_is_asked_for_a_language_first() {
    let h = Harness::new();
    let decision = h.step(
        Conversation::default(),
        command(Command::Start {
            payload: Some("fb_ad_nov".into()),
        }),
    );
    assert_eq!(ids_of(&decision), ["language-prompt"]);
    assert_eq!(payloads(&decision), ["lang:en", "lang:bn", "lang:hi"]);
    assert!(matches!(decision.state.step, Step::ChoosingLanguage { .. }));
    assert_eq!(decision.state.source.as_deref(), Some("fb_ad_nov"));
    assert_eq!(
        decision.events,
        [Event::SourceRecorded {
            source: "fb_ad_nov".into()
        }]
    );
    assert_eq!(decision.reply.unwrap().language, None);
}

#[test]
fn any_first_message_starts_the_conversation_like_start() {
    let h = Harness::new();
    let decision = h.step(Conversation::default(), text("hello"));
    assert_eq!(ids_of(&decision), ["language-prompt"]);
}

#[test]
fn choosing_a_language_by_number_name_or_button_leads_to_the_privacy_notice() {
    let h = Harness::new();
    for (input, language) in [
        (text("2"), Language::Bn),
        (text("৩"), Language::Hi),
        (text("Bangla"), Language::Bn),
        (text("हिंदी"), Language::Hi),
        (choice("lang:en"), Language::En),
    ] {
        let (decision, events) = h.run(Conversation::default(), &[start(), input]);
        assert_eq!(decision.state.language, Some(language));
        assert_eq!(decision.state.step, Step::AwaitingConsent);
        assert_eq!(
            ids_of(&decision),
            [
                "language-set",
                "welcome",
                "privacy-notice",
                "consent-question"
            ]
        );
        assert_eq!(payloads(&decision), ["consent:yes", "consent:no"]);
        assert!(events.contains(&Event::LanguageChosen { language }));
    }
}

#[test]
fn the_privacy_notice_states_the_business_and_the_retention_period() {
    let h = Harness::with_hint(Language::En);
    let decision = h.step(Conversation::default(), start());
    let notice = &decision.reply.unwrap().paragraphs[1];
    assert_eq!(notice.id, "privacy-notice");
    assert_eq!(notice.args["business"], Arg::Text("Acme".into()));
    assert_eq!(notice.args["days"], Arg::Int(180));
}

#[test]
fn an_unknown_language_is_asked_again_kindly() {
    let h = Harness::new();
    let (decision, _) = h.run(Conversation::default(), &[start(), text("français")]);
    assert_eq!(ids_of(&decision), ["language-reask"]);
    assert_eq!(payloads(&decision).len(), 3);
    assert_eq!(decision.state.failed_attempts, 1);
    assert!(matches!(decision.state.step, Step::ChoosingLanguage { .. }));
}

#[test]
fn a_language_hint_skips_the_language_question() {
    let h = Harness::with_hint(Language::Hi);
    let decision = h.step(Conversation::default(), start());
    assert_eq!(decision.state.language, Some(Language::Hi));
    assert_eq!(
        ids_of(&decision),
        ["welcome", "privacy-notice", "consent-question"]
    );
    assert_eq!(
        decision.events,
        [Event::LanguageChosen {
            language: Language::Hi
        }]
    );
}

#[test]
fn the_display_name_personalizes_the_greeting() {
    let mut h = Harness::with_hint(Language::En);
    h.profile.display_name = Some("Rahim".into());
    let decision = h.step(Conversation::default(), start());
    let welcome = &decision.reply.unwrap().paragraphs[0];
    assert_eq!(welcome.id, "welcome-named");
    assert_eq!(welcome.args["name"], Arg::Text("Rahim".into()));
}

#[test]
fn consenting_makes_the_lead_information_qualified_and_asks_the_first_question() {
    let h = Harness::with_hint(Language::Bn);
    let (decision, events) = h.run(Conversation::default(), &[start(), text("হ্যাঁ")]);
    assert_eq!(decision.state.step, asking("need"));
    assert_eq!(
        decision.state.consent.unwrap().notice_version,
        NOTICE_VERSION
    );
    assert_eq!(stages(&events), [Stage::InformationQualified]);
    assert!(events.contains(&Event::ConsentGiven {
        notice_version: NOTICE_VERSION
    }));
    assert_eq!(
        ids_of(&decision),
        ["consent-thanks", "q-need", "choices-hint"]
    );
    assert_eq!(
        payloads(&decision),
        [
            "need:more_customers",
            "need:website",
            "need:automation",
            "need:other"
        ]
    );
}

#[test]
fn declining_consent_stores_no_answer_and_ends_politely() {
    let h = Harness::with_hint(Language::Hi);
    let (decision, events) = h.run(Conversation::default(), &[start(), text("जी नहीं")]);
    assert_eq!(decision.state.step, Step::Declined);
    assert!(decision.state.consent.is_none());
    assert_eq!(ids_of(&decision), ["consent-declined"]);
    assert!(events.contains(&Event::ConsentDeclined));
    assert!(stages(&events).is_empty());

    let after = h.step(decision.state.clone(), text("2 lakh"));
    assert_eq!(ids_of(&after), ["declined-reminder"]);
    assert!(after.state.answers.is_empty());

    // /start offers the notice again.
    let again = h.step(decision.state, start());
    assert_eq!(again.state.step, Step::AwaitingConsent);
    assert_eq!(
        ids_of(&again),
        ["welcome", "privacy-notice", "consent-question"]
    );
}

#[test]
fn an_unclear_consent_answer_is_asked_again_with_yes_and_no() {
    let h = Harness::with_hint(Language::En);
    let (decision, _) = h.run(Conversation::default(), &[start(), text("haha")]);
    assert_eq!(decision.state.step, Step::AwaitingConsent);
    assert_eq!(ids_of(&decision), ["consent-reask"]);
    assert_eq!(payloads(&decision), ["consent:yes", "consent:no"]);
}

#[test]
fn a_need_is_picked_by_number_button_or_keyword() {
    let h = Harness::new();
    for input in [
        text("2"),
        choice("need:website"),
        text("we need a new website"),
    ] {
        let decision = h.step(h.consented(Language::En), input);
        assert_eq!(decision.state.step, asking("budget"));
        assert_eq!(
            decision.state.answers["need"].value,
            AnswerValue::Choice {
                option: "website".into()
            }
        );
        assert_eq!(ids_of(&decision), ["q-budget"]);
        assert_eq!(payloads(&decision), ["budget:undecided"]);
    }
}

#[test]
fn something_else_by_number_asks_the_follow_up_question() {
    let h = Harness::new();
    let decision = h.step(h.consented(Language::En), text("4"));
    assert_eq!(
        decision.state.step,
        Step::Asking {
            question: "need".into(),
            follow_up: Some("need_detail".into())
        }
    );
    assert_eq!(ids_of(&decision), ["q-need-other"]);

    let empty = h.step(decision.state.clone(), text("   "));
    assert_eq!(ids_of(&empty), ["reask-text"]);

    let answered = h.step(decision.state, text("A mobile game"));
    assert_eq!(answered.state.step, asking("budget"));
    assert_eq!(
        answered.state.answers["need_detail"].value,
        AnswerValue::Text {
            text: "A mobile game".into()
        }
    );
}

#[test]
fn free_text_that_matches_no_need_is_taken_as_something_else_with_its_detail() {
    let h = Harness::new();
    let decision = h.step(h.consented(Language::Bn), text("একটা লোগো ডিজাইন চাই"));
    assert_eq!(decision.state.step, asking("budget"));
    assert_eq!(
        decision.state.answers["need"].value,
        AnswerValue::Choice {
            option: "other".into()
        }
    );
    assert_eq!(
        decision.state.answers["need_detail"].raw,
        "একটা লোগো ডিজাইন চাই"
    );
}

#[test]
fn a_mistyped_option_number_is_asked_again_not_taken_as_detail() {
    let h = Harness::new();
    let decision = h.step(h.consented(Language::En), text("7"));
    assert_eq!(decision.state.step, asking("need"));
    assert_eq!(ids_of(&decision), ["reask-choice"]);
    assert_eq!(payloads(&decision).len(), 4);
    assert_eq!(decision.state.failed_attempts, 1);
}

fn at_budget(h: &Harness, language: Language) -> Conversation {
    h.step(h.consented(language), text("1")).state
}

#[test]
fn a_budget_in_lakh_taka_is_echoed_then_stored_raw_and_parsed() {
    let h = Harness::new();
    let echoed = h.step(at_budget(&h, Language::Bn), text("২ লাখ টাকা"));
    assert_eq!(ids_of(&echoed), ["confirm-budget"]);
    assert_eq!(
        echoed.reply.as_ref().unwrap().paragraphs[0].args["amount"],
        Arg::Money(crate::core::Money {
            amount: 200_000,
            currency: Currency::Bdt
        })
    );
    assert_eq!(payloads(&echoed), ["confirm:yes", "confirm:no"]);
    assert!(!echoed.state.answers.contains_key("budget"));
    let decision = h.step(echoed.state, text("হ্যাঁ"));
    let answer = &decision.state.answers["budget"];
    assert_eq!(answer.raw, "২ লাখ টাকা");
    assert_eq!(
        answer.value,
        AnswerValue::Budget {
            budget: Budget::Amount {
                amount: 200_000,
                currency: Some(Currency::Bdt)
            }
        }
    );
    assert_eq!(decision.state.step, asking("authority"));
}

#[test]
fn a_budget_that_cannot_be_read_is_asked_again_with_an_example_and_never_moves_on() {
    let h = Harness::new();
    let state = at_budget(&h, Language::Hi);
    let first = h.step(state, text("bahut saara"));
    assert_eq!(first.state.step, asking("budget"));
    assert_eq!(ids_of(&first), ["reask-money"]);
    assert_eq!(payloads(&first), ["budget:undecided"]);
    assert!(!first.state.answers.contains_key("budget"));
    let second = h.step(first.state, text("??"));
    assert_eq!(second.state.failed_attempts, 2);
    // After two misses the brackets are offered as choices too.
    assert_eq!(
        payloads(&second),
        [
            "budget:under_50k",
            "budget:from_50k_to_2l",
            "budget:above_2l",
            "budget:undecided"
        ]
    );
    let third = h.step(second.state, text("3 लाख तक"));
    assert_eq!(ids_of(&third), ["confirm-budget"]);
    let fourth = h.step(third.state, choice("confirm:yes"));
    assert_eq!(fourth.state.failed_attempts, 0);
    assert_eq!(fourth.state.step, asking("authority"));
}

#[test]
fn a_bracket_offered_after_two_misses_can_be_picked_by_number() {
    let h = Harness::new();
    let (decision, _) = h.run(
        at_budget(&h, Language::Bn),
        &[text("অনেক"), text("কত লাগবে?")],
    );
    let decision = h.step(decision.state, text("2"));
    assert_eq!(
        decision.state.answers["budget"].value,
        AnswerValue::Budget {
            budget: Budget::Range {
                min: 50_000,
                max: 200_000,
                currency: None
            }
        }
    );
}

#[test]
fn saying_no_to_the_echo_asks_again_and_a_new_amount_replaces_it() {
    let h = Harness::new();
    let echoed = h.step(at_budget(&h, Language::En), text("5 lakh"));
    let changed = h.step(echoed.state.clone(), text("no"));
    assert_eq!(changed.state.step, asking("budget"));
    assert_eq!(ids_of(&changed), ["q-budget"]);
    let replaced = h.step(echoed.state, text("7 lakh"));
    assert_eq!(ids_of(&replaced), ["confirm-budget"]);
    let confirmed = h.step(replaced.state, text("1"));
    assert_eq!(
        confirmed.state.answers["budget"].value,
        AnswerValue::Budget {
            budget: Budget::Amount {
                amount: 700_000,
                currency: None
            }
        }
    );
    assert_eq!(confirmed.state.answers["budget"].raw, "7 lakh");
}

#[test]
fn an_exact_amount_in_a_named_currency_needs_no_echo() {
    let h = Harness::new();
    let decision = h.step(at_budget(&h, Language::Hi), text("₹2,00,000"));
    assert_eq!(decision.state.step, asking("authority"));
}

#[test]
fn a_plain_eid_asks_which_eid_with_buttons_and_records_its_date() {
    let h = Harness::new();
    let at_timeframe = h.step(at_authority(&h), text("1")).state;
    let asked = h.step(at_timeframe, text("ঈদের পরে"));
    assert_eq!(ids_of(&asked), ["pick-eid"]);
    let reply = asked.reply.as_ref().unwrap();
    assert_eq!(
        reply
            .choices
            .iter()
            .map(|c| c.payload.as_str())
            .collect::<Vec<_>>(),
        ["pick:0", "pick:1", "pick:other"]
    );
    let answered = h.step(asked.state, choice("pick:1"));
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    assert_eq!(
        answered.state.answers["timeframe"].value,
        AnswerValue::Timeframe {
            timeframe: Timeframe::After {
                date: crate::parse::festivals::next_date(Festival::EidUlAdha, today).unwrap(),
                event: Some(Festival::EidUlAdha)
            }
        }
    );
}

#[test]
fn a_bare_number_budget_is_offered_as_thousands_or_lakhs() {
    let h = Harness::new();
    let asked = h.step(at_budget(&h, Language::Bn), text("৫০"));
    assert_eq!(ids_of(&asked), ["pick-amount"]);
    let answered = h.step(asked.state, text("2"));
    assert_eq!(
        answered.state.answers["budget"].value,
        AnswerValue::Budget {
            budget: Budget::Amount {
                amount: 5_000_000,
                currency: None
            }
        }
    );
    assert_eq!(answered.state.answers["budget"].raw, "৫০");
}

#[test]
fn something_else_asks_the_budget_again() {
    let h = Harness::new();
    let asked = h.step(at_budget(&h, Language::En), text("50"));
    let again = h.step(asked.state, choice("pick:other"));
    assert_eq!(again.state.step, asking("budget"));
    assert!(!again.state.answers.contains_key("budget"));
}

#[test]
fn dont_know_as_a_need_is_asked_once_more_then_recorded_as_undetermined() {
    let h = Harness::new();
    let at_need = h
        .step(
            h.step(Conversation::default(), text("/start")).state,
            text("1"),
        )
        .state;
    let at_need = h.step(at_need, text("yes")).state;
    assert_eq!(at_need.step, asking("need"));
    let once = h.step(at_need, text("জানি না"));
    assert_eq!(ids_of(&once), ["reask-need-unknown"]);
    assert!(!once.state.answers.contains_key("need"));
    let twice = h.step(once.state, text("pata nahi"));
    assert_eq!(twice.state.answers["need"].value, AnswerValue::Undetermined);
    assert_eq!(twice.state.step, asking("budget"));
}

#[test]
fn not_decided_is_a_valid_budget_answer() {
    let h = Harness::new();
    for input in [choice("budget:undecided"), text("अभी तय नहीं"), text("1")] {
        let decision = h.step(at_budget(&h, Language::Hi), input);
        assert_eq!(
            decision.state.answers["budget"].value,
            AnswerValue::Budget {
                budget: Budget::Undecided
            }
        );
    }
}

fn at_authority(h: &Harness) -> Conversation {
    let (decision, _) = h.run(
        at_budget(h, Language::En),
        &[text("5 lakh"), choice("confirm:yes")],
    );
    assert_eq!(decision.state.step, asking("authority"));
    decision.state
}

#[test]
fn someone_else_deciding_asks_who() {
    let h = Harness::new();
    let decision = h.step(at_authority(&h), text("my boss decides"));
    assert_eq!(
        decision.state.step,
        Step::Asking {
            question: "authority".into(),
            follow_up: Some("authority_who".into())
        }
    );
    assert_eq!(ids_of(&decision), ["q-authority-who"]);
    let who = h.step(decision.state, text("Our MD"));
    assert_eq!(who.state.answers["authority_who"].raw, "Our MD");
    assert_eq!(who.state.step, asking("timeframe"));
}

#[test]
fn a_timeframe_option_or_free_text_span_is_accepted() {
    let h = Harness::new();
    let at_timeframe = h.step(at_authority(&h), text("1")).state;
    let option = h.step(at_timeframe.clone(), choice("timeframe:six_months"));
    assert_eq!(
        option.state.answers["timeframe"].value,
        AnswerValue::Timeframe {
            timeframe: Timeframe::By {
                date: NaiveDate::from_ymd_opt(2027, 5, 22).unwrap(),
                event: None
            }
        }
    );
    let free = h.step(at_timeframe.clone(), text("in 2 weeks"));
    assert_eq!(
        free.state.answers["timeframe"].value,
        AnswerValue::Timeframe {
            timeframe: Timeframe::By {
                date: NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
                event: None
            }
        }
    );
    assert_eq!(free.state.step, asking("contact"));
    assert_eq!(free.reply.as_ref().unwrap().expect, Expect::Contact);
    let unclear = h.step(at_timeframe, text("when the stars align"));
    assert_eq!(ids_of(&unclear), ["reask-timeframe"]);
}

#[test]
fn the_three_month_button_gives_the_same_date_as_typing_three_months() {
    let h = Harness::new();
    let at_timeframe = h.step(at_authority(&h), text("1")).state;

    let pressed = h.step(at_timeframe.clone(), choice("timeframe:three_months"));
    let typed = h.step(at_timeframe, text("within 3 months"));

    let expected = AnswerValue::Timeframe {
        timeframe: Timeframe::By {
            date: NaiveDate::from_ymd_opt(2027, 2, 22).unwrap(),
            event: None,
        },
    };
    assert_eq!(pressed.state.answers["timeframe"].value, expected);
    assert_eq!(typed.state.answers["timeframe"].value, expected);
}

fn at_contact(
    h: &Harness,
    language: Language,
    budget: &str,
    authority: &str,
    timeframe: &str,
) -> (Conversation, Vec<Event>) {
    let (decision, events) = h.run(
        h.consented(language),
        &[
            text("1"),
            text(budget),
            choice("confirm:yes"),
            text(authority),
            text(timeframe),
        ],
    );
    assert_eq!(decision.state.step, asking("contact"));
    (decision.state, events)
}

#[test]
fn an_invalid_contact_is_asked_again() {
    let h = Harness::new();
    let (state, _) = at_contact(&h, Language::En, "5 lakh", "1", "1");
    let decision = h.step(state, text("call me maybe"));
    assert_eq!(ids_of(&decision), ["reask-contact"]);
    assert_eq!(decision.reply.unwrap().expect, Expect::Contact);
}

#[test]
fn a_hot_lead_becomes_sales_qualified_only_once_it_can_be_reached() {
    let h = Harness::new();
    let (state, events) = at_contact(&h, Language::En, "5 lakh", "1", "1");
    // All four criteria are met, but without contact sales cannot act yet.
    assert!(!stages(&events).contains(&Stage::SalesQualified));
    let shared = h.step(
        state,
        Input::Contact {
            phone: "+8801712345678".into(),
        },
    );
    assert_eq!(
        stages(&shared.events),
        [Stage::MarketingQualified, Stage::SalesQualified]
    );
    assert_eq!(shared.state.step, Step::Finished);
    assert!(shared.events.contains(&Event::Completed {
        temperature: Temperature::Hot,
        met: 4
    }));
    let ids = ids_of(&shared);
    assert_eq!(ids.first(), Some(&"summary-title"));
    assert_eq!(ids.iter().filter(|id| **id == "summary-answer").count(), 4);
    assert!(ids.contains(&"summary-contact"));
    assert_eq!(&ids[ids.len() - 2..], ["summary-next", "summary-change"]);
}

#[test]
fn the_decision_carries_the_standing_and_the_alert_of_the_turn_that_made_the_lead_hot() {
    let h = Harness::new();
    let (state, _) = at_contact(&h, Language::En, "5 lakh", "1", "1");
    let before = h.step(state.clone(), text("call me maybe"));
    assert_eq!(before.standing.stage, Some(Stage::InformationQualified));
    assert_eq!(before.standing.temperature, Temperature::Hot);
    assert!(before.alert.is_none());

    let hot = h.step(
        state,
        Input::Contact {
            phone: "+8801712345678".into(),
        },
    );

    assert_eq!(hot.standing.stage, Some(Stage::SalesQualified));
    assert_eq!(hot.standing.met.len(), 4);
    let alert = hot.alert.clone().expect("an alert on the hot turn");
    assert_eq!(alert.paragraphs[0].id, "alert-title");
    assert_eq!(alert.choices[0].payload, "claim:1");
    assert_eq!(alert.language, Some(Language::En));
    // Exactly once: a later turn of the same lead alerts no one.
    let later = h.step(hot.state, text("hello?"));
    assert!(later.alert.is_none());
    assert_eq!(later.standing.stage, Some(Stage::SalesQualified));
}

#[test]
fn a_lead_not_yet_stored_turns_hot_without_an_alert_to_claim() {
    let h = Harness { ..Harness::new() };
    let (state, _) = at_contact(&h, Language::En, "5 lakh", "1", "1");
    let ctx = Context {
        questionnaire: &h.questionnaire,
        policy: &h.policy,
        business_name: None,
        retention_days: 180,
        now: chrono::Utc::now(),
        profile: &h.profile,
        key: &h.key,
        lead_id: None,
        sales_language: Language::En,
        promise: &Default::default(),
    };
    let hot = handle(
        &ctx,
        state,
        &Input::Contact {
            phone: "+8801712345678".into(),
        },
    );
    assert_eq!(hot.standing.stage, Some(Stage::SalesQualified));
    assert!(hot.alert.is_none());
}

#[test]
fn the_summary_shows_the_prospect_s_answers_without_grade_reason_or_threshold() {
    let h = Harness::new();
    let (decision, _) = h.run(
        at_budget(&h, Language::Bn),
        &[
            text("৫০ হাজার"),
            text("হ্যাঁ"),
            text("3"),
            text("আমাদের মালিক"),
            text("6 মাস"),
            text("rahim@example.com"),
        ],
    );
    let reply = decision.reply.clone().unwrap();
    let lines: Vec<_> = reply
        .paragraphs
        .iter()
        .filter(|m| m.id == "summary-answer")
        .collect();
    assert_eq!(lines.len(), 4);
    for line in &lines {
        assert!(!line.args.contains_key("status"), "{line:?}");
        assert!(!line.args.contains_key("reason"), "{line:?}");
    }
    // Nothing that grades: no temperature, no verdict, no ✅/❌, no minimum.
    let shown = format!("{:?}", reply.paragraphs);
    for graded in [
        "temperature",
        "verdict",
        "status-",
        "reason-",
        "minimum",
        "next-cold",
    ] {
        assert!(!shown.contains(graded), "{graded} in {shown}");
    }
    assert!(reply.paragraphs.iter().any(|m| m.id == "summary-next"));
    // The reasons stay for sales: the same answers, scored.
    let card = score(
        &h.questionnaire,
        &decision.state.answers,
        &h.policy,
        decision.state.language,
    );
    let reasons: Vec<String> = card.criteria.iter().map(|c| c.reason.to_msg().id).collect();
    assert_eq!(
        reasons,
        [
            "reason-need-meets",
            "reason-budget-below",
            "reason-authority-not-met",
            "reason-timeframe-beyond"
        ]
    );
    assert_eq!(decision.standing.temperature, Temperature::Cold);
}

#[test]
fn the_summary_offers_a_button_per_answer_and_a_change_asks_only_that_question_again() {
    let h = Harness::new();
    let (state, _) = at_contact(&h, Language::En, "5 lakh", "1", "1");
    let done = h.step(state, text("01712345678"));
    let buttons: Vec<String> = done
        .reply
        .as_ref()
        .unwrap()
        .choices
        .iter()
        .map(|c| c.payload.clone())
        .collect();
    assert_eq!(
        buttons,
        [
            "change:need",
            "change:budget",
            "change:authority",
            "change:timeframe",
            "change:contact"
        ]
    );
    assert_eq!(done.standing.temperature, Temperature::Hot);

    // Act: change the budget to one below the minimum.
    let asked = h.step(done.state.clone(), choice("change:budget"));
    assert_eq!(asked.state.step, asking("budget"));
    let changed = h.step(asked.state, text("1000 taka"));

    // Assert: back at the summary, re-scored; other answers kept.
    assert_eq!(changed.state.step, Step::Finished);
    assert_eq!(ids_of(&changed)[0], "summary-title");
    assert_eq!(changed.standing.temperature, Temperature::Warm);
    assert_eq!(
        changed.state.answers["timeframe"],
        done.state.answers["timeframe"]
    );
    // A stage once reached stays reached.
    assert!(changed.state.stages.contains(&Stage::SalesQualified));

    // /change lists the same buttons; a number picks one.
    let listed = h.step(changed.state.clone(), command(Command::Change));
    assert_eq!(ids_of(&listed), ["change-which"]);
    let by_number = h.step(changed.state, text("4"));
    assert_eq!(by_number.state.step, asking("timeframe"));
}

#[test]
fn nothing_to_change_before_any_answer() {
    let h = Harness::new();
    let decision = h.step(h.consented(Language::Hi), command(Command::Change));
    assert_eq!(ids_of(&decision)[0], "change-nothing");
    // An unknown or unanswered question's button only shows the step again.
    let stale = h.step(h.consented(Language::Hi), choice("change:budget"));
    assert_eq!(stale.state.step, asking("need"));
}

#[test]
fn a_warm_lead_is_marketing_qualified_but_not_sales_qualified() {
    let h = Harness::new();
    let (decision, events) = h.run(
        h.consented(Language::Hi),
        &[
            text("1"),
            text("2 लाख रुपये"),
            text("हाँ"),
            text("3"),
            text("मेरे मैनेजर"),
            text("इस महीने"),
            text("98765 43210"),
        ],
    );
    assert!(decision.events.contains(&Event::Completed {
        temperature: Temperature::Warm,
        met: 3
    }));
    assert_eq!(stages(&events), [Stage::MarketingQualified]);
}

#[test]
fn a_button_of_another_question_shows_the_current_question_again() {
    let h = Harness::new();
    let state = at_budget(&h, Language::En);
    let decision = h.step(state.clone(), choice("need:website"));
    assert_eq!(decision.state.answers, state.answers);
    assert_eq!(ids_of(&decision), ["q-budget"]);
}

#[test]
fn help_explains_the_commands_and_repeats_the_question_without_changing_anything() {
    let h = Harness::new();
    let state = at_budget(&h, Language::En);
    let decision = h.step(state.clone(), command(Command::Help));
    assert_eq!(ids_of(&decision), ["help", "help-and-continue", "q-budget"]);
    assert_eq!(decision.state, state);
    assert!(decision.events.is_empty());
}

#[test]
fn cancel_pauses_and_the_next_message_resumes_at_the_same_question() {
    let h = Harness::new();
    let state = at_budget(&h, Language::En);
    let cancelled = h.step(state, command(Command::Cancel));
    assert_eq!(ids_of(&cancelled), ["cancelled"]);
    assert!(cancelled.state.paused);
    let resumed = h.step(cancelled.state, text("5 lakh"));
    assert!(!resumed.state.paused);
    // The message that woke the conversation is its answer.
    assert_eq!(ids_of(&resumed), ["welcome-back", "confirm-budget"]);
}

#[test]
fn a_command_after_cancel_resumes_too() {
    let h = Harness::new();
    let cancelled = h.step(at_budget(&h, Language::En), command(Command::Cancel));
    let asked = h.step(cancelled.state, command(Command::Language));
    assert!(!asked.state.paused);
    let chosen = h.step(asked.state, text("2"));
    assert_eq!(chosen.state.language, Some(Language::Bn));
    assert_eq!(ids_of(&chosen), ["language-set", "q-budget"]);
}

#[test]
fn start_in_the_middle_welcomes_back_at_the_question_where_the_prospect_stopped() {
    let h = Harness::new();
    let state = at_authority(&h);
    let decision = h.step(state.clone(), start());
    assert_eq!(ids_of(&decision), ["welcome-back", "q-authority"]);
    assert_eq!(decision.state.answers, state.answers);
}

#[test]
fn restart_clears_the_answers_and_asks_the_first_question_again() {
    let h = Harness::new();
    let state = at_authority(&h);
    let decision = h.step(state, command(Command::Restart));
    assert!(decision.state.answers.is_empty());
    assert_eq!(decision.state.step, asking("need"));
    assert_eq!(decision.events, [Event::AnswersCleared]);
    assert_eq!(ids_of(&decision), ["restarted", "q-need"]);
    // Consent and stages stay: the prospect already agreed.
    assert!(decision.state.consent.is_some());
    assert!(decision.state.stages.contains(&Stage::InformationQualified));
}

#[test]
fn restart_before_consent_starts_from_the_greeting() {
    let h = Harness::with_hint(Language::En);
    let (decision, _) = h.run(
        Conversation::default(),
        &[start(), command(Command::Restart)],
    );
    assert_eq!(decision.state.step, Step::AwaitingConsent);
    assert_eq!(
        ids_of(&decision),
        ["welcome", "privacy-notice", "consent-question"]
    );
}

#[test]
fn changing_the_language_mid_way_resumes_at_the_same_question() {
    let h = Harness::new();
    let state = at_authority(&h);
    let asked = h.step(state, command(Command::Language));
    assert_eq!(ids_of(&asked), ["language-prompt"]);
    let chosen = h.step(asked.state, text("3"));
    assert_eq!(chosen.state.language, Some(Language::Hi));
    assert_eq!(chosen.state.step, asking("authority"));
    assert_eq!(ids_of(&chosen), ["language-set", "q-authority"]);
    assert_eq!(chosen.reply.unwrap().language, Some(Language::Hi));
}

#[test]
fn a_finished_conversation_says_so_and_points_to_restart() {
    let h = Harness::new();
    let (state, _) = at_contact(&h, Language::En, "5 lakh", "1", "1");
    let finished = h.step(state, text("01712345678")).state;
    for input in [text("hello"), start()] {
        let decision = h.step(finished.clone(), input);
        assert_eq!(ids_of(&decision), ["already-finished"]);
        assert_eq!(decision.state, finished);
    }
}

#[test]
fn the_first_source_is_kept_when_a_later_deep_link_arrives() {
    let h = Harness::new();
    let (decision, _) = h.run(
        Conversation::default(),
        &[
            command(Command::Start {
                payload: Some("blog".into()),
            }),
            command(Command::Start {
                payload: Some("offer".into()),
            }),
        ],
    );
    assert_eq!(decision.state.source.as_deref(), Some("blog"));
}

#[test]
fn a_yes_no_question_scores_by_its_meets_when() {
    let questionnaire = Questionnaire::from_toml(
        "test",
        r#"
        [[questions]]
        id = "need"
        criterion = "need"
        kind = "yes_no"
        prompt = "q-need"
        meets_when = "yes"
        [[questions]]
        id = "budget"
        criterion = "budget"
        kind = "money"
        prompt = "q-budget"
        [[questions]]
        id = "authority"
        criterion = "authority"
        kind = "yes_no"
        prompt = "q-authority"
        [[questions]]
        id = "timeframe"
        criterion = "timeframe"
        kind = "timeframe"
        prompt = "q-timeframe"
        "#,
        |_| true,
    )
    .unwrap();
    let mut h = Harness::new();
    h.questionnaire = questionnaire;
    let state = h.consented(Language::En);
    assert_eq!(
        payloads(&h.step(state.clone(), text("?"))),
        ["need:yes", "need:no"]
    );
    let (decision, _) = h.run(
        state,
        &[
            choice("need:yes"),
            text("1 lakh"),
            text("yes"),
            text("no"),
            text("this week"),
        ],
    );
    assert_eq!(decision.state.step, Step::Finished);
    assert!(decision.events.contains(&Event::Completed {
        temperature: Temperature::Warm,
        met: 3
    }));
}

#[test]
fn a_number_picks_among_the_choices_on_screen_at_every_step() {
    let h = Harness::with_hint(Language::En);
    let (yes, _) = h.run(Conversation::default(), &[start(), text("1")]);
    assert!(yes.state.consent.is_some());
    let (no, _) = h.run(Conversation::default(), &[start(), text("২")]);
    assert_eq!(no.state.step, Step::Declined);
    let (out_of_range, _) = h.run(Conversation::default(), &[start(), text("3")]);
    assert_eq!(ids_of(&out_of_range), ["consent-reask"]);
}

#[test]
fn an_unknown_command_is_explained_and_the_question_repeated() {
    let h = Harness::new();
    let state = h.consented(Language::Hi);
    let decision = h.step(state.clone(), text("/restar"));
    assert_eq!(ids_of(&decision), ["unknown-command", "q-need"]);
    assert_eq!(decision.state.answers, state.answers);
}

#[test]
fn acknowledgements_emoji_and_murmurs_are_not_taken_as_a_need() {
    let h = Harness::new();
    for input in ["ok", "hmm", "😀", "?", "হ্যাঁ", "जी", "12"] {
        let decision = h.step(h.consented(Language::En), text(input));
        assert_eq!(ids_of(&decision), ["reask-choice"], "{input}");
        assert!(decision.state.answers.is_empty(), "{input}");
    }
}

#[test]
fn a_long_answer_is_kept_whole_up_to_the_platform_limit_and_cut_visibly_past_it() {
    let h = Harness::new();
    let essay = "we need a logo designed ".repeat(150);
    let decision = h.step(h.consented(Language::En), text(&essay));
    assert_eq!(decision.state.answers["need"].raw, essay);
    assert_eq!(
        decision.state.answers["need_detail"].raw.trim(),
        essay.trim()
    );

    let endless = "we need a logo designed ".repeat(300);
    let decision = h.step(h.consented(Language::En), text(&endless));
    let kept = &decision.state.answers["need"].raw;
    assert_eq!(kept.chars().count(), MAX_ANSWER_CHARS);
    assert!(kept.ends_with('…'));
}

#[test]
fn a_language_named_inside_a_sentence_is_understood() {
    let h = Harness::new();
    for (input, language) in [
        ("Bangla please", Language::Bn),
        ("हिंदी में", Language::Hi),
        ("english pls", Language::En),
    ] {
        let (decision, _) = h.run(Conversation::default(), &[start(), text(input)]);
        assert_eq!(decision.state.language, Some(language), "{input}");
    }
    let (both, _) = h.run(
        Conversation::default(),
        &[start(), text("english or bangla")],
    );
    assert_eq!(ids_of(&both), ["language-reask"]);
}

#[test]
fn just_exploring_is_summarized_with_its_label_not_the_number_typed() {
    let h = Harness::new();
    let (decision, _) = h.run(
        at_authority(&h),
        &[text("1"), text("4"), text("rahim@example.com")],
    );
    let reply = decision.reply.unwrap();
    let timeframe = reply
        .paragraphs
        .iter()
        .filter(|m| m.id == "summary-answer")
        .nth(3)
        .unwrap();
    assert_eq!(
        timeframe.args["answer"],
        Arg::Msg(Box::new(Msg::new("timeframe-exploring")))
    );
}

#[test]
fn the_current_stage_follows_the_current_answers_but_sales_stages_stick() {
    let h = Harness::new();
    let (state, _) = at_contact(&h, Language::En, "5 lakh", "1", "1");
    let hot = h.step(state, text("01712345678")).state;
    assert_eq!(
        current_stage(&h.questionnaire, &h.policy, &hot),
        Some(Stage::SalesQualified)
    );
    let restarted = h.step(hot.clone(), command(Command::Restart)).state;
    assert_eq!(
        current_stage(&h.questionnaire, &h.policy, &restarted),
        Some(Stage::InformationQualified)
    );
    let mut won = restarted;
    won.stages.insert(Stage::Won);
    assert_eq!(
        current_stage(&h.questionnaire, &h.policy, &won),
        Some(Stage::Won)
    );
    assert_eq!(
        current_stage(&h.questionnaire, &h.policy, &Conversation::default()),
        None
    );
}

#[test]
fn an_owner_speaking_of_themself_decides() {
    let h = Harness::new();
    for input in ["আমি মালিক", "मैं मालिक हूँ", "I'm the owner"]
    {
        let decision = h.step(at_authority(&h), text(input));
        assert_eq!(
            decision.state.answers["authority"].value,
            AnswerValue::Choice {
                option: "self".into()
            },
            "{input}"
        );
    }
}

#[test]
fn a_sticker_or_an_edit_gets_a_polite_reask_and_changes_nothing() {
    let h = Harness::new();
    let state = at_budget(&h, Language::Bn);
    for (what, id) in [
        (Unsupported::Media, "unsupported-media"),
        (Unsupported::Edit, "unsupported-edit"),
    ] {
        let decision = h.step(state.clone(), Input::Unsupported { what });
        assert_eq!(ids_of(&decision), [id, "q-budget"]);
        assert_eq!(decision.state.answers, state.answers);
        assert!(decision.events.is_empty());
    }
    let first = h.step(
        Conversation::default(),
        Input::Unsupported {
            what: Unsupported::Media,
        },
    );
    assert_eq!(ids_of(&first), ["language-prompt"]);
}

// The prospect's data rights: /mydata, /forget and the /help buttons.

#[test]
fn mydata_asks_the_service_for_a_copy_and_changes_nothing_else() {
    let h = Harness::new();
    let state = h.consented(Language::Bn);

    let decision = h.step(state.clone(), command(Command::MyData));

    assert_eq!(decision.request, Some(DataRequest::Export));
    // The copy is announced, and the question stays with its buttons.
    assert_eq!(ids_of(&decision), [ids::MYDATA_SENT, "q-need"]);
    assert!(!payloads(&decision).is_empty());
    assert_eq!(decision.state, state);
    assert!(decision.events.is_empty());
}

#[test]
fn forget_asks_once_and_a_yes_asks_the_service_to_erase() {
    let h = Harness::new();
    let state = h.consented(Language::Hi);

    let asked = h.step(state, command(Command::Forget));
    assert_eq!(ids_of(&asked), [ids::FORGET_CONFIRM]);
    assert_eq!(payloads(&asked), ["forget:yes", "forget:no"]);
    assert_eq!(asked.request, None);

    let confirmed = h.step(asked.state.clone(), choice("forget:yes"));
    assert_eq!(confirmed.request, Some(DataRequest::Erase));
    assert_eq!(ids_of(&confirmed), [ids::FORGET_DONE]);

    let typed = h.step(asked.state, text("हाँ"));
    assert_eq!(typed.request, Some(DataRequest::Erase));
}

#[test]
fn a_no_to_forget_keeps_everything_and_asks_the_question_again() {
    let h = Harness::new();
    let state = h.consented(Language::En);
    let asked = h.step(state.clone(), command(Command::Forget));

    let kept = h.step(asked.state, text("no"));

    assert_eq!(kept.request, None);
    assert_eq!(kept.state.step, state.step);
    assert_eq!(ids_of(&kept)[0], ids::FORGET_KEPT);
    assert!(ids_of(&kept).len() > 1, "the question is shown again");
}

#[test]
fn an_unclear_answer_to_forget_is_asked_again_and_erases_nothing() {
    let h = Harness::new();
    let asked = h.step(h.consented(Language::En), command(Command::Forget));

    let unclear = h.step(asked.state.clone(), text("what?"));

    assert_eq!(unclear.request, None);
    assert_eq!(ids_of(&unclear), [ids::FORGET_REASK]);
    assert_eq!(unclear.state.step, asked.state.step);
}

#[test]
fn another_command_while_forget_waits_for_a_yes_cancels_it() {
    let h = Harness::new();
    let state = h.consented(Language::En);
    let asked = h.step(state.clone(), command(Command::Forget));

    let resumed = h.step(asked.state, start());

    assert_eq!(resumed.request, None);
    assert_eq!(resumed.state.step, state.step);
}

#[test]
fn help_offers_the_data_rights_after_the_question_s_own_buttons() {
    let h = Harness::new();
    let state = h.consented(Language::En);

    let decision = h.step(state, command(Command::Help));

    let payloads = payloads(&decision);
    assert_eq!(payloads[payloads.len() - 2..], ["cmd:mydata", "cmd:forget"]);
    assert!(payloads.len() > 2, "the question's options come first");
    // The buttons act as the commands.
    let pressed = h.step(decision.state, choice("cmd:mydata"));
    assert_eq!(pressed.request, Some(DataRequest::Export));
}

#[test]
fn consent_records_the_current_notice_version() {
    let h = Harness::new();
    let (decision, events) = h.run(
        Conversation::default(),
        &[start(), choice("lang:en"), choice("consent:yes")],
    );
    assert_eq!(
        decision.state.consent.unwrap().notice_version,
        NOTICE_VERSION
    );
    assert!(events.contains(&Event::ConsentGiven {
        notice_version: NOTICE_VERSION
    }));
    assert_eq!(NOTICE_VERSION, 2, "the notice names /mydata and /forget");
}

#[test]
fn help_keeps_the_share_contact_keyboard_when_the_contact_is_asked() {
    let h = Harness::with_hint(Language::En);
    let (at_contact, _) = h.run(
        Conversation::default(),
        &[
            start(),
            text("yes"),
            text("2"),
            text("3 lakh rupees"),
            text("yes"),
            text("1"),
            text("1"),
        ],
    );
    assert_eq!(
        at_contact.state.step,
        asking("contact"),
        "{:?}",
        at_contact.state.step
    );

    let decision = h.step(at_contact.state, command(Command::Help));

    let reply = decision.reply.unwrap();
    assert_eq!(reply.expect, Expect::Contact);
    assert!(reply.choices.is_empty(), "{:?}", reply.choices);
}

#[test]
fn the_confirm_button_of_a_single_reading_records_it() {
    let h = Harness::new();
    let at_timeframe = h.step(at_authority(&h), text("1")).state;
    let reading = AnswerValue::Timeframe {
        timeframe: Timeframe::By {
            date: NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
            event: None,
        },
    };
    let picking = Conversation {
        step: Step::Picking {
            question: "timeframe".into(),
            raw: "in 2 weaks".into(),
            candidates: vec![reading.clone()],
        },
        ..at_timeframe
    };
    for confirm in [choice("pick:yes"), text("1")] {
        let confirmed = h.step(picking.clone(), confirm);
        assert_eq!(confirmed.state.answers["timeframe"].value, reading);
        assert_eq!(confirmed.state.step, asking("contact"));
    }
    let changed = h.step(picking, choice("pick:no"));
    assert!(!changed.state.answers.contains_key("timeframe"));
    assert_eq!(changed.state.step, asking("timeframe"));
}

#[test]
fn a_second_start_before_any_question_greets_as_the_first_never_welcome_back() {
    let h = Harness::new();
    let first = h.step(Conversation::default(), start());
    let again = h.step(first.state, start());
    assert_eq!(ids_of(&again), ["language-prompt"]);

    let hinted = Harness::with_hint(Language::Bn);
    let first = hinted.step(Conversation::default(), start());
    let again = hinted.step(first.state, start());
    let ids = ids_of(&again);
    assert!(!ids.contains(&"welcome-back"), "{ids:?}");
    assert!(ids.contains(&"privacy-notice"), "{ids:?}");
}

#[test]
fn a_refused_contact_gets_a_kind_reply_and_the_choice_to_go_on_without() {
    let h = Harness::new();
    let (state, _) = at_contact(&h, Language::Bn, "5 lakh", "1", "1");
    let refused = h.step(state, text("নম্বর দিতে চাই না"));
    assert_eq!(ids_of(&refused), ["contact-refused"]);
    let buttons: Vec<_> = refused
        .reply
        .as_ref()
        .unwrap()
        .choices
        .iter()
        .map(|c| c.payload.clone())
        .collect();
    assert_eq!(buttons, ["contact:skip"]);

    // Going on without: the summary, the contact recorded as not given.
    let without = h.step(refused.state.clone(), choice("contact:skip"));
    assert_eq!(without.state.step, Step::Finished);
    assert_eq!(
        without.state.answers["contact"].value,
        AnswerValue::Undetermined
    );
    // Not marketing-qualified: there is no way to reach them yet.
    assert!(!without.state.stages.contains(&Stage::MarketingQualified));
    // A second refusal in words does the same.
    let again = h.step(refused.state, text("nahi dunga"));
    assert_eq!(again.state.step, Step::Finished);
}

#[test]
fn a_hot_lead_who_declines_a_contact_is_sales_qualified_when_the_platform_reaches_them() {
    // Arrange: a Telegram user with a username (or a Discord member).
    let mut h = Harness::new();
    h.profile.reachable = true;
    let (state, _) = at_contact(&h, Language::En, "5 lakh", "1", "1");

    // Act
    let refused = h.step(state, text("I don't want to share my number"));
    let without = h.step(refused.state, choice("contact:skip"));

    // Assert: qualified, alerted, and the alert says to write in the chat.
    assert_eq!(
        stages(&without.events),
        [Stage::MarketingQualified, Stage::SalesQualified]
    );
    let alert = without.alert.expect("an alert");
    let alert_ids: Vec<&str> = alert.paragraphs.iter().map(|m| m.id.as_str()).collect();
    assert!(
        alert_ids.contains(&"alert-contact-declined"),
        "{alert_ids:?}"
    );
    assert!(!alert_ids.contains(&"alert-contact"), "{alert_ids:?}");
}

#[test]
fn a_declined_contact_qualifies_no_one_the_platform_cannot_reach_or_the_business_refuses() {
    for (reachable, allowed) in [(false, true), (true, false)] {
        // Arrange
        let mut h = Harness::new();
        h.profile.reachable = reachable;
        h.policy.qualify_without_contact = allowed;
        let (state, _) = at_contact(&h, Language::En, "5 lakh", "1", "1");

        // Act
        let refused = h.step(state, text("I don't want to share my number"));
        let without = h.step(refused.state, choice("contact:skip"));

        // Assert
        assert_eq!(without.state.step, Step::Finished);
        assert!(stages(&without.events).is_empty(), "{reachable} {allowed}");
        assert!(without.alert.is_none());
    }
}

#[test]
fn a_number_a_digit_short_is_asked_again_with_the_digits_it_needs() {
    let h = Harness::new();
    let (state, _) = at_contact(&h, Language::En, "5 lakh", "1", "1");
    let short = h.step(state.clone(), text("0171234567"));
    assert_eq!(ids_of(&short), ["reask-phone-incomplete-bd"]);
    let indian = h.step(state, text("98765 4321"));
    assert_eq!(ids_of(&indian), ["reask-phone-incomplete-in"]);
}

#[test]
fn a_language_button_pressed_mid_questionnaire_switches_and_asks_the_same_question_again() {
    let h = Harness::new();
    let at_budget = at_budget(&h, Language::En);
    let switched = h.step(at_budget, choice("lang:hi"));
    assert_eq!(switched.state.language, Some(Language::Hi));
    assert_eq!(switched.state.step, asking("budget"));
    let ids = ids_of(&switched);
    assert_eq!(ids.first(), Some(&"language-set"));
    assert!(ids.contains(&"q-budget"), "{ids:?}");
    assert_eq!(switched.reply.unwrap().language, Some(Language::Hi));
}
