//! `guidepress build` on the shipped guide: artifacts, report, determinism, freshness,
//! and that a failing build leaves `output/` as it was.

use crate::common::{Project, pdf_facts, pdf_text, repo};

fn shipped_and_built() -> Project {
    let project = Project::shipped();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    project
}

#[test]
fn committed_output_equals_a_fresh_build() {
    let project = shipped_and_built();
    let preview = project.run(&["preview"]);
    assert_eq!(preview.code, 0, "preview failed:\n{}", preview.stderr);
    let committed = Project::empty();
    crate::common::copy_dir(&repo().join("output"), &committed.path().join("output"));
    let fresh: Vec<_> = project.output_files();
    let old: Vec<_> = committed.output_files();
    let names =
        |files: &[(String, Vec<u8>)]| files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&old),
        names(&fresh),
        "output/ has missing or extra files: run `cargo run --release -- build` and `-- preview`"
    );
    for ((name, old), (_, new)) in old.iter().zip(&fresh) {
        assert!(
            old == new,
            "output/{name} is stale: run `cargo run --release -- build` and `-- preview`, and commit output/"
        );
    }
}

#[test]
fn two_builds_give_identical_bytes() {
    let first = shipped_and_built();
    let second = shipped_and_built();
    assert_eq!(first.output_files(), second.output_files());
}

#[test]
fn build_reports_each_file_and_the_total() {
    let project = Project::shipped();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sizes_hidden: String = run
        .stdout
        .lines()
        .map(|line| match line.split_once("  output/") {
            Some((_, path)) => format!("[SIZE]  output/{path}\n"),
            None => format!("{line}\n"),
        })
        .collect();
    insta::assert_snapshot!(sizes_hidden);
    assert_eq!(run.stderr, "");
}

#[test]
fn format_flag_builds_only_the_named_formats() {
    let project = Project::shipped();
    let run = project.run(&["build", "--format", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names: Vec<String> = project.output_files().into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["guide-as-built.toml", "icac-resources.pdf", "manifest.json"]
    );
}

#[test]
fn pdf_text_contains_every_phone_number_and_web_address() {
    let project = Project::shipped();
    let run = project.run(&["build", "--format", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = pdf_text(&project.read("output/icac-resources.pdf"));
    let guide = project.read_text("source/guide.toml");
    let values: Vec<&str> = guide
        .lines()
        .filter_map(|line| line.strip_prefix("value = \""))
        .map(|rest| rest.trim_end_matches('"'))
        .collect();
    assert_eq!(values.len(), 4, "the shipped guide's contact values");
    for value in values {
        assert!(
            text.contains(value),
            "{value} is missing from the PDF text:\n{text}"
        );
    }
}

#[test]
fn pdf_is_tagged_pdf_ua_with_title_and_language() {
    let project = Project::shipped();
    assert_eq!(project.run(&["build", "--format", "pdf"]).code, 0);
    let facts = pdf_facts(&project.read("output/icac-resources.pdf"));
    assert!(facts.marked, "the PDF is not tagged");
    assert!(facts.structure_tree, "the PDF has no structure tree");
    assert_eq!(facts.lang.as_deref(), Some("en-US"));
    assert!(
        facts.xmp.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "no PDF/UA-1 identification"
    );
    assert!(
        facts
            .xmp
            .contains(">Information and Intervention Resources</rdf:li></rdf:Alt></dc:title>"),
        "no document title"
    );
    assert_eq!(
        facts.media_boxes,
        vec![[0.0, 0.0, 612.0, 792.0]; facts.pages],
        "US Letter pages"
    );
}

#[test]
fn broken_source_exits_1_and_leaves_output_untouched() {
    let project = shipped_and_built();
    let before = project.output_files();
    let guide = project.read_text("source/guide.toml");
    project.write(
        "source/guide.toml",
        &guide.replace("kind = \"web\"", "kind = \"wbe\""),
    );
    let run = project.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(project.output_files(), before);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn template_error_in_one_format_writes_nothing() {
    let project = shipped_and_built();
    let before = project.output_files();
    project.write(
        "templates/pamphlet.typ",
        "#let data = json(\"/guide.json\")\n#data.guide.no_such_field\n",
    );
    let run = project.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(project.output_files(), before);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn missing_source_names_the_file_and_suggests_a_fix() {
    let project = Project::empty();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn unknown_flag_is_a_usage_error_with_exit_2() {
    let project = Project::shipped();
    let run = project.run(&["build", "--colour"]);
    assert_eq!(run.code, 2);
}
