//! Validation: the raw source model → a checked [`Guide`], or every problem found.
//!
//! Nothing stops at the first problem: each rule adds diagnostics and validation goes on,
//! so an editor fixes the whole file in one pass.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::value::Datetime;

use crate::config::{Layout, Paper, SourceSettings};
use crate::diag::{Diagnostic, SourceText};
use crate::guide::{Card, CardContact, Contact, Date, Guide, Organization, Section};
use crate::model::{self, SourceGuide, Text};
use crate::richtext::{self, RichText};
use crate::span_map::StringMap;
use crate::suggest::did_you_mean;

/// Longest summary accepted, in characters.
pub const MAX_SUMMARY_CHARS: usize = 200;
/// Accepted `cards.width` values.
pub const CARD_WIDTHS: std::ops::RangeInclusive<i64> = 20..=80;
/// Accepted `cards.height` values.
pub const CARD_HEIGHTS: std::ops::RangeInclusive<i64> = 4..=40;
/// Review interval when the guide gives none.
pub const DEFAULT_REVIEW_DAYS: u32 = 365;

/// A guide that passed validation, with the settings it carries.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The guide.
    pub guide: Guide,
    /// `[print]` and `[cards]` as written.
    pub settings: SourceSettings,
}

/// Validates a parsed source; `today` only decides whether a date is in the future.
pub fn validate(
    file: &Arc<SourceText>,
    raw: SourceGuide,
    today: time::Date,
) -> (Option<Checked>, Vec<Diagnostic>) {
    let mut checker = Checker { file, diagnostics: Vec::new(), today };
    let checked = checker.guide(raw);
    let has_errors = checker.diagnostics.iter().any(Diagnostic::is_error);
    (checked.filter(|_| !has_errors), checker.diagnostics)
}

struct Checker<'a> {
    file: &'a Arc<SourceText>,
    diagnostics: Vec<Diagnostic>,
    today: time::Date,
}

