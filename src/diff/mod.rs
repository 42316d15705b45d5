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
mod text;

use crate::validate::Checked;
use changes::{FieldChange, GuideDiff, Value};

/// Compares two checked guides; `names` are how the report names them.
pub fn compare_guides(old: &Checked, new: &Checked, names: (String, String)) -> GuideDiff {
    let (a, b) = (&old.guide, &new.guide);
    let mut diff = GuideDiff {
        version: changes::JSON_VERSION,
        old: names.0,
        new: names.1,
        equivalent: false,
        guide: compare::guide_fields(a, b),
        settings: compare::settings_fields(&old.settings, &new.settings),
        sections: compare::sections(&a.sections, &b.sections),
        organizations: compare::organizations(a, b),
        cards: compare::cards(&a.cards, &b.cards),
        still_mentioned: Vec::new(),
        reprint: changes::Reprint::default(),
    };
    diff.still_mentioned = mentions::stale_mentions(&diff.organizations, b);
    let found_nothing = diff.guide.is_empty()
        && diff.settings.is_empty()
        && diff.sections.is_empty()
        && diff.organizations.is_empty()
        && diff.cards.is_empty();
    let identical = same_data(old, new);
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
    diff.reprint = reprint::reprint(&diff, a, b);
    diff
}

/// Whether two guides carry exactly the same data, every field included.
fn same_data(old: &Checked, new: &Checked) -> bool {
    let json = |c: &Checked| serde_json::to_value(&c.guide).expect("the guide serializes");
    json(old) == json(new) && old.settings == new.settings
}
