//! `guidepress build --format epub`: the unzipped book (package document, nav, NCX and
//! every XHTML document) compared whole with snapshots, for the shipped guide and for
//! fixtures full of XML-significant characters, with sections, right-to-left and CJK.
//! The submodules check the archive, the structure and EPUBCheck.

mod archive;
mod epubcheck;
mod structure;

use std::io::{Cursor, Read};

use crate::common::Project;

/// A guide the EPUB tests build.
pub struct Guide {
    /// The fixture under `tests/fixtures/`, or none for the shipped guide.
    pub fixture: Option<&'static str>,
    /// Its id, which names the EPUB.
    pub id: &'static str,
    /// Its language.
    pub lang: &'static str,
    /// Its writing direction.
    pub dir: &'static str,
}

/// The shipped guide.
pub const SHIPPED: Guide = Guide {
    fixture: None,
    id: "icac-resources",
    lang: "en-US",
    dir: "ltr",
};

/// Every XML-significant character, mixed scripts, emoji and combining marks.
pub const ADVERSARIAL: Guide = Guide {
    fixture: Some("epub-adversarial.toml"),
    id: "adversarial",
    lang: "en-GB",
    dir: "ltr",
};

/// Sections, in Spanish (the book's own words stay English).
pub const SECTIONS: Guide = Guide {
    fixture: Some("epub-sections.toml"),
    id: "recursos-familias",
    lang: "es",
    dir: "ltr",
};

/// Right to left, in Arabic.
pub const RTL: Guide = Guide {
    fixture: Some("epub-rtl.toml"),
    id: "dalil-almusaada",
    lang: "ar",
    dir: "rtl",
};

/// Japanese, set in Noto Sans CJK JP on the cover.
pub const CJK: Guide = Guide {
    fixture: Some("epub-cjk.toml"),
    id: "kodomo-soudan",
    lang: "ja",
    dir: "ltr",
};

/// A title in Cherokee, which no embedded font has: no cover image.
pub const NO_COVER: Guide = Guide {
    fixture: Some("epub-no-cover.toml"),
    id: "tsalagi-help",
    lang: "chr",
    dir: "ltr",
};

/// National crisis lines in sections: vanity numbers, short codes, SMS, an address.
pub const CRISIS: Guide = Guide {
    fixture: Some("crisis-lines.toml"),
    id: "crisis-lines",
    lang: "en-US",
    dir: "ltr",
};

/// Every guide, shipped first.
pub const ALL: [&Guide; 6] = [&SHIPPED, &ADVERSARIAL, &SECTIONS, &RTL, &CJK, &CRISIS];

impl Guide {
    /// A fresh project holding this guide and the shipped templates.
    pub fn project(&self) -> Project {
        match self.fixture {
            Some(fixture) => Project::with_fixture(fixture),
            None => Project::shipped(),
        }
    }

    /// Builds the EPUB in a fresh project and unzips it.
    pub fn book(&self) -> Vec<Entry> {
        unzip(&build(&self.project(), self.id))
    }
}

/// One file of the archive.
pub struct Entry {
    /// Path inside the archive.
    pub name: String,
    /// Stored rather than deflated.
    pub stored: bool,
    /// Year, month, day, hour, minute, second.
    pub time: (u16, u8, u8, u8, u8, u8),
    /// Length of the local extra field.
    pub extra: usize,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl Entry {
    /// The contents as text.
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.bytes).unwrap_or_else(|_| panic!("{} is not UTF-8", self.name))
    }

    /// The contents as an XML tree.
    pub fn xml(&self) -> roxmltree::Document<'_> {
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        roxmltree::Document::parse_with_options(self.text(), options)
            .unwrap_or_else(|e| panic!("{} is not well-formed XML: {e}", self.name))
    }

    /// Whether it is an XHTML document (the nav included).
    pub fn is_document(&self) -> bool {
        self.name.ends_with(".xhtml")
    }

    /// Its path relative to the package folder.
    pub fn href(&self) -> &str {
        self.name.trim_start_matches("OEBPS/")
    }
}

/// The package document of a book.
pub fn package(entries: &[Entry]) -> &Entry {
    entries
        .iter()
        .find(|e| e.name.ends_with(".opf"))
        .expect("a package document")
}

/// Runs `build --format epub` and returns the EPUB's bytes.
pub fn build(project: &Project, id: &str) -> Vec<u8> {
    let run = project.run(&["build", "--format", "epub"]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    project.read(&format!("output/{id}.epub"))
}

/// Every entry of an EPUB, in archive order.
pub fn unzip(bytes: &[u8]) -> Vec<Entry> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the EPUB is a zip archive");
    (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index(index).unwrap();
            let t = file.last_modified().expect("every entry has a time");
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            Entry {
                name: file.name().to_owned(),
                stored: file.compression() == zip::CompressionMethod::Stored,
                time: (
                    t.year(),
                    t.month(),
                    t.day(),
                    t.hour(),
                    t.minute(),
                    t.second(),
                ),
                extra: file.extra_data().map_or(0, <[u8]>::len),
                bytes,
            }
        })
        .collect()
}

/// Snapshots the list of entries and every text file a reader or checker looks at.
fn snapshot_book(label: &str, entries: &[Entry]) {
    let listing: String = entries
        .iter()
        .flat_map(|e| {
            let method = if e.stored { "stored  " } else { "deflated" };
            [method, " ", &e.name, "\n"]
        })
        .collect();
    insta::assert_snapshot!(format!("{label}__entries"), listing);
    let text = |e: &&Entry| e.is_document() || e.name.ends_with(".opf") || e.name.ends_with(".ncx");
    for entry in entries.iter().filter(text) {
        let name = entry.href().replace('/', "-");
        insta::assert_snapshot!(format!("{label}__{name}"), entry.text());
    }
}

#[test]
fn shipped_guide_book_matches_snapshots() {
    snapshot_book("shipped", &SHIPPED.book());
}

#[test]
fn adversarial_guide_book_matches_snapshots() {
    snapshot_book("adversarial", &ADVERSARIAL.book());
}

#[test]
fn sectioned_guide_book_matches_snapshots() {
    snapshot_book("sections", &SECTIONS.book());
}

#[test]
fn right_to_left_guide_book_matches_snapshots() {
    snapshot_book("rtl", &RTL.book());
}

#[test]
fn japanese_guide_book_matches_snapshots() {
    snapshot_book("cjk", &CJK.book());
}
