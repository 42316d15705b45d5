//! The fit check: every line at most `width` columns, every card at most `height`
//! lines, and every contact's number or address whole on one line.
//!
//! It runs on the rendered text, whatever template produced it, so a user's template
//! is held to the same limits. Each problem names the card, the contact or field the
//! offending line comes from, the line, and how far over the limit it is.

use unicode_width::UnicodeWidthChar;

use crate::cardfit::display_width;
use crate::config::BuildConfig;
use crate::diag::Diagnostic;
use crate::guide::{Card, ContactKind};

/// What a card's text is checked against.
pub struct Limits {
    /// Most columns per line.
    pub width: usize,
    /// Most lines.
    pub height: usize,
}

impl Limits {
    /// The limits a build was configured with.
    pub fn of(config: &BuildConfig) -> Self {
        Self {
            width: config.card_width,
            height: config.card_height,
        }
    }
}

/// Where a line's text may have come from: a named part of the card and its texts.
pub struct Origin {
    name: String,
    texts: Vec<String>,
    whole: Option<String>,
}

/// The parts of a card's front that a line can come from.
pub fn card_origins(card: &Card, emergency: Option<&str>) -> Vec<Origin> {
    let mut origins = vec![Origin::field("the card's title", &card.title)];
    if let Some(emergency) = emergency {
        origins.push(Origin::field("the guide's emergency line", emergency));
    }
    for entry in &card.contacts {
        let c = &entry.contact;
        let mut texts = vec![c.label.clone(), c.value.clone(), entry.organization.clone()];
        texts.extend(c.hours.iter().cloned());
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
    pub fn field(name: &str, text: &str) -> Self {
        Self {
            name: name.to_owned(),
            texts: vec![text.to_owned()],
            whole: None,
        }
    }
}

/// Checks one card's lines; `subject` names it in messages (e.g. "card `report`").
pub fn check_lines(
    subject: &str,
    lines: &[String],
    limits: &Limits,
    origins: &[Origin],
) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| check_line(subject, i + 1, line, limits, origins))
        .collect();
    if lines.len() > limits.height {
        problems.push(too_tall(subject, lines, limits, origins));
    }
    problems
}

fn check_line(
    subject: &str,
    number: usize,
    line: &str,
    limits: &Limits,
    origins: &[Origin],
) -> Option<Diagnostic> {
    let source = origin_of(line, origins)
        .map(|name| format!(" ({name})"))
        .unwrap_or_default();
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

fn too_tall(subject: &str, lines: &[String], limits: &Limits, origins: &[Origin]) -> Diagnostic {
    let over = lines.len() - limits.height;
    let mut names: Vec<String> = Vec::new();
    for line in &lines[limits.height..] {
        if let Some(name) = origin_of(line, origins).filter(|n| !names.contains(n)) {
            names.push(name);
        }
    }
    // Past the limit there may be only a border; then name what the card ends with.
    let ends_with = names
        .is_empty()
        .then(|| lines.iter().rev().find_map(|l| origin_of(l, origins)))
        .flatten();
    let what = match ends_with {
        Some(name) => format!(" (the card ends with {name})"),
        None if names.is_empty() => String::new(),
        None => format!(" ({})", names.join(", ")),
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
        diagnostic = diagnostic.with_hint(format!("and {} more lines", over - 3));
    }
    diagnostic.with_hint(format!(
        "the limit is {} lines (cards.height or --card-height); shorten the note or a label, move a contact to another card, or allow taller cards",
        limits.height
    ))
}

/// Which origin a line's text most likely came from: a contact whose number or address
/// the line holds whole, else the origin sharing the most columns of words with it.
fn origin_of(line: &str, origins: &[Origin]) -> Option<String> {
    if let Some(origin) = origins.iter().find(|o| {
        o.whole
            .as_deref()
            .is_some_and(|w| !w.is_empty() && line.contains(w))
    }) {
        return Some(origin.name.clone());
    }
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let score = |origin: &Origin| -> usize {
        words
            .iter()
            .filter(|w| {
                origin
                    .texts
                    .iter()
                    .any(|t| t.split_whitespace().any(|tw| tw == **w))
            })
            .map(|w| display_width(w))
            .sum()
    };
    let (best, points) =
        origins
            .iter()
            .map(|o| (o, score(o)))
            .fold(
                (None, 0),
                |(best, top), (o, s)| {
                    if s > top { (Some(o), s) } else { (best, top) }
                },
            );
    best.filter(|_| points > 0).map(|o| o.name.clone())
}

/// Checks that a template kept its promises: each contact's number or address whole on
/// one line, and the guide's emergency line on the card.
pub fn check_content(
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
