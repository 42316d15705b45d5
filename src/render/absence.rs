//! Proof that a public file holds no confidential value: its bytes as they are, every
//! stream of a PDF inflated and every string of it decoded, every entry of an archive
//! (EPUB) unpacked, markup with its character references decoded, and the text a reader
//! sees (each format's read-back) are all searched for every [`Secrets`] piece.
//!
//! `build` runs it on every public file before writing any, and `verify` on every file
//! of a public output folder. Only references are ever reported, never values.

use std::collections::BTreeSet;
use std::io::{Cursor, Read};

use lopdf::{Document, Object};

use crate::diag::Diagnostic;
use crate::model::Guide;
use crate::model::confidential::Secrets;
use crate::render::{Artifact, Format};

/// What refuses a public build: each file of `files` (with the format that made it, none
/// for the copy of the guide and the manifest) that would show a value of a confidential
/// contact of `guide` (the full guide), one problem per file and contact, naming only
/// references; `folder` (`clinic/`, or empty) is where the files go.
pub fn refused<'a>(
    guide: &Guide,
    folder: &str,
    files: impl IntoIterator<Item = (Option<Format>, &'a Artifact)>,
) -> Vec<Diagnostic> {
    refused_by(&Secrets::of(guide), folder, files)
}

/// [`refused`], searching for `secrets` (a translation's adds its own texts).
pub fn refused_by<'a>(
    secrets: &Secrets,
    folder: &str,
    files: impl IntoIterator<Item = (Option<Format>, &'a Artifact)>,
) -> Vec<Diagnostic> {
    if secrets.is_empty() {
        return Vec::new();
    }
    let mut problems = Vec::new();
    for (format, artifact) in files {
        let path = format!("{folder}{}", artifact.path.display());
        for reference in leaked(secrets, format, &artifact.bytes) {
            problems.push(
                Diagnostic::bare(format!(
                    "`{path}` would show confidential contact `{reference}` (its value or its number), and it is public"
                ))
                .with_hint("a confidential value may not be written anywhere else in the guide (a description, a service, a comment) or in a template: remove it there"),
            );
        }
    }
    problems
}

/// The confidential contacts (references) whose value a file shows anywhere.
pub fn leaked<'s>(secrets: &'s Secrets, format: Option<Format>, bytes: &[u8]) -> BTreeSet<&'s str> {
    let mut found = BTreeSet::new();
    if secrets.is_empty() {
        return found;
    }
    let mut search = |text: &str| found.extend(secrets.found_in(text));
    for text in texts_of(bytes) {
        search(&text);
    }
    if let Some(read) = format.and_then(|f| f.renderer().read_back(bytes).ok()) {
        for searched in read.texts.into_iter().chain(read.addresses) {
            search(&searched.text);
        }
    }
    found
}

/// Every text a file holds, as bytes and decoded.
fn texts_of(bytes: &[u8]) -> Vec<String> {
    let mut texts = vec![String::from_utf8_lossy(bytes).into_owned()];
    if bytes.starts_with(b"%PDF") {
        texts.extend(pdf_texts(bytes));
    } else if bytes.starts_with(b"PK\x03\x04") {
        texts.extend(archive_texts(bytes));
    }
    let decoded: Vec<String> = texts
        .iter()
        .filter(|text| text.contains('&'))
        .map(|text| html_escape::decode_html_entities(text).into_owned())
        .collect();
    texts.extend(decoded);
    texts
}

/// Every stream of a PDF, inflated, and every string object, decoded (metadata, link
/// addresses, the tagged structure's alternative texts).
fn pdf_texts(bytes: &[u8]) -> Vec<String> {
    let Ok(document) = Document::load_mem(bytes) else {
        // Not readable as a PDF: its raw bytes were searched, which is all there is.
        return Vec::new();
    };
    let mut texts = Vec::new();
    for object in document.objects.values() {
        pdf_object_texts(object, &mut texts);
    }
    texts
}

fn pdf_object_texts(object: &Object, texts: &mut Vec<String>) {
    match object {
        Object::String(bytes, _) => texts.push(pdf_string(bytes)),
        Object::Array(items) => {
            for item in items {
                pdf_object_texts(item, texts);
            }
        }
        Object::Dictionary(dictionary) => {
            for (_, value) in dictionary {
                pdf_object_texts(value, texts);
            }
        }
        Object::Stream(stream) => {
            for (_, value) in &stream.dict {
                pdf_object_texts(value, texts);
            }
            let content = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            texts.push(String::from_utf8_lossy(&content).into_owned());
        }
        _ => {}
    }
}

/// A PDF text string: UTF-16 with a byte order mark, else one byte a character.
fn pdf_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(b"\xfe\xff") {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Every entry of a zip archive, unpacked.
fn archive_texts(bytes: &[u8]) -> Vec<String> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut texts = Vec::new();
    for index in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(index) else {
            continue;
        };
        texts.push(entry.name().to_owned());
        let mut content = Vec::new();
        if entry.read_to_end(&mut content).is_ok() {
            texts.push(String::from_utf8_lossy(&content).into_owned());
        }
    }
    texts
}
