//! The steps every command shares: read, parse and validate a guide; render formats.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::config::{BuildConfig, Format, Settings};
use crate::diag::error::{Error, Result};
use crate::diag::{Diagnostic, SourceText};
use crate::render::{Artifact, RenderContext, renderer_for};
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
pub fn render_in_memory(source: &Path, templates: Option<&Path>, loaded: &Loaded) -> Result<()> {
    let root = crate::output::plan::open_templates(templates)?;
    let config = BuildConfig::resolve(
        source.to_owned(),
        templates.map(Path::to_owned),
        std::path::PathBuf::new(),
        &Settings::default(),
        &loaded.checked.settings,
    );
    let cx = RenderContext {
        guide: &loaded.checked.guide,
        config: &config,
        templates: &root,
    };
    render_formats(&Format::DEFAULT, &cx, &loaded.unprintable).map(drop)
}

/// The machine's current date (UTC); used only to warn about dates in the future.
pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// Renders the formats in parallel: each format's artifacts, in order, or every problem.
///
/// One worker per core takes the next format from the list (the pamphlet, the longest,
/// comes first). A thread per format would be no faster: several Typst compilations at
/// once on fewer cores mostly wait for each other. A pamphlet with characters that no
/// font has is still compiled, for its other problems (a tri-fold too long), but not
/// exported: the export would only refuse the same characters again, at the template.
pub fn render_formats(
    formats: &[Format],
    cx: &RenderContext<'_>,
    unprintable: &Unprintable,
) -> Result<Vec<Vec<Artifact>>> {
    let glyphs = if formats.contains(&Format::Pdf) {
        unprintable.for_pdf(cx.config)
    } else {
        Vec::new()
    };
    let card_glyphs = if formats.contains(&Format::CardSheet) {
        unprintable.for_card_sheet(cx.config)
    } else {
        Vec::new()
    };
    let too_large = if formats.contains(&Format::Pdf) {
        crate::validate::budget::check_pdf(cx.guide, cx.config)
    } else {
        None
    };
    let render = |format: Format| match format {
        // Typst is not even started on a pamphlet too large to lay out.
        Format::Pdf if too_large.is_some() => {
            Err(glyphs.iter().cloned().chain(too_large.clone()).collect())
        }
        Format::Pdf if !glyphs.is_empty() => {
            let mut problems = glyphs.clone();
            if let Err(mut more) = crate::render::pdf::compile_pamphlet(cx) {
                problems.append(&mut more);
            }
            Err(problems)
        }
        Format::CardSheet if !card_glyphs.is_empty() => Err(card_glyphs.clone()),
        _ => renderer_for(format).render(cx),
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
    let results = done.into_iter().map(|(_, result)| result);
    let mut artifacts = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(rendered) => artifacts.push(rendered),
            Err(mut diagnostics) => problems.append(&mut diagnostics),
        }
    }
    // Formats that share a step (the text cards and the card sheet) find its problems
    // twice; report each once.
    let mut seen = std::collections::HashSet::new();
    problems.retain(|d| seen.insert((d.message.clone(), d.hints.clone())));
    if problems.is_empty() {
        Ok(artifacts)
    } else {
        Err(Error::Invalid(problems))
    }
}
