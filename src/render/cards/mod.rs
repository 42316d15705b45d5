//! The wallet cards: plain text from `templates/cards/card.txt.j2`, checked to fit, and
//! a printable sheet of them from `templates/cards/sheet.typ`.
//!
//! Two formats share the rendering and the fit check. `cards` writes
//! `cards/<card id>.txt` per card and `<guide id>-cards.txt` with every card and a cut
//! line between them; `card-sheet` writes `<guide id>-cards.pdf`, ten ID-1 cards to a
//! page, set from the very same lines. They are separate so that a guide whose script
//! no embedded font covers (CJK, emoji) still gets its text cards.

mod check;
mod data;
pub mod fit;
mod sheet;
mod text;
mod type_size;

use std::sync::{Mutex, PoisonError};

use minijinja::Environment;

use super::{Artifact, RenderContext, Renderer};
use crate::diag::Diagnostic;
use crate::model::Card;
use crate::render::templating::template_diagnostic;
use crate::render::words::{Words, fill};
use check::{Limits, Origin, card_origins, check_content, check_lines};
use data::{Ascii, BackContext, CardContext, GuideInfo, card_text};
use sheet::{SheetCard, missing_glyphs, render_sheet};
use text::{BACK_TEMPLATE, CARD_TEMPLATE, render_lines};

/// Renders the plain-text wallet cards.
pub struct CardsRenderer;

/// Renders the printable card sheet.
pub struct CardSheetRenderer;

impl Renderer for CardsRenderer {
    fn name(&self) -> &'static str {
        "cards"
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        if cx.guide.cards.is_empty() {
            return Ok(Vec::new());
        }
        let rendered = Rendered::new(cx)?;
        let mut artifacts: Vec<Artifact> = rendered
            .cards
            .iter()
            .map(|card| Artifact {
                path: format!("cards/{}.txt", card.id).into(),
                bytes: text_file(&card.lines),
            })
            .collect();
        artifacts.push(Artifact {
            path: format!("{}-cards.txt", cx.guide.id).into(),
            bytes: combined(&rendered.cards, &rendered.cut_here, cx.config.card_width),
        });
        report_ascii(&rendered.ascii);
        Ok(artifacts)
    }
}

impl Renderer for CardSheetRenderer {
    fn name(&self) -> &'static str {
        "card-sheet"
    }

    fn render(&self, cx: &RenderContext<'_>) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        if cx.guide.cards.is_empty() {
            return Ok(Vec::new());
        }
        let mut rendered = Rendered::new(cx)?;
        let back = if cx.config.cards_duplex {
            Some(rendered.back(cx)?)
        } else {
            None
        };
        let problems: Vec<Diagnostic> = rendered
            .cards
            .iter()
            .chain(&back)
            .filter_map(missing_glyphs)
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        let title = fill(
            &rendered.words.cards.sheet_title,
            &[("title", &rendered.guide.title)],
        );
        let sheet = render_sheet(cx, &rendered.words, title, &rendered.cards, back.as_ref())?;
        report_ascii(&rendered.ascii);
        Ok(vec![sheet])
    }
}

/// Every card template with the data it receives, as JSON: the context of each card and
/// of the back, and the sheet's `/guide.json` (for the test that pins the data contract).
#[cfg(test)]
pub fn template_data(cx: &RenderContext<'_>) -> Vec<(String, serde_json::Value)> {
    let mut rendered = Rendered::new(cx).expect("the cards render");
    let back = rendered.back(cx).expect("the back renders");
    let limits = Limits::of(cx.config);
    let mut data = Vec::new();
    for card in &cx.guide.cards {
        let card = card_text(card, &mut rendered.ascii);
        let context = CardContext {
            guide: &rendered.guide,
            words: &rendered.words,
            card: &card,
            width: limits.width,
            height: limits.height,
            ascii: rendered.ascii.is_on(),
        };
        data.push((
            CARD_TEMPLATE.to_owned(),
            serde_json::to_value(context).unwrap(),
        ));
    }
    let context = BackContext {
        guide: &rendered.guide,
        words: &rendered.words,
        width: limits.width,
        height: limits.height,
        ascii: rendered.ascii.is_on(),
    };
    data.push((
        BACK_TEMPLATE.to_owned(),
        serde_json::to_value(context).unwrap(),
    ));
    let title = fill(
        &rendered.words.cards.sheet_title,
        &[("title", &rendered.guide.title)],
    );
    let sheet = sheet::sheet_data(cx, &rendered.words, title, &rendered.cards, Some(&back));
    data.push((
        sheet::TEMPLATE.to_owned(),
        serde_json::to_value(sheet.expect("the sheet's data")).unwrap(),
    ));
    data
}

