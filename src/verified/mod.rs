//! `guidepress verified`: a contact's `verified` date set in the guide's own text, every
//! other byte kept, so that `git diff` shows one line per contact.
//!
//! toml_edit finds where each contact is written and where its date is or goes
//! ([`locate`]); the date is then spliced into the original text at that place. Writing the
//! document back through toml_edit would not do: it turns CRLF line ends into LF and adds a
//! missing final newline. The edited text is read again with the guide's own reader, and
//! each date must read back as written, before anything is saved.

mod locate;
mod refs;
pub mod write;

use std::ops::Range;
use std::sync::Arc;

use locate::Slot;

use crate::diag::{Diagnostic, SourceText};
use crate::model::Date;
use crate::source::parse_source;
use crate::source::raw::SourceGuide;

/// A guide with new `verified` dates.
pub struct Recorded {
    /// The edited text, under the guide's name.
    pub source: Arc<SourceText>,
    /// The edited text as the guide's reader reads it.
    pub raw: SourceGuide,
    /// What happened to each contact named, in the order they were named.
    pub changes: Vec<Change>,
}

impl Recorded {
    /// Whether any date changed, so that the file must be written.
    pub fn changed(&self) -> bool {
        self.changes.iter().any(|c| c.before != Before::Same)
    }
}

/// One contact's `verified` date, before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `organization.contact`.
    pub reference: String,
    /// What it was.
    pub before: Before,
    /// What it is now.
    pub date: Date,
}

impl std::fmt::Display for Change {
    /// One line for people, e.g. `family-helpline.phone: verified 2026-01-10 → 2026-12-01`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (reference, date) = (&self.reference, self.date);
        match &self.before {
            Before::Never => write!(f, "{reference}: verified never → {date}"),
            Before::Was(old) => write!(f, "{reference}: verified {old} → {date}"),
            Before::Same => write!(f, "{reference}: verified {date} already, unchanged"),
        }
    }
}

/// A contact's `verified` date before the edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Before {
    /// It had none.
    Never,
    /// Another date, or a value as written that is not a date.
    Was(String),
    /// The same date: nothing to change.
    Same,
}

