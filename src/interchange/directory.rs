//! The organizations and contacts of a guide, every value as written, in the spreadsheet
//! layout of the source format: sheet `Organizations` and sheet `Contacts`, one column
//! per key.

use crate::source::directory::columns;
use crate::source::raw::{ContactTable, OrganizationTable, SourceGuide, Text};

/// The rows of one sheet, without its header.
pub type Rows = Vec<Vec<Cell>>;
/// The header of the `Organizations` sheet (and `organizations.csv`), in order: the
/// columns `directory =` reads.
pub fn organization_columns() -> Vec<&'static str> {
    columns::organization_columns()
        .iter()
        .map(|c| c.name)
        .collect()
}

/// The header of the `Contacts` sheet (and `contacts.csv`), in order.
pub fn contact_columns() -> Vec<&'static str> {
    columns::contact_columns().iter().map(|c| c.name).collect()
}

/// The organizations and contacts of a guide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    /// Organizations in file order.
    pub organizations: Vec<OrganizationRecord>,
}

/// One organization as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganizationRecord {
    /// Slug.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Abbreviation.
    pub short_name: Option<String>,
    /// Section id.
    pub section: Option<String>,
    /// One line.
    pub summary: String,
    /// Rich text.
    pub about: String,
    /// Lead-in before the services.
    pub services_intro: Option<String>,
    /// Rich text items.
    pub services: Vec<String>,
    /// Rich text after the services.
    pub closing: Option<String>,
    /// Slugs.
    pub tags: Vec<String>,
    /// Where it serves.
    pub regions: Vec<String>,
    /// Contacts in order.
    pub contacts: Vec<ContactRecord>,
}

/// One contact as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactRecord {
    /// Slug, unique within the organization.
    pub id: String,
    /// `phone`, `sms`, `web`, `email` or `address`.
    pub kind: String,
    /// What it is for.
    pub label: String,
    /// As printed.
    pub value: String,
    /// When it can be reached.
    pub hours: Option<String>,
    /// Where it can be reached from.
    pub regions: Vec<String>,
    /// BCP 47 tags.
    pub languages: Vec<String>,
    /// Slugs.
    pub tags: Vec<String>,
    /// `YYYY-MM-DD`.
    pub verified: Option<String>,
    /// Left out of every output but staff-only editions.
    pub confidential: bool,
}

/// A value of one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text, lists already joined.
    Text(String),
    /// A calendar day, `YYYY-MM-DD`.
    Date(String),
    /// True (a false `confidential` is left empty).
    True,
}

impl Cell {
    /// The cell as CSV text.
    pub fn as_text(&self) -> &str {
        match self {
            Self::Empty => "",
            Self::Text(text) | Self::Date(text) => text,
            Self::True => "true",
        }
    }
}

/// A value that cannot be written in the spreadsheet layout without changing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwritable {
    /// `organization ncmec services`, `contact ncmec.tipline regions`.
    pub place: String,
    /// Why.
    pub reason: String,
}

impl Directory {
    /// The organizations and contacts of a parsed (and validated) guide, as written.
    pub fn from_source(raw: &SourceGuide) -> Self {
        Self {
            organizations: raw
                .organization
                .iter()
                .map(|o| organization(o.get_ref()))
                .collect(),
        }
    }

    /// The `Organizations` rows and the `Contacts` rows, without headers; or every value
    /// that a cell cannot hold as it is (a service with a line break, a region with a comma).
    pub fn rows(&self) -> Result<(Rows, Rows), Vec<Unwritable>> {
        let mut problems = Vec::new();
        let mut organizations = Vec::new();
        let mut contacts = Vec::new();
        for org in &self.organizations {
            let place = |key: &str| format!("organization {} {key}", org.id);
            organizations.push(in_order(
                &organization_columns(),
                vec![
                    ("id", text(&org.id)),
                    ("name", text(&org.name)),
                    ("short_name", optional(org.short_name.as_deref())),
                    ("section", optional(org.section.as_deref())),
                    ("summary", text(&org.summary)),
                    ("about", text(&org.about)),
                    ("services_intro", optional(org.services_intro.as_deref())),
                    (
                        "services",
                        lines(&org.services, &place("services"), &mut problems),
                    ),
                    ("closing", optional(org.closing.as_deref())),
                    ("tags", listed(&org.tags, &place("tags"), &mut problems)),
                    (
                        "regions",
                        listed(&org.regions, &place("regions"), &mut problems),
                    ),
                ],
            ));
            for contact in &org.contacts {
                let place = |key: &str| format!("contact {}.{} {key}", org.id, contact.id);
                let confidential = if contact.confidential {
                    Cell::True
                } else {
                    Cell::Empty
                };
                contacts.push(in_order(
                    &contact_columns(),
                    vec![
                        (columns::ORGANIZATION_COLUMN, text(&org.id)),
                        ("id", text(&contact.id)),
                        ("kind", text(&contact.kind)),
                        ("label", text(&contact.label)),
                        ("value", text(&contact.value)),
                        ("hours", optional(contact.hours.as_deref())),
                        (
                            "regions",
                            listed(&contact.regions, &place("regions"), &mut problems),
                        ),
                        (
                            "languages",
                            listed(&contact.languages, &place("languages"), &mut problems),
                        ),
                        ("tags", listed(&contact.tags, &place("tags"), &mut problems)),
                        (
                            "verified",
                            contact.verified.clone().map_or(Cell::Empty, Cell::Date),
                        ),
                        ("confidential", confidential),
                    ],
                ));
            }
        }
        if problems.is_empty() {
            Ok((organizations, contacts))
        } else {
            Err(problems)
        }
    }

