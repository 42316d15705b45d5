//! Builds that are cheap to repeat and safe to interrupt: the manifest, skipping what is
//! up to date, removing stale cards, `watch`, and a build killed half-way.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{BIN, Project, redact_timing, spawn_watch};

fn build(project: &Project, args: &[&str]) -> String {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = project.run(&all);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    run.stdout
}

#[test]
fn second_identical_build_skips_every_format() {
    let project = Project::shipped();
    build(&project, &[]);
    let before = project.output_files();
    let stdout = build(&project, &[]);
    insta::assert_snapshot!(stdout);
    assert_eq!(project.output_files(), before);
}

#[test]
fn a_build_with_nothing_to_do_does_not_read_the_guide_again() {
    let project = Project::with_fixture("warnings/verified-in-future.toml");
    let first = project.run(&["build", "--format", "cards"]);
    assert!(first.stderr.contains("in the future"), "{}", first.stderr);
    // Nothing changed: the guide is not parsed again, so its warning is not repeated.
    let second = project.run(&["build", "--format", "cards"]);
    insta::assert_snapshot!(redact_timing(&second.transcript()));
    // A change to the source is a new build, with its warning.
    let guide = project.read_text("source/guide.toml");
    project.write("source/guide.toml", &format!("{guide}\n# edited\n"));
    let third = project.run(&["build", "--format", "cards"]);
    assert_eq!(third.stderr, first.stderr);
}

#[test]
fn force_rebuilds_everything_to_the_same_bytes() {
    let project = Project::shipped();
    build(&project, &[]);
    let before = project.output_files();
    let stdout = build(&project, &["--force"]);
    assert!(!stdout.contains("up to date"), "{stdout}");
    assert_eq!(project.output_files(), before);
}

#[test]
fn an_artifact_edited_by_hand_is_rebuilt() {
    let project = Project::shipped();
    build(&project, &[]);
    let original = project.read("output/cards/report.txt");
    project.write("output/cards/report.txt", "scribbled over\n");
    let stdout = build(&project, &[]);
    assert!(stdout.contains("output/cards/report.txt"), "{stdout}");
    assert_eq!(project.read("output/cards/report.txt"), original);
}

#[test]
fn a_changed_setting_rebuilds_only_what_it_affects() {
    let project = Project::shipped();
    build(&project, &[]);
    let stdout = build(&project, &["--paper", "a4"]);
    // Paper size is part of every format's settings hash, so everything is rebuilt …
    assert!(stdout.contains("icac-resources.pdf"), "{stdout}");
    // … while the same settings again rebuild nothing.
    let again = build(&project, &["--paper", "a4"]);
    assert!(again.contains("built 0 files"), "{again}");
}

/// Builds the shipped guide, adds a comment line to one template, and builds again.
fn build_after_editing(template: &str, comment: &str) -> (Project, String) {
    let project = Project::shipped();
    build(&project, &[]);
    let path = format!("templates/{template}");
    let text = project.read_text(&path);
    project.write(&path, &format!("{comment}\n{text}"));
    let stdout = build(&project, &[]);
    (project, stdout)
}

#[test]
fn a_changed_card_template_rebuilds_the_cards_and_leaves_the_pamphlet_and_the_epub() {
    let (project, stdout) = build_after_editing("cards/card.txt.j2", "{#- changed -#}");
    for skipped in ["pdf", "epub"] {
        assert!(
            stdout.contains(&format!("skipped  {skipped}: up to date")),
            "{stdout}"
        );
    }
    assert!(stdout.contains("output/cards/report.txt"), "{stdout}");
    assert!(
        stdout.contains("output/icac-resources-cards.pdf"),
        "{stdout}"
    );
    let verify = project.run(&["verify"]);
    assert_eq!(verify.code, 0, "{}", verify.stderr);
}

#[test]
fn a_changed_pamphlet_template_rebuilds_the_pamphlet_and_leaves_the_cards() {
    let (_, stdout) = build_after_editing("pamphlet/common.typ", "// changed");
    assert!(stdout.contains("output/icac-resources.pdf"), "{stdout}");
    for skipped in ["epub", "cards", "card-sheet"] {
        assert!(
            stdout.contains(&format!("skipped  {skipped}: up to date")),
            "{stdout}"
        );
    }
}

