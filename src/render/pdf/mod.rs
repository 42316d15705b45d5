//! The PDF pamphlet: `templates/pamphlet.typ` compiled by embedded Typst, tagged PDF/UA-1.
//!
//! The template receives the guide as data (`json("/guide.json")`), never as generated
//! source, so no text in a guide can run as Typst code.

mod bleed_box;

use std::collections::BTreeMap;

use serde::Serialize;
use typst::foundations::{Bytes, Datetime, Smart};
use typst::layout::{Abs, Frame, FrameItem};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::{Artifact, RenderContext, Renderer};
use crate::config::{BuildConfig, Layout, Paper};
use crate::diag::Diagnostic;
use crate::model::{ContactKind, Date, Guide};
use crate::render::words::Words;
use crate::typst::world::GuideWorld;

/// The pamphlet's template, relative to the template folder.
pub const TEMPLATE: &str = "pamphlet.typ";

/// Pages a tri-fold has: one sheet, two sides.
const TRIFOLD_PAGES: usize = 2;

/// Renders `output/<id>.pdf`.
pub struct PdfRenderer;

/// What the pamphlet template receives.
#[derive(Serialize)]
pub struct PamphletData<'a> {
    guide: &'a Guide,
    /// The built-in words.
    words: Words,
    /// ISO 639 language code for Typst's `text(lang:)`.
    lang: &'a str,
    /// ISO 3166 region for Typst's `text(region:)`, when the tag has one.
    region: Option<&'a str>,
    print: PrintData,
    /// `organization.contact` → the QR code of that web contact.
    qr: BTreeMap<String, QrData<'a>>,
}

#[derive(Serialize)]
pub struct PrintData {
    paper: Paper,
    layout: Layout,
    large_print: bool,
    /// Bleed in points; the template turns it into a length.
    bleed_pt: f64,
    /// Room for the crop marks beyond the bleed, in points (0 without bleed).
    marks_pt: f64,
    qr: bool,
}

#[derive(Serialize)]
pub struct QrData<'a> {
    /// Virtual path of the SVG image.
    path: String,
    /// The address as printed, for the alt text.
    address: &'a str,
}

impl Renderer for PdfRenderer {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        let (world, document) = compile_pamphlet(cx)?;
        let mut bytes = export_pdf(
            &world,
            &document,
            &cx.guide.id,
            cx.guide.date,
            cx.config.pdf_a,
        )?;
        if cx.config.bleed > 0.0 {
            bytes = bleed_box::add_bleed_boxes(&bytes, cx.config.bleed)?;
        }
        Ok(vec![Artifact {
            path: format!("{}.pdf", cx.guide.id).into(),
            bytes,
        }])
    }
}

/// Compiles the pamphlet of the guide in `cx` and checks that it fits its layout; the PDF
/// is not exported yet.
pub fn compile_pamphlet(
    cx: &RenderContext<'_>,
) -> Result<(GuideWorld, PagedDocument), Vec<Diagnostic>> {
    check_layout(cx.config)?;
    let world = pamphlet_world(cx)?;
    let document = compile(&world)?;
    if cx.config.layout == Layout::Trifold && document.pages().len() > TRIFOLD_PAGES {
        return Err(vec![trifold_overflow(&document)]);
    }
    Ok((world, document))
}

/// Settings that cannot go together, refused before anything is compiled.
fn check_layout(config: &BuildConfig) -> Result<(), Vec<Diagnostic>> {
    if config.large_print && config.layout == Layout::Trifold {
        return Err(vec![
            Diagnostic::bare("large print does not fit a tri-fold")
                .with_hint("at 18 pt a tri-fold panel holds about 20 characters a line, too few to read comfortably")
                .with_hint("use --layout handout with --large-print"),
        ]);
    }
    Ok(())
}

