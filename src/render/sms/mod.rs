//! Text-message snippets: `sms/<organization id>.txt`, one per organization with a
//! contact, from `templates/sms/snippet.txt.j2`, each checked to fit one SMS.
//!
//! A snippet holds the organization's name, its main contact (the first phone or sms
//! contact, else its first web or e-mail address: the number or keyword line, "Text
//! HOME to 741741", as the wallet cards print it) and that contact's hours. It is rendered with the
//! fullest texts first, then with the short name, then with the hours shortened to
//! `24/7` (only where [`short_hours`] says they mean that), and the first that fits one
//! message is kept; when none fits, the shortest is written whole with a warning that says
//! by how much (see [`fit`]), since a snippet of two messages is no reason to hold back the
//! other formats. The file is exactly the
//! message, with no final line break, so that what is pasted is what is counted.

mod fit;
pub mod length;

use minijinja::value::Serde;
use minijinja::{Environment, Value};
use serde::Serialize;

use super::cards::short_hours;
use super::reprint::{CardsShown, Reprint};
use super::shown::{ExpectedFile, ReadBack, Shows, Spacing};
use super::templating::template_diagnostic;
use super::words::FILE as WORDS_FILE;
use super::{Artifact, Refusal, RenderContext, Rendered, Renderer, Stages};
use crate::diag::Diagnostic;
use crate::model::{Contact, ContactKind, Guide, Organization};
use fit::NameUsed;
use length::measure;

/// The template of every snippet.
const TEMPLATE: &str = "sms/snippet.txt.j2";

/// Renders the text-message snippets.
pub struct SmsRenderer;

impl Renderer for SmsRenderer {
    fn name(&self) -> &'static str {
        "sms"
    }

    fn summary(&self) -> &'static str {
        "Text-message snippets, one per organization, each one SMS"
    }

    fn template_files(&self) -> &'static [&'static str] {
        &["sms/", WORDS_FILE]
    }

    fn render(&self, cx: &RenderContext<'_>, stages: &Stages) -> Result<Rendered, Refusal> {
        // A text message is pasted to a client: no staff-only marking can travel with
        // it, so a staff edition has none (its public contacts' are the public guide's).
        if cx.guide.staff_only {
            return Ok(Rendered {
                notes: vec![STAFF_ONLY_NOTE.to_owned()],
                ..Rendered::default()
            });
        }
        let words = stages.words(cx)?;
        let env = crate::render::templating::environment(cx.templates);
        // Converted once: a guide of thousands of organizations is not copied for each.
        let shared = Shared {
            guide: Value::from(Serde(cx.guide)),
            words: Value::from(Serde(words)),
            places: fit::Places::new(cx.source),
        };
        let mut artifacts = Vec::new();
        let mut warnings = Vec::new();
        let mut problems = Vec::new();
        for org in &cx.guide.organizations {
            let Some(contact) = main_contact(org) else {
                continue;
            };
            match snippet(&env, cx, &shared, org, contact)? {
                Ok((text, too_long)) => {
                    warnings.extend(too_long);
                    artifacts.push(Artifact {
                        path: snippet_path(&org.id).into(),
                        bytes: text.into_bytes(),
                    });
                }
                Err(problem) => problems.push(problem),
            }
        }
        if problems.is_empty() {
            Ok(Rendered {
                artifacts,
                notes: Vec::new(),
                warnings,
            })
        } else {
            Err(problems.into())
        }
    }

    fn shows<'g>(&self, guide: &'g Guide, path: &str) -> Shows<'g> {
        let shown = guide
            .organizations
            .iter()
            .filter(|org| snippet_path(&org.id) == path)
            .find_map(|org| main_contact(org).map(|contact| (org, contact)));
        match shown {
            Some(shown) => Shows::Contacts(vec![shown]),
            None => Shows::Nothing,
        }
    }

    fn read_back(&self, bytes: &[u8]) -> Result<ReadBack, String> {
        let text = std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())?;
        Ok(ReadBack::one(text.to_owned(), Spacing::Exact))
    }

    fn expected_files(&self, guide: &Guide) -> Vec<ExpectedFile> {
        if guide.staff_only {
            return Vec::new();
        }
        guide
            .organizations
            .iter()
            .filter(|org| main_contact(org).is_some())
            .map(|org| ExpectedFile {
                path: snippet_path(&org.id),
                subject: format!("the text message of organization `{}`", org.id),
            })
            .collect()
    }

    fn reprint(&self) -> Option<Reprint> {
        Some(Reprint {
            key: "sms",
            label: "the text messages (not printed: send the new ones from now on)",
            book: true,
            settings: &[],
            cards: CardsShown::None,
        })
    }
}

/// Why a staff edition has no text messages.
const STAFF_ONLY_NOTE: &str = "note: no text messages for a staff-only edition: they are pasted to clients, and cannot say \"staff only\" (the public guide's are in the top output folder)\n";

/// The file of one organization's snippet.
fn snippet_path(id: &str) -> String {
    format!("sms/{id}.txt")
}

/// The contact a snippet gives: the first phone or sms contact, else the first web or
/// e-mail address; none for an organization with only a postal address, which is no
/// thing to tap in a text message.
pub fn main_contact(org: &Organization) -> Option<&Contact> {
    let first = |kinds: &[ContactKind]| org.contacts.iter().find(|c| kinds.contains(&c.kind));
    first(&[ContactKind::Phone, ContactKind::Sms])
        .or_else(|| first(&[ContactKind::Web, ContactKind::Email]))
}

