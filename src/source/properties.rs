//! Property tests: whatever a guide holds, reading and checking it never panics, and it
//! ends either in a checked guide or in diagnostics that point inside the file.

use std::sync::Arc;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use toml::{Table, Value};

use crate::diag::{Diagnostic, SourceText};
use crate::source::{parse_source, source_from_bytes};
use crate::validate::validate;

/// Reads, parses and validates `bytes` as the whole pipeline does, checking the outcome.
fn check_bytes(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let today = time::macros::date!(2026 - 01 - 15);
    let source = match source_from_bytes("guide.toml".into(), bytes) {
        Ok(source) => source,
        Err(diagnostic) => return assert_sane(&[diagnostic], None),
    };
    let raw = match parse_source(&source) {
        Ok(raw) => raw,
        Err(diagnostics) => {
            prop_assert!(!diagnostics.is_empty());
            return assert_sane(&diagnostics, Some(&source));
        }
    };
    let (checked, diagnostics) = validate(&source, raw, today);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    prop_assert_eq!(checked.is_some(), !has_errors, "{:#?}", diagnostics);
    if let Some(checked) = checked {
        prop_assert!(serde_json::to_string(&checked.guide).is_ok());
    }
    assert_sane(&diagnostics, Some(&source))
}

/// Every span lies inside its file on character boundaries, and every rendering works.
fn assert_sane(
    diagnostics: &[Diagnostic],
    source: Option<&Arc<SourceText>>,
) -> Result<(), TestCaseError> {
    for diagnostic in diagnostics {
        prop_assert!(!diagnostic.message.is_empty());
        if let (Some(file), Some(span)) = (&diagnostic.file, &diagnostic.span) {
            prop_assert!(
                span.start <= span.end && span.end <= file.text.len(),
                "{span:?}"
            );
            prop_assert!(
                file.text.is_char_boundary(span.start) && file.text.is_char_boundary(span.end)
            );
            if let Some(source) = source {
                prop_assert!(Arc::ptr_eq(file, source) || diagnostic.span.is_none());
            }
        }
        prop_assert!(!diagnostic.to_human().is_empty());
        let json = diagnostic.to_json();
        prop_assert!(json["message"].is_string());
    }
    let starts: Vec<usize> = diagnostics
        .iter()
        .filter_map(|d| d.span.as_ref())
        .map(|s| s.start)
        .collect();
    prop_assert!(starts.is_sorted(), "not in source order: {starts:?}");
    Ok(())
}

/// Any text at all, text that looks like Markdown or TOML, or text close to a valid value.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[-*_#<>&\\\\\\[\\]()`!|:./a-z0-9 \t\r\n]{0,60}",
        "[a-z0-9-]{1,12}",
        "[0-9 +().A-Z-]{0,20}",
        "(https?://)?[a-z]{1,8}\\.[a-z]{2,3}(/[a-z_]{0,8})?",
    ]
}

fn text_table(keys: &[&str], texts: &mut impl Iterator<Item = String>) -> Table {
    keys.iter()
        .map(|key| {
            (
                (*key).to_owned(),
                Value::String(texts.next().unwrap_or_default()),
            )
        })
        .collect()
}

