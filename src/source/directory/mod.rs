//! A guide's directory in a spreadsheet: `[guide] directory = "directory.xlsx"` (or .ods,
//! .xls, or a folder with `organizations.csv` and `contacts.csv`).
//!
//! The sheets' rows are written after the guide's own TOML as `[[organization]]` and
//! `[[organization.contact]]` tables ([`writer`]), with a map from each value to its cell
//! ([`CellMap`]): the guide is then read and validated as any other, and every problem in a
//! row is shown at its cell (`directory.xlsx: Contacts!E7`).

pub mod columns;
pub mod grid;
mod ods_merges;
mod rows;
pub mod writer;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use self::columns::{CONTACTS_CSV, CONTACTS_SHEET, ORGANIZATIONS_CSV, ORGANIZATIONS_SHEET};
use self::grid::Grid;
use self::writer::TomlWriter;
use crate::diag::cells::{CellMap, CellPlace};
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diagnostic, Severity, SourceText};

/// The largest workbook or CSV file read, as for a guide file.
const MAX_DIRECTORY_BYTES: u64 = 8 * 1024 * 1024;

/// Where the guide's `directory` key points, as written and as a path.
#[derive(Debug, Clone)]
pub struct DirectoryKey {
    /// As written in the guide.
    pub written: String,
    /// Where it is written (the string's span).
    pub span: std::ops::Range<usize>,
    /// The path, relative to the guide's folder.
    pub path: PathBuf,
}

/// The `directory` of a guide's TOML, when it has one; `guide` is the guide's path (`-` for
/// standard input, whose directory is relative to the current folder).
pub fn directory_key(source: &SourceText, guide: &Path) -> Option<DirectoryKey> {
    if !source.text.contains("directory") {
        return None;
    }
    let document = DeTable::parse(&source.text).ok()?;
    let table = document.get_ref().get("guide")?;
    let DeValue::Table(table) = table.get_ref() else {
        return None;
    };
    let value = table.get("directory")?;
    let DeValue::String(written) = value.get_ref() else {
        return None;
    };
    let folder = if guide.as_os_str() == "-" {
        Path::new("")
    } else {
        guide.parent().unwrap_or(Path::new(""))
    };
    Some(DirectoryKey {
        written: written.to_string(),
        span: value.span(),
        path: folder.join(&**written),
    })
}

/// The directory the guide file at `guide` names, if it names one (for `watch`).
pub fn directory_path(guide: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(guide).ok()?;
    let source = SourceText {
        name: guide.display().to_string(),
        text,
        cells: None,
    };
    directory_key(&source, guide).map(|key| key.path)
}

/// Whether a path names a directory rather than a guide: a workbook, or a folder with
/// `organizations.csv`.
pub fn is_directory_path(path: &Path) -> bool {
    if path.is_dir() {
        return path.join(ORGANIZATIONS_CSV).exists();
    }
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_lowercase().as_str(), "xlsx" | "xlsm" | "xls" | "ods"))
}

/// The guide `source` (read from `guide`) with its directory replaced by `directory`: the
/// same guide with another version of its workbook.
pub fn attach_instead(
    source: &Arc<SourceText>,
    guide: &Path,
    directory: &Path,
) -> Result<Arc<SourceText>, Diagnostic> {
    let Some(key) = directory_key(source, guide) else {
        return Err(Diagnostic {
            file: Some(Arc::clone(source)),
            ..Diagnostic::bare(format!(
                "the guide has no `directory`, so `{}` cannot stand for its organizations",
                directory.display()
            ))
        }
        .with_hint("give the guide with --source, one whose [guide] has `directory = …`"));
    };
    let key = DirectoryKey {
        written: directory.display().to_string(),
        path: directory.to_path_buf(),
        ..key
    };
    attach_from(source, &key)
}

/// The guide with the rows of its directory written in, or the guide as it is when it has
/// no directory. The problems of the cells travel with it, for [`parse_source`](super::parse_source).
pub fn attach(source: Arc<SourceText>, guide: &Path) -> Result<Arc<SourceText>, Diagnostic> {
    let Some(key) = directory_key(&source, guide) else {
        return Ok(source);
    };
    attach_from(&source, &key)
}

