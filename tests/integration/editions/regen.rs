//! Regenerating editions: `diff` says which editions, formats and cards to reprint, from
//! each edition's own selection; `review --edition`; `watch` rebuilds the editions a save
//! affects; `check` renders every edition; `verify` checks each edition's files against
//! its own selection.

use std::time::Duration;

use crate::common::{Project, fixture, redact_timing, spawn_watch};

/// The committed fixture with three editions (students, clinic, staff).
fn guide() -> String {
    std::fs::read_to_string(fixture("editions.toml")).unwrap()
}

/// A project holding `old.toml` (the fixture) and `new.toml` (the fixture, edited).
fn old_and_new(edit: impl Fn(&str) -> String) -> Project {
    let project = Project::empty();
    project.write("old.toml", &guide());
    project.write("new.toml", &edit(&guide()));
    project
}

/// `diff old.toml new.toml`, in words and as JSON; both must say "different".
fn diff_both(project: &Project, name: &str) -> serde_json::Value {
    let human = project.run(&["diff", "old.toml", "new.toml"]);
    assert_eq!(human.code, 1, "{}", human.transcript());
    insta::assert_snapshot!(format!("{name}_human"), human.transcript());
    let json = project.run(&["diff", "old.toml", "new.toml", "--format", "json"]);
    assert_eq!(json.code, 1, "{}", json.transcript());
    insta::assert_snapshot!(format!("{name}_json"), json.transcript());
    serde_json::from_str(&json.stdout).expect("one JSON document")
}

