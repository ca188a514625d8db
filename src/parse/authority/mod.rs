//! Who decides on the purchase, from free text: "আমি নিজেই", "मैं और मेरे
//! पार्टनर", "my boss decides", "I'm the CEO", "owner sir will decide". Each
//! role's phrases found in the answer add up by length; a title counts for
//! the prospect when it is their own and for someone else when it is
//! another's. The role with the most wins, and a tie is unclear.

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
    if super::yesno::NOT_AN_ANSWER.contains(&words) && !SIGNALS.contains(&words) {
        return None;
    }
    // "why do you ask?", "কেন জিজ্ঞেস করছেন?": a question back.
    if normalized.ends_with('?')
        || (normalized.contains('?') && words.first().is_some_and(|w| QUESTION_WORDS.contains(w)))
    {
        return None;
    }
    let first_person = words.iter().any(|w| FIRST_PERSON.contains(w));
    let mut score = [0usize; 3];
    for (at, len, signal) in SIGNALS.matches(&words) {
        let (role, weight) = match signal {
            Signal::Role(role) => (role, len + 1),
            Signal::Title(title) => (title_role(&words, at, len, title, first_person), len + 2),
        };
        score[role as usize] += weight;
    }
    // "me", "আমি", "मैं" alone: the prospect decides, unless something
    // else was said.
    // ... unless someone else acts: "doctor sahab final karenge, main
    // receptionist hu", "purchase dept will take the call, I'm in marketing".
    if score.iter().all(|s| *s == 0) && first_person {
        let someone_else_acts = words.iter().enumerate().any(|(i, w)| {
            // "decide" is any person's; "will" is whoever says it just before.
            THIRD_PERSON_VERBS.contains(w)
                && *w != "decide"
                && !words[i.saturating_sub(2)..i]
                    .iter()
                    .any(|w| FIRST_PERSON.contains(w) || *w == "ll")
        });
        return Some(if someone_else_acts {
            Authority::Influences
        } else {
            Authority::Decides
        });
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

/// Titles mean the prospect decides when they are the prospect's own ("I'm
/// the CEO", "MD here", "main owner hoon", "proprietor"), and someone else
/// decides when they are another's ("my MD", "owner sir will decide", "the
/// owner decides", "আমাদের এমডি স্যার").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Title {
    /// Owner, proprietor, founder, CEO, MD, director, chairman.
    Head,
    /// Partner, co-founder: decides with others.
    Partner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signal {
    Role(Authority),
    Title(Title),
}

fn title_role(
    words: &[&str],
    at: usize,
    len: usize,
    title: Title,
    first_person: bool,
) -> Authority {
    let own = match title {
        Title::Head => Authority::Decides,
        Title::Partner => Authority::DecidesWithOthers,
    };
    let before = at.checked_sub(1).map(|i| words[i]);
    let before2 = at.checked_sub(2).map(|i| words[i]);
    let after = words.get(at + len).copied();
    let possessed = before.is_some_and(|w| POSSESSIVE.contains(&w))
        || (before.is_some_and(|w| matches!(w, "the" | "company" | "company's"))
            && before2.is_some_and(|w| POSSESSIVE.contains(&w)));
    let honorific = after.is_some_and(|w| HONORIFIC.contains(&w));
    // "CEO will finalise, I'm just collecting quotes".
    let acts = after.is_some_and(|w| THIRD_PERSON_VERBS.contains(&w));
    // "my partner" decides with the prospect, not instead of them.
    if title == Title::Partner {
        return own;
    }
    if possessed || honorific || acts {
        return Authority::Influences;
    }
    // "the owner, I just handle the enquiries": a title with "the" that is
    // not the speaker's own ("I'm the owner", "the owner is me") is another's.
    let introduced = before2.is_some_and(|w| FIRST_PERSON.contains(&w) || matches!(w, "am" | "m"));
    let is_me = words[at + len..]
        .iter()
        .take(3)
        .any(|w| matches!(*w, "me" | "myself"));
    if before == Some("the") && !introduced && !is_me {
        return Authority::Influences;
    }
    if first_person {
        return own;
    }
    let third_person = before == Some("the")
        || words[at + len..]
            .iter()
            .any(|w| THIRD_PERSON_VERBS.contains(w));
    if third_person && title == Title::Head {
        Authority::Influences
    } else {
        own
    }
}

const QUESTION_WORDS: &[&str] = &[
    "why",
    "what",
    "who",
    "how",
    "keno",
    "kyun",
    "kyu",
    "kya",
    "ki",
    "কেন",
    "কী",
    "কি",
    "क्यों",
    "क्या",
];

/// Words that make the speaker the subject: "I'm", "main … hoon", "আমি".
const FIRST_PERSON: &[&str] = &[
    "i",
    "i'm",
    "im",
    "me",
    "myself",
    "mine",
    "main",
    "mai",
    "hoon",
    "hun",
    "hu",
    "hoo",
    "ami",
    "nije",
    "nijei",
    "khud",
    "apna",
    "apni",
    "meri",
    "mera",
    "मैं",
    "मै",
    "हूँ",
    "हूं",
    "हू",
    "ख़ुद",
    "खुद",
    "अपना",
    "अपनी",
    "मेरी",
    "आমি",
    "আমি",
    "আমিই",
    "নিজে",
    "নিজেই",
    "নিজের",
    "nijer",
    "own",
];

/// Words that make a title someone else's: "my MD", "আমাদের মালিক".
const POSSESSIVE: &[&str] = &[
    "my",
    "our",
    "mera",
    "mere",
    "meri",
    "hamara",
    "hamare",
    "humare",
    "humara",
    "amar",
    "amader",
    "আমার",
    "আমাদের",
    "मेरे",
    "मेरा",
    "मेरी",
    "हमारे",
    "हमारा",
    "हमारी",
    "their",
    "his",
    "her",
    "unke",
    "uske",
    "tar",
    "তার",
    "ওনার",
    "उनके",
    "उसके",
];

/// "owner sir", "MD saab", "মালিক স্যার", "मालिक साहब": someone the prospect
/// speaks of with respect.
const HONORIFIC: &[&str] = &[
    "sir",
    "saab",
    "sahab",
    "saheb",
    "ji",
    "madam",
    "mam",
    "ma'am",
    "স্যার",
    "সাহেব",
    "ম্যাডাম",
    "साहब",
    "सर",
    "जी",
    "मैडम",
];

const THIRD_PERSON_VERBS: &[&str] = &[
    "decides",
    "decide",
    "will",
    "korben",
    "korbe",
    "neben",
    "nibe",
    "karenge",
    "karega",
    "karegi",
    "karte",
    "करेंगे",
    "करेगा",
    "करेगी",
    "करते",
    "নেবেন",
    "নিবেন",
    "করবেন",
    "করবে",
    "নেয়",
    "নেন",
];

static SIGNALS: LazyLock<PhraseSet<Signal>> = LazyLock::new(|| {
    let mut entries: Vec<(&str, Signal)> = TITLES
        .iter()
        .map(|(phrase, title)| (*phrase, Signal::Title(*title)))
        .collect();
    entries.extend(
        ROLE_PHRASES
            .iter()
            .map(|(phrase, role)| (*phrase, Signal::Role(*role))),
    );
    PhraseSet::new(&entries)
});

const TITLES: &[(&str, Title)] = &[
    ("owner", Title::Head),
    ("business owner", Title::Head),
    ("proprietor", Title::Head),
    ("propreitor", Title::Head),
    ("founder", Title::Head),
    ("ceo", Title::Head),
    ("md", Title::Head),
    ("managing director", Title::Head),
    ("director", Title::Head),
    ("chairman", Title::Head),
    ("chairperson", Title::Head),
    ("president", Title::Head),
    ("malik", Title::Head),
    ("maalik", Title::Head),
    ("malkin", Title::Head),
    ("মালিক", Title::Head),
    ("প্রোপ্রাইটর", Title::Head),
    ("স্বত্বাধিকারী", Title::Head),
    ("প্রতিষ্ঠাতা", Title::Head),
    ("চেয়ারম্যান", Title::Head),
    ("এমডি", Title::Head),
    ("সিইও", Title::Head),
    ("ডিরেক্টর", Title::Head),
    ("পরিচালক", Title::Head),
    ("मालिक", Title::Head),
    ("मालकिन", Title::Head),
    ("प्रोपराइटर", Title::Head),
    ("संस्थापक", Title::Head),
    ("सीईओ", Title::Head),
    ("एमडी", Title::Head),
    ("डायरेक्टर", Title::Head),
    ("निदेशक", Title::Head),
    ("चेयरमैन", Title::Head),
    ("partner", Title::Partner),
    ("partners", Title::Partner),
    ("business partner", Title::Partner),
    ("cofounder", Title::Partner),
    ("co-founder", Title::Partner),
    ("co-founders", Title::Partner),
    ("cofounders", Title::Partner),
    ("co founder", Title::Partner),
    ("co founders", Title::Partner),
    ("পার্টনার", Title::Partner),
    ("পার্টনারদের", Title::Partner),
    ("অংশীদার", Title::Partner),
    ("पार्टनर", Title::Partner),
    ("पार्टनरों", Title::Partner),
    ("साझेदार", Title::Partner),
];

const ROLE_PHRASES: &[(&str, Authority)] = &[
    ("i decide", Authority::Decides),
    ("i will decide", Authority::Decides),
    ("i'll decide", Authority::Decides),
    ("i do", Authority::Decides),
    ("only me", Authority::Decides),
    ("just me", Authority::Decides),
    ("me only", Authority::Decides),
    ("myself", Authority::Decides),
    ("i am the boss", Authority::Decides),
    ("i'm the boss", Authority::Decides),
    ("im the boss", Authority::Decides),
    ("my decision", Authority::Decides),
    ("my own decision", Authority::Decides),
    ("my call", Authority::Decides),
    ("final call meri", Authority::Decides),
    ("final decision mera", Authority::Decides),
    ("my own business", Authority::Decides),
    ("my own company", Authority::Decides),
    ("my business", Authority::Decides),
    ("my company", Authority::Decides),
    ("amar decision", Authority::Decides),
    ("amar nijer", Authority::Decides),
    ("ami nijei", Authority::Decides),
    ("ami nije", Authority::Decides),
    ("nijei", Authority::Decides),
    ("main khud", Authority::Decides),
    ("mai khud", Authority::Decides),
    ("main hi", Authority::Decides),
    ("mai hi", Authority::Decides),
    ("mera decision", Authority::Decides),
    ("mera faisla", Authority::Decides),
    ("apna business", Authority::Decides),
    ("mera apna", Authority::Decides),
    ("আমি নিজেই", Authority::Decides),
    ("আমি নিজে", Authority::Decides),
    ("নিজেই", Authority::Decides),
    ("আমার সিদ্ধান্ত", Authority::Decides),
    ("আমার নিজের", Authority::Decides),
    ("আমিই", Authority::Decides),
    ("मैं खुद", Authority::Decides),
    ("मैं ख़ुद", Authority::Decides),
    ("मैं ही", Authority::Decides),
    ("खुद", Authority::Decides),
    ("ख़ुद", Authority::Decides),
    ("मेरा फ़ैसला", Authority::Decides),
    ("मेरा फैसला", Authority::Decides),
    ("मेरा अपना", Authority::Decides),
    ("मेरा बिज़नेस", Authority::Decides),
    ("मेरा बिजनेस", Authority::Decides),
    ("together", Authority::DecidesWithOthers),
    ("jointly", Authority::DecidesWithOthers),
    ("with my partner", Authority::DecidesWithOthers),
    ("with my wife", Authority::DecidesWithOthers),
    ("with my husband", Authority::DecidesWithOthers),
    ("with family", Authority::DecidesWithOthers),
    ("with the family", Authority::DecidesWithOthers),
    ("with others", Authority::DecidesWithOthers),
    ("with the team", Authority::DecidesWithOthers),
    ("we decide", Authority::DecidesWithOthers),
    ("we", Authority::DecidesWithOthers),
    ("both of us", Authority::DecidesWithOthers),
    ("me and", Authority::DecidesWithOthers),
    ("me n", Authority::DecidesWithOthers),
    ("i and", Authority::DecidesWithOthers),
    ("me along with", Authority::DecidesWithOthers),
    ("along with", Authority::DecidesWithOthers),
    ("and i", Authority::DecidesWithOthers),
    ("n me", Authority::DecidesWithOthers),
    ("and me", Authority::DecidesWithOthers),
    ("amra", Authority::DecidesWithOthers),
    ("mile", Authority::DecidesWithOthers),
    ("milke", Authority::DecidesWithOthers),
    ("mil ke", Authority::DecidesWithOthers),
    ("milkar", Authority::DecidesWithOthers),
    ("mil kar", Authority::DecidesWithOthers),
    ("hum dono", Authority::DecidesWithOthers),
    ("hum log", Authority::DecidesWithOthers),
    ("hum", Authority::DecidesWithOthers),
    ("ke saath", Authority::DecidesWithOthers),
    ("discuss karke", Authority::DecidesWithOthers),
    ("alochona kore", Authority::DecidesWithOthers),
    ("ekshathe", Authority::DecidesWithOthers),
    ("eksathe", Authority::DecidesWithOthers),
    ("আমরা", Authority::DecidesWithOthers),
    ("মিলে", Authority::DecidesWithOthers),
    ("একসাথে", Authority::DecidesWithOthers),
    ("আমি আর", Authority::DecidesWithOthers),
    ("আমি ও", Authority::DecidesWithOthers),
    ("সবাই মিলে", Authority::DecidesWithOthers),
    ("পরিবারের সাথে", Authority::DecidesWithOthers),
    ("সাথে", Authority::DecidesWithOthers),
    ("আলোচনা করে", Authority::DecidesWithOthers),
    ("দুজনে", Authority::DecidesWithOthers),
    ("हम", Authority::DecidesWithOthers),
    ("हम दोनों", Authority::DecidesWithOthers),
    ("मिलकर", Authority::DecidesWithOthers),
    ("मिल कर", Authority::DecidesWithOthers),
    ("मिलके", Authority::DecidesWithOthers),
    ("मैं और", Authority::DecidesWithOthers),
    ("साथ में", Authority::DecidesWithOthers),
    ("के साथ", Authority::DecidesWithOthers),
    ("चर्चा करके", Authority::DecidesWithOthers),
    ("someone else", Authority::Influences),
    ("somebody else", Authority::Influences),
    ("not me", Authority::Influences),
    ("boss", Authority::Influences),
    ("my boss", Authority::Influences),
    ("manager", Authority::Influences),
    ("my manager", Authority::Influences),
    ("management", Authority::Influences),
    ("higher authority", Authority::Influences),
    ("higher management", Authority::Influences),
    ("top management", Authority::Influences),
    ("board", Authority::Influences),
    ("committee", Authority::Influences),
    ("head office", Authority::Influences),
    ("have to ask", Authority::Influences),
    ("have to talk", Authority::Influences),
    ("need to talk", Authority::Influences),
    ("have to check with", Authority::Influences),
    ("need to check with", Authority::Influences),
    ("will check with", Authority::Influences),
    ("kotha bolte hobe", Authority::Influences),
    ("kotha bole janabo", Authority::Influences),
    ("baat karni padegi", Authority::Influences),
    ("baat karni hogi", Authority::Influences),
    ("baat karke bataunga", Authority::Influences),
    ("কথা বলতে হবে", Authority::Influences),
    ("কথা বলে জানাব", Authority::Influences),
    ("কথা বলে জানাবো", Authority::Influences),
    ("बात करनी होगी", Authority::Influences),
    ("बात करनी पड़ेगी", Authority::Influences),
    ("बात करके बताऊंगा", Authority::Influences),
    ("decision is mine", Authority::Decides),
    ("faisla mera", Authority::Decides),
    ("फैसला मेरा", Authority::Decides),
    ("সিদ্ধান্ত আমার", Authority::Decides),
    ("সিদ্ধান্তও আমার", Authority::Decides),
    ("siddhanto amar", Authority::Decides),
    ("need to ask", Authority::Influences),
    ("will ask", Authority::Influences),
    ("ask my", Authority::Influences),
    ("approval", Authority::Influences),
    ("approve", Authority::Influences),
    ("permission", Authority::Influences),
    ("father", Authority::Influences),
    ("dad", Authority::Influences),
    ("papa", Authority::Influences),
    ("abbu", Authority::Influences),
    ("abba", Authority::Influences),
    ("baba", Authority::Influences),
    ("pitaji", Authority::Influences),
    ("puchna", Authority::Influences),
    ("poochna", Authority::Influences),
    ("jiggesh", Authority::Influences),
    ("malikpokkho", Authority::Influences),
    ("অন্য কেউ", Authority::Influences),
    ("বস", Authority::Influences),
    ("ম্যানেজার", Authority::Influences),
    ("ম্যানেজমেন্ট", Authority::Influences),
    ("মালিকপক্ষ", Authority::Influences),
    ("কর্তৃপক্ষ", Authority::Influences),
    ("আব্বু", Authority::Influences),
    ("আব্বা", Authority::Influences),
    ("বাবা", Authority::Influences),
    ("কমিটি", Authority::Influences),
    ("জিজ্ঞেস", Authority::Influences),
    ("অনুমতি", Authority::Influences),
    ("कोई और", Authority::Influences),
    ("बॉस", Authority::Influences),
    ("मैनेजर", Authority::Influences),
    ("मैनेजमेंट", Authority::Influences),
    ("पापा", Authority::Influences),
    ("पिताजी", Authority::Influences),
    ("कमेटी", Authority::Influences),
    ("पूछना", Authority::Influences),
    ("अनुमति", Authority::Influences),
    ("koi aur", Authority::Influences),
];

#[cfg(test)]
mod tests;
