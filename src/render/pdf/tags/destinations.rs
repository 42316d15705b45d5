//! Bookmarks and links: each points at a page of the document, and the bookmark tree's
//! links (`Parent`, `Prev`, `Next`, `Last`, `Count`) agree with each other.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId, decode_text_string};

use super::Check;
use crate::render::pdf::join::trees::{
    dict, dict_at, int_at, items, name_tree, reference_at, resolve,
};

/// Checks the bookmarks and the links of the document whose catalog is `catalog`.
pub(super) fn check(check: &mut Check<'_>, catalog: &Dictionary) {
    let doc = check.doc;
    let named = Named::of(doc, catalog);
    if let Some(root) = reference_at(catalog, b"Outlines") {
        let mut seen = HashSet::new();
        check_level(check, &named, root, &mut seen);
        if let Some(count) = doc
            .get_dictionary(root)
            .ok()
            .and_then(|r| int_at(doc, r, b"Count"))
        {
            let visible = crate::render::pdf::join::visible_bookmarks(doc, root);
            if count != visible {
                check.problem(format!(
                    "the bookmarks' count is {count}, but {visible} bookmarks show before any is opened"
                ));
            }
        }
    }
    for (index, page) in check.pages.clone().into_iter().enumerate() {
        let annotations = doc
            .get_dictionary(page)
            .ok()
            .and_then(|p| p.get(b"Annots").ok())
            .map(|a| items(doc, a))
            .unwrap_or_default();
        for annotation in annotations {
            let Some(annotation) = dict(doc, annotation) else {
                continue;
            };
            if let Some(target) = destination(doc, &named, annotation)
                && let Err(problem) = target.and_then(|page| on_page(check, page))
            {
                check.problem(format!("page {}: a link {problem}", index + 1));
            }
        }
    }
}

/// Checks the bookmarks under `node`, and theirs.
fn check_level(check: &mut Check<'_>, named: &Named, node: ObjectId, seen: &mut HashSet<ObjectId>) {
    let doc = check.doc;
    let Ok(node_dict) = doc.get_dictionary(node) else {
        return;
    };
    let mut previous = None;
    let mut item = reference_at(node_dict, b"First");
    while let Some(id) = item {
        if !seen.insert(id) {
            check.problem(format!("bookmark {} is in the bookmarks twice", id.0));
            return;
        }
        let Ok(dict) = doc.get_dictionary(id) else {
            check.problem(format!("bookmark {} is not a dictionary", id.0));
            return;
        };
        let title = title(dict);
        if reference_at(dict, b"Parent") != Some(node) {
            check.problem(format!(
                "the bookmark “{title}” does not name the bookmark above it as its parent"
            ));
        }
        if reference_at(dict, b"Prev") != previous {
            check.problem(format!(
                "the bookmark “{title}” does not name the one before it as /Prev"
            ));
        }
        match destination(doc, named, dict) {
            Some(target) => {
                if let Err(problem) = target.and_then(|page| on_page(check, page)) {
                    check.problem(format!("the bookmark “{title}” {problem}"));
                }
            }
            None => check.problem(format!("the bookmark “{title}” has no destination")),
        }
        if reference_at(dict, b"First").is_some() {
            check_level(check, named, id, seen);
            let shown = crate::render::pdf::join::visible_bookmarks(doc, id);
            if int_at(doc, dict, b"Count").map(i64::abs) != Some(shown) {
                check.problem(format!(
                    "the bookmark “{title}” has {shown} bookmarks below it when open, but its count says otherwise"
                ));
            }
        }
        previous = Some(id);
        item = reference_at(dict, b"Next");
    }
    if reference_at(node_dict, b"Last") != previous {
        check.problem(format!(
            "the bookmark list under object {} does not end at its /Last",
            node.0
        ));
    }
}

