//! What a PDF font needs for reading a page back: each code's text and advance width.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

/// Codes → text and advance, from one font dictionary.
pub struct Font {
    /// Whether codes are two bytes (a Type 0 font), else one.
    two_bytes: bool,
    unicode: HashMap<u32, String>,
    /// Advance widths in thousandths of the font size, by code.
    widths: HashMap<u32, f64>,
    default_width: f64,
}

impl Font {
    /// Reads a font dictionary; a missing one reads as nothing, with no width.
    pub fn new(document: &Document, dict: Option<&Dictionary>) -> Self {
        let Some(dict) = dict else {
            return Self {
                two_bytes: false,
                unicode: HashMap::new(),
                widths: HashMap::new(),
                default_width: 0.0,
            };
        };
        let two_bytes = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"Type0");
        let unicode = dict
            .get_deref(b"ToUnicode", document)
            .and_then(Object::as_stream)
            .ok()
            .map(|s| {
                s.decompressed_content()
                    .unwrap_or_else(|_| s.content.clone())
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

    /// The codes of a string operand.
    pub fn codes(&self, bytes: &[u8]) -> Vec<u32> {
        let step = if self.two_bytes { 2 } else { 1 };
        bytes
            .chunks(step)
            .map(|chunk| chunk.iter().fold(0, |code, &b| (code << 8) | u32::from(b)))
            .collect()
    }

    /// The text a code stands for.
    pub fn text(&self, code: u32) -> &str {
        self.unicode.get(&code).map_or("\u{fffd}", String::as_str)
    }

    /// The advance of a code in thousandths of the font size.
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

fn number(document: &Document, object: &Object) -> Option<f64> {
    let (_, object) = document.dereference(object).ok()?;
    object.as_float().ok().map(f64::from)
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
        .ok()
        .and_then(|w| number(document, w))
        .unwrap_or(1000.0);
    let list = descendant
        .get_deref(b"W", document)
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default();
    let mut i = 0;
    while i + 1 < list.len() {
        let Some(first) = number(document, &list[i]) else {
            break;
        };
        if let Ok(array) = document
            .dereference(&list[i + 1])
            .and_then(|(_, o)| o.as_array())
        {
            for (k, w) in array.iter().enumerate() {
                let width = number(document, w).unwrap_or(default);
                widths.insert(first as u32 + k as u32, width);
            }
            i += 2;
        } else {
            let last = number(document, &list[i + 1]);
            let width = list.get(i + 2).and_then(|w| number(document, w));
            let (Some(last), Some(width)) = (last, width) else {
                break;
            };
            for code in first as u32..=last as u32 {
                widths.insert(code, width);
            }
            i += 3;
        }
    }
    (widths, default)
}

/// `/FirstChar` and `/Widths` of a simple font.
fn simple_widths(document: &Document, dict: &Dictionary) -> (HashMap<u32, f64>, f64) {
    let first = dict.get(b"FirstChar").and_then(Object::as_i64).unwrap_or(0);
    let widths = dict
        .get_deref(b"Widths", document)
        .and_then(Object::as_array)
        .map(|list| {
            (first..)
                .zip(list)
                .filter_map(|(code, w)| Some((u32::try_from(code).ok()?, number(document, w)?)))
                .collect()
        })
        .unwrap_or_default();
    (widths, 0.0)
}
