//! Rich text: the small Markdown subset a guide may use, parsed into a node tree.
//!
//! Paragraphs, `*emphasis*`, `**strong**`, links and `-` bullet lists are accepted; every
//! other Markdown construct is refused at its own position, so nothing is silently dropped
//! or passed through. Renderers walk the tree; none of them ever sees Markdown again.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// How deeply lists and inline styles may nest before the text is refused.
pub const MAX_DEPTH: usize = 12;

/// Link schemes a rich-text link may use.
pub const LINK_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// A parsed rich text: a sequence of blocks.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct RichText(pub Vec<Block>);

/// A paragraph or a bullet list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Block {
    /// A paragraph of inline content.
    Paragraph(Vec<Inline>),
    /// A bullet list; each item is a sequence of blocks.
    List(Vec<Vec<Block>>),
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Inline {
    /// Plain text, exactly as written.
    Text(String),
    /// Emphasised content.
    Emph(Vec<Inline>),
    /// Strongly emphasised content.
    Strong(Vec<Inline>),
    /// A link.
    Link(Link),
}

/// A link and its visible text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// Target, with one of [`LINK_SCHEMES`].
    pub url: String,
    /// Visible content.
    pub body: Vec<Inline>,
}

/// Something in a rich text that is not allowed, located inside the text.
#[derive(Debug, Clone, PartialEq)]
pub struct RichTextProblem {
    /// What is wrong.
    pub message: String,
    /// Byte range inside the rich text.
    pub range: Range<usize>,
    /// What to do instead.
    pub hint: Option<String>,
}

impl RichText {
    /// The text without markup: paragraphs and list items separated by newlines.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        blocks_plain(&self.0, &mut out);
        out.trim_end().to_owned()
    }
}

fn blocks_plain(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Paragraph(inlines) => {
                inlines_plain(inlines, out);
                out.push('\n');
            }
            Block::List(items) => items.iter().for_each(|item| blocks_plain(item, out)),
        }
    }
}

fn inlines_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push_str(text),
            Inline::Emph(body) | Inline::Strong(body) => inlines_plain(body, out),
            Inline::Link(link) => inlines_plain(&link.body, out),
        }
    }
}

/// Parses rich text, returning every problem found (not only the first).
pub fn parse(text: &str) -> Result<RichText, Vec<RichTextProblem>> {
    let mut builder = TreeBuilder::default();
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        builder.event(event, range);
    }
    builder.finish()
}

/// An open container while the tree is being built.
enum Frame {
    Blocks(Vec<Block>),
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Block>>),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Link(String, Vec<Inline>),
}

struct TreeBuilder {
    stack: Vec<Frame>,
    problems: Vec<RichTextProblem>,
    // Depth of refused constructs still open: their content is skipped.
    refused: usize,
}

impl Default for TreeBuilder {
    fn default() -> Self {
        Self { stack: vec![Frame::Blocks(Vec::new())], problems: Vec::new(), refused: 0 }
    }
}

impl TreeBuilder {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if self.refused > 0 {
            match event {
                Event::Start(_) => self.refused += 1,
                Event::End(_) => self.refused -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end),
            Event::Text(text) => self.push_inline(Inline::Text(text.into_string())),
            Event::SoftBreak | Event::HardBreak => self.push_inline(Inline::Text(" ".into())),
            Event::Code(_) => self.refuse("code is not allowed in guide text", range, CODE_HINT),
            Event::Html(_) | Event::InlineHtml(_) => {
                self.refuse("HTML is not allowed in guide text", range, HTML_HINT)
            }
            Event::Rule => self.refuse("horizontal rules are not allowed", range, BLOCK_HINT),
            other => self.refuse(&format!("unsupported text ({other:?})"), range, BLOCK_HINT),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        if self.stack.len() > MAX_DEPTH {
            self.problems.push(RichTextProblem {
                message: format!("text is nested too deeply (more than {MAX_DEPTH} levels)"),
                range,
                hint: Some("use fewer nested lists and styles".into()),
            });
            self.refused = 1;
            return;
        }
        let frame = match tag {
            Tag::Paragraph => Frame::Paragraph(Vec::new()),
            Tag::Emphasis => Frame::Emph(Vec::new()),
            Tag::Strong => Frame::Strong(Vec::new()),
            Tag::List(None) => Frame::List(Vec::new()),
            Tag::Item => Frame::Blocks(Vec::new()),
            Tag::Link { link_type, dest_url, .. } => match check_link(link_type, &dest_url) {
                Ok(()) => Frame::Link(dest_url.into_string(), Vec::new()),
                Err(message) => {
                    self.problems.push(RichTextProblem {
                        message,
                        range,
                        hint: Some(format!("links may use {}", LINK_SCHEMES.join(", "))),
                    });
                    Frame::Link(String::new(), Vec::new())
                }
            },
            Tag::List(Some(_)) => {
                return self.refuse_open("numbered lists are not allowed", range, LIST_HINT);
            }
            Tag::Heading { .. } => {
                return self.refuse_open("headings are not allowed in guide text", range, BLOCK_HINT);
            }
            Tag::Image { .. } => {
                return self.refuse_open("images are not allowed in guide text", range, BLOCK_HINT);
            }
            Tag::CodeBlock(_) => {
                return self.refuse_open("code blocks are not allowed in guide text", range, CODE_HINT);
            }
            Tag::HtmlBlock => {
                return self.refuse_open("HTML is not allowed in guide text", range, HTML_HINT);
            }
            Tag::BlockQuote(_) => {
                return self.refuse_open("block quotes are not allowed in guide text", range, BLOCK_HINT);
            }
            other => {
                return self.refuse_open(&format!("unsupported text ({other:?})"), range, BLOCK_HINT);
            }
        };
        self.stack.push(frame);
    }

