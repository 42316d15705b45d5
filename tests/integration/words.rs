//! The built-in words come from one catalog per language, `templates/labels/<lang>.toml`: every format shows
//! the catalog's word, and a catalog that lacks one is refused, naming the file and key.

use crate::common::{Project, pdf_facts, pdf_text};
use crate::epub::unzip;

/// The crisis-lines guide (SMS contacts, a tri-fold) with `edit` applied to its words.
fn with_words(edit: impl FnOnce(String) -> String) -> Project {
    let project = Project::with_fixture("crisis-lines.toml");
    let words = project.read_text("templates/labels/en.toml");
    project.write("templates/labels/en.toml", &edit(words));
    project
}

#[test]
fn the_pamphlet_and_the_book_name_a_text_message_contact_alike() {
    let project = Project::with_fixture("crisis-lines.toml");
    let run = project.run(&["build", "--format", "pdf,epub"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let pdf = pdf_text(&project.read("output/crisis-lines.pdf"));
    let book = unzip(&project.read("output/crisis-lines.epub"));
    let lifeline = book
        .iter()
        .find(|e| e.name.ends_with("crisis.xhtml"))
        .expect("the crisis section");
    assert!(pdf.contains("Text message:"), "{pdf}");
    assert!(
        lifeline.text().contains("Text message: <a"),
        "{}",
        lifeline.text()
    );
}

#[test]
fn a_word_changed_in_the_catalog_changes_every_format() {
    let project = with_words(|words| {
        words
            .replace("sms = \"Text message\"", "sms = \"SMS\"")
            .replace(
                "page = \"Page {page} of {pages}\"",
                "page = \"Seite {page} von {pages}\"",
            )
            .replace("contents = \"Contents\"", "contents = \"Inhalt\"")
            .replace(
                "sheet_title = \"{title}: wallet cards\"",
                "sheet_title = \"Karten: {title}\"",
            )
            .replace("cut_here = \"cut here\"", "cut_here = \"hier schneiden\"")
    });
    let run = project.run(&["build", "--layout", "handout"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let pdf = pdf_text(&project.read("output/crisis-lines.pdf"));
    assert!(
        pdf.contains("SMS:") && !pdf.contains("Text message"),
        "{pdf}"
    );
    assert!(pdf.contains("Seite 1 von 2"), "{pdf}");
    let book = unzip(&project.read("output/crisis-lines.epub"));
    let nav = book.iter().find(|e| e.name.ends_with("nav.xhtml")).unwrap();
    assert!(nav.text().contains(">Inhalt<"), "{}", nav.text());
    let cards = project.read_text("output/crisis-lines-cards.txt");
    assert!(cards.contains(" hier schneiden "), "{cards}");
    let sheet = pdf_facts(&project.read("output/crisis-lines-cards.pdf"));
    assert!(
        sheet.xmp.contains("Karten: Help Is a Call"),
        "{}",
        sheet.xmp
    );
}

#[test]
fn a_missing_word_is_an_error_naming_the_file_and_the_key() {
    let project = with_words(|words| words.replace("at_a_glance = \"At a glance\"\n", ""));
    let run = project.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        project.output_files().is_empty(),
        "a failed build wrote files"
    );
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_template_folder_without_the_catalog_is_told_where_the_words_went() {
    let project = Project::with_fixture("crisis-lines.toml");
    std::fs::remove_file(project.path().join("templates/labels/en.toml")).unwrap();
    project.write("templates/epub/labels.j2", "{% set lang = \"en\" %}\n");
    let run = project.run(&["build", "--format", "epub"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
}
