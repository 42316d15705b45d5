//! The printable card sheet, read back from the PDF: page size, where each card's box
//! sits, the crop marks, duplex backs mirrored, determinism, title and language.

use pdf_extract::{
    ColorSpace, Document, MediaBox, OutputDev, OutputError, Path, PathOp, Transform,
};

use super::{build, fail};
use crate::common::{Project, pdf_text};
use crate::pdf_content::{read_pages, structure_texts, text_string};

const MM: f64 = 72.0 / 25.4;
const CARD_W: f64 = 85.6 * MM;
const CARD_H: f64 = 54.0 * MM;
/// The template keeps text this far inside each card.
const SAFE: f64 = 3.0 * MM;

/// What one page of the PDF holds: its size, where each box corner is, the strokes.
#[derive(Default, Debug)]
pub(super) struct Page {
    pub width: f64,
    pub height: f64,
    /// Top-left corners `┌` of the card boxes, in points from the top-left of the page.
    pub corners: Vec<(f64, f64)>,
    /// Bottom-left corners `└` of the card boxes, likewise.
    pub bottom_corners: Vec<(f64, f64)>,
    /// Stroked straight lines, from the top-left of the page: (x1, y1, x2, y2).
    strokes: Vec<(f64, f64, f64, f64)>,
}

#[derive(Default)]
struct Reader {
    pages: Vec<Page>,
}

impl OutputDev for Reader {
    fn begin_page(
        &mut self,
        _: u32,
        media: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page {
            width: media.urx - media.llx,
            height: media.ury - media.lly,
            ..Page::default()
        });
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        _: f64,
        _: f64,
        _: f64,
        c: &str,
    ) -> Result<(), OutputError> {
        let page = self.pages.last_mut().expect("a page");
        let at = (trm.m31, page.height - trm.m32);
        match c {
            "┌" => page.corners.push(at),
            "└" => page.bottom_corners.push(at),
            _ => {}
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn stroke(
        &mut self,
        ctm: &Transform,
        _: &ColorSpace,
        _: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        let page = self.pages.last_mut().expect("a page");
        let at = |x: f64, y: f64| {
            (
                ctm.m11 * x + ctm.m21 * y + ctm.m31,
                page.height - (ctm.m12 * x + ctm.m22 * y + ctm.m32),
            )
        };
        let mut from = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => from = Some(at(x, y)),
                PathOp::LineTo(x, y) => {
                    let to = at(x, y);
                    if let Some((x1, y1)) = from {
                        page.strokes.push((x1, y1, to.0, to.1));
                    }
                    from = Some(to);
                }
                _ => {}
            }
        }
        Ok(())
    }
}

pub(super) fn read(pdf: &[u8]) -> Vec<Page> {
    let doc = Document::load_mem(pdf).expect("the sheet is a PDF");
    let mut reader = Reader::default();
    pdf_extract::output_doc(&doc, &mut reader).expect("the sheet can be read");
    reader.pages
}

/// A guide with `n` cards titled "Card 1" … "Card n".
fn guide_with_cards(n: usize) -> String {
    let mut toml = String::from(
        "[guide]\nid = \"many\"\ntitle = \"Many cards\"\nlanguage = \"en\"\ndate = 2024-03-01\n\
         emergency = \"In an emergency, call 911.\"\n\n\
         [[organization]]\nid = \"org\"\nname = \"Example Helpline\"\nsummary = \"A helpline.\"\nabout = \"A helpline.\"\n\n\
         [[organization.contact]]\nid = \"phone\"\nkind = \"phone\"\nlabel = \"Helpline\"\nvalue = \"1-800-555-0100\"\n",
    );
    for i in 1..=n {
        toml.push_str(&format!(
            "\n[[card]]\nid = \"card-{i}\"\ntitle = \"Card {i}\"\ncontacts = [\"org.phone\"]\n"
        ));
    }
    toml
}

/// The grid slot (row, column) a box corner lies in, checking it keeps the safe margin.
fn slot(page: &Page, (x, y): (f64, f64)) -> (usize, usize) {
    let x0 = (page.width - 2.0 * CARD_W) / 2.0;
    let y0 = (page.height - 5.0 * CARD_H) / 2.0;
    let (col, row) = (((x - x0) / CARD_W).floor(), ((y - y0) / CARD_H).floor());
    assert!(
        (0.0..2.0).contains(&col) && (0.0..5.0).contains(&row),
        "corner {x},{y} is off the grid"
    );
    let (left, top) = (x0 + col * CARD_W, y0 + row * CARD_H);
    assert!(
        x - left >= SAFE - 0.5 && y - top >= SAFE - 0.5,
        "corner {x},{y} is within the safe margin"
    );
    (row as usize, col as usize)
}

