//! Translations: `<stem>.<lang>.toml` files beside the guide, each read, checked against
//! the guide, and turned into the guide in that language (see `source-format.md`,
//! "Translations").
//!
//! A text a translation leaves out is the guide's (one warning per language names them
//! all); a text translated from what is no longer the guide's text is out of date (a
//! warning per text, see [`basis`]).

pub mod basis;
pub mod card_back;
mod diff_report;

pub mod write;
pub mod written;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::error::{Error, Result};
use crate::diag::{Diagnostic, Severity, SourceText};
use crate::model::Guide;
use crate::model::edition::Edition;
use crate::model::translation::{Translation, translate, untranslated};
use crate::pipeline::Loaded;
use crate::source::translation::{SourceTranslation, parse_translation, translation_files};
use crate::validate::printable::Unprintable;
use basis::Basis;
pub use diff_report::{TranslationsDiff, diff_report, diff_translations};
use written::{GuideText, guide_texts};

/// One translation, read and checked.
#[derive(Debug, Clone)]
pub struct LoadedTranslation {
    /// Its file.
    pub path: PathBuf,
    /// Its text, where its problems point.
    pub file: Arc<SourceText>,
    /// The checked translation.
    pub translation: Translation,
    /// Characters of its texts the PDF cannot print.
    pub unprintable: Unprintable,
    /// The keys it leaves out, in the guide's order.
    pub untranslated: Vec<String>,
    /// The keys translated from an older text of the guide's.
    pub stale: Vec<String>,
}

/// Every translation of a guide.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    /// In the order of their languages.
    pub list: Vec<LoadedTranslation>,
    /// Their warnings: what each leaves out, what is out of date, and their own.
    pub warnings: Vec<Diagnostic>,
}

impl Translations {
    /// The languages, in order.
    pub fn languages(&self) -> Vec<&str> {
        self.list
            .iter()
            .map(|t| t.translation.language.as_str())
            .collect()
    }

    /// The translations an edition builds: those its `languages` name, else all.
    pub fn for_edition<'a>(
        &'a self,
        edition: &'a Edition,
    ) -> impl Iterator<Item = &'a LoadedTranslation> {
        self.list.iter().filter(move |t| {
            edition.languages.is_empty()
                || edition
                    .languages
                    .iter()
                    .any(|l| l.eq_ignore_ascii_case(&t.translation.language))
        })
    }
}

impl LoadedTranslation {
    /// The language, a normalized BCP 47 tag.
    pub fn language(&self) -> &str {
        &self.translation.language
    }

    /// `guide` (the full guide, or an edition's selection of it) in this language.
    pub fn guide(&self, guide: &Guide, edition: Option<&Edition>) -> Guide {
        translate(guide, &self.translation, edition)
    }
}

/// Reads and checks every translation beside the guide at `source` (none for standard
/// input): all of them, or every problem of every one of them.
pub fn load(source: &Path, loaded: &Loaded) -> Result<Translations> {
    let files = translation_files(source);
    if files.is_empty() {
        return Ok(Translations::default());
    }
    let raw_guide = crate::source::parse_source(&loaded.source).map_err(Error::Invalid)?;
    let texts = guide_texts(&raw_guide);
    let guide = &loaded.checked.guide;
    let editions = &loaded.checked.editions;
    let mut problems = Vec::new();
    let mut translations = Translations::default();
    for (named, path) in files {
        match load_one(&named, &path, guide, editions, &texts) {
            Ok((one, warnings)) => {
                translations.warnings.extend(warnings);
                translations.list.push(one);
            }
            Err(mut errors) => problems.append(&mut errors),
        }
    }
    problems.extend(unknown_edition_languages(
        &loaded.source,
        editions,
        &translations,
    ));
    if problems.is_empty() {
        Ok(translations)
    } else {
        Err(Error::Invalid(problems))
    }
}

