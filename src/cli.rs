//! The command line: subcommands and flags (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{Layout, Paper, Settings};
use crate::render::Format;
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
    /// Build, then rebuild whenever the guide or a template changes.
    Watch(BuildArgs),
    /// Render PNG previews of every pamphlet layout into <out>/preview/.
    Preview(PreviewArgs),
    /// Check the guide and print every problem; writes nothing.
    Check(CheckArgs),
    /// What changed since the last build (or between two guides), and what to reprint.
    Diff(DiffArgs),
    /// List the contacts whose `verified` date is missing or too old.
    Review(ReviewArgs),
    /// Record that contacts were checked: set their `verified` date in the guide.
    Verified(VerifiedArgs),
    /// Start a new guide project: an example guide and the default templates.
    Init(InitArgs),
    /// Check the built files against the guide and the output folder's manifest.
    Verify(VerifyArgs),
    /// Make a guide TOML from a workbook (.xlsx, .ods), a CSV folder or HSDS 3.0 data.
    Import(ImportArgs),
    /// Write the guide's directory as a workbook, CSV files or HSDS 3.0.
    Export(ExportArgs),
    /// Write or update the translation file into LANG, the guide's text beside each key.
    Translate(TranslateArgs),
}

/// Where the guide and its templates are.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The guide source file.
    #[arg(long, default_value = "source/guide.toml", value_name = "FILE")]
    pub source: PathBuf,
    /// The template folder.
    ///
    /// Default: `templates` when the project has one, else the templates built into
    /// guidepress.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

pub use crate::diag::print::MessageFormat;

/// `guidepress check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Input locations.
    #[command(flatten)]
    pub input: InputArgs,
    /// Also print, per edition, what it keeps and what it leaves out, and why.
    #[arg(long)]
    pub editions: bool,
    /// How to print the editions' report (with --editions).
    #[arg(long, value_enum, default_value_t = MessageFormat::Human, requires = "editions")]
    pub format: MessageFormat,
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
    /// Paper size of the pamphlet and of the card sheet (overrides print.paper).
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
    /// Transliterate the wallet cards to ASCII, for printers and SMS gateways without UTF-8.
    #[arg(long)]
    pub cards_ascii: bool,
    /// Add a page of card backs after each card sheet page, for double-sided printing.
    #[arg(long)]
    pub cards_duplex: bool,
    /// Print each card's back as the same card in this translation (overrides
    /// cards.back_language; implies --cards-duplex).
    #[arg(long, value_name = "LANG")]
    pub cards_back_language: Option<String>,
    /// Large print: 18 pt text in one column (handout layout only).
    #[arg(long)]
    pub large_print: bool,
    /// Bleed and QR codes.
    #[command(flatten)]
    pub page: PageArgs,
    /// Also make the PDF conform to PDF/A-2 for archival copies.
    #[arg(long)]
    pub pdf_a: bool,
    /// Rebuild every format, even those whose files are up to date.
    #[arg(long)]
    pub force: bool,
    /// Build only this edition (repeatable), into <out>/<ID>/, and not the full guide.
    #[arg(long = "edition", value_name = "ID")]
    pub editions: Vec<String>,
}

impl BuildArgs {
    /// The settings given on the command line; a switch not given leaves its setting to
    /// the guide.
    pub fn settings(&self) -> Settings {
        Settings {
            paper: self.paper,
            layout: self.layout,
            card_width: self.card_width,
            card_height: self.card_height,
            cards_ascii: self.cards_ascii.then_some(true),
            cards_duplex: self.cards_duplex.then_some(true),
            cards_back_language: self.cards_back_language.clone().map(Some),
            large_print: self.large_print.then_some(true),
            bleed: self.page.bleed,
            qr: self.page.no_qr.then_some(false),
            pdf_a: self.pdf_a.then_some(true),
        }
    }

    /// The formats to build: those named, or all of them.
    pub fn formats(&self) -> Vec<Format> {
        let mut formats = if self.format.is_empty() {
            Format::defaults()
        } else {
            self.format.clone()
        };
        formats.sort();
        formats.dedup();
        formats
    }
}