pub(super) fn slots(page: &Page) -> Vec<(usize, usize)> {
    page.corners.iter().map(|&c| slot(page, c)).collect()
}

fn all_slots() -> Vec<(usize, usize)> {
    (0..5)
        .flat_map(|row| (0..2).map(move |col| (row, col)))
        .collect()
}

#[test]
fn letter_sheet_holds_ten_cards_a_page_in_two_columns_of_five() {
    let project = Project::with_guide(&guide_with_cards(11));
    build(&project, &["--format", "card-sheet"]);
    let pdf = project.read("output/many-cards.pdf");
    let pages = read(&pdf);
    assert_eq!(pages.len(), 2);
    for page in &pages {
        assert_eq!(
            (page.width.round(), page.height.round()),
            (612.0, 792.0),
            "US Letter"
        );
    }
    assert_eq!(
        slots(&pages[0]),
        all_slots(),
        "cards fill the page row by row"
    );
    assert_eq!(slots(&pages[1]), [(0, 0)]);
    let texts = pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap();
    assert!(
        texts[0].contains("Card 1 ")
            && texts[0].contains("Card 10 ")
            && !texts[0].contains("Card 11")
    );
    assert!(texts[1].contains("Card 11 "), "{}", texts[1]);
}

#[test]
fn a4_sheet_is_a4_with_the_grid_centred() {
    let project = Project::with_guide(&guide_with_cards(3));
    build(&project, &["--format", "card-sheet", "--paper", "a4"]);
    let pages = read(&project.read("output/many-cards.pdf"));
    assert_eq!(pages.len(), 1);
    assert_eq!(
        (
            (pages[0].width * 100.0).round(),
            (pages[0].height * 100.0).round()
        ),
        (59528.0, 84189.0)
    );
    assert_eq!(slots(&pages[0]), [(0, 0), (0, 1), (1, 0)]);
}

#[test]
fn crop_marks_line_up_with_every_cut_outside_the_cards() {
    let project = Project::with_guide(&guide_with_cards(1));
    build(&project, &["--format", "card-sheet"]);
    let pages = read(&project.read("output/many-cards.pdf"));
    let page = &pages[0];
    let x0 = (page.width - 2.0 * CARD_W) / 2.0;
    let y0 = (page.height - 5.0 * CARD_H) / 2.0;
    let near = |a: f64, b: f64| (a - b).abs() < 0.2;
    let vertical = |x: f64| {
        page.strokes
            .iter()
            .filter(|s| near(s.0, x) && near(s.2, x))
            .count()
    };
    let horizontal = |y: f64| {
        page.strokes
            .iter()
            .filter(|s| near(s.1, y) && near(s.3, y))
            .count()
    };
    for i in 0..=2 {
        assert_eq!(
            vertical(x0 + f64::from(i) * CARD_W),
            2,
            "top and bottom marks of cut {i}"
        );
    }
    for j in 0..=5 {
        assert_eq!(
            horizontal(y0 + f64::from(j) * CARD_H),
            2,
            "left and right marks of cut {j}"
        );
    }
    let inside = |x: f64, y: f64| {
        x > x0 + 0.1 && x < page.width - x0 - 0.1 && y > y0 + 0.1 && y < page.height - y0 - 0.1
    };
    for s in &page.strokes {
        assert!(
            !inside(s.0, s.1) && !inside(s.2, s.3),
            "mark {s:?} is on a card"
        );
    }
}

#[test]
fn duplex_backs_follow_each_page_mirrored_for_a_long_edge_flip() {
    let project = Project::with_guide(&guide_with_cards(13));
    build(&project, &["--format", "card-sheet", "--cards-duplex"]);
    let pdf = project.read("output/many-cards.pdf");
    let pages = read(&pdf);
    assert_eq!(pages.len(), 4, "front, back, front, back");
    assert_eq!(
        slots(&pages[1]),
        all_slots()
            .iter()
            .map(|&(r, c)| (r, 1 - c))
            .collect::<Vec<_>>()
    );
    assert_eq!(slots(&pages[2]), [(0, 0), (0, 1), (1, 0)]);
    assert_eq!(
        slots(&pages[3]),
        [(0, 1), (0, 0), (1, 1)],
        "each back behind its front"
    );
    let texts = pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap();
    assert!(texts[3].contains("Many cards") && texts[3].contains("In an emergency, call 911."));
    assert!(!texts[3].contains("Card 11"), "{}", texts[3]);
}

