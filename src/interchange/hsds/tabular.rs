//! The HSDS 3.0 tabular data package: `datapackage.json` and one CSV per object, linked
//! by ids. Read into services as an HSDS API nests them, and written from them.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value, json};

/// The package's descriptor.
pub const DESCRIPTOR: &str = "datapackage.json";

/// A table of the package: its HSDS object name, its file, its columns (those of type
/// number marked), in the order of the HSDS 3.0 tabular schema.
struct TableSpec {
    object: &'static str,
    file: &'static str,
    columns: &'static [&'static str],
}

const NUMBER_COLUMNS: &[&str] = &["extension"];

const TABLES: &[TableSpec] = &[
    TableSpec {
        object: "organization",
        file: "organizations.csv",
        columns: &[
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
        ],
    },
    TableSpec {
        object: "service",
        file: "services.csv",
        columns: &[
            "id",
            "organization_id",
            "name",
            "description",
            "url",
            "email",
            "status",
            "assured_date",
        ],
    },
    TableSpec {
        object: "service_at_location",
        file: "service_at_location.csv",
        columns: &["id", "service_id", "location_id"],
    },
    TableSpec {
        object: "location",
        file: "locations.csv",
        columns: &["id", "location_type", "organization_id", "name"],
    },
    TableSpec {
        object: "phone",
        file: "phones.csv",
        columns: &[
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "service_at_location_id",
            "number",
            "extension",
            "type",
            "description",
        ],
    },
    TableSpec {
        object: "address",
        file: "addresses.csv",
        columns: &[
            "id",
            "location_id",
            "address_1",
            "address_2",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
    },
    TableSpec {
        object: "schedule",
        file: "schedules.csv",
        columns: &[
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "description",
        ],
    },
    TableSpec {
        object: "service_area",
        file: "service_areas.csv",
        columns: &["id", "service_id", "name"],
    },
    TableSpec {
        object: "language",
        file: "languages.csv",
        columns: &["id", "service_id", "location_id", "phone_id", "code"],
    },
];

/// The package's files, `datapackage.json` first, for the services given.
pub fn write(
    name: &str,
    title: &str,
    services: &[Value],
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let rows = flatten(services);
    let mut files = Vec::new();
    let mut resources = Vec::new();
    for table in TABLES {
        let mut writer = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(Vec::new());
        writer
            .write_record(table.columns)
            .map_err(|e| e.to_string())?;
        for row in rows.get(table.object).into_iter().flatten() {
            let cells = table.columns.iter().map(|c| cell(row.get(*c)));
            writer.write_record(cells).map_err(|e| e.to_string())?;
        }
        files.push((
            table.file.to_owned(),
            writer.into_inner().map_err(|e| e.to_string())?,
        ));
        let fields: Vec<Value> = table
            .columns
            .iter()
            .map(|c| {
                let kind = if NUMBER_COLUMNS.contains(c) {
                    "number"
                } else {
                    "string"
                };
                let mut field = json!({"name": c, "type": kind});
                if *c == "id" || c.ends_with("_id") {
                    field["format"] = "uuid".into();
                }
                field
            })
            .collect();
        resources.push(json!({
            "name": table.object,
            "path": table.file,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": fields, "primaryKey": "id"},
        }));
    }
    let descriptor = json!({
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "resources": resources,
    });
    let mut text = serde_json::to_string_pretty(&descriptor).map_err(|e| e.to_string())?;
    text.push('\n');
    files.insert(0, (DESCRIPTOR.to_owned(), text.into_bytes()));
    Ok(files)
}

fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Rows of each object, flat: nested objects taken out and linked by their ids.
fn flatten(services: &[Value]) -> BTreeMap<&'static str, Vec<Map<String, Value>>> {
    let mut rows: BTreeMap<&'static str, Vec<Map<String, Value>>> = BTreeMap::new();
    let mut push = |object: &'static str, value: &Value| {
        let list = rows.entry(object).or_default();
        let id = value.get("id");
        if let Some(row) = value.as_object()
            && !list.iter().any(|r| r.get("id") == id)
        {
            let flat: Map<String, Value> = row
                .iter()
                .filter(|(_, v)| !v.is_array() && !v.is_object())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            list.push(flat);
        }
    };
    for service in services {
        if let Some(org) = service.get("organization") {
            push("organization", org);
        }
        push("service", service);
        for phone in items(service, "phones") {
            push("phone", phone);
            for language in items(phone, "languages") {
                push("language", language);
            }
        }
        for area in items(service, "service_areas") {
            push("service_area", area);
        }
        for language in items(service, "languages") {
            push("language", language);
        }
        for schedule in items(service, "schedules") {
            push("schedule", schedule);
        }
        for at in items(service, "service_at_locations") {
            push("service_at_location", at);
            for schedule in items(at, "schedules") {
                push("schedule", schedule);
            }
            if let Some(location) = at.get("location") {
                push("location", location);
                for address in items(location, "addresses") {
                    push("address", address);
                }
                for language in items(location, "languages") {
                    push("language", language);
                }
            }
        }
    }
    rows
}

fn items<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// A package read back: its services nested as an HSDS API returns them, and the
/// tables it had that a guide has no place for, with their numbers of rows.
pub struct Package {
    /// The services.
    pub services: Vec<Value>,
    /// `funding.csv` and the like: file name → rows.
    pub other_tables: BTreeMap<String, usize>,
}

