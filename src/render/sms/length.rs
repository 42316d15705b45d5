//! How long a text is as one SMS: in the GSM 7-bit default alphabet, or in UCS-2 when a
//! character is outside it.
//!
//! The alphabet is 3GPP TS 23.038 (GSM 03.38), section 6.2.1: the 128 characters of the
//! default alphabet count 1 each, the ten of its extension table (reached through an
//! escape) count 2 each. Code 0x09 is the capital `Ç`, as the standard and Android's
//! `GsmAlphabet` have it (the unicode.org mapping file puts the small `ç` there), so a
//! small `ç` makes a message UCS-2: counting it so can only be stricter than a phone. A
//! message with any other character is sent in UCS-2, where each UTF-16 code unit counts
//! 1, so a character beyond U+FFFF (most emoji) counts 2.

/// The most GSM 7-bit septets in one message.
pub const GSM7_LIMIT: usize = 160;
/// The most UCS-2 code units in one message.
pub const UCS2_LIMIT: usize = 70;

/// The GSM 7-bit default alphabet, code 0x00 to 0x7F, without 0x1B (the escape to the
/// extension table, not a character).
const BASIC: &str = concat!(
    "@£$¥èéùìòÇ\nØø\rÅå",
    "Δ_ΦΓΛΩΠΨΣΘΞ", // 0x10–0x1A; 0x1B is the escape
    "ÆæßÉ",
    " !\"#¤%&'()*+,-./",
    "0123456789:;<=>?",
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§",
    "¿abcdefghijklmnopqrstuvwxyzäöñüà",
);

/// The extension table: each is the escape and one more septet.
const EXTENSION: &str = "\u{0C}^{}\\[~]|€";

/// How a message is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// The GSM 7-bit default alphabet.
    Gsm7,
    /// UCS-2, because of the first character outside the GSM alphabet.
    Ucs2 {
        /// That character.
        first: char,
    },
}

/// A text measured as one SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Length {
    /// How it is sent.
    pub encoding: Encoding,
    /// Septets (GSM 7-bit) or UTF-16 code units (UCS-2).
    pub units: usize,
}

impl Length {
    /// The most units one message holds in this encoding.
    pub fn limit(self) -> usize {
        match self.encoding {
            Encoding::Gsm7 => GSM7_LIMIT,
            Encoding::Ucs2 { .. } => UCS2_LIMIT,
        }
    }

    /// How many units past the limit, when it is past it.
    pub fn over(self) -> Option<usize> {
        self.units.checked_sub(self.limit()).filter(|&n| n > 0)
    }

    /// How many messages a phone sends it as: one up to the limit, else parts of 153
    /// septets or 67 UTF-16 units (each part gives the rest to the header that joins them).
    pub fn messages(self) -> usize {
        if self.units <= self.limit() {
            return 1;
        }
        let part = match self.encoding {
            Encoding::Gsm7 => GSM7_LIMIT - 7,
            Encoding::Ucs2 { .. } => UCS2_LIMIT - 3,
        };
        self.units.div_ceil(part)
    }
}

/// Septets of one character in the GSM 7-bit alphabet; none when it is not in it.
pub fn gsm7_septets(c: char) -> Option<usize> {
    if BASIC.contains(c) {
        Some(1)
    } else if EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// Units of one character in `encoding`.
pub fn units_of(c: char, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Gsm7 => gsm7_septets(c).unwrap_or(0),
        Encoding::Ucs2 { .. } => c.len_utf16(),
    }
}