#[test]
fn sheet_is_the_same_bytes_every_time_and_tagged_with_title_and_language() {
    let sheet = || {
        let project = Project::shipped();
        build(&project, &["--format", "card-sheet"]);
        project.read("output/icac-resources-cards.pdf")
    };
    let first = sheet();
    assert!(first == sheet(), "two builds of the sheet differ");
    let doc = Document::load_mem(&first).unwrap();
    let catalog = doc.catalog().unwrap();
    assert!(catalog.get(b"StructTreeRoot").is_ok(), "tagged");
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en-US");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .unwrap();
    let title = doc
        .get_dictionary(info)
        .unwrap()
        .get(b"Title")
        .unwrap()
        .as_str()
        .unwrap();
    assert_eq!(
        text_string(title),
        "Information and Intervention Resources: wallet cards"
    );
    assert!(pdf_text(&first).contains("1-800-843-5678"));
}

/// Whether `text` holds a box-drawing character (`┌`, `─`, `│`, …).
fn has_box_drawing(text: &str) -> bool {
    text.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c))
}

#[test]
fn sheet_type_is_never_below_7_pt_and_the_widest_card_at_7_pt_prints() {
    let project = Project::with_fixture("crisis-lines.toml");
    build(&project, &["--format", "card-sheet"]);
    let pages = read_pages(&project.read("output/crisis-lines-cards.pdf"));
    let sizes: Vec<f64> = pages[0].shown.iter().map(|s| s.size).collect();
    assert!(sizes.len() > 20, "{sizes:?}");
    let (smallest, largest) = sizes
        .iter()
        .fold((f64::MAX, 0.0_f64), |(lo, hi), &s| (lo.min(s), hi.max(s)));
    assert!(smallest >= 7.0, "text at {smallest} pt");
    assert!(
        largest - smallest < 0.01,
        "one size on every card: {sizes:?}"
    );

    // The widest card the error message offers does print, at 7 pt or more.
    let wide = Project::with_fixture("crisis-lines.toml");
    let run = fail(&wide, &["--format", "card-sheet", "--card-width", "80"]);
    insta::assert_snapshot!("sheet-card-too-wide", run.stderr);
    build(&project, &["--format", "card-sheet", "--card-width", "53"]);
    let pages = read_pages(&project.read("output/crisis-lines-cards.pdf"));
    let smallest = pages[0]
        .shown
        .iter()
        .map(|s| s.size)
        .fold(f64::MAX, f64::min);
    assert!((7.0..7.2).contains(&smallest), "text at {smallest} pt");
}

/// What a screen reader reads of a sheet (its tagged text, one run after another), and
/// how many pieces of frame it skips, checking that no frame is read.
fn read_aloud(pdf: &[u8]) -> (String, usize) {
    let is_frame = |text: &str| {
        has_box_drawing(text)
            || text.starts_with(['|', '+'])
            || text.ends_with(['|', '+'])
            || text.contains("+--")
    };
    let mut read = String::new();
    let mut frames = 0;
    for shown in read_pages(pdf).iter().flat_map(|p| p.shown.clone()) {
        if shown.artifact {
            frames += usize::from(is_frame(&shown.text));
            continue;
        }
        assert!(
            shown.tagged,
            "{:?} is neither tagged nor an artifact",
            shown.text
        );
        assert!(!is_frame(&shown.text), "{:?} is read aloud", shown.text);
        for actual in &shown.actual_text {
            assert!(!is_frame(actual), "ActualText {actual:?}");
        }
        read.push_str(&shown.text);
        read.push(' ');
    }
    for text in structure_texts(pdf) {
        assert!(!is_frame(&text), "the structure tree says {text:?}");
    }
    (read, frames)
}

#[test]
fn card_frames_are_artifacts_and_only_the_card_text_is_read() {
    for ascii in [false, true] {
        let project = Project::shipped();
        let mut args = vec!["--format", "card-sheet", "--cards-duplex"];
        if ascii {
            args.push("--cards-ascii");
        }
        build(&project, &args);
        let (read, frames) = read_aloud(&project.read("output/icac-resources-cards.pdf"));
        assert!(frames > 40, "the frames are drawn ({frames} pieces)");
        for text in [
            "Report child sexual exploitation",
            "1-800-843-5678 (24/7)",
            "Canada, Mexico",
            "Internet Crimes Against Children",
        ] {
            assert!(read.contains(text), "{text:?} is not read:\n{read}");
        }
    }
}
