use lopdf::{Document, Object};

use super::check_tags;
use crate::render::pdf::join::fixture::parts;

/// `pdf` changed by `change`.
fn changed(pdf: &[u8], change: impl FnOnce(&mut Document)) -> Vec<u8> {
    let mut doc = Document::load_mem(pdf).unwrap();
    change(&mut doc);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

fn problems(pdf: &[u8]) -> Vec<String> {
    check_tags(pdf).expect_err("the check finds the problem")
}

fn catalog(doc: &mut Document) -> &mut lopdf::Dictionary {
    doc.catalog_mut().unwrap()
}

#[test]
fn every_committed_pdf_passes() {
    let output = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("output");
    let mut checked = 0;
    for entry in std::fs::read_dir(output).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pdf") {
            let pdf = std::fs::read(&path).unwrap();
            check_tags(&pdf).unwrap_or_else(|p| panic!("{}: {p:#?}", path.display()));
            checked += 1;
        }
    }
    assert!(checked >= 2, "the pamphlet and the card sheet");
}

#[test]
fn an_unmarked_document_without_a_language_fails() {
    let pdf = changed(&parts(1, 20)[0], |doc| {
        catalog(doc).remove(b"MarkInfo");
        catalog(doc).remove(b"Lang");
    });
    assert_eq!(
        problems(&pdf),
        [
            "the catalog does not say the document is marked (MarkInfo /Marked true)",
            "the catalog gives no language (/Lang)",
        ]
    );
}

#[test]
fn metadata_without_pdf_ua_fails() {
    let pdf = changed(&parts(1, 20)[0], |doc| {
        let metadata = catalog(doc)
            .get(b"Metadata")
            .unwrap()
            .as_reference()
            .unwrap();
        let Ok(Object::Stream(xmp)) = doc.get_object_mut(metadata) else {
            panic!("the metadata is a stream");
        };
        let text = String::from_utf8(xmp.content.clone()).unwrap();
        xmp.set_plain_content(
            text.replace("<pdfuaid:part>1</pdfuaid:part>", "")
                .into_bytes(),
        );
    });
    assert_eq!(
        problems(&pdf),
        ["the XMP metadata does not claim PDF/UA-1 (pdfuaid:part 1)"]
    );
}

#[test]
fn an_element_naming_the_wrong_parent_fails() {
    let pdf = changed(&parts(1, 20)[0], |doc| {
        let root = catalog(doc)
            .get(b"StructTreeRoot")
            .unwrap()
            .as_reference()
            .unwrap();
        let heading = doc
            .objects
            .iter()
            .find(|(_, o)| {
                o.as_dict().is_ok_and(|d| {
                    d.get(b"S")
                        .is_ok_and(|s| s.as_name().is_ok_and(|s| s == b"H1"))
                })
            })
            .map(|(id, _)| *id)
            .unwrap();
        doc.get_dictionary_mut(heading).unwrap().set("P", root);
    });
    let problems = problems(&pdf);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains("(H1) says its parent is object"),
        "{problems:#?}"
    );
}

#[test]
fn a_bookmark_to_no_page_fails() {
    let pdf = changed(&parts(1, 20)[0], |doc| {
        let outlines = catalog(doc)
            .get(b"Outlines")
            .unwrap()
            .as_reference()
            .unwrap();
        let first = doc
            .get_dictionary(outlines)
            .unwrap()
            .get(b"First")
            .unwrap()
            .as_reference()
            .unwrap();
        doc.get_dictionary_mut(first)
            .unwrap()
            .set("Dest", Object::Array(vec![Object::Reference(outlines)]));
    });
    let problems = problems(&pdf);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with("the bookmark “Part 1” points at object"),
        "{problems:#?}"
    );
}

#[test]
fn content_missing_from_the_parent_tree_fails() {
    let pdf = changed(&parts(1, 20)[0], |doc| {
        let root = catalog(doc)
            .get(b"StructTreeRoot")
            .unwrap()
            .as_reference()
            .unwrap();
        let root = doc.get_dictionary_mut(root).unwrap();
        let mut tree = lopdf::Dictionary::new();
        tree.set("Nums", Object::Array(Vec::new()));
        root.set("ParentTree", tree);
    });
    let problems = problems(&pdf);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("the parent tree has no list of elements")),
        "{problems:#?}"
    );
}
