//! Bilingual card sheets (`[cards] back_language`): each card's back is the same card in a
//! translation, behind its front; the errors of a back language that cannot be printed.

use super::sheet::{read, slots};
use super::{build, fail};
use crate::common::{Project, fixture, pdf_text};

const SHEET: &str = "output/lineas-de-ayuda-cards.pdf";

/// The Spanish guide with three cards and its Arabic translation, the backs' language.
fn project() -> Project {
    let project = Project::with_fixture("bilingual/guide.toml");
    let arabic = std::fs::read_to_string(fixture("bilingual/guide.ar.toml")).unwrap();
    project.write("source/guide.ar.toml", &arabic);
    project
}

/// The width of a card (ID-1), in points.
const CARD_W: f64 = 85.6 * 72.0 / 25.4;

/// A card box on a page: the x of its left edge and the y of its middle, in points from
/// the top left.
#[derive(Debug)]
struct CardBox {
    left: f64,
    middle: f64,
}

fn boxes(page: &super::sheet::Page) -> Vec<CardBox> {
    page.corners
        .iter()
        .zip(&page.bottom_corners)
        .map(|(top_left, bottom_left)| CardBox {
            left: top_left.0,
            middle: f64::midpoint(top_left.1, bottom_left.1),
        })
        .collect()
}

fn pages_text(pdf: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(pdf).expect("the sheet's text")
}

#[test]
fn each_card_back_is_the_same_card_in_the_back_language_behind_its_front() {
    let project = project();
    build(&project, &["--format", "card-sheet,cards"]);
    let pdf = project.read(SHEET);
    let pages = read(&pdf);
    assert_eq!(pages.len(), 2, "fronts, then backs");
    // Card N's back is placed N-th, in the mirror of its front's slot: behind it when
    // the sheet is flipped on the long edge.
    assert_eq!(slots(&pages[0]), [(0, 0), (0, 1), (1, 0)]);
    assert_eq!(slots(&pages[1]), [(0, 1), (0, 0), (1, 1)]);
    let (fronts, backs) = (boxes(&pages[0]), boxes(&pages[1]));
    assert_eq!((fronts.len(), backs.len()), (3, 3));
    let width = pages[0].width;
    for (front, back) in fronts.iter().zip(&backs) {
        // Flipped on the long edge, x becomes width - x: the back's box, as wide as the
        // front's, has its left edge behind the front's right edge.
        let frame = width - front.left - back.left;
        assert!(
            (0.9 * CARD_W..CARD_W).contains(&frame),
            "{front:?} {back:?}: a box {frame} pt wide"
        );
        assert!((frame - (width - fronts[0].left - backs[0].left)).abs() < 0.01);
        // Each box is centred on its card, whatever its number of lines.
        assert!(
            (front.middle - back.middle).abs() < 0.01,
            "{front:?} {back:?}"
        );
    }
    let texts = pages_text(&pdf);
    insta::assert_snapshot!("bilingual-sheet-fronts", texts[0]);
    insta::assert_snapshot!("bilingual-sheet-backs", texts[1]);
    // The same numbers on both sides, the back in Arabic.
    for value in ["988", "741741", "1-800-THE-LOST", "(206) 555-0142"] {
        assert!(
            texts[0].contains(value) && texts[1].contains(value),
            "{value}"
        );
    }
    assert!(!texts[1].contains("Ayuda"), "{}", texts[1]);

    // The Arabic sheet has its backs in Spanish.
    let arabic = pages_text(&project.read("output/ar/lineas-de-ayuda-cards.pdf"));
    assert_eq!(arabic.len(), 2);
    assert!(arabic[1].contains("Ayuda ahora mismo"), "{}", arabic[1]);
    assert!(!arabic[0].contains("Ayuda"), "{}", arabic[0]);

    // The text cards are as without backs.
    let cards = project.read_text("output/cards/ayuda.txt");
    assert!(cards.contains("Ayuda ahora mismo") && !cards.contains('\u{200f}'));
    let verify = project.run(&["verify"]);
    assert_eq!(verify.code, 0, "{}", verify.transcript());
}

