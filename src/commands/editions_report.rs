//! `guidepress check --editions`: per edition, what it keeps and leaves out, and why.

use std::fmt::Write as _;

use crate::cli::MessageFormat;
use crate::editions::select::{CardFate, Fate};
use crate::editions::{Explanation, select};
use crate::validate::Checked;

/// Prints every edition's explanation, for people or as one JSON document.
pub(super) fn print(checked: &Checked, format: MessageFormat) {
    let explanations: Vec<Explanation> = checked
        .editions
        .iter()
        .map(|edition| select(&checked.guide, edition).1)
        .collect();
    match format {
        MessageFormat::Json => {
            let json = serde_json::json!({ "editions": explanations });
            println!(
                "{}",
                serde_json::to_string_pretty(&json).expect("explanations serialize")
            );
        }
        MessageFormat::Human => print!("{}", human(&explanations)),
    }
}

fn human(explanations: &[Explanation]) -> String {
    if explanations.is_empty() {
        return "the guide has no [[edition]]\n".into();
    }
    let mut text = String::new();
    for (i, explanation) in explanations.iter().enumerate() {
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
