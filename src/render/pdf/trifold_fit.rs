//! Whether a compiled tri-fold fits its one sheet: the inside panels may not spill onto a
//! third page, and no text of the outside panels may run off the bottom of the sheet,
//! where the printer would cut it away without a word.

use typst::layout::{Abs, Frame, FrameItem, Point};
use typst_layout::PagedDocument;

use crate::diag::Diagnostic;

/// The pages of a tri-fold: outside and inside.
pub(super) const TRIFOLD_PAGES: usize = 2;

/// How far above the trimmed edge text must end: a print shop's safety margin (⅛ in).
const SAFETY_PT: f64 = 9.0;

/// The problems of a tri-fold that does not fit its sheet: none when it fits.
pub(super) fn misfits(document: &PagedDocument) -> Vec<Diagnostic> {
    let pages = document.pages();
    if pages.len() > TRIFOLD_PAGES {
        return vec![inside_overflow(document)];
    }
    let Some(page) = pages.first() else {
        return Vec::new();
    };
    // The frame is the trimmed sheet; bleed and crop marks lie outside it.
    let third = page.frame.width() / 3.0;
    let limit = page.frame.height() - Abs::pt(SAFETY_PT);
    let mut lost = Vec::new();
    lost_text(&page.frame, Point::zero(), limit, &mut lost);
    let panel_of = |x: Abs| (x / third).floor().clamp(0.0, 2.0) as usize;
    (0..3)
        .filter_map(|panel| {
            let mut here: Vec<&(Point, String)> = lost
                .iter()
                .filter(|(at, _)| panel_of(at.x) == panel)
                .collect();
            // The first line lost in reading order (overflowing text is not laid out
            // downwards: what follows may be set again from the foot of the panel), its
            // pieces in order across the panel.
            let top = here.first()?.0.y;
            here.retain(|(at, _)| (at.y - top).abs() < Abs::pt(1.0));
            here.sort_by_key(|(at, _)| at.x);
            let line: Vec<&str> = here.iter().map(|(_, text)| text.trim()).collect();
            Some(outside_overflow(PANEL_NAMES[panel], &line.join(" ")))
        })
        .collect()
}

const PANEL_NAMES: [&str; 3] = ["left panel", "middle panel", "right panel"];

/// Each text item whose baseline is below `limit`: where it is, and its text.
fn lost_text(frame: &Frame, offset: Point, limit: Abs, lost: &mut Vec<(Point, String)>) {
    for (point, item) in frame.items() {
        let at = offset + *point;
        match item {
            FrameItem::Group(group) => lost_text(&group.frame, at, limit, lost),
            FrameItem::Text(text) if at.y > limit => lost.push((at, text.text.to_string())),
            _ => {}
        }
    }
}

fn outside_overflow(panel: &str, first: &str) -> Diagnostic {
    Diagnostic::bare(format!(
        "the guide does not fit a tri-fold: the {panel} of the outside (page 1) is too full, and its text runs off the bottom of the sheet from “{}”",
        first.trim()
    ))
    .with_hint("the outside panels list every organization by name and summary, the contacts at a glance and the closing; text is never shrunk or cut to fit")
    .with_hint("shorten the organizations' `summary`, the `closing` or the guide, or use --layout handout (or print.layout = \"handout\")")
}

fn inside_overflow(document: &PagedDocument) -> Diagnostic {
    let extra_panels: usize = document.pages()[TRIFOLD_PAGES..]
        .iter()
        .map(panels_in_use)
        .sum();
    let panels = |n: usize| {
        if n == 1 {
            "1 panel".to_owned()
        } else {
            format!("{n} panels")
        }
    };
    Diagnostic::bare(format!(
        "the guide does not fit a tri-fold: it needs {} more than the six a tri-fold has",
        panels(extra_panels.max(1))
    ))
    .with_hint("a tri-fold is one sheet with six panels; text is never shrunk to fit")
    .with_hint("use --layout handout (or print.layout = \"handout\"), or shorten the guide")
}

/// How many of a landscape page's three panels hold anything.
fn panels_in_use(page: &typst_layout::Page) -> usize {
    let mut used = [false; 3];
    mark_panels(
        &page.frame,
        Abs::zero(),
        page.frame.width() / 3.0,
        &mut used,
    );
    used.iter().filter(|&&u| u).count()
}

fn mark_panels(frame: &Frame, offset: Abs, panel: Abs, used: &mut [bool; 3]) {
    for (point, item) in frame.items() {
        let x = offset + point.x;
        match item {
            FrameItem::Group(group) => mark_panels(&group.frame, x, panel, used),
            FrameItem::Tag(_) | FrameItem::Link(..) => {}
            _ => used[(x / panel).floor().clamp(0.0, 2.0) as usize] = true,
        }
    }
}
