//! `guidepress review --links`: prints the link check as text or JSON.

use std::process::ExitCode;
use std::time::Duration;

use crate::cli::{ReportFormat, ReviewArgs};
use crate::linkcheck::{report::report, review_links};
use crate::model::Guide;
use crate::pipeline::Loaded;

/// Checks the web addresses of `guide` (the loaded guide, or what its editions show) and
/// returns the exit status.
pub(super) fn run(args: &ReviewArgs, loaded: &Loaded, guide: &Guide) -> ExitCode {
    let timeout = Duration::from_secs(args.links.timeout);
    let review = review_links(guide, &loaded.source, timeout);
    match args.format {
        ReportFormat::Human => print!("{}", report(&review)),
        ReportFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&review).expect("the link check serializes")
        ),
    }
    ExitCode::from(u8::from(args.strict && review.fails_strict()))
}
