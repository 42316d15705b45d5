//! `guidepress check`: validate the guide and render every format in memory, writing nothing.

use crate::cli::{CheckArgs, MessageFormat};
use crate::diag::error::Result;
use crate::diag::print::print_diagnostics;
use crate::pipeline::{load_guide, render_in_memory};

/// Runs `guidepress check`.
pub(super) fn check(args: &CheckArgs) -> Result<()> {
    let loaded = load_guide(&args.input.source)?;
    print_diagnostics(&loaded.warnings, args.input.message_format);
    let translations = crate::translations::load(&args.input.source, &loaded)?;
    print_diagnostics(&translations.warnings, args.input.message_format);
    let spinner =
        crate::commands::progress::Spinner::after_a_second("checking every format".into());
    let card_back = crate::translations::card_back::back_translation(
        &loaded,
        &translations,
        &crate::config::Settings::default(),
    )?;
    let rendered = render_in_memory(
        &args.input.source,
        args.input.templates.as_deref(),
        &loaded,
        card_back,
    );
    drop(spinner);
    let mut rendering_warnings = rendered?;
    rendering_warnings.extend(crate::pipeline::render_translations_in_memory(
        &args.input.source,
        args.input.templates.as_deref(),
        &loaded,
        &translations,
        card_back,
    )?);
    print_diagnostics(&rendering_warnings, args.input.message_format);
    let guide = &loaded.checked.guide;
    if args.editions {
        super::editions_report::print(&loaded.checked, &translations, args.format);
        return Ok(());
    }
    if args.input.message_format == MessageFormat::Human {
        let contacts: usize = guide.organizations.iter().map(|o| o.contacts.len()).sum();
        let languages = match translations.languages() {
            list if list.is_empty() => String::new(),
            list => format!(", translated into {}", list.join(", ")),
        };
        println!(
            "{}: ok ({}, {}, {}{languages}{})",
            args.input.source.display(),
            counted(guide.organizations.len(), "organization"),
            counted(contacts, "contact"),
            counted(guide.cards.len(), "card"),
            warning_count(
                loaded.warnings.len() + translations.warnings.len() + rendering_warnings.len()
            ),
        );
    }
    Ok(())
}

fn warning_count(warnings: usize) -> String {
    match warnings {
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
