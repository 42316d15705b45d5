//! What an edition keeps of the guide, and why each thing was kept or dropped.
//!
//! An organization stays when it matches the edition's tags and regions and carries none of
//! its `exclude_tags`; an organization's tags count for its contacts, and a contact that
//! carries one of the edition's tags brings its organization along. A contact stays when
//! its organization stays, its own tags and regions allow it, and it is not confidential
//! (unless the edition is). An organization left with no contacts is dropped; a section
//! left empty disappears. Cards keep only contacts that remain.

use serde::Serialize;

use crate::model::edition::Edition;
use crate::model::{Card, Contact, Guide, Organization};

/// Why something was dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// It carries none of the edition's tags.
    NoTag,
    /// It carries one of the edition's `exclude_tags`.
    ExcludedTag {
        /// The tag.
        tag: String,
    },
    /// It serves none of the edition's regions.
    OutsideRegions {
        /// Where it serves.
        regions: Vec<String>,
    },
    /// It is confidential and the edition is not.
    Confidential,
    /// Its organization was dropped.
    OrganizationDropped,
    /// Every one of its contacts was dropped.
    NoContactsLeft,
    /// None of its organizations stayed.
    Empty,
    /// The edition names its cards, and not this one.
    NotNamed,
    /// One of its contacts was dropped and the edition does not name it.
    LosesContacts,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoTag => f.write_str("carries none of the edition's tags"),
            Self::ExcludedTag { tag } => write!(f, "carries the excluded tag `{tag}`"),
            Self::OutsideRegions { regions } => {
                write!(f, "serves only {}", regions.join(", "))
            }
            Self::Confidential => f.write_str("confidential (only in a confidential edition)"),
            Self::OrganizationDropped => f.write_str("its organization was dropped"),
            Self::NoContactsLeft => f.write_str("none of its contacts stayed"),
            Self::Empty => f.write_str("none of its organizations stayed"),
            Self::NotNamed => f.write_str("the edition's `cards` does not name it"),
            Self::LosesContacts => f.write_str("it would lose a contact"),
        }
    }
}

/// What happened to one thing of the guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fate {
    /// Its id (`org.contact` for a contact).
    pub id: String,
    /// Why it was dropped; `None`: kept.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub dropped: Option<Reason>,
}

impl Fate {
    /// Whether it stayed.
    pub fn kept(&self) -> bool {
        self.dropped.is_none()
    }
}

/// What happened to one card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardFate {
    /// The card's id.
    pub id: String,
    /// Whether the edition names it in `cards`.
    pub named: bool,
    /// The contacts it lost (`org.contact`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lost: Vec<String>,
    /// Why it was dropped; `None`: kept.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub dropped: Option<Reason>,
}

/// Everything an edition kept and dropped, in the guide's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The edition's id.
    pub edition: String,
    /// Each section.
    pub sections: Vec<Fate>,
    /// Each organization.
    pub organizations: Vec<Fate>,
    /// Each contact, `org.contact`.
    pub contacts: Vec<Fate>,
    /// Each card of the guide, then each card the edition names that the guide lacks.
    pub cards: Vec<CardFate>,
}

impl Explanation {
    /// Whether the edition keeps no organization at all.
    pub fn is_empty(&self) -> bool {
        !self.organizations.iter().any(Fate::kept)
    }
}

