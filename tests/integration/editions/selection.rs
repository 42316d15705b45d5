//! What each edition keeps, proved from its PDF text, its EPUB and its cards.

use super::built;
use crate::common::pdf_text;
use crate::epub::unzip;

/// Every text file of an EPUB, one after the other.
fn epub_text(bytes: &[u8]) -> String {
    unzip(bytes)
        .into_iter()
        .filter_map(|entry| String::from_utf8(entry.bytes).ok())
        .collect::<Vec<_>>()
        .join("\n")
}

/// (value, in students, in clinic, in staff)
const EXPECTED: &[(&str, bool, bool, bool)] = &[
    ("741741", true, false, true),
    ("Text HOME", true, false, true),
    ("988", true, true, true),
    ("(555) 010-2000", false, true, true),
    ("Lakeview Family Resource Center", false, true, true),
    ("(555) 010-3000", false, true, true),
    ("Harbor House Shelter", false, true, true),
    ("Alder Lane", false, false, true),
    ("(555) 010-3999", false, false, true),
];

#[test]
fn each_edition_keeps_exactly_its_contacts_in_the_pdf_the_epub_and_the_card_sheet() {
    let project = built();
    for (column, edition) in ["students", "clinic", "staff"].into_iter().enumerate() {
        let outputs = [
            (
                "PDF",
                pdf_text(&project.read(&crate::editions::file_of(edition, "family-help.pdf"))),
            ),
            (
                "EPUB",
                epub_text(&project.read(&crate::editions::file_of(edition, "family-help.epub"))),
            ),
            (
                "web page",
                project.read_text(&crate::editions::file_of(edition, "family-help.html")),
            ),
        ];
        for &(value, students, clinic, staff) in EXPECTED {
            let expected = [students, clinic, staff][column];
            for (what, text) in &outputs {
                // The EPUB and the web page escape markup; none of the values has any.
                assert_eq!(
                    text.contains(value),
                    expected,
                    "`{value}` in the {what} of the edition {edition}"
                );
            }
        }
    }
}

#[test]
fn each_edition_has_its_own_title_and_layout() {
    let project = built();
    let students = pdf_text(&project.read("output/students/family-help.pdf"));
    assert!(
        students.contains("Text or Call: Help for Students"),
        "{students}"
    );
    let clinic = pdf_text(&project.read("output/clinic/family-help.pdf"));
    assert!(
        clinic.contains("Family Services and Help Lines"),
        "{clinic}"
    );
    // The students' tri-fold is one landscape sheet, two sides; the clinic's handout portrait.
    let students = crate::common::pdf_facts(&project.read("output/students/family-help.pdf"));
    assert_eq!(students.pages, 2);
    assert!(students.media_boxes.iter().all(|[_, _, w, h]| w > h));
    let clinic = crate::common::pdf_facts(&project.read("output/clinic/family-help.pdf"));
    assert!(clinic.media_boxes.iter().all(|[_, _, w, h]| w < h));
}

#[test]
fn the_students_cards_lead_with_texting_and_only_their_card_is_printed() {
    let project = built();
    let cards = project.files_under("output/students/cards");
    let names: Vec<&str> = cards.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["students.txt"]);
    insta::assert_snapshot!(
        "students_card",
        project.read_text("output/students/cards/students.txt")
    );
    insta::assert_snapshot!(
        "clinic_cards",
        project.read_text("output/clinic/family-help-cards.txt")
    );
}
