//! HSDS services → a guide: the mapping a 211 data manager expects.
//!
//! - organization → organization (`alternate_name` → `short_name`, `description` →
//!   `about`, its first sentence → `summary`; `website`, `email`, `phones` → contacts);
//! - each active service → a line of `services` (when it has a description, or no
//!   contact) and its contacts, labelled with its name: `phones` (`type` "text" → sms,
//!   any other → phone; `extension` → "ext."), `url` → web, `email` → email, the
//!   addresses of its locations → address contacts;
//! - `phone.description` and `schedule.description` → `hours`; `assured_date` →
//!   `verified`; `service_area.name` → `regions`; `language.code` → `languages`.
//!
//! A service whose status is not active is skipped with a note. Every other field with a
//! value is named once in the report: nothing is dropped silently.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::text::{one_line, rich_text, summary};
use crate::interchange::directory::{ContactRecord, Directory, OrganizationRecord};
use crate::interchange::guide_toml::GuideHeader;
use crate::interchange::slug::{Slugs, slugify};

/// A guide made from HSDS data, and what the import has to say about it.
#[derive(Debug, Clone)]
pub struct Imported {
    /// `[guide]`.
    pub header: GuideHeader,
    /// The organizations and contacts.
    pub directory: Directory,
    /// Notes and the fields that had nowhere to go.
    pub report: Report,
}

/// What an import tells its user (on standard error).
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// One line each: skipped services, placeholders, values changed to fit.
    pub notes: Vec<String>,
    /// Each HSDS field that has no place in a guide, and how many values it had.
    pub unmapped: BTreeMap<String, usize>,
}

impl Report {
    /// The report as lines for standard error.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.notes.iter().map(|n| format!("note: {n}")).collect();
        if !self.unmapped.is_empty() {
            lines.push(
                "note: these HSDS fields have no place in a guide and were not imported:".into(),
            );
            for (field, count) in &self.unmapped {
                let values = match (field.ends_with(".csv"), *count == 1) {
                    (true, true) => "row",
                    (true, false) => "rows",
                    (false, true) => "value",
                    (false, false) => "values",
                };
                lines.push(format!("  {field} ({count} {values})"));
            }
        }
        lines
    }
}

/// Ids, links between objects, and the kinds of address and location: structure, not data.
const STRUCTURE: &[&str] = &[
    "id",
    "organization_id",
    "service_id",
    "location_id",
    "phone_id",
    "contact_id",
    "service_at_location_id",
    "program_id",
    "parent_organization_id",
    "taxonomy_term_id",
    "taxonomy_id",
    "parent_id",
    "link_id",
    "resource_id",
    "address_type",
    "location_type",
];

/// The imported guide's language: HSDS does not say.
const LANGUAGE: &str = "en";

/// Fields the mapping uses, as paths from a service (array items have no index).
const MAPPED: &[&str] = &[
    "name",
    "status",
    "description",
    "url",
    "email",
    "assured_date",
    "languages.code",
    "schedules.description",
    "service_areas.name",
    "service_at_locations.schedules.description",
    "service_at_locations.location.name",
    "service_at_locations.location.languages.code",
    "service_at_locations.location.schedules.description",
    "service_at_locations.location.addresses.address_1",
    "service_at_locations.location.addresses.address_2",
    "service_at_locations.location.addresses.city",
    "service_at_locations.location.addresses.state_province",
    "service_at_locations.location.addresses.postal_code",
    "service_at_locations.location.addresses.country",
    "organization.name",
    "organization.alternate_name",
    "organization.description",
    "organization.website",
    "organization.email",
];

/// Phone fields the mapping uses, wherever the phone is.
const PHONE_FIELDS: &[&str] = &[
    "number",
    "extension",
    "type",
    "description",
    "languages.code",
];

/// Where phones are, from a service.
const PHONE_PLACES: &[&str] = &[
    "phones",
    "service_at_locations.phones",
    "service_at_locations.location.phones",
    "organization.phones",
];

