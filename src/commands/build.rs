//! `guidepress build` (and `preview`, `watch`): render what is out of date and write it.

use std::io::Write;

use crate::cli::{BuildArgs, MessageFormat};
use crate::config::BuildConfig;
use crate::diag::Diagnostic;
use crate::diag::error::{Error, Result};
use crate::diag::print::print_diagnostics;
use crate::diag::suggest::did_you_mean;
use crate::model::edition::Edition;
use crate::output::plan::{EditionRequest, Plan};
use crate::pipeline::check_source;
use crate::source::read_source;

/// Runs one build with the given arguments.
pub(super) fn build(args: &BuildArgs) -> Result<()> {
    let source = read_source(&args.input.source).map_err(Error::one)?;
    let command_line = args.settings();
    let formats = args.formats();
    // `--edition` builds those editions alone, not the full guide.
    let full_guide_formats = if args.editions.is_empty() {
        formats.clone()
    } else {
        Vec::new()
    };
    let plan = Plan::new(
        &source,
        &command_line,
        args.input.templates.as_deref(),
        &args.out,
        &full_guide_formats,
        args.force,
    );
    // Nothing changed since the last build: the guide is not even parsed again (its
    // warnings were shown when its files were built; `check` shows them any time).
    if let Ok(plan) = &plan
        && plan.is_noop()
        && plan.has_no_editions(&source)
        && plan.has_no_translations(&args.input.source)
    {
        print_report(&plan.noop_report(), args.input.message_format);
        return Ok(());
    }
    // The guide's own problems come first, even when the template folder is missing too.
    let loaded = check_source(source)?;
    print_diagnostics(&loaded.warnings, args.input.message_format);
    let translations = crate::translations::load(&args.input.source, &loaded)?;
    print_diagnostics(&translations.warnings, args.input.message_format);
    let mut plan = plan?;
    let config = BuildConfig::resolve(
        args.input.source.clone(),
        args.input.templates.clone(),
        args.out.clone(),
        &command_line,
        &loaded.checked.settings,
    );
    check_edition_names(&args.editions, &loaded.checked.editions)?;
    let card_back =
        crate::translations::card_back::back_translation(&loaded, &translations, &command_line)?;
    let request = EditionRequest {
        config: &config,
        command_line: &command_line,
        formats: &formats,
        formats_named: !args.format.is_empty(),
        only: &args.editions,
        force: args.force,
        card_back,
    };
    plan.plan_card_back(&loaded, &request);
    plan.plan_editions(&loaded, &request);
    plan.plan_translations(&loaded, &translations, &request);
    let names: Vec<&str> = formats.iter().map(|f| f.name()).collect();
    let languages = match translations.languages() {
        list if list.is_empty() => String::new(),
        list => format!(" in {}, {}", loaded.checked.guide.language, list.join(", ")),
    };
    let spinner = crate::commands::progress::Spinner::after_a_second(format!(
        "building {}{languages}",
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

/// Every `--edition` must name an edition of the guide.
pub(super) fn check_edition_names(asked: &[String], editions: &[Edition]) -> Result<()> {
    let ids: Vec<&str> = editions.iter().map(|e| e.id.as_str()).collect();
    let problems: Vec<Diagnostic> = asked
        .iter()
        .filter(|id| !ids.contains(&id.as_str()))
        .map(|id| {
            let problem = Diagnostic::bare(format!("the guide has no edition `{id}`"));
            match did_you_mean(id, ids.iter().copied()) {
                Some(best) => problem.with_hint(format!("did you mean `--edition {best}`?")),
                None if ids.is_empty() => {
                    problem.with_hint("the guide has no [[edition]]; leave out --edition")
                }
                None => problem.with_hint(format!("its editions are: {}", ids.join(", "))),
            }
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
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
    for (edition, format) in &report.skipped_editions {
        let _ = writeln!(
            stdout,
            "{:>10}  {edition}/{}: up to date",
            "skipped",
            format.name()
        );
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
