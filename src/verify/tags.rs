//! Every PDF of the folder (the pamphlet, the card sheet) has a sound tag tree, as
//! [`crate::render::pdf::tags`] checks it: a screen reader finds the text through the
//! tags, and a pamphlet joined from parts compiled one after another, or a file edited
//! after the build, may have lost the thread between them.

use std::path::Path;

use super::files::Present;
use crate::diag::Diagnostic;

/// How many of a file's tag problems a message lists.
const LISTED: usize = 5;

/// Checks the tag tree of every present PDF.
pub(super) fn check_tags(out: &Path, present: &[Present<'_>], problems: &mut Vec<Diagnostic>) {
    for file in present.iter().filter(|file| file.path.ends_with(".pdf")) {
        // A file that cannot be read is reported by the check of what it shows.
        let Ok(doc) = lopdf::Document::load_mem(&file.bytes) else {
            continue;
        };
        if let Err(found) = crate::render::pdf::tags::check_document(&doc) {
            problems.push(broken_tags(&out.join(file.path), &found));
        }
    }
}

fn broken_tags(file: &Path, found: &[String]) -> Diagnostic {
    let mut problem = Diagnostic::bare(format!(
        "`{}` has a broken tag tree, so a screen reader cannot follow it ({})",
        file.display(),
        match found.len() {
            1 => "1 problem".to_owned(),
            n => format!("{n} problems"),
        }
    ));
    for found in found.iter().take(LISTED) {
        problem = problem.with_hint(found.clone());
    }
    if found.len() > LISTED {
        problem = problem.with_hint(format!("and {} more", found.len() - LISTED));
    }
    problem.with_hint("run `guidepress build` to make the file again; if the problem stays, report it with the file")
}
