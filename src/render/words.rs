//! The built-in words: `labels/<lang>.toml` in the template folder, one catalog per
//! language of the words guidepress adds around a guide's own text ("Phone", "Verified
//! March 2026", "Page 1 of 2", "Contents"), chosen by the guide's language, checked when
//! read and handed to every template as `words`.
//!
//! A missing, unknown or mistyped key is an error at its place in the file, and a text
//! that must name a value (`{date}` in `contact.verified`) is checked to name it, so a
//! translation cannot silently drop one. Dates are not in the catalogs: month names and
//! their order come from CLDR (see [`dates`]).

mod choice;
pub mod dates;
pub mod spoken;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, SourceText};
use crate::render::RenderContext;
use crate::sandbox::Root;

/// The catalogs' folder, relative to the template folder (every format reads it).
pub const FILE: &str = "labels/";

/// The language whose catalog every other falls back to.
pub const DEFAULT_LANGUAGE: &str = "en";

/// Every built-in word, as a catalog `labels/<lang>.toml` gives them, with what guidepress
/// works out for the guide (its dates and contact languages, shown in these words).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// BCP 47 language of the words.
    pub lang: String,
    /// Their direction, `ltr` or `rtl`.
    pub dir: Direction,
    /// Between the items of a list.
    pub list_separator: String,
    /// The name of each kind of contact.
    pub kinds: Kinds,
    /// Words around an organization's contacts.
    pub contact: ContactWords,
    /// How dates are shown when CLDR has no data for the language (optional).
    #[serde(default, skip_serializing)]
    pub dates: Option<Dates>,
    /// The printed pamphlet's own words.
    pub pamphlet: PamphletWords,
    /// The EPUB's own words.
    pub book: BookWords,
    /// The wallet cards' own words.
    pub cards: CardWords,
    /// The web page's own words.
    pub web: WebWords,
    /// The latest version of the guide (`web_url`), wherever it is shown.
    pub latest: LatestWords,
    /// The marking of a staff-only (confidential) edition.
    pub confidential: ConfidentialWords,
    /// The names of languages in this catalog's language, by BCP 47 tag ("es" = "Spanish").
    pub languages: BTreeMap<String, String>,
    /// What guidepress shows for this guide in these words: not in a catalog.
    #[serde(skip_deserializing)]
    pub shown: Shown,
}

/// The guide's dates and contact languages, in the catalog's words.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Shown {
    /// Each date of the guide (`YYYY-MM-DD`) as a month and year ("March 2026").
    pub dates: BTreeMap<String, String>,
    /// The languages each contact answers in, by `org.contact`.
    pub languages: BTreeMap<String, spoken::Spoken>,
}

/// A catalog as read, the warnings of its choice and of the guide's contact languages.
pub struct Chosen {
    /// The words.
    pub words: Words,
    /// Problems worth fixing that do not stop a build (no catalog for the language).
    pub warnings: Vec<Diagnostic>,
}

/// The direction of the words' script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

/// The name of each contact kind, keyed as `contact.kind` spells it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Kinds {
    /// A telephone number.
    pub phone: String,
    /// A number for text messages.
    pub sms: String,
    /// A web address.
    pub web: String,
    /// An e-mail address.
    pub email: String,
    /// A postal or street address.
    pub address: String,
}

/// Words around an organization's contacts.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ContactWords {
    /// The heading over the contacts.
    pub heading: String,
    /// Before the places a contact can be reached from.
    pub regions: String,
    /// When the contact was checked, with `{date}`.
    pub verified: String,
    /// A web contact's QR code, with `{address}`.
    pub qr_code: String,
    /// Before the languages a contact answers in.
    pub languages: String,
}

/// How dates are shown in a language that CLDR has no month names for (Haitian Creole):
/// a catalog's optional `[dates]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// The CLDR locale whose formats to use instead of the catalog's `lang` (`fil` for `tl`).
    pub cldr: Option<String>,
    /// A month and year, with `{month}` and `{year}`.
    pub month_year: Option<String>,
    /// The names of the months, January first.
    pub months: Option<[String; 12]>,
}

