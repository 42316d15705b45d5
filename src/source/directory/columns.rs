//! The columns of the directory's two sheets: the keys of `[[organization]]` and of
//! `[[organization.contact]]` (with the contact's `organization`), taken from the tables'
//! declarations so that a key added to the format is a column at once.

use crate::source::raw::{CONTACT, ORGANIZATION};
use crate::source::schema::{Kind, Schema};

/// The sheet of organizations (and `organizations.csv`).
pub const ORGANIZATIONS_SHEET: &str = "Organizations";
/// The sheet of contacts (and `contacts.csv`).
pub const CONTACTS_SHEET: &str = "Contacts";
/// The CSV file of organizations in a directory folder.
pub const ORGANIZATIONS_CSV: &str = "organizations.csv";
/// The CSV file of contacts in a directory folder.
pub const CONTACTS_CSV: &str = "contacts.csv";
/// The contact's column that names its organization.
pub const ORGANIZATION_COLUMN: &str = "organization";

/// How a column's cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// One text.
    Text,
    /// A list, one item per line of the cell (`services`).
    Lines,
    /// A list, items separated by commas (`tags`, `regions`, `languages`).
    List,
    /// A date cell, or text `YYYY-MM-DD`.
    Date,
    /// TRUE/FALSE, or yes/no.
    Bool,
}

/// One column of a sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Its header, the TOML key.
    pub name: &'static str,
    /// How its cells are read and written.
    pub kind: ColumnKind,
    /// Whether every row needs a value in it.
    pub required: bool,
}

/// The columns of the Organizations sheet, in the order of the format.
pub fn organization_columns() -> Vec<Column> {
    columns(ORGANIZATION)
}

/// The columns of the Contacts sheet: `organization`, then the contact's keys.
pub fn contact_columns() -> Vec<Column> {
    let mut columns = vec![Column {
        name: ORGANIZATION_COLUMN,
        kind: ColumnKind::Text,
        required: true,
    }];
    columns.extend(self::columns(CONTACT));
    columns
}

fn columns(schema: &Schema) -> Vec<Column> {
    schema
        .keys
        .iter()
        .filter_map(|key| {
            let kind = match key.kind {
                Kind::Text => ColumnKind::Text,
                Kind::Texts if key.name == "services" => ColumnKind::Lines,
                Kind::Texts => ColumnKind::List,
                Kind::Date => ColumnKind::Date,
                Kind::Bool => ColumnKind::Bool,
                Kind::Integer | Kind::Table | Kind::Tables => return None,
            };
            Some(Column {
                name: key.name,
                kind,
                required: key.required,
            })
        })
        .collect()
}

/// A header as written (`Short name`, ` ID `) → the column it names (`short_name`, `id`).
pub fn normalized_header(header: &str) -> String {
    header.trim().to_lowercase().replace([' ', '-'], "_")
}

/// The items of a list cell: one per line (`services`) or separated by commas, each with
/// its byte offset in the cell; blank items are left out.
pub fn split_items(text: &str, kind: ColumnKind) -> Vec<(usize, &str)> {
    let separator = if kind == ColumnKind::Lines { '\n' } else { ',' };
    let mut items = Vec::new();
    let mut at = 0;
    for piece in text.split(separator) {
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let lead = piece.len() - piece.trim_start().len();
            items.push((at + lead, trimmed));
        }
        at += piece.len() + separator.len_utf8();
    }
    items
}

/// A list as one cell: lines for `services`, else `a, b`.
pub fn join_items(items: &[String], kind: ColumnKind) -> String {
    items.join(if kind == ColumnKind::Lines {
        "\n"
    } else {
        ", "
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_the_two_tables_is_a_column() {
        let names: Vec<&str> = organization_columns().iter().map(|c| c.name).collect();
        assert_eq!(
            names,
            [
                "id",
                "name",
                "short_name",
                "section",
                "summary",
                "about",
                "services_intro",
                "services",
                "closing",
                "tags",
                "regions"
            ]
        );
        let names: Vec<&str> = contact_columns().iter().map(|c| c.name).collect();
        assert_eq!(names[0], "organization");
        assert!(names.contains(&"confidential") && names.contains(&"languages"));
    }

    #[test]
    fn items_keep_their_offsets() {
        assert_eq!(
            split_items("a, b ,,c", ColumnKind::List),
            [(0, "a"), (3, "b"), (7, "c")]
        );
        assert_eq!(
            split_items("one\r\n\ntwo", ColumnKind::Lines),
            [(0, "one"), (6, "two")]
        );
    }
}
