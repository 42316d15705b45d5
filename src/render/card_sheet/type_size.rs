//! The card sheet's type size: as large as the card's grid of characters allows inside
//! an ID-1 card, and never below 7 pt, the smallest that a wallet card is read at.
//!
//! The size is worked out here, not in `sheet.typ`, so that a card too wide or too tall
//! for 7 pt is refused with a message that says what does print, before anything is
//! compiled (and `check` can refuse it too).

use serde::Serialize;
use typst::layout::Abs;
use typst::text::{FontVariant, FontVariations};

use crate::diag::Diagnostic;
use crate::typst::fonts::FontSet;

/// The smallest type the sheet prints, in points.
pub(super) const MIN_PT: f64 = 7.0;

const POINTS_PER_MM: f64 = 72.0 / 25.4;

/// Where a card's text goes, in millimetres: an ID-1 card (85.6 × 54 mm, the size of a
/// bank card) and the margin text keeps inside its cut.
// Each length says its unit, as the sheet template reads it.
#[allow(clippy::struct_field_names)]
#[derive(Debug, Clone, Copy, Serialize)]
pub(super) struct CardBox {
    /// Width of the card.
    pub width_mm: f64,
    /// Height of the card.
    pub height_mm: f64,
    /// How far inside the cut text stays, so that a cut a little off never touches it.
    pub safe_mm: f64,
}

/// The card of the sheet.
pub(super) const ID_1: CardBox = CardBox {
    width_mm: 85.6,
    height_mm: 54.0,
    safe_mm: 3.0,
};

/// The advance, ascender and descender (below the baseline, negative) of `face`, in ems.
pub(super) fn face_metrics(face: &str) -> (f64, f64, f64) {
    let fonts = FontSet::get();
    let font = fonts
        .book()
        .select(&face.to_lowercase(), FontVariant::default())
        .and_then(|index| fonts.font(index))
        .expect("the card sheet's monospace faces are embedded")
        .instantiate(
            FontVariant::default(),
            Abs::pt(10.0),
            &FontVariations::default(),
        );
    let glyph = font.ttf().glyph_index('M').expect("the face has an M");
    let advance = font.x_advance(glyph.0).expect("M has an advance").get();
    let metrics = font.metrics();
    (advance, metrics.ascender.get(), metrics.descender.get())
}

/// The type size in points for cards `columns` characters wide whose tallest is `lines`
/// lines, or why they cannot print at [`MIN_PT`] or more.
pub(super) fn type_size(
    card: CardBox,
    columns: usize,
    lines: usize,
    face: &str,
) -> Result<f64, Vec<Diagnostic>> {
    let (advance, ascender, descender) = face_metrics(face);
    let line_height = ascender - descender;
    let across = (card.width_mm - 2.0 * card.safe_mm) * POINTS_PER_MM / advance;
    let down = (card.height_mm - 2.0 * card.safe_mm) * POINTS_PER_MM / line_height;
    let by_width = across / columns.max(1) as f64;
    let by_height = down / lines.max(1) as f64;
    let mut problems = Vec::new();
    if by_width < MIN_PT {
        problems.push(too_small(
            by_width,
            &format!("cards {columns} columns wide"),
            &format!(
                "the widest card that prints at {MIN_PT} pt is {} columns: use --card-width {0} or less (or cards.width)",
                (across / MIN_PT).floor()
            ),
        ));
    }
    if by_height < MIN_PT {
        problems.push(too_small(
            by_height,
            &format!("a card {lines} lines tall"),
            &format!(
                "the tallest card that prints at {MIN_PT} pt has {} lines: use --card-height {0} or less (or cards.height)",
                (down / MIN_PT).floor()
            ),
        ));
    }
    if problems.is_empty() {
        Ok(by_width.min(by_height))
    } else {
        Err(problems)
    }
}

fn too_small(size: f64, what: &str, hint: &str) -> Diagnostic {
    // Rounded down, so that a size just under the minimum never reads as the minimum.
    let shown = (size * 10.0).floor() / 10.0;
    Diagnostic::bare(format!(
        "the card sheet cannot print {what}: the text would be {shown:.1} pt, and a wallet card needs at least {MIN_PT} pt to be read"
    ))
    .with_hint(hint.to_owned())
    .with_hint("the plain-text cards are not affected: `--format cards` builds them without the sheet")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_cards_print_above_the_minimum() {
        let size = type_size(ID_1, 40, 14, crate::typst::families::MONO).unwrap();
        assert!((8.0..9.5).contains(&size), "{size}");
    }

    #[test]
    fn the_widest_card_at_the_minimum_prints_and_one_more_column_does_not() {
        let problems = type_size(ID_1, 80, 14, crate::typst::families::MONO).unwrap_err();
        let hint = &problems[0].hints[0];
        let widest: usize = hint
            .split(" is ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .expect("a number of columns");
        assert!(type_size(ID_1, widest, 14, crate::typst::families::MONO).unwrap() >= MIN_PT);
        assert!(type_size(ID_1, widest + 1, 14, crate::typst::families::MONO).is_err());
    }
}
