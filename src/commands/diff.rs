//! `guidepress diff [OLD [NEW]]`: reads both guides and prints what changed (see [`crate::diff`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{DiffArgs, MessageFormat, ReportFormat};
use crate::diag::Diagnostic;
use crate::diag::print::print_diagnostics_on_stderr;
use crate::diff::{compare_guides, human, staff_since_build};
use crate::model::confidential::public_view;
use crate::output::manifest::{FILE_NAME, Manifest, SOURCE_COPY, sha256_file};
use crate::pipeline::{Loaded, load_guide};
use crate::source::redact::REDACTED_MARK;

/// Runs `guidepress diff` and returns its exit status.
pub(super) fn run(args: &DiffArgs) -> ExitCode {
    let messages = match args.format {
        ReportFormat::Human => MessageFormat::Human,
        ReportFormat::Json => MessageFormat::Json,
    };
    let loaded = last_build_unless(args.old.as_deref(), &args.out).and_then(|old| {
        let new = args.new.clone().unwrap_or_else(|| args.source.clone());
        let pair = load_both(&old, &new, &args.source)?;
        Ok((old, new, pair))
    });
    let (old_path, new_path, (old, mut new)) = match loaded {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            print_diagnostics_on_stderr(&diagnostics, messages);
            return ExitCode::from(2);
        }
    };
    // Warnings about the old side are history the user cannot act on; the new side's count.
    print_diagnostics_on_stderr(&new.warnings, messages);
    let old_name = match (&args.old, args.format) {
        (None, ReportFormat::Human) => format!("the last build ({})", old_path.display()),
        _ => old_path.display().to_string(),
    };
    // The copy a public build kept leaves the confidential contacts out: so does the
    // guide it is compared with, or each would look new, and its value be printed.
    let redacted = old.source.text.starts_with(REDACTED_MARK);
    let whole = redacted.then(|| new.checked.clone());
    if redacted {
        leave_out_confidential(&mut new.checked);
    }
    let names = (old_name, new_path.display().to_string());
    let mut diff = compare_guides(&old.checked, &new.checked, names);
    // Only the last build's manifest knows whether a staff edition's confidential
    // contacts changed.
    if let Some(whole) = &whole {
        if args.old.is_none() {
            let found = staff_since_build::complete(&mut diff, whole, &args.out);
            diff.equivalent &= !found;
        } else {
            staff_since_build::unseen(&mut diff);
        }
    }
    // The translations beside the newer guide, when it is a file.
    let translations = crate::translations::load(&new_path, &new).ok();
    let report = match args.format {
        ReportFormat::Human => {
            let translated = translations.as_ref().map_or_else(String::new, |t| {
                crate::translations::diff_report(&old, &new, t)
            });
            human::report(&diff) + &translated
        }
        ReportFormat::Json => {
            let translations = translations
                .as_ref()
                .and_then(|t| crate::translations::diff_translations(&old, &new, t));
            let json = serde_json::to_string_pretty(&WithTranslations {
                diff: &diff,
                translations,
            })
            .expect("the diff serializes");
            json + "\n"
        }
    };
    print!("{report}");
    ExitCode::from(u8::from(!diff.equivalent))
}

/// The JSON report: the diff, and what it means for the translations when the guide has
/// any.
#[derive(serde::Serialize)]
struct WithTranslations<'a> {
    #[serde(flatten)]
    diff: &'a crate::diff::changes::GuideDiff,
    #[serde(skip_serializing_if = "Option::is_none")]
    translations: Option<crate::translations::TranslationsDiff>,
}

/// The guide as the copy of a public build keeps it: without its confidential contacts,
/// the cards that name them, and their ids in the editions' `cards`.
fn leave_out_confidential(checked: &mut crate::validate::Checked) {
    checked.guide = public_view(&checked.guide);
    let cards = &checked.guide.cards;
    for edition in &mut checked.editions {
        if let Some(names) = &mut edition.cards {
            names.retain(|id| cards.iter().any(|card| card.id == *id));
        }
    }
}

/// `old`, or else the copy of the guide that the last build into `out` kept.
fn last_build_unless(old: Option<&Path>, out: &Path) -> Result<PathBuf, Vec<Diagnostic>> {
    match old {
        Some(old) => Ok(old.to_path_buf()),
        None => last_build(out).map_err(|d| vec![d]),
    }
}

/// The copy of the guide kept by the last build into `out`, checked against its manifest.
fn last_build(out: &Path) -> Result<PathBuf, Diagnostic> {
    let manifest_path = out.join(FILE_NAME);
    let copy = out.join(SOURCE_COPY);
    let compare_files = "or compare two guide files: `guidepress diff OLD NEW`";
    let bytes = std::fs::read(&manifest_path).map_err(|e| {
        Diagnostic::bare(format!(
            "there is no earlier build in `{}` to compare the guide with (`{}`: {})",
            out.display(),
            manifest_path.display(),
            crate::source::io_reason(&e)
        ))
        .with_hint("run `guidepress build` first: from then on, `guidepress diff` shows what changed since the last build")
        .with_hint(compare_files)
    })?;
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
        Diagnostic::bare(format!(
            "`{}` is not a guidepress manifest ({e})",
            manifest_path.display()
        ))
        .with_hint(compare_files)
    })?;
    let Some(entry) = manifest.artifacts.get(SOURCE_COPY) else {
        return Err(Diagnostic::bare(format!(
            "the last build in `{}` kept no copy of its guide (it was made by an older guidepress)",
            out.display()
        ))
        .with_hint("run `guidepress build`: from then on, `guidepress diff` shows what changed since the last build")
        .with_hint(compare_files));
    };
    match sha256_file(&copy) {
        Ok(hash) if hash == entry.sha256 => Ok(copy),
        Ok(_) => Err(Diagnostic::bare(format!(
            "`{}` was changed after the build, so it no longer shows what was built",
            copy.display()
        ))
        .with_hint("run `guidepress build` to make the output folder again")
        .with_hint(compare_files)),
        Err(e) => Err(Diagnostic::bare(format!(
            "`{}` is missing (the manifest lists it; {})",
            copy.display(),
            crate::source::io_reason(&e)
        ))
        .with_hint("run `guidepress build` to make the output folder again")
        .with_hint(compare_files)),
    }
}

fn load_both(old: &Path, new: &Path, source: &Path) -> Result<(Loaded, Loaded), Vec<Diagnostic>> {
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
    // A workbook or CSV folder stands for the guide `--source` with that directory.
    let load = |path: &Path| {
        if crate::source::directory::is_directory_path(path) {
            crate::pipeline::load_guide_with_directory(source, path)
        } else {
            load_guide(path)
        }
    };
    match (load(old), load(new)) {
        (Ok(old), Ok(new)) => Ok((old, new)),
        (old, new) => {
            let errors = [old.err(), new.err()];
            Err(errors
                .iter()
                .flatten()
                .flat_map(super::super::diag::error::Error::diagnostics)
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