/// The guide with the rows of the directory `key` written in.
pub fn attach_from(
    source: &Arc<SourceText>,
    key: &DirectoryKey,
) -> Result<Arc<SourceText>, Diagnostic> {
    let at_key = |message: String| Diagnostic::error(source, key.span.clone(), message);
    if has_organizations(&source.text) {
        return Err(at_key(format!(
            "the guide has its own [[organization]] tables and takes them from `{}` as well",
            key.written
        ))
        .with_hint("keep the organizations in one place: remove the [[organization]] tables, or the `directory` key"));
    }
    let (grids, mut found) = read(key).map_err(|(message, hint)| {
        let diagnostic = at_key(message);
        match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    })?;
    let mut writer = TomlWriter::after(source.text.clone());
    writer.blank_line();
    writer.comment(&format!(
        "The organizations and contacts below were read from {}.",
        key.written
    ));
    for (place, severity, message, hint) in std::mem::take(&mut found.sheets) {
        let span = writer.cell_note(&place, "");
        found.rows.problems.push(Diagnostic {
            severity,
            span: Some(span),
            hints: vec![hint],
            ..Diagnostic::bare(message)
        });
    }
    rows::write(&mut writer, &grids[0], &grids[1], &mut found.rows);
    let (text, mut map) = writer.finish();
    map.problems = found.rows.problems;
    Ok(Arc::new(SourceText {
        name: source.name.clone(),
        text,
        cells: Some(Arc::new(map)),
    }))
}

/// Whether a guide's TOML has organizations of its own.
fn has_organizations(text: &str) -> bool {
    DeTable::parse(text).is_ok_and(|d| d.get_ref().contains_key("organization"))
}

/// What reading the files found beside the rows: problems of whole sheets.
#[derive(Default)]
struct Found {
    sheets: Vec<(CellPlace, Severity, String, String)>,
    rows: rows::Found,
}

type Refusal = (String, Option<String>);

/// Reads the two grids (organizations, contacts) of a workbook or a CSV folder.
fn read(key: &DirectoryKey) -> Result<(Vec<Grid>, Found), Refusal> {
    let path = &key.path;
    let shown = key.written.trim_end_matches(['/', '\\']).to_owned();
    let metadata = std::fs::metadata(path).map_err(|e| {
        (
            format!(
                "cannot read the directory `{shown}` ({})",
                super::io_reason(&e)
            ),
            Some("the path is relative to the guide's own folder".to_owned()),
        )
    })?;
    if metadata.is_dir() {
        return read_folder(path, &shown);
    }
    if metadata.len() > MAX_DIRECTORY_BYTES {
        return Err((
            format!("`{shown}` is larger than 8 MiB, the most a directory may have"),
            None,
        ));
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    if !matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        return Err((
            format!("`{shown}` is not a workbook guidepress can read"),
            Some("the directory is an .xlsx, .xls or .ods workbook, or a folder with organizations.csv and contacts.csv".into()),
        ));
    }
    let wanted = [ORGANIZATIONS_SHEET, CONTACTS_SHEET];
    let book = grid::read_workbook(path, &shown, &wanted).map_err(|e| {
        (
            format!("`{shown}` cannot be read as a workbook ({e})"),
            Some("open it in Excel or LibreOffice and save it again as .xlsx or .ods".into()),
        )
    })?;
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    for wanted in wanted {
        if !names.contains(&wanted) {
            let hint = match did_you_mean(wanted, names.iter().copied()) {
                Some(best) => format!("did you mean the sheet `{best}`? Rename it `{wanted}`"),
                None => format!(
                    "the workbook needs two sheets, `{ORGANIZATIONS_SHEET}` and `{CONTACTS_SHEET}`; it has: {}",
                    names.join(", ")
                ),
            };
            return Err((
                format!("`{shown}` has no sheet named `{wanted}`"),
                Some(hint),
            ));
        }
    }
    let mut found = Found::default();
    for sheet in &book.sheets {
        let place = CellPlace {
            file: shown.clone(),
            sheet: sheet.name.clone(),
            cell: String::new(),
        };
        let read = wanted.contains(&sheet.name.as_str());
        match (read, sheet.hidden) {
            (true, true) => found.sheets.push((
                place,
                Severity::Warning,
                format!("the sheet `{}` is hidden", sheet.name),
                "guidepress reads it all the same; unhide it (right-click a sheet tab → Unhide) so that everyone sees what is printed".into(),
            )),
            (false, hidden) => found.sheets.push((
                place,
                Severity::Warning,
                format!(
                    "the {}sheet `{}` is not read",
                    if hidden { "hidden " } else { "" },
                    sheet.name
                ),
                format!("guidepress reads only the sheets `{ORGANIZATIONS_SHEET}` and `{CONTACTS_SHEET}`; anything else in the workbook is left out of the guide"),
            )),
            (true, false) => {}
        }
    }
    let mut grids = book.grids;
    grids.sort_by_key(|g| g.sheet != ORGANIZATIONS_SHEET);
    Ok((grids, found))
}

