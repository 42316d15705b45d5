//! `docs/source-format.md` against the parser: every key it documents is accepted, and
//! every key the parser accepts is documented, table by table, in the parser's order.

use std::collections::BTreeMap;

use crate::common::{Project, repo};

/// A guide with every table, each header on its own line, so a key can be put under any.
const EVERY_TABLE: &str = r#"
[guide]
id = "t"
title = "T"
language = "en"
date = 2026-01-15

[[section]]
id = "s"
title = "S"

[[organization]]
id = "o"
name = "O"
section = "s"
summary = "S"
about = "A"

[[organization.contact]]
id = "c"
kind = "phone"
label = "L"
value = "988"

[[card]]
id = "k"
title = "K"
contacts = ["o.c"]

[[edition]]
id = "e"

[print]

[cards]
"#;

const ROOT: &str = "the top level of the file";

fn documentation() -> String {
    std::fs::read_to_string(repo().join("docs/source-format.md")).expect("docs/source-format.md")
}

/// The documented keys of each table (the top level lists the tables as headers), in order.
fn documented_keys(doc: &str) -> BTreeMap<String, Vec<String>> {
    let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        if let Some(heading) = line
            .strip_prefix("## ")
            .or_else(|| line.strip_prefix("### "))
        {
            current = match heading {
                "The tables" => Some(ROOT.to_owned()),
                _ => heading
                    .strip_prefix('`')
                    .and_then(|h| h.strip_suffix('`'))
                    .map(str::to_owned),
            };
            continue;
        }
        let (Some(table), Some(row)) = (&current, line.strip_prefix("| `")) else {
            continue;
        };
        let key = row.split('`').next().unwrap_or_default().to_owned();
        tables.entry(table.clone()).or_default().push(key);
    }
    tables
}

/// What the parser accepts in `header`, as its hint for an unknown key there lists it.
fn accepted_keys(header: &str) -> Vec<String> {
    let guide = if header == ROOT {
        format!("zzzz = 1\n{EVERY_TABLE}")
    } else {
        let line = format!("\n{header}\n");
        assert!(
            EVERY_TABLE.contains(&line),
            "no table {header} in the test guide"
        );
        EVERY_TABLE.replacen(&line, &format!("{line}zzzz = 1\n"), 1)
    };
    let project = Project::empty();
    project.write("x.toml", &guide);
    let run = project.run(&["check", "--source", "x.toml", "--message-format", "json"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let hints: Vec<String> = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("a JSON line"))
        .flat_map(|message| {
            message["hints"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|hint| hint.as_str().map(str::to_owned))
        })
        .collect();
    let prefix = match header {
        ROOT => "accepted tables: ".to_owned(),
        _ => format!("accepted keys in {header}: "),
    };
    let list = hints
        .iter()
        .find_map(|hint| hint.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no list of accepted keys for {header}: {hints:?}"));
    list.split(", ").map(str::to_owned).collect()
}

#[test]
fn every_documented_key_is_accepted_and_every_accepted_key_is_documented() {
    let documented = documented_keys(&documentation());
    let headers = [
        ROOT,
        "[guide]",
        "[[section]]",
        "[[organization]]",
        "[[organization.contact]]",
        "[[card]]",
        "[[edition]]",
        "[print]",
        "[cards]",
    ];
    assert_eq!(
        documented
            .keys()
            .cloned()
            .collect::<std::collections::BTreeSet<_>>(),
        headers
            .iter()
            .map(std::string::ToString::to_string)
            .collect(),
        "the documented tables"
    );
    for header in headers {
        assert_eq!(
            documented[header],
            accepted_keys(header),
            "the keys of {header}: documented (left) and accepted by the parser (right)"
        );
    }
}

/// The TOML code block that follows the heading `heading`.
fn example_after(doc: &str, heading: &str) -> String {
    let start = doc.find(heading).expect("the heading is there");
    let block = &doc[start..];
    let open = block.find("```toml\n").expect("a TOML block") + "```toml\n".len();
    let close = block[open..].find("```").expect("the block ends");
    block[open..open + close].to_owned()
}

#[test]
fn the_documented_examples_check_and_the_full_one_uses_every_key() {
    let doc = documentation();
    for heading in ["# The source format", "## A guide with every key"] {
        let project = Project::empty();
        project.write("guide.toml", &example_after(&doc, heading));
        let run = project.run(&["check", "--source", "guide.toml"]);
        assert_eq!(run.code, 0, "{heading}: {}", run.transcript());
        assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    }
    let full: toml::Table = example_after(&doc, "## A guide with every key")
        .parse()
        .expect("TOML");
    let first = |value: &toml::Value| -> toml::Table {
        match value {
            toml::Value::Array(items) => {
                // Every key used by any of the tables (contacts differ by kind).
                let mut all = toml::Table::new();
                for item in items {
                    all.extend(item.as_table().expect("a table").clone());
                }
                all
            }
            other => other.as_table().expect("a table").clone(),
        }
    };
    let organization = first(&full["organization"]);
    let tables: BTreeMap<&str, toml::Table> = BTreeMap::from([
        (ROOT, full.clone()),
        ("[guide]", first(&full["guide"])),
        ("[[section]]", first(&full["section"])),
        ("[[organization]]", organization.clone()),
        ("[[organization.contact]]", first(&organization["contact"])),
        ("[[card]]", first(&full["card"])),
        ("[[edition]]", first(&full["edition"])),
        ("[print]", first(&full["print"])),
        ("[cards]", first(&full["cards"])),
    ]);
    for (header, keys) in documented_keys(&doc) {
        for key in keys {
            let name = key.trim_matches(|c| c == '[' || c == ']');
            // A guide with a `directory` has its organizations in the workbook, not in
            // the example's tables; tests/integration/directory.rs builds one.
            if header == "[guide]" && name == "directory" {
                continue;
            }
            // A back language needs a translation beside the guide;
            // tests/integration/cards/bilingual.rs builds one.
            if header == "[cards]" && name == "back_language" {
                continue;
            }
            assert!(
                tables[header.as_str()].contains_key(name),
                "the full example has no `{name}` in {header}"
            );
        }
    }
}