/// The printed pamphlet's own words.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PamphletWords {
    /// A handout page's footer, with `{page}` and `{pages}`.
    pub page: String,
    /// The tri-fold's inside flap.
    pub at_a_glance: String,
    /// The tri-fold's back panel: the organizations.
    pub in_this_guide: String,
    /// The tri-fold's back panel: about the guide.
    pub about_this_guide: String,
    /// Who published the guide, with `{publisher}`.
    pub published_by: String,
    /// The guide's edition, with `{edition}`.
    pub edition: String,
}

/// The EPUB's own words.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BookWords {
    /// The cover page.
    pub cover: String,
    /// The title page's landmark.
    pub title_page: String,
    /// The table of contents.
    pub contents: String,
    /// The landmarks' heading.
    pub landmarks: String,
    /// The landmark where the guide itself begins.
    pub start: String,
    /// The heading of the guide's closing text.
    pub closing: String,
    /// The package's `schema:accessibilitySummary`.
    pub accessibility_summary: String,
    /// What the summary adds when the book has a cover image.
    pub accessibility_summary_cover: String,
}

/// The wallet cards' own words.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CardWords {
    /// The card sheet's document title, with `{title}`.
    pub sheet_title: String,
    /// The cut line between the text cards.
    pub cut_here: String,
}

/// The web page's own words.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WebWords {
    /// The skip link to the guide's organizations.
    pub skip: String,
    /// The label of the find-as-you-type box.
    pub find: String,
    /// How many organizations the box leaves, with `{shown}` and `{total}`.
    pub found: String,
}

/// The words around the address of the latest version (`[guide] web_url`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LatestWords {
    /// Before the address: "Latest version:".
    pub label: String,
    /// The text alternative of its QR code, with `{address}`.
    pub qr_code: String,
}

/// The marking of a staff-only (confidential) edition, on every page and in its metadata.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConfidentialWords {
    /// "Staff only — do not distribute".
    pub notice: String,
}

impl Words {
    /// The catalog for the guide's language (English, with a warning, when there is none),
    /// with the guide's dates and contact languages in its words.
    pub fn choose(cx: &RenderContext<'_>) -> Result<Chosen, Vec<Diagnostic>> {
        let (templates, guide) = (cx.templates, cx.guide);
        let mut warnings = Vec::new();
        let available = choice::catalogs(templates);
        let name = if let Some(name) = choice::best(&available, &guide.language) {
            name
        } else {
            let mut warning = choice::fallback_warning(templates, &guide.language, &available);
            warning.file = Some(Arc::clone(cx.source));
            warning.span = span_of_value(cx.source, "guide.language");
            warnings.push(warning);
            DEFAULT_LANGUAGE.to_owned()
        };
        let mut words = Self::read(templates, &name)?;
        words.shown.dates = dates::shown(guide, &words);
        let (languages, unnamed) = spoken::shown(templates, guide, &words, &available);
        words.shown.languages = languages;
        warnings.extend(unnamed);
        Ok(Chosen { words, warnings })
    }

    /// The catalog for the guide's language, without its warnings.
    pub fn load(cx: &RenderContext<'_>) -> Result<Self, Vec<Diagnostic>> {
        Self::choose(cx).map(|chosen| chosen.words)
    }

