//! For `diff`: what a change of the guide means for its translations, for people and as
//! JSON.

use serde::Serialize;

use super::Translations;
use super::written::guide_texts;
use crate::pipeline::Loaded;

/// What the change from one guide to another means for the translations beside it.
#[derive(Debug, Serialize)]
pub struct TranslationsDiff {
    /// The languages of the translations, in order.
    pub languages: Vec<String>,
    /// The translated texts whose guide text changed, now out of date.
    pub out_of_date: Vec<OutOfDate>,
    /// The languages whose outputs changed and must be printed again.
    pub reprint: Vec<String>,
}

/// A translated text translated from what is no longer the guide's text.
#[derive(Debug, Serialize)]
pub struct OutOfDate {
    /// The translation's language.
    pub language: String,
    /// The text's key, as the translation file spells it.
    pub key: String,
}

/// What the change from `old` to `new` (the guide beside the translations) means for
/// each translation; `None` without translations.
pub fn diff_translations(
    old: &Loaded,
    new: &Loaded,
    translations: &Translations,
) -> Option<TranslationsDiff> {
    if translations.list.is_empty() {
        return None;
    }
    let texts = |loaded: &Loaded| {
        crate::source::parse_source(&loaded.source)
            .map(|raw| guide_texts(&raw))
            .unwrap_or_default()
    };
    let (before, after) = (texts(old), texts(new));
    let changed: Vec<&str> = after
        .iter()
        .filter(|t| before.iter().find(|b| b.key == t.key) != Some(t))
        .map(|t| t.key.as_str())
        .collect();
    let mut diff = TranslationsDiff {
        languages: translations
            .languages()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        out_of_date: Vec::new(),
        reprint: Vec::new(),
    };
    for translation in &translations.list {
        for key in &changed {
            if translation.translation.texts.contains_key(*key) {
                diff.out_of_date.push(OutOfDate {
                    language: translation.language().to_owned(),
                    key: (*key).to_owned(),
                });
            }
        }
        let shown = |loaded: &Loaded| {
            let guide = crate::model::confidential::public_view(
                &translation.guide(&loaded.checked.guide, None),
            );
            serde_json::to_string(&guide).unwrap_or_default()
        };
        if shown(old) != shown(new) {
            diff.reprint.push(translation.language().to_owned());
        }
    }
    Some(diff)
}

/// For `diff`: what the change from `old` to `new` (the guide beside the translations)
/// means for each translation, in words, or nothing when it means nothing: the
/// translated texts whose guide text changed (now out of date), and the languages whose
/// outputs changed and must be printed again.
pub fn diff_report(old: &Loaded, new: &Loaded, translations: &Translations) -> String {
    let Some(diff) = diff_translations(old, new, translations) else {
        return String::new();
    };
    let mut report = String::new();
    if !diff.out_of_date.is_empty() {
        report.push_str(
            "\nTranslations out of date (the guide's text changed after it was translated)\n",
        );
        for stale in &diff.out_of_date {
            report.push_str(&format!("  {}: {}\n", stale.language, stale.key));
        }
    }
    if !diff.reprint.is_empty() {
        report.push_str(&format!(
            "\nTo reprint in the translations\n  {}: what is listed to reprint above, in output/<lang>/\n",
            diff.reprint.join(", ")
        ));
    }
    report
}
