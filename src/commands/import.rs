//! `guidepress import FILE [-o guide.toml]`: a workbook, a CSV folder or Open Referral
//! HSDS 3.0 data → a guide TOML that `check` accepts at once.
//!
//! Each kind of input is one arm of [`Input`]; a new kind adds a variant, its detection in
//! [`Input::of`] and its arm in [`run`].

mod hsds;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use crate::cli::{ImportArgs, MessageFormat};
use crate::diag::print::print_diagnostics;
use crate::diag::{Diagnostic, SourceText};
use crate::source::directory::writer::toml_string;
use crate::source::directory::{DirectoryKey, as_built, attach_from};

/// What `import` was given.
enum Input {
    /// An .xlsx, .xls or .ods workbook with the sheets Organizations and Contacts.
    Workbook,
    /// A folder with organizations.csv and contacts.csv.
    CsvFolder,
    /// A JSON array of HSDS services (or one service, or a page of them).
    HsdsJson,
    /// An HSDS tabular data package: its folder or its `datapackage.json`.
    HsdsPackage,
}

impl Input {
    fn of(path: &Path) -> Result<Self, Diagnostic> {
        if path.is_dir() {
            return Ok(if path.join(hsds::DESCRIPTOR).is_file() {
                Self::HsdsPackage
            } else {
                Self::CsvFolder
            });
        }
        if path.file_name().is_some_and(|n| n == hsds::DESCRIPTOR) {
            return Ok(Self::HsdsPackage);
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            .unwrap_or_default();
        match extension.as_str() {
            "xlsx" | "xlsm" | "xls" | "ods" => Ok(Self::Workbook),
            "json" => Ok(Self::HsdsJson),
            _ => Err(Diagnostic::bare(format!(
                "`{}` is not something guidepress can import",
                path.display()
            ))
            .with_hint("import reads an .xlsx, .xls or .ods workbook (sheets Organizations and Contacts), a folder with organizations.csv and contacts.csv, HSDS 3.0 services as .json, or an HSDS tabular data package (a folder with datapackage.json)")),
        }
    }
}

/// Runs `guidepress import`.
pub(super) fn run(args: &ImportArgs) -> ExitCode {
    let result = Input::of(&args.input).map(|input| match input {
        Input::Workbook | Input::CsvFolder => guide_text(&args.input),
        Input::HsdsJson => hsds::guide_text(&args.input, false),
        Input::HsdsPackage => hsds::guide_text(&args.input, true),
    });
    let text = match result {
        Ok(Ok(text)) => text,
        Ok(Err(diagnostics)) => return failed(&diagnostics, args.message_format),
        Err(diagnostic) => return failed(&[diagnostic], args.message_format),
    };
    let Some(path) = &args.output else {
        print!("{text}");
        return ExitCode::SUCCESS;
    };
    if let Err(e) = std::fs::write(path, &text) {
        let problem = Diagnostic::bare(format!(
            "cannot write `{}` ({})",
            path.display(),
            crate::source::io_reason(&e)
        ));
        return failed(&[problem], args.message_format);
    }
    eprintln!(
        "wrote {}: complete its [guide] table (title, language, date), then run `guidepress check --source {}`",
        path.display(),
        path.display()
    );
    ExitCode::SUCCESS
}

fn failed(diagnostics: &[Diagnostic], format: MessageFormat) -> ExitCode {
    print_diagnostics(diagnostics, format);
    if format == MessageFormat::Human {
        eprintln!("error: nothing was imported");
    }
    ExitCode::from(1)
}

/// The guide TOML of a workbook or CSV folder: a `[guide]` stub, a section for each
/// section the rows name, then the rows; checked like any guide, its problems at cells.
fn guide_text(input: &Path) -> Result<String, Vec<Diagnostic>> {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let key = DirectoryKey {
        written: input.display().to_string(),
        span: 0..0,
        path: PathBuf::from(input),
    };
    let first = attach_from(&stub(&stem, &key, &[]), &key).map_err(|d| vec![d])?;
    let sections = sections_named(&first);
    let source = if sections.is_empty() {
        first
    } else {
        attach_from(&stub(&stem, &key, &sections), &key).map_err(|d| vec![d])?
    };
    match crate::pipeline::check_source(Arc::clone(&source)) {
        Ok(_) => Ok(as_built(&source)),
        Err(error) => Err(error.diagnostics()),
    }
}

/// The guide's own TOML: what the user completes.
fn stub(stem: &str, key: &DirectoryKey, sections: &[String]) -> Arc<SourceText> {
    let id = slug(stem);
    let today = crate::pipeline::today();
    let mut text = format!(
        "# Imported from {} by guidepress import.\n\
         # Complete the [guide] table: its title, language and date are placeholders.\n\
         [guide]\n\
         id = {}\n\
         title = {}\n\
         language = \"en\"\n\
         date = {today}\n\
         directory = {}\n",
        key.written,
        toml_string(if id.is_empty() { "imported-guide" } else { &id }),
        toml_string(if stem.is_empty() {
            "Resource guide"
        } else {
            stem
        }),
        toml_string(&key.written),
    );
    for section in sections {
        text.push_str(&format!(
            "\n[[section]]\nid = {}\ntitle = {}\n",
            toml_string(section),
            toml_string(&title_of(section))
        ));
    }
    Arc::new(SourceText {
        name: key.written.clone(),
        text,
        cells: None,
    })
}

/// The sections the organizations name, in order of first use.
fn sections_named(source: &Arc<SourceText>) -> Vec<String> {
    let Ok(raw) = crate::source::parse_source(source) else {
        return Vec::new();
    };
    let mut sections: Vec<String> = Vec::new();
    for org in &raw.organization {
        if let Some(section) = &org.get_ref().section {
            let id = section.get_ref().trim().to_owned();
            if !id.is_empty() && !sections.contains(&id) {
                sections.push(id);
            }
        }
    }
    sections
}

/// `in-crisis` → "In crisis".
fn title_of(id: &str) -> String {
    let words = id.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A file name as an id: `Resource Map 2026` → `resource-map-2026`.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in deunicode::deunicode(name).to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').chars().take(64).collect()
}
