//! The bookmarks: each later part's top-level bookmarks chained after the earlier ones,
//! under one outline root. Their destinations name pages directly, and the pages keep
//! their objects, so they still point at the right page.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::trees::{int_at, reference_at};

/// Chains the bookmarks of the part whose catalog is `part_catalog` after those so far.
pub(super) fn append(doc: &mut Document, catalog: ObjectId, part_catalog: ObjectId) {
    let Some(part_root) = doc
        .get_dictionary(part_catalog)
        .ok()
        .and_then(|c| reference_at(c, b"Outlines"))
    else {
        return;
    };
    let ends = doc
        .get_dictionary(part_root)
        .ok()
        .and_then(|root| Some((reference_at(root, b"First")?, reference_at(root, b"Last")?)));
    doc.objects.remove(&part_root);
    let Some((first, last)) = ends else {
        return;
    };
    let existing = doc
        .get_dictionary(catalog)
        .ok()
        .and_then(|c| reference_at(c, b"Outlines"));
    let root = existing.unwrap_or_else(|| {
        let mut root = Dictionary::new();
        root.set("Type", Object::Name(b"Outlines".to_vec()));
        let root = doc.add_object(root);
        if let Ok(catalog) = doc.get_dictionary_mut(catalog) {
            catalog.set("Outlines", root);
        }
        root
    });
    let mut seen = HashSet::new();
    let mut item = Some(first);
    while let Some(id) = item
        && seen.insert(id)
    {
        let Ok(dict) = doc.get_dictionary_mut(id) else {
            break;
        };
        dict.set("Parent", root);
        item = if id == last {
            None
        } else {
            reference_at(dict, b"Next")
        };
    }
    let previous_last = doc
        .get_dictionary(root)
        .ok()
        .and_then(|r| reference_at(r, b"Last"));
    match previous_last {
        Some(previous) => {
            if let Ok(previous) = doc.get_dictionary_mut(previous) {
                previous.set("Next", first);
            }
            if let Ok(first) = doc.get_dictionary_mut(first) {
                first.set("Prev", previous);
            }
        }
        None => {
            if let Ok(root) = doc.get_dictionary_mut(root) {
                root.set("First", first);
            }
        }
    }
    if let Ok(root) = doc.get_dictionary_mut(root) {
        root.set("Last", last);
    }
}

/// Sets the outline root's count: how many bookmarks a reader shows before any is opened.
pub(super) fn finish(doc: &mut Document, catalog: ObjectId) {
    let Some(root) = doc
        .get_dictionary(catalog)
        .ok()
        .and_then(|c| reference_at(c, b"Outlines"))
    else {
        return;
    };
    let visible = visible_below(doc, root, &mut HashSet::new());
    if let Ok(root) = doc.get_dictionary_mut(root) {
        if visible > 0 {
            root.set("Count", visible);
        } else {
            root.remove(b"Count");
        }
    }
}

/// How many bookmarks under `node` show when `node` is open: its kids, and the kids of
/// those that are open themselves.
pub(in crate::render::pdf) fn visible_below(
    doc: &Document,
    node: ObjectId,
    seen: &mut HashSet<ObjectId>,
) -> i64 {
    let mut count = 0;
    let mut item = doc
        .get_dictionary(node)
        .ok()
        .and_then(|n| reference_at(n, b"First"));
    while let Some(id) = item
        && seen.insert(id)
    {
        let Ok(dict) = doc.get_dictionary(id) else {
            break;
        };
        count += 1;
        if int_at(doc, dict, b"Count").is_some_and(|c| c > 0) {
            count += visible_below(doc, id, seen);
        }
        item = reference_at(dict, b"Next");
    }
    count
}
