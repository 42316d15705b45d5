//! PNG previews of every pamphlet layout, for reviewers without a PDF viewer.
//!
//! `guidepress preview` renders each page of the handout and of the tri-fold into
//! `output/preview/<layout>-<page>.png`. A layout the guide does not fit (a tri-fold that
//! runs over) is left out rather than failing the preview of the others.

use super::pdf::{TEMPLATE_FILES, pamphlet_world};
use super::{Artifact, Refusal, RenderContext, Rendered, Renderer, Stages};
use crate::config::Layout;
use crate::diag::Diagnostic;
use crate::render::words::Words;
use crate::typst::compile::compile;
use crate::typst::png::{self, Effort};

/// Pixels per inch of the previews: sharp enough to read, small enough to commit.
const PIXELS_PER_INCH: f64 = 96.0;

/// Pages of a tri-fold; a longer one did not fit.
const TRIFOLD_PAGES: usize = 2;

/// Renders `output/preview/*.png`.
pub struct PreviewRenderer;

impl Renderer for PreviewRenderer {
    fn name(&self) -> &'static str {
        "preview"
    }

    fn summary(&self) -> &'static str {
        "PNG previews of every pamphlet layout (only when asked for)"
    }

    fn built_by_default(&self) -> bool {
        false
    }

    fn template_files(&self) -> &'static [&'static str] {
        TEMPLATE_FILES
    }

    fn render(&self, cx: &RenderContext<'_>, stages: &Stages) -> Result<Rendered, Refusal> {
        if super::pdf::laid_out_in_parts(cx.guide, cx.config) {
            // Thousands of pictures of a directory that Typst could not hold at once.
            return Ok(Rendered {
                notes: vec![
                    "no previews: this guide's handout is too large for one document and is laid out in parts; open the PDF instead".to_owned(),
                ],
                ..Rendered::default()
            });
        }
        Ok(render_previews(cx, stages.words(cx)?)?.into())
    }
}

fn render_previews(
    cx: &RenderContext<'_>,
    words: &Words,
) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let mut artifacts = Vec::new();
    for (layout, name) in [(Layout::Handout, "handout"), (Layout::Trifold, "trifold")] {
        let config = crate::config::BuildConfig {
            settings: crate::config::Resolved {
                layout,
                large_print: cx.config.settings.large_print && layout == Layout::Handout,
                ..cx.config.settings.clone()
            },
            ..cx.config.clone()
        };
        let layout_cx = RenderContext {
            config: &config,
            ..*cx
        };
        let document = compile(&pamphlet_world(&layout_cx, words)?)?;
        if layout == Layout::Trifold && document.pages().len() > TRIFOLD_PAGES {
            continue;
        }
        for (number, page) in (1..).zip(document.pages()) {
            let png =
                png::render_page(page, PIXELS_PER_INCH / 72.0, Effort::Small).map_err(|e| {
                    vec![Diagnostic::bare(format!(
                        "cannot encode a preview image ({e})"
                    ))]
                })?;
            artifacts.push(Artifact {
                path: format!("preview/{name}-{number}.png").into(),
                bytes: png,
            });
        }
    }
    Ok(artifacts)
}
