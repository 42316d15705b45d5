//! Reading a guide source: bytes → UTF-8 text → TOML document → the source model, with
//! every problem located in the file.

use std::path::Path;
use std::sync::Arc;

use toml::de::DeTable;

use crate::diag::{Diagnostic, SourceText};
use crate::source::raw::SourceGuide;

mod declare;
pub mod directory;
mod document;
#[cfg(test)]
mod documented;
mod problems;
#[cfg(test)]
mod properties;
pub mod raw;
mod reader;
pub mod redact;
mod schema;
pub mod span_map;
pub mod translation;

/// The largest source accepted; anything larger is refused before it is parsed.
///
/// A statewide directory of 10,000 organizations (two paragraphs, three services and two
/// contacts each) takes about 23 MiB, and building it about 2.7 GiB (its pamphlet is laid
/// out in parts). Reading and checking take up to about 150 bytes of memory per byte of
/// source for a file of nothing but short paragraphs, and such a file stops at the
/// 200,000 pieces a guide may have (`validate::budget::MAX_PIECES`) before it is rendered.
pub const MAX_SOURCE_BYTES: usize = 32 * 1024 * 1024;

/// Reads a guide file (or standard input for `-`) as text; the rows of a spreadsheet
/// directory are written in (see [`directory`]).
pub fn read_source(path: &Path) -> Result<Arc<SourceText>, Diagnostic> {
    directory::attach(
        source_from_bytes(path.display().to_string(), read_bytes(path)?)?,
        path,
    )
}

/// Reads a guide file (or standard input for `-`) as it is on disk, up to one byte more
/// than [`MAX_SOURCE_BYTES`]; [`source_from_bytes`] then checks it.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let name = path.display().to_string();
    // One byte more than the limit is enough to know a source is too large; reading no
    // further keeps `/dev/zero` or an endless pipe from exhausting memory.
    let limit = MAX_SOURCE_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::Read::read_to_end(
            &mut std::io::Read::take(std::io::stdin().lock(), limit),
            &mut bytes,
        )
        .map_err(|e| Diagnostic::bare(format!("cannot read standard input ({e})")))
    } else {
        std::fs::File::open(path)
            .and_then(|file| {
                std::io::Read::read_to_end(&mut std::io::Read::take(file, limit), &mut bytes)
            })
            .map_err(|e| {
                Diagnostic::bare(format!(
                    "cannot read the guide `{name}` ({})",
                    io_reason(&e)
                ))
                .with_hint(
                    "give the guide's path with --source, or run `guidepress init` to start one",
                )
            })
    };
    read?;
    Ok(bytes)
}

/// Checks that raw bytes are a plausible guide text and wraps them for diagnostics.
pub fn source_from_bytes(name: String, bytes: Vec<u8>) -> Result<Arc<SourceText>, Diagnostic> {
    if bytes.len() > MAX_SOURCE_BYTES {
        return Err(Diagnostic::bare(format!(
            "{name}: the guide is larger than {} MiB, the most a guide may have",
            MAX_SOURCE_BYTES / (1024 * 1024)
        ))
        .with_hint("a statewide directory of 10,000 organizations takes about 23 MiB; check that this is the right file, or split the guide into several"));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            Diagnostic::bare(format!("{name}: the guide is saved as UTF-16, not UTF-8"))
                .with_hint("save the file again with the encoding UTF-8"),
        );
    }
    if looks_binary(&bytes) {
        return Err(Diagnostic::bare(format!("{name}: this is not a text file"))
            .with_hint("a guide is a TOML text file such as source/guide.toml"));
    }
    let text = String::from_utf8(bytes).map_err(|e| not_utf8(name.clone(), &e))?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::bare(format!("{name}: the guide is empty"))
            .with_hint("a guide needs at least a [guide] table and one [[organization]]"));
    }
    Ok(Arc::new(SourceText {
        name,
        text,
        cells: None,
    }))
}

/// NUL bytes, or many bytes that are neither text nor UTF-8, mean a binary file.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let text = String::from_utf8_lossy(head);
    let odd = text
        .chars()
        .filter(|&c| c == char::REPLACEMENT_CHARACTER || (c.is_control() && !c.is_whitespace()))
        .count();
    odd * 10 > text.chars().count()
}

/// A diagnostic with a caret under the first byte that is not UTF-8.
fn not_utf8(name: String, error: &std::string::FromUtf8Error) -> Diagnostic {
    let at = error.utf8_error().valid_up_to();
    let byte = error.as_bytes()[at];
    // Up to `at` the lossy text has the same bytes; the replacement character stands in
    // for the bad byte, so the caret lands on it.
    let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
    let end = at + char::REPLACEMENT_CHARACTER.len_utf8();
    let file = Arc::new(SourceText {
        name,
        text,
        cells: None,
    });
    Diagnostic::error(
        &file,
        at..end,
        format!("the guide is not UTF-8 text (the byte 0x{byte:02X} here is not UTF-8)"),
    )
    .with_hint(
        "save the file again with the encoding UTF-8; most editors offer it under \"Save as\"",
    )
}

/// Parses the text into the model: every TOML syntax error, or the model together with
/// every shape problem (unknown keys, missing keys, wrong types) in
/// [`SourceGuide::problems`].
pub fn parse_source(source: &Arc<SourceText>) -> Result<SourceGuide, Vec<Diagnostic>> {
    let (document, errors) = DeTable::parse_recoverable(&source.text);
    if errors.is_empty() {
        let mut raw = document::read_document(source, document.get_ref());
        if let Some(cells) = &source.cells {
            // A row with an empty or missing required cell was reported at that cell.
            raw.problems
                .retain(|p| !matches!(p.in_cells(), Some(crate::diag::cells::Located::Row(_))));
            raw.problems.extend(directory::problems(source, cells));
        }
        return Ok(raw);
    }
    // The recovered document after a syntax error is a guess; checking its shape would
    // report problems that are not there, so only the syntax errors are shown.
    let mut diagnostics: Vec<Diagnostic> = errors
        .iter()
        .map(|error| syntax_diagnostic(source, error))
        .collect();
    diagnostics.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    Err(crate::diag::limit(diagnostics, source))
}

fn syntax_diagnostic(source: &Arc<SourceText>, error: &toml::de::Error) -> Diagnostic {
    let span = error.span().unwrap_or(0..0);
    let found = source.text.get(span.clone()).unwrap_or("");
    let before = source.text.get(..span.start).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = source
        .text
        .get(line_start..)
        .and_then(|rest| rest.lines().next())
        .unwrap_or("");
    let (message, hints) = crate::diag::suggest::explain_syntax(error.message(), found, line);
    Diagnostic {
        hints,
        ..Diagnostic::error(source, span, message)
    }
}

pub use crate::diag::error::io_reason;
