//! What the PDF pamphlet can print: every character of the guide's printed text, checked
//! against the fonts embedded in the PDF before Typst is asked to set it.
//!
//! The PDF is tagged PDF/UA-1, which forbids text that no font can show; Typst would
//! refuse such a character with a position inside the template. Checked here, each problem
//! points at the character in the guide, names it and the field it is in, and `check`
//! finds it without compiling anything. The text cards and the EPUB do not embed fonts,
//! so only the PDF is refused.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;

use crate::config::BuildConfig;
use crate::diag::{Diagnostic, SourceText};
use crate::source::raw::{SourceGuide, Text};
use crate::source::span_map::StringMap;
use crate::typst::fonts::FontSet;

/// Characters of the guide's printed text that the PDF would refuse, found field by field.
#[derive(Debug, Clone, Default)]
pub struct Unprintable {
    problems: Vec<Problem>,
    /// In the cards' own titles and notes, which only the card sheet prints.
    card_problems: Vec<Problem>,
}

#[derive(Debug, Clone)]
struct Problem {
    diagnostic: Diagnostic,
    /// Only PDF/A-2 refuses it (a private-use character a font has).
    archival_only: bool,
}

impl Unprintable {
    /// Scans every text of `raw` that the pamphlet prints.
    pub fn scan(file: &Arc<SourceText>, raw: &SourceGuide) -> Self {
        let mut scanner = Scanner {
            file,
            verdicts: HashMap::new(),
            problems: Vec::new(),
            sheet: false,
        };
        scanner.guide(raw);
        let mut problems = std::mem::take(&mut scanner.problems);
        problems.sort_by_key(|p| p.diagnostic.span.as_ref().map(|s| s.start));
        // The sheet has fonts of its own: what the pamphlet can show, it may not.
        scanner.sheet = true;
        scanner.verdicts.clear();
        scanner.cards(raw);
        Self {
            problems,
            card_problems: scanner.problems,
        }
    }

    /// What neither this nor `other` can print (a guide and its translation): both's problems.
    #[must_use]
    pub fn and(&self, other: &Self) -> Self {
        Self {
            problems: [self.problems.clone(), other.problems.clone()].concat(),
            card_problems: [self.card_problems.clone(), other.card_problems.clone()].concat(),
        }
    }

    /// The problems that refuse the card sheet: characters of a card's title or note that
    /// no font has (none with `--cards-ascii`, which transliterates them).
    pub fn for_card_sheet(&self, config: &BuildConfig) -> Vec<Diagnostic> {
        if config.settings.cards_ascii {
            return Vec::new();
        }
        let problems = self.card_problems.iter().filter(|p| !p.archival_only);
        problems.map(|p| p.diagnostic.clone()).collect()
    }

    /// The problems that refuse the PDF built with `config`, in source order.
    pub fn for_pdf(&self, config: &BuildConfig) -> Vec<Diagnostic> {
        let problems = self
            .problems
            .iter()
            .filter(|p| config.settings.pdf_a || !p.archival_only)
            .map(|p| p.diagnostic.clone())
            .collect::<Vec<_>>();
        match problems.first().and_then(|d| d.file.clone()) {
            Some(file) => crate::diag::limit(problems, &file),
            None => problems,
        }
    }
}

/// Whether and why the PDF cannot carry a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Fine,
    /// No embedded font has a glyph for it.
    NoGlyph,
    /// A font has it, but it is in the private use area, which PDF/A-2 forbids.
    PrivateUse,
    /// PDF/UA forbids it in text: U+FEFF, an invisible left-over of copied text.
    Forbidden,
}

struct Scanner<'a> {
    file: &'a Arc<SourceText>,
    verdicts: HashMap<char, Verdict>,
    problems: Vec<Problem>,
    /// Scanning for the card sheet rather than the pamphlet.
    sheet: bool,
}