#[test]
fn manifest_lists_every_artifact_with_size_hash_and_inputs() {
    let project = Project::shipped();
    build(&project, &[]);
    let manifest: serde_json::Value =
        serde_json::from_slice(&project.read("output/manifest.json")).unwrap();
    let artifacts = manifest["artifacts"].as_object().unwrap();
    let on_disk: Vec<String> = project
        .output_files()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| name != "manifest.json")
        .collect();
    assert_eq!(artifacts.keys().cloned().collect::<Vec<_>>(), on_disk);
    for (path, entry) in artifacts {
        let bytes = project.read(&format!("output/{path}"));
        assert_eq!(
            entry["size"].as_u64().unwrap() as usize,
            bytes.len(),
            "{path}"
        );
        assert_eq!(entry["sha256"].as_str().unwrap().len(), 64, "{path}");
        assert_eq!(entry["inputs"].as_str().unwrap().len(), 64, "{path}");
    }
}

#[test]
fn a_card_removed_from_the_guide_is_removed_from_output_and_nothing_else() {
    let project = Project::shipped();
    build(&project, &[]);
    project.write("output/notes-by-hand.txt", "mine\n");
    let guide = project.read_text("source/guide.toml");
    let start = guide.find("[[card]]\nid = \"law-enforcement\"").unwrap();
    project.write("source/guide.toml", &guide[..start]);
    let stdout = build(&project, &[]);
    assert!(
        stdout.contains("removed  output/cards/law-enforcement.txt"),
        "{stdout}"
    );
    let names: Vec<String> = project.output_files().into_iter().map(|(n, _)| n).collect();
    assert!(!names.contains(&"cards/law-enforcement.txt".to_owned()));
    assert!(
        names.contains(&"notes-by-hand.txt".to_owned()),
        "a file guidepress did not make was deleted"
    );
}

#[test]
fn watch_rebuilds_after_a_save_and_keeps_outputs_after_a_broken_save() {
    let project = Project::shipped();
    let (mut child, received) = spawn_watch(&project);
    let wait_for_build = || loop {
        match received.recv_timeout(Duration::from_secs(30)) {
            Ok(line) if line.starts_with("built ") => return line,
            Ok(_) => {}
            Err(e) => panic!("watch reported no build within 30 s ({e})"),
        }
    };
    wait_for_build();
    let built = project.output_files();
    let guide = project.read_text("source/guide.toml");
    project.write(
        "source/guide.toml",
        &guide.replace("1-800-843-5678", "1-800-843-5600"),
    );
    let line = wait_for_build();
    // Seven outputs, two text messages, the copy of the guide they were made from, and
    // the manifest.
    assert!(line.starts_with("built 11 files"), "{line}");
    assert!(
        project
            .read_text("output/cards/report.txt")
            .contains("1-800-843-5600")
    );
    let rebuilt = project.output_files();
    assert_ne!(rebuilt, built);
    project.write(
        "source/guide.toml",
        &guide.replace("kind = \"web\"", "kind = \"wbe\""),
    );
    std::thread::sleep(Duration::from_secs(2));
    child.kill().unwrap();
    child.wait().unwrap();
    let stderr = std::io::read_to_string(child.stderr.take().unwrap()).unwrap();
    assert!(
        stderr.contains("the last good outputs were kept"),
        "{stderr}"
    );
    assert_eq!(project.output_files(), rebuilt);
}

#[test]
fn a_killed_build_leaves_every_previous_output_intact() {
    let project = Project::shipped();
    build(&project, &[]);
    let before = project.output_files();
    project.write("source/guide.toml", &project.shipped_with_copies(400));
    let mut child = Command::new(BIN)
        .args(["build", "--format", "pdf,epub"])
        .current_dir(project.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(250));
    child.kill().unwrap();
    child.wait().unwrap();
    let after: Vec<_> = project
        .output_files()
        .into_iter()
        .filter(|(name, _)| !name.rsplit('/').next().unwrap().starts_with('.'))
        .collect();
    let names =
        |files: &[(String, Vec<u8>)]| files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&after), names(&before));
    for ((name, old), (_, new)) in before.iter().zip(&after) {
        // Each file is either the previous one or a complete new one, never a torn write.
        if old != new {
            assert!(
                name.ends_with(".pdf") || name.ends_with(".epub"),
                "{name} changed"
            );
            if name.ends_with(".pdf") {
                lopdf::Document::load_mem(new).unwrap_or_else(|e| panic!("{name} is torn: {e}"));
            }
        }
    }
    assert_eq!(project.run(&["build"]).code, 0, "the next build recovers");
}
