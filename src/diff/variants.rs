//! What each edition must reprint: decided from each side's selection for that edition
//! (see [`crate::editions::select`]), never from the whole guide, so a change that only
//! the staff edition shows reprints only the staff edition.
//!
//! An edition's reasons are written from its own comparison, of what it keeps on each
//! side: a public edition keeps no confidential contact, so its reasons cannot name one.
//! A variant is one edition today; a language would be a second dimension of it.

use super::changes::{
    CardReprint, ContactDiff, FormatReprint, GuideDiff, OrganizationDiff, Reprint, Reprinted,
    Status, VariantReprint, VariantStatus,
};
use crate::editions::select;
use crate::model::edition::Edition;
use crate::render::Format;
use crate::render::reprint::CardsShown;
use crate::validate::Checked;

/// Each edition of either guide: the new guide's in its order, then those it no longer has.
pub(super) fn variants(old: &Checked, new: &Checked) -> Vec<VariantReprint> {
    let mut variants: Vec<VariantReprint> = new
        .editions
        .iter()
        .map(
            |edition| match old.editions.iter().find(|e| e.id == edition.id) {
                Some(before) => changed(old, before, new, edition),
                None => added(new, edition),
            },
        )
        .collect();
    variants.extend(
        old.editions
            .iter()
            .filter(|e| !new.editions.iter().any(|n| n.id == e.id))
            .map(|edition| VariantReprint {
                reasons: vec!["no longer in the guide: withdraw its printed copies".into()],
                ..variant(edition, VariantStatus::Removed, Reprint::default())
            }),
    );
    variants
}

/// Whether both guides declare the same editions, wherever their tables are written.
pub(super) fn same_editions(old: &Checked, new: &Checked) -> bool {
    let unplaced = |editions: &[Edition]| -> Vec<Edition> {
        editions
            .iter()
            .map(|e| Edition {
                span: 0..0,
                formats: e
                    .formats
                    .as_ref()
                    .map(|names| names.iter().map(|(name, _)| (name.clone(), 0..0)).collect()),
                ..e.clone()
            })
            .collect()
    };
    unplaced(&old.editions) == unplaced(&new.editions)
}

fn variant(edition: &Edition, status: VariantStatus, reprint: Reprint) -> VariantReprint {
    VariantReprint {
        edition: edition.id.clone(),
        folder: format!("{}/", edition.id),
        staff_only: edition.confidential,
        status,
        definition: Vec::new(),
        reasons: Vec::new(),
        reprint,
        notes: Vec::new(),
    }
}

/// The formats an edition is built in that `diff` decides about.
fn formats(edition: &Edition) -> Vec<Format> {
    crate::pipeline::edition_formats(edition, &Format::ALL, false)
        .into_iter()
        // A staff edition makes no text messages (see `render::sms`).
        .filter(|format| !(edition.confidential && *format == Format::Sms))
        .collect()
}

fn changed(old: &Checked, before: &Edition, new: &Checked, after: &Edition) -> VariantReprint {
    let (a, _) = select(&old.guide, before);
    let (b, _) = select(&new.guide, after);
    let diff = super::compare(
        (&a, &before.settings.or(&old.settings)),
        (&b, &after.settings.or(&new.settings)),
        &formats(after),
    );
    let mut reprint = diff.reprint.clone();
    // A format the edition is now built in for the first time is printed whole.
    let new_formats: Vec<&str> = formats(after)
        .into_iter()
        .filter(|f| !formats(before).contains(f))
        .filter_map(|f| f.renderer().reprint().map(|shown| shown.key))
        .collect();
    for format in &mut reprint.formats {
        if new_formats.contains(&format.key) {
            format.reprint = everything(format, &b);
        }
    }
    let definition = definition_changes(before, after);
    if reprint.is_empty() {
        return VariantReprint {
            definition,
            ..variant(after, VariantStatus::Unchanged, reprint)
        };
    }
    let mut reasons = reasons(&diff, &definition);
    if !definition.is_empty() {
        reasons.push(format!("the edition's {} changed", definition.join(", ")));
    }
    if !new_formats.is_empty() {
        reasons.push(format!("now built as {}", new_formats.join(", ")));
    }
    VariantReprint {
        definition,
        reasons,
        ..variant(after, VariantStatus::Changed, reprint)
    }
}

fn added(new: &Checked, edition: &Edition) -> VariantReprint {
    let (guide, _) = select(&new.guide, edition);
    let formats = formats(edition)
        .into_iter()
        .filter_map(|format| format.renderer().reprint())
        .map(|shown| {
            let mut format = FormatReprint {
                key: shown.key,
                label: shown.label,
                reprint: match shown.cards {
                    CardsShown::Each => Reprinted::Cards(Vec::new()),
                    CardsShown::All | CardsShown::None => Reprinted::Whole(true),
                },
            };
            format.reprint = everything(&format, &guide);
            format
        })
        .collect();
    VariantReprint {
        reasons: vec!["a new edition: print it for the first time".into()],
        ..variant(edition, VariantStatus::Added, Reprint { formats })
    }
}

