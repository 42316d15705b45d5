//! Synthetic guides of any size, in guidepress's source format (`source-format.md`).
//!
//! The same structs also read an existing guide (the shipped one), so the Markdown that the
//! comparison feeds to Pandoc is always made from exactly the content guidepress builds.

use serde::{Deserialize, Serialize};
use toml::value::{Date, Datetime};

use crate::prose::{self, Rng};

/// Sections of a statewide directory (issue 19's benchmark): the organizations are spread
/// evenly over them.
const SECTION_COUNT: usize = 20;
/// Wallet cards, whatever the size.
const CARD_COUNT: usize = 50;
/// Contacts on each wallet card.
const CONTACTS_PER_CARD: usize = 4;

/// A whole guide source file.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Source {
    /// `[guide]`.
    pub guide: GuideTable,
    /// `[[section]]`.
    #[serde(default, rename = "section", skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// `[[organization]]`.
    #[serde(rename = "organization")]
    pub organizations: Vec<Organization>,
    /// `[[card]]`.
    #[serde(default, rename = "card", skip_serializing_if = "Vec::is_empty")]
    pub cards: Vec<Card>,
}

/// `[guide]`.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct GuideTable {
    /// Slug.
    pub id: String,
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// BCP 47 tag.
    pub language: String,
    /// Edition date.
    pub date: Datetime,
    /// Edition label.
    pub edition: Option<String>,
    /// Rich text.
    pub intro: Option<String>,
    /// Rich text.
    pub closing: Option<String>,
    /// One line.
    pub emergency: Option<String>,
}

/// `[[section]]`.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Section {
    /// Slug.
    pub id: String,
    /// Title.
    pub title: String,
    /// Rich text.
    pub intro: Option<String>,
}

/// `[[organization]]`.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Organization {
    /// Slug.
    pub id: String,
    /// Name.
    pub name: String,
    /// Abbreviation.
    pub short_name: Option<String>,
    /// Section id.
    pub section: Option<String>,
    /// One line.
    pub summary: String,
    /// Rich text.
    pub about: String,
    /// Lead-in of the services list.
    pub services_intro: Option<String>,
    /// Rich text each.
    #[serde(default)]
    pub services: Vec<String>,
    /// Rich text.
    pub closing: Option<String>,
    /// Slugs.
    #[serde(default)]
    pub tags: Vec<String>,
    /// `[[organization.contact]]`.
    #[serde(default, rename = "contact")]
    pub contacts: Vec<Contact>,
}

/// `[[organization.contact]]`.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Contact {
    /// Slug.
    pub id: String,
    /// `phone`, `sms`, `web`, `email` or `address`.
    pub kind: String,
    /// What it is for.
    pub label: String,
    /// As printed.
    pub value: String,
    /// When.
    pub hours: Option<String>,
    /// From where.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// Last confirmed.
    pub verified: Option<Datetime>,
}

/// `[[card]]`.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Card {
    /// Slug.
    pub id: String,
    /// Title.
    pub title: String,
    /// `org.contact` references.
    pub contacts: Vec<String>,
    /// Note.
    pub note: Option<String>,
}

/// A guide of `orgs` organizations, the same for the same number on every run.
pub(crate) fn generate(orgs: usize) -> Source {
    let mut rng = Rng::new(0x6775_6964_6570_7265 ^ orgs as u64);
    let section_count = SECTION_COUNT.min(orgs).max(1);
    let sections = (0..section_count).map(|i| section(&mut rng, i)).collect();
    let organizations: Vec<_> = (0..orgs)
        .map(|i| organization(&mut rng, i, i * section_count / orgs.max(1)))
        .collect();
    let cards = (0..CARD_COUNT).map(|i| card(i, &organizations)).collect();
    Source {
        guide: GuideTable {
            id: format!("synthetic-{orgs}"),
            title: "Community Resource Directory".into(),
            subtitle: Some(format!("{orgs} organizations, generated for benchmarking")),
            publisher: Some("guidepress benchmark".into()),
            language: "en-US".into(),
            date: date(2024, 6, 1),
            edition: Some("June 2024".into()),
            intro: Some(paragraphs(&mut rng, 2, 50, 70)),
            closing: Some(paragraphs(&mut rng, 1, 40, 60)),
            emergency: Some("In an emergency, call 911.".into()),
        },
        sections,
        organizations,
        cards,
    }
}

