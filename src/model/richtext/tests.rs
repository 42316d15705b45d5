//! Rich text parsing: what is accepted, what is refused and where.

use super::*;

fn text(s: &str) -> Inline {
    Inline::Text(s.into())
}

#[test]
fn soft_breaks_join_lines_with_a_space() {
    let parsed = parse("one\ntwo\n\nthree").unwrap();
    assert_eq!(
        parsed.0,
        vec![
            Block::Paragraph(vec![text("one two")]),
            Block::Paragraph(vec![text("three")])
        ]
    );
}

#[test]
fn tight_list_items_hold_paragraphs() {
    let parsed = parse("- a **b**\n- c").unwrap();
    let expected = Block::List(vec![
        vec![Block::Paragraph(vec![
            text("a "),
            Inline::Strong(vec![text("b")]),
        ])],
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
fn special_characters_stay_exactly_as_written() {
    let written = r"2*3*4 AT&T &amp; &copy; C:\path \* snake_case __init__ #1 $5 a@b.org 50% ~x~";
    assert_eq!(parse(written).unwrap().plain_text(), written);
}

#[test]
fn emphasis_and_strong_still_work_between_words() {
    let parsed = parse("a *b* **c**").unwrap();
    let expected = vec![
        text("a "),
        Inline::Emph(vec![text("b")]),
        text(" "),
        Inline::Strong(vec![text("c")]),
    ];
    assert_eq!(parsed.0, vec![Block::Paragraph(expected)]);
}

#[test]
fn emphasis_and_strong_work_inside_text_written_without_spaces() {
    let parsed = parse("提供的**免费**服务，*全天*。무료**상담**은").unwrap();
    let expected = vec![
        text("提供的"),
        Inline::Strong(vec![text("免费")]),
        text("服务，"),
        Inline::Emph(vec![text("全天")]),
        text("。무료"),
        Inline::Strong(vec![text("상담")]),
        text("은"),
    ];
    assert_eq!(parsed.0, vec![Block::Paragraph(expected)]);
}

#[test]
fn link_destinations_keep_their_characters() {
    let parsed = parse(
        "[form](https://example.org/a_b?x=1&y=2) <https://example.org/c_d> <help@example.org>",
    )
    .unwrap();
    let links: Vec<&str> = match &parsed.0[0] {
        Block::Paragraph(inlines) => inlines
            .iter()
            .filter_map(|i| {
                if let Inline::Link(link) = i {
                    Some(link.url.as_str())
                } else {
                    None
                }
            })
            .collect(),
        other @ Block::List(_) => panic!("{other:?}"),
    };
    assert_eq!(
        links,
        [
            "https://example.org/a_b?x=1&y=2",
            "https://example.org/c_d",
            "mailto:help@example.org"
        ]
    );
}

#[test]
fn problems_point_at_the_original_text() {
    let problems = parse("A&B <b>x</b>").unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].range, 4..7);
}

#[test]
fn link_definitions_are_refused() {
    let problems = parse("see [1]\n\n[1]: https://example.org").unwrap_err();
    assert_eq!(problems[0].message, "link definitions are not allowed");
}

#[test]
fn windows_line_endings_parse_like_unix_ones() {
    assert_eq!(
        parse("one\r\ntwo\r\n\r\n- a\r\n- b").unwrap(),
        parse("one\ntwo\n\n- a\n- b").unwrap()
    );
}

#[test]
fn javascript_link_is_refused() {
    assert!(parse("[x](javascript:alert(1))").is_err());
}

#[test]
fn a_paragraph_or_item_past_the_length_limit_is_refused_at_its_start() {
    let at_limit = "a".repeat(MAX_PARAGRAPH_CHARS);
    assert!(parse(&at_limit).is_ok());
    assert!(parse(&format!("- {}", &at_limit[2..])).is_ok());
    let over = format!("Short.\n\n{at_limit}é");
    let problems = parse(&over).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].range, 8..9);
    assert!(
        problems[0]
            .message
            .contains("this paragraph has 10,001 characters")
    );
    let item = parse(&format!("- one\n- {at_limit}")).unwrap_err();
    assert!(item[0].message.contains("this list item has"), "{item:?}");
    // An item whose nested list is long is as long as its own paragraphs.
    let nested = format!(
        "- one\n  - {}\n  - {}",
        &at_limit[..6000],
        &at_limit[..6000]
    );
    assert!(parse(&nested).is_ok());
}

#[test]
fn strong_between_chinese_characters_is_markup_and_a_star_in_a_latin_word_is_not() {
    let parsed = parse("提供的**免费**服务 2*3*4").unwrap();
    assert_eq!(
        parsed.0,
        vec![Block::Paragraph(vec![
            text("提供的"),
            Inline::Strong(vec![text("免费")]),
            text("服务 2*3*4"),
        ])]
    );
}

#[test]
fn a_text_past_the_size_limit_is_refused_before_it_is_parsed() {
    let at_limit = "a\n\n".repeat(MAX_TEXT_BYTES / 3);
    assert!(parse(&at_limit).is_ok());
    let over = format!("{at_limit}aaaa");
    let problems = parse(&over).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].range, 0..1);
    assert_eq!(
        problems[0].message,
        "this text is 1,025 KiB long, more than the 1,024 KiB one text may have"
    );
}
