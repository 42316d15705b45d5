//! The guide source as written: types that mirror `source/guide.toml` one to one.
//!
//! [`crate::source`] fills them from the TOML document, reporting unknown keys, missing keys
//! and wrong types on the way. A key that is absent or had the wrong type is `None` here (or
//! missing from its list) and has already been reported, so validation never reports it
//! twice. Values that validation reports on keep their source span ([`Spanned`]), so each
//! problem points at the exact text to fix.

use toml::Spanned;
use toml::value::Datetime;

use crate::diag::Diagnostic;

/// A string together with where it was written in the source.
pub type Text = Spanned<String>;

/// The whole source file.
#[derive(Debug, Default)]
pub struct SourceGuide {
    /// The `[guide]` table.
    pub guide: Option<Spanned<GuideTable>>,
    /// The `[[section]]` tables, in order.
    pub section: Vec<Spanned<SectionTable>>,
    /// The `[[organization]]` tables, in order.
    pub organization: Vec<Spanned<OrganizationTable>>,
    /// The `[[card]]` tables, in order.
    pub card: Vec<Spanned<CardTable>>,
    /// Print settings.
    pub print: Option<Spanned<PrintTable>>,
    /// Wallet card settings.
    pub cards: Option<Spanned<CardsTable>>,
    /// Problems found while reading the file's shape (unknown keys, missing keys, wrong types).
    pub problems: Vec<Diagnostic>,
}

/// `[guide]`: the guide's identity and framing text.
#[derive(Debug, Default)]
pub struct GuideTable {
    /// Slug that names the output files.
    pub id: Option<Text>,
    /// Title.
    pub title: Option<Text>,
    /// Subtitle.
    pub subtitle: Option<Text>,
    /// Publisher, printed on the back panel and in EPUB metadata.
    pub publisher: Option<Text>,
    /// BCP 47 language tag.
    pub language: Option<Text>,
    /// Edition date, the only date that reaches the outputs.
    pub date: Option<Spanned<Datetime>>,
    /// Display label of the edition.
    pub edition: Option<Text>,
    /// Opening rich text.
    pub intro: Option<Text>,
    /// Closing rich text.
    pub closing: Option<Text>,
    /// One line shown prominently on the pamphlet and on every card.
    pub emergency: Option<Text>,
    /// How old a `verified` date may get before `review` flags it.
    pub review_every_days: Option<Spanned<i64>>,
}

/// `[[section]]`: a group of organizations.
#[derive(Debug, Default)]
pub struct SectionTable {
    /// Slug, unique among sections.
    pub id: Option<Text>,
    /// Title.
    pub title: Option<Text>,
    /// Opening rich text.
    pub intro: Option<Text>,
}

/// `[[organization]]`: one organization and its contacts.
#[derive(Debug, Default)]
pub struct OrganizationTable {
    /// Slug, unique among organizations.
    pub id: Option<Text>,
    /// Full name.
    pub name: Option<Text>,
    /// Abbreviation such as "NCMEC".
    pub short_name: Option<Text>,
    /// Id of the section it belongs to.
    pub section: Option<Text>,
    /// One line, at most 200 characters.
    pub summary: Option<Text>,
    /// Rich text describing the organization.
    pub about: Option<Text>,
    /// A lead-in line printed before the services list (optional addition to v1).
    pub services_intro: Option<Text>,
    /// Rich text items rendered as a bullet list.
    pub services: Vec<Text>,
    /// Rich text printed after the services (optional addition to v1).
    pub closing: Option<Text>,
    /// Slugs for editions and card selection.
    pub tags: Vec<Text>,
    /// The `[[organization.contact]]` tables, in order.
    pub contact: Vec<Spanned<ContactTable>>,
}

/// `[[organization.contact]]`: one way to reach an organization.
#[derive(Debug, Default)]
pub struct ContactTable {
    /// Slug, unique within the organization.
    pub id: Option<Text>,
    /// One of `phone`, `sms`, `web`, `email`, `address`.
    pub kind: Option<Text>,
    /// What the contact is for.
    pub label: Option<Text>,
    /// The number, address or link as it should be printed.
    pub value: Option<Text>,
    /// When it can be reached.
    pub hours: Option<Text>,
    /// Where it can be reached from.
    pub regions: Vec<Text>,
    /// The last day someone confirmed it works.
    pub verified: Option<Spanned<Datetime>>,
}

/// `[[card]]`: one wallet card.
#[derive(Debug, Default)]
pub struct CardTable {
    /// Slug that names `output/cards/<id>.txt`.
    pub id: Option<Text>,
    /// Title.
    pub title: Option<Text>,
    /// Contact references `org.contact`, in order; `None` when absent or not a list.
    pub contacts: Option<Spanned<Vec<Text>>>,
    /// A short note.
    pub note: Option<Text>,
}

/// `[print]`: pamphlet settings.
#[derive(Debug, Default)]
pub struct PrintTable {
    /// `us-letter` or `a4`.
    pub paper: Option<Text>,
    /// `handout` or `trifold`.
    pub layout: Option<Text>,
    /// 18 pt text in one column (optional addition to v1).
    pub large_print: Option<Spanned<bool>>,
    /// Bleed for print shops, e.g. "3mm" (optional addition to v1).
    pub bleed: Option<Text>,
    /// QR codes for web addresses, on by default (optional addition to v1).
    pub qr: Option<Spanned<bool>>,
    /// Also conform to PDF/A-2 (optional addition to v1).
    pub pdf_a: Option<Spanned<bool>>,
}

/// `[cards]`: wallet card settings.
#[derive(Debug, Default)]
pub struct CardsTable {
    /// Columns per line, the border included.
    pub width: Option<Spanned<i64>>,
    /// Lines per card, the border included.
    pub height: Option<Spanned<i64>>,
}
