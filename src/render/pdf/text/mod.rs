//! The text of a PDF as a reader copies it out, one line per baseline.
//!
//! Typst shapes some characters from several glyphs (a letter and a combining accent
//! when the font has no precomposed form) and then marks the glyphs with the text they
//! stand for (`/Span <</ActualText …>> BDC … EMC`). A glyph's own `ToUnicode` entry can
//! only say one thing for every use of it, so text extractors that ignore `ActualText`,
//! pdf-extract among them, read such a `Ĵ` as `J` and whatever the accent glyph was
//! first used for. This reader walks the content streams with lopdf, decodes glyphs
//! through each font's `ToUnicode` map, and puts the `ActualText` in place of the glyphs
//! it covers. Glyph widths give the gaps between words, and a baseline that moves
//! starts a new line.

pub mod content;
pub mod font;
pub mod matrix;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

use content::{Fonts, Step, TextState};
use matrix::Matrix;

/// The deepest nesting of form XObjects followed.
pub const MAX_FORM_DEPTH: usize = 8;

/// The text of every page, pages separated by a line break.
pub fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    let document = Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let mut text = Text::default();
    for (_, page) in document.get_pages() {
        let resources = page_resources(&document, page);
        let content = document
            .get_and_decode_page_content(page)
            .map_err(|e| e.to_string())?;
        text.last = None;
        text.out.push('\n');
        let mut reader = Reader::new(&document, resources, Matrix::IDENTITY);
        reader.run(&content.operations, &mut text, 0)?;
    }
    Ok(text.out)
}

/// The text read so far and where the last glyph ended.
#[derive(Default)]
struct Text {
    out: String,
    /// Baseline and right edge of the last glyph, in page space.
    last: Option<(f64, f64)>,
}

impl Text {
    /// Adds `text` for a glyph whose origin is at (`x`, `y`) in a font of `size`.
    fn place(&mut self, x: f64, y: f64, size: f64, text: &str) {
        if let Some((last_y, last_end)) = self.last {
            if (y - last_y).abs() > size * 0.3 {
                self.out.push('\n');
            } else if x > last_end + size * 0.1 || x < last_end - size {
                self.out.push(' ');
            }
        }
        self.out.push_str(text);
    }
}

/// A page's resource dictionaries, innermost first (a page inherits from its parents).
pub fn page_resources(document: &Document, page: ObjectId) -> Vec<&Dictionary> {
    let Ok((direct, inherited)) = document.get_page_resources(page) else {
        return Vec::new();
    };
    direct
        .into_iter()
        .chain(
            inherited
                .into_iter()
                .filter_map(|id| document.get_dictionary(id).ok()),
        )
        .collect()
}

/// The text state while a content stream is read, and what its marked content says.
struct Reader<'a> {
    document: &'a Document,
    resources: Vec<&'a Dictionary>,
    fonts: Fonts,
    state: TextState,
    /// For each open marked-content sequence: whether it carries `ActualText`.
    marked: Vec<bool>,
    /// `ActualText` waiting for the position of the first glyph it covers.
    pending: Option<String>,
}

impl<'a> Reader<'a> {
    fn new(document: &'a Document, resources: Vec<&'a Dictionary>, ctm: Matrix) -> Self {
        Self {
            document,
            resources,
            fonts: Fonts::default(),
            state: TextState::new(ctm),
            marked: Vec::new(),
            pending: None,
        }
    }

    fn run(
        &mut self,
        operations: &[Operation],
        text: &mut Text,
        depth: usize,
    ) -> Result<(), String> {
        for operation in operations {
            match self.state.apply(operation) {
                Step::Show(items) => {
                    for item in items {
                        match item.as_float() {
                            Ok(adjust) => self.state.adjust(f64::from(adjust)),
                            Err(_) => self.show_operand(item, text),
                        }
                    }
                }
                Step::BeginMarked(operands) => self.begin_marked(operands.get(1), text),
                Step::EndMarked => self.end_marked(text),
                Step::Draw(name) => self.form(name, text, depth)?,
                Step::Other(_) | Step::Applied => {}
            }
        }
        Ok(())
    }

