//! QR codes for web addresses, as SVG images the pamphlet template can place.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use typst::foundations::Bytes;

use crate::parallel::{cores, map_in_chunks};

/// An SVG QR code that opens `url`; medium error correction survives a smudged print.
pub fn svg_for(url: &str) -> Option<Vec<u8>> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .quiet_zone(true)
        .module_dimensions(4, 4)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    Some(image.into_bytes())
}

/// Codes made earlier in this process, by address: `watch` rebuilds after every save,
/// and most addresses have not changed. Each build keeps only the codes it used.
static MADE: Mutex<BTreeMap<String, Option<Bytes>>> = Mutex::new(BTreeMap::new());

/// [`svg_for`] of each address: from [`MADE`], or made on every core (a large guide has
/// thousands).
pub fn svgs_for(urls: &[&str]) -> Vec<Option<Bytes>> {
    let made = || MADE.lock().unwrap_or_else(PoisonError::into_inner);
    let mut known: BTreeMap<String, Option<Bytes>> = {
        let made = made();
        urls.iter()
            .filter_map(|&url| Some((url.to_owned(), made.get(url)?.clone())))
            .collect()
    };
    let mut missing: Vec<&str> = urls
        .iter()
        .copied()
        .filter(|&url| !known.contains_key(url))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    known.extend(
        missing
            .iter()
            .map(|url| (*url).to_owned())
            .zip(map_in_chunks(&missing, cores(), |url| {
                svg_for(url).map(Bytes::new)
            })),
    );
    let codes = urls.iter().map(|&url| known[url].clone()).collect();
    *made() = known;
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_come_in_order_the_same_whether_made_or_remembered() {
        let urls = [
            "https://b.example/",
            "https://a.example/",
            "https://b.example/",
        ];
        let expected: Vec<_> = urls.iter().map(|u| svg_for(u).map(Bytes::new)).collect();
        assert_eq!(svgs_for(&urls), expected);
        assert_eq!(svgs_for(&urls), expected);
        assert_eq!(svgs_for(&urls[1..2]), expected[1..2]);
    }
}