#[test]
fn editing_the_back_translation_renders_the_guide_sheet_again() {
    let project = project();
    build(&project, &["--format", "card-sheet"]);
    let again = build(&project, &["--format", "card-sheet"]);
    assert!(
        again.stdout.contains("skipped  card-sheet: up to date"),
        "{}",
        again.stdout
    );
    let arabic = project
        .read_text("source/guide.ar.toml")
        .replace("title = \"المساعدة الآن\"", "title = \"المساعدة فورًا\"");
    project.write("source/guide.ar.toml", &arabic);
    let before = project.read(SHEET);
    let run = build(&project, &["--format", "card-sheet"]);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.ends_with(&format!("  {SHEET}"))),
        "{}",
        run.stdout
    );
    assert!(
        project.read(SHEET) != before,
        "the sheet shows the new title"
    );
}

#[test]
fn a_back_language_without_a_translation_names_the_file_and_the_translations() {
    let project = project();
    let run = fail(
        &project,
        &["--format", "card-sheet", "--cards-back-language", "ae"],
    );
    insta::assert_snapshot!("bilingual-no-translation-flag", run.stderr);
    let guide = project
        .read_text("source/guide.toml")
        .replace("back_language = \"ar\"", "back_language = \"fr\"");
    project.write("source/guide.toml", &guide);
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    insta::assert_snapshot!("bilingual-no-translation-guide", run.stderr);
}

#[test]
fn a_back_in_the_guide_language_is_refused() {
    let project = project();
    let run = fail(
        &project,
        &["--format", "card-sheet", "--cards-back-language", "es-US"],
    );
    insta::assert_snapshot!("bilingual-same-language", run.stderr);
}

#[test]
fn a_back_that_does_not_fit_names_the_card_the_language_and_the_line() {
    let project = project();
    let arabic = project.read_text("source/guide.ar.toml").replace(
        "label = \"الخط المباشر\"",
        "label = \"الخط المباشر www.missingkids.org/gethelpnow/isyourchild\"",
    );
    project.write("source/guide.ar.toml", &arabic);
    let run = fail(&project, &["--format", "card-sheet"]);
    insta::assert_snapshot!("bilingual-back-too-wide", run.stderr);
    let check = project.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.transcript());
    assert!(
        check
            .stderr
            .contains("the back of card `ayuda` (in ar) does not fit")
    );
}

#[test]
fn a_staff_sheet_shows_its_confidential_contact_on_both_sides_and_the_public_one_on_neither() {
    let project = project();
    let guide = project.read_text("source/guide.toml").replace(
        "[[card]]\nid = \"crisis\"",
        "[[organization.contact]]\nid = \"personal\"\nkind = \"phone\"\nlabel = \"Línea del personal\"\nvalue = \"(206) 555-0177\"\nconfidential = true\n\n[[edition]]\nid = \"staff\"\nconfidential = true\n\n[[card]]\nid = \"crisis\"",
    ).replace(
        "contacts = [\"linea-988.llamar\"]",
        "contacts = [\"linea-988.llamar\", \"centro.personal\"]",
    );
    project.write("source/guide.toml", &guide);
    let mut arabic = project.read_text("source/guide.ar.toml");
    arabic.push_str("\n[organization.centro.contact.personal]\nlabel = \"خط الموظفين\"\n");
    project.write("source/guide.ar.toml", &arabic);
    build(&project, &["--format", "card-sheet"]);
    let staff = pages_text(&project.read("output/staff/STAFF-ONLY-lineas-de-ayuda-cards.pdf"));
    assert_eq!(staff.len(), 2);
    assert!(staff[0].contains("(206) 555-0177") && staff[0].contains("Línea del personal"));
    assert!(staff[1].contains("(206) 555-0177"), "{}", staff[1]);
    for public in [SHEET, "output/ar/lineas-de-ayuda-cards.pdf"] {
        let text = pdf_text(&project.read(public));
        assert!(
            !text.contains("555-0177") && !text.contains("personal"),
            "{public}: {text}"
        );
        assert!(!text.contains("الموظفين"), "{public}: {text}");
    }
    let verify = project.run(&["verify"]);
    assert_eq!(verify.code, 0, "{}", verify.transcript());
}

#[test]
fn diff_reprints_the_card_sheet_alone_when_the_back_language_changes() {
    let project = project();
    let guide = project.read_text("source/guide.toml");
    project.write("old.toml", &guide.replace("back_language = \"ar\"\n", ""));
    let run = project.run(&["diff", "old.toml", "source/guide.toml"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    insta::assert_snapshot!("bilingual-diff", run.stdout);
}
