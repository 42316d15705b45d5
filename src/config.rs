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
    /// `print.large_print`.
    pub large_print: Option<bool>,
    /// `print.bleed`, in points.
    pub bleed: Option<f64>,
    /// `print.qr`.
    pub qr: Option<bool>,
    /// `print.pdf_a`.
    pub pdf_a: Option<bool>,
}

/// Settings the command line may give; each overrides the guide's own.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Overrides {
    /// `--paper`.
    pub paper: Option<Paper>,
    /// `--layout`.
    pub layout: Option<Layout>,
    /// `--card-width`.
    pub card_width: Option<usize>,
    /// `--card-height`.
    pub card_height: Option<usize>,
    /// `--cards-ascii`.
    pub cards_ascii: bool,
    /// `--cards-duplex`.
    pub cards_duplex: bool,
    /// `--large-print`.
    pub large_print: bool,
    /// `--bleed`, in points.
    pub bleed: Option<f64>,
    /// `--no-qr`.
    pub no_qr: bool,
    /// `--pdf-a`.
    pub pdf_a: bool,
}

/// Everything a build needs to know, resolved once.
#[derive(Debug, Clone, Serialize)]
pub struct BuildConfig {
    /// The guide source.
    #[serde(skip)]
    pub source: PathBuf,
    /// The template folder asked for (`None`: the project's `templates/` or the built-in ones).
    #[serde(skip)]
    pub templates: Option<PathBuf>,
    /// The output folder.
    #[serde(skip)]
    pub out: PathBuf,
    /// Pamphlet paper.
    pub paper: Paper,
    /// Pamphlet layout.
    pub layout: Layout,
    /// Card width in columns, border included.
    pub card_width: usize,
    /// Card height in lines, border included.
    pub card_height: usize,
    /// Transliterate the cards to ASCII.
    pub cards_ascii: bool,
    /// Add card backs to the card sheet for double-sided printing.
    pub cards_duplex: bool,
    /// Large print: 18 pt body text, one column.
    pub large_print: bool,
    /// Bleed around each page for print shops, in points (0 for none).
    pub bleed: f64,
    /// Whether the pamphlet shows QR codes for web addresses.
    pub qr: bool,
    /// Whether the PDF also claims PDF/A-2 for archival copies.
    pub pdf_a: bool,
}

/// Default card width in columns.
pub const DEFAULT_CARD_WIDTH: usize = 40;
/// Default card height in lines.
pub const DEFAULT_CARD_HEIGHT: usize = 14;

impl BuildConfig {
    /// Resolves paths, command-line overrides and the guide's settings, in that priority.
    pub fn resolve(
        source: PathBuf,
        templates: Option<PathBuf>,
        out: PathBuf,
        overrides: &Overrides,
        settings: &SourceSettings,
    ) -> Self {
        Self {
            source,
            templates,
            out,
            paper: overrides
                .paper
                .or(settings.paper)
                .unwrap_or(Paper::UsLetter),
            layout: overrides
                .layout
                .or(settings.layout)
                .unwrap_or(Layout::Handout),
            card_width: overrides
                .card_width
                .or(settings.card_width)
                .unwrap_or(DEFAULT_CARD_WIDTH),
            card_height: overrides
                .card_height
                .or(settings.card_height)
                .unwrap_or(DEFAULT_CARD_HEIGHT),
            cards_ascii: overrides.cards_ascii,
            cards_duplex: overrides.cards_duplex,
            large_print: overrides.large_print || settings.large_print.unwrap_or(false),
            bleed: overrides.bleed.or(settings.bleed).unwrap_or(0.0),
            qr: !overrides.no_qr && settings.qr.unwrap_or(true),
            pdf_a: overrides.pdf_a || settings.pdf_a.unwrap_or(false),
        }
    }
}

/// The largest bleed accepted, in points (20 mm).
pub const MAX_BLEED_PT: f64 = 20.0 * POINTS_PER_MM;

const POINTS_PER_MM: f64 = 72.0 / 25.4;

/// Parses a length such as `3mm`, `0.125in`, `0.3cm` or `9pt` into points.
pub fn parse_length(text: &str) -> Result<f64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a length (write it like 3mm or 0.125in)"))?;
    let factor = match unit.trim() {
        "mm" => POINTS_PER_MM,
        "cm" => 10.0 * POINTS_PER_MM,
        "in" => 72.0,
        "pt" => 1.0,
        other => {
            return Err(format!(
                "`{other}` is not a unit of length (use mm, cm, in or pt)"
            ));
        }
    };
    let points = number * factor;
    if !(0.0..=MAX_BLEED_PT).contains(&points) {
        return Err(format!("`{text}` is outside 0 to 20mm"));
    }
    Ok(points)
}
