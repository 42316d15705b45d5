//! guidepress: one structured resource guide, rendered into a print-ready PDF pamphlet,
//! an EPUB 3 book and plain-text wallet cards.
//!
//! The shape: [`source`] reads the file into its raw tables, [`validate`] checks them into
//! the [`model`], each [`render`]er turns that into bytes (Typst lives in [`typst`]), and
//! [`output`] plans and writes them. [`commands`] holds one file per subcommand; [`diag`]
//! the diagnostics every stage reports.

// Typst allocates and frees many small objects from several threads; mimalloc does that
// markedly faster than the system allocator. Here, so the benchmark's engine floor uses it too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod cli;
pub mod commands;
pub mod config;
pub mod diag;
pub mod diff;
pub mod editions;
mod huge_pages;
pub mod interchange;
pub mod linkcheck;
pub mod model;
pub mod output;
pub mod parallel;
pub mod pipeline;
pub mod render;
pub mod sandbox;
pub mod source;
pub mod translations;
pub mod typst;
pub mod validate;
pub mod verified;
pub mod verify;

use std::process::ExitCode;

use clap::Parser;

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    huge_pages::turn_off();
    commands::dispatch(cli::Cli::parse())
}
