//! Built-in words in the guide's language (`templates/labels/<lang>.toml`, months from
//! CLDR) and the languages contacts answer in, in every format: a Spanish guide built
//! whole, compared with snapshots and searched for any English word of the catalog; a
//! language with no catalog; a catalog a designer adds; the non-Latin catalogs through
//! the formats that need no font of them (the EPUB, the web page and the cards).

use crate::common::{Project, pdf_text, repo};
use crate::epub::unzip;

/// Every file a Spanish build makes, as text a reader sees: the PDFs as pdftotext gives
/// them (handout, tri-fold, large print, card sheet), every XHTML and package document of
/// the EPUB, the web page, the cards and the text messages.
fn spanish_outputs() -> Vec<(String, String)> {
    let project = Project::with_fixture("words-es.toml");
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(!run.stderr.contains("warning"), "{}", run.transcript());
    let id = "recursos-familias-es";
    let mut texts = vec![
        (
            "handout".to_owned(),
            pdf_text(&project.read(&format!("output/{id}.pdf"))),
        ),
        (
            "card sheet".to_owned(),
            pdf_text(&project.read(&format!("output/{id}-cards.pdf"))),
        ),
    ];
    for (name, option) in [
        ("tri-fold", "--layout=trifold"),
        ("large print", "--large-print"),
    ] {
        let out = format!("out-{}", name.replace(' ', "-"));
        let run = project.run(&["build", "--format", "pdf", option, "--out", &out]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        texts.push((
            name.to_owned(),
            pdf_text(&project.read(&format!("{out}/{id}.pdf"))),
        ));
    }
    for entry in unzip(&project.read(&format!("output/{id}.epub"))) {
        if entry.name.ends_with(".xhtml")
            || entry.name.ends_with(".opf")
            || entry.name.ends_with(".ncx")
        {
            texts.push((entry.name.clone(), entry.text().to_owned()));
        }
    }
    texts.push((
        "web page".to_owned(),
        project.read_text(&format!("output/{id}.html")),
    ));
    texts.push((
        "cards".to_owned(),
        project.read_text(&format!("output/{id}-cards.txt")),
    ));
    for (name, bytes) in project.files_under("output/sms") {
        texts.push((format!("sms {name}"), String::from_utf8(bytes).unwrap()));
    }
    texts
}

/// Every English word of the catalog, but the names of languages (which the EPUB and the
/// web page show in the language itself: "inglés (English)"): each literal part of a text
/// around its `{placeholders}`, of more than two letters.
fn english_words() -> Vec<String> {
    let catalog: toml::Table =
        toml::from_str(&std::fs::read_to_string(repo().join("templates/labels/en.toml")).unwrap())
            .unwrap();
    let mut words = Vec::new();
    for (table, value) in &catalog {
        let Some(entries) = value.as_table().filter(|_| table != "languages") else {
            continue;
        };
        for text in entries.values().filter_map(toml::Value::as_str) {
            for part in text.split(['{', '}']).step_by(2) {
                let part = part.trim_matches([' ', ':', '.', ',']);
                if part.chars().filter(|c| c.is_alphabetic()).count() > 2 {
                    words.push(part.to_owned());
                }
            }
        }
    }
    words
}

/// `text` without its stylesheet and script (their comments are for designers).
fn without_code(text: &str) -> String {
    let mut out = text.to_owned();
    for (open, close) in [("<style", "</style>"), ("<script", "</script>")] {
        while let (Some(start), Some(end)) = (out.find(open), out.find(close)) {
            if end < start {
                break;
            }
            out.replace_range(start..end + close.len(), "");
        }
    }
    out
}

/// Whether `text` holds `word` as a word, not inside another (`tableOfContents`, a
/// schema.org value of the package document, is no English word for a reader).
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn a_spanish_guide_has_its_words_in_spanish_in_every_format() {
    let texts = spanish_outputs();
    let english = english_words();
    assert!(english.contains(&"Verified".to_owned()), "{english:?}");
    for (name, text) in &texts {
        let text = &without_code(text);
        for word in &english {
            assert!(
                !contains_word(text, word),
                "English `{word}` in the {name}:\n{text}"
            );
        }
    }
    for (name, text) in texts {
        insta::assert_snapshot!(format!("spanish {name}"), text);
    }
}

#[test]
fn a_guide_in_a_language_without_a_catalog_gets_english_words_and_one_warning() {
    let guide = std::fs::read_to_string(repo().join("tests/fixtures/words-es.toml"))
        .unwrap()
        .replace("language = \"es-US\"", "language = \"de-US\"");
    let project = Project::with_guide(&guide);
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        run.stderr.matches("warning:").count(),
        1,
        "{}",
        run.transcript()
    );
    insta::assert_snapshot!(run.transcript());
    let cards = project.read_text("output/recursos-familias-es-cards.txt");
    insta::assert_snapshot!(cards);
    let page = project.read_text("output/recursos-familias-es.html");
    let languages: Vec<&str> = page
        .lines()
        .filter(|l| l.contains("contact-languages"))
        .collect();
    insta::assert_snapshot!(languages.join("\n"));
}