/// A guide with every text field filled from `texts`, written with toml's own serializer.
fn guide_with(texts: Vec<String>) -> String {
    let mut texts = texts.into_iter();
    let date = |text: &str| Value::Datetime(text.parse().expect("a date"));
    let mut guide = text_table(
        &[
            "id",
            "title",
            "subtitle",
            "publisher",
            "language",
            "edition",
            "intro",
            "closing",
            "emergency",
        ],
        &mut texts,
    );
    guide.insert("date".into(), date("2026-01-15"));
    let section = text_table(&["id", "title", "intro"], &mut texts);
    let mut contact = text_table(&["id", "kind", "label", "value", "hours"], &mut texts);
    contact.insert(
        "regions".into(),
        Value::Array(vec![Value::String(texts.next().unwrap_or_default())]),
    );
    contact.insert("verified".into(), date("2025-06-30"));
    let mut organization = text_table(
        &[
            "id",
            "name",
            "short_name",
            "section",
            "summary",
            "about",
            "services_intro",
            "closing",
        ],
        &mut texts,
    );
    for key in ["services", "tags"] {
        organization.insert(
            key.into(),
            Value::Array(vec![Value::String(texts.next().unwrap_or_default())]),
        );
    }
    organization.insert("contact".into(), Value::Array(vec![Value::Table(contact)]));
    let mut card = text_table(&["id", "title", "note"], &mut texts);
    card.insert(
        "contacts".into(),
        Value::Array(vec![Value::String(texts.next().unwrap_or_default())]),
    );
    let print = text_table(&["paper", "layout", "bleed"], &mut texts);
    let mut root = Table::new();
    root.insert("guide".into(), Value::Table(guide));
    root.insert("section".into(), Value::Array(vec![Value::Table(section)]));
    root.insert(
        "organization".into(),
        Value::Array(vec![Value::Table(organization)]),
    );
    root.insert("card".into(), Value::Array(vec![Value::Table(card)]));
    root.insert("print".into(), Value::Table(print));
    toml::to_string(&root).expect("any table serializes")
}

/// How many text fields [`guide_with`] fills.
const TEXT_FIELDS: usize = 35;

const VALID: &str = r#"[guide]
id = "test-guide"
title = "Test guide"
language = "en"
date = 2026-01-15
intro = """
Some *intro* text with a [link](https://example.org).

- one
- two
"""

[[organization]]
id = "helpline"
name = "Helpline"
summary = "A helpline."
about = "Answers questions."

[[organization.contact]]
id = "phone"
kind = "phone"
label = "Call"
value = "1-800-555-0100"

[[card]]
id = "call"
title = "Call"
contacts = ["helpline.phone"]
"#;

/// One edit of a text: insert a character, or delete a run of characters.
fn edit() -> impl Strategy<Value = (prop::sample::Index, Option<char>, usize)> {
    let special = prop::sample::select(vec![
        '"', '\'', '[', ']', '=', '#', '\n', '\\', '{', '}', ',', '.', '*', '<', '\u{7}', 'é',
        '\u{feff}',
    ]);
    (
        any::<prop::sample::Index>(),
        prop::option::of(special),
        1..6usize,
    )
}

fn apply(text: &str, edits: &[(prop::sample::Index, Option<char>, usize)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (at, insert, delete) in edits {
        let at = at.index(chars.len() + 1);
        match insert {
            Some(ch) => chars.insert(at, *ch),
            None => drop(chars.drain(at..(at + delete).min(chars.len()))),
        }
    }
    chars.into_iter().collect()
}

proptest! {
    // Failing seeds are kept beside this file (properties.proptest-regressions), not in a
    // top-level folder.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_text_in_every_field_never_panics(texts in prop::collection::vec(any_text(), TEXT_FIELDS)) {
        check_bytes(guide_with(texts).into_bytes())?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_bytes(bytes)?;
    }

    #[test]
    fn arbitrary_edits_of_a_valid_guide_never_panic(edits in prop::collection::vec(edit(), 1..8)) {
        check_bytes(apply(VALID, &edits).into_bytes())?;
    }
}

#[test]
fn the_valid_guide_is_valid_and_fills_every_field() {
    let texts: Vec<String> = (0..TEXT_FIELDS).map(|i| format!("x{i}")).collect();
    let guide = guide_with(texts);
    assert!(guide.contains(&format!("x{}", TEXT_FIELDS - 1)), "{guide}");
    let source = source_from_bytes("guide.toml".into(), VALID.as_bytes().to_vec()).unwrap();
    let (checked, diagnostics) = validate(
        &source,
        parse_source(&source).unwrap(),
        time::macros::date!(2026 - 01 - 15),
    );
    assert!(checked.is_some(), "{diagnostics:#?}");
}
