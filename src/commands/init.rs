//! `guidepress init DIR`: a new guide project that builds at once.
//!
//! Writes an example guide, a copy of the default templates (embedded in the binary, so
//! init works from any folder) and a `.gitignore`. It never overwrites anything: the
//! folder must be new or empty, and a failure removes what init had written.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use include_dir::{Dir, DirEntry};

use crate::sandbox::TEMPLATES;

use crate::cli::{InitArgs, MessageFormat};
use crate::diag::Diagnostic;
use crate::diag::error::{Error, Result};
use crate::diag::print::print_diagnostics;

/// The commented example guide written to `source/guide.toml`.
pub const EXAMPLE_GUIDE: &str = include_str!("init/example.toml");

const GITIGNORE: &str = "\
# Built files: `guidepress build` makes them again from source/ and templates/.
# Remove this line to keep the PDF, the EPUB and the cards under version control.
/output/
";

/// What init writes, relative to the new folder, in the order it is reported.
const CREATED: [(&str, &str); 3] = [
    (
        "source/guide.toml",
        "an example guide: replace its made-up contents with yours",
    ),
    (
        "templates/",
        "a copy of the built-in templates, yours to change (the fonts are built in)",
    ),
    (
        ".gitignore",
        "keeps the built output/ folder out of version control",
    ),
];

/// Runs `guidepress init` and returns its exit status.
pub fn run(args: &InitArgs) -> ExitCode {
    match init(&args.dir) {
        Ok(()) => {
            print!("{}", report(&args.dir));
            ExitCode::SUCCESS
        }
        Err(error) => {
            print_diagnostics(&error.diagnostics(), MessageFormat::Human);
            ExitCode::from(1)
        }
    }
}

/// Creates the project in `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<()> {
    let existed = check_free(dir)?;
    let written = write_project(dir);
    if written.is_err() {
        remove_partial(dir, existed);
    }
    written
}

fn check_free(dir: &Path) -> Result<bool> {
    let refuse = |what: &str| {
        Error::one(
            Diagnostic::bare(format!("`{}` {what}", dir.display()))
                .with_hint("give the name of a new folder; init never overwrites files"),
        )
    };
    match fs::read_dir(dir) {
        Ok(entries) => match entries.count() {
            0 => Ok(true),
            _ => Err(refuse("already exists and is not empty")),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(_) if dir.exists() && !dir.is_dir() => {
            Err(refuse("already exists and is not a folder"))
        }
        Err(e) => Err(Error::io("read the folder", dir, &e)),
    }
}

fn write_project(dir: &Path) -> Result<()> {
    write(&dir.join("source/guide.toml"), EXAMPLE_GUIDE.as_bytes())?;
    write_templates(&TEMPLATES, &dir.join("templates"))?;
    write(&dir.join(".gitignore"), GITIGNORE.as_bytes())
}

fn write_templates(embedded: &Dir<'_>, target: &Path) -> Result<()> {
    fs::create_dir_all(target).map_err(|e| Error::io("create the folder", target, &e))?;
    for entry in embedded.entries() {
        match entry {
            DirEntry::Dir(sub) => write_templates(sub, &target.join(file_name(sub.path())))?,
            // The fonts are built into the program and never read from the template
            // folder: a copy would only add 44 MB to every project. Their licences stay.
            DirEntry::File(file) if is_font(file.path()) => {}
            DirEntry::File(file) => write(&target.join(file_name(file.path())), file.contents())?,
        }
    }
    Ok(())
}

fn is_font(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("ttf") || ext.eq_ignore_ascii_case("ttc"))
}

fn file_name(path: &Path) -> PathBuf {
    path.file_name().map(PathBuf::from).unwrap_or_default()
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io("create the folder", parent, &e))?;
    }
    fs::write(path, bytes).map_err(|e| Error::io("write", path, &e))
}

// Only what init itself wrote is removed: the folder, if init made it, or else its entries.
fn remove_partial(dir: &Path, existed: bool) {
    if !existed {
        let _ = fs::remove_dir_all(dir);
        return;
    }
    for top in ["source", "templates"] {
        let _ = fs::remove_dir_all(dir.join(top));
    }
    let _ = fs::remove_file(dir.join(".gitignore"));
}

/// What was created, and the next command to run.
fn report(dir: &Path) -> String {
    let shown = |relative: &str| dir.join(relative).display().to_string();
    let width = CREATED
        .iter()
        .map(|(path, _)| shown(path).chars().count())
        .max()
        .unwrap_or(0);
    let mut out = format!("Created a new guide project in {}:\n", dir.display());
    for (path, what) in CREATED {
        out.push_str(&format!("  {:width$}  {what}\n", shown(path)));
    }
    // Each command line runs as printed in a shell; the comments say what it is for.
    out.push_str(&format!(
        "\nNext, build it:\n  cd {}\n  guidepress build    # the PDF, the EPUB and the wallet cards, into output/\n",
        shell_word(&dir.display().to_string())
    ));
    out.push_str(
        "\nThen edit source/guide.toml, and:\n  \
         guidepress check    # every problem, with its line and column\n  \
         guidepress diff     # what changed since the last build, and what to reprint\n  \
         guidepress build    # every output again\n",
    );
    out
}

/// A folder name as a shell reads it: quoted when it holds anything but plain characters.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./+,:@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_disk(dir: &Path, root: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                on_disk(&path, root, files);
            } else {
                files.push((
                    path.strip_prefix(root).unwrap().to_owned(),
                    fs::read(&path).unwrap(),
                ));
            }
        }
    }

    fn embedded(dir: &Dir<'_>, files: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in dir.entries() {
            match entry {
                DirEntry::Dir(sub) => embedded(sub, files),
                DirEntry::File(file) => {
                    files.push((file.path().to_owned(), file.contents().to_vec()));
                }
            }
        }
    }

    #[test]
    fn the_embedded_templates_are_the_repository_templates() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let (mut disk, mut binary) = (Vec::new(), Vec::new());
        on_disk(&root, &root, &mut disk);
        embedded(&TEMPLATES, &mut binary);
        disk.sort();
        binary.sort();
        let names =
            |files: &[(PathBuf, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&binary), names(&disk));
        assert!(
            binary == disk,
            "an embedded template differs from templates/ on disk"
        );
        assert!(
            binary.iter().any(|(path, _)| path.starts_with("fonts")),
            "fonts are embedded"
        );
    }
}
