//! A guide's directory → HSDS 3.0 services, each with its organization nested, as an HSDS
//! API returns them.
//!
//! The guide has no services of its own: the contacts of an organization that share a
//! label make one service, named by the label (an import labels each contact with its
//! service's name, so a round trip finds the same services). A line of `services`
//! written `Name: description` gives the service of that name its description; one that
//! names no contacts' label is a service without contacts. Phones and text lines →
//! `phones` (type `voice` or `text`, "ext." → `extension`), web → `url`, email →
//! `email`, addresses → a location with its address; `hours` → the phone's description
//! or the location's schedule; `verified` → `assured_date`; `regions` → service areas;
//! `languages` → languages. Ids are UUIDs (version 5) of the guide's ids, the same on
//! every run.

use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::interchange::directory::{ContactRecord, Directory, OrganizationRecord};
use crate::model::phone::Region;

/// The namespace of every UUID guidepress derives.
const NAMESPACE: Uuid = Uuid::from_u128(0x6a1c_55e2_4f0b_5d8e_9c3a_2b7d_e4f1_0a96);

/// The services of a guide's directory; and notes on what HSDS has no place for.
/// Addresses without a country line are in the country of the guide's language.
pub fn services(
    guide_id: &str,
    language: &str,
    directory: &Directory,
) -> (Vec<Value>, Vec<String>) {
    let country = Region::of_language(language).map_or("", Region::code);
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for org in &directory.organizations {
        let organization = organization(guide_id, org);
        if !org.regions.is_empty() {
            notes.push(format!(
                "organization {}: its regions have no place in an HSDS organization (its services' areas come from its contacts' regions)",
                org.id
            ));
        }
        for service in groups(org) {
            out.push(service_value(
                guide_id,
                country,
                org,
                &service,
                &organization,
                &mut notes,
            ));
        }
    }
    (out, notes)
}

/// A UUID for one of the guide's things, from its kind and its path of ids.
pub fn uuid(guide_id: &str, kind: &str, path: &str) -> String {
    Uuid::new_v5(&NAMESPACE, format!("{guide_id}/{kind}/{path}").as_bytes()).to_string()
}

struct Service<'a> {
    name: String,
    description: Option<String>,
    contacts: Vec<&'a ContactRecord>,
}

fn groups(org: &OrganizationRecord) -> Vec<Service<'_>> {
    let mut services: Vec<Service<'_>> = Vec::new();
    for contact in &org.contacts {
        match services.iter_mut().find(|s| s.name == contact.label) {
            Some(service) => service.contacts.push(contact),
            None => services.push(Service {
                name: contact.label.clone(),
                description: None,
                contacts: vec![contact],
            }),
        }
    }
    for line in &org.services {
        let (name, description) = match line.split_once(": ") {
            Some((name, description)) => (name.to_owned(), Some(description.to_owned())),
            None => (line.clone(), None),
        };
        match services
            .iter_mut()
            .find(|s| s.name == name && s.description.is_none())
        {
            Some(service) => service.description = description,
            None => services.push(Service {
                name,
                description,
                contacts: Vec::new(),
            }),
        }
    }
    services
}

fn organization(guide_id: &str, org: &OrganizationRecord) -> Value {
    let mut value = Map::new();
    value.insert("id".into(), uuid(guide_id, "organization", &org.id).into());
    value.insert("name".into(), org.name.clone().into());
    if let Some(short) = &org.short_name {
        value.insert("alternate_name".into(), short.clone().into());
    }
    value.insert("description".into(), org.about.trim().to_owned().into());
    Value::Object(value)
}

fn service_value(
    guide_id: &str,
    country: &str,
    org: &OrganizationRecord,
    service: &Service<'_>,
    organization: &Value,
    notes: &mut Vec<String>,
) -> Value {
    let path = format!("{}/{}", org.id, service.name);
    let id = uuid(guide_id, "service", &path);
    let mut value = Map::new();
    value.insert("id".into(), id.clone().into());
    value.insert("organization_id".into(), organization["id"].clone());
    value.insert("name".into(), service.name.clone().into());
    if let Some(description) = &service.description {
        value.insert("description".into(), description.clone().into());
    }
    let mut phones = Vec::new();
    let mut at_locations = Vec::new();
    for contact in &service.contacts {
        let reference = format!("{}.{}", org.id, contact.id);
        match contact.kind.as_str() {
            "phone" | "sms" => phones.push(phone(guide_id, &reference, &id, contact)),
            "web" | "email" => {
                let key = if contact.kind == "web" {
                    "url"
                } else {
                    "email"
                };
                if value.contains_key(key) {
                    notes.push(format!(
                        "contact {reference}: an HSDS service has one {key}; this second one is left out"
                    ));
                } else {
                    value.insert(key.into(), web_address(contact).into());
                }
                if contact.hours.is_some() {
                    notes.push(format!(
                        "contact {reference}: the hours of a {} contact have no place in HSDS",
                        contact.kind
                    ));
                }
            }
            _ => at_locations.push(location(
                guide_id, &reference, &id, &org.id, contact, country,
            )),
        }
    }
    value.insert("status".into(), "active".into());
    if let Some(assured) = service
        .contacts
        .iter()
        .filter_map(|c| c.verified.clone())
        .min()
    {
        value.insert("assured_date".into(), assured.into());
    }
    value.insert("phones".into(), phones.into());
    let areas: Vec<Value> = first_seen(service.contacts.iter().flat_map(|c| c.regions.iter()))
        .into_iter()
        .map(|name| {
            json!({
                "id": uuid(guide_id, "service_area", &format!("{path}/{name}")),
                "service_id": id,
                "name": name,
            })
        })
        .collect();
    value.insert("service_areas".into(), areas.into());
    let shared = shared_languages(&service.contacts);
    let languages: Vec<Value> = shared
        .iter()
        .map(|code| {
            language(
                guide_id,
                &format!("{path}/{code}"),
                code,
                ("service_id", &id),
            )
        })
        .collect();
    value.insert("languages".into(), languages.into());
    value.insert("service_at_locations".into(), at_locations.into());
    value.insert("organization".into(), organization.clone());
    Value::Object(value)
}

