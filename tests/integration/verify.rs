//! `guidepress verify`: the built files read back against the guide and the manifest.

use crate::common::{Project, failing_verify};

/// The shipped guide, built.
fn built() -> Project {
    let project = Project::shipped();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    project
}

#[test]
fn verify_passes_on_a_fresh_build_of_the_shipped_guide() {
    let project = built();
    let run = project.run(&["verify"]);
    insta::assert_snapshot!(run.transcript());
    assert_eq!(run.code, 0);
}

#[test]
fn a_pdf_replaced_by_another_guides_pdf_is_named_with_every_contact_it_lacks() {
    let project = built();
    let other = Project::with_guide(
        "[guide]\nid = \"other\"\ntitle = \"Another guide\"\nlanguage = \"en\"\ndate = 2024-01-01\n\n\
         [[organization]]\nid = \"help\"\nname = \"Helpline\"\nsummary = \"A helpline.\"\nabout = \"A helpline.\"\n\n\
         [[organization.contact]]\nid = \"phone\"\nkind = \"phone\"\nlabel = \"Helpline\"\nvalue = \"1-800-555-0100\"\n",
    );
    assert_eq!(other.run(&["build", "--format", "pdf"]).code, 0);
    std::fs::write(
        project.path().join("output/icac-resources.pdf"),
        other.read("output/other.pdf"),
    )
    .unwrap();
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn a_pdf_of_an_edition_with_another_number_names_the_contacts_it_lacks() {
    // The old number everywhere, prose included: a stale print of the same guide.
    let project = built();
    let source = project
        .read_text("source/guide.toml")
        .replace("1-800-843-5678", "1-800-843-5687");
    let older = Project::with_guide(&source);
    assert_eq!(older.run(&["build", "--format", "pdf"]).code, 0);
    std::fs::write(
        project.path().join("output/icac-resources.pdf"),
        older.read("output/icac-resources.pdf"),
    )
    .unwrap();
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn a_card_edited_by_hand_is_named_with_the_contact_it_no_longer_shows() {
    let project = built();
    let card = project.read_text("output/cards/report.txt");
    assert!(card.contains("1-800-843-5678"));
    project.write(
        "output/cards/report.txt",
        &card.replace("1-800-843-5678", "1-800-843-5687"),
    );
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn a_file_dropped_into_the_output_folder_is_extra_but_hidden_files_are_not() {
    let project = built();
    project.write("output/notes.txt", "my notes\n");
    project.write("output/cards/old-card.txt", "an old card\n");
    project.write("output/.DS_Store", "finder\n");
    project.write("output/.cache/state", "hidden\n");
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn a_deleted_artifact_is_missing() {
    let project = built();
    std::fs::remove_file(project.path().join("output/icac-resources.epub")).unwrap();
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn a_source_changed_after_the_build_makes_every_file_out_of_date() {
    let project = built();
    let source = project.read_text("source/guide.toml");
    let changed = source.replacen(
        "value = \"1-800-843-5678\"",
        "value = \"1-800-843-5679\"",
        1,
    );
    assert_ne!(changed, source);
    project.write("source/guide.toml", &changed);
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn a_template_changed_after_the_build_makes_its_formats_out_of_date() {
    let project = built();
    let card = project.read_text("templates/cards/card.txt.j2");
    project.write(
        "templates/cards/card.txt.j2",
        &format!("{{#- changed -#}}\n{card}"),
    );
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn a_build_with_command_line_settings_counts_as_out_of_date() {
    let project = Project::shipped();
    assert_eq!(
        project
            .run(&["build", "--paper", "a4", "--format", "pdf"])
            .code,
        0
    );
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn an_output_folder_without_a_manifest_has_nothing_to_verify() {
    let project = Project::shipped();
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn a_manifest_entry_that_leads_out_of_the_folder_is_refused() {
    let project = built();
    let manifest = project.read_text("output/manifest.json");
    let entry = "\"artifacts\": {\n    \"../source/guide.toml\": {\"format\": \"pdf\", \"size\": 1, \"sha256\": \"00\", \"inputs\": \"00\"},";
    project.write(
        "output/manifest.json",
        &manifest.replacen("\"artifacts\": {", entry, 1),
    );
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn problems_can_be_read_as_json_lines() {
    let project = built();
    std::fs::remove_file(project.path().join("output/cards/law-enforcement.txt")).unwrap();
    let run = project.run(&["verify", "--message-format", "json"]);
    insta::assert_snapshot!(run.transcript());
    assert_eq!(run.code, 1);
}

#[test]
fn verify_reads_the_folder_and_source_it_is_given() {
    let project = Project::shipped();
    std::fs::rename(
        project.path().join("source/guide.toml"),
        project.path().join("guide.toml"),
    )
    .unwrap();
    assert_eq!(
        project
            .run(&["build", "--source", "guide.toml", "--out", "print"])
            .code,
        0
    );
    let run = project.run(&["verify", "--source", "guide.toml", "--out", "print"]);
    insta::assert_snapshot!(run.transcript());
    assert_eq!(run.code, 0);
}

#[test]
fn letters_drawn_from_a_letter_and_an_accent_are_read_as_written() {
    // The pamphlet font has no precomposed glyph for most of these: Typst draws a letter
    // and an accent and marks them with the text they stand for (ActualText), which a
    // reader that only looks at glyphs gets wrong (`Ĵ` as `J` and another letter).
    let letters = "ĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĦħĨĩĪīĬĭĮįİıĲĳĴĵĶķĸĹĻļĽľĿŀŁłŃńŅņŇňŉŊŋ\\n\
                   ŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſ";
    let project = Project::with_guide(&format!(
        "[guide]\nid = \"letters\"\ntitle = \"Letters\"\nlanguage = \"en\"\ndate = 2024-01-01\n\n\
         [[organization]]\nid = \"org\"\nname = \"Org\"\nsummary = \"An organization.\"\nabout = \"About it.\"\n\n\
         [[organization.contact]]\nid = \"post\"\nkind = \"address\"\nlabel = \"Post\"\nvalue = \"{letters}\"\n"
    ));
    assert_eq!(project.run(&["build"]).code, 0);
    let run = project.run(&["verify"]);
    insta::assert_snapshot!(run.transcript());
    assert_eq!(run.code, 0);
}

#[test]
fn a_pdf_whose_pages_lost_their_tags_is_named_with_what_is_broken() {
    let project = built();
    let path = project.path().join("output/icac-resources.pdf");
    let mut doc = lopdf::Document::load_mem(&std::fs::read(&path).unwrap()).unwrap();
    // The first page no longer says where its tags are in the parent tree.
    let first = *doc.get_pages().values().next().unwrap();
    doc.get_dictionary_mut(first)
        .unwrap()
        .remove(b"StructParents");
    let mut broken = Vec::new();
    doc.save_to(&mut broken).unwrap();
    std::fs::write(&path, broken).unwrap();
    insta::assert_snapshot!(failing_verify(&project).transcript());
}
