//! The output folder against its manifest: nothing missing, changed, extra or out of date.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use crate::config::BuildConfig;
use crate::diag::Diagnostic;
use crate::output::manifest::{
    Entry, FILE_NAME, Manifest, SOURCE_FORMAT, sha256_hex, source_copy_inputs,
};
use crate::pipeline::Loaded;
use crate::render::Format;

const REBUILD: &str = "run `guidepress build` to make the output folder again";

/// Reads `<out>/manifest.json`; a missing or unreadable manifest is the only problem.
pub(super) fn read_manifest(out: &Path) -> Result<Manifest, Diagnostic> {
    let path = out.join(FILE_NAME);
    let bytes = std::fs::read(&path).map_err(|e| {
        Diagnostic::bare(format!(
            "there is nothing to verify in `{}` (`{}`: {})",
            out.display(),
            path.display(),
            crate::source::io_reason(&e)
        ))
        .with_hint("run `guidepress build` first, or name the output folder with --out")
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        Diagnostic::bare(format!(
            "`{}` is not a guidepress manifest ({e})",
            path.display()
        ))
        .with_hint(REBUILD)
    })
}

/// A manifest entry whose file exists and lies inside the output folder.
pub(super) struct Present<'m> {
    /// The path as the manifest has it.
    pub path: &'m str,
    /// The entry.
    pub entry: &'m Entry,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Checks every entry against its file: refuses paths that lead out of the folder,
/// reports missing and changed files, and returns the files that are there.
pub(super) fn check_entries<'m>(
    out: &Path,
    manifest: &'m Manifest,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Present<'m>> {
    let mut present = Vec::new();
    for (path, entry) in &manifest.artifacts {
        if !stays_inside(path) {
            problems.push(Diagnostic::bare(format!(
                "the manifest lists `{path}`, which is not inside `{}`",
                out.display()
            )));
            continue;
        }
        let shown = out.join(path);
        match std::fs::read(&shown) {
            Ok(bytes) => {
                if sha256_hex(&bytes) != entry.sha256 {
                    problems.push(
                        Diagnostic::bare(format!(
                            "`{}` was changed after the build (its SHA-256 is not the manifest's)",
                            shown.display()
                        ))
                        .with_hint(REBUILD),
                    );
                }
                present.push(Present { path, entry, bytes });
            }
            Err(e) => problems.push(
                Diagnostic::bare(format!(
                    "`{}` is missing (the manifest lists it; {})",
                    shown.display(),
                    crate::source::io_reason(&e)
                ))
                .with_hint(REBUILD),
            ),
        }
    }
    present
}

fn stays_inside(path: &str) -> bool {
    let path = Path::new(path);
    path.components().next().is_some()
        && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Reports every file in `out` that the manifest does not list. Hidden files and
/// folders (a name starting with `.`) are not outputs and are passed over: `.gitignore`,
/// `.DS_Store`, and the temporary files of a build that was interrupted.
pub(super) fn check_extra(out: &Path, manifest: &Manifest, problems: &mut Vec<Diagnostic>) {
    let mut files = Vec::new();
    collect(out, "", &mut files);
    for path in files {
        if path != FILE_NAME && !manifest.artifacts.contains_key(&path) {
            problems.push(
                Diagnostic::bare(format!(
                    "`{}` is not in the manifest (guidepress did not make it)",
                    out.join(&path).display()
                ))
                .with_hint("delete it, or keep files of your own outside the output folder"),
            );
        }
    }
}

/// Every non-hidden file under `dir`, as `/`-separated paths; links are not followed.
fn collect(dir: &Path, prefix: &str, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let relative = format!("{prefix}{name}");
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => collect(&entry.path(), &format!("{relative}/"), files),
            _ => files.push(relative),
        }
    }
}

/// A variant's edition and language; `(None, None)` for the full guide.
type VariantKey<'k> = (Option<&'k str>, Option<&'k str>);

/// Reports every file made from other inputs than the current source, templates,
/// settings and guidepress version.
pub(super) fn check_inputs(
    out: &Path,
    manifest: &Manifest,
    loaded: &Loaded,
    config: &BuildConfig,
    variants: &[super::VariantGuide<'_>],
    card_back: Option<&crate::model::Guide>,
    problems: &mut Vec<Diagnostic>,
) {
    let templates = match crate::sandbox::open_templates(config.templates.as_deref()) {
        Ok(templates) => templates,
        Err(error) => return problems.extend(error.diagnostics()),
    };
    let mut current: BTreeMap<(VariantKey<'_>, &str), Option<String>> = BTreeMap::new();
    current.insert(
        ((None, None), SOURCE_FORMAT),
        Some(source_copy_inputs(&loaded.source.text)),
    );
    for (path, entry) in manifest
        .artifacts
        .iter()
        .filter(|(path, _)| stays_inside(path))
    {
        let variant = (entry.edition.as_deref(), entry.language.as_deref());
        let made_from = variants.iter().find(|v| (v.edition, v.language) == variant);
        if variant != (None, None) && made_from.is_none() {
            problems.push(no_longer_made(&out.join(path), variant));
            continue;
        }
        let key = (variant, entry.format.as_str());
        let inputs = current.entry(key).or_insert_with(|| {
            let format = Format::named(&entry.format)?;
            let hash = match made_from {
                // An edition's or a translation's files are made from its own guide and
                // settings.
                Some(made_from) => crate::output::plan::variant_inputs_hash(
                    format,
                    &made_from.guide,
                    &made_from.settings,
                    &templates,
                    made_from.card_back.as_ref(),
                ),
                None => crate::output::plan::inputs_hash(
                    format,
                    &loaded.source,
                    &crate::config::Settings::default(),
                    &templates,
                    card_back,
                ),
            };
            match hash {
                Ok(hash) => Some(hash),
                Err(error) => {
                    problems.extend(error.diagnostics());
                    None
                }
            }
        });
        match inputs {
            None if Format::named(&entry.format).is_none() => problems.push(Diagnostic::bare(format!(
                "the manifest says `{path}` was made by `{}`, which is not an output format",
                entry.format
            ))),
            Some(inputs) if *inputs != entry.inputs && entry.format == SOURCE_FORMAT => problems.push(
                Diagnostic::bare(format!(
                    "`{}` is not the guide as it is now (the guide changed since the last build)",
                    out.join(path).display()
                ))
                .with_hint(REBUILD),
            ),
            Some(inputs) if *inputs != entry.inputs => problems.push(
                Diagnostic::bare(format!(
                    "`{}` is out of date (the source, the templates, the settings or guidepress changed since it was built)",
                    out.join(path).display()
                ))
                .with_hint(REBUILD),
            ),
            _ => {}
        }
    }
}

/// The problem of a file of an edition or a translation that the guide no longer makes.
fn no_longer_made(file: &Path, (edition, language): (Option<&str>, Option<&str>)) -> Diagnostic {
    let whose = match (edition, language) {
        (Some(edition), None) => format!("the edition `{edition}`, which the guide no longer has"),
        (None, Some(language)) => format!("the {language} translation, and the guide has none"),
        (Some(edition), Some(language)) => format!(
            "the {language} translation of the edition `{edition}`, which the guide no longer makes"
        ),
        (None, None) => "the guide".to_owned(),
    };
    Diagnostic::bare(format!("`{}` belongs to {whose}", file.display())).with_hint(REBUILD)
}
