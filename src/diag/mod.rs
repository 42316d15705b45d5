//! Diagnostics: every problem found in a guide or template, with where it is and what to do.
//!
//! Problems are collected, never thrown one at a time, and printed the way rustc and typst
//! print theirs (`codespan-reporting`), or as JSON lines for editors and CI.

pub mod cells;
pub mod error;
pub mod print;
pub mod suggest;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};
use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The guide cannot be built.
    Error,
    /// Worth fixing; the build goes on.
    Warning,
}

/// A named text that diagnostics point into.
#[derive(Debug)]
pub struct SourceText {
    /// The name shown to the user, usually the path as given.
    pub name: String,
    /// The whole text.
    pub text: String,
    /// For a guide whose directory is a spreadsheet, the cells its rows came from.
    pub cells: Option<Arc<cells::CellMap>>,
}

/// One problem, optionally located in a source text.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, lower case, no final period.
    pub message: String,
    /// The file it is in, when known.
    pub file: Option<Arc<SourceText>>,
    /// Byte range in that file.
    pub span: Option<Range<usize>>,
    /// What would be right, one line each.
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// An error located at `span` in `file`.
    pub fn error(file: &Arc<SourceText>, span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            file: Some(Arc::clone(file)),
            span: Some(span),
            hints: Vec::new(),
        }
    }

    /// A warning located at `span` in `file`.
    pub fn warning(file: &Arc<SourceText>, span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, span, message)
        }
    }

    /// An error that belongs to no file position.
    pub fn bare(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            file: None,
            span: None,
            hints: Vec::new(),
        }
    }

    /// Adds a hint line.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Whether this diagnostic stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic as rustc does: message, location, source line, caret, hints.
    ///
    /// Control characters from the guide are shown as visible symbols, never sent to the
    /// terminal as they are.
    pub fn to_human(&self) -> String {
        let report = match self.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        }
        .with_message(visible(&self.message))
        .with_notes(
            self.hints
                .iter()
                .map(|hint| format!("hint: {}", visible(hint)))
                .collect(),
        );
        let config = Config::default();
        if let Some(located) = self.in_cells() {
            return cells::render(report, &located);
        }
        match (&self.file, &self.span) {
            // A line too long to show (a paragraph of megabytes on one line) is named by
            // its line and column instead of being copied to the terminal.
            (Some(file), Some(span)) if line_len(&file.text, span.start) > MAX_SHOWN_LINE => {
                let (line, column) = line_column(&file.text, span.start);
                let message = format!(
                    "{}:{line}:{column}: {}",
                    visible(&file.name),
                    visible(&self.message)
                );
                let files = SimpleFile::new("", "");
                let report = report.with_message(message);
                term::emit_into_string(&config, &files, &report).unwrap_or_default()
            }
            (Some(file), Some(span)) => {
                let span = clamp(span.clone(), &file.text);
                let span = shown_offset(&file.text, span.start)..shown_offset(&file.text, span.end);
                let (name, text) = (visible(&file.name), visible(&file.text));
                let files = SimpleFile::new(name.as_ref(), text.as_ref());
                let report = report.with_labels(vec![Label::primary((), span)]);
                term::emit_into_string(&config, &files, &report).unwrap_or_default()
            }
            (file, _) => {
                let message = match file {
                    Some(file) => format!("{}: {}", visible(&file.name), visible(&self.message)),
                    None => visible(&self.message).into_owned(),
                };
                let files = SimpleFile::new("", "");
                let report = report.with_message(message);
                term::emit_into_string(&config, &files, &report).unwrap_or_default()
            }
        }
    }

    /// Where the diagnostic is in the cells of a spreadsheet, when it is there.
    pub fn in_cells(&self) -> Option<cells::Located<'_>> {
        let (file, span) = (self.file.as_ref()?, self.span.as_ref()?);
        file.cells.as_ref()?.locate(span)
    }

    /// The diagnostic as one JSON object for `--message-format json`.
    pub fn to_json(&self) -> serde_json::Value {
        if let Some(located) = self.in_cells() {
            let (place, start, end, text) = match &located {
                cells::Located::Cell(cell, range) => {
                    (&cell.place, range.start, range.end, cell.text.as_str())
                }
                cells::Located::Row(row) => (&row.place, 0, 0, ""),
            };
            let (line, column) = line_column(text, start);
            let (end_line, end_column) = line_column(text, end);
            return serde_json::json!({
                "severity": self.severity,
                "message": self.message,
                "file": place.file,
                "sheet": (!place.sheet.is_empty()).then_some(place.sheet.as_str()),
                "cell": place.cell,
                "line": line,
                "column": column,
                "end": {"line": end_line, "column": end_column},
                "hints": self.hints,
            });
        }
        let (start, end) = match (&self.file, &self.span) {
            (Some(file), Some(span)) => (
                Some(line_column(&file.text, span.start)),
                Some(line_column(&file.text, span.end)),
            ),
            _ => (None, None),
        };
        serde_json::json!({
            "severity": self.severity,
            "message": self.message,
            "file": self.file.as_ref().map(|f| f.name.as_str()),
            "line": start.map(|(line, _)| line),
            "column": start.map(|(_, column)| column),
            "end": end.map(|(line, column)| serde_json::json!({"line": line, "column": column})),
            "hints": self.hints,
        })
    }
}

