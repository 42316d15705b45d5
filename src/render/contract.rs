//! The template data contract, pinned: the data every template receives, as key paths
//! with their types, must be the lists in `templates/README.md`.
//!
//! The data is what the renderers really hand their templates, for guides that between
//! them fill every field (sections, vanity numbers, SMS, cards). Shared shapes (the
//! guide, an organization, a contact, a card, the words) are listed once under their
//! name and named where they recur; rich text is described in prose.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;

use super::RenderContext;
use crate::config::{BuildConfig, Settings};
use crate::render::words::Words;
use crate::sandbox::Root;

/// The guides whose data is listed, relative to the repository.
const GUIDES: [&str; 3] = [
    "tests/fixtures/crisis-lines.toml",
    "tests/fixtures/epub-sections.toml",
    "source/guide.toml",
];

/// A guide with only what a guide must have, so that every optional value shows as such.
const MINIMAL: &str = r#"
[guide]
id = "minimal"
title = "Minimal"
language = "en"
date = 2024-01-01

[[organization]]
id = "one"
name = "One"
summary = "The only one."
about = "About it."

[[organization.contact]]
id = "call"
kind = "phone"
label = "Call"
value = "988"

[[card]]
id = "card"
title = "Card"
contacts = ["one.call"]
"#;

/// The context every EPUB minijinja template receives; the nav receives only it.
const EPUB_BASE: &str = "epub base";
/// The nav's template.
const NAV: &str = "epub/nav.xhtml.j2";

/// Maps whose keys depend on the guide: their values are listed under `*`.
const KEYED_BY_GUIDE: [&str; 4] = ["qr", "languages", "shown.dates", "shown.languages"];

/// Where the README marks the start of a list.
const MARK: &str = "<!-- data: ";

/// Key path → the types seen there.
type Shape = BTreeMap<String, BTreeSet<&'static str>>;

/// Shared shapes by name, with every value of that shape in the guides.
type Named = Vec<(&'static str, Vec<Value>)>;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every template's name and data, for one guide, and the shared shapes in it.
fn template_data(name: &str, text: &str, templates: &Root) -> (Vec<(String, Value)>, Named) {
    let source = crate::source::source_from_bytes(name.to_owned(), text.as_bytes().to_vec());
    let loaded = crate::pipeline::check_source(source.unwrap()).expect("the guide is valid");
    let config = BuildConfig::resolve(
        PathBuf::from(name),
        None,
        PathBuf::new(),
        &Settings::default(),
        &loaded.checked.settings,
    );
    let cx = RenderContext {
        guide: &loaded.checked.guide,
        source: &loaded.source,
        config: &config,
        templates,
        card_back: None,
    };
    let words = Words::load(&cx).unwrap();
    let (pamphlet, _) = super::pdf::pamphlet_data(&cx, &words).expect("the pamphlet's data");
    let mut data = vec![(
        super::pdf::TEMPLATE.to_owned(),
        serde_json::to_value(pamphlet).unwrap(),
    )];
    data.extend(super::epub::template_data(&cx));
    let set = super::cards::CardSet::render(&cx, &words).expect("the cards render");
    data.extend(super::cards::template_data(&cx, &set));
    data.push(super::card_sheet::template_data(&cx, &set));
    data.extend(super::web::template_data(&cx));
    data.extend(super::sms::template_data(&cx, &words));
    let nav = &data.iter().find(|(name, _)| name == NAV).expect("a nav").1;
    (data.clone(), named(&cx, &words, nav))
}

/// Every entry of the EPUB's table of contents and of its contents page, children too.
fn toc_entries(entries: &Value, all: &mut Vec<Value>) {
    for entry in entries.as_array().into_iter().flatten() {
        all.push(entry.clone());
        toc_entries(&entry["children"], all);
    }
}

fn named(cx: &RenderContext<'_>, words: &Words, nav: &Value) -> Named {
    let guide = cx.guide;
    let mut richtext: Vec<Value> = Vec::new();
    let mut add = |text: Option<&crate::model::richtext::RichText>| {
        richtext.extend(text.map(|t| serde_json::to_value(t).unwrap()));
    };
    add(guide.intro.as_ref());
    add(guide.closing.as_ref());
    for section in &guide.sections {
        add(section.intro.as_ref());
    }
    for org in &guide.organizations {
        add(Some(&org.about));
        add(org.closing.as_ref());
        org.services.iter().for_each(|s| add(Some(s)));
    }
    vec![
        ("guide", vec![json(guide)]),
        ("words", vec![json(words)]),
        ("section", guide.sections.iter().map(json).collect()),
        (
            "organization",
            guide.organizations.iter().map(json).collect(),
        ),
        (
            "contact",
            guide
                .organizations
                .iter()
                .flat_map(|o| &o.contacts)
                .map(json)
                .collect(),
        ),
        ("card", guide.cards.iter().map(json).collect()),
        ("toc entry", {
            let mut entries = Vec::new();
            toc_entries(&nav["toc"], &mut entries);
            toc_entries(&nav["body"], &mut entries);
            entries
        }),
        ("richtext", richtext),
    ]
}

fn json(value: &impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap()
}

/// Records the key paths under `value` and their types; a shared shape is named, not
/// walked (except at the root, which is the shape being listed).
fn walk(value: &Value, path: &str, named: &Named, root: bool, shape: &mut Shape) {
    let shared = named.iter().find(|(_, values)| values.contains(value));
    if let Some((name, _)) = shared.filter(|_| !root && !value.is_null()) {
        shape.entry(path.to_owned()).or_default().insert(name);
        return;
    }
    let kind = match value {
        Value::Null => "none",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "map",
    };
    if !root {
        shape.entry(path.to_owned()).or_default().insert(kind);
    }
    let child = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        Value::Array(items) => {
            for item in items {
                walk(item, &format!("{path}[]"), named, false, shape);
            }
        }
        Value::Object(map) if KEYED_BY_GUIDE.contains(&path) => {
            for item in map.values() {
                walk(item, &child("*"), named, false, shape);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                walk(item, &child(key), named, false, shape);
            }
        }
        _ => {}
    }
}

