//! The cover image: `templates/epub/cover.typ` compiled by embedded Typst and rendered to
//! a PNG, so the book is recognisable on a reader's shelf.
//!
//! Only fonts embedded in guidepress can draw it, and they cover Latin, Greek, Cyrillic and
//! Arabic (the latter in DejaVu Sans Mono only) but not, for example, CJK or emoji. A text they cannot draw completely is left
//! off the cover (the alternative text describes what is drawn); without a drawable title
//! the book has no cover image at all rather than one full of empty boxes.

use crate::diag::Diagnostic;
use crate::model::Guide;
use crate::render::RenderContext;
use crate::render::words::Words;
use crate::typst::compile::compile;
use crate::typst::fonts::FontSet;
use crate::typst::png::{Effort, render_page};
use crate::typst::world::GuideWorld;
use serde::Serialize;

/// The cover template, relative to the template folder.
pub(super) const TEMPLATE: &str = "epub/cover.typ";
/// Where the image goes in the package.
pub(super) const IMAGE_HREF: &str = "cover.png";

// The template's page is 400 × 640 pt; at 4 pixels per point the image is 1600 × 2560,
// the size e-book stores ask for.
const PIXELS_PER_POINT: f64 = 4.0;

/// The texts on the cover: each is the guide's, or none when it is not drawn.
#[derive(Debug, Clone, Serialize)]
pub(super) struct CoverText {
    /// The title (always drawn: there is no cover without it).
    pub title: String,
    /// The subtitle.
    pub subtitle: Option<String>,
    /// The edition label.
    pub edition: Option<String>,
    /// The publisher.
    pub publisher: Option<String>,
}

/// A rendered cover.
pub(super) struct Cover {
    /// The PNG image.
    pub png: Vec<u8>,
    /// What it shows, for its alternative text.
    pub text: CoverText,
}

/// What the cover template receives as `/guide.json`.
#[derive(Serialize)]
pub(super) struct CoverData<'a> {
    #[serde(flatten)]
    text: &'a CoverText,
    /// The built-in words.
    words: &'a Words,
    lang: &'a str,
    region: Option<&'a str>,
    /// The font families for `text(font:)`, one design per script.
    fonts: Vec<&'static str>,
}

/// Renders the cover of the guide in `cx`, or none when its title cannot be drawn.
pub(super) fn render(cx: &RenderContext<'_>, words: &Words) -> Result<Option<Cover>, Diagnostic> {
    let Some(text) = drawable_text(cx.guide) else {
        return Ok(None);
    };
    let data = cover_data(cx, &text, words);
    let json = serde_json::to_vec(&data).expect("the cover texts serialize to JSON");
    let world = GuideWorld::new(cx.templates, TEMPLATE, json, cx.guide.date);
    let document = compile(&world).map_err(first_problem)?;
    let page = document
        .pages()
        .first()
        .ok_or_else(|| Diagnostic::bare("the cover template made no page"))?;
    let png = render_page(page, PIXELS_PER_POINT, Effort::Fast)
        .map_err(|e| Diagnostic::bare(format!("cannot encode the cover image ({e})")))?;
    Ok(Some(Cover { png, text }))
}

/// What the cover template receives as `/guide.json`.
pub(super) fn cover_data<'a>(
    cx: &RenderContext<'a>,
    text: &'a CoverText,
    words: &'a Words,
) -> CoverData<'a> {
    let (lang, region) = crate::typst::world::split_language(&cx.guide.language);
    CoverData {
        text,
        words,
        lang,
        region,
        fonts: crate::typst::families::text_families(&cx.guide.language, cover_chars(text)),
    }
}

fn cover_chars(text: &CoverText) -> impl Iterator<Item = char> + '_ {
    let optional = [&text.subtitle, &text.edition, &text.publisher];
    let optional = optional.into_iter().flatten().flat_map(|t| t.chars());
    text.title.chars().chain(optional)
}

fn first_problem(mut diagnostics: Vec<Diagnostic>) -> Diagnostic {
    if diagnostics.is_empty() {
        return Diagnostic::bare("the cover template failed to compile");
    }
    diagnostics.swap_remove(0)
}

/// The guide's cover texts that the embedded fonts can draw; none without the title.
fn drawable_text(guide: &Guide) -> Option<CoverText> {
    let fonts = FontSet::get();
    let drawable = |text: &str| text.chars().all(|c| invisible(c) || covered(fonts, c));
    let keep = |text: &Option<String>| text.clone().filter(|t| drawable(t));
    drawable(&guide.title).then(|| CoverText {
        title: guide.title.clone(),
        subtitle: keep(&guide.subtitle),
        edition: keep(&guide.edition),
        publisher: keep(&guide.publisher),
    })
}

fn covered(fonts: &FontSet, c: char) -> bool {
    let book = fonts.book();
    (0..)
        .map_while(|index| book.info(index))
        .any(|info| info.coverage.contains(u32::from(c)))
}

// Characters that take no glyph of their own: spaces, joiners, variation selectors.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_script_is_covered_and_others_are_not() {
        let fonts = FontSet::get();
        assert!(
            "Información & Ñandú — «Ελληνικά» Кириллица Nguyễn 中 ひ 한 عربي हिन्दी 🆘"
                .chars()
                .all(|c| invisible(c) || covered(fonts, c))
        );
        for c in ['አ', 'ᚠ'] {
            assert!(!covered(fonts, c), "{c} should not be drawable");
        }
    }
}
