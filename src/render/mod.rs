//! Renderers: pure functions from the checked guide to output files.
//!
//! Each format is one [`Format`] variant and one [`Renderer`] in its own folder here; none
//! of them writes to disk or prints. Adding a format is one folder, one variant in
//! [`mod@format`] and one template folder.

pub mod absence;
pub mod card_sheet;
pub mod cards;
pub mod direction;
pub mod epub;
pub mod format;
pub mod latest;
pub mod naming;
pub mod pdf;
pub mod preview;
pub mod qr;
pub mod reprint;
mod richtext;
pub mod shown;
pub mod sms;
#[cfg(test)]
mod staff_marking;
pub mod templating;
pub mod web;
pub mod words;
mod xhtml_read;

#[cfg(test)]
mod contract;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use crate::config::BuildConfig;
use crate::diag::{Diagnostic, SourceText};
use crate::model::Guide;
use crate::sandbox::Root;
use crate::validate::printable::Unprintable;
use cards::CardSet;
pub use format::Format;
use reprint::Reprint;
use shown::{ExpectedFile, Link, ReadBack, Shows};
use words::Words;

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
    /// The guide's source text, where a format's problems point.
    pub source: &'a Arc<SourceText>,
    /// Resolved settings.
    pub config: &'a BuildConfig,
    /// The template folder, sandboxed.
    pub templates: &'a Root,
    /// The same guide in the language of the card sheet's backs (`cards.back_language`),
    /// when each card's back is that card in another language.
    pub card_back: Option<&'a Guide>,
}

/// A format's files, and the notes for the person who asked for them.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The files, in the order they are written.
    pub artifacts: Vec<Artifact>,
    /// Notes to show on standard error, e.g. what `--cards-ascii` replaced.
    pub notes: Vec<String>,
    /// Problems worth fixing that did not stop the format, e.g. a text message longer
    /// than one SMS.
    pub warnings: Vec<Diagnostic>,
}

impl From<Vec<Artifact>> for Rendered {
    fn from(artifacts: Vec<Artifact>) -> Self {
        Self {
            artifacts,
            notes: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Why a format was not rendered.
#[derive(Debug, Clone)]
pub enum Refusal {
    /// Problems of the format's own.
    Problems(Vec<Diagnostic>),
    /// A stage it shares with other formats failed; the same problems, reported once.
    Stage(Arc<[Diagnostic]>),
}

impl From<Vec<Diagnostic>> for Refusal {
    fn from(problems: Vec<Diagnostic>) -> Self {
        Self::Problems(problems)
    }
}

/// Work that several formats share, done once per build by the first format that needs
/// it; the others wait for it and use the same result (and its problems, reported once).
#[derive(Default)]
pub struct Stages {
    words: OnceLock<Result<words::Chosen, Arc<[Diagnostic]>>>,
    card_lines: OnceLock<Result<CardSet, Arc<[Diagnostic]>>>,
}

impl Stages {
    /// The built-in words of the guide's language (`labels/<lang>.toml`), read and
    /// checked once for every format.
    pub fn words(&self, cx: &RenderContext<'_>) -> Result<&Words, Refusal> {
        match self
            .words
            .get_or_init(|| Words::choose(cx).map_err(Arc::from))
        {
            Ok(chosen) => Ok(&chosen.words),
            Err(problems) => Err(Refusal::Stage(Arc::clone(problems))),
        }
    }

    /// The warnings of the shared stages that ran (no catalog for the guide's language, a
    /// contact language the catalog cannot name), to report once.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        match self.words.get() {
            Some(Ok(chosen)) => chosen.warnings.clone(),
            _ => Vec::new(),
        }
    }

    /// Every wallet card rendered and checked (the text cards and the card sheet).
    pub fn card_lines(&self, cx: &RenderContext<'_>) -> Result<&CardSet, Refusal> {
        let words = self.words(cx)?;
        match self
            .card_lines
            .get_or_init(|| CardSet::render(cx, words).map_err(Arc::from))
        {
            Ok(cards) => Ok(cards),
            Err(problems) => Err(Refusal::Stage(Arc::clone(problems))),
        }
    }
}

/// One output format: everything the commands know about it.
pub trait Renderer: Sync {
    /// The format's name, as `--format` and the manifest spell it.
    fn name(&self) -> &'static str;
    /// What it is, in a few words, for `--help`.
    fn summary(&self) -> &'static str;
    /// Whether `build` makes it when no format is named.
    fn built_by_default(&self) -> bool {
        true
    }
    /// The template files it reads, as patterns (see [`Format::reads_template`]); a change
    /// to any of them, and to no other template, makes its files out of date.
    fn template_files(&self) -> &'static [&'static str];
    /// Problems found before rendering that refuse the format (characters no font has, a
    /// guide too large to lay out); none to render it.
    fn gate(&self, _cx: &RenderContext<'_>, _unprintable: &Unprintable) -> Vec<Diagnostic> {
        Vec::new()
    }
    /// Problems found before rendering that leave this format out of the build, as
    /// warnings, without stopping the others (a card sheet no monospace font can set).
    fn skip(&self, _cx: &RenderContext<'_>, _unprintable: &Unprintable) -> Vec<Diagnostic> {
        Vec::new()
    }
    /// Renders the guide, using `stages` for the work it shares with other formats.
    fn render(&self, cx: &RenderContext<'_>, stages: &Stages) -> Result<Rendered, Refusal>;
    /// Which contacts `verify` must find in its file at `path`.
    fn shows<'g>(&self, _guide: &'g Guide, _path: &str) -> Shows<'g> {
        Shows::Nothing
    }
    /// Its file's text as a reader sees it, for `verify` to search.
    fn read_back(&self, _bytes: &[u8]) -> Result<ReadBack, String> {
        Err("guidepress cannot read this format back".into())
    }
    /// The links of its file (`tel:`, `sms:`, web addresses), when it has links.
    fn links(&self, _bytes: &[u8]) -> Option<Result<Vec<Link>, String>> {
        None
    }
    /// Files it must have made for this guide, once the manifest lists any of its files.
    fn expected_files(&self, _guide: &Guide) -> Vec<ExpectedFile> {
        Vec::new()
    }
    /// What a change of the guide means for reprinting it; `None` when it is not printed.
    fn reprint(&self) -> Option<Reprint> {
        None
    }
}

/// The proportional font families of a Typst document that prints `guide` with `words`:
/// one design per script, chosen from every character either can print.
pub fn fonts_for(guide: &crate::model::Guide, words: &words::Words) -> Vec<&'static str> {
    let text = serde_json::to_string(&(guide, words)).expect("the guide serializes to JSON");
    crate::typst::families::text_families(&guide.language, text.chars())
}
