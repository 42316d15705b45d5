//! `guidepress watch` turnaround: how long after an editor saves a one-contact fix the
//! new outputs are on disk, as the person at the keyboard would time it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::floor::ms;

/// Longest wait for any one build in watch mode.
const PATIENCE: Duration = Duration::from_mins(30);

/// What one edit in watch mode cost.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Turnaround {
    /// The first build `watch` makes on start (ms, as it reported).
    pub first_build_ms: f64,
    /// From the save to the rebuild's report on standard output (ms), debounce included.
    pub save_to_written_ms: f64,
    /// The rebuild alone, as `watch` reported it (ms).
    pub rebuild_ms: f64,
    /// Files the rebuild wrote.
    pub files_written: usize,
}

/// Starts `watch`, waits for its first build, saves `edited` over `source`, and times the
/// rebuild; the source is put back as it was afterwards.
pub(crate) fn turnaround(
    binary: &Path,
    build_args: &[String],
    source: &Path,
    edited: &str,
) -> Result<Turnaround, String> {
    let original = std::fs::read_to_string(source)
        .map_err(|e| format!("cannot read {} ({e})", source.display()))?;
    let mut args = build_args.to_vec();
    args[0] = "watch".into();
    let mut child = Command::new(binary)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start watch ({e})"))?;
    let lines = report_lines(&mut child);
    let result = edit_and_wait(&lines, source, edited);
    // The child is ours and still running; end it by its own handle.
    let _ = child.kill();
    let _ = child.wait();
    std::fs::write(source, original)
        .map_err(|e| format!("cannot restore {} ({e})", source.display()))?;
    result
}

fn edit_and_wait(
    lines: &Receiver<(Instant, String)>,
    source: &Path,
    edited: &str,
) -> Result<Turnaround, String> {
    let (_, first) = next_report(lines)?;
    // Let the file watcher settle so the first build's own writes are not taken for the edit.
    std::thread::sleep(Duration::from_millis(500));
    let saved = Instant::now();
    std::fs::write(source, edited)
        .map_err(|e| format!("cannot write {} ({e})", source.display()))?;
    let (at, report) = next_report(lines)?;
    Ok(Turnaround {
        first_build_ms: reported_seconds(&first)? * 1000.0,
        save_to_written_ms: ms(at.duration_since(saved)),
        rebuild_ms: reported_seconds(&report)? * 1000.0,
        files_written: report
            .split_whitespace()
            .nth(1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(0),
    })
}

/// Each line `watch` prints on standard output, with the moment it arrived.
fn report_lines(child: &mut Child) -> Receiver<(Instant, String)> {
    let stdout = child.stdout.take().expect("stdout is piped");
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    receiver
}

/// The next `built N files in X s` line.
fn next_report(lines: &Receiver<(Instant, String)>) -> Result<(Instant, String), String> {
    loop {
        let (at, line) = lines
            .recv_timeout(PATIENCE)
            .map_err(|_| "watch printed no build report".to_owned())?;
        if line.starts_with("built ") {
            return Ok((at, line));
        }
    }
}

fn reported_seconds(line: &str) -> Result<f64, String> {
    let seconds = line
        .rsplit(" in ")
        .next()
        .and_then(|rest| rest.strip_suffix(" s"));
    seconds
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("unexpected build report `{line}`"))
}
