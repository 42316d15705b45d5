//! A workbook (.xlsx, .ods) or a CSV folder as the guide's directory, and `import`.
//!
//! The fixtures in `tests/fixtures/directory/` are made by `make.py` there from
//! `crisis-lines.toml` (see its first lines to make them again).

use std::fs;

use crate::common::{Project, Run, copy_dir, fixture};

/// A project holding every directory fixture under `d/`.
fn project() -> Project {
    let project = Project::empty();
    copy_dir(&fixture("directory"), &project.path().join("d"));
    project
}

/// Every output file but the manifest (its hashes name the inputs) and the copy of the
/// guide (which holds the rows in place of the `directory` key).
fn outputs(project: &Project) -> Vec<(String, Vec<u8>)> {
    project
        .output_files()
        .into_iter()
        .filter(|(path, _)| path != "manifest.json" && path != "guide-as-built.toml")
        .collect()
}

#[test]
fn a_guide_built_from_a_workbook_is_byte_identical_to_the_same_guide_in_toml() {
    let toml = Project::with_fixture("crisis-lines.toml");
    let run = toml.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let expected = outputs(&toml);
    assert!(expected.len() > 10, "every format was built");
    for guide in [
        "d/crisis-lines-xlsx.toml",
        "d/crisis-lines-ods.toml",
        "d/crisis-lines-csv.toml",
    ] {
        let project = project();
        let run = project.run(&["build", "--source", guide]);
        assert_eq!(run.code, 0, "{guide}: {}", run.transcript());
        let built = outputs(&project);
        let names =
            |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&built), names(&expected), "{guide}");
        for ((path, bytes), (_, want)) in built.iter().zip(&expected) {
            assert!(
                bytes == want,
                "{guide}: {path} differs from the TOML guide's"
            );
        }
        // The copy stands alone: the same guide as the TOML fixture, with no directory.
        let copy = project.read_text("output/guide-as-built.toml");
        assert!(!copy.contains("directory = "), "{copy}");
        fs::copy(
            fixture("crisis-lines.toml"),
            project.path().join("toml.toml"),
        )
        .unwrap();
        let diff = project.run(&["diff", "toml.toml", "output/guide-as-built.toml"]);
        assert_eq!(diff.code, 0, "{guide}: {}", diff.transcript());
    }
}

#[test]
fn check_accepts_each_directory_and_says_what_it_read() {
    let project = project();
    for guide in [
        "d/crisis-lines-xlsx.toml",
        "d/crisis-lines-ods.toml",
        "d/crisis-lines-csv.toml",
    ] {
        let run = project.run(&["check", "--source", guide]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        assert!(
            run.stdout
                .contains("ok (7 organizations, 17 contacts, 2 cards)"),
            "{}",
            run.transcript()
        );
    }
}

fn check(project: &Project, guide: &str) -> Run {
    project.run(&["check", "--source", &format!("d/broken/{guide}.toml")])
}

#[test]
fn every_problem_of_a_workbook_is_shown_at_its_cell() {
    let project = project();
    for name in [
        "phone-as-number",
        "dates",
        "formulas",
        "unknown-header",
        "merged",
        "sheets",
        "contact-sheet",
        "organizations",
        "rules",
        "error-value",
        "csv-folder",
        "ods-number",
        "ods-merged",
    ] {
        let run = check(&project, name);
        insta::assert_snapshot!(format!("directory_{name}"), run.transcript());
    }
}

#[test]
fn json_diagnostics_name_the_file_sheet_and_cell() {
    let project = project();
    let run = project.run(&[
        "check",
        "--source",
        "d/broken/phone-as-number.toml",
        "--message-format",
        "json",
    ]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_diagnostics_name_the_merged_cells_of_an_ods() {
    let project = project();
    let run = project.run(&[
        "check",
        "--source",
        "d/broken/ods-merged.toml",
        "--message-format",
        "json",
    ]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn import_writes_a_guide_that_check_accepts_at_once() {
    let project = project();
    for input in [
        "d/crisis-lines.xlsx",
        "d/crisis-lines.ods",
        "d/crisis-lines-csv",
    ] {
        let run = project.run(&["import", input, "-o", "imported.toml"]);
        assert_eq!(run.code, 0, "{input}: {}", run.transcript());
        let check = project.run(&["check", "--source", "imported.toml"]);
        assert_eq!(check.code, 0, "{input}: {}", check.transcript());
        // The organizations and contacts are those of the TOML fixture.
        fs::copy(
            fixture("crisis-lines.toml"),
            project.path().join("toml.toml"),
        )
        .unwrap();
        let diff = project.run(&["diff", "toml.toml", "imported.toml", "--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(&diff.stdout).expect("JSON");
        assert_eq!(
            json["organizations"],
            serde_json::json!([]),
            "{input}: {}",
            diff.stdout
        );
    }
    let run = project.run(&["import", "d/crisis-lines.xlsx"]);
    let today = run
        .stdout
        .lines()
        .find(|l| l.starts_with("date = "))
        .unwrap()
        .to_owned();
    insta::assert_snapshot!(run.stdout.replace(&today, "date = [TODAY]"));
}

#[test]
fn import_of_a_broken_workbook_shows_the_cells_and_writes_nothing() {
    let project = project();
    let run = project.run(&["import", "d/broken/rules.xlsx", "-o", "imported.toml"]);
    assert_eq!(run.code, 1);
    assert!(!project.path().join("imported.toml").exists());
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn review_and_verified_name_the_cell_to_update() {
    let project = project();
    let review = project.run(&[
        "review",
        "--source",
        "d/broken/sheets.toml",
        "--today",
        "2026-12-01",
    ]);
    insta::assert_snapshot!(review.transcript());
    let verified = project.run(&[
        "verified",
        "trevor",
        "--source",
        "d/broken/sheets.toml",
        "--date",
        "2026-01-02",
    ]);
    assert_eq!(verified.code, 1);
    insta::assert_snapshot!(verified.transcript());
}

#[test]
fn diff_of_two_versions_of_a_csv_directory_names_the_changed_contacts() {
    let project = project();
    copy_dir(
        &project.path().join("d/crisis-lines-csv"),
        &project.path().join("old-csv"),
    );
    let contacts = project.read_text("d/crisis-lines-csv/contacts.csv");
    project.write(
        "d/crisis-lines-csv/contacts.csv",
        &contacts.replace("1-866-488-7386", "1-866-488-7387"),
    );
    let run = project.run(&[
        "diff",
        "old-csv",
        "d/crisis-lines-csv",
        "--source",
        "d/crisis-lines-csv.toml",
    ]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_build_is_redone_when_the_directory_changes_and_only_then() {
    let project = project();
    let source = "d/crisis-lines-csv.toml";
    let formats = ["build", "--source", source, "--format", "cards"];
    assert_eq!(project.run(&formats).code, 0);
    let again = project.run(&formats);
    assert!(
        again.stdout.contains("cards: up to date"),
        "{}",
        again.transcript()
    );
    let contacts = project.read_text("d/crisis-lines-csv/contacts.csv");
    project.write(
        "d/crisis-lines-csv/contacts.csv",
        &contacts.replace("Text HOME to", "Text HELLO to"),
    );
    let changed = project.run(&formats);
    assert!(
        !changed.stdout.contains("up to date"),
        "{}",
        changed.transcript()
    );
    assert!(
        project
            .read_text("output/crisis-lines-cards.txt")
            .contains("HELLO")
    );
}
