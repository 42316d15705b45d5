//! The directory as a workbook (xlsx, ods) or a CSV folder, in the layout `directory =`
//! reads: sheets `Organizations` and `Contacts`, a header row of keys, one row each.
//!
//! Every file is deterministic: the guide's date is the only date in it (document
//! properties, zip entry times), so the same guide gives the same bytes.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::directory::{Cell, contact_columns, organization_columns};
use crate::model::Date;
pub use crate::source::directory::columns::{
    CONTACTS_CSV, CONTACTS_SHEET, ORGANIZATIONS_CSV, ORGANIZATIONS_SHEET,
};

/// One sheet: its name, its header and its rows.
pub struct Sheet<'a> {
    /// The sheet's name.
    pub name: &'a str,
    /// The header row.
    pub columns: Vec<&'static str>,
    /// The rows under it.
    pub rows: &'a [Vec<Cell>],
}

/// The two sheets of a directory.
pub fn directory_sheets<'a>(
    organizations: &'a [Vec<Cell>],
    contacts: &'a [Vec<Cell>],
) -> [Sheet<'a>; 2] {
    [
        Sheet {
            name: ORGANIZATIONS_SHEET,
            columns: organization_columns(),
            rows: organizations,
        },
        Sheet {
            name: CONTACTS_SHEET,
            columns: contact_columns(),
            rows: contacts,
        },
    ]
}

/// An xlsx workbook; `title` goes into its document properties.
pub fn xlsx(sheets: &[Sheet<'_>], title: &str, date: Date) -> Result<Vec<u8>, String> {
    let mut workbook = Workbook::new();
    let day = date.0;
    let created = ExcelDateTime::from_ymd(day.year() as u16, u8::from(day.month()), day.day())
        .map_err(|e| e.to_string())?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&created),
    );
    let header = Format::new().set_bold();
    let wrapped = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let dated = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(sheet.name).map_err(|e| e.to_string())?;
        for (col, name) in sheet.columns.iter().enumerate() {
            let col = col as u16;
            worksheet
                .write_string_with_format(0, col, *name, &header)
                .map_err(|e| e.to_string())?;
            worksheet
                .set_column_width(col, column_width(name))
                .map_err(|e| e.to_string())?;
        }
        worksheet
            .set_freeze_panes(1, 0)
            .map_err(|e| e.to_string())?;
        for (row, cells) in sheet.rows.iter().enumerate() {
            let row = row as u32 + 1;
            for (col, cell) in cells.iter().enumerate() {
                let col = col as u16;
                let written = match cell {
                    Cell::Empty => continue,
                    // Always text: a phone number must never become a number.
                    Cell::Text(text) => {
                        worksheet.write_string_with_format(row, col, text, &wrapped)
                    }
                    Cell::Date(text) => match excel_date(text) {
                        Some(day) => worksheet.write_datetime_with_format(row, col, &day, &dated),
                        None => worksheet.write_string_with_format(row, col, text, &wrapped),
                    },
                    Cell::True => worksheet.write_boolean(row, col, true),
                };
                written.map_err(|e| e.to_string())?;
            }
        }
    }
    workbook.save_to_buffer().map_err(|e| e.to_string())
}

fn excel_date(text: &str) -> Option<ExcelDateTime> {
    let mut parts = text.splitn(3, '-').map(str::parse::<u16>);
    let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    ExcelDateTime::from_ymd(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?).ok()
}

/// Wide columns for the long texts, narrow ones for ids and dates.
fn column_width(name: &str) -> f64 {
    match name {
        "about" | "services" | "closing" | "summary" => 50.0,
        "name" | "label" | "value" | "hours" | "services_intro" => 30.0,
        "regions" | "languages" | "tags" => 20.0,
        _ => 14.0,
    }
}

