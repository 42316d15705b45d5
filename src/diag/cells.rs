//! Where the parts of a text came from when they were read from the cells of a workbook or
//! a CSV file: a guide whose `directory` is a spreadsheet is checked as one TOML text (its
//! own, then its rows written as tables), and every problem in the rows is shown at the
//! cell it came from (`directory.xlsx: Contacts!E7`), with the cell's own text.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::{Error as FilesError, Files, SimpleFile};
use codespan_reporting::term::{self, Config};

/// The cells behind the generated part of a text, in the order they were written.
#[derive(Debug, Default)]
pub struct CellMap {
    /// Where the generated part starts; before it is the guide's own TOML.
    pub start: usize,
    /// The value tokens, each from one cell, sorted by where they are in the text.
    pub cells: Vec<CellOrigin>,
    /// The tables, each from one row, sorted by where they are in the text.
    pub rows: Vec<RowOrigin>,
    /// Where each column is: (sheet, column name, column letters).
    pub columns: Vec<(String, String, String)>,
    /// Problems found while reading the cells, each at a span of the text (no file yet).
    pub problems: Vec<super::Diagnostic>,
}

/// Where a cell is: the file as shown, the sheet (empty for a CSV file) and the reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellPlace {
    /// The workbook or CSV file, as the guide names it: `directory.xlsx`.
    pub file: String,
    /// The sheet, or empty for a CSV file.
    pub sheet: String,
    /// `E7`.
    pub cell: String,
}

impl CellPlace {
    /// `directory.xlsx: Contacts!E7`, or `directory/contacts.csv: E7`.
    pub fn shown(&self) -> String {
        format!("{}: {}", self.file, self.reference())
    }

    /// `Contacts!E7`, or `E7` in a CSV file.
    pub fn reference(&self) -> String {
        if self.cell.is_empty() {
            self.sheet.clone()
        } else if self.sheet.is_empty() {
            self.cell.clone()
        } else {
            format!("{}!{}", self.sheet, self.cell)
        }
    }
}

/// One value token and the cell it came from.
#[derive(Debug)]
pub struct CellOrigin {
    /// The token in the text.
    pub range: Range<usize>,
    /// The cell.
    pub place: CellPlace,
    /// The cell's whole text, as the spreadsheet shows it.
    pub text: String,
    /// Runs of the token that are the cell's text byte for byte: (offset in the text,
    /// offset in the cell). Between runs are escapes, each standing for one character.
    pub runs: Vec<(usize, usize)>,
}

/// One table and the row it came from.
#[derive(Debug)]
pub struct RowOrigin {
    /// The table in the text, header to the next table.
    pub range: Range<usize>,
    /// The row's first and last cell (`Contacts!A7:K7`).
    pub place: CellPlace,
}

/// What a text position is, in the cells.
pub enum Located<'m> {
    /// Inside a cell's value: the cell, and the byte range in its text.
    Cell(&'m CellOrigin, Range<usize>),
    /// A row as a whole.
    Row(&'m RowOrigin),
}

impl CellMap {
    /// Where a range of the text came from, when it is in the generated part.
    pub fn locate(&self, span: &Range<usize>) -> Option<Located<'_>> {
        if span.start < self.start {
            return None;
        }
        let after = self.cells.partition_point(|c| c.range.start <= span.start);
        if let Some(cell) = after.checked_sub(1).map(|i| &self.cells[i])
            && span.start < cell.range.end.max(cell.range.start + 1)
        {
            let start = cell.to_cell(span.start);
            let end = cell.to_cell(span.end.min(cell.range.end)).max(start);
            return Some(Located::Cell(cell, start..end));
        }
        let after = self.rows.partition_point(|r| r.range.start <= span.start);
        let row = &self.rows[after.checked_sub(1)?];
        (span.start < row.range.end).then_some(Located::Row(row))
    }

    /// How a position is named in a message: `Contacts!E7`, or `None` before the cells.
    pub fn name_of(&self, offset: usize) -> Option<String> {
        Some(match self.locate(&(offset..offset))? {
            Located::Cell(cell, _) => cell.place.reference(),
            Located::Row(row) => row.place.reference(),
        })
    }
}

impl CellOrigin {
    /// The offset in the cell's text of an offset of the text.
    fn to_cell(&self, offset: usize) -> usize {
        let i = self.runs.partition_point(|&(at, _)| at <= offset);
        let Some(&(at, cell)) = i.checked_sub(1).map(|i| &self.runs[i]) else {
            return 0;
        };
        let end = self.runs.get(i).map_or(self.text.len(), |&(_, next)| next);
        let mut to = (cell + (offset - at)).min(end).min(self.text.len());
        while !self.text.is_char_boundary(to) {
            to -= 1;
        }
        to
    }
}

/// A cell's text as a file for codespan: its name is the cell's place, and every line of
/// it is numbered with the cell's row.
struct CellFile<'a> {
    inner: SimpleFile<&'a str, &'a str>,
    row: usize,
}

impl<'a> Files<'a> for CellFile<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(*self.inner.name())
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(*self.inner.source())
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        self.inner.line_index((), byte_index)
    }

    fn line_number(&'a self, (): (), _line_index: usize) -> Result<usize, FilesError> {
        Ok(self.row)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        self.inner.line_range((), line_index)
    }
}

/// The row number of a cell reference: `E7` → 7.
fn row_of(cell: &str) -> usize {
    cell.trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .split(':')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}

/// Renders a report at a cell: its place as the location, its text with the range
/// underlined (a cell left empty is named without a text to show).
pub(super) fn render(report: Report<()>, located: &Located<'_>) -> String {
    let config = Config::default();
    let (place, text, range) = match located {
        Located::Cell(cell, range) if !cell.text.trim().is_empty() => {
            (cell.place.shown(), cell.text.as_str(), range.clone())
        }
        Located::Cell(cell, _) => return bare(report, &cell.place.shown()),
        Located::Row(row) => return bare(report, &row.place.shown()),
    };
    let files = CellFile {
        inner: SimpleFile::new(place.as_str(), text),
        row: row_of(match located {
            Located::Cell(cell, _) => &cell.place.cell,
            Located::Row(row) => &row.place.cell,
        }),
    };
    let report = report.with_labels(vec![Label::primary((), range)]);
    let shown = term::emit_into_string(&config, &files, &report).unwrap_or_default();
    // codespan names a place `file:line:column`; a cell is named by its reference alone.
    let marker = format!("┌─ {place}:");
    shown
        .lines()
        .map(|line| match line.find(&marker) {
            Some(at) => format!("{}┌─ {place}\n", &line[..at]),
            None => format!("{line}\n"),
        })
        .collect()
}

fn bare(report: Report<()>, place: &str) -> String {
    let message = format!("{place}: {}", report.message);
    let files = SimpleFile::new("", "");
    term::emit_into_string(&Config::default(), &files, &report.with_message(message))
        .unwrap_or_default()
}
