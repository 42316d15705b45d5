//! Editions: one guide, a handout for each audience. [`select`] decides, as a pure
//! function of the guide and an edition, what the edition keeps and why.

pub mod select;

pub use select::{Explanation, Reason, select};
