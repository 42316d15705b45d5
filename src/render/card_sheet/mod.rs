//! The printable card sheet: `templates/cards/sheet.typ` compiled by embedded Typst,
//! ten ID-1 cards to a page, `<guide id>-cards.pdf`.
//!
//! The template receives the already rendered and checked card lines (the stage shared
//! with the text cards) as data, so the print is set from exactly the text of the `.txt`
//! cards. Each line is also cut into runs placed at their column: a wide (CJK, emoji)
//! character gets its own two-column cell, so the right border stays straight even where
//! a fallback font has other advances than the monospace face.

mod type_size;

use std::collections::HashSet;

use serde::Serialize;
use typst::foundations::Bytes;
use unicode_segmentation::UnicodeSegmentation;

use super::cards::CardSet;
use super::cards::bidi::{RLM, is_mark};
use super::cards::card_inner_lines;
use super::cards::fit::display_width;
use super::reprint::{CardsShown, Reprint};
use super::shown::{ReadBack, Shows, Spacing};
use super::{Artifact, Refusal, RenderContext, Rendered, Renderer, Stages};
use crate::config::Paper;
use crate::diag::Diagnostic;
use crate::model::Guide;
use crate::render::latest::{Latest, latest};
use crate::render::words::FILE as WORDS_FILE;
use crate::render::words::{Words, fill};
use crate::typst::pdf::compile_pdf;
use crate::typst::world::GuideWorld;
use crate::validate::printable::Unprintable;
use type_size::{CardBox, ID_1, type_size};

/// Renders the printable card sheet.
pub struct CardSheetRenderer;

impl Renderer for CardSheetRenderer {
    fn name(&self) -> &'static str {
        "card-sheet"
    }

    fn summary(&self) -> &'static str {
        "The printable sheet of wallet cards (PDF)"
    }

    // The sheet is set from the card text, and embeds the fonts.
    fn template_files(&self) -> &'static [&'static str] {
        &["cards/", WORDS_FILE]
    }

    fn skip(&self, cx: &RenderContext<'_>, unprintable: &Unprintable) -> Vec<Diagnostic> {
        unprintable.for_card_sheet(cx.config)
    }

    fn render(&self, cx: &RenderContext<'_>, stages: &Stages) -> Result<Rendered, Refusal> {
        if cx.guide.cards.is_empty() {
            return Ok(Rendered::default());
        }
        let set = stages.card_lines(cx)?;
        let cards: Vec<SheetCard> = set
            .cards
            .iter()
            .map(|card| SheetCard::new(&card.id, &card.title, card.lines.clone()))
            .collect();
        let mut notes = Vec::new();
        let mut warnings = Vec::new();
        let mut back = None;
        let mut backs = Vec::new();
        if let Some(guide) = cx.card_back {
            // Each card's back is the same card in the back's language, checked as the
            // fronts are.
            let back_cx = RenderContext {
                guide,
                card_back: None,
                ..*cx
            };
            let chosen = Words::choose(&back_cx)?;
            warnings.extend(chosen.warnings);
            let back_set = CardSet::render_backs(&back_cx, &chosen.words)?;
            backs = back_set
                .cards
                .iter()
                .map(|card| SheetCard::translated_back(card, &guide.language))
                .collect();
            notes.extend(set.note());
            notes.extend(back_set.note());
        } else if cx.config.settings.cards_duplex {
            let (lines, note) = set.back(cx)?;
            back = Some(SheetCard::back(set.guide_title(), lines));
            notes.extend(note);
        } else {
            notes.extend(set.note());
        }
        let problems: Vec<Diagnostic> = cards
            .iter()
            .chain(&back)
            .chain(&backs)
            .filter_map(missing_glyphs)
            .collect();
        if !problems.is_empty() {
            warnings.extend(problems);
            return Ok(Rendered {
                warnings,
                ..Rendered::default()
            });
        }
        let title = fill(
            &set.words.cards.sheet_title,
            &[("title", set.guide_title())],
        );
        // Every card of a staff edition says so; the document's title too.
        let title = if cx.guide.staff_only {
            format!("{}: {title}", set.words.confidential.notice)
        } else {
            title
        };
        let sides = Sides {
            back: back.as_ref(),
            backs: cx.card_back.map(|_| backs.as_slice()),
        };
        let sheet = render_sheet(cx, &set.words, title, &cards, sides)?;
        Ok(Rendered {
            artifacts: vec![sheet],
            notes,
            warnings,
        })
    }

    fn shows<'g>(&self, guide: &'g Guide, _path: &str) -> Shows<'g> {
        Shows::every_card(guide)
    }

    // The sheet sets the very lines of the text cards, frame and all.
    fn read_back(&self, bytes: &[u8]) -> Result<ReadBack, String> {
        let inner = card_inner_lines(&crate::render::pdf::read_text(bytes)?).join("\n");
        Ok(ReadBack::one(inner, Spacing::Ignored))
    }

    fn reprint(&self) -> Option<Reprint> {
        Some(Reprint {
            key: "card_sheet",
            label: "the card sheet (PDF)",
            book: false,
            settings: &["print.paper", "cards.back_language"],
            cards: CardsShown::All,
        })
    }
}

