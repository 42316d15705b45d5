//! Problems that only rendering finds — a card that does not fit, a character no font of
//! the PDF has, a tri-fold too long: `check` reports each exactly as `build` does, in one
//! run, and writes nothing.

use crate::common::{Project, Run, fixture};

/// Standard error without its closing summary line, the one line in which check
/// ("3 problems found") and build ("3 problems found; nothing was written") differ.
fn diagnostics_only(stderr: &str) -> &str {
    let body = stderr.strip_suffix('\n').unwrap_or(stderr);
    match body.rsplit_once('\n') {
        Some((rest, last)) if last.starts_with("error: ") && !last.contains('│') => {
            &stderr[..=rest.len()]
        }
        _ => stderr,
    }
}

fn check_then_build(path: &std::path::Path) -> (Project, Run, Run) {
    let text = std::fs::read_to_string(path).unwrap();
    let project = Project::with_guide(&text);
    let check = project.run(&["check"]);
    assert!(
        !project.path().join("output").exists(),
        "check wrote output/"
    );
    let build = project.run(&["build"]);
    (project, check, build)
}

#[test]
fn check_reports_what_only_a_build_finds_exactly_as_build_does() {
    insta::glob!("../fixtures/build-only", "*.toml", |path| {
        let (project, check, build) = check_then_build(path);
        assert_eq!(check.code, 1, "{}", check.stderr);
        assert_eq!(check.stdout, "", "check printed ok");
        assert_eq!(build.code, 1, "{}", build.stderr);
        assert!(build.stderr.ends_with("nothing was written\n"));
        assert_eq!(
            diagnostics_only(&check.stderr),
            diagnostics_only(&build.stderr)
        );
        assert!(project.output_files().is_empty(), "build wrote output/");
        insta::assert_snapshot!(check.transcript());
    });
}

#[test]
fn one_check_lists_every_kind_of_build_only_problem() {
    let (_, check, _) = check_then_build(&fixture("build-only/everything-at-once.toml"));
    let stderr = &check.stderr;
    for expected in [
        "the PDF cannot show U+0E15 `ต` in the guide's `intro`",
        "the guide does not fit a tri-fold",
        "card `help` does not fit",
    ] {
        assert!(stderr.contains(expected), "{expected:?} missing:\n{stderr}");
    }
    assert!(stderr.ends_with("problems found\n"), "{stderr}");
}

#[test]
fn a_character_no_font_has_is_shown_at_the_guide_not_the_template() {
    let project = Project::with_fixture("build-only/unprintable-characters.toml");
    let run = project.run(&["build", "--format", "pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("source/guide.toml:26:27"),
        "not at the label's `Ꮣ`:\n{}",
        run.stderr
    );
    for absent in ["template", ".typ", "try using a different font"] {
        assert!(!run.stderr.contains(absent), "{absent:?}:\n{}", run.stderr);
    }
    // The text cards and the EPUB embed no fonts: they are still built.
    let others = project.run(&["build", "--format", "epub,cards"]);
    assert_eq!(others.code, 0, "{}", others.stderr);
}

#[test]
fn check_still_passes_the_shipped_guide() {
    let shipped = Project::shipped().run(&["check"]);
    assert_eq!(shipped.code, 0, "{}", shipped.stderr);
    assert_eq!(
        shipped.stdout,
        "source/guide.toml: ok (5 organizations, 4 contacts, 2 cards)\n"
    );
}

#[test]
fn check_and_build_both_pass_the_crisis_lines() {
    let (project, check, build) = check_then_build(&fixture("crisis-lines.toml"));
    assert_eq!((check.code, check.stderr.as_str()), (0, ""));
    assert_eq!(
        check.stdout,
        "source/guide.toml: ok (7 organizations, 17 contacts, 2 cards)\n"
    );
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(!project.output_files().is_empty());
}

#[test]
fn a_private_use_character_is_refused_only_in_an_archival_pdf() {
    let project = Project::with_fixture("build-only/unprintable-characters.toml");
    let plain = project.run(&["build", "--format", "pdf"]);
    assert!(!plain.stderr.contains("U+F6C5"), "{}", plain.stderr);
    let archival = project.run(&["build", "--format", "pdf", "--pdf-a"]);
    assert!(
        archival.stderr.contains(
            "the PDF/A-2 pamphlet cannot carry U+F6C5 `\u{f6c5}` in organization `embassy` \
             contact `shanghai` `regions` item 2"
        ),
        "{}",
        archival.stderr
    );
    assert!(
        archival.stderr.contains("source/guide.toml:35:32"),
        "{}",
        archival.stderr
    );
}
