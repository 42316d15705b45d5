//! Old contact values that the new guide's prose still mentions.
//!
//! A number is often written twice: once as a contact and once in a sentence ("call
//! 1-800-…"). When the contact changes, the sentence is easily forgotten, so the diff
//! points at every text that still carries the old value. Phone numbers are compared by
//! the digits they dial (see [`crate::model::phone`]), so `(206) 555-0100` is found as
//! `206-555-0100` too, and `1-800-THE-LOST` as `1-800-843-5678`. Labels are searched as
//! well as prose: "Text HOME to 741741" still names the old short code.

use super::changes::{OrganizationDiff, StaleMention, Status, Value};
use super::fields::prose;
use crate::model::Guide;

/// Finds old values of changed contacts that the new guide's texts still mention.
pub(super) fn stale_mentions(organizations: &[OrganizationDiff], new: &Guide) -> Vec<StaleMention> {
    let texts = texts(new);
    let mut found = Vec::new();
    for org in organizations.iter().filter(|o| o.status == Status::Changed) {
        for contact in org.contacts.iter().filter(|c| c.status == Status::Changed) {
            let Some(Value::Text(old)) = contact
                .changes
                .iter()
                .find(|c| c.field == "value")
                .map(|c| &c.old)
            else {
                continue;
            };
            // The value may rightly stay in the text when another contact still has it.
            if still_a_contact(new, old) {
                continue;
            }
            let phone = matches!(contact.kind, "phone" | "sms");
            let places: Vec<String> = texts
                .iter()
                .filter(|(_, text)| mentions(text, old, phone))
                .map(|(place, _)| place.clone())
                .collect();
            if !places.is_empty() {
                let reference = format!("{}.{}", org.id, contact.id);
                found.push(StaleMention {
                    contact: reference,
                    old_value: old.clone(),
                    places,
                });
            }
        }
    }
    found
}

fn still_a_contact(guide: &Guide, value: &str) -> bool {
    guide
        .organizations
        .iter()
        .flat_map(|o| &o.contacts)
        .any(|c| c.value == value)
}

/// Every piece of prose in the guide, named by where it is, in reading order.
fn texts(guide: &Guide) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let mut add = |place: &str, prose: Vec<(String, String)>| {
        texts.extend(
            prose
                .into_iter()
                .map(|(field, text)| (format!("{place} {field}"), text)),
        );
    };
    // The guide's closing is read after its organizations.
    let (closing, opening) = prose(guide)
        .into_iter()
        .partition(|(field, _)| field == "closing");
    add("guide", opening);
    for section in &guide.sections {
        add(&format!("section {}", section.id), prose(section));
    }
    for org in &guide.organizations {
        add(&org.id, prose(org));
        for contact in &org.contacts {
            add(&format!("{}.{}", org.id, contact.id), prose(contact));
        }
    }
    add("guide", closing);
    for card in &guide.cards {
        add(&format!("card {}", card.id), prose(card));
    }
    texts
}

/// Whether `text` contains `value`, phone numbers compared by the digits they dial, so
/// that a number spelled in letters (`1-800-THE-LOST`) is found as `1-800-843-5678` and
/// the other way round.
fn mentions(text: &str, value: &str, phone: bool) -> bool {
    if text.contains(value) {
        return true;
    }
    let Some(wanted) = phone.then(|| dialled(value)).flatten() else {
        return false;
    };
    // Short runs would match house numbers and years; real numbers are longer.
    wanted.len() >= 5
        && crate::model::phone::text::numbers(text)
            .iter()
            .any(|number| same_number(&number.written.digits, &wanted))
}

/// The digits a written number dials, without `+` or an extension.
fn dialled(value: &str) -> Option<String> {
    crate::model::phone::written(value).map(|number| number.digits)
}

/// Equal digits, allowing a leading country code 1 on one side (`1-206-…` and `206-…`).
fn same_number(found: &str, wanted: &str) -> bool {
    found == wanted
        || found.strip_prefix('1') == Some(wanted)
        || wanted.strip_prefix('1') == Some(found)
}

#[cfg(test)]
mod tests {
    use super::mentions;

    #[test]
    fn a_number_is_found_however_it_is_punctuated() {
        assert!(mentions("call 206-555-0100 today", "(206) 555-0100", true));
        assert!(mentions("call 1 (206) 555.0100.", "206-555-0100", true));
        assert!(!mentions("call 206-555-0101", "(206) 555-0100", true));
    }

    #[test]
    fn a_number_spelled_in_letters_is_the_same_number() {
        assert!(mentions("call 1-800-843-5678", "1-800-THE-LOST", true));
        assert!(mentions("call 1-800-THE-LOST now.", "1-800-843-5678", true));
        assert!(mentions(
            "Call 1-800-799-SAFE (7233).",
            "1-800-799-7233",
            true
        ));
        assert!(!mentions("call 1-800-THE-LOSE", "1-800-843-5678", true));
    }

    #[test]
    fn other_kinds_must_match_exactly() {
        assert!(mentions(
            "see www.example.org/chat.",
            "www.example.org/chat",
            false
        ));
        assert!(!mentions("see 2065550100", "206-555-0100", false));
    }

    #[test]
    fn two_numbers_in_one_sentence_are_told_apart() {
        assert!(mentions("call 555-0100 or 555-0190", "555-0190", true));
        assert!(!mentions("call 555-0100 or 555-0190", "555-0199", true));
    }
}
