//! `guidepress check --editions`: per edition, what it keeps and leaves out, and why.

use std::fmt::Write as _;

use crate::cli::MessageFormat;
use crate::editions::select::{CardFate, Fate};
use crate::editions::{Explanation, select};
use crate::translations::Translations;
use crate::validate::Checked;

/// One edition's explanation, with the languages it is built in.
#[derive(serde::Serialize)]
struct Explained {
    #[serde(flatten)]
    explanation: Explanation,
    /// The guide's language, then each translation the edition builds.
    languages: Vec<String>,
}

/// Prints every edition's explanation and languages, for people or as one JSON document.
pub(super) fn print(checked: &Checked, translations: &Translations, format: MessageFormat) {
    let explanations: Vec<Explained> = checked
        .editions
        .iter()
        .map(|edition| Explained {
            explanation: select(&checked.guide, edition).1,
            languages: std::iter::once(checked.guide.language.clone())
                .chain(
                    translations
                        .for_edition(edition)
                        .map(|t| t.language().to_owned()),
                )
                .collect(),
        })
        .collect();
    match format {
        MessageFormat::Json => {
            let json = serde_json::json!({
                "editions": explanations,
                "languages": std::iter::once(checked.guide.language.as_str())
                    .chain(translations.languages())
                    .collect::<Vec<_>>(),
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&json).expect("explanations serialize")
            );
        }
        MessageFormat::Human => print!("{}", human(&explanations, checked, translations)),
    }
}

fn human(explanations: &[Explained], checked: &Checked, translations: &Translations) -> String {
    let languages = translations.languages();
    if explanations.is_empty() {
        let mut text = String::from("the guide has no [[edition]]\n");
        if !languages.is_empty() {
            let _ = writeln!(
                text,
                "the full guide is built in {} and in its translations {}",
                checked.guide.language,
                languages.join(", ")
            );
        }
        return text;
    }
    let mut text = String::new();
    for (i, explained) in explanations.iter().enumerate() {
        let explanation = &explained.explanation;
        if i > 0 {
            text.push('\n');
        }
        let kept = |fates: &[Fate]| fates.iter().filter(|f| f.kept()).count();
        let _ = writeln!(
            text,
            "edition `{}`: keeps {} of {} organizations, {} of {} contacts, {} of {} cards",
            explanation.edition,
            kept(&explanation.organizations),
            explanation.organizations.len(),
            kept(&explanation.contacts),
            explanation.contacts.len(),
            explanation
                .cards
                .iter()
                .filter(|c| c.dropped.is_none())
                .count(),
            explanation.cards.len(),
        );
        let _ = writeln!(text, "  languages: {}", explained.languages.join(", "));
        list(&mut text, "sections", &explanation.sections);
        list(&mut text, "organizations", &explanation.organizations);
        list(&mut text, "contacts", &explanation.contacts);
        cards(&mut text, &explanation.cards);
    }
    text
}

fn list(text: &mut String, heading: &str, fates: &[Fate]) {
    if fates.is_empty() {
        return;
    }
    let _ = writeln!(text, "  {heading}");
    for fate in fates {
        match &fate.dropped {
            None => {
                let _ = writeln!(text, "    kept     {}", fate.id);
            }
            Some(reason) => {
                let _ = writeln!(text, "    dropped  {}: {reason}", fate.id);
            }
        }
    }
}

fn cards(text: &mut String, cards: &[CardFate]) {
    if cards.is_empty() {
        return;
    }
    let _ = writeln!(text, "  cards");
    for card in cards {
        let lost = if card.lost.is_empty() {
            String::new()
        } else {
            format!(" (without {})", card.lost.join(", "))
        };
        match &card.dropped {
            None => {
                let _ = writeln!(text, "    kept     {}{lost}", card.id);
            }
            Some(reason) => {
                let _ = writeln!(text, "    dropped  {}: {reason}", card.id);
            }
        }
    }
}
