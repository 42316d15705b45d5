//! Writing organizations and contacts as guide TOML, keeping for each value the cell it
//! came from. The guide of a spreadsheet directory is checked as this text, and the same
//! writer makes `guidepress import`'s guide and the copy in `output/guide-as-built.toml`.

use std::ops::Range;

use crate::diag::cells::{CellMap, CellOrigin, CellPlace, RowOrigin};

/// Where a value was read: its cell, the cell's whole text, and where in it the value is.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    /// The cell.
    pub place: &'a CellPlace,
    /// The cell's text as the spreadsheet shows it.
    pub text: &'a str,
    /// The byte offset of the value in that text.
    pub at: usize,
}

/// Writes TOML tables and keys one after another.
#[derive(Debug, Default)]
pub struct TomlWriter {
    text: String,
    map: CellMap,
    open_row: Option<(usize, CellPlace)>,
}

impl TomlWriter {
    /// A writer that goes on after `text` (the guide's own TOML, or nothing).
    pub fn after(mut text: String) -> Self {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        let start = text.len();
        Self {
            text,
            map: CellMap {
                start,
                ..CellMap::default()
            },
            open_row: None,
        }
    }

    /// An empty line.
    pub fn blank_line(&mut self) {
        self.text.push('\n');
    }

    /// A comment line.
    pub fn comment(&mut self, comment: &str) {
        for line in comment.lines() {
            self.text.push_str("# ");
            self.text.push_str(line);
            self.text.push('\n');
        }
    }

    /// Starts a table, `[guide]` or `[[organization]]` as written, read from a row.
    pub fn table(&mut self, header: &str, row: Option<CellPlace>) {
        self.close_row();
        self.text.push('\n');
        let start = self.text.len();
        self.text.push_str(header);
        self.text.push('\n');
        self.open_row = row.map(|place| (start, place));
    }

    fn close_row(&mut self) {
        if let Some((start, place)) = self.open_row.take() {
            self.map.rows.push(RowOrigin {
                range: start..self.text.len(),
                place,
            });
        }
    }

    /// `key = "text"`.
    pub fn text(&mut self, key: &str, value: &str, origin: Option<Origin<'_>>) -> Range<usize> {
        self.key(key);
        let range = self.string(value, origin);
        self.text.push('\n');
        range
    }

    /// `key = ["a", "b"]`.
    pub fn texts(&mut self, key: &str, items: &[(&str, Option<Origin<'_>>)]) {
        self.key(key);
        self.text.push('[');
        for (i, (item, origin)) in items.iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.string(item, *origin);
        }
        self.text.push_str("]\n");
    }

    /// `key = 2026-01-15` (`day` must be a valid date).
    pub fn date(&mut self, key: &str, day: &str, origin: Option<Origin<'_>>) {
        self.key(key);
        self.bare(day, origin);
    }

    /// `key = true`.
    pub fn boolean(&mut self, key: &str, flag: bool, origin: Option<Origin<'_>>) {
        self.key(key);
        self.bare(if flag { "true" } else { "false" }, origin);
    }

    /// A comment that stands for a cell whose value was not written (a problem was found
    /// in it): its span, for the diagnostic at that cell.
    pub fn cell_note(&mut self, place: &CellPlace, shown: &str) -> Range<usize> {
        self.text.push_str("# ");
        let start = self.text.len();
        // Byte for byte the cell's text on one line, so that positions map one to one.
        let line: String = shown
            .chars()
            .map(|c| {
                if c.is_control() && c != '\t' {
                    " ".repeat(c.len_utf8())
                } else {
                    c.to_string()
                }
            })
            .collect();
        self.text.push_str(&line);
        let end = self.text.len();
        self.text.push('\n');
        self.map.cells.push(CellOrigin {
            range: start..end.max(start + 1),
            place: place.clone(),
            text: shown.to_owned(),
            runs: vec![(start, 0)],
        });
        start..end
    }

    /// Records that `sheet`'s column `name` is the column `letters`.
    pub fn column(&mut self, sheet: &str, name: &str, letters: String) {
        self.map
            .columns
            .push((sheet.to_owned(), name.to_owned(), letters));
    }

    /// The text written, and where each value came from.
    pub fn finish(mut self) -> (String, CellMap) {
        self.close_row();
        self.map.cells.sort_by_key(|c| c.range.start);
        (self.text, self.map)
    }

    fn key(&mut self, key: &str) {
        self.text.push_str(key);
        self.text.push_str(" = ");
    }

    fn bare(&mut self, value: &str, origin: Option<Origin<'_>>) {
        let start = self.text.len();
        self.text.push_str(value);
        if let Some(origin) = origin {
            self.map.cells.push(CellOrigin {
                range: start..self.text.len(),
                place: origin.place.clone(),
                text: origin.text.to_owned(),
                runs: vec![
                    (start, origin.at),
                    (self.text.len(), origin.at + value.len()),
                ],
            });
        }
        self.text.push('\n');
    }

    /// A basic string; each run of unescaped characters maps to the cell byte for byte.
    fn string(&mut self, value: &str, origin: Option<Origin<'_>>) -> Range<usize> {
        let start = self.text.len();
        self.text.push('"');
        let mut runs = vec![(self.text.len(), origin.map_or(0, |o| o.at))];
        for (i, c) in value.char_indices() {
            let escape = match c {
                '"' => Some("\\\"".to_owned()),
                '\\' => Some("\\\\".to_owned()),
                '\n' => Some("\\n".to_owned()),
                '\t' => Some("\\t".to_owned()),
                '\r' => Some("\\r".to_owned()),
                c if c.is_control() => Some(format!("\\u{:04X}", c as u32)),
                _ => None,
            };
            match escape {
                Some(escape) => {
                    self.text.push_str(&escape);
                    let cell = origin.map_or(0, |o| o.at) + i + c.len_utf8();
                    runs.push((self.text.len(), cell));
                }
                None => self.text.push(c),
            }
        }
        let end_cell = origin.map_or(0, |o| o.at) + value.len();
        runs.push((self.text.len(), end_cell));
        self.text.push('"');
        runs.push((self.text.len(), end_cell));
        if let Some(origin) = origin {
            self.map.cells.push(CellOrigin {
                range: start..self.text.len(),
                place: origin.place.clone(),
                text: origin.text.to_owned(),
                runs,
            });
        }
        start..self.text.len()
    }
}

/// `value` as a TOML basic string, for writers that need no cell map.
pub fn toml_string(value: &str) -> String {
    let mut writer = TomlWriter::default();
    writer.string(value, None);
    writer.text
}
