//! Every button the bot offers, as one typed value: formatted into a
//! platform's callback data here, and read back here, so that no other
//! module splits payload strings. The strings are stable: buttons sent
//! by an earlier build are still pressed after an upgrade.

use super::language::Language;

/// The questions a yes and a no button answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YesNoButtons {
    /// The privacy notice: "consent:yes".
    Consent,
    /// An amount echoed back: "confirm:yes".
    Confirm,
    /// The one reading of an answer, offered to confirm: "pick:yes".
    Pick,
    /// "Erase everything?": "forget:yes".
    Forget,
}

/// What a sales-alert button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SalesButton {
    Claim,
    Won,
    Lost,
}

/// A pressed (or offered) button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Button {
    /// "lang:bn".
    Language(Language),
    YesNo(YesNoButtons, bool),
    /// One of several readings of an answer: "pick:0", "pick:1", …
    Pick(usize),
    /// None of the readings: "pick:other".
    PickOther,
    /// A button standing for a command (the /help buttons): "cmd:mydata".
    Command(String),
    /// A sales alert's button: "claim:42".
    Sales(SalesButton, i64),
    /// Change the answer to a question: "change:budget".
    Change(String),
    /// A questionnaire option: "need:website", "decider:yes".
    Answer {
        question: String,
        option: String,
    },
    /// No button of this build's.
    Unknown(String),
}

impl YesNoButtons {
    fn word(self) -> &'static str {
        match self {
            YesNoButtons::Consent => "consent",
            YesNoButtons::Confirm => "confirm",
            YesNoButtons::Pick => "pick",
            YesNoButtons::Forget => "forget",
        }
    }

    const ALL: [YesNoButtons; 4] = [
        YesNoButtons::Consent,
        YesNoButtons::Confirm,
        YesNoButtons::Pick,
        YesNoButtons::Forget,
    ];
}

impl SalesButton {
    fn word(self) -> &'static str {
        match self {
            SalesButton::Claim => "claim",
            SalesButton::Won => "won",
            SalesButton::Lost => "lost",
        }
    }

    const ALL: [SalesButton; 3] = [SalesButton::Claim, SalesButton::Won, SalesButton::Lost];

    /// Reads an alert button's payload: "claim:42" → (Claim, 42).
    pub fn parse(payload: &str) -> Option<(SalesButton, i64)> {
        match Button::parse(payload) {
            Button::Sales(button, lead) => Some((button, lead)),
            _ => None,
        }
    }
}

const COMMAND_PREFIX: &str = "cmd:";

impl Button {
    /// The callback data that carries this button.
    pub fn payload(&self) -> String {
        match self {
            Button::Language(language) => format!("lang:{}", language.code()),
            Button::YesNo(buttons, yes) => {
                format!("{}:{}", buttons.word(), if *yes { "yes" } else { "no" })
            }
            Button::Pick(index) => format!("pick:{index}"),
            Button::PickOther => "pick:other".into(),
            Button::Command(word) => format!("{COMMAND_PREFIX}{word}"),
            Button::Sales(button, lead) => format!("{}:{lead}", button.word()),
            Button::Change(question) => format!("change:{question}"),
            Button::Answer { question, option } => format!("{question}:{option}"),
            Button::Unknown(payload) => payload.clone(),
        }
    }

