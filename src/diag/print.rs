//! Printing diagnostics: for people, like rustc, or as JSON lines for tools.

use std::io::Write;

use crate::diag::Diagnostic;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// Like rustc: the source line with a caret under the problem.
    Human,
    /// One JSON object per line, on standard output.
    Json,
}

/// Prints diagnostics in the chosen format: for people on standard error, as JSON lines
/// on standard output (where cargo and rustc put theirs, for the tool that reads them).
pub fn print_diagnostics(diagnostics: &[Diagnostic], format: MessageFormat) {
    match format {
        MessageFormat::Human => print_diagnostics_on_stderr(diagnostics, format),
        MessageFormat::Json => {
            let mut stdout = std::io::stdout().lock();
            for diagnostic in diagnostics {
                let _ = writeln!(stdout, "{}", diagnostic.to_json());
            }
        }
    }
}

/// Prints diagnostics on standard error in either format, for commands whose standard
/// output is a report of their own (`diff`, `review`).
pub fn print_diagnostics_on_stderr(diagnostics: &[Diagnostic], format: MessageFormat) {
    let mut stderr = std::io::stderr().lock();
    for diagnostic in diagnostics {
        let _ = match format {
            MessageFormat::Human => write!(stderr, "{}", diagnostic.to_human()),
            MessageFormat::Json => writeln!(stderr, "{}", diagnostic.to_json()),
        };
    }
}
