//! Validation: the source model → a checked [`Guide`], or every problem found.
//!
//! Nothing stops at the first problem: each rule adds diagnostics and validation goes on,
//! so an editor fixes the whole file in one pass. Diagnostics come out in source order.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;

use crate::config::Settings;
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diagnostic, SourceText};
use crate::model::{Card, CardContact, Contact, ContactKind, Guide, Organization, Section};
use crate::source::raw::{self, SourceGuide, Text};

pub mod budget;
mod confidential;
pub mod contact;
mod editions;
pub mod printable;
mod references;
mod settings;
pub mod translation;
mod values;
mod web_url;

pub use values::is_slug;

/// Longest summary accepted, in characters.
pub const MAX_SUMMARY_CHARS: usize = 200;
/// Accepted `cards.width` values.
pub const CARD_WIDTHS: std::ops::RangeInclusive<i64> = 20..=80;
/// Accepted `cards.height` values.
pub const CARD_HEIGHTS: std::ops::RangeInclusive<i64> = 4..=40;
/// Accepted `review_every_days` values.
pub const REVIEW_DAYS: std::ops::RangeInclusive<i64> = 1..=36_500;
/// Review interval when the guide gives none.
pub const DEFAULT_REVIEW_DAYS: u32 = 365;

/// A guide that passed validation, with the settings it carries.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The guide.
    pub guide: Guide,
    /// `[print]` and `[cards]` as written.
    pub settings: Settings,
    /// The `[[edition]]`s, checked against the guide.
    pub editions: Vec<crate::model::edition::Edition>,
}

/// Validates a parsed source; `today` only decides whether a date is in the future.
///
/// Returns the guide when there is no error (warnings allowed), and every diagnostic,
/// the parser's shape problems included, sorted by where they are in the file.
pub fn validate(
    file: &Arc<SourceText>,
    mut raw: SourceGuide,
    today: time::Date,
) -> (Option<Checked>, Vec<Diagnostic>) {
    let diagnostics = std::mem::take(&mut raw.problems);
    let mut checker = Checker {
        file,
        diagnostics,
        today,
        region: None,
    };
    let checked = checker.guide(raw);
    let mut diagnostics = checker.diagnostics;
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(usize::MAX, |span| span.start));
    let diagnostics = crate::diag::limit(diagnostics, file);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    (checked.filter(|_| !has_errors), diagnostics)
}

struct Checker<'a> {
    file: &'a Arc<SourceText>,
    diagnostics: Vec<Diagnostic>,
    today: time::Date,
    /// Whose national numbers the guide's telephone numbers are, from its language.
    region: Option<crate::model::phone::Region>,
}

