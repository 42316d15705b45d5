//! The steps every command shares: read, parse and validate a guide; render formats.

use std::path::Path;
use std::sync::Arc;

use crate::config::{BuildConfig, Settings};
use crate::diag::error::{Error, Result};
use crate::diag::{Diagnostic, SourceText};
use crate::model::edition::Edition;
use crate::render::{Artifact, Format, Refusal, RenderContext, Rendered, Stages};
use crate::source::{parse_source, read_source};
use crate::translations::card_back::back_guide;
use crate::validate::printable::Unprintable;
use crate::validate::{Checked, validate};

/// A guide that passed validation, and the warnings found on the way.
pub struct Loaded {
    /// The source text, for hashing and diagnostics.
    pub source: Arc<SourceText>,
    /// The checked guide and its settings.
    pub checked: Checked,
    /// Problems that do not stop a build.
    pub warnings: Vec<Diagnostic>,
    /// Characters of the printed text that the PDF cannot carry.
    pub unprintable: Unprintable,
}

/// Reads, parses and validates the guide at `path` (`-` for standard input).
pub fn load_guide(path: &Path) -> Result<Loaded> {
    check_source(read_source(path).map_err(Error::one)?)
}

/// Reads the guide at `guide` with another version of its directory, `directory` (a
/// workbook or CSV folder), for `diff`.
pub fn load_guide_with_directory(guide: &Path, directory: &Path) -> Result<Loaded> {
    let own = crate::source::source_from_bytes(
        guide.display().to_string(),
        crate::source::read_bytes(guide).map_err(Error::one)?,
    )
    .map_err(Error::one)?;
    check_source(
        crate::source::directory::attach_instead(&own, guide, directory).map_err(Error::one)?,
    )
}

/// Parses and validates a guide source that has been read.
pub fn check_source(source: Arc<SourceText>) -> Result<Loaded> {
    let raw = parse_source(&source).map_err(Error::Invalid)?;
    let unprintable = Unprintable::scan(&source, &raw);
    let (mut checked, mut diagnostics) = validate(&source, raw, today());
    // Too many pieces to render in bounded memory: refused for every format, with the
    // file as its place.
    if let Some(too_many) = checked
        .as_ref()
        .and_then(|c| crate::validate::budget::check_guide(&c.guide))
    {
        diagnostics.push(Diagnostic {
            file: Some(Arc::clone(&source)),
            ..too_many
        });
        checked = None;
    }
    if let Some(c) = &checked {
        let unknown = unknown_edition_formats(&source, &c.editions);
        if !unknown.is_empty() {
            diagnostics.extend(unknown);
            checked = None;
        }
    }
    match checked {
        Some(checked) => Ok(Loaded {
            source,
            checked,
            warnings: diagnostics,
            unprintable,
        }),
        None => Err(Error::Invalid(diagnostics)),
    }
}

/// An edition's `formats` that name no format, each at its place.
fn unknown_edition_formats(source: &Arc<SourceText>, editions: &[Edition]) -> Vec<Diagnostic> {
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    let mut problems = Vec::new();
    for (name, span) in editions.iter().flat_map(|e| e.formats.iter().flatten()) {
        if Format::named(name).is_none() {
            let mut problem =
                Diagnostic::error(source, span.clone(), format!("`{name}` is not a format"));
            if let Some(best) = crate::diag::suggest::did_you_mean(name, names.iter().copied()) {
                problem.hints.push(format!("did you mean `{best}`?"));
            }
            problem
                .hints
                .push(format!("the formats are: {}", names.join(", ")));
            problems.push(problem);
        }
    }
    problems
}

/// The formats an edition builds: those it names, else the build's; when the command
/// line names formats, only those of them.
pub fn edition_formats(
    edition: &Edition,
    build: &[Format],
    named_on_command_line: bool,
) -> Vec<Format> {
    let mut formats: Vec<Format> = match &edition.formats {
        Some(names) => names
            .iter()
            .filter_map(|(name, _)| Format::named(name))
            .filter(|f| !named_on_command_line || build.contains(f))
            .collect(),
        None => build.to_vec(),
    };
    formats.sort();
    formats.dedup();
    formats
}

