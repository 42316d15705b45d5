//! No public file shows a confidential contact: every file of the folder, the copy of
//! the guide and the manifest included, is searched raw, inflated and unpacked (see
//! [`crate::render::absence`]) for every confidential value and its digits.

use std::path::Path;

use super::files::Present;
use crate::diag::Diagnostic;
use crate::model::confidential::Secrets;
use crate::output::manifest::FILE_NAME;
use crate::render::Format;
use crate::render::absence::leaked;

/// Checks every present file but those of the staff editions (`staff`: their ids), and
/// the manifest, for confidential values.
pub(super) fn check_absence(
    out: &Path,
    secrets: &Secrets,
    staff: &[&str],
    present: &[Present<'_>],
    problems: &mut Vec<Diagnostic>,
) {
    let manifest = std::fs::read(out.join(FILE_NAME)).unwrap_or_default();
    let files = present
        .iter()
        .filter(|file| {
            file.entry
                .edition
                .as_deref()
                .is_none_or(|edition| !staff.contains(&edition))
        })
        .map(|file| {
            (
                file.path,
                Format::named(&file.entry.format),
                file.bytes.as_slice(),
            )
        })
        .chain([(FILE_NAME, None, manifest.as_slice())]);
    for (path, format, bytes) in files {
        for reference in leaked(secrets, format, bytes) {
            problems.push(
                Diagnostic::bare(format!(
                    "`{}` shows confidential contact `{reference}` (its value or its number), and the folder is public",
                    out.join(path).display()
                ))
                .with_hint("do not hand this file out; build again, and look for the value in the guide's text, a comment or a template"),
            );
        }
    }
}