impl Checker<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::error(self.file, span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    fn warning(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::warning(self.file, span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    fn hint(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        self.error(span, message).hints.push(hint.into());
    }

    fn guide(&mut self, raw: SourceGuide) -> Option<Checked> {
        self.region = raw
            .guide
            .as_ref()
            .and_then(|g| g.get_ref().language.as_ref())
            .and_then(|tag| crate::model::phone::Region::of_language(tag.get_ref()));
        let sections = self.sections(raw.section);
        let mut organizations = self.organizations(raw.organization, &sections);
        let section_ids: Vec<&str> = sections.iter().map(|(s, _)| s.id.as_str()).collect();
        organizations.sort_by_key(|org| {
            org.section
                .as_ref()
                .and_then(|s| section_ids.iter().position(|id| id == s))
        });
        let staff_cards = confidential::StaffCards::of(&raw.edition);
        let cards = self.cards(raw.card, &organizations, &staff_cards);
        let settings = self.settings(raw.print, raw.cards);
        let table = raw.guide?.into_inner();
        let date = table.date.as_ref().and_then(|d| self.date(d, "date"));
        let language = self.language(table.language.as_ref());
        let guide = Guide {
            id: self.slug(table.id.as_ref(), "id", "the guide"),
            title: self.required_line(table.title.as_ref(), "title"),
            subtitle: self.optional_line(table.subtitle.as_ref(), "subtitle"),
            publisher: self.optional_line(table.publisher.as_ref(), "publisher"),
            direction: values::direction_of(&language),
            language,
            date: date?,
            edition: self.optional_line(table.edition.as_ref(), "edition"),
            intro: self.optional_rich(table.intro.as_ref(), "intro"),
            closing: self.optional_rich(table.closing.as_ref(), "closing"),
            emergency: self.optional_line(table.emergency.as_ref(), "emergency"),
            review_every_days: self.review_days(table.review_every_days.as_ref()),
            web_url: self.web_url(table.web_url.as_ref()),
            sections: sections.into_iter().map(|(section, _)| section).collect(),
            organizations,
            cards,
            staff_only: false,
        };
        let editions = self.editions(raw.edition, &guide);
        Some(Checked {
            guide,
            settings,
            editions,
        })
    }

    fn sections(&mut self, raw: Vec<Spanned<raw::SectionTable>>) -> Vec<(Section, Range<usize>)> {
        let mut seen = HashMap::new();
        raw.into_iter()
            .map(|table| {
                let span = table.span();
                let table = table.into_inner();
                let id_span = table.id.as_ref().map_or(span, Spanned::span);
                let section = Section {
                    id: self.unique_slug(table.id.as_ref(), "section", &mut seen),
                    title: self.required_line(table.title.as_ref(), "title"),
                    intro: self.optional_rich(table.intro.as_ref(), "intro"),
                };
                (section, id_span)
            })
            .collect()
    }

    fn organizations(
        &mut self,
        raw: Vec<Spanned<raw::OrganizationTable>>,
        sections: &[(Section, Range<usize>)],
    ) -> Vec<Organization> {
        let section_ids: Vec<&str> = sections.iter().map(|(s, _)| s.id.as_str()).collect();
        let mut seen = HashMap::new();
        let organizations: Vec<Organization> = raw
            .into_iter()
            .map(|table| {
                let span = table.span();
                self.organization(table.into_inner(), span, &section_ids, &mut seen)
            })
            .collect();
        for (section, span) in sections {
            if !section.id.is_empty()
                && !organizations
                    .iter()
                    .any(|o| o.section.as_ref() == Some(&section.id))
            {
                self.warning(
                    span.clone(),
                    format!("the section `{}` has no organizations", section.id),
                )
                .hints
                .push(format!(
                    "add section = \"{}\" to its organizations, or remove it",
                    section.id
                ));
            }
        }
        organizations
    }

    fn organization(
        &mut self,
        table: raw::OrganizationTable,
        span: Range<usize>,
        section_ids: &[&str],
        seen: &mut HashMap<String, usize>,
    ) -> Organization {
        let id = self.unique_slug(table.id.as_ref(), "organization", seen);
        let section = self.section_ref(table.section.as_ref(), span, section_ids);
        let mut contact_ids = HashMap::new();
        let contacts = table
            .contact
            .into_iter()
            .map(|contact| self.contact(contact.get_ref(), &mut contact_ids))
            .collect();
        Organization {
            id,
            name: self.required_line(table.name.as_ref(), "name"),
            short_name: self.optional_line(table.short_name.as_ref(), "short_name"),
            section,
            summary: self.summary(table.summary.as_ref()),
            about: table
                .about
                .as_ref()
                .map(|t| self.rich(t, "about"))
                .unwrap_or_default(),
            services_intro: self.optional_line(table.services_intro.as_ref(), "services_intro"),
            services: table
                .services
                .iter()
                .map(|s| self.rich(s, "services"))
                .collect(),
            closing: self.optional_rich(table.closing.as_ref(), "closing"),
            tags: table
                .tags
                .iter()
                .map(|t| self.slug(Some(t), "tags", "tag"))
                .collect(),
            regions: table
                .regions
                .iter()
                .map(|r| self.required_line(Some(r), "regions"))
                .collect(),
            contacts,
        }
    }

    fn contact(&mut self, table: &raw::ContactTable, seen: &mut HashMap<String, usize>) -> Contact {
        let id = self.unique_slug(table.id.as_ref(), "contact of this organization", seen);
        let kind = table.kind.as_ref().and_then(|k| self.kind(k));
        let value = match kind {
            Some(ContactKind::Address) => self.required_text(table.value.as_ref(), "value"),
            _ => self.required_line(table.value.as_ref(), "value"),
        };
        let mut href = None;
        if let (Some(kind), Some(text)) = (kind, table.value.as_ref().filter(|_| !value.is_empty()))
        {
            match crate::validate::contact::check_value(kind, &value, self.region) {
                Ok(link) => href = link,
                Err(problem) => {
                    let span = match problem.at {
                        Some(at) => {
                            let lead = text.get_ref().len() - text.get_ref().trim_start().len();
                            self.inner_span(text, lead + at.start..lead + at.end)
                        }
                        None => text.span(),
                    };
                    self.hint(span, problem.message, problem.hint);
                }
            }
        }
        Contact {
            id,
            kind: kind.unwrap_or(ContactKind::Phone),
            label: self.required_line(table.label.as_ref(), "label"),
            value,
            href,
            hours: self.optional_line(table.hours.as_ref(), "hours"),
            regions: table
                .regions
                .iter()
                .map(|r| self.required_line(Some(r), "regions"))
                .collect(),
            verified: table.verified.as_ref().and_then(|d| self.verified(d)),
            languages: table
                .languages
                .iter()
                .map(|l| self.language_tag(Some(l), "languages"))
                .collect(),
            tags: table
                .tags
                .iter()
                .map(|t| self.slug(Some(t), "tags", "tag"))
                .collect(),
            confidential: table.confidential.as_ref().is_some_and(|c| *c.get_ref()),
        }
    }

    fn kind(&mut self, text: &Text) -> Option<ContactKind> {
        let word = text.get_ref().as_str();
        let kind = crate::validate::contact::parse_kind(word);
        if kind.is_none() {
            let kinds = ContactKind::ALL.map(ContactKind::as_str);
            let diagnostic = self.error(text.span(), format!("`{word}` is not a kind of contact"));
            if let Some(best) = did_you_mean(word, kinds) {
                diagnostic.hints.push(format!("did you mean `{best}`?"));
            }
            diagnostic
                .hints
                .push(format!("kind is one of: {}", kinds.join(", ")));
        }
        kind
    }

    fn cards(
        &mut self,
        raw: Vec<Spanned<raw::CardTable>>,
        orgs: &[Organization],
        staff_cards: &confidential::StaffCards,
    ) -> Vec<Card> {
        let mut seen = HashMap::new();
        raw.into_iter()
            .map(|table| {
                let table = table.into_inner();
                let id = self.unique_slug(table.id.as_ref(), "card", &mut seen);
                let staff_only = staff_cards.contains(&id);
                let contacts = match table.contacts.as_ref() {
                    Some(list) => self.card_contacts(list, orgs, staff_only),
                    None => Vec::new(),
                };
                Card {
                    id,
                    title: self.required_line(table.title.as_ref(), "title"),
                    contacts,
                    note: self.optional_text(table.note.as_ref(), "note"),
                }
            })
            .collect()
    }

    fn card_contacts(
        &mut self,
        list: &Spanned<Vec<Text>>,
        orgs: &[Organization],
        staff_only: bool,
    ) -> Vec<CardContact> {
        if list.get_ref().is_empty() {
            self.hint(
                list.span(),
                "a card needs at least one contact",
                "list contacts as \"organization-id.contact-id\"",
            );
        }
        let mut listed = HashSet::new();
        let mut contacts = Vec::new();
        for reference in list.get_ref() {
            if !listed.insert(reference.get_ref().as_str()) {
                self.warning(
                    reference.span(),
                    format!("`{}` is on this card twice", reference.get_ref()),
                )
                .hints
                .push("remove one of them".into());
                continue;
            }
            let contact = self.card_contact(reference, orgs);
            if let Some(contact) = &contact
                && contact.contact.confidential
                && !staff_only
            {
                self.public_card_names_confidential(reference);
            }
            contacts.extend(contact);
        }
        contacts
    }
}
