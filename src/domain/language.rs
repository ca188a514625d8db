//! The three languages leadbot speaks.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language the bot converses in. The order is the order the language
/// question offers them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Bn,
    Hi,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::En, Language::Bn, Language::Hi];

    /// The BCP 47 code, also the name of the folder under `locales/`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Bn => "bn",
            Language::Hi => "hi",
        }
    }

    /// The message id of the language's own name (an endonym in every locale).
    pub fn label_id(self) -> &'static str {
        match self {
            Language::En => "language-en",
            Language::Bn => "language-bn",
            Language::Hi => "language-hi",
        }
    }

    /// Reads a platform language hint such as Telegram's `language_code`
    /// (`bn`, `hi-IN`, `en-GB`); other languages give `None`.
    pub fn from_hint(hint: &str) -> Option<Language> {
        let primary = hint.split(['-', '_']).next().unwrap_or_default();
        primary.parse().ok()
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown language {0:?}: use en, bn or hi")]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// Accepts codes and the names people type: "bangla", "বাংলা", "हिंदी"...
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lowered = s.trim().to_lowercase();
        match lowered.as_str() {
            "en" | "eng" | "english" | "ইংরেজি" | "इंग्लिश" | "अंग्रेज़ी" | "अंग्रेजी" => {
                Ok(Language::En)
            }
            "bn"
            | "ben"
            | "bangla"
            | "bengali"
            | "bangali"
            | "বাংলা"
            | "বাঙলা"
            | "বাংলায়"
            | "बांग्ला"
            | "बंगाली" => Ok(Language::Bn),
            "hi" | "hin" | "hindi" | "हिन्दी" | "हिंदी" | "হিন্দি" => {
                Ok(Language::Hi)
            }
            _ => Err(UnknownLanguage(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_in_every_script_parse() {
        assert_eq!("bn".parse(), Ok(Language::Bn));
        assert_eq!("Bangla".parse(), Ok(Language::Bn));
        assert_eq!("বাংলা".parse(), Ok(Language::Bn));
        assert_eq!("हिंदी".parse(), Ok(Language::Hi));
        assert_eq!(" English ".parse(), Ok(Language::En));
        assert!("fr".parse::<Language>().is_err());
    }

    #[test]
    fn a_regional_hint_maps_to_its_primary_language() {
        assert_eq!(Language::from_hint("hi-IN"), Some(Language::Hi));
        assert_eq!(Language::from_hint("en_GB"), Some(Language::En));
        assert_eq!(Language::from_hint("ru"), None);
    }
}
