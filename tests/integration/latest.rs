//! `[guide] web_url`: the latest version in every printed output (its QR code and the
//! address as "Latest version: …"), as a link in the EPUB and the web page, and expected
//! by `verify`.

use crate::common::{Project, fixture, pdf_text};
use crate::epub::unzip;

const URL: &str = "https://lakeview.example.org/student-services/help-lines";

/// The crisis-lines guide (sections, a tri-fold, cards) with a web_url.
fn project() -> Project {
    let source = std::fs::read_to_string(fixture("crisis-lines.toml")).unwrap();
    let source = source.replacen(
        "edition = \"Fall 2024\"\n",
        &format!("edition = \"Fall 2024\"\nweb_url = \"{URL}\"\n"),
        1,
    );
    assert!(source.contains(URL));
    Project::with_guide(&source)
}

fn build(project: &Project, args: &[&str]) {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = project.run(&all);
    assert_eq!(run.code, 0, "build {args:?}:\n{}", run.transcript());
}

#[test]
fn every_printed_layout_shows_the_latest_version() {
    let project = project();
    for (name, args) in [
        ("trifold", &["--format", "pdf"][..]),
        ("handout", &["--format", "pdf", "--layout", "handout"][..]),
        (
            "large-print",
            &["--format", "pdf", "--layout", "handout", "--large-print"][..],
        ),
    ] {
        build(&project, args);
        let pdf = project.read("output/crisis-lines.pdf");
        insta::assert_snapshot!(format!("latest-{name}-pdf-text"), pdf_text(&pdf));
        let raw = String::from_utf8_lossy(&pdf);
        assert!(raw.contains(URL), "{name}: no link annotation to {URL}");
    }
    build(&project, &["--format", "card-sheet", "--cards-duplex"]);
    let sheet = project.read("output/crisis-lines-cards.pdf");
    insta::assert_snapshot!("latest-card-sheet-text", pdf_text(&sheet));
}

#[test]
fn the_epub_links_the_latest_version_on_its_title_page() {
    let project = project();
    build(&project, &["--format", "epub"]);
    let entries = unzip(&project.read("output/crisis-lines.epub"));
    let title = entries
        .iter()
        .find(|e| e.href().ends_with("title.xhtml"))
        .expect("a title page");
    insta::assert_snapshot!("latest-epub-title", title.text());
}

#[test]
fn the_web_page_links_the_latest_version_in_its_footer() {
    let project = project();
    build(&project, &["--format", "web"]);
    let page = project.read_text("output/crisis-lines.html");
    let footer = &page[page.find("<footer").expect("a footer")..];
    insta::assert_snapshot!("latest-web-footer", footer);
}

#[test]
fn a_build_with_a_web_url_verifies() {
    let project = project();
    build(&project, &["--format", "pdf,epub,web"]);
    let run = project.run(&["verify"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
}
