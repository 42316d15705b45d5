//! The wallet cards: plain text from `templates/cards/card.txt.j2`, checked to fit.
//!
//! `cards` writes `cards/<card id>.txt` per card and `<guide id>-cards.txt` with every
//! card and a cut line between them. The rendered lines ([`CardSet`]) are a stage it
//! shares with the card sheet ([`super::card_sheet`]), which sets the very same lines;
//! the two are separate formats so that a guide whose script no embedded font covers
//! (CJK, emoji) still gets its text cards.

pub mod bidi;
mod check;
mod data;
pub mod fit;
mod read_back;
mod text;

use minijinja::Environment;

use super::reprint::{CardsShown, Reprint};
use super::shown::{ExpectedFile, ReadBack, Searched, Shows, Spacing};
use super::{Artifact, Refusal, RenderContext, Rendered, Renderer, Stages};
use crate::diag::Diagnostic;
use crate::model::{Card, Guide};
use crate::render::templating::template_diagnostic;
use crate::render::words::FILE as WORDS_FILE;
use crate::render::words::Words;
use check::{Limits, Origin, card_origins, check_content, check_lines};
use data::{Ascii, BackContext, CardContext, GuideInfo, card_text};
pub use read_back::card_inner_lines;
pub use text::short_hours;
use text::{BACK_TEMPLATE, CARD_TEMPLATE, render_lines};

/// Renders the plain-text wallet cards.
pub struct CardsRenderer;

impl Renderer for CardsRenderer {
    fn name(&self) -> &'static str {
        "cards"
    }

    fn summary(&self) -> &'static str {
        "The plain-text wallet cards"
    }

    fn template_files(&self) -> &'static [&'static str] {
        &["cards/*.j2", WORDS_FILE]
    }

    fn render(&self, cx: &RenderContext<'_>, stages: &Stages) -> Result<Rendered, Refusal> {
        if cx.guide.cards.is_empty() {
            return Ok(Rendered::default());
        }
        let rendered = stages.card_lines(cx)?;
        let mut artifacts: Vec<Artifact> = rendered
            .cards
            .iter()
            .map(|card| Artifact {
                path: card_path(cx.guide, &card.id).into(),
                bytes: text_file(&card.lines),
            })
            .collect();
        artifacts.push(Artifact {
            path: super::naming::artifact_path(cx.guide, &format!("{}-cards.txt", cx.guide.id))
                .into(),
            bytes: combined(
                &rendered.cards,
                &rendered.cut_here,
                cx.config.settings.card_width,
            ),
        });
        Ok(Rendered {
            artifacts,
            notes: rendered.note().into_iter().collect(),
            warnings: Vec::new(),
        })
    }

    fn shows<'g>(&self, guide: &'g Guide, path: &str) -> Shows<'g> {
        match guide
            .cards
            .iter()
            .find(|card| card_path(guide, &card.id) == path)
        {
            Some(card) => Shows::Cards(vec![card]),
            None => Shows::every_card(guide),
        }
    }

    fn read_back(&self, bytes: &[u8]) -> Result<ReadBack, String> {
        let text = std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())?;
        let lines = text.lines().map(|line| Searched {
            text: line.to_owned(),
            spacing: Spacing::Exact,
        });
        // The fit check keeps every value but an address whole on one line; an address
        // may wrap, so it is looked for in the text inside the frame.
        Ok(ReadBack {
            texts: lines.collect(),
            addresses: Some(Searched {
                text: card_inner_lines(text).join("\n"),
                spacing: Spacing::Collapsed,
            }),
        })
    }

    fn expected_files(&self, guide: &Guide) -> Vec<ExpectedFile> {
        guide
            .cards
            .iter()
            .map(|card| ExpectedFile {
                path: card_path(guide, &card.id),
                subject: format!("card `{}`", card.id),
            })
            .collect()
    }

    fn reprint(&self) -> Option<Reprint> {
        Some(Reprint {
            key: "cards",
            label: "wallet card",
            book: false,
            // Not `cards.back_language`: the text cards have no backs.
            settings: &["cards.width", "cards.height"],
            cards: CardsShown::Each,
        })
    }
}

/// The file of one card.
fn card_path(guide: &Guide, id: &str) -> String {
    super::naming::artifact_path(guide, &format!("cards/{id}.txt"))
}

/// One card's text, rendered and checked.
#[derive(Debug, Clone)]
pub struct CardLines {
    /// The card's id.
    pub id: String,
    /// The card's title, as printed (transliterated with `--cards-ascii`).
    pub title: String,
    /// Its lines, exactly as in its `.txt` file.
    pub lines: Vec<String>,
}

/// Every card rendered and checked: the stage the text cards and the card sheet share,
/// with what rendering needs again for the back.
pub struct CardSet {
    env: Environment<'static>,
    /// The built-in words.
    pub words: Words,
    /// The label of the cut line, transliterated when `--cards-ascii` is on.
    cut_here: String,
    guide: GuideInfo,
    ascii: Ascii,
    /// Whether the lines carry the marks of a right-to-left card ([`bidi`]).
    right_to_left: bool,
    /// Every card, in guide order.
    pub cards: Vec<CardLines>,
}

impl CardSet {
    /// Renders and checks every card: every card's lines, or all problems of all cards.
    pub fn render(cx: &RenderContext<'_>, words: &Words) -> Result<Self, Vec<Diagnostic>> {
        Self::render_named(cx, words, |id| format!("card `{id}`"))
    }

