//! Translations: `guide.<lang>.toml` beside the guide, built into `output/<lang>/`, checked
//! against the guide, kept up to date with `guidepress translate`.

use crate::common::{Project, fixture, pdf_text, redact_timing};

/// A project with the translations fixture: the guide, `guide.es.toml` (complete) and
/// `guide.vi.toml` (partial, one text out of date).
fn project() -> Project {
    let project = Project::with_fixture("translations/guide.toml");
    for lang in ["es", "vi"] {
        let text =
            std::fs::read_to_string(fixture(&format!("translations/guide.{lang}.toml"))).unwrap();
        project.write(&format!("source/guide.{lang}.toml"), &text);
    }
    project
}

fn built() -> Project {
    let project = project();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    project
}

#[test]
fn check_names_every_untranslated_text_per_language_and_each_text_out_of_date() {
    let run = project().run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn every_translation_is_built_into_its_own_folder_in_every_format() {
    let project = project();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let paths: Vec<String> = project
        .output_files()
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    insta::assert_snapshot!("translated_build_files", paths.join("\n"));
    insta::assert_snapshot!(
        "translated_card_es",
        project.read_text("output/es/cards/students.txt")
    );
    insta::assert_snapshot!(
        "translated_sms_vi",
        project.read_text("output/vi/sms/lifeline.txt")
    );
    insta::assert_snapshot!(
        "translated_pdf_es",
        pdf_text(&project.read("output/es/help-lines.pdf"))
    );
    let manifest = project.read_text("output/manifest.json");
    assert!(manifest.contains("\"language\": \"es\""), "{manifest}");
    assert!(manifest.contains("\"language\": \"vi\""), "{manifest}");
}

#[test]
fn the_spanish_build_has_spanish_words_and_the_guide_own_numbers() {
    let project = built();
    let html = project.read_text("output/es/help-lines.html");
    assert!(html.contains("lang=\"es\""), "{html}");
    let text = pdf_text(&project.read("output/es/help-lines.pdf"));
    for word in ["Phone", "Text:", "Page 1", "Hours", "Website"] {
        assert!(!text.contains(word), "`{word}` in:\n{text}");
    }
    for value in [
        "1-800-4-A-CHILD",
        "1-800-THE-LOST",
        "www.childhelphotline.org",
        "988",
    ] {
        assert!(text.contains(value), "`{value}` missing in:\n{text}");
    }
}

#[test]
fn a_change_to_one_translation_renders_that_language_alone() {
    let project = built();
    let again = project.run(&["build"]);
    assert_eq!(again.code, 0, "{}", again.transcript());
    let es = project.read_text("source/guide.es.toml");
    project.write(
        "source/guide.es.toml",
        &es.replace("Primavera de 2026", "Primavera 2026"),
    );
    let changed = project.run(&["build"]);
    assert_eq!(changed.code, 0, "{}", changed.transcript());
    insta::assert_snapshot!(format!(
        "--- unchanged\n{}\n--- es changed\n{}",
        redact_timing(&again.stdout),
        redact_timing(&changed.stdout)
    ));
}

#[test]
fn verify_checks_every_language_and_finds_a_changed_translated_file() {
    let project = built();
    let ok = project.run(&["verify"]);
    assert_eq!(ok.code, 0, "{}", ok.transcript());
    project.write(
        "output/vi/cards/students.txt",
        "a card that was edited by hand\n",
    );
    let run = project.run(&["verify"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    insta::assert_snapshot!(format!("{}\n{}", ok.transcript(), run.transcript()));
}

#[test]
fn translate_writes_every_text_with_the_guide_text_beside_it_and_a_second_run_changes_nothing() {
    let project = Project::with_fixture("translations/guide.toml");
    let first = project.run(&["translate", "ko"]);
    assert_eq!(first.code, 0, "{}", first.transcript());
    let written = project.read_text("source/guide.ko.toml");
    let second = project.run(&["translate", "ko"]);
    assert_eq!(second.code, 0, "{}", second.transcript());
    assert_eq!(project.read_text("source/guide.ko.toml"), written);
    let check = project.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.transcript());
    insta::assert_snapshot!(format!(
        "{}\n{}\n--- source/guide.ko.toml\n{written}",
        first.transcript(),
        second.transcript()
    ));
}

#[test]
fn translate_keeps_the_translations_and_marks_the_one_out_of_date() {
    let project = project();
    let run = project.run(&["translate", "vi"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let updated = project.read_text("source/guide.vi.toml");
    let again = project.run(&["translate", "vi"]);
    assert_eq!(
        project.read_text("source/guide.vi.toml"),
        updated,
        "{}",
        again.transcript()
    );
    // Still out of date until the translator deletes the `was` lines.
    let check = project.run(&["check"]);
    assert!(
        check
            .stderr
            .contains("`organization.lifeline.about` is out of date"),
        "{}",
        check.stderr
    );
    let kept: Vec<&str> = updated
        .lines()
        .filter(|line| !line.starts_with("# was:") && !line.starts_with("# OUT OF DATE"))
        .collect();
    let fixed = kept.join("\n") + "\n";
    project.write("source/guide.vi.toml", &fixed);
    let check = project.run(&["check"]);
    assert!(!check.stderr.contains("out of date"), "{}", check.stderr);
    insta::assert_snapshot!(format!(
        "{}\n--- source/guide.vi.toml\n{updated}",
        run.transcript()
    ));
}

#[test]
fn broken_translation_files_are_errors_at_their_lines_and_columns() {
    let project = Project::with_fixture("translations/broken/guide.toml");
    for name in ["guide.fr.toml", "guide.de_DE.toml"] {
        let text =
            std::fs::read_to_string(fixture(&format!("translations/broken/{name}"))).unwrap();
        project.write(&format!("source/{name}"), &text);
    }
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
    let build = project.run(&["build"]);
    assert_eq!(build.code, 1, "{}", build.transcript());
    assert!(!project.path().join("output").exists());
}

#[test]
fn diff_lists_the_translations_a_change_of_the_guide_puts_out_of_date() {
    let project = built();
    let guide = project.read_text("source/guide.toml");
    project.write(
        "source/guide.toml",
        &guide.replace(
            "Counselors answer in more than 170 languages through interpreters.",
            "Counselors answer in more than 200 languages through interpreters.",
        ),
    );
    let run = project.run(&["diff"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn diff_as_json_lists_the_translations_out_of_date_and_to_reprint() {
    let project = built();
    let guide = project.read_text("source/guide.toml");
    project.write(
        "source/guide.toml",
        &guide.replace(
            "Counselors answer in more than 170 languages through interpreters.",
            "Counselors answer in more than 200 languages through interpreters.",
        ),
    );
    let run = project.run(&["diff", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    // The Spanish text is out of date; Vietnamese, which printed the English, changes.
    assert_eq!(json["translations"]["reprint"], serde_json::json!(["vi"]));
    insta::assert_snapshot!(run.stdout);
}

/// The guide with a staff edition, a Spanish-only student edition and a confidential
/// contact whose Spanish label a translator also pasted into a public text.
fn with_editions(leak: bool) -> Project {
    let project = project();
    let guide = project.read_text("source/guide.toml").replace(
        "[[card]]",
        "[[organization.contact]]\nid = \"staff\"\nkind = \"phone\"\nlabel = \"Staff direct line\"\nvalue = \"(206) 555-0177\"\nconfidential = true\n\n[[edition]]\nid = \"students\"\nlanguages = [\"es\"]\n\n[[edition]]\nid = \"staff\"\nconfidential = true\n\n[[card]]",
    );
    project.write("source/guide.toml", &guide);
    let mut es = project.read_text("source/guide.es.toml");
    es.push_str("\n[organization.ncmec.contact.staff]\nlabel = \"Línea privada del personal\"\n");
    if leak {
        es = es.replace(
            "summary = \"Ayuda para encontrar",
            "summary = \"Línea privada del personal. Ayuda para encontrar",
        );
    }
    project.write("source/guide.es.toml", &es);
    project
}

#[test]
fn an_edition_builds_the_translations_its_languages_name() {
    let project = with_editions(false);
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let folders: std::collections::BTreeSet<String> = project
        .output_files()
        .into_iter()
        .filter_map(|(path, _)| {
            let parts: Vec<&str> = path.split('/').collect();
            (parts.len() > 1).then(|| parts[..parts.len() - 1].join("/"))
        })
        .collect();
    insta::assert_snapshot!(folders.into_iter().collect::<Vec<_>>().join("\n"));
    let staff = pdf_text(&project.read("output/staff/es/STAFF-ONLY-help-lines.pdf"));
    assert!(staff.contains("Línea privada del personal"), "{staff}");
    let public = pdf_text(&project.read("output/es/help-lines.pdf"));
    assert!(!public.contains("Línea privada"), "{public}");
}

#[test]
fn a_translated_label_of_a_confidential_contact_in_a_public_text_is_refused() {
    let project = with_editions(true);
    let run = project.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        !run.transcript().contains("Línea privada"),
        "{}",
        run.transcript()
    );
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn check_editions_lists_the_languages_each_edition_is_built_in() {
    let plain = project().run(&["check", "--editions"]);
    assert_eq!(plain.code, 0, "{}", plain.transcript());
    insta::assert_snapshot!("check_editions_languages_no_editions", plain.stdout);
    let project = with_editions(false);
    let human = project.run(&["check", "--editions"]);
    assert_eq!(human.code, 0, "{}", human.transcript());
    insta::assert_snapshot!("check_editions_languages", human.stdout);
    let json = project.run(&["check", "--editions", "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.transcript());
    let json: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(json["languages"], serde_json::json!(["en-US", "es", "vi"]));
    assert_eq!(
        json["editions"][0]["languages"],
        serde_json::json!(["en-US", "es"])
    );
}
