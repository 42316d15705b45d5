use lopdf::{Document, Object};

use super::fixture::{archival_parts, numbered_parts, parts};
use super::join_parts;
use crate::render::pdf::read_text;
use crate::render::pdf::tags::{bookmark_titles, check_tags};

#[test]
fn one_part_is_returned_byte_for_byte() {
    let parts = parts(1, 40);
    assert_eq!(join_parts(&parts).unwrap(), parts[0]);
}

#[test]
fn no_parts_is_an_error() {
    assert!(join_parts(&[]).is_err());
}

#[test]
fn every_part_passes_the_tag_check_by_itself() {
    for part in parts(2, 120) {
        check_tags(&part).unwrap();
    }
}

#[test]
fn joined_parts_have_all_pages_and_text_in_order_and_their_tags_hold() {
    let parts = parts(3, 160);
    let joined = join_parts(&parts).unwrap();
    let pages = |pdf: &[u8]| Document::load_mem(pdf).unwrap().get_pages().len();
    let part_pages: Vec<usize> = parts.iter().map(|p| pages(p)).collect();
    assert!(
        part_pages.iter().all(|&n| n >= 2),
        "each part spans pages: {part_pages:?}"
    );
    assert_eq!(pages(&joined), part_pages.iter().sum::<usize>());
    let text: String = parts.iter().map(|p| read_text(p).unwrap()).collect();
    assert_eq!(read_text(&joined).unwrap(), text);
    assert!(text.contains(&format!("Page 1 of {}", pages(&joined))));
    assert!(text.contains(&format!("Page {0} of {0}", pages(&joined))));
    check_tags(&joined).unwrap_or_else(|problems| panic!("{problems:#?}"));
}

#[test]
fn bookmarks_of_all_parts_follow_each_other() {
    let joined = join_parts(&parts(3, 40)).unwrap();
    let expected: Vec<String> = (1..=3)
        .flat_map(|n| {
            [
                format!("Part {n}"),
                format!("  The second heading of part {n}"),
                format!("  The third heading of part {n}"),
            ]
        })
        .collect();
    assert_eq!(bookmark_titles(&joined).unwrap(), expected);
}

#[test]
fn the_same_parts_give_the_same_bytes() {
    let parts = parts(2, 60);
    let joined = join_parts(&parts).unwrap();
    assert_eq!(join_parts(&parts).unwrap(), joined);
    assert_ne!(
        join_parts(&[parts[1].clone(), parts[0].clone()]).unwrap(),
        joined
    );
}

#[test]
fn the_joined_document_is_one_document_with_one_structure_tree() {
    let joined = join_parts(&parts(3, 40)).unwrap();
    let doc = Document::load_mem(&joined).unwrap();
    let catalog = doc.catalog().unwrap();
    let root = doc
        .get_dictionary(
            catalog
                .get(b"StructTreeRoot")
                .unwrap()
                .as_reference()
                .unwrap(),
        )
        .unwrap();
    let kids = root.get(b"K").unwrap().as_array().unwrap();
    assert_eq!(kids.len(), 1, "one top-level element");
    let document = doc.get_dictionary(kids[0].as_reference().unwrap()).unwrap();
    assert_eq!(document.get(b"S").unwrap().as_name().unwrap(), b"Document");
    let headings = document
        .get(b"K")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|kid| doc.get_dictionary(kid.as_reference().ok()?).ok())
        .filter(|kid| kid.get(b"S").unwrap().as_name().unwrap() == b"H1")
        .count();
    assert_eq!(headings, 3, "each part's heading under the one Document");
}

#[test]
fn the_metadata_counts_the_joined_pages_and_keeps_pdf_ua() {
    let parts = parts(2, 40);
    let joined = join_parts(&parts).unwrap();
    let doc = Document::load_mem(&joined).unwrap();
    let pages = doc.get_pages().len();
    let xmp = xmp_of(&doc);
    assert!(
        xmp.contains(&format!("<xmpTPg:NPages>{pages}</xmpTPg:NPages>")),
        "{xmp}"
    );
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(xmp.contains("A joined test document"), "{xmp}");
    let first = Document::load_mem(&parts[0]).unwrap();
    let id =
        |doc: &Document, i: usize| doc.trailer.get(b"ID").unwrap().as_array().unwrap()[i].clone();
    assert_eq!(
        id(&doc, 0),
        id(&first, 0),
        "the document ID is the first part's"
    );
    assert_ne!(
        id(&doc, 1),
        id(&first, 1),
        "the instance ID is the joined file's own"
    );
}

