//! The package, built by epub-builder: metadata, manifest, spine and guide references.
//!
//! Configured around its 0.8.3 traps: EPUB 3.0 is asked for (its default is 2.0); no
//! author is set (an author together with a language gives both the same element id);
//! the identifier and both dates come from the guide (it would use a random UUID and
//! the current time). What it cannot express is added by [`super::repack`].

use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, ReferenceType, ZipLibrary,
};
use uuid::Uuid;

use super::identity::midnight_utc;
use super::plan::{Document, Kind};
use super::xhtml::Rendered;
use crate::diag::Diagnostic;
use crate::model::Guide;
use crate::render::richtext::escape;
use crate::render::templating::same_language;
use crate::render::words::Words;

/// The conformance claim of EPUB Accessibility 1.1, word for word.
pub(super) const CONFORMS_TO: &str = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA";

/// A cover image for the package.
pub(super) struct CoverImage<'a> {
    /// Path inside the package folder.
    pub href: &'a str,
    /// PNG bytes.
    pub png: &'a [u8],
}

/// Builds the EPUB archive as epub-builder writes it (entry times not yet fixed).
pub(super) fn build(
    guide: &Guide,
    rendered: &Rendered,
    identifier: Uuid,
    words: &Words,
    cover: Option<CoverImage<'_>>,
) -> Result<Vec<u8>, Diagnostic> {
    assemble(guide, rendered, identifier, words, cover)
        .map_err(|error| Diagnostic::bare(format!("cannot assemble the EPUB ({error})")))
}

fn assemble(
    guide: &Guide,
    rendered: &Rendered,
    identifier: Uuid,
    words: &Words,
    cover: Option<CoverImage<'_>>,
) -> epub_builder::Result<Vec<u8>> {
    let mut builder = EpubBuilder::new(ZipLibrary::new()?)?;
    builder.epub_version(EpubVersion::V30);
    // A staff edition says so wherever a reading app lists or describes the book.
    if guide.staff_only {
        let notice = &words.confidential.notice;
        builder.set_title(format!("{notice}: {}", guide.title));
        builder.add_subject(notice.as_str());
        builder.add_description(notice.as_str());
    } else {
        builder.set_title(&guide.title);
    }
    builder.add_language(&guide.language);
    builder.metadata("direction", guide.direction)?;
    builder.set_generator("guidepress");
    builder.set_toc_name(&words.book.contents);
    builder.set_uuid(identifier);
    builder.set_publication_date(midnight_utc(guide.date));
    builder.set_modified_date(midnight_utc(guide.date));
    for meta in accessibility_metadata(words, cover.is_some(), &guide.language) {
        builder.add_metadata_opf(Box::new(meta));
    }
    builder.stylesheet(rendered.stylesheet.as_slice())?;
    if let Some(cover) = cover {
        builder.add_cover_image(cover.href, cover.png, "image/png")?;
    }
    for (document, xhtml) in &rendered.documents {
        builder.add_content(content(document, xhtml))?;
    }
    let mut bytes = Vec::new();
    builder.generate(&mut bytes)?;
    Ok(bytes)
}

// The nav and the NCX come from our templates (see repack), so titles here only name the
// EPUB 2 guide references; documents without one stay out of epub-builder's own TOC.
fn content<'a>(document: &Document, xhtml: &'a str) -> EpubContent<&'a [u8]> {
    let content = EpubContent::new(document.file.as_str(), xhtml.as_bytes());
    let reference = match document.kind {
        Kind::Cover => Some(ReferenceType::Cover),
        Kind::TitlePage => Some(ReferenceType::TitlePage),
        Kind::Organization(0) | Kind::Section(0) => Some(ReferenceType::Text),
        _ => None,
    };
    match reference {
        Some(reference) => content.title(document.title.as_str()).reftype(reference),
        None => content,
    }
}

/// The EPUB Accessibility 1.1 metadata. epub-builder writes `MetadataOpfV3` content as
/// is, so every value is escaped here.
fn accessibility_metadata(words: &Words, cover: bool, language: &str) -> Vec<MetadataOpfV3> {
    let meta = |property: &str, content: &str| {
        MetadataOpfV3::new(property.to_owned(), escape(content).into_owned())
    };
    let mut metadata = vec![meta("schema:accessMode", "textual")];
    if cover {
        metadata.push(meta("schema:accessMode", "visual"));
    }
    metadata.push(meta("schema:accessModeSufficient", "textual"));
    let mut features = vec![
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
    ];
    if cover {
        features.push("alternativeText");
    }
    metadata.extend(
        features
            .into_iter()
            .map(|f| meta("schema:accessibilityFeature", f)),
    );
    metadata.push(meta("schema:accessibilityHazard", "none"));
    let mut text = words.book.accessibility_summary.clone();
    if cover {
        text = format!("{text} {}", words.book.accessibility_summary_cover);
    }
    let mut summary = meta("schema:accessibilitySummary", &text);
    if !same_language(&words.lang, language) {
        summary.xml_lang = Some(words.lang.clone());
    }
    metadata.push(summary);
    metadata.push(meta("dcterms:conformsTo", CONFORMS_TO));
    metadata
}