/// The title of a bookmark, as a reader shows it.
fn title(bookmark: &Dictionary) -> String {
    bookmark
        .get(b"Title")
        .ok()
        .and_then(|t| decode_text_string(t).ok())
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// The titles of the document's bookmarks, in reading order, each indented two spaces
/// per level.
pub fn bookmark_titles(pdf: &[u8]) -> Result<Vec<String>, String> {
    let doc = Document::load_mem(pdf).map_err(|e| e.to_string())?;
    let catalog = doc.catalog().map_err(|e| e.to_string())?;
    let mut titles = Vec::new();
    let mut seen = HashSet::new();
    if let Some(root) = reference_at(catalog, b"Outlines") {
        collect_titles(&doc, root, 0, &mut seen, &mut titles);
    }
    Ok(titles)
}

fn collect_titles(
    doc: &Document,
    node: ObjectId,
    depth: usize,
    seen: &mut HashSet<ObjectId>,
    titles: &mut Vec<String>,
) {
    let mut item = doc
        .get_dictionary(node)
        .ok()
        .and_then(|n| reference_at(n, b"First"));
    while let Some(id) = item
        && seen.insert(id)
    {
        let Ok(dict) = doc.get_dictionary(id) else {
            return;
        };
        titles.push(format!("{}{}", "  ".repeat(depth), title(dict)));
        collect_titles(doc, id, depth + 1, seen, titles);
        item = reference_at(dict, b"Next");
    }
}

/// Named destinations: strings in the `Dests` name tree, names in the catalog's `Dests`.
struct Named<'a> {
    strings: HashMap<Vec<u8>, Object>,
    names: Option<&'a Dictionary>,
}

impl<'a> Named<'a> {
    fn of(doc: &'a Document, catalog: &'a Dictionary) -> Self {
        let strings = dict_at(doc, catalog, b"Names")
            .and_then(|names| names.get(b"Dests").ok())
            .and_then(|tree| name_tree(doc, tree).ok())
            .unwrap_or_default();
        Self {
            strings: strings.into_iter().collect(),
            names: dict_at(doc, catalog, b"Dests"),
        }
    }

    fn get(&self, name: &Object) -> Option<Object> {
        match name {
            Object::String(name, _) => self.strings.get(name).cloned(),
            Object::Name(name) => self.names?.get(name).ok().cloned(),
            _ => None,
        }
    }
}

/// Where a bookmark or link goes: `None` when it goes nowhere in the document (a web
/// link, no destination), else the page it names or what is wrong with it.
fn destination(
    doc: &Document,
    named: &Named<'_>,
    item: &Dictionary,
) -> Option<Result<ObjectId, String>> {
    let target = match (item.get(b"Dest"), dict_at(doc, item, b"A")) {
        (Ok(dest), _) => resolve(doc, dest).clone(),
        (Err(_), Some(action))
            if action
                .get(b"S")
                .and_then(Object::as_name)
                .is_ok_and(|s| s == b"GoTo") =>
        {
            resolve(doc, action.get(b"D").ok()?).clone()
        }
        _ => return None,
    };
    let explicit = match &target {
        Object::String(name, _) | Object::Name(name) => {
            let Some(found) = named.get(&target) else {
                return Some(Err(format!(
                    "points at the named destination “{}”, which the document does not have",
                    String::from_utf8_lossy(name)
                )));
            };
            resolve(doc, &found).clone()
        }
        other => other.clone(),
    };
    // A named destination may be a dictionary whose /D is the array.
    let explicit = match &explicit {
        Object::Dictionary(d) => d
            .get(b"D")
            .map_or(Object::Null, |d| resolve(doc, d).clone()),
        other => other.clone(),
    };
    Some(
        explicit
            .as_array()
            .ok()
            .and_then(|array| array.first())
            .and_then(|page| page.as_reference().ok())
            .ok_or_else(|| "has a destination that names no page".to_owned()),
    )
}

fn on_page(check: &Check<'_>, page: ObjectId) -> Result<(), String> {
    if check.page_numbers.contains_key(&page) {
        Ok(())
    } else {
        Err(format!(
            "points at object {}, which is not a page of the document",
            page.0
        ))
    }
}
