//! A PDF's page content read back with the parts of guidepress's own PDF reader (fonts
//! through their ToUnicode maps, transforms, form XObjects): each piece of text shown, with
//! where it sits, its type size and the marked content around it, and each stroked path,
//! in points from the bottom left.

use guidepress::render::pdf::text::content::{Fonts, Step, TextState, number};
use guidepress::render::pdf::text::matrix::Matrix;
use guidepress::render::pdf::text::{MAX_FORM_DEPTH, form, page_resources, resource};
use lopdf::content::Operation;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// A piece of text shown on a page: the glyphs of one text-showing operator.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The text, decoded to Unicode.
    pub text: String,
    /// Where it starts and ends, left to right, in page space.
    pub x0: f64,
    pub x1: f64,
    /// Its baseline, in page space.
    pub baseline: f64,
    /// The type size in points: the `Tf` size scaled by the text matrix and the CTM.
    pub size: f64,
    /// Whether it is inside `/Artifact` marked content (not read aloud).
    pub artifact: bool,
    /// Whether it is inside marked content with an MCID (part of the structure tree).
    pub tagged: bool,
    /// The innermost marked-content id; `None` for artifacts (the footer) and untagged text.
    pub mcid: Option<i64>,
    /// `/ActualText` of any marked content around it.
    pub actual_text: Vec<String>,
}

impl Shown {
    /// The bottom of the text's box, below the descenders.
    pub fn bottom(&self) -> f64 {
        self.baseline - 0.2 * self.size
    }

    /// The top of the text's box, at the top of the capitals.
    pub fn top(&self) -> f64 {
        self.baseline + 0.7 * self.size
    }
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
#[derive(Debug)]
pub struct PageContent {
    /// The page object.
    pub id: ObjectId,
    /// The size of its media box, in points.
    pub width: f64,
    pub height: f64,
    /// Every piece of text, in content order.
    pub shown: Vec<Shown>,
    /// Every stroked path.
    pub strokes: Vec<Stroke>,
}

/// Reads every page's content.
pub fn read_pages(pdf: &[u8]) -> Vec<PageContent> {
    pages(&Document::load_mem(pdf).expect("a readable PDF"))
}

/// Every page of a PDF, in order.
pub fn pages(document: &Document) -> Vec<PageContent> {
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
            let mut reader = Reader::new(document, page_resources(document, id), Matrix::IDENTITY);
            reader.run(&content.operations, 0);
            PageContent {
                id,
                width: media[2] - media[0],
                height: media[3] - media[1],
                shown: reader.shown,
                strokes: reader.strokes,
            }
        })
        .collect()
}

/// The point (`x`, `y`) moved by `m`.
fn apply(m: Matrix, (x, y): (f64, f64)) -> (f64, f64) {
    let moved = Matrix::translate(x, y).then(m);
    (moved.0[4], moved.0[5])
}

/// One level of marked content.
#[derive(Clone)]
struct Mark {
    artifact: bool,
    mcid: Option<i64>,
    actual_text: Option<String>,
}

/// The text state while a content stream is read, its marked content and its paths.
struct Reader<'a> {
    document: &'a Document,
    resources: Vec<&'a Dictionary>,
    fonts: Fonts,
    state: TextState,
    marks: Vec<Mark>,
    path: Vec<(f64, f64)>,
    shown: Vec<Shown>,
    strokes: Vec<Stroke>,
}

impl<'a> Reader<'a> {
    fn new(document: &'a Document, resources: Vec<&'a Dictionary>, ctm: Matrix) -> Self {
        Self {
            document,
            resources,
            fonts: Fonts::default(),
            state: TextState::new(ctm),
            marks: Vec::new(),
            path: Vec::new(),
            shown: Vec::new(),
            strokes: Vec::new(),
        }
    }

    fn run(&mut self, operations: &[Operation], depth: usize) {
        for operation in operations {
            match self.state.apply(operation) {
                Step::Show(items) => self.show(items),
                Step::BeginMarked(operands) => self.begin_marked(operands),
                Step::EndMarked => {
                    self.marks.pop();
                }
                Step::Draw(name) => self.form(name, depth),
                Step::Other(operation) => self.paint(operation),
                Step::Applied => {}
            }
        }
    }

