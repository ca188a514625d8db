//! Text helpers the channels share: splitting a long reply into parts that
//! fit a platform's message limit.

/// Telegram and Discord count a message's length in UTF-16 code units (an
/// emoji is 2); counting the same way keeps every part inside their limit.
pub fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Splits text into parts of at most `max` UTF-16 units, at paragraph
/// breaks where possible, then at line breaks, then anywhere.
pub fn split(text: &str, max: usize) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    for paragraph in text.split("\n\n") {
        for piece in pieces(paragraph, max) {
            let joined = if current.is_empty() { 0 } else { 2 };
            if units(&current) + joined + units(&piece) > max {
                parts.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push_str("\n\n");
            }
            current.push_str(&piece);
        }
    }
    if !current.is_empty() || parts.is_empty() {
        parts.push(current);
    }
    parts
}

/// A paragraph in pieces that fit: by lines, and a line too long by itself
/// in hard cuts.
fn pieces(paragraph: &str, max: usize) -> Vec<String> {
    if units(paragraph) <= max {
        return vec![paragraph.to_owned()];
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    for line in paragraph.split('\n') {
        for cut in hard_cuts(line, max) {
            let joined = usize::from(!current.is_empty());
            if units(&current) + joined + units(&cut) > max {
                pieces.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(&cut);
        }
    }
    pieces.push(current);
    pieces
}

/// A line in pieces of at most `max` UTF-16 units, never splitting a char.
fn hard_cuts(line: &str, max: usize) -> Vec<String> {
    let mut cuts = vec![String::new()];
    let mut size = 0;
    for c in line.chars() {
        if size + c.len_utf16() > max {
            cuts.push(String::new());
            size = 0;
        }
        size += c.len_utf16();
        cuts.last_mut().expect("one cut at least").push(c);
    }
    cuts
}

/// At most `max` UTF-16 units of `text`, cut at a char boundary.
pub fn cut(text: &str, max: usize) -> &str {
    let mut size = 0;
    for (i, c) in text.char_indices() {
        size += c.len_utf16();
        if size > max {
            return &text[..i];
        }
    }
    text
}

/// `text` with `line` added as a paragraph, within `max` UTF-16 units: an
/// alert edited after Claim, then Won. Where both do not fit, the text's
/// last paragraph (the line added before) and the new line stay whole, and
/// what comes before them is cut, marked with "…".
pub fn with_paragraph(text: &str, line: &str, max: usize) -> String {
    let joined = format!("{text}\n\n{line}");
    if units(&joined) <= max {
        return joined;
    }
    let (head, tail) = match text.rsplit_once("\n\n") {
        Some((head, last)) if units(last) + units(line) + 5 <= max => {
            (head, format!("\n\n{last}\n\n{line}"))
        }
        _ => (text, format!("\n\n{line}")),
    };
    let head = cut(head, max.saturating_sub(units(&tail) + 1));
    cut(&format!("{head}…{tail}"), max).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_added_to_a_full_text_stays_whole_with_the_line_before() {
        let alert = format!("{}\n\nQualified at 10:00", "😀".repeat(1000));
        let claimed = with_paragraph(&alert, "Claimed by Sunita", 2000);

        let won = with_paragraph(&claimed, "Won — Sunita", 2000);

        assert!(units(&claimed) <= 2000 && units(&won) <= 2000);
        assert!(claimed.ends_with("…\n\nQualified at 10:00\n\nClaimed by Sunita"));
        assert!(won.ends_with("…\n\nClaimed by Sunita\n\nWon — Sunita"));
        assert!(won.starts_with("😀😀"));
    }

    #[test]
    fn a_line_that_fits_is_simply_added() {
        assert_eq!(with_paragraph("alert", "Claimed", 2000), "alert\n\nClaimed");
        assert_eq!(cut("😀😀", 3), "😀");
    }

    #[test]
    fn long_text_splits_on_paragraphs_and_keeps_every_character() {
        let paragraph = "ক".repeat(3000);
        let text = format!("{paragraph}\n\n{paragraph}\n\nshort");
        let parts = split(&text, 4096);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0], paragraph);
        assert_eq!(parts[1], format!("{paragraph}\n\nshort"));
        assert!(parts.iter().all(|p| p.chars().count() <= 4096));
    }

    #[test]
    fn a_paragraph_longer_than_the_limit_is_cut_by_lines_then_anywhere() {
        let text = "x".repeat(10_000);
        let parts = split(&text, 4096);
        assert_eq!(
            parts.iter().map(|p| p.chars().count()).collect::<Vec<_>>(),
            [4096, 4096, 1808]
        );
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn emoji_count_twice_as_telegram_counts_them() {
        let text = "😀".repeat(3000);
        let parts = split(&text, 4096);
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| units(p) <= 4096));
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn short_text_is_one_part() {
        assert_eq!(split("hello", 4096), ["hello"]);
    }
}