    /// The option of `question` a payload picks ("need:website" →
    /// "website"), read by the question's own id: a question may be named
    /// like one of the bot's buttons.
    pub fn option_of<'p>(payload: &'p str, question: &str) -> Option<&'p str> {
        payload.strip_prefix(question)?.strip_prefix(':')
    }

    /// Reads callback data. Never fails: what is no button of the bot's
    /// own is a questionnaire option ("question:option") or unknown, which
    /// the step then accepts or not.
    pub fn parse(payload: &str) -> Button {
        if let Some(word) = payload.strip_prefix(COMMAND_PREFIX) {
            return Button::Command(word.to_owned());
        }
        let Some((word, rest)) = payload.split_once(':') else {
            return Button::Unknown(payload.to_owned());
        };
        if word == "lang" {
            if let Ok(language) = rest.parse() {
                return Button::Language(language);
            }
        }
        if word == "change" && !rest.is_empty() {
            return Button::Change(rest.to_owned());
        }
        if word == "pick" {
            if rest == "other" {
                return Button::PickOther;
            }
            if let Ok(index) = rest.parse() {
                return Button::Pick(index);
            }
        }
        if let Some(buttons) = YesNoButtons::ALL.into_iter().find(|b| b.word() == word) {
            match rest {
                "yes" => return Button::YesNo(buttons, true),
                "no" => return Button::YesNo(buttons, false),
                _ => {}
            }
        }
        if let Some(button) = SalesButton::ALL.into_iter().find(|b| b.word() == word) {
            if let Ok(lead) = rest.parse() {
                return Button::Sales(button, lead);
            }
        }
        Button::Answer {
            question: word.to_owned(),
            option: rest.to_owned(),
        }
    }

    /// The yes or no of `buttons`, if this is one of them.
    pub fn yes_no(&self, buttons: YesNoButtons) -> Option<bool> {
        match self {
            Button::YesNo(b, yes) if *b == buttons => Some(*yes),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<Button> {
        let mut buttons = vec![
            Button::Pick(0),
            Button::Pick(3),
            Button::PickOther,
            Button::Command("mydata".into()),
            Button::Command("forget".into()),
            Button::Change("budget".into()),
            Button::Answer {
                question: "need".into(),
                option: "website".into(),
            },
        ];
        buttons.extend(Language::ALL.iter().map(|l| Button::Language(*l)));
        for b in YesNoButtons::ALL {
            buttons.push(Button::YesNo(b, true));
            buttons.push(Button::YesNo(b, false));
        }
        for b in SalesButton::ALL {
            buttons.push(Button::Sales(b, 42));
        }
        buttons
    }

    #[test]
    fn every_button_reads_back_as_itself() {
        for button in every_kind() {
            assert_eq!(Button::parse(&button.payload()), button, "{button:?}");
        }
    }

    #[test]
    fn payloads_keep_the_strings_earlier_builds_sent() {
        assert_eq!(Button::Language(Language::Bn).payload(), "lang:bn");
        assert_eq!(
            Button::YesNo(YesNoButtons::Consent, true).payload(),
            "consent:yes"
        );
        assert_eq!(
            Button::YesNo(YesNoButtons::Forget, false).payload(),
            "forget:no"
        );
        assert_eq!(Button::Pick(1).payload(), "pick:1");
        assert_eq!(Button::PickOther.payload(), "pick:other");
        assert_eq!(Button::Command("mydata".into()).payload(), "cmd:mydata");
        assert_eq!(Button::Sales(SalesButton::Claim, 42).payload(), "claim:42");
        assert_eq!(Button::Change("budget".into()).payload(), "change:budget");
    }

    #[test]
    fn anything_else_is_a_questionnaire_option_or_unknown() {
        for payload in ["claim:x", "lang:xx", "consent:maybe", "a:b:c"] {
            let (question, option) = payload.split_once(':').unwrap();
            assert_eq!(
                Button::parse(payload),
                Button::Answer {
                    question: question.into(),
                    option: option.into()
                }
            );
        }
        for payload in ["website", ""] {
            assert_eq!(Button::parse(payload), Button::Unknown(payload.into()));
        }
    }

    #[test]
    fn an_option_is_read_by_its_question_s_own_id() {
        assert_eq!(Button::option_of("need:website", "need"), Some("website"));
        assert_eq!(Button::option_of("confirm:yes", "confirm"), Some("yes"));
        assert_eq!(Button::option_of("needs:x", "need"), None);
        assert_eq!(Button::option_of("budget:low", "need"), None);
    }

    #[test]
    fn a_yes_of_one_question_is_no_answer_to_another() {
        let consent = Button::parse("consent:yes");
        assert_eq!(consent.yes_no(YesNoButtons::Consent), Some(true));
        assert_eq!(consent.yes_no(YesNoButtons::Confirm), None);
    }
}
