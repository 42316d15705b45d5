//! A build: decide which formats are out of date, render those in parallel, and hand every
//! new file, the manifest last, to the one writer.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{BuildConfig, CommandLine, Settings};
use crate::diag::SourceText;
use crate::diag::error::{Error, Result};
use crate::model::Guide;
use crate::model::confidential::Secrets;
use crate::model::confidential::public_view;
use crate::model::translation::{Translated, Translation};
use crate::output::manifest::{
    Entry, FILE_NAME, InputsHasher, Manifest, SOURCE_COPY, SOURCE_FORMAT, sha256_file, sha256_hex,
    source_copy_inputs,
};
use crate::output::variant::{self, Variant, VariantPlan, variant_inputs};
use crate::output::{Written, remove_stale, write_atomic};
use crate::pipeline::{Loaded, Said, render_many_each};
use crate::render::absence::{refused, refused_by};
use crate::render::{Artifact, Format, RenderContext};
use crate::sandbox::Root;
use crate::translations::Translations;
use crate::validate::printable::Unprintable;

/// What a build did.
#[derive(Debug, Default)]
pub struct Report {
    /// Files written.
    pub written: Vec<Written>,
    /// Formats whose files were already up to date.
    pub skipped: Vec<Format>,
    /// Editions' formats whose files were already up to date, as (edition, format).
    pub skipped_editions: Vec<(String, Format)>,
    /// Files of an earlier build that no longer exist in the guide (stale cards).
    pub removed: Vec<PathBuf>,
    /// Wall time.
    pub elapsed: Duration,
}

/// What a build must do, decided from the inputs alone, before the guide is parsed.
pub struct Plan {
    templates: Root,
    previous: Manifest,
    /// Out-of-date formats with their inputs hashes.
    to_render: Vec<(Format, String)>,
    skipped: Vec<Format>,
    /// The inputs hash of the copy of the source, when it must be written again.
    copy: Option<String>,
    started: Instant,
    template_files: Vec<(String, Vec<u8>)>,
    out: PathBuf,
    /// The editions to build, once the guide is loaded.
    variants: Vec<VariantPlan>,
    /// The keys of every variant the guide has (`students`, `es`, `students/es`), once it
    /// is loaded: the files of any other variant an earlier build made are removed.
    editions: Option<Vec<String>>,
    /// What the full guide's files are made from but the templates.
    shared: String,
    /// The full guide in the language of its card sheet's backs, once it is loaded.
    card_back: Option<Guide>,
    /// The translated texts of confidential contacts that those backs must not show.
    card_back_secrets: Vec<(String, String)>,
}

impl Plan {
    /// Compares the manifest in `out` with the inputs of each of `formats`; `force` renders
    /// them all.
    pub fn new(
        source: &SourceText,
        command_line: &Settings,
        templates_dir: Option<&Path>,
        out: &Path,
        formats: &[Format],
        force: bool,
    ) -> Result<Self> {
        let started = Instant::now();
        let templates = crate::sandbox::open_templates(templates_dir)?;
        let previous = Manifest::read(out);
        let shared = shared_inputs(source, command_line);
        let template_files = read_templates(&templates)?;
        let mut to_render = Vec::new();
        let mut skipped = Vec::new();
        for &format in formats {
            let inputs = format_inputs(&shared, &template_files, format);
            if !force && up_to_date(&previous, out, format, &inputs) {
                skipped.push(format);
            } else {
                to_render.push((format, inputs));
            }
        }
        let copy = source_copy_inputs(&source.text);
        let copy = (!copy_up_to_date(&previous, out, &copy)).then_some(copy);
        Ok(Self {
            templates,
            previous,
            to_render,
            skipped,
            copy,
            started,
            template_files,
            out: out.to_owned(),
            variants: Vec::new(),
            editions: None,
            shared,
            card_back: None,
            card_back_secrets: Vec::new(),
        })
    }

    /// Whether the guide need not be parsed for its editions either: neither the source
    /// nor the last build has any.
    pub fn has_no_editions(&self, source: &SourceText) -> bool {
        !self.previous.has_editions() && !mentions_editions(&source.text)
    }

