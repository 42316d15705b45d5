//! `docs/source-format.md` states each key's type and whether it is required; these must
//! be what the parser checks (the integration tests compare the key names through the
//! binary).

use super::raw::{ALL, ROOT};
use super::schema::{Kind, Schema};

/// One documented row: the key, its type and its "required" cell.
struct Row {
    key: String,
    kind: String,
    required: String,
}

fn documented(header: &str) -> Vec<Row> {
    let doc = include_str!("../../docs/source-format.md");
    let heading = match header {
        h if h == ROOT.header => "## The tables".to_owned(),
        h => format!("### `{h}`"),
    };
    let start = doc
        .lines()
        .position(|line| line == heading)
        .unwrap_or_else(|| panic!("no heading {heading}"));
    doc.lines()
        .skip(start + 1)
        .take_while(|line| !line.starts_with('#'))
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.split(" | ").collect();
            Row {
                key: cells[0]
                    .trim_start_matches("| ")
                    .trim_matches('`')
                    .to_owned(),
                kind: cells[1].to_owned(),
                required: cells[2].to_owned(),
            }
        })
        .collect()
}

/// The kind a documented type names.
fn kind_of(documented: &str) -> Kind {
    match documented {
        t if t.starts_with("list of tables") => Kind::Tables,
        t if t.starts_with("list of") => Kind::Texts,
        t if t.starts_with("table") => Kind::Table,
        t if t.starts_with("date") => Kind::Date,
        t if t.starts_with("integer") => Kind::Integer,
        t if t.starts_with("boolean") => Kind::Bool,
        _ => Kind::Text,
    }
}

fn name_of(schema: &Schema, key: &str) -> String {
    if schema.header == ROOT.header {
        key.trim_matches(|c| c == '[' || c == ']').to_owned()
    } else {
        key.to_owned()
    }
}

#[test]
fn every_key_is_documented_with_its_type_and_whether_it_is_required() {
    for schema in ALL {
        let rows = documented(schema.header);
        let names: Vec<String> = rows.iter().map(|row| name_of(schema, &row.key)).collect();
        assert_eq!(names, schema.names(), "the keys of {}", schema.header);
        for (row, key) in rows.iter().zip(schema.keys) {
            assert_eq!(
                kind_of(&row.kind),
                key.kind,
                "the type of `{}` in {} is documented as {:?}",
                key.name,
                schema.header,
                row.kind
            );
            assert_eq!(
                row.required == "yes",
                key.required,
                "whether `{}` in {} is required (documented: {:?})",
                key.name,
                schema.header,
                row.required
            );
        }
    }
}