/// The edition's guide, and what it kept and dropped and why.
pub fn select(guide: &Guide, edition: &Edition) -> (Guide, Explanation) {
    let mut explanation = Explanation {
        edition: edition.id.clone(),
        sections: Vec::new(),
        organizations: Vec::new(),
        contacts: Vec::new(),
        cards: Vec::new(),
    };
    let mut organizations = Vec::new();
    for org in &guide.organizations {
        let (kept, fate) = select_organization(org, edition, &mut explanation.contacts);
        explanation.organizations.push(fate);
        organizations.extend(kept);
    }
    let sections = guide
        .sections
        .iter()
        .filter_map(|section| {
            let used = organizations
                .iter()
                .any(|o| o.section.as_ref() == Some(&section.id));
            explanation.sections.push(Fate {
                id: section.id.clone(),
                dropped: (!used).then_some(Reason::Empty),
            });
            used.then(|| section.clone())
        })
        .collect();
    let cards = select_cards(guide, edition, &organizations, &mut explanation.cards);
    let selected = Guide {
        title: edition.title.clone().unwrap_or_else(|| guide.title.clone()),
        subtitle: edition.subtitle.clone().or_else(|| guide.subtitle.clone()),
        sections,
        organizations,
        cards,
        staff_only: edition.confidential,
        ..guide.clone()
    };
    (selected, explanation)
}

fn select_organization(
    org: &Organization,
    edition: &Edition,
    contact_fates: &mut Vec<Fate>,
) -> (Option<Organization>, Fate) {
    let own = organization_reason(org, edition);
    // An organization without the tag may still stay for a contact that carries it.
    let through_contacts = own == Some(Reason::NoTag)
        && org
            .contacts
            .iter()
            .any(|c| carries_any(&c.tags, &edition.tags));
    let dropped_org = own.clone().filter(|_| !through_contacts);
    let mut contacts = Vec::new();
    for contact in &org.contacts {
        let dropped = if dropped_org.is_some() {
            Some(Reason::OrganizationDropped)
        } else {
            contact_reason(contact, edition, through_contacts)
        };
        if dropped.is_none() {
            contacts.push(contact.clone());
        }
        contact_fates.push(Fate {
            id: format!("{}.{}", org.id, contact.id),
            dropped,
        });
    }
    let dropped = dropped_org.or_else(|| {
        (contacts.is_empty() && !org.contacts.is_empty()).then_some(Reason::NoContactsLeft)
    });
    let fate = Fate {
        id: org.id.clone(),
        dropped: dropped.clone(),
    };
    let kept = dropped.is_none().then(|| Organization {
        contacts,
        ..org.clone()
    });
    (kept, fate)
}

fn organization_reason(org: &Organization, edition: &Edition) -> Option<Reason> {
    if let Some(tag) = first_shared(&org.tags, &edition.exclude_tags) {
        return Some(Reason::ExcludedTag { tag });
    }
    if !serves(&org.regions, &edition.regions) {
        return Some(Reason::OutsideRegions {
            regions: org.regions.clone(),
        });
    }
    if !edition.tags.is_empty() && !carries_any(&org.tags, &edition.tags) {
        return Some(Reason::NoTag);
    }
    None
}

fn contact_reason(contact: &Contact, edition: &Edition, needs_tag: bool) -> Option<Reason> {
    if contact.confidential && !edition.confidential {
        return Some(Reason::Confidential);
    }
    if let Some(tag) = first_shared(&contact.tags, &edition.exclude_tags) {
        return Some(Reason::ExcludedTag { tag });
    }
    if !serves(&contact.regions, &edition.regions) {
        return Some(Reason::OutsideRegions {
            regions: contact.regions.clone(),
        });
    }
    if needs_tag && !carries_any(&contact.tags, &edition.tags) {
        return Some(Reason::NoTag);
    }
    None
}

