//! Every contact value in every output that should show it, character for character.
//!
//! Each format says which contacts a file of it shows (the pamphlet and the EPUB every
//! contact of the guide, a card's file that card's, the card sheet every card's) and
//! reads the file back as text; here the text is searched for each value.

use std::path::Path;

use super::files::Present;
use super::matching::Haystack;
use crate::diag::Diagnostic;
use crate::model::{Card, ContactKind, Guide};
use crate::output::manifest::Manifest;
use crate::render::Format;
use crate::render::shown::{ReadBack, Shows};

/// A contact that an output should show.
struct Expected<'g> {
    /// `org.contact`.
    reference: String,
    kind: ContactKind,
    value: &'g str,
}

/// A file's text, ready to be searched for contacts.
struct Text {
    texts: Vec<Haystack>,
    addresses: Option<Haystack>,
}

impl Text {
    fn new(read: ReadBack) -> Self {
        let haystack = |searched: crate::render::shown::Searched| {
            Haystack::new(&searched.text, searched.spacing)
        };
        Self {
            texts: read.texts.into_iter().map(haystack).collect(),
            addresses: read.addresses.map(haystack),
        }
    }

    fn shows(&self, contact: &Expected<'_>) -> bool {
        match &self.addresses {
            Some(text) if contact.kind == ContactKind::Address => text.shows(contact.value),
            _ => self.texts.iter().any(|text| text.shows(contact.value)),
        }
    }
}

/// Checks the text of every present file of one variant — the full guide or an edition
/// (`edition`: `None` for the full guide), in the guide's language or a translation
/// (`language`) — against the contacts its format says it shows of `guide` (the one it
/// was made from), and that every file a format must make is there once the manifest
/// lists the format; returns how many contacts the guide has.
pub(super) fn check_contacts(
    out: &Path,
    (edition, language): (Option<&str>, Option<&str>),
    guide: &Guide,
    manifest: &Manifest,
    present: &[Present<'_>],
    problems: &mut Vec<Diagnostic>,
) -> usize {
    let folder = variant_folder(edition, language);
    for file in present.iter().filter(|file| {
        file.entry.edition.as_deref() == edition && file.entry.language.as_deref() == language
    }) {
        let Some(format) = Format::named(&file.entry.format) else {
            continue;
        };
        // A format names its files as they are inside the guide's own folder.
        let path = file.path.strip_prefix(&folder).unwrap_or(file.path);
        let expected = match format.renderer().shows(guide, path) {
            Shows::Nothing => continue,
            Shows::Everything => all_contacts(guide),
            Shows::Cards(cards) => cards.into_iter().flat_map(card_contacts).collect(),
            Shows::Contacts(contacts) => contacts
                .into_iter()
                .map(|(org, c)| Expected {
                    reference: format!("{}.{}", org.id, c.id),
                    kind: c.kind,
                    value: &c.value,
                })
                .collect(),
        };
        let shown = out.join(file.path);
        let text = match format.renderer().read_back(&file.bytes) {
            Ok(text) => Text::new(text),
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
    check_expected_files(out, (edition, language), guide, manifest, problems);
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

/// Reports each file that a format must make for the guide and the manifest does not
/// list, when it lists any file of that format.
fn check_expected_files(
    out: &Path,
    (edition, language): (Option<&str>, Option<&str>),
    guide: &Guide,
    manifest: &Manifest,
    problems: &mut Vec<Diagnostic>,
) {
    let folder = variant_folder(edition, language);
    for format in Format::ALL {
        if manifest
            .of_variant_format(edition, language, format.name())
            .next()
            .is_none()
        {
            continue;
        }
        for file in format.renderer().expected_files(guide) {
            let path = format!("{folder}{}", file.path);
            if !manifest.artifacts.contains_key(&path) {
                problems.push(
                    Diagnostic::bare(format!(
                        "{} has no file in the output (the manifest does not list `{}`)",
                        file.subject,
                        out.join(&path).display()
                    ))
                    .with_hint("run `guidepress build` to make the output folder again"),
                );
            }
        }
    }
}

/// The folder of a variant's files inside the output folder, with its closing `/`:
/// `students/es/`, `es/`, `students/`, or nothing for the full guide.
fn variant_folder(edition: Option<&str>, language: Option<&str>) -> String {
    let mut folder = String::new();
    for part in [edition, language].into_iter().flatten() {
        folder.push_str(part);
        folder.push('/');
    }
    folder
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
