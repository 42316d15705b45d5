//! The PDF pamphlet: `templates/pamphlet.typ` compiled by embedded Typst, tagged PDF/UA-1.
//!
//! The template receives the guide as data (`json("/guide.json")`), never as generated
//! source, so no text in a guide can run as Typst code.

mod bleed_box;
pub mod join;
mod overlay;
mod parts;
mod read_back;
pub mod tags;
pub mod text;
mod trifold_fit;

use std::collections::BTreeMap;

use serde::Serialize;
use typst::foundations::Bytes;
use typst_layout::PagedDocument;

use super::reprint::{CardsShown, Reprint};
use super::shown::{Link, ReadBack, Shows, Spacing};
use super::{Artifact, Refusal, RenderContext, Rendered, Renderer, Stages};
use crate::config::{BuildConfig, Layout, Paper};
use crate::diag::Diagnostic;
use crate::model::{ContactKind, Guide};
use crate::render::latest::{Latest, QR_PATH, latest};
use crate::render::words::FILE as WORDS_FILE;
use crate::render::words::Words;
use crate::typst::compile::compile;
use crate::typst::pdf::export_pdf;
use crate::typst::world::GuideWorld;
use crate::validate::printable::Unprintable;
pub use read_back::read_text;

/// The pamphlet's template, relative to the template folder.
pub const TEMPLATE: &str = "pamphlet.typ";

/// Renders `output/<id>.pdf`.
pub struct PdfRenderer;

/// What the pamphlet template receives.
#[derive(Serialize)]
pub struct PamphletData<'a> {
    guide: &'a Guide,
    /// The built-in words.
    words: &'a Words,
    /// ISO 639 language code for Typst's `text(lang:)`.
    lang: &'a str,
    /// ISO 3166 region for Typst's `text(region:)`, when the tag has one.
    region: Option<&'a str>,
    /// The font families for `text(font:)`, one design per script.
    fonts: Vec<&'static str>,
    print: PrintData,
    /// `organization.contact` → the QR code of that web contact.
    qr: BTreeMap<String, QrData<'a>>,
    /// The latest version's address and QR code; none without a `web_url`.
    latest: Option<Latest<'a>>,
    /// Which part of a handout laid out in parts this is; absent for a whole pamphlet.
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<parts::PartData>,
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

/// The template files of the pamphlet (the fonts are the program's, not the folder's).
pub const TEMPLATE_FILES: &[&str] = &[TEMPLATE, "pamphlet/", WORDS_FILE];

impl Renderer for PdfRenderer {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn summary(&self) -> &'static str {
        "The PDF pamphlet"
    }

    fn template_files(&self) -> &'static [&'static str] {
        TEMPLATE_FILES
    }

    // Typst is not even started on a pamphlet too large to lay out. A pamphlet with
    // characters that no font has is still compiled, for its other problems (a tri-fold
    // too long), but not exported: the export would only refuse the same characters
    // again, at the template.
    fn gate(&self, cx: &RenderContext<'_>, unprintable: &Unprintable) -> Vec<Diagnostic> {
        let mut problems = unprintable.for_pdf(cx.config);
        let parts = parts::plan(cx.guide, cx.config);
        let too_large = if parts.is_empty() {
            crate::validate::budget::check_pdf(cx.guide, cx.config)
        } else {
            // Each part is a document of its own; the whole is never held at once.
            parts
                .iter()
                .find_map(|part| crate::validate::budget::check_pdf_counts(&part.counts))
        };
        if let Some(too_large) = too_large {
            problems.push(too_large);
        } else if !problems.is_empty()
            && parts.is_empty()
            // A catalog that cannot be read is reported when the pamphlet renders.
            && let Ok(words) = Words::load(cx)
            && let Err(mut more) = compile_pamphlet(cx, &words)
        {
            problems.append(&mut more);
        }
        problems
    }

    fn render(&self, cx: &RenderContext<'_>, stages: &Stages) -> Result<Rendered, Refusal> {
        Ok(render_pdf(cx, stages.words(cx)?)?.into())
    }

    fn shows<'g>(&self, _guide: &'g Guide, _path: &str) -> Shows<'g> {
        Shows::Everything
    }

    fn read_back(&self, bytes: &[u8]) -> Result<ReadBack, String> {
        Ok(ReadBack::one(read_text(bytes)?, Spacing::Ignored))
    }

    fn links(&self, bytes: &[u8]) -> Option<Result<Vec<Link>, String>> {
        Some(read_back::links(bytes))
    }

    fn reprint(&self) -> Option<Reprint> {
        Some(Reprint {
            key: "pamphlet",
            label: "the pamphlet (PDF)",
            book: true,
            settings: &["print."],
            cards: CardsShown::None,
        })
    }
}

