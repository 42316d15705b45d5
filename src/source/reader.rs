//! Reading the TOML document into the [`model`](crate::source::raw), table by table.
//!
//! A serde derive stops at the first surprise; this reader goes on after an unknown key, a
//! missing key or a value of the wrong type, so that one run lists every problem in the file.

use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

use super::schema::{self, Key, Schema};
use crate::diag::{Diagnostic, SourceText};
use crate::source::raw::{
    CardTable, CardsTable, ContactTable, GuideTable, OrganizationTable, PrintTable, SectionTable,
    SourceGuide, Text,
};

pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// Reads a parsed document into the model; problems go to [`SourceGuide::problems`].
pub fn read_document(file: &Arc<SourceText>, document: &DeTable<'_>) -> SourceGuide {
    let mut reader = Reader {
        file,
        problems: Vec::new(),
    };
    let mut guide = reader.root(document);
    guide.problems = reader.problems;
    guide
}

/// Reads tables and collects every problem found on the way.
pub(super) struct Reader<'f> {
    pub(super) file: &'f Arc<SourceText>,
    pub(super) problems: Vec<Diagnostic>,
}

/// A table whose keys were checked against its schema.
struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    schema: &'static Schema,
}

impl<'t, 'i> Fields<'t, 'i> {
    fn get(&self, name: &str) -> Option<(&'static Key, &'t Value<'i>)> {
        let key = self.schema.key(name)?;
        self.table.get(name).map(|value| (key, value))
    }
}

