//! The contacts worth having at a glance, first on the page: the rule of the tri-fold's
//! inside flap (`glance-contacts` in `templates/pamphlet/trifold.typ`), so the page and
//! the pamphlet put the same numbers first.

use crate::model::{CardContact, Guide};

/// The contacts of the wallet cards, each once, in card order; a guide without cards
/// gives each organization's first contact.
pub(super) fn contacts(guide: &Guide) -> Vec<CardContact> {
    if guide.cards.is_empty() {
        return guide
            .organizations
            .iter()
            .filter_map(|org| {
                let contact = org.contacts.first()?;
                Some(CardContact {
                    reference: format!("{}.{}", org.id, contact.id),
                    organization: org.short_name.clone().unwrap_or_else(|| org.name.clone()),
                    contact: contact.clone(),
                })
            })
            .collect();
    }
    let mut picked: Vec<CardContact> = Vec::new();
    for contact in guide.cards.iter().flat_map(|card| &card.contacts) {
        if !picked.iter().any(|p| p.reference == contact.reference) {
            picked.push(contact.clone());
        }
    }
    picked
}
