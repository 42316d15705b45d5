//! What the card templates receive, and the `--cards-ascii` transliteration of it.
//!
//! In ASCII mode every string is transliterated *before* rendering, so that wrapping and
//! the fit check measure the text that is actually printed (`北` becomes `Bei`, which is
//! wider). Each change is logged with where it happened, for the report on stderr.

use serde::Serialize;

use crate::model::{Card, Date, Guide};
use crate::render::words::Words;

/// The guide's fields that a card or a card back may show.
#[derive(Debug, Clone, Serialize)]
pub(super) struct GuideInfo {
    /// Slug.
    pub id: String,
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Edition label.
    pub edition: Option<String>,
    /// Emergency line, shown on every card.
    pub emergency: Option<String>,
    /// BCP 47 language tag.
    pub language: String,
    /// Edition date.
    pub date: Date,
    /// "Staff only — do not distribute" on every card of a staff-only edition; none for
    /// a public guide.
    pub staff_notice: Option<String>,
}

impl GuideInfo {
    /// The card-relevant fields of `guide`, transliterated when `ascii` is on.
    pub(super) fn new(guide: &Guide, words: &Words, ascii: &mut Ascii) -> Self {
        let mut info = Self {
            id: guide.id.clone(),
            title: guide.title.clone(),
            subtitle: guide.subtitle.clone(),
            publisher: guide.publisher.clone(),
            edition: guide.edition.clone(),
            emergency: guide.emergency.clone(),
            language: guide.language.clone(),
            date: guide.date,
            staff_notice: guide.staff_only.then(|| words.confidential.notice.clone()),
        };
        ascii.apply(&mut info.title, "the guide's title");
        ascii.apply_opt(&mut info.subtitle, "the guide's subtitle");
        ascii.apply_opt(&mut info.publisher, "the guide's publisher");
        ascii.apply_opt(&mut info.edition, "the guide's edition");
        ascii.apply_opt(&mut info.emergency, "the guide's emergency line");
        ascii.apply_opt(&mut info.staff_notice, "the staff-only notice");
        info
    }
}

/// A card as the template receives it, transliterated when `ascii` is on.
pub(super) fn card_text(card: &Card, ascii: &mut Ascii) -> Card {
    let mut card = card.clone();
    let id = card.id.clone();
    ascii.apply(&mut card.title, &format!("card `{id}` title"));
    ascii.apply_opt(&mut card.note, &format!("card `{id}` note"));
    for entry in &mut card.contacts {
        let place = format!("contact `{}`", entry.reference);
        ascii.apply(&mut entry.organization, &format!("{place} organization"));
        let contact = &mut entry.contact;
        ascii.apply(&mut contact.label, &format!("{place} label"));
        ascii.apply(&mut contact.value, &format!("{place} value"));
        ascii.apply_opt(&mut contact.hours, &format!("{place} hours"));
        for region in &mut contact.regions {
            ascii.apply(region, &format!("{place} regions"));
        }
        ascii.apply_opt(&mut contact.href, &format!("{place} link"));
    }
    card
}

/// The context of `cards/card.txt.j2`.
#[derive(Serialize)]
pub(super) struct CardContext<'a> {
    /// The guide's title, emergency line and other card-relevant fields.
    pub guide: &'a GuideInfo,
    /// The built-in words.
    pub words: &'a Words,
    /// The card.
    pub card: &'a Card,
    /// Columns per line, border included.
    pub width: usize,
    /// Most lines, border included.
    pub height: usize,
    /// Whether the output must be ASCII (`--cards-ascii`).
    pub ascii: bool,
}

/// The context of `cards/back.txt.j2`.
#[derive(Serialize)]
pub(super) struct BackContext<'a> {
    /// The guide's title, emergency line and other card-relevant fields.
    pub guide: &'a GuideInfo,
    /// The built-in words.
    pub words: &'a Words,
    /// Columns per line, border included.
    pub width: usize,
    /// Most lines, border included.
    pub height: usize,
    /// Whether the output must be ASCII.
    pub ascii: bool,
    /// Columns at the right of the card that the back leaves free for the QR code of
    /// the latest version (`web_url`); 0 without one.
    pub qr_columns: usize,
}