/// An EPUB minijinja template's context without the keys of the base, which it names as
/// `*`; other templates' data as it is.
fn beyond_base(template: &str, value: &Value, base: &Value) -> Value {
    let (Some(context), Some(base)) = (value.as_object(), base.as_object()) else {
        return value.clone();
    };
    if !(template.starts_with("epub/") && template.ends_with(".j2")) {
        return value.clone();
    }
    let mut own: serde_json::Map<String, Value> = context
        .iter()
        .filter(|(key, _)| !base.contains_key(*key))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    own.insert("*".into(), Value::String(EPUB_BASE.into()));
    Value::Object(own)
}

/// A shape as the README lists it: `path: type or type`, `none` last.
fn lines(shape: &Shape) -> Vec<String> {
    shape
        .iter()
        .map(|(path, kinds)| {
            let mut kinds: Vec<&str> = kinds.iter().copied().filter(|k| *k != "none").collect();
            if shape[path].contains("none") {
                kinds.push("none");
            }
            format!("{path}: {}", kinds.join(" or "))
        })
        .collect()
}

/// Every list the data gives, by name, in the order the README has them.
fn derived() -> Vec<(String, Vec<String>)> {
    let templates = Root::new(&repo().join("templates")).unwrap();
    let mut shapes: Vec<(String, Shape)> = Vec::new();
    let mut merge = |name: &str, value: &Value, named: &Named, root: bool| {
        let at = if let Some(at) = shapes.iter().position(|(n, _)| n == name) {
            at
        } else {
            shapes.push((name.to_owned(), Shape::new()));
            shapes.len() - 1
        };
        walk(value, "", named, root, &mut shapes[at].1);
    };
    let mut guides: Vec<(String, String)> = GUIDES
        .iter()
        .map(|path| {
            (
                path.to_string(),
                std::fs::read_to_string(repo().join(path)).unwrap(),
            )
        })
        .collect();
    // No guide at hand says when a contact was checked, which languages it answers in
    // (one with no catalog and no name), or where its latest version is.
    guides[0].1 = guides[0]
        .1
        .replacen(
            "value = \"988\"\n",
            "value = \"988\"\nverified = 2024-03-05\nlanguages = [\"es\", \"xx\"]\n",
            1,
        )
        .replacen(
            "edition = \"Fall 2024\"\n",
            "edition = \"Fall 2024\"\nweb_url = \"https://lakeview.example.org/help-lines\"\n",
            1,
        );
    guides.push(("minimal.toml".into(), MINIMAL.into()));
    for (name, text) in &guides {
        let (data, mut named) = template_data(name, text, &templates);
        // The `*` that stands for the EPUB base in each EPUB template's list.
        named.push((EPUB_BASE, vec![Value::String(EPUB_BASE.into())]));
        for (name, values) in named.iter().filter(|(name, _)| *name != "richtext") {
            for value in values {
                merge(name, value, &named, true);
            }
        }
        let base = data.iter().find(|(name, _)| name == NAV).unwrap().1.clone();
        merge(EPUB_BASE, &base, &named, true);
        for (template, value) in &data {
            merge(template, &beyond_base(template, value, &base), &named, true);
        }
    }
    shapes
        .into_iter()
        .map(|(name, shape)| (name, lines(&shape)))
        .collect()
}

/// The lists in the README: after each `<!-- data: NAME -->`, the fenced block's lines,
/// each without the description after ` — `.
fn documented(readme: &str) -> Vec<(String, Vec<String>)> {
    let mut lists = Vec::new();
    let mut rest = readme;
    while let Some(at) = rest.find(MARK) {
        rest = &rest[at + MARK.len()..];
        let name = rest[..rest.find(" -->").expect("a closed mark")].to_owned();
        let open = rest.find("```").expect("a fenced list after the mark");
        let body = &rest[open..];
        let body = &body[body.find('\n').unwrap() + 1..];
        let close = body.find("```").expect("a closed fence");
        let lines = body[..close]
            .lines()
            .map(|line| line.split(" — ").next().unwrap().trim().to_owned())
            .filter(|line| !line.is_empty())
            .collect();
        lists.push((name, lines));
        rest = &body[close..];
    }
    lists
}

#[test]
fn the_readme_lists_exactly_the_data_the_templates_receive() {
    let readme = std::fs::read_to_string(repo().join("templates/README.md")).unwrap();
    let documented = documented(&readme);
    let derived = derived();
    let mut problems = String::new();
    for (name, lines) in &derived {
        match documented.iter().find(|(n, _)| n == name) {
            Some((_, listed)) if listed == lines => {}
            _ => problems.push_str(&format!(
                "\n{MARK}{name} -->\n```text\n{}\n```\n",
                lines.join("\n")
            )),
        }
    }
    for (name, _) in &documented {
        if !derived.iter().any(|(n, _)| n == name) {
            problems.push_str(&format!(
                "\nno template receives `{name}`: remove its list\n"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "the data the templates receive differs from templates/README.md; if the change \
         is meant, update these lists there (keeping their descriptions):\n{problems}"
    );
}
