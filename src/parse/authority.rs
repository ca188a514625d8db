//! Who decides on the purchase, from free text: "আমি নিজেই", "मैं और मेरे
//! पार्टनर", "my boss decides". Each role's phrases found in the answer add
//! up by length; the role with the most wins, and a tie is unclear.

use super::normalize::{normalize, tokens};
use super::phrases::PhraseSet;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    Decides,
    DecidesWithOthers,
    /// Someone else decides; the prospect influences.
    Influences,
}

pub fn parse_authority(text: &str) -> Option<Authority> {
    let normalized = normalize(text);
    let words = tokens(&normalized);
    if super::yesno::NOT_AN_ANSWER.contains(&words) {
        return None;
    }
    let mut score = [0usize; 3];
    for (_, len, role) in PHRASES.matches(&words) {
        score[role as usize] += len;
    }
    let best = *score.iter().max()?;
    if best == 0 || score.iter().filter(|s| **s == best).count() > 1 {
        return None;
    }
    let roles = [
        Authority::Decides,
        Authority::DecidesWithOthers,
        Authority::Influences,
    ];
    roles.into_iter().find(|r| score[*r as usize] == best)
}

static PHRASES: LazyLock<PhraseSet<Authority>> = LazyLock::new(|| {
    use Authority::*;
    PhraseSet::new(&[
        ("i decide", Decides),
        ("i will decide", Decides),
        ("i'll decide", Decides),
        ("me", Decides),
        ("myself", Decides),
        ("i do", Decides),
        ("only me", Decides),
        ("i am the owner", Decides),
        ("i'm the owner", Decides),
        ("im the owner", Decides),
        ("i am the boss", Decides),
        ("i'm the boss", Decides),
        ("my decision", Decides),
        ("my own decision", Decides),
        ("amar decision", Decides),
        ("ami", Decides),
        ("ami nijei", Decides),
        ("nije", Decides),
        ("nijei", Decides),
        ("main khud", Decides),
        ("mai khud", Decides),
        ("khud", Decides),
        ("mera decision", Decides),
        ("আমি", Decides),
        ("আমিই", Decides),
        ("আমি নিজেই", Decides),
        ("নিজেই", Decides),
        ("নিজে", Decides),
        ("আমার সিদ্ধান্ত", Decides),
        ("আমি মালিক", Decides),
        ("আমিই মালিক", Decides),
        ("मैं", Decides),
        ("मैं खुद", Decides),
        ("मैं ख़ुद", Decides),
        ("मैं ही", Decides),
        ("खुद", Decides),
        ("ख़ुद", Decides),
        ("मेरा फ़ैसला", Decides),
        ("मेरा फैसला", Decides),
        ("मैं मालिक", Decides),
        ("together", DecidesWithOthers),
        ("with my partner", DecidesWithOthers),
        ("partner", DecidesWithOthers),
        ("partners", DecidesWithOthers),
        ("cofounder", DecidesWithOthers),
        ("co founder", DecidesWithOthers),
        ("with my wife", DecidesWithOthers),
        ("with my husband", DecidesWithOthers),
        ("with family", DecidesWithOthers),
        ("we", DecidesWithOthers),
        ("we decide", DecidesWithOthers),
        ("me and", DecidesWithOthers),
        ("i and", DecidesWithOthers),
        ("with others", DecidesWithOthers),
        ("jointly", DecidesWithOthers),
        ("আমরা", DecidesWithOthers),
        ("মিলে", DecidesWithOthers),
        ("একসাথে", DecidesWithOthers),
        ("পার্টনার", DecidesWithOthers),
        ("আমি আর", DecidesWithOthers),
        ("আমি ও", DecidesWithOthers),
        ("সবাই মিলে", DecidesWithOthers),
        ("পরিবারের সাথে", DecidesWithOthers),
        ("हम", DecidesWithOthers),
        ("मिलकर", DecidesWithOthers),
        ("मिल कर", DecidesWithOthers),
        ("मिलके", DecidesWithOthers),
        ("पार्टनर", DecidesWithOthers),
        ("मैं और", DecidesWithOthers),
        ("साथ में", DecidesWithOthers),
        ("milke", DecidesWithOthers),
        ("milkar", DecidesWithOthers),
        ("amra", DecidesWithOthers),
        ("mile", DecidesWithOthers),
        ("hum", DecidesWithOthers),
        ("someone else", Influences),
        ("somebody else", Influences),
        ("boss", Influences),
        ("my boss", Influences),
        ("manager", Influences),
        ("management", Influences),
        ("board", Influences),
        ("committee", Influences),
        ("director", Influences),
        ("md", Influences),
        ("ceo", Influences),
        ("owner", Influences),
        ("father", Influences),
        ("dad", Influences),
        ("papa", Influences),
        ("abbu", Influences),
        ("baba", Influences),
        ("অন্য কেউ", Influences),
        ("বস", Influences),
        ("ম্যানেজার", Influences),
        ("মালিক", Influences),
        ("আব্বু", Influences),
        ("আব্বা", Influences),
        ("বাবা", Influences),
        ("কমিটি", Influences),
        ("এমডি", Influences),
        ("স্যার", Influences),
        ("कोई और", Influences),
        ("बॉस", Influences),
        ("मैनेजर", Influences),
        ("मालिक", Influences),
        ("पापा", Influences),
        ("पिताजी", Influences),
        ("कमेटी", Influences),
        ("डायरेक्टर", Influences),
        ("koi aur", Influences),
    ])
});

#[cfg(test)]
mod tests {
    use super::*;
    use Authority::*;

    #[test]
    fn the_prospect_alone_decides() {
        for text in ["আমি নিজেই", "I decide", "मैं खुद", "main khud", "আমি মালিক"]
        {
            assert_eq!(parse_authority(text), Some(Decides), "{text}");
        }
    }

    #[test]
    fn deciding_together() {
        for text in [
            "मैं और मेरे पार्टनर",
            "আমি আর আমার পার্টনার মিলে",
            "together with my partner",
            "हम मिलकर",
        ] {
            assert_eq!(parse_authority(text), Some(DecidesWithOthers), "{text}");
        }
    }

    #[test]
    fn someone_else_decides() {
        for text in ["my boss decides", "বস", "पापा", "the board"] {
            assert_eq!(parse_authority(text), Some(Influences), "{text}");
        }
    }

    #[test]
    fn no_role_or_a_tie_is_unclear() {
        for text in ["haha", "depends", "", "let me check"] {
            assert_eq!(parse_authority(text), None, "{text}");
        }
    }
}