/// The sheet's `/guide.json`, for a duplex sheet (for the test that pins the data contract).
#[cfg(test)]
pub fn template_data(
    cx: &RenderContext<'_>,
    set: &super::cards::CardSet,
) -> (String, serde_json::Value) {
    let cards: Vec<SheetCard> = set
        .cards
        .iter()
        .map(|card| SheetCard::new(&card.id, &card.title, card.lines.clone()))
        .collect();
    let (lines, _) = set.back(cx).expect("the back renders");
    let back = SheetCard::back(set.guide_title(), lines);
    let title = fill(
        &set.words.cards.sheet_title,
        &[("title", set.guide_title())],
    );
    let sides = Sides {
        back: Some(&back),
        backs: None,
    };
    let (data, _) = sheet_data(cx, &set.words, title, &cards, sides).expect("the sheet's data");
    (TEMPLATE.to_owned(), serde_json::to_value(data).unwrap())
}

/// The sheet's template, relative to the template folder.
pub const TEMPLATE: &str = "cards/sheet.typ";

/// One rendered card for the sheet.
#[derive(Debug, Clone, Serialize)]
pub struct SheetCard {
    /// The card's id.
    pub id: String,
    /// The card's title, for the document structure.
    pub title: String,
    /// The card's text, line by line, exactly as in its `.txt` file.
    pub lines: Vec<String>,
    /// Each line cut into runs placed at their columns.
    pub runs: Vec<Vec<Run>>,
    /// How messages name it ("card `report`", "the card back").
    #[serde(skip)]
    pub subject: String,
}

impl SheetCard {
    /// A card from its checked lines.
    pub fn new(id: &str, title: &str, lines: Vec<String>) -> Self {
        let runs = lines.iter().map(|line| runs(line)).collect();
        let subject = format!("card `{id}`");
        Self {
            id: id.to_owned(),
            title: title.to_owned(),
            lines,
            runs,
            subject,
        }
    }

    /// The back shared by every card.
    pub fn back(title: &str, lines: Vec<String>) -> Self {
        Self {
            subject: "the card back".into(),
            ..Self::new("back", title, lines)
        }
    }

    /// The back of a card of a bilingual sheet: the card in the back's `language`.
    pub fn translated_back(card: &super::cards::CardLines, language: &str) -> Self {
        Self {
            subject: format!("the back of card `{}` (in {language})", card.id),
            ..Self::new(&card.id, &card.title, card.lines.clone())
        }
    }
}

/// What the backs of a sheet are: none (one-sided), one back shared by every card
/// (`--cards-duplex`), or each card in the back's language (`cards.back_language`).
#[derive(Clone, Copy, Default)]
pub struct Sides<'a> {
    /// The back shared by every card.
    pub back: Option<&'a SheetCard>,
    /// Each card's back, in the order of the cards.
    pub backs: Option<&'a [SheetCard]>,
}