    fn end(&mut self, _end: TagEnd) {
        let Some(frame) = self.stack.pop() else { return };
        match frame {
            Frame::Paragraph(inlines) => self.push_block(Block::Paragraph(inlines)),
            Frame::List(items) => self.push_block(Block::List(items)),
            Frame::Blocks(blocks) => {
                if let Some(Frame::List(items)) = self.stack.last_mut() {
                    items.push(blocks);
                }
            }
            Frame::Emph(body) => self.push_inline(Inline::Emph(body)),
            Frame::Strong(body) => self.push_inline(Inline::Strong(body)),
            Frame::Link(url, body) => self.push_inline(Inline::Link(Link { url, body })),
        }
    }

    fn push_block(&mut self, block: Block) {
        if let Some(Frame::Blocks(blocks)) = self.stack.last_mut() {
            blocks.push(block);
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        let target = match self.stack.last_mut() {
            Some(Frame::Paragraph(v) | Frame::Emph(v) | Frame::Strong(v) | Frame::Link(_, v)) => v,
            Some(Frame::Blocks(blocks)) => {
                // A tight list item holds its text directly, without a paragraph.
                if !matches!(blocks.last(), Some(Block::Paragraph(_))) {
                    blocks.push(Block::Paragraph(Vec::new()));
                }
                let Some(Block::Paragraph(v)) = blocks.last_mut() else { return };
                v
            }
            _ => return,
        };
        match (target.last_mut(), inline) {
            (Some(Inline::Text(prev)), Inline::Text(next)) => prev.push_str(&next),
            (_, inline) => target.push(inline),
        }
    }

    fn refuse(&mut self, message: &str, range: Range<usize>, hint: &str) {
        self.problems.push(RichTextProblem {
            message: message.to_owned(),
            range,
            hint: Some(hint.to_owned()),
        });
    }

    fn refuse_open(&mut self, message: &str, range: Range<usize>, hint: &str) {
        self.refuse(message, range, hint);
        self.refused = 1;
    }

    fn finish(mut self) -> Result<RichText, Vec<RichTextProblem>> {
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        match self.stack.pop() {
            Some(Frame::Blocks(blocks)) => Ok(RichText(blocks)),
            _ => Ok(RichText::default()),
        }
    }
}

const BLOCK_HINT: &str = "guide text may use paragraphs, *emphasis*, **strong**, [links](https://…) and - bullet lists";
const CODE_HINT: &str = "write the text without backticks or indentation";
const HTML_HINT: &str = "write plain text; to show a literal `<`, put a space after it";
const LIST_HINT: &str = "start each item with `- ` instead of a number";

fn check_link(link_type: LinkType, url: &str) -> Result<(), String> {
    if matches!(link_type, LinkType::Email) {
        return Ok(());
    }
    match url.split_once(':') {
        Some((scheme, _)) if LINK_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) => Ok(()),
        Some((scheme, _)) => Err(format!("links with the scheme `{scheme}:` are not allowed")),
        None => Err(format!("link `{url}` has no scheme (write https://{url})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn soft_breaks_join_lines_with_a_space() {
        let parsed = parse("one\ntwo\n\nthree").unwrap();
        assert_eq!(
            parsed.0,
            vec![Block::Paragraph(vec![text("one two")]), Block::Paragraph(vec![text("three")])]
        );
    }

    #[test]
    fn tight_list_items_hold_paragraphs() {
        let parsed = parse("- a **b**\n- c").unwrap();
        let expected = Block::List(vec![
            vec![Block::Paragraph(vec![text("a "), Inline::Strong(vec![text("b")])])],
            vec![Block::Paragraph(vec![text("c")])],
        ]);
        assert_eq!(parsed.0, vec![expected]);
    }

    #[test]
    fn heading_is_refused_at_its_position() {
        let problems = parse("fine\n\n# Heading\n").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].range.start, 6);
    }

    #[test]
    fn javascript_link_is_refused() {
        assert!(parse("[x](javascript:alert(1))").is_err());
    }
}
