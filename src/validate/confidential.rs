//! Confidential contacts on wallet cards: a public card may not name one.

use std::collections::HashSet;

use toml::Spanned;

use super::Checker;
use crate::source::raw::{EditionTable, Text};

/// Which cards are only in confidential editions: no public `[[edition]]` lists them in
/// its `cards`, and a confidential one does, or takes the default cards (those whose
/// contacts all remain, which in a public edition a card with a confidential contact
/// never is). Only these may name a confidential contact; the public guide and every
/// public edition leave them out.
pub(super) struct StaffCards {
    public_named: HashSet<String>,
    staff_named: HashSet<String>,
    staff_default: bool,
}

impl StaffCards {
    /// Reads the editions' `confidential` and `cards` as written.
    pub(super) fn of(editions: &[Spanned<EditionTable>]) -> Self {
        let confidential = |e: &EditionTable| e.confidential.as_ref().is_some_and(|c| *c.get_ref());
        let named = |staff: bool| -> HashSet<String> {
            editions
                .iter()
                .map(Spanned::get_ref)
                .filter(|e| confidential(e) == staff)
                .filter_map(|e| e.cards.as_ref())
                .flat_map(|cards| cards.get_ref().iter().map(|id| id.get_ref().clone()))
                .collect()
        };
        Self {
            public_named: named(false),
            staff_named: named(true),
            staff_default: editions
                .iter()
                .map(Spanned::get_ref)
                .any(|e| confidential(e) && e.cards.is_none()),
        }
    }

    /// Whether the card with this id is only in confidential editions.
    pub(super) fn contains(&self, card: &str) -> bool {
        !self.public_named.contains(card) && (self.staff_default || self.staff_named.contains(card))
    }
}

impl Checker<'_> {
    /// A public card names a confidential contact: an error at the reference, which is
    /// the only place it can be fixed (the value is never printed).
    pub(super) fn public_card_names_confidential(&mut self, reference: &Text) {
        let wanted = reference.get_ref().as_str();
        let diagnostic = self.error(
            reference.span(),
            format!("`{wanted}` is confidential, and this card is public"),
        );
        diagnostic.hints.push(
            "a confidential contact is shown only by editions with `confidential = true`; \
             remove it from this card"
                .into(),
        );
        diagnostic
            .hints
            .push("or list this card only in the `cards` of confidential editions".into());
    }
}
