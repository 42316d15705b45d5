//! The fit check of a text message: one SMS, measured exactly, never cut.
//!
//! A message too long is a warning at the organization's name in the guide (its short
//! name when that was printed) that says by how much, why the limit is what it is, and
//! what each line takes.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use unicode_script::{Script, UnicodeScript};

use super::length::{Encoding, GSM7_LIMIT, Length, gsm7_septets, units_of};
use crate::diag::{Diagnostic, Severity, SourceText};
use crate::model::{Contact, Organization};
use crate::source::raw::SourceGuide;

/// Where the guide's organizations are written, read from the source once, when the
/// first problem needs it.
pub(super) struct Places<'a> {
    source: &'a Arc<SourceText>,
    raw: OnceCell<Option<SourceGuide>>,
}

impl<'a> Places<'a> {
    /// The places of `source`, not yet read.
    pub(super) fn new(source: &'a Arc<SourceText>) -> Self {
        Self {
            source,
            raw: OnceCell::new(),
        }
    }

    /// Where the organization `id` writes its `name` or `short_name`.
    fn name_span(&self, id: &str, used: NameUsed) -> Option<Range<usize>> {
        let raw = self
            .raw
            .get_or_init(|| crate::source::parse_source(self.source).ok())
            .as_ref()?;
        let table = raw
            .organization
            .iter()
            .map(toml::Spanned::get_ref)
            .find(|org| org.id.as_ref().is_some_and(|i| i.get_ref() == id))?;
        let field = match used {
            NameUsed::Name => table.name.as_ref(),
            NameUsed::ShortName => table.short_name.as_ref().or(table.name.as_ref()),
        };
        field.map(toml::Spanned::span)
    }
}

/// Which of the organization's names a message printed, for where a problem points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NameUsed {
    /// `name`.
    Name,
    /// `short_name`.
    ShortName,
}

/// The warning for a message longer than one SMS.
pub(super) fn too_long(
    places: &Places<'_>,
    org: &Organization,
    used: NameUsed,
    text: &str,
    length: Length,
) -> Diagnostic {
    let over = length.over().unwrap_or_default();
    let subject = subject(org);
    let units = length.units;
    let message = match length.encoding {
        Encoding::Gsm7 => format!(
            "{subject} is {units} characters; one text message holds {GSM7_LIMIT}: {over} too many, so a phone sends it as {} messages",
            length.messages()
        ),
        Encoding::Ucs2 { first } => {
            let scripts = scripts_outside(text);
            let reason = if scripts.is_empty() {
                format!("{} is not", named(first))
            } else {
                format!("{} characters are not", scripts.join(" and "))
            };
            format!(
                "{subject} is {units} characters; one text message holds {}, not {GSM7_LIMIT}, because {reason} in the GSM 7-bit alphabet: {over} too many, so a phone sends it as {} messages",
                length.limit(),
                length.messages()
            )
        }
    };
    let mut problem = Diagnostic {
        severity: Severity::Warning,
        ..located(places, org, used, message)
    };
    for (n, line) in text.split('\n').enumerate() {
        let count: usize = line.chars().map(|c| units_of(c, length.encoding)).sum();
        problem = problem.with_hint(format!(
            "line {} ({count} {}): `{line}`",
            n + 1,
            if count == 1 {
                "character"
            } else {
                "characters"
            }
        ));
    }
    problem = problem.with_hint("each line break counts 1");
    match length.encoding {
        Encoding::Gsm7 => {
            let doubles = distinct(text, |c| gsm7_septets(c) == Some(2));
            if !doubles.is_empty() {
                problem = problem.with_hint(format!(
                    "{} {} 2 each (the GSM 7-bit extension table)",
                    doubles.join(" "),
                    if doubles.len() == 1 {
                        "counts"
                    } else {
                        "count"
                    }
                ));
            }
        }
        Encoding::Ucs2 { .. } => {
            let scripts = scripts_outside(text);
            if scripts.is_empty() {
                let outside = distinct(text, |c| gsm7_septets(c).is_none());
                problem = problem.with_hint(format!(
                    "without {}, one text message would hold {GSM7_LIMIT}",
                    outside.join(" and ")
                ));
            } else {
                problem = problem.with_hint(format!(
                    "a text written in {} characters is always sent this way, {} characters a message",
                    scripts.join(" and "),
                    length.limit()
                ));
            }
            let wide = distinct(text, |c| c.len_utf16() == 2);
            if !wide.is_empty() {
                problem = problem.with_hint(format!(
                    "{} {} 2 each (beyond U+FFFF, two UTF-16 code units)",
                    wide.join(" "),
                    if wide.len() == 1 { "counts" } else { "count" }
                ));
            }
        }
    }
    let name = match used {
        NameUsed::Name => "shorten the organization's `name` or give it a `short_name`",
        NameUsed::ShortName => "shorten the organization's `short_name`",
    };
    problem.with_hint(format!(
        "it is written whole, nothing cut; to make it one message, {name}, or shorten its main contact's `label` or `hours`"
    ))
}

/// The problem of a template that left out the main contact's value.
pub(super) fn value_missing(
    places: &Places<'_>,
    org: &Organization,
    used: NameUsed,
    contact: &Contact,
) -> Diagnostic {
    let message = format!(
        "{} does not show `{}` of contact `{}.{}`",
        subject(org),
        contact.value.replace('\n', "\\n"),
        org.id,
        contact.id
    );
    located(places, org, used, message)
        .with_hint("`sms/snippet.txt.j2` must print the main contact's value whole")
}

fn subject(org: &Organization) -> String {
    format!("the text message of organization `{}`", org.id)
}

/// `` `ł` (U+0142) ``.
fn named(c: char) -> String {
    format!("`{c}` (U+{:04X})", u32::from(c))
}

/// The scripts, other than Latin, whose letters in `text` are outside the GSM 7-bit
/// alphabet, once each, in order: naming each Cyrillic letter would bury the reason.
fn scripts_outside(text: &str) -> Vec<&'static str> {
    let mut scripts = Vec::new();
    for c in text.chars() {
        if !c.is_alphabetic() || gsm7_septets(c).is_some() {
            continue;
        }
        let script = c.script();
        if matches!(script, Script::Latin | Script::Common | Script::Inherited) {
            continue;
        }
        let name = script.full_name();
        if !scripts.contains(&name) {
            scripts.push(name);
        }
    }
    scripts
}

/// Each character of `text` that `pick` picks, once, in order, named.
fn distinct(text: &str, pick: impl Fn(char) -> bool) -> Vec<String> {
    let mut seen = Vec::new();
    for c in text.chars().filter(|&c| pick(c)) {
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    seen.into_iter().map(named).collect()
}

/// An error at the organization's name (or short name) in the guide.
fn located(places: &Places<'_>, org: &Organization, used: NameUsed, message: String) -> Diagnostic {
    match places.name_span(&org.id, used) {
        Some(span) => Diagnostic::error(places.source, span, message),
        None => Diagnostic {
            file: Some(Arc::clone(places.source)),
            ..Diagnostic::bare(message)
        },
    }
}
