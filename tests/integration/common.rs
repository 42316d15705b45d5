//! Shared test helpers: a throw-away project folder and a way to run the binary in it.

#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_guidepress");

/// The repository root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture file's path under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// A temporary guide project: `source/guide.toml`, `templates/`, and an `output/` to build.
pub struct Project {
    dir: tempfile::TempDir,
}

/// What a run of the binary produced.
pub struct Run {
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output, with the project path and timings made stable.
    pub stdout: String,
    /// Standard error, likewise.
    pub stderr: String,
}

impl Project {
    /// A project with the shipped guide and templates.
    pub fn shipped() -> Self {
        let project = Self::empty();
        copy_dir(&repo().join("source"), &project.path().join("source"));
        copy_dir(&repo().join("templates"), &project.path().join("templates"));
        project
    }

    /// A project with the shipped templates and the given guide source.
    pub fn with_guide(toml: &str) -> Self {
        let project = Self::empty();
        copy_dir(&repo().join("templates"), &project.path().join("templates"));
        project.write("source/guide.toml", toml);
        project
    }

    /// A project with the shipped templates and a fixture guide from `tests/fixtures/`.
    pub fn with_fixture(name: &str) -> Self {
        let text = fs::read_to_string(fixture(name)).expect("fixture exists");
        Self::with_guide(&text)
    }