fn read_folder(path: &Path, shown: &str) -> Result<(Vec<Grid>, Found), Refusal> {
    let mut grids = Vec::new();
    for name in [ORGANIZATIONS_CSV, CONTACTS_CSV] {
        let file = path.join(name);
        let shown_file = format!("{shown}/{name}");
        let bytes = std::fs::read(&file).map_err(|e| {
            (
                format!("cannot read `{shown_file}` ({})", super::io_reason(&e)),
                Some(format!(
                    "a directory folder holds two files, {ORGANIZATIONS_CSV} and {CONTACTS_CSV}"
                )),
            )
        })?;
        if bytes.len() as u64 > MAX_DIRECTORY_BYTES {
            return Err((
                format!("`{shown_file}` is larger than 8 MiB, the most a directory may have"),
                None,
            ));
        }
        let grid = grid::read_csv(&bytes, &shown_file)
            .map_err(|e| (format!("`{shown_file}` cannot be read as CSV ({e})"), None))?;
        grids.push(grid);
    }
    Ok((grids, Found::default()))
}

/// The guide as built, for `output/guide-as-built.toml`: for a spreadsheet directory, the
/// guide's TOML without its `directory` key and with the rows written in, so that the copy
/// stands alone; any other guide as it is.
pub fn as_built(source: &SourceText) -> String {
    let Some(map) = &source.cells else {
        return source.text.clone();
    };
    let (own, rows) = source.text.split_at(map.start.min(source.text.len()));
    let mut document: toml_edit::DocumentMut = match own.parse() {
        Ok(document) => document,
        Err(_) => return source.text.clone(),
    };
    if let Some(guide) = document
        .get_mut("guide")
        .and_then(|g| g.as_table_like_mut())
    {
        guide.remove("directory");
    }
    let mut text = document.to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(rows);
    text
}

/// What the cells of a directory map say, for [`parse_source`](super::parse_source):
/// its problems, each at its place in `source`.
pub(super) fn problems(source: &Arc<SourceText>, map: &CellMap) -> Vec<Diagnostic> {
    map.problems
        .iter()
        .map(|problem| Diagnostic {
            file: Some(Arc::clone(source)),
            ..problem.clone()
        })
        .collect()
}

/// For each contact of a spreadsheet guide (`org.contact`), the cell of its `verified`
/// date, or the row when the contacts have no `verified` column.
pub fn verified_cells(source: &Arc<SourceText>) -> Vec<(String, CellPlace, bool)> {
    let Some(map) = &source.cells else {
        return Vec::new();
    };
    let Ok(raw) = super::parse_source(source) else {
        return Vec::new();
    };
    let mut cells = Vec::new();
    for org in &raw.organization {
        let org = org.get_ref();
        let Some(org_id) = &org.id else { continue };
        for contact in &org.contact {
            let Some(id) = &contact.get_ref().id else {
                continue;
            };
            let Some(crate::diag::cells::Located::Row(row)) = map.locate(&contact.span()) else {
                continue;
            };
            let number = row
                .place
                .cell
                .split(':')
                .next()
                .unwrap_or("")
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .to_owned();
            let column = map
                .columns
                .iter()
                .find(|(sheet, name, _)| *sheet == row.place.sheet && name == "verified");
            let reference = format!("{}.{}", org_id.get_ref().trim(), id.get_ref().trim());
            match column {
                Some((_, _, letters)) => cells.push((
                    reference,
                    CellPlace {
                        cell: format!("{letters}{number}"),
                        ..row.place.clone()
                    },
                    true,
                )),
                None => cells.push((reference, row.place.clone(), false)),
            }
        }
    }
    cells
}