    /// A variant's formats split into those to render (with their inputs hashes) and
    /// those whose files are up to date; `force` renders every one.
    fn out_of_date(
        &self,
        variant: &Variant,
        shared: &str,
        formats: impl IntoIterator<Item = Format>,
        force: bool,
        card_back: Option<&Guide>,
    ) -> (Vec<(Format, String)>, Vec<Format>) {
        let mut to_render = Vec::new();
        let mut skipped = Vec::new();
        for format in formats {
            let inputs = format_inputs(shared, &self.template_files, format);
            let inputs = with_card_back(inputs, format, card_back);
            if !force && variant::up_to_date(&self.previous, &self.out, variant, format, &inputs) {
                skipped.push(format);
            } else {
                to_render.push((format, inputs));
            }
        }
        (to_render, skipped)
    }

    /// With a back language for the card sheet, the full guide in that language, and its
    /// card sheet out of date when that translation changed (its inputs include it).
    pub fn plan_card_back(&mut self, loaded: &Loaded, request: &EditionRequest<'_>) {
        let public = public_view(&loaded.checked.guide);
        self.card_back =
            crate::translations::card_back::back_guide(request.card_back, &public, None, None);
        let (Some(back), Some(translation)) = (&self.card_back, request.card_back) else {
            return;
        };
        self.card_back_secrets =
            confidential_texts(&loaded.checked.guide, &translation.translation);
        let format = Format::CardSheet;
        let planned = self.to_render.iter().any(|(f, _)| *f == format);
        if !planned && !self.skipped.contains(&format) {
            return;
        }
        let inputs = format_inputs(&self.shared, &self.template_files, format);
        let inputs = with_card_back(inputs, format, Some(back));
        self.to_render.retain(|(f, _)| *f != format);
        self.skipped.retain(|f| *f != format);
        if !request.force && up_to_date(&self.previous, &self.out, format, &inputs) {
            self.skipped.push(format);
        } else {
            self.to_render.push((format, inputs));
            self.to_render.sort_by_key(|(f, _)| *f);
        }
    }

    /// Adds the loaded guide's editions (only those in `only`, when it names any), each
    /// with its formats found up to date or not.
    pub fn plan_editions(&mut self, loaded: &Loaded, request: &EditionRequest<'_>) {
        let editions = &loaded.checked.editions;
        self.editions = Some(editions.iter().map(|e| e.id.clone()).collect());
        for edition in editions {
            if !request.only.is_empty() && !request.only.contains(&edition.id) {
                continue;
            }
            let (guide, _) = crate::editions::select(&loaded.checked.guide, edition);
            let written = edition.settings.or(&loaded.checked.settings);
            let config = BuildConfig::resolve(
                request.config.source.clone(),
                request.config.templates.clone(),
                request.config.out.clone(),
                request.command_line,
                &written,
            );
            let shared = variant_inputs(&guide, &request.command_line.or(&written));
            let variant = Variant {
                edition: Some(edition.id.clone()),
                language: None,
            };
            let formats =
                crate::pipeline::edition_formats(edition, request.formats, request.formats_named);
            let card_back = crate::translations::card_back::back_guide(
                request.card_back,
                &guide,
                Some(edition),
                None,
            );
            let (to_render, skipped) = self.out_of_date(
                &variant,
                &shared,
                formats,
                request.force,
                card_back.as_ref(),
            );
            // A public edition's backs must not show a confidential contact's translated
            // texts either.
            let secret_texts = match request.card_back {
                Some(back) if !guide.staff_only => {
                    confidential_texts(&loaded.checked.guide, &back.translation)
                }
                _ => Vec::new(),
            };
            self.variants.push(VariantPlan {
                variant,
                guide,
                config,
                to_render,
                skipped,
                unprintable: None,
                secret_texts,
                card_back,
            });
        }
    }

