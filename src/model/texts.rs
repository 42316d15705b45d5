//! The guide's rich texts, each with the field it was written in, and the links in them.
//!
//! The one walk over rich text that `verify` (which `tel:` links a file may have) and
//! `review --links` (which web addresses to check) share.

use std::fmt;

use crate::model::Guide;
use crate::model::richtext::{Block, Inline, Link, RichText};

/// Where a rich text is written in the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextPlace<'a> {
    /// A field of `[guide]`: `intro` or `closing`.
    Guide(&'static str),
    /// A field of the `[[section]]` with this id: `intro`.
    Section(&'a str, &'static str),
    /// A field of the `[[organization]]` with this id (`about`, `closing`), or one item
    /// of its `services` (counted from 0).
    Organization(&'a str, &'static str, Option<usize>),
}

impl fmt::Display for TextPlace<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Guide(field) => write!(f, "guide {field}"),
            Self::Section(id, field) => write!(f, "section {id} {field}"),
            Self::Organization(id, field, None) => write!(f, "{id} {field}"),
            Self::Organization(id, field, Some(item)) => {
                write!(f, "{id} {field} item {}", item + 1)
            }
        }
    }
}

/// Every rich text of the guide with its place, in reading order (the guide's closing last).
pub fn rich_texts(guide: &Guide) -> Vec<(TextPlace<'_>, &RichText)> {
    let mut texts: Vec<(TextPlace<'_>, &RichText)> = Vec::new();
    texts.extend(guide.intro.iter().map(|t| (TextPlace::Guide("intro"), t)));
    for section in &guide.sections {
        let place = TextPlace::Section(&section.id, "intro");
        texts.extend(section.intro.iter().map(|t| (place, t)));
    }
    for org in &guide.organizations {
        texts.push((TextPlace::Organization(&org.id, "about", None), &org.about));
        for (i, service) in org.services.iter().enumerate() {
            texts.push((
                TextPlace::Organization(&org.id, "services", Some(i)),
                service,
            ));
        }
        let place = TextPlace::Organization(&org.id, "closing", None);
        texts.extend(org.closing.iter().map(|t| (place, t)));
    }
    texts.extend(
        guide
            .closing
            .iter()
            .map(|t| (TextPlace::Guide("closing"), t)),
    );
    texts
}

/// Every link of a rich text, in the order written (a link inside a link's text after it).
pub fn links(text: &RichText) -> Vec<&Link> {
    let mut out = Vec::new();
    blocks_links(&text.0, &mut out);
    out
}

fn blocks_links<'a>(blocks: &'a [Block], out: &mut Vec<&'a Link>) {
    for block in blocks {
        match block {
            Block::Paragraph(inlines) => inlines_links(inlines, out),
            Block::List(items) => items.iter().for_each(|item| blocks_links(item, out)),
        }
    }
}

fn inlines_links<'a>(inlines: &'a [Inline], out: &mut Vec<&'a Link>) {
    for inline in inlines {
        match inline {
            Inline::Text(_) => {}
            Inline::Emph(body) | Inline::Strong(body) => inlines_links(body, out),
            Inline::Link(link) => {
                out.push(link);
                inlines_links(&link.body, out);
            }
        }
    }
}
