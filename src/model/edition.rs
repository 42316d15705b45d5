//! A checked `[[edition]]`: which part of the guide one audience gets, and how it is printed.

use std::ops::Range;

use crate::config::Settings;

/// One edition of the guide, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    /// Slug; names `output/<id>/`.
    pub id: String,
    /// Where its table is in the source, for problems found later.
    pub span: Range<usize>,
    /// Replaces the guide's title.
    pub title: Option<String>,
    /// Replaces the guide's subtitle.
    pub subtitle: Option<String>,
    /// Keep only what carries one of these tags (empty: no tag needed).
    pub tags: Vec<String>,
    /// Then drop what carries one of these.
    pub exclude_tags: Vec<String>,
    /// Keep only what serves one of these regions (empty: every region).
    pub regions: Vec<String>,
    /// The cards it names, in its order; `None`: every card whose contacts all remain.
    pub cards: Option<Vec<String>>,
    /// Which translations to build, normalized BCP 47 tags (empty: all).
    pub languages: Vec<String>,
    /// Whether it carries confidential contacts (a staff edition).
    pub confidential: bool,
    /// Its own `layout`, `paper` and `large_print`, `None` where not given.
    pub settings: Settings,
    /// The formats it names, as written, with where each is; `None`: the build's formats.
    pub formats: Option<Vec<(String, Range<usize>)>>,
}
