//! Free text from HSDS made into the guide's rich text, and back.

use crate::model::richtext;

/// HSDS descriptions "can contain markup such as HTML or Markdown"; the guide's rich text
/// refuses most of it. The text as it is when the guide accepts it, else its words
/// without markup.
pub(super) fn rich_text(text: &str) -> String {
    let text = text.trim().replace("\r\n", "\n");
    if richtext::parse(&text).is_ok() {
        return text;
    }
    let plain = without_markup(&text);
    if richtext::parse(&plain).is_ok() {
        plain
    } else {
        plain
            .chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace() || ".,;:!?()'\"/-".contains(*c))
            .collect()
    }
}

/// Tags dropped, heading and quote marks taken off line starts, code quotes made plain.
fn without_markup(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in text.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            '`' if !in_tag => out.push('\''),
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.lines()
        .map(|line| {
            let line = line.trim_start().trim_start_matches(['#', '>', '|']).trim();
            // A number and a dot or parenthesis would start an ordered list.
            match line.split_once(['.', ')']) {
                Some((number, rest))
                    if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    format!("{number}: {}", rest.trim_start())
                }
                _ => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// One line: every run of white space a single space.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first sentence of the first paragraph, at most 200 characters, cut at a word.
pub(super) fn summary(about: &str) -> String {
    let first = about.split("\n\n").next().unwrap_or("");
    let first = one_line(first);
    let sentence = match first.find(". ") {
        Some(end) => &first[..=end],
        None => first.as_str(),
    };
    let limit = crate::validate::MAX_SUMMARY_CHARS;
    if sentence.chars().count() <= limit {
        return sentence.to_owned();
    }
    let cut: String = sentence.chars().take(limit - 1).collect();
    let cut = cut.rfind(' ').map_or(cut.as_str(), |at| &cut[..at]);
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::{rich_text, summary};

    #[test]
    fn markup_the_guide_refuses_is_taken_out() {
        assert_eq!(rich_text("Call **now**."), "Call **now**.");
        assert_eq!(rich_text("<p>Free <b>help</b></p>"), "Free help");
        assert_eq!(rich_text("# Food\n1. Bring ID"), "Food\n1: Bring ID");
    }

    #[test]
    fn a_summary_is_the_first_sentence() {
        assert_eq!(summary("Meals daily. Also showers."), "Meals daily.");
        let long = summary(&"word ".repeat(60));
        assert!(long.chars().count() <= 200 && long.ends_with("word…"));
    }
}
