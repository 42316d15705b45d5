//! The archive rewritten so that the same guide gives the same bytes, with what
//! epub-builder 0.8.3 cannot express added.
//!
//! Its zip writer stamps every entry with the current time and cannot be replaced (the
//! `Zip` trait is private), so the archive is copied entry by entry, in its order, with
//! the guide's date as the time of each entry and `mimetype` first and stored. While
//! copying, three files are amended:
//! - `content.opf`: `xml:lang` (and `dir` for right-to-left guides) on `<package>`, the
//!   subtitle as a second `dc:title`, and `dc:publisher`, for which it has no setting;
//! - `nav.xhtml` and `toc.ncx`: replaced by ours, since its templates put no language on
//!   the nav and no `dtb:uid` in the NCX.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::identity::zip_time;
use super::xhtml::Rendered;
use crate::diag::Diagnostic;
use crate::model::{Date, Guide};
use crate::render::richtext::escape;

const MIMETYPE: &str = "mimetype";
const PACKAGE: &str = "OEBPS/content.opf";
const NAV: &str = "OEBPS/nav.xhtml";
const NCX: &str = "OEBPS/toc.ncx";

/// What the copy changes.
pub(super) struct Amendments {
    package_attributes: String,
    title_id: &'static str,
    extra_metadata: String,
    nav: Vec<u8>,
    ncx: Vec<u8>,
}

impl Amendments {
    /// The amendments for one guide and its rendered navigation.
    pub(super) fn new(guide: &Guide, rendered: &Rendered) -> Self {
        let mut package_attributes = format!(" xml:lang=\"{}\"", escape(&guide.language));
        if guide.direction == "rtl" {
            package_attributes.push_str(" dir=\"rtl\"");
        }
        let mut extra_metadata = String::new();
        let mut title_id = "";
        if let Some(subtitle) = &guide.subtitle {
            title_id = " id=\"title\"";
            extra_metadata.push_str(&format!(
                "\n    <meta refines=\"#title\" property=\"title-type\">main</meta>\
                 \n    <dc:title id=\"subtitle\">{}</dc:title>\
                 \n    <meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>",
                escape(subtitle)
            ));
        }
        if let Some(publisher) = &guide.publisher {
            extra_metadata.push_str(&format!(
                "\n    <dc:publisher>{}</dc:publisher>",
                escape(publisher)
            ));
        }
        Self {
            package_attributes,
            title_id,
            extra_metadata,
            nav: rendered.nav.clone().into_bytes(),
            ncx: rendered.ncx.clone().into_bytes(),
        }
    }

    fn apply(&self, name: &str, bytes: Vec<u8>) -> Result<Vec<u8>, String> {
        match name {
            PACKAGE => {
                let opf =
                    String::from_utf8(bytes).map_err(|_| "the package document is not UTF-8")?;
                let opf = insert_once(&opf, "<package", &self.package_attributes)?;
                let opf = insert_once(&opf, "<dc:title", self.title_id)?;
                Ok(insert_once(&opf, "</dc:title>", &self.extra_metadata)?.into_bytes())
            }
            NAV => Ok(self.nav.clone()),
            NCX => Ok(self.ncx.clone()),
            _ => Ok(bytes),
        }
    }
}

/// Inserts `text` right after the only occurrence of `anchor`.
fn insert_once(document: &str, anchor: &str, text: &str) -> Result<String, String> {
    let mut found = document.match_indices(anchor);
    match (found.next(), found.next()) {
        (Some((at, _)), None) => {
            let split = at + anchor.len();
            Ok(format!(
                "{}{text}{}",
                &document[..split],
                &document[split..]
            ))
        }
        _ => Err(format!(
            "epub-builder's package document no longer has exactly one `{anchor}`"
        )),
    }
}

/// Copies `epub` into a reproducible archive, amending as it goes.
pub(super) fn repack(
    epub: &[u8],
    amendments: &Amendments,
    date: Date,
) -> Result<Vec<u8>, Diagnostic> {
    copy(epub, amendments, date)
        .map_err(|reason| Diagnostic::bare(format!("cannot write the EPUB archive ({reason})")))
}

fn copy(epub: &[u8], amendments: &Amendments, date: Date) -> Result<Vec<u8>, String> {
    let mut archive = ZipArchive::new(Cursor::new(epub)).map_err(|e| e.to_string())?;
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(zip_time(date))
        .unix_permissions(0o644);
    let deflated = stored.compression_method(CompressionMethod::Deflated);
    // EPUB readers find the type of the file in its first bytes: `mimetype`, uncompressed.
    writer
        .start_file(MIMETYPE, stored)
        .map_err(|e| e.to_string())?;
    writer
        .write_all(b"application/epub+zip")
        .map_err(|e| e.to_string())?;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|e| e.to_string())?;
        let name = entry.name().to_owned();
        if name == MIMETYPE {
            continue;
        }
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{name}: {e}"))?;
        let bytes = amendments.apply(&name, bytes)?;
        writer
            .start_file(name.as_str(), deflated)
            .map_err(|e| e.to_string())?;
        writer
            .write_all(&bytes)
            .map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(writer.finish().map_err(|e| e.to_string())?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertion_needs_exactly_one_anchor() {
        assert_eq!(
            insert_once("<a><b/>", "<a", " x=\"1\"").unwrap(),
            "<a x=\"1\"><b/>"
        );
        assert!(insert_once("<a><a>", "<a", "").is_err());
        assert!(insert_once("<b>", "<a", "").is_err());
    }
}
