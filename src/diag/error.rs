//! The program's error type and how each error maps to an exit code.

use std::path::PathBuf;

use crate::diag::Diagnostic;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The guide or a template is wrong; every problem is listed.
    #[error("the guide has problems")]
    Invalid(Vec<Diagnostic>),
    /// A file could not be written or read.
    #[error("cannot {action} `{}` ({reason})", path.display())]
    Io {
        /// What was being done, e.g. "write".
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// Why, in plain words.
        reason: String,
    },
}

impl Error {
    /// Wraps one diagnostic.
    pub fn one(diagnostic: Diagnostic) -> Self {
        Self::Invalid(vec![diagnostic])
    }

    /// Wraps an I/O error with the file and the action.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, error: &std::io::Error) -> Self {
        Self::Io {
            action,
            path: path.into(),
            reason: io_reason(error),
        }
    }

    /// The diagnostics to print for this error.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Self::Invalid(diagnostics) => diagnostics.clone(),
            Self::Io { .. } => vec![Diagnostic::bare(self.to_string())],
        }
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A short reason for an I/O error, without the OS error number.
pub fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}
