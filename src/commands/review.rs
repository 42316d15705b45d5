//! `guidepress review`: the contacts nobody has confirmed lately, oldest first.
//!
//! A contact is due when its `verified` date is missing or more than the guide's
//! `review_every_days` before today. Never-verified contacts come first: they are the
//! most urgent, since nobody has ever checked them.

use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::cli::{DEFAULT_SOURCE, MessageFormat, ReportFormat, ReviewArgs};
use crate::diag::print::print_diagnostics_on_stderr as print_diagnostics;
use crate::model::{Date, Guide};
use crate::pipeline::load_guide;

mod editions;
mod links;

/// The review of one guide on one day.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// The day ages are counted to.
    pub today: Date,
    /// The guide's review interval in days.
    pub review_every_days: u32,
    /// How many contacts the guide has.
    pub contacts: usize,
    /// The contacts due for review, never-verified first, then oldest first.
    pub due: Vec<DueContact>,
    /// The editions whose contacts alone were reviewed (`--edition`); empty: the whole guide.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<String>,
}

/// A contact due for review.
#[derive(Debug, Clone, Serialize)]
pub struct DueContact {
    /// `organization-id.contact-id`.
    pub reference: String,
    /// The organization's short name, or its name.
    pub organization: String,
    /// The contact's label.
    pub label: String,
    /// The contact's kind.
    pub kind: &'static str,
    /// The contact's value as printed.
    pub value: String,
    /// The last day it was confirmed, if ever.
    pub verified: Option<Date>,
    /// Days from `verified` to today, if ever verified.
    pub age_days: Option<i64>,
    /// The command that records a check of it, e.g. `guidepress verified org.contact`;
    /// for a spreadsheet directory, which cell to type the date into.
    pub verify_command: String,
    /// For a spreadsheet directory, the cell of its `verified` date
    /// (`directory.xlsx: Contacts!H7`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

/// Runs `guidepress review` and returns its exit status.
pub fn run(args: &ReviewArgs) -> ExitCode {
    let messages = match args.format {
        ReportFormat::Human => MessageFormat::Human,
        ReportFormat::Json => MessageFormat::Json,
    };
    let loaded = match load_guide(&args.source) {
        Ok(loaded) => loaded,
        Err(error) => {
            print_diagnostics(&error.diagnostics(), messages);
            return ExitCode::from(1);
        }
    };
    print_diagnostics(&loaded.warnings, messages);
    if let Err(error) = super::build::check_edition_names(&args.editions, &loaded.checked.editions)
    {
        print_diagnostics(&error.diagnostics(), messages);
        return ExitCode::from(1);
    }
    let guide = editions::shown_by(&loaded.checked, &args.editions);
    if args.links.links {
        return links::run(args, &loaded, &guide);
    }
    let today = Date(args.today.unwrap_or_else(crate::pipeline::today));
    let mut review = review(&guide, today)
        .for_source(&args.source)
        .in_cells(&loaded.source, today);
    review.editions.clone_from(&args.editions);
    match args.format {
        ReportFormat::Human => print!("{}", report(&review, &args.source.display().to_string())),
        ReportFormat::Json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&review).expect("the review serializes")
            );
        }
    }
    ExitCode::from(u8::from(args.strict && !review.due.is_empty()))
}

/// Finds the contacts of `guide` that are due for review on `today`.
pub fn review(guide: &Guide, today: Date) -> Review {
    let limit = i64::from(guide.review_every_days);
    let mut due: Vec<DueContact> = guide
        .organizations
        .iter()
        .flat_map(|org| org.contacts.iter().map(move |contact| (org, contact)))
        .filter_map(|(org, contact)| {
            let age_days = contact.verified.map(|v| (today.0 - v.0).whole_days());
            (age_days.is_none_or(|age| age > limit)).then(|| DueContact {
                reference: format!("{}.{}", org.id, contact.id),
                verify_command: format!("guidepress verified {}.{}", org.id, contact.id),
                cell: None,
                organization: org.short_name.clone().unwrap_or_else(|| org.name.clone()),
                label: contact.label.clone(),
                kind: contact.kind.as_str(),
                value: contact.value.clone(),
                verified: contact.verified,
                age_days,
            })
        })
        .collect();
    // `None` sorts before any date; the sort is stable, so ties keep guide order.
    due.sort_by_key(|c| c.verified);
    let contacts = guide.organizations.iter().map(|o| o.contacts.len()).sum();
    Review {
        today,
        review_every_days: guide.review_every_days,
        contacts,
        due,
        editions: Vec::new(),
    }
}

