//! Comparing two checked guides item by item: sections, organizations and their contacts,
//! cards, each paired with its counterpart and compared field by field (see [`super::fields`]).

use super::changes::{ContactDiff, FieldChange, ItemDiff, OrganizationDiff, Status, Value};
use super::fields::{Compared, changes};
use super::pairing::{Pair, Pairing, ids, pair};
use crate::config::{Settings, Written};
use crate::model::{Card, Contact, Guide, Organization, Section};

/// The changed fields of one item, collected in source order.
#[derive(Default)]
struct Fields(Vec<FieldChange>);

impl Fields {
    fn push(&mut self, field: &str, old: Value, new: Value) {
        if old != new {
            self.0.push(FieldChange {
                field: field.to_owned(),
                old,
                new,
                summary: None,
            });
        }
    }

    fn order(&mut self, field: &str, reordered: bool, old: &[&str], new: &[&str]) {
        if reordered {
            self.push(field, Value::list(old), Value::list(new));
        }
    }
}

/// Changes to the `[guide]` keys and to the order of sections and organizations.
pub(super) fn guide_fields(old: &Guide, new: &Guide) -> Vec<FieldChange> {
    let mut f = Fields(changes(old, new));
    let (a, b) = (ids(&old.sections, |s| &s.id), ids(&new.sections, |s| &s.id));
    let sections = pair(&a, &b, |_, _| false);
    f.order("section order", sections.reordered, &a, &b);
    let (a, b) = (
        ids(&old.organizations, |o| &o.id),
        ids(&new.organizations, |o| &o.id),
    );
    f.order(
        "organization order",
        organization_pairing(old, new).reordered,
        &a,
        &b,
    );
    f.0
}

/// Changes to `[print]` and `[cards]`, as written in each guide.
pub(super) fn settings_fields(old: &Settings, new: &Settings) -> Vec<FieldChange> {
    let shown = |written: Option<Written>| match written {
        None => Value::Absent,
        Some(Written::Word(word)) => Value::Text(word),
        Some(Written::Number(n)) => Value::Number(n),
        Some(Written::Flag(b)) => Value::Bool(b),
    };
    let mut f = Fields::default();
    for ((key, old), (_, new)) in old.written().into_iter().zip(new.written()) {
        f.push(key, shown(old), shown(new));
    }
    f.0
}

/// Sections added, removed or changed.
pub(super) fn sections(old: &[Section], new: &[Section]) -> Vec<ItemDiff> {
    let pairing = pair(&ids(old, |s| &s.id), &ids(new, |s| &s.id), |_, _| false);
    items(&pairing.pairs, old, new, |s| (&s.id, &s.title))
}

/// Wallet cards added, removed or changed.
pub(super) fn cards(old: &[Card], new: &[Card]) -> Vec<ItemDiff> {
    let pairing = pair(&ids(old, |c| &c.id), &ids(new, |c| &c.id), |_, _| false);
    items(&pairing.pairs, old, new, |c| (&c.id, &c.title))
}

fn items<T: Compared>(
    pairs: &[Pair],
    old: &[T],
    new: &[T],
    name: impl Fn(&T) -> (&String, &String),
) -> Vec<ItemDiff> {
    let diff = |item: &T, status, changes| {
        let (id, title) = name(item);
        ItemDiff {
            id: id.clone(),
            title: title.clone(),
            status,
            changes,
        }
    };
    pairs
        .iter()
        .filter_map(|pair| match *pair {
            (None, Some(j)) => Some(diff(&new[j], Status::Added, Vec::new())),
            (Some(i), None) => Some(diff(&old[i], Status::Removed, Vec::new())),
            (Some(i), Some(j)) => {
                let changes = changes(&old[i], &new[j]);
                (!changes.is_empty()).then(|| diff(&new[j], Status::Changed, changes))
            }
            (None, None) => None,
        })
        .collect()
}

fn organization_pairing(old: &Guide, new: &Guide) -> Pairing {
    let (a, b) = (
        ids(&old.organizations, |o| &o.id),
        ids(&new.organizations, |o| &o.id),
    );
    pair(&a, &b, |i, j| {
        old.organizations[i].name == new.organizations[j].name
    })
}

/// Organizations added, removed or changed, with their contacts.
pub(super) fn organizations(old: &Guide, new: &Guide) -> Vec<OrganizationDiff> {
    let pairing = organization_pairing(old, new);
    pairing
        .pairs
        .iter()
        .filter_map(|pair| match *pair {
            (None, Some(j)) => Some(whole(&new.organizations[j], Status::Added)),
            (Some(i), None) => Some(whole(&old.organizations[i], Status::Removed)),
            (Some(i), Some(j)) => organization(&old.organizations[i], &new.organizations[j]),
            (None, None) => None,
        })
        .collect()
}

fn whole(org: &Organization, status: Status) -> OrganizationDiff {
    OrganizationDiff {
        id: org.id.clone(),
        old_id: None,
        name: org.name.clone(),
        status,
        changes: Vec::new(),
        contacts: org
            .contacts
            .iter()
            .map(|c| contact_diff(c, None, status, Vec::new()))
            .collect(),
    }
}

fn organization(old: &Organization, new: &Organization) -> Option<OrganizationDiff> {
    let mut f = Fields(changes(old, new));
    let (a, b) = (ids(&old.contacts, |c| &c.id), ids(&new.contacts, |c| &c.id));
    let pairing = pair(&a, &b, |i, j| {
        let (x, y) = (&old.contacts[i], &new.contacts[j]);
        x.kind == y.kind && x.label == y.label
    });
    f.order("contact order", pairing.reordered, &a, &b);
    let contacts: Vec<ContactDiff> = pairing
        .pairs
        .iter()
        .filter_map(|pair| contact(pair, old, new))
        .collect();
    let old_id = (old.id != new.id).then(|| old.id.clone());
    if f.0.is_empty() && contacts.is_empty() && old_id.is_none() {
        return None;
    }
    Some(OrganizationDiff {
        id: new.id.clone(),
        old_id,
        name: new.name.clone(),
        status: Status::Changed,
        changes: f.0,
        contacts,
    })
}

fn contact(pair: &Pair, old: &Organization, new: &Organization) -> Option<ContactDiff> {
    match *pair {
        (None, Some(j)) => Some(contact_diff(
            &new.contacts[j],
            None,
            Status::Added,
            Vec::new(),
        )),
        (Some(i), None) => Some(contact_diff(
            &old.contacts[i],
            None,
            Status::Removed,
            Vec::new(),
        )),
        (Some(i), Some(j)) => {
            let (a, b) = (&old.contacts[i], &new.contacts[j]);
            let changes = changes(a, b);
            let old_id = (a.id != b.id).then(|| a.id.clone());
            (!changes.is_empty() || old_id.is_some())
                .then(|| contact_diff(b, old_id, Status::Changed, changes))
        }
        (None, None) => None,
    }
}

fn contact_diff(
    contact: &Contact,
    old_id: Option<String>,
    status: Status,
    changes: Vec<FieldChange>,
) -> ContactDiff {
    ContactDiff {
        id: contact.id.clone(),
        old_id,
        kind: contact.kind.as_str(),
        label: contact.label.clone(),
        value: contact.value.clone(),
        status,
        confidential: contact.confidential,
        changes,
    }
}
