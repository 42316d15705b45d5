//! Laying the pages of one PDF over those of another: the page footers of a pamphlet laid
//! out in parts over its joined pages.
//!
//! Each page of the overlay becomes a form XObject drawn at the end of the page below it,
//! inside an artifact, so the tag tree of the pages below is untouched. The two documents
//! must have the same number of pages, of the same size.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// The form XObject's name in each page's resources.
const FORM_NAME: &[u8] = b"GpOverlay";

/// `base` with page N of `overlay` drawn over its page N.
pub(super) fn overlay_pages(base: &[u8], overlay: &[u8]) -> Result<Vec<u8>, String> {
    let mut base = Document::load_mem(base).map_err(|e| format!("cannot read the pages: {e}"))?;
    let mut overlay =
        Document::load_mem(overlay).map_err(|e| format!("cannot read the overlay: {e}"))?;
    overlay.renumber_objects_with(base.max_id + 1);
    // New objects of `base` are numbered after the overlay's, which are copied in.
    base.max_id = base.max_id.max(overlay.max_id);
    let below: Vec<ObjectId> = base.get_pages().into_values().collect();
    let above: Vec<ObjectId> = overlay.get_pages().into_values().collect();
    if below.len() != above.len() {
        return Err(format!("{} pages to lay {} over", below.len(), above.len()));
    }
    let mut copied = BTreeSet::new();
    for (&page, &over) in below.iter().zip(&above) {
        let form = form_of(&overlay, over)?;
        copy_reachable(&overlay, &form, &mut base, &mut copied);
        let form = base.add_object(form);
        draw_over(&mut base, page, form)?;
    }
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

/// Draws form `form` over page `page`, after its own content, which is wrapped in `q … Q`
/// so that the form starts from the page's own coordinates.
fn draw_over(base: &mut Document, page: ObjectId, form: ObjectId) -> Result<(), String> {
    let dict = base
        .get_dictionary(page)
        .map_err(|e| format!("a page cannot be read: {e}"))?;
    let mut resources = match dict.get(b"Resources") {
        Ok(object) => resolved(base, object)
            .as_dict()
            .map_err(|_| "a page's resources are not a dictionary".to_owned())?
            .clone(),
        Err(_) => Dictionary::new(),
    };
    let mut forms = match resources.get(b"XObject") {
        Ok(object) => resolved(base, object)
            .as_dict()
            .map_err(|_| "a page's XObjects are not a dictionary".to_owned())?
            .clone(),
        Err(_) => Dictionary::new(),
    };
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

/// `object` itself, or the object it refers to (a missing one as null).
fn resolved<'a>(document: &'a Document, object: &'a Object) -> &'a Object {
    document
        .dereference(object)
        .map_or(&Object::Null, |(_, object)| object)
}

/// Copies into `base` every object of `from` that `object` refers to, directly or not,
/// and not yet copied.
fn copy_reachable(
    from: &Document,
    object: &Object,
    base: &mut Document,
    copied: &mut BTreeSet<ObjectId>,
) {
    let mut pending = Vec::new();
    references(object, &mut pending);
    while let Some(id) = pending.pop() {
        if !copied.insert(id) {
            continue;
        }
        if let Ok(found) = from.get_object(id) {
            references(found, &mut pending);
            base.objects.insert(id, found.clone());
        }
    }
}

/// Pushes every reference inside `object` onto `found`.
fn references(object: &Object, found: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => found.push(*id),
        Object::Array(items) => items.iter().for_each(|item| references(item, found)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, value)| references(value, found)),
        Object::Stream(stream) => stream
            .dict
            .iter()
            .for_each(|(_, value)| references(value, found)),
        _ => {}
    }
}