/// The context of `sms/snippet.txt.j2`.
#[derive(Serialize)]
struct SnippetContext<'a> {
    /// The whole guide, converted once for every snippet.
    guide: &'a Value,
    /// The built-in words, likewise.
    words: &'a Value,
    /// The organization.
    organization: &'a Organization,
    /// Its name as this message prints it: the name, or the short name.
    name: &'a str,
    /// The main contact.
    contact: &'a Contact,
    /// Its hours as this message prints them: as written, or `24/7`.
    hours: Option<&'a str>,
}

/// What every snippet's context shares.
struct Shared<'a> {
    guide: Value,
    words: Value,
    places: fit::Places<'a>,
}

/// One way to write a message: which name, which hours.
struct Attempt<'a> {
    name: &'a str,
    used: NameUsed,
    hours: Option<&'a str>,
}

/// The ways to write an organization's message, fullest first: the name and hours as
/// written; the short name; the short name (or name) and the hours shortened.
fn attempts<'a>(
    org: &'a Organization,
    contact: &'a Contact,
    short: Option<&'a str>,
) -> Vec<Attempt<'a>> {
    let hours = contact.hours.as_deref();
    let mut attempts = vec![Attempt {
        name: &org.name,
        used: NameUsed::Name,
        hours,
    }];
    if let Some(short_name) = org.short_name.as_deref() {
        attempts.push(Attempt {
            name: short_name,
            used: NameUsed::ShortName,
            hours,
        });
    }
    if short.is_some() && short != hours {
        let last = attempts.last().expect("one attempt at least");
        attempts.push(Attempt {
            name: last.name,
            used: last.used,
            hours: short,
        });
    }
    attempts
}

/// The organization's message, or why it does not fit; a template error refuses all.
fn snippet(
    env: &Environment<'static>,
    cx: &RenderContext<'_>,
    shared: &Shared<'_>,
    org: &Organization,
    contact: &Contact,
) -> Result<Result<(String, Option<Diagnostic>), Diagnostic>, Refusal> {
    let short = contact.hours.as_deref().map(short_hours);
    let mut too_long = None;
    for attempt in attempts(org, contact, short.as_deref()) {
        let context = SnippetContext {
            guide: &shared.guide,
            words: &shared.words,
            organization: org,
            name: attempt.name,
            contact,
            hours: attempt.hours,
        };
        let text = render_text(env, &context)
            .map_err(|e| Refusal::from(vec![template_diagnostic(cx.templates, &e)]))?;
        if !text.contains(contact.value.as_str()) {
            return Ok(Err(fit::value_missing(
                &shared.places,
                org,
                attempt.used,
                contact,
            )));
        }
        let length = measure(&text);
        if length.over().is_none() {
            return Ok(Ok((text, None)));
        }
        let warning = fit::too_long(&shared.places, org, attempt.used, &text, length);
        too_long = Some((text, warning));
    }
    // Nothing is cut: the shortest attempt is written whole, and the warning says that a
    // phone will send it as more than one message.
    let (text, warning) = too_long.expect("one attempt at least");
    Ok(Ok((text, Some(warning))))
}

/// The message as the template gives it: `\r\n` as `\n`, no trailing spaces, no blank
/// lines at the end, no final line break.
fn render_text(
    env: &Environment<'static>,
    context: &SnippetContext<'_>,
) -> Result<String, minijinja::Error> {
    let text = env
        .get_template(TEMPLATE)?
        .render(Value::from(Serde(context)))?
        .replace("\r\n", "\n");
    let lines: Vec<&str> = text.split('\n').map(str::trim_end).collect();
    Ok(lines.join("\n").trim_end_matches('\n').to_owned())
}

/// The template with the data it receives, for every snippet of the guide (for the test
/// that pins the data contract).
#[cfg(test)]
pub fn template_data(
    cx: &RenderContext<'_>,
    words: &super::words::Words,
) -> Vec<(String, serde_json::Value)> {
    let guide = Value::from(Serde(cx.guide));
    let words = Value::from(Serde(words));
    let mut data = Vec::new();
    for org in &cx.guide.organizations {
        let Some(contact) = main_contact(org) else {
            continue;
        };
        let short = contact.hours.as_deref().map(short_hours);
        for attempt in attempts(org, contact, short.as_deref()) {
            let context = SnippetContext {
                guide: &guide,
                words: &words,
                organization: org,
                name: attempt.name,
                contact,
                hours: attempt.hours,
            };
            data.push((TEMPLATE.to_owned(), serde_json::to_value(context).unwrap()));
        }
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(id: &str, kind: ContactKind) -> Contact {
        Contact {
            id: id.into(),
            kind,
            label: "Label".into(),
            value: "988".into(),
            href: None,
            hours: None,
            regions: Vec::new(),
            verified: None,
            languages: Vec::new(),
            tags: Vec::new(),
            confidential: false,
        }
    }

    fn org(contacts: Vec<Contact>) -> Organization {
        Organization {
            id: "org".into(),
            name: "Org".into(),
            short_name: None,
            section: None,
            summary: String::new(),
            about: crate::model::richtext::RichText::default(),
            services_intro: None,
            services: Vec::new(),
            closing: None,
            tags: Vec::new(),
            regions: Vec::new(),
            contacts,
        }
    }

    #[test]
    fn the_main_contact_is_the_first_number() {
        let o = org(vec![
            contact("web", ContactKind::Web),
            contact("text", ContactKind::Sms),
            contact("call", ContactKind::Phone),
        ]);
        assert_eq!(main_contact(&o).unwrap().id, "text");
        let o = org(vec![
            contact("post", ContactKind::Address),
            contact("mail", ContactKind::Email),
            contact("web", ContactKind::Web),
        ]);
        assert_eq!(main_contact(&o).unwrap().id, "mail");
        assert!(main_contact(&org(vec![contact("post", ContactKind::Address)])).is_none());
        assert!(main_contact(&org(Vec::new())).is_none());
    }
}
