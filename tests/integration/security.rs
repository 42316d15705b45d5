//! Nothing in a guide runs as code, templates cannot reach outside their folder, and
//! oversized or over-nested input is refused with a clear message.

use std::io::Write;

use crate::common::{Project, Run, pdf_text};

/// Builds with a copy of the shipped templates in `custom/` changed by `edit`, and
/// checks that the build fails and writes nothing.
fn build_with_custom_templates(project: &Project, edit: impl FnOnce(&std::path::Path)) -> Run {
    let custom = project.path().join("custom");
    crate::common::copy_dir(&crate::common::repo().join("templates"), &custom);
    edit(&custom);
    let run = project.run(&["build", "--templates", "custom"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        project.output_files().is_empty(),
        "a failed build wrote files"
    );
    run
}

// ----- no code from content -------------------------------------------------------------

/// Plain strings of the adversarial guide that every output shows.
const EVERYWHERE: &[&str] = &[
    "Call 911, not #sys.inputs",
    "{%raw%}",
    r#"<a href="javascript:alert(1)">Call</a>"#,
    "+1 (800) 555-0100",
    "{{ 7 + 7 }} & #emph[always]",
    r"{{x}}+#sys&'o@example.org",
    "Post <br/>",
    "E-mail @ref",
    "#read(\"/etc/passwd\")\n<script>alert(1)</script>\n{{ 7 + 7 }} ]]> \\ Street",
];

/// Plain strings that the pamphlet and the EPUB show (the cards hold only some contacts).
const PAMPHLET_AND_EPUB: &[&str] = &[
    r#"#read("/etc/passwd") <script>alert(1)</script>"#,
    "{{ 7 + 7 }} {% raw %}{% endraw %} {# not a comment #}",
    r#"$x^2$ @ref \\ \n "quoted""#,
    r#"Typst is text here: #read("/etc/passwd"), #sys.inputs, #import "@preview/foo:0.1.0" and $x$."#,
    r"Markup is text too: a < b > c, &amp; stays, {{ 7 + 7 }}, {% raw %}, @ref, ]]> and \ a backslash.",
    r#"Nothing here is #eval("1 + 1") or {{ guide.title }}: 2*3*4, snake_case_name, $$ and \\ two."#,
    "<b>Bold</b> #strong[not bold] {{ org.name }}",
    "<ul><li>Services</li></ul> & {{ loop.index }}:",
    "We answer #emph[questions] with a link and care.",
    r#"Reports: #read("x") is text, as is {% include "../../x" %}."#,
    r"Escapes: \ \\ \n \# \* and a lone \",
    "Text ]]> us",
    "741741",
    "Web {# form #}",
    "https://example.org/search?q=$x$&r=#read",
    r"Can be reached from: <script>, $x$, \\server\share, {% raw %}",
];

/// Plain strings that only the EPUB shows (the pamphlet has no contents page or colophon).
const EPUB_ONLY: &[&str] = &[
    "]]> <!-- not a comment --> &amp; &lt; &#x41;",
    r#"#import "@preview/foo:0.1.0": * and #include "/etc/passwd""#,
];

/// Plain strings of the card.
const CARD: &[&str] = &["{{ 7 + 7 }} <script>", r#"]]> #read("/etc/passwd") \ @ref"#];

#[test]
fn a_guide_of_code_look_alikes_builds_and_shows_every_string_literally() {
    let project = Project::with_fixture("adversarial/guide.toml");
    let run = project.run(&["build"]);
    insta::assert_snapshot!("adversarial-build", run.transcript());
    assert_eq!(run.code, 0);

    let pdf = pdf_text(&project.read("output/adversarial.pdf"));
    insta::assert_snapshot!("adversarial-pdf-text", pdf);
    let documents = xhtml_documents(&project.read("output/adversarial.epub"));
    for (name, xml) in &documents {
        if ["title", "contents", "org-lookalikes", "closing"]
            .iter()
            .any(|n| name == &format!("OEBPS/{n}.xhtml"))
        {
            insta::assert_snapshot!(format!("adversarial-epub-{}", &name[6..]), xml);
        }
    }
    let card = project.read_text("output/cards/lookalikes.txt");
    insta::assert_snapshot!("adversarial-card", card);
    let sheet = pdf_text(&project.read("output/adversarial-cards.pdf"));
    insta::assert_snapshot!("adversarial-card-sheet-text", sheet);

    let epub_texts: Vec<String> = documents
        .iter()
        .map(|(_, xml)| collapse(&xhtml_text(xml)))
        .collect();
    let card_text = collapse(&card_inner(&card));
    let sheet_text = squeeze(&card_inner(&sheet));
    for &string in EVERYWHERE.iter().chain(PAMPHLET_AND_EPUB).chain(EPUB_ONLY) {
        let shown = collapse(string);
        assert!(
            epub_texts.iter().any(|t| t.contains(&shown)),
            "the EPUB does not show {string:?}"
        );
        if !EPUB_ONLY.contains(&string) {
            assert!(
                squeeze(&pdf).contains(&squeeze(string)),
                "the PDF does not show {string:?}"
            );
        }
    }
    for &string in EVERYWHERE.iter().chain(CARD) {
        assert!(
            card_text.contains(&collapse(string)),
            "the card does not show {string:?}"
        );
        assert!(
            sheet_text.contains(&squeeze(string)),
            "the card sheet does not show {string:?}"
        );
    }
    let verify = project.run(&["verify"]);
    assert_eq!(verify.code, 0, "{}", verify.transcript());
}

#[test]
fn the_outputs_of_the_look_alike_guide_hold_nothing_that_runs() {
    let project = Project::with_fixture("adversarial/guide.toml");
    assert_eq!(project.run(&["build"]).code, 0);
    for (name, xml) in xhtml_documents(&project.read("output/adversarial.epub")) {
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let document = roxmltree::Document::parse_with_options(&xml, options)
            .unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"));
        let active: Vec<String> = document
            .descendants()
            .filter(roxmltree::Node::is_element)
            .filter(|n| {
                matches!(
                    n.tag_name().name(),
                    "script" | "iframe" | "object" | "embed" | "form"
                ) || n.attributes().any(|a| a.name().starts_with("on"))
                    || n.attribute("href")
                        .is_some_and(|h| h.trim_start().to_lowercase().starts_with("javascript:"))
            })
            .map(|n| format!("{:?}", n.tag_name()))
            .collect();
        assert!(active.is_empty(), "{name} has active content: {active:?}");
    }
    for pdf in ["output/adversarial.pdf", "output/adversarial-cards.pdf"] {
        let document = lopdf::Document::load_mem(&project.read(pdf)).unwrap();
        for (id, object) in &document.objects {
            let Ok(dict) = object.as_dict() else { continue };
            for key in [&b"JS"[..], b"JavaScript", b"Launch", b"OpenAction", b"AA"] {
                assert!(
                    !dict.has(key),
                    "{pdf}: object {id:?} has /{}",
                    String::from_utf8_lossy(key)
                );
            }
        }
    }
}

/// Every XHTML document in an EPUB, by name, sorted.
pub fn xhtml_documents(epub: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    let mut documents = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        if entry.name().ends_with(".xhtml") {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut entry, &mut xml).unwrap();
            documents.push((entry.name().to_owned(), xml));
        }
    }
    documents.sort();
    documents
}

