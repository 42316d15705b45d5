//! Measuring and wrapping text for fixed-width wallet cards.
//!
//! Width is display columns as `unicode-width` counts them (CJK and most emoji two,
//! combining marks zero). Wrapping uses textwrap's first-fit algorithm, which gives the
//! fewest lines, on pieces that can never split a phone number, an SMS short code or a
//! web address: text breaks only at spaces, and, inside words of other scripts (CJK),
//! where Unicode line breaking allows it and no ASCII character is on either side. A
//! piece wider than the line is put on a line of its own, too wide, so that the fit
//! check reports it; nothing is ever cut.

use textwrap::WordSeparator;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_width::UnicodeWidthStr;

/// The display width of `text` in columns; the bidi marks of a right-to-left card
/// ([`super::bidi`]) take none.
pub fn display_width(text: &str) -> usize {
    if text.contains(super::bidi::is_mark) {
        text.chars()
            .filter(|&c| !super::bidi::is_mark(c))
            .collect::<String>()
            .width()
    } else {
        text.width()
    }
}

/// Wraps `text` into lines of at most `width` columns where possible.
///
/// Line breaks in `text` are kept; other runs of white space become one space. A
/// blank text gives no lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    text.trim_end_matches(['\n', '\r'])
        .split('\n')
        .flat_map(|paragraph| wrap_paragraph(paragraph, width))
        .collect()
}

/// Where text sits when it is padded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Spaces after the text.
    Left,
    /// Spaces before the text.
    Right,
    /// Spaces on both sides, the odd one after.
    Center,
}

impl Align {
    /// Parses `left`, `right` or `center`.
    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "left" => Some(Self::Left),
            "right" => Some(Self::Right),
            "center" | "centre" => Some(Self::Center),
            _ => None,
        }
    }
}

/// Pads `text` with spaces to exactly `width` columns; wider text is returned unchanged.
pub fn pad(text: &str, width: usize, align: Align) -> String {
    let missing = width.saturating_sub(display_width(text));
    let (before, after) = match align {
        Align::Left => (0, missing),
        Align::Right => (missing, 0),
        Align::Center => (missing / 2, missing - missing / 2),
    };
    format!("{}{text}{}", " ".repeat(before), " ".repeat(after))
}

/// An unbreakable piece of a line and whether a space follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    text: String,
    width: usize,
    space_after: bool,
}

