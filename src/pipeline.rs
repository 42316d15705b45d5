//! The steps every command shares: read, parse and validate a guide; render formats.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::config::Format;
use crate::diag::{Diagnostic, SourceText};
use crate::error::{Error, Result};
use crate::parse::{parse_source, read_source};
use crate::render::{Artifact, RenderContext, renderer_for};
use crate::validate::{Checked, validate};

/// A guide that passed validation, and the warnings found on the way.
pub struct Loaded {
    /// The source text, for hashing and diagnostics.
    pub source: Arc<SourceText>,
    /// The checked guide and its settings.
    pub checked: Checked,
    /// Problems that do not stop a build.
    pub warnings: Vec<Diagnostic>,
}

/// Reads, parses and validates the guide at `path` (`-` for standard input).
pub fn load_guide(path: &Path) -> Result<Loaded> {
    check_source(read_source(path).map_err(Error::one)?)
}

/// Parses and validates a guide source that has been read.
pub fn check_source(source: Arc<SourceText>) -> Result<Loaded> {
    let raw = parse_source(&source).map_err(Error::Invalid)?;
    let (checked, diagnostics) = validate(&source, raw, today());
    match checked {
        Some(checked) => Ok(Loaded {
            source,
            checked,
            warnings: diagnostics,
        }),
        None => Err(Error::Invalid(diagnostics)),
    }
}

/// The machine's current date (UTC); used only to warn about dates in the future.
pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// Renders the formats in parallel: each format's artifacts, in order, or every problem.
///
/// One worker per core takes the next format from the list (the pamphlet, the longest,
/// comes first). A thread per format would be no faster: several Typst compilations at
/// once on fewer cores mostly wait for each other.
pub fn render_formats(formats: &[Format], cx: &RenderContext<'_>) -> Result<Vec<Vec<Artifact>>> {
    let next = AtomicUsize::new(0);
    let cores = crate::parallel::cores();
    let mut done: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..cores.min(formats.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(&format) = formats.get(next.fetch_add(1, Ordering::Relaxed)) {
                        done.push((format, renderer_for(format).render(cx)));
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