/// What a guide writes bare (`www.example.org`), HSDS wants with its scheme.
fn web_address(contact: &ContactRecord) -> String {
    let value = contact.value.trim();
    if contact.kind == "web" && !value.contains("://") {
        format!("https://{value}")
    } else {
        value.to_owned()
    }
}

fn phone(guide_id: &str, reference: &str, service_id: &str, contact: &ContactRecord) -> Value {
    let id = uuid(guide_id, "phone", reference);
    let (number, extension) = match contact.value.split_once(" ext. ") {
        Some((number, extension)) if extension.trim().parse::<u64>().is_ok() => (
            number.trim().to_owned(),
            extension.trim().parse::<u64>().ok(),
        ),
        _ => (contact.value.clone(), None),
    };
    let mut value = Map::new();
    value.insert("id".into(), id.clone().into());
    value.insert("service_id".into(), service_id.into());
    value.insert("number".into(), number.into());
    if let Some(extension) = extension {
        value.insert("extension".into(), extension.into());
    }
    let kind = if contact.kind == "sms" {
        "text"
    } else {
        "voice"
    };
    value.insert("type".into(), kind.into());
    if let Some(hours) = &contact.hours {
        value.insert("description".into(), hours.clone().into());
    }
    let languages = languages(guide_id, reference, contact, ("phone_id", &id));
    value.insert("languages".into(), languages.into());
    Value::Object(value)
}

/// The HSDS language objects of a contact's `languages`, each under its `owner` field.
fn languages(
    guide_id: &str,
    reference: &str,
    contact: &ContactRecord,
    owner: (&str, &str),
) -> Vec<Value> {
    let path = |code: &str| format!("{reference}/{code}");
    contact
        .languages
        .iter()
        .map(|code| language(guide_id, &path(code), code, owner))
        .collect()
}

fn language(guide_id: &str, path: &str, code: &str, owner: (&str, &str)) -> Value {
    let mut value = Map::new();
    value.insert("id".into(), uuid(guide_id, "language", path).into());
    value.insert(owner.0.into(), owner.1.into());
    value.insert("code".into(), code.into());
    Value::Object(value)
}

fn location(
    guide_id: &str,
    reference: &str,
    service_id: &str,
    org_id: &str,
    contact: &ContactRecord,
    country: &str,
) -> Value {
    let location_id = uuid(guide_id, "location", reference);
    let at_id = uuid(guide_id, "service_at_location", reference);
    let mut address = address_fields(&contact.value, country);
    address.insert("id".into(), uuid(guide_id, "address", reference).into());
    address.insert("location_id".into(), location_id.clone().into());
    address.insert("address_type".into(), "physical".into());
    let schedules: Vec<Value> = contact
        .hours
        .iter()
        .map(|hours| {
            json!({
                "id": uuid(guide_id, "schedule", reference),
                "service_at_location_id": at_id,
                "description": hours,
            })
        })
        .collect();
    let languages = languages(guide_id, reference, contact, ("location_id", &location_id));
    json!({
        "id": at_id,
        "service_id": service_id,
        "location_id": location_id,
        "schedules": schedules,
        "location": {
            "id": location_id,
            "location_type": "physical",
            "organization_id": uuid(guide_id, "organization", org_id),
            "name": contact.label,
            "languages": languages,
            "addresses": [Value::Object(address)],
        },
    })
}

/// A written address split into HSDS's fields: a last line of two or three capitals is
/// the country (else `default_country`), the line before it `City, ST 12345`; the first
/// line is `address_1`, the lines between are `address_2`.
fn address_fields(text: &str, default_country: &str) -> Map<String, Value> {
    let mut lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut fields = Map::new();
    let mut country = default_country.to_owned();
    if lines.len() > 1
        && let Some(last) = lines.last()
        && (2..=3).contains(&last.len())
        && last.bytes().all(|b| b.is_ascii_uppercase())
    {
        (*last).clone_into(&mut country);
        lines.pop();
    }
    let (mut city, mut state, mut postal) = (String::new(), String::new(), String::new());
    if lines.len() > 1
        && let Some(last) = lines.last()
        && let Some((town, place)) = last.rsplit_once(", ")
    {
        let mut words: Vec<&str> = place.split_whitespace().collect();
        if words.len() >= 2 {
            words.pop().unwrap_or_default().clone_into(&mut postal);
        }
        state = words.join(" ");
        town.clone_into(&mut city);
        lines.pop();
    }
    let address_1 = lines.first().copied().unwrap_or_default().to_owned();
    let address_2 = lines
        .get(1..)
        .map(|rest| rest.join("\n"))
        .unwrap_or_default();
    fields.insert("address_1".into(), address_1.into());
    if !address_2.is_empty() {
        fields.insert("address_2".into(), address_2.into());
    }
    fields.insert("city".into(), city.into());
    fields.insert("state_province".into(), state.into());
    fields.insert("postal_code".into(), postal.into());
    fields.insert("country".into(), country.into());
    fields
}

fn first_seen<'a>(items: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

/// The languages every contact of the service answers in.
fn shared_languages(contacts: &[&ContactRecord]) -> Vec<String> {
    let Some((first, rest)) = contacts.split_first() else {
        return Vec::new();
    };
    first
        .languages
        .iter()
        .filter(|code| rest.iter().all(|c| c.languages.contains(code)))
        .cloned()
        .collect()
}
