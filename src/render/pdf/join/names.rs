//! Named destinations and the catalog's other name trees, merged. A name a later part
//! shares with an earlier one is renamed (`name-part2`), and the part's links and
//! bookmarks that use it are changed to match.

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::objects::Moved;
use super::trees::{dict_at, name_tree, write_name_tree};

/// The name trees of the joined document, and the older catalog `Dests` dictionary.
pub(super) struct Names {
    /// `Dests`, `EmbeddedFiles`… → the tree's entries.
    trees: BTreeMap<Vec<u8>, BTreeMap<Vec<u8>, Object>>,
    /// Destinations named by PDF names rather than strings (the catalog's `Dests`).
    named: BTreeMap<Vec<u8>, Object>,
}

impl Names {
    /// The names of the first part.
    pub(super) fn of_first(doc: &Document, catalog: ObjectId) -> Result<Self, String> {
        let (trees, named) = read(doc, catalog, 1)?;
        Ok(Self {
            trees: trees
                .into_iter()
                .map(|(key, entries)| (key, entries.into_iter().collect()))
                .collect(),
            named: named.into_iter().collect(),
        })
    }

    /// Adds the names of the part whose catalog is `part_catalog`, renaming those taken.
    pub(super) fn append(
        &mut self,
        doc: &mut Document,
        part_catalog: ObjectId,
        moved: &Moved,
        number: usize,
    ) -> Result<(), String> {
        let (trees, named) = read(doc, part_catalog, number)?;
        let mut renamed_strings = HashMap::new();
        for (key, entries) in trees {
            let mine = self.trees.entry(key.clone()).or_default();
            for (name, value) in entries {
                let free = free_name(mine, &name, number);
                if free != name && key == b"Dests" {
                    renamed_strings.insert(name, free.clone());
                }
                mine.insert(free, value);
            }
        }
        let mut renamed_names = HashMap::new();
        for (name, value) in named {
            let free = free_name(&self.named, &name, number);
            if free != name {
                renamed_names.insert(name, free.clone());
            }
            self.named.insert(free, value);
        }
        if renamed_strings.is_empty() && renamed_names.is_empty() {
            return Ok(());
        }
        let renames = Renames {
            strings: renamed_strings,
            names: renamed_names,
        };
        for number in moved.numbers.clone() {
            if let Some(object) = doc.objects.get_mut(&(number, 0)) {
                renames.apply(object);
            }
        }
        Ok(())
    }

    /// Writes the merged name trees and named destinations into the catalog.
    pub(super) fn finish(self, doc: &mut Document, catalog: ObjectId) {
        let mut names = Dictionary::new();
        for (key, entries) in self.trees {
            if !entries.is_empty() {
                names.set(key, write_name_tree(doc, entries.into_iter().collect()));
            }
        }
        let Ok(catalog) = doc.get_dictionary_mut(catalog) else {
            return;
        };
        if names.is_empty() {
            catalog.remove(b"Names");
        } else {
            catalog.set("Names", names);
        }
        if !self.named.is_empty() {
            let mut dests = Dictionary::new();
            for (name, value) in self.named {
                dests.set(name, value);
            }
            catalog.set("Dests", dests);
        }
    }
}

type Entries = Vec<(Vec<u8>, Object)>;
type NameTrees = Vec<(Vec<u8>, Entries)>;

fn read(doc: &Document, catalog: ObjectId, number: usize) -> Result<(NameTrees, Entries), String> {
    let Ok(catalog) = doc.get_dictionary(catalog) else {
        return Ok((Vec::new(), Vec::new()));
    };
    let mut trees = Vec::new();
    if let Some(names) = dict_at(doc, catalog, b"Names") {
        for (key, tree) in names {
            let entries =
                name_tree(doc, tree).map_err(|e| format!("part {number} of the pamphlet: {e}"))?;
            trees.push((key.clone(), entries));
        }
    }
    let named = dict_at(doc, catalog, b"Dests")
        .map(|dests| dests.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    Ok((trees, named))
}

/// `name`, or `name-partN` (then `-2`, `-3`…) when `taken` has it already.
fn free_name(taken: &BTreeMap<Vec<u8>, Object>, name: &[u8], number: usize) -> Vec<u8> {
    if !taken.contains_key(name) {
        return name.to_vec();
    }
    let base = [name, format!("-part{number}").as_bytes()].concat();
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains_key(&candidate) {
        candidate = [base.as_slice(), format!("-{n}").as_bytes()].concat();
        n += 1;
    }
    candidate
}

/// The destination names a part had to give up, and what they became.
struct Renames {
    strings: HashMap<Vec<u8>, Vec<u8>>,
    names: HashMap<Vec<u8>, Vec<u8>>,
}

impl Renames {
    /// Renames the destinations `object` uses: a link's or bookmark's `Dest`, a go-to
    /// action's `D`.
    fn apply(&self, object: &mut Object) {
        match object {
            Object::Array(items) => items.iter_mut().for_each(|item| self.apply(item)),
            Object::Dictionary(dict) => self.apply_in(dict),
            Object::Stream(stream) => self.apply_in(&mut stream.dict),
            _ => {}
        }
    }

    fn apply_in(&self, dict: &mut Dictionary) {
        let go_to = dict
            .get(b"S")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"GoTo");
        for (key, value) in dict.iter_mut() {
            if key == b"Dest" || (go_to && key == b"D") {
                self.rename(value);
            } else {
                self.apply(value);
            }
        }
    }

    fn rename(&self, destination: &mut Object) {
        match destination {
            Object::String(name, _) => {
                if let Some(new) = self.strings.get(name) {
                    name.clone_from(new);
                }
            }
            Object::Name(name) => {
                if let Some(new) = self.names.get(name) {
                    name.clone_from(new);
                }
            }
            _ => {}
        }
    }
}
