//! What changed in a staff edition since the last build, when the older guide is the copy
//! that build kept: the copy leaves the confidential contacts out, so the comparison of
//! the guides cannot see them. The manifest can: each staff file's inputs hash covers its
//! selection, confidential contacts included, so a hash that the new guide no longer
//! gives, where the comparison found nothing else, means a confidential contact changed.
//! Which one is not said: the copy does not know, and it is never printed.

use std::path::Path;

use super::changes::{CardReprint, GuideDiff, Reprinted, Status, VariantStatus};
use crate::editions::select;
use crate::model::Guide;
use crate::model::edition::Edition;
use crate::output::manifest::Manifest;
use crate::output::plan::variant_inputs_hash;
use crate::output::variant::{Variant, no_files_key};
use crate::render::Format;
use crate::validate::Checked;

/// Why a staff edition must be reprinted when only its confidential contacts differ.
const CONFIDENTIAL_CHANGED: &str = "a confidential contact changed since the last build (the copy of the last build leaves them out, so which one is not said)";
/// A card of a staff edition reprinted for that reason.
const SHOWS_CONFIDENTIAL: &str =
    "it shows a confidential contact, and one changed since the last build";
/// What the comparison cannot tell of a staff edition.
const UNSEEN: &str = "the copy of the last build leaves the confidential contacts out, so a change to one is not seen here; compare two guide files (`guidepress diff OLD NEW`) to see it";

/// Completes the staff editions of `diff` (made against the copy of the last build in
/// `out`) from the manifest, with `new` the whole new guide, confidential contacts
/// included; returns whether any staff edition must be reprinted for that reason.
pub fn complete(diff: &mut GuideDiff, new: &Checked, out: &Path) -> bool {
    let manifest = Manifest::read(out);
    let templates = crate::sandbox::open_templates(None).ok();
    let mut found = false;
    for variant in diff.variants.iter_mut().filter(|v| v.staff_only) {
        let edition = new.editions.iter().find(|e| e.id == variant.edition);
        let stale = match (edition, &templates) {
            (Some(edition), Some(templates)) if variant.status == VariantStatus::Unchanged => {
                stale_formats(&manifest, new, edition, templates)
            }
            _ => None,
        };
        match (stale, edition) {
            (Some(stale), Some(edition)) if !stale.is_empty() => {
                found = true;
                let (guide, _) = select(&new.guide, edition);
                variant.status = VariantStatus::Changed;
                variant.reasons.push(CONFIDENTIAL_CHANGED.to_owned());
                for format in &mut variant.reprint.formats {
                    if !stale.iter().any(|f| shown_key(*f) == Some(format.key)) {
                        continue;
                    }
                    format.reprint = match &format.reprint {
                        Reprinted::Whole(_) => Reprinted::Whole(true),
                        Reprinted::Cards(_) => Reprinted::Cards(confidential_cards(&guide)),
                    };
                }
            }
            (Some(_), _) => {}
            (None, _) => variant.notes.push(UNSEEN.to_owned()),
        }
    }
    found
}

/// Notes on each staff edition of `diff` that the comparison could not see its
/// confidential contacts (the older guide is a copy without them, and no manifest is at
/// hand to tell).
pub fn unseen(diff: &mut GuideDiff) {
    for variant in diff.variants.iter_mut().filter(|v| v.staff_only) {
        variant.notes.push(UNSEEN.to_owned());
    }
}

fn shown_key(format: Format) -> Option<&'static str> {
    format.renderer().reprint().map(|shown| shown.key)
}

/// The edition's formats whose files the manifest says were made from other inputs than
/// the new guide gives; `None` when the manifest has none of its files to tell by.
fn stale_formats(
    manifest: &Manifest,
    new: &Checked,
    edition: &Edition,
    templates: &crate::sandbox::Root,
) -> Option<Vec<Format>> {
    let (guide, _) = select(&new.guide, edition);
    let settings = edition.settings.or(&new.settings);
    let variant = Variant {
        edition: Some(edition.id.clone()),
        language: None,
    };
    let mut told = false;
    let mut stale = Vec::new();
    for format in Format::ALL {
        let made: Vec<&str> = manifest
            .of_edition_format(Some(&edition.id), format.name())
            .map(|(_, entry)| entry.inputs.as_str())
            .chain(
                manifest
                    .no_files
                    .get(&no_files_key(&variant, format))
                    .map(String::as_str),
            )
            .collect();
        if made.is_empty() {
            continue;
        }
        // A bilingual card sheet's inputs also hold its backs' translation, which this does not read.
        let inputs = variant_inputs_hash(format, &guide, &settings, templates, None).ok()?;
        told = true;
        if made.iter().any(|m| *m != inputs) {
            stale.push(format);
        }
    }
    told.then_some(stale)
}

/// The edition's cards that show a confidential contact.
fn confidential_cards(guide: &Guide) -> Vec<CardReprint> {
    guide
        .cards
        .iter()
        .filter(|card| card.contacts.iter().any(|c| c.contact.confidential))
        .map(|card| CardReprint {
            id: card.id.clone(),
            title: card.title.clone(),
            status: Status::Changed,
            reasons: vec![SHOWS_CONFIDENTIAL.to_owned()],
        })
        .collect()
}