/// The characters of `card` that no monospace face of the sheet has, as one warning (the
/// sheet is left out), or none.
///
/// Typst would refuse them one by one (PDF/UA forbids a missing glyph); one message that
/// lists them and says what still works is more use.
pub fn missing_glyphs(card: &SheetCard) -> Option<Diagnostic> {
    let mut checked = HashSet::new();
    let mut missing: Vec<char> = Vec::new();
    for c in card.lines.iter().flat_map(|line| line.chars()) {
        if !checked.insert(c) || needs_no_glyph(c) {
            continue;
        }
        if !crate::typst::families::card_sheet_covers(c) {
            missing.push(c);
        }
    }
    if missing.is_empty() {
        return None;
    }
    let shown: Vec<String> = missing.iter().take(12).map(|c| format!("`{c}`")).collect();
    let more = missing.len().saturating_sub(shown.len());
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    Some(
        Diagnostic {
            severity: crate::diag::Severity::Warning,
            ..Diagnostic::bare(format!(
                "the card sheet cannot print {}: no monospace font has {}{more}",
                card.subject,
                shown.join(", ")
            ))
        }
        .with_hint("the card sheet is left out; the text cards and every other format are built")
        .with_hint("for a sheet, transliterate the cards with --cards-ascii"),
    )
}

/// Characters that take no glyph of their own: spaces, joiners, variation selectors.
fn needs_no_glyph(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{fe00}'..='\u{fe0f}')
}

/// Text set at a column, `width` columns wide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    /// First column, from 0.
    pub col: usize,
    /// Columns taken.
    pub width: usize,
    /// The text, no leading or trailing space.
    pub text: String,
    /// Whether it is only box drawing (a border, not something to read aloud).
    pub decor: bool,
    /// Whether it is one character that is not one column wide (CJK, emoji).
    pub wide: bool,
    /// On a line of a right-to-left card, whether it reads right to left (Arabic,
    /// Hebrew: set right to left, flush with the right of its columns) or left to right (a
    /// phone number); none on other lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtl: Option<bool>,
}

/// What the sheet template receives as `/guide.json`.
#[derive(Serialize)]
pub struct SheetData<'a> {
    title: String,
    /// The built-in words.
    words: &'a Words,
    lang: &'a str,
    region: Option<&'a str>,
    paper: Paper,
    card: CardBox,
    font: &'static str,
    /// The monospace families, `font` first, then the faces of wide characters.
    fonts: Vec<&'static str>,
    /// The proportional families, for the text beside the QR code on the backs.
    text_fonts: Vec<&'static str>,
    /// The grid face's ascender and descender (negative), in ems: every run of a line,
    /// whichever face sets it, stands on the grid face's baseline.
    ascender_em: f64,
    descender_em: f64,
    /// The type size in points.
    size: f64,
    columns: usize,
    rows: usize,
    /// The most lines any card here has; kept for sheet templates copied before `size`.
    tallest: usize,
    duplex: bool,
    cards: &'a [SheetCard],
    back: Option<&'a SheetCard>,
    /// Each card's back in another language, for a bilingual sheet; none otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    backs: Option<Backs<'a>>,
    /// The latest version, for the backs; none without a back or a `web_url`.
    latest: Option<Latest<'a>>,
}

/// The backs of a bilingual sheet: each card in the back's language, set in its own
/// language, direction and fonts.
#[derive(Serialize)]
pub struct Backs<'a> {
    lang: &'a str,
    region: Option<&'a str>,
    /// The monospace families for the back's language, the same grid face first.
    fonts: Vec<&'static str>,
    /// Each card's back, in the order of `cards`.
    cards: &'a [SheetCard],
}

/// Compiles `<guide id>-cards.pdf` from the rendered cards (and their backs, for duplex).
pub fn render_sheet(
    cx: &RenderContext<'_>,
    words: &Words,
    title: String,
    cards: &[SheetCard],
    sides: Sides<'_>,
) -> Result<Artifact, Vec<Diagnostic>> {
    let guide = cx.guide;
    let (data, code) = sheet_data(cx, words, title, cards, sides)?;
    let json = serde_json::to_vec(&data).expect("sheet data serializes to JSON");
    let world = GuideWorld::new(cx.templates, TEMPLATE, json, guide.date);
    let world = crate::render::latest::with_code(world, code);
    let bytes = compile_pdf(&world, &format!("{}-cards", guide.id), guide.date)?;
    Ok(Artifact {
        path: super::naming::artifact_path(guide, &format!("{}-cards.pdf", guide.id)).into(),
        bytes,
    })
}

