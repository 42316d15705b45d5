//! A check of a tagged PDF's structure tree, for the rules of PDF/UA-1 that joining
//! separately compiled parts could break (there is no veraPDF here):
//!
//! - exactly one structure tree root; every element's `/P` is the element it is a kid of;
//! - every marked content of every page belongs to exactly one structure element, and the
//!   parent tree lists it at its place for that page; nothing in the tree or the parent
//!   tree names content a page does not have;
//! - every annotation is in the tree (an `OBJR`) and in the parent tree;
//! - `ParentTreeNextKey` is past every key; no two pages or annotations share a key;
//! - bookmarks and links point at pages of the document;
//! - the catalog says the document is marked and gives its language, and the XMP
//!   metadata claims PDF/UA-1 (and, if it gives one, the right page count).

mod destinations;

use std::collections::{BTreeSet, HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::join::trees::{
    dict, dict_at, int_at, items, name_tree, number_tree, reference_at, resolve,
};
pub use destinations::bookmark_titles;

/// The problems of `pdf`'s tag tree, in plain words; none when it holds.
pub fn check_tags(pdf: &[u8]) -> Result<(), Vec<String>> {
    let doc = Document::load_mem(pdf).map_err(|e| vec![format!("the PDF cannot be read ({e})")])?;
    check_document(&doc)
}

/// The problems of a parsed PDF's tag tree, as [`check_tags`] finds them.
pub fn check_document(doc: &Document) -> Result<(), Vec<String>> {
    let mut check = Check::new(doc);
    check.run();
    if check.problems.is_empty() {
        Ok(())
    } else {
        Err(check.problems)
    }
}

struct Check<'a> {
    doc: &'a Document,
    problems: Vec<String>,
    pages: Vec<ObjectId>,
    /// A page's number (1 for the first).
    page_numbers: HashMap<ObjectId, usize>,
    /// (page, marked-content ID) → the structure elements that claim it.
    content_owners: HashMap<(ObjectId, i64), Vec<ObjectId>>,
    /// Annotation → the structure elements whose object reference names it.
    annotation_owners: HashMap<ObjectId, Vec<ObjectId>>,
    /// Element ID (`/ID`) → its element.
    element_ids: HashMap<Vec<u8>, ObjectId>,
    /// The table headers each cell names (`/Headers`).
    headers: Vec<(ObjectId, Vec<u8>)>,
}

