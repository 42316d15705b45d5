//! Confidential contacts on wallet cards: a public card may not name one.

use super::Checker;
use crate::source::raw::Text;

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
