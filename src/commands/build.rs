//! `guidepress build` (and `preview`, `watch`): render what is out of date and write it.

use std::io::Write;

use crate::cli::{BuildArgs, MessageFormat};
use crate::config::BuildConfig;
use crate::diag::error::{Error, Result};
use crate::diag::print::print_diagnostics;
use crate::output::plan::Plan;
use crate::pipeline::check_source;
use crate::source::read_source;

/// Runs one build with the given arguments.
pub(super) fn build(args: &BuildArgs) -> Result<()> {
    let source = read_source(&args.input.source).map_err(Error::one)?;
    let command_line = args.settings();
    let formats = args.formats();
    let plan = Plan::new(
        &source,
        &command_line,
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
        &command_line,
        &loaded.checked.settings,
    );
    let names: Vec<&str> = formats.iter().map(|f| f.name()).collect();
    let spinner = crate::commands::progress::Spinner::after_a_second(format!(
        "building {}",
        names.join(", ")
    ));
    let (report, said) = plan.build(&loaded, &config);
    drop(spinner);
    print_diagnostics(&said.warnings, args.input.message_format);
    for note in &said.notes {
        eprint!("{note}");
    }
    let report = report?;
    print_report(&report, args.input.message_format);
    Ok(())
}

// With JSON messages, standard output carries nothing but JSON lines; the report goes aside.
fn print_report(report: &crate::output::plan::Report, format: MessageFormat) {
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
        let _ = writeln!(stdout, "{:>10}  {}: up to date", "skipped", format.name());
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

fn human_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}
