//! Checks on single values: texts, ids, dates, the language tag and rich text.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::value::Datetime;

use super::{Checker, MAX_SUMMARY_CHARS};
use crate::model::Date;
use crate::model::richtext::{self, RichText};
use crate::source::raw::Text;
use crate::source::span_map::StringMap;

/// Longest id accepted, in characters; ids name output files.
pub(super) const MAX_ID_CHARS: usize = 64;

impl Checker<'_> {
    /// A text that must be present and not blank; may span several lines.
    pub(super) fn required_text(&mut self, text: Option<&Text>, key: &str) -> String {
        let Some(text) = text else {
            return String::new();
        };
        let value = self.checked_text(text, key);
        if value.is_empty() {
            let hint = format!("write the text of `{key}` between the quotes");
            self.hint(text.span(), format!("`{key}` cannot be empty"), hint);
        }
        value
    }

    /// A text that must be present, not blank, and on one line.
    pub(super) fn required_line(&mut self, text: Option<&Text>, key: &str) -> String {
        let value = self.required_text(text, key);
        self.one_line(text, &value, key);
        value
    }

    /// A text that may be absent; blank counts as absent.
    pub(super) fn optional_text(&mut self, text: Option<&Text>, key: &str) -> Option<String> {
        text.map(|t| self.checked_text(t, key))
            .filter(|v| !v.is_empty())
    }

    /// A one-line text that may be absent; blank counts as absent.
    pub(super) fn optional_line(&mut self, text: Option<&Text>, key: &str) -> Option<String> {
        let value = self.optional_text(text, key);
        if let Some(value) = &value {
            self.one_line(text, value, key);
        }
        value
    }

    fn one_line(&mut self, text: Option<&Text>, value: &str, key: &str) {
        if let Some(text) = text.filter(|_| value.contains('\n')) {
            self.hint(
                text.span(),
                format!("`{key}` must be on one line"),
                "join its lines into one",
            );
        }
    }

    /// The text without surrounding blanks, line breaks as `\n`; control characters reported.
    fn checked_text(&mut self, text: &Text, key: &str) -> String {
        let raw = text.get_ref();
        // Noncharacters (U+FFFE, U+FFFF, …) are refused too: XML may not contain them, so an
        // EPUB holding one would not open.
        let mut controls = raw.char_indices().filter(|&(i, c)| {
            let noncharacter =
                (c as u32 & 0xFFFE) == 0xFFFE || ('\u{FDD0}'..='\u{FDEF}').contains(&c);
            (c.is_control() || noncharacter)
                && c != '\t'
                && c != '\n'
                && !(c == '\r' && raw[i + 1..].starts_with('\n'))
        });
        if let Some((index, ch)) = controls.next() {
            let more = controls.count();
            let span = self.inner_span(text, index..index + ch.len_utf8());
            let others = match more {
                0 => String::new(),
                1 => " (and 1 more)".into(),
                n => format!(" (and {n} more)"),
            };
            self.hint(
                span,
                format!(
                    "`{key}` contains {} U+{:04X}{others}",
                    if ch.is_control() {
                        "the control character"
                    } else {
                        "the unusable character"
                    },
                    ch as u32
                ),
                "remove it; only tabs and line breaks are allowed in text",
            );
        }
        raw.trim().replace("\r\n", "\n")
    }

    /// Rich text that must be present and not blank.
    pub(super) fn rich(&mut self, text: &Text, key: &str) -> RichText {
        if self.required_text(Some(text), key).is_empty() {
            return RichText::default();
        }
        self.parse_rich(text, key)
    }

    /// Rich text that may be absent; blank counts as absent.
    pub(super) fn optional_rich(&mut self, text: Option<&Text>, key: &str) -> Option<RichText> {
        let text = text?;
        self.optional_text(Some(text), key)?;
        Some(self.parse_rich(text, key))
    }

    fn parse_rich(&mut self, text: &Text, key: &str) -> RichText {
        // Parsed as decoded, line endings included, so that positions map back exactly.
        match richtext::parse(text.get_ref()) {
            Ok(rich) => rich,
            Err(problems) => {
                let map = self.string_map(text);
                for problem in problems {
                    let span = map.to_source(problem.range);
                    let diagnostic = self.error(span, format!("in `{key}`: {}", problem.message));
                    diagnostic.hints.extend(problem.hint);
                }
                RichText::default()
            }
        }
    }

    /// An id or tag: present, well-formed and not too long.
    pub(super) fn slug(&mut self, text: Option<&Text>, key: &str, what: &str) -> String {
        let slug = self.required_line(text, key);
        let Some(text) = text.filter(|_| !slug.is_empty()) else {
            return slug;
        };
        let noun = if key == "id" {
            format!("id for {}", with_article(what))
        } else {
            what.to_owned()
        };
        if !is_slug(&slug) {
            self.hint(
                text.span(),
                format!("`{slug}` is not a valid {noun}"),
                format!(
                    "use lower-case letters, digits and hyphens, starting with a letter or digit, e.g. `{}`",
                    slugify(&slug)
                ),
            );
        } else if slug.chars().count() > MAX_ID_CHARS {
            self.hint(
                text.span(),
                format!(
                    "this {noun} has {} characters, more than {MAX_ID_CHARS}",
                    slug.chars().count()
                ),
                "use a shorter id; it becomes part of file names",
            );
        }
        slug
    }

    /// An id that must also differ from the ids seen before (their positions in `seen`).
    pub(super) fn unique_slug(
        &mut self,
        text: Option<&Text>,
        what: &str,
        seen: &mut HashMap<String, usize>,
    ) -> String {
        let slug = self.slug(text, "id", what);
        let Some(text) = text.filter(|_| !slug.is_empty()) else {
            return slug;
        };
        if let Some(&first) = seen.get(&slug) {
            let place = crate::diag::place_of(self.file, first);
            self.error(
                text.span(),
                format!("the id `{slug}` is used by more than one {what}"),
            )
            .hints
            .push(format!(
                "the first one is {place}; give each one its own id"
            ));
        } else {
            seen.insert(slug.clone(), text.span().start);
        }
        slug
    }

    /// `summary`: present, one line, at most [`MAX_SUMMARY_CHARS`] characters.
    pub(super) fn summary(&mut self, text: Option<&Text>) -> String {
        let summary = self.required_line(text, "summary");
        let count = summary.chars().count();
        if let Some(text) = text.filter(|_| count > MAX_SUMMARY_CHARS) {
            let raw = text.get_ref();
            let lead = raw.len() - raw.trim_start().len();
            let cut = summary
                .char_indices()
                .nth(MAX_SUMMARY_CHARS)
                .map_or(0, |(i, _)| i);
            let span = self.inner_span(text, lead + cut..lead + summary.len());
            self.hint(
                span,
                format!(
                    "the summary has {count} characters, {} more than {MAX_SUMMARY_CHARS}",
                    count - MAX_SUMMARY_CHARS
                ),
                "keep the summary to one short line; longer text belongs in `about`",
            );
        }
        summary
    }

    /// `language`: a well-formed BCP 47 tag, normalized.
    pub(super) fn language(&mut self, text: Option<&Text>) -> String {
        self.language_tag(text, "language")
    }

    /// A well-formed BCP 47 tag under `key`, normalized.
    pub(super) fn language_tag(&mut self, text: Option<&Text>, key: &str) -> String {
        const HINT: &str = "use a BCP 47 tag such as en, en-US, es or fr-CA";
        let tag = self.required_line(text, key);
        let Some(text) = text.filter(|_| !tag.is_empty()) else {
            return tag;
        };
        match oxilangtag::LanguageTag::parse_and_normalize(&tag) {
            // The grammar allows 4 to 8 letters for a language, but none are registered.
            Ok(parsed)
                if parsed.primary_language().len() > 3 && parsed.primary_language() != "i" =>
            {
                self.hint(
                    text.span(),
                    format!("`{tag}` is not a language tag (a language code has 2 or 3 letters)"),
                    HINT,
                );
                tag
            }
            Ok(parsed) => parsed.into_inner(),
            Err(error) => {
                let reason = error.to_string().to_lowercase();
                let hint = if tag.contains('_') {
                    format!("write it with a hyphen: {}", tag.replace('_', "-"))
                } else {
                    HINT.to_owned()
                };
                self.hint(
                    text.span(),
                    format!("`{tag}` is not a valid language tag ({reason})"),
                    hint,
                );
                tag
            }
        }
    }

    /// A date without a time of day.
    pub(super) fn date(&mut self, value: &Spanned<Datetime>, key: &str) -> Option<Date> {
        let datetime = value.get_ref();
        let date = match (datetime.date, datetime.time, datetime.offset) {
            (Some(date), None, None) => date,
            (Some(date), _, _) => {
                let hint = format!("remove the time: {key} = {date}");
                self.hint(
                    value.span(),
                    format!("`{key}` must be a date without a time of day"),
                    hint,
                );
                return None;
            }
            (None, _, _) => {
                let hint = format!("write a date like {key} = 2026-01-15");
                self.hint(
                    value.span(),
                    format!("`{key}` must be a date, not a time of day"),
                    hint,
                );
                return None;
            }
        };
        let month = time::Month::try_from(date.month).ok();
        if let Some(date) =
            month.and_then(|m| time::Date::from_calendar_date(date.year.into(), m, date.day).ok())
        {
            Some(Date(date))
        } else {
            self.hint(
                value.span(),
                format!("{datetime} is not a real date"),
                "check the month and day",
            );
            None
        }
    }

    /// A `verified` date; one after today is a warning, not an error.
    pub(super) fn verified(&mut self, value: &Spanned<Datetime>) -> Option<Date> {
        let date = self.date(value, "verified")?;
        if date.0 > self.today {
            self.warning(
                value.span(),
                format!("the `verified` date {date} is in the future"),
            )
            .hints
            .push("write the last day someone confirmed that this contact works".into());
        }
        Some(date)
    }

    /// The file position of a byte range inside a string value.
    pub(super) fn inner_span(&self, text: &Text, range: Range<usize>) -> Range<usize> {
        self.string_map(text).to_source(range)
    }

    /// The map from positions inside a string value to the file, built once per value.
    fn string_map(&self, text: &Text) -> StringMap {
        let span = text.span();
        let raw = self.file.text.get(span.clone()).unwrap_or("");
        StringMap::new(raw, span.start)
    }
}

