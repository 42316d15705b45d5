//! `guidepress diff OLD NEW`: what changed between two guides, and what to reprint.
//!
//! Both sides are read, parsed and validated like any guide, then compared as checked
//! models, so reformatting or comments never count as changes. Items are matched by id
//! (and, when an id changed, by name or label), and reported in the guides' order.
//! Exit status follows `diff`: 0 equivalent, 1 different, 2 errors.

pub mod changes;
mod compare;
mod human;
mod mentions;
mod pairing;
mod reprint;
mod text;

use std::path::Path;
use std::process::ExitCode;

use crate::cli::{DiffArgs, MessageFormat, ReportFormat};
use crate::commands::print_diagnostics;
use crate::diag::Diagnostic;
use crate::pipeline::{Loaded, load_guide};
use crate::validate::Checked;
use changes::{FieldChange, GuideDiff, Value};

/// Runs `guidepress diff` and returns its exit status.
pub fn run(args: &DiffArgs) -> ExitCode {
    let messages = match args.format {
        ReportFormat::Human => MessageFormat::Human,
        ReportFormat::Json => MessageFormat::Json,
    };
    let (old, new) = match load_both(&args.old, &args.new) {
        Ok(pair) => pair,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics, messages);
            return ExitCode::from(2);
        }
    };
    // Warnings about the old side are history the user cannot act on; the new side's count.
    print_diagnostics(&new.warnings, messages);
    let names = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    let diff = compare_guides(&old.checked, &new.checked, names);
    let report = match args.format {
        ReportFormat::Human => human::report(&diff),
        ReportFormat::Json => {
            let json = serde_json::to_string_pretty(&diff).expect("the diff serializes");
            json + "\n"
        }
    };
    print!("{report}");
    ExitCode::from(if diff.equivalent { 0 } else { 1 })
}

fn load_both(old: &Path, new: &Path) -> Result<(Loaded, Loaded), Vec<Diagnostic>> {
    if old.as_os_str() == "-" && new.as_os_str() == "-" {
        return Err(vec![
            Diagnostic::bare("OLD and NEW cannot both be standard input")
                .with_hint("give one of them as a file, e.g. `git show HEAD:source/guide.toml | guidepress diff - source/guide.toml`"),
        ]);
    }
    let missing: Vec<Diagnostic> = [old, new].into_iter().filter_map(missing_file).collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    match (load_guide(old), load_guide(new)) {
        (Ok(old), Ok(new)) => Ok((old, new)),
        (old, new) => {
            let errors = [old.err(), new.err()];
            Err(errors
                .iter()
                .flatten()
                .flat_map(|e| e.diagnostics())
                .collect())
        }
    }
}

// load_guide's own message suggests --source, which diff does not have.
fn missing_file(path: &Path) -> Option<Diagnostic> {
    let gone = path.as_os_str() != "-" && !path.exists();
    gone.then(|| {
        Diagnostic::bare(format!(
            "cannot read the guide `{}` (no such file)",
            path.display()
        ))
        .with_hint("OLD and NEW are guide files, or `-` to read one from standard input")
    })
}

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
        reprint: Default::default(),
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
    // SourceSettings has no serializer or equality; its debug form lists every field.
    json(old) == json(new) && format!("{:?}", old.settings) == format!("{:?}", new.settings)
}
