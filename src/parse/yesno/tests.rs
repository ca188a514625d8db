use super::*;

#[test]
fn yes_in_three_languages_and_romanized() {
    for text in [
        "yes",
        "Ok!",
        "sure",
        "হ্যাঁ",
        "জি",
        "ঠিক আছে",
        "हाँ",
        "जी हाँ",
        "ठीक है",
        "haan",
        "ji",
        "👍",
    ] {
        assert_eq!(parse_yes_no(text), YesNo::Yes, "{text}");
    }
}

#[test]
fn negated_phrases_win_over_bare_yes_words() {
    for text in ["no", "জি না", "না", "जी नहीं", "नहीं", "nahi", "na", "👎"]
    {
        assert_eq!(parse_yes_no(text), YesNo::No, "{text}");
    }
}

#[test]
fn mixed_self_correcting_and_hesitant_answers_are_unclear() {
    for text in [
        "ok no",
        "yes... no, I mean I don't understand",
        "haan nahi matlab pata nahi",
        "হ্যাঁ, না মানে...",
        "hmm I'll have to think",
        "hmm",
        "হুম",
        "हम्म",
        "ok?",
    ] {
        assert_eq!(parse_yes_no(text), YesNo::Unclear, "{text}");
    }
}

#[test]
fn emphatic_and_romanized_answers() {
    for text in [
        "bilkul",
        "zaroor",
        "ekdom",
        "why not?",
        "kyun nahi",
        "কেন নয়",
    ] {
        assert_eq!(parse_yes_no(text), YesNo::Yes, "{text}");
    }
    for text in [
        "bilkul nahi",
        "একদম না",
        "absolutely not",
        "no thanks, abhi mat karo",
    ] {
        assert_eq!(parse_yes_no(text), YesNo::No, "{text}");
    }
}

#[test]
fn agreement_idioms_with_a_negation_mean_yes() {
    for text in [
        "no problem",
        "sure, why not",
        "কোনো সমস্যা নেই",
        "कोई दिक्कत नहीं",
        "koi baat nahi",
    ] {
        assert_eq!(parse_yes_no(text), YesNo::Yes, "{text}");
    }
}

#[test]
fn laughter_doubt_and_later_are_unclear() {
    for text in [
        "haha",
        "hmm let me see",
        "",
        "😂",
        "maybe later",
        "জানি না",
        "पता नहीं",
        "बाद में बताता हूँ",
    ] {
        assert_eq!(parse_yes_no(text), YesNo::Unclear, "{text}");
    }
}

#[test]
fn fillers_are_recognized() {
    assert!(is_filler("hmmm"));
    assert!(is_filler("hahaha lol"));
    assert!(!is_filler("website"));
    assert!(!is_filler(""));
}

#[test]
fn chat_short_forms_of_yes_are_yes() {
    for text in ["hn", "sahi hai", "सही है"] {
        assert_eq!(parse_yes_no(text), YesNo::Yes, "{text}");
    }
    assert_ne!(parse_yes_no("sahi nahi hai"), YesNo::Yes);
}
