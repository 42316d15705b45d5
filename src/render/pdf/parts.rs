//! A handout too large for one Typst document, laid out in parts.
//!
//! Typst keeps about 1 GiB for every 1,000 organizations it lays out, until the compile
//! ends. A statewide directory is therefore laid out as runs of sections, each its own
//! document starting on a new page, at most [`cores`] at a time, with the memo emptied
//! after each batch; the parts' PDFs are then joined into one. "Page 3 of 4,918" needs the
//! total before any page is final, so the parts have no footers: each part's footers are a
//! small document of their own, made once the pages are counted and laid over the part's
//! pages (they are artifacts, outside the tag tree), so every part is laid out only once.
//!
//! [`cores`]: crate::parallel::cores

use serde::Serialize;

use super::{Words, export_pamphlet, world_of};
use crate::config::{BuildConfig, Layout};
use crate::diag::Diagnostic;
use crate::model::Guide;
use crate::render::RenderContext;
use crate::typst::compile::{compile_keeping_memo, evict_memo};
use crate::typst::pdf::export_later_part;
use crate::validate::budget::Counts;

const MIB: u64 = 1024 * 1024;

/// A handout estimated to need more than this is laid out in parts; smaller ones (up to
/// about 1,400 organizations of a statewide directory) in one document, as before.
const SPLIT_FROM: u64 = 1536 * MIB;

/// The most estimated memory of one part: two parts laid out at once, with the other
/// formats, stay within 3 GiB.
const PART_BUDGET: u64 = 768 * MIB;

/// One run of the handout laid out as its own document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Part {
    /// Indices of the sections shown in it, in order.
    pub sections: Vec<usize>,
    /// Indices of its organizations, in reading order.
    pub organizations: Vec<usize>,
    /// The section begun in the part before, whose head is not repeated.
    pub continued: Option<usize>,
    /// What it lays out.
    pub counts: Counts,
}

/// What the template is told of the part it lays out (`data.part`).
#[derive(Debug, Clone, Serialize)]
pub(super) struct PartData {
    /// The title block and the intro are in the first part only.
    first: bool,
    /// The closing and the latest version's address are in the last part only.
    last: bool,
    /// For the document of a part's page footers alone. The parts have no footers.
    footers: Option<Footers>,
    /// The id of the section begun in the part before.
    continued: Option<String>,
}

/// The page footers of one part.
#[derive(Debug, Clone, Copy, Serialize)]
struct Footers {
    /// The number of the part's first page.
    first_page: usize,
    /// The part's pages.
    pages: usize,
    /// The pamphlet's pages.
    total: usize,
}

/// A piece of the handout in reading order: a section's head, or an organization.
#[derive(Clone, Copy)]
enum Unit {
    Head(usize),
    Organization(usize, Option<usize>),
}

/// The parts of the pamphlet of `guide`: none when it is laid out whole (a tri-fold, or a
/// handout estimated below [`SPLIT_FROM`]). A part ends where a section does, unless one
/// section alone is larger than [`PART_BUDGET`].
pub(super) fn plan(guide: &Guide, config: &BuildConfig) -> Vec<Part> {
    if config.settings.layout == Layout::Trifold {
        return Vec::new();
    }
    plan_within(guide, config.settings.qr, SPLIT_FROM, PART_BUDGET)
}

/// The parts of a handout of `guide` estimated above `split_from`, each at most
/// `part_budget` unless one organization alone is larger.
fn plan_within(guide: &Guide, qr: bool, split_from: u64, part_budget: u64) -> Vec<Part> {
    if Counts::of(guide, qr).estimate() <= split_from {
        return Vec::new();
    }
    let counted = |unit: &Unit| match *unit {
        Unit::Head(section) => Counts::of_section(&guide.sections[section]),
        Unit::Organization(org, _) => Counts::of_organization(&guide.organizations[org], qr),
    };
    let mut parts = Vec::new();
    let mut current = Building::default();
    for group in groups(guide) {
        let units: Vec<(Unit, Counts)> = group.into_iter().map(|u| (u, counted(&u))).collect();
        let whole = units
            .iter()
            .fold(Counts::default(), |sum, (_, counts)| sum.plus(counts));
        if current.has_organizations() && current.counts.marginal() + whole.marginal() > part_budget
        {
            parts.push(std::mem::take(&mut current).finish());
        }
        for (unit, counts) in units {
            if current.has_organizations()
                && current.counts.marginal() + counts.marginal() > part_budget
            {
                current = current.split(&mut parts);
            }
            current.push(unit, counts);
        }
    }
    parts.push(current.finish());
    parts
}

/// The handout's pieces in reading order, a group per section: its head, then its
/// organizations (as the template groups them); without sections, one group of the
/// organizations.
fn groups(guide: &Guide) -> Vec<Vec<Unit>> {
    if guide.sections.is_empty() {
        return vec![
            (0..guide.organizations.len())
                .map(|org| Unit::Organization(org, None))
                .collect(),
        ];
    }
    let mut grouped: Vec<Vec<Unit>> = (0..guide.sections.len())
        .map(|section| vec![Unit::Head(section)])
        .collect();
    let index: std::collections::HashMap<&str, usize> = guide
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    for (org, organization) in guide.organizations.iter().enumerate() {
        if let Some(&section) = organization.section.as_deref().and_then(|id| index.get(id)) {
            grouped[section].push(Unit::Organization(org, Some(section)));
        }
    }
    grouped
}

/// A part being filled.
#[derive(Default)]
struct Building {
    units: Vec<(Unit, Counts)>,
    continued: Option<usize>,
    counts: Counts,
}