    /// Renders and checks every card of `cx`'s guide as the backs of a bilingual sheet
    /// print them: the same checks, each problem naming the back and its language.
    pub fn render_backs(cx: &RenderContext<'_>, words: &Words) -> Result<Self, Vec<Diagnostic>> {
        let language = &cx.guide.language;
        Self::render_named(cx, words, |id| {
            format!("the back of card `{id}` (in {language})")
        })
    }

    fn render_named(
        cx: &RenderContext<'_>,
        words: &Words,
        subject: impl Fn(&str) -> String,
    ) -> Result<Self, Vec<Diagnostic>> {
        let env = text::environment(cx.templates);
        let mut words = words.clone();
        let mut ascii = Ascii::new(cx.config.settings.cards_ascii);
        for (reference, spoken) in &mut words.shown.languages {
            ascii.apply(
                &mut spoken.text,
                &format!("contact `{reference}` languages"),
            );
        }
        let guide = GuideInfo::new(cx.guide, &words, &mut ascii);
        let limits = Limits::of(cx.config);
        // In ASCII mode the cards are transliterated to Latin letters: no marks.
        let right_to_left = cx.guide.direction == "rtl" && !ascii.is_on();
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
            let found = check_card(
                &subject(&card.id),
                &card,
                guide.emergency.as_deref(),
                &lines,
                &limits,
            );
            if found.is_empty() {
                let lines = if right_to_left {
                    bidi::marked(&lines, &bidi::values(&card))
                } else {
                    lines
                };
                cards.push(CardLines {
                    id: card.id.clone(),
                    title: card.title.clone(),
                    lines,
                });
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
                right_to_left,
                cards,
            })
        } else {
            Err(problems)
        }
    }

    /// The guide's title, as the cards print it.
    pub fn guide_title(&self) -> &str {
        &self.guide.title
    }

    /// What `--cards-ascii` replaced in the cards, when it is on.
    pub fn note(&self) -> Option<String> {
        self.ascii.is_on().then(|| self.ascii.report())
    }

    /// Renders and checks the back shared by every card of a duplex sheet: its lines,
    /// and the note of what `--cards-ascii` replaced in the cards and the back.
    pub fn back(
        &self,
        cx: &RenderContext<'_>,
    ) -> Result<(Vec<String>, Option<String>), Vec<Diagnostic>> {
        let mut limits = Limits::of(cx.config);
        let mut ascii = self.ascii.clone();
        let qr_columns = back_qr_columns(cx.guide, limits.width);
        let context = BackContext {
            guide: &self.guide,
            words: &self.words,
            width: limits.width,
            height: limits.height,
            ascii: ascii.is_on(),
            qr_columns,
        };
        let lines = render_lines(&self.env, BACK_TEMPLATE, &context, &mut ascii)
            .map_err(|e| vec![template_diagnostic(cx.templates, &e)])?;
        let mut origins = vec![Origin::field("the guide's title", &self.guide.title)];
        origins.extend(
            self.guide
                .emergency
                .as_deref()
                .map(|e| Origin::field("the guide's emergency line", e)),
        );
        // The text must keep clear of the QR code that the sheet sets beside it.
        limits.width -= qr_columns;
        let mut problems = check_lines("the card back", &lines, &limits, &origins);
        if qr_columns > 0 {
            for problem in &mut problems {
                problem.hints.push(format!(
                    "with a web_url, the back keeps its right {qr_columns} of {} columns for the QR code of the latest version",
                    limits.width + qr_columns
                ));
            }
        }
        if problems.is_empty() {
            let lines = if self.right_to_left {
                bidi::marked(&lines, &[])
            } else {
                lines
            };
            Ok((lines, ascii.is_on().then(|| ascii.report())))
        } else {
            Err(problems)
        }
    }
}

/// Every card template with the data it receives, as JSON: the context of each card and
/// of the back (for the test that pins the data contract).
#[cfg(test)]
pub fn template_data(cx: &RenderContext<'_>, set: &CardSet) -> Vec<(String, serde_json::Value)> {
    let mut ascii = set.ascii.clone();
    let limits = Limits::of(cx.config);
    let mut data = Vec::new();
    for card in &cx.guide.cards {
        let card = card_text(card, &mut ascii);
        let context = CardContext {
            guide: &set.guide,
            words: &set.words,
            card: &card,
            width: limits.width,
            height: limits.height,
            ascii: ascii.is_on(),
        };
        data.push((
            CARD_TEMPLATE.to_owned(),
            serde_json::to_value(context).unwrap(),
        ));
    }
    let context = BackContext {
        guide: &set.guide,
        words: &set.words,
        width: limits.width,
        height: limits.height,
        ascii: ascii.is_on(),
        qr_columns: back_qr_columns(cx.guide, limits.width),
    };
    data.push((
        BACK_TEMPLATE.to_owned(),
        serde_json::to_value(context).unwrap(),
    ));
    data
}

/// The columns a card back leaves free for the latest version's QR code: about a third
/// of a card `width` columns wide, none without a `web_url`.
fn back_qr_columns(guide: &Guide, width: usize) -> usize {
    if guide.web_url.is_some() {
        (width * 3).div_ceil(10)
    } else {
        0
    }
}

fn check_card(
    subject: &str,
    card: &Card,
    emergency: Option<&str>,
    lines: &[String],
    limits: &Limits,
) -> Vec<Diagnostic> {
    let mut problems = check_lines(subject, lines, limits, &card_origins(card, emergency));
    problems.extend(check_content(subject, card, emergency, lines));
    problems
}

fn text_file(lines: &[String]) -> Vec<u8> {
    let mut text = lines.join("\n");
    text.push('\n');
    text.into_bytes()
}

/// Every card, one after another, with a cut line between them.
fn combined(cards: &[CardLines], cut_here: &str, width: usize) -> Vec<u8> {
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
