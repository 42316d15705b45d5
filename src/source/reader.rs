//! Reading the TOML document into the [`raw`](crate::source::raw) model, table by table.
//!
//! A serde derive stops at the first surprise; this reader goes on after an unknown key, a
//! missing key or a value of the wrong type, so that one run lists every problem in the file.
//! Each table's reader is generated from its declaration; this file reads each type of key
//! ([`Field`]) and checks a table's keys against its schema.

use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

use super::schema::{Key, Kind, Schema};
use crate::diag::{Diagnostic, SourceText};

/// A string together with where it was written in the source.
pub type Text = Spanned<String>;

pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// Reads tables and collects every problem found on the way.
pub(super) struct Reader<'f> {
    pub(super) file: &'f Arc<SourceText>,
    pub(super) problems: Vec<Diagnostic>,
}

/// A table whose keys were checked against its schema.
pub(super) struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    schema: &'static Schema,
}

impl<'t, 'i> Fields<'t, 'i> {
    fn get(&self, name: &str) -> Option<(&'static Key, &'t Value<'i>)> {
        let key = self.schema.key(name)?;
        self.table.get(name).map(|value| (key, value))
    }
}

/// A table of the format, declared with [`tables!`](super::schema::tables).
pub(super) trait Table: Sized {
    /// Its accepted keys.
    const SCHEMA: &'static Schema;

    /// Reads its keys, once they were checked against [`Table::SCHEMA`].
    fn read(reader: &mut Reader<'_>, fields: &Fields<'_, '_>) -> Self;
}

/// The type of a key in the raw model: what the key holds, and how it is read.
pub(super) trait Field: Sized {
    /// What the key holds, for the schema.
    const KIND: Kind;

    /// Reads the key `name`; absent, or reported and left out when it has the wrong type.
    fn read(reader: &mut Reader<'_>, fields: &Fields<'_, '_>, name: &str) -> Self;
}

impl Field for Option<Text> {
    const KIND: Kind = Kind::Text;

    fn read(reader: &mut Reader<'_>, fields: &Fields<'_, '_>, name: &str) -> Self {
        reader.text(fields, name)
    }
}

impl Field for Vec<Text> {
    const KIND: Kind = Kind::Texts;

    fn read(reader: &mut Reader<'_>, fields: &Fields<'_, '_>, name: &str) -> Self {
        reader
            .texts(fields, name)
            .map(Spanned::into_inner)
            .unwrap_or_default()
    }
}

impl Field for Option<Spanned<Vec<Text>>> {
    const KIND: Kind = Kind::Texts;

    fn read(reader: &mut Reader<'_>, fields: &Fields<'_, '_>, name: &str) -> Self {
        reader.texts(fields, name)
    }
}

impl Field for Option<Spanned<Datetime>> {
    const KIND: Kind = Kind::Date;

    fn read(reader: &mut Reader<'_>, fields: &Fields<'_, '_>, name: &str) -> Self {
        reader.date(fields, name)
    }
}

impl Field for Option<Spanned<i64>> {
    const KIND: Kind = Kind::Integer;

    fn read(reader: &mut Reader<'_>, fields: &Fields<'_, '_>, name: &str) -> Self {
        reader.integer(fields, name)
    }
}

impl Field for Option<Spanned<bool>> {
    const KIND: Kind = Kind::Bool;

    fn read(reader: &mut Reader<'_>, fields: &Fields<'_, '_>, name: &str) -> Self {
        reader.boolean(fields, name)
    }
}

impl<T: Table> Field for Option<Spanned<T>> {
    const KIND: Kind = Kind::Table;

    fn read(reader: &mut Reader<'_>, fields: &Fields<'_, '_>, name: &str) -> Self {
        reader.one(fields, name)
    }
}

impl<T: Table> Field for Vec<Spanned<T>> {
    const KIND: Kind = Kind::Tables;

