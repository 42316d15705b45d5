//! The EPUB 3 book: XHTML from minijinja templates, packaged by epub-builder, zipped
//! byte-for-byte reproducibly.
//!
//! The steps: [`cover`] draws the cover image with Typst, [`plan`] decides the documents
//! and the table of contents, [`xhtml`] renders them from `templates/epub/`, [`package`]
//! hands them to epub-builder for the package document, and [`repack`] rewrites the
//! archive with fixed entry times, the language on the package and the navigation
//! documents from our templates (see there for why).

mod cover;
mod identity;
mod package;
mod plan;
mod read_back;
mod repack;
mod xhtml;

use super::reprint::{CardsShown, Reprint};
use super::shown::{Link, ReadBack, Searched, Shows, Spacing};
use super::{Artifact, Refusal, RenderContext, Rendered, Renderer, Stages};
use crate::diag::Diagnostic;
use crate::model::Guide;
use crate::render::words::FILE as WORDS_FILE;

/// Renders `output/<id>.epub`.
pub struct EpubRenderer;

impl Renderer for EpubRenderer {
    fn name(&self) -> &'static str {
        "epub"
    }

    fn summary(&self) -> &'static str {
        "The EPUB 3 book"
    }

    // The cover is drawn by Typst with the embedded fonts.
    fn template_files(&self) -> &'static [&'static str] {
        &["epub/", WORDS_FILE]
    }

    fn render(&self, cx: &RenderContext<'_>, stages: &Stages) -> Result<Rendered, Refusal> {
        let templates = xhtml::Templates::load(cx.templates, cx.guide, stages.words(cx)?);
        let artifacts = render_epub(cx, &templates).map_err(|diagnostic| vec![diagnostic])?;
        Ok(artifacts.into())
    }

    fn shows<'g>(&self, _guide: &'g Guide, _path: &str) -> Shows<'g> {
        Shows::Everything
    }

    fn read_back(&self, bytes: &[u8]) -> Result<ReadBack, String> {
        let documents = read_back::texts(bytes)?
            .into_iter()
            .map(|(_, text)| Searched {
                text,
                spacing: Spacing::Collapsed,
            });
        Ok(ReadBack {
            texts: documents.collect(),
            addresses: None,
        })
    }

    fn links(&self, bytes: &[u8]) -> Option<Result<Vec<Link>, String>> {
        Some(read_back::links(bytes))
    }

    fn reprint(&self) -> Option<Reprint> {
        Some(Reprint {
            key: "epub",
            label: "the EPUB",
            book: true,
            settings: &[],
            cards: CardsShown::None,
        })
    }
}

/// Every template of the book with the data it receives, as JSON: the cover's
/// `/guide.json` and each minijinja context (for the test that pins the data contract).
#[cfg(test)]
pub fn template_data(cx: &RenderContext<'_>) -> Vec<(String, serde_json::Value)> {
    let words = crate::render::words::Words::load(cx).expect("the words load");
    let templates = xhtml::Templates::load(cx.templates, cx.guide, &words);
    let cover = cover::render(cx, templates.words()).expect("the cover renders");
    let text = cover.as_ref().map(|c| &c.text).expect("a drawable cover");
    let mut data = vec![(
        cover::TEMPLATE.to_owned(),
        serde_json::to_value(cover::cover_data(cx, text, templates.words())).unwrap(),
    )];
    let plan = plan::Plan::new(cx.guide, templates.words(), true);
    for (name, context) in templates.contexts(&plan, "urn:uuid:0", Some(text)) {
        data.push((name.to_owned(), serde_json::to_value(context).unwrap()));
    }
    data
}

fn render_epub(
    cx: &RenderContext<'_>,
    templates: &xhtml::Templates<'_>,
) -> Result<Vec<Artifact>, Diagnostic> {
    let guide = cx.guide;
    let cover = cover::render(cx, templates.words())?;
    let plan = plan::Plan::new(guide, templates.words(), cover.is_some());
    let identifier = identity::book_identifier(&guide.id);
    let urn = identifier.urn().to_string();
    let rendered = templates.render(&plan, &urn, cover.as_ref().map(|c| &c.text))?;
    let image = cover.as_ref().map(|c| package::CoverImage {
        href: cover::IMAGE_HREF,
        png: &c.png,
    });
    let packaged = package::build(guide, &rendered, identifier, templates.words(), image)?;
    let amendments = repack::Amendments::new(guide, &rendered);
    let bytes = repack::repack(&packaged, &amendments, guide.date)?;
    Ok(vec![Artifact {
        path: super::naming::artifact_path(guide, &format!("{}.epub", guide.id)).into(),
        bytes,
    }])
}
