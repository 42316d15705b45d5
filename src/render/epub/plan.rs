//! The book's shape: its documents in reading order, the table of contents and the
//! landmarks, decided once so that the spine, the nav, the NCX and the contents page agree.

use serde::Serialize;

use crate::model::Guide;
use crate::render::words::Words;

/// The cover page.
pub(super) const COVER_FILE: &str = "cover.xhtml";
/// The title page.
pub(super) const TITLE_FILE: &str = "title.xhtml";
/// The contents page in the reading order.
pub(super) const CONTENTS_FILE: &str = "contents.xhtml";
/// The guide's closing text.
pub(super) const CLOSING_FILE: &str = "closing.xhtml";

/// What a document shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// The cover image.
    Cover,
    /// Title, edition, emergency line and introduction.
    TitlePage,
    /// Every section and organization, with summaries.
    Contents,
    /// One organization (guides without sections); the index into `guide.organizations`.
    Organization(usize),
    /// One section and its organizations; the index into `guide.sections`.
    Section(usize),
    /// The guide's closing text.
    Closing,
}

/// One XHTML document of the spine.
#[derive(Debug, Clone)]
pub(super) struct Document {
    /// File name inside the package folder.
    pub file: String,
    /// What it shows.
    pub kind: Kind,
    /// Its title, as plain text.
    pub title: String,
}

/// One line of the table of contents.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Entry {
    /// Plain-text title.
    pub title: String,
    /// An organization's abbreviation.
    pub short_name: Option<String>,
    /// An organization's one-line summary.
    pub summary: Option<String>,
    /// Link target, relative to the package folder.
    pub href: String,
    /// Position in reading order, from 1 (the NCX's `playOrder`).
    pub order: usize,
    /// Organizations of a section.
    pub children: Vec<Entry>,
}

/// A landmark of the nav document (`epub:type` and target).
#[derive(Debug, Clone, Serialize)]
pub(super) struct Landmark {
    /// The structural semantics: `cover`, `titlepage`, `toc` or `bodymatter`.
    pub kind: &'static str,
    /// Link target.
    pub href: String,
    /// Its label.
    pub title: String,
}

/// The whole book's structure.
#[derive(Debug, Clone)]
pub(super) struct Plan {
    /// Documents in reading order.
    pub documents: Vec<Document>,
    /// The sections or organizations, as the contents page lists them.
    pub body: Vec<Entry>,
    /// The full table of contents of the nav and the NCX.
    pub toc: Vec<Entry>,
    /// Where the reading system's "go to" menu leads.
    pub landmarks: Vec<Landmark>,
}

/// The document of one organization when the guide has no sections.
pub(super) fn organization_file(id: &str) -> String {
    format!("org-{id}.xhtml")
}

/// The document of one section.
pub(super) fn section_file(id: &str) -> String {
    format!("section-{id}.xhtml")
}

/// The element id of an organization inside its document.
pub(super) fn organization_anchor(id: &str) -> String {
    format!("org-{id}")
}

impl Plan {
    /// Lays out the book of `guide`, with a cover page when `cover` is true.
    pub(super) fn new(guide: &Guide, words: &Words, cover: bool) -> Self {
        let body = body_entries(guide);
        let mut documents = Vec::new();
        if cover {
            documents.push(document(COVER_FILE, Kind::Cover, &words.book.cover));
        }
        documents.push(document(TITLE_FILE, Kind::TitlePage, &guide.title));
        documents.push(document(
            CONTENTS_FILE,
            Kind::Contents,
            &words.book.contents,
        ));
        documents.extend(body_documents(guide));
        if guide.closing.is_some() {
            documents.push(document(CLOSING_FILE, Kind::Closing, &words.book.closing));
        }
        let mut toc = vec![
            entry(&guide.title, TITLE_FILE),
            entry(&words.book.contents, CONTENTS_FILE),
        ];
        toc.extend(body.iter().cloned());
        if guide.closing.is_some() {
            toc.push(entry(&words.book.closing, CLOSING_FILE));
        }
        number(&mut toc, &mut 0);
        let body = toc
            .iter()
            .filter(|e| body.iter().any(|b| b.href == e.href))
            .cloned()
            .collect();
        let landmarks = landmarks(&documents, words);
        Self {
            documents,
            body,
            toc,
            landmarks,
        }
    }
}

fn document(file: &str, kind: Kind, title: &str) -> Document {
    Document {
        file: file.to_owned(),
        kind,
        title: title.to_owned(),
    }
}

fn entry(title: &str, href: &str) -> Entry {
    Entry {
        title: title.to_owned(),
        short_name: None,
        summary: None,
        href: href.to_owned(),
        order: 0,
        children: Vec::new(),
    }
}

fn body_documents(guide: &Guide) -> Vec<Document> {
    if guide.sections.is_empty() {
        let orgs = guide.organizations.iter().enumerate();
        orgs.map(|(i, org)| {
            document(
                &organization_file(&org.id),
                Kind::Organization(i),
                &org.name,
            )
        })
        .collect()
    } else {
        let sections = guide.sections.iter().enumerate();
        sections
            .map(|(i, s)| document(&section_file(&s.id), Kind::Section(i), &s.title))
            .collect()
    }
}

fn body_entries(guide: &Guide) -> Vec<Entry> {
    let organization = |org: &crate::model::Organization, href: String| Entry {
        short_name: org.short_name.clone(),
        summary: Some(org.summary.clone()),
        ..entry(&org.name, &href)
    };
    if guide.sections.is_empty() {
        return guide
            .organizations
            .iter()
            .map(|org| organization(org, organization_file(&org.id)))
            .collect();
    }
    let section = |s: &crate::model::Section| {
        let file = section_file(&s.id);
        let members = guide
            .organizations
            .iter()
            .filter(|org| org.section.as_deref() == Some(&s.id));
        let children = members
            .map(|org| organization(org, format!("{file}#{}", organization_anchor(&org.id))))
            .collect();
        Entry {
            children,
            ..entry(&s.title, &file)
        }
    };
    guide.sections.iter().map(section).collect()
}

// The NCX wants every navPoint numbered in reading order, parents before children.
fn number(entries: &mut [Entry], next: &mut usize) {
    for entry in entries {
        *next += 1;
        entry.order = *next;
        number(&mut entry.children, next);
    }
}

fn landmarks(documents: &[Document], words: &Words) -> Vec<Landmark> {
    let mut landmarks = Vec::new();
    let mut add = |kind, href: &str, title: &str| {
        landmarks.push(Landmark {
            kind,
            href: href.to_owned(),
            title: title.to_owned(),
        });
    };
    for doc in documents {
        match doc.kind {
            Kind::Cover => add("cover", &doc.file, &words.book.cover),
            Kind::TitlePage => add("titlepage", &doc.file, &words.book.title_page),
            Kind::Contents => add("toc", &doc.file, &words.book.contents),
            _ => {}
        }
    }
    let first_body = documents
        .iter()
        .find(|d| matches!(d.kind, Kind::Organization(_) | Kind::Section(_)));
    if let Some(doc) = first_body {
        add("bodymatter", &doc.file, &words.book.start);
    }
    landmarks
}
