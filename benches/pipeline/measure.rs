//! Running a program once and measuring it from outside: wall time, and peak resident
//! memory as the kernel counted it for that child alone (`wait4` resource usage).

use std::ffi::OsStr;
use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run of a program cost.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sample {
    /// From just before the fork to just after the child was reaped.
    pub wall: Duration,
    /// Peak resident set size of the child, in bytes.
    pub peak_rss: u64,
    /// CPU time the child spent in user and kernel mode.
    pub cpu: Duration,
}

/// What a successful run printed on standard output, and what it cost.
pub(crate) struct Output {
    /// Standard output.
    pub stdout: Vec<u8>,
    /// Cost.
    pub sample: Sample,
}

/// Runs `program` with `args` to completion; its standard error is kept in `log` and
/// shown when it fails.
pub(crate) fn run<S: AsRef<OsStr>>(
    program: &Path,
    args: &[S],
    log: &Path,
) -> Result<Output, String> {
    let stdout_path = log.with_extension("stdout");
    let stderr = File::create(log).map_err(|e| format!("cannot create {} ({e})", log.display()))?;
    let stdout = File::create(&stdout_path)
        .map_err(|e| format!("cannot create {} ({e})", stdout_path.display()))?;
    let started = Instant::now();
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("cannot start {} ({e})", program.display()))?;
    let (status, usage) = reap(child.id())?;
    let wall = started.elapsed();
    let stdout = std::fs::read(&stdout_path).unwrap_or_default();
    if !exited_zero(status) {
        let log_text = std::fs::read_to_string(log).unwrap_or_default();
        return Err(format!(
            "{} failed (wait status {status}):\n{log_text}",
            program.display()
        ));
    }
    let cpu = timeval(usage.ru_utime) + timeval(usage.ru_stime);
    // Linux reports ru_maxrss in kibibytes.
    let peak_rss = u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024;
    Ok(Output {
        stdout,
        sample: Sample {
            wall,
            peak_rss,
            cpu,
        },
    })
}

/// Waits for the child `pid` and returns its wait status and resource usage.
fn reap(pid: u32) -> Result<(i32, libc::rusage), String> {
    let pid = libc::pid_t::try_from(pid).map_err(|e| e.to_string())?;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own unreaped child; both pointers are to live locals.
        let reaped = unsafe { libc::wait4(pid, &raw mut status, 0, &raw mut usage) };
        if reaped == pid {
            return Ok((status, usage));
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("cannot wait for process {pid} ({error})"));
        }
    }
}

fn exited_zero(status: i32) -> bool {
    libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0
}

fn timeval(tv: libc::timeval) -> Duration {
    let micros =
        u64::try_from(tv.tv_sec).unwrap_or(0) * 1_000_000 + u64::try_from(tv.tv_usec).unwrap_or(0);
    Duration::from_micros(micros)
}

/// The median of the samples' wall times, with the largest peak memory of any run.
pub(crate) fn summarize(samples: &[Sample]) -> Sample {
    let mut walls: Vec<Duration> = samples.iter().map(|s| s.wall).collect();
    walls.sort();
    let mut cpus: Vec<Duration> = samples.iter().map(|s| s.cpu).collect();
    cpus.sort();
    Sample {
        wall: walls[walls.len() / 2],
        peak_rss: samples.iter().map(|s| s.peak_rss).max().unwrap_or(0),
        cpu: cpus[cpus.len() / 2],
    }
}
