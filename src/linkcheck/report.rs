//! The link check for people: the worst first, each address with every place it is
//! written, and what to write instead when a page moved.

use std::fmt::Write;

use super::{CheckedAddress, LinkReview, UseKind, Verdict};

/// The report for people.
pub fn report(review: &LinkReview) -> String {
    let source = &review.source;
    let total = review.addresses.len();
    if total == 0 {
        return format!("Nothing to check: {source} has no web addresses.\n");
    }
    let mut out = format!(
        "Checked {} in {source} ({} s at most each): {}.\n",
        plural(total, "web address", "web addresses"),
        review.timeout_seconds,
        counts(review)
    );
    for address in &review.addresses {
        out.push('\n');
        out.push_str(&entry(address));
    }
    let needing = review
        .addresses
        .iter()
        .filter(|a| a.result != Verdict::Ok)
        .count();
    out.push('\n');
    if needing == 0 {
        let _ = writeln!(out, "Every address answered normally.");
    } else {
        // A workbook guide's addresses are written in its workbook as well.
        let mut files = vec![source.as_str()];
        for placed in review.addresses.iter().flat_map(|a| &a.uses) {
            if !files.contains(&placed.at.file.as_str()) {
                files.push(&placed.at.file);
            }
        }
        let _ = writeln!(
            out,
            "Nothing was changed. Open each address above in a browser, fix {} where it is wrong, then run `guidepress build`.",
            files.join(" or ")
        );
    }
    out
}

/// `1 gone, 2 ok`, in the order of the report.
fn counts(review: &LinkReview) -> String {
    let mut counts: Vec<(Verdict, usize)> = Vec::new();
    for address in &review.addresses {
        match counts.last_mut() {
            Some((verdict, n)) if *verdict == address.result => *n += 1,
            _ => counts.push((address.result, 1)),
        }
    }
    counts
        .iter()
        .map(|(verdict, n)| format!("{n} {}", verdict.word()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn entry(address: &CheckedAddress) -> String {
    let mut out = format!("{}: {}\n", address.result.word(), address.address);
    let refused_head = if address.method == Some("GET") {
        " (to GET: the site refused HEAD)"
    } else {
        ""
    };
    let _ = writeln!(out, "  {}{refused_head}", address.reason);
    for placed in &address.uses {
        let at = &placed.at;
        let what = match at.kind {
            UseKind::Contact => format!("contact {}", at.place),
            UseKind::Text => format!("link in {}", at.place),
        };
        match (&at.sheet, &at.cell) {
            // A cell is named as every diagnostic names it: `directory.xlsx: Contacts!E7`.
            (Some(sheet), Some(cell)) => {
                let _ = writeln!(out, "  {}: {sheet}!{cell}: {what}", at.file);
            }
            (None, Some(cell)) => {
                let _ = writeln!(out, "  {}: {cell}: {what}", at.file);
            }
            _ => {
                let _ = writeln!(out, "  {}:{}:{}: {what}", at.file, at.line, at.column);
            }
        }
        if let Some(new) = &placed.replace_with {
            let _ = writeln!(out, "    write instead: \"{new}\"");
        }
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
