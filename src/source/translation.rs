//! Reading a translation file, `<stem>.<lang>.toml` beside the guide (see
//! `source-format.md`, "Translations"): its texts keyed by the guide's ids, each with
//! where it was written and the comment lines above it, every problem of its shape found
//! in one run.
//!
//! Which ids exist is the guide's to say; [`crate::validate`] checks them. Here only the
//! shape: the tables a translation may have, and the keys each may translate.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::raw::{
    CardTable, ContactTable, GuideTable, OrganizationTable, SectionTable, SourceGuide, Text,
};
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diagnostic, SourceText};

/// The tables of a translation and the keys each may translate.
pub const TABLES: &[(&str, &[&str])] = &[
    (
        "guide",
        &[
            "language",
            "title",
            "subtitle",
            "publisher",
            "edition",
            "intro",
            "closing",
            "emergency",
        ],
    ),
    ("section", &["title", "intro"]),
    (
        "organization",
        &[
            "name",
            "short_name",
            "summary",
            "about",
            "services_intro",
            "services",
            "closing",
            "contact",
        ],
    ),
    ("contact", &["label", "hours", "regions"]),
    ("card", &["title", "note"]),
    ("edition", &["title", "subtitle"]),
];

/// Keys whose value is a list of texts.
pub const LISTS: &[&str] = &["services", "regions"];

/// A translation file as written.
#[derive(Debug, Default)]
pub struct SourceTranslation {
    /// `[guide] language`.
    pub language: Option<Text>,
    /// Where the `[guide]` table is, when there is one.
    pub guide: Option<Range<usize>>,
    /// Every table named by an id, in file order.
    pub tables: Vec<Named>,
    /// Every text, in file order.
    pub texts: Vec<Written>,
    /// Problems of its shape.
    pub problems: Vec<Diagnostic>,
}

/// A table of the translation named by the guide's id: `[organization.ncmec]`.
#[derive(Debug, Clone)]
pub struct Named {
    /// `section`, `organization`, `contact`, `card` or `edition`.
    pub kind: &'static str,
    /// The organization a contact belongs to.
    pub parent: Option<String>,
    /// The id, where it is written.
    pub id: Text,
}

/// One translated text.
#[derive(Debug, Clone)]
pub struct Written {
    /// Its key, as the guide's tables spell it: `organization.ncmec.contact.tipline.label`.
    pub key: String,
    /// The key's last part: `label`.
    pub name: &'static str,
    /// Where the key is written.
    pub span: Range<usize>,
    /// The text, or the texts of a list.
    pub value: Value,
    /// The comment lines right above the key, without their `#`.
    pub comments: Vec<String>,
}

/// What a translated key holds.
#[derive(Debug, Clone)]
pub enum Value {
    /// One text.
    One(Text),
    /// A list of texts (`services`, `regions`).
    Many(Spanned<Vec<Text>>),
}

/// The translation files beside the guide at `source`, as (the language part of the
/// name, the path), sorted by language: `guide.toml` → `guide.es.toml`, `guide.vi.toml`.
/// None for standard input.
pub fn translation_files(source: &Path) -> Vec<(String, PathBuf)> {
    if source.as_os_str() == "-" {
        return Vec::new();
    }
    let (Some(stem), Some(folder)) = (source.file_stem(), source.parent()) else {
        return Vec::new();
    };
    let stem = stem.to_string_lossy();
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let lang = name
                .strip_prefix(stem.as_ref())?
                .strip_prefix('.')?
                .strip_suffix(".toml")?;
            // Any other name part is taken for a language, so that a mistyped tag
            // (`guide.es_MX.toml`) is reported rather than passed over.
            let plausible = !lang.is_empty() && !lang.contains('.');
            plausible.then(|| (lang.to_owned(), source.with_file_name(&name)))
        })
        .collect();
    found.sort();
    found
}

/// Whether `path` is a translation file of the guide at `source`.
pub fn is_translation_of(path: &Path, source: &Path) -> bool {
    path.parent() == source.parent()
        && translation_files(source)
            .iter()
            .any(|(_, file)| file.file_name() == path.file_name())
}

