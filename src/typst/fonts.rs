//! The fonts Typst may use: embedded in the binary, never read from the system.
//!
//! Atkinson Hyperlegible (made for low-vision readers) is the text face; the Noto families
//! carry every other script: Noto Sans (Latin with Vietnamese, Cyrillic, Greek), Noto Sans
//! Arabic, Hebrew and Devanagari, Noto Sans CJK (Chinese, Japanese, Korean, with its
//! monospace faces), Noto Sans Mono and Noto Emoji, all SIL OFL, in `templates/fonts/` with their licences.
//! Of typst-assets only DejaVu Sans Mono is used, for the card sheet. Which family sets
//! which characters is [`super::families`]' choice. The font book is built once per
//! process from font metadata; each font is parsed only when a document uses it.

use std::sync::{LazyLock, OnceLock};

use typst::foundations::Bytes;
use typst::text::{Coverage, Font, FontBook, FontInfo};
use typst::utils::LazyHash;

/// The faces embedded from `templates/fonts/`.
const EMBEDDED: [&[u8]; 19] = [
    include_bytes!("../../templates/fonts/AtkinsonHyperlegible-Regular.ttf"),
    include_bytes!("../../templates/fonts/AtkinsonHyperlegible-Bold.ttf"),
    include_bytes!("../../templates/fonts/AtkinsonHyperlegible-Italic.ttf"),
    include_bytes!("../../templates/fonts/AtkinsonHyperlegible-BoldItalic.ttf"),
    include_bytes!("../../templates/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../templates/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../templates/fonts/NotoSans-Italic.ttf"),
    include_bytes!("../../templates/fonts/NotoSans-BoldItalic.ttf"),
    include_bytes!("../../templates/fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../templates/fonts/NotoSansArabic-Bold.ttf"),
    include_bytes!("../../templates/fonts/NotoSansHebrew-Regular.ttf"),
    include_bytes!("../../templates/fonts/NotoSansHebrew-Bold.ttf"),
    include_bytes!("../../templates/fonts/NotoSansDevanagari-Regular.ttf"),
    include_bytes!("../../templates/fonts/NotoSansDevanagari-Bold.ttf"),
    include_bytes!("../../templates/fonts/NotoSansCJK-Regular.ttc"),
    include_bytes!("../../templates/fonts/NotoSansCJK-Bold.ttc"),
    include_bytes!("../../templates/fonts/NotoEmoji-Regular.ttf"),
    include_bytes!("../../templates/fonts/NotoSansMono-Regular.ttf"),
    include_bytes!("../../templates/fonts/NotoSansMono-Bold.ttf"),
];

/// The one family taken from typst-assets.
const FROM_TYPST_ASSETS: &str = "DejaVu Sans Mono";

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
        let assets = typst_assets::fonts()
            .filter(|data| FontInfo::iter(data).any(|info| info.family == FROM_TYPST_ASSETS));
        for data in EMBEDDED.into_iter().chain(assets) {
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
