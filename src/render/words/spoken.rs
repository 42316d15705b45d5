//! The languages a contact answers in (`languages = ["es", "vi"]`), named in the guide's
//! language from the catalog's `[languages]`, each with its own name (its endonym, from
//! that language's catalog) for the formats that can mark it up with `lang`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diag::{Diagnostic, Severity};
use crate::model::Guide;
use crate::sandbox::Root;

use super::{FILE, Words, choice};

/// The languages of one contact, as the templates show them.
#[derive(Debug, Clone, Serialize)]
pub struct Spoken {
    /// Their names in the guide's language, joined with the list separator:
    /// "Spanish, Vietnamese".
    pub text: String,
    /// Each language, in the order the guide lists them.
    pub each: Vec<Language>,
}

/// One language a contact answers in.
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    /// Its BCP 47 tag, for `lang`.
    pub tag: String,
    /// Its name in the guide's language ("Spanish"), or the tag when the catalog has none.
    pub name: String,
    /// Its name in itself ("español"), when a catalog gives it and it differs from `name`.
    pub endonym: Option<String>,
    /// The direction of the endonym's script (`ltr` when there is no catalog).
    pub dir: super::Direction,
}

/// Every contact's languages by `org.contact`, and a warning for each tag the catalog
/// cannot name.
pub fn shown(
    templates: &Root,
    guide: &Guide,
    words: &Words,
    available: &[String],
) -> (BTreeMap<String, Spoken>, Vec<Diagnostic>) {
    let mut catalogs: BTreeMap<String, Option<Words>> = BTreeMap::new();
    let mut unnamed: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut shown = BTreeMap::new();
    for org in &guide.organizations {
        for contact in org.contacts.iter().filter(|c| !c.languages.is_empty()) {
            let reference = format!("{}.{}", org.id, contact.id);
            let each: Vec<Language> = contact
                .languages
                .iter()
                .map(|tag| {
                    let name = name_in(words, tag).unwrap_or_else(|| {
                        unnamed.entry(tag).or_default().push(reference.clone());
                        tag.clone()
                    });
                    let (endonym, dir) = endonym(templates, available, &mut catalogs, tag)
                        .filter(|(endonym, _)| *endonym != name)
                        .map_or((None, super::Direction::Ltr), |(e, d)| (Some(e), d));
                    Language {
                        tag: tag.clone(),
                        name,
                        endonym,
                        dir,
                    }
                })
                .collect();
            let names: Vec<&str> = each.iter().map(|l| l.name.as_str()).collect();
            let text = names.join(&words.list_separator);
            shown.insert(reference, Spoken { text, each });
        }
    }
    let warnings = unnamed
        .into_iter()
        .map(|(tag, contacts)| {
            Diagnostic {
                severity: Severity::Warning,
                ..Diagnostic::bare(format!(
                    "the words catalog `{FILE}{}.toml` has no name for the language `{tag}` \
                     (of contact {}): it is shown as `{tag}`",
                    words.lang,
                    contacts.join(", ")
                ))
            }
            .with_hint(format!(
                "add it under `[languages]` in `{FILE}{}.toml`, e.g. {tag} = \"…\"",
                words.lang
            ))
        })
        .collect();
    (shown, warnings)
}

/// The name the catalog gives `tag`, or a more general tag (`es` for `es-MX`).
fn name_in(words: &Words, tag: &str) -> Option<String> {
    choice::candidates(tag).into_iter().find_map(|candidate| {
        words
            .languages
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(&candidate))
            .map(|(_, name)| name.clone())
    })
}

/// The name of `tag` in its own catalog, and its direction, when the template folder has
/// that catalog.
fn endonym(
    templates: &Root,
    available: &[String],
    catalogs: &mut BTreeMap<String, Option<Words>>,
    tag: &str,
) -> Option<(String, super::Direction)> {
    let catalog = choice::best(available, tag)?;
    let own = catalogs
        .entry(catalog.clone())
        .or_insert_with(|| Words::read(templates, &catalog).ok())
        .as_ref()?;
    Some((name_in(own, tag)?, own.dir))
}
