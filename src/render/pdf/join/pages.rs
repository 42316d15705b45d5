//! The page tree and the page labels: the later parts' pages hung under the first part's
//! page tree root, their labels' page indices offset.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::trees::{number_tree, reference_at, write_number_tree};

/// What a page inherits from the page tree above it, when it does not say itself.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// The page tree of the joined document.
pub(super) struct Pages {
    root: ObjectId,
    /// The pages so far.
    count: i64,
    /// The page labels so far (page index → label dictionary), if any part has them.
    labels: Option<Vec<(i64, Object)>>,
}

impl Pages {
    /// The page tree of the first part.
    pub(super) fn of_first(doc: &mut Document, catalog: ObjectId) -> Result<Self, String> {
        let root = pages_root(doc, catalog, 1)?;
        push_down_inherited(doc, root);
        let count = i64::try_from(leaves(doc, root, 1)?.len()).expect("pages fit in i64");
        Ok(Self {
            root,
            count,
            labels: labels(doc, catalog)?,
        })
    }

    /// Hangs the pages of the part whose catalog is `part_catalog` after the pages so far;
    /// returns them in order.
    pub(super) fn append(
        &mut self,
        doc: &mut Document,
        part_catalog: ObjectId,
        number: usize,
    ) -> Result<Vec<ObjectId>, String> {
        let part_root = pages_root(doc, part_catalog, number)?;
        push_down_inherited(doc, part_root);
        let pages = leaves(doc, part_root, number)?;
        let kids = doc
            .get_dictionary(part_root)
            .ok()
            .and_then(|root| root.get(b"Kids").ok())
            .and_then(|kids| kids.as_array().ok())
            .cloned()
            .unwrap_or_default();
        for kid in &kids {
            if let Ok(id) = kid.as_reference()
                && let Ok(kid) = doc.get_dictionary_mut(id)
            {
                kid.set("Parent", Object::Reference(self.root));
            }
        }
        let root = doc
            .get_dictionary_mut(self.root)
            .map_err(|_| "the first part's page tree is not a dictionary".to_owned())?;
        match root.get_mut(b"Kids") {
            Ok(Object::Array(existing)) => existing.extend(kids),
            _ => root.set("Kids", Object::Array(kids)),
        }
        let offset = self.count;
        let part_labels = labels(doc, part_catalog)?;
        self.labels = match (self.labels.take(), part_labels) {
            (None, None) => None,
            (mine, theirs) => {
                // A part without labels shows each page's place in the file, as a reader does.
                let mut merged = mine.unwrap_or_else(|| vec![(0, decimal_from(1))]);
                match theirs {
                    Some(theirs) => merged.extend(theirs.into_iter().map(|(k, v)| (k + offset, v))),
                    None => merged.push((offset, decimal_from(offset + 1))),
                }
                Some(merged)
            }
        };
        self.count += i64::try_from(pages.len()).expect("pages fit in i64");
        doc.objects.remove(&part_root);
        Ok(pages)
    }

    /// Writes the page count and the page labels; returns the page count.
    pub(super) fn finish(self, doc: &mut Document, catalog: ObjectId) -> i64 {
        if let Ok(root) = doc.get_dictionary_mut(self.root) {
            root.set("Count", self.count);
        }
        if let Some(labels) = self.labels {
            let tree = write_number_tree(doc, labels);
            if let Ok(catalog) = doc.get_dictionary_mut(catalog) {
                catalog.set("PageLabels", tree);
            }
        }
        self.count
    }
}

fn decimal_from(start: i64) -> Object {
    let mut label = Dictionary::new();
    label.set("S", Object::Name(b"D".to_vec()));
    if start != 1 {
        label.set("St", start);
    }
    Object::Dictionary(label)
}

fn pages_root(doc: &Document, catalog: ObjectId, number: usize) -> Result<ObjectId, String> {
    doc.get_dictionary(catalog)
        .ok()
        .and_then(|catalog| reference_at(catalog, b"Pages"))
        .ok_or_else(|| format!("part {number} of the pamphlet has no page tree"))
}

fn labels(doc: &Document, catalog: ObjectId) -> Result<Option<Vec<(i64, Object)>>, String> {
    let Some(tree) = doc
        .get_dictionary(catalog)
        .ok()
        .and_then(|catalog| catalog.get(b"PageLabels").ok())
    else {
        return Ok(None);
    };
    number_tree(doc, tree).map(Some)
}

/// Moves what the kids of the page tree node `node` would inherit from it onto them, so
/// they keep it under another parent.
fn push_down_inherited(doc: &mut Document, node: ObjectId) {
    let Ok(dict) = doc.get_dictionary_mut(node) else {
        return;
    };
    let inherited: Vec<(&[u8], Object)> = INHERITED
        .iter()
        .filter_map(|key| dict.remove(key).map(|value| (*key, value)))
        .collect();
    if inherited.is_empty() {
        return;
    }
    let kids: Vec<ObjectId> = dict
        .get(b"Kids")
        .and_then(Object::as_array)
        .map(|kids| {
            kids.iter()
                .filter_map(|kid| kid.as_reference().ok())
                .collect()
        })
        .unwrap_or_default();
    for kid in kids {
        if let Ok(kid) = doc.get_dictionary_mut(kid) {
            for (key, value) in &inherited {
                if !kid.has(key) {
                    kid.set(key.to_vec(), value.clone());
                }
            }
        }
    }
}

/// The pages under the page tree node `node`, in order.
pub(in crate::render::pdf) fn leaves(
    doc: &Document,
    node: ObjectId,
    number: usize,
) -> Result<Vec<ObjectId>, String> {
    let mut pages = Vec::new();
    let mut pending = vec![(node, 0)];
    while let Some((id, depth)) = pending.pop() {
        if depth > 64 {
            return Err(format!(
                "part {number} of the pamphlet has a page tree that loops"
            ));
        }
        let dict = doc.get_dictionary(id).map_err(|_| {
            format!("part {number} of the pamphlet has a page that is not a dictionary")
        })?;
        if dict.has_type(b"Page") {
            pages.push(id);
            continue;
        }
        let kids = dict.get(b"Kids").and_then(Object::as_array).map_err(|_| {
            format!("part {number} of the pamphlet has a page tree node without kids")
        })?;
        // Last kid first, so the first kid is taken next.
        for kid in kids.iter().rev() {
            if let Ok(kid) = kid.as_reference() {
                pending.push((kid, depth + 1));
            }
        }
    }
    Ok(pages)
}
