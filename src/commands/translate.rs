//! `guidepress translate LANG`: writes or updates the translation file into one language
//! (see [`crate::translations::write`]).

use std::sync::Arc;

use crate::cli::TranslateArgs;
use crate::diag::Diagnostic;
use crate::diag::error::{Error, Result};
use crate::pipeline::load_guide;
use crate::source::translation::parse_translation;
use crate::translations::write::translation_file;
use crate::translations::written::guide_texts;

/// Runs `guidepress translate`.
pub(super) fn translate(args: &TranslateArgs) -> Result<()> {
    let loaded = load_guide(&args.source)?;
    let guide = &loaded.checked.guide;
    let language = match oxilangtag::LanguageTag::parse_and_normalize(&args.language) {
        Ok(tag) => tag.into_inner(),
        Err(error) => {
            return Err(Error::one(
                Diagnostic::bare(format!(
                    "`{}` is not a language tag ({})",
                    args.language,
                    error.to_string().to_lowercase()
                ))
                .with_hint("name the language with a BCP 47 tag, e.g. es, vi, zh-Hans, ar"),
            ));
        }
    };
    if language.eq_ignore_ascii_case(&guide.language) {
        return Err(Error::one(Diagnostic::bare(format!(
            "the guide itself is in `{}`; name the language to translate it into",
            guide.language
        ))));
    }
    if args.source.as_os_str() == "-" {
        return Err(Error::one(Diagnostic::bare(
            "a translation is written beside the guide's file; give it with --source",
        )));
    }
    let stem = args
        .source
        .file_stem()
        .map_or("guide".into(), |s| s.to_string_lossy().into_owned());
    let path = args
        .source
        .with_file_name(format!("{stem}.{language}.toml"));
    // An existing translation is checked first: its texts are kept, so they must be right.
    let existing = if path.exists() {
        let translations = crate::translations::load(&args.source, &loaded)?;
        let _ = translations;
        let file = crate::source::source_from_bytes(
            path.display().to_string(),
            crate::source::read_bytes(&path).map_err(Error::one)?,
        )
        .map_err(Error::one)?;
        let raw = parse_translation(&file).map_err(Error::Invalid)?;
        Some((file, raw))
    } else {
        None
    };
    let raw_guide = crate::source::parse_source(&loaded.source).map_err(Error::Invalid)?;
    let texts = guide_texts(&raw_guide);
    let (text, counts) = translation_file(
        &language,
        &guide.language,
        &texts,
        existing
            .as_ref()
            .map(|(file, raw)| (Arc::as_ref(file), raw)),
    );
    let unchanged = existing.as_ref().is_some_and(|(file, _)| file.text == text);
    if !unchanged {
        std::fs::write(&path, &text).map_err(|e| Error::io("write", &path, &e))?;
    }
    let stale = match counts.stale {
        0 => String::new(),
        n => format!(", {n} out of date"),
    };
    eprintln!(
        "{}: {} ({} of {} texts translated{stale}; the others are printed in {})",
        path.display(),
        if unchanged {
            "unchanged"
        } else if existing.is_some() {
            "updated"
        } else {
            "written"
        },
        counts.translated,
        counts.texts,
        guide.language,
    );
    Ok(())
}