fn render_pdf(cx: &RenderContext<'_>, words: &Words) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let parts = parts::plan(cx.guide, cx.config);
    let mut bytes = if parts.is_empty() {
        let (world, document) = compile_pamphlet(cx, words)?;
        export_pamphlet(cx, &world, &document)?
    } else {
        parts::render(cx, words, &parts)?
    };
    if cx.config.settings.bleed > 0.0 {
        bytes = bleed_box::add_bleed_boxes(&bytes, cx.config.settings.bleed)?;
    }
    Ok(vec![Artifact {
        path: super::naming::artifact_path(cx.guide, &format!("{}.pdf", cx.guide.id)).into(),
        bytes,
    }])
}

/// Exports the pamphlet (or its first part) of the guide in `cx` as tagged PDF/UA-1, and
/// PDF/A-2a when asked.
fn export_pamphlet(
    cx: &RenderContext<'_>,
    world: &GuideWorld,
    document: &PagedDocument,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    export_pdf(
        world,
        document,
        &cx.guide.id,
        cx.guide.date,
        cx.config.settings.pdf_a,
    )
}

/// Compiles the pamphlet of the guide in `cx` and checks that it fits its layout; the PDF
/// is not exported yet.
pub fn compile_pamphlet(
    cx: &RenderContext<'_>,
    words: &Words,
) -> Result<(GuideWorld, PagedDocument), Vec<Diagnostic>> {
    check_layout(cx.config)?;
    let world = pamphlet_world(cx, words)?;
    let document = compile(&world)?;
    if cx.config.settings.layout == Layout::Trifold {
        let problems = trifold_fit::misfits(&document);
        if !problems.is_empty() {
            return Err(problems);
        }
    }
    Ok((world, document))
}

/// Whether the handout of `guide` is too large for one document and laid out in parts
/// (whatever layout `config` asks for).
pub fn laid_out_in_parts(guide: &Guide, config: &BuildConfig) -> bool {
    let mut handout = config.clone();
    handout.settings.layout = Layout::Handout;
    !parts::plan(guide, &handout).is_empty()
}

/// Settings that cannot go together, refused before anything is compiled.
fn check_layout(config: &BuildConfig) -> Result<(), Vec<Diagnostic>> {
    if config.settings.large_print && config.settings.layout == Layout::Trifold {
        return Err(vec![
            Diagnostic::bare("large print does not fit a tri-fold")
                .with_hint("at 18 pt a tri-fold panel holds about 20 characters a line, too few to read comfortably")
                .with_hint("use --layout handout with --large-print"),
        ]);
    }
    Ok(())
}

/// The world for the pamphlet of the guide in `cx`, with its data and QR codes.
pub fn pamphlet_world(
    cx: &RenderContext<'_>,
    words: &Words,
) -> Result<GuideWorld, Vec<Diagnostic>> {
    let fonts = crate::render::fonts_for(cx.guide, words);
    Ok(world_of(cx, words, cx.guide, fonts, None))
}

/// The world for the pamphlet of `guide` (the guide in `cx`, or one part of it) set in
/// `fonts`.
fn world_of(
    cx: &RenderContext<'_>,
    words: &Words,
    guide: &Guide,
    fonts: Vec<&'static str>,
    part: Option<parts::PartData>,
) -> GuideWorld {
    let (data, images) = data_of(cx, words, guide, fonts, part);
    let json = serde_json::to_vec(&data).expect("the guide serializes to JSON");
    let world = GuideWorld::new(cx.templates, TEMPLATE, json, cx.guide.date);
    images
        .into_iter()
        .fold(world, |world, (path, svg)| world.with_file(&path, svg))
}

/// A QR code image: its virtual path and its SVG.
type QrImage = (String, Bytes);

/// What the pamphlet template receives as `/guide.json`, and the QR code images (virtual
/// path, SVG) it refers to.
pub fn pamphlet_data<'a>(
    cx: &RenderContext<'a>,
    words: &'a Words,
) -> Result<(PamphletData<'a>, Vec<QrImage>), Vec<Diagnostic>> {
    let fonts = crate::render::fonts_for(cx.guide, words);
    Ok(data_of(cx, words, cx.guide, fonts, None))
}

fn data_of<'a>(
    cx: &RenderContext<'_>,
    words: &'a Words,
    guide: &'a Guide,
    fonts: Vec<&'static str>,
    part: Option<parts::PartData>,
) -> (PamphletData<'a>, Vec<QrImage>) {
    let (lang, region) = crate::typst::world::split_language(&guide.language);
    let mut images = Vec::new();
    let mut qr = BTreeMap::new();
    if cx.config.settings.qr {
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
    let latest = latest(guide, cx.config.settings.qr).map(|(latest, code)| {
        images.extend(code.map(|svg| (QR_PATH.to_owned(), svg)));
        latest
    });
    let data = PamphletData {
        guide,
        words,
        lang,
        region,
        fonts,
        print: PrintData {
            paper: cx.config.settings.paper,
            layout: cx.config.settings.layout,
            large_print: cx.config.settings.large_print,
            bleed_pt: cx.config.settings.bleed,
            marks_pt: if cx.config.settings.bleed > 0.0 {
                bleed_box::mark_area_pt(cx.config.settings.paper)
            } else {
                0.0
            },
            qr: cx.config.settings.qr,
        },
        qr,
        latest,
        part,
    };
    (data, images)
}
