//! Picking an option of a choice question from free text: its number, its
//! id, or the keywords the questionnaire gives it.

use super::normalize::{contains_phrase, normalize, tokens};

/// An option as the matcher sees it.
pub struct OptionWords<'a> {
    pub id: &'a str,
    pub keywords: &'a [String],
}

/// The index of the option `text` picks, or `None` when it picks none or
/// several equally well.
pub fn match_option(text: &str, options: &[OptionWords<'_>]) -> Option<usize> {
    let normalized = normalize(text);
    let trimmed = normalized.trim_matches(|c: char| !c.is_alphanumeric());
    if let Ok(number) = trimmed.parse::<usize>() {
        return (1..=options.len()).contains(&number).then(|| number - 1);
    }
    if let Some(index) = options.iter().position(|o| o.id == trimmed) {
        return Some(index);
    }
    let words = tokens(&normalized);
    // The option whose matching keywords cover the most words wins, so that
    // "I decide together with my partner" beats a bare "I decide".
    let scores: Vec<usize> = options
        .iter()
        .map(|option| {
            option
                .keywords
                .iter()
                .map(|k| normalize(k))
                .filter(|k| contains_phrase(&words, &tokens(k)))
                .map(|k| tokens(&k).len())
                .sum()
        })
        .collect();
    let best = *scores.iter().max()?;
    if best == 0 || scores.iter().filter(|&&s| s == best).count() > 1 {
        return None;
    }
    scores.iter().position(|&s| s == best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(keywords: &[&[&str]]) -> Vec<(String, Vec<String>)> {
        keywords
            .iter()
            .enumerate()
            .map(|(i, k)| (format!("o{i}"), k.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    fn pick(text: &str, opts: &[(String, Vec<String>)]) -> Option<usize> {
        let words: Vec<_> = opts
            .iter()
            .map(|(id, k)| OptionWords { id, keywords: k })
            .collect();
        match_option(text, &words)
    }

    #[test]
    fn a_number_in_any_script_picks_that_option() {
        let opts = options(&[&[], &[], &[]]);
        assert_eq!(pick("2", &opts), Some(1));
        assert_eq!(pick("৩", &opts), Some(2));
        assert_eq!(pick("१.", &opts), Some(0));
        assert_eq!(pick("4", &opts), None);
        assert_eq!(pick("0", &opts), None);
    }

    #[test]
    fn an_option_id_picks_that_option() {
        let opts = options(&[&[], &[]]);
        assert_eq!(pick("o1", &opts), Some(1));
    }

    #[test]
    fn the_most_specific_keyword_match_wins() {
        let opts = options(&[&["i decide"], &["together", "with my partner"], &["boss"]]);
        assert_eq!(pick("I decide together with my partner", &opts), Some(1));
        assert_eq!(pick("i decide", &opts), Some(0));
        assert_eq!(pick("My BOSS", &opts), Some(2));
    }

    #[test]
    fn a_tie_or_no_match_picks_nothing() {
        let opts = options(&[&["website"], &["app"]]);
        assert_eq!(pick("website and app", &opts), None);
        assert_eq!(pick("hello", &opts), None);
    }

    #[test]
    fn bengali_keywords_match_whole_words() {
        let opts = options(&[&["আমি নিজেই"], &["অন্য কেউ"]]);
        assert_eq!(pick("আমি নিজেই সিদ্ধান্ত নিই", &opts), Some(0));
        assert_eq!(pick("অন্য কেউ নেয়", &opts), Some(1));
    }
}
