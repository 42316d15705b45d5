//! The PDF pamphlet: `templates/pamphlet.typ` compiled by embedded Typst, tagged PDF/UA-1.
//!
//! The template receives the guide as data (`json("/guide.json")`), never as generated
//! source, so no text in a guide can run as Typst code.

use serde::Serialize;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::{Artifact, RenderContext, Renderer};
use crate::config::{Layout, Paper};
use crate::diag::Diagnostic;
use crate::guide::Guide;
use crate::typst_world::GuideWorld;

/// The pamphlet's template, relative to the template folder.
pub const TEMPLATE: &str = "pamphlet.typ";

/// Renders `output/<id>.pdf`.
pub struct PdfRenderer;

/// What the pamphlet template receives.
#[derive(Serialize)]
struct PamphletData<'a> {
    guide: &'a Guide,
    /// ISO 639 language code for Typst's `text(lang:)`.
    lang: &'a str,
    /// ISO 3166 region for Typst's `text(region:)`, when the tag has one.
    region: Option<&'a str>,
    print: PrintData,
}

#[derive(Serialize)]
struct PrintData {
    paper: Paper,
    layout: Layout,
}

impl Renderer for PdfRenderer {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        let guide = cx.guide;
        let (lang, region) = split_language(&guide.language);
        let data = PamphletData {
            guide,
            lang,
            region,
            print: PrintData { paper: cx.config.paper, layout: cx.config.layout },
        };
        let json = serde_json::to_vec(&data).expect("the guide serializes to JSON");
        let world = GuideWorld::new(cx.templates, TEMPLATE, json, guide.date);
        let bytes = compile_pdf(&world, &guide.id, guide.date)?;
        Ok(vec![Artifact { path: format!("{}.pdf", guide.id).into(), bytes }])
    }
}

/// Compiles the world's main file and exports a tagged PDF/UA-1 document.
pub fn compile_pdf(
    world: &GuideWorld,
    ident: &str,
    date: crate::guide::Date,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let compiled = typst::compile::<PagedDocument>(world);
    let document = compiled.output.map_err(|errors| world.diagnostics(&errors))?;
    let date = date.0;
    let timestamp = Datetime::from_ymd(date.year(), date.month().into(), date.day())
        .map(Timestamp::new_utc);
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        timestamp,
        standards: PdfStandards::new(&[PdfStandard::Ua_1]).expect("PDF/UA-1 alone is valid"),
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| world.diagnostics(&errors))
}

/// Splits a BCP 47 tag into Typst's language and region (`en-US` → `en`, `US`).
fn split_language(tag: &str) -> (&str, Option<&str>) {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("en");
    let region = parts.find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()));
    (lang, region)
}
