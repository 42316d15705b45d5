//! The `richtext` template filter: a guide's rich-text node tree, rendered to XHTML.
//!
//! Templates receive rich text as the node tree of [`crate::model::richtext`] (as the PDF template
//! does), never as Markdown or markup; this filter walks it and escapes every text, so
//! nothing a guide says can become an element. Telephone numbers in running text are
//! wrapped so that a narrow screen never breaks them across lines.

use std::borrow::Cow;
use std::ops::Range;

use minijinja::value::ValueKind;
use minijinja::{Error, ErrorKind, Value};

/// Escapes text for XHTML content and double-quoted attributes (`&`, `<`, `>`, `"`).
pub(super) fn escape(text: &str) -> Cow<'_, str> {
    html_escape::encode_double_quoted_attribute(text)
}

/// The filter: rich text (or none) to a safe XHTML string of paragraphs and lists.
pub(super) fn filter(value: &Value) -> Result<Value, Error> {
    let mut out = String::new();
    match value.kind() {
        ValueKind::None => {}
        ValueKind::Seq => write_blocks(value, &mut out)?,
        _ => return Err(shape("rich text (a list of paragraphs and lists)", value)),
    }
    Ok(Value::from_safe_string(out))
}

fn write_blocks(blocks: &Value, out: &mut String) -> Result<(), Error> {
    for (index, block) in blocks.try_iter()?.enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let (tag, content) = variant(&block)?;
        match tag.as_str() {
            "paragraph" => {
                out.push_str("<p>");
                write_inlines(&content, out)?;
                out.push_str("</p>");
            }
            "list" => {
                out.push_str("<ul>\n");
                for item in content.try_iter()? {
                    out.push_str("<li>");
                    write_blocks(&item, out)?;
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>");
            }
            _ => return Err(shape("a paragraph or a list", &block)),
        }
    }
    Ok(())
}

fn write_inlines(inlines: &Value, out: &mut String) -> Result<(), Error> {
    for inline in inlines.try_iter()? {
        let (tag, content) = variant(&inline)?;
        match tag.as_str() {
            "text" => write_text(
                content.as_str().ok_or_else(|| shape("text", &content))?,
                out,
            ),
            "emph" => wrapped("em", &content, out)?,
            "strong" => wrapped("strong", &content, out)?,
            "link" => {
                let url = content.get_attr("url")?;
                let url = url
                    .as_str()
                    .ok_or_else(|| shape("a link address", &content))?;
                out.push_str("<a href=\"");
                out.push_str(&escape(url));
                out.push_str("\">");
                write_inlines(&content.get_attr("body")?, out)?;
                out.push_str("</a>");
            }
            _ => return Err(shape("text, emphasis, strong text or a link", &inline)),
        }
    }
    Ok(())
}

fn wrapped(tag: &str, content: &Value, out: &mut String) -> Result<(), Error> {
    out.push_str(&format!("<{tag}>"));
    write_inlines(content, out)?;
    out.push_str(&format!("</{tag}>"));
    Ok(())
}

/// Writes escaped text, each telephone number in a `<span class="phone" dir="ltr">`: the
/// stylesheet keeps it on one line, and the direction keeps its digit groups in order
/// inside right-to-left text.
fn write_text(text: &str, out: &mut String) {
    let mut at = 0;
    for number in phone_numbers(text) {
        out.push_str(&escape(&text[at..number.start]));
        out.push_str("<span class=\"phone\" dir=\"ltr\">");
        out.push_str(&escape(&text[number.clone()]));
        out.push_str("</span>");
        at = number.end;
    }
    out.push_str(&escape(&text[at..]));
}

/// A node of the tree is a map with one key, e.g. `{"paragraph": [...]}`.
fn variant(node: &Value) -> Result<(String, Value), Error> {
    let mut keys = node
        .try_iter()
        .map_err(|_| shape("a rich-text node", node))?;
    match (node.kind(), keys.next(), keys.next()) {
        (ValueKind::Map, Some(key), None) => {
            let content = node.get_item(&key)?;
            let key = key
                .as_str()
                .ok_or_else(|| shape("a rich-text node", node))?
                .to_owned();
            Ok((key, content))
        }
        _ => Err(shape("a rich-text node", node)),
    }
}

fn shape(expected: &str, found: &Value) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        format!("`richtext` expects {expected}, not {}", found.kind()),
    )
}

/// Byte ranges of the telephone numbers in running text that a line could break inside:
/// 7 to 15 digits (letters of a vanity number counted) with a `-`, `.`, space or
/// parenthesis in them, as [`crate::model::phone::text`] finds them.
pub(super) fn phone_numbers(text: &str) -> Vec<Range<usize>> {
    crate::model::phone::text::numbers(text)
        .into_iter()
        .filter(|number| (7..=15).contains(&number.digit_count()))
        .map(|number| number.range)
        .filter(|range| text[range.clone()].contains(['-', '.', ' ', '(', ')']))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::value::Serde;

    fn numbers(text: &str) -> Vec<&str> {
        phone_numbers(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn numbers_in_running_text_are_found_without_trailing_punctuation() {
        assert_eq!(numbers("call 1-800-843-5678."), ["1-800-843-5678"]);
        assert_eq!(numbers("Tipline (1-800-843-5678) now"), ["1-800-843-5678"]);
        assert_eq!(
            numbers("+44 20 7946 0000 or (202) 555-0100"),
            ["+44 20 7946 0000", "(202) 555-0100"]
        );
    }

    #[test]
    fn years_counts_and_words_are_not_numbers() {
        assert!(numbers("In 1998, 30 task forces; as of mid-2000.").is_empty());
        assert!(numbers("ref 12345678 (no separators)").is_empty());
        assert!(numbers("id x1-800-843-5678").is_empty());
    }

    #[test]
    fn vanity_numbers_are_kept_whole_with_their_repeated_digits() {
        assert_eq!(numbers("call 1-800-THE-LOST now"), ["1-800-THE-LOST"]);
        assert_eq!(
            numbers("Call 1-800-799-SAFE (7233)."),
            ["1-800-799-SAFE (7233)"]
        );
    }

    #[test]
    fn text_is_escaped_and_numbers_wrapped() {
        let mut out = String::new();
        write_text("a <b> & \"c\" 555-867-5309", &mut out);
        assert_eq!(
            out,
            "a &lt;b&gt; &amp; &quot;c&quot; <span class=\"phone\" dir=\"ltr\">555-867-5309</span>"
        );
    }

    #[test]
    fn tree_renders_paragraphs_lists_and_links() {
        let tree = crate::model::richtext::parse(
            "One *two* **3**\n\n- [x & y](https://e.org/?a=1&b=2)\n- z",
        )
        .unwrap();
        let html = filter(&Value::from(Serde(&tree))).unwrap();
        assert_eq!(
            html.as_str().unwrap(),
            "<p>One <em>two</em> <strong>3</strong></p>\n<ul>\n\
             <li><p><a href=\"https://e.org/?a=1&amp;b=2\">x &amp; y</a></p></li>\n\
             <li><p>z</p></li>\n</ul>"
        );
    }

    #[test]
    fn other_values_are_refused() {
        assert!(filter(&Value::from("*markdown*")).is_err());
        assert!(
            filter(&Value::from(Serde(vec![
                serde_json::json!({"html": "<b>"})
            ])))
            .is_err()
        );
    }
}