    /// An empty folder.
    pub fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    /// The project folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file, creating folders.
    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Reads a file as bytes.
    pub fn read(&self, relative: &str) -> Vec<u8> {
        fs::read(self.path().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    /// Reads a file as text.
    pub fn read_text(&self, relative: &str) -> String {
        String::from_utf8(self.read(relative)).expect("UTF-8")
    }

    /// Runs the binary in the project folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(BIN)
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("the binary runs");
        self.finish(&output)
    }

    /// Runs the binary in the project folder with `input` on its standard input.
    pub fn run_with_stdin(&self, args: &[&str], input: &str) -> Run {
        let mut child = Command::new(BIN)
            .args(args)
            .current_dir(self.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut stdin = child.stdin.take().expect("a standard input pipe");
        let input = input.to_owned();
        // A separate writer, so a child that prints before it reads cannot deadlock the test.
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let output = child.wait_with_output().expect("the binary finishes");
        let _ = writer.join().expect("the writer thread finishes");
        self.finish(&output)
    }

    /// Runs the binary in a folder inside the project (e.g. one made by `init`).
    pub fn run_in(&self, relative: &str, args: &[&str]) -> Run {
        let output = Command::new(BIN)
            .args(args)
            .current_dir(self.path().join(relative))
            .output()
            .expect("the binary runs");
        self.finish(&output)
    }

    /// Every file under a folder of the project with its bytes, sorted by path.
    pub fn files_under(&self, relative: &str) -> Vec<(String, Vec<u8>)> {
        let root = self.path().join(relative);
        let mut files = Vec::new();
        collect(&root, &root, &mut files);
        files.sort();
        files
    }

    fn finish(&self, output: &Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: self.stable(&String::from_utf8_lossy(&output.stdout)),
            stderr: self.stable(&String::from_utf8_lossy(&output.stderr)),
        }
    }

    fn stable(&self, text: &str) -> String {
        let text = text.replace(&self.path().display().to_string(), "[PROJECT]");
        redact_timing(&text)
    }

    /// The project's guide with the ICAC organization repeated `copies` times (new ids),
    /// for guides too long for a tri-fold or slow enough to interrupt.
    pub fn shipped_with_copies(&self, copies: usize) -> String {
        let guide = self.read_text("source/guide.toml");
        let start = guide
            .find("[[organization]]\nid = \"icac-task-forces\"")
            .unwrap();
        let end = guide.find("[[organization]]\nid = \"fbi\"").unwrap();
        let block = &guide[start..end];
        let cards = guide.find("[[card]]").unwrap();
        let mut long = guide[..cards].to_owned();
        for copy in 1..=copies {
            long.push_str(&block.replace("icac-task-forces", &format!("copy-{copy}")));
        }
        long.push_str(&guide[cards..]);
        long
    }

    /// Every file under `output/` with its bytes, sorted by path.
    pub fn output_files(&self) -> Vec<(String, Vec<u8>)> {
        let root = self.path().join("output");
        let mut files = Vec::new();
        if root.exists() {
            collect(&root, &root, &mut files);
        }
        files.sort();
        files
    }
}

impl Run {
    /// Exit code, standard output and standard error in one text, for a whole-output snapshot.
    pub fn transcript(&self) -> String {
        format!(
            "exit code: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `verify` in `project` and checks that it failed.
pub fn failing_verify(project: &Project) -> Run {
    let run = project.run(&["verify"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    run
}

/// Replaces "in 0.42 s" with "in [TIME]" so build reports can be snapshotted.
pub fn redact_timing(text: &str) -> String {
    text.lines()
        .map(|line| match line.rfind(" in ") {
            Some(at) if line.ends_with(" s") => format!("{} in [TIME]", &line[..at]),
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if text.ends_with('\n') { "\n" } else { "" }
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, Vec<u8>)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.push((relative, fs::read(&path).unwrap()));
        }
    }
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The text of a PDF, extracted in-process.
pub fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).expect("the PDF's text can be extracted")
}

/// The parts of a PDF's catalog and metadata that accessibility checks look at.
pub struct PdfFacts {
    /// Number of pages.
    pub pages: usize,
    /// `/Lang` of the catalog.
    pub lang: Option<String>,
    /// `/MarkInfo /Marked` of the catalog.
    pub marked: bool,
    /// Whether the catalog has a `/StructTreeRoot`.
    pub structure_tree: bool,
    /// The XMP metadata packet.
    pub xmp: String,
    /// Each page's MediaBox in points.
    pub media_boxes: Vec<[f32; 4]>,
}

/// Reads a PDF's catalog, metadata and page boxes.
pub fn pdf_facts(bytes: &[u8]) -> PdfFacts {
    let document = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let catalog = document.catalog().expect("a catalog");
    let lang = catalog
        .get(b"Lang")
        .ok()
        .and_then(|o| o.as_str().ok())
        .map(|s| String::from_utf8_lossy(s).into_owned());
    let marked = catalog
        .get(b"MarkInfo")
        .ok()
        .and_then(|o| document.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .and_then(|d| d.get(b"Marked").ok())
        .and_then(|o| o.as_bool().ok())
        .unwrap_or(false);
    let structure_tree = catalog.has(b"StructTreeRoot");
    let xmp = catalog
        .get(b"Metadata")
        .ok()
        .and_then(|o| o.as_reference().ok())
        .and_then(|id| document.get_object(id).ok())
        .and_then(|o| o.as_stream().ok())
        .map(|s| {
            let content = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            String::from_utf8_lossy(&content).into_owned()
        })
        .unwrap_or_default();
    let media_boxes = document
        .get_pages()
        .values()
        .map(|&id| {
            let page = document.get_dictionary(id).expect("a page");
            let values = page
                .get(b"MediaBox")
                .and_then(|o| o.as_array())
                .expect("a MediaBox");
            let number = |i: usize| values[i].as_float().expect("a number");
            [number(0), number(1), number(2), number(3)]
        })
        .collect::<Vec<_>>();
    PdfFacts {
        pages: media_boxes.len(),
        lang,
        marked,
        structure_tree,
        xmp,
        media_boxes,
    }
}

/// Starts `guidepress watch` in the project, its output lines read on a thread so that a
/// silent watcher fails a test instead of hanging it.
pub fn spawn_watch(project: &Project) -> (std::process::Child, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(BIN)
        .arg("watch")
        .current_dir(project.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (lines, received) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    (child, received)
}