/// An OpenDocument spreadsheet, written here (no ods crate writes the same bytes twice):
/// `mimetype` first and stored, then the manifest, the metadata and the content.
pub fn ods(sheets: &[Sheet<'_>], title: &str, date: Date) -> Result<Vec<u8>, String> {
    let time = zip_time(date);
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(time);
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(time);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let files: [(&str, String, SimpleFileOptions); 4] = [
        ("mimetype", ODS_MIMETYPE.to_owned(), stored),
        ("META-INF/manifest.xml", ODS_MANIFEST.to_owned(), deflated),
        ("meta.xml", ods_meta(title, date), deflated),
        ("content.xml", ods_content(sheets), deflated),
    ];
    for (name, text, options) in files {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

fn ods_meta(title: &str, date: Date) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2">
 <office:meta>
  <meta:generator>guidepress</meta:generator>
  <dc:title>{}</dc:title>
  <meta:creation-date>{date}T00:00:00</meta:creation-date>
  <dc:date>{date}T00:00:00</dc:date>
 </office:meta>
</office:document-meta>
"#,
        xml_escape(title)
    )
}

fn ods_content(sheets: &[Sheet<'_>]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2">
 <office:automatic-styles>
  <number:date-style style:name="iso-date"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
  <style:style style:name="header" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="date" style:family="table-cell" style:data-style-name="iso-date"/>
 </office:automatic-styles>
 <office:body>
  <office:spreadsheet>
"#,
    );
    for sheet in sheets {
        let _ = writeln!(
            xml,
            "   <table:table table:name=\"{}\">",
            xml_escape(sheet.name)
        );
        let _ = writeln!(
            xml,
            "    <table:table-column table:number-columns-repeated=\"{}\"/>",
            sheet.columns.len()
        );
        xml.push_str("    <table:table-row>");
        for name in &sheet.columns {
            let _ = write!(
                xml,
                "<table:table-cell table:style-name=\"header\" office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                xml_escape(name)
            );
        }
        xml.push_str("</table:table-row>\n");
        for row in sheet.rows {
            xml.push_str("    <table:table-row>");
            for cell in row {
                xml.push_str(&ods_cell(cell));
            }
            xml.push_str("</table:table-row>\n");
        }
        xml.push_str("   </table:table>\n");
    }
    xml.push_str("  </office:spreadsheet>\n </office:body>\n</office:document-content>\n");
    xml
}

fn ods_cell(cell: &Cell) -> String {
    match cell {
        Cell::Empty => "<table:table-cell/>".to_owned(),
        Cell::Text(text) => {
            let paragraphs = text.split('\n').fold(String::new(), |mut out, line| {
                out.push_str("<text:p>");
                out.push_str(&ods_text(line));
                out.push_str("</text:p>");
                out
            });
            format!("<table:table-cell office:value-type=\"string\">{paragraphs}</table:table-cell>")
        }
        Cell::Date(day) => format!(
            "<table:table-cell table:style-name=\"date\" office:value-type=\"date\" office:date-value=\"{0}\"><text:p>{0}</text:p></table:table-cell>",
            xml_escape(day)
        ),
        Cell::True => "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"><text:p>TRUE</text:p></table:table-cell>".to_owned(),
    }
}

/// Text in a `text:p`: runs of spaces and tabs are elements in ODF, or they collapse.
fn ods_text(line: &str) -> String {
    let mut out = String::new();
    let mut spaces = 0usize;
    let flush = |out: &mut String, spaces: &mut usize, at_start: bool| {
        match *spaces {
            0 => {}
            1 if !at_start => out.push(' '),
            n if at_start => {
                let _ = write!(out, "<text:s text:c=\"{n}\"/>");
            }
            n => {
                let _ = write!(out, " <text:s text:c=\"{}\"/>", n - 1);
            }
        }
        *spaces = 0;
    };
    for ch in line.chars() {
        match ch {
            ' ' => spaces += 1,
            '\t' => {
                let at_start = out.is_empty();
                flush(&mut out, &mut spaces, at_start);
                out.push_str("<text:tab/>");
            }
            _ => {
                let at_start = out.is_empty();
                flush(&mut out, &mut spaces, at_start);
                out.push_str(&xml_escape(&ch.to_string()));
            }
        }
    }
    // Trailing spaces are written as an element too, so they are kept.
    if spaces > 0 {
        let _ = write!(out, "<text:s text:c=\"{spaces}\"/>");
    }
    out
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The zip entry time for the guide's date; zip can only store the years 1980 to 2107.
fn zip_time(date: Date) -> zip::DateTime {
    let day = date.0;
    let year = day.year().clamp(1980, 2107);
    let (month, dom) = if year == day.year() {
        (u8::from(day.month()), day.day())
    } else {
        (1, 1)
    };
    zip::DateTime::from_date_and_time(year as u16, month, dom, 0, 0, 0)
        .expect("a calendar date in the zip range")
}

/// One sheet as CSV text (RFC 4180, a header row, UTF-8).
pub fn csv(sheet: &Sheet<'_>) -> Result<Vec<u8>, String> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(&sheet.columns)
        .map_err(|e| e.to_string())?;
    for row in sheet.rows {
        writer
            .write_record(row.iter().map(Cell::as_text))
            .map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}
