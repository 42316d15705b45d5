//! The HSDS 3.0 arm of `import`: services as JSON, or a tabular data package.

use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use crate::diag::{Diagnostic, SourceText};
use crate::interchange::guide_toml;
use crate::interchange::hsds::{self, Imported, tabular};

pub(super) use tabular::DESCRIPTOR;

/// The guide TOML made from the HSDS data at `path` (a package when `package`), its
/// report of what had nowhere to go on standard error, checked as `check` would.
pub(super) fn guide_text(path: &Path, package: bool) -> Result<String, Vec<Diagnostic>> {
    let today = crate::model::Date(crate::pipeline::today()).to_string();
    let imported = if package {
        read_package(path, &today)
    } else {
        read_json(path).and_then(|services| hsds::import_services(&services, &today))
    }
    .map_err(|message| vec![Diagnostic::bare(message)])?;
    let text = guide_toml::write(&imported.header, &imported.directory);
    for line in imported.report.lines() {
        eprintln!("{line}");
    }
    let source = Arc::new(SourceText {
        name: "the imported guide".into(),
        text: text.clone(),
        cells: None,
    });
    match crate::pipeline::check_source(source) {
        Ok(_) => Ok(text),
        Err(error) => Err(error.diagnostics()),
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
