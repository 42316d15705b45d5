//! Reading an EPUB back for `verify`: each XHTML document's visible text, and its phone
//! links with their text.

use std::io::{Cursor, Read};

use roxmltree::{Document, Node, ParsingOptions};

use crate::model::phone::link_dial;
use crate::render::shown::{Link, is_web};

/// The visible text of each XHTML document in an EPUB, by its name in the archive.
pub(super) fn texts(bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    documents(bytes)?
        .into_iter()
        .map(|(name, xml)| {
            let text =
                body_text(&xml).map_err(|e| format!("`{name}` is not well-formed XHTML ({e})"))?;
            Ok((name, text))
        })
        .collect()
}

/// Each XHTML document in an EPUB, by its name in the archive.
pub(super) fn documents(bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut documents = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|e| e.to_string())?;
        let name = entry.name().to_owned();
        if !(name.ends_with(".xhtml") || name.ends_with(".html")) {
            continue;
        }
        let mut xml = String::new();
        entry
            .read_to_string(&mut xml)
            .map_err(|e| format!("`{name}` cannot be read ({e})"))?;
        documents.push((name, xml));
    }
    Ok(documents)
}

/// Elements that flow within a line; every other element starts a new one.
const INLINE: [&str; 18] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
    "small", "span", "strong", "time",
];

/// The text inside `<body>`: text nodes in order, a line break for `<br>` and around
/// every block, nothing for attributes (a `tel:` link alone shows no number).
fn body_text(xml: &str) -> Result<String, roxmltree::Error> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(xml, options)?;
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

/// The `tel:`/`sms:` and web links of every XHTML document in an EPUB, with their text.
pub(super) fn links(bytes: &[u8]) -> Result<Vec<Link>, String> {
    let mut links = Vec::new();
    for (name, xml) in documents(bytes)? {
        let options = ParsingOptions {
            allow_dtd: true,
            ..ParsingOptions::default()
        };
        let document = Document::parse_with_options(&xml, options)
            .map_err(|e| format!("`{name}` is not well-formed XHTML ({e})"))?;
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
}
