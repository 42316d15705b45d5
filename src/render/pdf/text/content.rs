//! Walking a content stream: the graphics and text state every reader of it needs (where
//! the next glyph lands, in which font and size), kept in one place, and the operators that
//! are not about that state handed back for the reader to act on.

use std::collections::HashMap;

use lopdf::content::Operation;
use lopdf::{Dictionary, Document, Object};

use super::font::Font;
use super::matrix::Matrix;
use super::resource;

/// An operator that does not change where text lands, for the reader to act on.
pub enum Step<'o> {
    /// Text to show: the strings and number adjustments of a `TJ`, or the one string of
    /// a `Tj`, `'` or `"` (whose move to the next line is already made).
    Show(Vec<&'o Object>),
    /// `BDC` or `BMC`: a marked-content sequence begins; its operands (tag, properties).
    BeginMarked(&'o [Object]),
    /// `EMC`: the innermost marked-content sequence ends.
    EndMarked,
    /// `Do`: the XObject of this name is drawn.
    Draw(&'o [u8]),
    /// Anything else (paths, colours …).
    Other(&'o Operation),
    /// An operator of the state, already applied.
    Applied,
}

/// The graphics and text state of one content stream.
pub struct TextState {
    stack: Vec<Matrix>,
    /// The current transformation matrix.
    pub ctm: Matrix,
    tm: Matrix,
    tlm: Matrix,
    /// The resource name of the current font.
    pub font: Option<Vec<u8>>,
    /// The `Tf` size.
    pub size: f64,
    char_spacing: f64,
    word_spacing: f64,
    horizontal_scale: f64,
    leading: f64,
}

impl TextState {
    /// The state at the start of a stream drawn with `ctm`.
    pub fn new(ctm: Matrix) -> Self {
        Self {
            stack: Vec::new(),
            ctm,
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
        }
    }

    /// Applies `operation` when it is about the state; otherwise says what it is.
    pub fn apply<'o>(&mut self, operation: &'o Operation) -> Step<'o> {
        let operands = &operation.operands;
        let number = |i: usize| number(operands, i);
        match operation.operator.as_str() {
            "q" => self.stack.push(self.ctm),
            "Q" => self.ctm = self.stack.pop().unwrap_or(Matrix::IDENTITY),
            "cm" => self.ctm = Matrix::from_operands(operands).then(self.ctm),
            "BT" => (self.tm, self.tlm) = (Matrix::IDENTITY, Matrix::IDENTITY),
            "Tf" => {
                self.font = operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec);
                self.size = number(1);
            }
            "Tc" => self.char_spacing = number(0),
            "Tw" => self.word_spacing = number(0),
            "Tz" => self.horizontal_scale = number(0) / 100.0,
            "TL" => self.leading = number(0),
            "Td" => self.next_line(number(0), number(1)),
            "TD" => {
                self.leading = -number(1);
                self.next_line(number(0), number(1));
            }
            "Tm" => {
                let matrix = Matrix::from_operands(operands);
                (self.tm, self.tlm) = (matrix, matrix);
            }
            "T*" => self.next_line(0.0, -self.leading),
            "Tj" => return Step::Show(operands.first().into_iter().collect()),
            "'" => {
                self.next_line(0.0, -self.leading);
                return Step::Show(operands.first().into_iter().collect());
            }
            "\"" => {
                (self.word_spacing, self.char_spacing) = (number(0), number(1));
                self.next_line(0.0, -self.leading);
                return Step::Show(operands.get(2).into_iter().collect());
            }
            "TJ" => {
                let items = operands.first().and_then(|o| o.as_array().ok());
                return Step::Show(items.into_iter().flatten().collect());
            }
            "BDC" | "BMC" => return Step::BeginMarked(operands),
            "EMC" => return Step::EndMarked,
            "Do" => {
                if let Some(name) = operands.first().and_then(|o| o.as_name().ok()) {
                    return Step::Draw(name);
                }
            }
            _ => return Step::Other(operation),
        }
        Step::Applied
    }

    /// Where the next glyph's origin is, in the space the stream is drawn in.
    pub fn origin(&self) -> Matrix {
        self.tm.then(self.ctm)
    }

    /// A `TJ` number: moves the next glyph left by `thousandths` of the type size.
    pub fn adjust(&mut self, thousandths: f64) {
        self.advance(-thousandths / 1000.0 * self.size);
    }

    /// Moves past the glyph `code` of `font`, with character and word spacing.
    pub fn advance_glyph(&mut self, font: &Font, code: u32) {
        let space = if !font.two_bytes && code == 32 {
            self.word_spacing
        } else {
            0.0
        };
        self.advance(font.width(code) / 1000.0 * self.size + self.char_spacing + space);
    }

    fn next_line(&mut self, x: f64, y: f64) {
        self.tlm = Matrix::translate(x, y).then(self.tlm);
        self.tm = self.tlm;
    }

    fn advance(&mut self, distance: f64) {
        self.tm = Matrix::translate(distance * self.horizontal_scale, 0.0).then(self.tm);
    }
}

/// Operand `i` as a number; 0 when it is missing or not a number.
pub fn number(operands: &[Object], i: usize) -> f64 {
    operands
        .get(i)
        .and_then(|o| o.as_float().ok())
        .map_or(0.0, f64::from)
}

/// The fonts of one content stream, each read from its resources once.
#[derive(Default)]
pub struct Fonts(HashMap<Vec<u8>, Font>);

impl Fonts {
    /// The font with resource name `name`; a font that cannot be read shows nothing.
    pub fn get(&mut self, document: &Document, resources: &[&Dictionary], name: &[u8]) -> &Font {
        self.0.entry(name.to_vec()).or_insert_with(|| {
            resource(document, resources, b"Font", name)
                .and_then(|f| f.as_dict().ok())
                .map_or_else(Font::missing, |dict| Font::new(document, dict))
        })
    }
}
