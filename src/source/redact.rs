//! The copy of a guide that a public output folder keeps (`guide-as-built.toml`), with
//! its confidential contacts left out.
//!
//! `diff` reads the copy to say what changed since the last build, so it must stay a
//! guide: with each confidential contact go the cards that name it (cards of staff
//! editions, never built in public) and their ids from the editions' `cards`. A comment
//! inside a removed table goes with it; what else is left, `build` searches before
//! writing (see `render::absence`).

use std::collections::HashSet;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

/// The first line of a copy without the confidential contacts, by which `diff` knows to
/// leave them out of the guide it compares the copy with.
pub const REDACTED_MARK: &str =
    "# guidepress: this copy leaves out the confidential contacts and the cards that name them\n";

/// The guide without its confidential contacts, marked with [`REDACTED_MARK`]; `None`
/// when it has none (the copy is then the source byte for byte).
pub fn without_confidential(text: &str) -> Option<String> {
    let mut document: DocumentMut = text.parse().ok()?;
    let removed = remove_contacts(&mut document);
    if removed.is_empty() {
        return None;
    }
    let cards = remove_cards(&mut document, &removed);
    if let Some(editions) = tables(&mut document, "edition") {
        for edition in editions.iter_mut() {
            if let Some(list) = edition.get_mut("cards").and_then(Item::as_array_mut) {
                let before = list.len();
                list.retain(|id| id.as_str().is_none_or(|id| !cards.contains(id)));
                // The space that followed a removed first item must not lead the list.
                if list.len() != before
                    && let Some(first) = list.get_mut(0)
                {
                    first.decor_mut().set_prefix("");
                }
            }
        }
    }
    Some(format!("{REDACTED_MARK}{document}"))
}

/// Removes every contact with `confidential = true`; their references.
fn remove_contacts(document: &mut DocumentMut) -> HashSet<String> {
    let mut removed = HashSet::new();
    let Some(organizations) = tables(document, "organization") else {
        return removed;
    };
    for organization in organizations.iter_mut() {
        let org = organization
            .get("id")
            .and_then(Item::as_str)
            .unwrap_or_default()
            .to_owned();
        let confidential =
            |table: &Table| table.get("confidential").and_then(Item::as_bool) == Some(true);
        match organization.get_mut("contact") {
            Some(Item::ArrayOfTables(contacts)) => contacts.retain(|contact| {
                let secret = confidential(contact);
                if secret {
                    removed.insert(reference(&org, contact.get("id").and_then(Item::as_str)));
                }
                !secret
            }),
            Some(Item::Value(Value::Array(contacts))) => contacts.retain(|contact| {
                let Some(contact) = contact.as_inline_table() else {
                    return true;
                };
                let secret = contact.get("confidential").and_then(Value::as_bool) == Some(true);
                if secret {
                    removed.insert(reference(&org, contact.get("id").and_then(Value::as_str)));
                }
                !secret
            }),
            _ => {}
        }
    }
    removed
}

/// Removes every card that names one of `contacts`; their ids.
fn remove_cards(document: &mut DocumentMut, contacts: &HashSet<String>) -> HashSet<String> {
    let mut removed = HashSet::new();
    if let Some(cards) = tables(document, "card") {
        cards.retain(|card| {
            let names_one = card
                .get("contacts")
                .and_then(Item::as_array)
                .is_some_and(|list| {
                    list.iter()
                        .any(|r| r.as_str().is_some_and(|r| contacts.contains(r)))
                });
            if names_one {
                removed.insert(
                    card.get("id")
                        .and_then(Item::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                );
            }
            !names_one
        });
    }
    removed
}

fn tables<'d>(document: &'d mut DocumentMut, key: &str) -> Option<&'d mut ArrayOfTables> {
    document.get_mut(key).and_then(Item::as_array_of_tables_mut)
}

fn reference(org: &str, contact: Option<&str>) -> String {
    format!("{org}.{}", contact.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE: &str = r#"[guide]
id = "g"

[[organization]]
id = "shelter"

[[organization.contact]]
id = "hotline"
value = "1-800-799-7233"

# the street, for staff
[[organization.contact]]
id = "street"
value = "12 Hidden Lane"
confidential = true

[[card]]
id = "staff"
contacts = ["shelter.street"]

[[card]]
id = "help"
contacts = ["shelter.hotline"]

[[edition]]
id = "staff"
cards = ["staff", "help"]
"#;

    #[test]
    fn confidential_contacts_their_cards_and_comments_are_left_out() {
        let copy = without_confidential(GUIDE).unwrap();
        assert_eq!(
            copy,
            format!(
                "{REDACTED_MARK}{}",
                r#"[guide]
id = "g"

[[organization]]
id = "shelter"

[[organization.contact]]
id = "hotline"
value = "1-800-799-7233"

[[card]]
id = "help"
contacts = ["shelter.hotline"]

[[edition]]
id = "staff"
cards = ["help"]
"#
            )
        );
    }

    #[test]
    fn a_guide_without_confidential_contacts_is_copied_as_it_is() {
        assert_eq!(without_confidential("[guide]\nid = \"g\"\n"), None);
    }
}
