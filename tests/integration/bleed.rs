//! Printing with bleed: the pamphlet's page boxes and its crop marks, read back from the
//! PDF with lopdf.

use lopdf::Document;

use crate::common::Project;
use crate::pdf_content::read_pages;

/// 3 mm, in points.
const BLEED: f64 = 3.0 * 72.0 / 25.4;

/// A page box as (left, bottom, right, top).
type Rect = [f64; 4];

/// Each page's MediaBox, BleedBox and TrimBox.
fn page_boxes(pdf: &[u8]) -> Vec<(Rect, Option<Rect>, Option<Rect>)> {
    let doc = Document::load_mem(pdf).expect("a readable PDF");
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).expect("a page");
            let rect = |key: &[u8]| -> Option<Rect> {
                let values = page.get(key).ok()?.as_array().ok()?;
                let n = |i: usize| values[i].as_float().map(f64::from).expect("a number");
                Some([n(0), n(1), n(2), n(3)])
            };
            let media = rect(b"MediaBox").expect("a MediaBox");
            (media, rect(b"BleedBox"), rect(b"TrimBox"))
        })
        .collect()
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.05
}

/// The least room for the crop marks between the BleedBox and the MediaBox (5 mm).
const MARK_ROOM: f64 = 5.0 * 72.0 / 25.4;

/// Checks the boxes and the marks of one built pamphlet.
fn check_bleed(pdf: &[u8]) {
    let boxes = page_boxes(pdf);
    let pages = read_pages(pdf);
    assert_eq!(boxes.len(), pages.len());
    for (number, ((media, bleed, trim), content)) in boxes.iter().zip(&pages).enumerate() {
        let page = number + 1;
        let trim = trim.unwrap_or_else(|| panic!("page {page} has no TrimBox"));
        let bleed = bleed.unwrap_or_else(|| panic!("page {page} has no BleedBox"));
        // The BleedBox is the trim grown by the bleed on every side.
        let grown = [
            trim[0] - BLEED,
            trim[1] - BLEED,
            trim[2] + BLEED,
            trim[3] + BLEED,
        ];
        assert!(
            (0..4).all(|i| near(bleed[i], grown[i])),
            "page {page}: BleedBox {bleed:?} is not the trim {trim:?} grown by the bleed"
        );
        // The MediaBox holds the BleedBox with room for the marks on every side.
        let room = [
            bleed[0] - media[0],
            bleed[1] - media[1],
            media[2] - bleed[2],
            media[3] - bleed[3],
        ];
        assert!(
            room.iter().all(|&d| d >= MARK_ROOM),
            "page {page}: no room for the marks between {bleed:?} and {media:?}"
        );

        // Marks are the strokes that reach out of the trim; every one lies wholly outside
        // the bleed (so bleed artwork never covers it), on the page, in line with a trim
        // edge, and is not read aloud.
        let outside = |p: &(f64, f64), rect: Rect| !(x_in(p, rect) && y_in(p, rect));
        let marks: Vec<_> = content
            .strokes
            .iter()
            .filter(|s| s.points.iter().any(|p| outside(p, trim)))
            .collect();
        assert_eq!(
            marks.len(),
            8,
            "page {page}: two marks at each corner: {marks:?}"
        );
        for mark in &marks {
            assert!(mark.artifact, "page {page}: mark {mark:?} is read aloud");
            for &(x, y) in &mark.points {
                let beyond_bleed = x < bleed[0] - 0.01
                    || x > bleed[2] + 0.01
                    || y < bleed[1] - 0.01
                    || y > bleed[3] + 0.01;
                assert!(
                    beyond_bleed,
                    "page {page}: mark {mark:?} is inside the BleedBox {bleed:?}"
                );
                assert!(
                    x >= media[0] - 0.01
                        && x <= media[2] + 0.01
                        && y >= media[1] - 0.01
                        && y <= media[3] + 0.01,
                    "page {page}: mark {mark:?} is off the page"
                );
            }
            let on_an_edge = mark
                .points
                .iter()
                .all(|&(x, _)| near(x, trim[0]) || near(x, trim[2]))
                || mark
                    .points
                    .iter()
                    .all(|&(_, y)| near(y, trim[1]) || near(y, trim[3]));
            assert!(
                on_an_edge,
                "page {page}: mark {mark:?} is not in line with the trim"
            );
        }
    }
}

/// Whether a point is strictly between the trim's left and right edges.
fn x_in(&(x, _): &(f64, f64), trim: Rect) -> bool {
    x > trim[0] + 0.01 && x < trim[2] - 0.01
}

/// Whether a point is strictly between the trim's bottom and top edges.
fn y_in(&(_, y): &(f64, f64), trim: Rect) -> bool {
    y > trim[1] + 0.01 && y < trim[3] - 0.01
}

#[test]
fn bleed_writes_a_bleed_box_and_puts_the_crop_marks_outside_the_trim() {
    for paper in ["us-letter", "a4"] {
        let handout = Project::shipped();
        let run = handout.run(&[
            "build", "--format", "pdf", "--bleed", "3mm", "--paper", paper,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        check_bleed(&handout.read("output/icac-resources.pdf"));
    }

    let trifold = Project::with_fixture("crisis-lines.toml");
    let run = trifold.run(&["build", "--format", "pdf", "--bleed", "3mm"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = trifold.read("output/crisis-lines.pdf");
    check_bleed(&pdf);
    let again = Project::with_fixture("crisis-lines.toml");
    again.run(&["build", "--format", "pdf", "--bleed", "3mm"]);
    assert!(
        pdf == again.read("output/crisis-lines.pdf"),
        "two builds differ"
    );
}

#[test]
fn without_bleed_there_is_no_bleed_box() {
    let project = Project::shipped();
    let run = project.run(&["build", "--format", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (_, bleed, trim) in page_boxes(&project.read("output/icac-resources.pdf")) {
        assert_eq!((bleed, trim), (None, None));
    }
}
