//! The merged cells of an OpenDocument spreadsheet, which calamine does not report: each
//! `table:table-cell` of `content.xml` that spans more than one column or row, at the
//! address a spreadsheet shows (counting the repeated rows and cells written once).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Seek};
use std::path::Path;

use quick_xml::NsReader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};

/// The OpenDocument table namespace.
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";

/// The most merges reported per sheet: a merged cell in a row repeated a million times is
/// still one mistake to fix.
const MAX_MERGES: usize = 1000;

/// A merge: (first row, first column, last row, last column), zero-based, as in
/// [`Grid::merged`](super::grid::Grid::merged).
pub(super) type Merge = (u32, u32, u32, u32);

/// The merged cells of each sheet of the .ods file at `path`, by sheet name.
pub(super) fn read(path: &Path) -> Result<HashMap<String, Vec<Merge>>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    read_archive(BufReader::new(file))
}

fn read_archive(archive: impl Read + Seek) -> Result<HashMap<String, Vec<Merge>>, String> {
    let mut archive = zip::ZipArchive::new(archive).map_err(|e| e.to_string())?;
    let content = archive
        .by_name("content.xml")
        .map_err(|e| format!("content.xml: {e}"))?;
    merges(BufReader::new(content)).map_err(|e| format!("content.xml: {e}"))
}

/// Where the reading of one sheet is.
#[derive(Default)]
struct Sheet {
    name: String,
    merges: Vec<Merge>,
    /// The row the next `table:table-row` starts at.
    next_row: u32,
    /// Inside a row: its first row, how many times it is repeated, the next cell's column.
    row: Option<(u32, u32, u32)>,
}

