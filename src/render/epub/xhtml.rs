//! The EPUB's text files, rendered from the minijinja templates in `templates/epub/`.
//!
//! Every XHTML document, the nav and the NCX come from a template; the words the book adds
//! around the guide's own text ("Contents", "Phone", …) come from the template folder's
//! `labels/<lang>.toml`, so a guide in another language can have them translated without touching
//! code.

use minijinja::value::Serde;
use minijinja::{Environment, Value, context};

use super::cover::{self, CoverText};
use super::plan::{Document, Kind, Plan};
use crate::diag::Diagnostic;
use crate::model::Guide;
use crate::render::templating::{markup_environment, same_language, template_diagnostic};
use crate::render::words::Words;
use crate::sandbox::Root;

/// The stylesheet, relative to the template folder.
pub(super) const STYLESHEET: &str = "epub/style.css";
/// The navigation document's template.
const NAV: &str = "epub/nav.xhtml.j2";
/// The NCX's template.
const NCX: &str = "epub/toc.ncx.j2";
/// Where epub-builder puts the stylesheet in the package (its name is fixed).
pub(super) const STYLESHEET_HREF: &str = "stylesheet.css";

/// The text files of one book.
pub(super) struct Rendered {
    /// Each spine document with its XHTML, in reading order.
    pub documents: Vec<(Document, String)>,
    /// The navigation document.
    pub nav: String,
    /// The NCX, for EPUB 2 reading systems.
    pub ncx: String,
    /// The stylesheet.
    pub stylesheet: Vec<u8>,
}

/// The EPUB templates of one template folder, ready to render one guide.
pub(super) struct Templates<'a> {
    env: Environment<'static>,
    root: &'a Root,
    guide: &'a Guide,
    words: Words,
}

impl<'a> Templates<'a> {
    /// Prepares the environment and reads the words.
    pub(super) fn load(root: &'a Root, guide: &'a Guide, words: &Words) -> Self {
        let env = markup_environment(root);
        Self {
            env,
            root,
            guide,
            words: words.clone(),
        }
    }

    /// The built-in words.
    pub(super) fn words(&self) -> &Words {
        &self.words
    }

    /// Renders every document of `plan`, the nav and the NCX (`identifier` is its
    /// `dtb:uid`); `cover` is what the cover image shows, if there is one.
    pub(super) fn render(
        &self,
        plan: &Plan,
        identifier: &str,
        cover: Option<&CoverText>,
    ) -> Result<Rendered, Diagnostic> {
        let base = self.base_context(plan, cover);
        let mut documents = Vec::new();
        for document in &plan.documents {
            let (template, context) = self.document_context(document, &base);
            let xhtml = self.render_template(template, context)?;
            documents.push((document.clone(), xhtml));
        }
        let nav = self.render_template(NAV, base.clone())?;
        let ncx = self.render_template(NCX, ncx_context(plan, identifier, &base))?;
        let stylesheet = self.root.read(STYLESHEET).map_err(|e| {
            Diagnostic::bare(format!(
                "cannot read the EPUB stylesheet `{STYLESHEET}` ({e})"
            ))
            .with_hint(format!(
                "the template folder is `{}`",
                self.root.shown().display()
            ))
        })?;
        Ok(Rendered {
            documents,
            nav,
            ncx,
            stylesheet,
        })
    }

    fn base_context(&self, plan: &Plan, cover: Option<&CoverText>) -> Value {
        let guide = self.guide;
        let cover =
            cover.map(|text| context! { href => cover::IMAGE_HREF, ..Value::from(Serde(text)) });
        context! {
            guide => Value::from(Serde(guide)),
            lang => &guide.language,
            dir => guide.direction,
            words => Value::from(Serde(&self.words)),
            words_foreign => !same_language(&self.words.lang, &guide.language),
            stylesheet => STYLESHEET_HREF,
            toc => Value::from(Serde(&plan.toc)),
            body => Value::from(Serde(&plan.body)),
            landmarks => Value::from(Serde(&plan.landmarks)),
            cover,
        }
    }

    /// Every template's name and context, in the order they are rendered (for the test
    /// that pins the data contract).
    #[cfg(test)]
    pub(super) fn contexts(
        &self,
        plan: &Plan,
        identifier: &str,
        cover: Option<&CoverText>,
    ) -> Vec<(&'static str, Value)> {
        let base = self.base_context(plan, cover);
        let mut contexts: Vec<_> = plan
            .documents
            .iter()
            .map(|document| self.document_context(document, &base))
            .collect();
        contexts.push((NAV, base.clone()));
        contexts.push((NCX, ncx_context(plan, identifier, &base)));
        contexts
    }

    /// The template of one document, and what it receives.
    fn document_context(&self, document: &Document, base: &Value) -> (&'static str, Value) {
        let guide = self.guide;
        let doc = context! { file => &document.file, title => &document.title };
        let base = base.clone();
        match document.kind {
            Kind::Cover => ("epub/cover.xhtml.j2", context! { document => doc, ..base }),
            Kind::TitlePage => ("epub/title.xhtml.j2", context! { document => doc, ..base }),
            Kind::Contents => (
                "epub/contents.xhtml.j2",
                context! { document => doc, ..base },
            ),
            Kind::Closing => (
                "epub/closing.xhtml.j2",
                context! { document => doc, ..base },
            ),
            Kind::Organization(index) => {
                let organization = Value::from(Serde(&guide.organizations[index]));
                (
                    "epub/organization.xhtml.j2",
                    context! { document => doc, organization, ..base },
                )
            }
            Kind::Section(index) => {
                let section = &guide.sections[index];
                let members: Vec<_> = guide
                    .organizations
                    .iter()
                    .filter(|o| o.section.as_deref() == Some(&section.id))
                    .collect();
                let context = context! {
                    document => doc,
                    section => Value::from(Serde(section)),
                    organizations => Value::from(Serde(&members)),
                    ..base
                };
                ("epub/section.xhtml.j2", context)
            }
        }
    }

    fn render_template(&self, name: &str, context: Value) -> Result<String, Diagnostic> {
        self.env
            .get_template(name)
            .and_then(|template| template.render(context))
            .map_err(|error| template_diagnostic(self.root, &error))
    }
}

/// The NCX's context: the base, its `dtb:uid` and the depth of the table of contents.
fn ncx_context(plan: &Plan, identifier: &str, base: &Value) -> Value {
    let depth = if plan.toc.iter().any(|e| !e.children.is_empty()) {
        2
    } else {
        1
    };
    context! { identifier, depth, ..base.clone() }
}
