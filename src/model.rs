//! The guide source as written: serde types that mirror `source/guide.toml` one to one.
//!
//! Every type denies unknown keys, so a typo such as `phnoe` is an error with a line and
//! column instead of a silently ignored field. Values that validation reports on keep
//! their source span ([`Spanned`]), so each problem points at the exact text to fix.

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// A string together with where it was written in the source.
pub type Text = Spanned<String>;

/// The whole source file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceGuide {
    /// The `[guide]` table.
    pub guide: Spanned<GuideTable>,
    /// The `[[section]]` tables, in order.
    #[serde(default)]
    pub section: Vec<Spanned<SectionTable>>,
    /// The `[[organization]]` tables, in order.
    #[serde(default)]
    pub organization: Vec<Spanned<OrganizationTable>>,
    /// The `[[card]]` tables, in order.
    #[serde(default)]
    pub card: Vec<Spanned<CardTable>>,
    /// Print settings.
    #[serde(default)]
    pub print: Option<Spanned<PrintTable>>,
    /// Wallet card settings.
    #[serde(default)]
    pub cards: Option<Spanned<CardsTable>>,
}

/// `[guide]`: the guide's identity and framing text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideTable {
    /// Slug that names the output files.
    pub id: Text,
    /// Title.
    pub title: Text,
    /// Subtitle.
    pub subtitle: Option<Text>,
    /// Publisher, printed on the back panel and in EPUB metadata.
    pub publisher: Option<Text>,
    /// BCP 47 language tag.
    pub language: Text,
    /// Edition date, the only date that reaches the outputs.
    pub date: Spanned<Datetime>,
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
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionTable {
    /// Slug, unique among sections.
    pub id: Text,
    /// Title.
    pub title: Text,
    /// Opening rich text.
    pub intro: Option<Text>,
}

/// `[[organization]]`: one organization and its contacts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationTable {
    /// Slug, unique among organizations.
    pub id: Text,
    /// Full name.
    pub name: Text,
    /// Abbreviation such as "NCMEC".
    pub short_name: Option<Text>,
    /// Id of the section it belongs to.
    pub section: Option<Text>,
    /// One line, at most 200 characters.
    pub summary: Text,
    /// Rich text describing the organization.
    pub about: Text,
    /// A lead-in line printed before the services list (optional addition to v1).
    pub services_intro: Option<Text>,
    /// Rich text items rendered as a bullet list.
    #[serde(default)]
    pub services: Vec<Text>,
    /// Rich text printed after the services (optional addition to v1).
    pub closing: Option<Text>,
    /// Slugs for editions and card selection.
    #[serde(default)]
    pub tags: Vec<Text>,
    /// The `[[organization.contact]]` tables, in order.
    #[serde(default)]
    pub contact: Vec<Spanned<ContactTable>>,
}

/// `[[organization.contact]]`: one way to reach an organization.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactTable {
    /// Slug, unique within the organization.
    pub id: Text,
    /// One of `phone`, `sms`, `web`, `email`, `address`.
    pub kind: Text,
    /// What the contact is for.
    pub label: Text,
    /// The number, address or link as it should be printed.
    pub value: Text,
    /// When it can be reached.
    pub hours: Option<Text>,
    /// Where it can be reached from.
    #[serde(default)]
    pub regions: Vec<Text>,
    /// The last day someone confirmed it works.
    pub verified: Option<Spanned<Datetime>>,
}

/// `[[card]]`: one wallet card.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardTable {
    /// Slug that names `output/cards/<id>.txt`.
    pub id: Text,
    /// Title.
    pub title: Text,
    /// Contact references `org.contact`, in order.
    pub contacts: Spanned<Vec<Text>>,
    /// A short note.
    pub note: Option<Text>,
}

/// `[print]`: pamphlet settings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrintTable {
    /// `us-letter` or `a4`.
    pub paper: Option<Text>,
    /// `handout` or `trifold`.
    pub layout: Option<Text>,
}

/// `[cards]`: wallet card settings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardsTable {
    /// Columns per line, the border included.
    pub width: Option<Spanned<i64>>,
    /// Lines per card, the border included.
    pub height: Option<Spanned<i64>>,
}
