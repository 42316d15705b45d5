//! `[[edition]]`: unique ids, tags, regions and cards that exist, settings like `[print]`'s,
//! and an edition that keeps something.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use toml::Spanned;

use super::Checker;
use crate::config::{Layout, Paper, Settings};
use crate::diag::suggest::did_you_mean;
use crate::editions::select::{Reason, select};
use crate::model::Guide;
use crate::model::edition::Edition;
use crate::source::raw::{self, Text};

/// Names of folders and files the guide's own outputs take at the top of `output/`; an
/// edition folder of the same name would mix with them.
const TAKEN: &[&str] = &[
    "cards",
    "sms",
    "preview",
    "manifest.json",
    "guide-as-built.toml",
];

impl Checker<'_> {
    /// The guide's editions, each checked against the guide it selects from.
    pub(super) fn editions(
        &mut self,
        tables: Vec<Spanned<raw::EditionTable>>,
        guide: &Guide,
    ) -> Vec<Edition> {
        let mut seen = HashMap::new();
        let carried = Carried::of(guide);
        tables
            .into_iter()
            .map(|table| {
                let span = table.span();
                let before = self.error_count();
                let table = table.into_inner();
                let edition = self.edition(&table, span, &mut seen, &carried, guide);
                if self.error_count() == before {
                    self.selection(&edition, &table, guide);
                }
                edition
            })
            .collect()
    }

    fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    fn edition(
        &mut self,
        table: &raw::EditionTable,
        span: Range<usize>,
        seen: &mut HashMap<String, usize>,
        carried: &Carried,
        guide: &Guide,
    ) -> Edition {
        let id = self.unique_slug(table.id.as_ref(), "edition", seen);
        if let Some(text) = table.id.as_ref().filter(|_| TAKEN.contains(&id.as_str())) {
            self.hint(
                text.span(),
                format!("an edition cannot be called `{id}`: the guide's own `output/{id}` has that name"),
                format!("give the edition another id, e.g. `{id}-edition`"),
            );
        }
        let tags = self.carried_slugs(&table.tags, "tags", &carried.tags);
        let exclude_tags = self.carried_slugs(&table.exclude_tags, "exclude_tags", &carried.tags);
        let regions = table
            .regions
            .iter()
            .map(|text| {
                let region = self.required_line(Some(text), "regions");
                self.known(text, &region, &carried.regions, "region", "regions");
                region
            })
            .collect();
        let cards = table.cards.as_ref().map(|list| {
            let ids: Vec<&str> = guide.cards.iter().map(|c| c.id.as_str()).collect();
            list.get_ref()
                .iter()
                .map(|text| {
                    let card = self.required_line(Some(text), "cards");
                    if !card.is_empty() && !ids.contains(&card.as_str()) {
                        let diagnostic =
                            self.error(text.span(), format!("there is no card `{card}`"));
                        match did_you_mean(&card, ids.iter().copied()) {
                            Some(best) => diagnostic.hints.push(format!("did you mean `{best}`?")),
                            None if ids.is_empty() => diagnostic
                                .hints
                                .push("the guide has no [[card]]; remove `cards`".into()),
                            None => diagnostic
                                .hints
                                .push(format!("the guide's cards are: {}", ids.join(", "))),
                        }
                    }
                    card
                })
                .collect()
        });
        Edition {
            id,
            span: table.id.as_ref().map_or(span, Spanned::span),
            title: self.optional_line(table.title.as_ref(), "title"),
            subtitle: self.optional_line(table.subtitle.as_ref(), "subtitle"),
            tags,
            exclude_tags,
            regions,
            cards,
            languages: table
                .languages
                .iter()
                .map(|l| self.language_tag(Some(l), "languages"))
                .collect(),
            confidential: table.confidential.as_ref().is_some_and(|c| *c.get_ref()),
            settings: Settings {
                paper: table
                    .paper
                    .as_ref()
                    .and_then(|p| self.choice(p, "paper size", Paper::parse, Paper::WORDS)),
                layout: table
                    .layout
                    .as_ref()
                    .and_then(|l| self.choice(l, "layout", Layout::parse, Layout::WORDS)),
                large_print: table.large_print.as_ref().map(|flag| *flag.get_ref()),
                ..Settings::default()
            },
            formats: (!table.formats.is_empty()).then(|| {
                table
                    .formats
                    .iter()
                    .map(|f| (f.get_ref().trim().to_owned(), f.span()))
                    .collect()
            }),
        }
    }

    /// Tags that some organization or contact carries: a typo must not empty an edition.
    fn carried_slugs(
        &mut self,
        texts: &[Text],
        key: &str,
        carried: &BTreeSet<String>,
    ) -> Vec<String> {
        texts
            .iter()
            .map(|text| {
                let tag = self.slug(Some(text), key, "tag");
                self.known(text, &tag, carried, "tag", key);
                tag
            })
            .collect()
    }

    fn known(
        &mut self,
        text: &Text,
        value: &str,
        carried: &BTreeSet<String>,
        what: &str,
        key: &str,
    ) {
        if value.is_empty() || carried.contains(value) {
            return;
        }
        let diagnostic = self.error(
            text.span(),
            format!("no organization or contact has the {what} `{value}`"),
        );
        if let Some(best) = did_you_mean(value, carried.iter().map(String::as_str)) {
            diagnostic.hints.push(format!("did you mean `{best}`?"));
        } else if carried.is_empty() {
            diagnostic.hints.push(format!(
                "give organizations or contacts {key} = [\"{value}\"], or remove it from the edition"
            ));
        } else {
            let list: Vec<&str> = carried.iter().map(String::as_str).collect();
            diagnostic
                .hints
                .push(format!("the guide's {what}s are: {}", list.join(", ")));
        }
    }

    /// What selecting the edition finds: nothing kept, organizations and cards emptied.
    fn selection(&mut self, edition: &Edition, table: &raw::EditionTable, guide: &Guide) {
        let (_, explanation) = select(guide, edition);
        let at = edition.span.clone();
        if explanation.is_empty() {
            self.hint(
                at.clone(),
                format!("the edition `{}` keeps no organization", edition.id),
                "check its tags, exclude_tags and regions; `guidepress check --editions` shows what each one drops and why",
            );
            return;
        }
        for org in &explanation.organizations {
            if org.dropped == Some(Reason::NoContactsLeft) {
                self.warning(
                    at.clone(),
                    format!(
                        "the edition `{}` leaves out `{}`: none of its contacts stayed",
                        edition.id, org.id
                    ),
                )
                .hints
                .push("tag one of its contacts for this edition, or let it go".into());
            }
        }
        let names = table
            .cards
            .as_ref()
            .map(|list| list.get_ref().as_slice())
            .unwrap_or_default();
        for card in &explanation.cards {
            let span = names
                .iter()
                .find(|n| n.get_ref().trim() == card.id)
                .map_or(at.clone(), Spanned::span);
            match &card.dropped {
                Some(Reason::NoContactsLeft) if card.named => {
                    self.hint(
                        span,
                        format!(
                            "the card `{}` has no contact left in the edition `{}`",
                            card.id, edition.id
                        ),
                        format!(
                            "it loses {}; remove it from the edition's cards",
                            card.lost.join(", ")
                        ),
                    );
                }
                Some(Reason::LosesContacts) => {
                    self.warning(
                        at.clone(),
                        format!(
                            "the edition `{}` leaves out the card `{}`: it would lose {}",
                            edition.id,
                            card.id,
                            card.lost.join(", ")
                        ),
                    )
                    .hints
                    .push(format!(
                        "to print it without them, name it: cards = [\"{}\"]",
                        card.id
                    ));
                }
                None if !card.lost.is_empty() => {
                    self.warning(
                        span,
                        format!(
                            "the card `{}` is printed without {} in the edition `{}`",
                            card.id,
                            card.lost.join(", "),
                            edition.id
                        ),
                    )
                    .hints
                    .push("those contacts are not in this edition".into());
                }
                _ => {}
            }
        }
    }
}

/// Every tag and region the guide's organizations and contacts carry.
struct Carried {
    tags: BTreeSet<String>,
    regions: BTreeSet<String>,
}

impl Carried {
    fn of(guide: &Guide) -> Self {
        let mut tags = BTreeSet::new();
        let mut regions = BTreeSet::new();
        for org in &guide.organizations {
            tags.extend(org.tags.iter().cloned());
            regions.extend(org.regions.iter().cloned());
            for contact in &org.contacts {
                tags.extend(contact.tags.iter().cloned());
                regions.extend(contact.regions.iter().cloned());
            }
        }
        Self { tags, regions }
    }
}