/// Renders in memory every format `build` makes by default, with the guide's own settings,
/// for the full guide and each edition (its selection, its settings, its formats), and
/// keeps nothing: every problem a build would refuse, found without writing a file.
pub fn render_in_memory(
    source: &Path,
    templates: Option<&Path>,
    loaded: &Loaded,
    card_back: Option<&crate::translations::LoadedTranslation>,
) -> Result<Vec<Diagnostic>> {
    let root = crate::sandbox::open_templates(templates)?;
    let config = |settings: &Settings| {
        BuildConfig::resolve(
            source.to_owned(),
            templates.map(Path::to_owned),
            std::path::PathBuf::new(),
            &Settings::default(),
            settings,
        )
    };
    let formats = Format::defaults();
    let checked = &loaded.checked;
    let public = crate::model::confidential::public_view(&checked.guide);
    let mut backs = vec![back_guide(card_back, &public, None, None)];
    let mut guides = vec![public];
    let mut configs = vec![config(&checked.settings)];
    let mut all_formats = vec![formats.clone()];
    for edition in &checked.editions {
        let selected = crate::editions::select(&checked.guide, edition).0;
        backs.push(back_guide(card_back, &selected, Some(edition), None));
        guides.push(selected);
        configs.push(config(&edition.settings.or(&checked.settings)));
        all_formats.push(edition_formats(edition, &formats, false));
    }
    let cxs: Vec<RenderContext<'_>> = guides
        .iter()
        .zip(&configs)
        .zip(&backs)
        .map(|((guide, config), back)| RenderContext {
            guide,
            source: &loaded.source,
            config,
            templates: &root,
            card_back: back.as_ref(),
        })
        .collect();
    let jobs: Vec<(&RenderContext<'_>, &[Format])> = cxs
        .iter()
        .zip(&all_formats)
        .map(|(cx, formats)| (cx, formats.as_slice()))
        .collect();
    let mut warnings: Vec<Diagnostic> = Vec::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut leaks = Vec::new();
    // The same problem found again in an edition is reported once.
    let add = |into: &mut Vec<Diagnostic>, found: Vec<Diagnostic>| {
        let before = into.len();
        for d in found {
            if !into[..before]
                .iter()
                .any(|p| p.message == d.message && p.span == d.span && p.severity == d.severity)
            {
                into.push(d);
            }
        }
    };
    let renderings = render_many(&jobs, &loaded.unprintable);
    let folders =
        std::iter::once(String::new()).chain(checked.editions.iter().map(|e| format!("{}/", e.id)));
    for (((rendering, formats), guide), folder) in renderings
        .into_iter()
        .zip(&all_formats)
        .zip(&guides)
        .zip(folders)
    {
        add(&mut warnings, rendering.said.warnings);
        match rendering.result {
            Ok(rendered) => {
                // What `build` would refuse to write: a confidential value in a public file.
                if !guide.staff_only {
                    let files = formats
                        .iter()
                        .zip(&rendered)
                        .flat_map(|(format, files)| files.iter().map(|file| (Some(*format), file)));
                    add(
                        &mut leaks,
                        crate::render::absence::refused(&checked.guide, &folder, files),
                    );
                }
            }
            Err(Error::Invalid(found)) => add(&mut problems, found),
            Err(other) => return Err(other),
        }
    }
    problems.append(&mut leaks);
    if problems.is_empty() {
        Ok(warnings)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Renders in memory, as [`render_in_memory`] does the guide, every translation of the
/// full guide with the guide's own settings: every problem a build of them would refuse.
pub fn render_translations_in_memory(
    source: &Path,
    templates: Option<&Path>,
    loaded: &Loaded,
    translations: &crate::translations::Translations,
    card_back: Option<&crate::translations::LoadedTranslation>,
) -> Result<Vec<Diagnostic>> {
    if translations.list.is_empty() {
        return Ok(Vec::new());
    }
    let root = crate::sandbox::open_templates(templates)?;
    let config = BuildConfig::resolve(
        source.to_owned(),
        templates.map(Path::to_owned),
        std::path::PathBuf::new(),
        &Settings::default(),
        &loaded.checked.settings,
    );
    let public = crate::model::confidential::public_view(&loaded.checked.guide);
    let guides: Vec<(
        crate::model::Guide,
        Unprintable,
        Option<crate::model::Guide>,
    )> = translations
        .list
        .iter()
        .map(|t| {
            let guide =
                crate::model::confidential::public_view(&t.guide(&loaded.checked.guide, None));
            let back = back_guide(card_back, &public, None, Some(t.language()));
            (guide, loaded.unprintable.and(&t.unprintable), back)
        })
        .collect();
    let contexts: Vec<RenderContext<'_>> = guides
        .iter()
        .map(|(guide, _, back)| RenderContext {
            guide,
            source: &loaded.source,
            config: &config,
            templates: &root,
            card_back: back.as_ref(),
        })
        .collect();
    let formats = Format::defaults();
    let jobs: Vec<(&RenderContext<'_>, &[Format], &Unprintable)> = contexts
        .iter()
        .zip(&guides)
        .map(|(cx, (_, unprintable, _))| (cx, formats.as_slice(), unprintable))
        .collect();
    let mut warnings = Vec::new();
    let mut problems = Vec::new();
    for (rendering, translation) in render_many_each(&jobs).into_iter().zip(&translations.list) {
        let tag = |mut d: Diagnostic| {
            d.message = format!(
                "{} (in the {} translation)",
                d.message,
                translation.language()
            );
            d
        };
        warnings.extend(rendering.said.warnings.into_iter().map(tag));
        match rendering.result {
            Ok(_) => {}
            Err(Error::Invalid(found)) => problems.extend(found.into_iter().map(tag)),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(warnings)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// The machine's current date (UTC); used only to warn about dates in the future.
pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// What rendering a list of formats gave.
pub struct Rendering {
    /// Each format's files, in the order of the list, or every problem.
    pub result: Result<Vec<Vec<Artifact>>>,
    /// What the formats said beside their files, whether or not they were rendered.
    pub said: Said,
}

/// What the renderers said beside their files, in the order of the formats.
#[derive(Debug, Default)]
pub struct Said {
    /// Notes for standard error; a note two formats share (both card formats tell what
    /// `--cards-ascii` replaced) once.
    pub notes: Vec<String>,
    /// Problems that did not stop a format (it was still rendered).
    pub warnings: Vec<Diagnostic>,
}

/// Renders the formats in parallel: each format's artifacts, in order, or every problem.
///
/// One worker per core takes the next format from the list (the pamphlet, the longest,
/// comes first). A thread per format would be no faster: several Typst compilations at
/// once on fewer cores mostly wait for each other. Each format is first asked whether
/// anything refuses it before rendering (its gate); work that formats share is done once
/// (see [`Stages`]), and its problems are reported once.
pub fn render_formats(
    formats: &[Format],
    cx: &RenderContext<'_>,
    unprintable: &Unprintable,
) -> Rendering {
    render_many(&[(cx, formats)], unprintable)
        .pop()
        .expect("one rendering per guide")
}

/// Renders several guides (the full guide and its editions), each with its own formats,
/// on one queue: one worker per core takes the next (guide, format), every guide's
/// pamphlet first. Each guide shares its own [`Stages`] between its formats.
pub fn render_many(
    guides: &[(&RenderContext<'_>, &[Format])],
    unprintable: &Unprintable,
) -> Vec<Rendering> {
    let each: Vec<(&RenderContext<'_>, &[Format], &Unprintable)> = guides
        .iter()
        .map(|&(cx, formats)| (cx, formats, unprintable))
        .collect();
    render_many_each(&each)
}

/// [`render_many`], each guide with what its own texts cannot print (a translation's).
pub fn render_many_each(
    guides: &[(&RenderContext<'_>, &[Format], &Unprintable)],
) -> Vec<Rendering> {
    let stages: Vec<Stages> = guides.iter().map(|_| Stages::default()).collect();
    let mut jobs: Vec<(usize, Format)> = guides
        .iter()
        .enumerate()
        .flat_map(|(i, (_, formats, _))| formats.iter().map(move |&f| (i, f)))
        .collect();
    // The slowest formats first, whichever guide they belong to.
    jobs.sort_by_key(|&(i, format)| (format, i));
    let done = crate::parallel::map_queued(&jobs, crate::parallel::cores(), |&(i, format)| {
        let (cx, _, unprintable) = guides[i];
        let renderer = format.renderer();
        let refused = renderer.gate(cx, unprintable);
        if !refused.is_empty() {
            return Err(Refusal::Problems(refused));
        }
        let skipped = renderer.skip(cx, unprintable);
        if !skipped.is_empty() {
            return Ok(Rendered {
                warnings: skipped,
                ..Rendered::default()
            });
        }
        renderer.render(cx, &stages[i])
    });
    let mut by_guide: Vec<Vec<(Format, std::result::Result<Rendered, Refusal>)>> =
        guides.iter().map(|_| Vec::new()).collect();
    for (&(i, format), result) in jobs.iter().zip(done) {
        by_guide[i].push((format, result));
    }
    by_guide
        .into_iter()
        .zip(guides)
        .zip(&stages)
        .map(|((mut done, (_, formats, _)), stages)| {
            done.sort_by_key(|(format, _)| formats.iter().position(|f| f == format));
            gather(done, stages)
        })
        .collect()
}

fn gather(
    done: Vec<(Format, std::result::Result<Rendered, Refusal>)>,
    stages: &Stages,
) -> Rendering {
    let mut artifacts = Vec::new();
    let mut said = Said {
        warnings: stages.warnings(),
        ..Said::default()
    };
    let mut problems = Vec::new();
    let mut failed_stages: Vec<Arc<[Diagnostic]>> = Vec::new();
    for (_, result) in done {
        match result {
            Ok(rendered) => {
                for note in rendered.notes {
                    if said.notes.last() != Some(&note) {
                        said.notes.push(note);
                    }
                }
                said.warnings.extend(rendered.warnings);
                artifacts.push(rendered.artifacts);
            }
            Err(Refusal::Problems(mut diagnostics)) => problems.append(&mut diagnostics),
            Err(Refusal::Stage(stage)) => {
                if !failed_stages
                    .iter()
                    .any(|failed| Arc::ptr_eq(failed, &stage))
                {
                    problems.extend(stage.iter().cloned());
                    failed_stages.push(stage);
                }
            }
        }
    }
    let result = if problems.is_empty() {
        Ok(artifacts)
    } else {
        Err(Error::Invalid(problems))
    };
    Rendering { result, said }
}