/// How a character is shown in a terminal, when it cannot be shown as it is: control
/// characters as their symbols (␇), and the invisible marks that reorder text as �.
fn stand_in(text: &str, at: usize, ch: char) -> Option<char> {
    match ch {
        '\t' | '\n' => None,
        '\r' if text[at + 1..].starts_with('\n') => None,
        '\0'..='\x1f' => char::from_u32(0x2400 + ch as u32),
        '\x7f' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// `text` with [`stand_in`] symbols.
fn visible(text: &str) -> Cow<'_, str> {
    if !text
        .char_indices()
        .any(|(at, ch)| stand_in(text, at, ch).is_some())
    {
        return Cow::Borrowed(text);
    }
    let shown = text
        .char_indices()
        .map(|(at, ch)| stand_in(text, at, ch).unwrap_or(ch));
    Cow::Owned(shown.collect())
}

/// Where a byte offset of `text` lands in `visible(text)`.
fn shown_offset(text: &str, offset: usize) -> usize {
    let grown: usize = text[..offset]
        .char_indices()
        .filter_map(|(at, ch)| stand_in(text, at, ch).map(|s| s.len_utf8() - ch.len_utf8()))
        .sum();
    offset + grown
}

/// The longest source line shown under a diagnostic, in bytes.
const MAX_SHOWN_LINE: usize = 4096;

/// The length in bytes of the line holding `offset`.
fn line_len(text: &str, offset: usize) -> usize {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    end - start
}

/// One-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// Where a position of a file is, for a message: `on line 12`, or at the cell it came
/// from (`at Organizations!A3`).
pub fn place_of(file: &SourceText, offset: usize) -> String {
    if let Some(name) = file.cells.as_ref().and_then(|c| c.name_of(offset)) {
        return format!("at {name}");
    }
    format!("on line {}", line_column(&file.text, offset).0)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn clamp(span: Range<usize>, text: &str) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    start..end
}

/// The most diagnostics shown for one file; beyond it, one line says how many more there are.
pub const MAX_SHOWN: usize = 100;

/// Keeps the first [`MAX_SHOWN`] diagnostics (already in source order) and adds one that
/// counts the rest: a file with thousands of problems needs the first ones fixed, not a
/// screen scrolling for minutes.
pub fn limit(mut diagnostics: Vec<Diagnostic>, file: &Arc<SourceText>) -> Vec<Diagnostic> {
    if diagnostics.len() <= MAX_SHOWN {
        return diagnostics;
    }
    let rest = diagnostics.split_off(MAX_SHOWN);
    let severity = if rest.iter().any(Diagnostic::is_error) {
        Severity::Error
    } else {
        Severity::Warning
    };
    let more = Diagnostic {
        severity,
        file: Some(Arc::clone(file)),
        ..Diagnostic::bare(format!("{} more problems are not shown", rest.len()))
    };
    diagnostics.push(more.with_hint("fix the problems above, then check again"));
    diagnostics
}

/// Counts of errors and warnings, for the closing line of a check.
pub fn summary(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

/// 1234567 → "1,234,567", for counts in messages.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1234), "1,234");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn beyond_the_limit_one_line_counts_the_rest() {
        let file = Arc::new(SourceText {
            name: "g.toml".into(),
            text: "x".repeat(500),
            cells: None,
        });
        let many: Vec<Diagnostic> = (0..MAX_SHOWN + 7)
            .map(|i| Diagnostic::warning(&file, i..i + 1, "w"))
            .collect();
        let shown = limit(many, &file);
        assert_eq!(shown.len(), MAX_SHOWN + 1);
        let last = shown.last().unwrap();
        assert_eq!(
            (last.message.as_str(), last.severity),
            ("7 more problems are not shown", Severity::Warning)
        );
    }

    #[test]
    fn control_characters_are_shown_as_symbols_with_the_caret_under_them() {
        let file = Arc::new(SourceText {
            name: "g.toml".into(),
            cells: None,
            text: "a = \"x\x1b[31my\"\n".into(),
        });
        let shown = Diagnostic::error(&file, 6..7, "bad \x07 here").to_human();
        let expected =
            "error: bad ␇ here\n  ┌─ g.toml:1:7\n  │\n1 │ a = \"x␛[31my\"\n  │       ^\n\n";
        assert_eq!(shown, expected);
    }
}
