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
