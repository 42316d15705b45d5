//! The fonts Typst may use: embedded in the binary, never read from the system.
//!
//! Atkinson Hyperlegible (made for low-vision readers) is the text face; the Noto families
//! carry every other script: Noto Sans (Latin with Vietnamese, Cyrillic, Greek), Noto Sans
//! Arabic, Hebrew and Devanagari, Noto Sans CJK (Chinese, Japanese, Korean, with its
//! monospace faces), Noto Sans Mono and Noto Emoji, all SIL OFL, in `templates/fonts/` with their licences.
//! Of typst-assets only DejaVu Sans Mono is used, for the card sheet. Which family sets
//! which characters is [`super::families`]' choice. The font book is read once per
//! process from `font_book.json`, the fonts' metadata computed ahead (a unit test keeps it
//! equal to what the embedded fonts give); each font is parsed only when a document uses it.

use std::sync::{LazyLock, OnceLock};

use typst::foundations::Bytes;
use typst::text::{Coverage, Font, FontBook, FontInfo};
use typst::utils::LazyHash;

/// The faces embedded, by their file names in `templates/fonts/`. They are read from the
/// built-in templates, which carry that folder, so the program holds each font once.
const EMBEDDED: [&str; 19] = [
    "AtkinsonHyperlegible-Regular.ttf",
    "AtkinsonHyperlegible-Bold.ttf",
    "AtkinsonHyperlegible-Italic.ttf",
    "AtkinsonHyperlegible-BoldItalic.ttf",
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSans-Italic.ttf",
    "NotoSans-BoldItalic.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansHebrew-Bold.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansDevanagari-Bold.ttf",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJK-Bold.ttc",
    "NotoEmoji-Regular.ttf",
    "NotoSansMono-Regular.ttf",
    "NotoSansMono-Bold.ttf",
];

/// The bytes of the embedded face `file` (an index into [`EMBEDDED`]).
fn embedded(file: usize) -> &'static [u8] {
    crate::sandbox::TEMPLATES
        .get_file(format!("fonts/{}", EMBEDDED[file]))
        .expect("the built-in templates carry every embedded font")
        .contents()
}

/// The one family taken from typst-assets.
#[cfg(test)]
const FROM_TYPST_ASSETS: &str = "DejaVu Sans Mono";

/// The metadata of every face of the fonts, computed ahead: reading the cmaps of the
/// CJK collections and sorting their code points took about 50 ms of every run, even of a
/// build of text cards alone (issue 19).
const BOOK: &str = include_str!("font_book.json");

/// One face in [`BOOK`]: which file (of [`EMBEDDED`], or of typst-assets' fonts when
/// `from_assets`), which face in it, its metadata.
#[derive(serde::Serialize, serde::Deserialize)]
struct BookEntry {
    from_assets: bool,
    file: usize,
    index: u32,
    info: FontInfo,
}

impl BookEntry {
    fn data(&self) -> &'static [u8] {
        if self.from_assets {
            typst_assets::fonts()
                .nth(self.file)
                .expect("a font of typst-assets")
        } else {
            embedded(self.file)
        }
    }
}

/// The book as the fonts give it, face by face (slow: every cmap is read).
#[cfg(test)]
fn computed_book() -> Vec<BookEntry> {
    let own = (0..EMBEDDED.len()).map(|file| (false, file, embedded(file)));
    let assets = typst_assets::fonts()
        .enumerate()
        .filter(|(_, data)| FontInfo::iter(data).any(|info| info.family == FROM_TYPST_ASSETS))
        .map(|(file, data)| (true, file, data));
    let mut entries = Vec::new();
    for (from_assets, file, data) in own.chain(assets) {
        for (index, info) in (0u32..).zip(FontInfo::iter(data)) {
            entries.push(BookEntry {
                from_assets,
                file,
                index,
                info,
            });
        }
    }
    entries
}

/// Every font available to documents, with its metadata book.
pub struct FontSet {
    book: LazyHash<FontBook>,
    slots: Vec<FontSlot>,
}

struct FontSlot {
    data: &'static [u8],
    index: u32,
    font: OnceLock<Option<Font>>,
}

static FONTS: LazyLock<FontSet> = LazyLock::new(FontSet::embedded);

impl FontSet {
    /// The process-wide set of embedded fonts.
    pub fn get() -> &'static FontSet {
        &FONTS
    }

    fn embedded() -> Self {
        let entries: Vec<BookEntry> =
            serde_json::from_str(BOOK).expect("font_book.json is the fonts' own book");
        let mut book = FontBook::new();
        let mut slots = Vec::new();
        for entry in entries {
            slots.push(FontSlot {
                data: entry.data(),
                index: entry.index,
                font: OnceLock::new(),
            });
            book.push(entry.info);
        }
        Self {
            book: LazyHash::new(book),
            slots,
        }
    }

    /// Metadata of every font.
    pub fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    /// What each face of `family` covers; empty when no such family is embedded.
    pub fn family_coverage(&self, family: &str) -> Vec<&Coverage> {
        (0..)
            .map_while(|i| self.book.info(i))
            .filter(|info| info.family.eq_ignore_ascii_case(family))
            .map(|info| &info.coverage)
            .collect()
    }

    /// The font at `index` in the book, parsed on first use.
    pub fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font
            .get_or_init(|| Font::new(Bytes::new(slot.data), slot.index))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // `font_book.json` is what the embedded fonts give. After changing a font, write it
    // again: GUIDEPRESS_WRITE_FONT_BOOK=1 cargo test --release --lib font_book
    #[test]
    fn font_book_is_the_embedded_fonts_own() {
        let computed = serde_json::to_string(&computed_book()).unwrap() + "\n";
        if std::env::var_os("GUIDEPRESS_WRITE_FONT_BOOK").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/typst/font_book.json");
            std::fs::write(path, &computed).unwrap();
        }
        assert!(
            computed == BOOK,
            "src/typst/font_book.json is not the embedded fonts' book: write it again with \
             GUIDEPRESS_WRITE_FONT_BOOK=1 cargo test --release --lib font_book"
        );
    }
}
