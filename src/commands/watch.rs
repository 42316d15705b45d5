//! `guidepress watch`: rebuild whenever the guide or a template changes.
//!
//! The process stays alive between builds, so embedded fonts stay parsed and Typst's
//! memoization stays warm; old cache entries are evicted after each build, as typst-cli
//! does, so memory stays flat over hours. A broken save prints its problems and leaves the
//! last good outputs in place.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify::{Event, EventKind, RecursiveMode, Watcher};

use crate::cli::{BuildArgs, MessageFormat};
use crate::diag::Diagnostic;
use crate::diag::error::{Error, Result};

/// How long to wait for a burst of saves to settle before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(100);

/// Cache generations Typst keeps between builds.
const CACHE_GENERATIONS: usize = 10;

/// Builds once, then rebuilds on every change until interrupted.
pub fn watch(args: &BuildArgs, rebuild: impl Fn(&BuildArgs) -> Result<()>) -> Result<()> {
    crate::typst::compile::keep_memo();
    let source = absolute(&args.input.source);
    // The built-in templates cannot change while the program runs.
    let root = crate::sandbox::open_templates(args.input.templates.as_deref())?;
    let templates = (!root.is_built_in()).then(|| absolute(root.shown()));
    let (sender, events) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(sender).map_err(|e| watch_error(&e))?;
    let source_dir = source.parent().unwrap_or(Path::new(".")).to_path_buf();
    watcher
        .watch(&source_dir, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(&e))?;
    if let Some(templates) = &templates {
        watcher
            .watch(templates, RecursiveMode::Recursive)
            .map_err(|e| watch_error(&e))?;
    }
    // A spreadsheet directory is an input too: its folder (a workbook is often saved by
    // replacing it) or, for CSV files, the folder itself.
    let directory = crate::source::directory::directory_path(&source).map(|d| absolute(&d));
    if let Some(directory) = &directory {
        let (folder, mode) = if directory.is_dir() {
            (directory.clone(), RecursiveMode::Recursive)
        } else {
            let parent = directory.parent().unwrap_or(Path::new(".")).to_path_buf();
            (parent, RecursiveMode::NonRecursive)
        };
        if folder != source_dir {
            watcher.watch(&folder, mode).map_err(|e| watch_error(&e))?;
        }
    }

    run_once(args, &rebuild);
    let watched = match &templates {
        Some(_) => format!(" and {}", root.shown().display()),
        None => String::new(),
    };
    eprintln!(
        "watching {}{watched} for changes (Ctrl-C to stop)",
        args.input.source.display(),
    );
    let is_relevant = |event: &Event| {
        // Reading files (our own builds do) must not count as a change.
        !matches!(
            event.kind,
            EventKind::Access(_) | EventKind::Any | EventKind::Other
        ) && event.paths.iter().any(|path| {
            *path == source
                || crate::source::translation::is_translation_of(path, &source)
                || templates.as_ref().is_some_and(|t| path.starts_with(t))
                || directory.as_ref().is_some_and(|d| path.starts_with(d))
        })
    };
    while let Ok(event) = events.recv() {
        if event.is_ok_and(|event| is_relevant(&event)) {
            settle(&events);
            run_once(args, &rebuild);
        }
    }
    Ok(())
}

/// Waits until no event has come for [`DEBOUNCE`], so a burst of saves is one rebuild.
fn settle(events: &Receiver<notify::Result<Event>>) {
    while events.recv_timeout(DEBOUNCE).is_ok() {}
}

fn run_once(args: &BuildArgs, rebuild: &impl Fn(&BuildArgs) -> Result<()>) {
    if let Err(error) = rebuild(args) {
        crate::diag::print::print_diagnostics(&error.diagnostics(), args.input.message_format);
        if args.input.message_format == MessageFormat::Human {
            eprintln!("error: the last good outputs were kept");
        }
    }
    typst::comemo::evict(CACHE_GENERATIONS);
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn watch_error(error: &dyn std::fmt::Display) -> Error {
    Error::one(Diagnostic::bare(format!(
        "cannot watch the guide for changes ({error})"
    )))
}