impl Checker<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::error(self.file, span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    fn hint(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        self.error(span, message).hints.push(hint.into());
    }

    fn guide(&mut self, raw: SourceGuide) -> Option<Checked> {
        let guide_span = raw.guide.span();
        let table = raw.guide.into_inner();
        if raw.organization.is_empty() {
            self.hint(
                guide_span.clone(),
                "the guide has no organizations",
                "add at least one [[organization]] table",
            );
        }
        let sections = self.sections(raw.section);
        let section_ids: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
        let mut organizations = self.organizations(raw.organization, &section_ids);
        if !sections.is_empty() {
            organizations.sort_by_key(|org| {
                org.section.as_ref().and_then(|s| section_ids.iter().position(|id| id == s))
            });
        }
        let cards = self.cards(raw.card, &organizations);
        let settings = self.settings(raw.print, raw.cards);
        let date = self.date(&table.date, "date");
        let language = self.language(&table.language);
        let guide = Guide {
            id: self.slug(&table.id, "the guide id"),
            title: self.required_text(&table.title, "title"),
            subtitle: self.optional_text(table.subtitle.as_ref(), "subtitle"),
            publisher: self.optional_text(table.publisher.as_ref(), "publisher"),
            direction: direction_of(&language),
            language,
            date: date?,
            edition: self.optional_text(table.edition.as_ref(), "edition"),
            intro: table.intro.as_ref().map(|t| self.rich(t, "intro")),
            closing: table.closing.as_ref().map(|t| self.rich(t, "closing")),
            emergency: self.optional_text(table.emergency.as_ref(), "emergency"),
            review_every_days: self.review_days(table.review_every_days.as_ref()),
            sections,
            organizations,
            cards,
        };
        Some(Checked { guide, settings })
    }

    fn sections(&mut self, raw: Vec<Spanned<model::SectionTable>>) -> Vec<Section> {
        let mut seen = HashSet::new();
        raw.into_iter()
            .map(|table| {
                let table = table.into_inner();
                let id = self.unique_slug(&table.id, "section", &mut seen);
                Section {
                    id,
                    title: self.required_text(&table.title, "title"),
                    intro: table.intro.as_ref().map(|t| self.rich(t, "intro")),
                }
            })
            .collect()
    }

    fn organizations(
        &mut self,
        raw: Vec<Spanned<model::OrganizationTable>>,
        section_ids: &[&str],
    ) -> Vec<Organization> {
        let mut seen = HashSet::new();
        raw.into_iter()
            .map(|table| {
                let span = table.span();
                self.organization(table.into_inner(), span, section_ids, &mut seen)
            })
            .collect()
    }

    fn organization(
        &mut self,
        table: model::OrganizationTable,
        span: Range<usize>,
        section_ids: &[&str],
        seen: &mut HashSet<String>,
    ) -> Organization {
        let id = self.unique_slug(&table.id, "organization", seen);
        let section = self.section_ref(table.section.as_ref(), span, section_ids);
        let mut contact_ids = HashSet::new();
        let contacts = table
            .contact
            .into_iter()
            .map(|contact| self.contact(contact.into_inner(), &mut contact_ids))
            .collect();
        Organization {
            id,
            name: self.required_text(&table.name, "name"),
            short_name: self.optional_text(table.short_name.as_ref(), "short_name"),
            section,
            summary: self.summary(&table.summary),
            about: self.rich(&table.about, "about"),
            services_intro: self.optional_text(table.services_intro.as_ref(), "services_intro"),
            services: table.services.iter().map(|s| self.rich(s, "services")).collect(),
            closing: table.closing.as_ref().map(|t| self.rich(t, "closing")),
            tags: table.tags.iter().map(|t| self.slug(t, "a tag")).collect(),
            contacts,
        }
    }

    fn section_ref(
        &mut self,
        section: Option<&Text>,
        org_span: Range<usize>,
        section_ids: &[&str],
    ) -> Option<String> {
        match (section, section_ids.is_empty()) {
            (None, true) => None,
            (None, false) => {
                self.hint(
                    org_span.start..org_span.start + "[[organization]]".len(),
                    "this organization has no `section`, but the guide has sections",
                    format!("add `section = \"…\"` with one of: {}", section_ids.join(", ")),
                );
                None
            }
            (Some(section), _) => {
                let id = section.get_ref().as_str();
                if !section_ids.contains(&id) {
                    let diagnostic = self.error(section.span(), format!("there is no section `{id}`"));
                    diagnostic.hints.push(nearest_hint(id, section_ids.iter().copied(), "sections"));
                }
                Some(id.to_owned())
            }
        }
    }

    fn contact(&mut self, table: model::ContactTable, seen: &mut HashSet<String>) -> Contact {
        let id = self.unique_slug(&table.id, "contact in this organization", seen);
        let kind_word = table.kind.get_ref().as_str();
        let kind = crate::contact::parse_kind(kind_word);
        if kind.is_none() {
            let kinds = crate::guide::ContactKind::ALL.map(|k| k.as_str());
            let diagnostic =
                self.error(table.kind.span(), format!("`{kind_word}` is not a kind of contact"));
            if let Some(best) = did_you_mean(kind_word, kinds) {
                diagnostic.hints.push(format!("did you mean `{best}`?"));
            }
            diagnostic.hints.push(format!("kind is one of: {}", kinds.join(", ")));
        }
        let value = self.required_text(&table.value, "value");
        let value = value.trim().to_owned();
        let mut href = None;
        if let Some(kind) = kind.filter(|_| !value.is_empty()) {
            match crate::contact::check_value(kind, &value) {
                Ok(link) => href = link,
                Err(problem) => self.hint(table.value.span(), problem.message, problem.hint),
            }
        }
        Contact {
            id,
            kind: kind.unwrap_or(crate::guide::ContactKind::Phone),
            label: self.required_text(&table.label, "label"),
            value,
            href,
            hours: self.optional_text(table.hours.as_ref(), "hours"),
            regions: table.regions.iter().map(|r| self.required_text(r, "regions")).collect(),
            verified: table.verified.as_ref().and_then(|d| self.verified(d)),
        }
    }

    fn cards(&mut self, raw: Vec<Spanned<model::CardTable>>, orgs: &[Organization]) -> Vec<Card> {
        let mut by_ref: HashMap<String, (&Organization, &Contact)> = HashMap::new();
        for org in orgs {
            for contact in &org.contacts {
                by_ref.insert(format!("{}.{}", org.id, contact.id), (org, contact));
            }
        }
        let mut seen = HashSet::new();
        raw.into_iter()
            .map(|table| {
                let table = table.into_inner();
                let id = self.unique_slug(&table.id, "card", &mut seen);
                if table.contacts.get_ref().is_empty() {
                    self.hint(
                        table.contacts.span(),
                        "a card needs at least one contact",
                        "list contacts as \"organization-id.contact-id\"",
                    );
                }
                let contacts = table
                    .contacts
                    .get_ref()
                    .iter()
                    .filter_map(|reference| self.card_contact(reference, &by_ref))
                    .collect();
                Card {
                    id,
                    title: self.required_text(&table.title, "title"),
                    contacts,
                    note: self.optional_text(table.note.as_ref(), "note"),
                }
            })
            .collect()
    }

    fn card_contact(
        &mut self,
        reference: &Text,
        by_ref: &HashMap<String, (&Organization, &Contact)>,
    ) -> Option<CardContact> {
        let wanted = reference.get_ref().as_str();
        if let Some((org, contact)) = by_ref.get(wanted) {
            return Some(CardContact {
                reference: wanted.to_owned(),
                organization: org.short_name.clone().unwrap_or_else(|| org.name.clone()),
                contact: (*contact).clone(),
            });
        }
        let mut known: Vec<&str> = by_ref.keys().map(String::as_str).collect();
        known.sort_unstable();
        let message = if wanted.contains('.') {
            format!("there is no contact `{wanted}`")
        } else {
            format!("`{wanted}` is not a contact reference")
        };
        let diagnostic = self.error(reference.span(), message);
        if !wanted.contains('.') {
            diagnostic.hints.push("write it as \"organization-id.contact-id\"".into());
        }
        diagnostic.hints.push(nearest_hint(wanted, known, "contacts"));
        None
    }

    fn settings(
        &mut self,
        print: Option<Spanned<model::PrintTable>>,
        cards: Option<Spanned<model::CardsTable>>,
    ) -> SourceSettings {
        let print = print.map(Spanned::into_inner).unwrap_or_default();
        let cards = cards.map(Spanned::into_inner).unwrap_or_default();
        SourceSettings {
            paper: print.paper.as_ref().and_then(|p| self.choice(p, Paper::parse, Paper::WORDS)),
            layout: print.layout.as_ref().and_then(|l| self.choice(l, Layout::parse, Layout::WORDS)),
            card_width: cards.width.as_ref().and_then(|w| self.bounded(w, "cards.width", CARD_WIDTHS)),
            card_height: cards.height.as_ref().and_then(|h| self.bounded(h, "cards.height", CARD_HEIGHTS)),
        }
    }

    fn choice<T>(&mut self, text: &Text, parse: fn(&str) -> Option<T>, words: &[&str]) -> Option<T> {
        let word = text.get_ref().as_str();
        let parsed = parse(word);
        if parsed.is_none() {
            let diagnostic = self.error(text.span(), format!("`{word}` is not accepted here"));
            if let Some(best) = did_you_mean(word, words.iter().copied()) {
                diagnostic.hints.push(format!("did you mean `{best}`?"));
            }
            diagnostic.hints.push(format!("accepted values: {}", words.join(", ")));
        }
        parsed
    }

    fn bounded(
        &mut self,
        value: &Spanned<i64>,
        key: &str,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<usize> {
        let number = *value.get_ref();
        if !range.contains(&number) {
            self.hint(
                value.span(),
                format!("`{key}` must be between {} and {}; it is {number}", range.start(), range.end()),
                format!("write a whole number from {} to {}", range.start(), range.end()),
            );
            return None;
        }
        usize::try_from(number).ok()
    }

    fn review_days(&mut self, value: Option<&Spanned<i64>>) -> u32 {
        let Some(value) = value else { return DEFAULT_REVIEW_DAYS };
        match u32::try_from(*value.get_ref()) {
            Ok(days) if days > 0 => days,
            _ => {
                self.hint(
                    value.span(),
                    "`review_every_days` must be a whole number of days greater than 0",
                    "for a yearly review write review_every_days = 365",
                );
                DEFAULT_REVIEW_DAYS
            }
        }
    }

    fn language(&mut self, text: &Text) -> String {
        let tag = self.required_text(text, "language");
        if tag.is_empty() {
            return tag;
        }
        match oxilangtag::LanguageTag::parse_and_normalize(&tag) {
            Ok(normalized) => normalized.into_inner(),
            Err(e) => {
                self.hint(
                    text.span(),
                    format!("`{tag}` is not a valid language tag ({e})"),
                    "use a BCP 47 tag such as en, en-US, es or fr-CA",
                );
                tag
            }
        }
    }

    fn date(&mut self, value: &Spanned<Datetime>, key: &str) -> Option<Date> {
        let datetime = value.get_ref();
        let date = match (datetime.date, datetime.time, datetime.offset) {
            (Some(date), None, None) => date,
            _ => {
                self.hint(
                    value.span(),
                    format!("`{key}` must be a date without a time"),
                    "write a date like 2026-01-15",
                );
                return None;
            }
        };
        let month = time::Month::try_from(date.month).ok();
        match month.and_then(|m| time::Date::from_calendar_date(date.year.into(), m, date.day).ok()) {
            Some(date) => Some(Date(date)),
            None => {
                self.hint(value.span(), format!("{datetime} is not a real date"), "check the month and day");
                None
            }
        }
    }

    fn verified(&mut self, value: &Spanned<Datetime>) -> Option<Date> {
        let date = self.date(value, "verified")?;
        if date.0 > self.today {
            self.diagnostics.push(
                Diagnostic::warning(self.file, value.span(), format!("`verified` date {date} is in the future"))
                    .with_hint("write the day the contact was last confirmed to work"),
            );
        }
        Some(date)
    }

    fn summary(&mut self, text: &Text) -> String {
        let summary = self.required_text(text, "summary");
        let count = summary.chars().count();
        if count > MAX_SUMMARY_CHARS {
            self.hint(
                text.span(),
                format!("the summary has {count} characters, more than {MAX_SUMMARY_CHARS}"),
                "keep the summary to one short line; longer text belongs in `about`",
            );
        }
        summary
    }

    fn slug(&mut self, text: &Text, what: &str) -> String {
        let slug = self.required_text(text, "id");
        if !slug.is_empty() && !is_slug(&slug) {
            self.hint(
                text.span(),
                format!("`{slug}` is not a valid id for {what}"),
                format!("use lower-case letters, digits and hyphens, starting with a letter or digit, e.g. `{}`", slugify(&slug)),
            );
        }
        slug
    }

    fn unique_slug(&mut self, text: &Text, what: &str, seen: &mut HashSet<String>) -> String {
        let slug = self.slug(text, &format!("a {what}"));
        if !slug.is_empty() && !seen.insert(slug.clone()) {
            self.hint(
                text.span(),
                format!("the id `{slug}` is used by more than one {what}"),
                "give each one its own id",
            );
        }
        slug
    }

    fn required_text(&mut self, text: &Text, key: &str) -> String {
        let value = self.checked_text(text, key);
        if value.trim().is_empty() {
            self.hint(text.span(), format!("`{key}` cannot be empty"), format!("write the {key} between the quotes"));
        }
        value
    }

    fn optional_text(&mut self, text: Option<&Text>, key: &str) -> Option<String> {
        text.map(|t| self.checked_text(t, key)).filter(|v| !v.trim().is_empty())
    }

    fn checked_text(&mut self, text: &Text, key: &str) -> String {
        let value = text.get_ref().replace("\r\n", "\n");
        if let Some((index, ch)) = value.char_indices().find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n')) {
            let span = self.inner_span(text, index..index + ch.len_utf8());
            self.hint(
                span,
                format!("`{key}` contains the control character U+{:04X}", ch as u32),
                "remove it; only tabs and line breaks are allowed in text",
            );
        }
        value
    }

    fn rich(&mut self, text: &Text, key: &str) -> RichText {
        let value = self.required_text(text, key);
        match richtext::parse(&value) {
            Ok(rich) => rich,
            Err(problems) => {
                for problem in problems {
                    let span = self.inner_span(text, problem.range);
                    let diagnostic = self.error(span, format!("in `{key}`: {}", problem.message));
                    diagnostic.hints.extend(problem.hint);
                }
                RichText::default()
            }
        }
    }

    fn inner_span(&self, text: &Text, range: Range<usize>) -> Range<usize> {
        let span = text.span();
        let raw = self.file.text.get(span.clone()).unwrap_or("");
        StringMap::new(raw, span.start).to_source(range)
    }
}

/// Whether `text` is a slug: `[a-z0-9][a-z0-9-]*`.
pub fn is_slug(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() { "my-id".into() } else { slug }
}

fn nearest_hint<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>, what: &str) -> String {
    let known: Vec<&str> = known.into_iter().collect();
    if known.is_empty() {
        return format!("the guide has no {what} yet");
    }
    if let Some(best) = did_you_mean(wanted, known.iter().copied()) {
        return format!("did you mean `{best}`?");
    }
    let mut nearest = known.clone();
    nearest.sort_by(|a, b| strsim::jaro_winkler(wanted, b).total_cmp(&strsim::jaro_winkler(wanted, a)));
    nearest.truncate(5);
    format!("existing {what}: {}", nearest.join(", "))
}

fn direction_of(language: &str) -> &'static str {
    const RTL: [&str; 12] = ["ar", "arc", "dv", "fa", "ha", "he", "khw", "ks", "ku", "ps", "ur", "yi"];
    let primary = language.split('-').next().unwrap_or("").to_ascii_lowercase();
    if RTL.contains(&primary.as_str()) { "rtl" } else { "ltr" }
}
