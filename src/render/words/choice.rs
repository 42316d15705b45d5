//! Which catalog of `labels/` serves a language: BCP 47 matching through CLDR's likely
//! subtags, so that `es-MX` takes `es`, `zh-TW` and `zh-HK` take `zh-Hant`, `zh` and
//! `zh-SG` take `zh-Hans`, and `pt-BR` takes `pt`.

use icu_locale::{LanguageIdentifier, LocaleExpander};

use crate::diag::Diagnostic;
use crate::sandbox::Root;

use super::{DEFAULT_LANGUAGE, FILE};

/// The languages the template folder has a catalog for: the file names of
/// `labels/*.toml`, without `.toml`.
pub(super) fn catalogs(templates: &Root) -> Vec<String> {
    templates
        .files()
        .into_iter()
        .filter_map(|path| {
            let name = path.strip_prefix(FILE)?.strip_suffix(".toml")?;
            (!name.contains('/')).then(|| name.to_owned())
        })
        .collect()
}

/// The catalog of `available` that serves `tag` best, if any does.
pub(super) fn best(available: &[String], tag: &str) -> Option<String> {
    candidates(tag).into_iter().find_map(|candidate| {
        available
            .iter()
            .find(|name| name.eq_ignore_ascii_case(&candidate))
            .cloned()
    })
}

/// The tags that can serve `tag`, most specific first: the tag as written, then its
/// language with the likely script and region (`zh-TW` is `zh-Hant-TW`), with the
/// script alone, with the region alone, and the language alone.
pub(super) fn candidates(tag: &str) -> Vec<String> {
    let mut out = vec![tag.to_owned()];
    let Ok(mut id) = tag.parse::<LanguageIdentifier>() else {
        if let Some(language) = tag.split('-').next() {
            out.push(language.to_owned());
        }
        return out;
    };
    LocaleExpander::new_extended().maximize(&mut id);
    let language = id.language.as_str().to_owned();
    let script = id.script.map(|s| s.as_str().to_owned());
    let region = id.region.map(|r| r.as_str().to_owned());
    let mut push = |parts: &[Option<&str>]| {
        let candidate: Vec<&str> = parts.iter().flatten().copied().collect();
        let candidate = candidate.join("-");
        if !out.contains(&candidate) {
            out.push(candidate);
        }
    };
    let (l, s, r) = (
        Some(language.as_str()),
        script.as_deref(),
        region.as_deref(),
    );
    push(&[l, s, r]);
    push(&[l, s]);
    push(&[l, r]);
    push(&[l]);
    out
}

/// The one warning of a guide whose language has no catalog.
pub(super) fn fallback_warning(templates: &Root, tag: &str, available: &[String]) -> Diagnostic {
    let mut names = available.to_vec();
    names.sort();
    Diagnostic {
        severity: crate::diag::Severity::Warning,
        ..Diagnostic::bare(format!(
            "no words catalog for the guide's language `{tag}`: guidepress adds its words \
             (\"Phone\", \"Contents\", …) in English"
        ))
    }
    .with_hint(format!(
        "to have them in `{tag}`, copy `{}` to `{}` and translate it",
        templates
            .shown()
            .join(format!("{FILE}{DEFAULT_LANGUAGE}.toml"))
            .display(),
        templates
            .shown()
            .join(format!("{FILE}{tag}.toml"))
            .display(),
    ))
    .with_hint(format!("catalogs: {}", names.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Vec<String> {
        catalogs(&Root::built_in())
    }

    #[test]
    fn regional_and_script_variants_take_their_catalog() {
        let available = shipped();
        for (tag, catalog) in [
            ("en", "en"),
            ("en-US", "en"),
            ("es-MX", "es"),
            ("es-419", "es"),
            ("zh", "zh-Hans"),
            ("zh-CN", "zh-Hans"),
            ("zh-SG", "zh-Hans"),
            ("zh-Hans", "zh-Hans"),
            ("zh-TW", "zh-Hant"),
            ("zh-HK", "zh-Hant"),
            ("zh-Hant", "zh-Hant"),
            ("pt-BR", "pt"),
            ("fr-CA", "fr"),
            ("ar-EG", "ar"),
        ] {
            assert_eq!(best(&available, tag).as_deref(), Some(catalog), "{tag}");
        }
        assert_eq!(best(&available, "de"), None);
    }
}
