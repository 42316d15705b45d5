//! The help texts, whole: each command lists the options that apply to it.

use crate::common::Project;

#[test]
fn every_command_has_its_own_help() {
    let project = Project::empty();
    for command in [
        "build", "watch", "preview", "check", "diff", "review", "verified", "init", "verify",
    ] {
        let run = project.run(&[command, "--help"]);
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
        insta::assert_snapshot!(format!("help_{command}"), run.stdout);
    }
    let run = project.run(&["--help"]);
    insta::assert_snapshot!("help", run.stdout);
}

#[test]
fn preview_refuses_options_that_do_not_change_its_pictures() {
    let project = Project::shipped();
    for option in [
        &["--layout", "trifold"][..],
        &["--format", "pdf"],
        &["--card-width", "40"],
        &["--cards-ascii"],
        &["--cards-duplex"],
        &["--pdf-a"],
    ] {
        let run = project.run(&[&["preview"], option].concat());
        assert_eq!(run.code, 2, "preview {option:?}: {}", run.transcript());
    }
    assert!(project.output_files().is_empty());
}
