//! Build settings: every setting declared once ([`Settings`]), filled from the guide's
//! `[print]`/`[cards]` tables and from the command line, and resolved into one
//! [`BuildConfig`] before any work starts.

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

/// Declares every setting once: its type, its default, the `[print]`/`[cards]` key a
/// guide writes it with (if any) and the command-line flag that overrides it. A flag
/// written `= value` is a switch that sets that value; any other flag takes the value.
macro_rules! settings {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $ty:ty = $default:expr, guide $key:expr, flag $flag:ident $(= $switch:literal)? $(, $when:ident)?;
    )*) => {
        /// Settings as given, by the guide or by the command line: `None` where not given.
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct Settings {
            $($(#[doc = $doc])* pub $name: Option<$ty>,)*
        }

        /// Every setting with its value: as given, else its default.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Resolved {
            $($(#[doc = $doc])* pub $name: $ty,)*
        }

        impl Settings {
            /// Each setting as given here, else as given in `fallback`.
            #[must_use]
            pub fn or(&self, fallback: &Settings) -> Settings {
                Settings {
                    $($name: self.$name.clone().or_else(|| fallback.$name.clone()),)*
                }
            }

            /// Each setting as given, else its default.
            pub fn or_default(&self) -> Resolved {
                Resolved {
                    $($name: self.$name.clone().unwrap_or($default),)*
                }
            }

            /// The settings a guide may write, `[print]` first, each with its key and its
            /// value as the guide writes it (`None` where not given).
            pub fn written(&self) -> Vec<(&'static str, Option<Written>)> {
                let mut keys: Vec<(&'static str, Option<Written>)> = Vec::new();
                $(if let Some(key) = $key {
                    keys.push((key, self.$name.as_ref().map(ShownAsWritten::written)));
                })*
                keys.sort_by_key(|(key, _)| !key.starts_with("print."));
                keys
            }
        }

        impl Serialize for CommandLine<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let count = [$(stringify!($name)),*].len();
                let mut flags = serializer.serialize_struct("CommandLine", count)?;
                $(record!(flags, stringify!($flag), self.0.$name $(, $switch)? $(, $when)?);)*
                flags.end()
            }
        }
    };
}

/// How a flag's setting is recorded: a switch as whether it was given, a value as given;
/// a setting marked `when_given` only when it is given, so that adding it left the hashes
/// of builds without it as they were.
macro_rules! record {
    ($flags:ident, $name:expr, $value:expr) => {
        $flags.serialize_field($name, &$value)?
    };
    ($flags:ident, $name:expr, $value:expr, $switch:literal) => {
        $flags.serialize_field($name, &($value == Some($switch)))?
    };
    ($flags:ident, $name:expr, $value:expr, when_given) => {
        match &$value {
            Some(value) => $flags.serialize_field($name, value)?,
            None => $flags.skip_field($name)?,
        }
    };
}

// Declared in the order the inputs hash has always listed the flags, so that the hashes
// of existing builds stay valid.
settings! {
    /// Pamphlet paper.
    paper: Paper = Paper::UsLetter, guide Some("print.paper"), flag paper;
    /// Pamphlet layout.
    layout: Layout = Layout::Handout, guide Some("print.layout"), flag layout;
    /// Card width in columns, border included.
    card_width: usize = DEFAULT_CARD_WIDTH, guide Some("cards.width"), flag card_width;
    /// Card height in lines, border included.
    card_height: usize = DEFAULT_CARD_HEIGHT, guide Some("cards.height"), flag card_height;
    /// Transliterate the cards to ASCII.
    cards_ascii: bool = false, guide None::<&str>, flag cards_ascii = true;
    /// Add card backs to the card sheet for double-sided printing.
    cards_duplex: bool = false, guide None::<&str>, flag cards_duplex = true;
    /// Large print: 18 pt body text, one column.
    large_print: bool = false, guide Some("print.large_print"), flag large_print = true;
    /// Bleed around each page for print shops, in points (0 for none).
    bleed: f64 = 0.0, guide Some("print.bleed"), flag bleed;
    /// Whether the pamphlet shows QR codes for web addresses.
    qr: bool = true, guide Some("print.qr"), flag no_qr = false;
    /// Whether the PDF also claims PDF/A-2 for archival copies.
    pdf_a: bool = false, guide Some("print.pdf_a"), flag pdf_a = true;
    /// The language of the card sheet's backs: each card's back is the same card in that
    /// translation (a double-sided sheet); none for the one back shared by every card.
    cards_back_language: Option<String> = None, guide Some("cards.back_language"), flag cards_back_language, when_given;
}

/// The settings the command line gave, serialized flag by flag as given (a switch as
/// `true` or `false`, a value or `null`): what the inputs hash records of them.
pub struct CommandLine<'a>(pub &'a Settings);

