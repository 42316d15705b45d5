//! The one folder templates may read from: nothing outside it, not even through a symlink.
//!
//! The folder is either one on disk or the templates built into the program (the same
//! files `guidepress init` copies), used when a project has no `templates/` of its own.

use std::io;
use std::path::{Component, Path, PathBuf};

use include_dir::{Dir, DirEntry};

use crate::diag::Diagnostic;
use crate::diag::error::{Error, Result, io_reason};

/// The default templates and fonts, as shipped in the repository's `templates/`.
pub static TEMPLATES: Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/templates");

/// How the built-in templates are named in messages.
pub const BUILT_IN_NAME: &str = "(built-in templates)";

/// A folder that reads are confined to.
#[derive(Debug, Clone)]
pub struct Root {
    files: Files,
    shown: PathBuf,
}

#[derive(Debug, Clone)]
enum Files {
    /// A folder on disk, canonical.
    Folder(PathBuf),
    /// The templates compiled into the binary.
    BuiltIn(&'static Dir<'static>),
}

impl Root {
    /// Opens `dir` as a root; it must exist.
    pub fn new(dir: &Path) -> io::Result<Self> {
        Ok(Self {
            files: Files::Folder(dir.canonicalize()?),
            shown: dir.to_path_buf(),
        })
    }

    /// The templates built into the program.
    pub fn built_in() -> Self {
        Self {
            files: Files::BuiltIn(&TEMPLATES),
            shown: PathBuf::from(BUILT_IN_NAME),
        }
    }

    /// Whether these are the built-in templates rather than a folder on disk.
    pub fn is_built_in(&self) -> bool {
        matches!(self.files, Files::BuiltIn(_))
    }

    /// The folder as the user named it, for messages.
    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// Resolves a relative path inside the root, refusing anything that leads out of it.
    /// (The built-in templates have no path on disk: an error of kind `Unsupported`.)
    pub fn resolve(&self, relative: &str) -> io::Result<PathBuf> {
        let relative = inside(relative)?;
        let Files::Folder(dir) = &self.files else {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "the built-in templates are not files on disk",
            ));
        };
        let path = dir.join(&relative).canonicalize()?;
        if !path.starts_with(dir) {
            return Err(outside(&relative));
        }
        Ok(path)
    }

    /// Reads a regular file inside the root.
    pub fn read(&self, relative: &str) -> io::Result<Vec<u8>> {
        if let Files::BuiltIn(dir) = &self.files {
            let relative = inside(relative)?;
            return dir
                .get_file(&relative)
                .map(|file| file.contents().to_vec())
                .ok_or_else(|| {
                    io::Error::new(
                        io::ErrorKind::NotFound,
                        format!("`{}` is not a built-in template", relative.display()),
                    )
                });
        }
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
        match &self.files {
            Files::Folder(dir) => self.collect(dir, "", &mut files),
            Files::BuiltIn(dir) => embedded(dir, &mut files),
        }
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
                    self.collect(&entry.path(), &format!("{relative}/"), files);
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

/// Every file of an embedded folder, as `/`-separated paths.
fn embedded(dir: &Dir<'_>, files: &mut Vec<String>) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(sub) => embedded(sub, files),
            DirEntry::File(file) => files.push(slashed(file.path())),
        }
    }
}

fn slashed(path: &Path) -> String {
    let parts: Vec<_> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

/// The path without a leading `/` and `.` parts, refused when it could lead outside.
fn inside(relative: &str) -> io::Result<PathBuf> {
    let relative = Path::new(relative.trim_start_matches('/'));
    let mut normal = PathBuf::new();
    for component in relative.components() {
        match component {
            Component::Normal(part) => normal.push(part),
            Component::CurDir => {}
            _ => return Err(outside(relative)),
        }
    }
    Ok(normal)
}

fn outside(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!("`{}` is outside the template folder", path.display()),
    )
}

/// The folder a project keeps its own templates in, used when it exists.
pub const PROJECT_TEMPLATES: &str = "templates";

/// Opens the templates as the sandbox root: the folder given with `--templates` (which
/// must exist), else the project's `templates/` when there is one, else the built-in ones.
pub fn open_templates(dir: Option<&Path>) -> Result<Root> {
    let dir = match dir {
        Some(dir) => dir,
        None if Path::new(PROJECT_TEMPLATES).is_dir() => Path::new(PROJECT_TEMPLATES),
        None => return Ok(Root::built_in()),
    };
    Root::new(dir).map_err(|e| {
        Error::one(
            Diagnostic::bare(format!(
                "cannot open the template folder `{}` ({})",
                dir.display(),
                io_reason(&e)
            ))
            .with_hint("give an existing folder with --templates, or leave it out to use the built-in templates"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_templates_are_read_like_a_folder_and_nothing_outside() {
        let built_in = Root::built_in();
        let folder = Root::new(&Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")).unwrap();
        assert_eq!(built_in.files(), folder.files());
        for name in [
            "pamphlet.typ",
            "/pamphlet/common.typ",
            "./epub/../epub/style.css",
        ] {
            let read = built_in.read(name).map_err(|e| e.kind());
            if name.contains("..") {
                assert_eq!(read, Err(io::ErrorKind::PermissionDenied), "{name}");
            } else {
                assert_eq!(read.ok(), folder.read(name).ok(), "{name}");
            }
        }
        let missing = built_in.read("no/such.typ").unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        assert!(built_in.is_built_in() && !folder.is_built_in());
    }
}
