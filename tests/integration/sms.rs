//! Text-message snippets (`output/sms/<organization>.txt`): each exactly one SMS,
//! measured in the GSM 7-bit alphabet or in UCS-2, never cut; a message too long is an
//! error that `check` and `build` report alike, and the other formats still build.

use guidepress::render::sms::length::{Encoding, Length, measure};

use crate::common::{Project, Run, failing_verify};

/// The formats other than `sms` that `build` makes by default.
const OTHERS: &str = "pdf,epub,cards,card-sheet";

fn run_ok(project: &Project, args: &[&str]) -> Run {
    let run = project.run(args);
    assert_eq!(run.code, 0, "{args:?}:\n{}", run.transcript());
    run
}

/// Every snippet the project's output holds, by path, as text.
fn snippets(project: &Project) -> Vec<(String, String)> {
    project
        .output_files()
        .into_iter()
        .filter(|(path, _)| path.starts_with("sms/"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("UTF-8")))
        .collect()
}

/// Checks what every snippet must be, and shows them all, each with its length.
fn checked(snippets: &[(String, String)]) -> String {
    let mut shown = String::new();
    for (path, text) in snippets {
        assert!(!text.ends_with('\n'), "{path} ends with a line break");
        assert!(
            text.lines().all(|line| line == line.trim_end()),
            "{path} has trailing spaces"
        );
        let length = measure(text);
        assert!(length.over().is_none(), "{path} does not fit: {length:?}");
        shown.push_str(&format!("--- {path}: {}\n{text}\n", described(length)));
    }
    shown
}

fn described(length: Length) -> String {
    match length.encoding {
        Encoding::Gsm7 => format!("{} of 160 (GSM 7-bit)", length.units),
        Encoding::Ucs2 { first } => format!("{} of 70 (UCS-2, for {first:?})", length.units),
    }
}

#[test]
fn every_snippet_of_the_shipped_guide_fits_one_text_message() {
    let project = Project::shipped();
    run_ok(&project, &["build", "--format", "sms"]);
    let snippets = snippets(&project);
    let paths: Vec<&str> = snippets.iter().map(|(p, _)| p.as_str()).collect();
    // The FBI, the Postal Inspection Service and Customs have no contact to text.
    assert_eq!(paths, ["sms/icac-task-forces.txt", "sms/ncmec.txt"]);
    insta::assert_snapshot!("shipped", checked(&snippets));
}

#[test]
fn every_snippet_of_the_crisis_lines_fits_one_text_message() {
    let project = Project::with_fixture("crisis-lines.toml");
    run_ok(&project, &["build", "--format", "sms"]);
    let snippets = snippets(&project);
    assert_eq!(snippets.len(), 7, "one per organization");
    insta::assert_snapshot!("crisis-lines", checked(&snippets));
}

#[test]
fn snippets_of_exactly_160_and_exactly_70_fit() {
    let project = Project::with_fixture("sms/at-the-limit.toml");
    // Only the snippets: the PDF has no font for the emoji.
    run_ok(&project, &["build", "--format", "sms"]);
    let snippets = snippets(&project);
    let length = |path: &str| {
        let text = &snippets.iter().find(|(p, _)| p == path).expect(path).1;
        measure(text)
    };
    assert_eq!(
        length("sms/at-160.txt"),
        Length {
            encoding: Encoding::Gsm7,
            units: 160
        }
    );
    assert_eq!(
        length("sms/at-70.txt"),
        Length {
            encoding: Encoding::Ucs2 { first: 'Ł' },
            units: 70
        }
    );
    assert!(
        !snippets.iter().any(|(p, _)| p == "sms/no-contact.txt"),
        "an organization with only a postal address has no snippet"
    );
    insta::assert_snapshot!("at-the-limit", checked(&snippets));
}

/// Builds and checks a guide whose snippet cannot fit in one message: both warn alike,
/// nothing is cut, and every format is built, the message written whole.
fn too_long(name: &str) -> String {
    let project = Project::with_fixture(name);
    let check = project.run(&["check"]);
    let build = project.run(&["build"]);
    assert_eq!(check.code, 0, "{}", check.transcript());
    assert_eq!(build.code, 0, "{}", build.transcript());
    assert_eq!(check.stderr, build.stderr);
    let verify = project.run(&["verify"]);
    assert_eq!(verify.code, 0, "{}", verify.transcript());
    let mut shown = build.transcript();
    for (path, text) in snippets(&project) {
        shown.push_str(&format!("--- {path}, written whole\n{text}\n"));
    }
    shown
}

#[test]
fn a_message_too_long_in_gsm_says_by_how_much() {
    insta::assert_snapshot!(too_long("sms/too-long-gsm.toml"));
}

#[test]
fn a_message_too_long_in_ucs2_names_the_character_that_makes_it_ucs2() {
    insta::assert_snapshot!(too_long("sms/too-long-ucs2.toml"));
}

#[test]
fn a_message_too_long_in_cyrillic_names_the_script_not_each_letter() {
    insta::assert_snapshot!(too_long("sms/too-long-cyrillic.toml"));
}

#[test]
fn verify_names_a_snippet_changed_by_hand() {
    let project = Project::shipped();
    run_ok(&project, &["build"]);
    run_ok(&project, &["verify"]);
    let snippet = project.read_text("output/sms/ncmec.txt");
    assert!(snippet.contains("1-800-843-5678"));
    project.write(
        "output/sms/ncmec.txt",
        &snippet.replace("1-800-843-5678", "1-800-843-5687"),
    );
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn verify_names_a_missing_snippet() {
    let project = Project::shipped();
    run_ok(&project, &["build"]);
    std::fs::remove_file(project.path().join("output/sms/ncmec.txt")).unwrap();
    let run = failing_verify(&project);
    assert!(run.stderr.contains("sms/ncmec.txt"), "{}", run.transcript());
}

#[test]
fn format_without_sms_leaves_the_snippets_out() {
    let project = Project::shipped();
    run_ok(&project, &["build", "--format", OTHERS]);
    assert!(!project.path().join("output/sms").exists());
    run_ok(&project, &["build"]);
    assert_eq!(snippets(&project).len(), 2, "built by default");
}
