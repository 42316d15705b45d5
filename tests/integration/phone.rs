//! Telephone numbers through the binary, on the crisis-lines guide (vanity numbers, a
//! vanity number with its digits repeated, short codes, SMS, a UK national number and an
//! international one): the links the EPUB and the PDF carry, `verify` reading them back,
//! and `diff` finding an old number spelled in letters.

use std::io::{Cursor, Read, Write};

use sha2::{Digest, Sha256};

use crate::common::{Project, failing_verify};
use crate::epub::{Entry, build, unzip};

const CRISIS: &str = "crisis-lines.toml";

/// Every `tel:`/`sms:` link of the crisis-lines EPUB, one line each: document, link
/// text, link.
fn links(entries: &[Entry]) -> String {
    let mut out = String::new();
    for entry in entries.iter().filter(|e| e.is_document()) {
        for node in entry.xml().descendants().filter(|n| n.has_tag_name("a")) {
            let href = node.attribute("href").unwrap_or("");
            if href.starts_with("tel:") || href.starts_with("sms:") {
                let text: String = node
                    .descendants()
                    .filter(roxmltree::Node::is_text)
                    .filter_map(|n| n.text())
                    .collect();
                out.push_str(&format!("{}: {text} -> {href}\n", entry.href()));
            }
        }
    }
    out
}

#[test]
fn every_crisis_line_link_dials_the_number_as_printed() {
    let entries = unzip(&build(&Project::with_fixture(CRISIS), "crisis-lines"));
    insta::assert_snapshot!("crisis-lines-links", links(&entries));
    for entry in entries
        .iter()
        .filter(|e| e.is_document() && e.text().contains("tel:"))
    {
        let name = entry.href().replace('/', "-");
        insta::assert_snapshot!(format!("crisis-lines__{name}"), entry.text());
    }
}

/// The crisis-lines guide's pamphlet and EPUB, the formats with links. (Its cards are
/// left out: whether they fit the default card is another question.)
fn built() -> Project {
    let project = Project::with_fixture(CRISIS);
    let run = project.run(&["build", "--format", "pdf,epub"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    project
}

/// Writes `bytes` as the artifact at `path` and records them in the manifest, as a
/// build whose template made the wrong link would have: only the links can tell.
fn replace_artifact(project: &Project, path: &str, bytes: &[u8]) {
    std::fs::write(project.path().join("output").join(path), bytes).unwrap();
    let mut manifest: serde_json::Value =
        serde_json::from_str(&project.read_text("output/manifest.json")).unwrap();
    let entry = &mut manifest["artifacts"][path];
    assert!(entry.is_object(), "the manifest lists {path}");
    entry["size"] = bytes.len().into();
    entry["sha256"] = format!("{:x}", Sha256::digest(bytes)).into();
    project.write(
        "output/manifest.json",
        &(serde_json::to_string_pretty(&manifest).unwrap() + "\n"),
    );
}

/// The EPUB with `from` replaced by `to` in every XHTML document.
fn edited_epub(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut edited = false;
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        let options =
            zip::write::SimpleFileOptions::default().compression_method(file.compression());
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if file.name().ends_with(".xhtml") {
            let text = String::from_utf8(content).unwrap();
            edited |= text.contains(from);
            content = text.replace(from, to).into_bytes();
        }
        out.start_file(file.name(), options).unwrap();
        out.write_all(&content).unwrap();
    }
    assert!(edited, "the EPUB has {from}");
    out.finish().unwrap().into_inner()
}

/// The PDF with the link annotations to `from` made to point at `to`.
fn edited_pdf(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let mut document = lopdf::Document::load_mem(bytes).unwrap();
    let mut edited = false;
    for object in document.objects.values_mut() {
        let Ok(annotation) = object.as_dict_mut() else {
            continue;
        };
        let Ok(lopdf::Object::Dictionary(action)) = annotation.get_mut(b"A") else {
            continue;
        };
        if action.get(b"URI").and_then(lopdf::Object::as_str).ok() == Some(from.as_bytes()) {
            action.set("URI", lopdf::Object::string_literal(to));
            edited = true;
        }
    }
    assert!(edited, "the PDF links to {from}");
    let mut out = Vec::new();
    document.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_fresh_build_of_the_crisis_lines_verifies_with_every_link() {
    let run = built().run(&["verify"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

#[test]
fn verify_names_an_epub_link_that_dials_the_wrong_digits() {
    let project = built();
    let epub = project.read("output/crisis-lines.epub");
    // The link the old recogniser made: the letters mapped and the digits appended.
    let tampered = edited_epub(&epub, "tel:18007997233", "tel:180079972337233");
    replace_artifact(&project, "crisis-lines.epub", &tampered);
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn verify_names_a_pdf_link_that_dials_the_wrong_digits() {
    let project = built();
    let pdf = project.read("output/crisis-lines.pdf");
    let tampered = edited_pdf(&pdf, "tel:18008435678", "tel:18008435679");
    replace_artifact(&project, "crisis-lines.pdf", &tampered);
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn diff_finds_an_old_number_that_the_prose_and_a_label_spell_in_letters() {
    let project = Project::empty();
    let source = std::fs::read_to_string(crate::common::fixture(CRISIS)).unwrap();
    let old = source
        .replace("value = \"1-800-THE-LOST\"", "value = \"1-800-843-5678\"")
        .replace(
            "helps families of missing children.",
            "helps families of missing children. Call 1-800-THE-LOST.",
        )
        .replace(
            "label = \"Call\"\nvalue = \"1-800-843-5678\"",
            "label = \"Call 1-800-THE-LOST\"\nvalue = \"1-800-843-5678\"",
        );
    assert!(old.contains("Call 1-800-THE-LOST."));
    assert!(old.contains("label = \"Call 1-800-THE-LOST\""));
    let new = old.replace("value = \"1-800-843-5678\"", "value = \"1-800-843-5600\"");
    project.write("old.toml", &old);
    project.write("new.toml", &new);
    let run = project.run(&["diff", "old.toml", "new.toml"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains(
            "\"1-800-843-5678\" (the old value of ncmec.hotline) is still in: ncmec about, ncmec.hotline label"
        ),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!(run.transcript());
}
