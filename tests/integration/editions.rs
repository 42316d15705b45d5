//! `[[edition]]`: each edition built into `output/<id>/` from its own selection of the guide.

use crate::common::{Project, pdf_text, redact_timing};

mod regen;
mod selection;

/// The fixture built once, with every edition.
fn built() -> Project {
    let project = Project::with_fixture("editions.toml");
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    project
}

#[test]
fn every_edition_is_built_into_its_own_folder_beside_the_full_guide() {
    let project = built();
    let paths: Vec<String> = project
        .output_files()
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    insta::assert_snapshot!(paths.join("\n"));
}

#[test]
fn the_staff_edition_alone_is_marked_staff_only_and_carries_the_confidential_line() {
    let project = built();
    let staff = pdf_text(&project.read("output/staff/STAFF-ONLY-family-help.pdf"));
    assert!(staff.contains("(555) 010-3999"), "{staff}");
    for edition in ["students", "clinic"] {
        let text = pdf_text(&project.read(&format!("output/{edition}/family-help.pdf")));
        assert!(!text.contains("010-3999"), "{edition}: {text}");
        assert!(!text.contains("Alder Lane"), "{edition}: {text}");
    }
    let manifest = project.read_text("output/manifest.json");
    for edition in ["students", "clinic", "staff"] {
        assert!(
            manifest.contains(&format!("\"edition\": \"{edition}\"")),
            "{manifest}"
        );
    }
    let _ = redact_timing;
}

mod errors;

#[test]
fn check_editions_says_what_each_edition_keeps_and_drops_and_why() {
    let project = Project::with_fixture("editions.toml");
    let human = project.run(&["check", "--editions"]);
    assert_eq!(human.code, 0, "{}", human.transcript());
    insta::assert_snapshot!("check_editions_human", human.transcript());
    let json = project.run(&["check", "--editions", "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.transcript());
    insta::assert_snapshot!("check_editions_json", json.transcript());
}

#[test]
fn edition_builds_only_the_editions_named() {
    let project = Project::with_fixture("editions.toml");
    let run = project.run(&["build", "--edition", "students", "--format", "pdf,cards"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(redact_timing(&run.transcript()));
    let unknown = project.run(&["build", "--edition", "studnts"]);
    insta::assert_snapshot!("unknown_edition", unknown.transcript());
}

#[test]
fn a_change_to_a_staff_only_contact_rebuilds_the_staff_edition_alone() {
    let project = built();
    let before = project.output_files();
    let guide = project.read_text("source/guide.toml");
    project.write(
        "source/guide.toml",
        &guide.replace("(555) 010-3999", "(555) 010-3998"),
    );
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let skipped: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.contains("skipped"))
        .collect();
    insta::assert_snapshot!(skipped.join("\n"));
    let after = project.output_files();
    for ((path, old), (_, new)) in before.iter().zip(&after) {
        if path.starts_with("students/") || path.starts_with("clinic/") {
            assert_eq!(old, new, "{path} changed");
        }
    }
}

#[test]
fn a_deleted_edition_loses_its_folder_and_the_others_keep_theirs() {
    let project = built();
    let guide = project.read_text("source/guide.toml");
    let clinic = guide
        .find("[[edition]]\nid = \"clinic\"")
        .expect("the clinic edition");
    let staff = guide
        .find("[[edition]]\nid = \"staff\"")
        .expect("the staff edition");
    project.write(
        "source/guide.toml",
        &format!("{}{}", &guide[..clinic], &guide[staff..]),
    );
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(!project.path().join("output/clinic").exists());
    assert!(
        project
            .path()
            .join("output/students/family-help.pdf")
            .exists()
    );
    assert!(
        project
            .path()
            .join("output/staff/STAFF-ONLY-family-help.pdf")
            .exists()
    );
    assert!(!project.read_text("output/manifest.json").contains("clinic"));
}

#[test]
fn editions_leave_the_full_guide_byte_for_byte_as_a_guide_without_editions_makes_it() {
    let with = built();
    let guide = with.read_text("source/guide.toml");
    let first = guide.find("[[edition]]").expect("an edition");
    // Without a staff edition, the staff card (it names a confidential contact) would be
    // public: it goes too, as the public guide leaves it out anyway.
    let card = guide
        .find("[[card]]\nid = \"staff-referrals\"")
        .expect("the staff card");
    let without = Project::with_guide(&format!(
        "{}{}",
        &guide[..card],
        &guide[card..first]
            .split_once("\n\n")
            .map_or("", |(_, rest)| rest)
    ));
    let run = without.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let top_level = |project: &Project| -> Vec<(String, Vec<u8>)> {
        project
            .output_files()
            .into_iter()
            .filter(|(path, _)| {
                !["students/", "clinic/", "staff/"]
                    .iter()
                    .any(|e| path.starts_with(e))
                    && path != "manifest.json"
                    && path != "guide-as-built.toml"
            })
            .collect()
    };
    let (a, b) = (top_level(&with), top_level(&without));
    assert_eq!(
        a.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        b.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{path} differs");
    }
    // Without editions the manifest names none, as before editions existed.
    assert!(
        !without
            .read_text("output/manifest.json")
            .contains("\"edition\"")
    );
    let folders: Vec<String> = without
        .output_files()
        .into_iter()
        .filter_map(|(path, _)| path.split_once('/').map(|(top, _)| top.to_owned()))
        .collect();
    assert!(
        folders.iter().all(|f| f == "cards" || f == "sms"),
        "{folders:?}"
    );
}

/// Where an edition's file is: a staff edition's file names start with `STAFF-ONLY-`.
pub fn file_of(edition: &str, name: &str) -> String {
    let (folder, file) = name.rsplit_once('/').map_or(("", name), |(f, n)| (f, n));
    let prefix = if edition == "staff" {
        "STAFF-ONLY-"
    } else {
        ""
    };
    let folder = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    format!("output/{edition}/{folder}{prefix}{file}")
}
