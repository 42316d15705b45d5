//! The parts of a tagged PDF's structure tree the layout tests need: which marked content
//! belongs to a heading, and where each figure (a QR code) is, with its alt text.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId};

/// A figure: its page, its box in page space (x0, y0, x1, y1) and its alt text.
#[derive(Debug, Clone)]
pub struct Figure {
    pub page: ObjectId,
    pub bbox: [f64; 4],
    pub alt: String,
}

/// Headings by (page, marked-content id), and every figure.
#[derive(Default)]
pub struct Structure {
    /// (page, MCID) → the heading's level and title.
    pub headings: HashMap<(ObjectId, i64), (u8, String)>,
    pub figures: Vec<Figure>,
}

/// Reads the structure tree of a tagged PDF.
pub fn structure(document: &Document) -> Structure {
    let mut out = Structure::default();
    let root = document
        .catalog()
        .ok()
        .and_then(|c| c.get(b"StructTreeRoot").ok())
        .and_then(|r| document.dereference(r).ok())
        .and_then(|(_, r)| r.as_dict().ok())
        .expect("a tagged PDF has a structure tree");
    if let Ok(kids) = root.get(b"K") {
        walk(document, kids, None, None, &mut out, 0);
    }
    out
}

fn text(object: &Object) -> Option<String> {
    lopdf::decode_text_string(object).ok()
}

/// Visits a kid (an element, a marked-content id or reference, or an array of kids),
/// inside the heading `heading` (level and title) if any, on page `page`.
fn walk(
    document: &Document,
    kid: &Object,
    heading: Option<&(u8, String)>,
    page: Option<ObjectId>,
    out: &mut Structure,
    depth: usize,
) {
    if depth > 200 {
        return;
    }
    match kid {
        Object::Integer(mcid) => {
            if let (Some(heading), Some(page)) = (heading, page) {
                out.headings.insert((page, *mcid), heading.clone());
            }
        }
        Object::Array(kids) => {
            for kid in kids {
                walk(document, kid, heading, page, out, depth + 1);
            }
        }
        Object::Reference(id) => {
            if let Ok(object) = document.get_object(*id) {
                walk(document, object, heading, page, out, depth + 1);
            }
        }
        Object::Dictionary(dict) => element(document, dict, heading, page, out, depth),
        _ => {}
    }
}

fn element(
    document: &Document,
    dict: &Dictionary,
    heading: Option<&(u8, String)>,
    page: Option<ObjectId>,
    out: &mut Structure,
    depth: usize,
) {
    let page = dict.get(b"Pg").and_then(Object::as_reference).ok().or(page);
    if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"MCR") {
        if let Ok(mcid) = dict.get(b"MCID") {
            walk(document, mcid, heading, page, out, depth + 1);
        }
        return;
    }
    let kind = dict.get(b"S").and_then(Object::as_name).unwrap_or_default();
    let own = match kind {
        [b'H', level @ b'1'..=b'6'] => {
            let title = dict.get(b"T").ok().and_then(text).unwrap_or_default();
            Some((level - b'0', title.trim().to_owned()))
        }
        _ => None,
    };
    if kind == b"Figure"
        && let (Some(page), Some(alt), Some(bbox)) = (
            page,
            dict.get(b"Alt").ok().and_then(text),
            figure_box(document, dict),
        )
    {
        out.figures.push(Figure { page, bbox, alt });
    }
    if let Ok(kids) = dict.get(b"K") {
        walk(
            document,
            kids,
            own.as_ref().or(heading),
            page,
            out,
            depth + 1,
        );
    }
}

/// The `BBox` of a figure's layout attributes.
fn figure_box(document: &Document, dict: &Dictionary) -> Option<[f64; 4]> {
    let attributes = dict.get(b"A").ok()?;
    let (_, attributes) = document.dereference(attributes).ok()?;
    let list: Vec<&Object> = match attributes {
        Object::Array(list) => list.iter().collect(),
        other => vec![other],
    };
    list.into_iter().find_map(|a| {
        let (_, a) = document.dereference(a).ok()?;
        let values = a.as_dict().ok()?.get(b"BBox").ok()?.as_array().ok()?;
        let n = |i: usize| values.get(i)?.as_float().ok().map(f64::from);
        Some([n(0)?, n(1)?, n(2)?, n(3)?])
    })
}
