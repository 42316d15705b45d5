//! `guidepress review`: contacts whose `verified` date is missing or too old, oldest first.

use crate::common::Project;

#[test]
fn due_contacts_are_listed_never_verified_first_then_oldest_first() {
    let project = Project::with_fixture("review/mixed.toml");
    let run = project.run(&["review", "--today", "2026-06-01"]);
    assert_eq!(
        run.code, 0,
        "without --strict, due contacts are not a failure"
    );
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn strict_exits_1_when_anything_is_due() {
    let project = Project::with_fixture("review/mixed.toml");
    let plain = project.run(&["review", "--today", "2026-06-01"]);
    let strict = project.run(&["review", "--today", "2026-06-01", "--strict"]);
    assert_eq!(strict.code, 1);
    assert_eq!(strict.stdout, plain.stdout);
}

#[test]
fn json_lists_every_due_contact_with_its_age() {
    let project = Project::with_fixture("review/mixed.toml");
    let run = project.run(&["review", "--today", "2026-06-01", "--format", "json"]);
    assert_eq!(run.code, 0);
    serde_json::from_str::<serde_json::Value>(&run.stdout).expect("one JSON document");
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn nothing_due_says_so_and_strict_exits_0() {
    let project = Project::with_fixture("review/all-recent.toml");
    let run = project.run(&["review", "--today", "2026-06-01", "--strict"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_later_day_makes_recent_contacts_due() {
    let project = Project::with_fixture("review/all-recent.toml");
    let run = project.run(&["review", "--today", "2026-06-02", "--strict"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_today_that_is_not_a_date_is_a_usage_error() {
    let project = Project::with_fixture("review/all-recent.toml");
    let run = project.run(&["review", "--today", "2026-02-30"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn source_flag_reviews_another_guide() {
    let project = Project::empty();
    project.write(
        "elsewhere/guide.toml",
        &std::fs::read_to_string(crate::common::fixture("review/all-recent.toml")).unwrap(),
    );
    let run = project.run(&[
        "review",
        "--source",
        "elsewhere/guide.toml",
        "--today",
        "2026-06-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_missing_guide_exits_1_with_the_usual_error() {
    let run = Project::empty().run(&["review"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn the_suggested_commands_run_as_printed() {
    let project = Project::empty();
    project.write(
        "my guides/guide.toml",
        &std::fs::read_to_string(crate::common::fixture("review/mixed.toml")).unwrap(),
    );
    let review = ["review", "--source", "my guides/guide.toml", "--today"];
    let run = project.run(&[&review[..], &["2026-06-01"]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.transcript());
    let commands: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|line| line.strip_prefix("  guidepress "))
        .collect();
    assert_eq!(commands.len(), 5);
    let bin = std::path::Path::new(crate::common::BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for command in commands {
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("guidepress {command} --date 2026-06-01"))
            .current_dir(project.path())
            .env("PATH", &path)
            .status()
            .unwrap();
        assert!(status.success(), "{command}");
    }
    let again = project.run(&[&review[..], &["2026-06-01"]].concat());
    assert_eq!(
        again.stdout,
        "Nothing to review: each of the 7 contacts was verified within 180 days of 2026-06-01.\n"
    );
}
