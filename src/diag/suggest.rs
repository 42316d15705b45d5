//! Friendly wording: "did you mean", and TOML syntax errors explained in plain words.

/// Longest word, in bytes, for which a suggestion is looked for.
pub const MAX_WORD: usize = 128;

/// Closest candidate to `word`, if it is close enough to be a likely typo.
///
/// Close means a few letters typed wrong, left out, doubled or swapped (`wbe` → `web`), or
/// a word that mostly starts and reads the same (`organisation` → `organization`).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // Comparing costs the product of the lengths; nobody mistypes a word this long.
    if word.len() > MAX_WORD {
        return None;
    }
    let word = word.to_lowercase();
    let allowed_edits = (word.chars().count() / 4).max(1);
    candidates
        .into_iter()
        .map(|candidate| {
            let lower = candidate.to_lowercase();
            (
                strsim::osa_distance(&word, &lower),
                strsim::jaro_winkler(&word, &lower),
                candidate,
            )
        })
        .filter(|&(edits, similarity, _)| edits <= allowed_edits || similarity >= 0.8)
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)))
        .map(|(_, _, candidate)| candidate)
}

const QUOTE_HINT: &str = "inside \"…\" write a double quote as \\\", or put text that contains double quotes between single quotes '…'";

/// Rewrites a TOML syntax error in plain words, with hints.
///
/// `found` is the source text the error points at (often empty) and `line` the whole
/// source line it is on.
pub fn explain_syntax(message: &str, found: &str, line: &str) -> (String, Vec<String>) {
    let message = message.trim().trim_end_matches('.');
    let (head, _) = message.split_once(", expected").unwrap_or((message, ""));
    let one = |text: &str, hint: String| (text.to_owned(), vec![hint]);
    if let Some(ch) = found
        .chars()
        .next()
        .filter(|c| found.chars().count() == 1 && c.is_control())
    {
        return one(
            &format!("the control character U+{:04X} is not allowed", ch as u32),
            "remove it; only tabs and line breaks are allowed in a guide".into(),
        );
    }
    match head {
        "string values must be quoted" => unquoted_value(found, line),
        "key with no value" => one(
            "this line has no `=`",
            "write each setting as key = value, e.g. title = \"My guide\"; a comment starts with #".into(),
        ),
        "unexpected key or value" => one("unexpected text after the value", QUOTE_HINT.into()),
        "invalid basic string" | "invalid literal string" | "invalid string" => one(
            "this text has no closing quote",
            "end the text with a quote on the same line, or write text of several lines between \"\"\" and \"\"\"".into(),
        ),
        "invalid multi-line basic string" | "invalid multi-line literal string" => one(
            "this text has no closing \"\"\"",
            "end text of several lines with \"\"\" (or ''' when it started with ''')".into(),
        ),
        "unclosed table" => one("this table name has no closing `]`", "write it like [guide]".into()),
        "unclosed array table" => one(
            "this table name has no closing `]]`",
            "write it like [[organization]]".into(),
        ),
        "unclosed array" => one("this list has no closing `]`", "end the list with ]".into()),
        "missing comma between array elements" => one(
            "missing comma between two items of a list",
            "separate the items with commas: [\"one\", \"two\"]".into(),
        ),
        "duplicate key" => duplicate(found, line),
        "missing escaped value" | "invalid escape sequence" => one(
            "a backslash between double quotes must start an escape such as \\n",
            "write \\\\ for one backslash, or put the text between single quotes: 'C:\\forms'".into(),
        ),
        _ if head.starts_with("invalid date") || head.starts_with("invalid time") => (
            format!("this is not a real date ({})", message.trim_start_matches("invalid date, ")),
            vec!["write dates as year-month-day with two-digit month and day, like 2026-01-15".into()],
        ),
        _ => (message.to_owned(), Vec::new()),
    }
}

fn unquoted_value(found: &str, line: &str) -> (String, Vec<String>) {
    let key = line.split('=').next().unwrap_or("").trim();
    if found.trim().is_empty() {
        return (
            format!("`{key}` has no value"),
            vec![format!("write the value after the =, e.g. {key} = \"…\"")],
        );
    }
    if found.starts_with(['“', '”', '‘', '’', '„', '«']) {
        let inner = found.trim_matches(['“', '”', '‘', '’', '„', '«', '»']);
        return (
            "text must be between straight quotes (\"), not curly quotes (“ ”)".into(),
            vec![
                format!("write {key} = \"{inner}\""),
                "some editors turn \" into “ ” as you type; a plain-text editor keeps them straight".into(),
            ],
        );
    }
    let parts: Vec<&str> = found.split('/').collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return (
            "dates are written year-month-day with hyphens".into(),
            vec!["write a date like 2026-01-15, without quotes".into()],
        );
    }
    (
        "text must be in quotes".into(),
        vec![format!("write {key} = \"{}\"", found.replace('"', "\\\""))],
    )
}

fn duplicate(found: &str, line: &str) -> (String, Vec<String>) {
    if line.trim_start().starts_with('[') {
        let header = line.trim();
        return (
            format!("the table {header} is written twice"),
            vec!["put all of its keys under one header; only [[…]] tables can repeat".into()],
        );
    }
    (
        format!("`{found}` is written twice in the same table"),
        vec!["keep only one of them".into()],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_of_phone_suggests_phone() {
        assert_eq!(
            did_you_mean("phnoe", ["phone", "sms", "web"]),
            Some("phone")
        );
    }

    #[test]
    fn capitals_do_not_hide_a_suggestion() {
        assert_eq!(
            did_you_mean("Phone", ["phone", "sms", "web"]),
            Some("phone")
        );
    }

    #[test]
    fn swapped_letters_in_a_short_word_suggest_it() {
        assert_eq!(did_you_mean("wbe", ["phone", "sms", "web"]), Some("web"));
    }

    #[test]
    fn unrelated_word_suggests_nothing() {
        assert_eq!(did_you_mean("colour", ["phone", "sms", "web"]), None);
    }

    #[test]
    fn unquoted_text_is_explained_with_the_fix() {
        let (message, hints) = explain_syntax(
            "string values must be quoted, expected literal string",
            "Information",
            "title = Information",
        );
        assert_eq!(message, "text must be in quotes");
        assert_eq!(hints, vec!["write title = \"Information\""]);
    }

    #[test]
    fn unknown_syntax_message_is_kept() {
        let (message, hints) = explain_syntax("invalid float, expected digit", "1.", "a = 1.");
        assert_eq!(message, "invalid float, expected digit");
        assert!(hints.is_empty());
    }
}
