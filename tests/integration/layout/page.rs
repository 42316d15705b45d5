//! The text runs of each page, read from the content streams: where each starts and ends,
//! its baseline, its effective size (the `Tf` size times the scale of the text matrix and
//! the current transform) and the marked-content id it belongs to.

use std::collections::HashMap;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::Font;

/// One text-showing operator's glyphs, in page space (points, y upwards).
#[derive(Debug, Clone)]
pub struct Run {
    pub x0: f64,
    pub x1: f64,
    pub baseline: f64,
    pub size: f64,
    pub text: String,
    /// The marked-content id, for tagged content; `None` for artifacts (the footer).
    pub mcid: Option<i64>,
}

impl Run {
    /// The run's box: from below the descenders to the top of the capitals.
    pub fn bottom(&self) -> f64 {
        self.baseline - 0.2 * self.size
    }

    pub fn top(&self) -> f64 {
        self.baseline + 0.7 * self.size
    }
}

/// A page and its text runs.
pub struct Page {
    pub id: ObjectId,
    pub width: f64,
    pub height: f64,
    pub runs: Vec<Run>,
}

/// Every page of a PDF, in order.
pub fn pages(document: &Document) -> Vec<Page> {
    document
        .get_pages()
        .into_values()
        .map(|id| {
            let dict = document.get_dictionary(id).expect("a page");
            let media: Vec<f64> = dict
                .get(b"MediaBox")
                .and_then(Object::as_array)
                .expect("a MediaBox")
                .iter()
                .map(|n| f64::from(n.as_float().expect("a number")))
                .collect();
            let content = document.get_and_decode_page_content(id).expect("content");
            let mut reader = Reader::new(document, resources(document, id), IDENTITY);
            reader.run(&content.operations, 0);
            Page {
                id,
                width: media[2] - media[0],
                height: media[3] - media[1],
                runs: reader.runs,
            }
        })
        .collect()
}

