//! The outside validators CI runs on the outputs: the Nu HTML Checker (`vnu.rs`) and axe-core
//! in headless Chromium (`axe.rs`) for HTML pages, DAISY Ace (`ace.rs`) for the EPUB. The
//! tools are npm packages pinned in `.ci/package.json` (`npm ci --prefix .ci --ignore-scripts`)
//! and Debian's `chromium`; the tests that need them are ignored by default, `.ci/run` runs
//! them, and they fail, never skip, when a tool is missing. Each harness is also run on a
//! deliberately broken fixture, so a harness that passes everything is caught.
//!
//! A page's tests call `vnu::assert_html_valid(&page)` and
//! `axe::assert_no_axe_violations(&page, 390)`; an EPUB's, `ace::assert_no_ace_violations`.
//! Each tool is looked for in `.ci/node_modules`, or where a variable says: `VNU_JAR`
//! (vnu.jar), `ACE` (ace.js, or an `ace` program), `AXE_CORE` (axe.min.js), `PLAYWRIGHT_CORE`
//! (playwright-core's package.json), `CHROMIUM` (else /usr/bin/chromium), `NODE`.

pub mod ace;
pub mod axe;
pub mod vnu;

use std::path::{Path, PathBuf};

use crate::common::{fixture, repo};

/// How to install the npm tools, for the messages that say one is missing.
const NPM_INSTALL: &str = "npm ci --prefix .ci --ignore-scripts";

/// `$variable` when set (it must name a file), else `default` when it is a file; panics
/// naming the tool and how to get it.
fn tool(variable: &str, default: &Path, what: &str, install: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(variable) {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "{variable} is set to {}, which is not a file",
            path.display()
        );
        return path;
    }
    assert!(
        default.is_file(),
        "{what} is missing (looked for {}): run `{install}` or set {variable}",
        default.display()
    );
    default.to_owned()
}

/// A file inside `.ci/node_modules`, or `$variable`.
fn npm_tool(variable: &str, relative: &str, what: &str) -> PathBuf {
    let default = repo().join(".ci/node_modules").join(relative);
    tool(variable, &default, what, NPM_INSTALL)
}

/// The browser: `$CHROMIUM`, or Debian's `/usr/bin/chromium`.
fn chromium() -> PathBuf {
    tool(
        "CHROMIUM",
        Path::new("/usr/bin/chromium"),
        "Chromium",
        "apt-get install chromium",
    )
}

/// The Node.js program: `$NODE`, or `node` on the `PATH`.
fn node() -> std::ffi::OsString {
    std::env::var_os("NODE").unwrap_or_else(|| "node".into())
}

/// Where screenshots go: `target/tmp/validators/`, kept after the run to be looked at.
fn screenshots() -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("validators");
    std::fs::create_dir_all(&folder).expect("target/tmp/validators");
    folder
}

/// A small phone page written to pass every HTML check.
fn accessible_page() -> PathBuf {
    fixture("validators/accessible.html")
}

/// A page that breaks a rule of each HTML check on purpose.
fn broken_page() -> PathBuf {
    fixture("validators/broken.html")
}