    /// Adds the loaded guide's translations: of the full guide (when the build makes it)
    /// and of each edition planned, as its `languages` allow, each with its formats found
    /// up to date or not.
    pub fn plan_translations(
        &mut self,
        loaded: &Loaded,
        translations: &Translations,
        request: &EditionRequest<'_>,
    ) {
        let known = self.editions.get_or_insert_with(Vec::new);
        for translation in &translations.list {
            known.push(translation.language().to_owned());
        }
        for edition in &loaded.checked.editions {
            for translation in translations.for_edition(edition) {
                known.push(format!("{}/{}", edition.id, translation.language()));
            }
        }
        let full = &loaded.checked.guide;
        let mut planned = Vec::new();
        for translation in &translations.list {
            if request.only.is_empty() {
                let guide = public_view(&translation.guide(full, None));
                let settings = request.command_line.or(&loaded.checked.settings);
                let card_back = crate::translations::card_back::back_guide(
                    request.card_back,
                    &public_view(full),
                    None,
                    Some(translation.language()),
                );
                planned.push((
                    None,
                    guide,
                    request.config.clone(),
                    settings,
                    request.formats.to_vec(),
                    translation,
                    card_back,
                ));
            }
        }
        for edition_plan in self
            .variants
            .iter()
            .filter(|v| v.variant.language.is_none())
        {
            let Some(id) = edition_plan.variant.edition.as_deref() else {
                continue;
            };
            let Some(edition) = loaded.checked.editions.iter().find(|e| e.id == id) else {
                continue;
            };
            let formats: Vec<Format> = edition_plan
                .to_render
                .iter()
                .map(|(f, _)| *f)
                .chain(edition_plan.skipped.iter().copied())
                .collect();
            let written = edition.settings.or(&loaded.checked.settings);
            for translation in translations.for_edition(edition) {
                let guide = translation.guide(&edition_plan.guide, Some(edition));
                let mut formats = formats.clone();
                formats.sort();
                let card_back = crate::translations::card_back::back_guide(
                    request.card_back,
                    &edition_plan.guide,
                    Some(edition),
                    Some(translation.language()),
                );
                planned.push((
                    Some(edition.id.clone()),
                    guide,
                    edition_plan.config.clone(),
                    request.command_line.or(&written),
                    formats,
                    translation,
                    card_back,
                ));
            }
        }
        for (edition, guide, config, settings, formats, translation, card_back) in planned {
            let variant = Variant {
                edition,
                language: Some(translation.language().to_owned()),
            };
            let shared = variant_inputs(&guide, &settings);
            let (to_render, skipped) = self.out_of_date(
                &variant,
                &shared,
                formats,
                request.force,
                card_back.as_ref(),
            );
            let secret_texts = if guide.staff_only {
                Vec::new()
            } else {
                confidential_texts(full, &translation.translation)
            };
            self.variants.push(VariantPlan {
                variant,
                guide,
                config,
                to_render,
                skipped,
                unprintable: Some(loaded.unprintable.and(&translation.unprintable)),
                secret_texts,
                card_back,
            });
        }
    }

    /// Whether neither the guide at `source` nor the last build has any translation.
    pub fn has_no_translations(&self, source: &Path) -> bool {
        self.previous.languages().is_empty()
            && crate::source::translation::translation_files(source).is_empty()
    }

    /// Whether every format and the copy of the source are up to date: then the guide
    /// need not even be parsed.
    pub fn is_noop(&self) -> bool {
        self.to_render.is_empty()
            && self.copy.is_none()
            && self.variants.iter().all(|v| v.to_render.is_empty())
    }

    /// The report of a build that had nothing to do.
    pub fn noop_report(&self) -> Report {
        Report {
            skipped: self.skipped.clone(),
            skipped_editions: self.skipped_editions(),
            elapsed: self.started.elapsed(),
            ..Report::default()
        }
    }

    /// Renders the out-of-date formats of the loaded guide and writes them, manifest last;
    /// the renderers' notes and warnings come back whether or not the build succeeded.
    pub fn build(self, loaded: &Loaded, config: &BuildConfig) -> (Result<Report>, Said) {
        let mut said = Said::default();
        let report = self.render_and_write(loaded, config, &mut said);
        (report, said)
    }

    fn skipped_editions(&self) -> Vec<(String, Format)> {
        self.variants
            .iter()
            .flat_map(|v| v.skipped.iter().map(|&f| (v.variant.key(), f)))
            .collect()
    }