/// The text of an XHTML document's body, entities decoded, a space between elements.
pub fn xhtml_text(xml: &str) -> String {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let document =
        roxmltree::Document::parse_with_options(xml, options).expect("well-formed XHTML");
    let body = document
        .descendants()
        .find(|n| n.has_tag_name("body"))
        .expect("a body");
    let mut text = String::new();
    for node in body.descendants() {
        if let Some(t) = node.text().filter(|_| node.is_text()) {
            text.push_str(t);
        } else if node.has_tag_name("br") || node.has_tag_name("p") || node.has_tag_name("li") {
            text.push('\n');
        }
    }
    text
}

/// Every run of whitespace as one space, as a reader sees XHTML and wrapped card lines.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text without whitespace: PDF text extraction guesses spaces and line breaks from
/// glyph positions, so only the other characters can be compared one for one.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A card's lines without the frame around them.
pub fn card_inner(card: &str) -> String {
    card.lines()
        .map(|line| {
            line.trim()
                .trim_matches(|c: char| ('\u{2500}'..='\u{257f}').contains(&c))
                .trim()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ----- the sandbox ----------------------------------------------------------------------

/// Replaces the pamphlet's main template with `source` and builds.
fn pamphlet_attempt(project: &Project, source: &str) -> Run {
    build_with_custom_templates(project, |custom| {
        std::fs::write(custom.join("pamphlet.typ"), source).unwrap();
    })
}

#[test]
fn a_template_cannot_read_an_absolute_path_of_the_system() {
    let project = Project::shipped();
    let run = pamphlet_attempt(&project, "#read(\"/etc/passwd\")\n");
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_template_cannot_read_the_guide_source_beside_its_folder() {
    let project = Project::shipped();
    let run = pamphlet_attempt(&project, "#read(\"../source/guide.toml\")\n");
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_template_cannot_climb_out_of_its_folder_from_the_root() {
    let project = Project::shipped();
    let run = pamphlet_attempt(&project, "#image(\"/../../etc/x\")\n");
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_custom_template_folder_is_the_root_not_the_project() {
    // The shipped templates lie beside `custom/`; the custom folder cannot reach them.
    let project = Project::shipped();
    let run = pamphlet_attempt(&project, "#read(\"../templates/pamphlet.typ\")\n");
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_template_cannot_import_a_package() {
    let project = Project::shipped();
    let run = pamphlet_attempt(&project, "#import \"@preview/foo:0.1.0\": *\n");
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn the_internal_module_is_the_one_package_a_template_can_import() {
    // The built-in templates import it (every pamphlet test); no other version is served,
    // and a mistake inside it is shown in its own file.
    let project = Project::shipped();
    let other_version = pamphlet_attempt(&project, "#import \"@guidepress/internal:9.0.0\": *\n");
    let misused = pamphlet_attempt(
        &project,
        "#import \"@guidepress/internal:0.1.0\": keep-together\n#keep-together((:), none, 1pt)\n",
    );
    insta::assert_snapshot!(format!(
        "{}\n{}",
        other_version.transcript(),
        misused.transcript()
    ));
}

#[cfg(unix)]
#[test]
fn a_link_in_the_template_folder_to_a_file_outside_cannot_be_read() {
    let project = Project::shipped();
    let run = build_with_custom_templates(&project, |custom| {
        std::os::unix::fs::symlink(
            project.path().join("source/guide.toml"),
            custom.join("leak.txt"),
        )
        .unwrap();
        std::fs::write(custom.join("pamphlet.typ"), "#read(\"leak.txt\")\n").unwrap();
    });
    insta::assert_snapshot!(run.transcript());
}

#[cfg(unix)]
#[test]
fn a_link_in_the_template_folder_to_the_file_system_root_is_neither_read_nor_walked() {
    // Before the sandbox listed template files itself, hashing the inputs followed this
    // link and read every file on the machine.
    let project = Project::shipped();
    let run = build_with_custom_templates(&project, |custom| {
        std::os::unix::fs::symlink("/", custom.join("up")).unwrap();
        std::fs::write(custom.join("pamphlet.typ"), "#read(\"up/etc/passwd\")\n").unwrap();
    });
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_text_template_cannot_include_a_file_outside_its_folder() {
    let project = Project::shipped();
    let run = build_with_custom_templates(&project, |custom| {
        std::fs::write(
            custom.join("cards/card.txt.j2"),
            "{% include \"../../source/guide.toml\" %}\n",
        )
        .unwrap();
    });
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn an_epub_template_cannot_include_a_file_outside_its_folder() {
    let project = Project::shipped();
    let run = build_with_custom_templates(&project, |custom| {
        let include = "{% include \"../../../etc/passwd\" %}\n";
        std::fs::write(custom.join("epub/organization.xhtml.j2"), include).unwrap();
    });
    insta::assert_snapshot!(run.transcript());
}

#[cfg(unix)]
#[test]
fn a_text_template_cannot_include_through_a_link_that_leads_out() {
    let project = Project::shipped();
    let run = build_with_custom_templates(&project, |custom| {
        std::os::unix::fs::symlink(
            project.path().join("source/guide.toml"),
            custom.join("cards/guide"),
        )
        .unwrap();
        std::fs::write(
            custom.join("cards/card.txt.j2"),
            "{% include \"cards/guide\" %}\n",
        )
        .unwrap();
    });
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_template_that_asks_for_a_system_font_gets_only_embedded_fonts() {
    let project = Project::shipped();
    let custom = project.path().join("custom");
    crate::common::copy_dir(&crate::common::repo().join("templates"), &custom);
    // DejaVu Serif is installed on many systems but is not embedded.
    let template = "#set document(title: \"Fonts\")\n#set text(lang: \"en\", font: \"DejaVu Serif\")\nNo system font is ever used.\n";
    std::fs::write(custom.join("pamphlet.typ"), template).unwrap();
    let run = project.run(&["build", "--templates", "custom", "--format", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let fonts = pdf_fonts(&project.read("output/icac-resources.pdf"));
    insta::assert_snapshot!(fonts.join("\n"));
}

/// The base names of every font in a PDF, without subset tags, sorted.
fn pdf_fonts(pdf: &[u8]) -> Vec<String> {
    let document = lopdf::Document::load_mem(pdf).unwrap();
    let mut fonts: Vec<String> = document
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter_map(|dict| dict.get(b"BaseFont").ok()?.as_name().ok())
        .map(|name| {
            let name = String::from_utf8_lossy(name).into_owned();
            match name.split_once('+') {
                Some((tag, rest)) if tag.len() == 6 => rest.to_owned(),
                _ => name,
            }
        })
        .collect();
    fonts.sort();
    fonts.dedup();
    fonts
}

// ----- limits ---------------------------------------------------------------------------

#[test]
fn a_source_over_the_size_limit_is_refused_before_it_is_parsed() {
    let project = Project::shipped();
    let mut file = std::fs::File::create(project.path().join("huge.toml")).unwrap();
    file.write_all(b"[guide]\nid = \"huge\"\n").unwrap();
    let comment = format!("# {}\n", "x".repeat(1021)).into_bytes();
    for _ in 0..(33 * 1024) {
        file.write_all(&comment).unwrap();
    }
    drop(file);
    let check = project.run(&["check", "--source", "huge.toml"]);
    let build = project.run(&["build", "--source", "huge.toml"]);
    insta::assert_snapshot!(format!("{}\n{}", check.transcript(), build.transcript()));
    assert!(project.output_files().is_empty());
}

/// A guide whose intro is `text`.
fn guide_with_intro(text: &str) -> String {
    format!(
        "[guide]\nid = \"deep\"\ntitle = \"Deep\"\nlanguage = \"en\"\ndate = 2024-01-01\n\
         intro = \"\"\"\n{text}\n\"\"\"\n\n[[organization]]\nid = \"org\"\nname = \"Org\"\n\
         summary = \"An organization.\"\nabout = \"About it.\"\n"
    )
}

#[test]
fn rich_text_lists_nested_past_the_limit_are_refused_at_the_first_level_too_deep() {
    // Thirteen lists, one inside the other: each list level takes two levels of the
    // text's structure (the list and its item), so the seventh is the first refused.
    let lists: Vec<String> = (0..13)
        .map(|depth| format!("{}- level {}", "  ".repeat(depth), depth + 1))
        .collect();
    let project = Project::with_guide(&guide_with_intro(&lists.join("\n")));
    let run = project.run(&["build"]);
    insta::assert_snapshot!(run.transcript());
    assert!(project.output_files().is_empty());
}

#[test]
fn rich_text_nested_a_hundred_thousand_deep_is_refused_without_a_stack_overflow() {
    // Lists and emphasis each nested 100,000 deep: a parser that recursed would crash.
    let lists = "- ".repeat(100_000) + "x";
    let emphasis = "*a **b ".repeat(50_000) + "c" + &"** a*".repeat(50_000);
    for (name, text) in [("deep-lists", lists), ("deep-emphasis", emphasis)] {
        let project = Project::with_guide(&guide_with_intro(&text));
        let run = project.run(&["build", "--message-format", "json"]);
        insta::assert_snapshot!(name, run.transcript());
        assert!(project.output_files().is_empty());
    }
}

#[test]
fn toml_nested_a_hundred_thousand_deep_is_refused_without_a_stack_overflow() {
    let guide =
        guide_with_intro("Text.") + "tags = " + &"[".repeat(100_000) + &"]".repeat(100_000) + "\n";
    let project = Project::with_guide(&guide);
    let run = project.run(&["build", "--message-format", "json"]);
    insta::assert_snapshot!(run.transcript());
    assert!(project.output_files().is_empty());
}
