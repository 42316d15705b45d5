//! A PDF's page content read back with lopdf: each piece of text shown (decoded through
//! its font's ToUnicode map, with its type size and whether it is marked as an artifact
//! or as tagged content), and each stroked path, in points from the bottom left.

use std::collections::BTreeMap;

use lopdf::content::{Content, Operation};
use lopdf::{Document, Encoding, Object, ObjectId};

/// A piece of text shown on a page.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The text, decoded to Unicode.
    pub text: String,
    /// The type size in points: the `Tf` size scaled by the text matrix and the CTM.
    pub size: f64,
    /// Whether it is inside `/Artifact` marked content (not read aloud).
    pub artifact: bool,
    /// Whether it is inside marked content with an MCID (part of the structure tree).
    pub tagged: bool,
    /// `/ActualText` of any marked content around it.
    pub actual_text: Vec<String>,
}

/// A stroked path: its points in page space, and whether it is an artifact.
#[derive(Debug, Clone)]
pub struct Stroke {
    /// The points of the path, in points from the page's bottom left.
    pub points: Vec<(f64, f64)>,
    /// Whether it is inside `/Artifact` marked content.
    pub artifact: bool,
}

/// What one page's content holds.
#[derive(Debug, Default)]
pub struct PageContent {
    /// Every piece of text, in content order.
    pub shown: Vec<Shown>,
    /// Every stroked path.
    pub strokes: Vec<Stroke>,
}

