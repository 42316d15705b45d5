//! `guidepress review --links`: every web address of the guide asked over the network,
//! and what each answer means for the guide.
//!
//! [`collect`] finds the addresses and where they are written, [`check`] asks each one
//! once (the only code of guidepress that touches the network), [`classify`] says what
//! the answer means, [`report`] prints it for people. Nothing is written.

mod check;
mod classify;
mod collect;
pub mod report;

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

pub use classify::Verdict;
pub use collect::{Use, UseKind};

use crate::diag::SourceText;
use crate::model::Guide;

/// The check of every web address of one guide.
#[derive(Debug, Clone, Serialize)]
pub struct LinkReview {
    /// The guide file.
    pub source: String,
    /// How long each request could take, in seconds.
    pub timeout_seconds: u64,
    /// Every distinct address, the worst first (see [`Verdict`]), then in the order of
    /// the file.
    pub addresses: Vec<CheckedAddress>,
}

/// One address and its answer.
#[derive(Debug, Clone, Serialize)]
pub struct CheckedAddress {
    /// The link as built.
    pub address: String,
    /// What the answer means.
    pub result: Verdict,
    /// The HTTP status, when the server answered.
    pub status: Option<u16>,
    /// `HEAD`, or `GET` when the server refused HEAD; none without an answer.
    pub method: Option<&'static str>,
    /// Where a redirect points, resolved against the address.
    pub location: Option<String>,
    /// The answer in plain words.
    pub reason: String,
    /// Every place that uses it.
    pub uses: Vec<Placed>,
}

/// A place that uses an address, with what to write there instead when it moved.
#[derive(Debug, Clone, Serialize)]
pub struct Placed {
    /// The place.
    #[serde(flatten)]
    pub at: Use,
    /// For a moved address: the new value to write there.
    pub replace_with: Option<String>,
}

impl LinkReview {
    /// Whether `--strict` fails: any address moved, gone, erroring, unreachable or
    /// timed out.
    pub fn fails_strict(&self) -> bool {
        self.addresses.iter().any(|a| a.result.fails_strict())
    }
}

/// Asks every web address of `guide` (read from `source`), `timeout` at most each.
pub fn review_links(guide: &Guide, source: &Arc<SourceText>, timeout: Duration) -> LinkReview {
    // The guide passed validation, so its source parses again to the same tables; they
    // are read only for where each address is written.
    let raw = crate::source::parse_source(source).unwrap_or_default();
    let found = collect::addresses(guide, source, &raw);
    let urls: Vec<String> = found.iter().map(|a| a.url.clone()).collect();
    let answers = check::ask_all(&urls, timeout);
    let mut addresses: Vec<CheckedAddress> = found
        .into_iter()
        .zip(answers)
        .map(|(address, answer)| {
            let understood = classify::understand(&address.url, &answer);
            let moved_to = (understood.verdict == Verdict::Moved)
                .then_some(understood.location.as_deref())
                .flatten();
            CheckedAddress {
                uses: address
                    .uses
                    .into_iter()
                    .map(|at| Placed {
                        replace_with: moved_to.map(|to| replacement(&at, to)),
                        at,
                    })
                    .collect(),
                address: address.url,
                result: understood.verdict,
                status: understood.status,
                method: understood.method,
                location: understood.location,
                reason: understood.reason,
            }
        })
        .collect();
    // Stable: within a verdict, the order of the file.
    addresses.sort_by_key(|a| a.result);
    LinkReview {
        source: source.name.clone(),
        timeout_seconds: timeout.as_secs(),
        addresses,
    }
}

/// What to write instead at a place: the new address, without `https://` where the
/// value was written without it (the guide adds it back when it builds the link).
fn replacement(at: &Use, new: &str) -> String {
    let bare = at.kind == UseKind::Contact && !at.written.to_ascii_lowercase().starts_with("http");
    match new.strip_prefix("https://") {
        Some(rest) if bare => rest.to_owned(),
        _ => new.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every `.rs` file under `dir`, with its path relative to `src/` and its text.
    fn sources(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((relative, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }

    /// `build`, `check`, `verify` and every other command stay offline: the HTTP client
    /// is named in one file, and the link check is started from `review --links` alone.
    #[test]
    fn only_review_links_can_reach_the_network() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&root, &root, &mut files);
        files.sort();
        let naming = |needle: &str| -> Vec<String> {
            files
                .iter()
                .filter(|(_, text)| text.contains(needle))
                .map(|(path, _)| path.clone())
                .collect()
        };
        assert_eq!(naming(&["ureq", "::"].concat()), ["linkcheck/check.rs"]);
        assert_eq!(
            naming(&["check", "::ask_all"].concat()),
            ["linkcheck/mod.rs"]
        );
        assert_eq!(
            naming(&["review", "_links("].concat()),
            ["commands/review/links.rs", "linkcheck/mod.rs"]
        );
    }
}
