//! The EPUB's text files, rendered from the minijinja templates in `templates/epub/`.
//!
//! Every XHTML document, the nav and the NCX come from a template; the words the book adds
//! around the guide's own text ("Contents", "Phone", …) come from `epub/labels.j2`, so a
//! guide in another language can have them translated without touching code.

use minijinja::value::{Serde, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Value, context};
use serde::Deserialize;

use super::cover::{self, CoverText};
use super::plan::{Document, Kind, Plan, Titles};
use super::richtext;
use crate::diag::Diagnostic;
use crate::model::Guide;
use crate::render::templating::{environment, template_diagnostic};
use crate::sandbox::Root;

/// The labels file, relative to the template folder.
pub const LABELS: &str = "epub/labels.j2";
/// The stylesheet, relative to the template folder.
pub const STYLESHEET: &str = "epub/style.css";
/// Where epub-builder puts the stylesheet in the package (its name is fixed).
pub const STYLESHEET_HREF: &str = "stylesheet.css";

/// The words the book adds around the guide's text, and their language.
#[derive(Debug, Clone, Deserialize)]
pub struct Labels {
    /// BCP 47 language of the labels.
    pub lang: String,
    /// The cover page.
    pub cover: String,
    /// The title page's landmark.
    pub title_page: String,
    /// The table of contents.
    pub contents: String,
    /// The landmark where the guide itself begins.
    pub start: String,
    /// The heading of the guide's closing text.
    pub closing: String,
    /// The package's `schema:accessibilitySummary`.
    pub accessibility_summary: String,
    /// What the summary adds when the book has a cover image.
    pub accessibility_summary_cover: String,
    // Every label, for the templates (which may use more than the ones above).
    #[serde(skip)]
    all: Value,
}

/// The text files of one book.
pub struct Rendered {
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
pub struct Templates<'a> {
    env: Environment<'static>,
    root: &'a Root,
    guide: &'a Guide,
    labels: Labels,
}

impl Labels {
    /// Whether the labels are in the primary language of `tag` (`en` labels suit `en-US`).
    pub fn same_language_as(&self, tag: &str) -> bool {
        same_language(&self.lang, tag)
    }

    /// The names of the book's own documents and landmarks.
    pub fn titles(&self) -> Titles<'_> {
        Titles {
            cover: &self.cover,
            title_page: &self.title_page,
            contents: &self.contents,
            start: &self.start,
            closing: &self.closing,
        }
    }
}

impl<'a> Templates<'a> {
    /// Prepares the environment and reads the labels.
    pub fn load(root: &'a Root, guide: &'a Guide) -> Result<Self, Diagnostic> {
        let mut env = environment(root);
        env.set_formatter(xml_formatter);
        env.add_filter("richtext", richtext::filter);
        let labels = read_labels(&env, root)?;
        Ok(Self {
            env,
            root,
            guide,
            labels,
        })
    }

    /// The labels.
    pub fn labels(&self) -> &Labels {
        &self.labels
    }

    /// Renders every document of `plan`, the nav and the NCX (`identifier` is its
    /// `dtb:uid`); `cover` is what the cover image shows, if there is one.
    pub fn render(
        &self,
        plan: &Plan,
        identifier: &str,
        cover: Option<&CoverText>,
    ) -> Result<Rendered, Diagnostic> {
        let base = self.base_context(plan, cover);
        let mut documents = Vec::new();
        for document in &plan.documents {
            let xhtml = self.render_document(document, &base)?;
            documents.push((document.clone(), xhtml));
        }
        let nav = self.render_template("epub/nav.xhtml.j2", base.clone())?;
        let depth = if plan.toc.iter().any(|e| !e.children.is_empty()) {
            2
        } else {
            1
        };
        let ncx_context = context! { identifier, depth, ..base };
        let ncx = self.render_template("epub/toc.ncx.j2", ncx_context)?;
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
            labels => self.labels.all.clone(),
            labels_foreign => !self.labels.same_language_as(&guide.language),
            stylesheet => STYLESHEET_HREF,
            toc => Value::from(Serde(&plan.toc)),
            body => Value::from(Serde(&plan.body)),
            landmarks => Value::from(Serde(&plan.landmarks)),
            cover,
        }
    }

    fn render_document(&self, document: &Document, base: &Value) -> Result<String, Diagnostic> {
        let guide = self.guide;
        let doc = context! { file => &document.file, title => &document.title };
        let base = base.clone();
        match document.kind {
            Kind::Cover => {
                self.render_template("epub/cover.xhtml.j2", context! { document => doc, ..base })
            }
            Kind::TitlePage => {
                self.render_template("epub/title.xhtml.j2", context! { document => doc, ..base })
            }
            Kind::Contents => self.render_template(
                "epub/contents.xhtml.j2",
                context! { document => doc, ..base },
            ),
            Kind::Closing => self.render_template(
                "epub/closing.xhtml.j2",
                context! { document => doc, ..base },
            ),
            Kind::Organization(index) => {
                let organization = Value::from(Serde(&guide.organizations[index]));
                self.render_template(
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
                self.render_template("epub/section.xhtml.j2", context)
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

/// Evaluates `epub/labels.j2` and collects the values it sets.
fn read_labels(env: &Environment<'static>, root: &Root) -> Result<Labels, Diagnostic> {
    let captured = env
        .get_template(LABELS)
        .and_then(|template| template.render_captured(()))
        .map_err(|error| template_diagnostic(root, &error))?;
    let state = captured.state();
    let exports = state
        .exports()
        .into_iter()
        .filter_map(|name| Some((name.to_owned(), state.lookup(name)?)));
    let all = Value::from(exports.collect::<std::collections::BTreeMap<_, _>>());
    let mut labels = Labels::deserialize(all.clone()).map_err(|error| {
        Diagnostic::bare(format!(
            "the EPUB labels are incomplete ({})",
            error.detail().unwrap_or("")
        ))
        .with_hint(format!(
            "set every label in `{}`",
            root.shown().join(LABELS).display()
        ))
    })?;
    labels.all = all;
    Ok(labels)
}

/// Whether two language tags share their primary language (`en-US` and `en` do).
fn same_language(a: &str, b: &str) -> bool {
    let primary = |tag: &str| tag.split('-').next().unwrap_or("").to_ascii_lowercase();
    primary(a) == primary(b)
}

// minijinja's HTML escaping also escapes `/` (for HTML inside scripts), which turns every
// web address into `https:&#x2f;&#x2f;…`; XHTML needs only `& < > "` escaped.
fn xml_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), Error> {
    match (state.auto_escape(), value.kind(), value.as_str()) {
        (AutoEscape::Html, ValueKind::String, Some(text)) if !value.is_safe() => out
            .write_str(&richtext::escape(text))
            .map_err(|_| Error::new(ErrorKind::WriteFailure, "cannot write the rendered text")),
        _ => minijinja::escape_formatter(out, state, value),
    }
}
