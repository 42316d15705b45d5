//! Every `tel:` and `sms:` link in the pamphlet and the EPUB dials the number it is for.
//!
//! A link that dials the wrong digits looks right on the page: the printed number is
//! correct, and only a tap shows the fault (`1-800-799-SAFE (7233)` once dialled
//! `180079972337233`). So the links are read back: in the EPUB each link's text is read
//! as a number with [`crate::model::phone`] and must dial what the link dials; in both, every
//! phone and text contact must have its link, and every `tel:`/`sms:` link must dial a
//! number of the guide (a contact's, or one that the guide's rich text links to).

use std::collections::BTreeSet;
use std::path::Path;

use lopdf::{Document, Object};
use roxmltree::ParsingOptions;

use super::extract::epub_documents;
use super::files::Present;
use crate::diag::Diagnostic;
use crate::model::phone::{dial_as_written, link_dial};
use crate::model::richtext::{Block, Inline, RichText};
use crate::model::{ContactKind, Guide};

/// A `tel:` or `sms:` link in an output, and its visible text when it is known.
struct Link {
    href: String,
    text: Option<String>,
}

/// Checks the links of every present pamphlet and EPUB.
pub fn check_links(
    out: &Path,
    guide: &Guide,
    present: &[Present<'_>],
    problems: &mut Vec<Diagnostic>,
) {
    let known = known_links(guide);
    // What each contact's value dials, as the model says; other numbers in the text of
    // a link are read as written.
    let contact_dials: std::collections::HashMap<&str, &str> = guide
        .organizations
        .iter()
        .flat_map(|org| &org.contacts)
        .filter(|contact| dials(contact.kind))
        .filter_map(|c| Some((c.value.as_str(), link_dial(c.href.as_deref()?)?)))
        .collect();
    for file in present {
        let format = file.entry.format.as_str();
        let links = match format {
            "pdf" => pdf_links(&file.bytes),
            "epub" => epub_links(&file.bytes),
            _ => continue,
        };
        let shown = out.join(file.path);
        // A file that cannot be read is reported by the check of what it shows.
        let Ok(links) = links else { continue };
        let mut reported = BTreeSet::new();
        for link in &links {
            let dials = link_dial(&link.href).unwrap_or("");
            let Some(text) = &link.text else {
                if !known.contains(&link.href) && reported.insert(link.href.clone()) {
                    problems.push(unknown_link(&shown, &link.href));
                }
                continue;
            };
            let expected = match contact_dials.get(text.as_str()) {
                Some(dial) => Some((*dial).to_owned()),
                None => dial_as_written(text),
            };
            match expected {
                Some(expected) if expected != dials => {
                    problems.push(wrong_link(&shown, text, &link.href, &expected));
                }
                // Words as a link's text ("call us"): the link must still be the guide's.
                None if !known.contains(&link.href) && reported.insert(link.href.clone()) => {
                    problems.push(unknown_link(&shown, &link.href));
                }
                _ => {}
            }
        }
        for org in &guide.organizations {
            for contact in &org.contacts {
                let Some(href) = contact.href.as_ref().filter(|_| dials(contact.kind)) else {
                    continue;
                };
                if !links.iter().any(|link| &link.href == href) {
                    problems.push(missing_link(
                        &shown,
                        &format!("{}.{}", org.id, contact.id),
                        &contact.value,
                        href,
                    ));
                }
            }
        }
    }
}

fn dials(kind: ContactKind) -> bool {
    matches!(kind, ContactKind::Phone | ContactKind::Sms)
}

fn wrong_link(file: &Path, text: &str, href: &str, expected: &str) -> Diagnostic {
    Diagnostic::bare(format!(
        "`{}` links `{text}` to `{href}`, which does not dial {expected}",
        file.display()
    ))
    .with_hint("a template or an edit changed the link; build again, and check the template that writes it")
}

fn unknown_link(file: &Path, href: &str) -> Diagnostic {
    Diagnostic::bare(format!(
        "`{}` links to `{href}`, which dials no number of the guide",
        file.display()
    ))
    .with_hint("a template or an edit changed the link; build again, and check the template that writes it")
}

fn missing_link(file: &Path, reference: &str, value: &str, href: &str) -> Diagnostic {
    Diagnostic::bare(format!(
        "`{}` has no link `{href}` for contact `{reference}` (`{value}`)",
        file.display()
    ))
    .with_hint("the file was not made from this guide, was edited, or a template left the link out")
}

/// The `tel:` and `sms:` links the guide makes: its contacts' and its rich text's.
fn known_links(guide: &Guide) -> BTreeSet<String> {
    let mut known: BTreeSet<String> = guide
        .organizations
        .iter()
        .flat_map(|org| &org.contacts)
        .filter_map(|contact| contact.href.clone())
        .collect();
    let mut texts: Vec<&RichText> = guide.intro.iter().chain(&guide.closing).collect();
    texts.extend(guide.sections.iter().filter_map(|s| s.intro.as_ref()));
    for org in &guide.organizations {
        texts.push(&org.about);
        texts.extend(&org.services);
        texts.extend(&org.closing);
    }
    for text in texts {
        blocks_links(&text.0, &mut known);
    }
    known
}

fn blocks_links(blocks: &[Block], out: &mut BTreeSet<String>) {
    for block in blocks {
        match block {
            Block::Paragraph(inlines) => inlines_links(inlines, out),
            Block::List(items) => items.iter().for_each(|item| blocks_links(item, out)),
        }
    }
}

fn inlines_links(inlines: &[Inline], out: &mut BTreeSet<String>) {
    for inline in inlines {
        match inline {
            Inline::Text(_) => {}
            Inline::Emph(body) | Inline::Strong(body) => inlines_links(body, out),
            Inline::Link(link) => {
                out.insert(link.url.clone());
                inlines_links(&link.body, out);
            }
        }
    }
}

/// The `tel:`/`sms:` links of a PDF's link annotations; their text is not read (it is
/// wherever the annotation's rectangle is).
fn pdf_links(bytes: &[u8]) -> Result<Vec<Link>, String> {
    let document = Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let mut links = Vec::new();
    for (_, page) in document.get_pages() {
        let Ok(page) = document.get_dictionary(page) else {
            continue;
        };
        let Some(Object::Array(annotations)) = page
            .get(b"Annots")
            .ok()
            .and_then(|a| document.dereference(a).ok())
            .map(|(_, object)| object)
        else {
            continue;
        };
        for annotation in annotations {
            let uri = document
                .dereference(annotation)
                .ok()
                .and_then(|(_, a)| a.as_dict().ok())
                .and_then(|a| a.get(b"A").ok())
                .and_then(|action| document.dereference(action).ok())
                .and_then(|(_, action)| action.as_dict().ok())
                .and_then(|action| action.get(b"URI").ok())
                .and_then(|uri| uri.as_str().ok());
            if let Some(href) = uri.map(|u| String::from_utf8_lossy(u).into_owned())
                && link_dial(&href).is_some()
            {
                links.push(Link { href, text: None });
            }
        }
    }
    Ok(links)
}

/// The `tel:`/`sms:` links of every XHTML document in an EPUB, with their text.
fn epub_links(bytes: &[u8]) -> Result<Vec<Link>, String> {
    let mut links = Vec::new();
    for (name, xml) in epub_documents(bytes)? {
        let options = ParsingOptions {
            allow_dtd: true,
            ..ParsingOptions::default()
        };
        let document = roxmltree::Document::parse_with_options(&xml, options)
            .map_err(|e| format!("`{name}` is not well-formed XHTML ({e})"))?;
        for node in document.descendants().filter(|n| n.has_tag_name("a")) {
            let Some(href) = node.attribute("href").filter(|h| link_dial(h).is_some()) else {
                continue;
            };
            let text: String = node
                .descendants()
                .filter(|n| n.is_text())
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
