//! The contacts named on the command line: `organization.contact`, or an organization's id
//! for all of its contacts; an unknown name is an error with a did-you-mean.

use std::sync::Arc;

use super::locate::{WrittenContact, WrittenOrganization};
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diagnostic, SourceText, line_column};

/// A contact the command line named, and its reference.
pub(super) struct Named<'w> {
    /// `organization.contact`.
    pub(super) reference: String,
    /// Where it is written.
    pub(super) contact: &'w WrittenContact,
}

/// The most ids listed in a hint when no single one is close to what was typed.
const MAX_LISTED: usize = 12;

/// Every contact the references name, each once, in the order they were named; or every
/// reference that names nothing, or more than one place.
pub(super) fn resolve<'w>(
    file: &Arc<SourceText>,
    organizations: &'w [WrittenOrganization],
    references: &[String],
) -> Result<Vec<Named<'w>>, Vec<Diagnostic>> {
    let mut named: Vec<Named<'w>> = Vec::new();
    let mut problems = Vec::new();
    for reference in references {
        match one(file, organizations, reference) {
            Ok(found) => {
                for item in found {
                    if !named.iter().any(|n| n.reference == item.reference) {
                        named.push(item);
                    }
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(named)
    } else {
        Err(problems)
    }
}

fn one<'w>(
    file: &Arc<SourceText>,
    organizations: &'w [WrittenOrganization],
    reference: &str,
) -> Result<Vec<Named<'w>>, Diagnostic> {
    let (org_id, contact_id) = match reference.split_once('.') {
        Some((org, contact)) => (org, Some(contact)),
        None => (reference, None),
    };
    let orgs: Vec<&WrittenOrganization> = organizations
        .iter()
        .filter(|org| org.id.as_deref() == Some(org_id))
        .collect();
    if orgs.is_empty() {
        return Err(unknown_organization(
            file,
            organizations,
            org_id,
            contact_id,
        ));
    }
    let Some(contact_id) = contact_id else {
        if orgs.len() > 1 {
            let message = format!("two organizations have the id `{org_id}`");
            return Err(in_file(file, message)
                .with_hint("give each organization its own id (`guidepress check` shows where)"));
        }
        let contacts: Vec<Named<'w>> = orgs[0]
            .contacts
            .iter()
            .filter_map(|contact| {
                Some(Named {
                    reference: format!("{org_id}.{}", contact.id.as_deref()?),
                    contact,
                })
            })
            .collect();
        if contacts.is_empty() {
            return Err(in_file(
                file,
                format!("organization `{org_id}` has no contacts to record a check for"),
            ));
        }
        return Ok(contacts);
    };
    let matching: Vec<&WrittenContact> = orgs
        .iter()
        .flat_map(|org| &org.contacts)
        .filter(|contact| contact.id.as_deref() == Some(contact_id))
        .collect();
    match matching.as_slice() {
        [contact] => Ok(vec![Named {
            reference: reference.to_owned(),
            contact,
        }]),
        [] => Err(unknown_contact(file, &orgs, org_id, contact_id)),
        several => {
            let lines: Vec<String> = several
                .iter()
                .map(|c| line_column(&file.text, c.at).0.to_string())
                .collect();
            let message = format!(
                "{} contacts are written as `{reference}` (lines {})",
                several.len(),
                lines.join(", ")
            );
            Err(in_file(file, message).with_hint(
                "give each contact of an organization its own id, then record the check",
            ))
        }
    }
}

fn unknown_organization(
    file: &Arc<SourceText>,
    organizations: &[WrittenOrganization],
    org_id: &str,
    contact_id: Option<&str>,
) -> Diagnostic {
    let ids: Vec<&str> = organizations
        .iter()
        .filter_map(|o| o.id.as_deref())
        .collect();
    let diagnostic = in_file(file, format!("the guide has no organization `{org_id}`"));
    let guess = did_you_mean(org_id, ids.iter().copied());
    let suggestion = match (guess, contact_id) {
        (Some(guess), None) => Some(format!("did you mean `{guess}`?")),
        (Some(guess), Some(contact_id)) => {
            let contacts: Vec<&str> = organizations
                .iter()
                .filter(|o| o.id.as_deref() == Some(guess))
                .flat_map(|o| &o.contacts)
                .filter_map(|c| c.id.as_deref())
                .collect();
            Some(match did_you_mean(contact_id, contacts.iter().copied()) {
                Some(contact) => format!("did you mean `{guess}.{contact}`?"),
                None => format!(
                    "did you mean `{guess}`? {}",
                    listed("its contacts are", &contacts)
                ),
            })
        }
        (None, Some(contact_id)) => {
            let references: Vec<String> = organizations
                .iter()
                .flat_map(|org| {
                    org.contacts.iter().filter_map(|c| {
                        Some(format!("{}.{}", org.id.as_deref()?, c.id.as_deref()?))
                    })
                })
                .collect();
            let typed = format!("{org_id}.{contact_id}");
            did_you_mean(&typed, references.iter().map(String::as_str))
                .map(|found| format!("did you mean `{found}`?"))
        }
        (None, None) => None,
    };
    if let Some(suggestion) = suggestion {
        return diagnostic.with_hint(suggestion);
    }
    let example = organizations.iter().find_map(|org| {
        Some((
            org.id.as_deref()?,
            org.contacts.iter().find_map(|c| c.id.as_deref())?,
        ))
    });
    let example = example.map_or(String::new(), |(org, contact)| {
        format!(" (e.g. `{org}.{contact}`)")
    });
    diagnostic
        .with_hint(listed("the organizations are", &ids))
        .with_hint(format!(
            "name a contact as organization.contact{example}, or an organization by its id for all of its contacts"
        ))
}

fn unknown_contact(
    file: &Arc<SourceText>,
    orgs: &[&WrittenOrganization],
    org_id: &str,
    contact_id: &str,
) -> Diagnostic {
    let ids: Vec<&str> = orgs
        .iter()
        .flat_map(|org| &org.contacts)
        .filter_map(|c| c.id.as_deref())
        .collect();
    let message = format!("organization `{org_id}` has no contact `{contact_id}`");
    let diagnostic = in_file(file, message);
    let diagnostic = match did_you_mean(contact_id, ids.iter().copied()) {
        Some(id) => diagnostic.with_hint(format!("did you mean `{org_id}.{id}`?")),
        None => diagnostic,
    };
    if ids.is_empty() {
        diagnostic.with_hint(format!("`{org_id}` has no contacts"))
    } else {
        diagnostic.with_hint(listed(&format!("the contacts of `{org_id}` are"), &ids))
    }
}

/// `what: a, b, c`, or the first few and how many more.
fn listed(what: &str, ids: &[&str]) -> String {
    let shown: Vec<String> = ids
        .iter()
        .take(MAX_LISTED)
        .map(|id| format!("`{id}`"))
        .collect();
    let more = match ids.len().saturating_sub(MAX_LISTED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!("{what}: {}{more}", shown.join(", "))
}

/// An error about the guide as a whole: named by its file, with no line.
fn in_file(file: &Arc<SourceText>, message: String) -> Diagnostic {
    Diagnostic {
        file: Some(Arc::clone(file)),
        ..Diagnostic::bare(message)
    }
}
