//! The joined document's identity: the trailer's ID and the XMP metadata's page count
//! and instance ID. The document ID is the first part's (Typst derives it from the
//! guide); the instance ID is a digest of all the parts, so the same parts give the same
//! file and other parts another.

use std::fmt::Write as _;

use lopdf::{Document, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

use super::trees::reference_at;

/// Sets the trailer ID and brings the XMP metadata up to date with the joined pages.
pub(super) fn finish(
    doc: &mut Document,
    catalog: ObjectId,
    parts: &[Vec<u8>],
    page_count: i64,
) -> Result<(), String> {
    let instance = instance_id(parts);
    let document_id = doc
        .trailer
        .get(b"ID")
        .and_then(Object::as_array)
        .ok()
        .and_then(|ids| ids.first())
        .and_then(|id| id.as_str().ok())
        .map_or_else(|| instance.clone(), <[u8]>::to_vec);
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(document_id, StringFormat::Literal),
            Object::String(instance.clone(), StringFormat::Literal),
        ]),
    );
    let Some(metadata) = doc
        .get_dictionary(catalog)
        .ok()
        .and_then(|c| reference_at(c, b"Metadata"))
    else {
        return Ok(());
    };
    let Ok(Object::Stream(stream)) = doc.get_object_mut(metadata) else {
        return Ok(());
    };
    let xmp = stream
        .get_plain_content()
        .map_err(|e| format!("the first part's XMP metadata cannot be read ({e})"))?;
    let xmp = String::from_utf8(xmp)
        .map_err(|_| "the first part's XMP metadata is not UTF-8".to_owned())?;
    let xmp = set_xmp_value(&xmp, "xmpTPg:NPages", &page_count.to_string());
    let xmp = set_xmp_value(
        &xmp,
        "xmpMM:InstanceID",
        &String::from_utf8_lossy(&instance),
    );
    stream.set_plain_content(xmp.into_bytes());
    Ok(())
}

/// A digest of the parts, as 32 hexadecimal digits.
fn instance_id(parts: &[Vec<u8>]) -> Vec<u8> {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(32);
    for byte in digest.iter().take(16) {
        let _ = write!(hex, "{byte:02x}");
    }
    hex.into_bytes()
}

/// `xmp` with the simple property `name` (an element or an attribute) set to `value`.
fn set_xmp_value(xmp: &str, name: &str, value: &str) -> String {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    if let Some(start) = xmp.find(&open).map(|i| i + open.len())
        && let Some(length) = xmp[start..].find(&close)
    {
        return [&xmp[..start], value, &xmp[start + length..]].concat();
    }
    let attribute = format!("{name}=\"");
    if let Some(start) = xmp.find(&attribute).map(|i| i + attribute.len())
        && let Some(length) = xmp[start..].find('"')
    {
        return [&xmp[..start], value, &xmp[start + length..]].concat();
    }
    xmp.to_owned()
}
