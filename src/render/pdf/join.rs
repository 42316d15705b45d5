//! Joining the PDFs of a pamphlet's parts into one tagged PDF/UA-1 document.
//!
//! A very large pamphlet is compiled as several Typst documents, one after another, so
//! that Typst's memory is freed between them; each part is a complete tagged PDF. The
//! join keeps every object as Typst wrote it, shifted to numbers of its own, and merges
//! what a document has only once: the page tree, the structure tree (one `Document`
//! element, the parent tree's keys offset), the bookmarks, the named destinations, the
//! page labels, and the metadata's page count and instance ID. The same parts give the
//! same bytes.

mod metadata;
mod names;
pub(super) mod objects;
mod outline;
mod pages;
mod structure;
pub(super) mod trees;

use lopdf::{Document, ObjectId};

/// Joins the PDFs of a pamphlet's parts, compiled one after another, into one tagged PDF.
pub fn join_parts(parts: &[Vec<u8>]) -> Result<Vec<u8>, String> {
    match parts {
        [] => Err("there are no parts to join".into()),
        [only] => Ok(only.clone()),
        _ => {
            let mut loaded = load_all(parts)?.into_iter();
            let first = loaded.next().expect("there are parts");
            let mut joined = Joined::new(first)?;
            for (index, part) in loaded.enumerate() {
                joined.append(part, index + 2)?;
            }
            joined.finish(parts)
        }
    }
}

/// Parses the parts, on as many threads as there are cores: parsing is most of a join's
/// time, and every parsed object ends up in the joined document anyway.
fn load_all(parts: &[Vec<u8>]) -> Result<Vec<Document>, String> {
    let numbered: Vec<(usize, &Vec<u8>)> = parts.iter().enumerate().collect();
    crate::parallel::map_queued(&numbered, crate::parallel::cores(), |(index, part)| {
        load(part, index + 1)
    })
    .into_iter()
    .collect()
}

fn load(bytes: &[u8], number: usize) -> Result<Document, String> {
    let doc = Document::load_mem(bytes)
        .map_err(|e| format!("part {number} of the pamphlet cannot be read as a PDF ({e})"))?;
    if doc.is_encrypted() {
        return Err(format!("part {number} of the pamphlet is encrypted"));
    }
    Ok(doc)
}

/// The joined document so far: the first part, with the later ones appended.
struct Joined {
    doc: Document,
    catalog: ObjectId,
    pages: pages::Pages,
    structure: structure::Structure,
    names: names::Names,
}

impl Joined {
    fn new(mut doc: Document) -> Result<Self, String> {
        let catalog = catalog_of(&doc, 1)?;
        Ok(Self {
            pages: pages::Pages::of_first(&mut doc, catalog)?,
            structure: structure::Structure::of_first(&doc, catalog)?,
            names: names::Names::of_first(&doc, catalog)?,
            catalog,
            doc,
        })
    }

    fn append(&mut self, part: Document, number: usize) -> Result<(), String> {
        let part_catalog = catalog_of(&part, number)?;
        let moved = objects::move_into(&mut self.doc, part);
        let part_catalog = moved.shifted(part_catalog);
        self.names
            .append(&mut self.doc, part_catalog, &moved, number)?;
        let part_pages = self.pages.append(&mut self.doc, part_catalog, number)?;
        self.structure.append(
            &mut self.doc,
            self.catalog,
            part_catalog,
            &part_pages,
            &moved,
            number,
        )?;
        outline::append(&mut self.doc, self.catalog, part_catalog);
        // What is left of the part's catalog, its Info and its metadata is not referenced
        // any more and goes with the unreferenced objects when the document is written.
        self.doc.objects.remove(&part_catalog);
        Ok(())
    }

    fn finish(mut self, parts: &[Vec<u8>]) -> Result<Vec<u8>, String> {
        let page_count = self.pages.finish(&mut self.doc, self.catalog);
        self.structure.finish(&mut self.doc);
        self.names.finish(&mut self.doc, self.catalog);
        outline::finish(&mut self.doc, self.catalog);
        metadata::finish(&mut self.doc, self.catalog, parts, page_count)?;
        objects::keep_only_referenced(&mut self.doc);
        let mut bytes = Vec::with_capacity(parts.iter().map(Vec::len).sum());
        self.doc
            .save_to(&mut bytes)
            .map_err(|e| format!("the joined pamphlet cannot be written ({e})"))?;
        Ok(bytes)
    }
}

/// How many bookmarks under `node` show when it is open (its kids, and theirs when open).
pub(super) fn visible_bookmarks(doc: &Document, node: ObjectId) -> i64 {
    outline::visible_below(doc, node, &mut std::collections::HashSet::new())
}

fn catalog_of(doc: &Document, number: usize) -> Result<ObjectId, String> {
    doc.trailer
        .get(b"Root")
        .and_then(lopdf::Object::as_reference)
        .map_err(|_| format!("part {number} of the pamphlet has no catalog"))
}

#[cfg(test)]
pub(super) mod fixture;
#[cfg(test)]
mod tests;
