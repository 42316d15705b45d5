//! The same guide as one Markdown document, as someone using Pandoc would keep it: title
//! block, sections as `#`, organizations as `##`, contacts as a list, then the wallet cards.

use std::fmt::Write;

use toml::value::Datetime;

use crate::synth::{Contact, Organization, Source};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The guide as Pandoc Markdown with a YAML title block.
pub(crate) fn to_markdown(source: &Source) -> String {
    let guide = &source.guide;
    let mut out = String::new();
    out.push_str("---\n");
    meta(&mut out, "title", Some(&guide.title));
    meta(&mut out, "subtitle", guide.subtitle.as_deref());
    meta(&mut out, "author", guide.publisher.as_deref());
    meta(&mut out, "date", guide.edition.as_deref());
    meta(&mut out, "lang", Some(&guide.language));
    out.push_str("---\n\n");
    if let Some(emergency) = &guide.emergency {
        let _ = writeln!(out, "**{emergency}**\n");
    }
    paragraph(&mut out, guide.intro.as_deref());
    if source.sections.is_empty() {
        source
            .organizations
            .iter()
            .for_each(|org| organization(&mut out, org, "#"));
    }
    for section in &source.sections {
        let _ = writeln!(out, "# {}\n", section.title);
        paragraph(&mut out, section.intro.as_deref());
        let members = source
            .organizations
            .iter()
            .filter(|org| org.section.as_deref() == Some(&section.id));
        members.for_each(|org| organization(&mut out, org, "##"));
    }
    cards(&mut out, source);
    paragraph(&mut out, guide.closing.as_deref());
    out
}

fn meta(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        let _ = writeln!(
            out,
            "{key}: \"{}\"",
            value.replace('\\', "\\\\").replace('"', "\\\"")
        );
    }
}

fn paragraph(out: &mut String, text: Option<&str>) {
    if let Some(text) = text {
        let _ = writeln!(out, "{}\n", text.trim());
    }
}

fn organization(out: &mut String, org: &Organization, level: &str) {
    match &org.short_name {
        Some(short) => writeln!(out, "{level} {} ({short})\n", org.name),
        None => writeln!(out, "{level} {}\n", org.name),
    }
    .expect("writing to a string");
    paragraph(out, Some(&org.about));
    paragraph(out, org.services_intro.as_deref());
    for service in &org.services {
        // Continuation lines of a list item are indented so they stay in the item.
        let _ = writeln!(out, "- {}", service.trim().replace('\n', "\n  "));
    }
    if !org.services.is_empty() {
        out.push('\n');
    }
    paragraph(out, org.closing.as_deref());
    for contact in &org.contacts {
        contact_item(out, contact);
    }
    if !org.contacts.is_empty() {
        out.push('\n');
    }
}

fn contact_item(out: &mut String, contact: &Contact) {
    let value = match href(contact) {
        Some(href) => format!("[{}]({href})", contact.value),
        None => contact.value.replace('\n', "\\\n  "),
    };
    let _ = write!(
        out,
        "- **{}** ({}): {value}",
        contact.label,
        kind_label(&contact.kind)
    );
    if let Some(hours) = &contact.hours {
        let _ = write!(out, "\\\n  {hours}");
    }
    if !contact.regions.is_empty() {
        let _ = write!(
            out,
            "\\\n  Can be reached from: {}",
            contact.regions.join(", ")
        );
    }
    if let Some(verified) = &contact.verified {
        let _ = write!(out, "\\\n  Verified {}", month_year(verified));
    }
    out.push('\n');
}

fn cards(out: &mut String, source: &Source) {
    if source.cards.is_empty() {
        return;
    }
    out.push_str("# Wallet cards\n\n");
    for card in &source.cards {
        let _ = writeln!(out, "## {}\n", card.title);
        for reference in &card.contacts {
            let Some((org, contact)) = resolve(source, reference) else {
                continue;
            };
            let name = org.short_name.as_deref().unwrap_or(&org.name);
            let hours = contact
                .hours
                .as_deref()
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            let _ = writeln!(out, "- {name}: {}, {}{hours}", contact.label, contact.value);
        }
        out.push('\n');
        paragraph(out, card.note.as_deref());
    }
}

fn resolve<'a>(source: &'a Source, reference: &str) -> Option<(&'a Organization, &'a Contact)> {
    let (org_id, contact_id) = reference.split_once('.')?;
    let org = source.organizations.iter().find(|org| org.id == org_id)?;
    Some((org, org.contacts.iter().find(|c| c.id == contact_id)?))
}

fn href(contact: &Contact) -> Option<String> {
    let value = &contact.value;
    match contact.kind.as_str() {
        "phone" | "sms" => {
            let digits: String = value.chars().filter(char::is_ascii_alphanumeric).collect();
            Some(format!(
                "{}:{digits}",
                if contact.kind == "sms" { "sms" } else { "tel" }
            ))
        }
        "web" if value.starts_with("http") => Some(value.clone()),
        "web" => Some(format!("https://{value}")),
        "email" => Some(format!("mailto:{value}")),
        _ => None,
    }
}

fn kind_label(kind: &str) -> &str {
    match kind {
        "phone" => "Phone",
        "sms" => "Text",
        "web" => "Web",
        "email" => "Email",
        "address" => "Address",
        other => other,
    }
}

fn month_year(date: &Datetime) -> String {
    match date.date {
        Some(d) => format!(
            "{} {}",
            MONTHS[usize::from(d.month.clamp(1, 12)) - 1],
            d.year
        ),
        None => date.to_string(),
    }
}
