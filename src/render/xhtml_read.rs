//! Reading a rendered XHTML document back for `verify` (the EPUB's documents, the web
//! page): its visible text, and its phone links with their text.

use roxmltree::{Document, Node, ParsingOptions};

use crate::model::phone::link_dial;
use crate::render::shown::{Link, is_web};

/// Elements that flow within a line; every other element starts a new one.
const INLINE: [&str; 18] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
    "small", "span", "strong", "time",
];

/// Elements whose content a reader never sees as text.
const UNSEEN: [&str; 3] = ["script", "style", "template"];

/// Parses a document that may start with `<!DOCTYPE html>`.
pub(super) fn parse(xml: &str) -> Result<Document<'_>, roxmltree::Error> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(xml, options)
}

/// The text inside `<body>`: text nodes in order, a line break for `<br>` and around
/// every block, nothing for attributes (a `tel:` link alone shows no number), scripts or
/// elements marked `hidden`.
pub(super) fn body_text(xml: &str) -> Result<String, roxmltree::Error> {
    let document = parse(xml)?;
    let Some(body) = document.descendants().find(|n| n.has_tag_name("body")) else {
        return Ok(String::new());
    };
    let mut text = String::new();
    // A stack of nodes still to visit and of blocks still to close, so that deeply
    // nested markup cannot exhaust the call stack.
    let mut pending = vec![Visit::Open(body)];
    while let Some(visit) = pending.pop() {
        match visit {
            Visit::Open(node) if node.is_text() => text.push_str(node.text().unwrap_or("")),
            Visit::Open(node) if unseen(node) => {}
            Visit::Open(node) => {
                if breaks_line(node) {
                    text.push('\n');
                    pending.push(Visit::Close);
                }
                pending.extend(node.children().rev().map(Visit::Open));
            }
            Visit::Close => text.push('\n'),
        }
    }
    Ok(text)
}

enum Visit<'a, 'input> {
    Open(Node<'a, 'input>),
    Close,
}

fn breaks_line(node: Node<'_, '_>) -> bool {
    node.is_element() && !INLINE.contains(&node.tag_name().name())
}

fn unseen(node: Node<'_, '_>) -> bool {
    node.is_element()
        && (UNSEEN.contains(&node.tag_name().name()) || node.attribute("hidden").is_some())
}

/// The `tel:`/`sms:` and web links of a document, with their text.
pub(super) fn links(xml: &str) -> Result<Vec<Link>, roxmltree::Error> {
    let document = parse(xml)?;
    let mut links = Vec::new();
    for node in document.descendants().filter(|n| n.has_tag_name("a")) {
        let Some(href) = node
            .attribute("href")
            .filter(|h| link_dial(h).is_some() || is_web(h))
        else {
            continue;
        };
        let text: String = node
            .descendants()
            .filter(roxmltree::Node::is_text)
            .filter_map(|n| n.text())
            .collect();
        links.push(Link {
            href: href.to_owned(),
            text: Some(text.trim().to_owned()),
        });
    }
    Ok(links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_decodes_entities_and_skips_attributes() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">
<head><title>1-800-555-0100</title></head><body><p>Call <a href="tel:18005550100">1&#45;800</a>
&amp; <b>more</b></p><p>10 Main St<br/>Springfield</p></body></html>"#;
        let text = body_text(xml).unwrap();
        assert_eq!(
            text,
            "\n\nCall 1-800\n& more\n\n10 Main St\n\nSpringfield\n\n"
        );
    }

    #[test]
    fn body_text_skips_scripts_and_hidden_elements() {
        let xml = r#"<!DOCTYPE html><html><body><p>shown</p><script>var x = 1;</script>
<form hidden="hidden"><label>Find</label></form></body></html>"#;
        assert_eq!(body_text(xml).unwrap(), "\n\nshown\n\n\n");
    }
}