/// Reads a translation file: every TOML syntax error, or its texts with every shape
/// problem in [`SourceTranslation::problems`].
pub fn parse_translation(file: &Arc<SourceText>) -> Result<SourceTranslation, Vec<Diagnostic>> {
    let (document, errors) = DeTable::parse_recoverable(&file.text);
    if !errors.is_empty() {
        let mut diagnostics: Vec<Diagnostic> = errors
            .iter()
            .map(|error| super::syntax_diagnostic(file, error))
            .collect();
        diagnostics.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
        return Err(diagnostics);
    }
    let mut reader = TranslationReader {
        file,
        read: SourceTranslation::default(),
    };
    reader.top(document.get_ref());
    Ok(reader.read)
}

struct TranslationReader<'f> {
    file: &'f Arc<SourceText>,
    read: SourceTranslation,
}

impl TranslationReader<'_> {
    fn error(&mut self, span: Range<usize>, message: String) -> &mut Diagnostic {
        self.read
            .problems
            .push(Diagnostic::error(self.file, span, message));
        self.read.problems.last_mut().expect("just pushed")
    }

    fn top(&mut self, document: &DeTable<'_>) {
        let tables: Vec<&str> = TABLES
            .iter()
            .map(|(name, _)| *name)
            .filter(|n| *n != "contact")
            .collect();
        for (key, value) in document {
            let name = key.get_ref().as_ref();
            match name {
                "guide" => match value.get_ref() {
                    DeValue::Table(table) => {
                        self.read.guide = Some(value.span());
                        self.keys(table, "guide", "guide", "[guide]");
                    }
                    _ => self.not_a_table(key, value, "[guide]"),
                },
                "section" | "organization" | "card" | "edition" => {
                    let kind = allowed_kind(name);
                    self.by_id(key, value, kind, None);
                }
                _ => {
                    let message = format!("a translation has no table `[{name}]`");
                    let guide_only = crate::source::raw::ROOT.key(name).is_some();
                    let diagnostic = self.error(key.span(), message);
                    if let Some(best) = did_you_mean(name, tables.iter().copied()) {
                        diagnostic.hints.push(format!("did you mean `[{best}]`?"));
                    } else if guide_only {
                        diagnostic.hints.push(format!(
                            "`[{name}]` comes from the guide alone, the same in every language"
                        ));
                    }
                    diagnostic.hints.push(
                        "a translation has [guide], [section.<id>], [organization.<id>], [organization.<id>.contact.<id>], [card.<id>] and [edition.<id>]".into(),
                    );
                }
            }
        }
        if self.read.guide.is_none() {
            self.read.problems.push(Diagnostic {
                file: Some(Arc::clone(self.file)),
                ..Diagnostic::bare("the translation has no [guide] table with its language").with_hint(
                    "start the file with [guide] and language = \"…\", the language of its file name",
                )
            });
        }
    }

    fn not_a_table(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        value: &Spanned<DeValue<'_>>,
        header: &str,
    ) {
        let message = format!("`{}` must be a table, written {header}", key.get_ref());
        self.error(value.span(), message);
    }

    /// `[section.<id>]` and the like: a table of tables, one per id.
    fn by_id(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        value: &Spanned<DeValue<'_>>,
        kind: &'static str,
        parent: Option<&str>,
    ) {
        let header = match parent {
            Some(org) => format!("[organization.{org}.contact.<id>]"),
            None => format!("[{kind}.<id>]"),
        };
        let DeValue::Table(ids) = value.get_ref() else {
            let message = format!(
                "`{}` must be a table for each id, written {header}",
                key.get_ref()
            );
            self.error(value.span(), message).hints.push(
                "a translation is keyed by the guide's ids; the order comes from the guide".into(),
            );
            return;
        };
        for (id, table) in ids {
            let DeValue::Table(table) = table.get_ref() else {
                let message = format!("`{}` must be a table, written {header}", id.get_ref());
                self.error(table.span(), message);
                continue;
            };
            let id_text = Spanned::new(id.span(), id.get_ref().to_string());
            self.read.tables.push(Named {
                kind,
                parent: parent.map(str::to_owned),
                id: id_text,
            });
            let prefix = match parent {
                Some(org) => format!("organization.{org}.contact.{}", id.get_ref()),
                None => format!("{kind}.{}", id.get_ref()),
            };
            let header = match parent {
                Some(org) => format!("[organization.{org}.contact.{}]", id.get_ref()),
                None => format!("[{kind}.{}]", id.get_ref()),
            };
            self.keys(table, kind, &prefix, &header);
        }
    }

    fn keys(&mut self, table: &DeTable<'_>, kind: &'static str, prefix: &str, header: &str) {
        let allowed = allowed(kind);
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            let Some(&name) = allowed.iter().find(|k| **k == name) else {
                self.unknown(key, header, allowed);
                continue;
            };
            if name == "contact" {
                let org = prefix.strip_prefix("organization.").unwrap_or(prefix);
                self.by_id(key, value, "contact", Some(org));
                continue;
            }
            let comments = comments_above(&self.file.text, key.span().start);
            let value = if LISTS.contains(&name) {
                let Some(list) = self.list(name, value) else {
                    continue;
                };
                Value::Many(list)
            } else if let DeValue::String(text) = value.get_ref() {
                Value::One(Spanned::new(value.span(), text.to_string()))
            } else {
                let message = format!("`{name}` must be a text in quotes");
                self.error(value.span(), message);
                continue;
            };
            if kind == "guide" && name == "language" {
                if let Value::One(text) = value {
                    self.read.language = Some(text);
                }
                continue;
            }
            self.read.texts.push(Written {
                key: format!("{prefix}.{name}"),
                name,
                span: key.span(),
                value,
                comments,
            });
        }
    }

    fn list(&mut self, name: &str, value: &Spanned<DeValue<'_>>) -> Option<Spanned<Vec<Text>>> {
        let DeValue::Array(items) = value.get_ref() else {
            let message =
                format!("`{name}` must be a list of texts, like the guide's: [\"…\", \"…\"]");
            self.error(value.span(), message);
            return None;
        };
        let mut texts = Vec::new();
        for item in items {
            if let DeValue::String(text) = item.get_ref() {
                texts.push(Spanned::new(item.span(), text.to_string()));
            } else {
                let message = format!("each item of `{name}` must be a text in quotes");
                self.error(item.span(), message);
            }
        }
        Some(Spanned::new(value.span(), texts))
    }

    fn unknown(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        header: &str,
        allowed: &[&'static str],
    ) {
        let name = key.get_ref().as_ref();
        let from_guide = untranslated_key(name);
        let message = if from_guide {
            format!("`{name}` is not translated: it comes from the guide")
        } else {
            format!("`{name}` is not a text of {header}")
        };
        let texts: Vec<&str> = allowed
            .iter()
            .copied()
            .filter(|k| *k != "contact")
            .collect();
        let diagnostic = self.error(key.span(), message);
        if from_guide {
            diagnostic.hints.push(
                "numbers, addresses, kinds, dates, ids and order are the guide's, the same in every language; remove this line".into(),
            );
        } else if let Some(best) = did_you_mean(name, texts.iter().copied()) {
            diagnostic.hints.push(format!("did you mean `{best}`?"));
        }
        diagnostic
            .hints
            .push(format!("{header} translates: {}", texts.join(", ")));
    }
}