    /// Reads and checks `labels/<name>.toml` in the template folder.
    pub fn read(templates: &Root, name: &str) -> Result<Self, Vec<Diagnostic>> {
        let relative = format!("{FILE}{name}.toml");
        let shown = templates.shown().join(&relative).display().to_string();
        let text = templates.read_to_string(&relative).map_err(|e| {
            let mut problem = Diagnostic::bare(format!(
                "cannot read the words catalog `{shown}` ({})",
                crate::source::io_reason(&e)
            ))
            .with_hint(
                "the words guidepress adds (\"Phone\", \"Contents\", …) come from this file; \
                 `guidepress init NEW` writes a complete one into NEW/templates/labels/",
            );
            if templates.read("words.toml").is_ok() {
                problem = problem.with_hint(
                    "the words of `words.toml` are now in `labels/en.toml` (one file per language); \
                     move the file there, and delete its `[dates]`: month names come from CLDR",
                );
            }
            if templates.read("epub/labels.j2").is_ok() {
                problem = problem
                    .with_hint("the words of `epub/labels.j2` are now in `labels/en.toml`; move any translation there");
            }
            vec![problem]
        })?;
        let file = Arc::new(SourceText {
            name: shown,
            text,
            cells: None,
        });
        Self::parse(&file)
    }

    /// Parses and checks a catalog's text.
    pub fn parse(file: &Arc<SourceText>) -> Result<Self, Vec<Diagnostic>> {
        let words = toml::de::Deserializer::parse(&file.text)
            .map_err(|e| vec![toml_problem(file, &e, "")])
            .and_then(|document| {
                serde_path_to_error::deserialize::<_, Self>(document)
                    .map_err(|e| vec![toml_problem(file, e.inner(), &e.path().to_string())])
            })?;
        let problems = words.check_placeholders(file);
        if problems.is_empty() {
            Ok(words)
        } else {
            Err(problems)
        }
    }

    /// The texts that name values, with the values each must name.
    fn patterns(&self) -> Vec<(&'static str, &str, &'static [&'static str])> {
        let mut patterns: Vec<(&'static str, &str, &'static [&'static str])> = vec![
            ("contact.verified", &self.contact.verified, &["date"]),
            ("contact.qr_code", &self.contact.qr_code, &["address"]),
            ("pamphlet.page", &self.pamphlet.page, &["page", "pages"]),
            (
                "pamphlet.published_by",
                &self.pamphlet.published_by,
                &["publisher"],
            ),
            ("pamphlet.edition", &self.pamphlet.edition, &["edition"]),
            ("cards.sheet_title", &self.cards.sheet_title, &["title"]),
            ("cards.cut_here", &self.cards.cut_here, &[]),
            ("web.found", &self.web.found, &["shown", "total"]),
            ("latest.qr_code", &self.latest.qr_code, &["address"]),
            ("contact.languages", &self.contact.languages, &[]),
        ];
        if let Some(pattern) = self.dates.as_ref().and_then(|d| d.month_year.as_deref()) {
            patterns.push(("dates.month_year", pattern, &["month", "year"]));
        }
        patterns
    }

    fn check_placeholders(&self, file: &Arc<SourceText>) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (key, text, names) in self.patterns() {
            let found = placeholders(text);
            let at = span_of_value(file, key);
            let problem = |message: String| {
                let hint = if names.is_empty() {
                    format!("`{key}` names no value")
                } else {
                    let names: Vec<String> = names.iter().map(|n| format!("`{{{n}}}`")).collect();
                    format!("`{key}` names {}", names.join(" and "))
                };
                located(file, at.clone(), message).with_hint(hint)
            };
            for name in names.iter().filter(|n| !found.contains(n)) {
                problems.push(problem(format!(
                    "the word `{key}` lacks `{{{name}}}`, which guidepress fills in"
                )));
            }
            for name in found.iter().filter(|n| !names.contains(n)) {
                problems.push(problem(format!(
                    "the word `{key}` names `{{{name}}}`, which guidepress does not fill in here"
                )));
            }
        }
        problems
    }
}

/// `pattern` with each `{name}` of `values` replaced by its value, in one pass (a value
/// that itself holds `{name}` stays as it is).
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        if let Some((value, close)) = value {
            out.push_str(value);
            rest = &after[close + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The names of the `{name}` placeholders in `text` (a name is letters and `_`).
fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                names.push(name);
                rest = &rest[close + 1..];
            }
        }
    }
    names
}

