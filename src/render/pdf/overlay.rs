//! Laying the pages of one PDF over those of another: the page footers of a pamphlet laid
//! out in parts over its joined pages.
//!
//! Each page of the overlay becomes a form XObject drawn at the end of the page below it,
//! inside an artifact, so the tag tree of the pages below is untouched. The two documents
//! must have the same number of pages, of the same size.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::join::objects::{keep_only_referenced, move_into};
use super::join::trees::resolve as resolved;

/// The form XObject's name in each page's resources.
const FORM_NAME: &[u8] = b"GpOverlay";

/// `base` with page N of `overlay` drawn over its page N.
pub(super) fn overlay_pages(base: &[u8], overlay: &[u8]) -> Result<Vec<u8>, String> {
    let mut base = Document::load_mem(base).map_err(|e| format!("cannot read the pages: {e}"))?;
    let overlay =
        Document::load_mem(overlay).map_err(|e| format!("cannot read the overlay: {e}"))?;
    let below: Vec<ObjectId> = base.get_pages().into_values().collect();
    let above: Vec<ObjectId> = overlay.get_pages().into_values().collect();
    if below.len() != above.len() {
        return Err(format!("{} pages to lay {} over", below.len(), above.len()));
    }
    // The overlay's objects move in whole; what no form needs (its page tree, catalog and
    // tag tree) goes before the document is written.
    let moved = move_into(&mut base, overlay);
    for (&page, &over) in below.iter().zip(&above) {
        let form = form_of(&base, moved.shifted(over))?;
        let form = base.add_object(form);
        draw_over(&mut base, page, form)?;
    }
    keep_only_referenced(&mut base);
    let mut bytes = Vec::new();
    base.save_to(&mut bytes)
        .map_err(|e| format!("cannot write the PDF: {e}"))?;
    Ok(bytes)
}

/// Page `page` of `document` as a form XObject: its content, resources and media box.
fn form_of(document: &Document, page: ObjectId) -> Result<Object, String> {
    let dict = document
        .get_dictionary(page)
        .map_err(|e| format!("an overlay page cannot be read: {e}"))?;
    let content = document
        .get_page_content(page)
        .map_err(|e| format!("an overlay page's content cannot be read: {e}"))?;
    let resources = match dict.get(b"Resources") {
        Ok(object) => resolved(document, object).clone(),
        Err(_) => Object::Dictionary(Dictionary::new()),
    };
    let media_box = dict
        .get(b"MediaBox")
        .map(|object| resolved(document, object).clone())
        .map_err(|_| "an overlay page has no media box".to_owned())?;
    let mut form = Dictionary::new();
    form.set("Type", Object::Name(b"XObject".to_vec()));
    form.set("Subtype", Object::Name(b"Form".to_vec()));
    form.set("BBox", media_box);
    form.set("Resources", resources);
    let mut stream = Stream::new(form, content);
    stream
        .compress()
        .map_err(|e| format!("cannot compress an overlay page: {e}"))?;
    Ok(Object::Stream(stream))
}

/// A copy of the dictionary at `key` of `dict` (followed when it is a reference), or an
/// empty one when there is none; `what` names it in the error.
fn dictionary_at(
    base: &Document,
    dict: &Dictionary,
    key: &[u8],
    what: &str,
) -> Result<Dictionary, String> {
    match dict.get(key) {
        Ok(object) => Ok(resolved(base, object)
            .as_dict()
            .map_err(|_| format!("a page's {what} are not a dictionary"))?
            .clone()),
        Err(_) => Ok(Dictionary::new()),
    }
}

/// Draws form `form` over page `page`, after its own content, which is wrapped in `q … Q`
/// so that the form starts from the page's own coordinates.
fn draw_over(base: &mut Document, page: ObjectId, form: ObjectId) -> Result<(), String> {
    let dict = base
        .get_dictionary(page)
        .map_err(|e| format!("a page cannot be read: {e}"))?;
    let mut resources = dictionary_at(base, dict, b"Resources", "resources")?;
    let mut forms = dictionary_at(base, &resources, b"XObject", "XObjects")?;
    forms.set(FORM_NAME, Object::Reference(form));
    resources.set("XObject", Object::Dictionary(forms));
    let mut contents: Vec<Object> = base
        .get_page_contents(page)
        .into_iter()
        .map(Object::Reference)
        .collect();
    let before = base.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let draw = format!(
        "\nQ\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nq\n/{} Do\nQ\nEMC\n",
        String::from_utf8_lossy(FORM_NAME)
    );
    let after = base.add_object(Stream::new(Dictionary::new(), draw.into_bytes()));
    contents.insert(0, Object::Reference(before));
    contents.push(Object::Reference(after));
    let dict = base
        .get_dictionary_mut(page)
        .map_err(|e| format!("a page cannot be changed: {e}"))?;
    dict.set("Resources", Object::Dictionary(resources));
    dict.set("Contents", Object::Array(contents));
    Ok(())
}
