//! `guidepress verify`: reads the built files back and checks them (see [`crate::verify`]).

use std::process::ExitCode;

use crate::cli::{MessageFormat, VerifyArgs};
use crate::diag::print::print_diagnostics;
use crate::verify::verify;

/// Runs `guidepress verify`: exit 0 and one summary line, or exit 1 and every mismatch.
pub(super) fn run(args: &VerifyArgs) -> ExitCode {
    let format = args.input.message_format;
    let problems = match verify(
        &args.input.source,
        args.input.templates.as_deref(),
        &args.out,
    ) {
        Ok(summary) => {
            if format == MessageFormat::Human {
                println!("{summary}");
            }
            return ExitCode::SUCCESS;
        }
        Err(problems) => problems,
    };
    print_diagnostics(&problems, format);
    if format == MessageFormat::Human {
        let count = match problems.len() {
            1 => "1 problem".to_owned(),
            n => format!("{n} problems"),
        };
        eprintln!(
            "error: `{}` does not match the guide ({count})",
            args.out.display()
        );
    }
    ExitCode::from(1)
}
