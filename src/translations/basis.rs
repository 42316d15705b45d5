//! What a translated text was translated from: the guide's text, written as comments
//! above its key by `guidepress translate`, in the guide's language tag:
//!
//! ```toml
//! # en: Help finding missing children and reporting child sexual exploitation.
//! summary = "Ayuda para encontrar a niños desaparecidos …"
//! ```
//!
//! A list item is `# en 2: …`, and every line of a text of several lines has its own
//! `# en:`. A text is out of date when its comment is not the guide's text any more.
//! `translate` then keeps the old text as `# was:` lines under an `OUT OF DATE` line and
//! writes the new one as `# en:`; the text stays out of date until the translator, having
//! updated the translation, deletes the `was` lines. A translated text without `# en:`
//! lines has no known basis and is never reported.

use super::written::GuideText;

/// The first words of the comment line that marks a text out of date.
pub const OUT_OF_DATE: &str = "OUT OF DATE:";

/// The comment lines (without `# `) that record `text` as the basis, in language `lang`
/// (or `was`).
pub fn marker_lines(tag: &str, text: &GuideText) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, item) in text.items.iter().enumerate() {
        let label = if text.list {
            format!("{tag} {}", i + 1)
        } else {
            tag.to_owned()
        };
        for line in item.split('\n') {
            let line = line.trim_end();
            if line.is_empty() {
                lines.push(format!("{label}:"));
            } else {
                lines.push(format!("{label}: {line}"));
            }
        }
    }
    lines
}

/// What the comments above a translated key say.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Basis {
    /// The `# en:` lines, in order.
    pub source: Vec<String>,
    /// The `# was:` lines, in order.
    pub was: Vec<String>,
    /// Every other comment line: the translator's own notes.
    pub notes: Vec<String>,
}

impl Basis {
    /// Sorts the comment lines above a key into markers of `lang` and notes.
    pub fn read(comments: &[String], lang: &str) -> Self {
        let mut basis = Self::default();
        for line in comments {
            if is_marker(line, lang) {
                basis.source.push(line.trim_end().to_owned());
            } else if is_marker(line, "was") {
                basis.was.push(line.trim_end().to_owned());
            } else if !line.starts_with(OUT_OF_DATE) {
                basis.notes.push(line.clone());
            }
        }
        basis
    }

    /// Whether the text was translated from another text than `current`.
    pub fn is_stale(&self, lang: &str, current: &GuideText) -> bool {
        !self.was.is_empty()
            || (!self.source.is_empty() && self.source != marker_lines(lang, current))
    }
}

/// Whether a comment line is `tag: …` or `tag N: …`.
fn is_marker(line: &str, tag: &str) -> bool {
    let Some(rest) = line.strip_prefix(tag) else {
        return false;
    };
    if rest.starts_with(':') {
        return true;
    }
    let Some(rest) = rest.strip_prefix(' ') else {
        return false;
    };
    let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    after.len() < rest.len() && after.starts_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(items: &[&str], list: bool) -> GuideText {
        GuideText {
            key: "k".into(),
            items: items.iter().map(|s| (*s).to_owned()).collect(),
            list,
            rich: false,
        }
    }

    #[test]
    fn markers_number_list_items_and_mark_every_line() {
        assert_eq!(
            marker_lines("en", &text(&["One\n\nTwo"], false)),
            ["en: One", "en:", "en: Two"]
        );
        assert_eq!(
            marker_lines("en-US", &text(&["a", "b"], true)),
            ["en-US 1: a", "en-US 2: b"]
        );
    }

    #[test]
    fn a_changed_text_or_a_was_line_is_stale() {
        let now = text(&["New"], false);
        let fresh = Basis::read(&["en: New".into(), "checked with Ana".into()], "en");
        assert!(!fresh.is_stale("en", &now));
        assert_eq!(fresh.notes, ["checked with Ana"]);
        assert!(Basis::read(&["en: Old".into()], "en").is_stale("en", &now));
        let marked = Basis::read(&["was: Old".into(), "en: New".into()], "en");
        assert!(marked.is_stale("en", &now));
        assert!(!Basis::read(&[], "en").is_stale("en", &now));
        assert!(!Basis::read(&["english: New".into()], "en").is_stale("en", &now));
    }
}