/// What the sheet template receives as `/guide.json`, and the latest version's QR code
/// image it refers to.
pub fn sheet_data<'a>(
    cx: &RenderContext<'a>,
    words: &'a Words,
    title: String,
    cards: &'a [SheetCard],
    sides: Sides<'a>,
) -> Result<(SheetData<'a>, Option<Bytes>), Vec<Diagnostic>> {
    let guide = cx.guide;
    let back = sides.back;
    let backs = sides.backs.unwrap_or_default();
    let (lang, region) = crate::typst::world::split_language(&guide.language);
    // The same size on every card, front and back: `columns` across, and as many lines
    // as the tallest card here has (at most `rows`).
    let every_card = || cards.iter().chain(back).chain(backs);
    let tallest = every_card().map(|c| c.lines.len()).max();
    let tallest = tallest.unwrap_or(0);
    let card_chars = || {
        every_card()
            .flat_map(|c| c.lines.iter())
            .flat_map(|l| l.chars())
    };
    let fonts = crate::typst::families::mono_families(&guide.language, card_chars());
    let backs = sides.backs.zip(cx.card_back).map(|(cards, back_guide)| {
        let (lang, region) = crate::typst::world::split_language(&back_guide.language);
        Backs {
            lang,
            region,
            fonts: crate::typst::families::mono_families(&back_guide.language, card_chars()),
            cards,
        }
    });
    let size = type_size(ID_1, cx.config.settings.card_width, tallest, fonts[0])?;
    let (_, ascender_em, descender_em) = type_size::face_metrics(fonts[0]);
    let (latest, code) = back
        .and_then(|_| latest(guide, true))
        .map_or((None, None), |(latest, code)| (Some(latest), code));
    let data = SheetData {
        title,
        words,
        lang,
        region,
        paper: cx.config.settings.paper,
        card: ID_1,
        font: fonts[0],
        fonts,
        ascender_em,
        descender_em,
        text_fonts: crate::render::fonts_for(guide, words),
        size,
        columns: cx.config.settings.card_width,
        rows: cx.config.settings.card_height,
        tallest,
        duplex: back.is_some() || backs.is_some(),
        cards,
        back,
        backs,
        latest,
    };
    Ok((data, code))
}

/// Cuts a line into runs: narrow text between runs of two or more spaces, each wide
/// character alone, the frame apart from text. A line of a right-to-left card (it starts
/// with a RIGHT-TO-LEFT MARK, see [`super::cards::bidi`]) is laid out by the Unicode bidi
/// algorithm first, as a text editor shows it, and its runs are in display order.
pub fn runs(line: &str) -> Vec<Run> {
    if line.contains(RLM) {
        return right_to_left_runs(line);
    }
    runs_from(line, &frame_positions(line), 0, 0)
}

/// The runs of `text`, which starts at byte `offset` of its line and at column `start`;
/// `frame` holds the line's frame positions.
///
/// Columns are counted on the text so far, as the card's padding counts them, so a
/// ligature of two letters in one cell (Arabic lam-alef) takes one column.
fn runs_from(text: &str, frame: &[usize], offset: usize, start: usize) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut col = start;
    let mut spaces = 0;
    for (at, cluster) in text.grapheme_indices(true) {
        let next = start + display_width(&text[..at + cluster.len()]);
        let width = next.saturating_sub(col);
        let at = at + offset;
        // The marks of a right-to-left card have done their work; they take no cell.
        if cluster.chars().all(is_mark) {
            continue;
        }
        if cluster == " " {
            spaces += 1;
            col = next;
            continue;
        }
        let decor = frame.contains(&at) || cluster.chars().all(is_box_drawing);
        let wide = display_width(cluster) != 1;
        match runs.last_mut() {
            Some(run) if !wide && !run.wide && run.decor == decor && spaces < 2 => {
                run.text.push_str(&" ".repeat(spaces));
                run.text.push_str(cluster);
                run.width += spaces + width;
            }
            _ => runs.push(Run {
                col,
                width,
                text: cluster.to_owned(),
                decor,
                wide,
                rtl: None,
            }),
        }
        spaces = 0;
        col = next;
    }
    runs
}

