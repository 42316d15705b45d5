//! What each subcommand does, from parsed arguments to an exit code.

use std::io::Write;
use std::process::ExitCode;

use crate::build::Plan;
use crate::cli::{BuildArgs, CheckArgs, Cli, Command, MessageFormat};
use crate::config::BuildConfig;
use crate::diag::{Diagnostic, summary};
use crate::error::{Error, Result};
use crate::parse::read_source;
use crate::pipeline::{check_source, load_guide, render_in_memory};

/// Runs a parsed command line.
pub fn dispatch(cli: Cli) -> ExitCode {
    let (format, writes, result) = match cli.command {
        Command::Build(args) => (args.input.message_format, true, build(&args)),
        Command::Watch(args) => (
            args.input.message_format,
            true,
            crate::watch::watch(&args, build),
        ),
        Command::Preview(args) => {
            let args = args.into_build();
            (args.input.message_format, true, build(&args))
        }
        Command::Check(args) => (args.input.message_format, false, check(&args)),
        Command::Diff(args) => return crate::diff::run(&args),
        Command::Review(args) => return crate::review::run(&args),
        Command::Init(args) => return crate::init::run(&args),
        Command::Verify(args) => return crate::verify::run(&args),
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

fn check(args: &CheckArgs) -> Result<()> {
    let loaded = load_guide(&args.input.source)?;
    print_diagnostics(&loaded.warnings, args.input.message_format);
    let spinner = crate::progress::Spinner::after_a_second("checking every format".into());
    let rendered = render_in_memory(&args.input.source, args.input.templates.as_deref(), &loaded);
    drop(spinner);
    rendered?;
    let guide = &loaded.checked.guide;
    if args.input.message_format == MessageFormat::Human {
        let contacts: usize = guide.organizations.iter().map(|o| o.contacts.len()).sum();
        println!(
            "{}: ok ({}, {}, {}{})",
            args.input.source.display(),
            counted(guide.organizations.len(), "organization"),
            counted(contacts, "contact"),
            counted(guide.cards.len(), "card"),
            warning_count(&loaded.warnings),
        );
    }
    Ok(())
}

fn build(args: &BuildArgs) -> Result<()> {
    let source = read_source(&args.input.source).map_err(Error::one)?;
    let overrides = args.overrides();
    let formats = args.formats();
    let plan = Plan::new(
        &source,
        &overrides,
        args.input.templates.as_deref(),
        &args.out,
        &formats,
        args.force,
    );
    // Nothing changed since the last build: the guide is not even parsed again (its
    // warnings were shown when its files were built; `check` shows them any time).
    if let Ok(plan) = &plan
        && plan.is_noop()
    {
        print_report(&plan.noop_report(), args.input.message_format);
        return Ok(());
    }
    // The guide's own problems come first, even when the template folder is missing too.
    let loaded = check_source(source)?;
    print_diagnostics(&loaded.warnings, args.input.message_format);
    let plan = plan?;
    let config = BuildConfig::resolve(
        args.input.source.clone(),
        args.input.templates.clone(),
        args.out.clone(),
        &overrides,
        &loaded.checked.settings,
    );
    let names: Vec<&str> = formats
        .iter()
        .map(|f| crate::render::renderer_for(*f).name())
        .collect();
    let spinner =
        crate::progress::Spinner::after_a_second(format!("building {}", names.join(", ")));
    let report = plan.build(&loaded, &config);
    drop(spinner);
    let report = report?;
    print_report(&report, args.input.message_format);
    Ok(())
}

// With JSON messages, standard output carries nothing but JSON lines; the report goes aside.
fn print_report(report: &crate::build::Report, format: MessageFormat) {
    let mut stdout: Box<dyn Write> = match format {
        MessageFormat::Human => Box::new(std::io::stdout().lock()),
        MessageFormat::Json => Box::new(std::io::stderr().lock()),
    };
    for file in &report.written {
        let _ = writeln!(
            stdout,
            "{:>10}  {}",
            human_size(file.size),
            file.path.display()
        );
    }
    for format in &report.skipped {
        let name = crate::render::renderer_for(*format).name();
        let _ = writeln!(stdout, "{:>10}  {name}: up to date", "skipped");
    }
    for path in &report.removed {
        let _ = writeln!(stdout, "{:>10}  {}", "removed", path.display());
    }
    let _ = writeln!(
        stdout,
        "built {} files in {:.2} s",
        report.written.len(),
        report.elapsed.as_secs_f64()
    );
}

/// Prints diagnostics in the chosen format: for people on standard error, as JSON lines
/// on standard output (where cargo and rustc put theirs, for the tool that reads them).
pub fn print_diagnostics(diagnostics: &[Diagnostic], format: MessageFormat) {
    match format {
        MessageFormat::Human => print_diagnostics_on_stderr(diagnostics, format),
        MessageFormat::Json => {
            let mut stdout = std::io::stdout().lock();
            for diagnostic in diagnostics {
                let _ = writeln!(stdout, "{}", diagnostic.to_json());
            }
        }
    }
}

/// Prints diagnostics on standard error in either format, for commands whose standard
/// output is a report of their own (`diff`, `review`).
pub fn print_diagnostics_on_stderr(diagnostics: &[Diagnostic], format: MessageFormat) {
    let mut stderr = std::io::stderr().lock();
    for diagnostic in diagnostics {
        let _ = match format {
            MessageFormat::Human => write!(stderr, "{}", diagnostic.to_human()),
            MessageFormat::Json => writeln!(stderr, "{}", diagnostic.to_json()),
        };
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

fn warning_count(warnings: &[Diagnostic]) -> String {
    match warnings.len() {
        0 => String::new(),
        n => format!(", {}", counted(n, "warning")),
    }
}

/// "1 card", "2 cards".
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn human_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}
