//! `guidepress check` and `build` on broken guides: every message word for word, the exit
//! codes, and an output folder that a failed build leaves exactly as it was.

use std::fs;
use std::path::Path;

use crate::common::{Project, Run, fixture};

/// A project whose guide holds the fixture's bytes as they are (some are not text at all).
fn project_with(path: &Path) -> Project {
    let project = Project::with_guide("");
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    fs::write(project.path().join("source/guide.toml"), bytes).unwrap();
    project
}

/// Everything a run showed the user, for a snapshot.
fn report(run: &Run) -> String {
    format!(
        "exit code: {}\n--- stdout\n{}--- stderr\n{}",
        run.code, run.stdout, run.stderr
    )
}

/// Standard error without its closing summary line ("3 problems found; nothing was
/// written"), the one line in which check and build differ.
fn diagnostics_only(stderr: &str) -> &str {
    let body = stderr.strip_suffix('\n').unwrap_or(stderr);
    match body.rsplit_once('\n') {
        Some((rest, last)) if is_summary(last) => &stderr[..=rest.len()],
        None if is_summary(body) => "",
        _ => stderr,
    }
}

fn is_summary(line: &str) -> bool {
    line.starts_with("error: ")
        && (line.ends_with("problems found") || line.ends_with("nothing was written"))
}

#[test]
fn every_invalid_guide_is_reported_word_for_word() {
    insta::glob!("../fixtures/invalid", "*.toml", |path| {
        let run = project_with(path).run(&["check"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        insta::assert_snapshot!(report(&run));
    });
}

#[test]
fn a_failed_build_writes_nothing_and_reports_what_check_reports() {
    insta::glob!("../fixtures/invalid", "*.toml", |path| {
        let project = project_with(path);
        project.write("output/keep-me.txt", "made by hand\n");
        project.write("output/test-guide.pdf", "a build from last week\n");
        project.write("output/cards/call.txt", "an older card\n");
        let before = project.output_files();
        let check = project.run(&["check"]);
        let build = project.run(&["build"]);
        assert_eq!(build.code, 1, "{}", build.stderr);
        assert_eq!(build.stdout, "");
        assert!(
            build.stderr.ends_with("nothing was written\n"),
            "{}",
            build.stderr
        );
        assert_eq!(
            diagnostics_only(&build.stderr),
            diagnostics_only(&check.stderr)
        );
        assert_eq!(project.output_files(), before, "output/ changed");
    });
}

#[test]
fn json_messages_are_one_object_per_diagnostic() {
    let project = project_with(&fixture("invalid/several-problems.toml"));
    let run = project.run(&["check", "--message-format", "json"]);
    assert_eq!(run.code, 1);
    // As cargo and rustc do: the JSON lines on standard output, nothing else anywhere.
    assert_eq!(run.stderr, "");
    assert!(!run.stdout.is_empty());
    for line in run.stdout.lines() {
        let object: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        let keys: Vec<&str> = object
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "column", "end", "file", "hints", "line", "message", "severity"
            ]
        );
    }
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_warning_is_shown_but_check_and_build_succeed() {
    let project = project_with(&fixture("warnings/verified-in-future.toml"));
    let check = project.run(&["check"]);
    insta::assert_snapshot!(report(&check));
    let build = project.run(&["build", "--format", "cards"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert_eq!(build.stderr, check.stderr);
}

#[test]
fn a_warning_in_json_has_severity_warning() {
    let project = project_with(&fixture("warnings/verified-in-future.toml"));
    let run = project.run(&["check", "--message-format", "json"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_build_with_json_messages_keeps_standard_output_for_json() {
    let project = project_with(&fixture("warnings/verified-in-future.toml"));
    let run = project.run(&["build", "--format", "cards", "--message-format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(!lines.is_empty());
    for line in lines {
        serde_json::from_str::<serde_json::Value>(line).expect("only JSON lines");
    }
    assert!(
        run.stderr.contains("built "),
        "the report, aside: {}",
        run.stderr
    );
}

#[test]
fn a_missing_guide_file_is_named() {
    let project = Project::with_guide("");
    let run = project.run(&["check", "--source", "source/gide.toml"]);
    insta::assert_snapshot!(report(&run));
}

#[test]
fn a_usage_error_exits_with_2_and_writes_nothing() {
    let project = Project::shipped();
    project.write("output/keep-me.txt", "made by hand\n");
    let before = project.output_files();
    for args in [
        &["check", "--no-such-flag"][..],
        &["build", "--card-width", "500"],
        &["frobnicate"],
    ] {
        let run = project.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
    }
    assert_eq!(project.output_files(), before);
}

#[test]
fn the_shipped_guide_checks_clean() {
    let run = Project::shipped().run(&["check"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
}
