//! The reprint report of a guide with editions: the full guide, then each edition, each
//! with what to print again and why; last, in one line, everything that stays as printed.

use std::fmt::Write;

use super::reprint_lines;
use crate::diff::changes::{GuideDiff, VariantReprint, VariantStatus};

/// One group per variant that has something to print or withdraw, then the line of
/// those that have nothing, then any notes.
pub(super) fn reprints(diff: &GuideDiff) -> Vec<String> {
    let mut groups = Vec::new();
    let mut unchanged = Vec::new();
    let full = "the full guide".to_owned();
    if diff.reprint.is_empty() {
        unchanged.push(full);
    } else {
        groups.push(format!(
            "To reprint: {full}\n{}",
            reprint_lines(&diff.reprint)
        ));
    }
    for variant in &diff.variants {
        let name = name(variant);
        let heading = match variant.status {
            VariantStatus::Unchanged => {
                unchanged.push(name);
                continue;
            }
            VariantStatus::Added => format!("To print: {name}"),
            VariantStatus::Removed => format!("To withdraw: {name}"),
            VariantStatus::Changed => format!("To reprint: {name}"),
        };
        let mut out = format!("{heading}\n");
        for reason in &variant.reasons {
            let _ = writeln!(out, "  because {reason}");
        }
        out.push_str(&reprint_lines(&variant.reprint));
        groups.push(out);
    }
    if !unchanged.is_empty() {
        groups.push(format!("Nothing to reprint: {}\n", unchanged.join(", ")));
    }
    let notes = notes(diff);
    if !notes.is_empty() {
        groups.push(notes);
    }
    groups
}

/// What the comparison could not see, one line per note and variant.
pub(super) fn notes(diff: &GuideDiff) -> String {
    diff.variants
        .iter()
        .flat_map(|v| {
            v.notes
                .iter()
                .map(move |note| format!("Note on {}: {note}\n", name(v)))
        })
        .collect()
}

/// The editions added, removed, or whose `[[edition]]` table changed; `None`: none.
pub(super) fn editions(diff: &GuideDiff) -> Option<String> {
    let mut out = String::new();
    for variant in &diff.variants {
        let id = &variant.edition;
        match variant.status {
            VariantStatus::Added => {
                let _ = writeln!(out, "  {id:?} added");
            }
            VariantStatus::Removed => {
                let _ = writeln!(out, "  {id:?} removed");
            }
            VariantStatus::Changed | VariantStatus::Unchanged if !variant.definition.is_empty() => {
                let _ = writeln!(out, "  {id:?}: {} changed", variant.definition.join(", "));
            }
            VariantStatus::Changed | VariantStatus::Unchanged => {}
        }
    }
    (!out.is_empty()).then(|| format!("Editions\n{out}"))
}

/// `edition "staff" (staff only)`.
fn name(variant: &VariantReprint) -> String {
    let staff = if variant.staff_only {
        " (staff only)"
    } else {
        ""
    };
    format!("edition {:?}{staff}", variant.edition)
}
