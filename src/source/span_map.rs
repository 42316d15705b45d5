//! Maps positions inside a decoded TOML string back to the source file.
//!
//! toml reports the span of a whole string token, quotes and escapes included. Rich text
//! problems are found in the decoded string; to put the caret under the right character of
//! a multi-line string, each decoded byte is traced back to where it was written.

use std::ops::Range;

/// Decoded byte offset → source byte offset, for one string token.
pub struct StringMap {
    token_start: usize,
    // offsets[i] is the token-relative offset of decoded byte i; one extra entry for the end.
    offsets: Vec<usize>,
}

impl StringMap {
    /// Builds the map for the token `raw` that starts at `token_start` in the file.
    pub fn new(raw: &str, token_start: usize) -> Self {
        let offsets = decode_offsets(raw).unwrap_or_default();
        Self {
            token_start,
            offsets,
        }
    }

    /// The source range of a decoded range; the token start when it cannot be traced.
    pub fn to_source(&self, range: Range<usize>) -> Range<usize> {
        let at = |i: usize| {
            self.offsets
                .get(i)
                .or(self.offsets.last())
                .map_or(self.token_start, |o| self.token_start + o)
        };
        // The end is where the next decoded character was written: after a whole escape,
        // and never inside a character of several bytes.
        let start = at(range.start);
        let end = if range.end > range.start {
            at(range.end)
        } else {
            start
        };
        start..end.max(start)
    }
}

fn decode_offsets(raw: &str) -> Option<Vec<usize>> {
    let (quote, literal) = if raw.starts_with("\"\"\"") {
        (3, false)
    } else if raw.starts_with("'''") {
        (3, true)
    } else if raw.starts_with('"') {
        (1, false)
    } else if raw.starts_with('\'') {
        (1, true)
    } else {
        return None;
    };
    let body_end = raw.len().checked_sub(quote)?;
    let mut pos = quote;
    if quote == 3 {
        if raw[pos..].starts_with("\r\n") {
            pos += 2;
        } else if raw[pos..].starts_with('\n') {
            pos += 1;
        }
    }
    let mut offsets = Vec::with_capacity(raw.len());
    let bytes = raw.as_bytes();
    while pos < body_end {
        if !literal && bytes[pos] == b'\\' {
            pos = decode_escape(raw, pos, body_end, &mut offsets)?;
            continue;
        }
        let ch = raw[pos..].chars().next()?;
        offsets.extend(std::iter::repeat_n(pos, ch.len_utf8()));
        pos += ch.len_utf8();
    }
    offsets.push(body_end);
    Some(offsets)
}

fn decode_escape(raw: &str, pos: usize, end: usize, offsets: &mut Vec<usize>) -> Option<usize> {
    let next = raw[pos + 1..].chars().next()?;
    let (decoded_len, consumed) = match next {
        'u' => (char_len(&raw[pos + 2..pos + 6])?, 6),
        'U' => (char_len(&raw[pos + 2..pos + 10])?, 10),
        ' ' | '\t' | '\r' | '\n' => {
            // A line-ending backslash swallows the newline and the indentation after it.
            let rest = &raw[pos + 1..end];
            let skipped = rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
            return Some(pos + 1 + skipped);
        }
        _ => (1, 2),
    };
    offsets.extend(std::iter::repeat_n(pos, decoded_len));
    Some(pos + consumed)
}

fn char_len(hex: &str) -> Option<usize> {
    let code = u32::from_str_radix(hex, 16).ok()?;
    Some(char::from_u32(code)?.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_basic_string_skips_leading_newline() {
        let raw = "\"\"\"\nab\n# h\n\"\"\"";
        let map = StringMap::new(raw, 100);
        // decoded "ab\n# h\n": '#' is decoded byte 3, raw byte 7
        assert_eq!(map.to_source(3..4), 107..108);
    }

    #[test]
    fn a_range_ending_in_a_wide_character_ends_after_it() {
        let raw = "'a🕴'";
        let map = StringMap::new(raw, 0);
        assert_eq!(map.to_source(0..5), 1..6);
    }

    #[test]
    fn escapes_map_to_their_backslash() {
        let raw = r#""a\tb""#;
        let map = StringMap::new(raw, 0);
        assert_eq!(map.to_source(2..3), 4..5);
    }
}
