//! The results: a table on standard output, the targets checked, and JSON in
//! `target/bench/` with the machine and the moment they came from.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::suite::{FORMATS, SizeResult};

/// A whole benchmark run.
#[derive(Debug, Serialize)]
pub(crate) struct Run {
    /// When it finished, UTC.
    pub date: String,
    /// Where it ran.
    pub machine: Machine,
    /// The guidepress version measured.
    pub guidepress: &'static str,
    /// Rounds per size (the largest sizes may have fewer).
    pub sizes: Vec<SizeResult>,
    /// The targets of the issue, each with its measured value.
    pub targets: Vec<Target>,
}

/// The machine, including how busy it was: numbers from a shared machine are noisier.
#[derive(Debug, Serialize)]
pub(crate) struct Machine {
    /// CPU model.
    pub cpu: String,
    /// Logical CPUs.
    pub cpus: usize,
    /// Physical memory (GiB).
    pub memory_gib: f64,
    /// 1-minute load average at the start and at the end.
    pub load_average: (f64, f64),
}

impl Machine {
    /// Reads the machine's description from `/proc`; `load_at_start` was read earlier.
    pub(crate) fn describe(load_at_start: f64) -> Self {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let field = |text: &str, key: &str| {
            text.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split(':').nth(1))
                .map(|v| v.trim().to_owned())
        };
        let kib: f64 = field(&meminfo, "MemTotal")
            .and_then(|v| v.trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0.0);
        Self {
            cpu: field(&cpuinfo, "model name").unwrap_or_else(|| "unknown".into()),
            cpus: std::thread::available_parallelism().map_or(1, usize::from),
            memory_gib: kib / (1024.0 * 1024.0),
            load_average: (load_at_start, load_average()),
        }
    }
}

