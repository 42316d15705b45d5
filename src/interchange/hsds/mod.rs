//! Open Referral HSDS 3.0: services as an HSDS API returns them (JSON), and the tabular
//! data package (`datapackage.json` and one CSV per object), read into a guide and
//! written from one.

pub mod export;
pub mod import;
pub mod tabular;
mod text;

pub use import::{Imported, Report, import_services};
