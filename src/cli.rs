//! The command line: subcommands and flags (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{Format, Layout, Overrides, Paper};
use crate::validate::{CARD_HEIGHTS, CARD_WIDTHS};

/// Render one resource guide into a PDF pamphlet, an EPUB and wallet cards.
#[derive(Debug, Parser)]
#[command(name = "guidepress", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the guide, then render every output into the output folder.
    Build(BuildArgs),
    /// Check the guide and print every problem; writes nothing.
    Check(CheckArgs),
}

/// Where the guide and its templates are.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The guide source file.
    #[arg(long, default_value = "source/guide.toml", value_name = "FILE")]
    pub source: PathBuf,
    /// The template folder.
    #[arg(long, default_value = "templates", value_name = "DIR")]
    pub templates: PathBuf,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// Like rustc: the source line with a caret under the problem.
    Human,
    /// One JSON object per line.
    Json,
}

/// `guidepress check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Input locations.
    #[command(flatten)]
    pub input: InputArgs,
}

/// `guidepress build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Input locations.
    #[command(flatten)]
    pub input: InputArgs,
    /// The output folder.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// Build only these formats (comma separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FORMATS")]
    pub format: Vec<Format>,
    /// Paper size of the pamphlet (overrides print.paper).
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,
    /// Layout of the pamphlet (overrides print.layout).
    #[arg(long, value_enum)]
    pub layout: Option<Layout>,
    /// Card width in columns, border included (overrides cards.width).
    #[arg(long, value_name = "COLUMNS", value_parser = card_width)]
    pub card_width: Option<usize>,
    /// Card height in lines, border included (overrides cards.height).
    #[arg(long, value_name = "LINES", value_parser = card_height)]
    pub card_height: Option<usize>,
}

impl BuildArgs {
    /// The settings given on the command line.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            paper: self.paper,
            layout: self.layout,
            card_width: self.card_width,
            card_height: self.card_height,
        }
    }

    /// The formats to build: those named, or all of them.
    pub fn formats(&self) -> Vec<Format> {
        let mut formats = if self.format.is_empty() {
            Format::value_variants().to_vec()
        } else {
            self.format.clone()
        };
        formats.sort();
        formats.dedup();
        formats
    }
}

fn card_width(text: &str) -> Result<usize, String> {
    in_range(text, CARD_WIDTHS)
}

fn card_height(text: &str) -> Result<usize, String> {
    in_range(text, CARD_HEIGHTS)
}

fn in_range(text: &str, range: std::ops::RangeInclusive<i64>) -> Result<usize, String> {
    let number: i64 = text.parse().map_err(|_| format!("`{text}` is not a whole number"))?;
    if !range.contains(&number) {
        return Err(format!("must be from {} to {}", range.start(), range.end()));
    }
    usize::try_from(number).map_err(|e| e.to_string())
}