impl Review {
    /// The review with each `verify_command` naming `source` when it is not the default
    /// guide, so that each command runs as printed.
    #[must_use]
    pub fn for_source(mut self, source: &Path) -> Self {
        if source != Path::new(DEFAULT_SOURCE) {
            let source = shell_word(&source.display().to_string());
            for contact in &mut self.due {
                contact
                    .verify_command
                    .push_str(&format!(" --source {source}"));
            }
        }
        self
    }
}

impl Review {
    /// For a guide whose contacts are in a spreadsheet, each contact's `verified` cell in
    /// place of the command (guidepress does not write into spreadsheets).
    #[must_use]
    pub fn in_cells(
        mut self,
        source: &std::sync::Arc<crate::diag::SourceText>,
        today: Date,
    ) -> Self {
        let cells = crate::source::directory::verified_cells(source);
        for contact in &mut self.due {
            if let Some((_, place, has_column)) =
                cells.iter().find(|(r, _, _)| *r == contact.reference)
            {
                contact.verify_command = if *has_column {
                    format!("{}: type {today} into {}", contact.reference, place.shown())
                } else {
                    format!(
                        "{}: add a `verified` column, then type {today} into it in {}",
                        contact.reference,
                        place.shown()
                    )
                };
                contact.cell = Some(place.shown());
            }
        }
        self
    }
}

/// `word` as one word of a POSIX shell command line: as it is when that is safe, else
/// between single quotes.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./+,:=@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The report for people.
pub fn report(review: &Review, source: &str) -> String {
    let days = review.review_every_days;
    let of = editions::scope(&review.editions);
    if review.contacts == 0 {
        return "Nothing to review: the guide has no contacts.\n".to_owned();
    }
    if review.due.is_empty() {
        let each = match review.contacts {
            1 => format!("the only contact{of} was"),
            n => format!("each of the {n} contacts{of} was"),
        };
        return format!(
            "Nothing to review: {each} verified within {days} days of {}.\n",
            review.today
        );
    }
    let mut out = format!(
        "{} of {} contacts{of} {} due for review (never verified, or verified more than {days} days before {}):\n\n",
        review.due.len(),
        review.contacts,
        if review.due.len() == 1 { "is" } else { "are" },
        review.today,
    );
    out.push_str(&table(&review.due));
    if review.due.iter().any(|c| c.cell.is_some()) {
        let _ = writeln!(
            out,
            "\nCheck that each one still works, then type the day you checked it into its `verified` cell:"
        );
    } else {
        let _ = writeln!(
            out,
            "\nCheck that each one still works, then record the day you checked it in {source}:"
        );
    }
    for contact in &review.due {
        let _ = writeln!(out, "  {}", contact.verify_command);
    }
    out
}

fn table(due: &[DueContact]) -> String {
    let header = ["AGE", "VERIFIED", "ORGANIZATION", "CONTACT", "VALUE"].map(str::to_owned);
    let rows: Vec<[String; 5]> = due
        .iter()
        .map(|c| {
            [
                c.age_days.map_or("-".to_owned(), |d| format!("{d} days")),
                c.verified.map_or("never".to_owned(), |d| d.to_string()),
                c.organization.clone(),
                c.label.clone(),
                c.value
                    .lines()
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    let all: Vec<&[String; 5]> = std::iter::once(&header).chain(&rows).collect();
    let widths: Vec<usize> = (0..5)
        .map(|i| all.iter().map(|row| row[i].width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in all {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                line.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn a_path_with_spaces_or_quotes_is_quoted_for_the_shell() {
        assert_eq!(
            shell_word("guides/spring-2026.toml"),
            "guides/spring-2026.toml"
        );
        assert_eq!(shell_word("my guide.toml"), "'my guide.toml'");
        assert_eq!(shell_word("Bob's guide.toml"), "'Bob'\\''s guide.toml'");
    }
}
