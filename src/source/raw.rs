//! The guide source as written: types that mirror `source/guide.toml` one to one.
//!
//! Each table is declared here once; the declaration gives its struct, its schema of
//! accepted keys (with the example used in hints) and its reader. To add an optional key,
//! add one line here, document it in `docs/source-format.md` and validate it.
//!
//! [`crate::source`] fills them from the TOML document, reporting unknown keys, missing keys
//! and wrong types on the way. A key that is absent or had the wrong type is `None` here (or
//! missing from its list) and has already been reported, so validation never reports it
//! twice. Values that validation reports on keep their source span ([`Spanned`]), so each
//! problem points at the exact text to fix.

use toml::Spanned;
use toml::value::Datetime;

use super::declare::tables;
use super::reader::Table;
use super::schema::Schema;
use crate::diag::Diagnostic;

pub use super::reader::Text;

tables! {
    /// The whole source file.
    pub struct SourceGuide in "the top level of the file" {
        /// The `[guide]` table.
        required guide: Option<Spanned<GuideTable>> = "[guide]",
        /// The `[[section]]` tables, in order.
        optional section: Vec<Spanned<SectionTable>> = "[[section]]",
        /// The `[[organization]]` tables, in order.
        optional organization: Vec<Spanned<OrganizationTable>> = "[[organization]]",
        /// The `[[card]]` tables, in order.
        optional card: Vec<Spanned<CardTable>> = "[[card]]",
        /// Print settings.
        optional print: Option<Spanned<PrintTable>> = "[print]",
        /// Wallet card settings.
        optional cards: Option<Spanned<CardsTable>> = "[cards]",
        /// The `[[edition]]` tables, in order (v2).
        optional edition: Vec<Spanned<EditionTable>> = "[[edition]]",
    }
    also {
        /// Problems found while reading the file's shape (unknown keys, missing keys, wrong types).
        problems: Vec<Diagnostic>,
    }

    /// `[guide]`: the guide's identity and framing text.
    pub struct GuideTable in "[guide]" {
        /// Slug that names the output files.
        required id: Option<Text> = "\"my-guide\"",
        /// Title.
        required title: Option<Text> = "\"…\"",
        /// Subtitle.
        optional subtitle: Option<Text> = "\"…\"",
        /// Publisher, printed on the back panel and in EPUB metadata.
        optional publisher: Option<Text> = "\"…\"",
        /// BCP 47 language tag.
        required language: Option<Text> = "\"en\"",
        /// Edition date, the only date that reaches the outputs.
        required date: Option<Spanned<Datetime>> = "2026-01-15",
        /// Display label of the edition.
        optional edition: Option<Text> = "\"…\"",
        /// Opening rich text.
        optional intro: Option<Text> = "\"…\"",
        /// Closing rich text.
        optional closing: Option<Text> = "\"…\"",
        /// One line shown prominently on the pamphlet and on every card.
        optional emergency: Option<Text> = "\"In an emergency, call 911.\"",
        /// How old a `verified` date may get before `review` flags it.
        optional review_every_days: Option<Spanned<i64>> = "365",
        /// The https address where the always-current version is published (v2).
        optional web_url: Option<Text> = "\"https://www.example.org/help-lines\"",
        /// The workbook or CSV folder that holds the organizations and contacts (v2).
        optional directory: Option<Text> = "\"directory.xlsx\"",
    }

    /// `[[section]]`: a group of organizations.
    pub struct SectionTable in "[[section]]" {
        /// Slug, unique among sections.
        required id: Option<Text> = "\"my-section\"",
        /// Title.
        required title: Option<Text> = "\"…\"",
        /// Opening rich text.
        optional intro: Option<Text> = "\"…\"",
    }

    /// `[[organization]]`: one organization and its contacts.
    pub struct OrganizationTable in "[[organization]]" {
        /// Slug, unique among organizations.
        required id: Option<Text> = "\"my-organization\"",
        /// Full name.
        required name: Option<Text> = "\"…\"",
        /// Abbreviation such as "NCMEC".
        optional short_name: Option<Text> = "\"…\"",
        /// Id of the section it belongs to.
        optional section: Option<Text> = "\"section-id\"",
        /// One line, at most 200 characters.
        required summary: Option<Text> = "\"…\"",
        /// Rich text describing the organization.
        required about: Option<Text> = "\"…\"",
        /// A lead-in line printed before the services list (optional addition to v1).
        optional services_intro: Option<Text> = "\"…\"",
        /// Rich text items rendered as a bullet list.
        optional services: Vec<Text> = "[\"…\", \"…\"]",
        /// Rich text printed after the services (optional addition to v1).
        optional closing: Option<Text> = "\"…\"",
        /// Slugs for editions and card selection.
        optional tags: Vec<Text> = "[\"my-tag\"]",
        /// Where it serves; editions can select by region (v2).
        optional regions: Vec<Text> = "[\"King County\"]",
        /// The `[[organization.contact]]` tables, in order.
        optional contact: Vec<Spanned<ContactTable>> = "[[organization.contact]]",
    }

    /// `[[organization.contact]]`: one way to reach an organization.
    pub struct ContactTable in "[[organization.contact]]" {
        /// Slug, unique within the organization.
        required id: Option<Text> = "\"my-contact\"",
        /// One of `phone`, `sms`, `web`, `email`, `address`.
        required kind: Option<Text> = "\"phone\"",
        /// What the contact is for.
        required label: Option<Text> = "\"…\"",
        /// The number, address or link as it should be printed.
        required value: Option<Text> = "\"1-800-843-5678\"",
        /// When it can be reached.
        optional hours: Option<Text> = "\"…\"",
        /// Where it can be reached from.
        optional regions: Vec<Text> = "[\"United States\"]",
        /// The last day someone confirmed it works.
        optional verified: Option<Spanned<Datetime>> = "2026-01-15",
        /// Languages the line answers in, as BCP 47 tags (v2).
        optional languages: Vec<Text> = "[\"es\", \"vi\"]",
        /// Slugs for editions, like an organization's tags (v2).
        optional tags: Vec<Text> = "[\"my-tag\"]",
        /// Never shown unless an edition sets `confidential = true` (v2).
        optional confidential: Option<Spanned<bool>> = "true",
    }

    /// `[[card]]`: one wallet card.
    pub struct CardTable in "[[card]]" {
        /// Slug that names `output/cards/<id>.txt`.
        required id: Option<Text> = "\"my-card\"",
        /// Title.
        required title: Option<Text> = "\"…\"",
        /// Contact references `org.contact`, in order; `None` when absent or not a list.
        required contacts: Option<Spanned<Vec<Text>>> = "[\"organization-id.contact-id\"]",
        /// A short note.
        optional note: Option<Text> = "\"…\"",
    }

    /// `[print]`: pamphlet settings.
    pub struct PrintTable in "[print]" {
        /// `us-letter` or `a4`.
        optional paper: Option<Text> = "\"us-letter\"",
        /// `handout` or `trifold`.
        optional layout: Option<Text> = "\"handout\"",
        /// 18 pt text in one column (optional addition to v1).
        optional large_print: Option<Spanned<bool>> = "true",
        /// Bleed for print shops, e.g. "3mm" (optional addition to v1).
        optional bleed: Option<Text> = "\"3mm\"",
        /// QR codes for web addresses, on by default (optional addition to v1).
        optional qr: Option<Spanned<bool>> = "false",
        /// Also conform to PDF/A-2 (optional addition to v1).
        optional pdf_a: Option<Spanned<bool>> = "true",
    }

    /// `[[edition]]`: one audience's handout, selected from the guide (v2).
    pub struct EditionTable in "[[edition]]" {
        /// Slug, unique among editions; names `output/<id>/`.
        required id: Option<Text> = "\"students\"",
        /// Replaces the guide's title in this edition.
        optional title: Option<Text> = "\"…\"",
        /// Replaces the guide's subtitle in this edition.
        optional subtitle: Option<Text> = "\"…\"",
        /// Keep only organizations and contacts that carry one of these tags.
        optional tags: Vec<Text> = "[\"youth\"]",
        /// Then drop those that carry one of these.
        optional exclude_tags: Vec<Text> = "[\"adults-only\"]",
        /// Keep only organizations and contacts that serve one of these regions.
        optional regions: Vec<Text> = "[\"King County\"]",
        /// The wallet cards of this edition, by id.
        optional cards: Option<Spanned<Vec<Text>>> = "[\"my-card\"]",
        /// Which translations to build, as BCP 47 tags.
        optional languages: Vec<Text> = "[\"es\"]",
        /// Include confidential contacts; every output says "Staff only".
        optional confidential: Option<Spanned<bool>> = "true",
        /// `handout` or `trifold`.
        optional layout: Option<Text> = "\"trifold\"",
        /// `us-letter` or `a4`.
        optional paper: Option<Text> = "\"us-letter\"",
        /// 18 pt text in one column.
        optional large_print: Option<Spanned<bool>> = "true",
        /// The formats to build, as `--format` names them.
        optional formats: Vec<Text> = "[\"pdf\", \"cards\"]",
    }

    /// `[cards]`: wallet card settings.
    pub struct CardsTable in "[cards]" {
        /// Columns per line, the border included.
        optional width: Option<Spanned<i64>> = "40",
        /// Lines per card, the border included.
        optional height: Option<Spanned<i64>> = "14",
        /// The language of the card sheet's backs, a translation's BCP 47 tag (optional
        /// addition to v2).
        optional back_language: Option<Text> = "\"es\"",
    }
}

/// The top level of the file.
pub const ROOT: &Schema = SourceGuide::SCHEMA;

/// `[[organization]]`.
pub const ORGANIZATION: &Schema = OrganizationTable::SCHEMA;

/// `[[organization.contact]]`.
pub const CONTACT: &Schema = ContactTable::SCHEMA;
