//! `guidepress import FILE`: a guide TOML made from data kept elsewhere, on standard
//! output or in `-o FILE`, then checked as `check` would.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use serde_json::Value;

use crate::cli::ImportArgs;
use crate::diag::print::{MessageFormat, print_diagnostics_on_stderr};
use crate::diag::{Diagnostic, SourceText};
use crate::interchange::guide_toml;
use crate::interchange::hsds::{self, Imported, tabular};

/// What `import` was given, by its name and content.
enum Input {
    /// A JSON array of HSDS services (or one service, or a page of them).
    HsdsJson(PathBuf),
    /// An HSDS tabular data package: its folder or its `datapackage.json`.
    HsdsPackage(PathBuf),
    /// A workbook or a CSV folder in the `directory` layout.
    Workbook(PathBuf),
}

fn input_kind(path: &Path) -> Input {
    let is_package = if path.is_dir() {
        path.join(tabular::DESCRIPTOR).is_file()
    } else {
        path.file_name().is_some_and(|n| n == tabular::DESCRIPTOR)
    };
    if is_package {
        Input::HsdsPackage(path.to_path_buf())
    } else if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        Input::HsdsJson(path.to_path_buf())
    } else {
        Input::Workbook(path.to_path_buf())
    }
}

/// Runs `guidepress import`.
pub(super) fn run(args: &ImportArgs) -> ExitCode {
    let today = crate::model::Date(crate::pipeline::today()).to_string();
    let imported = match input_kind(&args.file) {
        Input::HsdsJson(path) => read_json(&path).and_then(|s| hsds::import_services(&s, &today)),
        Input::HsdsPackage(path) => read_package(&path, &today),
        Input::Workbook(path) => Err(format!(
            "{}: not HSDS data (a .json file of services, or a folder with datapackage.json); workbooks and CSV folders are read by the directory reader",
            path.display()
        )),
    };
    let imported = match imported {
        Ok(imported) => imported,
        Err(message) => return fail(&message),
    };
    let text = guide_toml::write(&imported.header, &imported.directory);
    for line in imported.report.lines() {
        eprintln!("{line}");
    }
    let name = match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &text) {
                return fail(&format!(
                    "cannot write `{}` ({})",
                    path.display(),
                    crate::diag::error::io_reason(&e)
                ));
            }
            path.display().to_string()
        }
        None => {
            print!("{text}");
            "the imported guide".to_owned()
        }
    };
    check_written(name, text)
}

/// The guide just written, checked as `check` reads it: its problems are the user's to fix.
fn check_written(name: String, text: String) -> ExitCode {
    let source = Arc::new(SourceText { name, text });
    match crate::pipeline::check_source(source) {
        Ok(loaded) => {
            print_diagnostics_on_stderr(&loaded.warnings, MessageFormat::Human);
            ExitCode::SUCCESS
        }
        Err(error) => {
            print_diagnostics_on_stderr(&error.diagnostics(), MessageFormat::Human);
            eprintln!("error: the imported guide needs the changes above before it builds");
            ExitCode::from(1)
        }
    }
}

fn read_json(path: &Path) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read `{}` ({})",
            path.display(),
            crate::diag::error::io_reason(&e)
        )
    })?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not valid JSON ({e})", path.display()))?;
    match value {
        Value::Array(services) => Ok(services),
        // A page of an HSDS API's /services, or one service.
        Value::Object(mut page) if page.get("contents").is_some_and(Value::is_array) => Ok(page
            .remove("contents")
            .and_then(|c| c.as_array().cloned())
            .unwrap_or_default()),
        Value::Object(service) if service.contains_key("status") => {
            Ok(vec![Value::Object(service)])
        }
        _ => Err(format!(
            "{}: not HSDS services (a JSON array of services, each with its organization)",
            path.display()
        )),
    }
}

fn read_package(path: &Path, today: &str) -> Result<Imported, String> {
    let package = tabular::read(path)?;
    let mut imported = hsds::import_services(&package.services, today)?;
    for (file, rows) in package.other_tables {
        imported.report.unmapped.insert(file, rows);
    }
    Ok(imported)
}

fn fail(message: &str) -> ExitCode {
    print_diagnostics_on_stderr(&[Diagnostic::bare(message)], MessageFormat::Human);
    ExitCode::from(1)
}
