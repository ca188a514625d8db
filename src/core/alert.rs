//! The hot-lead alert for the sales team: who, how to reach them, where they
//! came from, each BANT criterion in the prospect's own words with the parsed
//! value and the reason it is met or not, their language, and when. Pure:
//! message ids with arguments, rendered in the sales team's language.

use super::conversation::Conversation;
use super::criterion::Criterion;
use super::inbound::Channel;
use super::message::{ids, Arg, Msg, Outbound};
use super::payload::Button;
use super::questionnaire::{Question, Questionnaire};
use super::scoring::{answer_arg, score, Scorecard, ScoringPolicy, Status};
use super::{AnswerValue, Language};
use chrono::{DateTime, Utc};

/// What the alert says about the prospect besides their answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prospect<'a> {
    pub lead_id: i64,
    pub channel: Channel,
    /// The platform's user id.
    pub user: &'a str,
    pub display_name: Option<&'a str>,
    /// How to open a chat with them, as their platform links a user (the
    /// adapter's format); without it, "channel:user".
    pub link: Option<&'a str>,
}

/// How much of a prospect's own words an alert quotes per criterion; the
/// rest is marked "…" (the whole answer is in `/lead` and the export).
pub const ALERT_WORDS_CHARS: usize = 300;

/// `text`, or its first `max` characters ending in "…".
pub fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The alert; `language` is the sales team's.
pub fn alert(
    questionnaire: &Questionnaire,
    policy: &ScoringPolicy,
    state: &Conversation,
    prospect: &Prospect<'_>,
    at: DateTime<Utc>,
    language: Language,
) -> Outbound {
    let card = score(questionnaire, &state.answers, policy, state.language);
    scored_alert(questionnaire, policy, state, &card, prospect, at, language)
}

/// [`alert`], from the scorecard the engine already holds.
pub fn scored_alert(
    questionnaire: &Questionnaire,
    policy: &ScoringPolicy,
    state: &Conversation,
    card: &Scorecard,
    prospect: &Prospect<'_>,
    at: DateTime<Utc>,
    language: Language,
) -> Outbound {
    let mut paragraphs = vec![Msg::new(ids::ALERT_TITLE)
        .int("lead", prospect.lead_id)
        .text("name", prospect.display_name.unwrap_or("?"))];
    // A link that opens a chat with them, as their platform writes it.
    let link = prospect.link.map_or_else(
        || format!("{}:{}", prospect.channel.as_str(), prospect.user),
        str::to_owned,
    );
    paragraphs.push(Msg::new(ids::ALERT_CHAT).text("link", link));
    for question in questionnaire
        .questions
        .iter()
        .filter(|q| q.criterion == Criterion::Contact)
    {
        if let Some(answer) = state.answers.get(&question.id) {
            if answer.value == AnswerValue::Undetermined {
                // Qualified without one: the chat link is the way in.
                paragraphs.push(Msg::new(ids::ALERT_CONTACT_DECLINED));
                continue;
            }
            let contact = answer_arg(Some(question), answer, state.language, policy);
            paragraphs.push(Msg::new(ids::ALERT_CONTACT).arg("contact", contact));
        }
    }
    if let Some(source) = &state.source {
        paragraphs.push(Msg::new(ids::ALERT_SOURCE).text("source", source.clone()));
    }
    for criterion in &card.criteria {
        let label = match criterion.criterion {
            Criterion::Budget => ids::CRITERION_BUDGET,
            Criterion::Authority => ids::CRITERION_AUTHORITY,
            Criterion::Need => ids::CRITERION_NEED,
            Criterion::Timeframe => ids::CRITERION_TIMEFRAME,
            Criterion::Contact | Criterion::Profile => continue,
        };
        let answered = criterion
            .question
            .as_deref()
            .and_then(|id| Some((questionnaire.question(id), state.answers.get(id)?)));
        let (words, value) = match answered {
            Some((question, answer)) => (
                said(question, &answer.raw),
                answer_arg(question, answer, state.language, policy),
            ),
            None => (
                Arg::Text(String::new()),
                Arg::Msg(Box::new(Msg::new(ids::ANSWER_NONE))),
            ),
        };
        let status = match criterion.status {
            Status::Met => ids::STATUS_MET,
            Status::NotMet => ids::STATUS_NOT_MET,
            Status::Unknown => ids::STATUS_UNKNOWN,
        };
        paragraphs.push(
            Msg::new(ids::ALERT_CRITERION)
                .msg("criterion", Msg::new(label))
                .arg("words", words)
                .arg("value", value)
                .msg("status", Msg::new(status))
                .msg("reason", criterion.reason.to_msg()),
        );
    }
    if let Some(spoken) = state.language {
        paragraphs.push(Msg::new(ids::ALERT_LANGUAGE).msg("language", Msg::new(spoken.label_id())));
    }
    let local = policy.local_date(at);
    paragraphs.push(
        Msg::new(ids::ALERT_WHEN)
            .arg("date", Arg::Date(local))
            .arg("time", Arg::Digits(local_time(policy, at))),
    );
    Outbound {
        language: Some(language),
        paragraphs,
        choices: vec![sales_button(SalesButton::Claim, prospect.lead_id)],
        expect: Default::default(),
        link: None,
        ..Default::default()
    }
}

pub use super::payload::SalesButton;

/// What an alert becomes once its lead withdrew: the lead's number, nothing
/// else (the erasure's edit, in the sales team's language).
pub fn withdrawn(lead_id: i64, language: Option<Language>) -> Outbound {
    Outbound {
        language,
        paragraphs: vec![Msg::new(ids::ALERT_WITHDRAWN).int("lead", lead_id)],
        ..Default::default()
    }
}

