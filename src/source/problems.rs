//! The wording of shape problems: unknown keys, values of the wrong type.
//!
//! Each message says what was found and what the format expects there; each hint shows
//! the line as it should be written, built from what the user wrote.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeValue};
use toml::value::Datetime;

use super::raw;
use super::reader::{Reader, Value};
use super::schema::{Key, Kind, Schema};
use crate::diag::Diagnostic;
use crate::diag::suggest::did_you_mean;
use crate::model::ContactKind;

impl Reader<'_> {
    /// Reports a key the schema does not have; returns the key it was probably meant to be.
    pub(super) fn unknown_key(
        &mut self,
        key: &Spanned<DeString<'_>>,
        value: &Value<'_>,
        schema: &'static Schema,
    ) -> Option<&'static str> {
        let name = key.get_ref().as_ref();
        let is_root = schema.is_top_level();
        let message = match (is_root, value.get_ref()) {
            (true, DeValue::Table(_)) => format!("unknown table `[{name}]`"),
            (true, DeValue::Array(items)) if items.iter().all(|i| i.get_ref().is_table()) => {
                format!("unknown table `[[{name}]]`")
            }
            (true, _) => format!("unknown key `{name}` outside of any table"),
            (false, _) => format!("unknown key `{name}` in {}", schema.header),
        };
        let mut diagnostic = Diagnostic::error(self.file, key.span(), message);
        let best = did_you_mean(name, schema.names());
        match best {
            Some(best) => diagnostic.hints.push(format!("did you mean `{best}`?")),
            None => diagnostic.hints.extend(placement_hint(name, schema)),
        }
        diagnostic.hints.push(accepted(schema));
        self.problems.push(diagnostic);
        best
    }

    pub(super) fn wrong_type(&mut self, key: &Key, value: &Value<'_>) {
        let message = format!(
            "wrong type for `{}`: expected {}, found {}",
            key.name,
            expected(key),
            found(value.get_ref())
        );
        let mut diagnostic = Diagnostic::error(self.file, value.span(), message);
        diagnostic.hints.extend(self.type_hint(key, value));
        self.problems.push(diagnostic);
    }

    pub(super) fn wrong_item(&mut self, key: &Key, item: &Value<'_>) {
        let wanted = if key.kind == Kind::Tables {
            "a table"
        } else {
            "a string (text in quotes)"
        };
        let message = format!(
            "wrong type in `{}`: each item must be {wanted}, found {}",
            key.name,
            found(item.get_ref())
        );
        let mut diagnostic = Diagnostic::error(self.file, item.span(), message);
        if key.kind == Kind::Texts
            && !matches!(item.get_ref(), DeValue::Array(_) | DeValue::Table(_))
        {
            diagnostic.hints.push(format!(
                "put it in double quotes: \"{}\"",
                self.raw(item.span())
            ));
        }
        self.problems.push(diagnostic);
    }

    fn type_hint(&self, key: &Key, value: &Value<'_>) -> Option<String> {
        let name = key.name;
        let raw = self.raw(value.span());
        Some(match (key.kind, value.get_ref()) {
            (Kind::Text, DeValue::Array(_)) => format!("`{name}` holds one text, not a list"),
            (Kind::Text, DeValue::Table(_)) => return None,
            (Kind::Text, _) => format!("put it in double quotes: {name} = \"{raw}\""),
            (Kind::Texts, DeValue::String(_)) => {
                format!("put it in square brackets: {name} = [{raw}]")
            }
            (Kind::Date, DeValue::String(text)) => match plain_date(text) {
                Some(date) => format!("remove the quotes: {name} = {date}"),
                None => format!("write a date without quotes, like {name} = {}", key.example),
            },
            (Kind::Date, _) => format!("write a date like {name} = {}", key.example),
            (Kind::Integer, DeValue::String(text)) if text.trim().parse::<i64>().is_ok() => {
                format!("remove the quotes: {name} = {}", text.trim())
            }
            (Kind::Integer, DeValue::Float(_)) => {
                "write a whole number, without a decimal point".into()
            }
            (Kind::Integer, _) => format!("write a whole number, like {name} = {}", key.example),
            (Kind::Bool, _) => format!("write {name} = true or {name} = false, without quotes"),
            (Kind::Table, DeValue::Array(_)) => {
                format!("write {} with one bracket on each side", key.example)
            }
            (Kind::Tables, DeValue::Table(_)) => {
                format!(
                    "write {} with two brackets on each side, once before each one",
                    key.example
                )
            }
            _ => return None,
        })
    }

    /// The source text of a short value, for hints; "…" for long or multi-line ones.
    fn raw(&self, span: Range<usize>) -> String {
        let text = self.file.text.get(span).unwrap_or("");
        if text.contains('\n') || text.chars().count() > 60 {
            "…".into()
        } else {
            text.to_owned()
        }
    }
}

fn expected(key: &Key) -> String {
    match key.kind {
        Kind::Text => "a string (text in quotes)".into(),
        Kind::Texts => format!("a list like {}", key.example),
        Kind::Date => format!("a date like {}", key.example),
        Kind::Integer => format!("a whole number like {}", key.example),
        Kind::Bool => "true or false".into(),
        Kind::Table => format!("a table written {}", key.example),
        Kind::Tables => format!("tables written {}", key.example),
    }
}

fn found(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(datetime) => match (datetime.date, datetime.time) {
            (Some(_), Some(_)) => "a date and time",
            (Some(_), None) => "a date",
            _ => "a time",
        },
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// The date in a quoted string such as "2026-01-15", if that is all it holds.
fn plain_date(text: &str) -> Option<Datetime> {
    let datetime: Datetime = text.trim().parse().ok()?;
    (datetime.date.is_some() && datetime.time.is_none()).then_some(datetime)
}

fn accepted(schema: &Schema) -> String {
    if schema.is_top_level() {
        let tables: Vec<&str> = schema.keys.iter().map(|key| key.example).collect();
        return format!("accepted tables: {}", tables.join(", "));
    }
    format!(
        "accepted keys in {}: {}",
        schema.header,
        schema.names().join(", ")
    )
}

/// Where a key that is unknown here belongs, when that is clear.
fn placement_hint(name: &str, schema: &Schema) -> Option<String> {
    let kinds = ContactKind::ALL.map(ContactKind::as_str);
    if schema.header == raw::CONTACT.header {
        let kind = did_you_mean(name, kinds)?;
        return Some(format!(
            "a contact is written with a kind and a value: kind = \"{kind}\" and value = \"…\""
        ));
    }
    let about_contacts =
        name == "contact" || name == "contacts" || did_you_mean(name, kinds).is_some();
    let outside_contacts = schema.is_top_level() || schema.header == raw::ORGANIZATION.header;
    if about_contacts && outside_contacts {
        return Some(
            "contacts go in their own [[organization.contact]] table, after the [[organization]] they belong to"
                .into(),
        );
    }
    let homes: Vec<&str> = raw::ALL
        .iter()
        .filter(|other| other.header != schema.header && other.key(name).is_some())
        .map(|other| other.header)
        .collect();
    if homes.is_empty() {
        return None;
    }
    Some(format!(
        "`{name}` belongs in {}; move it below that line",
        homes.join(" or ")
    ))
}
