//! Every `tel:` and `sms:` link in the pamphlet and the EPUB (each format with links
//! reads them back) dials the number it is for.
//!
//! A link that dials the wrong digits looks right on the page: the printed number is
//! correct, and only a tap shows the fault (`1-800-799-SAFE (7233)` once dialled
//! `180079972337233`). So the links are read back: in the EPUB each link's text is read
//! as a number with [`crate::model::phone`] and must dial what the link dials; in both, every
//! phone and text contact must have its link, and every `tel:`/`sms:` link must dial a
//! number of the guide (a contact's, or one that the guide's rich text links to).
//!
//! A guide with a `web_url` must also have its link, to the latest version, in every
//! format with links: the address is printed, and a reader of the PDF or the EPUB taps it.

use std::collections::BTreeSet;
use std::path::Path;

use super::files::Present;
use crate::diag::Diagnostic;
use crate::model::phone::{dial_as_written, link_dial};
use crate::model::texts::{links, rich_texts};
use crate::model::{ContactKind, Guide};
use crate::render::Format;

/// Checks the links of every present file of a format that has links, of one variant
/// (the full guide or an edition, in the guide's language or a translation), against the
/// guide it was made from.
pub(super) fn check_links(
    out: &Path,
    (edition, language): (Option<&str>, Option<&str>),
    guide: &Guide,
    present: &[Present<'_>],
    problems: &mut Vec<Diagnostic>,
) {
    let known = known_links(guide);
    // What each contact's value dials, as the model says; other numbers in the text of
    // a link are read as written.
    let contact_dials: std::collections::HashMap<&str, &str> = guide
        .organizations
        .iter()
        .flat_map(|org| &org.contacts)
        .filter(|contact| dials(contact.kind))
        .filter_map(|c| Some((c.value.as_str(), link_dial(c.href.as_deref()?)?)))
        .collect();
    for file in present.iter().filter(|file| {
        file.entry.edition.as_deref() == edition && file.entry.language.as_deref() == language
    }) {
        let Some(links) = Format::named(&file.entry.format)
            .and_then(|format| format.renderer().links(&file.bytes))
        else {
            continue;
        };
        let shown = out.join(file.path);
        // A file that cannot be read is reported by the check of what it shows.
        let Ok(links) = links else { continue };
        if let Some(url) = &guide.web_url
            && !links.iter().any(|link| &link.href == url)
        {
            problems.push(missing_latest(&shown, url));
        }
        let mut reported = BTreeSet::new();
        for link in &links {
            // Web links are the guide's own addresses; only a number can be mistyped.
            let Some(dials) = link_dial(&link.href) else {
                continue;
            };
            let Some(text) = &link.text else {
                if !known.contains(&link.href) && reported.insert(link.href.clone()) {
                    problems.push(unknown_link(&shown, &link.href));
                }
                continue;
            };
            let expected = match contact_dials.get(text.as_str()) {
                Some(dial) => Some((*dial).to_owned()),
                None => dial_as_written(text),
            };
            match expected {
                Some(expected) if expected != dials => {
                    problems.push(wrong_link(&shown, text, &link.href, &expected));
                }
                // Words as a link's text ("call us"): the link must still be the guide's.
                None if !known.contains(&link.href) && reported.insert(link.href.clone()) => {
                    problems.push(unknown_link(&shown, &link.href));
                }
                _ => {}
            }
        }
        for org in &guide.organizations {
            for contact in &org.contacts {
                let Some(href) = contact.href.as_ref().filter(|_| dials(contact.kind)) else {
                    continue;
                };
                if !links.iter().any(|link| &link.href == href) {
                    problems.push(missing_link(
                        &shown,
                        &format!("{}.{}", org.id, contact.id),
                        &contact.value,
                        href,
                    ));
                }
            }
        }
    }
}

fn dials(kind: ContactKind) -> bool {
    matches!(kind, ContactKind::Phone | ContactKind::Sms)
}

fn wrong_link(file: &Path, text: &str, href: &str, expected: &str) -> Diagnostic {
    Diagnostic::bare(format!(
        "`{}` links `{text}` to `{href}`, which does not dial {expected}",
        file.display()
    ))
    .with_hint("a template or an edit changed the link; build again, and check the template that writes it")
}

fn unknown_link(file: &Path, href: &str) -> Diagnostic {
    Diagnostic::bare(format!(
        "`{}` links to `{href}`, which dials no number of the guide",
        file.display()
    ))
    .with_hint("a template or an edit changed the link; build again, and check the template that writes it")
}

fn missing_latest(file: &Path, url: &str) -> Diagnostic {
    Diagnostic::bare(format!(
        "`{}` has no link to the latest version, `{url}` (`web_url`)",
        file.display()
    ))
    .with_hint("the file was not made from this guide, was edited, or a template left the link out")
}

fn missing_link(file: &Path, reference: &str, value: &str, href: &str) -> Diagnostic {
    Diagnostic::bare(format!(
        "`{}` has no link `{href}` for contact `{reference}` (`{value}`)",
        file.display()
    ))
    .with_hint("the file was not made from this guide, was edited, or a template left the link out")
}

/// The `tel:` and `sms:` links the guide makes: its contacts' and its rich text's.
fn known_links(guide: &Guide) -> BTreeSet<String> {
    let contacts = guide
        .organizations
        .iter()
        .flat_map(|org| &org.contacts)
        .filter_map(|contact| contact.href.clone());
    let texts = rich_texts(guide)
        .into_iter()
        .flat_map(|(_, text)| links(text))
        .map(|link| link.url.clone());
    contacts.chain(texts).collect()
}
