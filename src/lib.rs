//! guidepress: one structured resource guide, rendered into a print-ready PDF pamphlet,
//! an EPUB 3 book and plain-text wallet cards.
//!
//! The shape: [`parse`] reads the source into the [`model`], [`validate`] checks it into a
//! [`guide::Guide`], each [`render`]er turns that into bytes, and [`output`] writes them.

// Typst allocates and frees many small objects from several threads; mimalloc does that
// markedly faster than the system allocator. Here, so the benchmark's engine floor uses it too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod budget;
pub mod build;
pub mod cardfit;
pub mod cli;
pub mod commands;
pub mod config;
pub mod contact;
pub mod diag;
pub mod diff;
pub mod error;
pub mod fonts;
pub mod guide;
pub mod init;
pub mod manifest;
pub mod model;
pub mod output;
pub mod parallel;
pub mod parse;
pub mod phone;
pub mod pipeline;
pub mod printable;
pub mod progress;
pub mod qr;
pub mod render;
pub mod review;
pub mod richtext;
pub mod sandbox;
pub mod span_map;
pub mod suggest;
pub mod templating;
pub mod typst_world;
pub mod validate;
pub mod verify;
pub mod watch;

use std::process::ExitCode;

use clap::Parser;

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    commands::dispatch(cli::Cli::parse())
}
