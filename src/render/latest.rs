//! The latest version of the guide (`[guide] web_url`) as the printed formats show it:
//! the address, and the QR code that opens it, for the templates to place.

use serde::Serialize;
use typst::foundations::Bytes;

use crate::model::Guide;
use crate::typst::world::GuideWorld;

/// The virtual path of the QR code image; no contact's code can have it (theirs are
/// `/qr/<organization>.<contact>.svg`).
pub const QR_PATH: &str = "/latest/qr.svg";

/// What a printed template receives as `latest`: none without a `web_url`.
#[derive(Debug, Serialize)]
pub struct Latest<'a> {
    /// The address, as written; the QR code and the link open it.
    pub address: &'a str,
    /// Virtual path of the QR code's SVG, for `image()`; none when the template is to
    /// show no code (`--no-qr` on the pamphlet).
    pub path: Option<&'static str>,
}

/// The latest version of `guide`, with its QR code when `qr`; none without a `web_url`.
pub fn latest(guide: &Guide, qr: bool) -> Option<(Latest<'_>, Option<Bytes>)> {
    let address = guide.web_url.as_deref()?;
    let code = qr
        .then(|| crate::render::qr::svg_for(address))
        .flatten()
        .map(Bytes::new);
    let path = code.as_ref().map(|_| QR_PATH);
    Some((Latest { address, path }, code))
}

/// `world` with the QR code image of [`latest`], when there is one.
pub fn with_code(world: GuideWorld, code: Option<Bytes>) -> GuideWorld {
    match code {
        Some(svg) => world.with_file(QR_PATH, svg),
        None => world,
    }
}

#[cfg(test)]
mod tests {
    /// The dark squares of one of [`crate::render::qr::svg_for`]'s images, as the
    /// pixels of a greyscale image (1 pixel a unit of the SVG), decoded with `rqrr`.
    fn decode(svg: &str) -> Vec<String> {
        let size: usize = svg
            .split("width=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|w| w.trim_end_matches("px").parse().ok())
            .expect("the image's width");
        let d = svg
            .split(" d=\"")
            .nth(1)
            .expect("a path")
            .split('"')
            .next()
            .unwrap();
        let mut dark = vec![false; size * size];
        for segment in d.split('M').skip(1) {
            let numbers: Vec<usize> = segment
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().unwrap())
                .collect();
            let (x, y, w) = (numbers[0], numbers[1], numbers[2]);
            let h = numbers.get(3).copied().unwrap_or(w);
            for row in y..(y + h).min(size) {
                for col in x..(x + w).min(size) {
                    dark[row * size + col] = true;
                }
            }
        }
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| {
            if dark[y * size + x] { 0 } else { 255 }
        });
        image
            .detect_grids()
            .iter()
            .map(|grid| grid.decode().expect("the code decodes").1)
            .collect()
    }

    #[test]
    fn the_latest_versions_qr_code_opens_its_address() {
        let url = "https://lakeview.example.org/student-services/help-lines";
        let svg = crate::render::qr::svg_for(url).unwrap();
        let svg = String::from_utf8(svg).unwrap();
        assert_eq!(decode(&svg), [url], "{}", &svg[..svg.len().min(600)]);
    }
}
