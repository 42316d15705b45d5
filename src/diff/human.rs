//! The diff report for people: grouped by organization, in the guides' order, plain words.

use std::fmt::Write;

mod variants;

use super::changes::{
    CardReprint, ContactDiff, FieldChange, GuideDiff, ItemDiff, OrganizationDiff, Reprint,
    Reprinted, StaleMention, Status, Value,
};

/// Renders the whole report.
pub fn report(diff: &GuideDiff) -> String {
    let (old, new) = (display_name(&diff.old), display_name(&diff.new));
    if diff.equivalent {
        let notes = variants::notes(diff);
        let same = format!("No changes: {old} and {new} are equivalent.\n");
        return if notes.is_empty() {
            same
        } else {
            format!("{same}\n{notes}")
        };
    }
    let mut groups = vec![format!("Changes from {old} to {new}\n")];
    if !diff.guide.is_empty() {
        groups.push(group("Guide", &diff.guide));
    }
    if !diff.settings.is_empty() {
        groups.push(group("Print and card settings", &diff.settings));
    }
    groups.extend(diff.sections.iter().map(|s| item("Section", s)));
    groups.extend(diff.organizations.iter().map(organization));
    groups.extend(diff.cards.iter().map(|c| item("Wallet card", c)));
    if let Some(editions) = variants::editions(diff) {
        groups.push(editions);
    }
    if !diff.still_mentioned.is_empty() {
        groups.push(still_mentioned(&diff.still_mentioned));
    }
    if diff.variants.is_empty() {
        groups.push(reprint(&diff.reprint));
    } else {
        groups.extend(variants::reprints(diff));
    }
    groups.join("\n")
}

/// How a source is named in the report.
pub fn display_name(name: &str) -> String {
    if name == "-" {
        "standard input".to_owned()
    } else {
        name.to_owned()
    }
}

fn group(title: &str, changes: &[FieldChange]) -> String {
    let mut out = format!("{title}\n");
    for change in changes {
        let _ = writeln!(out, "  {}", field_line(change));
    }
    out
}

fn item(noun: &str, item: &ItemDiff) -> String {
    let mut out = format!(
        "{noun} {:?} ({}){}\n",
        item.title,
        item.id,
        status_suffix(item.status)
    );
    for change in &item.changes {
        let _ = writeln!(out, "  {}", field_line(change));
    }
    out
}

fn organization(org: &OrganizationDiff) -> String {
    let heading = match (org.status, org.old_name(), &org.old_id) {
        (Status::Changed, Some(old_name), _) => format!(": renamed from {old_name:?}"),
        (Status::Changed, None, Some(old_id)) => format!(": id changed from {old_id}"),
        (status, _, _) => status_suffix(status).to_owned(),
    };
    let mut out = format!("Organization {:?} ({}){heading}\n", org.name, org.id);
    for change in org.changes.iter().filter(|c| c.field != "name") {
        let _ = writeln!(out, "  {}", field_line(change));
    }
    for contact in &org.contacts {
        out.push_str(&contact_lines(contact));
    }
    out
}

fn contact_lines(contact: &ContactDiff) -> String {
    let mut id = match &contact.old_id {
        Some(old_id) => format!("{}, was {old_id}", contact.id),
        None => contact.id.clone(),
    };
    if contact.confidential {
        id.push_str(", confidential: staff editions only");
    }
    let mut out = format!("  contact {:?} ({id})", contact.label);
    match contact.status {
        Status::Added => {
            let _ = writeln!(out, " added: {} {:?}", contact.kind, contact.value);
        }
        Status::Removed => {
            let _ = writeln!(out, " removed: {} {:?}", contact.kind, contact.value);
        }
        Status::Changed if contact.changes.is_empty() => out.push_str(": id changed\n"),
        Status::Changed => {
            out.push_str(" changed\n");
            for change in &contact.changes {
                let _ = writeln!(out, "    {}", field_line(change));
            }
        }
    }
    out
}

fn status_suffix(status: Status) -> &'static str {
    match status {
        Status::Added => ": added",
        Status::Removed => ": removed",
        Status::Changed => "",
    }
}

/// `value: "1-800-843-5678" → "1-800-843-5679"`, or a summary for text.
fn field_line(change: &FieldChange) -> String {
    match &change.summary {
        Some(summary) => summary.clone(),
        None => format!(
            "{}: {} → {}",
            change.field,
            value(&change.old),
            value(&change.new)
        ),
    }
}

fn value(value: &Value) -> String {
    match value {
        Value::Absent => "(none)".to_owned(),
        Value::Text(text) => format!("{text:?}"),
        Value::Date(date) => date.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::List(items) if items.is_empty() => "(none)".to_owned(),
        Value::List(items) => items
            .iter()
            .map(|i| format!("{i:?}"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn still_mentioned(mentions: &[StaleMention]) -> String {
    let mut out = "Old values still in the text\n".to_owned();
    for mention in mentions {
        let _ = writeln!(
            out,
            "  {:?} (the old value of {}) is still in: {}",
            mention.old_value,
            mention.contact,
            mention.places.join(", ")
        );
    }
    out
}

fn reprint(reprint: &Reprint) -> String {
    if reprint.is_empty() {
        return "Nothing to reprint (no printed content changed).\n".to_owned();
    }
    format!("To reprint\n{}", reprint_lines(reprint))
}

/// One line for each format and each wallet card to print again.
pub(super) fn reprint_lines(reprint: &Reprint) -> String {
    let mut out = String::new();
    for format in &reprint.formats {
        if let Reprinted::Whole(true) = format.reprint {
            let _ = writeln!(out, "  {}", format.label);
        }
    }
    for format in &reprint.formats {
        if let Reprinted::Cards(cards) = &format.reprint {
            for card in cards {
                let _ = writeln!(out, "  {}", card_line(format.label, card));
            }
        }
    }
    out
}

fn card_line(label: &str, card: &CardReprint) -> String {
    format!(
        "{label} {:?} ({}): {}",
        card.title,
        card.id,
        card.reasons.join(", ")
    )
}
