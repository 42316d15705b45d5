//! The `guidepress` command.

use std::process::ExitCode;

fn main() -> ExitCode {
    guidepress::main()
}
