//! A checked translation: the guide's texts in another language, keyed as the guide's
//! tables spell them (`organization.ncmec.contact.tipline.label`), and the guide it makes.
//!
//! Only texts are translated. Values, kinds, dates, order, ids and settings come from the
//! guide, so [`translate`] walks the guide and replaces each text that the translation
//! has; every other text stays the guide's (and is named by [`untranslated`]).

use std::collections::BTreeMap;

use crate::model::edition::Edition;
use crate::model::richtext::RichText;
use crate::model::{Contact, Guide};

/// One translated key.
#[derive(Debug, Clone, PartialEq)]
pub enum Translated {
    /// A one-line or plain text.
    Line(String),
    /// A rich text.
    Rich(RichText),
    /// A list of lines (`regions`); `None` where an item is left untranslated.
    Lines(Vec<Option<String>>),
    /// A list of rich texts (`services`); `None` where an item is left untranslated.
    Riches(Vec<Option<RichText>>),
}

/// A translation of the guide into one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    /// Its language, a normalized BCP 47 tag.
    pub language: String,
    /// The writing direction of that language, `ltr` or `rtl`.
    pub direction: &'static str,
    /// Its texts by key.
    pub texts: BTreeMap<String, Translated>,
}

impl Translation {
    fn line(&self, key: &str) -> Option<&str> {
        match self.texts.get(key) {
            Some(Translated::Line(text)) => Some(text),
            _ => None,
        }
    }

    fn rich(&self, key: &str) -> Option<&RichText> {
        match self.texts.get(key) {
            Some(Translated::Rich(text)) => Some(text),
            _ => None,
        }
    }
}

/// The guide in the translation's language: its texts replaced where the translation has
/// them. With an `edition` whose own title or subtitle replaced the guide's, the
/// translation's `edition.<id>` texts replace those.
pub fn translate(guide: &Guide, translation: &Translation, edition: Option<&Edition>) -> Guide {
    let mut walk = Walk {
        translation,
        missing: None,
    };
    walk.guide(guide, edition)
}

/// The keys of the guide's texts (and of its editions' own titles) that the translation
/// leaves out, in the guide's order.
pub fn untranslated(guide: &Guide, editions: &[Edition], translation: &Translation) -> Vec<String> {
    let mut walk = Walk {
        translation,
        missing: Some(Vec::new()),
    };
    walk.guide(guide, None);
    for edition in editions {
        walk.edition_texts(guide, edition);
    }
    walk.missing.unwrap_or_default()
}

struct Walk<'t> {
    translation: &'t Translation,
    /// The keys left out, when they are being collected.
    missing: Option<Vec<String>>,
}

