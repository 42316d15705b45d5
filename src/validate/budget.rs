//! How much memory laying out the pamphlet takes, estimated from the guide before Typst
//! starts, so that a guide too large to print is refused with a reason instead of being
//! killed by the system after minutes.
//!
//! Typst's memory grows with what it lays out, not with the size of the source: each
//! paragraph, list item, styled span, contact and QR code costs tens of KiB, each
//! character about half a KiB. The weights below were measured on release builds (peak
//! resident memory of `build --format pdf` on guides made of one kind of thing each, 2026-12)
//! and rounded up.

use crate::config::BuildConfig;
use crate::diag::{Diagnostic, thousands};
use crate::model::richtext::{Block, Inline, RichText};
use crate::model::{ContactKind, Guide, Organization, Section};

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;

/// The most estimated memory a pamphlet may take: with what Typst reserves beyond what
/// it uses and the other formats rendered at the same time, a build stays within 4 GiB.
pub const PDF_BUDGET: u64 = 2048 * MIB;

const BASE: u64 = 64 * MIB;
const PER_CHAR: u64 = 512;
const PER_PARAGRAPH: u64 = 16 * KIB;
const PER_LIST_ITEM: u64 = 48 * KIB;
const PER_SPAN: u64 = 12 * KIB;
const PER_CONTACT: u64 = 64 * KIB;
const PER_QR: u64 = 32 * KIB;
const PER_ORGANIZATION: u64 = 64 * KIB;

/// What the pamphlet holds, counted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Characters of text.
    pub chars: u64,
    /// Paragraphs and one-line texts set as their own block.
    pub paragraphs: u64,
    /// Bullet items, services included.
    pub list_items: u64,
    /// Emphasis, strong text and links.
    pub spans: u64,
    /// Contacts.
    pub contacts: u64,
    /// QR codes.
    pub qr_codes: u64,
    /// Organizations and sections.
    pub organizations: u64,
}

impl Counts {
    /// Counts what the pamphlet of `guide` lays out.
    pub fn of(guide: &Guide, qr: bool) -> Self {
        let mut counts = Self::default();
        let lines = [
            Some(&guide.title),
            guide.subtitle.as_ref(),
            guide.publisher.as_ref(),
            guide.edition.as_ref(),
            guide.emergency.as_ref(),
        ];
        lines.into_iter().flatten().for_each(|l| counts.line(l));
        [&guide.intro, &guide.closing]
            .into_iter()
            .flatten()
            .for_each(|r| counts.rich(r));
        for section in &guide.sections {
            counts.section(section);
        }
        for org in &guide.organizations {
            counts.organization(org, qr);
        }
        counts
    }

    /// These counts and `other`'s together.
    #[must_use]
    pub fn plus(&self, other: &Self) -> Self {
        Self {
            chars: self.chars + other.chars,
            paragraphs: self.paragraphs + other.paragraphs,
            list_items: self.list_items + other.list_items,
            spans: self.spans + other.spans,
            contacts: self.contacts + other.contacts,
            qr_codes: self.qr_codes + other.qr_codes,
            organizations: self.organizations + other.organizations,
        }
    }

    /// Counts what one organization adds to the pamphlet.
    pub fn of_organization(org: &Organization, qr: bool) -> Self {
        let mut counts = Self::default();
        counts.organization(org, qr);
        counts
    }

    /// Counts what one section's head adds to the pamphlet.
    pub fn of_section(section: &Section) -> Self {
        let mut counts = Self::default();
        counts.section(section);
        counts
    }

    /// The estimated memory these take beyond what every document needs, in bytes.
    pub fn marginal(&self) -> u64 {
        self.estimate() - BASE
    }

    fn section(&mut self, section: &Section) {
        self.organizations += 1;
        self.line(&section.title);
        section.intro.iter().for_each(|r| self.rich(r));
    }

    fn organization(&mut self, org: &Organization, qr: bool) {
        self.organizations += 1;
        self.line(&org.name);
        org.short_name.iter().for_each(|l| self.line(l));
        self.line(&org.summary);
        org.services_intro.iter().for_each(|l| self.line(l));
        self.rich(&org.about);
        for service in &org.services {
            self.list_items += 1;
            self.rich(service);
        }
        org.closing.iter().for_each(|r| self.rich(r));
        for contact in &org.contacts {
            self.contacts += 1;
            self.qr_codes += u64::from(qr && contact.kind == ContactKind::Web);
            let texts = [&contact.label, &contact.value];
            self.chars += texts.iter().map(|t| chars(t)).sum::<u64>();
            self.chars += contact.hours.as_deref().map_or(0, chars);
            self.chars += contact.regions.iter().map(|r| chars(r)).sum::<u64>();
        }
    }

