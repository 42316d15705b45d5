//! `guidepress import` (HSDS 3.0 JSON and tabular packages) and `guidepress export` (xlsx,
//! ods, csv, HSDS tabular, HSDS JSON): whole outputs, round trips, determinism,
//! confidential contacts, and the HSDS 3.0 JSON Schemas.

use std::collections::BTreeSet;
use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use serde_json::Value;

use crate::common::{Project, Run, fixture, repo};

fn imported(project: &Project, input: &str) -> Run {
    let run = project.run(&["import", &fixture(input).display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    run
}

fn without_fixture_path(text: &str) -> String {
    text.replace(&fixture("").display().to_string(), "[FIXTURES]/")
}

#[test]
fn hsds_json_becomes_a_guide_that_check_accepts() {
    let project = Project::empty();
    let run = imported(&project, "hsds/services.json");
    insta::assert_snapshot!("import_hsds_json", without_fixture_path(&run.transcript()));
    project.write("source/guide.toml", &run.stdout);
    let check = project.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.transcript());
}

#[test]
fn an_hsds_tabular_package_becomes_a_guide_that_check_accepts() {
    let project = Project::empty();
    let run = imported(&project, "hsds/package");
    insta::assert_snapshot!(
        "import_hsds_package",
        without_fixture_path(&run.transcript())
    );
    project.write("source/guide.toml", &run.stdout);
    let check = project.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.transcript());
    // Its descriptor named directly reads the same.
    let again = imported(&project, "hsds/package/datapackage.json");
    assert_eq!(again.stdout, run.stdout);
}

