//! Reading an EPUB back for `verify`: each XHTML document's visible text, and its phone
//! links with their text.

use std::io::{Cursor, Read};

use crate::render::shown::Link;
use crate::render::xhtml_read;

/// The visible text of each XHTML document in an EPUB, by its name in the archive.
pub(super) fn texts(bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    documents(bytes)?
        .into_iter()
        .map(|(name, xml)| {
            let text = xhtml_read::body_text(&xml)
                .map_err(|e| format!("`{name}` is not well-formed XHTML ({e})"))?;
            Ok((name, text))
        })
        .collect()
}

/// Each XHTML document in an EPUB, by its name in the archive.
pub(super) fn documents(bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut documents = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|e| e.to_string())?;
        let name = entry.name().to_owned();
        if !(name.ends_with(".xhtml") || name.ends_with(".html")) {
            continue;
        }
        let mut xml = String::new();
        entry
            .read_to_string(&mut xml)
            .map_err(|e| format!("`{name}` cannot be read ({e})"))?;
        documents.push((name, xml));
    }
    Ok(documents)
}

/// The `tel:`/`sms:` and web links of every XHTML document in an EPUB, with their text.
pub(super) fn links(bytes: &[u8]) -> Result<Vec<Link>, String> {
    let mut links = Vec::new();
    for (name, xml) in documents(bytes)? {
        let found = xhtml_read::links(&xml)
            .map_err(|e| format!("`{name}` is not well-formed XHTML ({e})"))?;
        links.extend(found);
    }
    Ok(links)
}
