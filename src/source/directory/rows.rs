//! The two sheets → guide TOML: headers matched to columns, each row to a table, each cell
//! to a key, and every problem of a cell found on the way (a phone number stored as a
//! number, a date that is not one, a formula without a value, an unknown header…).

use std::collections::HashMap;
use std::ops::Range;

use super::columns::{
    Column, ColumnKind, ORGANIZATION_COLUMN, contact_columns, normalized_header,
    organization_columns, split_items,
};
use super::grid::{Grid, Row, Value, column_letters};
use super::writer::{Origin, TomlWriter};
use crate::diag::cells::CellPlace;
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diagnostic, Severity};

/// Problems found in the cells, each at a span of the text being written.
#[derive(Default)]
pub(super) struct Found {
    pub(super) problems: Vec<Diagnostic>,
}

impl Found {
    fn at(&mut self, span: Range<usize>, severity: Severity, message: String) -> &mut Diagnostic {
        self.problems.push(Diagnostic {
            severity,
            span: Some(span),
            ..Diagnostic::bare(message)
        });
        self.problems.last_mut().expect("just pushed")
    }
}

/// A sheet whose header row was matched to the columns.
struct Sheet<'g> {
    grid: &'g Grid,
    /// Column index → the column it holds.
    columns: HashMap<u32, Column>,
    /// Columns whose header was reported (unknown, or there twice).
    reported: Vec<u32>,
    header: Option<u32>,
}

impl Sheet<'_> {
    fn place(&self, row: u32, column: u32) -> CellPlace {
        CellPlace {
            file: self.grid.file.clone(),
            sheet: self.grid.sheet.clone(),
            cell: format!("{}{row}", column_letters(column)),
        }
    }

    fn row_place(&self, row: &Row) -> CellPlace {
        let last = self.columns.keys().max().copied().unwrap_or(0);
        let first = self.columns.keys().min().copied().unwrap_or(0);
        CellPlace {
            cell: format!(
                "{}{}:{}{}",
                column_letters(first),
                row.number,
                column_letters(last),
                row.number
            ),
            ..self.place(row.number, first)
        }
    }

    fn data_rows(&self) -> impl Iterator<Item = &Row> {
        self.grid
            .rows
            .iter()
            .filter(move |r| Some(r.number) != self.header)
    }

    /// The value of `name` in a row.
    fn cell<'r>(&self, row: &'r Row, name: &str) -> Option<(u32, &'r Value)> {
        let column = self
            .columns
            .iter()
            .find(|(_, c)| c.name == name)
            .map(|(i, _)| *i)?;
        row.cells
            .iter()
            .find(|c| c.column == column)
            .map(|c| (column, &c.value))
    }
}

/// Writes the organizations and contacts of the two grids.
pub(super) fn write(
    writer: &mut TomlWriter,
    organizations: &Grid,
    contacts: &Grid,
    found: &mut Found,
) {
    let orgs = header(writer, organizations, &organization_columns(), found);
    let contacts = header(writer, contacts, &contact_columns(), found);
    for grid in [orgs.grid, contacts.grid] {
        grid_problems(writer, grid, found);
    }
    // Each contact goes under the first organization row with its id.
    let mut ids: Vec<(String, u32)> = Vec::new();
    for row in orgs.data_rows() {
        if let Some((_, value)) = orgs.cell(row, "id") {
            ids.push((value.shown().trim().to_owned(), row.number));
        }
    }
    let mut under: HashMap<u32, Vec<&Row>> = HashMap::new();
    for row in contacts.data_rows() {
        let id = contacts
            .cell(row, ORGANIZATION_COLUMN)
            .map(|(_, value)| value.shown().trim().to_owned());
        match id
            .as_deref()
            .and_then(|id| ids.iter().find(|(i, _)| i == id))
        {
            Some((_, org_row)) => under.entry(*org_row).or_default().push(row),
            None => missing_organization(writer, &contacts, row, id.as_deref(), &ids, found),
        }
    }
    for row in orgs.data_rows() {
        writer.table("[[organization]]", Some(orgs.row_place(row)));
        keys(writer, &orgs, row, found);
        for contact in under.get(&row.number).into_iter().flatten() {
            writer.table(
                "[[organization.contact]]",
                Some(contacts.row_place(contact)),
            );
            keys(writer, &contacts, contact, found);
        }
    }
}

