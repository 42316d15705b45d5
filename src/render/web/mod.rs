//! The web page: `output/<id>.html`, one self-contained HTML file for phones, rendered
//! from the minijinja templates in `templates/web/` with the EPUB's rich-text and contact
//! pieces.
//!
//! The page makes no request of its own: its stylesheet and its script are inlined from
//! the template folder, it uses the reader's system fonts and shows no images, and its
//! content security policy forbids loading anything. It is written as well-formed XML
//! (void elements closed, attributes quoted, a script without `<` or `&`), so `verify`
//! reads it back with the same reader as the EPUB's documents.

mod glance;
mod page;

use super::reprint::{CardsShown, Reprint};
use unicode_normalization::UnicodeNormalization;

use super::shown::{Link, ReadBack, Shows, Spacing};
use super::{Artifact, Refusal, RenderContext, Rendered, Renderer, Stages};
use crate::model::Guide;
use crate::render::words::FILE as WORDS_FILE;
use crate::render::xhtml_read;

/// Renders `output/<id>.html`.
pub struct WebRenderer;

/// The EPUB's shared pieces the page imports.
const SHARED: &str = "epub/macros.xhtml.j2";

impl Renderer for WebRenderer {
    fn name(&self) -> &'static str {
        "web"
    }

    fn summary(&self) -> &'static str {
        "One self-contained web page (HTML) for phones"
    }

    fn template_files(&self) -> &'static [&'static str] {
        &["web/", SHARED, WORDS_FILE]
    }

    fn render(&self, cx: &RenderContext<'_>, stages: &Stages) -> Result<Rendered, Refusal> {
        let html = page::render(cx, stages.words(cx)?).map_err(|problem| vec![problem])?;
        // Browsers and the HTML checker expect composed text (NFC); a guide may be written
        // with combining accents. The markup is ASCII, so this changes only the text.
        let html: String = html.nfc().collect();
        Ok(vec![Artifact {
            path: file_name(cx.guide).into(),
            bytes: html.into_bytes(),
        }]
        .into())
    }

    fn shows<'g>(&self, _guide: &'g Guide, _path: &str) -> Shows<'g> {
        Shows::Everything
    }

    fn read_back(&self, bytes: &[u8]) -> Result<ReadBack, String> {
        let text = xhtml_read::body_text(as_text(bytes)?).map_err(|e| not_well_formed(&e))?;
        Ok(ReadBack::one(text, Spacing::Collapsed))
    }

    fn links(&self, bytes: &[u8]) -> Option<Result<Vec<Link>, String>> {
        Some(
            as_text(bytes)
                .and_then(|html| xhtml_read::links(html).map_err(|e| not_well_formed(&e))),
        )
    }

    fn reprint(&self) -> Option<Reprint> {
        Some(Reprint {
            key: "web",
            label: "the web page (not printed: publish it again)",
            book: true,
            settings: &[],
            cards: CardsShown::None,
        })
    }
}

/// The page's file: named after the guide, as the pamphlet and the EPUB are.
fn file_name(guide: &Guide) -> String {
    super::naming::artifact_path(guide, &format!("{}.html", guide.id))
}

fn as_text(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|e| format!("the page is not UTF-8 ({e})"))
}

fn not_well_formed(error: &roxmltree::Error) -> String {
    format!("it is not the well-formed HTML guidepress writes: {error}")
}

/// The page's template with the data it receives (for the test that pins the data
/// contract).
#[cfg(test)]
pub fn template_data(cx: &RenderContext<'_>) -> Vec<(String, serde_json::Value)> {
    let words = crate::render::words::Words::load(cx).expect("the words load");
    vec![(
        page::TEMPLATE.to_owned(),
        serde_json::to_value(page::context(cx.guide, &words)).unwrap(),
    )]
}
