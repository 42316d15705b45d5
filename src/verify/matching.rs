//! Finding a contact value in an output's text, as written.
//!
//! A value counts as shown only where it stands whole: the characters on either side of
//! the match are not letters or digits, and the match starts and ends between
//! user-perceived characters, so `741741` is not found inside `1741741` and `Cafe` is
//! not found inside `Café` written with a combining accent. Text and value are compared
//! composed (NFC), so a value written with combining accents is found in an output that
//! composed it, and the other way round.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

pub(super) use crate::render::shown::Spacing;

/// An output's text, prepared for searching.
pub(super) struct Haystack {
    original: Vec<char>,
    // Whether a user-perceived character starts at each index (one more for the end).
    boundary: Vec<bool>,
    // The compared characters and, for each, its index in `original`.
    compared: Vec<char>,
    origin: Vec<usize>,
    spacing: Spacing,
}

impl Haystack {
    /// Prepares `text` for searching with the given spacing rule.
    pub(super) fn new(text: &str, spacing: Spacing) -> Self {
        let text: String = text.nfc().collect();
        let original: Vec<char> = text.chars().collect();
        let mut boundary = vec![false; original.len() + 1];
        let mut index = 0;
        for grapheme in text.graphemes(true) {
            boundary[index] = true;
            index += grapheme.chars().count();
        }
        boundary[original.len()] = true;
        let (compared, origin) = normalize(&original, spacing);
        Self {
            original,
            boundary,
            compared,
            origin,
            spacing,
        }
    }

    /// Whether `value` appears whole in the text.
    pub(super) fn shows(&self, value: &str) -> bool {
        let needle: Vec<char> = value.trim().nfc().collect();
        let (needle, _) = normalize(&needle, self.spacing);
        if needle.is_empty() || needle.len() > self.compared.len() {
            return false;
        }
        (0..=self.compared.len() - needle.len()).any(|start| {
            self.compared[start..start + needle.len()] == needle[..]
                && self.stands_whole(
                    self.origin[start],
                    self.origin[start + needle.len() - 1] + 1,
                )
        })
    }

    /// Whether `original[start..end]` is not part of a longer word or character.
    fn stands_whole(&self, start: usize, end: usize) -> bool {
        let before = start.checked_sub(1).map(|i| self.original[i]);
        let after = self.original.get(end).copied();
        self.boundary[start]
            && self.boundary[end]
            && !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(char::is_alphanumeric)
    }
}

/// The characters compared under `spacing`, each with its index in `chars`.
fn normalize(chars: &[char], spacing: Spacing) -> (Vec<char>, Vec<usize>) {
    let mut compared = Vec::with_capacity(chars.len());
    let mut origin = Vec::with_capacity(chars.len());
    for (index, &c) in chars.iter().enumerate() {
        if !c.is_whitespace() || spacing == Spacing::Exact {
            compared.push(c);
            origin.push(index);
        } else if spacing == Spacing::Collapsed && compared.last() != Some(&' ') {
            compared.push(' ');
            origin.push(index);
        }
    }
    (compared, origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_inside_a_longer_number_is_not_shown() {
        let text = Haystack::new("call 1741741 now", Spacing::Exact);
        assert!(!text.shows("741741"));
        assert!(Haystack::new("call 741741.", Spacing::Exact).shows("741741"));
    }

    #[test]
    fn a_combining_accent_after_the_value_makes_another_word() {
        assert!(!Haystack::new("Cafe\u{301} Street", Spacing::Exact).shows("Cafe"));
        assert!(Haystack::new("Cafe Street", Spacing::Exact).shows("Cafe"));
    }

    #[test]
    fn a_value_is_found_whether_its_accents_are_composed_or_not() {
        assert!(Haystack::new("Caf\u{e9} Street", Spacing::Exact).shows("Cafe\u{301}"));
        assert!(Haystack::new("Cafe\u{301} Street", Spacing::Exact).shows("Caf\u{e9}"));
    }

    #[test]
    fn collapsed_spacing_joins_wrapped_address_lines() {
        let text = Haystack::new("Post:\n  10 Main St\n  Springfield  ", Spacing::Collapsed);
        assert!(text.shows("10 Main St\nSpringfield"));
        assert!(!text.shows("10 Main StSpringfield"));
    }

    #[test]
    fn ignored_spacing_survives_a_guessed_space_but_not_a_changed_digit() {
        let text = Haystack::new("Phone: 1-800-843- 5678\nWeb", Spacing::Ignored);
        assert!(text.shows("1-800-843-5678"));
        assert!(!text.shows("1-800-843-5679"));
        assert!(!text.shows("1-800-843-567"));
    }

    #[test]
    fn exact_spacing_keeps_spaces() {
        let text = Haystack::new("+44 20 7946 0000", Spacing::Exact);
        assert!(text.shows("+44 20 7946 0000"));
        assert!(!text.shows("+442079460000"));
    }
}