fn resources(document: &Document, page: ObjectId) -> Vec<&Dictionary> {
    let (direct, inherited) = document.get_page_resources(page).expect("resources");
    direct
        .into_iter()
        .chain(
            inherited
                .into_iter()
                .filter_map(|id| document.get_dictionary(id).ok()),
        )
        .collect()
}

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` applied first, then `b`.
fn then(a: Matrix, b: Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn scale(m: Matrix) -> f64 {
    (m[0] * m[3] - m[1] * m[2]).abs().sqrt()
}

fn matrix(operands: &[Object]) -> Matrix {
    let n = |i: usize| {
        operands
            .get(i)
            .and_then(|o| o.as_float().ok())
            .map_or(0.0, f64::from)
    };
    [n(0), n(1), n(2), n(3), n(4), n(5)]
}

/// What an open marked-content sequence says about the content inside.
#[derive(Clone, Copy)]
enum Mark {
    Id(i64),
    Artifact,
    Other,
}

struct Reader<'a> {
    document: &'a Document,
    resources: Vec<&'a Dictionary>,
    fonts: HashMap<Vec<u8>, Font>,
    stack: Vec<Matrix>,
    ctm: Matrix,
    tm: Matrix,
    tlm: Matrix,
    font: Vec<u8>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    marks: Vec<Mark>,
    runs: Vec<Run>,
}

impl<'a> Reader<'a> {
    fn new(document: &'a Document, resources: Vec<&'a Dictionary>, ctm: Matrix) -> Self {
        Self {
            document,
            resources,
            fonts: HashMap::new(),
            stack: Vec::new(),
            ctm,
            tm: IDENTITY,
            tlm: IDENTITY,
            font: Vec::new(),
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            marks: Vec::new(),
            runs: Vec::new(),
        }
    }

    fn resource(&self, category: &[u8], name: &[u8]) -> Option<&'a Object> {
        self.resources.iter().find_map(|resources| {
            let (_, category) = self
                .document
                .dereference(resources.get(category).ok()?)
                .ok()?;
            let (_, object) = self
                .document
                .dereference(category.as_dict().ok()?.get(name).ok()?)
                .ok()?;
            Some(object)
        })
    }

    fn run(&mut self, operations: &[Operation], depth: usize) {
        for operation in operations {
            let operands = &operation.operands;
            let number = |i: usize| {
                operands
                    .get(i)
                    .and_then(|o| o.as_float().ok())
                    .map_or(0.0, f64::from)
            };
            match operation.operator.as_str() {
                "q" => self.stack.push(self.ctm),
                "Q" => self.ctm = self.stack.pop().unwrap_or(IDENTITY),
                "cm" => self.ctm = then(matrix(operands), self.ctm),
                "BT" => (self.tm, self.tlm) = (IDENTITY, IDENTITY),
                "Tf" => {
                    self.font = operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .unwrap_or_default()
                        .to_vec();
                    self.size = number(1);
                }
                "Tc" => self.char_spacing = number(0),
                "Tw" => self.word_spacing = number(0),
                "Td" | "TD" => {
                    self.tlm = then([1.0, 0.0, 0.0, 1.0, number(0), number(1)], self.tlm);
                    self.tm = self.tlm;
                }
                "Tm" => (self.tm, self.tlm) = (matrix(operands), matrix(operands)),
                "Tj" => self.show(operands.first().into_iter().collect()),
                "TJ" => self.show(
                    operands
                        .first()
                        .and_then(|o| o.as_array().ok())
                        .map(|a| a.iter().collect())
                        .unwrap_or_default(),
                ),
                "BDC" => {
                    let tag = operands.first().and_then(|o| o.as_name().ok());
                    let properties = match operands.get(1) {
                        Some(Object::Name(name)) => self.resource(b"Properties", name),
                        other => other,
                    };
                    let id = properties
                        .and_then(|p| p.as_dict().ok())
                        .and_then(|p| p.get(b"MCID").ok())
                        .and_then(|id| id.as_i64().ok());
                    self.marks.push(match (tag, id) {
                        (Some(b"Artifact"), _) => Mark::Artifact,
                        (_, Some(id)) => Mark::Id(id),
                        _ => Mark::Other,
                    });
                }
                "BMC" => self.marks.push(
                    if operands.first().and_then(|o| o.as_name().ok()) == Some(b"Artifact") {
                        Mark::Artifact
                    } else {
                        Mark::Other
                    },
                ),
                "EMC" => {
                    self.marks.pop();
                }
                "Do" => {
                    if let Some(name) = operands.first().and_then(|o| o.as_name().ok()) {
                        self.form(name, depth);
                    }
                }
                _ => {}
            }
        }
    }

    fn mcid(&self) -> Option<i64> {
        self.marks.iter().rev().find_map(|mark| match mark {
            Mark::Id(id) => Some(Some(*id)),
            Mark::Artifact => Some(None),
            Mark::Other => None,
        })?
    }

    /// Shows the strings and adjustments of a `TJ` (or the one string of a `Tj`).
    fn show(&mut self, items: Vec<&Object>) {
        if !self.fonts.contains_key(&self.font) {
            let dict = self
                .resource(b"Font", &self.font)
                .and_then(|f| f.as_dict().ok());
            let font = Font::new(self.document, dict);
            self.fonts.insert(self.font.clone(), font);
        }
        let font = &self.fonts[&self.font];
        let start = then(self.tm, self.ctm);
        let mut text = String::new();
        for item in items {
            if let Ok(adjust) = item.as_float() {
                let distance = -f64::from(adjust) / 1000.0 * self.size;
                self.tm = then([1.0, 0.0, 0.0, 1.0, distance, 0.0], self.tm);
                continue;
            }
            let Ok(bytes) = item.as_str() else { continue };
            for code in font.codes(bytes) {
                text.push_str(font.text(code));
                let space = if code == 32 { self.word_spacing } else { 0.0 };
                let advance = font.width(code) / 1000.0 * self.size + self.char_spacing + space;
                self.tm = then([1.0, 0.0, 0.0, 1.0, advance, 0.0], self.tm);
            }
        }
        let end = then(self.tm, self.ctm);
        if text.trim().is_empty() {
            return;
        }
        self.runs.push(Run {
            x0: start[4].min(end[4]),
            x1: start[4].max(end[4]),
            baseline: start[5],
            size: self.size * scale(start),
            text,
            mcid: self.mcid(),
        });
    }

    /// Reads a form XObject's content with its own resources and matrix.
    fn form(&mut self, name: &[u8], depth: usize) {
        let Some(stream) = self
            .resource(b"XObject", name)
            .and_then(|o| o.as_stream().ok())
        else {
            return;
        };
        let is_form = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"Form");
        if !is_form || depth >= 8 {
            return;
        }
        let content = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let Ok(content) = Content::decode(&content) else {
            return;
        };
        let form_matrix = stream
            .dict
            .get(b"Matrix")
            .and_then(Object::as_array)
            .map_or(IDENTITY, |m| matrix(m));
        let mut resources: Vec<&Dictionary> = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| self.document.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok())
            .into_iter()
            .collect();
        resources.extend(self.resources.iter().copied());
        let mut inner = Reader::new(self.document, resources, then(form_matrix, self.ctm));
        inner.marks = self.marks.clone();
        inner.run(&content.operations, depth + 1);
        self.runs.extend(inner.runs);
    }
}
