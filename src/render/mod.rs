//! Renderers: pure functions from the checked guide to output files.
//!
//! Each format is one [`Renderer`]; none of them writes to disk. Adding a format is one
//! file here and one arm in [`renderer_for`].

pub mod cards;
pub mod epub;
pub mod pdf;
pub mod preview;
pub mod qr;
pub mod templating;
pub mod words;

#[cfg(test)]
mod contract;

use std::path::PathBuf;

use crate::config::{BuildConfig, Format};
use crate::diag::Diagnostic;
use crate::model::Guide;
use crate::sandbox::Root;

/// One output file, its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Path inside the output folder, with `/` separators.
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// What every renderer receives.
pub struct RenderContext<'a> {
    /// The checked guide.
    pub guide: &'a Guide,
    /// Resolved settings.
    pub config: &'a BuildConfig,
    /// The template folder, sandboxed.
    pub templates: &'a Root,
}

/// One output format.
pub trait Renderer: Sync {
    /// The format's name, as `--format` spells it.
    fn name(&self) -> &'static str;
    /// Renders the guide; problems (e.g. a template error) come back as diagnostics.
    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, Vec<Diagnostic>>;
}

/// The renderer for a format.
pub fn renderer_for(format: Format) -> Box<dyn Renderer> {
    match format {
        Format::Pdf => Box::new(pdf::PdfRenderer),
        Format::Epub => Box::new(epub::EpubRenderer),
        Format::Cards => Box::new(cards::CardsRenderer),
        Format::Preview => Box::new(preview::PreviewRenderer),
        Format::CardSheet => Box::new(cards::CardSheetRenderer),
    }
}
