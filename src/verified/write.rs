//! Saving an edited guide: all or nothing, with the file's permissions kept.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::diag::error::{Error, Result};

/// Replaces the file at `path` with `bytes`: written to a temporary file in the same
/// folder, flushed, given the old file's permissions, then renamed over it, so that the
/// guide is never half written. A symbolic link stays a link: its target is replaced.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = fs::canonicalize(path).map_err(|e| Error::io("write", path, &e))?;
    let permissions = fs::metadata(&target)
        .map_err(|e| Error::io("write", path, &e))?
        .permissions();
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = target.with_file_name(format!(".{name}.guidepress-tmp"));
    let written = fs::File::create(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.set_permissions(permissions)?;
        file.sync_all()
    });
    if let Err(error) = written.and_then(|()| fs::rename(&temp, &target)) {
        let _ = fs::remove_file(&temp);
        return Err(Error::io("write", path, &error));
    }
    Ok(())
}
