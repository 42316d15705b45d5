//! The BleedBox of a pamphlet printed with bleed.
//!
//! The pamphlet is compiled with Typst's page bleed set to the bleed plus a mark area
//! beyond it (the slug, where the crop marks sit, so bleed artwork never covers them and
//! the cut takes them away). Typst 0.15 then writes a MediaBox of trim + bleed + marks
//! and a TrimBox for the cut, but no BleedBox, so a print shop's preflight does not
//! know how far the printed area reaches. This adds one to every page that has a
//! TrimBox: the trim grown by the bleed. Rewriting the file with lopdf keeps every
//! object as Typst wrote it and orders them by number, so the same PDF in gives the
//! same bytes out.

use lopdf::{Document, Object};

use crate::config::Paper;
use crate::diag::Diagnostic;

/// The room for crop marks beyond the bleed, in points: ¼ in on letter, 6 mm on A4.
pub(super) fn mark_area_pt(paper: Paper) -> f64 {
    match paper {
        Paper::UsLetter => 18.0,
        Paper::A4 => 6.0 * 72.0 / 25.4,
    }
}

/// `pdf` with a BleedBox, the TrimBox grown by `bleed_pt`, on every page that has a TrimBox.
pub(super) fn add_bleed_boxes(pdf: &[u8], bleed_pt: f64) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let failed = |e: &dyn std::fmt::Display| {
        vec![Diagnostic::bare(format!(
            "cannot add the bleed box to the pamphlet ({e})"
        ))]
    };
    let mut doc = Document::load_mem(pdf).map_err(|e| failed(&e))?;
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    for id in pages {
        let page = doc.get_dictionary_mut(id).map_err(|e| failed(&e))?;
        if !page.has(b"TrimBox") || page.has(b"BleedBox") {
            continue;
        }
        // Typst writes each page's boxes on the page itself, as arrays of numbers.
        let rect = |key: &[u8]| -> Option<Vec<f32>> {
            let Ok(Object::Array(values)) = page.get(key) else {
                return None;
            };
            values.iter().map(|v| v.as_float().ok()).collect()
        };
        let (Some(media), Some(trim)) = (rect(b"MediaBox"), rect(b"TrimBox")) else {
            return Err(failed(&"a page has no MediaBox or TrimBox of its own"));
        };
        if media.len() != 4 || trim.len() != 4 {
            return Err(failed(&"a page box is not four numbers"));
        }
        // An older template may leave no room beyond the bleed: never reach off the page.
        let bleed = bleed_pt as f32;
        let bleed_box = [
            (trim[0] - bleed).max(media[0]),
            (trim[1] - bleed).max(media[1]),
            (trim[2] + bleed).min(media[2]),
            (trim[3] + bleed).min(media[3]),
        ];
        page.set(
            "BleedBox",
            Object::Array(bleed_box.into_iter().map(Object::Real).collect()),
        );
    }
    let mut bytes = Vec::with_capacity(pdf.len() + 256);
    doc.save_to(&mut bytes).map_err(|e| failed(&e))?;
    Ok(bytes)
}