/// Turns services (as an HSDS API returns them, each with its `organization`) into a guide.
/// `today` is the guide's date when no service has an `assured_date`.
pub fn import_services(services: &[Value], today: &str) -> Result<Imported, String> {
    let mut report = Report::default();
    let mut organizations: Vec<(String, OrganizationRecord, Slugs)> = Vec::new();
    let mut org_slugs = Slugs::default();
    let mut latest: Option<String> = None;
    for (index, service) in services.iter().enumerate() {
        let Some(service) = service.as_object() else {
            return Err(format!(
                "item {} of the array is not an HSDS service (an object)",
                index + 1
            ));
        };
        let name = str_of(service.get("name")).unwrap_or_default();
        let org = service.get("organization").and_then(Value::as_object);
        let org_name = org.and_then(|o| str_of(o.get("name"))).unwrap_or_default();
        let status = str_of(service.get("status")).unwrap_or_default();
        if status != "active" {
            let status = if status.is_empty() {
                "none"
            } else {
                status.as_str()
            };
            report.notes.push(format!(
                "skipped service {name:?} of {org_name:?}: its status is {status}, not active"
            ));
            continue;
        }
        let Some(org) = org else {
            return Err(format!(
                "service {name:?} has no `organization`: give services as an HSDS API returns them, each with its organization"
            ));
        };
        let key = str_of(org.get("id"))
            .or_else(|| str_of(service.get("organization_id")))
            .unwrap_or_else(|| org_name.clone());
        let position = if let Some(position) = organizations.iter().position(|(k, _, _)| *k == key)
        {
            position
        } else {
            unmapped(
                &Value::Object(org.clone()),
                "service.organization",
                &organization_mapped(),
                &mut report,
            );
            let (record, slugs) = organization(org, &mut org_slugs);
            organizations.push((key, record, slugs));
            organizations.len() - 1
        };
        let mut own = service.clone();
        own.remove("organization");
        unmapped(
            &Value::Object(own),
            "service",
            &service_mapped(),
            &mut report,
        );
        let (record, slugs) = {
            let (_, record, slugs) = &mut organizations[position];
            (record, slugs)
        };
        let assured = str_of(service.get("assured_date")).map(|d| day(&d));
        if let Some(day) = &assured
            && latest.as_ref().is_none_or(|l| day > l)
        {
            latest = Some(day.clone());
        }
        add_service(service, assured.as_deref(), record, slugs, &mut report);
    }
    if organizations.is_empty() {
        return Err("no active service: the guide would have no organization".into());
    }
    let directory = Directory {
        organizations: organizations.into_iter().map(|(_, o, _)| o).collect(),
    };
    let header = header(&directory, latest.as_deref(), today, &mut report);
    Ok(Imported {
        header,
        directory,
        report,
    })
}

fn header(
    directory: &Directory,
    latest: Option<&str>,
    today: &str,
    report: &mut Report,
) -> GuideHeader {
    let (title, publisher) = match directory.organizations.as_slice() {
        [only] => (only.name.clone(), Some(only.name.clone())),
        _ => ("Resource guide".to_owned(), None),
    };
    let date = latest.unwrap_or(today).to_owned();
    let from = if latest.is_some() {
        "the latest assured_date"
    } else {
        "today"
    };
    report.notes.push(format!(
        "HSDS has no guide title, language or edition date: [guide] has title {title:?}, language \"en\" and date {date} ({from}); change them to yours"
    ));
    GuideHeader {
        id: slugify(&title),
        title,
        publisher,
        language: LANGUAGE.into(),
        date,
    }
}

fn organization(
    org: &serde_json::Map<String, Value>,
    org_slugs: &mut Slugs,
) -> (OrganizationRecord, Slugs) {
    let name = one_line(&str_of(org.get("name")).unwrap_or_default());
    let about = str_of(org.get("description"))
        .map(|d| rich_text(&d))
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| name.clone());
    let mut record = OrganizationRecord {
        id: org_slugs.unique(&name, "organization"),
        summary: summary(&about),
        name,
        short_name: str_of(org.get("alternate_name")).map(|s| one_line(&s)),
        about,
        ..OrganizationRecord::default()
    };
    let mut slugs = Slugs::default();
    if let Some(url) = str_of(org.get("website")) {
        push(&mut record, &mut slugs, contact("web", "Website", &url));
    }
    if let Some(email) = str_of(org.get("email")) {
        push(&mut record, &mut slugs, contact("email", "Email", &email));
    }
    for phone in array(org.get("phones")) {
        if let Some(c) = phone_contact(phone, "Main number", &[], &[]) {
            push(&mut record, &mut slugs, c);
        }
    }
    (record, slugs)
}

