//! The `[print]` and `[cards]` settings and `review_every_days`: words from a short list,
//! numbers within bounds.

use toml::Spanned;

use super::{CARD_HEIGHTS, CARD_WIDTHS, Checker, DEFAULT_REVIEW_DAYS, REVIEW_DAYS};
use crate::config::{Layout, Paper, Settings};
use crate::diag::suggest::did_you_mean;
use crate::source::raw::{self, Text};

impl Checker<'_> {
    pub(super) fn settings(
        &mut self,
        print: Option<Spanned<raw::PrintTable>>,
        cards: Option<Spanned<raw::CardsTable>>,
    ) -> Settings {
        let print = print.map(Spanned::into_inner).unwrap_or_default();
        let cards = cards.map(Spanned::into_inner).unwrap_or_default();
        Settings {
            paper: print
                .paper
                .as_ref()
                .and_then(|p| self.choice(p, "paper size", Paper::parse, Paper::WORDS)),
            layout: print
                .layout
                .as_ref()
                .and_then(|l| self.choice(l, "layout", Layout::parse, Layout::WORDS)),
            card_width: cards
                .width
                .as_ref()
                .and_then(|w| self.bounded(w, "cards.width", CARD_WIDTHS)),
            card_height: cards
                .height
                .as_ref()
                .and_then(|h| self.bounded(h, "cards.height", CARD_HEIGHTS)),
            large_print: print.large_print.as_ref().map(|flag| *flag.get_ref()),
            bleed: print.bleed.as_ref().and_then(|b| self.bleed(b)),
            qr: print.qr.as_ref().map(|flag| *flag.get_ref()),
            pdf_a: print.pdf_a.as_ref().map(|flag| *flag.get_ref()),
            cards_back_language: cards
                .back_language
                .as_ref()
                .map(|language| Some(self.language_tag(Some(language), "cards.back_language"))),
            // Only the command line sets these.
            cards_ascii: None,
            cards_duplex: None,
        }
    }

    pub(super) fn choice<T>(
        &mut self,
        text: &Text,
        what: &str,
        parse: fn(&str) -> Option<T>,
        words: &[&str],
    ) -> Option<T> {
        let word = text.get_ref().as_str();
        let parsed = parse(word);
        if parsed.is_none() {
            let diagnostic = self.error(text.span(), format!("`{word}` is not a {what}"));
            if let Some(best) = did_you_mean(word, words.iter().copied()) {
                diagnostic.hints.push(format!("did you mean `{best}`?"));
            }
            diagnostic
                .hints
                .push(format!("accepted values: {}", words.join(", ")));
        }
        parsed
    }

    fn bleed(&mut self, text: &Text) -> Option<f64> {
        match crate::config::parse_length(text.get_ref()) {
            Ok(points) => Some(points),
            Err(problem) => {
                self.hint(
                    text.span(),
                    problem,
                    "write the bleed your print shop asks for, e.g. bleed = \"3mm\"",
                );
                None
            }
        }
    }

    fn bounded(
        &mut self,
        value: &Spanned<i64>,
        key: &str,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<usize> {
        let number = *value.get_ref();
        if !range.contains(&number) {
            self.hint(
                value.span(),
                format!(
                    "`{key}` must be from {} to {}; it is {number}",
                    range.start(),
                    range.end()
                ),
                format!(
                    "write a whole number from {} to {}",
                    range.start(),
                    range.end()
                ),
            );
            return None;
        }
        usize::try_from(number).ok()
    }

    pub(super) fn review_days(&mut self, value: Option<&Spanned<i64>>) -> u32 {
        let Some(value) = value else {
            return DEFAULT_REVIEW_DAYS;
        };
        match u32::try_from(*value.get_ref()) {
            Ok(days) if REVIEW_DAYS.contains(&i64::from(days)) => days,
            _ => {
                self.hint(
                    value.span(),
                    format!(
                        "`review_every_days` must be a number of days from {} to {}; it is {}",
                        REVIEW_DAYS.start(),
                        REVIEW_DAYS.end(),
                        value.get_ref()
                    ),
                    "for a yearly review write review_every_days = 365",
                );
                DEFAULT_REVIEW_DAYS
            }
        }
    }
}