#[test]
fn import_writes_the_file_given_with_o() {
    let project = Project::empty();
    let path = fixture("hsds/services.json").display().to_string();
    let run = project.run(&["import", &path, "-o", "guide.toml"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, "");
    let to_stdout = project.run(&["import", &path]);
    assert_eq!(project.read_text("guide.toml"), to_stdout.stdout);
}

fn export(project: &Project, source: &str, to: &str, out: &str, extra: &[&str]) -> Run {
    let mut args = vec!["export", "--source", source, "--to", to, "-o", out];
    args.extend_from_slice(extra);
    let run = project.run(&args);
    assert_eq!(run.code, 0, "{}", run.transcript());
    run
}

fn directory_project() -> Project {
    let project = Project::empty();
    project.write(
        "source/guide.toml",
        &fs::read_to_string(fixture("hsds/directory-guide.toml")).unwrap(),
    );
    project
}

#[test]
fn every_export_is_the_same_bytes_twice() {
    let project = directory_project();
    for (to, out) in [
        ("xlsx", "a.xlsx"),
        ("ods", "a.ods"),
        ("csv", "a-csv"),
        ("hsds", "a-hsds"),
        ("hsds-json", "a.json"),
    ] {
        export(&project, "source/guide.toml", to, out, &[]);
        let again = format!("again-{out}");
        export(&project, "source/guide.toml", to, &again, &[]);
        let first = project.path().join(out);
        if first.is_dir() {
            assert_eq!(
                project.files_under(out),
                project.files_under(&again),
                "{to}"
            );
        } else {
            assert_eq!(project.read(out), project.read(&again), "{to}");
        }
    }
}

/// The rows the directory layout must hold for a guide, from its TOML: headers, then
/// each organization's and each contact's cells as text.
fn expected_rows(toml_text: &str, confidential: bool) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let doc: toml::Table = toml_text.parse().unwrap();
    let text = |table: &toml::Table, key: &str| match table.get(key) {
        None | Some(toml::Value::Boolean(false)) => String::new(),
        Some(toml::Value::String(s)) => s.clone(),
        Some(toml::Value::Array(items)) => {
            let items: Vec<&str> = items.iter().map(|i| i.as_str().unwrap()).collect();
            items.join(if key == "services" { "\n" } else { ", " })
        }
        Some(toml::Value::Boolean(true)) => "true".into(),
        Some(other) => other.to_string(),
    };
    let org_columns = [
        "id",
        "name",
        "short_name",
        "section",
        "summary",
        "about",
        "services_intro",
        "services",
        "closing",
        "tags",
        "regions",
    ];
    let contact_columns = [
        "organization",
        "id",
        "kind",
        "label",
        "value",
        "hours",
        "regions",
        "verified",
        "languages",
        "tags",
        "confidential",
    ];
    let mut organizations = vec![org_columns.iter().map(|c| (*c).to_owned()).collect()];
    let mut contacts = vec![contact_columns.iter().map(|c| (*c).to_owned()).collect()];
    for org in doc["organization"].as_array().unwrap() {
        let org = org.as_table().unwrap();
        organizations.push(org_columns.iter().map(|c| text(org, c)).collect());
        for contact in org
            .get("contact")
            .and_then(|c| c.as_array())
            .into_iter()
            .flatten()
        {
            let contact = contact.as_table().unwrap();
            if !confidential
                && contact.get("confidential").and_then(toml::Value::as_bool) == Some(true)
            {
                continue;
            }
            let mut row = vec![text(org, "id")];
            row.extend(contact_columns[1..].iter().map(|c| text(contact, c)));
            contacts.push(row);
        }
    }
    (organizations, contacts)
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// A sheet's cells as text: dates `YYYY-MM-DD`, true as `true`.
fn sheet_rows(range: &calamine::Range<Data>) -> Vec<Vec<String>> {
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Empty | Data::Bool(false) => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Bool(true) => "true".into(),
                    Data::DateTime(date) => excel_day(date.as_f64()),
                    Data::DateTimeIso(text) => text.get(..10).unwrap_or(text).to_owned(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect()
}

/// An Excel serial day as `YYYY-MM-DD` (day 25569 is 1970-01-01).
fn excel_day(serial: f64) -> String {
    let unix_days = serial as i64 - 25_569;
    let date = time::Date::from_julian_day(2_440_588 + unix_days as i32).unwrap();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

fn workbook_rows<R: Reader<Cursor<Vec<u8>>>>(
    mut workbook: R,
) -> (Vec<Vec<String>>, Vec<Vec<String>>)
where
    R::Error: std::fmt::Debug,
{
    assert_eq!(workbook.sheet_names(), vec!["Organizations", "Contacts"]);
    let organizations = sheet_rows(&workbook.worksheet_range("Organizations").unwrap());
    let contacts = sheet_rows(&workbook.worksheet_range("Contacts").unwrap());
    (organizations, contacts)
}

#[test]
fn a_guide_exported_to_xlsx_ods_and_csv_holds_every_value_as_written() {
    let project = directory_project();
    let toml_text = project.read_text("source/guide.toml");
    let expected = expected_rows(&toml_text, true);
    export(
        &project,
        "source/guide.toml",
        "csv",
        "dir",
        &["--confidential"],
    );
    let csv = (
        csv_rows(&project.path().join("dir/organizations.csv")),
        csv_rows(&project.path().join("dir/contacts.csv")),
    );
    assert_eq!(csv, expected);
    export(
        &project,
        "source/guide.toml",
        "xlsx",
        "d.xlsx",
        &["--confidential"],
    );
    let xlsx = calamine::Xlsx::new(Cursor::new(project.read("d.xlsx"))).unwrap();
    assert_eq!(workbook_rows(xlsx), expected);
    export(
        &project,
        "source/guide.toml",
        "ods",
        "d.ods",
        &["--confidential"],
    );
    let ods = calamine::Ods::new(Cursor::new(project.read("d.ods"))).unwrap();
    assert_eq!(workbook_rows(ods), expected);
    insta::assert_snapshot!("export_csv_contacts", project.read_text("dir/contacts.csv"));
}

#[test]
fn confidential_contacts_are_left_out_unless_asked_for() {
    let project = directory_project();
    let run = export(&project, "source/guide.toml", "csv", "public", &[]);
    insta::assert_snapshot!("export_csv_public", run.transcript());
    let toml_text = project.read_text("source/guide.toml");
    let public = csv_rows(&project.path().join("public/contacts.csv"));
    assert_eq!(public, expected_rows(&toml_text, false).1);
    assert!(
        !project
            .read_text("public/contacts.csv")
            .contains("555-0100")
    );
    for (to, out) in [
        ("hsds-json", "p.json"),
        ("xlsx", "p.xlsx"),
        ("ods", "p.ods"),
    ] {
        export(&project, "source/guide.toml", to, out, &[]);
        let bytes = project.read(out);
        let text = if to == "hsds-json" {
            String::from_utf8(bytes).unwrap()
        } else {
            let mut all = String::new();
            let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
            for i in 0..archive.len() {
                let mut file = archive.by_index(i).unwrap();
                std::io::Read::read_to_string(&mut file, &mut all).unwrap();
            }
            all
        };
        assert!(
            !text.contains("555-0100"),
            "{to} holds the confidential number"
        );
    }
    export(
        &project,
        "source/guide.toml",
        "hsds-json",
        "staff.json",
        &["--confidential"],
    );
    assert!(project.read_text("staff.json").contains("206-555-0100"));
}

/// What the mapping carries, as sets: names, numbers, addresses, areas, languages, dates.
fn mapped_fields(services: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for service in services.as_array().unwrap() {
        if service["status"] != "active" {
            continue;
        }
        let org = &service["organization"];
        out.insert(format!(
            "organization {} / {}",
            org["name"], org["alternate_name"]
        ));
        for key in ["url", "email"] {
            if let Some(v) = service[key].as_str() {
                out.insert(format!("{key} {v}"));
            }
        }
        for key in ["website", "email"] {
            if let Some(v) = org[key].as_str() {
                out.insert(format!(
                    "{} {v}",
                    if key == "website" { "url" } else { "email" }
                ));
            }
        }
        let phones = service["phones"].as_array().into_iter().flatten();
        for phone in phones {
            let kind = if phone["type"] == "text" {
                "text"
            } else {
                "voice"
            };
            let extension = if kind == "text" {
                Value::Null
            } else {
                phone["extension"].clone()
            };
            out.insert(format!("phone {} {} {kind}", phone["number"], extension));
            for language in phone["languages"].as_array().into_iter().flatten() {
                out.insert(format!("language {}", language["code"]));
            }
        }
        if let Some(date) = service["assured_date"].as_str() {
            out.insert(format!("assured {date}"));
        }
        for area in service["service_areas"].as_array().into_iter().flatten() {
            out.insert(format!("area {}", area["name"]));
        }
        for language in service["languages"].as_array().into_iter().flatten() {
            out.insert(format!("language {}", language["code"]));
        }
        for at in service["service_at_locations"]
            .as_array()
            .into_iter()
            .flatten()
        {
            for address in at["location"]["addresses"].as_array().into_iter().flatten() {
                out.insert(format!(
                    "address {} {} {} {} {} {}",
                    address["address_1"],
                    address["address_2"],
                    address["city"],
                    address["state_province"],
                    address["postal_code"],
                    address["country"]
                ));
            }
            for language in at["location"]["languages"].as_array().into_iter().flatten() {
                out.insert(format!("language {}", language["code"]));
            }
        }
    }
    out
}

#[test]
fn hsds_to_a_guide_and_back_keeps_every_mapped_field() {
    let project = Project::empty();
    let first = imported(&project, "hsds/services.json");
    project.write("source/guide.toml", &first.stdout);
    let run = export(&project, "source/guide.toml", "hsds-json", "back.json", &[]);
    insta::assert_snapshot!("export_hsds_json", project.read_text("back.json"));
    assert_eq!(run.code, 0);
    let original: Value =
        serde_json::from_str(&fs::read_to_string(fixture("hsds/services.json")).unwrap()).unwrap();
    let back: Value = serde_json::from_str(&project.read_text("back.json")).unwrap();
    assert_eq!(mapped_fields(&back), mapped_fields(&original));
    // And the guide made again from the export is the same guide, ids and all.
    let again = project.run(&["import", "back.json"]);
    assert_eq!(again.code, 0, "{}", again.transcript());
    assert_eq!(again.stdout, first.stdout);
    // The tabular package of the same guide reads back to the same guide too.
    export(&project, "source/guide.toml", "hsds", "package", &[]);
    let from_package = project.run(&["import", "package"]);
    assert_eq!(from_package.code, 0, "{}", from_package.transcript());
    assert_eq!(from_package.stdout, first.stdout);
}

#[test]
fn a_guide_to_a_spreadsheet_and_back_is_the_same_guide() {
    // TOML → csv/xlsx (the directory layout) → the same values: checked cell by cell
    // above; here the imported guide, whose every organization and contact came from
    // HSDS, goes to each layout and its rows are those of its TOML.
    let project = Project::empty();
    let first = imported(&project, "hsds/services.json");
    project.write("source/guide.toml", &first.stdout);
    let expected = expected_rows(&first.stdout, true);
    export(&project, "source/guide.toml", "xlsx", "i.xlsx", &[]);
    let xlsx = calamine::Xlsx::new(Cursor::new(project.read("i.xlsx"))).unwrap();
    assert_eq!(workbook_rows(xlsx), expected);
    export(&project, "source/guide.toml", "csv", "i-csv", &[]);
    assert_eq!(
        csv_rows(&project.path().join("i-csv/contacts.csv")),
        expected.1
    );
}

/// The HSDS 3.0 schemas: `<repo>/../shared/hsds-3.0`, else `$HSDS_SCHEMA_DIR`.
fn schema_dir() -> Option<PathBuf> {
    let beside = repo().join("../shared/hsds-3.0");
    if beside.join("service.json").is_file() {
        return Some(beside);
    }
    std::env::var_os("HSDS_SCHEMA_DIR")
        .map(PathBuf::from)
        .filter(|d| d.join("service.json").is_file())
}

fn schema(dir: &Path, name: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&fs::read_to_string(dir.join(name)).unwrap()).unwrap();
    jsonschema::options()
        .with_base_uri("file:///hsds-3.0/")
        .with_retriever(ObjectSchemas(dir.to_owned()))
        .build(&schema)
        .unwrap()
}

/// The per-object schemas `tabular.json` refers to: from the folder when it has them,
/// else no constraint (the reference copy holds only the compiled schemas, whose objects
/// `service.json` and `organization.json` check in full).
struct ObjectSchemas(PathBuf);

impl jsonschema::Retrieve for ObjectSchemas {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.path().as_str().rsplit('/').next().unwrap_or_default();
        match fs::read_to_string(self.0.join(name)) {
            Ok(text) => Ok(serde_json::from_str(&text)?),
            Err(_) => Ok(serde_json::json!({})),
        }
    }
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is not valid HSDS 3.0:\n{}",
        errors.join("\n")
    );
}

