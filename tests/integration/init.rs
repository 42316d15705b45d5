//! `guidepress init DIR`: a new project with an example guide and the default templates,
//! which builds at once and never overwrites anything.

use std::fs;

use crate::common::{Project, repo};

fn initialized() -> Project {
    let project = Project::empty();
    let run = project.run(&["init", "my-guide"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    project
}

#[test]
fn init_reports_what_it_created_and_the_next_command() {
    let run = Project::empty().run(&["init", "my-guide"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn init_then_build_succeeds_with_the_same_outputs_as_the_repository_templates() {
    let project = initialized();
    let check = project.run_in("my-guide", &["check"]);
    insta::assert_snapshot!(check.transcript());
    let build = project.run_in("my-guide", &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert_eq!(build.stderr, "");
    let built = project.files_under("my-guide/output");
    assert!(
        built
            .iter()
            .any(|(name, _)| name == "lakeside-help-lines.pdf"),
        "a pamphlet was built"
    );
    // The same guide built with the repository's own templates must give the same bytes.
    let reference = Project::with_guide(&project.read_text("my-guide/source/guide.toml"));
    let run = reference.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        reference.output_files() == built,
        "init's templates build different outputs"
    );
}

#[test]
fn init_copies_every_default_template_byte_for_byte_and_the_font_licences() {
    let project = initialized();
    let copied = project.files_under("my-guide/templates");
    let shipped = Project::empty();
    crate::common::copy_dir(&repo().join("templates"), &shipped.path().join("templates"));
    // The font files are built into the program and never read from a template folder.
    let shipped: Vec<(String, Vec<u8>)> = shipped
        .files_under("templates")
        .into_iter()
        .filter(|(name, _)| !name.ends_with(".ttf") && !name.ends_with(".ttc"))
        .collect();
    let names =
        |files: &[(String, Vec<u8>)]| files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&copied), names(&shipped));
    assert!(copied == shipped, "a copied template differs");
    assert!(
        copied.iter().any(|(name, _)| name == "fonts/OFL-Noto.txt"),
        "the font licences are copied"
    );
}

#[test]
fn init_writes_the_example_guide_and_a_gitignore() {
    let project = initialized();
    let example = fs::read_to_string(repo().join("src/commands/init/example.toml")).unwrap();
    assert_eq!(project.read_text("my-guide/source/guide.toml"), example);
    insta::assert_snapshot!(project.read_text("my-guide/.gitignore"));
}

#[test]
fn init_accepts_an_existing_empty_folder() {
    let project = Project::empty();
    fs::create_dir(project.path().join("empty")).unwrap();
    let run = project.run(&["init", "empty"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(project.path().join("empty/source/guide.toml").is_file());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_changes_nothing() {
    let project = Project::empty();
    project.write("my-guide/notes.txt", "keep me\n");
    let run = project.run(&["init", "my-guide"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript());
    let left: Vec<String> = project
        .files_under("my-guide")
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(left, ["notes.txt"]);
    assert_eq!(project.read_text("my-guide/notes.txt"), "keep me\n");
}

#[test]
fn init_refuses_a_file_in_the_way() {
    let project = Project::empty();
    project.write("my-guide", "a file\n");
    let run = project.run(&["init", "my-guide"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript());
}
