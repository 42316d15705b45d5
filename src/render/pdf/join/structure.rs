//! One structure tree for the joined document.
//!
//! Each part has a structure tree root whose kid is one `Document` element. The later
//! parts' `Document` elements are dissolved into the first part's: their kids become its
//! kids, in order, so the tree reads as one document. Each part's parent tree (which
//! element owns each marked content of a page, and each annotation) keeps its entries
//! under keys offset past the earlier parts', and the pages' `StructParents` and the
//! annotations' `StructParent` move with them.

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::objects::Moved;
use super::trees::{dict_at, int_at, items, name_tree, number_tree, reference_at, resolve};
use super::trees::{write_name_tree, write_number_tree};

/// The structure tree of the joined document.
pub(super) struct Structure {
    root: ObjectId,
    /// The first part's one `Document` element, which the later parts' kids join.
    document: Option<ObjectId>,
    parent_tree: Vec<(i64, Object)>,
    next_key: i64,
    role_map: Dictionary,
    class_map: Dictionary,
    ids: BTreeMap<Vec<u8>, Object>,
}

impl Structure {
    /// The structure tree of the first part.
    pub(super) fn of_first(doc: &Document, catalog: ObjectId) -> Result<Self, String> {
        let root = tree_root(doc, catalog, 1)?;
        let root_dict = doc.get_dictionary(root).map_err(|e| e.to_string())?;
        let kids = root_dict
            .get(b"K")
            .map(|k| items(doc, k))
            .unwrap_or_default();
        let document = match kids.as_slice() {
            [only] => only.as_reference().ok().filter(|&id| is_document(doc, id)),
            _ => None,
        };
        let parent_tree = parent_tree(doc, root_dict, 1)?;
        let next_key = next_key(doc, root_dict, &parent_tree);
        Ok(Self {
            root,
            document,
            next_key,
            parent_tree,
            role_map: dict_at(doc, root_dict, b"RoleMap")
                .cloned()
                .unwrap_or_default(),
            class_map: dict_at(doc, root_dict, b"ClassMap")
                .cloned()
                .unwrap_or_default(),
            ids: id_tree(doc, root_dict, 1)?.into_iter().collect(),
        })
    }

    /// Merges the structure tree of the part whose catalog is `part_catalog` and whose
    /// pages are `pages` into this one.
    pub(super) fn append(
        &mut self,
        doc: &mut Document,
        catalog: ObjectId,
        part_catalog: ObjectId,
        pages: &[ObjectId],
        moved: &Moved,
        number: usize,
    ) -> Result<(), String> {
        let part_root = tree_root(doc, part_catalog, number)?;
        let root_dict = doc
            .get_dictionary(part_root)
            .map_err(|e| e.to_string())?
            .clone();
        let entries = parent_tree(doc, &root_dict, number)?;
        let offset = self.next_key;
        self.next_key += next_key(doc, &root_dict, &entries);
        offset_struct_parents(doc, pages, offset);
        self.merge_maps(doc, &root_dict, number)?;
        let part_ids = id_tree(doc, &root_dict, number)?;
        let renamed = self.merge_ids(doc, part_ids, number);
        if !renamed.is_empty() {
            for number in moved.numbers.clone() {
                if let Some(object) = doc.objects.get_mut(&(number, 0)) {
                    rename_headers(object, &renamed);
                }
            }
        }

        let lang = |id: ObjectId| {
            doc.get_dictionary(id)
                .ok()
                .and_then(|c| c.get(b"Lang").ok())
                .and_then(|l| l.as_str().ok())
                .map(<[u8]>::to_vec)
        };
        // A part in another language than the first keeps its language on its elements.
        let part_lang = lang(part_catalog).filter(|theirs| lang(catalog).as_ref() != Some(theirs));
        let target = self.document.unwrap_or(self.root);
        let mut dissolved = Vec::new();
        let mut moved = Vec::new();
        for kid in root_dict
            .get(b"K")
            .map(|k| items(doc, k))
            .unwrap_or_default()
        {
            match kid.as_reference() {
                Ok(id) if self.document.is_some() && is_document(doc, id) => {
                    moved.extend(kids_of_document(doc, id));
                    dissolved.push(id);
                }
                _ => moved.push(kid.clone()),
            }
        }
        for kid in &moved {
            if let Ok(id) = kid.as_reference()
                && let Ok(element) = doc.get_dictionary_mut(id)
                && !element.has_type(b"MCR")
                && !element.has_type(b"OBJR")
            {
                element.set("P", Object::Reference(target));
                if let Some(lang) = &part_lang
                    && !element.has(b"Lang")
                {
                    element.set("Lang", Object::string_literal(lang.clone()));
                }
            }
        }
        let target_dict = doc.get_dictionary_mut(target).map_err(|e| e.to_string())?;
        match target_dict.get_mut(b"K") {
            Ok(Object::Array(kids)) => kids.extend(moved),
            Ok(single) => {
                let first = std::mem::replace(single, Object::Null);
                *single = Object::Array(std::iter::once(first).chain(moved).collect());
            }
            Err(_) => target_dict.set("K", Object::Array(moved)),
        }
        // What pointed at a dissolved `Document` (marked content directly in it) now
        // points at the element that took its kids.
        let mut entries: Vec<(i64, Object)> = entries
            .into_iter()
            .map(|(key, value)| (key + offset, value))
            .collect();
        if !dissolved.is_empty() {
            for (_, value) in &mut entries {
                redirect(doc, value, &dissolved, target);
            }
        }
        for id in dissolved {
            doc.objects.remove(&id);
        }
        doc.objects.remove(&part_root);
        self.parent_tree.extend(entries);
        Ok(())
    }