/// The kind of table, as a static name.
fn allowed_kind(name: &str) -> &'static str {
    TABLES
        .iter()
        .map(|(kind, _)| *kind)
        .find(|kind| *kind == name)
        .unwrap_or("edition")
}

/// The keys a table of this kind translates.
pub fn allowed(kind: &str) -> &'static [&'static str] {
    TABLES
        .iter()
        .find(|(name, _)| *name == kind)
        .map_or(&[], |(_, keys)| keys)
}

/// Whether a table of the guide has the key, which is not translated (`value`, `id`).
fn untranslated_key(name: &str) -> bool {
    super::raw::ALL
        .iter()
        .any(|schema| !schema.is_top_level() && schema.key(name).is_some())
}

/// The comment lines right above the line at `offset`, without their `#` and one space,
/// top to bottom; a blank or other line ends them.
pub fn comments_above(text: &str, offset: usize) -> Vec<String> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut lines: Vec<String> = text[..line_start]
        .lines()
        .rev()
        .map_while(|line| {
            let line = line.trim_start();
            let comment = line.strip_prefix('#')?;
            Some(
                comment
                    .strip_prefix(' ')
                    .unwrap_or(comment)
                    .trim_end()
                    .to_owned(),
            )
        })
        .collect();
    lines.reverse();
    lines
}

