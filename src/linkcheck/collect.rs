//! Every web address the guide links to, once each, with every place that uses it.
//!
//! The addresses are the links as the guide builds them (a web contact written
//! `www.example.org` is checked as `https://www.example.org`); rich-text links come from
//! the model's own walk ([`crate::model::texts`]). Places are found in the source again,
//! for the file, line and column of each.

use std::collections::HashMap;

use serde::Serialize;

use crate::diag::cells::{CellPlace, Located};
use crate::diag::{SourceText, line_column};
use crate::model::texts::{TextPlace, links, rich_texts};
use crate::model::{ContactKind, Guide};
use crate::source::raw::{SourceGuide, Text};
use crate::source::span_map::StringMap;

/// One web address and the places that use it, in the order of the file.
#[derive(Debug, Clone)]
pub(super) struct Address {
    /// The link as built.
    pub url: String,
    /// Where it is used.
    pub uses: Vec<Use>,
}

/// A place in the guide that links to an address.
#[derive(Debug, Clone, Serialize)]
pub struct Use {
    /// `org.contact` for a contact; the field for rich text (`family-helpline about`).
    pub place: String,
    /// `contact` or `text`.
    pub kind: UseKind,
    /// What is written there: the contact's value, or the link's target.
    pub written: String,
    /// The guide file, or the workbook or CSV file of its directory.
    pub file: String,
    /// In a workbook directory: the sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// In a spreadsheet directory: the cell (`E7`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// One-based line of what is written (in the cell's text, for a cell).
    pub line: usize,
    /// One-based column (in characters) of what is written.
    pub column: usize,
    #[serde(skip)]
    offset: usize,
}

/// Whether a use is a contact or a link in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UseKind {
    /// A web contact.
    Contact,
    /// A link in rich text.
    Text,
}

/// The guide's web addresses, each once, in the order they first appear in the file.
pub(super) fn addresses(guide: &Guide, source: &SourceText, raw: &SourceGuide) -> Vec<Address> {
    let at = |offset: usize, place: String, kind, written: &str| {
        let (file, sheet, cell, (line, column)) = match where_in_cells(source, offset) {
            Some((cell, (line, column))) => (
                cell.file,
                (!cell.sheet.is_empty()).then_some(cell.sheet),
                Some(cell.cell),
                (line, column),
            ),
            None => (
                source.name.clone(),
                None,
                None,
                line_column(&source.text, offset),
            ),
        };
        Use {
            place,
            kind,
            written: written.to_owned(),
            file,
            sheet,
            cell,
            line,
            column,
            offset,
        }
    };
    let mut uses: Vec<(String, Use)> = Vec::new();
    for org in &guide.organizations {
        for contact in org.contacts.iter().filter(|c| c.kind == ContactKind::Web) {
            let Some(href) = &contact.href else { continue };
            let offset = contact_value(raw, &org.id, &contact.id)
                .map_or(0, |text| start_in_source(source, text, 0));
            let place = format!("{}.{}", org.id, contact.id);
            uses.push((
                href.clone(),
                at(offset, place, UseKind::Contact, &contact.value),
            ));
        }
    }
    for (place, text) in rich_texts(guide) {
        let written = field(raw, place);
        // Each link is looked for after the one before, so two links to one address in
        // a text are two places.
        let mut from = 0;
        for link in links(text).into_iter().filter(|l| is_web(&l.url)) {
            let offset = written.map_or(0, |field| {
                let decoded = field.get_ref();
                let found = decoded.get(from..).and_then(|rest| rest.find(&link.url));
                let inside = found.map_or(0, |i| {
                    from += i + link.url.len();
                    from - link.url.len()
                });
                start_in_source(source, field, inside)
            });
            uses.push((
                link.url.clone(),
                at(offset, place.to_string(), UseKind::Text, &link.url),
            ));
        }
    }
    uses.sort_by_key(|(_, u)| u.offset);
    let mut addresses: Vec<Address> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (url, found) in uses {
        let i = *index.entry(url.clone()).or_insert_with(|| {
            addresses.push(Address {
                url,
                uses: Vec::new(),
            });
            addresses.len() - 1
        });
        addresses[i].uses.push(found);
    }
    addresses
}

/// For a guide whose directory is a spreadsheet, the cell an offset of the text came from,
/// and the line and column in the cell's text.
fn where_in_cells(source: &SourceText, offset: usize) -> Option<(CellPlace, (usize, usize))> {
    match source.cells.as_ref()?.locate(&(offset..offset))? {
        Located::Cell(cell, range) => {
            Some((cell.place.clone(), line_column(&cell.text, range.start)))
        }
        Located::Row(row) => Some((row.place.clone(), (1, 1))),
    }
}

fn is_web(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Where decoded byte `inside` of `text` was written in the file.
fn start_in_source(source: &SourceText, text: &Text, inside: usize) -> usize {
    let span = text.span();
    let token = source.text.get(span.clone()).unwrap_or("");
    StringMap::new(token, span.start)
        .to_source(inside..inside)
        .start
}

fn contact_value<'r>(raw: &'r SourceGuide, org: &str, contact: &str) -> Option<&'r Text> {
    organization(raw, org)?
        .contact
        .iter()
        .map(toml::Spanned::get_ref)
        .find(|c| c.id.as_ref().is_some_and(|id| id.get_ref() == contact))?
        .value
        .as_ref()
}

fn organization<'r>(
    raw: &'r SourceGuide,
    id: &str,
) -> Option<&'r crate::source::raw::OrganizationTable> {
    raw.organization
        .iter()
        .map(toml::Spanned::get_ref)
        .find(|o| o.id.as_ref().is_some_and(|i| i.get_ref() == id))
}

/// The text written for a rich-text field.
fn field<'r>(raw: &'r SourceGuide, place: TextPlace<'_>) -> Option<&'r Text> {
    match place {
        TextPlace::Guide(name) => {
            let guide = raw.guide.as_ref()?.get_ref();
            match name {
                "intro" => guide.intro.as_ref(),
                _ => guide.closing.as_ref(),
            }
        }
        TextPlace::Section(id, _) => raw
            .section
            .iter()
            .map(toml::Spanned::get_ref)
            .find(|s| s.id.as_ref().is_some_and(|i| i.get_ref() == id))?
            .intro
            .as_ref(),
        TextPlace::Organization(id, name, item) => {
            let org = organization(raw, id)?;
            match (name, item) {
                (_, Some(i)) => org.services.get(i),
                ("about", None) => org.about.as_ref(),
                _ => org.closing.as_ref(),
            }
        }
    }
}