fn section(rng: &mut Rng, index: usize) -> Section {
    let topic = prose::TOPICS[index % prose::TOPICS.len()];
    let place = prose::PLACES[(index / prose::TOPICS.len()) % prose::PLACES.len()];
    Section {
        id: format!("section-{index}"),
        title: format!("{topic}: {place} ({})", index + 1),
        intro: rng.chance(60).then(|| prose::rich_paragraph(rng, 30)),
    }
}

fn organization(rng: &mut Rng, index: usize, section: usize) -> Organization {
    let name = format!("{} {}", rng.pick(prose::PLACES), rng.pick(prose::KINDS));
    let short_name = rng.chance(35).then(|| initials(&name));
    let service_count = 3;
    let services: Vec<String> = (0..service_count)
        .map(|_| paragraphs(rng, 1, 10, 30))
        .collect();
    let services_intro =
        (!services.is_empty() && rng.chance(50)).then(|| "Services include:".to_owned());
    let paragraph_count = 2;
    Organization {
        id: format!("org-{index}"),
        name,
        short_name,
        section: Some(format!("section-{section}")),
        summary: prose::summary(rng),
        about: paragraphs(rng, paragraph_count, 35, 80),
        services_intro,
        services,
        closing: rng.chance(20).then(|| paragraphs(rng, 1, 25, 50)),
        tags: vec![
            rng.pick(&["housing", "legal", "health", "youth", "food", "reporting"])
                .to_owned(),
        ],
        contacts: contacts(rng, index),
    }
}

fn paragraphs(rng: &mut Rng, count: usize, low: usize, high: usize) -> String {
    (0..count)
        .map(|_| {
            let words = rng.range(low, high);
            prose::rich_paragraph(rng, words)
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .collect()
}

/// A hotline that cards can carry (short label, hours that shorten to "24/7") and a web
/// address (with its QR code in the pamphlet).
fn contacts(rng: &mut Rng, index: usize) -> Vec<Contact> {
    let slug = format!("org{index}");
    let hotline = Contact {
        id: "hotline".into(),
        kind: "phone".into(),
        label: rng
            .pick(&["Helpline", "Intake line", "Crisis line", "Main office"])
            .into(),
        value: format!("1-800-{:03}-{:04}", 200 + index % 700, index % 10_000),
        hours: rng
            .chance(50)
            .then(|| "24 hours a day, 7 days a week".into()),
        regions: if rng.chance(20) {
            vec![
                rng.pick(prose::PLACES).into(),
                rng.pick(prose::PLACES).into(),
            ]
        } else {
            Vec::new()
        },
        verified: rng
            .chance(60)
            .then(|| date(2024, rng.range(1, 5) as u8, rng.range(1, 28) as u8)),
    };
    let web = Contact {
        id: "web".into(),
        kind: "web".into(),
        label: "Web site".into(),
        value: format!("www.{slug}.example.org/help"),
        hours: None,
        regions: Vec::new(),
        verified: rng
            .chance(50)
            .then(|| date(2023, rng.range(1, 12) as u8, rng.range(1, 28) as u8)),
    };
    vec![hotline, web]
}

/// Cards carry the hotlines of [`CONTACTS_PER_CARD`] organizations spread over the guide.
fn card(index: usize, organizations: &[Organization]) -> Card {
    let count = CONTACTS_PER_CARD.min(organizations.len());
    let stride = (organizations.len() / CARD_COUNT).max(1);
    let contacts = (0..count)
        .map(|k| {
            let org =
                (index * stride + k * (organizations.len() / count).max(1)) % organizations.len();
            format!("{}.hotline", organizations[org].id)
        })
        .collect();
    Card {
        id: format!("card-{index}"),
        title: format!("Help nearby ({})", index + 1),
        contacts,
        // Four contacts fill a wallet card: no room for a note.
        note: None,
    }
}

fn date(year: i32, month: u8, day: u8) -> Datetime {
    Datetime {
        date: Some(Date {
            year: year as u16,
            month,
            day,
        }),
        time: None,
        offset: None,
    }
}