fn load_one(
    named: &str,
    path: &Path,
    guide: &Guide,
    editions: &[Edition],
    texts: &[GuideText],
) -> std::result::Result<(LoadedTranslation, Vec<Diagnostic>), Vec<Diagnostic>> {
    let file = crate::source::source_from_bytes(
        path.display().to_string(),
        crate::source::read_bytes(path).map_err(|d| vec![d])?,
    )
    .map_err(|d| vec![d])?;
    if oxilangtag::LanguageTag::parse(named).is_err() {
        return Err(vec![
            Diagnostic::bare(format!(
                "`{named}` in the file name `{}` is not a language tag",
                path.display()
            ))
            .with_hint("name a translation after the guide and a BCP 47 tag: guide.es.toml, guide.zh-Hans.toml"),
        ]);
    }
    let raw = parse_translation(&file)?;
    let (translation, mut diagnostics) = crate::validate::translation::validate_translation(
        &file,
        &raw,
        named,
        guide,
        editions,
        crate::pipeline::today(),
    );
    let Some(translation) = translation else {
        return Err(diagnostics);
    };
    let unprintable = Unprintable::scan(&file, &raw.as_guide());
    let missing = untranslated(guide, editions, &translation);
    let stale = stale_texts(&file, &raw, &translation, guide, texts);
    diagnostics.extend(stale.iter().map(|(_, d)| d.clone()));
    if let Some(warning) = untranslated_warning(&file, &translation, guide, &missing) {
        diagnostics.push(warning);
    }
    let one = LoadedTranslation {
        path: path.to_owned(),
        file,
        translation,
        unprintable,
        untranslated: missing,
        stale: stale.into_iter().map(|(key, _)| key).collect(),
    };
    Ok((one, diagnostics))
}

/// The translated texts whose `# en:` basis is not the guide's text any more, each with
/// its warning at its key.
fn stale_texts(
    file: &Arc<SourceText>,
    raw: &SourceTranslation,
    translation: &Translation,
    guide: &Guide,
    texts: &[GuideText],
) -> Vec<(String, Diagnostic)> {
    let lang = &guide.language;
    let mut stale = Vec::new();
    for written in raw
        .texts
        .iter()
        .filter(|w| translation.texts.contains_key(&w.key))
    {
        let Some(current) = texts.iter().find(|t| t.key == written.key) else {
            continue;
        };
        if !Basis::read(&written.comments, lang).is_stale(lang, current) {
            continue;
        }
        let warning = Diagnostic::warning(
            file,
            written.span.clone(),
            format!(
                "`{}` is out of date in the {} translation: the guide's text changed after it was translated",
                written.key, translation.language
            ),
        )
        .with_hint(format!(
            "run `guidepress translate {}` to see the guide's new text beside it; once the translation says the same, delete its `# was:` lines",
            translation.language
        ));
        stale.push((written.key.clone(), warning));
    }
    stale
}

/// One warning that names every text the translation leaves out.
fn untranslated_warning(
    file: &Arc<SourceText>,
    translation: &Translation,
    guide: &Guide,
    missing: &[String],
) -> Option<Diagnostic> {
    let count = match missing.len() {
        0 => return None,
        1 => "1 text".to_owned(),
        n => format!("{n} texts"),
    };
    let mut warning = Diagnostic {
        severity: Severity::Warning,
        file: Some(Arc::clone(file)),
        ..Diagnostic::bare(format!(
            "{count} not translated into {}, printed in the guide's language ({}) instead",
            translation.language, guide.language
        ))
    };
    warning
        .hints
        .extend(missing.iter().map(|key| format!("untranslated: {key}")));
    warning.hints.push(format!(
        "run `guidepress translate {}` to add each one to the file with the guide's text beside it",
        translation.language
    ));
    Some(warning)
}

/// An edition's `languages` that no translation file has.
fn unknown_edition_languages(
    source: &Arc<SourceText>,
    editions: &[Edition],
    translations: &Translations,
) -> Vec<Diagnostic> {
    let languages = translations.languages();
    let mut problems = Vec::new();
    for edition in editions {
        for language in &edition.languages {
            if languages.iter().any(|l| l.eq_ignore_ascii_case(language)) {
                continue;
            }
            let stem = Path::new(&source.name)
                .file_stem()
                .map_or("guide".into(), |s| s.to_string_lossy().into_owned());
            let mut problem = Diagnostic::error(
                source,
                edition.span.clone(),
                format!(
                    "the edition `{}` names the language `{language}`, and there is no translation {stem}.{language}.toml",
                    edition.id
                ),
            );
            problem.hints.push(if languages.is_empty() {
                format!("run `guidepress translate {language}` to start one, or remove it from `languages`")
            } else {
                format!("the translations are: {}", languages.join(", "))
            });
            problems.push(problem);
        }
    }
    problems
}
