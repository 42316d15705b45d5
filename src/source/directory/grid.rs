//! Reading a workbook (calamine: .xlsx, .xls, .ods) or a folder of CSV files (csv) into
//! plain grids of cells with their positions, before anything is made of them; the merged
//! cells of an .ods come from [`ods_merges`](super::ods_merges).

use std::path::Path;

use calamine::{Data, Reader, SheetVisible, Sheets};

/// What a cell holds, as the spreadsheet stored it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A number (a spreadsheet stores every number as a floating point number).
    Number(f64),
    /// TRUE or FALSE.
    Bool(bool),
    /// A date cell, as `YYYY-MM-DD`.
    Date(String),
    /// An error value such as `#REF!`.
    Error(String),
    /// A formula whose value was never saved.
    Uncomputed(String),
}

impl Value {
    /// The cell's text as the spreadsheet shows it.
    pub fn shown(&self) -> String {
        match self {
            Value::Text(text) | Value::Date(text) | Value::Error(text) => text.clone(),
            Value::Number(number) => number_text(*number),
            Value::Bool(flag) => if *flag { "TRUE" } else { "FALSE" }.into(),
            Value::Uncomputed(formula) => format!("={}", formula.trim_start_matches('=')),
        }
    }
}

/// A number as the digits a spreadsheet shows, never `2065550142.0`.
pub fn number_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    }
}

/// One cell that holds something.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Zero-based column.
    pub column: u32,
    /// What it holds.
    pub value: Value,
}

/// One row that holds something.
#[derive(Debug, Clone)]
pub struct Row {
    /// One-based row number, as the spreadsheet shows it.
    pub number: u32,
    /// Its cells, left to right.
    pub cells: Vec<Cell>,
}

/// One sheet, or one CSV file.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The file, as the guide names it (`directory.xlsx`, `directory/contacts.csv`).
    pub file: String,
    /// The sheet's name, or empty for a CSV file.
    pub sheet: String,
    /// Its rows that hold something, top to bottom.
    pub rows: Vec<Row>,
    /// Merged cells: (first row, first column, last row, last column), zero-based.
    pub merged: Vec<(u32, u32, u32, u32)>,
    /// Cells that are not UTF-8 text (CSV only): (row number, column).
    pub not_utf8: Vec<(u32, u32)>,
}

/// A sheet of a workbook, with whether it is hidden.
#[derive(Debug)]
pub struct NamedSheet {
    /// Its name.
    pub name: String,
    /// Hidden or very hidden.
    pub hidden: bool,
}

/// Every sheet of a workbook, read.
#[derive(Debug)]
pub struct Workbook {
    /// The sheets, in the workbook's order.
    pub sheets: Vec<NamedSheet>,
    /// The grids of the sheets that were asked for, by name.
    pub grids: Vec<Grid>,
}

