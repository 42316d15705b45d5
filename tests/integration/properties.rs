//! Property tests through the real binary: whatever the guide holds, `guidepress check`
//! ends with exit code 0 or 1 and says why, and never crashes. (The library-level
//! properties in `src/source/properties.rs` run many more cases, faster.)

use std::fs;

use proptest::prelude::*;

use crate::common::Project;

/// Runs `check` on a guide made of `bytes` and checks how it ended.
fn check_ends_cleanly(bytes: &[u8]) -> Result<(), TestCaseError> {
    let project = Project::with_guide("");
    fs::write(project.path().join("source/guide.toml"), bytes).unwrap();
    let run = project.run(&["check"]);
    prop_assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    match run.code {
        0 => prop_assert!(run.stdout.contains(": ok ("), "{}", run.stdout),
        1 => prop_assert!(
            run.stderr.starts_with("error") || run.stderr.starts_with("warning"),
            "{}",
            run.stderr
        ),
        code => prop_assert!(false, "exit code {code}: {}", run.stderr),
    }
    Ok(())
}

/// A valid guide whose every string is replaced, in order, by one of `texts`.
fn guide_with(texts: &[String]) -> String {
    let mut guide: toml::Value = toml::from_str(VALID).expect("the valid guide parses");
    let mut texts = texts.iter().cycle();
    replace_strings(&mut guide, &mut texts);
    toml::to_string(&guide).expect("any value serializes")
}

fn replace_strings<'a>(value: &mut toml::Value, texts: &mut impl Iterator<Item = &'a String>) {
    match value {
        toml::Value::String(text) => *text = texts.next().cloned().unwrap_or_default(),
        toml::Value::Array(items) => items
            .iter_mut()
            .for_each(|item| replace_strings(item, texts)),
        toml::Value::Table(table) => table
            .iter_mut()
            .for_each(|(_, item)| replace_strings(item, texts)),
        _ => {}
    }
}

const VALID: &str = r#"
[guide]
id = "test-guide"
title = "Test guide"
subtitle = "For families"
publisher = "The county"
language = "en"
date = 2026-01-15
edition = "Winter 2026"
intro = "Some *intro* text."
closing = "Some closing text."
emergency = "In an emergency, call 911."

[[section]]
id = "help"
title = "Help"
intro = "Where to find help."

[[organization]]
id = "helpline"
name = "Helpline"
short_name = "HL"
section = "help"
summary = "A helpline."
about = "Answers questions."
services = ["Listens.", "Advises."]
tags = ["families"]

[[organization.contact]]
id = "phone"
kind = "phone"
label = "Call"
value = "1-800-555-0100"
hours = "Every day"
regions = ["United States"]

[[card]]
id = "call"
title = "Call"
contacts = ["helpline.phone"]
note = "Free and confidential."

[print]
paper = "a4"
layout = "handout"
"#;

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[-*_#<>&\\\\\\[\\]()`!|:./a-z0-9 \t\n]{0,40}",
        "[a-z0-9.-]{1,12}"
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn check_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_ends_cleanly(&bytes)?;
    }

    #[test]
    fn check_survives_arbitrary_text_in_every_field(texts in prop::collection::vec(any_text(), 1..40)) {
        check_ends_cleanly(guide_with(&texts).as_bytes())?;
    }
}

#[test]
fn the_valid_guide_checks_clean_before_it_is_changed() {
    let project = Project::with_guide(VALID);
    let run = project.run(&["check"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
}
