//! End-to-end tests: every test runs the real `guidepress` binary on real fixtures.

mod common;

mod build;
mod cards;
mod check;
mod diff;
mod epub;
mod incremental;
mod init;
mod review;
mod pdf;
mod security;
mod verify;
mod properties_pipeline;
mod properties;
