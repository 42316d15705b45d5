//! Which way a text of the guide reads, for the formats that isolate it in a
//! right-to-left guide.

use unicode_bidi::BidiClass::{AL, L, R};

/// Whether `text` has letters and none of them of a right-to-left script (an English line
/// in an Arabic guide). Such a text reads left to right as a whole: set inside
/// right-to-left text, its final full stop would otherwise move to its left end. A text
/// with any right-to-left letter is left to the Unicode bidi algorithm, which keeps each
/// Latin run inside it in order.
pub fn left_to_right_only(text: &str) -> bool {
    let mut letters = false;
    for class in text.chars().map(unicode_bidi::bidi_class) {
        match class {
            R | AL => return false,
            L => letters = true,
            _ => {}
        }
    }
    letters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_texts_without_right_to_left_letters_read_left_to_right() {
        assert!(left_to_right_only("In an emergency, call 911."));
        assert!(left_to_right_only("Crisis Text Line"));
        assert!(!left_to_right_only("988"));
        assert!(!left_to_right_only("منطقة Seattle Public Schools."));
        assert!(!left_to_right_only("שלום world"));
    }
}
