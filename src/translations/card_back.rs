//! The language of the card sheet's backs (`cards.back_language`,
//! `--cards-back-language`): each card's back is the same card in that translation, so a
//! family that reads either language keeps one card.
//!
//! The guide's sheet prints its backs from the translation; each translation's own sheet
//! (`output/<lang>/`) prints its backs in the guide's language.

use std::path::Path;

use crate::config::Settings;
use crate::diag::Diagnostic;
use crate::diag::error::{Error, Result};
use crate::diag::suggest::did_you_mean;
use crate::model::Guide;
use crate::model::edition::Edition;
use crate::pipeline::Loaded;

use super::{LoadedTranslation, Translations};

/// The translation the card backs are printed from: `None` when no back language is set.
/// A language that is the guide's own, or that no translation beside the guide has, is an
/// error (at `cards.back_language` when the guide sets it).
pub fn back_translation<'a>(
    loaded: &Loaded,
    translations: &'a Translations,
    command_line: &Settings,
) -> Result<Option<&'a LoadedTranslation>> {
    let on_command_line = command_line.cards_back_language.is_some();
    let Some(Some(language)) = command_line
        .cards_back_language
        .clone()
        .or_else(|| loaded.checked.settings.cards_back_language.clone())
    else {
        return Ok(None);
    };
    if let Some(found) = translations
        .list
        .iter()
        .find(|t| t.language().eq_ignore_ascii_case(&language))
    {
        return Ok(Some(found));
    }
    let guide = &loaded.checked.guide;
    let named = if on_command_line {
        format!("--cards-back-language {language}")
    } else {
        format!("cards.back_language = \"{language}\"")
    };
    let languages = translations.languages();
    let problem = if language.eq_ignore_ascii_case(&guide.language) {
        Diagnostic::bare(format!(
            "the card backs cannot be in `{language}`: it is the language of the guide itself, so each back would repeat its front"
        ))
        .with_hint(format!(
            "name the language of a translation beside the guide ({}), or leave out {named} for the one back every card shares (--cards-duplex)",
            if languages.is_empty() { "there is none yet".to_owned() } else { languages.join(", ") }
        ))
    } else {
        let path = translation_path(&loaded.source.name, &language);
        let mut problem = Diagnostic::bare(format!(
            "the card backs are to be in `{language}`, and there is no translation {path} beside {}",
            loaded.source.name
        ));
        if let Some(best) = did_you_mean(&language, languages.iter().copied()) {
            problem = problem.with_hint(format!("did you mean `{best}`?"));
        }
        problem.with_hint(if languages.is_empty() {
            format!("run `guidepress translate {language}` to start one")
        } else {
            format!(
                "the translations are: {}; `guidepress translate {language}` starts a new one",
                languages.join(", ")
            )
        })
    };
    let problem = match crate::render::words::span_of_value(&loaded.source, "cards.back_language") {
        Some(span) if !on_command_line => Diagnostic {
            file: Some(std::sync::Arc::clone(&loaded.source)),
            span: Some(span),
            ..problem
        },
        _ => problem,
    };
    Err(Error::Invalid(vec![problem]))
}

/// The file a translation into `language` of the guide shown as `guide` would be.
fn translation_path(guide: &str, language: &str) -> String {
    let path = Path::new(guide);
    let stem = path
        .file_stem()
        .map_or("guide".into(), |s| s.to_string_lossy().into_owned());
    path.with_file_name(format!("{stem}.{language}.toml"))
        .display()
        .to_string()
}

/// The guide each card of a sheet prints on its back, for the sheet of `selected` (the
/// full guide's public view, or an edition's selection, in the guide's language): in the
/// back language for the guide's own sheet; in the guide's language for the sheet of a
/// translation (`language`). `None` without a back language.
pub fn back_guide(
    back: Option<&LoadedTranslation>,
    selected: &Guide,
    edition: Option<&Edition>,
    language: Option<&str>,
) -> Option<Guide> {
    let back = back?;
    Some(match language {
        None => back.guide(selected, edition),
        Some(_) => selected.clone(),
    })
}
