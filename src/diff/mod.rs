//! `guidepress diff [OLD [NEW]]`: what changed between two guides, and what to reprint.
//!
//! Without OLD, the older guide is the copy of the source that the last build kept in the
//! output folder (`output/guide-as-built.toml`): "what changed since the last print"
//! needs no version control. Without NEW, the newer one is the `--source` guide.
//!
//! Both sides are read, parsed and validated like any guide, then compared as checked
//! models, so reformatting or comments never count as changes. Items are matched by id
//! (and, when an id changed, by name or label), and reported in the guides' order.
//! Exit status follows `diff`: 0 equivalent, 1 different, 2 errors.

pub mod changes;
mod compare;
mod fields;
pub mod human;
mod mentions;
mod pairing;
mod reprint;
pub mod staff_since_build;
mod text;
mod variants;

use crate::config::Settings;
use crate::model::Guide;
use crate::model::confidential::{has_confidential, public_view};
use crate::render::Format;
use crate::validate::Checked;
use changes::{FieldChange, GuideDiff, Value};

/// Compares two checked guides; `names` are how the report names them.
///
/// What the full guide must reprint is decided from the public view of each side (the
/// top of the output folder shows no confidential contact); what each edition must
/// reprint, from each side's selection for that edition (see [`variants`]).
pub fn compare_guides(old: &Checked, new: &Checked, names: (String, String)) -> GuideDiff {
    let mut diff = compare(
        (&old.guide, &old.settings),
        (&new.guide, &new.settings),
        &Format::ALL,
    );
    diff.old = names.0;
    diff.new = names.1;
    diff.equivalent = diff.equivalent && variants::same_editions(old, new);
    if has_confidential(&old.guide) || has_confidential(&new.guide) {
        let (a, b) = (public_view(&old.guide), public_view(&new.guide));
        diff.reprint = compare((&a, &old.settings), (&b, &new.settings), &Format::ALL).reprint;
    }
    diff.variants = variants::variants(old, new);
    diff
}

/// Compares two guides with their settings as written; `formats`: those whose reprint
/// is decided (the formats the guide is built in).
fn compare(
    (a, old_settings): (&Guide, &Settings),
    (b, new_settings): (&Guide, &Settings),
    formats: &[Format],
) -> GuideDiff {
    let mut diff = GuideDiff {
        version: changes::JSON_VERSION,
        old: String::new(),
        new: String::new(),
        equivalent: false,
        guide: compare::guide_fields(a, b),
        settings: compare::settings_fields(old_settings, new_settings),
        sections: compare::sections(&a.sections, &b.sections),
        organizations: compare::organizations(a, b),
        cards: compare::cards(&a.cards, &b.cards),
        still_mentioned: Vec::new(),
        reprint: changes::Reprint::default(),
        variants: Vec::new(),
    };
    diff.still_mentioned = mentions::stale_mentions(&diff.organizations, b);
    let found_nothing = diff.guide.is_empty()
        && diff.settings.is_empty()
        && diff.sections.is_empty()
        && diff.organizations.is_empty()
        && diff.cards.is_empty();
    let identical = same_data((a, old_settings), (b, new_settings));
    if found_nothing && !identical {
        // A field added to the model after this comparison was written still counts.
        diff.guide.push(FieldChange {
            field: "other details".into(),
            old: Value::Absent,
            new: Value::Absent,
            summary: Some("other details changed".into()),
        });
    }
    diff.equivalent = found_nothing && identical;
    diff.reprint = reprint::reprint(&diff, a, b, formats);
    diff
}

/// Whether two guides carry exactly the same data, every field included.
fn same_data(old: (&Guide, &Settings), new: (&Guide, &Settings)) -> bool {
    let json = |g: &Guide| serde_json::to_value(g).expect("the guide serializes");
    json(old.0) == json(new.0) && old.1 == new.1
}
