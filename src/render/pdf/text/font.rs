//! What a font needs to turn character codes into text and advance widths.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

/// What a font needs to turn codes into text and advances.
pub struct Font {
    /// Whether codes are two bytes (a Type 0 font with Identity-H), else one.
    pub two_bytes: bool,
    /// The text of each code, from the font's `ToUnicode` map.
    pub unicode: HashMap<u32, String>,
    /// Advance widths in thousandths of the font size, by code.
    widths: HashMap<u32, f64>,
    default_width: f64,
}

impl Font {
    /// Reads a font dictionary.
    pub fn new(document: &Document, dict: &Dictionary) -> Self {
        let two_bytes = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"Type0");
        let unicode = dict
            .get_deref(b"ToUnicode", document)
            .and_then(Object::as_stream)
            .ok()
            .and_then(|stream| {
                stream
                    .decompressed_content()
                    .ok()
                    .or_else(|| Some(stream.content.clone()))
            })
            .and_then(|cmap| adobe_cmap_parser::get_unicode_map(&cmap).ok())
            .map(|map| {
                map.into_iter()
                    .map(|(code, utf16)| (code, utf16be(&utf16)))
                    .collect()
            })
            .unwrap_or_default();
        let (widths, default_width) = if two_bytes {
            cid_widths(document, dict)
        } else {
            simple_widths(document, dict)
        };
        Self {
            two_bytes,
            unicode,
            widths,
            default_width,
        }
    }

    /// A font the resources do not have: its glyphs read as U+FFFD and take no room.
    pub fn missing() -> Self {
        Self {
            two_bytes: false,
            unicode: HashMap::new(),
            widths: HashMap::new(),
            default_width: 0.0,
        }
    }

    /// The character codes in a string operand.
    pub fn codes<'b>(&self, bytes: &'b [u8]) -> impl Iterator<Item = u32> + 'b {
        let step = if self.two_bytes { 2 } else { 1 };
        bytes
            .chunks(step)
            .map(|chunk| chunk.iter().fold(0, |code, &b| (code << 8) | u32::from(b)))
    }

    /// The text a code stands for; U+FFFD for a code the `ToUnicode` map lacks.
    pub fn text(&self, code: u32) -> &str {
        self.unicode.get(&code).map_or("\u{fffd}", String::as_str)
    }

    /// The advance of a code, in thousandths of the font size.
    pub fn width(&self, code: u32) -> f64 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
    }
}

fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// `/W` of a CID font: `c [w1 w2 …]` or `c_first c_last w`.
fn cid_widths(document: &Document, dict: &Dictionary) -> (HashMap<u32, f64>, f64) {
    let mut widths = HashMap::new();
    let descendant = dict
        .get_deref(b"DescendantFonts", document)
        .and_then(Object::as_array)
        .ok()
        .and_then(|fonts| fonts.first())
        .and_then(|font| document.dereference(font).ok())
        .and_then(|(_, font)| font.as_dict().ok());
    let Some(descendant) = descendant else {
        return (widths, 1000.0);
    };
    let default = descendant
        .get(b"DW")
        .and_then(Object::as_float)
        .map_or(1000.0, f64::from);
    let list = descendant
        .get_deref(b"W", document)
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default();
    let number = |o: &Object| {
        document
            .dereference(o)
            .ok()
            .and_then(|(_, o)| o.as_float().ok())
            .map(f64::from)
    };
    let mut i = 0;
    while i + 1 < list.len() {
        let Some(first) = number(&list[i]) else { break };
        if let Ok(array) = document
            .dereference(&list[i + 1])
            .and_then(|(_, o)| o.as_array())
        {
            for (k, w) in array.iter().enumerate() {
                widths.insert(first as u32 + k as u32, number(w).unwrap_or(default));
            }
            i += 2;
        } else {
            let (Some(last), Some(w)) = (number(&list[i + 1]), list.get(i + 2).and_then(number))
            else {
                break;
            };
            for code in first as u32..=last as u32 {
                widths.insert(code, w);
            }
            i += 3;
        }
    }
    (widths, default)
}

/// `/FirstChar` and `/Widths` of a simple or Type 3 font, in thousandths of the size.
fn simple_widths(document: &Document, dict: &Dictionary) -> (HashMap<u32, f64>, f64) {
    let first = dict.get(b"FirstChar").and_then(Object::as_i64).unwrap_or(0);
    // Type 3 widths are in glyph space; the font matrix turns them into text space.
    let scale = dict
        .get_deref(b"FontMatrix", document)
        .and_then(Object::as_array)
        .ok()
        .and_then(|m| m.first())
        .and_then(|a| a.as_float().ok())
        .map_or(1.0, |a| f64::from(a) * 1000.0);
    let widths = dict
        .get_deref(b"Widths", document)
        .and_then(Object::as_array)
        .map(|list| {
            (first..)
                .zip(list)
                .filter_map(|(code, w)| {
                    Some((
                        u32::try_from(code).ok()?,
                        f64::from(w.as_float().ok()?) * scale,
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    (widths, 0.0)
}
