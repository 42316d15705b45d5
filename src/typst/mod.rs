//! Typst, embedded, as one room: the World that serves templates and data, the fonts,
//! compiling with diagnostics that point into the templates, PDF export, PNG rasterising,
//! and guidepress's internal Typst module.
//!
//! The pamphlet, the EPUB cover, the card sheet and the previews all use this room as peers.
//! (The module shares its name with the `typst` crate: inside it, `::typst` is the crate.)

pub mod compile;
pub mod families;
pub mod fonts;
pub mod internal;
pub mod pdf;
pub mod png;
pub mod world;
