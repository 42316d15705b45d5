//! `[[edition]]`: each edition built into `output/<id>/` from its own selection of the guide.

use crate::common::{Project, pdf_text, redact_timing};

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
    let staff = pdf_text(&project.read("output/staff/family-help.pdf"));
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
