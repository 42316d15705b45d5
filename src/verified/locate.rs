//! Where each contact is written in the guide's text, and where its `verified` date goes.
//!
//! The guide format accepts contacts as `[[organization.contact]]` tables or as inline
//! tables in a `contact = [ … ]` list, and organizations likewise; every form is found.

use std::ops::Range;

use toml_edit::{Array, ArrayOfTables, InlineTable, Item, Table, Value};

use crate::model::Date;

/// An organization as written.
pub(super) struct WrittenOrganization {
    /// Its `id`, when it is a string.
    pub(super) id: Option<String>,
    /// Its contacts, in the order of the file.
    pub(super) contacts: Vec<WrittenContact>,
}

/// A contact as written.
pub(super) struct WrittenContact {
    /// Its `id`, when it is a string.
    pub(super) id: Option<String>,
    /// Where its table starts, for messages.
    pub(super) at: usize,
    /// Where its `verified` date is, or goes.
    pub(super) slot: Slot,
}

/// The place of a contact's `verified` date in the text.
pub(super) enum Slot {
    /// `verified = …` is written: the value's bytes, and the date when it is one.
    Written {
        /// The value's bytes (its comment and spacing are outside).
        span: Range<usize>,
        /// The date written there, when it is a plain date.
        date: Option<Date>,
    },
    /// Not written: a new key goes at `at`, written `before` + date + `after`.
    Missing {
        /// The byte offset the key is inserted at.
        at: usize,
        /// The text before the date: a line break and indentation, or a comma.
        before: String,
        /// The text after the date (a comma in a list of several lines).
        after: String,
    },
    /// `verified` is written as a table, which no date can replace in place.
    Table {
        /// The table's bytes.
        span: Range<usize>,
    },
}