/// Where the value of `key` (`table.name`) is in the file, when it can be found.
pub(crate) fn span_of_value(file: &SourceText, key: &str) -> Option<std::ops::Range<usize>> {
    let document = toml::de::DeTable::parse(&file.text).ok()?;
    let mut item = document.get_ref();
    let mut span = None;
    for part in key.split('.') {
        let value = item.get(part)?;
        span = Some(value.span());
        match value.get_ref() {
            toml::de::DeValue::Table(table) => item = table,
            _ => break,
        }
    }
    span
}

fn located(
    file: &Arc<SourceText>,
    span: Option<std::ops::Range<usize>>,
    message: String,
) -> Diagnostic {
    Diagnostic {
        file: Some(Arc::clone(file)),
        span,
        ..Diagnostic::bare(message)
    }
}

/// A TOML or shape problem of the catalog, at its place, naming the key.
fn toml_problem(file: &Arc<SourceText>, error: &toml::de::Error, path: &str) -> Diagnostic {
    let message = error.message().trim_end_matches('\n');
    let key = |name: &str| {
        if path.is_empty() || path == "." {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    let message = if let Some(name) = quoted_after(message, "missing field `") {
        format!("the words catalog has no `{}`", key(name))
    } else if quoted_after(message, "unknown field `").is_some() {
        // The path already ends with the unknown key.
        format!("the words catalog has an unknown key `{path}`")
    } else if path.is_empty() || path == "." {
        format!("the words catalog is not valid TOML: {message}")
    } else {
        format!("the word `{path}` is wrong: {message}")
    };
    located(file, error.span(), message).with_hint(format!(
        "every word is needed, as in the built-in `{FILE}{DEFAULT_LANGUAGE}.toml` (`guidepress init NEW` writes a copy)"
    ))
}

fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?;
    rest.split('`').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in() -> Arc<SourceText> {
        Arc::new(SourceText {
            name: "labels/en.toml".into(),
            text: Root::built_in().read_to_string("labels/en.toml").unwrap(),
            cells: None,
        })
    }

    fn edited(from: &str, to: &str) -> Vec<Diagnostic> {
        let text = built_in().text.replacen(from, to, 1);
        assert_ne!(text, built_in().text, "`{from}` is in the catalog");
        let file = Arc::new(SourceText {
            name: "labels/en.toml".into(),
            cells: None,
            text,
        });
        Words::parse(&file).expect_err("the edit is refused")
    }

    #[test]
    fn the_built_in_catalog_is_complete() {
        let words = Words::parse(&built_in()).unwrap();
        assert_eq!(words.kinds.sms, "Text message");
        assert_eq!(words.languages["es"], "Spanish");
    }

    #[test]
    fn a_missing_word_is_named_with_its_table() {
        let problems = edited("sms = \"Text message\"\n", "");
        assert_eq!(problems[0].message, "the words catalog has no `kinds.sms`");
        assert!(problems[0].span.is_some());
    }

    #[test]
    fn an_unknown_word_is_named() {
        let problems = edited("sms = ", "smss = ");
        assert_eq!(
            problems[0].message,
            "the words catalog has an unknown key `kinds.smss`"
        );
    }

    #[test]
    fn a_pattern_must_keep_its_values() {
        let problems = edited("verified = \"Verified {date}\"", "verified = \"Verified\"");
        assert_eq!(
            problems[0].message,
            "the word `contact.verified` lacks `{date}`, which guidepress fills in"
        );
        let problems = edited(
            "verified = \"Verified {date}\"",
            "verified = \"Verified {day}\"",
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn fill_replaces_in_one_pass() {
        assert_eq!(
            fill("Page {page} of {pages}", &[("page", "1"), ("pages", "2")]),
            "Page 1 of 2"
        );
        assert_eq!(
            fill("{title}: cards", &[("title", "{title} {x")]),
            "{title} {x: cards"
        );
        assert_eq!(fill("a {b", &[]), "a {b");
    }
}
