//! `guidepress translate LANG`: the translation file with every translatable text of the
//! guide, each key with the guide's text as `# en:` comments above it (see [`basis`]).
//!
//! Texts already translated are kept as written (their quoting too), and the translator's
//! own comments above a key with them; a text not yet translated is `""`, which falls
//! back to the guide's text. The file is written from the guide's order each time, so a
//! second run changes nothing.

use super::basis::{Basis, OUT_OF_DATE, marker_lines};
use super::written::GuideText;
use crate::diag::SourceText;
use crate::source::translation::{SourceTranslation, Value};

/// What a translation file holds, for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Texts of the guide.
    pub texts: usize,
    /// Of those, translated.
    pub translated: usize,
    /// Of the translated, out of date.
    pub stale: usize,
}

/// The translation file into `lang` of a guide in `guide_lang` with these texts, keeping
/// what `existing` (the file as it is, read) has translated.
pub fn translation_file(
    lang: &str,
    guide_lang: &str,
    texts: &[GuideText],
    existing: Option<(&SourceText, &SourceTranslation)>,
) -> (String, Counts) {
    let mut out = String::new();
    out.push_str(&format!(
        "# The {lang} translation of the guide, kept by `guidepress translate {lang}`.\n\
         # Above each key, the lines `# {guide_lang}:` are the guide's text. Write its translation\n\
         # between the quotes (\"\"\"…\"\"\" for several lines); a text left \"\" is printed in\n\
         # the guide's language. Numbers, addresses, dates and the order come from the guide.\n\
         # A text marked OUT OF DATE was translated from the `# was:` lines: update it, then\n\
         # delete those lines.\n\n[guide]\nlanguage = \"{lang}\"\n"
    ));
    let mut counts = Counts::default();
    let mut table = "guide".to_owned();
    for text in texts {
        let (header, name) = text.key.rsplit_once('.').unwrap_or(("guide", &text.key));
        if header != table {
            out.push_str(&format!("\n[{header}]\n"));
            header.clone_into(&mut table);
        }
        let written = existing.and_then(|(file, raw)| {
            let written = raw.texts.iter().find(|w| w.key == text.key)?;
            Some((file, written))
        });
        let (value, basis) = match written {
            Some((file, written)) if !is_blank(&written.value) => {
                let span = match &written.value {
                    Value::One(one) => one.span(),
                    Value::Many(list) => list.span(),
                };
                let raw = file.text.get(span).unwrap_or("\"\"").to_owned();
                (Some(raw), Basis::read(&written.comments, guide_lang))
            }
            Some((_, written)) => (None, Basis::read(&written.comments, guide_lang)),
            None => (None, Basis::default()),
        };
        counts.texts += 1;
        let current = marker_lines(guide_lang, text);
        let mut comments = basis.notes.clone();
        if value.is_some() {
            counts.translated += 1;
            let was = if !basis.was.is_empty() {
                basis.was.clone()
            } else if !basis.source.is_empty() && basis.source != current {
                basis
                    .source
                    .iter()
                    .map(|line| format!("was{}", &line[guide_lang.len()..]))
                    .collect()
            } else {
                Vec::new()
            };
            if !was.is_empty() {
                counts.stale += 1;
                comments.push(format!(
                    "{OUT_OF_DATE} the guide's text changed after this was translated (from the `was` lines)"
                ));
                comments.extend(was);
            }
        }
        comments.extend(current);
        for line in comments {
            if line.is_empty() {
                out.push_str("#\n");
            } else {
                out.push_str(&format!("# {line}\n"));
            }
        }
        let value = value.unwrap_or_else(|| blank(text));
        out.push_str(&format!("{name} = {value}\n"));
    }
    (out, counts)
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::One(text) => text.get_ref().trim().is_empty(),
        Value::Many(list) => list.get_ref().iter().all(|t| t.get_ref().trim().is_empty()),
    }
}

/// An untranslated value: empty quotes, one pair per item of a list, three for a text of
/// several lines.
fn blank(text: &GuideText) -> String {
    if text.list {
        let items = vec!["\"\""; text.items.len()];
        return format!("[{}]", items.join(", "));
    }
    if text.items.iter().any(|item| item.contains('\n')) {
        "\"\"\"\n\"\"\"".to_owned()
    } else {
        "\"\"".to_owned()
    }
}
