//! Comparing two items of the checked guide field by field, from their serialization.
//!
//! Every field the model serializes (the data templates receive) is compared, in the
//! model's order, so a field added to the model shows up in `diff` without a line here.
//! A type names only the fields that need a rule of their own: fields derived from others
//! or compared item by item, rich text, dates, lists shown by one of their fields, and the
//! plain prose that the search for old values reads.

use std::fmt;

use serde::Serialize;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value as Json;

use super::changes::{FieldChange, Value};
use super::text::{items_change, markdown, rich_change};
use crate::model::richtext::RichText;
use crate::model::{Card, Contact, Guide, Organization, Section};

/// How a field is compared and shown, when its serialized value is not enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shown {
    /// Not compared: derived from another field, or compared item by item elsewhere.
    Skipped,
    /// Rich text: summarised in words, written back as Markdown; prose.
    Rich,
    /// A list of rich texts, one per item (`services`); prose.
    RichItems,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// Plain text that the search for old values reads.
    Prose,
    /// A list of items, each shown by one of its fields (a card's contacts by reference).
    ListBy(&'static str),
}

/// A type of the checked guide that `diff` compares field by field.
pub(super) trait Compared: Serialize {
    /// The fields that need a rule of their own; every other is compared as serialized.
    const SHOWN: &'static [(&'static str, Shown)];
}

impl Compared for Guide {
    const SHOWN: &'static [(&'static str, Shown)] = &[
        // Follows the language.
        ("direction", Shown::Skipped),
        ("date", Shown::Date),
        ("intro", Shown::Rich),
        ("closing", Shown::Rich),
        ("emergency", Shown::Prose),
        ("sections", Shown::Skipped),
        ("organizations", Shown::Skipped),
        ("cards", Shown::Skipped),
    ];
}

impl Compared for Section {
    const SHOWN: &'static [(&'static str, Shown)] = &[("intro", Shown::Rich)];
}

impl Compared for Organization {
    const SHOWN: &'static [(&'static str, Shown)] = &[
        // A new id is reported as the item's old id.
        ("id", Shown::Skipped),
        ("summary", Shown::Prose),
        ("about", Shown::Rich),
        ("services_intro", Shown::Prose),
        ("services", Shown::RichItems),
        ("closing", Shown::Rich),
        ("contacts", Shown::Skipped),
    ];
}

impl Compared for Contact {
    const SHOWN: &'static [(&'static str, Shown)] = &[
        ("id", Shown::Skipped),
        // Follows the value.
        ("href", Shown::Skipped),
        ("label", Shown::Prose),
        ("verified", Shown::Date),
    ];
}

impl Compared for Card {
    const SHOWN: &'static [(&'static str, Shown)] = &[
        ("contacts", Shown::ListBy("reference")),
        ("note", Shown::Prose),
    ];
}

fn rule<T: Compared>(field: &str) -> Option<Shown> {
    T::SHOWN
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, shown)| *shown)
}

/// The fields of `old` and `new` that differ, in the order the model declares them.
pub(super) fn changes<T: Compared>(old: &T, new: &T) -> Vec<FieldChange> {
    let before = fields(old);
    let mut changes = Vec::new();
    for (name, after) in fields(new) {
        let before = before
            .iter()
            .find(|(field, _)| *field == name)
            .map_or(&Json::Null, |(_, value)| value);
        if *before == after {
            continue;
        }
        let (old, new) = match rule::<T>(&name) {
            Some(Shown::Skipped) => continue,
            Some(Shown::Rich) => {
                changes.extend(rich_change(
                    &name,
                    rich(before).as_ref(),
                    rich(&after).as_ref(),
                ));
                continue;
            }
            Some(Shown::RichItems) => {
                changes.extend(items_change(
                    &name,
                    &rich_items(before),
                    &rich_items(&after),
                ));
                continue;
            }
            Some(Shown::Date) => (date(before), date(&after)),
            Some(Shown::ListBy(key)) => (list_by(before, key), list_by(&after, key)),
            Some(Shown::Prose) | None => (plain(before), plain(&after)),
        };
        if old != new {
            changes.push(FieldChange {
                field: name,
                old,
                new,
                summary: None,
            });
        }
    }
    changes
}

/// The prose of an item in the model's order, each named by its field (`about`,
/// `services item 2`).
pub(super) fn prose<T: Compared>(item: &T) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for (name, value) in fields(item) {
        match (rule::<T>(&name), &value) {
            (Some(Shown::Rich), _) => {
                if let Some(text) = rich(&value) {
                    texts.push((name, markdown(&text)));
                }
            }
            (Some(Shown::RichItems), _) => {
                for (i, text) in rich_items(&value).iter().enumerate() {
                    texts.push((format!("{name} item {}", i + 1), markdown(text)));
                }
            }
            (Some(Shown::Prose), Json::String(text)) => texts.push((name, text.clone())),
            _ => {}
        }
    }
    texts
}

/// An item's fields in the order it serializes them.
fn fields<T: Serialize>(item: &T) -> Vec<(String, Json)> {
    let json = serde_json::to_string(item).expect("the guide serializes");
    let InOrder(fields) = serde_json::from_str(&json).expect("an item serializes to an object");
    fields
}

/// A JSON object's members in the order they were written (`serde_json::Map` sorts them).
struct InOrder(Vec<(String, Json)>);

impl<'de> Deserialize<'de> for InOrder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = InOrder;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<InOrder, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(InOrder(members))
            }
        }
        deserializer.deserialize_map(Members)
    }
}

fn rich(value: &Json) -> Option<RichText> {
    (!value.is_null()).then(|| serde_json::from_value(value.clone()).expect("rich text reads back"))
}

fn rich_items(value: &Json) -> Vec<RichText> {
    serde_json::from_value(value.clone()).expect("rich text items read back")
}

fn date(value: &Json) -> Value {
    match value {
        Json::String(date) => Value::Date(date.clone()),
        other => plain(other),
    }
}

fn list_by(value: &Json, key: &str) -> Value {
    let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
    Value::List(
        items
            .iter()
            .map(|item| item[key].as_str().unwrap_or_default().to_owned())
            .collect(),
    )
}

/// A value as the source writes it: text, number, yes or no, a list of strings.
fn plain(value: &Json) -> Value {
    match value {
        Json::Null => Value::Absent,
        Json::String(text) => Value::Text(text.clone()),
        Json::Bool(flag) => Value::Bool(*flag),
        Json::Number(n) if n.is_u64() => Value::Number(n.as_u64().unwrap_or_default()),
        Json::Array(items) if items.iter().all(Json::is_string) => Value::List(
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_owned))
                .collect(),
        ),
        other => Value::Text(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Item {
        id: String,
        added_later: Option<u32>,
        when: Option<&'static str>,
    }

    impl Compared for Item {
        const SHOWN: &'static [(&'static str, Shown)] = &[("when", Shown::Date)];
    }

    #[test]
    fn a_field_without_a_rule_is_compared_as_serialized_in_declared_order() {
        let old = Item {
            id: "a".into(),
            added_later: None,
            when: Some("2024-01-01"),
        };
        let new = Item {
            id: "b".into(),
            added_later: Some(3),
            when: None,
        };
        let changes = changes(&old, &new);
        let fields: Vec<_> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["id", "added_later", "when"]);
        assert_eq!(changes[1].new, Value::Number(3));
        assert_eq!(changes[2].old, Value::Date("2024-01-01".into()));
    }
}
