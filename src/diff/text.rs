//! Rich text in a diff: written back as Markdown for scripts, summarised in words for people.
//!
//! People reviewing a changed phone number do not want three paragraphs of prose dumped on
//! them, so the human report says what kind of change it was (`2 paragraphs → 3`,
//! `paragraph 2`); the JSON report carries the whole text for scripts that want it.

use super::changes::{FieldChange, Value};
use crate::model::richtext::{Block, Inline, RichText};

/// Compares an optional rich-text field; `None` when both sides are the same.
pub(super) fn rich_change(
    field: &str,
    old: Option<&RichText>,
    new: Option<&RichText>,
) -> Option<FieldChange> {
    if old == new {
        return None;
    }
    let what = match (old, new) {
        (None, Some(new)) => format!("added ({})", shape(&new.0)),
        (Some(old), None) => format!("removed ({})", shape(&old.0)),
        (Some(old), Some(new)) => format!("changed ({})", difference(&old.0, &new.0)),
        (None, None) => unreachable!("equal sides returned above"),
    };
    let summary = format!("{field} text {what}");
    Some(FieldChange {
        field: field.to_owned(),
        old: old.map_or(Value::Absent, |t| Value::Text(markdown(t))),
        new: new.map_or(Value::Absent, |t| Value::Text(markdown(t))),
        summary: Some(summary),
    })
}

/// Compares a list of rich-text items such as `services`.
pub(super) fn items_change(field: &str, old: &[RichText], new: &[RichText]) -> Option<FieldChange> {
    if old == new {
        return None;
    }
    let what = if old.is_empty() {
        format!("added ({})", count(new.len(), "item"))
    } else if new.is_empty() {
        format!("removed ({})", count(old.len(), "item"))
    } else if old.len() != new.len() {
        format!("changed ({})", count_change(old.len(), new.len(), "item"))
    } else {
        let changed: Vec<usize> = (0..old.len())
            .filter(|&i| old[i] != new[i])
            .map(|i| i + 1)
            .collect();
        format!("changed ({})", numbered("item", &changed))
    };
    let summary = format!("{field} {what}");
    let texts = |items: &[RichText]| Value::List(items.iter().map(markdown).collect());
    Some(FieldChange {
        field: field.to_owned(),
        old: texts(old),
        new: texts(new),
        summary: Some(summary),
    })
}

/// The text written back as the Markdown subset a guide uses.
pub(super) fn markdown(text: &RichText) -> String {
    blocks_markdown(&text.0, "")
}

fn blocks_markdown(blocks: &[Block], indent: &str) -> String {
    let parts: Vec<String> = blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph(inlines) => format!("{indent}{}", inlines_markdown(inlines)),
            Block::List(items) => items
                .iter()
                .map(|item| {
                    let body = blocks_markdown(item, &format!("{indent}  "));
                    format!("{indent}- {}", body.trim_start())
                })
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect();
    parts.join("\n\n")
}

fn inlines_markdown(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(text) => text.clone(),
            Inline::Emph(body) => format!("*{}*", inlines_markdown(body)),
            Inline::Strong(body) => format!("**{}**", inlines_markdown(body)),
            Inline::Link(link) => format!("[{}]({})", inlines_markdown(&link.body), link.url),
        })
        .collect()
}

/// How many paragraphs and lists a text has, e.g. `2 paragraphs and 1 list`.
fn shape(blocks: &[Block]) -> String {
    let (paragraphs, lists) = kinds(blocks);
    match (paragraphs, lists) {
        (p, 0) => count(p, "paragraph"),
        (0, l) => count(l, "list"),
        (p, l) => format!("{} and {}", count(p, "paragraph"), count(l, "list")),
    }
}

fn kinds(blocks: &[Block]) -> (usize, usize) {
    let lists = blocks
        .iter()
        .filter(|b| matches!(b, Block::List(_)))
        .count();
    (blocks.len() - lists, lists)
}