/// The options of the pamphlet's pages that `build` and `preview` share.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// Bleed for a print shop, e.g. 3mm or 0.125in (overrides print.bleed).
    #[arg(long, value_name = "LENGTH", value_parser = crate::config::parse_length)]
    pub bleed: Option<f64>,
    /// Leave out the QR codes of web addresses.
    #[arg(long)]
    pub no_qr: bool,
}

/// `guidepress preview`: only the options that change the pamphlet's pages, since it
/// renders every layout and nothing else.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// Input locations.
    #[command(flatten)]
    pub input: InputArgs,
    /// The output folder (the previews go into its preview/ folder).
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// Paper size of the pamphlet (overrides print.paper).
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,
    /// Large print: 18 pt text in one column (the handout's previews only).
    #[arg(long)]
    pub large_print: bool,
    /// Bleed and QR codes.
    #[command(flatten)]
    pub page: PageArgs,
    /// Render the previews again, even when they are up to date.
    #[arg(long)]
    pub force: bool,
}

impl PreviewArgs {
    /// The build that makes the previews.
    pub fn into_build(self) -> BuildArgs {
        BuildArgs {
            input: self.input,
            out: self.out,
            format: vec![Format::Preview],
            paper: self.paper,
            layout: None,
            card_width: None,
            card_height: None,
            cards_ascii: false,
            cards_duplex: false,
            cards_back_language: None,
            large_print: self.large_print,
            page: self.page,
            pdf_a: false,
            force: self.force,
            editions: Vec::new(),
        }
    }
}

fn card_width(text: &str) -> Result<usize, String> {
    in_range(text, CARD_WIDTHS)
}

fn card_height(text: &str) -> Result<usize, String> {
    in_range(text, CARD_HEIGHTS)
}

fn in_range(text: &str, range: std::ops::RangeInclusive<i64>) -> Result<usize, String> {
    let number: i64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a whole number"))?;
    if !range.contains(&number) {
        return Err(format!("must be from {} to {}", range.start(), range.end()));
    }
    usize::try_from(number).map_err(|e| e.to_string())
}

/// `guidepress diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older guide (`-` reads it from standard input).
    ///
    /// Default: the guide the output folder was last built from (its
    /// `guide-as-built.toml`).
    #[arg(value_name = "OLD")]
    pub old: Option<PathBuf>,
    /// The newer guide (`-` reads it from standard input).
    ///
    /// Default: the --source guide.
    #[arg(value_name = "NEW")]
    pub new: Option<PathBuf>,
    /// The guide compared when NEW is not given.
    #[arg(long, default_value = "source/guide.toml", value_name = "FILE")]
    pub source: PathBuf,
    /// The output folder whose last build is compared when OLD is not given.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// How to print the report (and any problems).
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
}

/// How `diff` and `review` print their report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Plain words for people.
    Human,
    /// One JSON document for scripts.
    Json,
}

/// `guidepress review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The guide source file.
    #[arg(long, default_value = "source/guide.toml", value_name = "FILE")]
    pub source: PathBuf,
    /// Count ages up to this day instead of today, for reproducible runs.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub today: Option<time::Date>,
    /// Exit with status 1 when any contact is due for review, or with --links when any
    /// address needs fixing (for CI).
    #[arg(long)]
    pub strict: bool,
    /// How to print the report (and any problems).
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Review only the contacts this edition shows (repeatable).
    #[arg(long = "edition", value_name = "ID")]
    pub editions: Vec<String>,
    /// Link check.
    #[command(flatten)]
    pub links: LinkArgs,
}

/// `review --links`: the web addresses asked over the network.
#[derive(Debug, Args)]
pub struct LinkArgs {
    /// Instead of the dates, check every web address of the guide over the network.
    ///
    /// Each address (a web contact, or a link in a text) is asked once, with HEAD (GET
    /// when the site refuses HEAD), 4 at a time, without following redirects. Each is
    /// reported as ok (2xx), moved (301, 308: the new address is suggested), redirected
    /// (302, 303, 307), gone (404, 410), error (5xx, or any other 4xx, 401 and 403
    /// included: a person must look), unreachable (no such site, refused, hung up, or
    /// no secure connection) or timed out. With --strict, exits 1 when any is moved,
    /// gone, error, unreachable or timed out; a temporary redirect is not a failure.
    /// Nothing is written.
    #[arg(long, conflicts_with = "today")]
    pub links: bool,
    /// With --links: the longest wait for each answer, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10, requires = "links",
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
}

