//! The fit check: every line at most `width` columns, every card at most `height`
//! lines, and every contact's number or address whole on one line.
//!
//! It runs on the rendered text, whatever template produced it, so a user's template
//! is held to the same limits. Each problem names the card, the contact or field the
//! offending line comes from, the line, and how far over the limit it is.

use unicode_width::UnicodeWidthChar;

use super::text::short_hours;
use crate::config::BuildConfig;
use crate::diag::Diagnostic;
use crate::model::{Card, ContactKind};
use crate::render::cards::fit::display_width;

/// What a card's text is checked against.
pub(super) struct Limits {
    /// Most columns per line.
    pub width: usize,
    /// Most lines.
    pub height: usize,
}

impl Limits {
    /// The limits a build was configured with.
    pub(super) fn of(config: &BuildConfig) -> Self {
        Self {
            width: config.settings.card_width,
            height: config.settings.card_height,
        }
    }
}

/// Where a line's text may have come from: a named part of the card and its texts.
pub(super) struct Origin {
    name: String,
    texts: Vec<String>,
    whole: Option<String>,
}

/// The parts of a card's front that a line can come from.
pub(super) fn card_origins(card: &Card, emergency: Option<&str>) -> Vec<Origin> {
    let mut origins = vec![Origin::field("the card's title", &card.title)];
    if let Some(emergency) = emergency {
        origins.push(Origin::field("the guide's emergency line", emergency));
    }
    for entry in &card.contacts {
        let c = &entry.contact;
        let mut texts = vec![c.label.clone(), c.value.clone(), entry.organization.clone()];
        // The template may print the hours shortened.
        texts.extend(c.hours.iter().flat_map(|h| [h.clone(), short_hours(h)]));
        let whole = (c.kind != ContactKind::Address).then(|| c.value.clone());
        origins.push(Origin {
            name: format!("contact `{}`", entry.reference),
            texts,
            whole,
        });
    }
    if let Some(note) = &card.note {
        origins.push(Origin::field("the card's note", note));
    }
    origins
}

impl Origin {
    /// A plain text field of the card or guide.
    pub(super) fn field(name: &str, text: &str) -> Self {
        Self {
            name: name.to_owned(),
            texts: vec![text.to_owned()],
            whole: None,
        }
    }
}

/// Checks one card's lines; `subject` names it in messages (e.g. "card `report`").
pub(super) fn check_lines(
    subject: &str,
    lines: &[String],
    limits: &Limits,
    origins: &[Origin],
) -> Vec<Diagnostic> {
    let sources = attribute(lines, origins);
    let name = |i: usize| sources[i].map(|o| origins[o].name.as_str());
    let mut problems: Vec<Diagnostic> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| check_line(subject, i + 1, line, limits, name(i)))
        .collect();
    if lines.len() > limits.height {
        let past: Vec<Option<&str>> = (limits.height..lines.len()).map(name).collect();
        let last = (0..lines.len()).rev().find_map(name);
        problems.push(too_tall(subject, lines, limits, &past, last));
    }
    problems
}

fn check_line(
    subject: &str,
    number: usize,
    line: &str,
    limits: &Limits,
    origin: Option<&str>,
) -> Option<Diagnostic> {
    let source = origin.map(|name| format!(" ({name})")).unwrap_or_default();
    if let Some(c) = line.chars().find(|&c| c.width().is_none() || c == '\t') {
        return Some(
            Diagnostic::bare(format!(
                "{subject} cannot be measured: line {number} holds the control character U+{:04X}{source}",
                u32::from(c)
            ))
            .with_hint(format!("line {number}: `{line}`"))
            .with_hint("a tab's or control character's width depends on where the card is shown: use spaces"),
        );
    }
    let width = display_width(line);
    if width <= limits.width {
        return None;
    }
    let over = width - limits.width;
    Some(
        Diagnostic::bare(format!(
            "{subject} does not fit: line {number} is {width} columns wide, {over} {} too many{source}",
            plural(over, "column", "columns")
        ))
        .with_hint(format!("line {number}: `{line}`"))
        .with_hint(format!(
            "the limit is {} columns (cards.width or --card-width); a phone number, short code or web address is never split and nothing is cut, so shorten the text or allow wider cards",
            limits.width
        )),
    )
}

/// The problem of a card taller than the limit; `past` are the origins of the lines
/// past it, `last` the origin of the card's last line of text.
fn too_tall(
    subject: &str,
    lines: &[String],
    limits: &Limits,
    past: &[Option<&str>],
    last: Option<&str>,
) -> Diagnostic {
    let over = lines.len() - limits.height;
    let mut names: Vec<&str> = Vec::new();
    for name in past.iter().flatten() {
        if !names.contains(name) {
            names.push(name);
        }
    }
    // Past the limit there may be only a border; then name what the card ends with.
    let what = match last {
        Some(name) if names.is_empty() => format!(" (the card ends with {name})"),
        _ if names.is_empty() => String::new(),
        _ => format!(" ({})", names.join(", ")),
    };
    let mut diagnostic = Diagnostic::bare(format!(
        "{subject} does not fit: it is {} lines tall, {over} {} too many{what}",
        lines.len(),
        plural(over, "line", "lines")
    ));
    for (i, line) in lines.iter().enumerate().skip(limits.height).take(3) {
        diagnostic = diagnostic.with_hint(format!("line {} is past the limit: `{line}`", i + 1));
    }
    if over > 3 {
        let more = over - 3;
        diagnostic =
            diagnostic.with_hint(format!("and {more} more {}", plural(more, "line", "lines")));
    }
    diagnostic.with_hint(format!(
        "the limit is {} lines (cards.height or --card-height); shorten the note or a label, move a contact to another card, or allow taller cards",
        limits.height
    ))
}

