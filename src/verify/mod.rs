//! `guidepress verify`: reads the built files back and checks them against the guide
//! and `output/manifest.json`.
//!
//! Two questions are answered. Is the folder what the last build made, from the guide
//! and templates as they are now: every file the manifest lists is there with its
//! SHA-256, nothing else is there, and each file's inputs hash matches the current
//! source, templates, settings and guidepress version. And does every output show every
//! contact it should, character for character: each format reads its files back (the
//! PDF's extracted text, the EPUB's XHTML text, the text cards) and they are searched
//! for each contact value it should show (see [`shown`]), and every `tel:`/`sms:` link
//! of a format that has links must dial its number, and the guide's `web_url` be linked
//! (see [`links`]).
//!
//! The settings compared are the guide's own (`[print]`, `[cards]`); files built with
//! command-line overrides such as `--layout` count as out of date.

mod absence;
mod files;
mod links;
mod matching;
mod shown;

use std::path::Path;

use crate::config::{BuildConfig, Settings};
use crate::diag::Diagnostic;
use crate::model::confidential::{Secrets, public_view};
use crate::pipeline::load_guide;

/// Every check, in order; the summary line when all pass.
pub fn verify(
    source: &Path,
    templates: Option<&Path>,
    out: &Path,
) -> Result<String, Vec<Diagnostic>> {
    let loaded = load_guide(source).map_err(|e| e.diagnostics())?;
    let manifest = files::read_manifest(out).map_err(|d| vec![d])?;
    let config = BuildConfig::resolve(
        source.to_owned(),
        templates.map(Path::to_owned),
        out.to_owned(),
        &Settings::default(),
        &loaded.checked.settings,
    );
    // The top of an output folder is the public guide: it must show every public contact,
    // and no confidential one.
    let guide = public_view(&loaded.checked.guide);
    let secrets = Secrets::of(&loaded.checked.guide);
    let mut problems = Vec::new();
    let present = files::check_entries(out, &manifest, &mut problems);
    files::check_extra(out, &manifest, &mut problems);
    files::check_inputs(out, &manifest, &loaded, &config, &mut problems);
    let contacts = shown::check_contacts(out, None, &guide, &manifest, &present, &mut problems);
    links::check_links(out, None, &guide, &present, &mut problems);
    // Each edition's files against that edition's own selection.
    for edition in &loaded.checked.editions {
        let (selected, _) = crate::editions::select(&loaded.checked.guide, edition);
        let id = Some(edition.id.as_str());
        shown::check_contacts(out, id, &selected, &manifest, &present, &mut problems);
        links::check_links(out, id, &selected, &present, &mut problems);
    }
    let staff: Vec<&str> = loaded
        .checked
        .editions
        .iter()
        .filter(|edition| edition.confidential)
        .map(|edition| edition.id.as_str())
        .collect();
    absence::check_absence(out, &secrets, &staff, &present, &mut problems);
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .map(|p| redacted(&secrets, p))
            .collect());
    }
    Ok(format!(
        "{}: ok ({} as built and up to date; {} shown as written where it belongs",
        out.display(),
        // The manifest is a file of the folder too, as in `build`'s count.
        plural(manifest.artifacts.len() + 1, "file"),
        match contacts {
            1 => "the guide's one contact".to_owned(),
            n => format!("each of the guide's {n} contacts"),
        },
    ) + &match secrets.len() {
        0 => String::new(),
        n => format!("; {} in no file", plural(n, "confidential contact")),
    } + ")")
}

/// A problem whose message and hints print no confidential value, whatever check wrote
/// it (a link that dials a confidential number names the number, say).
fn redacted(secrets: &Secrets, mut problem: Diagnostic) -> Diagnostic {
    problem.message = secrets.redact(&problem.message);
    for hint in &mut problem.hints {
        *hint = secrets.redact(hint);
    }
    problem
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
