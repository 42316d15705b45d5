//! Typst pages as PNG images: the EPUB cover and the previews.

use typst::utils::Scalar;
use typst::visualize::Paint;
use typst_layout::Page;
use typst_render::RenderOptions;

/// How hard the encoder works for a smaller file.
#[derive(Debug, Clone, Copy)]
pub enum Effort {
    /// For images made on every build (the EPUB cover): fdeflate and a fixed filter,
    /// several times faster, a few percent larger.
    Fast,
    /// For images kept and shared (the previews): the encoder's default, half the size
    /// for text-heavy pages.
    Small,
}

/// Renders `page` at `pixels_per_point` and encodes it as a PNG.
pub fn render_page(
    page: &Page,
    pixels_per_point: f64,
    effort: Effort,
) -> Result<Vec<u8>, png::EncodingError> {
    let options = RenderOptions {
        pixel_per_pt: Scalar::new(pixels_per_point),
        render_bleed: false,
    };
    let pixmap = typst_render::render(page, &options);
    let (width, height) = (pixmap.width(), pixmap.height());
    // Where every pixel is opaque, premultiplied colours are the colours themselves, so
    // the pixels can be encoded as they are, without a converted copy. A page painted on
    // an opaque colour stays opaque; any other page is checked pixel by pixel.
    let opaque_fill = matches!(
        page.fill_or_white(),
        Some(Paint::Solid(color)) if color.to_vec4_u8()[3] == u8::MAX
    );
    let opaque = opaque_fill
        || pixmap
            .data()
            .chunks_exact(4)
            .all(|pixel| pixel[3] == u8::MAX);
    let demultiplied;
    let rgba = if opaque {
        pixmap.data()
    } else {
        demultiplied = pixmap.take_demultiplied();
        &demultiplied
    };
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    if let Effort::Fast = effort {
        encoder.set_compression(png::Compression::Fast);
    }
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgba)?;
    writer.finish()?;
    Ok(bytes)
}