    fn render_and_write(
        self,
        loaded: &Loaded,
        config: &BuildConfig,
        said: &mut Said,
    ) -> Result<Report> {
        let skipped_editions = self.skipped_editions();
        let Self {
            templates,
            previous,
            to_render,
            skipped,
            copy,
            started,
            variants,
            editions,
            card_back,
            card_back_secrets: top_secret_texts,
            ..
        } = self;
        let mut manifest = Manifest {
            guidepress: env!("CARGO_PKG_VERSION").into(),
            ..previous.clone()
        };
        // The top of the output folder is the public guide.
        let public = public_view(&loaded.checked.guide);
        let cx = RenderContext {
            guide: &public,
            source: &loaded.source,
            config,
            templates: &templates,
            card_back: card_back.as_ref(),
        };
        let formats: Vec<Format> = to_render.iter().map(|(format, _)| *format).collect();
        let variant_cxs: Vec<RenderContext<'_>> = variants
            .iter()
            .map(|v| RenderContext {
                guide: &v.guide,
                source: &loaded.source,
                config: &v.config,
                templates: &templates,
                card_back: v.card_back.as_ref(),
            })
            .collect();
        let variant_formats: Vec<Vec<Format>> = variants
            .iter()
            .map(|v| v.to_render.iter().map(|(format, _)| *format).collect())
            .collect();
        let mut guides: Vec<(&RenderContext<'_>, &[Format], &Unprintable)> =
            vec![(&cx, &formats, &loaded.unprintable)];
        guides.extend(variant_cxs.iter().zip(&variant_formats).zip(&variants).map(
            |((c, f), v)| {
                (
                    c,
                    f.as_slice(),
                    v.unprintable.as_ref().unwrap_or(&loaded.unprintable),
                )
            },
        ));
        let mut renderings = render_many_each(&guides).into_iter();
        let rendering = renderings.next().expect("the full guide's rendering");
        *said = rendering.said;
        let mut problems = Vec::new();
        let rendered = match rendering.result {
            Ok(rendered) => rendered,
            Err(Error::Invalid(mut diagnostics)) => {
                problems.append(&mut diagnostics);
                Vec::new()
            }
            Err(other) => return Err(other),
        };
        let mut variant_files = Vec::new();
        for (mut rendering, plan) in renderings.zip(&variants) {
            if let Some(language) = &plan.variant.language {
                in_translation(&mut rendering, language);
            }
            merge_said(said, rendering.said);
            match rendering.result {
                Ok(files) => variant_files.push(files),
                Err(Error::Invalid(diagnostics)) => {
                    for d in diagnostics {
                        if !problems.iter().any(|p| same(p, &d)) {
                            problems.push(d);
                        }
                    }
                }
                Err(other) => return Err(other),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let mut stale = Vec::new();
        let mut artifacts = Vec::new();
        // Nothing public may show a confidential value: the full guide's files, every
        // public edition's, the copy of the guide and the manifest are searched before
        // anything is written (a staff edition's files are its to show).
        let full = &loaded.checked.guide;
        let mut leaks = refused_by(
            &Secrets::of(full).with_texts(&top_secret_texts),
            "",
            with_formats(&to_render, &rendered),
        );
        for (plan, files) in variants.iter().zip(&variant_files) {
            if !plan.guide.staff_only {
                let folder = format!("{}/", plan.variant.key());
                let files = with_formats(&plan.to_render, files);
                if plan.secret_texts.is_empty() {
                    leaks.extend(refused(full, &folder, files));
                } else {
                    let secrets = Secrets::of(full).with_texts(&plan.secret_texts);
                    leaks.extend(refused_by(&secrets, &folder, files));
                }
            }
        }
        for ((format, inputs), files) in to_render.iter().zip(rendered) {
            let name = format.name();
            let old: Vec<String> = manifest
                .of_format(name)
                .map(|(path, _)| path.clone())
                .collect();
            for path in old {
                manifest.artifacts.remove(&path);
                if !files.iter().any(|a| slash_path(&a.path) == path) {
                    stale.push(PathBuf::from(path));
                }
            }
            for artifact in &files {
                manifest
                    .artifacts
                    .insert(slash_path(&artifact.path), entry(name, inputs, artifact));
            }
            if files.is_empty() {
                manifest.no_files.insert(name.to_owned(), inputs.clone());
            } else {
                manifest.no_files.remove(name);
            }
            artifacts.extend(files);
        }
        for (plan, rendered) in variants.iter().zip(variant_files) {
            record_variant(plan, rendered, &mut manifest, &mut stale, &mut artifacts);
        }
        if let Some(keys) = &editions {
            forget_deleted_variants(keys, &mut manifest, &mut stale);
        }
        // Written with the rest, so it is always the guide the folder's files were made from.
        if let Some(inputs) = copy {
            let artifact = Artifact {
                path: SOURCE_COPY.into(),
                bytes: public_copy(&crate::source::directory::as_built(&loaded.source)),
            };
            manifest.artifacts.insert(
                SOURCE_COPY.to_owned(),
                entry(SOURCE_FORMAT, &inputs, &artifact),
            );
            leaks.extend(refused(full, "", [(None, &artifact)]));
            artifacts.push(artifact);
        }
        let mut written = Vec::new();
        if !artifacts.is_empty() || manifest != previous {
            let manifest = Artifact {
                path: FILE_NAME.into(),
                bytes: manifest.to_bytes(),
            };
            leaks.extend(refused(full, "", [(None, &manifest)]));
            artifacts.push(manifest);
            if !leaks.is_empty() {
                return Err(Error::Invalid(leaks));
            }
            written = write_atomic(&config.out, &artifacts)?;
        }
        let removed = remove_stale(&config.out, &stale);
        remove_empty_edition_folders(&config.out, &stale, &previous);
        Ok(Report {
            written,
            skipped,
            skipped_editions,
            removed,
            elapsed: started.elapsed(),
        })
    }
}

/// A format's inputs, with the guide its card sheet's backs are printed from when the
/// format is the card sheet and the backs are in another language (so that a change to
/// the translation renders the sheet again); as they were otherwise.
fn with_card_back(inputs: String, format: Format, card_back: Option<&Guide>) -> String {
    match card_back {
        Some(back) if format == Format::CardSheet => {
            let mut hasher = InputsHasher::default();
            hasher.part("inputs", inputs.as_bytes()).part(
                "card-back",
                &serde_json::to_vec(back).expect("a guide serializes"),
            );
            hasher.finish()
        }
        _ => inputs,
    }
}

/// Each rendered file with the format that made it.
fn with_formats<'a>(
    to_render: &'a [(Format, String)],
    rendered: &'a [Vec<Artifact>],
) -> impl Iterator<Item = (Option<Format>, &'a Artifact)> {
    to_render
        .iter()
        .zip(rendered)
        .flat_map(|((format, _), files)| files.iter().map(move |file| (Some(*format), file)))
}

/// The copy of the source a public output folder keeps: without its confidential
/// contacts (see [`crate::source::redact`]), else the source byte for byte.
pub fn public_copy(source: &str) -> Vec<u8> {
    crate::source::redact::without_confidential(source)
        .unwrap_or_else(|| source.to_owned())
        .into_bytes()
}

fn entry(format: &str, inputs: &str, artifact: &Artifact) -> Entry {
    Entry {
        format: format.to_owned(),
        size: artifact.bytes.len() as u64,
        sha256: sha256_hex(&artifact.bytes),
        inputs: inputs.to_owned(),
        edition: None,
        language: None,
    }
}

/// What a build needs to know to plan its editions.
pub struct EditionRequest<'a> {
    /// The full guide's resolved paths and settings.
    pub config: &'a BuildConfig,
    /// The settings the command line gave.
    pub command_line: &'a Settings,
    /// The formats of the build.
    pub formats: &'a [Format],
    /// Whether the command line named those formats (then an edition builds only those
    /// of its own).
    pub formats_named: bool,
    /// The editions asked for with `--edition`; empty: all.
    pub only: &'a [String],
    /// Render every format, even those up to date.
    pub force: bool,
    /// The translation the card sheet's backs are printed from (`cards.back_language`).
    pub card_back: Option<&'a crate::translations::LoadedTranslation>,
}

/// Whether a source may declare an `[[edition]]`; a guess on the text, so that a guide
/// without editions is still not parsed when nothing changed.
fn mentions_editions(text: &str) -> bool {
    text.lines().any(|line| {
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        compact.starts_with("[[edition]]")
    })
}

/// Records a variant's new files in the manifest, its files that are gone as stale, and
/// its files, moved into its folder, to be written.
fn record_variant(
    plan: &VariantPlan,
    rendered: Vec<Vec<Artifact>>,
    manifest: &mut Manifest,
    stale: &mut Vec<PathBuf>,
    artifacts: &mut Vec<Artifact>,
) {
    let edition = plan.variant.edition.as_deref();
    let language = plan.variant.language.as_deref();
    for ((format, inputs), files) in plan.to_render.iter().zip(rendered) {
        let name = format.name();
        let files: Vec<Artifact> = files
            .into_iter()
            .map(|a| Artifact {
                path: plan.variant.folder().join(&a.path),
                bytes: a.bytes,
            })
            .collect();
        let old: Vec<String> = manifest
            .of_variant_format(edition, language, name)
            .map(|(path, _)| path.clone())
            .collect();
        for path in old {
            manifest.artifacts.remove(&path);
            if !files.iter().any(|a| slash_path(&a.path) == path) {
                stale.push(PathBuf::from(path));
            }
        }
        for artifact in &files {
            let entry = Entry {
                edition: edition.map(str::to_owned),
                language: language.map(str::to_owned),
                ..entry(name, inputs, artifact)
            };
            manifest.artifacts.insert(slash_path(&artifact.path), entry);
        }
        let no_files = variant::no_files_key(&plan.variant, *format);
        if files.is_empty() {
            manifest.no_files.insert(no_files, inputs.clone());
        } else {
            manifest.no_files.remove(&no_files);
        }
        artifacts.extend(files);
    }
}

/// Drops from the manifest, as stale, every file of a variant (an edition, a translation)
/// the guide no longer has; `known` holds the keys of those it has.
fn forget_deleted_variants(known: &[String], manifest: &mut Manifest, stale: &mut Vec<PathBuf>) {
    let is_known = |key: &str| key.is_empty() || known.iter().any(|k| k == key);
    let deleted: Vec<String> = manifest
        .artifacts
        .iter()
        .filter(|(_, e)| {
            let variant = Variant {
                edition: e.edition.clone(),
                language: e.language.clone(),
            };
            !is_known(&variant.key())
        })
        .map(|(path, _)| path.clone())
        .collect();
    for path in deleted {
        manifest.artifacts.remove(&path);
        stale.push(PathBuf::from(path));
    }
    manifest.no_files.retain(|key, _| {
        key.rsplit_once('/')
            .is_none_or(|(variant, _)| is_known(variant))
    });
}

/// Marks what a translation's rendering said as said of that translation.
fn in_translation(rendering: &mut crate::pipeline::Rendering, language: &str) {
    let tag = |d: &mut crate::diag::Diagnostic| {
        d.message = format!("{} (in the {language} translation)", d.message);
    };
    rendering.said.warnings.iter_mut().for_each(tag);
    if let Err(Error::Invalid(problems)) = &mut rendering.result {
        problems.iter_mut().for_each(tag);
    }
}

/// The translated texts of the guide's confidential contacts (their labels and hours),
/// which a public file of the translation must not show either.
pub(crate) fn confidential_texts(
    guide: &crate::model::Guide,
    translation: &Translation,
) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for org in &guide.organizations {
        for contact in org.contacts.iter().filter(|c| c.confidential) {
            let reference = format!("{}.{}", org.id, contact.id);
            for name in ["label", "hours"] {
                let key = format!("organization.{}.contact.{}.{name}", org.id, contact.id);
                if let Some(Translated::Line(text)) = translation.texts.get(&key) {
                    texts.push((reference.clone(), text.clone()));
                }
            }
        }
    }
    texts
}