/// The 1-minute load average.
pub(crate) fn load_average() -> f64 {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

/// One target of the issue and whether this run met it.
#[derive(Debug, Serialize)]
pub(crate) struct Target {
    /// What is asked.
    pub what: String,
    /// What was measured.
    pub measured: String,
    /// Whether it holds.
    pub holds: bool,
}

/// Checks every target that the sizes measured allow.
pub(crate) fn targets(sizes: &[SizeResult]) -> Vec<Target> {
    let find = |label: &str| sizes.iter().find(|s| s.label == label);
    let mut targets = Vec::new();
    let mut add = |what: &str, measured: String, holds: bool| {
        targets.push(Target {
            what: what.into(),
            measured,
            holds,
        });
    };
    if let Some(shipped) = find("shipped") {
        add(
            "shipped guide, full build < 50 ms",
            format!("{:.1} ms", shipped.full.median_ms),
            shipped.full.median_ms < 50.0,
        );
        add(
            "shipped guide, no-op rebuild < 20 ms",
            format!("{:.1} ms", shipped.noop.median_ms),
            shipped.noop.median_ms < 20.0,
        );
    }
    for label in ["1000", "10000"] {
        if let Some(size) = find(label) {
            add(
                &format!("N = {label}: full ÷ engine floor ≤ 1.15"),
                format!("{:.2}", size.overhead),
                size.overhead <= 1.15,
            );
            add(
                &format!("N = {label}: no-op rebuild < 20 ms"),
                format!("{:.1} ms", size.noop.median_ms),
                size.noop.median_ms < 20.0,
            );
        }
    }
    if let (Some(small), Some(large)) = (find("1000"), find("10000")) {
        let growth = large.full.median_ms / small.full.median_ms;
        add(
            "time(10,000) ÷ time(1,000) ≤ 11",
            format!("{growth:.2}"),
            growth <= 11.0,
        );
        let limit = large.floor.engine_peak_mib * 1.10;
        let peak = large.full.peak_rss_mib;
        add(
            "N = 10,000: peak ≤ floor peak + 10 %",
            format!("{peak:.0} MiB vs {limit:.0} MiB"),
            peak <= limit,
        );
    }
    if let Some(watch) = find("1000").and_then(|s| s.watch.as_ref().map(|w| (w, s.full.median_ms)))
    {
        let (turnaround, cold) = watch;
        let measured = format!(
            "{:.0} ms vs {:.0} ms",
            turnaround.save_to_written_ms,
            cold / 4.0
        );
        add(
            "N = 1,000: watch edit → new PDF < ¼ cold build",
            measured,
            turnaround.save_to_written_ms < cold / 4.0,
        );
    }
    targets
}

/// The table of results and the targets, as printed.
pub(crate) fn table(run: &Run) -> String {
    let mut out = String::new();
    let m = &run.machine;
    let _ = writeln!(
        out,
        "guidepress {} · {} · {} CPUs · {:.0} GiB · load {:.2} → {:.2} · {}",
        run.guidepress, m.cpu, m.cpus, m.memory_gib, m.load_average.0, m.load_average.1, run.date
    );
    let _ = writeln!(
        out,
        "\nwall time, median of the runs (ms); memory is the peak resident set (MiB)\n"
    );
    let _ = writeln!(
        out,
        "{:>8} {:>6} {:>9} {:>9} {:>8} {:>7} {:>10} {:>9} {:>9} {:>6} {:>7} {:>8} {:>8} {:>5}",
        "guide",
        "orgs",
        "full",
        "pdf",
        "epub",
        "cards",
        "card-sheet",
        "compile",
        "export",
        "ratio",
        "no-op",
        "MiB full",
        "MiB flr",
        "runs"
    );
    for s in &run.sizes {
        let f = |name: &str| s.formats.get(name).map_or(f64::NAN, |m| m.median_ms);
        let _ = writeln!(
            out,
            "{:>8} {:>6} {:>9.1} {:>9.1} {:>8.1} {:>7.1} {:>10.1} {:>9.1} {:>9.1} {:>6.2} {:>7.1} {:>8.0} {:>8.0} {:>5}",
            s.label,
            s.counts.organizations,
            s.full.median_ms,
            f(FORMATS[0]),
            f(FORMATS[1]),
            f(FORMATS[2]),
            f(FORMATS[3]),
            s.floor.compile_ms,
            s.floor.export_ms,
            s.overhead,
            s.noop.median_ms,
            s.full.peak_rss_mib,
            s.floor.engine_peak_mib,
            s.full.runs
        );
    }
    let _ = writeln!(
        out,
        "\nratio = full ÷ (compile + export); compile and export are the engine floor, timed in a fresh\n\
         process; MiB flr = that process's peak once the PDF is exported"
    );
    stages(&mut out, run);
    let _ = writeln!(out, "\ntargets");
    for t in &run.targets {
        let _ = writeln!(
            out,
            "  [{}] {} — {}",
            if t.holds { "ok" } else { "MISS" },
            t.what,
            t.measured
        );
    }
    out
}

fn stages(out: &mut String, run: &Run) {
    let _ = writeln!(
        out,
        "\nin-process stages of the floor process, and watch (ms)\n"
    );
    let _ = writeln!(
        out,
        "{:>8} {:>6} {:>6} {:>7} {:>8} {:>7} {:>6} {:>7} {:>7} {:>6} {:>6} {:>7} {:>7}",
        "guide",
        "load",
        "fonts",
        "world",
        "compile",
        "export",
        "pages",
        "warm",
        "epub",
        "cards",
        "sheet",
        "w:first",
        "w:edit"
    );
    for s in &run.sizes {
        let st = &s.floor;
        let renderer = |name: &str| st.renderers.get(name).copied().unwrap_or(f64::NAN);
        let (first, edit) = s.watch.as_ref().map_or((f64::NAN, f64::NAN), |w| {
            (w.first_build_ms, w.save_to_written_ms)
        });
        let _ = writeln!(
            out,
            "{:>8} {:>6.1} {:>6.1} {:>7.1} {:>8.1} {:>7.1} {:>6} {:>7.1} {:>7.1} {:>6.1} {:>6.1} {:>7.0} {:>7.0}",
            s.label,
            st.load_ms,
            st.font_book_ms,
            st.world_ms,
            st.compile_ms,
            st.export_ms,
            st.pages,
            st.warm_recompile_ms.unwrap_or(f64::NAN),
            renderer("epub"),
            renderer("cards"),
            renderer("card-sheet"),
            first,
            edit
        );
    }
    let _ = writeln!(
        out,
        "\nworld = guide JSON and QR codes; warm = compile + export again after a one-contact edit, Typst's"
    );
    let _ = writeln!(
        out,
        "caches warm (the least a watch rebuild of the PDF can cost); epub, cards, sheet = each renderer alone,"
    );
    let _ = writeln!(
        out,
        "in-process, after the pamphlet; w:first = watch's first build; w:edit = save of a one-contact edit"
    );
    let _ = writeln!(
        out,
        "until watch reports the rebuild, its 100 ms debounce included"
    );
}

/// Writes the run as `bench/pipeline.json` (the latest) and a dated copy beside it.
pub(crate) fn write_json(run: &Run, dir: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {} ({e})", dir.display()))?;
    let json = serde_json::to_string_pretty(run).expect("results serialize");
    let latest = dir.join("pipeline.json");
    let dated = dir.join(format!(
        "pipeline-{}.json",
        run.date.replace([' ', ':'], "-")
    ));
    for path in [&latest, &dated] {
        std::fs::write(path, &json)
            .map_err(|e| format!("cannot write {} ({e})", path.display()))?;
    }
    Ok(latest)
}