fn add_service(
    service: &serde_json::Map<String, Value>,
    assured: Option<&str>,
    record: &mut OrganizationRecord,
    slugs: &mut Slugs,
    report: &mut Report,
) {
    let name = one_line(&str_of(service.get("name")).unwrap_or_default());
    let languages = codes(service.get("languages"));
    let regions: Vec<String> = array(service.get("service_areas"))
        .filter_map(|a| str_of(a.get("name")))
        .map(|n| one_line(&n))
        .collect::<Vec<_>>();
    let regions = unique(regions);
    let schedules = descriptions(service.get("schedules"));
    let mut contacts = Vec::new();
    for phone in array(service.get("phones")) {
        contacts.extend(phone_contact(phone, &name, &schedules, &languages));
    }
    if let Some(url) = str_of(service.get("url")) {
        contacts.push(contact("web", &name, &url));
    }
    if let Some(email) = str_of(service.get("email")) {
        contacts.push(contact("email", &name, &email));
    }
    for at in array(service.get("service_at_locations")) {
        let location = at.get("location");
        let mut hours = descriptions(at.get("schedules"));
        hours.extend(descriptions(location.and_then(|l| l.get("schedules"))));
        let hours = if hours.is_empty() {
            schedules.clone()
        } else {
            unique(hours)
        };
        let here = {
            let own = codes(location.and_then(|l| l.get("languages")));
            if own.is_empty() {
                languages.clone()
            } else {
                own
            }
        };
        for phone in array(at.get("phones")).chain(array(location.and_then(|l| l.get("phones")))) {
            contacts.extend(phone_contact(phone, &name, &hours, &here));
        }
        let label = location
            .and_then(|l| str_of(l.get("name")))
            .map_or_else(|| name.clone(), |n| one_line(&n));
        for address in array(location.and_then(|l| l.get("addresses"))) {
            if let Some(value) = address_lines(address) {
                let mut c = contact("address", &label, &value);
                c.hours = joined(&hours);
                c.languages.clone_from(&here);
                contacts.push(c);
            }
        }
    }
    for phone in contacts.iter().filter(|c| c.kind == "sms") {
        if phone.value.contains(" ext. ") {
            report.notes.push(format!(
                "the text line {:?} of {name:?} had an extension, which a text message cannot reach: it was left out",
                phone.value
            ));
        }
    }
    if let Some(description) = str_of(service.get("description"))
        .map(|d| rich_text(&d))
        .filter(|d| !d.is_empty())
    {
        record
            .services
            .push(format!("{name}: {}", one_line(&description)));
    } else if contacts.is_empty() {
        record.services.push(name.clone());
    }
    for mut c in contacts {
        if c.kind == "sms" {
            let number = c
                .value
                .split(" ext. ")
                .next()
                .unwrap_or_default()
                .to_owned();
            c.value = number;
        }
        c.verified = assured.map(str::to_owned);
        if c.regions.is_empty() {
            c.regions.clone_from(&regions);
        }
        push(record, slugs, c);
    }
}

fn phone_contact(
    phone: &Value,
    label: &str,
    schedules: &[String],
    languages: &[String],
) -> Option<ContactRecord> {
    let number = one_line(&str_of(phone.get("number"))?);
    let kind = if str_of(phone.get("type")).is_some_and(|t| t.eq_ignore_ascii_case("text")) {
        "sms"
    } else {
        "phone"
    };
    let value = match phone.get("extension").and_then(number_text) {
        Some(extension) => format!("{number} ext. {extension}"),
        None => number,
    };
    let mut hours: Vec<String> = str_of(phone.get("description"))
        .map(|d| one_line(&d))
        .into_iter()
        .collect();
    hours.extend(schedules.iter().cloned());
    let own = codes(phone.get("languages"));
    let mut c = contact(kind, label, &value);
    c.hours = joined(&unique(hours));
    c.languages = if own.is_empty() {
        languages.to_vec()
    } else {
        own
    };
    Some(c)
}

fn contact(kind: &str, label: &str, value: &str) -> ContactRecord {
    ContactRecord {
        kind: kind.to_owned(),
        label: label.to_owned(),
        value: value.trim().to_owned(),
        ..ContactRecord::default()
    }
}

/// Adds a contact with an id from its label and kind: `crisis-line` for the first phone,
/// `crisis-line-text`, `-web`, `-email`, `-address` for the others (unless the label
/// says so already).
fn push(record: &mut OrganizationRecord, slugs: &mut Slugs, mut c: ContactRecord) {
    let base = slugify(&c.label);
    let base = if base.is_empty() {
        "contact".to_owned()
    } else {
        base
    };
    let suffix = match c.kind.as_str() {
        "phone" => "",
        "sms" => "text",
        kind => kind,
    };
    // `Website` is `website`, not `website-web`; `Teen Text Line` is `teen-text-line`.
    let name = if suffix.is_empty() || base.split('-').any(|word| word.starts_with(suffix)) {
        base
    } else {
        format!("{base}-{suffix}")
    };
    c.id = slugs.unique(&name, "contact");
    record.contacts.push(c);
}

