//! Build settings: the command line and the guide's `[print]`/`[cards]` tables, resolved
//! into one [`BuildConfig`] before any work starts.

use std::path::PathBuf;

use serde::Serialize;

/// Paper size of the pamphlet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// 8.5 × 11 in.
    UsLetter,
    /// 210 × 297 mm.
    A4,
}

impl Paper {
    /// The words accepted in `print.paper`.
    pub const WORDS: &[&str] = &["us-letter", "a4"];

    /// Parses a `print.paper` word.
    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "us-letter" => Some(Self::UsLetter),
            "a4" => Some(Self::A4),
            _ => None,
        }
    }
}

/// Layout of the pamphlet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Portrait, as many pages as needed.
    Handout,
    /// Landscape, two sides, six panels.
    Trifold,
}

impl Layout {
    /// The words accepted in `print.layout`.
    pub const WORDS: &[&str] = &["handout", "trifold"];

    /// Parses a `print.layout` word.
    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "handout" => Some(Self::Handout),
            "trifold" => Some(Self::Trifold),
            _ => None,
        }
    }
}

/// An output format that `build --format` can select.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    /// The PDF pamphlet.
    Pdf,
    /// The EPUB 3 book.
    Epub,
    /// The plain-text wallet cards.
    Cards,
}

/// Settings written in the guide itself (`[print]`, `[cards]`), already checked.
#[derive(Debug, Clone, Default)]
pub struct SourceSettings {
    /// `print.paper`.
    pub paper: Option<Paper>,
    /// `print.layout`.
    pub layout: Option<Layout>,
    /// `cards.width`.
    pub card_width: Option<usize>,
    /// `cards.height`.
    pub card_height: Option<usize>,
}

/// Settings the command line may give; each overrides the guide's own.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--paper`.
    pub paper: Option<Paper>,
    /// `--layout`.
    pub layout: Option<Layout>,
    /// `--card-width`.
    pub card_width: Option<usize>,
    /// `--card-height`.
    pub card_height: Option<usize>,
}

/// Everything a build needs to know, resolved once.
#[derive(Debug, Clone, Serialize)]
pub struct BuildConfig {
    /// The guide source.
    pub source: PathBuf,
    /// The template folder.
    pub templates: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Pamphlet paper.
    pub paper: Paper,
    /// Pamphlet layout.
    pub layout: Layout,
    /// Card width in columns, border included.
    pub card_width: usize,
    /// Card height in lines, border included.
    pub card_height: usize,
}

/// Default card width in columns.
pub const DEFAULT_CARD_WIDTH: usize = 40;
/// Default card height in lines.
pub const DEFAULT_CARD_HEIGHT: usize = 14;

impl BuildConfig {
    /// Resolves paths, command-line overrides and the guide's settings, in that priority.
    pub fn resolve(
        source: PathBuf,
        templates: PathBuf,
        out: PathBuf,
        overrides: &Overrides,
        settings: &SourceSettings,
    ) -> Self {
        Self {
            source,
            templates,
            out,
            paper: overrides.paper.or(settings.paper).unwrap_or(Paper::UsLetter),
            layout: overrides.layout.or(settings.layout).unwrap_or(Layout::Handout),
            card_width: overrides.card_width.or(settings.card_width).unwrap_or(DEFAULT_CARD_WIDTH),
            card_height: overrides.card_height.or(settings.card_height).unwrap_or(DEFAULT_CARD_HEIGHT),
        }
    }
}
