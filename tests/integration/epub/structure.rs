//! What is inside the book: languages and directions, links that lead somewhere, the
//! nav's levels, the identifier, the guide's text, and template errors.

use std::collections::{BTreeMap, BTreeSet};

use super::{ALL, Entry, Guide, SECTIONS, SHIPPED, build, package, unzip};
use crate::common::{Project, repo};

const XML_LANG: (&str, &str) = ("http://www.w3.org/XML/1998/namespace", "lang");
const EPUB_TYPE: (&str, &str) = ("http://www.idpf.org/2007/ops", "type");

fn assert_languages(guide: &Guide, entries: &[Entry]) {
    let rtl = (guide.dir == "rtl").then_some("rtl");
    for entry in entries.iter().filter(|e| e.is_document()) {
        let document = entry.xml();
        let html = document.root_element();
        assert_eq!(html.tag_name().name(), "html", "{}", entry.name);
        assert_eq!(
            html.attribute("lang"),
            Some(guide.lang),
            "lang of {}",
            entry.name
        );
        assert_eq!(
            html.attribute(XML_LANG),
            Some(guide.lang),
            "xml:lang of {}",
            entry.name
        );
        assert_eq!(html.attribute("dir"), rtl, "dir of {}", entry.name);
    }
    let opf = package(entries).xml();
    let root = opf.root_element();
    assert_eq!(
        root.attribute(XML_LANG),
        Some(guide.lang),
        "xml:lang of the package"
    );
    assert_eq!(root.attribute("dir"), rtl, "dir of the package");
    let language = opf
        .descendants()
        .find(|n| n.has_tag_name("language"))
        .and_then(|n| n.text());
    assert_eq!(language, Some(guide.lang), "dc:language");
    let spine = opf.descendants().find(|n| n.has_tag_name("spine")).unwrap();
    assert_eq!(
        spine.attribute("page-progression-direction"),
        Some(guide.dir)
    );
}

#[test]
fn every_document_declares_the_guide_language_and_direction() {
    for guide in ALL {
        assert_languages(guide, &guide.book());
    }
}

/// Every `id` of every XHTML document, by path relative to the package folder.
fn anchors(entries: &[Entry]) -> BTreeMap<String, BTreeSet<String>> {
    let documents = entries.iter().filter(|e| e.is_document());
    documents
        .map(|entry| {
            let document = entry.xml();
            let ids = document
                .descendants()
                .filter_map(|n| n.attribute("id"))
                .map(str::to_owned);
            (entry.href().to_owned(), ids.collect())
        })
        .collect()
}

/// Every link of a document: `a/@href` in XHTML, `content/@src` in the NCX.
fn links(entry: &Entry) -> Vec<String> {
    let ncx = entry.name.ends_with(".ncx");
    let (tag, attribute) = if ncx {
        ("content", "src")
    } else {
        ("a", "href")
    };
    let document = entry.xml();
    let links = document.descendants().filter(|n| n.has_tag_name(tag));
    links
        .filter_map(|n| n.attribute(attribute))
        .map(str::to_owned)
        .collect()
}