impl Scanner<'_> {
    fn cards(&mut self, raw: &SourceGuide) {
        for (n, card) in raw.card.iter().enumerate() {
            let card = card.get_ref();
            let place = || place("card", card.id.as_ref(), n);
            self.line(card.title.as_ref(), || format!("{} `title`", place()));
            self.line(card.note.as_ref(), || format!("{} `note`", place()));
        }
    }

    fn guide(&mut self, raw: &SourceGuide) {
        if let Some(guide) = &raw.guide {
            let guide = guide.get_ref();
            let lines = [
                ("title", &guide.title),
                ("subtitle", &guide.subtitle),
                ("publisher", &guide.publisher),
                ("edition", &guide.edition),
                ("emergency", &guide.emergency),
            ];
            for (key, text) in lines {
                self.line(text.as_ref(), || format!("the guide's `{key}`"));
            }
            for (key, text) in [("intro", &guide.intro), ("closing", &guide.closing)] {
                self.rich(text.as_ref(), || format!("the guide's `{key}`"));
            }
        }
        for (n, section) in raw.section.iter().enumerate() {
            let section = section.get_ref();
            let place = || place("section", section.id.as_ref(), n);
            self.line(section.title.as_ref(), || format!("{} `title`", place()));
            self.rich(section.intro.as_ref(), || format!("{} `intro`", place()));
        }
        for (n, org) in raw.organization.iter().enumerate() {
            let org = org.get_ref();
            let org_place = || place("organization", org.id.as_ref(), n);
            let lines = [
                ("name", &org.name),
                ("short_name", &org.short_name),
                ("summary", &org.summary),
                ("services_intro", &org.services_intro),
            ];
            for (key, text) in lines {
                self.line(text.as_ref(), || format!("{} `{key}`", org_place()));
            }
            for (key, text) in [("about", &org.about), ("closing", &org.closing)] {
                self.rich(text.as_ref(), || format!("{} `{key}`", org_place()));
            }
            for (i, service) in org.services.iter().enumerate() {
                self.rich(Some(service), || {
                    format!("{} `services` item {}", org_place(), i + 1)
                });
            }
            for (m, contact) in org.contact.iter().enumerate() {
                let contact = contact.get_ref();
                let place = || {
                    let which = place("contact", contact.id.as_ref(), m);
                    format!("{} {which}", org_place())
                };
                let lines = [
                    ("label", &contact.label),
                    ("value", &contact.value),
                    ("hours", &contact.hours),
                ];
                for (key, text) in lines {
                    self.line(text.as_ref(), || format!("{} `{key}`", place()));
                }
                for (i, region) in contact.regions.iter().enumerate() {
                    self.line(Some(region), || {
                        format!("{} `regions` item {}", place(), i + 1)
                    });
                }
            }
        }
    }

    /// A plain text, printed as written.
    fn line(&mut self, text: Option<&Text>, name: impl Fn() -> String) {
        if let Some(text) = text {
            self.field(text, None, name);
        }
    }

    /// A rich text: only what is shown counts, not a link's address.
    fn rich(&mut self, text: Option<&Text>, name: impl Fn() -> String) {
        let Some(text) = text else { return };
        if self.bad_chars(text.get_ref()).next().is_none() {
            return;
        }
        let shown = match crate::model::richtext::parse(text.get_ref()) {
            Ok(rich) => rich.plain_text().chars().collect(),
            // Validation refuses it; nothing is printed.
            Err(_) => BTreeSet::new(),
        };
        self.field(text, Some(&shown), name);
    }

    fn field(&mut self, text: &Text, shown: Option<&BTreeSet<char>>, name: impl Fn() -> String) {
        let mut first: Option<(usize, char, Verdict)> = None;
        let mut others = BTreeSet::new();
        let found: Vec<(usize, char, Verdict)> = self.bad_chars(text.get_ref()).collect();
        for (at, c, verdict) in found {
            if shown.is_some_and(|shown| !shown.contains(&c)) {
                continue;
            }
            match first {
                None => first = Some((at, c, verdict)),
                Some((_, f, fv)) if f != c && fv == verdict => {
                    others.insert(c);
                }
                Some(_) => {}
            }
        }
        let Some((at, c, verdict)) = first else {
            return;
        };
        let span = self.char_span(text, at..at + c.len_utf8());
        let diagnostic = describe(self.file, span, c, verdict, &name(), &others, self.sheet);
        self.problems.push(Problem {
            diagnostic,
            archival_only: verdict == Verdict::PrivateUse,
        });
    }

    /// Every character of `value` that the PDF may refuse, with its byte offset.
    fn bad_chars<'v>(
        &mut self,
        value: &'v str,
    ) -> impl Iterator<Item = (usize, char, Verdict)> + use<'_, 'v> {
        value.char_indices().filter_map(|(at, c)| {
            // Printable ASCII is in the text face; most texts never reach the font book.
            if (' '..='~').contains(&c) {
                return None;
            }
            let sheet = self.sheet;
            let verdict = *self.verdicts.entry(c).or_insert_with(|| verdict(c, sheet));
            (verdict != Verdict::Fine).then_some((at, c, verdict))
        })
    }

    fn char_span(&self, text: &Text, range: Range<usize>) -> Range<usize> {
        let span = text.span();
        let raw = self.file.text.get(span.clone()).unwrap_or("");
        StringMap::new(raw, span.start).to_source(range)
    }
}

/// How a field's table is named: "organization `ncmec`", or by position without an id.
fn place(table: &str, id: Option<&Text>, index: usize) -> String {
    match id.map(|id| id.get_ref().trim()).filter(|id| !id.is_empty()) {
        Some(id) => format!("{table} `{id}`"),
        None => format!("{table} {}", index + 1),
    }
}

