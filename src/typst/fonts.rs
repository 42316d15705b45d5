//! The fonts Typst may use: embedded in the binary, never read from the system.
//!
//! Atkinson Hyperlegible (made for low-vision readers, SIL OFL, `templates/fonts/`) is the
//! text face; typst-assets supplies fallbacks and DejaVu Sans Mono. The font book is built
//! once per process from font metadata; each font is parsed only when a document uses it.

use std::sync::{LazyLock, OnceLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

/// The faces embedded from `templates/fonts/`.
const EMBEDDED: [&[u8]; 4] = [
    include_bytes!("../../templates/fonts/AtkinsonHyperlegible-Regular.ttf"),
    include_bytes!("../../templates/fonts/AtkinsonHyperlegible-Bold.ttf"),
    include_bytes!("../../templates/fonts/AtkinsonHyperlegible-Italic.ttf"),
    include_bytes!("../../templates/fonts/AtkinsonHyperlegible-BoldItalic.ttf"),
];

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
        let mut book = FontBook::new();
        let mut slots = Vec::new();
        for data in EMBEDDED.into_iter().chain(typst_assets::fonts()) {
            for (index, info) in (0u32..).zip(FontInfo::iter(data)) {
                book.push(info);
                slots.push(FontSlot {
                    data,
                    index,
                    font: OnceLock::new(),
                });
            }
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

    /// The font at `index` in the book, parsed on first use.
    pub fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font
            .get_or_init(|| Font::new(Bytes::new(slot.data), slot.index))
            .clone()
    }
}
