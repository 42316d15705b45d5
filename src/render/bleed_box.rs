//! The BleedBox of a pamphlet printed with bleed.
//!
//! Typst 0.15 gives a page with bleed a MediaBox that takes in the bleed and a TrimBox
//! for the cut, but no BleedBox, so a print shop's preflight does not know how far the
//! printed area reaches. This adds one to every page that has a TrimBox: the whole
//! MediaBox, which is exactly the trim plus the bleed. Rewriting the file with lopdf
//! keeps every object as Typst wrote it and orders them by number, so the same PDF in
//! gives the same bytes out.

use lopdf::{Document, Object};

use crate::diag::Diagnostic;

/// `pdf` with a BleedBox equal to the MediaBox on every page that has a TrimBox.
pub fn add_bleed_boxes(pdf: &[u8]) -> Result<Vec<u8>, Vec<Diagnostic>> {
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
        // Typst writes each page's MediaBox on the page itself, as an array.
        let Ok(Object::Array(media)) = page.get(b"MediaBox") else {
            return Err(failed(&"a page has no MediaBox of its own"));
        };
        page.set("BleedBox", Object::Array(media.clone()));
    }
    let mut bytes = Vec::with_capacity(pdf.len() + 256);
    doc.save_to(&mut bytes).map_err(|e| failed(&e))?;
    Ok(bytes)
}