/// Each variant's edition id and status, in order.
fn statuses(json: &serde_json::Value) -> Vec<(String, String)> {
    json["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["edition"].as_str().unwrap().to_owned(),
                v["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Everything `diff` printed under the headings of the full guide and the public editions.
fn public_parts(human: &str) -> String {
    human
        .split("\n\n")
        .filter(|group| {
            group.starts_with("To ")
                && !group
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .contains("staff only")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn a_changed_confidential_line_reprints_the_staff_edition_alone() {
    let project = old_and_new(|g| g.replace("(555) 010-3999", "(555) 010-3998"));
    let json = diff_both(&project, "confidential-line-changed");
    assert_eq!(
        statuses(&json),
        [
            ("students".into(), "unchanged".into()),
            ("clinic".into(), "unchanged".into()),
            ("staff".into(), "changed".into())
        ]
    );
    // The full guide at the top of output/ shows no confidential contact.
    assert_eq!(json["reprint"]["pamphlet"], false);
    // Of the staff edition's cards, only the one that shows the line.
    let cards: Vec<&str> = json["variants"][2]["reprint"]["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(cards, ["staff-referrals"]);
    let human = project.run(&["diff", "old.toml", "new.toml"]).stdout;
    let public = public_parts(&human);
    for secret in [
        "010-3999",
        "010-3998",
        "Intake coordinator",
        "intake-direct",
    ] {
        assert!(!public.contains(secret), "{secret} in:\n{public}");
    }
}

#[test]
fn a_contact_only_the_staff_edition_selects_reprints_the_full_guide_and_the_staff_edition() {
    // An organization that no public edition's tags select; the full guide shows it.
    let office = "\n[[organization]]\nid = \"district-office\"\nname = \"District Counseling Office\"\nsummary = \"Counselors for staff referrals.\"\nabout = \"School counselors take referrals from staff.\"\nsection = \"family\"\ntags = [\"district\"]\n\n[[organization.contact]]\nid = \"phone\"\nkind = \"phone\"\nlabel = \"Counselors\"\nvalue = \"(555) 010-4000\"\n";
    let with = |g: &str, office: &str| {
        let at = g.find("[[card]]").unwrap();
        format!("{}{office}\n{}", &g[..at], &g[at..])
    };
    let project = Project::empty();
    project.write("old.toml", &with(&guide(), office));
    project.write(
        "new.toml",
        &with(&guide(), &office.replace("010-4000", "010-4001")),
    );
    let json = diff_both(&project, "staff-selected-contact-changed");
    assert_eq!(
        statuses(&json),
        [
            ("students".into(), "unchanged".into()),
            ("clinic".into(), "unchanged".into()),
            ("staff".into(), "changed".into())
        ]
    );
    assert_eq!(json["reprint"]["pamphlet"], true);
    // No card shows the office: none is reprinted.
    assert_eq!(json["reprint"]["cards"], serde_json::json!([]));
    assert_eq!(
        json["variants"][2]["reprint"]["cards"],
        serde_json::json!([])
    );
}

#[test]
fn a_change_every_edition_shows_lists_every_edition_with_the_cards_that_show_it() {
    let project = old_and_new(|g| {
        g.replace(
            "hours = \"24 hours a day, 7 days a week\"\n\n[[organization.contact]]\nid = \"call\"",
            "hours = \"Every day, all day\"\n\n[[organization.contact]]\nid = \"call\"",
        )
    });
    let json = diff_both(&project, "lifeline-text-changed");
    assert_eq!(
        statuses(&json),
        [
            ("students".into(), "changed".into()),
            ("clinic".into(), "changed".into()),
            ("staff".into(), "changed".into())
        ]
    );
    // lifeline.text is on the students' card only; the clinic edition has no card to reprint.
    let cards = |i: usize| json["variants"][i]["reprint"]["cards"].clone();
    assert_eq!(cards(0).as_array().unwrap().len(), 1);
    assert_eq!(cards(1), serde_json::json!([]));
}

#[test]
fn a_new_and_a_removed_edition_are_printed_and_withdrawn() {
    let project = old_and_new(|g| g.replace("id = \"clinic\"", "id = \"clinic-2027\""));
    diff_both(&project, "edition-renamed");
}

#[test]
fn an_edition_with_a_new_layout_reprints_its_pamphlet_alone() {
    let project = old_and_new(|g| {
        g.replace(
            "layout = \"trifold\"\ncards = [\"students\"]",
            "layout = \"handout\"\ncards = [\"students\"]",
        )
    });
    let json = diff_both(&project, "edition-layout-changed");
    assert_eq!(json["variants"][0]["status"], "changed");
    assert_eq!(json["variants"][0]["reprint"]["pamphlet"], true);
    assert_eq!(json["variants"][0]["reprint"]["epub"], false);
}

#[test]
fn diff_since_the_last_build_finds_a_changed_confidential_line_from_the_manifest() {
    let project = Project::with_fixture("editions.toml");
    let run = project.run(&["build", "--format", "pdf,cards"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let same = project.run(&["diff"]);
    assert_eq!(same.code, 0, "{}", same.transcript());
    insta::assert_snapshot!("since_build_unchanged", same.transcript());
    let guide = project.read_text("source/guide.toml");
    project.write(
        "source/guide.toml",
        &guide.replace("(555) 010-3999", "(555) 010-3998"),
    );
    let run = project.run(&["diff"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    insta::assert_snapshot!("since_build_confidential_changed", run.transcript());
    assert!(!run.stdout.contains("010-399"), "{}", run.stdout);
    // Named explicitly, the copy has no manifest beside it to tell: diff says so.
    let run = project.run(&["diff", "output/guide-as-built.toml"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!("since_copy_unseen", run.transcript());
}

#[test]
fn a_guide_without_editions_has_no_variants_in_the_json() {
    // The fixture up to its staff card, which only a staff edition may show.
    let card = guide().find("[[card]]\nid = \"staff-referrals\"").unwrap();
    let without = guide()[..card].to_owned();
    let project = Project::empty();
    project.write("old.toml", &without);
    project.write("new.toml", &without.replace("741741\"", "741742\""));
    let json = project.run(&["diff", "old.toml", "new.toml", "--format", "json"]);
    assert_eq!(json.code, 1, "{}", json.transcript());
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(json.get("variants").is_none(), "{json}");
}

#[test]
fn review_can_be_limited_to_the_contacts_of_one_edition() {
    let project = Project::with_fixture("editions.toml");
    let today = ["--today", "2026-10-01"];
    let students = project.run(&[&["review", "--edition", "students"][..], &today].concat());
    insta::assert_snapshot!("review_students", students.transcript());
    let both = project.run(
        &[
            &[
                "review",
                "--edition",
                "students",
                "--edition",
                "clinic",
                "--format",
                "json",
            ][..],
            &today,
        ]
        .concat(),
    );
    insta::assert_snapshot!("review_students_and_clinic_json", both.transcript());
    let unknown = project.run(&["review", "--edition", "stafff"]);
    assert_eq!(unknown.code, 1);
    insta::assert_snapshot!("review_unknown_edition", unknown.transcript());
}

#[test]
fn watch_rebuilds_only_the_editions_a_save_affects() {
    let project = Project::with_fixture("editions.toml");
    let (mut child, received) = spawn_watch(&project);
    let next_build = || {
        let mut report = Vec::new();
        loop {
            match received.recv_timeout(Duration::from_mins(1)) {
                Ok(line) if line.starts_with("built ") => {
                    report.push(line);
                    return report.join("\n");
                }
                Ok(line) => report.push(line),
                Err(e) => panic!("watch reported no build within a minute ({e})"),
            }
        }
    };
    next_build();
    let before = project.output_files();
    let guide = project.read_text("source/guide.toml");
    project.write(
        "source/guide.toml",
        &guide.replace("(555) 010-3999", "(555) 010-3998"),
    );
    let report = next_build();
    child.kill().unwrap();
    child.wait().unwrap();
    insta::assert_snapshot!(redact_timing(&report));
    let after = project.output_files();
    for ((path, old), (_, new)) in before.iter().zip(&after) {
        if path.starts_with("students/") || path.starts_with("clinic/") {
            assert_eq!(old, new, "{path} changed");
        }
    }
    assert!(
        project
            .read_text("output/staff/cards/STAFF-ONLY-staff-referrals.txt")
            .contains("(555) 010-3998")
    );
}

#[test]
fn check_renders_every_edition_and_finds_an_error_in_a_layout_only_an_edition_uses() {
    let project = Project::with_fixture("editions.toml");
    let ok = project.run(&["check"]);
    assert_eq!(ok.code, 0, "{}", ok.transcript());
    // The full guide is a handout; only the students' edition is a tri-fold.
    let trifold = project.read_text("templates/pamphlet/trifold.typ");
    project.write(
        "templates/pamphlet/trifold.typ",
        &format!("{trifold}\n#no-such-function()\n"),
    );
    let broken = project.run(&["check"]);
    assert_eq!(broken.code, 1, "{}", broken.transcript());
    insta::assert_snapshot!(broken.transcript());
}

#[test]
fn verify_checks_each_edition_against_its_own_selection() {
    let project = Project::with_fixture("editions.toml");
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let run = project.run(&["verify"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!("verify_editions_ok", run.transcript());
    // A students' card that lost its line is found, against the students' selection.
    let path = "students/cards/students.txt";
    let card = project
        .read_text(&format!("output/{path}"))
        .replace("741741", "741700");
    plant(&project, path, card.as_bytes());
    let run = project.run(&["verify"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    insta::assert_snapshot!("verify_editions_planted", run.transcript());
}

/// Replaces a file of the output and its manifest entry, so that only what is in it
/// can fail `verify`.
fn plant(project: &Project, path: &str, bytes: &[u8]) {
    use sha2::Digest;
    use std::fmt::Write;
    std::fs::write(project.path().join("output").join(path), bytes).unwrap();
    let manifest = project.read_text("output/manifest.json");
    let mut manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let entry = &mut manifest["artifacts"][path];
    entry["size"] = bytes.len().into();
    entry["sha256"] = sha2::Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
        .into();
    project.write(
        "output/manifest.json",
        &(serde_json::to_string_pretty(&manifest).unwrap() + "\n"),
    );
}
