//! Telephone numbers: one model of a number as printed and what a phone dials for it.
//!
//! Every place that recognises a number uses it: contact validation and links
//! ([`PhoneNumber::parse`]), and, through [`text::numbers`], the EPUB's phone spans, card
//! wrapping and `diff`'s search for old numbers. `verify` reads links back with
//! [`link_dial`].
//!
//! How a number is dialled:
//! - written with `+`: `+`, the country code and the national number, the `(0)` trunk
//!   prefix left out (`+44 (0)20 7946 0000` dials `+442079460000`);
//! - written without `+`: the digits as written, letters mapped to the keypad
//!   (`1-800-THE-LOST` dials `18008435678`; `(206) 555-0100` dials `2065550100`). This is
//!   what a reader in the guide's country types, and it works from every phone there; a
//!   country code is not added, because a number such as `0800 1111` is dialled without
//!   one where it is meant to be used;
//! - short codes (`988`, `741741`, `678-678`) are dialled as written, never with a
//!   country code: a short code exists only inside its country's networks;
//! - a vanity number's digits repeated in parentheses (`1-800-799-SAFE (7233)`) are not
//!   dialled twice;
//! - an extension (`ext. 2`, `x2`) follows a comma: phones (Android, iOS) dial a comma in
//!   a `tel:` link as a pause and then the extension's digits, where the RFC 3966 form
//!   `;ext=2` is shown or dropped by most dialers. A text message cannot go to an
//!   extension.

mod plan;
pub mod text;
mod written;

use std::ops::Range;

pub use plan::Region;
pub use written::Written;

/// A telephone number as printed, and what a phone dials for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    /// As printed in the guide.
    pub printed: String,
    /// What a phone dials: `+` and digits, or digits; a comma and the extension after.
    pub dial: String,
}

/// Why a written number cannot be dialled, with a hint on what would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub message: String,
    /// What would be accepted.
    pub hint: String,
    /// The bytes of the value at fault, when it is one part of it.
    pub at: Option<Range<usize>>,
}

impl Problem {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: hint.into(),
            at: None,
        }
    }

    fn at(self, at: Range<usize>) -> Self {
        Self {
            at: Some(at),
            ..self
        }
    }
}

impl PhoneNumber {
    /// Reads a printed number and checks it against its numbering plan; national numbers
    /// are the guide's `region`'s.
    pub fn parse(printed: &str, region: Option<Region>) -> Result<Self, Problem> {
        let written = written::read(printed)?;
        let mut dial = plan::dial(&written, printed, region)?;
        if let Some(extension) = &written.extension {
            dial.push(',');
            dial.push_str(extension);
        }
        Ok(Self {
            printed: printed.to_owned(),
            dial,
        })
    }

    /// The `tel:` link.
    pub fn tel(&self) -> String {
        format!("tel:{}", self.dial)
    }

    /// The `sms:` link; an extension cannot receive a text message.
    pub fn sms(&self) -> Result<String, Problem> {
        if self.dial.contains(',') {
            return Err(Problem::new(
                "a text message cannot be sent to an extension",
                "write the number that receives texts, without the extension",
            ));
        }
        Ok(format!("sms:{}", self.dial))
    }
}

/// What a `tel:` or `sms:` link dials, or none for another link.
pub fn link_dial(href: &str) -> Option<&str> {
    href.strip_prefix("tel:")
        .or_else(|| href.strip_prefix("sms:"))
}

/// A number as written, read without any numbering plan; none when it is no number.
pub fn written(printed: &str) -> Option<Written> {
    written::read(printed).ok()
}

/// What a number written in running text dials, without any numbering plan: `+` and
/// digits, or digits, and a comma and the extension after. None when it is no number.
pub fn dial_as_written(printed: &str) -> Option<String> {
    let written = written(printed)?;
    let mut dial = String::new();
    if written.international {
        dial.push('+');
    }
    dial.push_str(&written.digits);
    if let Some(extension) = &written.extension {
        dial.push(',');
        dial.push_str(extension);
    }
    Some(dial)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dial(value: &str) -> String {
        PhoneNumber::parse(value, Region::of_language("en-US"))
            .unwrap()
            .dial
    }

    #[test]
    fn every_kind_of_number_dials_its_digits() {
        assert_eq!(dial("1-800-THE-LOST"), "18008435678");
        assert_eq!(dial("1-800-4-A-CHILD"), "18004224453");
        assert_eq!(dial("1-800-799-SAFE (7233)"), "18007997233");
        assert_eq!(dial("988"), "988");
        assert_eq!(dial("741741"), "741741");
        assert_eq!(dial("678-678"), "678678");
        assert_eq!(dial("88788"), "88788");
        assert_eq!(dial("+44 20 7946 0000"), "+442079460000");
        assert_eq!(dial("1-800-555-0100 ext. 2"), "18005550100,2");
    }

    #[test]
    fn links_use_the_dialled_digits() {
        let number = PhoneNumber::parse("1-800-555-0100 ext. 2", None).unwrap();
        assert_eq!(number.tel(), "tel:18005550100,2");
        assert!(number.sms().is_err());
        let short = PhoneNumber::parse("741741", None).unwrap();
        assert_eq!(short.sms().unwrap(), "sms:741741");
        assert_eq!(link_dial("tel:+442079460000"), Some("+442079460000"));
        assert_eq!(link_dial("https://example.org"), None);
    }

    #[test]
    fn running_text_is_read_with_the_same_rules() {
        assert_eq!(
            dial_as_written("1-800-799-SAFE (7233)").as_deref(),
            Some("18007997233")
        );
        assert_eq!(
            dial_as_written("+44 (0)20 7946 0000").as_deref(),
            Some("+442079460000")
        );
        assert_eq!(dial_as_written("1-800-843-567O"), None);
    }
}
