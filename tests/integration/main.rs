//! End-to-end tests: every test runs the real `guidepress` binary on real fixtures.

mod common;

mod bleed;
mod build;
mod cards;
mod check;
mod diff;
mod epub;
mod incremental;
mod init;
mod pdf;
mod pdf_content;
mod properties;
mod properties_pipeline;
mod review;
mod security;
mod verify;
