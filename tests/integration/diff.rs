//! `guidepress diff OLD NEW`: what changed between two guides and what to reprint, in
//! words and as JSON, with `diff`'s exit codes (0 same, 1 different, 2 errors).

use std::fs;

use crate::common::{Project, Run, fixture};

/// A project holding every guide under `tests/fixtures/diff/`, by file name.
fn guides() -> Project {
    let project = Project::empty();
    for entry in fs::read_dir(fixture("diff")).expect("the diff fixtures") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        project.write(&name, &fs::read_to_string(&path).unwrap());
    }
    project
}

fn diff(args: &[&str]) -> Run {
    let mut all = vec!["diff"];
    all.extend(args);
    guides().run(&all)
}

/// Compares `base.toml` with `<name>.toml` in both formats; both must say "different".
fn snapshot_both_formats(name: &str) {
    let new = format!("{name}.toml");
    let human = diff(&["base.toml", &new]);
    assert_eq!(human.code, 1, "{}", human.stderr);
    insta::assert_snapshot!(format!("{name}_human"), human.transcript());
    let json = diff(&["base.toml", &new, "--format", "json"]);
    assert_eq!(json.code, 1, "{}", json.stderr);
    serde_json::from_str::<serde_json::Value>(&json.stdout)
        .expect("the report is one JSON document");
    insta::assert_snapshot!(format!("{name}_json"), json.transcript());
}

#[test]
fn a_changed_phone_number_names_the_contact_the_old_text_and_the_card() {
    snapshot_both_formats("phone-changed");
}

#[test]
fn an_added_contact_reprints_the_pamphlet_and_epub_but_no_card() {
    snapshot_both_formats("contact-added");
}

#[test]
fn a_card_whose_contacts_changed_is_the_only_thing_to_reprint() {
    snapshot_both_formats("card-contact-changed");
}

#[test]
fn a_renamed_organization_is_reported_as_renamed_with_its_text_summarised() {
    snapshot_both_formats("org-renamed");
}

#[test]
fn an_organization_with_a_new_id_but_the_same_name_is_matched_by_name() {
    snapshot_both_formats("org-id-changed");
}

#[test]
fn many_changes_at_once_are_grouped_in_guide_order_with_every_card_to_print_or_withdraw() {
    snapshot_both_formats("many-changes");
}

#[test]
fn the_same_guide_written_differently_is_equivalent_and_exits_0() {
    let run = diff(&["base.toml", "reformatted.toml"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("reformatted_human", run.transcript());
    let json = diff(&["base.toml", "reformatted.toml", "--format", "json"]);
    assert_eq!(json.code, 0);
    insta::assert_snapshot!("reformatted_json", json.transcript());
}

#[test]
fn swapping_old_and_new_reports_the_reverse_change() {
    let run = diff(&["contact-added.toml", "base.toml"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn the_old_guide_can_come_from_standard_input() {
    let project = guides();
    let base = fs::read_to_string(fixture("diff/base.toml")).unwrap();
    let run = project.run_with_stdin(&["diff", "-", "phone-changed.toml"], &base);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn an_invalid_guide_exits_2_with_its_errors() {
    let run = diff(&["base.toml", "broken.toml"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_missing_file_exits_2() {
    let run = diff(&["no-such-guide.toml", "base.toml"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn both_sides_from_standard_input_is_refused_with_exit_2() {
    let run = guides().run_with_stdin(&["diff", "-", "-"], "");
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_changed_web_url_reprints_every_printed_output_but_no_text_card() {
    let project = guides();
    let base = fs::read_to_string(fixture("diff/base.toml")).unwrap();
    let with = |url: &str| {
        base.replacen(
            "edition = \"March 2026\"\n",
            &format!("edition = \"March 2026\"\nweb_url = \"{url}\"\n"),
            1,
        )
    };
    project.write("old.toml", &with("https://riverside.example.org/help"));
    project.write(
        "new.toml",
        &with("https://www.riverside.example.org/help-lines"),
    );
    let human = project.run(&["diff", "old.toml", "new.toml"]);
    assert_eq!(human.code, 1, "{}", human.stderr);
    insta::assert_snapshot!("web-url-changed_human", human.transcript());
    let json = project.run(&["diff", "old.toml", "new.toml", "--format", "json"]);
    assert_eq!(json.code, 1, "{}", json.stderr);
    insta::assert_snapshot!("web-url-changed_json", json.transcript());
}