/// A join that leaves the later parts' parent tree keys where they were: the check must
/// catch it.
#[test]
fn the_tag_check_fails_when_the_parent_tree_keys_are_not_offset() {
    let parts = parts(2, 40);
    let joined = join_parts(&parts).unwrap();
    let first_pages = Document::load_mem(&parts[0]).unwrap().get_pages().len();
    let first_keys = first_key_count(&parts[0]);
    let mut doc = Document::load_mem(&joined).unwrap();
    let later: Vec<_> = doc.get_pages().into_values().skip(first_pages).collect();
    for page in later {
        let annotations: Vec<_> = match doc.get_dictionary(page).unwrap().get(b"Annots") {
            Ok(Object::Array(a)) => a.iter().map(|a| a.as_reference().unwrap()).collect(),
            _ => Vec::new(),
        };
        let page = doc.get_dictionary_mut(page).unwrap();
        let key = page.get(b"StructParents").unwrap().as_i64().unwrap();
        page.set("StructParents", key - first_keys);
        for annotation in annotations {
            let annotation = doc.get_dictionary_mut(annotation).unwrap();
            let key = annotation.get(b"StructParent").unwrap().as_i64().unwrap();
            annotation.set("StructParent", key - first_keys);
        }
    }
    let mut broken = Vec::new();
    doc.save_to(&mut broken).unwrap();
    let problems = check_tags(&broken).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("uses the parent tree key")),
        "{problems:#?}"
    );
}

#[test]
fn the_tag_check_fails_when_a_part_is_left_out_of_the_structure_tree() {
    let joined = join_parts(&parts(2, 40)).unwrap();
    let mut doc = Document::load_mem(&joined).unwrap();
    let root = doc
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    let document = doc
        .get_dictionary(root)
        .unwrap()
        .get(b"K")
        .unwrap()
        .as_array()
        .unwrap()[0]
        .as_reference()
        .unwrap();
    let Object::Array(kids) = doc
        .get_dictionary_mut(document)
        .unwrap()
        .get_mut(b"K")
        .unwrap()
    else {
        panic!("the Document element has kids");
    };
    let half = kids.len() / 2;
    kids.truncate(half);
    let mut broken = Vec::new();
    doc.save_to(&mut broken).unwrap();
    let problems = check_tags(&broken).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("belongs to no structure element")),
        "{problems:#?}"
    );
}

#[test]
fn page_labels_continue_across_the_parts() {
    let parts = numbered_parts(3, 120);
    let labels = |pdf: &[u8]| {
        let doc = Document::load_mem(pdf).unwrap();
        let tree = doc.catalog().unwrap().get(b"PageLabels").unwrap().clone();
        let labels: Vec<(i64, String)> = super::trees::number_tree(&doc, &tree)
            .unwrap()
            .into_iter()
            .map(|(key, label)| {
                let label = super::trees::dict(&doc, &label).unwrap();
                let start = label.get(b"St").map_or(1, |s| s.as_i64().unwrap());
                (
                    key,
                    format!(
                        "{}{start}",
                        String::from_utf8_lossy(label.get(b"S").unwrap().as_name().unwrap())
                    ),
                )
            })
            .collect();
        (doc.get_pages().len(), labels)
    };
    let (first_pages, first_labels) = labels(&parts[0]);
    let (second_pages, second_labels) = labels(&parts[1]);
    let (_, third_labels) = labels(&parts[2]);
    let (_, joined) = labels(&join_parts(&parts).unwrap());
    let offset = |labels: Vec<(i64, String)>, by: usize| {
        labels
            .into_iter()
            .map(move |(key, label)| (key + i64::try_from(by).unwrap(), label))
    };
    let expected: Vec<_> = first_labels
        .into_iter()
        .chain(offset(second_labels, first_pages))
        .chain(offset(third_labels, first_pages + second_pages))
        .collect();
    assert_eq!(joined, expected);
    let first_page_of_second = i64::try_from(first_pages).unwrap();
    assert!(
        joined.contains(&(
            first_page_of_second,
            format!("D{}", first_page_of_second + 1)
        )),
        "the second part's first page is labelled as its place in the whole: {joined:?}"
    );
}

