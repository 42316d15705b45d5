//! The guide's translatable texts as its author wrote them, by the keys a translation
//! uses, in the guide's order: what `translate` shows beside each key, and what a
//! translation's `# en:` comments are compared with to find the ones out of date.

use crate::source::raw::{SourceGuide, Text};

/// One translatable text of the guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideText {
    /// `organization.ncmec.contact.tipline.label`.
    pub key: String,
    /// The text as written (trimmed, line breaks as `\n`); several for a list.
    pub items: Vec<String>,
    /// Whether the key holds a list (`services`, `regions`).
    pub list: bool,
    /// Whether it is rich text (may have several paragraphs).
    pub rich: bool,
}

/// Every text of the guide that a translation may translate, in the guide's order of
/// tables (the guide, sections, organizations and their contacts, cards, editions).
pub fn guide_texts(raw: &SourceGuide) -> Vec<GuideText> {
    let mut texts = Vec::new();
    let mut one = |key: String, text: Option<&Text>, rich: bool| {
        if let Some(text) = text.map(as_written).filter(|t| !t.is_empty()) {
            texts.push(GuideText {
                key,
                items: vec![text],
                list: false,
                rich,
            });
        }
    };
    if let Some(guide) = &raw.guide {
        let g = guide.get_ref();
        for (name, text, rich) in [
            ("title", &g.title, false),
            ("subtitle", &g.subtitle, false),
            ("publisher", &g.publisher, false),
            ("edition", &g.edition, false),
            ("emergency", &g.emergency, false),
            ("intro", &g.intro, true),
            ("closing", &g.closing, true),
        ] {
            one(format!("guide.{name}"), text.as_ref(), rich);
        }
    }
    for section in &raw.section {
        let s = section.get_ref();
        let Some(id) = s.id.as_ref().map(|t| t.get_ref().trim()) else {
            continue;
        };
        one(format!("section.{id}.title"), s.title.as_ref(), false);
        one(format!("section.{id}.intro"), s.intro.as_ref(), true);
    }
    let mut lists = Vec::new();
    for org in &raw.organization {
        let o = org.get_ref();
        let Some(id) = o.id.as_ref().map(|t| t.get_ref().trim()) else {
            continue;
        };
        let key = |name: &str| format!("organization.{id}.{name}");
        one(key("name"), o.name.as_ref(), false);
        one(key("short_name"), o.short_name.as_ref(), false);
        one(key("summary"), o.summary.as_ref(), false);
        one(key("about"), o.about.as_ref(), true);
        one(key("services_intro"), o.services_intro.as_ref(), false);
        if !o.services.is_empty() {
            lists.push(list_text(key("services"), &o.services, true));
        }
        one(key("closing"), o.closing.as_ref(), true);
        for contact in &o.contact {
            let c = contact.get_ref();
            let Some(cid) = c.id.as_ref().map(|t| t.get_ref().trim()) else {
                continue;
            };
            let key = |name: &str| format!("organization.{id}.contact.{cid}.{name}");
            one(key("label"), c.label.as_ref(), false);
            one(key("hours"), c.hours.as_ref(), false);
            if !c.regions.is_empty() {
                lists.push(list_text(key("regions"), &c.regions, false));
            }
        }
    }
    for card in &raw.card {
        let c = card.get_ref();
        let Some(id) = c.id.as_ref().map(|t| t.get_ref().trim()) else {
            continue;
        };
        one(format!("card.{id}.title"), c.title.as_ref(), false);
        one(format!("card.{id}.note"), c.note.as_ref(), false);
    }
    for edition in &raw.edition {
        let e = edition.get_ref();
        let Some(id) = e.id.as_ref().map(|t| t.get_ref().trim()) else {
            continue;
        };
        one(format!("edition.{id}.title"), e.title.as_ref(), false);
        one(format!("edition.{id}.subtitle"), e.subtitle.as_ref(), false);
    }
    // Lists take their place among the other texts by the guide's order.
    texts.extend(lists);
    texts.sort_by_key(|t| order_of(&t.key, raw));
    texts
}

fn list_text(key: String, items: &[Text], rich: bool) -> GuideText {
    GuideText {
        key,
        items: items.iter().map(as_written).collect(),
        list: true,
        rich,
    }
}

/// A text as the guide has it once checked: without surrounding blanks, line breaks `\n`.
pub fn as_written(text: &Text) -> String {
    text.get_ref().trim().replace("\r\n", "\n")
}

/// Where a key comes in the guide: its table's place, then the key's place in the
/// table's list of translatable keys.
fn order_of(key: &str, raw: &SourceGuide) -> (usize, usize, usize, usize) {
    let parts: Vec<&str> = key.split('.').collect();
    let position = |kind: &str, name: &str| {
        crate::source::translation::allowed(kind)
            .iter()
            .position(|k| *k == name)
            .unwrap_or(usize::MAX)
    };
    let id_of = |t: Option<&Text>| t.map(|t| t.get_ref().trim().to_owned());
    match parts.as_slice() {
        ["guide", name] => (0, 0, 0, position("guide", name)),
        ["section", id, name] => {
            let at = raw
                .section
                .iter()
                .position(|s| id_of(s.get_ref().id.as_ref()).as_deref() == Some(*id));
            (1, at.unwrap_or(0), 0, position("section", name))
        }
        ["organization", id, rest @ ..] => {
            let at = raw
                .organization
                .iter()
                .position(|o| id_of(o.get_ref().id.as_ref()).as_deref() == Some(*id));
            let org = at.map(|i| raw.organization[i].get_ref());
            match rest {
                ["contact", cid, name] => {
                    let c = org
                        .and_then(|o| {
                            o.contact.iter().position(|c| {
                                id_of(c.get_ref().id.as_ref()).as_deref() == Some(*cid)
                            })
                        })
                        .unwrap_or(0);
                    (2, at.unwrap_or(0), 1 + c, position("contact", name))
                }
                [name] => (2, at.unwrap_or(0), 0, position("organization", name)),
                _ => (2, at.unwrap_or(0), 0, 0),
            }
        }
        ["card", id, name] => {
            let at = raw
                .card
                .iter()
                .position(|c| id_of(c.get_ref().id.as_ref()).as_deref() == Some(*id));
            (3, at.unwrap_or(0), 0, position("card", name))
        }
        ["edition", id, name] => {
            let at = raw
                .edition
                .iter()
                .position(|e| id_of(e.get_ref().id.as_ref()).as_deref() == Some(*id));
            (4, at.unwrap_or(0), 0, position("edition", name))
        }
        _ => (5, 0, 0, 0),
    }
}
