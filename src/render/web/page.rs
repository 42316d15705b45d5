//! The page itself: its data, and the template that renders it.

use minijinja::value::Serde;
use minijinja::{Value, context};
use serde::Serialize;

use super::glance;
use crate::diag::Diagnostic;
use crate::model::{Guide, Organization, Section};
use crate::render::RenderContext;
use crate::render::templating::{markup_environment, same_language, template_diagnostic};
use crate::render::words::Words;

/// The page's template, relative to the template folder.
pub(super) const TEMPLATE: &str = "web/page.html.j2";

/// The organizations of one section, or of the whole guide when it has no sections.
#[derive(Serialize)]
struct Group<'g> {
    section: Option<&'g Section>,
    organizations: Vec<&'g Organization>,
}

/// What the template receives.
pub(super) fn context(guide: &Guide, words: &Words) -> Value {
    let groups: Vec<Group<'_>> = if guide.sections.is_empty() {
        vec![Group {
            section: None,
            organizations: guide.organizations.iter().collect(),
        }]
    } else {
        guide
            .sections
            .iter()
            .map(|section| Group {
                section: Some(section),
                organizations: guide
                    .organizations
                    .iter()
                    .filter(|o| o.section.as_deref() == Some(section.id.as_str()))
                    .collect(),
            })
            .collect()
    };
    context! {
        guide => Value::from(Serde(guide)),
        lang => &guide.language,
        dir => guide.direction,
        words => Value::from(Serde(words)),
        words_foreign => !same_language(&words.lang, &guide.language),
        glance => Value::from(Serde(glance::contacts(guide))),
        groups => Value::from(Serde(&groups)),
    }
}

/// The page's HTML.
pub(super) fn render(cx: &RenderContext<'_>, words: &Words) -> Result<String, Diagnostic> {
    let env = markup_environment(cx.templates);
    env.get_template(TEMPLATE)
        .and_then(|template| template.render(context(cx.guide, words)))
        .map_err(|error| template_diagnostic(cx.templates, &error))
}