    fn merge_maps(
        &mut self,
        doc: &Document,
        part_root: &Dictionary,
        number: usize,
    ) -> Result<(), String> {
        for (key, mine) in [
            (b"RoleMap".as_slice(), &mut self.role_map),
            (b"ClassMap", &mut self.class_map),
        ] {
            let Some(theirs) = dict_at(doc, part_root, key) else {
                continue;
            };
            for (name, value) in theirs {
                match mine.get(name) {
                    Ok(existing) if existing != value => {
                        return Err(format!(
                            "part {number} of the pamphlet maps the structure name {} differently from part 1 (in its {})",
                            String::from_utf8_lossy(name),
                            String::from_utf8_lossy(key),
                        ));
                    }
                    Ok(_) => {}
                    Err(_) => mine.set(name.clone(), value.clone()),
                }
            }
        }
        Ok(())
    }

    /// Adds a part's element IDs; an ID an earlier part has is renamed, on its element too.
    /// Returns the renamed IDs (old → new).
    fn merge_ids(
        &mut self,
        doc: &mut Document,
        part_ids: Vec<(Vec<u8>, Object)>,
        number: usize,
    ) -> HashMap<Vec<u8>, Vec<u8>> {
        let mut renamed = HashMap::new();
        for (id, element) in part_ids {
            let mut name = id.clone();
            let mut n = 1;
            while self.ids.contains_key(&name) {
                name = format!("{}-part{number}", String::from_utf8_lossy(&id)).into_bytes();
                if n > 1 {
                    name.extend(format!("-{n}").into_bytes());
                }
                n += 1;
            }
            if name != id
                && let Ok(reference) = element.as_reference()
                && let Ok(element) = doc.get_dictionary_mut(reference)
            {
                element.set("ID", Object::string_literal(name.clone()));
            }
            if name != id {
                renamed.insert(id, name.clone());
            }
            self.ids.insert(name, element);
        }
        renamed
    }

    /// Writes the merged parent tree, its next key, the maps and the ID tree.
    pub(super) fn finish(mut self, doc: &mut Document) {
        self.parent_tree.sort_by_key(|(key, _)| *key);
        let parent_tree = write_number_tree(doc, std::mem::take(&mut self.parent_tree));
        let ids = (!self.ids.is_empty())
            .then(|| write_name_tree(doc, std::mem::take(&mut self.ids).into_iter().collect()));
        let Ok(root) = doc.get_dictionary_mut(self.root) else {
            return;
        };
        root.set("ParentTree", parent_tree);
        root.set("ParentTreeNextKey", self.next_key);
        for (key, map) in [("RoleMap", self.role_map), ("ClassMap", self.class_map)] {
            if !map.is_empty() {
                root.set(key, map);
            }
        }
        if let Some(ids) = ids {
            root.set("IDTree", ids);
        }
    }
}

fn tree_root(doc: &Document, catalog: ObjectId, number: usize) -> Result<ObjectId, String> {
    doc.get_dictionary(catalog)
        .ok()
        .and_then(|catalog| reference_at(catalog, b"StructTreeRoot"))
        .ok_or_else(|| {
            format!("part {number} of the pamphlet is not tagged (it has no structure tree)")
        })
}

fn parent_tree(
    doc: &Document,
    root: &Dictionary,
    number: usize,
) -> Result<Vec<(i64, Object)>, String> {
    match root.get(b"ParentTree") {
        Ok(tree) => {
            number_tree(doc, tree).map_err(|e| format!("part {number} of the pamphlet: {e}"))
        }
        Err(_) => Ok(Vec::new()),
    }
}

