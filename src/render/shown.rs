//! What a format's files show, as `verify` reads them back: the contacts each file must
//! show, its text as a reader sees it, and its links.

use crate::model::{Card, Contact, Guide, Organization};

/// Which contacts a file must show.
pub enum Shows<'g> {
    /// None: `verify` does not read the file.
    Nothing,
    /// Every contact of the guide.
    Everything,
    /// The contacts of these cards.
    Cards(Vec<&'g Card>),
    /// These contacts, each with its organization.
    Contacts(Vec<(&'g Organization, &'g Contact)>),
}

impl<'g> Shows<'g> {
    /// The contacts of every card of the guide.
    pub fn every_card(guide: &'g Guide) -> Self {
        Self::Cards(guide.cards.iter().collect())
    }
}

/// One text of a file, and how its whitespace is compared with a value's.
pub struct Searched {
    /// The text.
    pub text: String,
    /// How whitespace counts.
    pub spacing: Spacing,
}

/// A file's text as a reader sees it.
pub struct ReadBack {
    /// The texts a value is looked for in; it shows when one of them holds it whole.
    pub texts: Vec<Searched>,
    /// Where an address is looked for instead, when the texts keep lines as written and
    /// an address may wrap.
    pub addresses: Option<Searched>,
}

impl ReadBack {
    /// A file read as one text.
    pub fn one(text: String, spacing: Spacing) -> Self {
        Self {
            texts: vec![Searched { text, spacing }],
            addresses: None,
        }
    }
}

/// A link in a file (`tel:`, `sms:`, a web address), and its visible text when it is known.
pub struct Link {
    /// The link's address.
    pub href: String,
    /// The text that shows it, when the format keeps it with the link.
    pub text: Option<String>,
}

/// Whether `href` is a web address (`https:` or `http:`).
pub fn is_web(href: &str) -> bool {
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// A file a format must have made.
pub struct ExpectedFile {
    /// Its path in the output folder.
    pub path: String,
    /// What it is for, e.g. "card `report`".
    pub subject: String,
}

/// How the whitespace of an output's text is compared with the value's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spacing {
    /// Character for character, whitespace included.
    Exact,
    /// Every run of whitespace counts as one space, as a reader sees XHTML text and a
    /// wrapped address.
    Collapsed,
    /// Whitespace is ignored. A PDF holds glyph positions, not spaces: a space is
    /// inferred from a gap between glyphs, so a switch to a fallback font or a value set
    /// in its own box can gain one, and a value too long for its line is broken
    /// without one. Every other character must still match, in order.
    Ignored,
}
