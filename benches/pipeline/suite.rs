//! The benchmark proper: for each guide size, cold builds of the real binary (all formats,
//! then each alone), a no-op rebuild, the engine floor, and the `watch` turnaround.
//!
//! Every kind of run is repeated in rounds, one of each per round, so that load from
//! other work on a shared machine falls on all of them alike rather than on one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::floor::{Stages, ms};
use crate::measure::{self, Sample};
use crate::synth;
use crate::watch;

/// The guidepress binary Cargo built for this package.
pub(crate) const GUIDEPRESS: &str = env!("CARGO_BIN_EXE_guidepress");

/// The formats `build` makes by default, each measured alone too.
pub(crate) const FORMATS: [&str; 4] = ["pdf", "epub", "cards", "card-sheet"];

/// Which guide to measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Size {
    /// `source/guide.toml` as shipped.
    Shipped,
    /// A synthetic guide of this many organizations.
    Orgs(usize),
}

impl Size {
    /// `shipped` or the number of organizations.
    pub(crate) fn parse(word: &str) -> Result<Self, String> {
        match word {
            "shipped" => Ok(Self::Shipped),
            number => number
                .replace('_', "")
                .parse()
                .map(Self::Orgs)
                .map_err(|_| format!("`{word}` is not a size")),
        }
    }

    /// How tables and file names call it.
    pub(crate) fn label(self) -> String {
        match self {
            Self::Shipped => "shipped".into(),
            Self::Orgs(n) => n.to_string(),
        }
    }
}

/// A guide on disk, ready to build.
pub(crate) struct Prepared {
    /// Its size.
    pub size: Size,
    /// Its folder under the work folder.
    pub dir: PathBuf,
    /// Its `guide.toml`.
    pub source: PathBuf,
    /// The same guide with one contact's number changed, for `watch`.
    pub edited: Option<String>,
    /// Where that edited guide is written.
    pub edited_path: PathBuf,
    /// Organizations, contacts and cards.
    pub counts: Counts,
}

/// How big a guide is.
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct Counts {
    /// Organizations.
    pub organizations: usize,
    /// Contacts.
    pub contacts: usize,
    /// Wallet cards.
    pub cards: usize,
    /// Size of `guide.toml` in bytes.
    pub source_bytes: usize,
}

/// Writes the guide of `size` (TOML and Markdown) into `work/<label>/`.
pub(crate) fn prepare(size: Size, work: &Path, shipped: &Path) -> Result<Prepared, String> {
    let dir = work.join(size.label());
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {} ({e})", dir.display()))?;
    let (source, text) = match size {
        Size::Shipped => {
            let text = std::fs::read_to_string(shipped)
                .map_err(|e| format!("cannot read {} ({e})", shipped.display()))?;
            (
                toml::from_str(&text)
                    .map_err(|e| format!("cannot read the shipped guide ({e})"))?,
                text,
            )
        }
        Size::Orgs(n) => {
            let source = synth::generate(n);
            let text = toml::to_string(&source).map_err(|e| e.to_string())?;
            (source, text)
        }
    };
    let edited = match size {
        Size::Shipped => None,
        Size::Orgs(_) => Some(edit_one_contact(&text, source.organizations.len() / 2)?),
    };
    let path = dir.join("guide.toml");
    write(&path, &text)?;
    let edited_path = dir.join("guide-edited.toml");
    write(&edited_path, edited.as_deref().unwrap_or(&text))?;
    write(
        &dir.join("guide.md"),
        &crate::markdown::to_markdown(&source),
    )?;
    let counts = Counts {
        organizations: source.organizations.len(),
        contacts: source.organizations.iter().map(|o| o.contacts.len()).sum(),
        cards: source.cards.len(),
        source_bytes: text.len(),
    };
    Ok(Prepared {
        size,
        dir,
        source: path,
        edited,
        edited_path,
        counts,
    })
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {} ({e})", path.display()))
}

/// The source with the phone number of organization `index`'s hotline changed: the kind
/// of one-line fix an editor saves while `watch` runs.
fn edit_one_contact(text: &str, index: usize) -> Result<String, String> {
    let mut source: synth::Source = toml::from_str(text).map_err(|e| e.to_string())?;
    let contact = &mut source.organizations[index].contacts[0];
    contact.value = contact.value.replace("1-800-", "1-888-");
    toml::to_string(&source).map_err(|e| e.to_string())
}

/// One kind of run, repeated.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Measurement {
    /// Median wall time (ms).
    pub median_ms: f64,
    /// Fastest run (ms).
    pub min_ms: f64,
    /// Slowest run (ms).
    pub max_ms: f64,
    /// Median CPU time, user plus system (ms): above the wall time when threads overlap.
    pub cpu_ms: f64,
    /// Largest peak resident memory of any run (MiB).
    pub peak_rss_mib: f64,
    /// How many runs.
    pub runs: usize,
}

