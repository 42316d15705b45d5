//! Diagnostics: every problem found in a guide or template, with where it is and what to do.
//!
//! Problems are collected, never thrown one at a time, and printed the way rustc and typst
//! print theirs (`codespan-reporting`), or as JSON lines for editors and CI.

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
        Self { severity: Severity::Warning, ..Self::error(file, span, message) }
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
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Whether this diagnostic stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic as rustc does: message, location, source line, caret, hints.
    pub fn to_human(&self) -> String {
        let report = match self.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        }
        .with_message(&self.message)
        .with_notes(self.hints.iter().map(|hint| format!("hint: {hint}")).collect());
        let config = Config::default();
        match (&self.file, &self.span) {
            (Some(file), Some(span)) => {
                let files = SimpleFile::new(file.name.as_str(), file.text.as_str());
                let span = clamp(span.clone(), &file.text);
                let report = report.with_labels(vec![Label::primary((), span)]);
                term::emit_into_string(&config, &files, &report).unwrap_or_default()
            }
            (file, _) => {
                let message = match file {
                    Some(file) => format!("{}: {}", file.name, self.message),
                    None => self.message.clone(),
                };
                let files = SimpleFile::new("", "");
                let report = report.with_message(message);
                term::emit_into_string(&config, &files, &report).unwrap_or_default()
            }
        }
    }

    /// The diagnostic as one JSON object for `--message-format json`.
    pub fn to_json(&self) -> serde_json::Value {
        let (start, end) = match (&self.file, &self.span) {
            (Some(file), Some(span)) => {
                (Some(line_column(&file.text, span.start)), Some(line_column(&file.text, span.end)))
            }
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

/// One-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
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

/// Counts of errors and warnings, for the closing line of a check.
pub fn summary(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}