/// Removes the folders that removing an edition's stale files left empty (a deleted
/// edition's folder); a folder that still holds anything stays.
fn remove_empty_edition_folders(out: &Path, stale: &[PathBuf], previous: &Manifest) {
    for path in stale {
        let of_edition = previous
            .artifacts
            .get(&slash_path(path))
            .is_some_and(|e| e.edition.is_some() || e.language.is_some());
        if !of_edition {
            continue;
        }
        for folder in path.ancestors().skip(1) {
            if folder.as_os_str().is_empty() || std::fs::remove_dir(out.join(folder)).is_err() {
                break;
            }
        }
    }
}

fn merge_said(said: &mut Said, more: Said) {
    for note in more.notes {
        if !said.notes.contains(&note) {
            said.notes.push(note);
        }
    }
    for warning in more.warnings {
        if !said.warnings.iter().any(|w| same(w, &warning)) {
            said.warnings.push(warning);
        }
    }
}

/// The same problem, found again in another edition.
fn same(a: &crate::diag::Diagnostic, b: &crate::diag::Diagnostic) -> bool {
    a.message == b.message && a.span == b.span && a.severity == b.severity
}

/// Whether the manifest says `format` was made from these inputs and its files still match.
fn up_to_date(manifest: &Manifest, out: &Path, format: Format, inputs: &str) -> bool {
    let name = format.name();
    let mut entries = manifest.of_format(name).peekable();
    if entries.peek().is_none() {
        return manifest
            .no_files
            .get(name)
            .is_some_and(|made| made == inputs);
    }
    entries.all(|(path, entry)| {
        entry.inputs == inputs
            && sha256_file(&out.join(path)).is_ok_and(|hash| hash == entry.sha256)
    })
}