impl Reader<'_> {
    fn root(&mut self, document: &DeTable<'_>) -> SourceGuide {
        let f = self.fields(document, 0..0, &schema::ROOT);
        let guide = self.one(&f, "guide", &schema::GUIDE, Self::guide);
        let organization = self.many(
            &f,
            "organization",
            &schema::ORGANIZATION,
            Self::organization,
        );
        if guide.is_none() && !document.contains_key("guide") {
            let diagnostic = Diagnostic::bare("the guide has no [guide] table")
                .with_hint("start the file with [guide] and its id, title, language and date");
            self.problems.push(Diagnostic {
                file: Some(Arc::clone(self.file)),
                ..diagnostic
            });
        }
        if organization.is_empty()
            && document
                .get("organization")
                .is_none_or(|v| v.get_ref().is_array())
        {
            let diagnostic = match &guide {
                Some(guide) => {
                    Diagnostic::error(self.file, guide.span(), "the guide has no organizations")
                }
                None => Diagnostic {
                    file: Some(Arc::clone(self.file)),
                    ..Diagnostic::bare("the guide has no organizations")
                },
            };
            self.problems
                .push(diagnostic.with_hint("add at least one [[organization]] table"));
        }
        SourceGuide {
            guide,
            section: self.many(&f, "section", &schema::SECTION, Self::section),
            organization,
            card: self.many(&f, "card", &schema::CARD, Self::card),
            print: self.one(&f, "print", &schema::PRINT, Self::print),
            cards: self.one(&f, "cards", &schema::CARDS, Self::cards),
            problems: Vec::new(),
        }
    }

    fn guide(&mut self, f: &Fields<'_, '_>) -> GuideTable {
        GuideTable {
            id: self.text(f, "id"),
            title: self.text(f, "title"),
            subtitle: self.text(f, "subtitle"),
            publisher: self.text(f, "publisher"),
            language: self.text(f, "language"),
            date: self.date(f, "date"),
            edition: self.text(f, "edition"),
            intro: self.text(f, "intro"),
            closing: self.text(f, "closing"),
            emergency: self.text(f, "emergency"),
            review_every_days: self.integer(f, "review_every_days"),
        }
    }

    fn section(&mut self, f: &Fields<'_, '_>) -> SectionTable {
        SectionTable {
            id: self.text(f, "id"),
            title: self.text(f, "title"),
            intro: self.text(f, "intro"),
        }
    }

    fn organization(&mut self, f: &Fields<'_, '_>) -> OrganizationTable {
        OrganizationTable {
            id: self.text(f, "id"),
            name: self.text(f, "name"),
            short_name: self.text(f, "short_name"),
            section: self.text(f, "section"),
            summary: self.text(f, "summary"),
            about: self.text(f, "about"),
            services_intro: self.text(f, "services_intro"),
            services: self.text_list(f, "services"),
            closing: self.text(f, "closing"),
            tags: self.text_list(f, "tags"),
            contact: self.many(f, "contact", &schema::CONTACT, Self::contact),
        }
    }

    fn contact(&mut self, f: &Fields<'_, '_>) -> ContactTable {
        ContactTable {
            id: self.text(f, "id"),
            kind: self.text(f, "kind"),
            label: self.text(f, "label"),
            value: self.text(f, "value"),
            hours: self.text(f, "hours"),
            regions: self.text_list(f, "regions"),
            verified: self.date(f, "verified"),
        }
    }

    fn card(&mut self, f: &Fields<'_, '_>) -> CardTable {
        CardTable {
            id: self.text(f, "id"),
            title: self.text(f, "title"),
            contacts: self.texts(f, "contacts"),
            note: self.text(f, "note"),
        }
    }

    fn print(&mut self, f: &Fields<'_, '_>) -> PrintTable {
        PrintTable {
            paper: self.text(f, "paper"),
            layout: self.text(f, "layout"),
            large_print: self.boolean(f, "large_print"),
            bleed: self.text(f, "bleed"),
            qr: self.boolean(f, "qr"),
            pdf_a: self.boolean(f, "pdf_a"),
        }
    }

    fn cards(&mut self, f: &Fields<'_, '_>) -> CardsTable {
        CardsTable {
            width: self.integer(f, "width"),
            height: self.integer(f, "height"),
        }
    }

    /// Checks a table's keys against its schema: unknown keys, then missing required keys.
    fn fields<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        header: Range<usize>,
        schema: &'static Schema,
    ) -> Fields<'t, 'i> {
        let mut suggested = Vec::new();
        for (key, value) in table.iter() {
            if schema.key(key.get_ref()).is_none() {
                suggested.extend(self.unknown_key(key, value, schema));
            }
        }
        // The top level's required tables get messages of their own (see `root`); a key
        // that an unknown key was taken for is not reported missing a second time.
        let missing = schema
            .keys
            .iter()
            .filter(|k| k.required && !table.contains_key(k.name) && !suggested.contains(&k.name));
        for key in missing.filter(|_| schema.header != schema::ROOT.header) {
            let message = format!(
                "{} is missing the required key `{}`",
                schema.header, key.name
            );
            self.problems.push(
                Diagnostic::error(self.file, header.clone(), message)
                    .with_hint(format!("add `{} = {}` to it", key.name, key.example)),
            );
        }
        Fields { table, schema }
    }

    fn one<T>(
        &mut self,
        f: &Fields<'_, '_>,
        name: &str,
        schema: &'static Schema,
        build: fn(&mut Self, &Fields<'_, '_>) -> T,
    ) -> Option<Spanned<T>> {
        let (key, value) = f.get(name)?;
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(key, value);
            return None;
        };
        let fields = self.fields(table, value.span(), schema);
        Some(Spanned::new(value.span(), build(self, &fields)))
    }

    fn many<T>(
        &mut self,
        f: &Fields<'_, '_>,
        name: &str,
        schema: &'static Schema,
        build: fn(&mut Self, &Fields<'_, '_>) -> T,
    ) -> Vec<Spanned<T>> {
        let Some((key, value)) = f.get(name) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, value);
            return Vec::new();
        };
        let mut built = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(table) => {
                    let fields = self.fields(table, item.span(), schema);
                    built.push(Spanned::new(item.span(), build(self, &fields)));
                }
                _ => self.wrong_item(key, item),
            }
        }
        built
    }

    fn text(&mut self, f: &Fields<'_, '_>, name: &str) -> Option<Text> {
        let (key, value) = f.get(name)?;
        match value.get_ref() {
            DeValue::String(text) => Some(Spanned::new(value.span(), text.to_string())),
            _ => {
                self.wrong_type(key, value);
                None
            }
        }
    }

    fn texts(&mut self, f: &Fields<'_, '_>, name: &str) -> Option<Spanned<Vec<Text>>> {
        let (key, value) = f.get(name)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, value);
            return None;
        };
        let mut texts = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(text) => texts.push(Spanned::new(item.span(), text.to_string())),
                _ => self.wrong_item(key, item),
            }
        }
        Some(Spanned::new(value.span(), texts))
    }

    fn text_list(&mut self, f: &Fields<'_, '_>, name: &str) -> Vec<Text> {
        self.texts(f, name)
            .map(Spanned::into_inner)
            .unwrap_or_default()
    }

    fn date(&mut self, f: &Fields<'_, '_>, name: &str) -> Option<Spanned<Datetime>> {
        let (key, value) = f.get(name)?;
        match value.get_ref() {
            DeValue::Datetime(datetime) => Some(Spanned::new(value.span(), *datetime)),
            _ => {
                self.wrong_type(key, value);
                None
            }
        }
    }

    fn boolean(&mut self, f: &Fields<'_, '_>, name: &str) -> Option<Spanned<bool>> {
        let (key, value) = f.get(name)?;
        match value.get_ref() {
            DeValue::Boolean(flag) => Some(Spanned::new(value.span(), *flag)),
            _ => {
                self.wrong_type(key, value);
                None
            }
        }
    }

    fn integer(&mut self, f: &Fields<'_, '_>, name: &str) -> Option<Spanned<i64>> {
        let (key, value) = f.get(name)?;
        let DeValue::Integer(integer) = value.get_ref() else {
            self.wrong_type(key, value);
            return None;
        };
        match i64::from_str_radix(integer.as_str(), integer.radix()) {
            Ok(number) => Some(Spanned::new(value.span(), number)),
            Err(_) => {
                let message = format!("the number for `{name}` is far too large");
                self.problems
                    .push(Diagnostic::error(self.file, value.span(), message));
                None
            }
        }
    }
}
