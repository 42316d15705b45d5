//! Keeping characters literal that CommonMark would otherwise interpret.
//!
//! The guide format allows only `*emphasis*`, `**strong**`, links and `-` lists; every other
//! character appears exactly as written. CommonMark also reads `\` escapes, `&amp;` entities,
//! `_emphasis_` and `*` inside words (`2*3*4`); before parsing, those characters are
//! escaped with a backslash, and a map leads every position back to the original text.

use unicode_script::{Script, UnicodeScript};

/// Text prepared for the Markdown parser, and where each of its bytes came from.
pub(super) struct Escaped {
    /// The text with literal characters escaped.
    pub text: String,
    // origin[i] is the original offset of escaped byte i; one more entry for the end.
    origin: Vec<usize>,
}

impl Escaped {
    /// Escapes `original` so that only the guide format's markup is interpreted.
    pub(super) fn new(original: &str) -> Self {
        let mut out = Self {
            text: String::with_capacity(original.len() + 16),
            origin: Vec::new(),
        };
        let chars: Vec<(usize, char)> = original.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (at, ch) = chars[i];
            match ch {
                '<' => {
                    // An autolink is copied untouched: CommonMark reads no escapes inside it.
                    let len = autolink_len(&original[at..]).unwrap_or(1);
                    out.push_str(&original[at..at + len], at);
                    while i < chars.len() && chars[i].0 < at + len {
                        i += 1;
                    }
                    continue;
                }
                '\\' | '&' | '_' => out.push_escaped(ch, at),
                '*' => {
                    let end = chars[i..]
                        .iter()
                        .position(|&(_, c)| c != '*')
                        .map_or(chars.len(), |n| i + n);
                    let before = i.checked_sub(1).map(|p| chars[p].1);
                    let after = chars.get(end).map(|&(_, c)| c);
                    // Chinese and Japanese put no spaces between words, so a star between two
                    // of their characters is markup (`的**免费**服务`), not a star in a word.
                    let inside_word =
                        before.is_some_and(in_spaced_word) && after.is_some_and(in_spaced_word);
                    for &(star_at, _) in &chars[i..end] {
                        if inside_word {
                            out.push_escaped('*', star_at);
                        } else {
                            out.push_str("*", star_at);
                        }
                    }
                    i = end;
                    continue;
                }
                _ => out.push_str(&original[at..at + ch.len_utf8()], at),
            }
            i += 1;
        }
        out.origin.push(original.len());
        out
    }

    /// The original range of a range in the escaped text.
    pub(super) fn original(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let at = |i: usize| {
            self.origin
                .get(i)
                .or(self.origin.last())
                .copied()
                .unwrap_or(0)
        };
        at(range.start)..at(range.end).max(at(range.start))
    }

    fn push_escaped(&mut self, ch: char, at: usize) {
        self.text.push('\\');
        self.origin.push(at);
        self.push_str(ch.encode_utf8(&mut [0; 4]), at);
    }

    fn push_str(&mut self, text: &str, at: usize) {
        self.text.push_str(text);
        self.origin
            .extend((0..text.len()).map(|offset| at + offset));
    }
}

/// The length of an autolink (`<https://…>`, `<name@example.org>`) at the start of `text`.
/// A letter or digit of a script that separates its words with spaces.
fn in_spaced_word(c: char) -> bool {
    c.is_alphanumeric()
        && !matches!(
            c.script(),
            Script::Han
                | Script::Hiragana
                | Script::Katakana
                | Script::Thai
                | Script::Lao
                | Script::Khmer
                | Script::Myanmar
        )
}

fn autolink_len(text: &str) -> Option<usize> {
    // Stops at the first character an autolink cannot hold, so scanning stays linear.
    let close = 1 + text[1..]
        .find(|c: char| c == '>' || c == '<' || c.is_whitespace() || c.is_control())?;
    let inner = &text[1..close];
    if !text[close..].starts_with('>') || inner.is_empty() {
        return None;
    }
    let scheme = inner.split_once(':').map(|(scheme, _)| scheme);
    let is_uri = scheme.is_some_and(|s| {
        (2..=32).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
    });
    (is_uri || inner.contains('@')).then_some(close + 1)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::richtext::parse;

    proptest! {
        #[test]
        fn any_text_parses_or_is_refused_at_positions_inside_it(text in any::<String>()) {
            if let Err(problems) = parse(&text) {
                prop_assert!(!problems.is_empty());
                for problem in problems {
                    let range = problem.range;
                    prop_assert!(range.start <= range.end && range.end <= text.len(), "{range:?}");
                    prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
                }
            }
        }

        #[test]
        fn markdown_like_text_never_panics(text in "[-*_#<>&\\\\\\[\\]()`!|:./a-z0-9 \t\r\n]{0,80}") {
            let _ = parse(&text);
        }

        #[test]
        fn special_characters_in_a_line_appear_as_written(
            text in "[A-Za-z][A-Za-z0-9&\\\\_#$@%!?,;:'\"/=~^| ]{0,40}[A-Za-z0-9]"
        ) {
            prop_assert_eq!(parse(&text).unwrap().plain_text(), text);
        }

        #[test]
        fn stars_inside_words_appear_as_written(text in "[a-z0-9]{1,5}(\\*{1,3}[a-z0-9]{1,5}){1,4}") {
            prop_assert_eq!(parse(&text).unwrap().plain_text(), text);
        }
    }

    #[test]
    fn literal_characters_are_escaped() {
        assert_eq!(
            Escaped::new(r"AT&T C:\dir snake_case 2*3*4").text,
            r"AT\&T C:\\dir snake\_case 2\*3\*4"
        );
    }

    #[test]
    fn emphasis_between_words_is_kept() {
        assert_eq!(Escaped::new("a *b* **c**").text, "a *b* **c**");
    }

    #[test]
    fn autolinks_are_copied_untouched() {
        assert_eq!(
            Escaped::new("<https://a.org/x_y&z> _").text,
            r"<https://a.org/x_y&z> \_"
        );
    }

    #[test]
    fn positions_map_back_to_the_original() {
        let escaped = Escaped::new("a&b #");
        // "a\&b #": '#' is escaped byte 5, original byte 4
        assert_eq!(escaped.original(5..6), 4..5);
        assert_eq!(escaped.original(0..6), 0..5);
    }
}
