//! PDF number trees and name trees (the parent tree, page labels, named destinations):
//! read flat, and written back balanced, plus the small look-ups both the join and the
//! tag check need.

use lopdf::{Dictionary, Document, Object, ObjectId};

/// How many entries (or kids) one tree node holds when a tree is written.
const FANOUT: usize = 256;

/// Trees deeper than this are taken as a loop in a damaged file.
const MAX_DEPTH: usize = 32;

/// `object`, or the object it refers to.
pub(in crate::render::pdf) fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map_or(object, |(_, object)| object)
}

/// The dictionary `object` is or refers to.
pub(in crate::render::pdf) fn dict<'a>(
    doc: &'a Document,
    object: &'a Object,
) -> Option<&'a Dictionary> {
    resolve(doc, object).as_dict().ok()
}

/// The dictionary `key` of `dictionary` is or refers to.
pub(in crate::render::pdf) fn dict_at<'a>(
    doc: &'a Document,
    dictionary: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Dictionary> {
    dict(doc, dictionary.get(key).ok()?)
}

/// The integer `key` of `dictionary` holds (directly or by reference).
pub(in crate::render::pdf) fn int_at(
    doc: &Document,
    dictionary: &Dictionary,
    key: &[u8],
) -> Option<i64> {
    resolve(doc, dictionary.get(key).ok()?).as_i64().ok()
}

/// The object `key` of `dictionary` refers to, when it is a reference.
pub(in crate::render::pdf) fn reference_at(
    dictionary: &Dictionary,
    key: &[u8],
) -> Option<ObjectId> {
    dictionary.get(key).ok()?.as_reference().ok()
}

/// `object` as a list: an array's items, nothing for null, else the object alone.
pub(in crate::render::pdf) fn items<'a>(doc: &'a Document, object: &'a Object) -> Vec<&'a Object> {
    match resolve(doc, object) {
        Object::Array(items) => items.iter().collect(),
        Object::Null => Vec::new(),
        _ => vec![object],
    }
}

/// The entries of the number tree at `root`, in the order the tree keeps them.
pub(in crate::render::pdf) fn number_tree(
    doc: &Document,
    root: &Object,
) -> Result<Vec<(i64, Object)>, String> {
    let mut entries = Vec::new();
    collect(doc, root, b"Nums", 0, &mut |key, value| {
        let key = key
            .as_i64()
            .map_err(|_| "a number tree has a key that is not a number".to_owned())?;
        entries.push((key, value.clone()));
        Ok(())
    })?;
    Ok(entries)
}

/// The entries of the name tree at `root`, in the order the tree keeps them.
pub(in crate::render::pdf) fn name_tree(
    doc: &Document,
    root: &Object,
) -> Result<Vec<(Vec<u8>, Object)>, String> {
    let mut entries = Vec::new();
    collect(doc, root, b"Names", 0, &mut |key, value| {
        let key = key
            .as_str()
            .map_err(|_| "a name tree has a key that is not a string".to_owned())?;
        entries.push((key.to_vec(), value.clone()));
        Ok(())
    })?;
    Ok(entries)
}

fn collect(
    doc: &Document,
    node: &Object,
    leaf_key: &[u8],
    depth: usize,
    each: &mut dyn FnMut(&Object, &Object) -> Result<(), String>,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err("a number or name tree loops back on itself".into());
    }
    let node =
        dict(doc, node).ok_or("a number or name tree has a node that is not a dictionary")?;
    if let Ok(pairs) = node.get(leaf_key) {
        let pairs = resolve(doc, pairs)
            .as_array()
            .map_err(|_| "a number or name tree has entries that are not an array")?;
        if pairs.len() % 2 != 0 {
            return Err("a number or name tree has a key without a value".into());
        }
        for pair in pairs.chunks(2) {
            each(resolve(doc, &pair[0]), &pair[1])?;
        }
    }
    if let Ok(kids) = node.get(b"Kids") {
        for kid in items(doc, kids) {
            collect(doc, kid, leaf_key, depth + 1, each)?;
        }
    }
    Ok(())
}

/// A number tree of `entries` (sorted by key), its nodes added to `doc`; the root is
/// returned as a direct dictionary.
pub(super) fn write_number_tree(doc: &mut Document, entries: Vec<(i64, Object)>) -> Dictionary {
    write_tree(
        doc,
        &entries
            .into_iter()
            .map(|(key, value)| (Object::Integer(key), value))
            .collect::<Vec<_>>(),
        b"Nums",
    )
}

/// A name tree of `entries` (sorted by key), its nodes added to `doc`; the root is
/// returned as a direct dictionary.
pub(super) fn write_name_tree(doc: &mut Document, entries: Vec<(Vec<u8>, Object)>) -> Dictionary {
    write_tree(
        doc,
        &entries
            .into_iter()
            .map(|(key, value)| (Object::string_literal(key), value))
            .collect::<Vec<_>>(),
        b"Names",
    )
}

fn write_tree(doc: &mut Document, entries: &[(Object, Object)], leaf_key: &[u8]) -> Dictionary {
    let leaf = |pairs: &[(Object, Object)]| {
        let mut node = Dictionary::new();
        node.set(
            leaf_key.to_vec(),
            Object::Array(
                pairs
                    .iter()
                    .flat_map(|(k, v)| [k.clone(), v.clone()])
                    .collect(),
            ),
        );
        node
    };
    if entries.len() <= FANOUT {
        return leaf(entries);
    }
    // Each level: (node, its lowest key, its highest key).
    let mut level: Vec<(ObjectId, Object, Object)> = entries
        .chunks(FANOUT)
        .map(|pairs| {
            let (low, high) = (pairs[0].0.clone(), pairs[pairs.len() - 1].0.clone());
            let mut node = leaf(pairs);
            node.set("Limits", Object::Array(vec![low.clone(), high.clone()]));
            (doc.add_object(node), low, high)
        })
        .collect();
    loop {
        let kids = |nodes: &[(ObjectId, Object, Object)]| {
            let mut node = Dictionary::new();
            node.set(
                "Kids",
                Object::Array(
                    nodes
                        .iter()
                        .map(|(id, _, _)| Object::Reference(*id))
                        .collect(),
                ),
            );
            node
        };
        if level.len() <= FANOUT {
            return kids(&level);
        }
        level = level
            .chunks(FANOUT)
            .map(|nodes| {
                let (low, high) = (nodes[0].1.clone(), nodes[nodes.len() - 1].2.clone());
                let mut node = kids(nodes);
                node.set("Limits", Object::Array(vec![low.clone(), high.clone()]));
                (doc.add_object(node), low, high)
            })
            .collect();
    }
}
