//! Reading a PDF back for `verify`: its text as a reader copies it, and its phone links.

use lopdf::{Document, Object};

use crate::model::phone::link_dial;
use crate::render::shown::{Link, is_web};

/// The text of a PDF, one line per baseline (see [`super::text`]).
pub fn read_text(bytes: &[u8]) -> Result<String, String> {
    // The CMap parser panics on some malformed input; a damaged artifact is a finding to
    // report, not a reason to crash with a backtrace.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| super::text::pdf_text(bytes));
    std::panic::set_hook(previous);
    result.unwrap_or_else(|_| Err("its fonts' character maps cannot be read".into()))
}

/// The `tel:`/`sms:` and web links of a PDF's link annotations; their text is not read
/// (it is wherever the annotation's rectangle is).
pub(super) fn links(bytes: &[u8]) -> Result<Vec<Link>, String> {
    let document = Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let mut links = Vec::new();
    for (_, page) in document.get_pages() {
        let Ok(page) = document.get_dictionary(page) else {
            continue;
        };
        let Some(Object::Array(annotations)) = page
            .get(b"Annots")
            .ok()
            .and_then(|a| document.dereference(a).ok())
            .map(|(_, object)| object)
        else {
            continue;
        };
        for annotation in annotations {
            let uri = document
                .dereference(annotation)
                .ok()
                .and_then(|(_, a)| a.as_dict().ok())
                .and_then(|a| a.get(b"A").ok())
                .and_then(|action| document.dereference(action).ok())
                .and_then(|(_, action)| action.as_dict().ok())
                .and_then(|action| action.get(b"URI").ok())
                .and_then(|uri| uri.as_str().ok());
            if let Some(href) = uri.map(|u| String::from_utf8_lossy(u).into_owned())
                && (link_dial(&href).is_some() || is_web(&href))
            {
                links.push(Link { href, text: None });
            }
        }
    }
    Ok(links)
}
