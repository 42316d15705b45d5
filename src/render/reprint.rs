//! What a change of the guide means for reprinting a format, as the format declares it
//! and `diff` reads it.

/// How a printed format follows the guide's changes.
#[derive(Debug, Clone, Copy)]
pub struct Reprint {
    /// Its key in `diff --format json`'s `reprint`.
    pub key: &'static str,
    /// How the human report names it ("the pamphlet (PDF)").
    pub label: &'static str,
    /// Whether it shows the whole book: the guide's text, sections and organizations.
    pub book: bool,
    /// Settings (`print.paper`, or a prefix ending in `.` such as `print.`) it follows.
    pub settings: &'static [&'static str],
    /// How it shows the wallet cards.
    pub cards: CardsShown,
}

/// How a format shows the wallet cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardsShown {
    /// Not at all.
    None,
    /// All together: any card that changed reprints it whole.
    All,
    /// Each card on its own: each card that changed is reprinted alone.
    Each,
}

impl Reprint {
    /// Whether a change of the setting `field` reprints it.
    pub fn follows_setting(&self, field: &str) -> bool {
        self.settings
            .iter()
            .any(|setting| match setting.strip_suffix('.') {
                Some(_) => field.starts_with(setting),
                None => field == *setting,
            })
    }
}