    /// Collects the points of paths and keeps those that are stroked.
    fn paint(&mut self, operation: &Operation) {
        let number = |i: usize| number(&operation.operands, i);
        let ctm = self.state.ctm;
        match operation.operator.as_str() {
            "m" | "l" => self.path.push(apply(ctm, (number(0), number(1)))),
            "re" => {
                let (x, y, w, h) = (number(0), number(1), number(2), number(3));
                for corner in [(x, y), (x + w, y), (x + w, y + h), (x, y + h)] {
                    self.path.push(apply(ctm, corner));
                }
            }
            "S" | "s" | "B" | "B*" | "b" | "b*" => {
                let points = std::mem::take(&mut self.path);
                let artifact = self.marks.iter().any(|m| m.artifact);
                self.strokes.push(Stroke { points, artifact });
            }
            "f" | "F" | "f*" | "n" => self.path.clear(),
            _ => {}
        }
    }

    fn begin_marked(&mut self, operands: &[Object]) {
        let tag = operands.first().and_then(|o| o.as_name().ok());
        let properties = match operands.get(1) {
            Some(Object::Name(name)) => {
                resource(self.document, &self.resources, b"Properties", name)
            }
            other => other,
        }
        .and_then(|p| p.as_dict().ok());
        let get = |key: &[u8]| {
            let object = properties?.get(key).ok()?;
            self.document.dereference(object).ok().map(|(_, o)| o)
        };
        self.marks.push(Mark {
            artifact: tag == Some(b"Artifact"),
            mcid: get(b"MCID").and_then(|id| id.as_i64().ok()),
            actual_text: get(b"ActualText")
                .and_then(|t| t.as_str().ok())
                .map(text_string),
        });
    }

    /// The innermost marked-content id, unless an artifact is nearer.
    fn mcid(&self) -> Option<i64> {
        self.marks.iter().rev().find_map(|mark| match mark {
            Mark { artifact: true, .. } => Some(None),
            Mark { mcid: Some(id), .. } => Some(Some(*id)),
            _ => None,
        })?
    }

    /// Shows the strings and adjustments of a `TJ` (or the one string of a `Tj`).
    fn show(&mut self, items: Vec<&Object>) {
        let name = self.state.font.clone().unwrap_or_default();
        let font = self.fonts.get(self.document, &self.resources, &name);
        let start = self.state.origin();
        let mut text = String::new();
        for item in items {
            if let Ok(adjust) = item.as_float() {
                self.state.adjust(f64::from(adjust));
                continue;
            }
            let Ok(bytes) = item.as_str() else { continue };
            for code in font.codes(bytes) {
                text.push_str(font.text(code));
                self.state.advance_glyph(font, code);
            }
        }
        let end = self.state.origin();
        self.shown.push(Shown {
            text,
            x0: start.0[4].min(end.0[4]),
            x1: start.0[4].max(end.0[4]),
            baseline: start.0[5],
            size: self.state.size * start.scale(),
            artifact: self.marks.iter().any(|m| m.artifact),
            tagged: self.marks.iter().any(|m| m.mcid.is_some()),
            mcid: self.mcid(),
            actual_text: self
                .marks
                .iter()
                .filter_map(|m| m.actual_text.clone())
                .collect(),
        });
    }

    /// Reads a form XObject's content with its own resources and matrix.
    fn form(&mut self, name: &[u8], depth: usize) {
        if depth >= MAX_FORM_DEPTH {
            return;
        }
        let Ok(Some(form)) = form(self.document, &self.resources, name) else {
            return;
        };
        let ctm = form.matrix.then(self.state.ctm);
        let mut inner = Reader::new(self.document, form.resources, ctm);
        inner.marks.clone_from(&self.marks);
        inner.run(&form.operations, depth + 1);
        self.shown.extend(inner.shown);
        self.strokes.extend(inner.strokes);
    }
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