/// The merges of every sheet of a `content.xml`.
fn merges(xml: impl BufRead) -> Result<HashMap<String, Vec<Merge>>, String> {
    let mut reader = NsReader::from_reader(xml);
    let mut found = HashMap::new();
    let mut sheet: Option<Sheet> = None;
    // Tables inside a cell of the sheet (subtables) have cells of their own, not the sheet's.
    let mut nested = 0u32;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?;
        let (element, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                let (ns, local) = reader.resolver().resolve_element(e.name());
                if !is_table(&ns) {
                    continue;
                }
                match (local.as_ref(), sheet.as_mut()) {
                    ("table", Some(_)) if nested > 0 => nested -= 1,
                    ("table", Some(_)) => {
                        let done = sheet.take().expect("matched");
                        found.insert(done.name, done.merges);
                    }
                    ("table-row", Some(current)) if nested == 0 => {
                        if let Some((first, repeated, _)) = current.row.take() {
                            current.next_row = first.saturating_add(repeated);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let (ns, local) = reader.resolver().resolve_element(element.name());
        if !is_table(&ns) {
            continue;
        }
        match (local.as_ref(), sheet.as_mut()) {
            ("table", None) if !empty => {
                sheet = Some(Sheet {
                    name: attribute(&reader, element, "name").unwrap_or_default(),
                    ..Sheet::default()
                });
            }
            ("table", Some(_)) if !empty => nested += 1,
            ("table-row", Some(current)) if nested == 0 => {
                let repeated = number(&reader, element, "number-rows-repeated");
                if empty {
                    current.next_row = current.next_row.saturating_add(repeated);
                } else {
                    current.row = Some((current.next_row, repeated, 0));
                }
            }
            (cell @ ("table-cell" | "covered-table-cell"), Some(current)) if nested == 0 => {
                let Some((first_row, rows_repeated, column)) = current.row.as_mut() else {
                    continue;
                };
                let repeated = number(&reader, element, "number-columns-repeated");
                let across = number(&reader, element, "number-columns-spanned");
                let down = number(&reader, element, "number-rows-spanned");
                if cell == "table-cell" && (across > 1 || down > 1) {
                    for r in 0..*rows_repeated {
                        for c in 0..repeated {
                            if current.merges.len() >= MAX_MERGES {
                                break;
                            }
                            let (top, left) =
                                (first_row.saturating_add(r), column.saturating_add(c));
                            current.merges.push((
                                top,
                                left,
                                top.saturating_add(down - 1),
                                left.saturating_add(across - 1),
                            ));
                        }
                    }
                }
                *column = column.saturating_add(repeated);
            }
            _ => {}
        }
    }
    Ok(found)
}

fn is_table(ns: &ResolveResult<'_>) -> bool {
    matches!(ns, ResolveResult::Bound(Namespace(uri)) if *uri == TABLE)
}

/// The value of the table attribute `local` of an element.
fn attribute<R>(reader: &NsReader<R>, element: &BytesStart<'_>, local: &str) -> Option<String> {
    element.attributes().flatten().find_map(|attr| {
        let (ns, name) = reader.resolver().resolve_attribute(attr.key);
        (is_table(&ns) && name.as_ref() == local)
            .then(|| attr.normalized_value(XmlVersion::Implicit1_0).ok())
            .flatten()
            .map(std::borrow::Cow::into_owned)
    })
}

/// A count attribute (`number-…`), 1 when it is absent or not a positive number.
fn number<R>(reader: &NsReader<R>, element: &BytesStart<'_>, local: &str) -> u32 {
    attribute(reader, element, local)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(body: &str) -> HashMap<String, Vec<Merge>> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>
</office:document-content>"#
        );
        merges(xml.as_bytes()).unwrap()
    }

    #[test]
    fn repeated_rows_and_cells_count_toward_the_address() {
        // Row 1: A1, B1:C1 repeated (B, C), D1 spans two columns → D1:E1.
        // Rows 2–4: one empty row written three times. Row 5: C5 spans two rows → C5:C6.
        let found = sheet(
            r#"<t:table t:name="Contacts &amp; more">
<t:table-column t:number-columns-repeated="6"/>
<t:table-row><t:table-cell/><t:table-cell t:number-columns-repeated="2"><text:p>x</text:p></t:table-cell>
<t:table-cell t:number-columns-spanned="2" t:number-rows-spanned="1"><text:p>y</text:p></t:table-cell><t:covered-table-cell/></t:table-row>
<t:table-row t:number-rows-repeated="3"><t:table-cell t:number-columns-repeated="1024"/></t:table-row>
<t:table-row><t:table-cell t:number-columns-repeated="2"/><t:table-cell t:number-rows-spanned="2"/></t:table-row>
<t:table-row><t:table-cell t:number-columns-repeated="2"/><t:covered-table-cell/></t:table-row>
<t:table-row t:number-rows-repeated="1048570"><t:table-cell t:number-columns-repeated="1024"/></t:table-row>
</t:table>"#,
        );
        assert_eq!(found["Contacts & more"], vec![(0, 3, 0, 4), (4, 2, 5, 2)]);
    }

    #[test]
    fn a_covered_cell_is_not_a_merge_of_its_own_and_a_subtable_is_not_the_sheet() {
        let found = sheet(
            r#"<t:table t:name="A"><t:table-header-rows><t:table-row><t:table-cell/></t:table-row></t:table-header-rows>
<t:table-row-group><t:table-row><t:table-cell t:number-columns-spanned="3"><t:table t:name="inner">
<t:table-row><t:table-cell t:number-columns-spanned="9"/></t:table-row></t:table></t:table-cell>
<t:covered-table-cell t:number-columns-repeated="2" t:number-columns-spanned="5"/></t:table-row></t:table-row-group></t:table>
<t:table t:name="B"/><t:table t:name="C"><t:table-row/><t:table-row><t:table-cell t:number-rows-spanned="2"/></t:table-row></t:table>"#,
        );
        assert_eq!(found["A"], vec![(1, 0, 1, 2)]);
        assert_eq!(found.get("inner"), None);
        assert_eq!(found["C"], vec![(1, 0, 2, 0)]);
    }
}