impl<'a> Check<'a> {
    fn new(doc: &'a Document) -> Self {
        let pages: Vec<ObjectId> = doc.page_iter().collect();
        let page_numbers = pages
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i + 1))
            .collect();
        Self {
            doc,
            problems: Vec::new(),
            pages,
            page_numbers,
            content_owners: HashMap::new(),
            annotation_owners: HashMap::new(),
            element_ids: HashMap::new(),
            headers: Vec::new(),
        }
    }

    fn problem(&mut self, problem: impl Into<String>) {
        self.problems.push(problem.into());
    }

    fn run(&mut self) {
        let Ok(catalog) = self.doc.catalog() else {
            self.problem("the PDF has no catalog");
            return;
        };
        self.check_catalog(catalog);
        let roots = self
            .doc
            .objects
            .values()
            .filter(|object| {
                object
                    .as_dict()
                    .is_ok_and(|d| d.has_type(b"StructTreeRoot"))
            })
            .count();
        if roots != 1 {
            self.problem(format!(
                "the PDF has {roots} structure tree roots; a tagged PDF has exactly one"
            ));
        }
        let Some(root) = reference_at(catalog, b"StructTreeRoot") else {
            self.problem("the PDF is not tagged: its catalog has no structure tree root");
            return;
        };
        let Ok(root_dict) = self.doc.get_dictionary(root) else {
            self.problem("the structure tree root is not a dictionary");
            return;
        };
        self.walk_tree(root, root_dict);
        self.check_ids(root_dict);
        let entries = if let Ok(tree) = root_dict.get(b"ParentTree") {
            number_tree(self.doc, tree).unwrap_or_else(|e| {
                self.problem(format!("the parent tree cannot be read: {e}"));
                Vec::new()
            })
        } else {
            self.problem("the structure tree has no parent tree");
            Vec::new()
        };
        self.check_keys(root_dict, &entries);
        let parent_tree: HashMap<i64, &Object> = entries.iter().map(|(k, v)| (*k, v)).collect();
        let mut used = HashSet::new();
        let mut annotations = HashSet::new();
        let mut claimed: HashMap<ObjectId, BTreeSet<i64>> = HashMap::new();
        for &(page, mcid) in self.content_owners.keys() {
            claimed.entry(page).or_default().insert(mcid);
        }
        for (index, &page) in self.pages.clone().iter().enumerate() {
            let claimed = claimed.remove(&page).unwrap_or_default();
            self.check_page(
                index + 1,
                page,
                &claimed,
                &parent_tree,
                &mut used,
                &mut annotations,
            );
        }
        for (key, _) in &entries {
            if !used.contains(key) {
                self.problem(format!(
                    "the parent tree has an entry {key} that no page or annotation uses"
                ));
            }
        }
        let mut stray: Vec<_> = self
            .annotation_owners
            .keys()
            .filter(|a| !annotations.contains(*a))
            .map(|a| a.0)
            .collect();
        stray.sort_unstable();
        for annotation in stray {
            self.problem(format!(
                "the structure tree refers to annotation {annotation}, which is on no page"
            ));
        }
        let mut off_page: Vec<_> = self
            .content_owners
            .keys()
            .filter(|(page, _)| !self.page_numbers.contains_key(page))
            .map(|(page, mcid)| (page.0, *mcid))
            .collect();
        off_page.sort_unstable();
        for (page, mcid) in off_page {
            self.problem(format!(
                "the structure tree refers to marked content {mcid} of object {page}, which is not a page of the document"
            ));
        }
        destinations::check(self, catalog);
    }

    fn check_catalog(&mut self, catalog: &Dictionary) {
        let marked = dict_at(self.doc, catalog, b"MarkInfo")
            .and_then(|info| info.get(b"Marked").ok())
            .and_then(|marked| resolve(self.doc, marked).as_bool().ok());
        if marked != Some(true) {
            self.problem("the catalog does not say the document is marked (MarkInfo /Marked true)");
        }
        let lang = catalog
            .get(b"Lang")
            .ok()
            .and_then(|l| resolve(self.doc, l).as_str().ok());
        if lang.is_none_or(<[u8]>::is_empty) {
            self.problem("the catalog gives no language (/Lang)");
        }
        let xmp = reference_at(catalog, b"Metadata")
            .and_then(|id| self.doc.get_object(id).ok())
            .and_then(|m| m.as_stream().ok())
            .and_then(|m| m.get_plain_content().ok())
            .map(|m| String::from_utf8_lossy(&m).into_owned());
        let Some(xmp) = xmp else {
            self.problem("the document has no XMP metadata");
            return;
        };
        if xmp_value(&xmp, "pdfuaid:part").as_deref() != Some("1") {
            self.problem("the XMP metadata does not claim PDF/UA-1 (pdfuaid:part 1)");
        }
        if let Some(pages) = xmp_value(&xmp, "xmpTPg:NPages")
            && pages != self.pages.len().to_string()
        {
            self.problem(format!(
                "the XMP metadata says the document has {pages} pages; it has {}",
                self.pages.len()
            ));
        }
    }

    /// Walks the structure tree from `root`, checking each element's parent and noting
    /// what content and annotations each claims.
    fn walk_tree(&mut self, root: ObjectId, root_dict: &Dictionary) {
        let mut pending: Vec<(ObjectId, ObjectId)> = root_dict
            .get(b"K")
            .map(|k| items(self.doc, k))
            .unwrap_or_default()
            .into_iter()
            .rev()
            .filter_map(|kid| {
                let id = kid.as_reference().ok();
                if id.is_none() {
                    self.problems.push(
                        "the structure tree root has a kid that is not a structure element".into(),
                    );
                }
                Some((id?, root))
            })
            .collect();
        let mut seen = HashSet::new();
        while let Some((id, parent)) = pending.pop() {
            if !seen.insert(id) {
                self.problem(format!(
                    "{} is in the structure tree twice",
                    self.element(id)
                ));
                continue;
            }
            let Ok(element) = self.doc.get_dictionary(id) else {
                self.problem(format!("structure element {} is not a dictionary", id.0));
                continue;
            };
            if element.get(b"S").and_then(Object::as_name).is_err() {
                self.problem(format!(
                    "structure element {} has no structure type (/S)",
                    id.0
                ));
            }
            match reference_at(element, b"P") {
                Some(p) if p == parent => {}
                Some(p) => self.problem(format!(
                    "{} says its parent is object {}, but it is a kid of object {}",
                    self.element(id),
                    p.0,
                    parent.0
                )),
                None => self.problem(format!("{} has no parent (/P)", self.element(id))),
            }
            self.note_ids(id, element);
            let page = reference_at(element, b"Pg");
            let mut kids = Vec::new();
            for kid in element
                .get(b"K")
                .map(|k| items(self.doc, k))
                .unwrap_or_default()
            {
                match kid {
                    Object::Integer(mcid) => self.claim_content(id, page, *mcid),
                    Object::Dictionary(kid) => self.claim(id, page, kid),
                    Object::Reference(kid_id) => match self.doc.get_dictionary(*kid_id) {
                        Ok(kid) if kid.has_type(b"MCR") || kid.has_type(b"OBJR") => {
                            self.claim(id, page, kid);
                        }
                        _ => kids.push((*kid_id, id)),
                    },
                    _ => self.problem(format!(
                        "{} has a kid that is not content or an element",
                        self.element(id)
                    )),
                }
            }
            pending.extend(kids.into_iter().rev());
        }
    }

    /// Notes the element's ID and the table headers it names.
    fn note_ids(&mut self, id: ObjectId, element: &Dictionary) {
        if let Ok(own) = element.get(b"ID").and_then(Object::as_str)
            && self.element_ids.insert(own.to_vec(), id).is_some()
        {
            self.problem(format!(
                "two structure elements have the ID “{}”",
                String::from_utf8_lossy(own)
            ));
        }
        let attributes = element
            .get(b"A")
            .map(|a| items(self.doc, a))
            .unwrap_or_default();
        for attributes in attributes.into_iter().filter_map(|a| dict(self.doc, a)) {
            if let Ok(headers) = attributes.get(b"Headers") {
                for header in items(self.doc, headers) {
                    if let Ok(header) = header.as_str() {
                        self.headers.push((id, header.to_vec()));
                    }
                }
            }
        }
    }

    /// The ID tree lists each element ID at its element, and every header a table cell
    /// names is an element's ID.
    fn check_ids(&mut self, root: &Dictionary) {
        let tree = match root.get(b"IDTree") {
            Ok(tree) => name_tree(self.doc, tree).unwrap_or_else(|e| {
                self.problem(format!("the ID tree cannot be read: {e}"));
                Vec::new()
            }),
            Err(_) => Vec::new(),
        };
        let listed: HashMap<&[u8], Option<ObjectId>> = tree
            .iter()
            .map(|(id, element)| (id.as_slice(), element.as_reference().ok()))
            .collect();
        let mut problems = Vec::new();
        for (id, element) in &self.element_ids {
            let shown = String::from_utf8_lossy(id);
            match listed.get(id.as_slice()) {
                Some(Some(listed)) if listed == element => {}
                Some(_) => problems.push(format!(
                    "the ID tree does not list “{shown}” at the element with that ID"
                )),
                None => problems.push(format!(
                    "{} has the ID “{shown}”, which the ID tree does not list",
                    self.element(*element)
                )),
            }
        }
        for (cell, header) in &self.headers {
            if !self.element_ids.contains_key(header) {
                problems.push(format!(
                    "{} names the table header “{}”, which no element has",
                    self.element(*cell),
                    String::from_utf8_lossy(header)
                ));
            }
        }
        problems.sort();
        self.problems.extend(problems);
    }

    /// Notes what the marked-content or object reference `kid` of `element` claims.
    fn claim(&mut self, element: ObjectId, page: Option<ObjectId>, kid: &Dictionary) {
        if kid.has_type(b"OBJR") {
            match reference_at(kid, b"Obj") {
                Some(annotation) => self
                    .annotation_owners
                    .entry(annotation)
                    .or_default()
                    .push(element),
                None => self.problem(format!(
                    "{} has an object reference without its object",
                    self.element(element)
                )),
            }
        } else if kid.has_type(b"MCR") {
            // Content in a form's own stream has marked-content IDs of that stream's.
            if kid.has(b"Stm") {
                return;
            }
            match int_at(self.doc, kid, b"MCID") {
                Some(mcid) => self.claim_content(element, reference_at(kid, b"Pg").or(page), mcid),
                None => self.problem(format!(
                    "{} has a content reference without an MCID",
                    self.element(element)
                )),
            }
        } else {
            self.problem(format!(
                "{} has a kid that is not content or an element",
                self.element(element)
            ));
        }
    }

    fn claim_content(&mut self, element: ObjectId, page: Option<ObjectId>, mcid: i64) {
        match page {
            Some(page) => self
                .content_owners
                .entry((page, mcid))
                .or_default()
                .push(element),
            None => self.problem(format!(
                "{} claims marked content {mcid} without saying on which page",
                self.element(element)
            )),
        }
    }

    /// Keys in order, and `ParentTreeNextKey` past them all.
    fn check_keys(&mut self, root: &Dictionary, entries: &[(i64, Object)]) {
        if entries.windows(2).any(|pair| pair[0].0 >= pair[1].0) {
            self.problem(
                "the parent tree's keys are not in increasing order (or one is there twice)",
            );
        }
        let Some(last) = entries.iter().map(|(key, _)| *key).max() else {
            return;
        };
        match int_at(self.doc, root, b"ParentTreeNextKey") {
            Some(next) if next > last => {}
            Some(next) => self.problem(format!(
                "ParentTreeNextKey is {next}, but the parent tree already has the key {last}"
            )),
            None => self.problem("the structure tree root has no ParentTreeNextKey"),
        }
    }

    fn check_page(
        &mut self,
        number: usize,
        page: ObjectId,
        claimed: &BTreeSet<i64>,
        parent_tree: &HashMap<i64, &Object>,
        used: &mut HashSet<i64>,
        annotations: &mut HashSet<ObjectId>,
    ) {
        let doc = self.doc;
        let Ok(page_dict) = doc.get_dictionary(page) else {
            return;
        };
        let marked = self.marked_content(number, page);
        for mcid in claimed.difference(&marked) {
            self.problem(format!(
                "page {number}: the structure tree refers to marked content {mcid}, which the page does not have"
            ));
        }
        for &mcid in &marked {
            let owners = self.content_owners.get(&(page, mcid)).map_or(0, Vec::len);
            if owners == 0 {
                self.problem(format!(
                    "page {number}: marked content {mcid} belongs to no structure element"
                ));
            } else if owners > 1 {
                self.problem(format!(
                    "page {number}: marked content {mcid} is claimed by {owners} structure elements"
                ));
            }
        }
        let key = int_at(doc, page_dict, b"StructParents");
        if let Some(key) = key
            && !used.insert(key)
        {
            self.problem(format!(
                "page {number} uses the parent tree key {key}, which something else uses too"
            ));
        }
        match (key, marked.is_empty()) {
            (None, false) => self.problem(format!(
                "page {number} has marked content but no StructParents"
            )),
            (Some(key), _) => {
                self.check_page_entry(number, page, key, parent_tree.get(&key).copied(), &marked);
            }
            (None, true) => {}
        }
        for annotation in page_dict
            .get(b"Annots")
            .map(|a| items(doc, a))
            .unwrap_or_default()
        {
            let Ok(annotation) = annotation.as_reference() else {
                self.problem(format!(
                    "page {number} has an annotation that is not an object of its own"
                ));
                continue;
            };
            annotations.insert(annotation);
            self.check_annotation(number, annotation, parent_tree, used);
        }
    }

    /// The marked-content IDs on `page`'s content stream.
    fn marked_content(&mut self, number: usize, page: ObjectId) -> BTreeSet<i64> {
        let content = match self.doc.get_and_decode_page_content(page) {
            Ok(content) => content,
            Err(e) => {
                self.problem(format!("page {number}: its content cannot be read ({e})"));
                return BTreeSet::new();
            }
        };
        let properties = self
            .doc
            .get_page_resources(page)
            .ok()
            .and_then(|(resources, _)| resources)
            .and_then(|resources| dict_at(self.doc, resources, b"Properties"));
        let mut marked = BTreeSet::new();
        for operation in content.operations.iter().filter(|op| op.operator == "BDC") {
            let props = match operation.operands.get(1) {
                Some(Object::Name(name)) => properties.and_then(|p| dict_at(self.doc, p, name)),
                Some(other) => dict(self.doc, other),
                None => None,
            };
            if let Some(mcid) = props.and_then(|p| int_at(self.doc, p, b"MCID"))
                && !marked.insert(mcid)
            {
                self.problem(format!(
                    "page {number}: marked content {mcid} is on the page twice"
                ));
            }
        }
        marked
    }

    fn check_page_entry(
        &mut self,
        number: usize,
        page: ObjectId,
        key: i64,
        entry: Option<&Object>,
        marked: &BTreeSet<i64>,
    ) {
        let Some(Object::Array(owners)) = entry.map(|e| resolve(self.doc, e)) else {
            if !marked.is_empty() {
                self.problem(format!(
                    "page {number}: the parent tree has no list of elements under its key {key}"
                ));
            }
            return;
        };
        for &mcid in marked {
            let listed = usize::try_from(mcid)
                .ok()
                .and_then(|i| owners.get(i))
                .and_then(|o| o.as_reference().ok());
            let claimed = self.content_owners.get(&(page, mcid));
            match listed {
                None => self.problem(format!(
                    "page {number}: the parent tree does not list marked content {mcid}"
                )),
                Some(element) if claimed.is_some_and(|c| c.contains(&element)) => {}
                Some(element) => self.problem(format!(
                    "page {number}: the parent tree says marked content {mcid} belongs to {}, which does not contain it",
                    self.element(element)
                )),
            }
        }
        for (index, owner) in owners.iter().enumerate() {
            let mcid = i64::try_from(index).unwrap_or(i64::MAX);
            if !owner.is_null() && !marked.contains(&mcid) {
                self.problem(format!(
                    "page {number}: the parent tree lists marked content {mcid}, which the page does not have"
                ));
            }
        }
    }

    fn check_annotation(
        &mut self,
        number: usize,
        annotation: ObjectId,
        parent_tree: &HashMap<i64, &Object>,
        used: &mut HashSet<i64>,
    ) {
        let Ok(dict) = self.doc.get_dictionary(annotation) else {
            return;
        };
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .unwrap_or_default();
        // Popups belong to their parent annotation; PDF/UA does not tag them.
        if subtype == "Popup" {
            return;
        }
        let owners = self
            .annotation_owners
            .get(&annotation)
            .cloned()
            .unwrap_or_default();
        if owners.len() != 1 {
            self.problem(format!(
                "page {number}: a {subtype} annotation is referenced by {} structure elements, not one",
                owners.len()
            ));
        }
        let Some(key) = int_at(self.doc, dict, b"StructParent") else {
            self.problem(format!(
                "page {number}: a {subtype} annotation has no StructParent"
            ));
            return;
        };
        if !used.insert(key) {
            self.problem(format!(
                "page {number}: a {subtype} annotation uses the parent tree key {key}, which something else uses too"
            ));
        }
        match parent_tree.get(&key).and_then(|e| e.as_reference().ok()) {
            Some(element) if owners.contains(&element) => {}
            Some(element) => self.problem(format!(
                "page {number}: the parent tree says a {subtype} annotation belongs to {}, which does not refer to it",
                self.element(element)
            )),
            None => self.problem(format!(
                "page {number}: the parent tree has no element under the {subtype} annotation's key {key}"
            )),
        }
    }

    /// How messages name the structure element `id`: its number and type.
    fn element(&self, id: ObjectId) -> String {
        let kind = self
            .doc
            .get_dictionary(id)
            .ok()
            .and_then(|e| e.get(b"S").ok())
            .and_then(|s| s.as_name().ok())
            .map(|s| String::from_utf8_lossy(s).into_owned());
        match kind {
            Some(kind) => format!("structure element {} ({kind})", id.0),
            None => format!("object {}", id.0),
        }
    }
}

/// The value of the simple XMP property `name`, written as an element or an attribute.
fn xmp_value(xmp: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    if let Some(start) = xmp.find(&open).map(|i| i + open.len()) {
        let length = xmp[start..].find('<')?;
        return Some(xmp[start..start + length].trim().to_owned());
    }
    let attribute = format!("{name}=\"");
    let start = xmp.find(&attribute)? + attribute.len();
    let length = xmp[start..].find('"')?;
    Some(xmp[start..start + length].to_owned())
}

#[cfg(test)]
mod tests;
