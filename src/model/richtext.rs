//! Rich text: the small Markdown subset a guide may use, parsed into a node tree.
//!
//! Paragraphs, `*emphasis*`, `**strong**`, links and `-` bullet lists are accepted; every
//! other Markdown construct is refused at its own position, so nothing is silently dropped
//! or passed through. Renderers walk the tree; none of them ever sees Markdown again.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

mod literal;

/// How deeply lists and inline styles may nest before the text is refused.
pub const MAX_DEPTH: usize = 12;

/// The most characters a paragraph or a list item may have. Longer ones cannot be read
/// in a pamphlet, and Typst's time to set one grows faster than its length.
pub const MAX_PARAGRAPH_CHARS: usize = 10_000;

/// The most bytes one rich text (an `about`, an intro, a service) may have: about 300
/// pages of prose. The Markdown parser holds a node for every piece of a text at once, so
/// a larger one of nothing but short paragraphs could need gigabytes before any other
/// limit is reached.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// Link schemes a rich-text link may use.
pub const LINK_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// A parsed rich text: a sequence of blocks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RichText(pub Vec<Block>);

/// A paragraph or a bullet list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Block {
    /// A paragraph of inline content.
    Paragraph(Vec<Inline>),
    /// A bullet list; each item is a sequence of blocks.
    List(Vec<Vec<Block>>),
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    if text.len() > MAX_TEXT_BYTES {
        return Err(vec![RichTextProblem {
            message: format!(
                "this text is {} KiB long, more than the {} KiB one text may have",
                crate::diag::thousands(text.len().div_ceil(1024) as u64),
                crate::diag::thousands((MAX_TEXT_BYTES / 1024) as u64)
            ),
            range: 0..text.chars().next().map_or(0, char::len_utf8),
            hint: Some("split it over several organizations or sections".to_owned()),
        }]);
    }
    let escaped = literal::Escaped::new(text);
    let mut builder = TreeBuilder {
        source: &escaped.text,
        ..TreeBuilder::default()
    };
    // Tables are parsed only so that they can be refused at their position.
    let mut events = Parser::new_ext(&escaped.text, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in events.by_ref() {
        builder.event(event, range);
    }
    for (_, definition) in events.reference_definitions().iter() {
        builder.refuse(
            "link definitions are not allowed",
            definition.span.clone(),
            LINK_HINT,
        );
    }
    builder.finish().map_err(|mut problems| {
        for problem in &mut problems {
            problem.range = first_line(text, escaped.original(problem.range.clone()));
        }
        problems.sort_by_key(|problem| problem.range.start);
        problems
    })
}

/// The part of `range` on its first line, without trailing blanks: a caret under a
/// heading or a list marker says more than one spanning the whole block.
fn first_line(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(part) = text.get(range.clone()) else {
        return range;
    };
    let line = part.split('\n').next().unwrap_or(part).trim_end();
    if line.is_empty() {
        range
    } else {
        range.start..range.start + line.len()
    }
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

struct TreeBuilder<'s> {
    // The text being parsed, to look at list markers.
    source: &'s str,
    stack: Vec<Frame>,
    problems: Vec<RichTextProblem>,
    // Depth of refused constructs still open: their content is skipped.
    refused: usize,
    // Blocks too long, with their ranges: reported unless a problem inside says more.
    long: Vec<(RichTextProblem, Range<usize>)>,
}

impl Default for TreeBuilder<'_> {
    fn default() -> Self {
        Self {
            source: "",
            stack: vec![Frame::Blocks(Vec::new())],
            problems: Vec::new(),
            refused: 0,
            long: Vec::new(),
        }
    }
}

