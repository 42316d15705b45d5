//! The output formats: one variant per format, each defined by its own [`Renderer`].
//!
//! Everything a command knows about a format (its name, its template files, how to render
//! it, what `verify` reads back, what `diff` reprints) comes from the format's renderer,
//! so `build`, `verify`, `diff` and `--format` iterate over [`Format::ALL`] and name no
//! format themselves.
//!
//! Adding a format:
//! 1. a folder `src/render/<format>/` with a type that implements [`Renderer`] (its
//!    name, summary, template files, render; for a printed format its read-back and
//!    reprint, for one with pre-render checks its gate);
//! 2. a variant of [`Format`], in [`Format::ALL`] and in [`Format::renderer`];
//! 3. a template folder `templates/<format>/`, named in its `template_files` (the
//!    built-in templates are the whole `templates/` folder, so it ships by itself).

use clap::builder::PossibleValue;

use super::Renderer;

/// An output format that `build --format` can select.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// The PDF pamphlet.
    Pdf,
    /// The EPUB 3 book.
    Epub,
    /// The self-contained web page (HTML).
    Web,
    /// The plain-text wallet cards.
    Cards,
    /// The printable sheet of wallet cards (PDF).
    CardSheet,
    /// Text-message snippets, one per organization.
    Sms,
    /// PNG previews of every pamphlet layout.
    Preview,
}

impl Format {
    /// Every format, in the order they are built and reported.
    pub const ALL: [Format; 7] = [
        Format::Pdf,
        Format::Epub,
        Format::Web,
        Format::Cards,
        Format::CardSheet,
        Format::Sms,
        Format::Preview,
    ];

    /// The format's definition.
    pub fn renderer(self) -> &'static dyn Renderer {
        match self {
            Format::Pdf => &super::pdf::PdfRenderer,
            Format::Epub => &super::epub::EpubRenderer,
            Format::Web => &super::web::WebRenderer,
            Format::Cards => &super::cards::CardsRenderer,
            Format::CardSheet => &super::card_sheet::CardSheetRenderer,
            Format::Preview => &super::preview::PreviewRenderer,
            Format::Sms => &super::sms::SmsRenderer,
        }
    }

    /// The formats `build` makes when none are named.
    pub fn defaults() -> Vec<Format> {
        Self::ALL
            .into_iter()
            .filter(|f| f.renderer().built_by_default())
            .collect()
    }

    /// The format's name, as `--format` and the manifest spell it.
    pub fn name(self) -> &'static str {
        self.renderer().name()
    }

    /// The format with this name.
    pub fn named(name: &str) -> Option<Format> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Whether a template file (a `/`-separated path inside the template folder) is one
    /// this format reads: one it declares, or one that no format declares (a designer's
    /// own file that any template may import).
    pub fn reads_template(self, path: &str) -> bool {
        // The fonts are built into the program; a template folder's copy is never read.
        if path.starts_with("fonts/") {
            return false;
        }
        let declared = |format: Format| {
            format
                .renderer()
                .template_files()
                .iter()
                .any(|pattern| matches_pattern(pattern, path))
        };
        declared(self) || !Self::ALL.into_iter().any(declared)
    }
}

/// A template path pattern: `dir/` is every file under `dir`, `dir/*.ext` every file under
/// `dir` whose name ends in `.ext`, anything else exactly that file.
fn matches_pattern(pattern: &str, path: &str) -> bool {
    match pattern.split_once('*') {
        Some((prefix, suffix)) => {
            path.len() >= prefix.len() + suffix.len()
                && path.starts_with(prefix)
                && path.ends_with(suffix)
        }
        None if pattern.ends_with('/') => path.starts_with(pattern),
        None => path == pattern,
    }
}

impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()).help(self.renderer().summary()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_its_own_name() {
        for format in Format::ALL {
            assert_eq!(Format::named(format.name()), Some(format));
        }
    }

    #[test]
    fn patterns_match_folders_extensions_and_files() {
        assert!(matches_pattern("cards/", "cards/sheet.typ"));
        assert!(matches_pattern("cards/*.j2", "cards/card.txt.j2"));
        assert!(!matches_pattern("cards/*.j2", "cards/sheet.typ"));
        assert!(matches_pattern("pamphlet.typ", "pamphlet.typ"));
        assert!(!matches_pattern("pamphlet.typ", "pamphlet/common.typ"));
    }

    #[test]
    fn a_card_template_is_read_by_the_card_formats_only() {
        let readers: Vec<Format> = Format::ALL
            .into_iter()
            .filter(|f| f.reads_template("cards/card.txt.j2"))
            .collect();
        assert_eq!(readers, [Format::Cards, Format::CardSheet]);
    }

    #[test]
    fn a_file_no_format_declares_is_read_by_every_format() {
        assert!(Format::ALL.iter().all(|f| f.reads_template("logo.png")));
    }
}
