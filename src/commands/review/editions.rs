//! `guidepress review --edition ID`: only the contacts that the named editions show.

use crate::model::Guide;
use crate::validate::Checked;

/// The guide with only the contacts that one of `editions` shows, in the guide's order
/// (and the organizations that keep any); the whole guide when `editions` is empty.
pub(super) fn shown_by(checked: &Checked, editions: &[String]) -> Guide {
    if editions.is_empty() {
        return checked.guide.clone();
    }
    let selections: Vec<Guide> = checked
        .editions
        .iter()
        .filter(|edition| editions.contains(&edition.id))
        .map(|edition| crate::editions::select(&checked.guide, edition).0)
        .collect();
    let shown = |org: &str, contact: &str| {
        selections.iter().any(|guide| {
            guide
                .organizations
                .iter()
                .any(|o| o.id == org && o.contacts.iter().any(|c| c.id == contact))
        })
    };
    let mut guide = checked.guide.clone();
    for org in &mut guide.organizations {
        let id = org.id.clone();
        org.contacts.retain(|contact| shown(&id, &contact.id));
    }
    guide.organizations.retain(|org| !org.contacts.is_empty());
    guide
}

/// ` of edition "students"`, ` of editions "students", "clinic"`; empty for the guide.
pub(super) fn scope(editions: &[String]) -> String {
    let quoted: Vec<String> = editions.iter().map(|id| format!("{id:?}")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => format!(" of edition {one}"),
        many => format!(" of editions {}", many.join(", ")),
    }
}
