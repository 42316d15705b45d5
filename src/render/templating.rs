//! The minijinja environment shared by the text renderers (EPUB XHTML, the web page and
//! wallet cards).
//!
//! Templates come only from the sandboxed template folder. Undefined values are errors,
//! so a typo in a template fails loudly instead of printing nothing, and `.xhtml`
//! templates are escaped (minijinja escapes only `.html`, `.htm` and `.xml` by itself).

use std::sync::Arc;

use minijinja::value::ValueKind;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value};

use super::richtext;
use crate::diag::{Diagnostic, SourceText};
use crate::sandbox::Root;

/// A strict environment that loads templates from `root`.
pub fn environment(root: &Root) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        let extension = name
            .trim_end_matches(".j2")
            .rsplit('.')
            .next()
            .unwrap_or("");
        match extension {
            "xhtml" | "html" | "htm" | "xml" | "opf" | "ncx" => AutoEscape::Html,
            _ => AutoEscape::None,
        }
    });
    let mut syntax = minijinja::syntax::SyntaxConfig::builder();
    syntax
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true);
    env.set_syntax(syntax.build().expect("default delimiters are valid"));
    env.set_recursion_limit(64);
    let root = root.clone();
    env.set_loader(move |name| match root.read_to_string(name) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("cannot read template `{name}` ({e})"),
        )),
    });
    env
}

/// The environment of the markup formats (the EPUB's XHTML, the web page): escaped as
/// XHTML, with the `richtext` filter.
pub fn markup_environment(root: &Root) -> Environment<'static> {
    let mut env = environment(root);
    env.set_formatter(xml_formatter);
    env.add_filter("richtext", richtext::filter);
    // `text is left_to_right`: letters, none of a right-to-left script (an English line
    // in an Arabic guide), which the templates isolate as `dir="ltr"`.
    env.add_test("left_to_right", |text: &str| {
        super::direction::left_to_right_only(text)
    });
    env
}

/// Whether two language tags share their primary language (`en-US` and `en` do).
pub fn same_language(a: &str, b: &str) -> bool {
    let primary = |tag: &str| tag.split('-').next().unwrap_or("").to_ascii_lowercase();
    primary(a) == primary(b)
}

// minijinja's HTML escaping also escapes `/` (for HTML inside scripts), which turns every
// web address into `https:&#x2f;&#x2f;…`; XHTML needs only `& < > "` escaped.
fn xml_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), Error> {
    match (state.auto_escape(), value.kind(), value.as_str()) {
        (AutoEscape::Html, ValueKind::String, Some(text)) if !value.is_safe() => out
            .write_str(&richtext::escape(text))
            .map_err(|_| Error::new(ErrorKind::WriteFailure, "cannot write the rendered text")),
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// Turns a minijinja error into a diagnostic that points into the template file.
pub fn template_diagnostic(root: &Root, error: &minijinja::Error) -> Diagnostic {
    let name = error.name().unwrap_or("template");
    let message = format!(
        "template error: {}",
        error.detail().unwrap_or(&error.kind().to_string())
    );
    let file = root.read_to_string(name).ok().map(|text| {
        Arc::new(SourceText {
            name: root.shown().join(name).display().to_string(),
            text,
            cells: None,
        })
    });
    let span = match (&file, error.range(), error.line()) {
        (_, Some(range), _) => Some(range),
        (Some(file), None, Some(line)) => {
            let start: usize = file
                .text
                .split_inclusive('\n')
                .take(line.saturating_sub(1))
                .map(str::len)
                .sum();
            let len = file.text[start..]
                .find('\n')
                .unwrap_or(file.text.len() - start);
            Some(start..start + len)
        }
        _ => None,
    };
    let mut diagnostic = Diagnostic {
        file,
        span,
        ..Diagnostic::bare(message)
    };
    if matches!(error.kind(), minijinja::ErrorKind::UndefinedError) {
        diagnostic
            .hints
            .push("check the spelling of the value against the guide's fields".into());
    }
    if matches!(error.kind(), minijinja::ErrorKind::TemplateNotFound) {
        diagnostic.hints.push(format!(
            "the template folder is `{}`",
            root.shown().display()
        ));
    }
    diagnostic
}