    fn begin_marked(&mut self, properties: Option<&Object>, text: &mut Text) {
        let properties = match properties {
            Some(Object::Name(name)) => {
                resource(self.document, &self.resources, b"Properties", name)
            }
            other => other,
        };
        let actual = properties
            .and_then(|p| p.as_dict().ok())
            .and_then(|p| p.get(b"ActualText").ok())
            .and_then(|t| lopdf::decode_text_string(t).ok());
        let covered = self.marked.contains(&true);
        self.marked.push(actual.is_some());
        if let Some(actual) = actual.filter(|_| !covered) {
            self.flush(text);
            self.pending = Some(actual);
        }
    }

    fn end_marked(&mut self, text: &mut Text) {
        if self.marked.pop() == Some(true) && !self.marked.contains(&true) {
            // An ActualText that covered no glyph still says what is there.
            self.flush(text);
        }
    }

    fn flush(&mut self, text: &mut Text) {
        if let Some(pending) = self.pending.take() {
            text.out.push_str(&pending);
        }
    }

    fn show_operand(&mut self, operand: &Object, text: &mut Text) {
        let Ok(bytes) = operand.as_str() else {
            return;
        };
        let Some(name) = &self.state.font else {
            return;
        };
        let font = self.fonts.get(self.document, &self.resources, name);
        let covered = self.marked.contains(&true);
        for code in font.codes(bytes) {
            let origin = self.state.origin();
            let size = self.state.size * origin.scale();
            let (x, y) = (origin.0[4], origin.0[5]);
            let glyph = if covered {
                self.pending.take()
            } else {
                Some(font.text(code).to_owned())
            };
            if let Some(glyph) = glyph {
                text.place(x, y, size, &glyph);
            }
            self.state.advance_glyph(font, code);
            text.last = Some((y, self.state.origin().0[4]));
        }
    }

    /// Reads a form XObject's content with its own resources and matrix.
    fn form(&mut self, name: &[u8], text: &mut Text, depth: usize) -> Result<(), String> {
        if depth >= MAX_FORM_DEPTH {
            return Ok(());
        }
        let Some(form) = form(self.document, &self.resources, name)? else {
            return Ok(());
        };
        let ctm = form.matrix.then(self.state.ctm);
        let mut inner = Reader::new(self.document, form.resources, ctm);
        inner.run(&form.operations, text, depth + 1)
    }
}

/// A named entry of a resource category (`Font`, `XObject`, `Properties`), innermost first.
pub fn resource<'a>(
    document: &'a Document,
    resources: &[&'a Dictionary],
    category: &[u8],
    name: &[u8],
) -> Option<&'a Object> {
    resources.iter().find_map(|resources| {
        let (_, category) = document.dereference(resources.get(category).ok()?).ok()?;
        let (_, object) = document
            .dereference(category.as_dict().ok()?.get(name).ok()?)
            .ok()?;
        Some(object)
    })
}

/// A form XObject, ready to be read: its operations, matrix and resources.
pub struct Form<'a> {
    /// The operations of its content stream.
    pub operations: Vec<Operation>,
    /// Its `/Matrix`, form space to the space it is drawn in.
    pub matrix: Matrix,
    /// Its own resources, then those it is drawn with.
    pub resources: Vec<&'a Dictionary>,
}

/// The form XObject `name` of `resources`; `None` for a missing one or an image.
pub fn form<'a>(
    document: &'a Document,
    resources: &[&'a Dictionary],
    name: &[u8],
) -> Result<Option<Form<'a>>, String> {
    let Some(stream) =
        resource(document, resources, b"XObject", name).and_then(|o| o.as_stream().ok())
    else {
        return Ok(None);
    };
    let is_form = stream
        .dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|s| s == b"Form");
    if !is_form {
        return Ok(None);
    }
    let content = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let operations = Content::decode(&content)
        .map_err(|e| e.to_string())?
        .operations;
    let matrix = stream
        .dict
        .get(b"Matrix")
        .and_then(Object::as_array)
        .map_or(Matrix::IDENTITY, |m| Matrix::from_operands(m));
    let mut own: Vec<&Dictionary> = stream
        .dict
        .get(b"Resources")
        .ok()
        .and_then(|r| document.dereference(r).ok())
        .and_then(|(_, r)| r.as_dict().ok())
        .into_iter()
        .collect();
    own.extend(resources.iter().copied());
    Ok(Some(Form {
        operations,
        matrix,
        resources: own,
    }))
}