impl SourceTranslation {
    /// The translation's texts in the shape of a guide source, so that what scans a
    /// guide's texts (which characters the PDF can print) scans them too.
    pub fn as_guide(&self) -> SourceGuide {
        let mut guide = SourceGuide::default();
        let mut table = GuideTable::default();
        let one = |w: &Written| match &w.value {
            Value::One(text) => Some(text.clone()),
            Value::Many(_) => None,
        };
        let many = |w: &Written| match &w.value {
            Value::Many(list) => list.get_ref().clone(),
            Value::One(_) => Vec::new(),
        };
        let mut by_id: Vec<(String, usize)> = Vec::new();
        for written in &self.texts {
            let parts: Vec<&str> = written.key.split('.').collect();
            match parts.as_slice() {
                ["guide", _] => {
                    let slot = match written.name {
                        "title" => &mut table.title,
                        "subtitle" => &mut table.subtitle,
                        "publisher" => &mut table.publisher,
                        "edition" => &mut table.edition,
                        "intro" => &mut table.intro,
                        "closing" => &mut table.closing,
                        _ => &mut table.emergency,
                    };
                    *slot = one(written);
                }
                ["section", id, _] => {
                    let section = SectionTable {
                        id: Some(Spanned::new(written.span.clone(), (*id).to_owned())),
                        title: (written.name == "title").then(|| one(written)).flatten(),
                        intro: (written.name == "intro").then(|| one(written)).flatten(),
                    };
                    guide
                        .section
                        .push(Spanned::new(written.span.clone(), section));
                }
                ["card", id, _] => {
                    let card = CardTable {
                        id: Some(Spanned::new(written.span.clone(), (*id).to_owned())),
                        title: (written.name == "title").then(|| one(written)).flatten(),
                        note: (written.name == "note").then(|| one(written)).flatten(),
                        contacts: None,
                    };
                    guide.card.push(Spanned::new(written.span.clone(), card));
                }
                ["organization", id, rest @ ..] => {
                    let at = if let Some((_, at)) = by_id.iter().find(|(o, _)| o == id) {
                        *at
                    } else {
                        let org = OrganizationTable {
                            id: Some(Spanned::new(written.span.clone(), (*id).to_owned())),
                            ..OrganizationTable::default()
                        };
                        guide
                            .organization
                            .push(Spanned::new(written.span.clone(), org));
                        by_id.push(((*id).to_owned(), guide.organization.len() - 1));
                        guide.organization.len() - 1
                    };
                    let org = guide.organization[at].get_mut();
                    match rest {
                        ["contact", contact, _] => {
                            let table = ContactTable {
                                id: Some(Spanned::new(written.span.clone(), (*contact).to_owned())),
                                label: (written.name == "label").then(|| one(written)).flatten(),
                                hours: (written.name == "hours").then(|| one(written)).flatten(),
                                regions: if written.name == "regions" {
                                    many(written)
                                } else {
                                    Vec::new()
                                },
                                ..ContactTable::default()
                            };
                            org.contact.push(Spanned::new(written.span.clone(), table));
                        }
                        [_] => match written.name {
                            "name" => org.name = one(written),
                            "short_name" => org.short_name = one(written),
                            "summary" => org.summary = one(written),
                            "about" => org.about = one(written),
                            "services_intro" => org.services_intro = one(written),
                            "services" => org.services = many(written),
                            _ => org.closing = one(written),
                        },
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        guide.guide = Some(Spanned::new(self.guide.clone().unwrap_or(0..0), table));
        guide
    }
}
