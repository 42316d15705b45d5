//! References between tables: an organization's `section` and a card's `contacts`.
//!
//! A reference that leads nowhere names what it points to and lists the nearest ids that
//! do exist, so a typo is fixed without searching the file.

use std::ops::Range;

use super::Checker;
use crate::diag::suggest::did_you_mean;
use crate::model::{CardContact, Organization};
use crate::source::raw::Text;

/// How many existing ids a hint lists at most.
const NEAREST: usize = 5;

impl Checker<'_> {
    pub(super) fn section_ref(
        &mut self,
        section: Option<&Text>,
        org_span: Range<usize>,
        section_ids: &[&str],
    ) -> Option<String> {
        let Some(section) = section else {
            if !section_ids.is_empty() {
                self.hint(
                    org_span,
                    "this organization has no `section`, but the guide has sections",
                    format!(
                        "add section = \"…\" with one of: {}",
                        section_ids.join(", ")
                    ),
                );
            }
            return None;
        };
        let id = section.get_ref().as_str();
        if !section_ids.contains(&id) {
            let hints = if section_ids.is_empty() {
                vec!["the guide has no [[section]] tables; add one with this id, or remove this line".into()]
            } else {
                nearest_hints(id, section_ids.iter().copied(), "sections")
            };
            self.error(section.span(), format!("there is no section `{id}`"))
                .hints
                .extend(hints);
        }
        Some(id.to_owned())
    }

    pub(super) fn card_contact(
        &mut self,
        reference: &Text,
        orgs: &[Organization],
    ) -> Option<CardContact> {
        let wanted = reference.get_ref().as_str();
        let (org_id, contact_id) = wanted.split_once('.').unwrap_or((wanted, ""));
        let org = orgs.iter().find(|org| org.id == org_id);
        if let Some(org) = org
            && let Some(contact) = org.contacts.iter().find(|c| c.id == contact_id)
        {
            return Some(CardContact {
                reference: wanted.to_owned(),
                organization: org.short_name.clone().unwrap_or_else(|| org.name.clone()),
                contact: contact.clone(),
            });
        }
        let all: Vec<String> = orgs
            .iter()
            .flat_map(|o| o.contacts.iter().map(move |c| format!("{}.{}", o.id, c.id)))
            .collect();
        let (message, hints) = match org {
            _ if !wanted.contains('.') => (
                format!("`{wanted}` is not a contact reference"),
                match org {
                    Some(org) if !org.contacts.is_empty() => vec![format!(
                        "name one of its contacts: {}",
                        own_refs(org).join(", ")
                    )],
                    _ => vec!["write it as \"organization-id.contact-id\"".into()],
                },
            ),
            Some(org) if org.contacts.is_empty() => (
                format!("the organization `{org_id}` has no contacts"),
                vec!["add an [[organization.contact]] to it first".into()],
            ),
            Some(org) => (
                format!("the organization `{org_id}` has no contact `{contact_id}`"),
                nearest_hints(
                    wanted,
                    own_refs(org).iter().map(String::as_str),
                    &format!("contacts of `{org_id}`"),
                ),
            ),
            None => (
                format!("there is no contact `{wanted}` (no organization has the id `{org_id}`)"),
                nearest_hints(wanted, all.iter().map(String::as_str), "contacts"),
            ),
        };
        self.error(reference.span(), message).hints.extend(hints);
        None
    }
}

fn own_refs(org: &Organization) -> Vec<String> {
    org.contacts
        .iter()
        .map(|c| format!("{}.{}", org.id, c.id))
        .collect()
}

/// "did you mean" when one id is close, then the nearest existing ids.
fn nearest_hints<'a>(
    wanted: &str,
    known: impl IntoIterator<Item = &'a str>,
    what: &str,
) -> Vec<String> {
    let known: Vec<&str> = known.into_iter().collect();
    if known.is_empty() {
        return vec![format!("the guide has no {what} yet")];
    }
    let mut hints = Vec::new();
    if let Some(best) = did_you_mean(wanted, known.iter().copied()) {
        hints.push(format!("did you mean `{best}`?"));
    }
    let wanted = if wanted.len() > crate::diag::suggest::MAX_WORD {
        ""
    } else {
        wanted
    };
    let mut scored: Vec<(f64, &str)> = known
        .iter()
        .map(|id| (strsim::jaro_winkler(wanted, id), *id))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let mut known: Vec<&str> = scored.into_iter().map(|(_, id)| id).collect();
    known.dedup();
    let more = known.len().saturating_sub(NEAREST);
    known.truncate(NEAREST);
    let tail = if more > 0 {
        format!(" (and {more} more)")
    } else {
        String::new()
    };
    hints.push(format!("existing {what}: {}{tail}", known.join(", ")));
    hints
}