fn missing_organization(
    writer: &mut TomlWriter,
    contacts: &Sheet<'_>,
    row: &Row,
    id: Option<&str>,
    ids: &[(String, u32)],
    found: &mut Found,
) {
    let column = contacts
        .columns
        .iter()
        .find(|(_, c)| c.name == ORGANIZATION_COLUMN)
        .map(|(i, _)| *i);
    let Some(column) = column else {
        return;
    };
    let place = contacts.place(row.number, column);
    let shown = id.unwrap_or("");
    let span = writer.cell_note(&place, shown);
    let sheet = sheet_name(contacts.grid, super::columns::ORGANIZATIONS_SHEET);
    match id.filter(|id| !id.is_empty()) {
        Some(id) => {
            let diagnostic = found.at(
                span,
                Severity::Error,
                format!("this contact's organization `{id}` has no row in {sheet}"),
            );
            if let Some(best) = did_you_mean(id, ids.iter().map(|(i, _)| i.as_str())) {
                diagnostic.hints.push(format!("did you mean `{best}`?"));
            }
            diagnostic.hints.push(format!(
                "add a row with the id `{id}` to {sheet}, or write the id of an organization there"
            ));
        }
        None => {
            found
                .at(
                    span,
                    Severity::Error,
                    "this contact names no organization".into(),
                )
                .hints
                .push(format!(
                    "write the id of its organization here (the `id` column of {sheet})"
                ));
        }
    }
}

/// How the organizations' sheet is named in messages: `the Organizations sheet`, or the
/// CSV file.
fn sheet_name(contacts: &Grid, sheet: &str) -> String {
    if contacts.sheet.is_empty() {
        super::columns::ORGANIZATIONS_CSV.to_owned()
    } else {
        format!("the {sheet} sheet")
    }
}

/// Matches the header row of a grid to the columns; unknown, repeated and missing
/// headers are problems.
fn header<'g>(
    writer: &mut TomlWriter,
    grid: &'g Grid,
    columns: &[Column],
    found: &mut Found,
) -> Sheet<'g> {
    let mut sheet = Sheet {
        grid,
        columns: HashMap::new(),
        reported: Vec::new(),
        header: grid.rows.first().map(|r| r.number),
    };
    let mut suggested = Vec::new();
    let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
    if let Some(row) = grid.rows.first() {
        for cell in &row.cells {
            let shown = cell.value.shown();
            let name = normalized_header(&shown);
            let place = sheet.place(row.number, cell.column);
            match columns.iter().find(|c| c.name == name) {
                Some(column) if sheet.columns.values().any(|c| c.name == column.name) => {
                    sheet.reported.push(cell.column);
                    let span = writer.cell_note(&place, &shown);
                    found
                        .at(
                            span,
                            Severity::Error,
                            format!("the column `{}` is there twice", column.name),
                        )
                        .hints
                        .push("keep one of them; guidepress would not know which to read".into());
                }
                Some(column) => {
                    sheet.columns.insert(cell.column, *column);
                    writer.column(&grid.sheet, column.name, column_letters(cell.column));
                }
                None => {
                    sheet.reported.push(cell.column);
                    let span = writer.cell_note(&place, &shown);
                    let diagnostic = found.at(
                        span,
                        Severity::Error,
                        format!("`{}` is not a column of this sheet", shown.trim()),
                    );
                    if let Some(best) = did_you_mean(&name, names.iter().copied()) {
                        diagnostic.hints.push(format!("did you mean `{best}`?"));
                        suggested.push(best);
                    }
                    diagnostic
                        .hints
                        .push(format!("the columns are: {}", names.join(", ")));
                }
            }
        }
    }
    for column in columns.iter().filter(|c| c.required) {
        // A misspelt header was reported with its right name already.
        if !sheet.columns.values().any(|c| c.name == column.name)
            && !suggested.contains(&column.name)
        {
            let row = sheet.header.unwrap_or(1);
            let place = CellPlace {
                cell: format!("{row}:{row}"),
                ..sheet.place(row, 0)
            };
            let span = writer.cell_note(&place, "");
            found
                .at(
                    span,
                    Severity::Error,
                    format!("there is no `{}` column", column.name),
                )
                .hints
                .push(format!(
                    "add a column with the header `{}` in the first row",
                    column.name
                ));
        }
    }
    sheet
}

