//! End-to-end tests: every test runs the real `guidepress` binary on real fixtures.

// A test binary has no public API: its `pub` items only cross its own modules.
#![allow(unreachable_pub)]

mod common;

mod bleed;
mod build;
mod build_only;
mod cards;
mod check;
mod confidential;
mod diff;
mod directory;
mod editions;
mod epub;
mod help;
mod incremental;
mod init;
mod interchange;
mod languages;
mod large;
mod latest;
mod layout;
mod memory;
mod newcomer;
mod pdf;
mod pdf_content;
mod phone;
mod properties;
mod properties_pipeline;
mod review;
mod review_links;
mod rtl;
mod scripts;
mod security;
mod sms;
mod source_format;
mod translations;
mod validators;
mod verified;
mod verify;
mod web;
mod words;