/// A setting's value as a guide writes it, for showing it back.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    /// A word from a short list (`us-letter`), or a length (`3mm`).
    Word(String),
    /// A whole number.
    Number(u64),
    /// Yes or no.
    Flag(bool),
}

/// A setting's type, written back the way a guide writes it.
trait ShownAsWritten {
    fn written(&self) -> Written;
}

impl ShownAsWritten for Paper {
    fn written(&self) -> Written {
        word(self)
    }
}

impl ShownAsWritten for Layout {
    fn written(&self) -> Written {
        word(self)
    }
}

impl ShownAsWritten for usize {
    fn written(&self) -> Written {
        Written::Number(*self as u64)
    }
}

impl ShownAsWritten for bool {
    fn written(&self) -> Written {
        Written::Flag(*self)
    }
}

impl ShownAsWritten for Option<String> {
    fn written(&self) -> Written {
        Written::Word(self.clone().unwrap_or_default())
    }
}

// The one setting with a fractional value is the bleed, a length in points.
impl ShownAsWritten for f64 {
    fn written(&self) -> Written {
        Written::Word(millimetres(*self))
    }
}

fn word<T: clap::ValueEnum>(value: &T) -> Written {
    let name = value.to_possible_value().expect("every word is shown");
    Written::Word(name.get_name().to_owned())
}

/// Everything a build needs to know, resolved once.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// The guide source.
    pub source: PathBuf,
    /// The template folder asked for (`None`: the project's `templates/` or the built-in ones).
    pub templates: Option<PathBuf>,
    /// The output folder.
    pub out: PathBuf,
    /// Every setting, resolved.
    pub settings: Resolved,
}

/// Default card width in columns.
pub const DEFAULT_CARD_WIDTH: usize = 40;
/// Default card height in lines.
pub const DEFAULT_CARD_HEIGHT: usize = 14;

impl BuildConfig {
    /// Resolves paths and settings: the command line's, else the guide's, else the defaults.
    pub fn resolve(
        source: PathBuf,
        templates: Option<PathBuf>,
        out: PathBuf,
        command_line: &Settings,
        guide: &Settings,
    ) -> Self {
        Self {
            source,
            templates,
            out,
            settings: command_line.or(guide).or_default(),
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

/// A length in points written in millimetres, as a guide writes it (`3mm`).
pub fn millimetres(points: f64) -> String {
    let mm = format!("{:.2}", points * 25.4 / 72.0);
    format!("{}mm", mm.trim_end_matches('0').trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_hashed_flag_by_flag_as_given() {
        let given = Settings {
            paper: Some(Paper::A4),
            qr: Some(false),
            large_print: Some(true),
            ..Settings::default()
        };
        assert_eq!(
            serde_json::to_string(&CommandLine(&given)).unwrap(),
            r#"{"paper":"a4","layout":null,"card_width":null,"card_height":null,"cards_ascii":false,"cards_duplex":false,"large_print":true,"bleed":null,"no_qr":true,"pdf_a":false}"#
        );
    }

    #[test]
    fn a_back_language_is_hashed_only_when_given() {
        let given = Settings {
            cards_back_language: Some(Some("es".into())),
            ..Settings::default()
        };
        let json = serde_json::to_string(&CommandLine(&given)).unwrap();
        assert!(
            json.ends_with(r#""pdf_a":false,"cards_back_language":"es"}"#),
            "{json}"
        );
    }

    #[test]
    fn the_command_line_wins_over_the_guide_and_the_guide_over_the_defaults() {
        let guide = Settings {
            paper: Some(Paper::A4),
            layout: Some(Layout::Trifold),
            qr: Some(false),
            ..Settings::default()
        };
        let command_line = Settings {
            layout: Some(Layout::Handout),
            ..Settings::default()
        };
        let resolved = command_line.or(&guide).or_default();
        assert_eq!(resolved.paper, Paper::A4);
        assert_eq!(resolved.layout, Layout::Handout);
        assert!(!resolved.qr);
        assert_eq!(resolved.card_width, DEFAULT_CARD_WIDTH);
    }

    #[test]
    fn a_guide_writes_its_print_settings_before_its_card_size() {
        let keys: Vec<_> = Settings::default()
            .written()
            .into_iter()
            .map(|(key, _)| key)
            .collect();
        assert_eq!(
            keys,
            [
                "print.paper",
                "print.layout",
                "print.large_print",
                "print.bleed",
                "print.qr",
                "print.pdf_a",
                "cards.width",
                "cards.height",
                "cards.back_language"
            ]
        );
    }
}