/// The origin each line's text most likely came from, as an index into `origins`.
///
/// A line that holds a contact's number or address whole is that contact's, else the
/// line belongs to the origin sharing the most columns of words with it. A tie (two
/// contacts with the same hours, or the same number) goes to the origin of the line
/// before or the first one after it: a card shows its parts in some order, and a line
/// continues what the line above began far more often than it jumps back to the first.
fn attribute(lines: &[String], origins: &[Origin]) -> Vec<Option<usize>> {
    let mut previous = 0;
    lines
        .iter()
        .map(|line| {
            let found = origin_of(line, origins, previous);
            if let Some(found) = found {
                previous = found;
            }
            found
        })
        .collect()
}

fn origin_of(line: &str, origins: &[Origin], previous: usize) -> Option<usize> {
    let words: Vec<&str> = line
        .split_whitespace()
        .map(word_core)
        .filter(|w| !w.is_empty())
        .collect();
    let score = |origin: &Origin| -> (bool, usize) {
        let whole = origin
            .whole
            .as_deref()
            .is_some_and(|w| !w.is_empty() && line.contains(w));
        let shared = words
            .iter()
            .filter(|w| {
                origin
                    .texts
                    .iter()
                    .any(|t| t.split_whitespace().any(|tw| word_core(tw) == **w))
            })
            .map(|w| display_width(w))
            .sum();
        (whole, shared)
    };
    let scores: Vec<(bool, usize)> = origins.iter().map(score).collect();
    let top = scores.iter().copied().max()?;
    if top == (false, 0) {
        return None;
    }
    let best = |i: &usize| scores[*i] == top;
    (previous..origins.len())
        .find(best)
        .or_else(|| (0..previous).find(best))
}

/// A word without the punctuation around it (`(24/7)` is `24/7`, `Hotline:` is `Hotline`).
fn word_core(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Checks that a template kept its promises: each contact's number or address whole on
/// one line, and the guide's emergency line on the card.
pub(super) fn check_content(
    subject: &str,
    card: &Card,
    emergency: Option<&str>,
    lines: &[String],
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for entry in &card.contacts {
        let value = &entry.contact.value;
        if entry.contact.kind == ContactKind::Address
            || lines.iter().any(|l| l.contains(value.as_str()))
        {
            continue;
        }
        problems.push(
            Diagnostic::bare(format!(
                "{subject} does not show `{value}` of contact `{}` whole on one line",
                entry.reference
            ))
            .with_hint("a card template must print every contact's value; the `wrap` filter never splits one"),
        );
    }
    if let Some(emergency) = emergency.filter(|e| !shows_words(lines, e)) {
        problems.push(
            Diagnostic::bare(format!(
                "{subject} does not show the guide's emergency line (`{emergency}`)"
            ))
            .with_hint("every card must carry it: print `guide.emergency` in cards/card.txt.j2"),
        );
    }
    problems
}

/// Whether the words of `text` appear in order in `lines` (borders and wrapping aside).
fn shows_words(lines: &[String], text: &str) -> bool {
    let mut shown = lines.iter().flat_map(|l| l.split_whitespace());
    text.split_whitespace().all(|word| shown.any(|w| w == word))
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn accepts_lines_at_the_limit() {
        let limits = Limits {
            width: 4,
            height: 2,
        };
        assert!(check_lines("card `x`", &lines(&["abcd", "日本"]), &limits, &[]).is_empty());
    }

    #[test]
    fn reports_one_column_over_with_its_origin() {
        let limits = Limits {
            width: 4,
            height: 2,
        };
        let origins = [Origin::field("the card's note", "abcde")];
        let problems = check_lines("card `x`", &lines(&["abcde"]), &limits, &origins);
        assert_eq!(
            problems[0].message,
            "card `x` does not fit: line 1 is 5 columns wide, 1 column too many (the card's note)"
        );
    }

    #[test]
    fn reports_lines_over_the_height() {
        let limits = Limits {
            width: 9,
            height: 1,
        };
        let problems = check_lines("card `x`", &lines(&["a", "b", "c"]), &limits, &[]);
        assert_eq!(
            problems[0].message,
            "card `x` does not fit: it is 3 lines tall, 2 lines too many"
        );
    }

    #[test]
    fn a_line_both_contacts_share_belongs_to_the_one_above_it() {
        let contact = |name: &str, value: &str| Origin {
            name: name.to_owned(),
            texts: vec![value.to_owned(), "Mon-Fri 9-5".to_owned()],
            whole: Some(value.to_owned()),
        };
        let origins = [
            contact("a", "1-800-555-0100"),
            contact("b", "1-800-555-0101"),
        ];
        let shown = lines(&[
            "1-800-555-0101",
            "(Mon-Fri 9-5)",
            "1-800-555-0100",
            "Mon-Fri 9-5",
        ]);
        assert_eq!(
            attribute(&shown, &origins),
            [Some(1), Some(1), Some(0), Some(0)]
        );
    }

    #[test]
    fn refuses_a_tab_whose_width_is_unknown() {
        let limits = Limits {
            width: 9,
            height: 9,
        };
        let problems = check_lines("card `x`", &lines(&["a\tb", "c\u{7}"]), &limits, &[]);
        assert_eq!(problems.len(), 2);
        assert!(
            problems[0].message.contains("U+0009"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn finds_emergency_words_across_wrapped_bordered_lines() {
        let shown = lines(&["| In an emergency, |", "| call 911. |"]);
        assert!(shows_words(&shown, "In an emergency, call 911."));
        assert!(!shows_words(&shown, "In an emergency, call 112."));
    }
}