/// "an organization", "a card"; "the guide" stays as it is.
fn with_article(what: &str) -> String {
    if what.starts_with("the ") {
        return what.to_owned();
    }
    let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {what}")
}

/// Whether `text` is a slug: `[a-z0-9][a-z0-9-]*`.
pub fn is_slug(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug
        .trim_end_matches('-')
        .chars()
        .take(MAX_ID_CHARS)
        .collect();
    if slug.is_empty() {
        "my-id".into()
    } else {
        slug.trim_end_matches('-').to_owned()
    }
}

/// Writing direction of a normalized language tag: `rtl` or `ltr`.
///
/// From CLDR (ICU4X's likely subtags and script directions): the script of the tag, or
/// the language's most likely script when the tag has none, so `ar`, `fa`, `he`, `ur`
/// and `az-Arab` are right to left, and `ku-Latn` left to right. A tag ICU cannot read is
/// left to right. The extended likely subtags, since the common ones lack languages
/// such as Yiddish, Sindhi and Dhivehi.
pub(super) fn direction_of(language: &str) -> &'static str {
    static DIRECTIONALITY: icu_locale::LocaleDirectionality =
        icu_locale::LocaleDirectionality::new_extended();
    let rtl = language
        .parse::<icu_locale::LanguageIdentifier>()
        .is_ok_and(|id| DIRECTIONALITY.is_right_to_left(&id));
    if rtl { "rtl" } else { "ltr" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_words_with_hyphens() {
        assert!(is_slug("icac-resources"));
        assert!(is_slug("911"));
        assert!(!is_slug("-lead"));
        assert!(!is_slug("Upper"));
        assert!(!is_slug(""));
    }

    #[test]
    fn slugify_suggests_a_valid_id() {
        assert_eq!(slugify("My Guide!"), "my-guide");
        assert_eq!(slugify("«»"), "my-id");
        assert!(is_slug(&slugify(&"a b".repeat(50))));
    }

    #[test]
    fn script_subtag_decides_direction() {
        assert_eq!(direction_of("ar"), "rtl");
        assert_eq!(direction_of("en-US"), "ltr");
        assert_eq!(direction_of("az-Arab"), "rtl");
        assert_eq!(direction_of("ku-Latn"), "ltr");
        for rtl in [
            "fa", "he", "ur", "ar-US", "ps", "yi", "sd", "dv", "ckb", "ug",
        ] {
            assert_eq!(direction_of(rtl), "rtl", "{rtl}");
        }
        for ltr in ["es", "zh-Hans", "uz-Cyrl", "x-unknown-tag"] {
            assert_eq!(direction_of(ltr), "ltr", "{ltr}");
        }
    }
}
