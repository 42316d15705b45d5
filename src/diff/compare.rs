//! Comparing two checked guides field by field, organization by organization.

use super::changes::{ContactDiff, FieldChange, ItemDiff, OrganizationDiff, Status, Value};
use super::pairing::{Pair, Pairing, ids, pair};
use super::text::{items_change, rich_change};
use crate::config::{Settings, Written};
use crate::model::richtext::RichText;
use crate::model::{Card, Contact, Date, Guide, Organization, Section};

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

    fn text(&mut self, field: &str, old: &str, new: &str) {
        self.push(
            field,
            Value::Text(old.to_owned()),
            Value::Text(new.to_owned()),
        );
    }

    fn opt(&mut self, field: &str, old: Option<&str>, new: Option<&str>) {
        self.push(field, Value::opt(old), Value::opt(new));
    }

    fn list<S: AsRef<str>>(&mut self, field: &str, old: &[S], new: &[S]) {
        self.push(field, Value::list(old), Value::list(new));
    }

    fn date(&mut self, field: &str, old: Option<Date>, new: Option<Date>) {
        let value = |d: Option<Date>| d.map_or(Value::Absent, |d| Value::Date(d.to_string()));
        self.push(field, value(old), value(new));
    }

    fn number(&mut self, field: &str, old: Option<u64>, new: Option<u64>) {
        let value = |n: Option<u64>| n.map_or(Value::Absent, Value::Number);
        self.push(field, value(old), value(new));
    }

    fn rich(&mut self, field: &str, old: Option<&RichText>, new: Option<&RichText>) {
        self.0.extend(rich_change(field, old, new));
    }

    fn items(&mut self, field: &str, old: &[RichText], new: &[RichText]) {
        self.0.extend(items_change(field, old, new));
    }

    fn order(&mut self, field: &str, reordered: bool, old: &[&str], new: &[&str]) {
        if reordered {
            self.list(field, old, new);
        }
    }
}

/// Changes to the `[guide]` keys and to the order of sections and organizations.
pub fn guide_fields(old: &Guide, new: &Guide) -> Vec<FieldChange> {
    let mut f = Fields::default();
    f.text("id", &old.id, &new.id);
    f.text("title", &old.title, &new.title);
    f.opt("subtitle", old.subtitle.as_deref(), new.subtitle.as_deref());
    f.opt(
        "publisher",
        old.publisher.as_deref(),
        new.publisher.as_deref(),
    );
    f.text("language", &old.language, &new.language);
    f.date("date", Some(old.date), Some(new.date));
    f.opt("edition", old.edition.as_deref(), new.edition.as_deref());
    f.rich("intro", old.intro.as_ref(), new.intro.as_ref());
    f.rich("closing", old.closing.as_ref(), new.closing.as_ref());
    f.opt(
        "emergency",
        old.emergency.as_deref(),
        new.emergency.as_deref(),
    );
    let days = |g: &Guide| Some(u64::from(g.review_every_days));
    f.number("review_every_days", days(old), days(new));
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
pub fn settings_fields(old: &Settings, new: &Settings) -> Vec<FieldChange> {
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
pub fn sections(old: &[Section], new: &[Section]) -> Vec<ItemDiff> {
    let pairing = pair(&ids(old, |s| &s.id), &ids(new, |s| &s.id), |_, _| false);
    items(
        &pairing.pairs,
        old,
        new,
        |s| (&s.id, &s.title),
        |a, b| {
            let mut f = Fields::default();
            f.text("title", &a.title, &b.title);
            f.rich("intro", a.intro.as_ref(), b.intro.as_ref());
            f.0
        },
    )
}

/// Wallet cards added, removed or changed.
pub fn cards(old: &[Card], new: &[Card]) -> Vec<ItemDiff> {
    let pairing = pair(&ids(old, |c| &c.id), &ids(new, |c| &c.id), |_, _| false);
    items(
        &pairing.pairs,
        old,
        new,
        |c| (&c.id, &c.title),
        |a, b| {
            let mut f = Fields::default();
            f.text("title", &a.title, &b.title);
            let refs = |c: &Card| {
                c.contacts
                    .iter()
                    .map(|c| c.reference.clone())
                    .collect::<Vec<_>>()
            };
            f.list("contacts", &refs(a), &refs(b));
            f.opt("note", a.note.as_deref(), b.note.as_deref());
            f.0
        },
    )
}

fn items<T>(
    pairs: &[Pair],
    old: &[T],
    new: &[T],
    name: impl Fn(&T) -> (&String, &String),
    fields: impl Fn(&T, &T) -> Vec<FieldChange>,
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
                let changes = fields(&old[i], &new[j]);
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
pub fn organizations(old: &Guide, new: &Guide) -> Vec<OrganizationDiff> {
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
    let mut f = Fields::default();
    f.text("name", &old.name, &new.name);
    f.opt(
        "short_name",
        old.short_name.as_deref(),
        new.short_name.as_deref(),
    );
    f.opt("section", old.section.as_deref(), new.section.as_deref());
    f.text("summary", &old.summary, &new.summary);
    f.rich("about", Some(&old.about), Some(&new.about));
    f.opt(
        "services_intro",
        old.services_intro.as_deref(),
        new.services_intro.as_deref(),
    );
    f.items("services", &old.services, &new.services);
    f.rich("closing", old.closing.as_ref(), new.closing.as_ref());
    f.list("tags", &old.tags, &new.tags);
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
            let changes = contact_fields(a, b);
            let old_id = (a.id != b.id).then(|| a.id.clone());
            (!changes.is_empty() || old_id.is_some())
                .then(|| contact_diff(b, old_id, Status::Changed, changes))
        }
        (None, None) => None,
    }
}

fn contact_fields(a: &Contact, b: &Contact) -> Vec<FieldChange> {
    let mut f = Fields::default();
    f.text("kind", a.kind.as_str(), b.kind.as_str());
    f.text("label", &a.label, &b.label);
    f.text("value", &a.value, &b.value);
    f.opt("hours", a.hours.as_deref(), b.hours.as_deref());
    f.list("regions", &a.regions, &b.regions);
    f.date("verified", a.verified, b.verified);
    f.0
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
        changes,
    }
}
