//! The name of every output file: the one place that decides how a staff edition's files
//! are told apart from public ones.

use crate::model::Guide;

/// What starts the name of every file of a staff-only edition, so that nobody attaches
/// one to an e-mail for families by mistake: `STAFF-ONLY-family-resources.pdf`.
pub const STAFF_ONLY_PREFIX: &str = "STAFF-ONLY-";

/// The path of an output file, `/`-separated inside the output folder: `path` itself for
/// a public guide; for a staff-only one, the file's name (not its folder) prefixed with
/// [`STAFF_ONLY_PREFIX`] (`cards/help-now.txt` → `cards/STAFF-ONLY-help-now.txt`).
pub fn artifact_path(guide: &Guide, path: &str) -> String {
    if !guide.staff_only {
        return path.to_owned();
    }
    match path.rsplit_once('/') {
        Some((folder, name)) => format!("{folder}/{STAFF_ONLY_PREFIX}{name}"),
        None => format!("{STAFF_ONLY_PREFIX}{path}"),
    }
}
