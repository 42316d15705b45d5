//! QR codes for web addresses, as SVG images the pamphlet template can place.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

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

/// [`svg_for`] of each address, made on every core: a large guide has thousands.
pub fn svgs_for(urls: &[&str]) -> Vec<Option<Vec<u8>>> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = urls.len().div_ceil(cores).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = urls
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().map(|url| svg_for(url)).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("making a QR code panicked"))
            .collect()
    })
}
