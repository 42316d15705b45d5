//! A translation file against its guide: its language, every id it names, and every text,
//! checked by the rules of the guide's own texts.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Checker;
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diagnostic, SourceText};
use crate::model::Guide;
use crate::model::edition::Edition;
use crate::model::translation::{Translated, Translation};
use crate::source::raw::Text;
use crate::source::translation::{Named, SourceTranslation, Value, Written};

/// Checks a translation read from `file`, whose name gives it the language `named`
/// (`guide.es.toml` → `es`), against the checked `guide` and its editions.
///
/// Returns the translation when there is no error (a blank text is no error: it is left
/// untranslated), and every diagnostic in file order.
pub fn validate_translation(
    file: &Arc<SourceText>,
    raw: &SourceTranslation,
    named: &str,
    guide: &Guide,
    editions: &[Edition],
    today: time::Date,
) -> (Option<Translation>, Vec<Diagnostic>) {
    let mut checker = Checker {
        file,
        diagnostics: raw.problems.clone(),
        today,
        region: None,
    };
    let language = checker.translation_language(raw, named, guide);
    let known = Known::of(guide, editions);
    let mut unknown_tables: Vec<String> = Vec::new();
    for table in &raw.tables {
        if let Some(prefix) = checker.named_table(table, &known) {
            unknown_tables.push(prefix);
        }
    }
    let mut texts = BTreeMap::new();
    for written in &raw.texts {
        let in_unknown = unknown_tables
            .iter()
            .any(|prefix| written.key.starts_with(&format!("{prefix}.")));
        if in_unknown {
            continue;
        }
        if let Some(translated) = checker.text(written, &known) {
            texts.insert(written.key.clone(), translated);
        }
    }
    let mut diagnostics = checker.diagnostics;
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(0, |span| span.start));
    let diagnostics = crate::diag::limit(diagnostics, file);
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    let translation = language.filter(|_| ok).map(|language| Translation {
        direction: super::values::direction_of(&language),
        language,
        texts,
    });
    (translation, diagnostics)
}

/// The guide's texts a translation may translate, by key, with how many items a list has.
struct Known {
    /// Key → (its kind, the number of items of a list).
    texts: BTreeMap<String, (Kind, usize)>,
    sections: Vec<String>,
    organizations: Vec<String>,
    contacts: BTreeMap<String, Vec<String>>,
    cards: Vec<String>,
    editions: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Line,
    /// A text that may have several lines (a card's note).
    Text,
    Summary,
    Rich,
    Lines,
    Riches,
}

impl Known {
    fn of(guide: &Guide, editions: &[Edition]) -> Self {
        let mut texts = BTreeMap::new();
        let mut add = |key: String, kind: Kind, present: bool, items: usize| {
            if present {
                texts.insert(key, (kind, items));
            }
        };
        add("guide.title".into(), Kind::Line, true, 0);
        for (name, present) in [
            ("subtitle", guide.subtitle.is_some()),
            ("publisher", guide.publisher.is_some()),
            ("edition", guide.edition.is_some()),
            ("emergency", guide.emergency.is_some()),
        ] {
            add(format!("guide.{name}"), Kind::Line, present, 0);
        }
        add("guide.intro".into(), Kind::Rich, guide.intro.is_some(), 0);
        add(
            "guide.closing".into(),
            Kind::Rich,
            guide.closing.is_some(),
            0,
        );
        for section in &guide.sections {
            add(format!("section.{}.title", section.id), Kind::Line, true, 0);
            let intro = section.intro.is_some();
            add(
                format!("section.{}.intro", section.id),
                Kind::Rich,
                intro,
                0,
            );
        }
        let mut contacts = BTreeMap::new();
        for org in &guide.organizations {
            let key = |name: &str| format!("organization.{}.{name}", org.id);
            add(key("name"), Kind::Line, true, 0);
            add(key("short_name"), Kind::Line, org.short_name.is_some(), 0);
            add(key("summary"), Kind::Summary, true, 0);
            add(key("about"), Kind::Rich, true, 0);
            let intro = org.services_intro.is_some();
            add(key("services_intro"), Kind::Line, intro, 0);
            let services = org.services.len();
            add(key("services"), Kind::Riches, services > 0, services);
            add(key("closing"), Kind::Rich, org.closing.is_some(), 0);
            for contact in &org.contacts {
                let key =
                    |name: &str| format!("organization.{}.contact.{}.{name}", org.id, contact.id);
                add(key("label"), Kind::Line, true, 0);
                add(key("hours"), Kind::Line, contact.hours.is_some(), 0);
                let regions = contact.regions.len();
                add(key("regions"), Kind::Lines, regions > 0, regions);
            }
            contacts.insert(
                org.id.clone(),
                org.contacts.iter().map(|c| c.id.clone()).collect(),
            );
        }
        for card in &guide.cards {
            add(format!("card.{}.title", card.id), Kind::Line, true, 0);
            add(
                format!("card.{}.note", card.id),
                Kind::Text,
                card.note.is_some(),
                0,
            );
        }
        for edition in editions {
            let title = edition.title.is_some();
            add(
                format!("edition.{}.title", edition.id),
                Kind::Line,
                title,
                0,
            );
            let subtitle = edition.subtitle.is_some();
            add(
                format!("edition.{}.subtitle", edition.id),
                Kind::Line,
                subtitle,
                0,
            );
        }
        Self {
            texts,
            sections: guide.sections.iter().map(|s| s.id.clone()).collect(),
            organizations: guide.organizations.iter().map(|o| o.id.clone()).collect(),
            contacts,
            cards: guide.cards.iter().map(|c| c.id.clone()).collect(),
            editions: editions.iter().map(|e| e.id.clone()).collect(),
        }
    }
}