fn verdict(c: char, sheet: bool) -> Verdict {
    // Typst sets no glyph for default-ignorable characters (joiners, variation selectors),
    // but the one that is also a byte order mark reaches the PDF, where it is forbidden.
    // Spaces of every width are set as space, with or without a glyph.
    if c == '\u{feff}' {
        return Verdict::Forbidden;
    }
    if c.is_whitespace() || typst::text::is_default_ignorable(c) {
        return Verdict::Fine;
    }
    let covered = if sheet {
        crate::typst::families::card_sheet_covers(c)
    } else {
        let book = FontSet::get().book();
        (0..)
            .map_while(|i| book.info(i))
            .any(|info| info.coverage.contains(u32::from(c)))
    };
    if !covered {
        Verdict::NoGlyph
    } else if is_private_use(c) {
        Verdict::PrivateUse
    } else {
        Verdict::Fine
    }
}

fn is_private_use(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF_0000..=0xF_FFFD | 0x10_0000..=0x10_FFFD)
}

fn describe(
    file: &Arc<SourceText>,
    span: Range<usize>,
    c: char,
    verdict: Verdict,
    field: &str,
    others: &BTreeSet<char>,
    sheet: bool,
) -> Diagnostic {
    let shown = |c: char| match c {
        // An invisible character between backticks would look like nothing at all.
        '\u{feff}' => format!("U+{:04X}", u32::from(c)),
        _ => format!("U+{:04X} `{c}`", u32::from(c)),
    };
    let more = match others.len() {
        0 => None,
        n => {
            let listed: Vec<String> = others.iter().take(8).map(|&c| shown(c)).collect();
            let rest = n.saturating_sub(listed.len());
            let rest = if rest > 0 {
                format!(" and {rest} more")
            } else {
                String::new()
            };
            Some(format!(
                "{field} also has {}{rest}, the same problem",
                listed.join(", ")
            ))
        }
    };
    let diagnostic = match verdict {
        Verdict::PrivateUse => Diagnostic::error(
            file,
            span,
            format!(
                "the PDF/A-2 pamphlet cannot carry {} in {field}: it is a private-use character",
                shown(c)
            ),
        )
        .with_hint("PDF/A-2 forbids characters of the Unicode private use area, whose meaning only one font knows")
        .with_hint("write the character another way, or build without --pdf-a (or print.pdf_a)"),
        Verdict::Forbidden => Diagnostic::error(
            file,
            span,
            format!(
                "the PDF cannot carry {} in {field}: PDF/UA forbids this invisible character",
                shown(c)
            ),
        )
        .with_hint("it is a byte order mark (zero-width no-break space), usually left over from copying text; delete it"),
        _ if sheet => Diagnostic::warning(
            file,
            span,
            format!("the card sheet cannot print {} in {field}: no monospace font has it", shown(c)),
        )
        .with_hint("the card sheet is left out; the text cards and every other format are built")
        .with_hint("write it another way, or transliterate the cards with --cards-ascii"),
        _ => Diagnostic::error(
            file,
            span,
            format!("the PDF cannot show {} in {field}: no embedded font has it", shown(c)),
        )
        .with_hint(format!(
            "the PDF embeds {}, and PDF/UA forbids a character none of them has",
            font_families()
        ))
        .with_hint("write it another way or leave it out; `--format epub,cards` builds the EPUB and the text cards without the PDF"),
    };
    match more {
        Some(more) => diagnostic.with_hint(more),
        None => diagnostic,
    }
}

/// "Atkinson Hyperlegible, Noto Sans, …": every family embedded, the text face first, the
/// faces of Noto Sans CJK as one.
fn font_families() -> String {
    let book = FontSet::get().book();
    let mut families: Vec<&str> = Vec::new();
    for info in (0..).map_while(|i| book.info(i)) {
        let family = if info.family.contains("CJK") {
            "Noto Sans CJK"
        } else {
            info.family.as_str()
        };
        if !families.contains(&family) {
            families.push(family);
        }
    }
    match families.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => families.join(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_script_of_the_shipped_fonts_is_fine_and_others_are_not() {
        for c in [
            'é', 'ß', 'ễ', 'Ж', 'ї', '—', '€', '\u{200d}', '\u{fe0f}', '\n', '\u{3000}', '北',
            '한', 'か', 'ع', 'پ', 'ש', 'ह', '🙋',
        ] {
            assert_eq!(verdict(c, false), Verdict::Fine, "{c:?}");
        }
        // Ethiopic and Runic: no shipped font has them.
        for c in ['አ', 'ᚠ'] {
            assert_eq!(verdict(c, false), Verdict::NoGlyph, "{c:?}");
        }
        assert_eq!(verdict('\u{feff}', false), Verdict::Forbidden);
    }

    #[test]
    fn the_card_sheet_sets_only_what_a_monospace_face_has() {
        for c in ['é', 'ễ', 'Ж', 'ع', '北', '한', 'か', '🙋'] {
            assert_eq!(verdict(c, true), Verdict::Fine, "{c:?}");
        }
        // No monospace face has Hebrew or Devanagari.
        for c in ['ש', 'ह'] {
            assert_eq!(verdict(c, true), Verdict::NoGlyph, "{c:?}");
        }
    }
}