/// `guidepress init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create; it may already exist if it is empty.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// `guidepress verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Input locations.
    #[command(flatten)]
    pub input: InputArgs,
    /// The output folder to check (compared with a build using the guide's own settings).
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// An Excel workbook: sheets Organizations and Contacts.
    Xlsx,
    /// An OpenDocument spreadsheet: sheets Organizations and Contacts.
    Ods,
    /// A folder with organizations.csv and contacts.csv.
    Csv,
    /// An HSDS 3.0 tabular data package: a folder with datapackage.json and one CSV per object.
    Hsds,
    /// HSDS 3.0 JSON: an array of services, each with its organization.
    HsdsJson,
}

/// `guidepress export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The guide source file.
    #[arg(long, default_value = DEFAULT_SOURCE, value_name = "FILE")]
    pub source: PathBuf,
    /// What to write.
    #[arg(long, value_enum)]
    pub to: ExportFormat,
    /// The file (xlsx, ods, hsds-json) or folder (csv, hsds) to write.
    #[arg(short, long, value_name = "PATH")]
    pub output: PathBuf,
    /// Include the confidential contacts (left out by default).
    #[arg(long)]
    pub confidential: bool,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

/// The guide `--source` names when it is not given.
pub const DEFAULT_SOURCE: &str = "source/guide.toml";

/// `guidepress import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The workbook (.xlsx, .xls, .ods), the folder with organizations.csv and
    /// contacts.csv, HSDS 3.0 services as .json, or an HSDS tabular data package (its
    /// folder, or its datapackage.json).
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// Where to write the guide (default: standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

/// `guidepress translate`.
#[derive(Debug, Args)]
pub struct TranslateArgs {
    /// The language to translate into, a BCP 47 tag (es, vi, zh-Hans); the file is
    /// `<guide>.<LANG>.toml` beside the guide.
    #[arg(value_name = "LANG")]
    pub language: String,
    /// The guide source file.
    #[arg(long, default_value = DEFAULT_SOURCE, value_name = "FILE")]
    pub source: PathBuf,
    /// How problems are printed.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

/// `guidepress verified`.
#[derive(Debug, Args)]
pub struct VerifiedArgs {
    /// The contacts checked: `organization.contact`, or an organization's id for all of
    /// its contacts.
    #[arg(value_name = "REF", required = true)]
    pub references: Vec<String>,
    /// The day they were checked, if not today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_past_day)]
    pub date: Option<time::Date>,
    /// The guide source file, edited in place.
    #[arg(long, default_value = DEFAULT_SOURCE, value_name = "FILE")]
    pub source: PathBuf,
}

/// Parses `--date`: a calendar day written `YYYY-MM-DD`, today or earlier.
pub fn parse_past_day(text: &str) -> Result<time::Date, String> {
    let day = parse_day(text)?;
    if day > crate::pipeline::today() {
        return Err(format!(
            "`{text}` is in the future; give the day the contacts were checked, today or earlier"
        ));
    }
    Ok(day)
}

/// Parses `--today`: a calendar day written `YYYY-MM-DD`.
pub fn parse_day(text: &str) -> Result<time::Date, String> {
    let shape_error = || format!("`{text}` is not a date written YYYY-MM-DD");
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return Err(shape_error());
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return Err(shape_error());
    }
    let number = |s: &str| s.parse::<u8>().map_err(|_| shape_error());
    let month = time::Month::try_from(number(month)?).map_err(|_| shape_error())?;
    let year: i32 = year.parse().map_err(|_| shape_error())?;
    time::Date::from_calendar_date(year, month, number(day)?)
        .map_err(|_| format!("`{text}` is not a day in the calendar"))
}

#[cfg(test)]
mod tests {
    use super::parse_day;

    #[test]
    fn today_accepts_only_real_calendar_days() {
        assert_eq!(parse_day("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert_eq!(
            parse_day("2025-02-29").unwrap_err(),
            "`2025-02-29` is not a day in the calendar"
        );
        assert_eq!(
            parse_day("2025-2-1").unwrap_err(),
            "`2025-2-1` is not a date written YYYY-MM-DD"
        );
        assert_eq!(
            parse_day("tomorrow").unwrap_err(),
            "`tomorrow` is not a date written YYYY-MM-DD"
        );
    }
}