impl Building {
    fn push(&mut self, unit: Unit, counts: Counts) {
        self.counts = self.counts.plus(&counts);
        self.units.push((unit, counts));
    }

    /// Ends this part inside a section, pushing it onto `parts`, and starts the next: a
    /// section's head never ends a part (it goes with its first organization), and the
    /// next part continues the section of this one's last organization.
    fn split(mut self, parts: &mut Vec<Part>) -> Self {
        let head = self.take_trailing_head();
        let open_section = self.open_section();
        parts.push(self.finish());
        let mut next = Self::default();
        if let Some((section, counts)) = head {
            next.push(Unit::Head(section), counts);
        } else {
            next.continued = open_section;
        }
        next
    }

    fn has_organizations(&self) -> bool {
        self.units
            .iter()
            .any(|(unit, _)| matches!(unit, Unit::Organization(..)))
    }

    fn take_trailing_head(&mut self) -> Option<(usize, Counts)> {
        let &(Unit::Head(section), counts) = self.units.last()? else {
            return None;
        };
        self.units.pop();
        self.counts = self
            .units
            .iter()
            .fold(Counts::default(), |sum, (_, c)| sum.plus(c));
        Some((section, counts))
    }

    /// The section of the last organization, which the next part continues.
    fn open_section(&self) -> Option<usize> {
        match self.units.last()? {
            (Unit::Organization(_, section), _) => *section,
            (Unit::Head(_), _) => None,
        }
    }

    fn finish(self) -> Part {
        let mut sections: Vec<usize> = self.continued.into_iter().collect();
        let mut organizations = Vec::new();
        for (unit, _) in &self.units {
            match *unit {
                Unit::Head(section) => sections.push(section),
                Unit::Organization(org, _) => organizations.push(org),
            }
        }
        Part {
            sections,
            organizations,
            continued: self.continued,
            counts: self.counts,
        }
    }
}

/// The pamphlet of the guide in `cx`, laid out in `parts`, each with its page footers laid
/// over it, joined into one PDF.
pub(super) fn render(
    cx: &RenderContext<'_>,
    words: &Words,
    parts: &[Part],
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let fonts = crate::render::fonts_for(cx.guide, words);
    let indices: Vec<usize> = (0..parts.len()).collect();
    let laid_out = in_batches(&indices, |&i| {
        let part = PartData {
            first: i == 0,
            last: i + 1 == parts.len(),
            footers: None,
            continued: parts[i]
                .continued
                .map(|section| cx.guide.sections[section].id.clone()),
        };
        let guide = part_guide(cx.guide, &parts[i]);
        let world = world_of(cx, words, &guide, fonts.clone(), Some(part));
        let document = compile_keeping_memo(&world)?;
        let pages = document.pages().len();
        let pdf = if i == 0 {
            export_pamphlet(cx, &world, &document)
        } else {
            export_later_part(&world, &document, &cx.guide.id, cx.guide.date)
        }?;
        Ok((pdf, pages))
    })?;
    let total: usize = laid_out.iter().map(|(_, pages)| pages).sum();
    let mut first_page = 1;
    let mut footed = Vec::with_capacity(laid_out.len());
    for (pdf, pages) in laid_out {
        footed.push((
            pdf,
            Footers {
                first_page,
                pages,
                total,
            },
        ));
        first_page += pages;
    }
    let pdfs = in_batches(&footed, |(pdf, footers)| {
        let over = self::footers(cx, words, fonts.clone(), *footers)?;
        super::overlay::overlay_pages(pdf, &over).map_err(|problem| {
            vec![Diagnostic::bare(format!(
                "cannot lay the page footers over the pamphlet ({problem})"
            ))]
        })
    })?;
    super::join::join_parts(&pdfs).map_err(|problem| {
        vec![Diagnostic::bare(format!(
            "cannot join the {} parts of the pamphlet into one PDF ({problem})",
            parts.len()
        ))]
    })
}

/// The page footers of one part, as a document of their own.
fn footers(
    cx: &RenderContext<'_>,
    words: &Words,
    fonts: Vec<&'static str>,
    footers: Footers,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let part = PartData {
        first: false,
        last: false,
        footers: Some(footers),
        continued: None,
    };
    let guide = cx.guide.part(Vec::new(), Vec::new());
    let world = world_of(cx, words, &guide, fonts, Some(part));
    let document = compile_keeping_memo(&world)?;
    if document.pages().len() != footers.pages {
        return Err(vec![
            Diagnostic::bare(format!(
                "the template laid out {} page footers for a part of {} pages",
                document.pages().len(),
                footers.pages
            ))
            .with_hint(
                "with `part.footers` set, pamphlet/handout.typ must make one empty page per footer",
            ),
        ]);
    }
    export_later_part(&world, &document, &cx.guide.id, cx.guide.date)
}

/// The guide of one part: its sections and organizations only.
fn part_guide(guide: &Guide, part: &Part) -> Guide {
    guide.part(
        part.sections
            .iter()
            .map(|&s| guide.sections[s].clone())
            .collect(),
        part.organizations
            .iter()
            .map(|&o| guide.organizations[o].clone())
            .collect(),
    )
}

/// `f` of every item, in order, a batch of [`cores`](crate::parallel::cores) items at a
/// time, with Typst's memo emptied after each batch (and after a failure), so that no more
/// than one batch of parts is held at once.
fn in_batches<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R, Vec<Diagnostic>> + Sync,
) -> Result<Vec<R>, Vec<Diagnostic>> {
    let cores = crate::parallel::cores();
    let mut done = Vec::with_capacity(items.len());
    for batch in items.chunks(cores) {
        let results = crate::parallel::map_queued(batch, cores, &f);
        evict_memo();
        for result in results {
            done.push(result?);
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests;