/// Merged cells, cells outside every column and cells that are not UTF-8.
fn grid_problems(writer: &mut TomlWriter, grid: &Grid, found: &mut Found) {
    let place = |row: u32, column: u32| CellPlace {
        file: grid.file.clone(),
        sheet: grid.sheet.clone(),
        cell: format!("{}{row}", column_letters(column)),
    };
    for &(top, left, bottom, right) in &grid.merged {
        let (first, last) = (
            format!("{}{}", column_letters(left), top + 1),
            format!("{}{}", column_letters(right), bottom + 1),
        );
        let shown = grid
            .rows
            .iter()
            .find(|r| r.number == top + 1)
            .and_then(|r| r.cells.iter().find(|c| c.column == left))
            .map(|c| c.value.shown())
            .unwrap_or_default();
        let span = writer.cell_note(&place(top + 1, left), &shown);
        found
            .at(
                span,
                Severity::Error,
                format!("the cells {first}:{last} are merged"),
            )
            .hints
            .push(format!(
                "unmerge them and type the value into every cell that needs it: in a merged cell only {first} holds it"
            ));
    }
    for &(row, column) in &grid.not_utf8 {
        let shown = grid
            .rows
            .iter()
            .find(|r| r.number == row)
            .and_then(|r| r.cells.iter().find(|c| c.column == column))
            .map(|c| c.value.shown())
            .unwrap_or_default();
        let span = writer.cell_note(&place(row, column), &shown);
        found
            .at(span, Severity::Error, "this cell is not UTF-8 text".into())
            .hints
            .push("save the file again as \"CSV UTF-8\" (Excel) or with the character set Unicode (UTF-8) (LibreOffice)".into());
    }
}

/// The keys of one row, in the order of the columns; every problem of its cells.
fn keys(writer: &mut TomlWriter, sheet: &Sheet<'_>, row: &Row, found: &mut Found) {
    let mut by_column: Vec<(u32, Column)> = sheet.columns.iter().map(|(i, c)| (*i, *c)).collect();
    let order = |c: &Column| {
        let all = if sheet
            .columns
            .values()
            .any(|c| c.name == ORGANIZATION_COLUMN)
        {
            contact_columns()
        } else {
            organization_columns()
        };
        all.iter().position(|a| a.name == c.name)
    };
    by_column.sort_by_key(|(_, c)| order(c));
    for cell in &row.cells {
        if !sheet.columns.contains_key(&cell.column)
            && !sheet.reported.contains(&cell.column)
            && sheet.header.is_some()
        {
            let place = sheet.place(row.number, cell.column);
            let shown = cell.value.shown();
            let span = writer.cell_note(&place, &shown);
            found
                .at(
                    span,
                    Severity::Error,
                    "this cell is in a column that guidepress does not read".into(),
                )
                .hints
                .push("give its column a header from the list of columns, or move the value into the right column".into());
        }
    }
    for (index, column) in by_column {
        if column.name == ORGANIZATION_COLUMN {
            continue;
        }
        let place = sheet.place(row.number, index);
        let value = row
            .cells
            .iter()
            .find(|c| c.column == index)
            .map(|c| &c.value);
        key(writer, &place, column, value, found);
    }
}

