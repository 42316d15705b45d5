//! What each subcommand does, from parsed arguments to an exit code.

mod build;
mod check;
mod diff;
mod editions_report;
mod export;
mod import;
pub mod init;
pub mod progress;
pub mod review;
mod translate;
mod verified;
mod verify;
pub mod watch;

use std::process::ExitCode;

use crate::cli::{Cli, Command, MessageFormat};
use crate::diag::print::print_diagnostics;
use crate::diag::{Diagnostic, summary};

/// Runs a parsed command line.
pub fn dispatch(cli: Cli) -> ExitCode {
    let (format, writes, result) = match cli.command {
        Command::Build(args) => (args.input.message_format, true, build::build(&args)),
        Command::Watch(args) => (
            args.input.message_format,
            true,
            watch::watch(&args, build::build),
        ),
        Command::Preview(args) => {
            let args = args.into_build();
            (args.input.message_format, true, build::build(&args))
        }
        Command::Check(args) => (args.input.message_format, false, check::check(&args)),
        Command::Diff(args) => return diff::run(&args),
        Command::Review(args) => return review::run(&args),
        Command::Verified(args) => return verified::run(&args),
        Command::Init(args) => return init::run(&args),
        Command::Verify(args) => return verify::run(&args),
        Command::Import(args) => return import::run(&args),
        Command::Export(args) => (args.message_format, true, export::export(&args)),
        Command::Translate(args) => (args.message_format, true, translate::translate(&args)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let diagnostics = error.diagnostics();
            print_diagnostics(&diagnostics, format);
            if format == MessageFormat::Human {
                print_failure_summary(&diagnostics, writes);
            }
            ExitCode::from(1)
        }
    }
}

fn print_failure_summary(diagnostics: &[Diagnostic], writes: bool) {
    let (errors, _) = summary(diagnostics);
    let problems = match errors {
        0 | 1 => None,
        n => Some(format!("{n} problems found")),
    };
    let nothing = writes.then_some("nothing was written".to_owned());
    let line: Vec<String> = problems.into_iter().chain(nothing).collect();
    if !line.is_empty() {
        eprintln!("error: {}", line.join("; "));
    }
}
