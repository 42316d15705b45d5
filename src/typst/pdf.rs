//! PDF export: tagged PDF/UA-1 (and PDF/A-2 when asked), stamped with the guide's date only,
//! so the same input gives the same bytes on every machine.

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::Diagnostic;
use crate::model::Date;
use crate::typst::compile::{compile, diagnostics};
use crate::typst::world::GuideWorld;

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
    let mut standards = vec![PdfStandard::Ua_1];
    if pdf_a {
        standards.push(PdfStandard::A_2a);
    }
    export_as(world, document, ident, date, &standards)
}

/// Exports a later part of a pamphlet laid out in parts, tagged like the first but without
/// PDF/UA-1's checks: they are of the whole document (its first heading is of level 1,
/// and a later part starts with a section), which the parts joined make, and which takes
/// the first part's PDF/UA identification.
pub fn export_later_part(
    world: &GuideWorld,
    document: &PagedDocument,
    ident: &str,
    date: Date,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    export_as(world, document, ident, date, &[])
}

fn export_as(
    world: &GuideWorld,
    document: &PagedDocument,
    ident: &str,
    date: Date,
    standards: &[PdfStandard],
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let date = date.0;
    let timestamp =
        Datetime::from_ymd(date.year(), date.month().into(), date.day()).map(Timestamp::new_utc);
    let standards = PdfStandards::new(standards).map_err(|e| {
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
    typst_pdf::pdf(document, &options).map_err(|errors| diagnostics(world, &errors))
}