/// `text` measured as one SMS.
pub fn measure(text: &str) -> Length {
    match text.chars().find(|&c| gsm7_septets(c).is_none()) {
        None => Length {
            encoding: Encoding::Gsm7,
            units: text.chars().filter_map(gsm7_septets).sum(),
        },
        Some(first) => Length {
            encoding: Encoding::Ucs2 { first },
            units: text.encode_utf16().count(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_alphabet_has_127_characters_and_the_extension_10() {
        assert_eq!(BASIC.chars().count(), 127);
        assert_eq!(EXTENSION.chars().count(), 10);
        let mut all: Vec<char> = BASIC.chars().chain(EXTENSION.chars()).collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 137, "no character is listed twice");
    }

    #[test]
    fn the_alphabet_is_in_code_order() {
        let basic: Vec<char> = BASIC.chars().collect();
        assert_eq!(basic[0x00], '@');
        assert_eq!(basic[0x09], 'Ç');
        assert_eq!(basic[0x0A], '\n');
        assert_eq!(basic[0x1A], 'Ξ');
        // 0x1B is left out, so the codes from 0x1C on are one place earlier.
        assert_eq!(basic[0x1C - 1], 'Æ');
        assert_eq!(basic[0x24 - 1], '¤');
        assert_eq!(basic[0x40 - 1], '¡');
        assert_eq!(basic[0x5F - 1], '§');
        assert_eq!(basic[0x60 - 1], '¿');
        assert_eq!(basic[0x7F - 1], 'à');
    }

    #[test]
    fn every_extension_character_counts_two() {
        for c in ['\u{0C}', '^', '{', '}', '\\', '[', '~', ']', '|', '€'] {
            assert_eq!(gsm7_septets(c), Some(2), "{c:?}");
            let length = measure(&c.to_string());
            assert_eq!((length.encoding, length.units), (Encoding::Gsm7, 2));
        }
    }

    #[test]
    fn accented_letters_count_as_the_table_says() {
        for c in [
            'é', 'è', 'É', 'Ç', 'ñ', 'Ñ', 'ü', 'ß', 'Å', 'Δ', '£', '¥', '¤', '§',
        ] {
            assert_eq!(gsm7_septets(c), Some(1), "{c:?}");
        }
        // Only the capital C cedilla is in the alphabet; small letters the table lacks
        // make a message UCS-2.
        for c in [
            'ç', 'á', 'í', 'ó', 'ú', 'ê', 'ł', '`', '’', '–', '\t', '\u{1B}',
        ] {
            assert_eq!(gsm7_septets(c), None, "{c:?}");
        }
    }

    #[test]
    fn one_character_outside_the_alphabet_makes_the_whole_text_ucs2() {
        let length = measure("Call 988 — 24/7");
        assert_eq!(length.encoding, Encoding::Ucs2 { first: '—' });
        assert_eq!(length.units, 15);
        assert_eq!(length.limit(), 70);
        let length = measure("Café [24/7]");
        assert_eq!((length.encoding, length.units), (Encoding::Gsm7, 13));
        assert_eq!(length.limit(), 160);
    }

    #[test]
    fn a_character_beyond_the_basic_plane_counts_two_in_ucs2() {
        let length = measure("Call 988 📞");
        assert_eq!(length.encoding, Encoding::Ucs2 { first: '📞' });
        assert_eq!(length.units, 11);
        // In UCS-2 an extension character counts 1, like any other.
        assert_eq!(measure("€ ł").units, 3);
    }

    #[test]
    fn the_limit_itself_fits() {
        assert_eq!(measure(&"a".repeat(160)).over(), None);
        assert_eq!(measure(&"a".repeat(161)).over(), Some(1));
        assert_eq!(measure(&"ł".repeat(70)).over(), None);
        assert_eq!(measure(&"ł".repeat(71)).over(), Some(1));
        assert_eq!(measure(&"€".repeat(80)).over(), None);
        assert_eq!(measure(&"€".repeat(81)).over(), Some(2));
    }

    #[test]
    fn a_long_message_goes_in_parts_of_153_septets_or_67_units() {
        let gsm = |units| Length {
            encoding: Encoding::Gsm7,
            units,
        };
        let ucs = |units| Length {
            encoding: Encoding::Ucs2 { first: 'ç' },
            units,
        };
        assert_eq!(
            [gsm(160), gsm(161), gsm(306), gsm(307)].map(Length::messages),
            [1, 2, 2, 3]
        );
        assert_eq!(
            [ucs(70), ucs(71), ucs(134), ucs(135)].map(Length::messages),
            [1, 2, 2, 3]
        );
    }
}