impl Measurement {
    fn of(samples: &[Sample]) -> Self {
        let summary = measure::summarize(samples);
        let walls = samples.iter().map(|s| ms(s.wall));
        Self {
            median_ms: ms(summary.wall),
            min_ms: walls.clone().fold(f64::INFINITY, f64::min),
            max_ms: walls.fold(0.0, f64::max),
            cpu_ms: ms(summary.cpu),
            peak_rss_mib: summary.peak_rss as f64 / (1024.0 * 1024.0),
            runs: samples.len(),
        }
    }
}

/// Everything measured for one guide.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SizeResult {
    /// `shipped` or the number of organizations.
    pub label: String,
    /// How big the guide is.
    pub counts: Counts,
    /// `build --force`, all default formats.
    pub full: Measurement,
    /// `build --force --format <f>` for each format.
    pub formats: BTreeMap<String, Measurement>,
    /// `build` again with nothing changed.
    pub noop: Measurement,
    /// The floor process as a whole (load, compile, export; memory).
    pub floor_process: Measurement,
    /// The floor's stages, from its median run.
    pub floor: Stages,
    /// Full build ÷ (compile + export).
    pub overhead: f64,
    /// `watch`: one contact edited until the new outputs are written.
    pub watch: Option<watch::Turnaround>,
}

/// Measures one prepared guide with `runs` rounds.
pub(crate) fn measure(
    prepared: &Prepared,
    runs: usize,
    templates: &Path,
    with_watch: bool,
) -> Result<SizeResult, String> {
    let binary = Path::new(GUIDEPRESS);
    let base = |out: &Path| -> Vec<String> {
        let mut args = vec![
            "build".to_owned(),
            "--source".into(),
            path_arg(&prepared.source),
        ];
        args.extend([
            "--templates".into(),
            path_arg(templates),
            "--out".into(),
            path_arg(out),
        ]);
        args
    };
    let log = prepared.dir.join("run.log");
    let full_out = prepared.dir.join("out-full");
    let forced = |out: &Path| [base(out), vec!["--force".into()]].concat();
    // With several rounds, one untimed build first warms the page cache; with one (the
    // largest guides) the timed full build comes first and leaves what the no-op finds.
    if runs > 1 {
        measure::run(binary, &forced(&full_out), &log)?;
    }
    let mut floor_args = vec![
        "floor".to_owned(),
        "--source".into(),
        path_arg(&prepared.source),
    ];
    floor_args.extend(["--templates".into(), path_arg(templates)]);
    // A warm recompile holds two documents in memory; at 10,000 organizations that is
    // more than a shared machine can spare, and watch is not measured there either.
    if with_watch {
        floor_args.extend(["--edited".into(), path_arg(&prepared.edited_path)]);
    }
    let myself = std::env::current_exe().map_err(|e| e.to_string())?;
    let (mut full, mut noop, mut floor) = (Vec::new(), Vec::new(), Vec::new());
    let mut stages: Vec<Stages> = Vec::new();
    let mut formats: BTreeMap<&str, Vec<Sample>> = BTreeMap::new();
    for round in 0..runs {
        eprintln!("  {}: round {} of {runs}", prepared.size.label(), round + 1);
        full.push(measure::run(binary, &forced(&full_out), &log)?.sample);
        noop.push(measure::run(binary, &base(&full_out), &log)?.sample);
        let output = measure::run(&myself, &floor_args, &log)?;
        stages.push(
            serde_json::from_slice(&output.stdout)
                .map_err(|e| format!("floor printed no stages ({e})"))?,
        );
        floor.push(output.sample);
        for format in FORMATS {
            let out = prepared.dir.join(format!("out-{format}"));
            let args = [forced(&out), vec!["--format".into(), format.into()]].concat();
            formats
                .entry(format)
                .or_default()
                .push(measure::run(binary, &args, &log)?.sample);
        }
    }
    stages.sort_by(|a, b| a.engine_ms().total_cmp(&b.engine_ms()));
    let floor_stages = stages.swap_remove(stages.len() / 2);
    let full = Measurement::of(&full);
    let watch = match (&prepared.edited, with_watch) {
        (Some(edited), true) => Some(watch::turnaround(
            binary,
            &base(&prepared.dir.join("out-watch")),
            &prepared.source,
            edited,
        )?),
        _ => None,
    };
    Ok(SizeResult {
        label: prepared.size.label(),
        counts: prepared.counts,
        overhead: full.median_ms / floor_stages.engine_ms(),
        full,
        formats: formats
            .into_iter()
            .map(|(f, s)| (f.to_owned(), Measurement::of(&s)))
            .collect(),
        noop: Measurement::of(&noop),
        floor_process: Measurement::of(&floor),
        floor: floor_stages,
        watch,
    })
}

fn path_arg(path: &Path) -> String {
    path.display().to_string()
}