#[test]
fn a_designer_adds_a_language_with_one_file_and_no_rust() {
    let guide = std::fs::read_to_string(repo().join("tests/fixtures/words-es.toml"))
        .unwrap()
        .replace("language = \"es-US\"", "language = \"de-US\"");
    let project = Project::with_guide(&guide);
    let english = project.read_text("templates/labels/en.toml");
    let german = english
        .replace("lang = \"en\"", "lang = \"de\"")
        .replace("phone = \"Phone\"", "phone = \"Telefon\"")
        .replace(
            "verified = \"Verified {date}\"",
            "verified = \"Geprüft {date}\"",
        )
        .replace(
            "page = \"Page {page} of {pages}\"",
            "page = \"Seite {page} von {pages}\"",
        )
        .replace("languages = \"Languages\"", "languages = \"Sprachen\"")
        .replace("es = \"Spanish\"", "es = \"Spanisch\"")
        .replace("en = \"English\"", "en = \"Englisch\"")
        .replace("de = \"German\"\n", "");
    project.write("templates/labels/de.toml", &german);
    let run = project.run(&["build", "--format", "pdf,cards,web"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        !run.stderr.contains("no words catalog"),
        "{}",
        run.transcript()
    );
    let page = project.read_text("output/recursos-familias-es.html");
    for word in ["Telefon: <a", "Sprachen: Spanisch (<span lang=\"es\""] {
        assert!(page.contains(word), "`{word}` in:\n{page}");
    }
    insta::assert_snapshot!(project.read_text("output/recursos-familias-es-cards.txt"));
}

#[test]
fn non_latin_catalogs_name_contact_languages_in_the_epub_the_web_page_and_the_cards() {
    let mut shown = String::new();
    for tag in [
        "zh-Hant-US",
        "zh-Hans-US",
        "ar-US",
        "ko-US",
        "vi-US",
        "ru-US",
        "fa-US",
        "ja-US",
    ] {
        let guide = std::fs::read_to_string(repo().join("tests/fixtures/words-es.toml"))
            .unwrap()
            .replace("language = \"es-US\"", &format!("language = \"{tag}\""));
        let project = Project::with_guide(&guide);
        let run = project.run(&["build", "--format", "epub,web,cards"]);
        assert_eq!(run.code, 0, "{tag}: {}", run.transcript());
        assert!(
            !run.stderr.contains("warning"),
            "{tag}: {}",
            run.transcript()
        );
        let page = project.read_text("output/recursos-familias-es.html");
        let book = unzip(&project.read("output/recursos-familias-es.epub"));
        let nav = book.iter().find(|e| e.name.ends_with("nav.xhtml")).unwrap();
        shown.push_str(&format!("== {tag}\n"));
        for line in page
            .lines()
            .filter(|l| l.contains("contact-languages") || l.contains("contact-value"))
        {
            shown.push_str(line);
            shown.push('\n');
        }
        for line in nav
            .text()
            .lines()
            .filter(|l| l.contains("<h") || l.contains("landmarks"))
        {
            shown.push_str(line);
            shown.push('\n');
        }
        shown.push_str(&project.read_text("output/recursos-familias-es-cards.txt"));
    }
    insta::assert_snapshot!(shown);
}