impl Piece {
    fn new(text: String) -> Self {
        Self {
            width: display_width(&text),
            text,
            space_after: false,
        }
    }
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }

    fn whitespace_width(&self) -> f64 {
        if self.space_after { 1.0 } else { 0.0 }
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

fn wrap_paragraph(paragraph: &str, width: usize) -> Vec<String> {
    let pieces = pieces(paragraph);
    if pieces.is_empty() {
        return vec![String::new()];
    }
    wrap_first_fit(&pieces, &[width as f64])
        .into_iter()
        .map(join_line)
        .collect()
}

fn join_line(pieces: &[Piece]) -> String {
    let mut line = String::new();
    for (i, piece) in pieces.iter().enumerate() {
        line.push_str(&piece.text);
        if piece.space_after && i + 1 < pieces.len() {
            line.push(' ');
        }
    }
    line
}

/// Splits a paragraph into pieces that wrapping may put on different lines.
fn pieces(paragraph: &str) -> Vec<Piece> {
    let numbers = spaced_numbers(paragraph);
    let inside_number = |at: usize| numbers.iter().any(|range| range.contains(&at));
    let mut tokens = Vec::new();
    let mut start = None;
    for (at, c) in paragraph.char_indices() {
        if is_breaking_space(c) && !inside_number(at) {
            if let Some(from) = start.take() {
                tokens.push(&paragraph[from..at]);
            }
        } else if start.is_none() {
            start = Some(at);
        }
    }
    tokens.extend(start.map(|from| &paragraph[from..]));
    let mut pieces = Vec::new();
    for token in tokens {
        if token.contains(is_breaking_space) {
            pieces.push(Piece::new(token.to_owned()));
        } else {
            pieces.extend(split_token(token));
        }
        if let Some(last) = pieces.last_mut() {
            last.space_after = true;
        }
    }
    pieces
}

/// White space where a line may break; no-break spaces are kept inside a word.
fn is_breaking_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// The telephone numbers written with spaces (`+44 20 7946 0000`, `1-800-799-SAFE (7233)`),
/// as [`crate::model::phone::text`] finds them, with 7 to 15 digits (the most a number can have)
/// so that a list of years or a count followed by a number stays breakable.
fn spaced_numbers(paragraph: &str) -> Vec<std::ops::Range<usize>> {
    crate::model::phone::text::numbers(paragraph)
        .into_iter()
        .filter(|number| (7..=15).contains(&number.digit_count()))
        .map(|number| number.range)
        .filter(|range| paragraph[range.clone()].contains(' '))
        .collect()
}

/// Splits one space-free token where Unicode line breaking allows, never next to an
/// ASCII character, so that numbers and addresses inside other scripts stay whole.
fn split_token(token: &str) -> Vec<Piece> {
    if token.is_ascii() {
        return vec![Piece::new(token.to_owned())];
    }
    let mut parts: Vec<String> = Vec::new();
    for word in WordSeparator::UnicodeBreakProperties.find_words(token) {
        let text = format!("{}{}", word.word, word.whitespace);
        match parts.last_mut() {
            Some(previous) if touches_ascii(previous, &text) => previous.push_str(&text),
            _ => parts.push(text),
        }
    }
    parts.into_iter().map(Piece::new).collect()
}

fn touches_ascii(before: &str, after: &str) -> bool {
    let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_graphic());
    ascii(before.chars().next_back()) || ascii(after.chars().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_marks_take_no_column() {
        assert_eq!(display_width("\u{200f}اتصل \u{200e}988\u{200e}"), 8);
        assert_eq!(pad("\u{200f}ab", 4, Align::Left), "\u{200f}ab  ");
    }

    #[test]
    fn wraps_at_spaces_into_fewest_lines() {
        assert_eq!(
            wrap(
                "Calls accepted from the U.S., Canada, Mexico and the U.K.",
                36
            ),
            [
                "Calls accepted from the U.S.,",
                "Canada, Mexico and the U.K."
            ]
        );
    }

    #[test]
    fn never_splits_a_web_address_even_when_too_long() {
        let lines = wrap("see www.example.org/a/very/long/path/to/a/page now", 20);
        assert_eq!(
            lines,
            ["see", "www.example.org/a/very/long/path/to/a/page", "now"]
        );
    }

    #[test]
    fn never_splits_hyphenated_numbers() {
        assert_eq!(
            wrap("call 1-800-843-5678 today", 10),
            ["call", "1-800-843-5678", "today"]
        );
    }

    #[test]
    fn keeps_a_spaced_phone_number_together() {
        assert_eq!(
            wrap("call +44 20 7946 0000, any time", 16),
            ["call", "+44 20 7946 0000,", "any time"]
        );
    }

    #[test]
    fn keeps_a_vanity_number_with_its_repeated_digits() {
        assert_eq!(
            wrap("call 1-800-799-SAFE (7233) now", 12),
            ["call", "1-800-799-SAFE (7233)", "now"]
        );
    }

    #[test]
    fn lets_years_and_short_counts_break() {
        assert_eq!(
            wrap("in 1998 30 task forces", 7),
            ["in 1998", "30 task", "forces"]
        );
    }

    #[test]
    fn breaks_between_cjk_characters_but_not_inside_numbers() {
        let lines = wrap("緊急の場合は110番に電話してください", 12);
        assert!(lines.iter().all(|l| display_width(l) <= 12), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("110")), "{lines:?}");
    }

    #[test]
    fn measures_wide_and_combining_characters() {
        assert_eq!(display_width("日本"), 4);
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(display_width("📞"), 2);
    }

    #[test]
    fn keeps_line_breaks_and_drops_blank_text() {
        assert_eq!(
            wrap("PO Box 1\nSpringfield", 40),
            ["PO Box 1", "Springfield"]
        );
        assert!(wrap("  \n", 40).is_empty());
    }

    #[test]
    fn pads_by_display_width() {
        assert_eq!(pad("日本", 6, Align::Left), "日本  ");
        assert_eq!(pad("ab", 5, Align::Center), " ab  ");
        assert_eq!(pad("abc", 2, Align::Right), "abc");
    }
}