/// One character that `--cards-ascii` replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Change {
    /// The original character.
    pub from: char,
    /// What it became.
    pub to: String,
    /// How often it was replaced.
    pub count: usize,
    /// Where, in order of first appearance.
    pub places: Vec<String>,
}

/// The transliterator: a no-op unless `--cards-ascii` is on, then a log of what changed.
#[derive(Debug, Clone, Default)]
pub(super) struct Ascii {
    on: bool,
    changes: Vec<Change>,
}

/// What stands for a character that has no transliteration.
const UNKNOWN: &str = "?";

impl Ascii {
    /// A transliterator that changes text only when `on`.
    pub(super) fn new(on: bool) -> Self {
        Self {
            on,
            changes: Vec::new(),
        }
    }

    /// Whether output must be ASCII.
    pub(super) fn is_on(&self) -> bool {
        self.on
    }

    /// Transliterates `text` in place, logging each replaced character under `place`.
    pub(super) fn apply(&mut self, text: &mut String, place: &str) {
        if !self.on || text.is_ascii() {
            return;
        }
        for c in text.chars().filter(|c| !c.is_ascii()) {
            self.log(c, place);
        }
        // Line by line: deunicode may drop a line break that follows a replaced character.
        let lines: Vec<String> = text
            .split('\n')
            .map(|line| deunicode::deunicode_with_tofu(line, UNKNOWN))
            .collect();
        *text = lines.join("\n");
    }

    /// Like [`Ascii::apply`], for an optional field.
    pub(super) fn apply_opt(&mut self, text: &mut Option<String>, place: &str) {
        if let Some(text) = text {
            self.apply(text, place);
        }
    }

    fn log(&mut self, from: char, place: &str) {
        if let Some(change) = self.changes.iter_mut().find(|c| c.from == from) {
            change.count += 1;
            if !change.places.iter().any(|p| p == place) {
                change.places.push(place.to_owned());
            }
            return;
        }
        let to = deunicode::deunicode_char(from)
            .unwrap_or(UNKNOWN)
            .trim()
            .to_owned();
        self.changes.push(Change {
            from,
            to,
            count: 1,
            places: vec![place.to_owned()],
        });
    }

    /// Every character replaced so far.
    pub(super) fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The report for stderr: one line per replaced character, or a line saying none was.
    pub(super) fn report(&self) -> String {
        if self.changes.is_empty() {
            return "note: --cards-ascii: the cards were already plain ASCII; nothing changed\n"
                .into();
        }
        let kinds = self.changes.len();
        let mut text = format!(
            "note: --cards-ascii replaced {kinds} kind{} of character:\n",
            if kinds == 1 { "" } else { "s" }
        );
        for change in self.changes() {
            let times = if change.count == 1 {
                "once".to_owned()
            } else {
                format!("{} times", change.count)
            };
            let to = if change.to.is_empty() {
                "nothing".to_owned()
            } else {
                format!("`{}`", change.to)
            };
            text.push_str(&format!(
                "  `{}` (U+{:04X}) -> {to}, {times}, in {}\n",
                change.from,
                u32::from(change.from),
                change.places.join(", ")
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logs_each_character_once_with_every_place() {
        let mut ascii = Ascii::new(true);
        let mut a = "Café ’24/7’\n│x".to_owned();
        let mut b = "Zoë".to_owned();
        ascii.apply(&mut a, "card `x` title");
        ascii.apply(&mut b, "card `y` note");
        assert_eq!(a, "Cafe '24/7'\n|x");
        assert_eq!(b, "Zoe");
        let froms: Vec<_> = ascii.changes().iter().map(|c| (c.from, c.count)).collect();
        assert_eq!(froms, [('é', 1), ('’', 2), ('│', 1), ('ë', 1)]);
    }

    #[test]
    fn does_nothing_when_off() {
        let mut ascii = Ascii::new(false);
        let mut text = "日本".to_owned();
        ascii.apply(&mut text, "here");
        assert_eq!(text, "日本");
        assert!(ascii.changes().is_empty());
    }
}