impl Checker<'_> {
    /// `[guide] language`: present, a valid tag, the one of the file name, not the guide's.
    fn translation_language(
        &mut self,
        raw: &SourceTranslation,
        named: &str,
        guide: &Guide,
    ) -> Option<String> {
        let Some(text) = raw.language.as_ref() else {
            if let Some(span) = raw.guide.clone() {
                self.error(span, "the translation's [guide] has no `language`")
                    .hints
                    .push(format!(
                        "add `language = \"{named}\"`, the language of its file name"
                    ));
            }
            return None;
        };
        let errors = self.diagnostics.len();
        let language = self.language(Some(text));
        if self.diagnostics.len() > errors || language.is_empty() {
            return None;
        }
        let from_name = oxilangtag::LanguageTag::parse_and_normalize(named)
            .map_or_else(|_| named.to_owned(), oxilangtag::LanguageTag::into_inner);
        if !language.eq_ignore_ascii_case(&from_name) {
            let stem = self
                .file
                .name
                .rsplit_once(&format!(".{named}."))
                .map_or("guide", |(s, _)| s);
            self.error(
                text.span(),
                format!("the language `{language}` is not the one of the file name (`{named}`)"),
            )
            .hints
            .push(format!(
                "write language = \"{named}\", or name the file {stem}.{language}.toml"
            ));
            return None;
        }
        if language.eq_ignore_ascii_case(&guide.language) {
            self.error(
                text.span(),
                format!(
                    "the guide itself is in `{language}`; a translation is into another language"
                ),
            );
            return None;
        }
        Some(language)
    }

    /// Checks that a table's id is the guide's; returns its key prefix when it is not.
    fn named_table(&mut self, table: &Named, known: &Known) -> Option<String> {
        let id = table.id.get_ref().as_str();
        let (ids, what): (Vec<&str>, String) = match (table.kind, &table.parent) {
            ("contact", Some(org)) => {
                if !known.organizations.iter().any(|o| o == org) {
                    // The organization itself is reported.
                    return Some(format!("organization.{org}"));
                }
                let ids = known
                    .contacts
                    .get(org)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                (
                    ids.iter().map(String::as_str).collect(),
                    format!("contact of organization `{org}`"),
                )
            }
            ("section", _) => (
                known.sections.iter().map(String::as_str).collect(),
                "section".into(),
            ),
            ("organization", _) => (
                known.organizations.iter().map(String::as_str).collect(),
                "organization".into(),
            ),
            ("card", _) => (
                known.cards.iter().map(String::as_str).collect(),
                "card".into(),
            ),
            _ => (
                known.editions.iter().map(String::as_str).collect(),
                "edition".into(),
            ),
        };
        if ids.contains(&id) {
            return None;
        }
        let diagnostic = self.error(
            table.id.span(),
            format!("the guide has no {what} with the id `{id}`"),
        );
        match did_you_mean(id, ids.iter().copied()) {
            Some(best) => diagnostic.hints.push(format!("did you mean `{best}`?")),
            None if ids.is_empty() => diagnostic
                .hints
                .push(format!("the guide has no {what}; remove this table")),
            None => diagnostic
                .hints
                .push(format!("the guide's ids are: {}", ids.join(", "))),
        }
        Some(match &table.parent {
            Some(org) => format!("organization.{org}.contact.{id}"),
            None => format!("{}.{id}", table.kind),
        })
    }

    /// One translated text, checked as the guide's own; `None` when it is blank (left
    /// untranslated) or wrong.
    fn text(&mut self, written: &Written, known: &Known) -> Option<Translated> {
        let Some(&(kind, items)) = known.texts.get(&written.key) else {
            let (table, name) = written.key.rsplit_once('.').unwrap_or(("", &written.key));
            self.error(
                written.span.clone(),
                format!("the guide has no `{name}` in {table}, so there is nothing to translate"),
            )
            .hints
            .push("a translation translates the texts the guide has; remove this line, or add the text to the guide first".into());
            return None;
        };
        let name = written.name;
        match (&written.value, kind) {
            (Value::One(text), _) if text.get_ref().trim().is_empty() => None,
            (Value::One(text), Kind::Line) => {
                Some(Translated::Line(self.required_line(Some(text), name)))
            }
            (Value::One(text), Kind::Text) => {
                Some(Translated::Line(self.required_text(Some(text), name)))
            }
            (Value::One(text), Kind::Summary) => Some(Translated::Line(self.summary(Some(text)))),
            (Value::One(text), Kind::Rich) => Some(Translated::Rich(self.rich(text, name))),
            (Value::Many(list), Kind::Lines | Kind::Riches) => {
                if list.get_ref().len() != items {
                    self.error(
                        list.span(),
                        format!(
                            "`{name}` has {} items here and {items} in the guide",
                            list.get_ref().len()
                        ),
                    )
                    .hints
                    .push(format!("translate each of the guide's {items} items, in its order; leave an item \"\" to keep the guide's text"));
                    return None;
                }
                let blank = |t: &Text| t.get_ref().trim().is_empty();
                if list.get_ref().iter().all(blank) {
                    return None;
                }
                Some(if kind == Kind::Lines {
                    Translated::Lines(
                        list.get_ref()
                            .iter()
                            .map(|t| (!blank(t)).then(|| self.required_line(Some(t), name)))
                            .collect(),
                    )
                } else {
                    Translated::Riches(
                        list.get_ref()
                            .iter()
                            .map(|t| (!blank(t)).then(|| self.rich(t, name)))
                            .collect(),
                    )
                })
            }
            // The reader knows which keys hold lists; the guide agrees.
            _ => None,
        }
    }
}
