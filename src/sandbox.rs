//! The one folder templates may read from: nothing outside it, not even through a symlink.

use std::io;
use std::path::{Component, Path, PathBuf};

/// A folder that reads are confined to.
#[derive(Debug, Clone)]
pub struct Root {
    dir: PathBuf,
    shown: PathBuf,
}

impl Root {
    /// Opens `dir` as a root; it must exist.
    pub fn new(dir: &Path) -> io::Result<Self> {
        Ok(Self {
            dir: dir.canonicalize()?,
            shown: dir.to_path_buf(),
        })
    }

    /// The canonical folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folder as the user named it, for messages.
    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// Resolves a relative path inside the root, refusing anything that leads out of it.
    pub fn resolve(&self, relative: &str) -> io::Result<PathBuf> {
        let relative = Path::new(relative.trim_start_matches('/'));
        let lexically_inside = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !lexically_inside {
            return Err(outside(relative));
        }
        let path = self.dir.join(relative).canonicalize()?;
        if !path.starts_with(&self.dir) {
            return Err(outside(relative));
        }
        Ok(path)
    }

    /// Reads a regular file inside the root.
    pub fn read(&self, relative: &str) -> io::Result<Vec<u8>> {
        let path = self.resolve(relative)?;
        // A named pipe or device would block or never end; only plain files are read.
        if !std::fs::metadata(&path)?.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{relative}` is not a plain file"),
            ));
        }
        std::fs::read(path)
    }

    /// Every plain file a template can read, as sorted `/`-separated relative paths.
    ///
    /// Links are not followed into folders, so a link cannot make the walk loop or leave
    /// the root; a link to a file counts only when it resolves inside the root, since
    /// any other cannot be read.
    pub fn files(&self) -> Vec<String> {
        let mut files = Vec::new();
        self.collect(&self.dir, "", &mut files);
        files.sort();
        files
    }

    fn collect(&self, dir: &Path, prefix: &str, files: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let relative = format!("{prefix}{}", entry.file_name().to_string_lossy());
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => {
                    self.collect(&entry.path(), &format!("{relative}/"), files)
                }
                Ok(kind) if kind.is_file() => files.push(relative),
                Ok(kind)
                    if kind.is_symlink()
                        && self.resolve(&relative).is_ok_and(|target| target.is_file()) =>
                {
                    files.push(relative);
                }
                _ => {}
            }
        }
    }

    /// Reads a UTF-8 text file inside the root.
    pub fn read_to_string(&self, relative: &str) -> io::Result<String> {
        String::from_utf8(self.read(relative)?)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
    }
}

fn outside(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!("`{}` is outside the template folder", path.display()),
    )
}