/// Whether the folder holds the copy of this source, unchanged since it was written.
fn copy_up_to_date(manifest: &Manifest, out: &Path, inputs: &str) -> bool {
    manifest.artifacts.get(SOURCE_COPY).is_some_and(|entry| {
        entry.format == SOURCE_FORMAT
            && entry.inputs == inputs
            && sha256_file(&out.join(SOURCE_COPY)).is_ok_and(|hash| hash == entry.sha256)
    })
}

/// Everything a format's files are made from: program version, source, command-line
/// settings, and the template files the format reads. The guide's own settings are part
/// of the source, so the hash is known before the guide is parsed.
pub(crate) fn inputs_hash(
    format: Format,
    source: &SourceText,
    command_line: &Settings,
    templates: &Root,
    card_back: Option<&Guide>,
) -> Result<String> {
    let inputs = format_inputs(
        &shared_inputs(source, command_line),
        &read_templates(templates)?,
        format,
    );
    Ok(with_card_back(inputs, format, card_back))
}

/// What a variant's `format` files are made from, for `verify`: its guide (a translation's),
/// its settings, the templates the format reads.
pub(crate) fn variant_inputs_hash(
    format: Format,
    guide: &crate::model::Guide,
    settings: &Settings,
    templates: &Root,
    card_back: Option<&Guide>,
) -> Result<String> {
    let inputs = format_inputs(
        &variant_inputs(guide, settings),
        &read_templates(templates)?,
        format,
    );
    Ok(with_card_back(inputs, format, card_back))
}

