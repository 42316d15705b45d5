//! End-to-end tests: every test runs the real `guidepress` binary on real fixtures.

mod common;

mod build;
mod build_only;
mod cards;
mod check;
mod diff;
mod epub;
mod incremental;
mod init;
mod large;
mod pdf;
mod properties;
mod properties_pipeline;
mod review;
mod security;
mod verify;