impl Walk<'_> {
    fn miss(&mut self, key: String) {
        if let Some(missing) = &mut self.missing {
            missing.push(key);
        }
    }

    fn line(&mut self, key: String, text: &mut String) {
        match self.translation.line(&key) {
            Some(translated) => translated.clone_into(text),
            None => self.miss(key),
        }
    }

    fn optional_line(&mut self, key: String, text: &mut Option<String>) {
        if let Some(text) = text {
            self.line(key, text);
        }
    }

    fn rich(&mut self, key: String, text: &mut RichText) {
        match self.translation.rich(&key) {
            Some(translated) => translated.clone_into(text),
            None => self.miss(key),
        }
    }

    fn optional_rich(&mut self, key: String, text: &mut Option<RichText>) {
        if let Some(text) = text {
            self.rich(key, text);
        }
    }

    fn guide(&mut self, guide: &Guide, edition: Option<&Edition>) -> Guide {
        let mut out = guide.clone();
        out.language.clone_from(&self.translation.language);
        out.direction = self.translation.direction;
        let edition_has = |key: &str| {
            edition.is_some_and(|e| match key {
                "title" => e.title.is_some(),
                _ => e.subtitle.is_some(),
            })
        };
        for (name, text) in [
            ("title", Some(&mut out.title)),
            ("subtitle", out.subtitle.as_mut()),
        ] {
            let Some(text) = text else { continue };
            let key = match edition.filter(|_| edition_has(name)) {
                Some(e) => format!("edition.{}.{name}", e.id),
                None => format!("guide.{name}"),
            };
            self.line(key, text);
        }
        self.optional_line("guide.publisher".into(), &mut out.publisher);
        self.optional_line("guide.edition".into(), &mut out.edition);
        self.optional_rich("guide.intro".into(), &mut out.intro);
        self.optional_line("guide.emergency".into(), &mut out.emergency);
        for section in &mut out.sections {
            let id = &section.id;
            self.line(format!("section.{id}.title"), &mut section.title);
            self.optional_rich(format!("section.{id}.intro"), &mut section.intro);
        }
        for org in &mut out.organizations {
            let key = |name: &str| format!("organization.{}.{name}", org.id);
            self.line(key("name"), &mut org.name);
            self.optional_line(key("short_name"), &mut org.short_name);
            self.line(key("summary"), &mut org.summary);
            self.rich(key("about"), &mut org.about);
            self.optional_line(key("services_intro"), &mut org.services_intro);
            if !org.services.is_empty() {
                self.services(key("services"), &mut org.services);
            }
            self.optional_rich(key("closing"), &mut org.closing);
            for contact in &mut org.contacts {
                let prefix = format!("organization.{}.contact.{}", org.id, contact.id);
                self.contact(&prefix, contact);
            }
        }
        // The guide's closing comes last in its order of texts.
        self.optional_rich("guide.closing".into(), &mut out.closing);
        for card in &mut out.cards {
            let id = &card.id;
            self.line(format!("card.{id}.title"), &mut card.title);
            self.optional_line(format!("card.{id}.note"), &mut card.note);
        }
        // A card carries a copy of each of its contacts and its organization's name.
        let shown: BTreeMap<String, (String, Contact)> = out
            .organizations
            .iter()
            .flat_map(|org| {
                let name = org.short_name.clone().unwrap_or_else(|| org.name.clone());
                org.contacts
                    .iter()
                    .map(move |c| (format!("{}.{}", org.id, c.id), (name.clone(), c.clone())))
            })
            .collect();
        for card in &mut out.cards {
            for on_card in &mut card.contacts {
                if let Some((name, contact)) = shown.get(&on_card.reference) {
                    on_card.organization.clone_from(name);
                    on_card.contact = contact.clone();
                }
            }
        }
        out
    }

    fn services(&mut self, key: String, services: &mut [RichText]) {
        match self.translation.texts.get(&key) {
            Some(Translated::Riches(items)) => {
                for (i, service) in services.iter_mut().enumerate() {
                    match items.get(i).cloned().flatten() {
                        Some(translated) => *service = translated,
                        None => self.miss(format!("{key} item {}", i + 1)),
                    }
                }
            }
            _ => self.miss(key),
        }
    }

    fn contact(&mut self, prefix: &str, contact: &mut Contact) {
        self.line(format!("{prefix}.label"), &mut contact.label);
        self.optional_line(format!("{prefix}.hours"), &mut contact.hours);
        if contact.regions.is_empty() {
            return;
        }
        let key = format!("{prefix}.regions");
        match self.translation.texts.get(&key) {
            Some(Translated::Lines(items)) => {
                for (i, region) in contact.regions.iter_mut().enumerate() {
                    match items.get(i).cloned().flatten() {
                        Some(translated) => *region = translated,
                        None => self.miss(format!("{key} item {}", i + 1)),
                    }
                }
            }
            _ => self.miss(key),
        }
    }

    fn edition_texts(&mut self, guide: &Guide, edition: &Edition) {
        if edition.title.is_some() {
            let mut title = guide.title.clone();
            self.line(format!("edition.{}.title", edition.id), &mut title);
        }
        if edition.subtitle.is_some() {
            let mut subtitle = String::new();
            self.line(format!("edition.{}.subtitle", edition.id), &mut subtitle);
        }
    }
}