/// The hash of what every format is made from but the templates; hashed once per build.
fn shared_inputs(source: &SourceText, command_line: &Settings) -> String {
    let mut hasher = InputsHasher::default();
    hasher
        .part("guidepress", env!("CARGO_PKG_VERSION").as_bytes())
        .part("source", source.text.as_bytes())
        .part(
            "settings",
            &serde_json::to_vec(&CommandLine(command_line)).expect("settings serialize"),
        );
    hasher.finish()
}

/// Every template file some format reads, with its bytes, by relative path; read once per
/// build. The fonts are built into the program, so their copies (43 MB) are not read.
fn read_templates(templates: &Root) -> Result<Vec<(String, Vec<u8>)>> {
    templates
        .files()
        .into_iter()
        .filter(|relative| Format::ALL.iter().any(|f| f.reads_template(relative)))
        .map(|relative| {
            let bytes = templates
                .read(&relative)
                .map_err(|e| Error::io("read", templates.shown().join(&relative), &e))?;
            Ok((relative, bytes))
        })
        .collect()
}

/// One format's inputs: the shared inputs, the template files it reads, its name.
fn format_inputs(shared: &str, templates: &[(String, Vec<u8>)], format: Format) -> String {
    let mut hasher = InputsHasher::default();
    hasher.part("inputs", shared.as_bytes());
    for (relative, bytes) in templates {
        if format.reads_template(relative) {
            hasher.part(relative, bytes);
        }
    }
    hasher.part("format", format.name().as_bytes());
    hasher.finish()
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
