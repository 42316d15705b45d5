//! Reading a card back: its text without the frame, as `verify` searches it.

/// The lines of a card with its frame taken off: for each line whose first and last
/// characters are both frame characters (box drawing, `|`, `+`), the text between them.
pub fn card_inner_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            let line = line.trim();
            let mut chars = line.chars();
            match (chars.next(), chars.next_back()) {
                (Some(first), Some(last)) if is_frame(first) && is_frame(last) => {
                    chars.as_str().trim().to_owned()
                }
                _ => line.to_owned(),
            }
        })
        .collect()
}

fn is_frame(c: char) -> bool {
    matches!(c, '|' | '+' | '\u{2500}'..='\u{257F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_frames_are_taken_off_but_text_is_kept() {
        let card = "┌────┐\n│ a b │\n| c | d |\nplain\n└────┘";
        assert_eq!(
            card_inner_lines(card),
            ["────", "a b", "c | d", "plain", "────"]
        );
    }
}
