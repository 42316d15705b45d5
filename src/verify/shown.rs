//! Every contact value in every output that should show it, character for character.
//!
//! The pamphlet and the EPUB show every contact of the guide. The text cards show each
//! card's contacts in that card's file (`cards/<card id>.txt`) and every card's in the
//! combined file; the card sheet shows every card's contacts.

use std::path::Path;

use super::extract::{card_inner_lines, epub_texts, pdf_text};
use super::files::Present;
use super::matching::{Haystack, Spacing};
use crate::diag::Diagnostic;
use crate::model::{Card, ContactKind, Guide};
use crate::output::manifest::Manifest;

/// A contact that an output should show.
struct Expected<'g> {
    /// `org.contact`.
    reference: String,
    kind: ContactKind,
    value: &'g str,
}

/// An output's text, ready to be searched for contacts.
enum Text {
    /// A PDF (the card sheet without its frames): one text, whitespace ignored.
    Pdf(Haystack),
    /// An EPUB: each XHTML document's visible text.
    Epub(Vec<Haystack>),
    /// A text card: its lines as written, and its inner text as one line.
    Card {
        lines: Vec<Haystack>,
        inner: Haystack,
    },
}

impl Text {
    fn read(format: &str, bytes: &[u8]) -> Result<Self, String> {
        match format {
            "pdf" => Ok(Self::Pdf(Haystack::new(
                &pdf_text(bytes)?,
                Spacing::Ignored,
            ))),
            // The sheet sets the very lines of the text cards, frame and all.
            "card-sheet" => {
                let inner = card_inner_lines(&pdf_text(bytes)?).join("\n");
                Ok(Self::Pdf(Haystack::new(&inner, Spacing::Ignored)))
            }
            "epub" => Ok(Self::Epub(
                epub_texts(bytes)?
                    .into_iter()
                    .map(|(_, text)| Haystack::new(&text, Spacing::Collapsed))
                    .collect(),
            )),
            _ => {
                let text =
                    std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())?;
                Ok(Self::Card {
                    lines: text
                        .lines()
                        .map(|line| Haystack::new(line, Spacing::Exact))
                        .collect(),
                    inner: Haystack::new(&card_inner_lines(text).join("\n"), Spacing::Collapsed),
                })
            }
        }
    }

    fn shows(&self, contact: &Expected<'_>) -> bool {
        match self {
            Self::Pdf(text) => text.shows(contact.value),
            Self::Epub(documents) => documents.iter().any(|text| text.shows(contact.value)),
            // The fit check keeps every value but an address whole on one line; an
            // address may wrap, so it is looked for in the text inside the frame.
            Self::Card { inner, .. } if contact.kind == ContactKind::Address => {
                inner.shows(contact.value)
            }
            Self::Card { lines, .. } => lines.iter().any(|line| line.shows(contact.value)),
        }
    }
}

/// Checks the text of every present file against the contacts it should show, and
/// that every card has a file when the text cards were built; returns how many
/// contacts the guide has.
pub fn check_contacts(
    out: &Path,
    guide: &Guide,
    manifest: &Manifest,
    present: &[Present<'_>],
    problems: &mut Vec<Diagnostic>,
) -> usize {
    for file in present {
        let format = file.entry.format.as_str();
        let expected = match format {
            "pdf" | "epub" => all_contacts(guide),
            "card-sheet" => guide.cards.iter().flat_map(card_contacts).collect(),
            "cards" => match card_of(guide, file.path) {
                Some(card) => card_contacts(card),
                None => guide.cards.iter().flat_map(card_contacts).collect(),
            },
            _ => continue,
        };
        let shown = out.join(file.path);
        let text = match Text::read(format, &file.bytes) {
            Ok(text) => text,
            Err(reason) => {
                problems.push(Diagnostic::bare(format!(
                    "cannot read `{}` ({reason})",
                    shown.display()
                )));
                continue;
            }
        };
        let mut reported = std::collections::BTreeSet::new();
        for contact in expected
            .iter()
            .filter(|c| reported.insert(c.reference.clone()))
        {
            if !text.shows(contact) {
                problems.push(not_shown(&shown, contact));
            }
        }
    }
    check_card_files(out, guide, manifest, problems);
    all_contacts(guide).len()
}

fn not_shown(file: &Path, contact: &Expected<'_>) -> Diagnostic {
    Diagnostic::bare(format!(
        "`{}` does not show contact `{}` as written (`{}`)",
        file.display(),
        contact.reference,
        contact.value.replace('\n', "\\n")
    ))
    .with_hint(
        "the file was not made from this guide, was edited, or a template left the value out",
    )
}

/// Reports each card of the guide that the manifest has no file for, when it lists the
/// text cards at all.
fn check_card_files(
    out: &Path,
    guide: &Guide,
    manifest: &Manifest,
    problems: &mut Vec<Diagnostic>,
) {
    if manifest.of_format("cards").next().is_none() {
        return;
    }
    for card in &guide.cards {
        let path = card_path(&card.id);
        if !manifest.artifacts.contains_key(&path) {
            problems.push(
                Diagnostic::bare(format!(
                    "card `{}` has no file in the output (the manifest does not list `{}`)",
                    card.id,
                    out.join(&path).display()
                ))
                .with_hint("run `guidepress build` to make the output folder again"),
            );
        }
    }
}

fn card_path(id: &str) -> String {
    format!("cards/{id}.txt")
}

/// The card whose own file `path` is.
fn card_of<'g>(guide: &'g Guide, path: &str) -> Option<&'g Card> {
    guide.cards.iter().find(|card| card_path(&card.id) == path)
}

fn all_contacts(guide: &Guide) -> Vec<Expected<'_>> {
    guide
        .organizations
        .iter()
        .flat_map(|org| {
            org.contacts.iter().map(move |c| Expected {
                reference: format!("{}.{}", org.id, c.id),
                kind: c.kind,
                value: &c.value,
            })
        })
        .collect()
}

fn card_contacts(card: &Card) -> Vec<Expected<'_>> {
    card.contacts
        .iter()
        .map(|c| Expected {
            reference: c.reference.clone(),
            kind: c.contact.kind,
            value: &c.contact.value,
        })
        .collect()
}