/// Tells what `--cards-ascii` changed. Both card formats know it and render at the same
/// time, so a report is printed only when it differs from the one printed last.
fn report_ascii(ascii: &Ascii) {
    static LAST: Mutex<String> = Mutex::new(String::new());
    if !ascii.is_on() {
        return;
    }
    // A renderer otherwise only returns bytes; this note was asked for with the flag and
    // only the renderers know its content.
    let report = ascii.report();
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    if *last != report {
        eprint!("{report}");
        *last = report;
    }
}

/// Every card rendered and checked, with what rendering needs again for the back.
struct Rendered {
    env: Environment<'static>,
    words: Words,
    /// The label of the cut line, transliterated when `--cards-ascii` is on.
    cut_here: String,
    guide: GuideInfo,
    ascii: Ascii,
    cards: Vec<SheetCard>,
}

impl Rendered {
    /// Renders and checks every card: every card's lines, or all problems of all cards.
    fn new(cx: &RenderContext<'_>) -> Result<Self, Vec<Diagnostic>> {
        let env = text::environment(cx.templates);
        let words = Words::load(cx.templates)?;
        let mut ascii = Ascii::new(cx.config.cards_ascii);
        let guide = GuideInfo::new(cx.guide, &mut ascii);
        let limits = Limits::of(cx.config);
        let mut cards = Vec::new();
        let mut problems = Vec::new();
        for card in &cx.guide.cards {
            let card = card_text(card, &mut ascii);
            let context = CardContext {
                guide: &guide,
                words: &words,
                card: &card,
                width: limits.width,
                height: limits.height,
                ascii: ascii.is_on(),
            };
            let lines = render_lines(&env, CARD_TEMPLATE, &context, &mut ascii)
                .map_err(|e| vec![template_diagnostic(cx.templates, &e)])?;
            let found = check_card(&card, guide.emergency.as_deref(), &lines, &limits);
            if found.is_empty() {
                cards.push(SheetCard::new(&card.id, &card.title, lines));
            }
            problems.extend(found);
        }
        let mut cut_here = words.cards.cut_here.clone();
        ascii.apply(&mut cut_here, "the words' `cards.cut_here`");
        if problems.is_empty() {
            Ok(Self {
                env,
                words,
                cut_here,
                guide,
                ascii,
                cards,
            })
        } else {
            Err(problems)
        }
    }

    /// Renders and checks the back shared by every card of a duplex sheet.
    fn back(&mut self, cx: &RenderContext<'_>) -> Result<SheetCard, Vec<Diagnostic>> {
        let limits = Limits::of(cx.config);
        let context = BackContext {
            guide: &self.guide,
            words: &self.words,
            width: limits.width,
            height: limits.height,
            ascii: self.ascii.is_on(),
        };
        let lines = render_lines(&self.env, BACK_TEMPLATE, &context, &mut self.ascii)
            .map_err(|e| vec![template_diagnostic(cx.templates, &e)])?;
        let mut origins = vec![Origin::field("the guide's title", &self.guide.title)];
        origins.extend(
            self.guide
                .emergency
                .as_deref()
                .map(|e| Origin::field("the guide's emergency line", e)),
        );
        let problems = check_lines("the card back", &lines, &limits, &origins);
        if problems.is_empty() {
            Ok(SheetCard::back(&self.guide.title, lines))
        } else {
            Err(problems)
        }
    }
}

fn check_card(
    card: &Card,
    emergency: Option<&str>,
    lines: &[String],
    limits: &Limits,
) -> Vec<Diagnostic> {
    let subject = format!("card `{}`", card.id);
    let mut problems = check_lines(&subject, lines, limits, &card_origins(card, emergency));
    problems.extend(check_content(&subject, card, emergency, lines));
    problems
}

fn text_file(lines: &[String]) -> Vec<u8> {
    let mut text = lines.join("\n");
    text.push('\n');
    text.into_bytes()
}

/// Every card, one after another, with a cut line between them.
fn combined(cards: &[SheetCard], cut_here: &str, width: usize) -> Vec<u8> {
    let cut = cut_line(cut_here, width);
    let texts: Vec<String> = cards.iter().map(|card| card.lines.join("\n")).collect();
    let mut text = texts.join(&format!("\n\n{cut}\n\n"));
    text.push('\n');
    text.into_bytes()
}

/// `----- cut here -----`, `width` columns, in ASCII dashes so it survives anywhere.
fn cut_line(cut_here: &str, width: usize) -> String {
    let label = format!(" {cut_here} ");
    let dashes = width.saturating_sub(fit::display_width(&label));
    format!(
        "{}{label}{}",
        "-".repeat(dashes / 2),
        "-".repeat(dashes - dashes / 2)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_line_is_exactly_the_card_width() {
        assert_eq!(cut_line("cut here", 40).len(), 40);
        assert_eq!(cut_line("cut here", 21), "----- cut here ------");
        assert_eq!(cut_line("découper", 12).chars().count(), 12);
    }
}