/// The runs of a right-to-left line in display order: each level run of the bidi
/// algorithm (the line's direction from its first strong character, the mark) takes its
/// columns from the left, and the pieces of a right-to-left one stand from its right end,
/// each set right to left, so Arabic is shaped and reads from the right border.
fn right_to_left_runs(line: &str) -> Vec<Run> {
    let frame = frame_positions(line);
    let bidi = unicode_bidi::BidiInfo::new(line, None);
    let mut runs = Vec::new();
    let mut col = 0;
    for paragraph in &bidi.paragraphs {
        let (levels, level_runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for range in level_runs {
            let text = &line[range.clone()];
            let width = display_width(text);
            // `runs_from` counts the same columns.
            let rtl = levels[range.start].is_rtl();
            for mut run in runs_from(text, &frame, range.start, if rtl { 0 } else { col }) {
                if rtl {
                    run.col = (col + width).saturating_sub(run.col + run.width);
                }
                run.rtl = Some(rtl && !run.decor);
                runs.push(run);
            }
            col += width;
        }
    }
    runs.sort_by_key(|run| run.col);
    runs
}

/// Where a frame drawn in ASCII (`--cards-ascii`: `+----+`, `| text |`) is, by byte
/// offset: every character of a line drawn only with `+ - | =`, else the first and the
/// last character of the line when it is `|` or `+`. Box drawing needs no such guess.
fn frame_positions(line: &str) -> Vec<usize> {
    let drawn: Vec<(usize, char)> = line.char_indices().filter(|(_, c)| *c != ' ').collect();
    if drawn.len() >= 2 && drawn.iter().all(|(_, c)| "+-|=".contains(*c)) {
        return drawn.into_iter().map(|(at, _)| at).collect();
    }
    let ends = [drawn.first(), drawn.last()];
    ends.into_iter()
        .flatten()
        .filter(|(_, c)| matches!(c, '|' | '+'))
        .map(|(at, _)| *at)
        .collect()
}

fn is_box_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(line: &str) -> Vec<(usize, usize, &'static str)> {
        runs(line)
            .into_iter()
            .map(|r| (r.col, r.width, if r.decor { "decor" } else { "text" }))
            .collect()
    }

    #[test]
    fn keeps_single_spaces_and_splits_at_wider_gaps() {
        let runs = runs("│ Call 1-800-843-5678  (24/7) │");
        let texts: Vec<_> = runs.iter().map(|r| (r.col, r.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (0, "│"),
                (2, "Call 1-800-843-5678"),
                (23, "(24/7)"),
                (30, "│")
            ]
        );
    }

    #[test]
    fn gives_each_wide_character_its_own_cell() {
        assert_eq!(
            shape("│ 日本 a │"),
            [
                (0, 1, "decor"),
                (2, 2, "text"),
                (4, 2, "text"),
                (7, 1, "text"),
                (9, 1, "decor")
            ]
        );
    }

    #[test]
    fn an_ascii_frame_is_decoration_and_its_text_is_not() {
        assert_eq!(shape("+------+"), [(0, 8, "decor")]);
        assert_eq!(
            shape("| 9-5 | a |"),
            [(0, 1, "decor"), (2, 7, "text"), (10, 1, "decor")]
        );
    }

    #[test]
    fn a_right_to_left_line_reads_from_the_right_border() {
        let line = "│ \u{200f}اتصل \u{200e}+1 206 555 0142\u{200e}   │";
        let texts: Vec<_> = runs(line)
            .into_iter()
            .map(|r| (r.col, r.text, r.rtl == Some(true)))
            .collect();
        assert_eq!(
            texts,
            [
                (0, "│".to_owned(), false),
                (4, "+1 206 555 0142".to_owned(), false),
                (20, "اتصل".to_owned(), true),
                (25, "│".to_owned(), false),
            ]
        );
    }

    #[test]
    fn a_lam_alef_ligature_takes_one_column() {
        let line = "│ \u{200f}للأسرة │";
        let cols: Vec<_> = runs(line).into_iter().map(|r| (r.col, r.width)).collect();
        assert_eq!(cols, [(0, 1), (2, 5), (8, 1)]);
    }

    #[test]
    fn attaches_combining_marks_to_their_letter() {
        let runs = runs("e\u{301}x");
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].width, 2);
    }
}
