//! The steps every command shares: read, parse and validate a guide; render formats.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::config::{BuildConfig, Settings};
use crate::diag::error::{Error, Result};
use crate::diag::{Diagnostic, SourceText};
use crate::render::{Artifact, Format, Refusal, RenderContext, Rendered, Stages};
use crate::source::{parse_source, read_source};
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

/// Renders in memory every format `build` makes by default, with the guide's own settings,
/// and keeps nothing: every problem a build would refuse, found without writing a file.
pub fn render_in_memory(
    source: &Path,
    templates: Option<&Path>,
    loaded: &Loaded,
) -> Result<Vec<Diagnostic>> {
    let root = crate::sandbox::open_templates(templates)?;
    let config = BuildConfig::resolve(
        source.to_owned(),
        templates.map(Path::to_owned),
        std::path::PathBuf::new(),
        &Settings::default(),
        &loaded.checked.settings,
    );
    let cx = RenderContext {
        guide: &loaded.checked.guide,
        source: &loaded.source,
        config: &config,
        templates: &root,
    };
    let rendering = render_formats(&Format::defaults(), &cx, &loaded.unprintable);
    rendering.result.map(|_| rendering.said.warnings)
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
    let stages = Stages::default();
    let render = |format: Format| -> std::result::Result<Rendered, Refusal> {
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
        renderer.render(cx, &stages)
    };
    let next = AtomicUsize::new(0);
    let cores = crate::parallel::cores();
    let mut done: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..cores.min(formats.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(&format) = formats.get(next.fetch_add(1, Ordering::Relaxed)) {
                        done.push((format, render(format)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a renderer panicked"))
            .collect()
    });
    done.sort_by_key(|(format, _)| formats.iter().position(|f| f == format));
    let mut artifacts = Vec::new();
    let mut said = Said::default();
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