/// `A` for column 0, `AA` for column 26.
pub fn column_letters(column: u32) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Reads the sheets `wanted` of the workbook at `path`, shown as `file`.
pub fn read_workbook(path: &Path, file: &str, wanted: &[&str]) -> Result<Workbook, String> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let sheets: Vec<NamedSheet> = book
        .sheets_metadata()
        .iter()
        .map(|s| NamedSheet {
            name: s.name.clone(),
            hidden: s.visible != SheetVisible::Visible,
        })
        .collect();
    // calamine reports the merged cells of an .xlsx only; those of an .ods are read apart.
    let mut ods_merged = match book {
        Sheets::Ods(_) => super::ods_merges::read(path)?,
        _ => std::collections::HashMap::new(),
    };
    let mut grids = Vec::new();
    for sheet in sheets.iter().filter(|s| wanted.contains(&s.name.as_str())) {
        let range = book
            .worksheet_range(&sheet.name)
            .map_err(|e| e.to_string())?;
        let formulas = book.worksheet_formula(&sheet.name).ok();
        let merged = match &mut book {
            Sheets::Xlsx(xlsx) => xlsx
                .merge_cells_by_sheet_name(&sheet.name)
                .unwrap_or_default()
                .iter()
                .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
                .collect(),
            Sheets::Ods(_) => ods_merged.remove(&sheet.name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let mut rows: Vec<Row> = Vec::new();
        let mut add = |row: u32, column: u32, value: Value| {
            if rows.last().is_none_or(|r| r.number != row + 1) {
                rows.push(Row {
                    number: row + 1,
                    cells: Vec::new(),
                });
            }
            rows.last_mut()
                .expect("just pushed")
                .cells
                .push(Cell { column, value });
        };
        let (top, left) = range.start().unwrap_or((0, 0));
        let (height, width) = range.get_size();
        let formula_at = |row: u32, column: u32| {
            formulas
                .as_ref()
                .and_then(|f| f.get_value((row, column)))
                .filter(|f| !f.trim().is_empty())
                .cloned()
        };
        let mut seen = std::collections::HashSet::new();
        for r in 0..height as u32 {
            for c in 0..width as u32 {
                let (row, column) = (top + r, left + c);
                let data = range.get((r as usize, c as usize)).unwrap_or(&Data::Empty);
                let value = match cell_value(data) {
                    Some(value) => Some(value),
                    None => formula_at(row, column).map(Value::Uncomputed),
                };
                if let Some(value) = value {
                    seen.insert((row, column));
                    add(row, column, value);
                }
            }
        }
        // A formula outside the range of values has no value at all.
        if let Some(formulas) = &formulas {
            let mut lone: Vec<(u32, u32, String)> = formulas
                .cells()
                .filter(|(_, _, f)| !f.trim().is_empty())
                .map(|(r, c, f)| {
                    let (ftop, fleft) = formulas.start().unwrap_or((0, 0));
                    (ftop + r as u32, fleft + c as u32, f.clone())
                })
                .filter(|(r, c, _)| !seen.contains(&(*r, *c)))
                .collect();
            lone.sort();
            for (row, column, formula) in lone {
                insert(&mut rows, row, column, Value::Uncomputed(formula));
            }
        }
        grids.push(Grid {
            file: file.to_owned(),
            sheet: sheet.name.clone(),
            rows,
            merged,
            not_utf8: Vec::new(),
        });
    }
    Ok(Workbook { sheets, grids })
}

fn insert(rows: &mut Vec<Row>, row: u32, column: u32, value: Value) {
    let at = rows.partition_point(|r| r.number < row + 1);
    if rows.get(at).is_none_or(|r| r.number != row + 1) {
        rows.insert(
            at,
            Row {
                number: row + 1,
                cells: Vec::new(),
            },
        );
    }
    let cells = &mut rows[at].cells;
    let i = cells.partition_point(|c| c.column < column);
    cells.insert(i, Cell { column, value });
}

fn cell_value(data: &Data) -> Option<Value> {
    Some(match data {
        Data::Empty => return None,
        Data::String(text) if text.trim().is_empty() => return None,
        Data::String(text) | Data::DurationIso(text) => Value::Text(text.clone()),
        Data::Int(n) => Value::Number(*n as f64),
        Data::Float(n) => Value::Number(*n),
        Data::Bool(flag) => Value::Bool(*flag),
        Data::DateTime(datetime) if datetime.is_datetime() => {
            let (y, m, d, ..) = datetime.to_ymd_hms_milli();
            Value::Date(format!("{y:04}-{m:02}-{d:02}"))
        }
        Data::DateTime(duration) => Value::Number(duration.as_f64()),
        Data::DateTimeIso(text) => match text.get(..10) {
            Some(day) if day.as_bytes().get(4) == Some(&b'-') => Value::Date(day.to_owned()),
            _ => Value::Text(text.clone()),
        },
        Data::Error(error) => Value::Error(error.to_string()),
    })
}

/// Reads a CSV file, shown as `file`; every cell is text.
pub fn read_csv(bytes: &[u8], file: &str) -> Result<Grid, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut grid = Grid {
        file: file.to_owned(),
        ..Grid::default()
    };
    // A spreadsheet shows each record as a row, and each blank line as an empty row; a
    // record's line in the file counts the line breaks inside its cells too.
    let (mut number, mut next_line) = (0u32, 1u64);
    for record in reader.byte_records() {
        let record = record.map_err(|e| e.to_string())?;
        let line = record.position().map_or(next_line, csv::Position::line);
        number += 1 + (line.saturating_sub(next_line)) as u32;
        let breaks = record.iter().flatten().filter(|&&b| b == b'\n').count() as u64;
        next_line = line + breaks + 1;
        let mut cells = Vec::new();
        for (column, field) in record.iter().enumerate() {
            let text = if let Ok(text) = std::str::from_utf8(field) {
                text.to_owned()
            } else {
                grid.not_utf8.push((number, column as u32));
                String::from_utf8_lossy(field).into_owned()
            };
            if !text.trim().is_empty() {
                cells.push(Cell {
                    column: column as u32,
                    value: Value::Text(text),
                });
            }
        }
        if !cells.is_empty() {
            grid.rows.push(Row { number, cells });
        }
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn a_whole_number_is_shown_without_a_decimal_point() {
        assert_eq!(number_text(2_065_550_142.0), "2065550142");
        assert_eq!(number_text(1.5), "1.5");
    }
}