    fn read(reader: &mut Reader<'_>, fields: &Fields<'_, '_>, name: &str) -> Self {
        reader.many(fields, name)
    }
}

impl Reader<'_> {
    /// Checks a table's keys against its schema: unknown keys, then missing required keys.
    pub(super) fn fields<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        header: Range<usize>,
        schema: &'static Schema,
    ) -> Fields<'t, 'i> {
        let mut suggested = Vec::new();
        for (key, value) in table {
            if schema.key(key.get_ref()).is_none() {
                suggested.extend(self.unknown_key(key, value, schema));
            }
        }
        // The top level's required tables get messages of their own (see `top_level`); a key
        // that an unknown key was taken for is not reported missing a second time.
        let missing = schema
            .keys
            .iter()
            .filter(|k| k.required && !table.contains_key(k.name) && !suggested.contains(&k.name));
        for key in missing.filter(|_| !schema.is_top_level()) {
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

    fn one<T: Table>(&mut self, f: &Fields<'_, '_>, name: &str) -> Option<Spanned<T>> {
        let (key, value) = f.get(name)?;
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(key, value);
            return None;
        };
        let fields = self.fields(table, value.span(), T::SCHEMA);
        Some(Spanned::new(value.span(), T::read(self, &fields)))
    }

    fn many<T: Table>(&mut self, f: &Fields<'_, '_>, name: &str) -> Vec<Spanned<T>> {
        let Some((key, value)) = f.get(name) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, value);
            return Vec::new();
        };
        let mut built = Vec::with_capacity(items.len());
        for item in items {
            match item.get_ref() {
                DeValue::Table(table) => {
                    let fields = self.fields(table, item.span(), T::SCHEMA);
                    built.push(Spanned::new(item.span(), T::read(self, &fields)));
                }
                _ => self.wrong_item(key, item),
            }
        }
        built
    }

    fn text(&mut self, f: &Fields<'_, '_>, name: &str) -> Option<Text> {
        let (key, value) = f.get(name)?;
        if let DeValue::String(text) = value.get_ref() {
            Some(Spanned::new(value.span(), text.to_string()))
        } else {
            self.wrong_type(key, value);
            None
        }
    }

    fn texts(&mut self, f: &Fields<'_, '_>, name: &str) -> Option<Spanned<Vec<Text>>> {
        let (key, value) = f.get(name)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, value);
            return None;
        };
        let mut texts = Vec::with_capacity(items.len());
        for item in items {
            match item.get_ref() {
                DeValue::String(text) => texts.push(Spanned::new(item.span(), text.to_string())),
                _ => self.wrong_item(key, item),
            }
        }
        Some(Spanned::new(value.span(), texts))
    }

    fn date(&mut self, f: &Fields<'_, '_>, name: &str) -> Option<Spanned<Datetime>> {
        let (key, value) = f.get(name)?;
        if let DeValue::Datetime(datetime) = value.get_ref() {
            Some(Spanned::new(value.span(), *datetime))
        } else {
            self.wrong_type(key, value);
            None
        }
    }

    fn boolean(&mut self, f: &Fields<'_, '_>, name: &str) -> Option<Spanned<bool>> {
        let (key, value) = f.get(name)?;
        if let DeValue::Boolean(flag) = value.get_ref() {
            Some(Spanned::new(value.span(), *flag))
        } else {
            self.wrong_type(key, value);
            None
        }
    }

    fn integer(&mut self, f: &Fields<'_, '_>, name: &str) -> Option<Spanned<i64>> {
        let (key, value) = f.get(name)?;
        let DeValue::Integer(integer) = value.get_ref() else {
            self.wrong_type(key, value);
            return None;
        };
        if let Ok(number) = i64::from_str_radix(integer.as_str(), integer.radix()) {
            Some(Spanned::new(value.span(), number))
        } else {
            let message = format!("the number for `{name}` is far too large");
            self.problems
                .push(Diagnostic::error(self.file, value.span(), message));
            None
        }
    }
}
