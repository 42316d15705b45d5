//! The EPUB archive: `mimetype` first and stored, entry times from the guide, the same
//! bytes from every build, every file in the manifest, and the cover image.

use std::collections::{BTreeMap, BTreeSet};

use super::{ADVERSARIAL, Entry, NO_COVER, SHIPPED, build, package};
use crate::common::Project;

#[test]
fn mimetype_is_the_first_entry_stored_without_extra_fields() {
    let entries = SHIPPED.book();
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
    for entry in SHIPPED.book() {
        assert_eq!(entry.time, (2001, 12, 1, 0, 0, 0), "{}", entry.name);
    }
}

#[test]
fn two_builds_in_different_folders_are_byte_identical() {
    let first = build(&Project::shipped(), SHIPPED.id);
    let second = build(&Project::shipped(), SHIPPED.id);
    assert!(first == second, "two builds of the shipped guide differ");
    let project = ADVERSARIAL.project();
    let first = build(&project, ADVERSARIAL.id);
    let again = build(&project, ADVERSARIAL.id);
    assert!(
        first == again,
        "rebuilding the adversarial guide changed its bytes"
    );
}

#[test]
fn every_file_is_in_the_manifest_and_every_document_in_the_spine() {
    let entries = SHIPPED.book();
    let opf = package(&entries).xml();
    let items: BTreeMap<&str, &str> = opf
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|n| (n.attribute("id").unwrap(), n.attribute("href").unwrap()))
        .collect();
    let spine: BTreeSet<&str> = opf
        .descendants()
        .filter(|n| n.has_tag_name("itemref"))
        .map(|n| items[n.attribute("idref").unwrap()])
        .collect();
    let files = entries
        .iter()
        .filter(|e| e.name.starts_with("OEBPS/") && !e.name.ends_with(".opf"));
    for entry in files {
        let href = entry.href();
        assert!(
            items.values().any(|h| *h == href),
            "{href} is not in the manifest"
        );
        if entry.is_document() && href != "nav.xhtml" {
            assert!(spine.contains(href), "{href} is not in the spine");
        }
    }
    assert_eq!(
        items.len(),
        entries.len() - 4,
        "the manifest lists a file the archive lacks"
    );
}

/// Width and height of a PNG, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

fn entry<'a>(entries: &'a [Entry], name: &str) -> Option<&'a Entry> {
    entries.iter().find(|e| e.name == name)
}

#[test]
fn cover_is_a_1600_by_2560_png_first_in_the_spine_and_declared_as_the_cover() {
    let entries = SHIPPED.book();
    let image = entry(&entries, "OEBPS/cover.png").expect("a cover image");
    assert_eq!(png_size(&image.bytes), (1600, 2560));
    let opf = package(&entries).xml();
    let cover = opf
        .descendants()
        .find(|n| n.attribute("properties") == Some("cover-image"))
        .unwrap();
    assert_eq!(cover.attribute("href"), Some("cover.png"));
    let first = opf
        .descendants()
        .find(|n| n.has_tag_name("itemref"))
        .unwrap();
    assert_eq!(first.attribute("idref"), Some("id_cover.xhtml"));
    let page = entry(&entries, "OEBPS/cover.xhtml").unwrap().xml();
    let img = page.descendants().find(|n| n.has_tag_name("img")).unwrap();
    assert_eq!(img.attribute("src"), Some("cover.png"));
    let alt = img.attribute("alt").unwrap();
    assert!(
        alt.contains("Information and Intervention Resources"),
        "{alt}"
    );
}

#[test]
fn guide_whose_title_the_fonts_cannot_draw_has_no_cover() {
    let entries = NO_COVER.book();
    assert!(entry(&entries, "OEBPS/cover.png").is_none());
    assert!(entry(&entries, "OEBPS/cover.xhtml").is_none());
    let opf = package(&entries).xml();
    let modes: Vec<_> = opf
        .descendants()
        .filter(|n| n.attribute("property") == Some("schema:accessMode"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(modes, ["textual"], "a book without images is textual only");
}