    /// Leaves out the confidential contacts.
    #[must_use]
    pub fn without_confidential(mut self) -> Self {
        for org in &mut self.organizations {
            org.contacts.retain(|c| !c.confidential);
        }
        self
    }
}

fn organization(table: &OrganizationTable) -> OrganizationRecord {
    OrganizationRecord {
        id: string(table.id.as_ref()),
        name: string(table.name.as_ref()),
        short_name: table.short_name.as_ref().map(|t| t.get_ref().clone()),
        section: table.section.as_ref().map(|t| t.get_ref().clone()),
        summary: string(table.summary.as_ref()),
        about: string(table.about.as_ref()),
        services_intro: table.services_intro.as_ref().map(|t| t.get_ref().clone()),
        services: strings(&table.services),
        closing: table.closing.as_ref().map(|t| t.get_ref().clone()),
        tags: strings(&table.tags),
        regions: strings(&table.regions),
        contacts: table.contact.iter().map(|c| contact(c.get_ref())).collect(),
    }
}

fn contact(table: &ContactTable) -> ContactRecord {
    ContactRecord {
        id: string(table.id.as_ref()),
        kind: string(table.kind.as_ref()),
        label: string(table.label.as_ref()),
        value: string(table.value.as_ref()),
        hours: table.hours.as_ref().map(|t| t.get_ref().clone()),
        regions: strings(&table.regions),
        languages: strings(&table.languages),
        tags: strings(&table.tags),
        verified: table.verified.as_ref().map(|d| d.get_ref().to_string()),
        confidential: table.confidential.as_ref().is_some_and(|b| *b.get_ref()),
    }
}

fn string(text: Option<&Text>) -> String {
    text.map(|t| t.get_ref().clone()).unwrap_or_default()
}

fn strings(texts: &[Text]) -> Vec<String> {
    texts.iter().map(|t| t.get_ref().clone()).collect()
}

/// A row's cells in the order of the sheet's `columns`, from cells named by their column.
fn in_order(columns: &[&str], mut named: Vec<(&str, Cell)>) -> Vec<Cell> {
    let row = columns
        .iter()
        .map(|column| {
            let at = named.iter().position(|(name, _)| name == column);
            named.swap_remove(at.expect("every column has a cell")).1
        })
        .collect();
    assert!(named.is_empty(), "cells without a column: {named:?}");
    row
}

fn text(value: &str) -> Cell {
    if value.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(value.to_owned())
    }
}

fn optional(value: Option<&str>) -> Cell {
    value.map_or(Cell::Empty, text)
}

/// Services, one per line in the cell.
fn lines(items: &[String], place: &str, problems: &mut Vec<Unwritable>) -> Cell {
    for item in items {
        if item.contains('\n') || item.trim().is_empty() {
            problems.push(Unwritable {
                place: place.to_owned(),
                reason: format!(
                    "the item {item:?} cannot be one line of the cell (it has a line break, or is empty)"
                ),
            });
        }
    }
    text(&items.join("\n"))
}

/// Tags, regions and languages, comma-separated.
fn listed(items: &[String], place: &str, problems: &mut Vec<Unwritable>) -> Cell {
    for item in items {
        if item.contains(',') || item.contains('\n') || item.trim() != item || item.is_empty() {
            problems.push(Unwritable {
                place: place.to_owned(),
                reason: format!(
                    "{item:?} cannot be one item of a comma-separated cell (it has a comma, a line break or spaces around it)"
                ),
            });
        }
    }
    text(&items.join(", "))
}