fn assert_links_resolve(entries: &[Entry]) {
    let anchors = anchors(entries);
    let mut internal = 0;
    for entry in entries
        .iter()
        .filter(|e| e.is_document() || e.name.ends_with(".ncx"))
    {
        for link in links(entry) {
            if let Some((scheme, _)) = link.split_once(':') {
                let allowed = ["tel", "sms", "mailto", "https", "http"];
                assert!(
                    allowed.contains(&scheme),
                    "{}: unexpected link {link}",
                    entry.name
                );
                continue;
            }
            internal += 1;
            let (file, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let ids = anchors
                .get(file)
                .unwrap_or_else(|| panic!("{}: {link} leads nowhere", entry.name));
            assert!(
                fragment.is_empty() || ids.contains(fragment),
                "{}: no id for {link}",
                entry.name
            );
        }
    }
    assert!(internal > 0, "the book has no internal links at all");
}

#[test]
fn every_internal_link_leads_to_a_document_and_an_anchor() {
    for guide in ALL {
        assert_links_resolve(&guide.book());
    }
}

/// The nav's table of contents as titles indented by level, one a line.
fn nav_outline(entries: &[Entry]) -> String {
    let nav = entries
        .iter()
        .find(|e| e.name == "OEBPS/nav.xhtml")
        .expect("a nav document");
    let document = nav.xml();
    let toc = document
        .descendants()
        .find(|n| n.has_tag_name("nav") && n.attribute(EPUB_TYPE) == Some("toc"))
        .expect("a toc nav");
    let mut outline = String::new();
    for link in toc.descendants().filter(|n| n.has_tag_name("a")) {
        let depth = link.ancestors().filter(|n| n.has_tag_name("ol")).count();
        let text: String = link
            .descendants()
            .filter(roxmltree::Node::is_text)
            .filter_map(|n| n.text())
            .collect();
        outline.push_str(&format!("{}{text}\n", "  ".repeat(depth - 1)));
    }
    outline
}

#[test]
fn nav_has_one_level_without_sections_and_two_with_them() {
    let shipped = nav_outline(&SHIPPED.book());
    assert!(shipped.lines().all(|l| !l.starts_with(' ')), "{shipped}");
    insta::assert_snapshot!(nav_outline(&SECTIONS.book()), @r"
    Recursos para familias
    Contenido
    Denunciar un abuso
      Línea Nacional de Ayuda a la Infancia (LNAI)
      Policía — Unidad de Delitos Telemáticos
    Apoyo y orientación
      Escuela de Familias
    Más información
    ");
}

#[test]
fn landmarks_lead_to_the_cover_title_page_contents_and_first_organization() {
    let entries = SHIPPED.book();
    let nav = entries
        .iter()
        .find(|e| e.name == "OEBPS/nav.xhtml")
        .unwrap()
        .xml();
    let landmarks = nav
        .descendants()
        .find(|n| n.has_tag_name("nav") && n.attribute(EPUB_TYPE) == Some("landmarks"))
        .expect("a landmarks nav");
    let found: Vec<_> = landmarks
        .descendants()
        .filter(|n| n.has_tag_name("a"))
        .map(|a| {
            (
                a.attribute(EPUB_TYPE).unwrap(),
                a.attribute("href").unwrap(),
            )
        })
        .collect();
    let expected = [
        ("cover", "cover.xhtml"),
        ("titlepage", "title.xhtml"),
        ("toc", "contents.xhtml"),
        ("bodymatter", "org-ncmec.xhtml"),
    ];
    assert_eq!(found, expected);
}

fn identifier(entries: &[Entry]) -> String {
    let opf = package(entries).xml();
    let id = opf
        .root_element()
        .attribute("unique-identifier")
        .unwrap()
        .to_owned();
    let node = opf
        .descendants()
        .find(|n| n.attribute("id") == Some(id.as_str()))
        .unwrap();
    node.text().unwrap().to_owned()
}

#[test]
fn identifier_depends_on_the_guide_id_only() {
    let shipped = std::fs::read_to_string(repo().join("source/guide.toml")).unwrap();
    let original = identifier(&SHIPPED.book());
    assert!(original.starts_with("urn:uuid:"), "{original}");
    let retitled = shipped.replace(
        "title = \"Information and Intervention Resources\"",
        "title = \"Renamed\"",
    );
    assert_ne!(retitled, shipped);
    let book = unzip(&build(&Project::with_guide(&retitled), SHIPPED.id));
    assert_eq!(
        identifier(&book),
        original,
        "a new title changed the identifier"
    );
    let renamed = shipped.replace("id = \"icac-resources\"", "id = \"other-guide\"");
    let book = unzip(&build(&Project::with_guide(&renamed), "other-guide"));
    assert_ne!(
        identifier(&book),
        original,
        "another guide has the same identifier"
    );
}

#[test]
fn book_text_contains_every_contact_value_of_the_shipped_guide() {
    let source = std::fs::read_to_string(repo().join("source/guide.toml")).unwrap();
    let source: toml::Table = source.parse().unwrap();
    let entries = SHIPPED.book();
    let text: String = entries
        .iter()
        .filter(|e| e.is_document())
        .map(|e| {
            e.xml()
                .descendants()
                .filter(roxmltree::Node::is_text)
                .filter_map(|n| n.text())
                .collect::<String>()
        })
        .collect();
    let organizations = source["organization"].as_array().unwrap();
    let contacts = organizations
        .iter()
        .filter_map(|o| o.get("contact")?.as_array())
        .flatten();
    let mut checked = 0;
    for contact in contacts {
        let value = contact["value"].as_str().unwrap();
        assert!(text.contains(value), "{value} is missing from the EPUB");
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn broken_epub_template_is_reported_with_its_file_and_nothing_is_written() {
    let project = Project::shipped();
    let path = "templates/epub/organization.xhtml.j2";
    let template = project
        .read_text(path)
        .replace("(organization, 1)", "(organisation, 1)");
    project.write(path, &template);
    let run = project.run(&["build", "--format", "epub"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
    assert!(project.output_files().is_empty());
}
