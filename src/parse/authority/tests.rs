use super::*;
use Authority::*;

#[test]
fn a_question_back_is_no_answer() {
    for text in ["can we talk on phone?", "আমরা কি ফোনে কথা বলতে পারি?", "main?"]
    {
        assert_eq!(parse_authority(text), None, "{text}");
    }
}

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
fn owners_and_executives_decide() {
    for text in [
        "I'm the CEO",
        "CEO here",
        "main owner hoon",
        "MD hu main company ka",
        "proprietor",
        "মালিক আমি নিজেই",
        "मैं डायरेक्टर हूँ",
    ] {
        assert_eq!(parse_authority(text), Some(Decides), "{text}");
    }
}

#[test]
fn a_partner_decides_with_others() {
    for text in [
        "I'm one of the partners",
        "me n my wife",
        "co-founders ke saath",
    ] {
        assert_eq!(parse_authority(text), Some(DecidesWithOthers), "{text}");
    }
}

#[test]
fn someone_elses_title_means_someone_else_decides() {
    for text in [
        "our MD sir",
        "the owner decides",
        "owner sir will decide, ami just info nicchi",
        "আমাদের এমডি স্যার",
        "हमारे एमडी साहब",
        "I have to ask my boss",
        "the owner, I just handle the enquiries",
        "the CEO, I'm in procurement",
    ] {
        assert_eq!(parse_authority(text), Some(Influences), "{text}");
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

#[test]
fn the_speakers_own_title_with_the_is_still_theirs() {
    for text in [
        "I'm the owner",
        "I am the MD",
        "the owner is me",
        "me, the founder",
    ] {
        assert_eq!(parse_authority(text), Some(Decides), "{text}");
    }
}

#[test]
fn having_to_talk_to_someone_means_they_decide() {
    for text in [
        "আব্বুর সাথে কথা বলতে হবে",
        "papa se baat karni padegi",
        "I have to talk to my father",
    ] {
        assert_eq!(parse_authority(text), Some(Influences), "{text}");
    }
    assert_eq!(parse_authority("দোকান আমার, সিদ্ধান্তও আমার"), Some(Decides));
}

#[test]
fn the_speaker_naming_their_job_while_someone_else_acts_influences() {
    for text in [
        "doctor sahab final karenge, main receptionist hu",
        "Purchase dept will take the call, I'm from marketing",
    ] {
        assert_eq!(parse_authority(text), Some(Influences), "{text}");
    }
    for text in [
        "I will decide",
        "I'll decide",
        "me",
        "main hi final karunga",
        "ami e decide kori",
    ] {
        assert_eq!(parse_authority(text), Some(Decides), "{text}");
    }
}
