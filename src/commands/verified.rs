//! `guidepress verified`: records that contacts were checked, by setting their `verified`
//! date in the guide file, and nothing else in it.
//!
//! A guide that cannot be read, or is not valid TOML, is not touched. Other problems of
//! the guide (a wrong phone number elsewhere, say) do not stop the edit: a check that was
//! made should be recorded while the rest is fixed. They are counted in one warning.

use std::process::ExitCode;

use crate::cli::{MessageFormat, VerifiedArgs};
use crate::diag::print::print_diagnostics_on_stderr;
use crate::diag::{Diagnostic, MAX_SHOWN};
use crate::model::Date;
use crate::source::{parse_source, read_bytes, source_from_bytes};
use crate::verified::{record, write};

const BOM: &[u8] = "\u{feff}".as_bytes();

/// A guide whose contacts are in a spreadsheet: guidepress does not write workbooks, so
/// each contact's `verified` cell is named for the user to type the date into.
fn in_directory(
    source: &std::sync::Arc<crate::diag::SourceText>,
    key: &crate::source::directory::DirectoryKey,
    references: &[String],
    date: Date,
) -> Vec<Diagnostic> {
    let attached = match crate::source::directory::attach_from(source, key) {
        Ok(attached) => attached,
        Err(problem) => return vec![problem],
    };
    let cells = crate::source::directory::verified_cells(&attached);
    let mut problems = Vec::new();
    for reference in references {
        let matching: Vec<_> = cells
            .iter()
            .filter(|(r, _, _)| r == reference || r.split('.').next() == Some(reference.as_str()))
            .collect();
        if matching.is_empty() {
            let known = cells.iter().map(|(r, _, _)| r.as_str());
            let mut problem = Diagnostic::bare(format!(
                "there is no contact `{reference}` in {}",
                key.written
            ));
            if let Some(best) = crate::diag::suggest::did_you_mean(reference, known) {
                problem = problem.with_hint(format!("did you mean `{best}`?"));
            }
            problems.push(problem);
            continue;
        }
        for (reference, place, has_column) in matching {
            let hint = if *has_column {
                format!("type {date} into {} and save the workbook", place.shown())
            } else {
                format!(
                    "add a `verified` column to the contacts, then type {date} into it in {}",
                    place.shown()
                )
            };
            problems.push(
                Diagnostic::bare(format!(
                    "`{reference}` is in {}, and guidepress does not write into spreadsheets",
                    key.written
                ))
                .with_hint(hint),
            );
        }
    }
    problems
}

/// Runs `guidepress verified` and returns its exit status.
pub(super) fn run(args: &VerifiedArgs) -> ExitCode {
    let date = Date(args.date.unwrap_or_else(crate::pipeline::today));
    let name = args.source.display().to_string();
    if args.source.as_os_str() == "-" {
        return refused(&[
            Diagnostic::bare("the dates cannot be recorded in standard input")
                .with_hint("give the guide's file with --source"),
        ]);
    }
    let bytes = match read_bytes(&args.source) {
        Ok(bytes) => bytes,
        Err(problem) => return refused(&[problem]),
    };
    // The reader leaves out a byte order mark; the file keeps it.
    let bom = if bytes.starts_with(BOM) { BOM } else { &[] };
    let source = match source_from_bytes(name, bytes) {
        Ok(source) => source,
        Err(problem) => return refused(&[problem]),
    };
    if let Err(problems) = parse_source(&source) {
        return refused(&problems);
    }
    if let Some(key) = crate::source::directory::directory_key(&source, &args.source) {
        return refused(&in_directory(&source, &key, &args.references, date));
    }
    let recorded = match record(&source, &args.references, date) {
        Ok(recorded) => recorded,
        Err(problems) => return refused(&problems),
    };
    if recorded.changed() {
        let bytes = [bom, recorded.source.text.as_bytes()].concat();
        if let Err(error) = write::replace(&args.source, &bytes) {
            return refused(&error.diagnostics());
        }
    }
    for change in &recorded.changes {
        println!("{change}");
    }
    let (_, diagnostics) =
        crate::validate::validate(&recorded.source, recorded.raw, crate::pipeline::today());
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        let (count, stop, them) = match errors {
            1 => ("1 problem".to_owned(), "stops", "it"),
            _ if diagnostics.len() > MAX_SHOWN => {
                (format!("more than {MAX_SHOWN} problems"), "stop", "them")
            }
            n => (format!("{n} problems"), "stop", "them"),
        };
        let warning = Diagnostic {
            severity: crate::diag::Severity::Warning,
            file: Some(recorded.source),
            ..Diagnostic::bare(format!(
                "the guide has {count} that {stop} a build; the dates were recorded all the same"
            ))
        };
        print_diagnostics_on_stderr(
            &[warning.with_hint(format!("`guidepress check` shows {them}"))],
            MessageFormat::Human,
        );
    }
    ExitCode::SUCCESS
}

/// Prints the problems and that nothing was written; exit status 1.
fn refused(problems: &[Diagnostic]) -> ExitCode {
    print_diagnostics_on_stderr(problems, MessageFormat::Human);
    eprintln!("error: nothing was written");
    ExitCode::from(1)
}
