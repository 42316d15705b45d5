//! Rendering card text from the minijinja templates, with helpers that let any
//! template fit its text to the card.
//!
//! Helpers given to the templates:
//! - `text | wrap(n)`: the lines of `text`, each at most `n` columns where possible; a
//!   phone number, short code or web address is never split (see [`crate::render::cards::fit`]).
//! - `text | pad(n)`, `text | pad(n, "center")`: `text` with spaces up to exactly `n`
//!   columns, after it (the default, `"left"`), before it (`"right"`) or on both sides.
//! - `text | display_width`: columns `text` takes in a monospace font.
//! - `hours | short_hours`: `24/7` for the usual ways of writing "round the clock,
//!   every day", otherwise the hours as written.

use minijinja::value::Serde;
use minijinja::{Environment, Error, ErrorKind, Value};
use serde::Serialize;

use super::data::Ascii;
use crate::render::cards::fit::{self, Align};
use crate::sandbox::Root;

/// The front of each card.
pub(super) const CARD_TEMPLATE: &str = "cards/card.txt.j2";
/// The back of each card, for duplex sheets.
pub(super) const BACK_TEMPLATE: &str = "cards/back.txt.j2";

/// The shared strict environment plus the card helpers.
pub(super) fn environment(root: &Root) -> Environment<'static> {
    let mut env = crate::render::templating::environment(root);
    env.add_filter("wrap", |text: &str, width: usize| fit::wrap(text, width));
    env.add_filter("pad", pad);
    env.add_filter("display_width", |text: &str| fit::display_width(text));
    env.add_filter("short_hours", |hours: &str| short_hours(hours));
    env
}

fn pad(text: &str, width: usize, align: Option<&str>) -> Result<String, Error> {
    let align = match align {
        None => Align::Left,
        Some(word) => Align::parse(word).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("pad: unknown alignment `{word}` (use left, right or center)"),
            )
        })?,
    };
    Ok(fit::pad(text, width, align))
}

/// Ways of writing "round the clock, every day", after [`hours_key`] normalised them.
const ROUND_THE_CLOCK: &[&str] = &[
    "24/7",
    "24/7/365",
    "24 hours a day 7 days a week",
    "24 hours a day 7 days a week 365 days a year",
    "24 hours 7 days a week",
    "24 hours a day every day",
    "24 hours every day",
];

/// `24/7` when `hours` says round the clock, every day; otherwise `hours` unchanged.
///
/// The rule is exact on purpose: only the phrasings in [`ROUND_THE_CLOCK`] are shortened
/// (ignoring case, commas, a final period and "seven" for "7"), so no other hours are
/// ever rewritten into something the organization did not say.
pub fn short_hours(hours: &str) -> String {
    if ROUND_THE_CLOCK.contains(&hours_key(hours).as_str()) {
        "24/7".to_owned()
    } else {
        hours.to_owned()
    }
}

fn hours_key(hours: &str) -> String {
    let lower = hours
        .trim()
        .trim_end_matches('.')
        .to_lowercase()
        .replace(',', " ");
    lower
        .split_whitespace()
        .map(|word| if word == "seven" { "7" } else { word })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Renders `template` with `context` and returns its lines (see [`lines_of`]).
pub(super) fn render_lines(
    env: &Environment<'static>,
    template: &str,
    context: &impl Serialize,
    ascii: &mut Ascii,
) -> Result<Vec<String>, Error> {
    let text = env
        .get_template(template)?
        .render(Value::from(Serde(context)))?;
    Ok(lines_of(&text, template, ascii))
}

/// Splits rendered text into lines: `\r\n` becomes `\n`, trailing spaces and trailing
/// blank lines go, and in ASCII mode the template's own characters are transliterated.
pub(super) fn lines_of(text: &str, template: &str, ascii: &mut Ascii) -> Vec<String> {
    let mut text = text.replace("\r\n", "\n");
    ascii.apply(&mut text, &format!("template `{template}`"));
    let mut lines: Vec<String> = text.split('\n').map(|l| l.trim_end().to_owned()).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_only_round_the_clock_hours() {
        assert_eq!(short_hours("24 hours a day, 7 days a week"), "24/7");
        assert_eq!(short_hours("24 Hours a Day, Seven Days a Week."), "24/7");
        assert_eq!(
            short_hours("24 hours a day, 5 days a week"),
            "24 hours a day, 5 days a week"
        );
        assert_eq!(short_hours("Mon-Fri 9-5"), "Mon-Fri 9-5");
    }

    #[test]
    fn lines_drop_trailing_space_and_blank_lines() {
        let mut ascii = Ascii::new(false);
        assert_eq!(lines_of("a  \r\nb\n\n", "t", &mut ascii), ["a", "b"]);
    }

    #[test]
    fn ascii_mode_transliterates_the_template_text() {
        let mut ascii = Ascii::new(true);
        assert_eq!(lines_of("┌─┐\n│x│\n", "t", &mut ascii), ["+-+", "|x|"]);
        assert_eq!(ascii.changes().len(), 4);
    }
}
