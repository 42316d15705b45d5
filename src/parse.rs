//! Reading a guide source: bytes → UTF-8 text → the serde model, with located errors.

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceText};
use crate::model::SourceGuide;

/// The largest source accepted; anything larger is refused before it is parsed.
pub const MAX_SOURCE_BYTES: usize = 64 * 1024 * 1024;

/// Reads a guide file (or standard input for `-`) as text.
pub fn read_source(path: &Path) -> Result<Arc<SourceText>, Diagnostic> {
    let name = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buffer)
            .map_err(|e| Diagnostic::bare(format!("cannot read standard input ({e})")))?;
        buffer
    } else {
        std::fs::read(path).map_err(|e| {
            Diagnostic::bare(format!("cannot read the guide `{name}` ({})", io_reason(&e)))
                .with_hint("give the guide's path with --source, or run `guidepress init` to start one")
        })?
    };
    source_from_bytes(name, bytes)
}

/// Checks that raw bytes are a plausible guide text and wraps them for diagnostics.
pub fn source_from_bytes(name: String, bytes: Vec<u8>) -> Result<Arc<SourceText>, Diagnostic> {
    if bytes.len() > MAX_SOURCE_BYTES {
        return Err(Diagnostic::bare(format!(
            "{name}: the guide is {} MiB, more than the {} MiB a guide may have",
            bytes.len() / (1024 * 1024),
            MAX_SOURCE_BYTES / (1024 * 1024)
        )));
    }
    if bytes.contains(&0) {
        return Err(Diagnostic::bare(format!("{name}: this is not a text file (it contains NUL bytes)"))
            .with_hint("a guide is a TOML text file such as source/guide.toml"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = crate::diag::line_column(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        Diagnostic::bare(format!(
            "{name}:{line}:{column}: the guide is not valid UTF-8 text"
        ))
        .with_hint("save the file as UTF-8 in your editor")
    })?;
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::bare(format!("{name}: the guide is empty"))
            .with_hint("a guide needs at least a [guide] table and one [[organization]]"));
    }
    Ok(Arc::new(SourceText { name, text }))
}

/// Parses the text into the serde model; a syntax or shape error becomes one diagnostic.
pub fn parse_source(source: &Arc<SourceText>) -> Result<SourceGuide, Diagnostic> {
    toml::from_str(&source.text).map_err(|error| toml_diagnostic(source, &error))
}

fn toml_diagnostic(source: &Arc<SourceText>, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim().trim_end_matches('.').to_owned();
    let (message, hints) = crate::suggest::explain_toml_message(&message);
    let mut diagnostic = match error.span() {
        Some(span) => Diagnostic::error(source, span, message),
        None => Diagnostic { file: Some(Arc::clone(source)), ..Diagnostic::bare(message) },
    };
    diagnostic.hints = hints;
    diagnostic
}

/// A short reason for an I/O error, without the OS error number.
pub fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}