/// Reads a package from its folder (or its `datapackage.json`).
pub fn read(path: &Path) -> Result<Package, String> {
    let folder = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let descriptor_path = folder.join(DESCRIPTOR);
    let descriptor: Value = match std::fs::read_to_string(&descriptor_path) {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|e| format!("{}: not valid JSON ({e})", descriptor_path.display()))?,
        Err(e) => {
            return Err(format!(
                "{}: cannot read it ({})",
                descriptor_path.display(),
                crate::diag::error::io_reason(&e)
            ));
        }
    };
    let mut tables: BTreeMap<String, Vec<Map<String, Value>>> = BTreeMap::new();
    let mut other_tables = BTreeMap::new();
    for resource in descriptor
        .get("resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(file) = resource.get("path").and_then(Value::as_str) else {
            continue;
        };
        let name = resource
            .get("name")
            .and_then(Value::as_str)
            .map_or_else(|| file.trim_end_matches(".csv").to_owned(), str::to_owned);
        let file_path = folder.join(file);
        if !file_path.exists() {
            continue;
        }
        let rows = read_csv(&file_path)?;
        if TABLES.iter().any(|t| t.object == name) {
            tables.insert(name, rows);
        } else if !rows.is_empty() {
            other_tables.insert(file.to_owned(), rows.len());
        }
    }
    Ok(Package {
        services: nest(&tables),
        other_tables,
    })
}

fn read_csv(path: &Path) -> Result<Vec<Map<String, Value>>, String> {
    let mut reader =
        ::csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let headers = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        let row: Map<String, Value> = headers
            .iter()
            .zip(record.iter())
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| {
                (
                    k.trim_start_matches('\u{feff}').to_owned(),
                    Value::String(v.to_owned()),
                )
            })
            .collect();
        if !row.is_empty() {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// Services with their organization, phones, schedules, areas, languages and locations
/// nested, as the HSDS API's `/services/{id}` returns each.
fn nest(tables: &BTreeMap<String, Vec<Map<String, Value>>>) -> Vec<Value> {
    let table = |name: &str| tables.get(name).map(Vec::as_slice).unwrap_or_default();
    let linked = |name: &str, key: &str, id: &Value, without: &[&str]| -> Vec<Value> {
        table(name)
            .iter()
            .filter(|row| row.get(key) == Some(id) && without.iter().all(|w| !row.contains_key(*w)))
            .map(|row| Value::Object(row.clone()))
            .collect()
    };
    let with_languages = |phones: Vec<Value>| -> Vec<Value> {
        phones
            .into_iter()
            .map(|mut phone| {
                let languages = linked("language", "phone_id", &phone["id"], &[]);
                phone["languages"] = languages.into();
                phone
            })
            .collect()
    };
    let mut services = Vec::new();
    for row in table("service") {
        let mut service = row.clone();
        let id = service.get("id").cloned().unwrap_or(Value::Null);
        service.insert(
            "phones".into(),
            with_languages(linked(
                "phone",
                "service_id",
                &id,
                &["service_at_location_id", "location_id"],
            ))
            .into(),
        );
        service.insert(
            "schedules".into(),
            linked(
                "schedule",
                "service_id",
                &id,
                &["service_at_location_id", "location_id"],
            )
            .into(),
        );
        service.insert(
            "service_areas".into(),
            linked("service_area", "service_id", &id, &[]).into(),
        );
        service.insert(
            "languages".into(),
            linked("language", "service_id", &id, &["phone_id", "location_id"]).into(),
        );
        let mut at_locations = Vec::new();
        for mut at in linked("service_at_location", "service_id", &id, &[]) {
            let at_id = at["id"].clone();
            at["schedules"] = linked("schedule", "service_at_location_id", &at_id, &[]).into();
            at["phones"] =
                with_languages(linked("phone", "service_at_location_id", &at_id, &[])).into();
            let location_id = at.get("location_id").cloned().unwrap_or(Value::Null);
            if let Some(location) = table("location")
                .iter()
                .find(|l| l.get("id") == Some(&location_id))
            {
                let mut location = Value::Object(location.clone());
                location["addresses"] = linked("address", "location_id", &location_id, &[]).into();
                location["languages"] =
                    linked("language", "location_id", &location_id, &["phone_id"]).into();
                location["phones"] = with_languages(linked(
                    "phone",
                    "location_id",
                    &location_id,
                    &["service_at_location_id", "service_id"],
                ))
                .into();
                location["schedules"] = linked(
                    "schedule",
                    "location_id",
                    &location_id,
                    &["service_at_location_id", "service_id"],
                )
                .into();
                at["location"] = location;
            }
            at_locations.push(at);
        }
        service.insert("service_at_locations".into(), at_locations.into());
        let org_id = service
            .get("organization_id")
            .cloned()
            .unwrap_or(Value::Null);
        if let Some(org) = table("organization")
            .iter()
            .find(|o| o.get("id") == Some(&org_id))
        {
            let mut org = Value::Object(org.clone());
            org["phones"] = with_languages(linked(
                "phone",
                "organization_id",
                &org_id,
                &["service_id", "location_id", "service_at_location_id"],
            ))
            .into();
            service.insert("organization".into(), org);
        }
        services.push(Value::Object(service));
    }
    services
}
