//! guidepress's benchmark (`cargo bench --bench pipeline`, `just bench`).
//!
//! Generates synthetic guides of N organizations, builds each with the real release binary
//! as a user would, and compares the build with the engine floor: Typst compile and PDF
//! export of the same document, alone. Prints a table and writes `target/bench/pipeline.json`.
//!
//! `generate` writes one synthetic guide as TOML and as Markdown (for `benches/compare.sh`);
//! `floor` is the child process that times the engine floor.

// A test binary has no public API: its `pub` items only cross its own modules.
#![allow(unreachable_pub)]

mod floor;
mod markdown;
mod measure;
mod prose;
mod report;
mod suite;
mod synth;
mod watch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Benchmark guidepress against the engine it is built on.
#[derive(Debug, Parser)]
struct Cli {
    /// Added by `cargo bench`; has no effect.
    #[arg(long, hide = true, global = true)]
    bench: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Measure each size and print the table (the default).
    Run {
        /// Sizes: `shipped` (source/guide.toml) or a number of organizations.
        #[arg(long, value_delimiter = ',', default_value = "shipped,5,100,1000", value_parser = suite::Size::parse)]
        sizes: Vec<suite::Size>,
        /// Rounds per size; by default 7 up to 100 organizations, 3 up to 1,000, then 1.
        #[arg(long)]
        runs: Option<usize>,
        /// Skip the `watch` turnaround.
        #[arg(long)]
        no_watch: bool,
    },
    /// Write a synthetic guide: <dir>/guide.toml and the same content as <dir>/guide.md.
    Generate {
        /// `shipped` or a number of organizations.
        #[arg(long, value_parser = suite::Size::parse)]
        size: suite::Size,
        /// The folder to write into.
        #[arg(long)]
        dir: PathBuf,
    },
    /// Run a command `runs` times; print its median wall time (ms), peak memory (MiB) and
    /// median CPU time (ms).
    Time {
        /// How many times.
        #[arg(long, default_value_t = 1)]
        runs: usize,
        /// The program and its arguments.
        #[arg(last = true, required = true)]
        command: Vec<String>,
    },
    /// Time the engine floor of one guide (used by `run`; prints JSON).
    Floor {
        /// The guide source.
        #[arg(long)]
        source: PathBuf,
        /// The template folder.
        #[arg(long)]
        templates: PathBuf,
        /// The same guide with one edit, recompiled warm after the first.
        #[arg(long)]
        edited: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shipped = root.join("source/guide.toml");
    let result = match cli.command {
        None => run(
            root,
            &[
                suite::Size::Shipped,
                suite::Size::Orgs(5),
                suite::Size::Orgs(100),
                suite::Size::Orgs(1000),
            ],
            None,
            true,
        ),
        Some(Command::Run {
            sizes,
            runs,
            no_watch,
        }) => run(root, &sizes, runs, !no_watch),
        Some(Command::Generate { size, dir }) => suite::prepare(size, &dir, &shipped).map(|p| {
            println!("{}", p.dir.display());
        }),
        Some(Command::Time { runs, command }) => time_command(runs, &command),
        Some(Command::Floor {
            source,
            templates,
            edited,
        }) => floor::run(&source, &templates, edited.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(
    root: &Path,
    sizes: &[suite::Size],
    runs: Option<usize>,
    with_watch: bool,
) -> Result<(), String> {
    let load_at_start = report::load_average();
    let bench_dir = root.join("target/bench");
    let work = bench_dir.join("work");
    let templates = root.join("templates");
    let mut results = Vec::new();
    for &size in sizes {
        let prepared = suite::prepare(size, &work, &root.join("source/guide.toml"))?;
        let rounds = runs.unwrap_or(match prepared.counts.organizations {
            0..=100 => 7,
            101..=1000 => 3,
            _ => 1,
        });
        eprintln!(
            "{} ({} organizations): {rounds} rounds",
            size.label(),
            prepared.counts.organizations
        );
        // Watch needs a minute or more at 10,000 organizations and its target is set at 1,000.
        let watch = with_watch && prepared.counts.organizations <= 1000;
        results.push(suite::measure(&prepared, rounds, &templates, watch)?);
    }
    let run = report::Run {
        date: now_utc(),
        machine: report::Machine::describe(load_at_start),
        guidepress: env!("CARGO_PKG_VERSION"),
        targets: report::targets(&results),
        sizes: results,
    };
    print!("{}", report::table(&run));
    let path = report::write_json(&run, &bench_dir)?;
    println!("\nwritten: {}", path.display());
    Ok(())
}

/// Used by `compare.sh`, so the Pandoc chain and guidepress are timed the same way.
fn time_command(runs: usize, command: &[String]) -> Result<(), String> {
    let log = std::env::temp_dir().join(format!("guidepress-bench-{}.log", std::process::id()));
    let program = Path::new(&command[0]);
    let samples =
        (0..runs.max(1)).map(|_| measure::run(program, &command[1..], &log).map(|o| o.sample));
    let samples = samples.collect::<Result<Vec<_>, _>>()?;
    let summary = measure::summarize(&samples);
    println!(
        "{:.1} {:.1} {:.1}",
        floor::ms(summary.wall),
        summary.peak_rss as f64 / (1024.0 * 1024.0),
        floor::ms(summary.cpu)
    );
    let _ = std::fs::remove_file(&log);
    let _ = std::fs::remove_file(log.with_extension("stdout"));
    Ok(())
}

fn now_utc() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute()
    )
}