impl TreeBuilder<'_> {
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
            Event::Html(html) | Event::InlineHtml(html) => {
                // `<b>…</b>` is one mistake: the closing tag is not reported again.
                if !(html.starts_with("</")
                    && self.problems.iter().any(|p| p.message == HTML_MESSAGE))
                {
                    self.refuse(HTML_MESSAGE, range, HTML_HINT);
                }
            }
            Event::Rule => self.refuse("horizontal rules are not allowed", range, BLOCK_HINT),
            other => self.refuse(&format!("unsupported text ({other:?})"), range, BLOCK_HINT),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        if self.stack.len() > MAX_DEPTH {
            self.problems.push(RichTextProblem {
                message: format!(
                    "text is nested too deeply (at most {MAX_DEPTH} levels of lists and styles, a list counting as two)"
                ),
                range,
                hint: Some("use fewer nested lists and styles".into()),
            });
            self.refused = 1;
            return;
        }
        if let Some(message) = self.too_long(&tag, &range) {
            // The caret goes under the first character: the block may be one long line.
            let first = self.source[range.start..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            let problem = RichTextProblem {
                message,
                range: range.start..range.start + first,
                hint: Some(LONG_HINT.to_owned()),
            };
            self.long.push((problem, range.clone()));
        }
        let frame = match tag {
            Tag::Paragraph => Frame::Paragraph(Vec::new()),
            Tag::Emphasis => Frame::Emph(Vec::new()),
            Tag::Strong => Frame::Strong(Vec::new()),
            Tag::List(None) => match self
                .source
                .get(range.start..)
                .and_then(|s| s.trim_start().chars().next())
            {
                Some(marker @ ('*' | '+')) => {
                    let message = format!("bullet items start with `-`, not `{marker}`");
                    return self.refuse_open(&message, range, "write - at the start of each item");
                }
                _ => Frame::List(Vec::new()),
            },
            Tag::Item => Frame::Blocks(Vec::new()),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                if !title.is_empty() {
                    self.refuse(
                        "link titles are not shown in any output",
                        range.clone(),
                        LINK_HINT,
                    );
                }
                match check_link(link_type, &dest_url) {
                    Ok(url) => Frame::Link(url, Vec::new()),
                    Err(message) => {
                        let hint = format!("links may use {}", LINK_SCHEMES.join(", "));
                        self.problems.push(RichTextProblem {
                            message,
                            range,
                            hint: Some(hint),
                        });
                        Frame::Link(String::new(), Vec::new())
                    }
                }
            }
            Tag::List(Some(_)) => {
                return self.refuse_open("numbered lists are not allowed", range, LIST_HINT);
            }
            Tag::Heading { .. } => {
                return self.refuse_open(
                    "headings are not allowed in guide text",
                    range,
                    BLOCK_HINT,
                );
            }
            Tag::Image { .. } => {
                return self.refuse_open("images are not allowed in guide text", range, BLOCK_HINT);
            }
            Tag::CodeBlock(_) => {
                return self.refuse_open(
                    "code blocks are not allowed in guide text",
                    range,
                    CODE_HINT,
                );
            }
            Tag::HtmlBlock => {
                return self.refuse_open("HTML is not allowed in guide text", range, HTML_HINT);
            }
            Tag::Table(_) => {
                return self.refuse_open(
                    "tables are not allowed in guide text",
                    range,
                    LIST_HINT_TABLE,
                );
            }
            Tag::BlockQuote(_) => {
                return self.refuse_open(
                    "block quotes are not allowed in guide text",
                    range,
                    BLOCK_HINT,
                );
            }
            other => {
                return self.refuse_open(
                    &format!("unsupported text ({other:?})"),
                    range,
                    BLOCK_HINT,
                );
            }
        };
        self.stack.push(frame);
    }

    /// Why a paragraph or list item is too long to set, if it is.
    fn too_long(&self, tag: &Tag<'_>, range: &Range<usize>) -> Option<String> {
        let what = match tag {
            Tag::Paragraph => "paragraph",
            Tag::Item => "list item",
            _ => return None,
        };
        let text = self.source.get(range.clone())?;
        // Cheap first: a block of fewer bytes than the limit has fewer characters.
        if text.len() <= MAX_PARAGRAPH_CHARS {
            return None;
        }
        // An item that holds a list is as long as its own paragraphs, checked one by one.
        let nested = text.lines().enumerate().any(|(i, line)| {
            let line = line.trim_start();
            // The item's own marker comes first on its first line.
            let line = if i == 0 {
                line.get(1..).unwrap_or("").trim_start()
            } else {
                line
            };
            ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m))
        });
        let count = text.chars().count();
        (count > MAX_PARAGRAPH_CHARS && !(what == "list item" && nested)).then(|| {
            format!(
                "this {what} has {} characters, more than the {} a {what} may have",
                crate::diag::thousands(count as u64),
                crate::diag::thousands(MAX_PARAGRAPH_CHARS as u64)
            )
        })
    }

    fn end(&mut self, _end: TagEnd) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
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
                let Some(Block::Paragraph(v)) = blocks.last_mut() else {
                    return;
                };
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
        for (problem, block) in std::mem::take(&mut self.long) {
            if !self.problems.iter().any(|p| block.contains(&p.range.start)) {
                self.problems.push(problem);
            }
        }
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        match self.stack.pop() {
            Some(Frame::Blocks(blocks)) => Ok(RichText(blocks)),
            _ => Ok(RichText::default()),
        }
    }
}

const BLOCK_HINT: &str =
    "guide text may use paragraphs, *emphasis*, **strong**, [links](https://…) and - bullet lists";
const LONG_HINT: &str = "split it into shorter paragraphs, with a blank line between them";
const CODE_HINT: &str = "write the text without backticks or indentation";
const HTML_MESSAGE: &str = "HTML is not allowed in guide text";
const HTML_HINT: &str = "write plain text; to show a literal `<`, put a space after it";
const LINK_HINT: &str = "write links as [text](https://…)";
const LIST_HINT_TABLE: &str = "write each row as a - bullet item instead";
const LIST_HINT: &str = "start each item with `- ` instead of a number";

/// The link target to keep, or why the link is refused.
fn check_link(link_type: LinkType, url: &str) -> Result<String, String> {
    if matches!(link_type, LinkType::Email) {
        return Ok(format!("mailto:{url}"));
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err(format!("link `{url}` has no scheme (write https://{url})"));
    };
    let scheme = scheme.to_ascii_lowercase();
    if !LINK_SCHEMES.contains(&scheme.as_str()) {
        return Err(format!("links with the scheme `{scheme}:` are not allowed"));
    }
    let complete = match scheme.as_str() {
        "http" | "https" => {
            url::Url::parse(url).is_ok_and(|u| u.host_str().is_some_and(|h| !h.is_empty()))
        }
        _ => !rest.trim().is_empty(),
    };
    if complete {
        Ok(url.to_owned())
    } else {
        Err(format!("link `{url}` is not a complete address"))
    }
}

#[cfg(test)]
mod tests;
