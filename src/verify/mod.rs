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
    let translations = crate::translations::load(source, &loaded).map_err(|e| e.diagnostics())?;
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
    let translated: Vec<(String, crate::model::Guide)> = translations
        .list
        .iter()
        .map(|t| {
            let guide = public_view(&t.guide(&loaded.checked.guide, None));
            (t.language().to_owned(), guide)
        })
        .collect();
    let secret_texts: Vec<(String, String)> = translations
        .list
        .iter()
        .flat_map(|t| {
            crate::output::plan::confidential_texts(&loaded.checked.guide, &t.translation)
        })
        .collect();
    let secrets = Secrets::of(&loaded.checked.guide).with_texts(&secret_texts);
    let mut problems = Vec::new();
    let present = files::check_entries(out, &manifest, &mut problems);
    files::check_extra(out, &manifest, &mut problems);
    files::check_inputs(out, &manifest, &loaded, &config, &translated, &mut problems);
    // Each translation of the full guide is checked in its own folder, as the guide is.
    let (in_languages, own): (Vec<_>, Vec<_>) = present
        .iter()
        .partition(|file| file.entry.language.is_some() && file.entry.edition.is_none());
    let own: Vec<files::Present<'_>> = own.into_iter().map(files::Present::clone_of).collect();
    let contacts = shown::check_contacts(out, &guide, &manifest, &own, None, &mut problems);
    links::check_links(out, &guide, &own, &mut problems);
    for (language, guide) in &translated {
        let folder = out.join(language);
        let files: Vec<files::Present<'_>> = in_languages
            .iter()
            .filter(|f| f.entry.language.as_deref() == Some(language))
            .filter_map(|f| f.inside(language))
            .collect();
        shown::check_contacts(
            &folder,
            guide,
            &manifest,
            &files,
            Some(language),
            &mut problems,
        );
        links::check_links(&folder, guide, &files, &mut problems);
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
        "{}: ok ({} as built and up to date{}; {} shown as written where it belongs",
        out.display(),
        // The manifest is a file of the folder too, as in `build`'s count.
        plural(manifest.artifacts.len() + 1, "file"),
        match translated.len() {
            0 => String::new(),
            _ => format!(
                ", in {} and {}",
                loaded.checked.guide.language,
                translated
                    .iter()
                    .map(|(l, _)| l.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
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
