//! The only code that writes to the output folder.
//!
//! Every artifact is first written to a temporary file beside its destination; only when
//! all of them were written are they renamed into place. A build that fails before that
//! point leaves the output folder exactly as it was.

pub mod manifest;
pub mod plan;
pub mod variant;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::error::{Error, Result};
use crate::render::Artifact;

/// A file that was written, for the build report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Path including the output folder.
    pub path: PathBuf,
    /// Size in bytes.
    pub size: usize,
}

/// Writes all artifacts into `out`, all or nothing.
pub fn write_atomic(out: &Path, artifacts: &[Artifact]) -> Result<Vec<Written>> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(artifacts.len());
    for artifact in artifacts {
        match stage(out, artifact) {
            Ok(pair) => staged.push(pair),
            Err(error) => {
                discard(&staged);
                return Err(error);
            }
        }
    }
    if let Err(error) = sync_all(&staged) {
        discard(&staged);
        return Err(error);
    }
    let mut written = Vec::with_capacity(staged.len());
    for ((temp, target), artifact) in staged.iter().zip(artifacts) {
        fs::rename(temp, target).map_err(|e| Error::io("replace", target, &e))?;
        written.push(Written {
            path: target.clone(),
            size: artifact.bytes.len(),
        });
    }
    Ok(written)
}

fn stage(out: &Path, artifact: &Artifact) -> Result<(PathBuf, PathBuf)> {
    let target = out.join(&artifact.path);
    let dir = target.parent().unwrap_or(out);
    fs::create_dir_all(dir).map_err(|e| Error::io("create the folder", dir, &e))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.guidepress-tmp"));
    let mut file = fs::File::create(&temp).map_err(|e| Error::io("write", &temp, &e))?;
    file.write_all(&artifact.bytes).map_err(|e| {
        let _ = fs::remove_file(&temp);
        Error::io("write", &temp, &e)
    })?;
    Ok((temp, target))
}

/// Flushes every staged file to disk before any is renamed. One flush at a time costs a few
/// milliseconds a file; a handful of threads overlap them.
fn sync_all(staged: &[(PathBuf, PathBuf)]) -> Result<()> {
    const THREADS: usize = 8;
    crate::parallel::map_in_chunks(staged, THREADS, |(temp, _)| {
        fs::File::open(temp)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io("write", temp, &e))
    })
    .into_iter()
    .collect()
}

fn discard(staged: &[(PathBuf, PathBuf)]) {
    for (temp, _) in staged {
        let _ = fs::remove_file(temp);
    }
}

/// Deletes files an earlier build made that the guide no longer has (e.g. a removed card).
///
/// Only paths taken from the manifest are passed here, and only files inside `out` are
/// touched; a file that is already gone is not an error.
pub fn remove_stale(out: &Path, stale: &[PathBuf]) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    for relative in stale {
        let inside = relative
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        let path = out.join(relative);
        if inside && fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}