/// Each part has a destination named `top`; the later parts' are renamed, and each
/// part's link still goes to its own part's top.
#[test]
fn named_destinations_that_collide_are_renamed_and_links_follow() {
    let parts = parts(3, 120);
    let first_pages: Vec<usize> = parts
        .iter()
        .scan(0, |first, part| {
            let this = *first;
            *first += Document::load_mem(part).unwrap().get_pages().len();
            Some(this)
        })
        .collect();
    let joined = join_parts(&parts).unwrap();
    let doc = Document::load_mem(&joined).unwrap();
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    let names = doc
        .catalog()
        .unwrap()
        .get(b"Names")
        .unwrap()
        .as_dict()
        .unwrap();
    let dests = super::trees::name_tree(&doc, names.get(b"Dests").unwrap()).unwrap();
    let target_page = |name: &[u8]| {
        let (_, dest) = dests.iter().find(|(n, _)| n == name).unwrap();
        let page = super::trees::resolve(&doc, dest).as_array().unwrap()[0]
            .as_reference()
            .unwrap();
        pages.iter().position(|p| *p == page).unwrap()
    };
    let mut links = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        for annotation in doc.get_page_annotations(*page).unwrap() {
            if let Ok(Object::String(name, _)) = annotation.get(b"Dest") {
                links.push((
                    String::from_utf8_lossy(name).into_owned(),
                    index,
                    target_page(name),
                ));
            }
        }
    }
    let names: Vec<&str> = links.iter().map(|(name, _, _)| name.as_str()).collect();
    assert_eq!(names, ["top", "top-part2", "top-part3"]);
    for ((_, _, target), first) in links.iter().zip(first_pages) {
        assert_eq!(*target, first, "{links:?}");
    }
}

/// Typst names the table headers of every part alike (`U1x0y0`…); the later parts'
/// are renamed, and their cells' `/Headers` with them.
#[test]
fn table_header_ids_that_collide_are_renamed_with_the_cells_that_name_them() {
    let joined = join_parts(&parts(2, 40)).unwrap();
    check_tags(&joined).unwrap_or_else(|problems| panic!("{problems:#?}"));
    let doc = Document::load_mem(&joined).unwrap();
    let root = doc
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    let tree = doc.get_dictionary(root).unwrap().get(b"IDTree").unwrap();
    let ids: Vec<String> = super::trees::name_tree(&doc, tree)
        .unwrap()
        .into_iter()
        .map(|(id, _)| String::from_utf8(id).unwrap())
        .collect();
    assert_eq!(ids, ["U1x0y0", "U1x0y0-part2", "U1x1y0", "U1x1y0-part2"]);
    let cells_naming = |id: &str| {
        let needle = format!("/Headers[({id})]");
        joined
            .windows(needle.len())
            .filter(|w| *w == needle.as_bytes())
            .count()
    };
    assert_eq!(
        (cells_naming("U1x0y0"), cells_naming("U1x0y0-part2")),
        (1, 1),
        "each part's cell names its own part's header"
    );
}

#[test]
fn archival_parts_stay_archival_and_tagged() {
    let parts = archival_parts(2, 60);
    let joined = join_parts(&parts).unwrap();
    check_tags(&joined).unwrap_or_else(|problems| panic!("{problems:#?}"));
    let doc = Document::load_mem(&joined).unwrap();
    assert!(
        doc.catalog().unwrap().has(b"OutputIntents"),
        "the first part's output intent"
    );
    let xmp = xmp_of(&doc);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
}

/// The document's XMP metadata, as text.
fn xmp_of(doc: &Document) -> String {
    let metadata = doc
        .catalog()
        .unwrap()
        .get(b"Metadata")
        .unwrap()
        .as_reference()
        .unwrap();
    let xmp = doc
        .get_object(metadata)
        .unwrap()
        .as_stream()
        .unwrap()
        .get_plain_content()
        .unwrap();
    String::from_utf8(xmp).unwrap()
}

fn first_key_count(pdf: &[u8]) -> i64 {
    let doc = Document::load_mem(pdf).unwrap();
    let root = doc
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    doc.get_dictionary(root)
        .unwrap()
        .get(b"ParentTreeNextKey")
        .unwrap()
        .as_i64()
        .unwrap()
}