/// `1 Main St`, `Suite 2`, `Springfield, IL 62701`, `US`: one line each.
fn address_lines(address: &Value) -> Option<String> {
    let field = |name: &str| {
        str_of(address.get(name))
            .map(|s| one_line(&s))
            .filter(|s| !s.is_empty())
    };
    let mut lines: Vec<String> = Vec::new();
    lines.extend(field("address_1"));
    if let Some(second) = str_of(address.get("address_2")) {
        lines.extend(second.lines().map(one_line).filter(|l| !l.is_empty()));
    }
    let place = [field("state_province"), field("postal_code")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let city_line = match (field("city"), place.is_empty()) {
        (Some(city), false) => format!("{city}, {place}"),
        (Some(city), true) => city,
        (None, _) => place,
    };
    if !city_line.is_empty() {
        lines.push(city_line);
    }
    // The guide's own country goes without saying, as on an envelope.
    let home =
        crate::model::phone::Region::of_language(LANGUAGE).map(crate::model::phone::Region::code);
    lines.extend(field("country").filter(|c| Some(c.as_str()) != home));
    (!lines.is_empty()).then(|| lines.join("\n"))
}

fn descriptions(schedules: Option<&Value>) -> Vec<String> {
    unique(
        array(schedules)
            .filter_map(|s| str_of(s.get("description")))
            .map(|d| one_line(&d))
            .collect(),
    )
}

fn codes(languages: Option<&Value>) -> Vec<String> {
    unique(
        array(languages)
            .filter_map(|l| str_of(l.get("code")))
            .map(|c| c.trim().to_owned())
            .collect(),
    )
}

fn joined(items: &[String]) -> Option<String> {
    (!items.is_empty()).then(|| items.join("; "))
}

fn unique(items: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    items
        .into_iter()
        .filter(|i| !i.is_empty() && seen.insert(i.clone()))
        .collect()
}

/// `YYYY-MM-DD` from a date or a date-time.
fn day(text: &str) -> String {
    text.get(..10).unwrap_or(text).to_owned()
}

fn number_text(value: &Value) -> Option<String> {
    match value {
        Value::Number(n) => Some(match n.as_f64() {
            Some(f) if f.fract() == 0.0 => format!("{}", f as i64),
            _ => n.to_string(),
        }),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

/// A non-empty string.
fn str_of(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn array(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    value.and_then(Value::as_array).into_iter().flatten()
}

fn service_mapped() -> BTreeSet<String> {
    let mut set: BTreeSet<String> = MAPPED
        .iter()
        .filter(|p| !p.starts_with("organization."))
        .map(|p| format!("service.{p}"))
        .collect();
    for place in PHONE_PLACES
        .iter()
        .filter(|p| !p.starts_with("organization."))
    {
        for field in PHONE_FIELDS {
            set.insert(format!("service.{place}.{field}"));
        }
    }
    set
}

fn organization_mapped() -> BTreeSet<String> {
    let mut set: BTreeSet<String> = MAPPED
        .iter()
        .filter(|p| p.starts_with("organization."))
        .map(|p| format!("service.{p}"))
        .collect();
    for field in PHONE_FIELDS {
        set.insert(format!("service.organization.phones.{field}"));
    }
    set
}

/// Counts every value under `path` that the mapping does not use, structure aside.
fn unmapped(value: &Value, path: &str, mapped: &BTreeSet<String>, report: &mut Report) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if STRUCTURE.contains(&key.as_str()) {
                    continue;
                }
                let inner_path = format!("{path}.{key}");
                if (key == "attributes" || key == "metadata") && is_present(inner) {
                    *report.unmapped.entry(inner_path).or_default() += 1;
                    continue;
                }
                unmapped(inner, &inner_path, mapped, report);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_object) => {
            for item in items {
                unmapped(item, path, mapped, report);
            }
        }
        other => {
            if is_present(other) && !mapped.contains(path) {
                *report.unmapped.entry(path.to_owned()).or_default() += 1;
            }
        }
    }
}

fn is_present(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
        _ => true,
    }
}