/// A format printed for the first time: all of it, every card of the edition.
fn everything(format: &FormatReprint, guide: &crate::model::Guide) -> Reprinted {
    match format.reprint {
        Reprinted::Whole(_) => Reprinted::Whole(true),
        Reprinted::Cards(_) => Reprinted::Cards(
            guide
                .cards
                .iter()
                .map(|card| CardReprint {
                    id: card.id.clone(),
                    title: card.title.clone(),
                    status: Status::Added,
                    reasons: vec!["new card".into()],
                })
                .collect(),
        ),
    }
}

/// What changed of what the edition shows, one line each, in the guide's order; a
/// setting the edition's own table changed (in `definition`) is said there.
fn reasons(diff: &GuideDiff, definition: &[String]) -> Vec<String> {
    let mut reasons = Vec::new();
    if !diff.guide.is_empty() {
        let fields: Vec<&str> = diff.guide.iter().map(|c| c.field.as_str()).collect();
        reasons.push(format!("the guide's {} changed", fields.join(", ")));
    }
    let settings: Vec<&str> = diff
        .settings
        .iter()
        .map(|c| c.field.as_str())
        .filter(|field| {
            let key = field.rsplit('.').next().unwrap_or_default();
            !definition.iter().any(|d| d == key)
        })
        .collect();
    if !settings.is_empty() {
        reasons.push(format!("the settings changed ({})", settings.join(", ")));
    }
    for section in &diff.sections {
        reasons.push(format!(
            "section {:?} {}",
            section.title,
            status_words(section.status)
        ));
    }
    for org in &diff.organizations {
        reasons.extend(organization_reasons(org));
    }
    reasons
}

fn organization_reasons(org: &OrganizationDiff) -> Vec<String> {
    let name = &org.name;
    match org.status {
        Status::Added => return vec![format!("{name:?} is new in this edition")],
        Status::Removed => return vec![format!("{name:?} is no longer in this edition")],
        Status::Changed => {}
    }
    let mut reasons = Vec::new();
    let own: Vec<&str> = org.changes.iter().map(|c| c.field.as_str()).collect();
    if !own.is_empty() {
        reasons.push(format!("{name:?}: {} changed", own.join(", ")));
    }
    if org.old_id.is_some() && own.is_empty() {
        reasons.push(format!("{name:?}: its id changed"));
    }
    reasons.extend(
        org.contacts
            .iter()
            .map(|contact| format!("{name:?}: {}", contact_reason(contact))),
    );
    reasons
}

fn contact_reason(contact: &ContactDiff) -> String {
    let label = &contact.label;
    match contact.status {
        Status::Added => format!("contact {label:?} is new in this edition"),
        Status::Removed => format!("contact {label:?} is no longer in this edition"),
        Status::Changed if contact.changes.is_empty() => format!("contact {label:?}: id changed"),
        Status::Changed => {
            let fields: Vec<&str> = contact.changes.iter().map(|c| c.field.as_str()).collect();
            format!("contact {label:?} changed ({})", fields.join(", "))
        }
    }
}

fn status_words(status: Status) -> &'static str {
    match status {
        Status::Added => "is new in this edition",
        Status::Removed => "is no longer in this edition",
        Status::Changed => "changed",
    }
}

/// The keys of the `[[edition]]` table that changed, named as the guide writes them.
fn definition_changes(before: &Edition, after: &Edition) -> Vec<String> {
    let formats = |e: &Edition| -> Option<Vec<String>> {
        e.formats
            .as_ref()
            .map(|names| names.iter().map(|(name, _)| name.clone()).collect())
    };
    let settings = super::compare::settings_fields(&before.settings, &after.settings);
    [
        ("title", before.title != after.title),
        ("subtitle", before.subtitle != after.subtitle),
        ("tags", before.tags != after.tags),
        ("exclude_tags", before.exclude_tags != after.exclude_tags),
        ("regions", before.regions != after.regions),
        ("cards", before.cards != after.cards),
        ("languages", before.languages != after.languages),
        ("confidential", before.confidential != after.confidential),
        ("formats", formats(before) != formats(after)),
    ]
    .into_iter()
    .filter(|(_, differs)| *differs)
    .map(|(key, _)| key.to_owned())
    // An edition writes its settings without their table: `layout`, not `print.layout`.
    .chain(settings.into_iter().map(|change| {
        let key = change.field.rsplit('.').next().unwrap_or_default();
        key.to_owned()
    }))
    .collect()
}