pub fn sales_button(button: SalesButton, lead_id: i64) -> super::message::Choice {
    let label = match button {
        SalesButton::Claim => ids::ALERT_CLAIM,
        SalesButton::Won => ids::ALERT_WON,
        SalesButton::Lost => ids::ALERT_LOST,
    };
    super::message::Choice {
        payload: Button::Sales(button, lead_id).payload(),
        label: Msg::new(label),
    }
}

/// What the prospect said, for sales: their words when they typed (shortened
/// visibly), the option's label in the reader's language when they pressed
/// a button — never the button's payload.
pub fn said(question: Option<&Question>, raw: &str) -> Arg {
    if let (
        Some(question),
        Button::Answer {
            question: id,
            option,
        },
    ) = (question, Button::parse(raw))
    {
        if let Some(chosen) = question
            .options
            .iter()
            .find(|o| id == question.id && o.id == option)
        {
            return Arg::Msg(Box::new(Msg::new(chosen.label.clone())));
        }
    }
    Arg::Text(shortened(raw, ALERT_WORDS_CHARS))
}

fn local_time(policy: &ScoringPolicy, at: DateTime<Utc>) -> String {
    let offset = chrono::FixedOffset::east_opt(policy.utc_offset_minutes * 60)
        .unwrap_or(chrono::FixedOffset::east_opt(0).expect("zero offset"));
    at.with_timezone(&offset).format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sales_read_a_pressed_buttons_label_and_a_typed_answers_words_never_a_payload() {
        let questionnaire = Questionnaire::builtin();
        let need = questionnaire.question("need");
        let website = need
            .unwrap()
            .options
            .iter()
            .find(|o| o.id == "website")
            .unwrap();
        assert_eq!(
            said(need, "need:website"),
            Arg::Msg(Box::new(Msg::new(website.label.clone())))
        );
        assert_eq!(said(need, "ওয়েবসাইট চাই"), Arg::Text("ওয়েবসাইট চাই".into()));
        // Another question's button, or an option this build lacks, is quoted.
        assert_eq!(said(need, "decider:self"), Arg::Text("decider:self".into()));
        assert_eq!(said(need, "need:gone"), Arg::Text("need:gone".into()));
    }

    #[test]
    fn a_long_answer_is_quoted_shortened_with_a_visible_mark() {
        assert_eq!(shortened("short", 10), "short");
        let long = "অনেক কথা ".repeat(100);
        let quoted = shortened(&long, ALERT_WORDS_CHARS);
        assert_eq!(quoted.chars().count(), ALERT_WORDS_CHARS);
        assert!(quoted.ends_with('…'));
    }
    use crate::core::answer::{Answer, AnswerValue, Budget, Currency};
    use crate::core::conversation::Step;
    use chrono::TimeZone;

    #[test]
    fn the_alert_names_the_prospect_how_to_reach_them_and_each_criterion_in_their_words() {
        let at = Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap();
        let mut state = Conversation {
            language: Some(Language::Bn),
            step: Step::Finished,
            source: Some("fb_ad_nov".into()),
            ..Default::default()
        };
        let answer = |raw: &str, value| Answer {
            raw: raw.into(),
            value,
            at,
        };
        state.answers.insert(
            "budget".into(),
            answer(
                "২ লাখ টাকা",
                AnswerValue::Budget {
                    budget: Budget::Amount {
                        amount: 200_000,
                        currency: Some(Currency::Bdt),
                    },
                },
            ),
        );
        state.answers.insert(
            "contact".into(),
            answer(
                "01712345678",
                AnswerValue::Phone {
                    e164: "+8801712345678".into(),
                },
            ),
        );
        let prospect = Prospect {
            lead_id: 42,
            channel: Channel::Telegram,
            user: "777",
            display_name: Some("Rahim"),
            link: Some("tg://user?id=777"),
        };
        let questionnaire = Questionnaire::builtin();
        let policy = ScoringPolicy::default();
        let alert = alert(&questionnaire, &policy, &state, &prospect, at, Language::En);
        let ids: Vec<_> = alert.paragraphs.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids[..4],
            ["alert-title", "alert-chat", "alert-contact", "alert-source"]
        );
        assert_eq!(
            alert.paragraphs[1].args["link"],
            Arg::Text("tg://user?id=777".into())
        );
        let budget = alert
            .paragraphs
            .iter()
            .filter(|m| m.id == "alert-criterion")
            .nth(1)
            .unwrap();
        assert_eq!(budget.args["words"], Arg::Text("২ লাখ টাকা".into()));
        assert_eq!(alert.language, Some(Language::En));
        let when = alert.paragraphs.last().unwrap();
        assert_eq!(when.args["time"], Arg::Digits("15:30".into()));
        assert_eq!(alert.choices[0].payload, "claim:42");
        assert_eq!(
            SalesButton::parse("claim:42"),
            Some((SalesButton::Claim, 42))
        );
        assert_eq!(SalesButton::parse("lost:7"), Some((SalesButton::Lost, 7)));
        assert_eq!(SalesButton::parse("need:website"), None);

        let with_handle = Prospect {
            link: None,
            ..prospect
        };
        let card = crate::core::score(&questionnaire, &state.answers, &policy, state.language);
        let linked = super::scored_alert(
            &questionnaire,
            &policy,
            &state,
            &card,
            &with_handle,
            at,
            Language::En,
        );
        assert_eq!(
            linked.paragraphs[1].args["link"],
            Arg::Text("telegram:777".into())
        );
    }
}
