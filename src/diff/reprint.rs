//! Which printed things a set of changes makes out of date.
//!
//! Each printed format declares what it shows ([`crate::render::reprint::Reprint`]): the
//! whole book (the pamphlet, the EPUB), settings it follows, and the wallet cards. What
//! the book does not show is listed here. A wallet card shows its title, its note, its
//! contacts (organization, kind, label, value, hours), the guide's title and emergency
//! line, and is laid out to the card size; only those make a card out of date. A format
//! that holds every card (the card sheet) follows any card.

use super::changes::{
    CardReprint, FieldChange, FormatReprint, GuideDiff, Reprint, Reprinted, Status,
};
use super::pairing::{ids, pair};
use crate::model::{Card, CardContact, Guide};
use crate::render::Format;
use crate::render::reprint::{CardsShown, Reprint as Shown};

/// `[guide]` keys and orders that no output shows.
const UNSHOWN_GUIDE_FIELDS: [&str; 1] = ["review_every_days"];
/// `[guide]` keys that a format printing the cards together shows as well: the latest
/// version's address and QR code on the card backs.
const CARD_BACK_GUIDE_FIELDS: [&str; 1] = ["web_url"];
/// Organization keys that no output shows (tags only select what goes into an edition).
const UNSHOWN_ORGANIZATION_FIELDS: [&str; 1] = ["tags"];

/// Decides what of `formats` must be printed again, given the changes found between
/// `old` and `new`.
pub(super) fn reprint(diff: &GuideDiff, old: &Guide, new: &Guide, formats: &[Format]) -> Reprint {
    let book = shown_in_book(diff);
    let printed: Vec<Shown> = formats
        .iter()
        .filter_map(|format| format.renderer().reprint())
        .collect();
    let follows = |shown: &Shown| {
        diff.settings
            .iter()
            .any(|c| shown.follows_setting(&c.field))
    };
    // The cards change alike wherever they are printed; their size is a setting of the
    // format that prints them one by one.
    let card_size = printed
        .iter()
        .filter(|shown| shown.cards == CardsShown::Each)
        .any(follows);
    let cards = cards(diff, old, new, card_size);
    let card_backs = diff
        .guide
        .iter()
        .any(|c| CARD_BACK_GUIDE_FIELDS.contains(&c.field.as_str()));
    let formats = printed
        .iter()
        .map(|shown| FormatReprint {
            key: shown.key,
            label: shown.label,
            reprint: match shown.cards {
                CardsShown::Each => Reprinted::Cards(cards.clone()),
                CardsShown::All => Reprinted::Whole(
                    (shown.book && book) || follows(shown) || !cards.is_empty() || card_backs,
                ),
                CardsShown::None => Reprinted::Whole((shown.book && book) || follows(shown)),
            },
        })
        .collect();
    Reprint { formats }
}

/// Whether anything the pamphlet and the EPUB both show has changed.
fn shown_in_book(diff: &GuideDiff) -> bool {
    let shown = |changes: &[FieldChange], unshown: &[&str]| {
        changes.iter().any(|c| !unshown.contains(&c.field.as_str()))
    };
    shown(&diff.guide, &UNSHOWN_GUIDE_FIELDS)
        || !diff.sections.is_empty()
        || diff.organizations.iter().any(|org| {
            org.status != Status::Changed
                || shown(&org.changes, &UNSHOWN_ORGANIZATION_FIELDS)
                || org
                    .contacts
                    .iter()
                    .any(|c| c.status != Status::Changed || !c.changes.is_empty())
        })
}

fn cards(diff: &GuideDiff, old: &Guide, new: &Guide, card_size: bool) -> Vec<CardReprint> {
    let every_card = every_card_reasons(diff, card_size);
    let pairing = pair(
        &ids(&old.cards, |c| &c.id),
        &ids(&new.cards, |c| &c.id),
        |_, _| false,
    );
    pairing
        .pairs
        .iter()
        .filter_map(|pair| match *pair {
            (None, Some(j)) => Some(card(&new.cards[j], Status::Added, vec!["new card".into()])),
            (Some(i), None) => {
                let reason = "no longer in the guide, withdraw printed copies".into();
                Some(card(&old.cards[i], Status::Removed, vec![reason]))
            }
            (Some(i), Some(j)) => {
                let mut reasons = card_reasons(&old.cards[i], &new.cards[j]);
                reasons.extend(every_card.iter().cloned());
                (!reasons.is_empty()).then(|| card(&new.cards[j], Status::Changed, reasons))
            }
            (None, None) => None,
        })
        .collect()
}

fn card(card: &Card, status: Status, reasons: Vec<String>) -> CardReprint {
    CardReprint {
        id: card.id.clone(),
        title: card.title.clone(),
        status,
        reasons,
    }
}

/// Changes that every card shows.
fn every_card_reasons(diff: &GuideDiff, card_size: bool) -> Vec<String> {
    let guide = |field: &str| diff.guide.iter().any(|c| c.field == field);
    let mut reasons = Vec::new();
    if guide("title") {
        reasons.push("the guide's title changed".to_owned());
    }
    if guide("emergency") {
        reasons.push("the emergency line changed".to_owned());
    }
    if card_size {
        reasons.push("the card size changed".to_owned());
    }
    reasons
}

fn card_reasons(old: &Card, new: &Card) -> Vec<String> {
    let mut reasons = Vec::new();
    if old.title != new.title {
        reasons.push("title changed".to_owned());
    }
    reasons.extend(card_contact_reasons(old, new));
    if old.note != new.note {
        reasons.push("note changed".to_owned());
    }
    reasons
}

/// Judged by what the card prints, so a contact that only got a new id changes nothing.
fn card_contact_reasons(old: &Card, new: &Card) -> Vec<String> {
    if old
        .contacts
        .iter()
        .map(printed_contact)
        .eq(new.contacts.iter().map(printed_contact))
    {
        return Vec::new();
    }
    let (mut old_refs, mut new_refs) = (
        ids(&old.contacts, |c| &c.reference),
        ids(&new.contacts, |c| &c.reference),
    );
    let mut reasons = Vec::new();
    if old_refs != new_refs {
        old_refs.sort_unstable();
        new_refs.sort_unstable();
        let same_set = old_refs == new_refs;
        reasons.push(
            if same_set {
                "contact order changed"
            } else {
                "contacts changed"
            }
            .into(),
        );
    }
    for contact in &new.contacts {
        let before = old
            .contacts
            .iter()
            .find(|c| c.reference == contact.reference);
        let changed = before
            .map(|before| shown_changes(before, contact))
            .unwrap_or_default();
        if !changed.is_empty() {
            reasons.push(format!(
                "contact {} changed ({})",
                contact.reference,
                changed.join(", ")
            ));
        }
    }
    reasons
}

/// What a card prints of one contact.
fn printed_contact(c: &CardContact) -> (&str, &str, &str, &str, Option<&str>) {
    let contact = &c.contact;
    (
        &c.organization,
        contact.kind.as_str(),
        &contact.label,
        &contact.value,
        contact.hours.as_deref(),
    )
}

/// What differs, of what a card prints of one contact.
fn shown_changes(old: &CardContact, new: &CardContact) -> Vec<&'static str> {
    let (a, b) = (&old.contact, &new.contact);
    [
        ("organization name", old.organization != new.organization),
        ("kind", a.kind != b.kind),
        ("label", a.label != b.label),
        ("value", a.value != b.value),
        ("hours", a.hours != b.hours),
    ]
    .into_iter()
    .filter_map(|(name, differs)| differs.then_some(name))
    .collect()
}
