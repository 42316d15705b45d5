//! `guidepress export --to FORMAT -o PATH`: the guide's directory as a workbook, a CSV
//! folder, an HSDS 3.0 tabular data package or HSDS 3.0 JSON.

use std::path::Path;

use crate::cli::{ExportArgs, ExportFormat};
use crate::diag::Diagnostic;
use crate::diag::error::{Error, Result};
use crate::diag::print::print_diagnostics;
use crate::interchange::directory::Directory;
use crate::interchange::hsds::{export, tabular};
use crate::interchange::sheets::{self, CONTACTS_CSV, ORGANIZATIONS_CSV};
use crate::pipeline::load_guide;
use crate::source::parse_source;

/// Runs `guidepress export`.
pub(super) fn export(args: &ExportArgs) -> Result<()> {
    let loaded = load_guide(&args.source)?;
    print_diagnostics(&loaded.warnings, args.message_format);
    let raw = parse_source(&loaded.source).map_err(Error::Invalid)?;
    let guide = &loaded.checked.guide;
    let all = Directory::from_source(&raw);
    let directory = if args.confidential {
        all.clone()
    } else {
        all.clone().without_confidential()
    };
    let left_out = count(&all) - count(&directory);
    let files: Vec<(String, Vec<u8>)> = match args.to {
        ExportFormat::Xlsx | ExportFormat::Ods | ExportFormat::Csv => {
            let (organizations, contacts) = directory.rows().map_err(|problems| {
                Error::Invalid(
                    problems
                        .into_iter()
                        .map(|p| {
                            Diagnostic::bare(format!("{}: {}", p.place, p.reason)).with_hint(
                                "a spreadsheet cell holds services one per line, and tags, regions and languages separated by commas",
                            )
                        })
                        .collect(),
                )
            })?;
            let sheets = sheets::directory_sheets(&organizations, &contacts);
            let bytes = |r: std::result::Result<Vec<u8>, String>| {
                r.map_err(|e| Error::one(Diagnostic::bare(format!("cannot make the file: {e}"))))
            };
            match args.to {
                ExportFormat::Xlsx => vec![(
                    String::new(),
                    bytes(sheets::xlsx(&sheets, &guide.title, guide.date))?,
                )],
                ExportFormat::Ods => vec![(
                    String::new(),
                    bytes(sheets::ods(&sheets, &guide.title, guide.date))?,
                )],
                _ => vec![
                    (
                        ORGANIZATIONS_CSV.to_owned(),
                        bytes(sheets::csv(&sheets[0]))?,
                    ),
                    (CONTACTS_CSV.to_owned(), bytes(sheets::csv(&sheets[1]))?),
                ],
            }
        }
        ExportFormat::Hsds | ExportFormat::HsdsJson => {
            let (services, notes) = export::services(&guide.id, &guide.language, &directory);
            for note in notes {
                eprintln!("note: {note}");
            }
            if args.to == ExportFormat::HsdsJson {
                let mut text =
                    serde_json::to_string_pretty(&services).expect("JSON values serialize");
                text.push('\n');
                vec![(String::new(), text.into_bytes())]
            } else {
                tabular::write(&guide.id, &guide.title, &services).map_err(|e| {
                    Error::one(Diagnostic::bare(format!("cannot make the package: {e}")))
                })?
            }
        }
    };
    write_files(&args.output, &files)?;
    if left_out > 0 {
        eprintln!(
            "note: {left_out} confidential contact{} left out (give --confidential to include {})",
            if left_out == 1 { " was" } else { "s were" },
            if left_out == 1 { "it" } else { "them" },
        );
    }
    eprintln!(
        "wrote {} ({} organizations, {} contacts)",
        args.output.display(),
        directory.organizations.len(),
        count(&directory)
    );
    Ok(())
}

fn count(directory: &Directory) -> usize {
    directory
        .organizations
        .iter()
        .map(|o| o.contacts.len())
        .sum()
}

/// One file at `output` (a name left empty), or files in the folder `output`.
fn write_files(output: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    if let [(name, bytes)] = files
        && name.is_empty()
    {
        return std::fs::write(output, bytes).map_err(|e| Error::io("write", output, &e));
    }
    std::fs::create_dir_all(output).map_err(|e| Error::io("create", output, &e))?;
    for (name, bytes) in files {
        let path = output.join(name);
        std::fs::write(&path, bytes).map_err(|e| Error::io("write", &path, &e))?;
    }
    Ok(())
}