#[test]
fn the_hsds_export_is_valid_against_the_hsds_3_schemas() {
    let Some(dir) = schema_dir() else {
        eprintln!(
            "skipped: the HSDS 3.0 schemas are not in ../shared/hsds-3.0 and HSDS_SCHEMA_DIR is not set"
        );
        return;
    };
    for source in ["directory", "imported"] {
        let project = if source == "directory" {
            directory_project()
        } else {
            let project = Project::empty();
            let run = imported(&project, "hsds/services.json");
            project.write("source/guide.toml", &run.stdout);
            project
        };
        export(
            &project,
            "source/guide.toml",
            "hsds-json",
            "s.json",
            &["--confidential"],
        );
        let services: Value = serde_json::from_str(&project.read_text("s.json")).unwrap();
        let service_schema = schema(&dir, "service.json");
        for service in services.as_array().unwrap() {
            assert_valid(
                &service_schema,
                service,
                &format!("{source}: service {}", service["name"]),
            );
        }
        export(
            &project,
            "source/guide.toml",
            "hsds",
            "pkg",
            &["--confidential"],
        );
        let tabular: Value =
            serde_json::from_str(&fs::read_to_string(dir.join("tabular.json")).unwrap()).unwrap();
        let tables = tabular_instance(&project.path().join("pkg"), &tabular);
        assert_valid(
            &schema(&dir, "tabular.json"),
            &tables,
            &format!("{source}: the tabular package"),
        );
    }
}

