//! Writing a guide TOML from imported data, through `toml_edit` so every value is quoted
//! right.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::directory::{ContactRecord, Directory, OrganizationRecord};

/// What `[guide]` gets from imported data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideHeader {
    /// Slug.
    pub id: String,
    /// Title.
    pub title: String,
    /// Publisher, when the data names one.
    pub publisher: Option<String>,
    /// BCP 47 tag.
    pub language: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// The guide as TOML text: `[guide]`, then every organization with its contacts.
pub fn write(header: &GuideHeader, directory: &Directory) -> String {
    let mut doc = DocumentMut::new();
    let mut guide = Table::new();
    guide.insert("id", value(&header.id));
    guide.insert("title", value(&header.title));
    if let Some(publisher) = &header.publisher {
        guide.insert("publisher", value(publisher));
    }
    guide.insert("language", value(&header.language));
    guide.insert("date", date(&header.date));
    doc.insert("guide", Item::Table(guide));
    let mut organizations = ArrayOfTables::new();
    for org in &directory.organizations {
        organizations.push(organization(org));
    }
    if !organizations.is_empty() {
        doc.insert("organization", Item::ArrayOfTables(organizations));
    }
    let mut text = doc.to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

fn organization(org: &OrganizationRecord) -> Table {
    let mut table = Table::new();
    table.insert("id", value(&org.id));
    table.insert("name", value(&org.name));
    optional(&mut table, "short_name", org.short_name.as_deref());
    optional(&mut table, "section", org.section.as_deref());
    table.insert("summary", value(&org.summary));
    table.insert("about", value(&org.about));
    optional(&mut table, "services_intro", org.services_intro.as_deref());
    list(&mut table, "services", &org.services);
    if let Some(services) = table.get_mut("services").and_then(Item::as_array_mut) {
        // One service a line, as people write them.
        for item in services.iter_mut() {
            item.decor_mut().set_prefix("\n  ");
        }
        services.set_trailing_comma(true);
        services.set_trailing("\n");
    }
    optional(&mut table, "closing", org.closing.as_deref());
    list(&mut table, "tags", &org.tags);
    list(&mut table, "regions", &org.regions);
    let mut contacts = ArrayOfTables::new();
    for contact in &org.contacts {
        contacts.push(contact_table(contact));
    }
    if !contacts.is_empty() {
        table.insert("contact", Item::ArrayOfTables(contacts));
    }
    table
}

fn contact_table(contact: &ContactRecord) -> Table {
    let mut table = Table::new();
    table.insert("id", value(&contact.id));
    table.insert("kind", value(&contact.kind));
    table.insert("label", value(&contact.label));
    table.insert("value", value(&contact.value));
    optional(&mut table, "hours", contact.hours.as_deref());
    list(&mut table, "regions", &contact.regions);
    list(&mut table, "languages", &contact.languages);
    list(&mut table, "tags", &contact.tags);
    if let Some(verified) = &contact.verified {
        table.insert("verified", date(verified));
    }
    if contact.confidential {
        table.insert("confidential", value(true));
    }
    table
}

fn optional(table: &mut Table, key: &str, text: Option<&str>) {
    if let Some(text) = text {
        table.insert(key, value(text));
    }
}

fn list(table: &mut Table, key: &str, items: &[String]) {
    if !items.is_empty() {
        let array: Array = items.iter().map(String::as_str).collect();
        table.insert(key, value(array));
    }
}

/// A TOML date; text that is no date stays a string, so that `check` names it.
fn date(text: &str) -> Item {
    match text.parse::<toml_edit::Datetime>() {
        Ok(datetime) => value(datetime),
        Err(_) => value(text),
    }
}
