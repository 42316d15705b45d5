//! DAISY Ace (`@daisy/ace-cli`, which drives Debian's Chromium through Puppeteer) on the
//! EPUB of the shipped guide and of every EPUB fixture: no violation at all, beside
//! EPUBCheck's verdict (`epub/epubcheck.rs`).

use std::fmt;
use std::io::{Cursor, Write as _};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::{chromium, node, npm_tool};
use crate::epub::{ALL, SHIPPED, build, unzip};

/// The pinned version, which the report must name.
const VERSION: &str = "1.4.6";

/// Ace's command: `$ACE` (a `.js` file runs with Node.js, anything else runs as is), or the
/// one in `.ci/node_modules`.
fn ace_command() -> Command {
    let ace = npm_tool(
        "ACE",
        "@daisy/ace-cli/bin/ace.js",
        "DAISY Ace (@daisy/ace-cli)",
    );
    let mut command = if ace.extension().is_some_and(|e| e == "js") {
        let mut command = Command::new(node());
        command.arg(ace);
        command
    } else {
        Command::new(ace)
    };
    // Ace's Puppeteer downloads no browser of its own: it is told to use this one.
    command.env("PUPPETEER_EXECUTABLE_PATH", chromium());
    command
}

/// One failed check of Ace.
#[derive(Debug, PartialEq, Eq)]
pub struct AceViolation {
    /// The document, e.g. `cover.xhtml`, or the package document.
    pub document: String,
    /// The rule, e.g. `image-alt` or `metadata-accessmode`.
    pub rule: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    /// What is wrong.
    pub description: String,
    /// The element, when there is one.
    pub html: String,
}

impl fmt::Display for AceViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} ({}): {}",
            self.document, self.rule, self.impact, self.description
        )?;
        if !self.html.is_empty() {
            write!(f, "\n    at {}", self.html)?;
        }
        Ok(())
    }
}

/// Runs Ace on one EPUB and returns every violation it reports.
pub fn ace(epub: &Path) -> Vec<AceViolation> {
    let reports = tempfile::tempdir().expect("a folder for Ace's report");
    let output = ace_command()
        .arg("--silent")
        .arg("--outdir")
        .arg(reports.path())
        .arg(epub)
        .output()
        .expect("Ace runs (it needs Node.js)");
    let report_path = reports.path().join("report.json");
    let text = std::fs::read_to_string(&report_path).unwrap_or_else(|_| {
        panic!(
            "Ace wrote no report for {}:\n{}{}",
            epub.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let report: Value = serde_json::from_str(&text).expect("Ace's report is JSON");
    assert_eq!(
        report["earl:assertedBy"]["doap:release"]["doap:revision"], VERSION,
        "not DAISY Ace {VERSION}"
    );
    let text = |value: &Value| value.as_str().unwrap_or("").to_owned();
    let mut violations = Vec::new();
    for document in report["assertions"]
        .as_array()
        .expect("a list of assertions")
    {
        for check in document["assertions"].as_array().into_iter().flatten() {
            if check["earl:result"]["earl:outcome"] != "fail" {
                continue;
            }
            violations.push(AceViolation {
                document: text(&document["earl:testSubject"]["url"]),
                rule: text(&check["earl:test"]["dct:title"]),
                impact: text(&check["earl:test"]["earl:impact"]),
                description: text(&check["earl:result"]["dct:description"]),
                html: text(&check["earl:result"]["html"]),
            });
        }
    }
    violations
}

/// Asserts that Ace finds no violation in `epub`.
pub fn assert_no_ace_violations(epub: &Path) {
    let violations = ace(epub);
    let listing: Vec<String> = violations.iter().map(ToString::to_string).collect();
    assert!(
        violations.is_empty(),
        "DAISY Ace found {} violations in {}:\n{}",
        violations.len(),
        epub.display(),
        listing.join("\n")
    );
}

#[test]
#[ignore = "needs DAISY Ace and Chromium; run by .ci/run"]
fn ace_finds_no_violation_in_the_shipped_guide() {
    let project = SHIPPED.project();
    build(&project, SHIPPED.id);
    assert_no_ace_violations(&project.path().join(format!("output/{}.epub", SHIPPED.id)));
}

#[test]
#[ignore = "needs DAISY Ace and Chromium; run by .ci/run"]
fn ace_finds_no_violation_in_any_epub_fixture() {
    for guide in &ALL[1..] {
        let project = guide.project();
        build(&project, guide.id);
        assert_no_ace_violations(&project.path().join(format!("output/{}.epub", guide.id)));
    }
}

#[test]
#[ignore = "needs DAISY Ace and Chromium; run by .ci/run"]
fn ace_finds_a_cover_image_without_its_text_alternative() {
    let project = SHIPPED.project();
    let book = build(&project, SHIPPED.id);
    let broken = project.path().join("broken.epub");
    std::fs::write(&broken, without_cover_alt(&book)).unwrap();
    let found: Vec<(String, String)> = ace(&broken)
        .into_iter()
        .map(|v| (v.document, v.rule))
        .collect();
    let expected = [
        ("cover.xhtml", "aria-allowed-role"),
        ("cover.xhtml", "image-alt"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(d, r)| ((*d).to_owned(), (*r).to_owned()))
        .collect();
    assert_eq!(found, expected);
}

/// The EPUB again, entry for entry, with the `alt` of the cover image taken out.
fn without_cover_alt(book: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for entry in unzip(book) {
        let method = if entry.stored {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        archive.start_file(entry.name.as_str(), options).unwrap();
        let bytes = if entry.name == "OEBPS/cover.xhtml" {
            let text = entry.text();
            let start = text.find(" alt=\"").expect("the cover image has an alt");
            let end = start + 6 + text[start + 6..].find('"').unwrap() + 1;
            format!("{}{}", &text[..start], &text[end..]).into_bytes()
        } else {
            entry.bytes
        };
        archive.write_all(&bytes).unwrap();
    }
    archive.finish().unwrap().into_inner()
}