/// Every organization of the document and its contacts, in the order of the file.
pub(super) fn organizations(root: &Table, text: &str) -> Vec<WrittenOrganization> {
    match root.get("organization") {
        Some(Item::ArrayOfTables(tables)) => tables
            .iter()
            .map(|org| WrittenOrganization {
                id: org.get("id").and_then(Item::as_str).map(str::to_owned),
                contacts: match org.get("contact") {
                    Some(Item::ArrayOfTables(tables)) => table_contacts(tables, text),
                    Some(Item::Value(list)) => inline_contacts(list, text),
                    _ => Vec::new(),
                },
            })
            .collect(),
        Some(Item::Value(list)) => inline_tables(list)
            .map(|org| WrittenOrganization {
                id: org.get("id").and_then(Value::as_str).map(str::to_owned),
                contacts: org
                    .get("contact")
                    .map_or_else(Vec::new, |list| inline_contacts(list, text)),
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn table_contacts(tables: &ArrayOfTables, text: &str) -> Vec<WrittenContact> {
    tables
        .iter()
        .map(|contact| WrittenContact {
            id: contact.get("id").and_then(Item::as_str).map(str::to_owned),
            at: contact.span().map_or(0, |span| span.start),
            slot: match contact.get("verified") {
                Some(Item::Value(value)) => written(value),
                Some(other) => Slot::Table {
                    span: other.span().unwrap_or(0..0),
                },
                None => missing_in_table(contact, text),
            },
        })
        .collect()
}

fn inline_contacts(list: &Value, text: &str) -> Vec<WrittenContact> {
    inline_tables(list)
        .map(|contact| WrittenContact {
            id: contact.get("id").and_then(Value::as_str).map(str::to_owned),
            at: contact.span().map_or(0, |span| span.start),
            slot: match contact.get("verified") {
                Some(value) => written(value),
                None => missing_in_inline(contact, text),
            },
        })
        .collect()
}

/// The inline tables of a list; anything else in it is not a table of the format.
fn inline_tables(list: &Value) -> impl Iterator<Item = &InlineTable> {
    list.as_array()
        .into_iter()
        .flat_map(Array::iter)
        .filter_map(Value::as_inline_table)
}

fn written(value: &Value) -> Slot {
    Slot::Written {
        span: value.span().unwrap_or(0..0),
        date: value.as_datetime().and_then(plain_date),
    }
}

/// A date without a time or an offset, when it is a day of the calendar.
fn plain_date(datetime: &toml_edit::Datetime) -> Option<Date> {
    let date = datetime.date.filter(|_| datetime.time.is_none())?;
    let month = time::Month::try_from(date.month).ok()?;
    time::Date::from_calendar_date(date.year.into(), month, date.day)
        .ok()
        .map(Date)
}

/// A new line after the table's last key, indented as that key is.
fn missing_in_table(table: &Table, text: &str) -> Slot {
    let entries: Vec<Entry> = table
        .iter()
        .filter_map(|(name, item)| Some((table.key(name)?.span()?, item.as_value()?.span()?)))
        .collect();
    let Some((key, value)) = last(&entries) else {
        // A table with no keys: the new key goes on the line after its header.
        let at = table.span().map_or(0, |span| line_end(text, span.end));
        return Slot::Missing {
            at,
            before: format!("{}verified = ", newline(text, at)),
            after: String::new(),
        };
    };
    let at = line_end(text, value.end);
    Slot::Missing {
        at,
        before: format!(
            "{}{}verified{}",
            newline(text, at),
            indentation(text, key.start),
            equals_sign(text, &entries)
        ),
        after: String::new(),
    }
}

/// After the inline table's last value: on a line of its own when each key has its own
/// line and ends with a comma, else `, verified = …` right after the value.
fn missing_in_inline(table: &InlineTable, text: &str) -> Slot {
    let entries: Vec<Entry> = table
        .iter()
        .filter_map(|(name, value)| Some((table.key(name)?.span()?, value.span()?)))
        .collect();
    let close = table.span().map_or(0, |span| span.end.saturating_sub(1));
    let Some((key, value)) = last(&entries) else {
        // `{}`: the key goes inside the braces.
        return Slot::Missing {
            at: close,
            before: " verified = ".to_owned(),
            after: " ".to_owned(),
        };
    };
    let equals = equals_sign(text, &entries);
    let end_of_line = line_end(text, value.end);
    let rest = text[value.end..end_of_line].trim_start_matches([' ', '\t']);
    let indent = indentation(text, key.start);
    let own_line = text[..key.start - indent.len()].ends_with('\n');
    if rest.starts_with(',') && end_of_line < close && own_line {
        return Slot::Missing {
            at: end_of_line,
            before: format!("{}{indent}verified{equals}", newline(text, end_of_line)),
            after: ",".to_owned(),
        };
    }
    Slot::Missing {
        at: value.end,
        before: format!(", verified{equals}"),
        after: String::new(),
    }
}

/// A key's bytes and its value's bytes.
type Entry = (Range<usize>, Range<usize>);

/// The entry written last in the file.
fn last(entries: &[Entry]) -> Option<(Range<usize>, Range<usize>)> {
    entries.iter().max_by_key(|(_, value)| value.end).cloned()
}

/// How the table writes `=`: the same way as every one of its keys when they agree
/// (`key="…"`, say), else ` = ` (keys aligned by hand need padding of their own).
fn equals_sign<'t>(text: &'t str, entries: &[Entry]) -> &'t str {
    let mut signs = entries
        .iter()
        .map(|(key, value)| &text[key.end..value.start]);
    let first = signs.next().unwrap_or(" = ");
    let plain = first.trim_matches([' ', '\t']) == "=" && !first.contains('\n');
    if plain && signs.all(|sign| sign == first) {
        first
    } else {
        " = "
    }
}

/// The offset of the line break that ends the line holding `offset` (or the end of text).
fn line_end(text: &str, offset: usize) -> usize {
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    }
}

/// The line break to start a new line with at `at`: the one that ends this line, else
/// the file's own.
fn newline(text: &str, at: usize) -> &'static str {
    let crlf = if at < text.len() {
        text[at..].starts_with("\r\n")
    } else {
        text.contains("\r\n")
    };
    if crlf { "\r\n" } else { "\n" }
}

/// The spaces and tabs before `offset` on its line, when nothing else is.
fn indentation(text: &str, offset: usize) -> String {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[start..offset];
    if before.chars().all(|c| c == ' ' || c == '\t') {
        before.to_owned()
    } else {
        String::new()
    }
}
