//! The EPUB 3 book (being written).

use super::{Artifact, RenderContext, Renderer};
use crate::diag::Diagnostic;

/// Renders `output/<id>.epub`.
pub struct EpubRenderer;

impl Renderer for EpubRenderer {
    fn name(&self) -> &'static str {
        "epub"
    }

    fn render(&self, _cx: &RenderContext<'_>) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        Ok(Vec::new())
    }
}
