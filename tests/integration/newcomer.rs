//! A newcomer's first hour: a guide file alone builds, `init`'s next steps and the
//! README's walk-through run as printed, and `diff` with no arguments compares the guide
//! with the one the output folder was built from.

use std::path::Path;
use std::process::Command;

use crate::common::{BIN, Project, Run, copy_dir, repo};

/// Runs one shell command line in `dir`, with the binary under test on `PATH` as
/// `guidepress` and `$EDITOR` set to `editor`.
fn shell(dir: &Path, line: &str, editor: &str) -> Run {
    let bin_dir = Path::new(BIN).parent().expect("the binary's folder");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("sh")
        .args(["-c", line])
        .current_dir(dir)
        .env("PATH", path)
        .env("EDITOR", editor)
        .output()
        .expect("sh runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn a_guide_file_alone_builds_with_the_built_in_templates_like_a_project() {
    // (The shipped guide, under another name, in a folder with nothing else.)
    let guide = std::fs::read_to_string(repo().join("source/guide.toml")).unwrap();
    let alone = Project::empty();
    alone.write("my-guide.toml", &guide);
    let run = alone.run(&["build", "--source", "my-guide.toml"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(!alone.path().join("templates").exists());

    let project = Project::with_guide(&guide);
    project.write("my-guide.toml", &guide);
    let run = project.run(&["build", "--source", "my-guide.toml"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let (built_in, folder) = (alone.output_files(), project.output_files());
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&built_in), names(&folder));
    assert!(
        built_in == folder,
        "the built-in templates build other bytes than templates/"
    );
    let verify = alone.run(&["verify", "--source", "my-guide.toml"]);
    assert_eq!(verify.code, 0, "{}", verify.transcript());
}

#[test]
fn the_inputs_hash_covers_the_built_in_templates_byte_for_byte() {
    let project = Project::empty();
    project.write(
        "source/guide.toml",
        &std::fs::read_to_string(repo().join("source/guide.toml")).unwrap(),
    );
    let first = project.run(&["build"]);
    assert_eq!(first.code, 0, "{}", first.transcript());
    // The same files as a project folder: the same inputs, nothing to do.
    copy_dir(&repo().join("templates"), &project.path().join("templates"));
    let same = project.run(&["build"]);
    assert!(same.stdout.contains("built 0 files"), "{}", same.stdout);
    // One template changed (as in a guidepress with other built-in templates): rebuilt.
    let style = project.path().join("templates/epub/style.css");
    let css = std::fs::read_to_string(&style).unwrap() + "\n/* changed */\n";
    std::fs::write(&style, css).unwrap();
    let changed = project.run(&["build"]);
    assert!(
        changed.stdout.contains("output/icac-resources.epub"),
        "{}",
        changed.stdout
    );
    // Back to the built-in templates: rebuilt again, to the first build's bytes.
    std::fs::remove_dir_all(project.path().join("templates")).unwrap();
    let back = project.run(&["build"]);
    assert!(
        back.stdout.contains("output/icac-resources.epub"),
        "{}",
        back.stdout
    );
}

#[test]
fn a_templates_folder_that_is_not_there_is_an_error_not_the_built_in_ones() {
    let project = Project::empty();
    project.write(
        "guide.toml",
        &std::fs::read_to_string(repo().join("source/guide.toml")).unwrap(),
    );
    let run = project.run(&["build", "--source", "guide.toml", "--templates", "mine"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript());
    assert!(!project.path().join("output").exists());
}

/// The command lines `init` printed, in order.
fn printed_commands(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|line| line.strip_prefix("  "))
        .filter(|line| line.starts_with("cd ") || line.starts_with("guidepress "))
        .map(str::to_owned)
        .collect()
}

/// The README's block of `kind` (e.g. "sh") that follows `after`.
fn readme_block(after: &str, kind: &str) -> String {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let start = readme.find(after).unwrap_or_else(|| panic!("{after}"));
    let fence = format!("```{kind}\n");
    let open = readme[start..].find(&fence).expect("a block") + start + fence.len();
    let close = readme[open..].find("```").expect("the block ends") + open;
    readme[open..close].to_owned()
}

#[test]
fn inits_next_steps_and_the_readme_walk_through_run_as_printed() {
    let project = Project::empty();
    let root = project.path().to_path_buf();
    // The walk-through's project, made as it says.
    let init = shell(&root, "guidepress init lakeside", "true");
    assert_eq!(init.code, 0, "{}", init.stderr);
    let steps = printed_commands(&init.stdout);
    assert_eq!(steps.first().map(String::as_str), Some("cd lakeside"));
    assert!(steps.len() >= 4, "{steps:?}");
    // Every line as printed, one after another in one shell (so `cd` holds).
    let script = format!("set -e\n{}\n", steps.join("\n"));
    let run = shell(&root, &script, "true");
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("No changes"), "{}", run.stdout);

    // The phone change: the "editor" writes the new number.
    let dir = root.join("lakeside");
    let guide = std::fs::read_to_string(dir.join("source/guide.toml")).unwrap();
    let at = guide
        .find("value = \"(206) 555-0142\"")
        .expect("the helpline's number");
    let mut edited = guide.clone();
    edited.replace_range(at..at + 24, "value = \"(206) 555-0143\"");
    let edited_path = root.join("edited.toml");
    std::fs::write(&edited_path, edited).unwrap();
    let editor = format!("cp {}", edited_path.display());

    let walk = readme_block("## When a phone number changes", "sh");
    let lines: Vec<&str> = walk.lines().collect();
    assert_eq!(lines.len(), 6, "{walk}");
    let shown_verified = readme_block("## When a phone number changes", "text");
    let expected_diff = readme_block("what changed in plain words", "text");
    for line in lines {
        let command = line.split('#').next().unwrap().trim();
        // It checks addresses over the network, which no test reaches; its own tests
        // answer from a server on 127.0.0.1.
        if command == "guidepress review --links" {
            continue;
        }
        // The README's day, so that the output is the one it shows.
        let line = match command {
            "guidepress verified family-helpline.phone" => format!("{command} --date 2026-11-29"),
            _ => line.to_owned(),
        };
        let run = shell(&dir, &line, &editor);
        match command {
            "guidepress verified family-helpline.phone" => {
                assert_eq!(run.code, 0, "{line}: {}", run.stderr);
                assert_eq!(
                    format!("$ {command}\n{}", run.stdout),
                    shown_verified,
                    "the README's verified output"
                );
            }
            "guidepress diff" => {
                assert_eq!(run.code, 1, "{line}: {}", run.stderr);
                assert_eq!(run.stderr, "");
                assert_eq!(run.stdout, expected_diff, "the README's diff output");
            }
            _ => assert_eq!(run.code, 0, "{line}: {}\n{}", run.stdout, run.stderr),
        }
    }
    // After the build, the last build is the edited guide.
    let again = shell(&dir, "guidepress diff", "true");
    assert_eq!(again.code, 0, "{}", again.stdout);
}

#[test]
fn diff_without_arguments_before_any_build_says_there_is_nothing_to_compare() {
    let project = Project::shipped();
    let run = project.run(&["diff"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn diff_without_arguments_compares_with_the_last_build() {
    let project = Project::shipped();
    let build = project.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert_eq!(
        project.read("output/guide-as-built.toml"),
        project.read("source/guide.toml")
    );
    let same = project.run(&["diff"]);
    assert_eq!(same.code, 0, "{}", same.transcript());
    insta::assert_snapshot!("diff_no_arguments_same", same.transcript());
    let guide = project.read_text("source/guide.toml");
    project.write(
        "source/guide.toml",
        &guide.replacen(
            "value = \"1-800-843-5678\"",
            "value = \"1-800-843-5679\"",
            1,
        ),
    );
    let changed = project.run(&["diff"]);
    assert_eq!(changed.code, 1, "{}", changed.transcript());
    insta::assert_snapshot!("diff_no_arguments_changed", changed.transcript());
    // OLD alone is compared with the guide; a hand-edited copy is refused.
    let old = project.run(&["diff", "output/guide-as-built.toml"]);
    assert_eq!(old.code, 1);
    project.write("output/guide-as-built.toml", "[guide]\n");
    let edited = project.run(&["diff"]);
    assert_eq!(edited.code, 2);
    assert!(
        edited.stderr.contains("was changed after the build"),
        "{}",
        edited.stderr
    );
}

#[test]
fn a_failed_build_leaves_the_copy_of_the_last_good_guide() {
    let project = Project::shipped();
    assert_eq!(project.run(&["build"]).code, 0);
    let good = project.read("output/guide-as-built.toml");
    let guide = project.read_text("source/guide.toml");
    project.write(
        "source/guide.toml",
        &guide.replacen("kind = \"phone\"", "kind = \"phnoe\"", 1),
    );
    assert_eq!(project.run(&["build"]).code, 1);
    assert_eq!(project.read("output/guide-as-built.toml"), good);
}

#[test]
fn build_and_verify_count_the_same_files() {
    let project = Project::shipped();
    let build = project.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let listed = build
        .stdout
        .lines()
        .filter(|l| l.contains("  output/"))
        .count();
    let total = build.stdout.lines().last().unwrap().to_owned();
    assert!(
        total.starts_with(&format!("built {listed} files")),
        "{}",
        build.stdout
    );
    assert_eq!(listed, project.output_files().len());
    let verify = project.run(&["verify"]);
    assert_eq!(verify.code, 0, "{}", verify.transcript());
    assert!(
        verify.stdout.contains(&format!("({listed} files as built")),
        "{}",
        verify.stdout
    );
}