/// Reads every page's content.
pub fn read_pages(pdf: &[u8]) -> Vec<PageContent> {
    let doc = Document::load_mem(pdf).expect("a readable PDF");
    doc.get_pages()
        .values()
        .map(|&page| read_page(&doc, page))
        .collect()
}

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b`: the matrix that applies `a` first.
fn multiply(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, (x, y): (f64, f64)) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn number(object: &Object) -> f64 {
    object.as_float().map(f64::from).expect("a number operand")
}

fn matrix(operands: &[Object]) -> Matrix {
    let n: Vec<f64> = operands.iter().map(number).collect();
    [n[0], n[1], n[2], n[3], n[4], n[5]]
}

/// One level of marked content.
struct Marked {
    artifact: bool,
    tagged: bool,
    actual_text: Option<String>,
}

struct State<'a> {
    doc: &'a Document,
    fonts: BTreeMap<Vec<u8>, Encoding<'a>>,
    properties: BTreeMap<Vec<u8>, &'a lopdf::Dictionary>,
    ctm: Matrix,
    saved: Vec<Matrix>,
    tm: Matrix,
    line: Matrix,
    leading: f64,
    font: Vec<u8>,
    font_size: f64,
    marked: Vec<Marked>,
    path: Vec<(f64, f64)>,
    page: PageContent,
}

fn read_page(doc: &Document, page: ObjectId) -> PageContent {
    let fonts = doc
        .get_page_fonts(page)
        .expect("the page's fonts")
        .into_iter()
        .map(|(name, font)| (name, font.get_font_encoding(doc).expect("an encoding")))
        .collect();
    let properties = page_properties(doc, page);
    let content = doc.get_and_decode_page_content(page).expect("page content");
    let mut state = State {
        doc,
        fonts,
        properties,
        ctm: IDENTITY,
        saved: Vec::new(),
        tm: IDENTITY,
        line: IDENTITY,
        leading: 0.0,
        font: Vec::new(),
        font_size: 0.0,
        marked: Vec::new(),
        path: Vec::new(),
        page: PageContent::default(),
    };
    run(&mut state, &content);
    state.page
}

fn page_properties(doc: &Document, page: ObjectId) -> BTreeMap<Vec<u8>, &lopdf::Dictionary> {
    fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
        doc.dereference(o).ok().map(|(_, o)| o)
    }
    let Ok((Some(resources), _)) = doc.get_page_resources(page) else {
        return BTreeMap::new();
    };
    let Some(properties) = resources
        .get(b"Properties")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
    else {
        return BTreeMap::new();
    };
    properties
        .iter()
        .filter_map(|(name, o)| Some((name.clone(), deref(doc, o)?.as_dict().ok()?)))
        .collect()
}

fn run(state: &mut State<'_>, content: &Content<Vec<Operation>>) {
    for op in &content.operations {
        let o = &op.operands;
        match op.operator.as_str() {
            "q" => state.saved.push(state.ctm),
            "Q" => state.ctm = state.saved.pop().expect("balanced q/Q"),
            "cm" => state.ctm = multiply(&matrix(o), &state.ctm),
            "BT" => {
                state.tm = IDENTITY;
                state.line = IDENTITY;
            }
            "Tm" => {
                state.tm = matrix(o);
                state.line = state.tm;
            }
            "Td" | "TD" => {
                if op.operator == "TD" {
                    state.leading = -number(&o[1]);
                }
                let moved = [1.0, 0.0, 0.0, 1.0, number(&o[0]), number(&o[1])];
                state.line = multiply(&moved, &state.line);
                state.tm = state.line;
            }
            "TL" => state.leading = number(&o[0]),
            "T*" => next_line(state),
            "Tf" => {
                state.font = o[0].as_name().expect("a font name").to_vec();
                state.font_size = number(&o[1]);
            }
            "Tj" | "TJ" => show(state, o),
            "'" | "\"" => {
                next_line(state);
                show(state, &o[o.len() - 1..]);
            }
            "BDC" | "BMC" => begin_marked(state, o),
            "EMC" => {
                state.marked.pop().expect("balanced BDC/EMC");
            }
            "m" | "l" => {
                let point = apply(&state.ctm, (number(&o[0]), number(&o[1])));
                state.path.push(point);
            }
            "re" => {
                let (x, y, w, h) = (number(&o[0]), number(&o[1]), number(&o[2]), number(&o[3]));
                for corner in [(x, y), (x + w, y), (x + w, y + h), (x, y + h)] {
                    let point = apply(&state.ctm, corner);
                    state.path.push(point);
                }
            }
            "S" | "s" | "B" | "B*" | "b" | "b*" => {
                let points = std::mem::take(&mut state.path);
                let artifact = state.marked.iter().any(|m| m.artifact);
                state.page.strokes.push(Stroke { points, artifact });
            }
            "f" | "F" | "f*" | "n" => state.path.clear(),
            _ => {}
        }
    }
}

fn next_line(state: &mut State<'_>) {
    let moved = [1.0, 0.0, 0.0, 1.0, 0.0, -state.leading];
    state.line = multiply(&moved, &state.line);
    state.tm = state.line;
}

fn begin_marked(state: &mut State<'_>, operands: &[Object]) {
    let tag = operands[0].as_name().expect("a tag");
    let properties = operands.get(1).and_then(|o| match o {
        Object::Dictionary(d) => Some(d),
        Object::Name(name) => state.properties.get(name).copied(),
        _ => None,
    });
    let actual_text = properties
        .and_then(|p| p.get(b"ActualText").ok())
        .and_then(|o| state.doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_str().ok())
        .map(text_string);
    state.marked.push(Marked {
        artifact: tag == b"Artifact",
        tagged: properties.is_some_and(|p| p.has(b"MCID")),
        actual_text,
    });
}

fn show(state: &mut State<'_>, operands: &[Object]) {
    let encoding = state.fonts.get(&state.font).expect("a font set with Tf");
    let mut text = String::new();
    let mut add = |bytes: &[u8]| {
        text.push_str(&Document::decode_text(encoding, bytes).expect("decodable text"));
    };
    match &operands[0] {
        Object::Array(parts) => {
            for part in parts {
                if let Object::String(bytes, _) = part {
                    add(bytes);
                }
            }
        }
        Object::String(bytes, _) => add(bytes),
        other => panic!("unexpected text operand {other:?}"),
    }
    let m = multiply(&state.tm, &state.ctm);
    let scale = (m[0] * m[3] - m[1] * m[2]).abs().sqrt();
    state.page.shown.push(Shown {
        text,
        size: state.font_size * scale,
        artifact: state.marked.iter().any(|m| m.artifact),
        tagged: state.marked.iter().any(|m| m.tagged),
        actual_text: state
            .marked
            .iter()
            .filter_map(|m| m.actual_text.clone())
            .collect(),
    });
}

/// A PDF text string: UTF-16BE after a byte order mark, else PDFDocEncoding (here ASCII).
pub fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Every `/ActualText` and `/Alt` in the structure tree.
pub fn structure_texts(pdf: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(pdf).expect("a readable PDF");
    let mut texts = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if !dict.has(b"S") || !dict.has(b"P") {
            continue;
        }
        for key in [&b"ActualText"[..], b"Alt", b"E"] {
            if let Ok(Object::String(bytes, _)) = dict.get(key) {
                texts.push(text_string(bytes));
            }
        }
    }
    texts
}
