//! The wallet cards (being written).

use super::{Artifact, RenderContext, Renderer};
use crate::diag::Diagnostic;

/// Renders the wallet cards.
pub struct CardsRenderer;

impl Renderer for CardsRenderer {
    fn name(&self) -> &'static str {
        "cards"
    }

    fn render(&self, _cx: &RenderContext<'_>) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        Ok(Vec::new())
    }
}