fn key(
    writer: &mut TomlWriter,
    place: &CellPlace,
    column: Column,
    value: Option<&Value>,
    found: &mut Found,
) {
    let Some(value) = value else {
        if column.required {
            let span = writer.cell_note(place, "");
            found
                .at(span, Severity::Error, format!("`{}` is empty", column.name))
                .hints
                .push(format!(
                    "every row needs a `{}`: type it into this cell",
                    column.name
                ));
        }
        return;
    };
    let shown = value.shown();
    let problem = |writer: &mut TomlWriter, found: &mut Found, message: String, hint: String| {
        let span = writer.cell_note(place, &shown);
        found.at(span, Severity::Error, message).hints.push(hint);
    };
    match value {
        Value::Error(error) => {
            return problem(
                writer,
                found,
                format!("this cell shows the error {error}, not a value"),
                "correct the formula or type the value itself".into(),
            );
        }
        Value::Uncomputed(formula) => {
            return problem(
                writer,
                found,
                format!(
                    "this cell's formula `={}` has no saved value",
                    formula.trim_start_matches('=')
                ),
                "open the workbook in Excel or LibreOffice and save it again, so that the value is saved with the formula, or type the value itself".into(),
            );
        }
        _ => {}
    }
    let origin = Origin {
        place,
        text: &shown,
        at: 0,
    };
    match column.kind {
        ColumnKind::Text => match value {
            Value::Number(_) if column.name == "value" => problem(
                writer,
                found,
                format!(
                    "this phone number is stored as a number ({shown}), so the spreadsheet has dropped its leading zeros, dashes and spaces"
                ),
                format!(
                    "format the `value` column as text (Format Cells → Text), then type the number again as it should be printed, e.g. {}",
                    example_number(&shown)
                ),
            ),
            _ => {
                writer.text(column.name, &shown, Some(origin));
            }
        },
        ColumnKind::Lines | ColumnKind::List => {
            let items = split_items(&shown, column.kind);
            let items: Vec<(&str, Option<Origin<'_>>)> = items
                .iter()
                .map(|&(at, item)| (item, Some(Origin { at, ..origin })))
                .collect();
            writer.texts(column.name, &items);
        }
        ColumnKind::Date => match value {
            Value::Date(day) => writer.date(column.name, day, Some(origin)),
            Value::Text(text) if is_iso_date(text.trim()) => {
                let at = text.len() - text.trim_start().len();
                writer.date(column.name, text.trim(), Some(Origin { at, ..origin }));
            }
            Value::Number(_) => problem(
                writer,
                found,
                format!("`{}` holds the number {shown}, not a date", column.name),
                "format the cell as a date, or type the date as text written 2026-01-15".into(),
            ),
            _ => problem(
                writer,
                found,
                format!("`{shown}` is not a date"),
                "use a date cell, or type the date as text written 2026-01-15 (year, month, day)"
                    .into(),
            ),
        },
        ColumnKind::Bool => match bool_of(value) {
            Some(flag) => writer.boolean(column.name, flag, Some(origin)),
            None => problem(
                writer,
                found,
                format!("`{}` is yes or no, not `{shown}`", column.name),
                "type yes or no (TRUE or FALSE, or leave the cell empty for no)".into(),
            ),
        },
    }
}

/// A phone number written back with dashes, for the hint.
fn example_number(digits: &str) -> String {
    if digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &digits[..3], &digits[3..6], &digits[6..])
    } else {
        "206-555-0142".to_owned()
    }
}

fn bool_of(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(flag) => Some(*flag),
        Value::Number(n) if n.abs() < f64::EPSILON => Some(false),
        Value::Number(n) if (n - 1.0).abs() < f64::EPSILON => Some(true),
        Value::Text(text) => match text.trim().to_lowercase().as_str() {
            "yes" | "y" | "true" | "x" => Some(true),
            "no" | "n" | "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// `YYYY-MM-DD` naming a day of the calendar.
fn is_iso_date(text: &str) -> bool {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    text.len() == 10 && time::Date::parse(text, &format).is_ok()
}
