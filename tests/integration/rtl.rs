//! Right-to-left guides (Arabic, Persian, Hebrew, Urdu): the PDF sets its text and
//! columns from the right and folds a tri-fold the other way, values keep their order in
//! every format, and the text cards read right in an editor.

use std::process::Command;

use crate::common::{Project, fixture};
use crate::epub::{package, unzip};
use crate::pdf_content::read_pages;

/// The Arabic guide for families in the United States: national and international
/// numbers, web and e-mail addresses, an English emergency line, Latin names.
const FIXTURE: &str = "rtl/ar-us.toml";
const ID: &str = "dalil-washington";

/// The values whose order right-to-left text used to scramble, as a reader must see them.
const VALUES: [&str; 7] = [
    "(206) 555-0133",
    "+1 206 555 0142",
    "+962 6 555 0123",
    "help@lakeside.example.org",
    "https://www.crisistextline.org",
    "1200 Rainier Ave S",
    "In an emergency, call 911.",
];

fn built(args: &[&str]) -> Project {
    let project = Project::with_fixture(FIXTURE);
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = project.run(&all);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    project
}

/// The text `pdftotext` reads from a PDF, as a reader copying it would get it.
fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("file.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// The embedding marks pdftotext puts around each run of one direction, made visible.
fn visible(text: &str) -> String {
    text.replace('\u{202a}', "<LRE>")
        .replace('\u{202b}', "<RLE>")
        .replace('\u{202c}', "<PDF>")
        .replace('\u{200e}', "<LRM>")
        .replace('\u{200f}', "<RLM>")
}

fn pamphlet_text(layout: &str) -> String {
    let project = built(&["--format", "pdf", "--layout", layout]);
    pdftotext(&project.read(&format!("output/{ID}.pdf")))
}

#[test]
#[ignore = "needs pdftotext (poppler-utils); run by .ci/run"]
fn values_keep_their_order_in_the_text_of_every_pamphlet_layout() {
    for layout in ["handout", "trifold"] {
        let text = pamphlet_text(layout);
        for value in VALUES {
            assert!(
                text.contains(value),
                "{layout}: `{value}` is not in the extracted text:\n{}",
                visible(&text)
            );
        }
    }
}

#[test]
#[ignore = "needs pdftotext (poppler-utils); run by .ci/run"]
fn arabic_handout_text_matches_snapshot() {
    insta::assert_snapshot!(visible(&pamphlet_text("handout")));
}

#[test]
#[ignore = "needs pdftotext (poppler-utils); run by .ci/run"]
fn arabic_trifold_text_matches_snapshot() {
    insta::assert_snapshot!(visible(&pamphlet_text("trifold")));
}

/// Where the largest type of page 1 (the guide's title on the cover) starts, as a share
/// of the page's width.
fn title_position(pdf: &[u8]) -> f64 {
    let pages = read_pages(pdf);
    let page = &pages[0];
    let title = page
        .shown
        .iter()
        .filter(|s| !s.text.trim().is_empty())
        .max_by(|a, b| a.size.total_cmp(&b.size))
        .expect("page 1 has text");
    title.x0 / page.width
}

#[test]
fn a_right_to_left_trifold_has_its_cover_on_the_left_panel() {
    let project = built(&["--format", "pdf", "--layout", "trifold"]);
    let at = title_position(&project.read(&format!("output/{ID}.pdf")));
    assert!(
        at < 1.0 / 3.0,
        "the cover's title starts at {at:.2} of the width"
    );

    let project = Project::with_fixture("crisis-lines.toml");
    let run = project.run(&["build", "--format", "pdf", "--layout", "trifold"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let at = title_position(&project.read("output/crisis-lines.pdf"));
    assert!(
        at > 2.0 / 3.0,
        "a left-to-right cover stays on the right panel, not at {at:.2}"
    );
}

#[test]
fn the_handout_columns_flow_from_the_right() {
    let project = built(&["--format", "pdf", "--layout", "handout"]);
    let pages = read_pages(&project.read(&format!("output/{ID}.pdf")));
    let page = &pages[0];
    let x_of = |needle: &str| {
        page.shown
            .iter()
            .find(|s| s.text.contains(needle))
            .unwrap_or_else(|| panic!("`{needle}` is on page 1"))
            .x0
    };
    // The first organization opens the first column, the last one ends the second.
    let first = x_of("Crisis Text Line");
    let last = x_of("+962 6 555 0123");
    assert!(first > page.width / 2.0, "the first column is on the right");
    assert!(last < page.width / 2.0, "the second column is on the left");
}

#[test]
fn arabic_book_package_and_chapter_match_snapshots() {
    let project = built(&["--format", "epub"]);
    let entries = unzip(&project.read(&format!("output/{ID}.epub")));
    let opf = package(&entries).text();
    assert!(opf.contains("<spine toc=\"ncx\" page-progression-direction=\"rtl\">"));
    insta::assert_snapshot!("arabic_book__content.opf", opf);
    let chapter = entries
        .iter()
        .find(|e| e.name.ends_with("section-usra.xhtml"))
        .expect("the chapter of the family support section");
    insta::assert_snapshot!("arabic_book__section-usra.xhtml", chapter.text());
    let title = entries
        .iter()
        .find(|e| e.name.ends_with("title.xhtml"))
        .unwrap();
    assert!(
        title
            .text()
            .contains("<strong><span dir=\"ltr\">In an emergency, call 911.</span></strong>"),
        "the English emergency line is isolated left to right"
    );
}

#[test]
fn the_web_page_isolates_values_and_english_lines() {
    let project = built(&["--format", "web"]);
    let page = project.read_text(&format!("output/{ID}.html"));
    assert!(page.contains("dir=\"rtl\""));
    assert!(page.contains("<span dir=\"ltr\">In an emergency, call 911.</span>"));
    assert!(page.contains("dir=\"ltr\">(206) 555-0133</a>"));
    assert!(page.contains("dir=\"ltr\">help@lakeside.example.org</a>"));
}

#[test]
fn arabic_text_cards_match_snapshot() {
    let project = built(&["--format", "cards"]);
    let card = project.read_text("output/cards/musaada.txt");
    insta::assert_snapshot!(visible(&card));
    for line in card.lines().filter(|l| l.starts_with("│ ")) {
        assert!(
            line.starts_with("│ \u{200f}") || line.trim_matches(['│', ' ']).is_empty(),
            "each line of text is right to left from its start: {}",
            visible(line)
        );
    }
    assert!(card.contains("\u{200e}(206) 555-0133\u{200e}"));
}

#[test]
#[ignore = "needs pdftotext (poppler-utils); run by .ci/run"]
fn the_arabic_card_sheet_is_built_and_reads_back() {
    let project = built(&["--format", "cards,card-sheet"]);
    let text = pdftotext(&project.read(&format!("output/{ID}-cards.pdf")));
    assert!(text.contains("(206) 555-0133"), "{}", visible(&text));
    assert!(
        text.contains("In an emergency, call 911."),
        "{}",
        visible(&text)
    );
    let run = project.run(&["verify"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn persian_hebrew_and_urdu_guides_are_right_to_left() {
    let source = std::fs::read_to_string(fixture(FIXTURE)).unwrap();
    for language in ["fa", "he", "ur"] {
        let guide = source.replace(
            "language = \"ar-US\"",
            &format!("language = \"{language}-US\""),
        );
        let project = Project::with_guide(&guide);
        let run = project.run(&["build", "--format", "epub,cards"]);
        assert_eq!(run.code, 0, "{language}: {}", run.stderr);
        let entries = unzip(&project.read(&format!("output/{ID}.epub")));
        assert!(
            package(&entries)
                .text()
                .contains("page-progression-direction=\"rtl\""),
            "{language}"
        );
        assert!(
            project
                .read_text("output/cards/musaada.txt")
                .contains("│ \u{200f}"),
            "{language}"
        );
    }
}
