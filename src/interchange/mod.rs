//! Data in and out of other systems: `guidepress import` (HSDS 3.0 JSON and tabular
//! packages → a guide TOML) and `guidepress export` (the directory as a workbook, a CSV
//! folder, or HSDS 3.0).
//!
//! Everything passes through [`directory::Directory`]: the organizations and contacts with
//! every value as the guide writes it, in the spreadsheet layout of the source format's
//! "Spreadsheets" section.

pub mod directory;
pub mod guide_toml;
pub mod hsds;
pub mod sheets;
pub mod slug;
