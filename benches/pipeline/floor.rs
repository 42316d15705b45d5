//! The engine floor: Typst compile and PDF export of the pamphlet, alone, in a fresh
//! process, through the same library calls the PDF renderer makes. No build can go under it.
//!
//! It runs in its own process (the benchmark starts itself with `floor`) because Typst
//! memoizes across compilations: a second compile in one process would be unfairly warm.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use guidepress::config::{BuildConfig, Settings};
use guidepress::diag::Diagnostic;
use guidepress::pipeline::load_guide;
use guidepress::render::Stages as Shared;
use guidepress::render::pdf::pamphlet_world;
use guidepress::render::words::Words;
use guidepress::render::{Format, Refusal, RenderContext};
use guidepress::sandbox::Root;
use guidepress::typst::compile::compile;
use guidepress::typst::fonts::FontSet;
use guidepress::typst::pdf::export_pdf;
use serde::{Deserialize, Serialize};

/// Where a pamphlet's time goes, stage by stage, in one cold process.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Stages {
    /// Read, parse and validate the source (ms).
    pub load_ms: f64,
    /// Parse the embedded fonts' metadata into the font book (ms).
    pub font_book_ms: f64,
    /// Serialize the guide to JSON and make the QR codes (ms).
    pub world_ms: f64,
    /// `typst::compile`: evaluation, layout (ms).
    pub compile_ms: f64,
    /// `typst_pdf::pdf`: the PDF bytes (ms).
    pub export_ms: f64,
    /// Pages of the pamphlet.
    pub pages: usize,
    /// Size of the PDF in bytes.
    pub pdf_bytes: usize,
    /// Peak resident memory of this process once the PDF is exported, before anything
    /// else runs: the engine floor's own peak (MiB).
    pub engine_peak_mib: f64,
    /// Compile and export again, in the same process, after one contact was edited: the
    /// least a warm `watch` rebuild of the pamphlet can cost (ms).
    pub warm_recompile_ms: Option<f64>,
    /// Each other default renderer alone, one after another in this process (ms); they run
    /// after the pamphlet, so fonts are already parsed.
    pub renderers: BTreeMap<String, f64>,
}

impl Stages {
    /// The engine floor: compile plus export.
    pub(crate) fn engine_ms(&self) -> f64 {
        self.compile_ms + self.export_ms
    }
}

/// Loads the guide, then times each stage of the pamphlet once, and with `edited` a warm
/// recompile of that version; prints [`Stages`] as JSON.
pub(crate) fn run(source: &Path, templates: &Path, edited: Option<&Path>) -> Result<(), String> {
    let (loaded, load) = timed(|| load_guide(source).map_err(|e| messages(&e.diagnostics())));
    let loaded = loaded?;
    let ((), font_book) = timed(|| {
        FontSet::get();
    });
    let settings = &loaded.checked.settings;
    let out = std::env::temp_dir();
    let config = BuildConfig::resolve(
        source.into(),
        Some(templates.into()),
        out,
        &Settings::default(),
        settings,
    );
    let root =
        Root::new(templates).map_err(|e| format!("cannot open {} ({e})", templates.display()))?;
    let guide = &loaded.checked.guide;
    let cx = RenderContext {
        guide,
        source: &loaded.source,
        config: &config,
        templates: &root,
        card_back: None,
    };
    let words = Words::load(&cx).map_err(|d| messages(&d))?;
    let (world, world_time) = timed(|| pamphlet_world(&cx, &words));
    let world = world.map_err(|d| messages(&d))?;
    let (document, compile_time) = timed(|| compile(&world));
    let document = document.map_err(|d| messages(&d))?;
    let (pdf, export_time) = timed(|| {
        export_pdf(
            &world,
            &document,
            &guide.id,
            guide.date,
            config.settings.pdf_a,
        )
    });
    let pdf = pdf.map_err(|d| messages(&d))?;
    let stages = Stages {
        load_ms: ms(load),
        font_book_ms: ms(font_book),
        world_ms: ms(world_time),
        compile_ms: ms(compile_time),
        export_ms: ms(export_time),
        pages: document.pages().len(),
        pdf_bytes: pdf.len(),
        engine_peak_mib: peak_rss_mib(),
        warm_recompile_ms: match edited {
            Some(edited) => Some(warm_recompile(edited, &config, &root)?),
            None => None,
        },
        renderers: other_renderers(&cx)?,
    };
    println!(
        "{}",
        serde_json::to_string(&stages).expect("stages serialize")
    );
    Ok(())
}

/// Compile and export of `edited` while Typst's memoized results of the first are warm.
fn warm_recompile(edited: &Path, config: &BuildConfig, root: &Root) -> Result<f64, String> {
    let loaded = load_guide(edited).map_err(|e| messages(&e.diagnostics()))?;
    let guide = &loaded.checked.guide;
    let cx = RenderContext {
        guide,
        source: &loaded.source,
        config,
        templates: root,
        card_back: None,
    };
    let words = Words::load(&cx).map_err(|d| messages(&d))?;
    let world = pamphlet_world(&cx, &words).map_err(|d| messages(&d))?;
    let (pdf, time) = timed(|| {
        let document = compile(&world)?;
        export_pdf(
            &world,
            &document,
            &guide.id,
            guide.date,
            config.settings.pdf_a,
        )
    });
    pdf.map_err(|d| messages(&d))?;
    Ok(ms(time))
}

fn other_renderers(cx: &RenderContext<'_>) -> Result<BTreeMap<String, f64>, String> {
    let mut times = BTreeMap::new();
    for format in [Format::Epub, Format::Cards, Format::CardSheet] {
        let renderer = format.renderer();
        // Fresh stages for each, so that each is timed with the work it shares.
        let (result, time) = timed(|| renderer.render(cx, &Shared::default()));
        result.map_err(|refusal| match refusal {
            Refusal::Problems(d) => messages(&d),
            Refusal::Stage(d) => messages(&d),
        })?;
        times.insert(renderer.name().to_owned(), ms(time));
    }
    Ok(times)
}

/// This process's peak resident set so far (`VmHWM`), in MiB.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .unwrap_or_default();
    let kib: f64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN);
    kib / 1024.0
}

fn messages(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(Diagnostic::to_human).collect()
}

fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = work();
    (value, started.elapsed())
}

/// Milliseconds, as a float.
pub(crate) fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
