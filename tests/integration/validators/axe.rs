//! axe-core in Debian's Chromium, driven by playwright-core (`tests/validators/axe.mjs`): an
//! HTML page at a phone's width, in the light and the dark colour scheme (their contrasts
//! differ), must have no violation of the WCAG 2.0/2.1 A and AA rules, no horizontal
//! scrollbar, no request that leaves the file and no script error.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::{accessible_page, broken_page, chromium, node, npm_tool, screenshots};
use crate::common::repo;

/// What one look at the page, in one colour scheme, found.
#[derive(Debug)]
pub struct AxeRun {
    /// `light` or `dark`.
    pub scheme: String,
    /// The rules broken, each with the elements that break it.
    pub violations: Vec<Rule>,
    /// Rules axe could not decide (e.g. contrast over an image), for a person to look at.
    pub incomplete: Vec<Rule>,
    /// The page's width and the viewport's: wider means a horizontal scrollbar.
    pub scroll_width: u64,
    /// The viewport's width without a scrollbar.
    pub client_width: u64,
    /// Every address the page asked for that is not the file itself or a `data:` URL.
    pub requests: Vec<String>,
    /// Uncaught script errors.
    pub errors: Vec<String>,
    /// The full-page screenshot.
    pub screenshot: PathBuf,
}

/// One axe rule and where it failed.
#[derive(Debug)]
pub struct Rule {
    /// The rule's id, e.g. `color-contrast`.
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    /// What the rule asks.
    pub help: String,
    /// Each element: its CSS selector and what to fix.
    pub nodes: Vec<(String, String)>,
}

impl AxeRun {
    /// Whether the page is wider than the viewport.
    pub fn overflows(&self) -> bool {
        self.scroll_width > self.client_width
    }

    /// The ids of the rules broken, in axe's order.
    pub fn violated(&self) -> Vec<&str> {
        self.violations.iter().map(|r| r.id.as_str()).collect()
    }

    /// Everything wrong, readably, or an empty string.
    fn problems(&self) -> String {
        let mut text = String::new();
        for rule in &self.violations {
            let _ = writeln!(text, "- {} ({}): {}", rule.id, rule.impact, rule.help);
            for (target, summary) in &rule.nodes {
                let _ = writeln!(
                    text,
                    "    at {target}: {}",
                    summary.replace('\n', "\n      ")
                );
            }
        }
        if self.overflows() {
            let _ = writeln!(
                text,
                "- a horizontal scrollbar: the page is {} px wide in a {} px viewport",
                self.scroll_width, self.client_width
            );
        }
        for url in &self.requests {
            let _ = writeln!(text, "- a request that leaves the file: {url}");
        }
        for error in &self.errors {
            let _ = writeln!(text, "- a script error: {error}");
        }
        text
    }
}

/// Opens `page` in headless Chromium at `width` CSS pixels, light then dark, and runs axe.
pub fn axe(page: &Path, width: u32) -> Vec<AxeRun> {
    let page = page.canonicalize().expect("the page exists");
    let stem = page.file_stem().unwrap_or_default().to_string_lossy();
    let shot = |scheme: &str| screenshots().join(format!("{stem}-{width}px-{scheme}.png"));
    let options = serde_json::json!({
        "page": page,
        "width": width,
        "screenshots": { "light": shot("light"), "dark": shot("dark") },
        "chromium": chromium(),
        "playwright": npm_tool("PLAYWRIGHT_CORE", "playwright-core/package.json", "playwright-core")
            .parent()
            .expect("the package folder"),
        "axe": npm_tool("AXE_CORE", "axe-core/axe.min.js", "axe-core (axe.min.js)"),
    });
    let output = Command::new(node())
        .arg(repo().join("tests/validators/axe.mjs"))
        .arg(options.to_string())
        .output()
        .expect("node runs (axe-core is driven from Node.js)");
    assert!(
        output.status.success(),
        "the axe run failed on {}:\n{}",
        page.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("the axe run prints JSON");
    report["runs"]
        .as_array()
        .expect("a list of runs")
        .iter()
        .map(run)
        .collect()
}

fn run(value: &Value) -> AxeRun {
    let text = |v: &Value| v.as_str().unwrap_or("").to_owned();
    let texts = |v: &Value| v.as_array().into_iter().flatten().map(text).collect();
    let rules = |v: &Value| {
        let rule = |r: &Value| Rule {
            id: text(&r["id"]),
            impact: text(&r["impact"]),
            help: text(&r["help"]),
            nodes: r["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| {
                    let target: Vec<String> = texts(&n["target"]);
                    (target.join(" "), text(&n["summary"]))
                })
                .collect(),
        };
        v.as_array().into_iter().flatten().map(rule).collect()
    };
    AxeRun {
        scheme: text(&value["scheme"]),
        violations: rules(&value["violations"]),
        incomplete: rules(&value["incomplete"]),
        scroll_width: value["scrollWidth"].as_u64().expect("scrollWidth"),
        client_width: value["clientWidth"].as_u64().expect("clientWidth"),
        requests: texts(&value["requests"]),
        errors: texts(&value["errors"]),
        screenshot: PathBuf::from(text(&value["screenshot"])),
    }
}

