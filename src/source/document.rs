//! Reading a whole document: its top level, then the problems only the whole file has.

use std::sync::Arc;

use toml::de::DeTable;

use super::raw::SourceGuide;
use super::reader::{Reader, Table};
use crate::diag::{Diagnostic, SourceText};

/// Reads a parsed document into the model; problems go to [`SourceGuide::problems`].
pub(super) fn read_document(file: &Arc<SourceText>, document: &DeTable<'_>) -> SourceGuide {
    let mut reader = Reader {
        file,
        problems: Vec::new(),
    };
    let fields = reader.fields(document, 0..0, SourceGuide::SCHEMA);
    let mut guide = SourceGuide::read(&mut reader, &fields);
    top_level(&mut reader, document, &guide);
    guide.problems = reader.problems;
    guide
}

/// The problems of the top level that no single key has: no guide, no organizations.
fn top_level(reader: &mut Reader<'_>, document: &DeTable<'_>, read: &SourceGuide) {
    if read.guide.is_none() && !document.contains_key("guide") {
        let diagnostic = Diagnostic::bare("the guide has no [guide] table")
            .with_hint("start the file with [guide] and its id, title, language and date");
        reader.problems.push(Diagnostic {
            file: Some(Arc::clone(reader.file)),
            ..diagnostic
        });
    }
    if read.organization.is_empty()
        && document
            .get("organization")
            .is_none_or(|v| v.get_ref().is_array())
    {
        let diagnostic = match &read.guide {
            Some(guide) => {
                Diagnostic::error(reader.file, guide.span(), "the guide has no organizations")
            }
            None => Diagnostic {
                file: Some(Arc::clone(reader.file)),
                ..Diagnostic::bare("the guide has no organizations")
            },
        };
        reader
            .problems
            .push(diagnostic.with_hint("add at least one [[organization]] table"));
    }
}