/// The world for the pamphlet of the guide in `cx`, with its data and QR codes.
pub fn pamphlet_world(cx: &RenderContext<'_>) -> Result<GuideWorld, Vec<Diagnostic>> {
    let (data, images) = pamphlet_data(cx)?;
    let json = serde_json::to_vec(&data).expect("the guide serializes to JSON");
    let world = GuideWorld::new(cx.templates, TEMPLATE, json, cx.guide.date);
    Ok(images
        .into_iter()
        .fold(world, |world, (path, svg)| world.with_file(&path, svg)))
}

/// A QR code image: its virtual path and its SVG.
type QrImage = (String, Bytes);

/// What the pamphlet template receives as `/guide.json`, and the QR code images (virtual
/// path, SVG) it refers to.
pub fn pamphlet_data<'a>(
    cx: &RenderContext<'a>,
) -> Result<(PamphletData<'a>, Vec<QrImage>), Vec<Diagnostic>> {
    let guide = cx.guide;
    let words = Words::load(cx.templates)?;
    let (lang, region) = crate::typst::world::split_language(&guide.language);
    let mut images = Vec::new();
    let mut qr = BTreeMap::new();
    if cx.config.qr {
        // Every web contact, each with a code of its own.
        let webs: Vec<(String, &str, &str)> = guide
            .organizations
            .iter()
            .flat_map(|org| {
                org.contacts
                    .iter()
                    .filter(|c| c.kind == ContactKind::Web)
                    .filter_map(|c| {
                        let reference = format!("{}.{}", org.id, c.id);
                        Some((reference, c.href.as_deref()?, c.value.as_str()))
                    })
            })
            .collect();
        let hrefs: Vec<&str> = webs.iter().map(|(_, href, _)| *href).collect();
        let codes = crate::render::qr::svgs_for(&hrefs);
        for ((reference, _, address), svg) in webs.into_iter().zip(codes) {
            let Some(svg) = svg else { continue };
            let path = format!("/qr/{reference}.svg");
            images.push((path.clone(), svg));
            qr.insert(reference, QrData { path, address });
        }
    }
    let data = PamphletData {
        guide,
        words,
        lang,
        region,
        print: PrintData {
            paper: cx.config.paper,
            layout: cx.config.layout,
            large_print: cx.config.large_print,
            bleed_pt: cx.config.bleed,
            marks_pt: if cx.config.bleed > 0.0 {
                bleed_box::mark_area_pt(cx.config.paper)
            } else {
                0.0
            },
            qr: cx.config.qr,
        },
        qr,
    };
    Ok((data, images))
}

/// Compiles the world's main file into pages.
pub fn compile(world: &GuideWorld) -> Result<PagedDocument, Vec<Diagnostic>> {
    typst::compile::<PagedDocument>(world)
        .output
        .map_err(|errors| world.diagnostics(&errors))
}

/// Compiles the world's main file and exports a tagged PDF/UA-1 document.
pub fn compile_pdf(
    world: &GuideWorld,
    ident: &str,
    date: Date,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let document = compile(world)?;
    export_pdf(world, &document, ident, date, false)
}

/// Exports pages as tagged PDF/UA-1 (and PDF/A-2b when asked), stamped with the guide's date.
pub fn export_pdf(
    world: &GuideWorld,
    document: &PagedDocument,
    ident: &str,
    date: Date,
    pdf_a: bool,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let date = date.0;
    let timestamp =
        Datetime::from_ymd(date.year(), date.month().into(), date.day()).map(Timestamp::new_utc);
    let mut standards = vec![PdfStandard::Ua_1];
    if pdf_a {
        standards.push(PdfStandard::A_2a);
    }
    let standards = PdfStandards::new(&standards).map_err(|e| {
        vec![Diagnostic::bare(format!(
            "these PDF standards cannot be combined ({})",
            e.message()
        ))]
    })?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        timestamp,
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| world.diagnostics(&errors))
}

fn trifold_overflow(document: &PagedDocument) -> Diagnostic {
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
