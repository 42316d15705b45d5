//! Typst, embedded: the World that serves templates and data, the fonts, and PNG rasterising.
//!
//! The pamphlet, the EPUB cover, the card sheet and the previews all use this room as peers.

pub mod fonts;
pub mod png;
pub mod world;