/// Sets the `verified` date of every contact `references` names to `date`, in `source`'s
/// text; every unknown reference, or an edit that cannot be made, is a problem and
/// nothing is changed.
pub fn record(
    source: &Arc<SourceText>,
    references: &[String],
    date: Date,
) -> Result<Recorded, Vec<Diagnostic>> {
    let text = source.text.as_str();
    let document = toml_edit::Document::parse(text).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        vec![Diagnostic::error(source, span, error.message().trim())]
    })?;
    let organizations = locate::organizations(document.as_table(), text);
    let named = refs::resolve(source, &organizations, references)?;
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for item in named {
        let before = match &item.contact.slot {
            Slot::Written {
                date: Some(old), ..
            } if *old == date => Before::Same,
            Slot::Written { span, date: old } => {
                edits.push((span.clone(), date.to_string()));
                Before::Was(old.map_or_else(|| text[span.clone()].to_owned(), |d| d.to_string()))
            }
            Slot::Missing { at, before, after } => {
                edits.push((*at..*at, format!("{before}{date}{after}")));
                Before::Never
            }
            Slot::Table { span } => {
                let message = format!(
                    "the `verified` date of `{}` is written as a table",
                    item.reference
                );
                problems.push(
                    Diagnostic::error(source, span.clone(), message).with_hint(format!(
                        "write it as one line of the contact's table: verified = {date}"
                    )),
                );
                continue;
            }
        };
        changes.push(Change {
            reference: item.reference,
            before,
            date,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let edited = Arc::new(SourceText {
        name: source.name.clone(),
        text: splice(text, edits),
        cells: None,
    });
    let raw = read_back(&edited, &changes)?;
    Ok(Recorded {
        source: edited,
        raw,
        changes,
    })
}

/// `text` with each range replaced; the ranges do not overlap.
fn splice(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut text = text.to_owned();
    for (range, new) in edits {
        text.replace_range(range, &new);
    }
    text
}

/// The edited text read with the guide's reader, once every date reads back as written.
fn read_back(edited: &Arc<SourceText>, changes: &[Change]) -> Result<SourceGuide, Vec<Diagnostic>> {
    let failed = || {
        vec![Diagnostic {
            file: Some(Arc::clone(edited)),
            ..Diagnostic::bare(
                "the new dates could not be written without changing something else (a bug in guidepress)",
            )
            .with_hint("edit the `verified` dates by hand; please report the guide that did this")
        }]
    };
    let raw = parse_source(edited).map_err(|_| failed())?;
    let reads_back = |change: &Change| {
        let (org_id, contact_id) = change
            .reference
            .split_once('.')
            .unwrap_or((&change.reference, ""));
        let verified: Vec<String> = raw
            .organization
            .iter()
            .filter(|org| {
                org.get_ref()
                    .id
                    .as_ref()
                    .is_some_and(|id| id.get_ref() == org_id)
            })
            .flat_map(|org| &org.get_ref().contact)
            .filter(|c| {
                c.get_ref()
                    .id
                    .as_ref()
                    .is_some_and(|id| id.get_ref() == contact_id)
            })
            .map(|c| {
                c.get_ref()
                    .verified
                    .as_ref()
                    .map(|v| v.get_ref().to_string())
                    .unwrap_or_default()
            })
            .collect();
        verified == [change.date.to_string()]
    };
    if changes.iter().all(reads_back) {
        Ok(raw)
    } else {
        Err(failed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str, references: &[&str]) -> Result<String, String> {
        let source = Arc::new(SourceText {
            name: "guide.toml".into(),
            cells: None,
            text: text.to_owned(),
        });
        let date = Date(time::macros::date!(2026 - 06 - 01));
        let references: Vec<String> = references.iter().map(|&r| r.to_owned()).collect();
        record(&source, &references, date)
            .map(|recorded| recorded.source.text.clone())
            .map_err(|problems| problems[0].message.clone())
    }

    #[test]
    fn organizations_written_inline_are_found() {
        let text =
            "organization = [\n  { id = \"a\", contact = [{ id=\"p\",kind=\"phone\" }] },\n]\n";
        assert_eq!(
            edit(text, &["a"]).unwrap(),
            "organization = [\n  { id = \"a\", contact = [{ id=\"p\",kind=\"phone\", verified=2026-06-01 }] },\n]\n"
        );
    }

    #[test]
    fn an_inline_table_without_a_trailing_comma_gets_the_key_after_its_last_value() {
        let text =
            "[[organization]]\nid = \"a\"\ncontact = [{\n  id = \"p\",\n  kind = \"web\"\n}]\n";
        assert_eq!(
            edit(text, &["a.p"]).unwrap(),
            "[[organization]]\nid = \"a\"\ncontact = [{\n  id = \"p\",\n  kind = \"web\", verified = 2026-06-01\n}]\n"
        );
    }

    #[test]
    fn a_crlf_inline_table_of_several_lines_gets_a_crlf_line() {
        let text = "[[organization]]\r\nid = \"a\"\r\ncontact = [{\r\n  id = \"p\",\r\n}]\r\n";
        assert_eq!(
            edit(text, &["a.p"]).unwrap(),
            "[[organization]]\r\nid = \"a\"\r\ncontact = [{\r\n  id = \"p\",\r\n  verified = 2026-06-01,\r\n}]\r\n"
        );
    }

    #[test]
    fn a_verified_table_is_refused() {
        let text = "[[organization]]\nid = \"a\"\n[[organization.contact]]\nid = \"p\"\n[organization.contact.verified]\nday = 1\n";
        assert_eq!(
            edit(text, &["a.p"]).unwrap_err(),
            "the `verified` date of `a.p` is written as a table"
        );
    }
}
