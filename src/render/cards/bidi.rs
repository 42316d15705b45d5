//! Right-to-left cards that read correctly in an ordinary text editor.
//!
//! An editor applies the Unicode bidi algorithm to each line on its own, and takes the
//! line's direction from its first strong character (rule P2). A line of an Arabic card
//! that starts with a number or a Latin word would then be laid out left to right, and a
//! phone number inside right-to-left text has its digit groups reversed
//! ("+962 6 555 0123" shows as "0123 555 6 962+"): spaces, `+`, `(` and `-` between the
//! groups take the direction of the text around them.
//!
//! So, in a right-to-left guide, every line with text starts, inside its frame, with a
//! RIGHT-TO-LEFT MARK (the line is right to left, whatever it starts with, and its text
//! ends at the left border), and every phone number, web and e-mail address stands between
//! two LEFT-TO-RIGHT MARKs (its digits and the neutrals between them resolve left to right,
//! so it keeps its order). Marks rather than the isolates LRI … PDI of Unicode 6.3: every
//! editor that does bidi at all knows the marks, while older ones and many terminals show
//! isolates as boxes. No mark takes a column ([`super::fit::display_width`] skips them),
//! and they are added after the cards are checked, so the checks read the text as written.

use std::ops::Range;

use crate::model::{Card, ContactKind};

/// RIGHT-TO-LEFT MARK: a strong right-to-left character that shows nothing.
pub const RLM: char = '\u{200F}';
/// LEFT-TO-RIGHT MARK: a strong left-to-right character that shows nothing.
pub const LRM: char = '\u{200E}';

/// Whether `c` is one of the marks added here (they take no column and no glyph).
pub fn is_mark(c: char) -> bool {
    matches!(c, RLM | LRM)
}

/// The values of `card` that must keep their order: its contacts' phone numbers, web and
/// e-mail addresses (a postal address reads as its text).
pub(super) fn values(card: &Card) -> Vec<&str> {
    card.contacts
        .iter()
        .filter(|entry| entry.contact.kind != ContactKind::Address)
        .map(|entry| entry.contact.value.as_str())
        .collect()
}

/// `lines` of a right-to-left card with the marks that make an editor show them right.
pub(super) fn marked(lines: &[String], values: &[&str]) -> Vec<String> {
    lines.iter().map(|line| marked_line(line, values)).collect()
}

fn marked_line(line: &str, values: &[&str]) -> String {
    let start = text_start(line);
    let inner = &line[start..];
    if inner.chars().all(|c| c.is_whitespace() || is_frame(c)) {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len() + 8);
    out.push_str(&line[..start]);
    out.push(RLM);
    if crate::render::direction::left_to_right_only(inner) {
        // A line of another script alone (an English emergency line) reads left to right
        // as a whole, so its final full stop stays at its end.
        let end = inner
            .trim_end_matches(|c: char| c.is_whitespace() || is_frame(c))
            .len();
        out.push(LRM);
        out.push_str(&inner[..end]);
        out.push(LRM);
        out.push_str(&inner[end..]);
        return out;
    }
    let mut at = 0;
    for range in left_to_right_runs(inner, values) {
        out.push_str(&inner[at..range.start]);
        out.push(LRM);
        out.push_str(&inner[range.clone()]);
        out.push(LRM);
        at = range.end;
    }
    out.push_str(&inner[at..]);
    out
}

/// Where a line's text starts: after its left border and the space after it, if any.
fn text_start(line: &str) -> usize {
    let mut chars = line.char_indices();
    match (chars.next(), chars.next()) {
        (Some((_, border)), Some((space_at, ' '))) if is_frame(border) => space_at + 1,
        _ => 0,
    }
}

/// Box drawing, and the ASCII frame of `--cards-ascii`.
fn is_frame(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c) || matches!(c, '|' | '+' | '-' | '=')
}

/// The runs of `text` to keep left to right, in order and apart: every phone number in it
/// and every occurrence of one of `values`.
fn left_to_right_runs(text: &str, values: &[&str]) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = crate::model::phone::text::numbers(text)
        .into_iter()
        .map(|found| found.range)
        .collect();
    for value in values.iter().filter(|v| !v.trim().is_empty()) {
        runs.extend(
            text.match_indices(value)
                .map(|(at, found)| at..at + found.len()),
        );
    }
    runs.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for run in runs {
        match merged.last_mut() {
            Some(last) if run.start < last.end => last.end = last.end.max(run.end),
            _ => merged.push(run),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(line: &str) -> String {
        line.replace(RLM, "<RLM>").replace(LRM, "<LRM>")
    }

    #[test]
    fn each_text_line_starts_right_to_left_inside_its_frame() {
        let lines = marked(
            &[
                "┌────┐".to_owned(),
                "│ مجانية وسرية. │".to_owned(),
                "│      │".to_owned(),
            ],
            &[],
        );
        assert_eq!(lines[0], "┌────┐");
        assert_eq!(shown(&lines[1]), "│ <RLM>مجانية وسرية. │");
        assert_eq!(lines[2], "│      │");
    }

    #[test]
    fn numbers_and_addresses_keep_their_order_between_marks() {
        let line = "│ خط الاستشارات +962 6 555 0123 (على مدار الساعة) │".to_owned();
        assert_eq!(
            shown(&marked(&[line], &["+962 6 555 0123"])[0]),
            "│ <RLM>خط الاستشارات <LRM>+962 6 555 0123<LRM> (على مدار الساعة) │"
        );
        let line = "│ الموقع: https://www.example.org/ar │".to_owned();
        assert_eq!(
            shown(&marked(&[line], &["https://www.example.org/ar"])[0]),
            "│ <RLM>الموقع: <LRM>https://www.example.org/ar<LRM> │"
        );
    }

    #[test]
    fn a_latin_line_reads_left_to_right_as_a_whole() {
        let line = "│ In an emergency, call 911.   │".to_owned();
        assert_eq!(
            shown(&marked(&[line], &[])[0]),
            "│ <RLM><LRM>In an emergency, call 911.<LRM>   │"
        );
    }

    #[test]
    fn a_line_without_a_frame_is_marked_from_its_start() {
        assert_eq!(
            shown(&marked(&["اتصل (206) 555-0133".to_owned()], &[])[0]),
            "<RLM>اتصل <LRM>(206) 555-0133<LRM>"
        );
    }
}