/// The package's CSVs as the tabular schema's instance: one array of rows per object,
/// each cell typed as the schema types its column, empty cells left out.
fn tabular_instance(folder: &Path, tabular: &Value) -> Value {
    let descriptor: Value =
        serde_json::from_str(&fs::read_to_string(folder.join("datapackage.json")).unwrap())
            .unwrap();
    let mut instance = serde_json::Map::new();
    for resource in descriptor["resources"].as_array().unwrap() {
        let object = resource["name"].as_str().unwrap();
        let properties = &tabular["properties"][object]["items"]["properties"];
        assert!(properties.is_object(), "{object} is no HSDS table");
        assert_eq!(
            tabular["properties"][object]["items"]["path"],
            resource["path"]
        );
        let mut rows = Vec::new();
        let rows_text = csv_rows(&folder.join(resource["path"].as_str().unwrap()));
        let (header, body) = rows_text.split_first().unwrap();
        for row in body {
            let mut cells = serde_json::Map::new();
            for (column, cell) in header.iter().zip(row) {
                if cell.is_empty() {
                    continue;
                }
                let value = if properties[column]["type"] == "number" {
                    Value::from(cell.parse::<f64>().unwrap())
                } else {
                    Value::from(cell.clone())
                };
                cells.insert(column.clone(), value);
            }
            rows.push(Value::Object(cells));
        }
        instance.insert(object.to_owned(), rows.into());
    }
    Value::Object(instance)
}
