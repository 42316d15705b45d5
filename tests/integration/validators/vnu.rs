//! The Nu HTML Checker (`vnu.jar` from the npm package `vnu-jar`, run with Java): an HTML
//! page must get no error and no warning, its inline CSS included.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{accessible_page, broken_page, npm_tool};

/// The pinned version, which the report must name.
const VERSION: &str = "26.9.27";

/// The checker's jar: `$VNU_JAR`, or the one in `.ci/node_modules`.
fn vnu_jar() -> PathBuf {
    npm_tool(
        "VNU_JAR",
        "vnu-jar/build/dist/vnu.jar",
        "The Nu HTML Checker (vnu.jar)",
    )
}

/// One error or warning of the checker.
#[derive(Debug, PartialEq, Eq)]
pub struct VnuMessage {
    /// `error`, `warning`, or `fatal` (the checker could not read the page).
    pub kind: String,
    /// The line it ends on (0 when it names none).
    pub line: u64,
    /// What is wrong, in the checker's words.
    pub message: String,
}

impl fmt::Display for VnuMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.kind, self.message)
    }
}

/// Runs the checker on one HTML file and returns its errors and warnings (not its
/// informative notes), in its order.
pub fn vnu(page: &Path) -> Vec<VnuMessage> {
    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--format", "json"])
        .arg(page)
        .output()
        .expect("java runs (the Nu HTML Checker needs Java)");
    // The JSON report goes to standard error; the exit code only says whether it has errors.
    let text = String::from_utf8_lossy(&output.stderr);
    let report: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("the Nu HTML Checker wrote no JSON report ({e}):\n{text}"));
    let version = report["version"].as_str().unwrap_or("");
    assert!(
        version.starts_with(VERSION),
        "not the Nu HTML Checker {VERSION}: {version}"
    );
    let messages = report["messages"].as_array().expect("a list of messages");
    messages
        .iter()
        .filter_map(|m| {
            let kind = match (m["type"].as_str(), m["subType"].as_str()) {
                (Some("error"), _) => "error",
                (Some("info"), Some("warning")) => "warning",
                (Some("non-document-error"), _) => "fatal",
                _ => return None,
            };
            Some(VnuMessage {
                kind: kind.to_owned(),
                line: m["lastLine"].as_u64().unwrap_or(0),
                message: m["message"].as_str().unwrap_or("").to_owned(),
            })
        })
        .collect()
}

/// Asserts that the Nu HTML Checker finds no error and no warning in `page`.
pub fn assert_html_valid(page: &Path) {
    let messages = vnu(page);
    let listing: Vec<String> = messages.iter().map(ToString::to_string).collect();
    assert!(
        messages.is_empty(),
        "the Nu HTML Checker found {} problems in {}:\n{}",
        messages.len(),
        page.display(),
        listing.join("\n")
    );
}

#[test]
#[ignore = "needs the Nu HTML Checker; run by .ci/run"]
fn vnu_passes_the_accessible_fixture() {
    assert_html_valid(&accessible_page());
}

#[test]
#[ignore = "needs the Nu HTML Checker; run by .ci/run"]
fn vnu_reports_every_error_and_warning_of_the_broken_fixture() {
    let found: Vec<String> = vnu(&broken_page())
        .iter()
        .map(ToString::to_string)
        .collect();
    let expected = [
        "line 6: error: CSS: “colr”: Property “colr” doesn't exist.",
        "line 13: error: Element “head” is missing a required instance of child element “title”.",
        "line 16: error: Duplicate ID “same”.",
        "line 15: warning: The first occurrence of ID “same” was here.",
        "line 17: error: An “img” element must have an “alt” attribute, except under certain conditions. For details, consult guidance on providing text alternatives for images.",
        "line 2: warning: Consider adding a “lang” attribute to the “html” start tag to declare the language of this document.",
    ];
    assert_eq!(found, expected);
}