    /// The estimated peak memory of laying these out, in bytes.
    pub fn estimate(&self) -> u64 {
        BASE + self.chars * PER_CHAR
            + self.paragraphs * PER_PARAGRAPH
            + self.list_items * PER_LIST_ITEM
            + self.spans * PER_SPAN
            + self.contacts * PER_CONTACT
            + self.qr_codes * PER_QR
            + self.organizations * PER_ORGANIZATION
    }

    /// Everything counted one by one, characters and QR codes aside.
    pub fn pieces(&self) -> u64 {
        self.organizations + self.contacts + self.paragraphs + self.list_items + self.spans
    }

    fn line(&mut self, text: &str) {
        self.paragraphs += 1;
        self.chars += chars(text);
    }

    fn rich(&mut self, text: &RichText) {
        self.blocks(&text.0);
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Paragraph(inlines) => {
                    self.paragraphs += 1;
                    self.inlines(inlines);
                }
                Block::List(items) => {
                    for item in items {
                        self.list_items += 1;
                        self.blocks(item);
                    }
                }
            }
        }
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => self.chars += chars(text),
                Inline::Emph(body) | Inline::Strong(body) => {
                    self.spans += 1;
                    self.inlines(body);
                }
                Inline::Link(link) => {
                    self.spans += 1;
                    self.inlines(&link.body);
                }
            }
        }
    }
}

fn chars(text: &str) -> u64 {
    text.chars().count() as u64
}

/// The most pieces (organizations, contacts, paragraphs, list items, styled spans) a guide
/// may have. The EPUB takes about 3 KiB of memory for each; a guide of 10,000
/// organizations has about 140,000.
pub const MAX_PIECES: u64 = 200_000;

/// The problem when the guide has more than [`MAX_PIECES`], for every format.
pub fn check_guide(guide: &Guide) -> Option<crate::diag::Diagnostic> {
    let counts = Counts::of(guide, false);
    let pieces = counts.pieces();
    (pieces > MAX_PIECES).then(|| {
        Diagnostic::bare(format!(
            "the guide has {} organizations, contacts, paragraphs, list items and styled spans, more than the {} one guide may have",
            thousands(pieces),
            thousands(MAX_PIECES)
        ))
        .with_hint(format!(
            "it has {} organizations, {} contacts, {} paragraphs, {} list items and {} styled spans; a guide of 10,000 organizations has about 140,000 pieces",
            thousands(counts.organizations),
            thousands(counts.contacts),
            thousands(counts.paragraphs),
            thousands(counts.list_items),
            thousands(counts.spans),
        ))
        .with_hint("split it into several guides (one per section, say)")
    })
}

/// The problem when the pamphlet of `guide` would take more memory than [`PDF_BUDGET`].
pub fn check_pdf(guide: &Guide, config: &BuildConfig) -> Option<Diagnostic> {
    check_pdf_counts(&Counts::of(guide, config.settings.qr))
}

/// The problem when laying out `counts` (a pamphlet, or one part of it) would take more
/// memory than [`PDF_BUDGET`].
pub fn check_pdf_counts(counts: &Counts) -> Option<Diagnostic> {
    let estimate = counts.estimate();
    if estimate <= PDF_BUDGET {
        return None;
    }
    let gib = |bytes: u64| bytes as f64 / (1024.0 * MIB as f64);
    let share = PDF_BUDGET as f64 / estimate as f64;
    Some(
        Diagnostic::bare(format!(
            "the guide is too large for one PDF pamphlet: laying it out would take about {:.1} GiB of memory, more than the {:.2} GiB a build may use",
            gib(estimate),
            gib(PDF_BUDGET),
        ))
        .with_hint(format!(
            "it has {} organizations, {} contacts, {} paragraphs, {} list items and {} characters; about {:.0} % of it fits",
            thousands(counts.organizations),
            thousands(counts.contacts),
            thousands(counts.paragraphs),
            thousands(counts.list_items),
            thousands(counts.chars),
            (share * 100.0).floor(),
        ))
        .with_hint("split it into several guides (one per section, say); `--format epub,cards` still builds the EPUB and the text cards of this one"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_guide_is_far_below_the_budget() {
        let counts = Counts {
            chars: 20_000,
            paragraphs: 60,
            list_items: 30,
            spans: 10,
            contacts: 20,
            qr_codes: 5,
            organizations: 5,
        };
        assert!(counts.estimate() < PDF_BUDGET / 10);
    }
}
