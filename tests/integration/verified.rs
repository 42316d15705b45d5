//! `guidepress verified`: a contact's `verified` date set in the guide file, and not one
//! other byte of it changed.

use crate::common::{Project, fixture};

const COMMENTED: &str = "verified/commented.toml";

/// The lines that differ between two texts, `-` removed and `+` added, in order.
fn changed_lines(old: &str, new: &str) -> Vec<String> {
    similar::TextDiff::from_lines(old, new)
        .iter_all_changes()
        .filter_map(|change| {
            let sign = match change.tag() {
                similar::ChangeTag::Equal => return None,
                similar::ChangeTag::Delete => '-',
                similar::ChangeTag::Insert => '+',
            };
            Some(format!(
                "{sign}{}",
                change.value().trim_end_matches(['\n', '\r'])
            ))
        })
        .collect()
}

fn original() -> String {
    std::fs::read_to_string(fixture(COMMENTED)).unwrap()
}

#[test]
fn every_other_byte_of_a_commented_guide_is_kept() {
    let project = Project::with_fixture(COMMENTED);
    let run = project.run(&[
        "verified",
        "crisis-line",
        "food-bank",
        "legal-aid",
        "--date",
        "2026-06-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
    let edited = project.read_text("source/guide.toml");
    let expected = std::fs::read_to_string(fixture("verified/commented.expected.toml")).unwrap();
    assert_eq!(edited, expected);
    assert_eq!(
        changed_lines(&original(), &edited),
        [
            "-  verified   =   2025-05-20   # checked by phone",
            "+  verified   =   2026-06-01   # checked by phone",
            "+  verified = 2026-06-01",
            "-  { id = \"address\", kind = \"address\", label = \"Walk in\", value = \"12 Mill Road, Riverside\", verified = 2023-02-14 },",
            "-  { id = \"phone\", kind = \"phone\", label = \"Deliveries\", value = \"(206) 555-0150\" },   # no date yet",
            "+  { id = \"address\", kind = \"address\", label = \"Walk in\", value = \"12 Mill Road, Riverside\", verified = 2026-06-01 },",
            "+  { id = \"phone\", kind = \"phone\", label = \"Deliveries\", value = \"(206) 555-0150\", verified = 2026-06-01 },   # no date yet",
            "+    verified = 2026-06-01,",
            "+verified=2026-06-01",
            "-verified=\"2024-09-30\"            # written as text by mistake",
            "+verified=2026-06-01            # written as text by mistake",
        ]
    );
    let check = project.run(&["check"]);
    assert_eq!(
        check.code,
        0,
        "the edited guide is valid: {}",
        check.transcript()
    );
}

#[test]
fn one_contact_is_one_new_line() {
    let project = Project::with_fixture(COMMENTED);
    let run = project.run(&["verified", "crisis-line.web", "--date", "2026-06-01"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, "crisis-line.web: verified never → 2026-06-01\n");
    let edited = project.read_text("source/guide.toml");
    assert_eq!(
        changed_lines(&original(), &edited),
        ["+  verified = 2026-06-01"]
    );
}

#[test]
fn an_organization_stands_for_all_of_its_contacts() {
    let project = Project::with_fixture(COMMENTED);
    let run = project.run(&["verified", "food-bank", "--date", "2026-06-01"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        run.stdout,
        "food-bank.address: verified 2023-02-14 → 2026-06-01\n\
         food-bank.phone: verified never → 2026-06-01\n\
         food-bank.text: verified never → 2026-06-01\n"
    );
    let edited = project.read_text("source/guide.toml");
    assert_eq!(
        changed_lines(&original(), &edited).len(),
        5,
        "2 lines replaced, 1 added"
    );
    let guide: toml::Table = toml::from_str(&edited).unwrap();
    let food_bank = guide["organization"]
        .as_array()
        .unwrap()
        .iter()
        .find(|org| org["id"].as_str() == Some("food-bank"))
        .unwrap();
    for contact in food_bank["contact"].as_array().unwrap() {
        assert_eq!(contact["verified"].to_string(), "2026-06-01", "{contact}");
    }
}

#[test]
fn without_a_date_today_is_recorded() {
    let project = Project::with_fixture(COMMENTED);
    let before = time::OffsetDateTime::now_utc().date();
    let run = project.run(&["verified", "legal-aid.email"]);
    let after = time::OffsetDateTime::now_utc().date();
    assert_eq!(run.code, 0, "{}", run.transcript());
    let day = [before, after]
        .into_iter()
        .find(|day| run.stdout == format!("legal-aid.email: verified never → {day}\n"))
        .unwrap_or_else(|| panic!("today's date: {}", run.stdout));
    let edited = project.read_text("source/guide.toml");
    assert_eq!(
        changed_lines(&original(), &edited),
        [format!("+verified={day}")]
    );
}

#[test]
fn the_same_date_again_changes_nothing() {
    let project = Project::with_fixture(COMMENTED);
    let first = project.run(&["verified", "crisis-line.phone", "--date", "2026-06-01"]);
    assert_eq!(first.code, 0, "{}", first.transcript());
    let path = project.path().join("source/guide.toml");
    let written = std::fs::metadata(&path).unwrap().modified().unwrap();
    let bytes = project.read("source/guide.toml");
    let again = project.run(&["verified", "crisis-line.phone", "--date", "2026-06-01"]);
    assert_eq!(again.code, 0);
    assert_eq!(
        again.stdout,
        "crisis-line.phone: verified 2026-06-01 already, unchanged\n"
    );
    assert_eq!(project.read("source/guide.toml"), bytes);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        written,
        "not rewritten"
    );
}

#[test]
fn unknown_references_are_errors_with_a_suggestion_and_nothing_is_written() {
    let project = Project::with_fixture(COMMENTED);
    let run = project.run(&[
        "verified",
        "crisis-line.phone",
        "crisis-line.wbe",
        "food-bnak",
        "legal-aid.fax",
        "crisis-lin.text",
        "crisis-lin.phone",
        "nobody.phone",
        "--date",
        "2026-06-01",
    ]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript());
    assert_eq!(project.read_text("source/guide.toml"), original());
}

#[test]
fn a_date_that_is_not_a_day_is_a_usage_error() {
    let project = Project::with_fixture(COMMENTED);
    let run = project.run(&["verified", "crisis-line.phone", "--date", "1/6/2026"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.transcript());
    assert_eq!(project.read_text("source/guide.toml"), original());
}

#[test]
fn a_date_in_the_future_is_a_usage_error() {
    let project = Project::with_fixture(COMMENTED);
    let run = project.run(&["verified", "crisis-line.phone", "--date", "2999-01-01"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.transcript());
    assert_eq!(project.read_text("source/guide.toml"), original());
}

#[test]
fn a_guide_that_is_not_toml_is_not_touched() {
    let broken = original().replace("label = \"Chat online\"", "label = Chat online");
    let project = Project::with_guide(&broken);
    let run = project.run(&["verified", "crisis-line.phone", "--date", "2026-06-01"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript());
    assert_eq!(project.read_text("source/guide.toml"), broken);
}

#[test]
fn other_problems_of_the_guide_warn_but_do_not_stop_the_edit() {
    // legal-aid.phone's date is written as text: an error for `check`, not for this edit.
    let project = Project::with_fixture(COMMENTED);
    let run = project.run(&["verified", "crisis-line.phone", "--date", "2026-06-01"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.transcript());
    let edited = project.read_text("source/guide.toml");
    assert_eq!(changed_lines(&original(), &edited).len(), 2);
}

#[test]
fn source_flag_edits_another_guide() {
    let project = Project::empty();
    project.write("guides/spring.toml", &original());
    let run = project.run(&[
        "verified",
        "--source",
        "guides/spring.toml",
        "crisis-line.web",
        "--date",
        "2026-06-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let edited = project.read_text("guides/spring.toml");
    assert_eq!(
        changed_lines(&original(), &edited),
        ["+  verified = 2026-06-01"]
    );
}

#[test]
fn line_ends_a_byte_order_mark_and_a_missing_final_newline_are_kept() {
    let guide = [
        "[guide]",
        "id = \"crlf\"",
        "title = \"Written on Windows\"",
        "language = \"en\"",
        "date = 2026-01-01",
        "",
        "[[organization]]",
        "id = \"helpline\"",
        "name = \"Helpline\"",
        "summary = \"Someone to talk to.\"",
        "about = \"Volunteers answer.\"",
        "",
        "[[organization.contact]]",
        "id = \"phone\"",
        "kind = \"phone\"",
        "label = \"Call\"",
        "value = \"(206) 555-0100\"",
    ]
    .join("\r\n");
    let project = Project::empty();
    let bytes = [&b"\xEF\xBB\xBF"[..], guide.as_bytes()].concat();
    std::fs::create_dir_all(project.path().join("source")).unwrap();
    std::fs::write(project.path().join("source/guide.toml"), &bytes).unwrap();
    let run = project.run(&["verified", "helpline.phone", "--date", "2026-06-01"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let expected = [bytes, b"\r\nverified = 2026-06-01".to_vec()].concat();
    assert_eq!(project.read("source/guide.toml"), expected);
}

#[cfg(unix)]
#[test]
fn the_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let project = Project::with_fixture(COMMENTED);
    let path = project.path().join("source/guide.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let run = project.run(&["verified", "crisis-line.web", "--date", "2026-06-01"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let leftovers: Vec<_> = std::fs::read_dir(project.path().join("source"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers,
        ["guide.toml"],
        "no temporary file is left behind"
    );
}

#[test]
fn a_reference_written_twice_in_the_guide_is_refused() {
    let twice = original().replace("id = \"web\"", "id = \"phone\"");
    let project = Project::with_guide(&twice);
    let run = project.run(&["verified", "crisis-line.phone", "--date", "2026-06-01"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript());
    assert_eq!(project.read_text("source/guide.toml"), twice);
}
