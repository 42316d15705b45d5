//! Compiling a document, and Typst's diagnostics in guidepress's terms, pointing at the
//! template's file, line and column.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::syntax::DiagSpan;
use typst::{World, WorldExt};
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Severity, SourceText};
use crate::typst::world::GuideWorld;

/// Documents of at least this many pages leave nothing in Typst's memo: the memo of a
/// large pamphlet is as large as its pages (about 1 GiB at 1,000 organizations), and a
/// build compiles each document once. Smaller ones keep it, for the previews, which
/// compile the same pamphlet again.
const EVICT_FROM_PAGES: usize = 32;

/// Set by `watch`, which keeps the memo between rebuilds and evicts old entries itself.
static KEEP_MEMO: AtomicBool = AtomicBool::new(false);

/// Keeps Typst's memo after every compile in this process (for `watch`).
pub fn keep_memo() {
    KEEP_MEMO.store(true, Ordering::Relaxed);
}

/// Compiles the world's main file into pages.
pub fn compile(world: &GuideWorld) -> Result<PagedDocument, Vec<Diagnostic>> {
    let result = compile_keeping_memo(world);
    // A failed compile ends the build: what it memoized is never used again.
    let large = result
        .as_ref()
        .map_or(true, |document| document.pages().len() >= EVICT_FROM_PAGES);
    if large && !KEEP_MEMO.load(Ordering::Relaxed) {
        evict_memo();
    }
    result
}

/// Compiles the world's main file into pages and keeps what Typst memoized, for a caller
/// that compiles several documents at once and empties the memo itself ([`evict_memo`]).
pub fn compile_keeping_memo(world: &GuideWorld) -> Result<PagedDocument, Vec<Diagnostic>> {
    ::typst::compile::<PagedDocument>(world)
        .output
        .map_err(|errors| diagnostics(world, &errors))
}

/// Empties Typst's memo, even for `watch`: after the parts of a pamphlet too large to keep.
pub fn evict_memo() {
    ::typst::comemo::evict(0);
}

/// Converts Typst's diagnostics into ours, pointing into the template files.
pub fn diagnostics(world: &GuideWorld, diagnostics: &[SourceDiagnostic]) -> Vec<Diagnostic> {
    diagnostics.iter().map(|d| diagnostic(world, d)).collect()
}

fn diagnostic(world: &GuideWorld, diagnostic: &SourceDiagnostic) -> Diagnostic {
    let (file, span) = locate(world, diagnostic.span);
    Diagnostic {
        severity: match diagnostic.severity {
            TypstSeverity::Error => Severity::Error,
            TypstSeverity::Warning => Severity::Warning,
        },
        message: format!("template: {}", diagnostic.message),
        file,
        span,
        hints: diagnostic
            .hints
            .iter()
            .filter_map(|hint| self::hint(world, &hint.v))
            .collect(),
    }
}

/// Typst's hint in guidepress's terms: its command line's `--root` does not exist here,
/// and the root it speaks of is the template folder.
fn hint(world: &GuideWorld, hint: &str) -> Option<String> {
    if hint.contains("--root") {
        return None;
    }
    if hint.starts_with("cannot access files outside of the project") {
        return Some(format!(
            "a template can only read files inside the template folder `{}`",
            world.root().shown().display()
        ));
    }
    Some(hint.to_owned())
}

fn locate(world: &GuideWorld, span: DiagSpan) -> (Option<Arc<SourceText>>, Option<Range<usize>>) {
    let Some(id) = span.id() else {
        return (None, None);
    };
    let Ok(source) = world.source(id) else {
        return (None, None);
    };
    let text = Arc::new(SourceText {
        name: world.shown_name(id),
        text: source.text().to_owned(),
        cells: None,
    });
    (Some(text), world.range(span))
}
