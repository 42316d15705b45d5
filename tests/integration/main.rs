//! End-to-end tests: every test runs the real `guidepress` binary on real fixtures.

mod common;

mod build;
mod check;
mod cards;
mod diff;
mod epub;
mod init;
mod review;
mod properties;
mod properties_pipeline;
mod security;
mod verify;