/// What differs between two texts: their shape when it changed, else which blocks.
fn difference(old: &[Block], new: &[Block]) -> String {
    let (old_kinds, new_kinds) = (kinds(old), kinds(new));
    if old_kinds != new_kinds {
        return match (old_kinds, new_kinds) {
            ((p, 0), (q, 0)) if p > 0 && q > 0 => count_change(p, q, "paragraph"),
            _ => format!("{} → {}", shape(old), shape(new)),
        };
    }
    let mut paragraphs = Vec::new();
    let mut lists = Vec::new();
    let (mut p, mut l) = (0, 0);
    let mut markup_only = true;
    for (a, b) in old.iter().zip(new) {
        let (list, number) = match a {
            Block::List(_) => {
                l += 1;
                (true, l)
            }
            Block::Paragraph(_) => {
                p += 1;
                (false, p)
            }
        };
        if a == b {
            continue;
        }
        markup_only &= block_plain(a) == block_plain(b);
        if list {
            lists.push(number);
        } else {
            paragraphs.push(number);
        }
    }
    let mut parts = Vec::new();
    if !paragraphs.is_empty() {
        parts.push(numbered("paragraph", &paragraphs));
    }
    if !lists.is_empty() {
        parts.push(numbered("list", &lists));
    }
    let mut description = parts.join(", ");
    if markup_only {
        description.push_str("; links or emphasis only");
    }
    description
}

fn block_plain(block: &Block) -> String {
    RichText(vec![block.clone()]).plain_text()
}

/// `paragraph 2`, `paragraphs 1 and 3`, `items 1, 2 and 4`.
fn numbered(noun: &str, numbers: &[usize]) -> String {
    let words: Vec<String> = numbers.iter().map(usize::to_string).collect();
    match words.as_slice() {
        [] => format!("no {noun}s"),
        [one] => format!("{noun} {one}"),
        [init @ .., last] => format!("{noun}s {} and {last}", init.join(", ")),
    }
}

/// `1 paragraph → 2`, `3 items → 2`: the noun agrees with the first number.
fn count_change(old: usize, new: usize, noun: &str) -> String {
    format!("{} → {new}", count(old, noun))
}

/// `1 paragraph`, `3 paragraphs`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rich(text: &str) -> RichText {
        crate::model::richtext::parse(text).expect("valid rich text")
    }

    fn summary(old: &str, new: &str) -> String {
        rich_change("about", Some(&rich(old)), Some(&rich(new)))
            .unwrap()
            .summary
            .unwrap()
    }

    #[test]
    fn a_new_paragraph_is_summarised_as_a_count() {
        assert_eq!(
            summary("One.\n\nTwo.", "One.\n\nTwo.\n\nThree."),
            "about text changed (2 paragraphs → 3)"
        );
        assert_eq!(
            summary("One.", "One.\n\nTwo."),
            "about text changed (1 paragraph → 2)"
        );
    }

    #[test]
    fn a_reworded_paragraph_is_named_by_its_number() {
        assert_eq!(
            summary("One.\n\nTwo.\n\nThree.", "One.\n\nTwo!\n\nThree!"),
            "about text changed (paragraphs 2 and 3)"
        );
    }

    #[test]
    fn a_changed_link_target_is_not_called_a_rewording() {
        assert_eq!(
            summary(
                "See [the site](https://a.example).",
                "See [the site](https://b.example)."
            ),
            "about text changed (paragraph 1; links or emphasis only)"
        );
    }

    #[test]
    fn a_list_changes_the_shape() {
        assert_eq!(
            summary("One.", "One.\n\n- a\n- b"),
            "about text changed (1 paragraph → 1 paragraph and 1 list)"
        );
    }

    #[test]
    fn equal_texts_are_no_change() {
        assert!(rich_change("about", Some(&rich("Same.")), Some(&rich("Same."))).is_none());
    }

    #[test]
    fn markdown_round_trips_the_subset() {
        let text = "A *b* **c** [d](https://e.example).\n\n- one\n- two";
        assert_eq!(markdown(&rich(text)), text);
        assert_eq!(rich(&markdown(&rich(text))), rich(text));
    }

    #[test]
    fn services_name_the_changed_items() {
        let (a, b, c) = (rich("a"), rich("b"), rich("c"));
        let change = items_change("services", &[a.clone(), b.clone()], &[a.clone(), c]).unwrap();
        assert_eq!(change.summary.as_deref(), Some("services changed (item 2)"));
        let change = items_change("services", std::slice::from_ref(&a), &[a.clone(), b]).unwrap();
        assert_eq!(
            change.summary.as_deref(),
            Some("services changed (1 item → 2)")
        );
    }
}