fn select_cards(
    guide: &Guide,
    edition: &Edition,
    organizations: &[Organization],
    fates: &mut Vec<CardFate>,
) -> Vec<Card> {
    let remains = |reference: &str| {
        organizations.iter().any(|org| {
            org.contacts
                .iter()
                .any(|c| reference == format!("{}.{}", org.id, c.id))
        })
    };
    let named = |id: &str| {
        edition
            .cards
            .as_ref()
            .is_none_or(|names| names.iter().any(|n| n == id))
    };
    let mut kept = Vec::new();
    for card in &guide.cards {
        let is_named = edition.cards.is_some() && named(&card.id);
        let lost: Vec<String> = card
            .contacts
            .iter()
            .filter(|c| !remains(&c.reference))
            .map(|c| c.reference.clone())
            .collect();
        let dropped = if !named(&card.id) {
            Some(Reason::NotNamed)
        } else if lost.len() == card.contacts.len() {
            Some(Reason::NoContactsLeft)
        } else if !lost.is_empty() && !is_named {
            Some(Reason::LosesContacts)
        } else {
            None
        };
        if dropped.is_none() {
            kept.push(Card {
                contacts: card
                    .contacts
                    .iter()
                    .filter(|c| remains(&c.reference))
                    .cloned()
                    .collect(),
                ..card.clone()
            });
        }
        fates.push(CardFate {
            id: card.id.clone(),
            named: is_named,
            lost,
            dropped,
        });
    }
    // In the order the edition names them.
    if let Some(names) = &edition.cards {
        kept.sort_by_key(|card| names.iter().position(|n| *n == card.id));
    }
    kept
}

fn carries_any(tags: &[String], wanted: &[String]) -> bool {
    tags.iter().any(|t| wanted.contains(t))
}

fn first_shared(tags: &[String], wanted: &[String]) -> Option<String> {
    tags.iter().find(|t| wanted.contains(t)).cloned()
}

/// Those without regions serve everywhere; an edition without regions takes every region.
fn serves(regions: &[String], wanted: &[String]) -> bool {
    regions.is_empty() || wanted.is_empty() || regions.iter().any(|r| wanted.contains(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide() -> Guide {
        let source = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/editions.toml"
        ))
        .expect("fixture");
        let source = std::sync::Arc::new(crate::diag::SourceText {
            name: "editions.toml".into(),
            text: source,
            cells: None,
        });
        crate::pipeline::check_source(source)
            .map_err(|_| "the fixture is valid")
            .expect("valid")
            .checked
            .guide
    }

    fn edition(id: &str, tags: &[&str], confidential: bool) -> Edition {
        Edition {
            id: id.into(),
            span: 0..0,
            title: Some(format!("{id} title")),
            subtitle: None,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            exclude_tags: Vec::new(),
            regions: Vec::new(),
            cards: None,
            languages: Vec::new(),
            confidential,
            settings: crate::config::Settings::default(),
            formats: None,
        }
    }

    #[test]
    fn a_confidential_edition_is_staff_only_and_keeps_confidential_contacts() {
        let guide = guide();
        let (staff, _) = select(&guide, &edition("staff", &[], true));
        assert!(staff.staff_only);
        assert_eq!(staff.title, "staff title");
        let (public, why) = select(&guide, &edition("public", &[], false));
        assert!(!public.staff_only);
        let contacts = |g: &Guide| {
            g.organizations
                .iter()
                .flat_map(|o| o.contacts.clone())
                .count()
        };
        assert_eq!(contacts(&staff), contacts(&guide));
        assert_eq!(contacts(&public), contacts(&guide) - 2);
        assert!(
            why.contacts
                .iter()
                .any(|c| c.id == "harbor-house.street-address"
                    && c.dropped == Some(Reason::Confidential))
        );
        // The staff card loses its confidential line: it would lose a contact, so it is left out.
        assert!(public.cards.iter().all(|c| c.id != "staff-referrals"));
    }

    #[test]
    fn a_tag_keeps_its_organizations_and_empty_sections_disappear() {
        let guide = guide();
        let (students, why) = select(&guide, &edition("students", &["youth"], false));
        let ids: Vec<&str> = students
            .organizations
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        assert_eq!(ids, ["crisis-text-line", "lifeline"]);
        let sections: Vec<&str> = students.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(sections, ["crisis"]);
        assert!(
            why.organizations
                .iter()
                .any(|o| o.id == "harbor-house" && o.dropped == Some(Reason::NoTag))
        );
    }
}