/// Asserts that axe finds no WCAG 2.0/2.1 A or AA violation in `page` at `width` pixels in
/// either colour scheme, that it does not scroll sideways, asks for nothing outside the
/// file and throws no script error. The screenshots are left in `target/tmp/validators/`.
pub fn assert_no_axe_violations(page: &Path, width: u32) {
    let runs = axe(page, width);
    assert_eq!(runs.len(), 2, "a light and a dark run");
    let mut report = String::new();
    for run in &runs {
        let problems = run.problems();
        if !problems.is_empty() {
            let shot = run.screenshot.display();
            let _ = write!(
                report,
                "{} at {width} px (screenshot {shot}):\n{problems}",
                run.scheme
            );
        }
        for rule in &run.incomplete {
            // Not a failure: axe could not decide, so a person should look.
            eprintln!(
                "axe could not decide {} in {} ({}): {}",
                rule.id,
                page.display(),
                run.scheme,
                rule.help
            );
        }
    }
    assert!(report.is_empty(), "{}:\n{report}", page.display());
}

#[test]
#[ignore = "needs Chromium, playwright-core and axe-core; run by .ci/run"]
fn axe_passes_the_accessible_fixture_at_phone_widths() {
    assert_no_axe_violations(&accessible_page(), 320);
    assert_no_axe_violations(&accessible_page(), 390);
}

#[test]
#[ignore = "needs Chromium, playwright-core and axe-core; run by .ci/run"]
fn axe_finds_what_is_wrong_with_the_broken_fixture_in_each_colour_scheme() {
    let runs = axe(&broken_page(), 390);
    let schemes: Vec<&str> = runs.iter().map(|r| r.scheme.as_str()).collect();
    assert_eq!(schemes, ["light", "dark"]);
    let [light, dark] = &runs[..] else {
        unreachable!()
    };
    assert_eq!(
        light.violated(),
        ["document-title", "html-has-lang", "image-alt"]
    );
    // The faint text is unreadable only in the dark scheme.
    assert_eq!(
        dark.violated(),
        [
            "color-contrast",
            "document-title",
            "html-has-lang",
            "image-alt"
        ]
    );
    assert_eq!(dark.violations[0].nodes[0].0, ".faint");
    for run in &runs {
        assert_eq!(
            (run.scroll_width, run.client_width),
            (648, 390),
            "{}",
            run.scheme
        );
        assert_eq!(run.requests, ["http://127.0.0.1:9/photo.png"]);
        assert_eq!(
            run.errors,
            ["TypeError: window.undefinedFunction is not a function"]
        );
        let png = std::fs::read(&run.screenshot).expect("a screenshot");
        assert_eq!(&png[1..4], b"PNG");
        let png_width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        assert_eq!(
            png_width, 648,
            "the full-page screenshot shows the overflow"
        );
    }
}