fn id_tree(
    doc: &Document,
    root: &Dictionary,
    number: usize,
) -> Result<Vec<(Vec<u8>, Object)>, String> {
    match root.get(b"IDTree") {
        Ok(tree) => name_tree(doc, tree).map_err(|e| format!("part {number} of the pamphlet: {e}")),
        Err(_) => Ok(Vec::new()),
    }
}

/// The first key after a part's parent tree: its `ParentTreeNextKey`, or past its last key.
fn next_key(doc: &Document, root: &Dictionary, entries: &[(i64, Object)]) -> i64 {
    let past_last = entries.iter().map(|(key, _)| key + 1).max().unwrap_or(0);
    int_at(doc, root, b"ParentTreeNextKey")
        .unwrap_or(0)
        .max(past_last)
}

fn is_document(doc: &Document, id: ObjectId) -> bool {
    doc.get_dictionary(id)
        .ok()
        .and_then(|element| element.get(b"S").ok())
        .and_then(|s| s.as_name().ok())
        == Some(b"Document")
}

/// The kids of the `Document` element `id`, each able to stand in another element: a bare
/// marked-content ID names its page.
fn kids_of_document(doc: &Document, id: ObjectId) -> Vec<Object> {
    let Ok(element) = doc.get_dictionary(id) else {
        return Vec::new();
    };
    let page = element.get(b"Pg").ok().cloned();
    let kids = element.get(b"K").map(|k| items(doc, k)).unwrap_or_default();
    kids.into_iter()
        .map(|kid| match (resolve(doc, kid), &page) {
            (Object::Integer(mcid), Some(page)) => {
                let mut reference = Dictionary::new();
                reference.set("Type", Object::Name(b"MCR".to_vec()));
                reference.set("Pg", page.clone());
                reference.set("MCID", *mcid);
                Object::Dictionary(reference)
            }
            _ => kid.clone(),
        })
        .collect()
}

/// Offsets the `StructParents` of `pages` and the `StructParent` of their annotations.
fn offset_struct_parents(doc: &mut Document, pages: &[ObjectId], offset: i64) {
    if offset == 0 {
        return;
    }
    for &page in pages {
        let mut annotations = Vec::new();
        if let Ok(dict) = doc.get_dictionary_mut(page) {
            if let Ok(Object::Integer(key)) = dict.get_mut(b"StructParents") {
                *key += offset;
            }
            if let Ok(Object::Array(annots)) = dict.get(b"Annots") {
                annotations.extend(annots.iter().filter_map(|a| a.as_reference().ok()));
            }
        }
        if let Some(id) = doc
            .get_dictionary(page)
            .ok()
            .and_then(|dict| reference_at(dict, b"Annots"))
            && let Ok(Object::Array(annots)) = doc.get_object(id)
        {
            annotations.extend(annots.iter().filter_map(|a| a.as_reference().ok()));
        }
        for annotation in annotations {
            if let Ok(dict) = doc.get_dictionary_mut(annotation)
                && let Ok(Object::Integer(key)) = dict.get_mut(b"StructParent")
            {
                *key += offset;
            }
        }
    }
}

/// Renames the element IDs a table cell's `/Headers` names (Typst numbers its table
/// headers the same way in every part: `U1x0y0`…).
fn rename_headers(object: &mut Object, renamed: &HashMap<Vec<u8>, Vec<u8>>) {
    match object {
        Object::Array(items) => items
            .iter_mut()
            .for_each(|item| rename_headers(item, renamed)),
        Object::Dictionary(dict) => {
            for (key, value) in dict.iter_mut() {
                match value {
                    Object::Array(headers) if key == b"Headers" => {
                        for header in headers {
                            if let Object::String(id, _) = header
                                && let Some(new) = renamed.get(id)
                            {
                                id.clone_from(new);
                            }
                        }
                    }
                    other => rename_headers(other, renamed),
                }
            }
        }
        _ => {}
    }
}

/// Points a parent tree value (an element, or a page's array of elements, direct or
/// not) at `target` wherever it pointed at one of `from`.
fn redirect(doc: &mut Document, value: &mut Object, from: &[ObjectId], target: ObjectId) {
    let swap = |object: &mut Object| {
        if let Object::Reference(id) = object
            && from.contains(id)
        {
            *id = target;
        }
    };
    match value {
        Object::Reference(id) if from.contains(id) => *id = target,
        Object::Reference(id) => {
            if let Ok(Object::Array(elements)) = doc.get_object_mut(*id) {
                elements.iter_mut().for_each(swap);
            }
        }
        Object::Array(elements) => elements.iter_mut().for_each(swap),
        _ => {}
    }
}
