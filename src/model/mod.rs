//! The validated guide: the one model every renderer reads.
//!
//! A [`Guide`] only exists after validation succeeded, so renderers never re-check
//! anything. It serializes to the data that templates receive (JSON for Typst, values
//! for minijinja), with derived fields such as each contact's link already computed.

pub mod confidential;
pub mod edition;
pub mod phone;
pub mod richtext;
pub mod texts;
pub mod translation;

use serde::Serialize;

use crate::model::richtext::RichText;

/// A calendar date, serialized as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}",
            d.year(),
            u8::from(d.month()),
            d.day()
        )
    }
}

/// A whole, checked resource guide.
#[derive(Debug, Clone, Serialize)]
pub struct Guide {
    /// Slug that names the output files.
    pub id: String,
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Well-formed BCP 47 language tag.
    pub language: String,
    /// Writing direction of the language, `ltr` or `rtl`.
    pub direction: &'static str,
    /// Edition date.
    pub date: Date,
    /// Display label of the edition.
    pub edition: Option<String>,
    /// Opening text.
    pub intro: Option<RichText>,
    /// Closing text.
    pub closing: Option<RichText>,
    /// Emergency line.
    pub emergency: Option<String>,
    /// Maximum age in days of a `verified` date.
    pub review_every_days: u32,
    /// The https address of the always-current version, as written.
    pub web_url: Option<String>,
    /// Sections in order (may be empty).
    pub sections: Vec<Section>,
    /// Organizations in reading order (grouped by section when there are sections).
    pub organizations: Vec<Organization>,
    /// Wallet cards.
    pub cards: Vec<Card>,
    /// A staff-only edition: it may carry confidential contacts, and every output says so.
    pub staff_only: bool,
}

impl Guide {
    /// The same guide with only these sections and organizations: one part of a pamphlet
    /// laid out in parts.
    #[must_use]
    pub fn part(&self, sections: Vec<Section>, organizations: Vec<Organization>) -> Self {
        Self {
            id: self.id.clone(),
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            publisher: self.publisher.clone(),
            language: self.language.clone(),
            direction: self.direction,
            date: self.date,
            edition: self.edition.clone(),
            intro: self.intro.clone(),
            closing: self.closing.clone(),
            emergency: self.emergency.clone(),
            review_every_days: self.review_every_days,
            web_url: self.web_url.clone(),
            sections,
            organizations,
            cards: self.cards.clone(),
            staff_only: self.staff_only,
        }
    }
}

/// A group of organizations.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Slug.
    pub id: String,
    /// Title.
    pub title: String,
    /// Opening text.
    pub intro: Option<RichText>,
}

/// One organization.
#[derive(Debug, Clone, Serialize)]
pub struct Organization {
    /// Slug.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Abbreviation.
    pub short_name: Option<String>,
    /// Section id.
    pub section: Option<String>,
    /// One-line summary.
    pub summary: String,
    /// Description.
    pub about: RichText,
    /// Lead-in before the services list.
    pub services_intro: Option<String>,
    /// Services, one rich text per bullet.
    pub services: Vec<RichText>,
    /// Text after the services.
    pub closing: Option<RichText>,
    /// Tags.
    pub tags: Vec<String>,
    /// Where it serves (empty: everywhere).
    pub regions: Vec<String>,
    /// Contacts in order.
    pub contacts: Vec<Contact>,
}

/// The kind of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContactKind {
    /// A telephone number.
    Phone,
    /// A number that takes text messages.
    Sms,
    /// A web address.
    Web,
    /// An e-mail address.
    Email,
    /// A postal address.
    Address,
}

impl ContactKind {
    /// Every kind, in the order the documentation lists them.
    pub const ALL: [ContactKind; 5] = [
        Self::Phone,
        Self::Sms,
        Self::Web,
        Self::Email,
        Self::Address,
    ];

    /// The word used in the source file.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::Sms => "sms",
            Self::Web => "web",
            Self::Email => "email",
            Self::Address => "address",
        }
    }
}

/// One way to reach an organization.
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    /// Slug, unique within its organization.
    pub id: String,
    /// Kind.
    pub kind: ContactKind,
    /// What it is for.
    pub label: String,
    /// As printed.
    pub value: String,
    /// The link a reader can follow (`tel:`, `sms:`, `https:`, `mailto:`); none for addresses.
    pub href: Option<String>,
    /// When it can be reached.
    pub hours: Option<String>,
    /// Where it can be reached from.
    pub regions: Vec<String>,
    /// Last confirmed.
    pub verified: Option<Date>,
    /// Languages it answers in, normalized BCP 47 tags.
    pub languages: Vec<String>,
    /// Tags, for editions.
    pub tags: Vec<String>,
    /// Shown only in editions that set `confidential = true`.
    pub confidential: bool,
}

/// One wallet card, its contacts resolved.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// Slug.
    pub id: String,
    /// Title.
    pub title: String,
    /// The contacts, resolved, in order.
    pub contacts: Vec<CardContact>,
    /// Note.
    pub note: Option<String>,
}

/// A contact as it appears on a card, with the organization it belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct CardContact {
    /// `org.contact`.
    pub reference: String,
    /// The organization's short name, or its name when it has none.
    pub organization: String,
    /// The contact.
    #[serde(flatten)]
    pub contact: Contact,
}
