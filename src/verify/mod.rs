//! `guidepress verify`: reads the built files back and checks them against the guide
//! and `output/manifest.json`.
//!
//! Two questions are answered. Is the folder what the last build made, from the guide
//! and templates as they are now: every file the manifest lists is there with its
//! SHA-256, nothing else is there, and each file's inputs hash matches the current
//! source, templates, settings and guidepress version. And does every output show every
//! contact it should, character for character: each format reads its files back (the
//! PDF's extracted text, the EPUB's XHTML text, the text cards) and they are searched
//! for each contact value it should show (see [`shown`]), and every `tel:`/`sms:` link
//! of a format that has links must dial its number, and the guide's `web_url` be linked
//! (see [`links`]).
//!
//! The settings compared are the guide's own (`[print]`, `[cards]`); files built with
//! command-line overrides such as `--layout` count as out of date.

mod absence;
mod files;
mod links;
mod matching;
mod shown;
mod tags;

use std::path::Path;

use crate::config::{BuildConfig, Settings};
use crate::diag::Diagnostic;
use crate::model::confidential::{Secrets, public_view};
use crate::pipeline::load_guide;
use crate::translations::card_back::back_guide;

/// Every check, in order; the summary line when all pass.
pub fn verify(
    source: &Path,
    templates: Option<&Path>,
    out: &Path,
) -> Result<String, Vec<Diagnostic>> {
    let loaded = load_guide(source).map_err(|e| e.diagnostics())?;
    let translations = crate::translations::load(source, &loaded).map_err(|e| e.diagnostics())?;
    let back = crate::translations::card_back::back_translation(
        &loaded,
        &translations,
        &Settings::default(),
    )
    .map_err(|e| e.diagnostics())?;
    let manifest = files::read_manifest(out).map_err(|d| vec![d])?;
    let config = BuildConfig::resolve(
        source.to_owned(),
        templates.map(Path::to_owned),
        out.to_owned(),
        &Settings::default(),
        &loaded.checked.settings,
    );
    // The top of an output folder is the public guide: it must show every public contact,
    // and no confidential one.
    let guide = public_view(&loaded.checked.guide);
    let card_back = back_guide(back, &guide, None, None);
    let translated: Vec<(String, crate::model::Guide)> = translations
        .list
        .iter()
        .map(|t| {
            let guide = public_view(&t.guide(&loaded.checked.guide, None));
            (t.language().to_owned(), guide)
        })
        .collect();
    let variants = variant_guides(&loaded, &translations, back);
    let secret_texts: Vec<(String, String)> = translations
        .list
        .iter()
        .flat_map(|t| {
            crate::output::plan::confidential_texts(&loaded.checked.guide, &t.translation)
        })
        .collect();
    let secrets = Secrets::of(&loaded.checked.guide).with_texts(&secret_texts);
    let mut problems = Vec::new();
    let present = files::check_entries(out, &manifest, &mut problems);
    files::check_extra(out, &manifest, &mut problems);
    files::check_inputs(
        out,
        &manifest,
        &loaded,
        &config,
        &variants,
        card_back.as_ref(),
        &mut problems,
    );
    let whole = (None, None);
    let contacts = shown::check_contacts(out, whole, &guide, &manifest, &present, &mut problems);
    links::check_links(out, whole, &guide, &present, &mut problems);
    tags::check_tags(out, &present, &mut problems);
    // Each edition's and each translation's files against the guide it was made from.
    for made_from in &variants {
        let variant = (made_from.edition, made_from.language);
        let guide = &made_from.guide;
        shown::check_contacts(out, variant, guide, &manifest, &present, &mut problems);
        links::check_links(out, variant, guide, &present, &mut problems);
    }
    let staff: Vec<&str> = loaded
        .checked
        .editions
        .iter()
        .filter(|edition| edition.confidential)
        .map(|edition| edition.id.as_str())
        .collect();
    absence::check_absence(out, &secrets, &staff, &present, &mut problems);
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .map(|p| redacted(&secrets, p))
            .collect());
    }
    Ok(format!(
        "{}: ok ({} as built and up to date{}; {} shown as written where it belongs",
        out.display(),
        // The manifest is a file of the folder too, as in `build`'s count.
        plural(manifest.artifacts.len() + 1, "file"),
        match translated.len() {
            0 => String::new(),
            _ => format!(
                ", in {} and {}",
                loaded.checked.guide.language,
                translated
                    .iter()
                    .map(|(l, _)| l.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        match contacts {
            1 => "the guide's one contact".to_owned(),
            n => format!("each of the guide's {n} contacts"),
        },
    ) + &match secrets.len() {
        0 => String::new(),
        n => format!("; {} in no file", plural(n, "confidential contact")),
    } + ")")
}

/// A problem whose message and hints print no confidential value, whatever check wrote
/// it (a link that dials a confidential number names the number, say).
/// A variant of the build beside the full guide, as the guide makes it now: an edition,
/// a translation, or an edition's translation, with the guide and the settings its
/// files are made from.
pub(super) struct VariantGuide<'a> {
    /// The edition's id; `None` for the full guide.
    pub edition: Option<&'a str>,
    /// The translation's language; `None` for the guide's own.
    pub language: Option<&'a str>,
    /// Its guide: the edition's selection, in its language.
    pub guide: crate::model::Guide,
    /// Its settings, as the source writes them.
    pub settings: Settings,
    /// The guide its card sheet's backs are printed from, for a bilingual sheet.
    pub card_back: Option<crate::model::Guide>,
}

/// Every edition and translation the guide makes now, each with its guide.
fn variant_guides<'a>(
    loaded: &'a crate::pipeline::Loaded,
    translations: &'a crate::translations::Translations,
    back: Option<&crate::translations::LoadedTranslation>,
) -> Vec<VariantGuide<'a>> {
    let full = &loaded.checked.guide;
    let public = public_view(full);
    let mut variants: Vec<VariantGuide<'a>> = translations
        .list
        .iter()
        .map(|t| VariantGuide {
            edition: None,
            language: Some(t.language()),
            guide: public_view(&t.guide(full, None)),
            settings: loaded.checked.settings.clone(),
            card_back: back_guide(back, &public, None, Some(t.language())),
        })
        .collect();
    for edition in &loaded.checked.editions {
        let (selected, _) = crate::editions::select(full, edition);
        let settings = edition.settings.or(&loaded.checked.settings);
        for t in translations.for_edition(edition) {
            variants.push(VariantGuide {
                edition: Some(&edition.id),
                language: Some(t.language()),
                guide: t.guide(&selected, Some(edition)),
                settings: settings.clone(),
                card_back: back_guide(back, &selected, Some(edition), Some(t.language())),
            });
        }
        variants.push(VariantGuide {
            edition: Some(&edition.id),
            language: None,
            card_back: back_guide(back, &selected, Some(edition), None),
            guide: selected,
            settings,
        });
    }
    variants
}

fn redacted(secrets: &Secrets, mut problem: Diagnostic) -> Diagnostic {
    problem.message = secrets.redact(&problem.message);
    for hint in &mut problem.hints {
        *hint = secrets.redact(hint);
    }
    problem
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
