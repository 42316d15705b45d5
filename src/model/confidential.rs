//! Confidential contacts: the public view of a guide, and the values that must never
//! appear in a public output.
//!
//! A contact with `confidential = true` (a shelter's street address, a staff-only direct
//! line) is shown only by an edition that sets `confidential = true`. Everything public —
//! the full guide at the top of the output folder, every other edition — is rendered from
//! [`public_view`], and [`Secrets`] is what `build` and `verify` search public files for,
//! naming a contact only by its reference, never by its value.

use std::collections::BTreeSet;

use aho_corasick::AhoCorasick;
use unicode_normalization::UnicodeNormalization;

use crate::model::{ContactKind, Guide};

/// The guide as the public may see it: no confidential contact, no card that names one
/// (such a card belongs to staff editions only, which validation has checked), and no
/// staff-only marking.
pub fn public_view(guide: &Guide) -> Guide {
    let mut public = guide.clone();
    for org in &mut public.organizations {
        org.contacts.retain(|contact| !contact.confidential);
    }
    public
        .cards
        .retain(|card| !card.contacts.iter().any(|c| c.contact.confidential));
    public.staff_only = false;
    public
}

/// Whether the guide has any confidential contact.
pub fn has_confidential(guide: &Guide) -> bool {
    guide
        .organizations
        .iter()
        .flat_map(|org| &org.contacts)
        .any(|contact| contact.confidential)
}

/// The value of one confidential contact, as the pieces a public file must not hold.
#[derive(Debug, Clone)]
pub struct Secret {
    /// `org.contact`: how every message names it.
    pub reference: String,
    /// Texts, compared after [`fold`].
    texts: Vec<String>,
    /// The digits a phone number dials (its national number), however it is punctuated.
    digits: Vec<String>,
}

/// Every confidential value of a guide, ready to be searched for.
#[derive(Debug, Clone, Default)]
pub struct Secrets {
    found: Vec<Secret>,
    // One automaton over every text (folded) and one over every digit string.
    texts: Option<(AhoCorasick, Vec<usize>)>,
    digits: Option<(AhoCorasick, Vec<usize>)>,
}

/// Digit strings shorter than this are only found as a whole number: `988` inside an
/// unrelated longer number is no leak.
const SHORT_DIGITS: usize = 7;

impl Secrets {
    /// The confidential values of `guide` (the full guide, before any view).
    ///
    /// A piece that a public contact shows too (an address line "Springfield, IL", a
    /// number that is also a public contact's) is no secret, and is not searched for:
    /// finding it proves nothing. Pieces shorter than four characters are not either.
    pub fn of(guide: &Guide) -> Self {
        let public = public_view(guide);
        let public_contacts = public.organizations.iter().flat_map(|org| &org.contacts);
        let public_text = fold(
            &public_contacts
                .clone()
                .map(|c| c.value.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        );
        let public_digits: BTreeSet<String> = public_contacts
            .filter_map(|c| c.href.as_deref().and_then(national_digits))
            .collect();
        let mut secrets = Vec::new();
        for org in &guide.organizations {
            for contact in org.contacts.iter().filter(|c| c.confidential) {
                let mut texts = vec![fold(&contact.value)];
                if contact.kind == ContactKind::Address {
                    texts.extend(contact.value.lines().map(fold));
                }
                texts.retain(|text| text.chars().count() >= 4 && !public_text.contains(text));
                texts.sort();
                texts.dedup();
                let digits: Vec<String> = contact
                    .href
                    .as_deref()
                    .and_then(national_digits)
                    .filter(|digits| !public_digits.contains(digits))
                    .into_iter()
                    .collect();
                secrets.push(Secret {
                    reference: format!("{}.{}", org.id, contact.id),
                    texts,
                    digits,
                });
            }
        }
        Self::new(secrets)
    }

    /// These secrets and more texts of confidential contacts, as (reference, text): what
    /// a translation calls them. A text shorter than four characters is not searched for.
    #[must_use]
    pub fn with_texts(self, texts: &[(String, String)]) -> Self {
        let mut secrets = self.found;
        for (reference, text) in texts {
            let folded = fold(text);
            if folded.chars().count() < 4 {
                continue;
            }
            if let Some(secret) = secrets.iter_mut().find(|s| s.reference == *reference)
                && !secret.texts.contains(&folded)
            {
                secret.texts.push(folded);
            }
        }
        Self::new(secrets)
    }

    fn new(secrets: Vec<Secret>) -> Self {
        let automaton = |pieces: Vec<(usize, &str)>| {
            if pieces.is_empty() {
                return None;
            }
            let owners = pieces.iter().map(|(owner, _)| *owner).collect();
            let automaton = AhoCorasick::new(pieces.iter().map(|(_, piece)| piece))
                .expect("a few short patterns build an automaton");
            Some((automaton, owners))
        };
        let texts = secrets
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.texts.iter().map(move |t| (i, t.as_str())))
            .collect();
        let digits = secrets
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.digits.iter().map(move |d| (i, d.as_str())))
            .filter(|(_, d)| d.len() >= SHORT_DIGITS)
            .collect();
        Self {
            texts: automaton(texts),
            digits: automaton(digits),
            found: secrets,
        }
    }

    /// How many confidential contacts there are.
    pub fn len(&self) -> usize {
        self.found.len()
    }

    /// Whether there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// The references of the confidential contacts whose value, or digits, `text` holds.
    pub fn found_in(&self, text: &str) -> BTreeSet<&str> {
        let mut found = BTreeSet::new();
        if self.is_empty() {
            return found;
        }
        if let Some((automaton, owners)) = &self.texts {
            let folded = fold(text);
            for hit in automaton.find_overlapping_iter(&folded) {
                found.insert(
                    self.found[owners[hit.pattern().as_usize()]]
                        .reference
                        .as_str(),
                );
            }
        }
        for run in digit_runs(text) {
            if let Some((automaton, owners)) = &self.digits {
                for hit in automaton.find_overlapping_iter(&run) {
                    found.insert(
                        self.found[owners[hit.pattern().as_usize()]]
                            .reference
                            .as_str(),
                    );
                }
            }
            for secret in &self.found {
                if secret
                    .digits
                    .iter()
                    .any(|d| d.len() < SHORT_DIGITS && *d == run)
                {
                    found.insert(secret.reference.as_str());
                }
            }
        }
        found
    }

    /// A message that never prints a confidential value: `message` itself, or, when it
    /// holds one, a message that names the contacts by reference only.
    pub fn redact(&self, message: &str) -> String {
        let found = self.found_in(message);
        if found.is_empty() {
            return message.to_owned();
        }
        let named: Vec<String> = found.iter().map(|r| format!("`{r}`")).collect();
        format!(
            "(a message that would show the value of confidential contact {}, left out)",
            named.join(", ")
        )
    }
}

/// Text as it is compared: composed (NFC), lower case, without whitespace or the
/// invisible characters that keep a number or an address from breaking.
fn fold(text: &str) -> String {
    text.nfc()
        .flat_map(char::to_lowercase)
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
        })
        .map(|c| {
            if matches!(c, '\u{2010}' | '\u{2011}') {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// The digits of each run of a number in `text`: digits joined by spaces, hyphens,
/// dots, slashes, parentheses and `+`, as any way of writing a number joins them.
fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else if !c.is_whitespace()
            && !matches!(
                c,
                '-' | '.'
                    | '/'
                    | '('
                    | ')'
                    | '+'
                    | '\u{2010}'
                    | '\u{2011}'
                    | '\u{2013}'
                    | '\u{2060}'
            )
            && !run.is_empty()
        {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// The national number a `tel:`/`sms:` link dials (without the country code), or the
/// digits of a short number; none for other links.
fn national_digits(href: &str) -> Option<String> {
    let dial = crate::model::phone::link_dial(href)?;
    let dial = dial.split(',').next().unwrap_or(dial);
    if dial.starts_with('+')
        && let Ok(number) = phonenumber::parse(None, dial)
    {
        let national = number.national();
        let zeros = "0".repeat(usize::from(national.zeros()));
        return Some(format!("{zeros}{}", national.value()));
    }
    let digits: String = dial.chars().filter(char::is_ascii_digit).collect();
    (!digits.is_empty()).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_found_however_the_number_is_punctuated() {
        let runs = digit_runs("call (206) 555-0199 or 206.555.0199, +1 206 555 0199");
        assert_eq!(runs, ["2065550199", "2065550199", "12065550199"]);
    }

    #[test]
    fn fold_ignores_case_spaces_and_joiners() {
        assert_eq!(
            fold("12 Hidden\u{2060} Lane\nSpringfield"),
            "12hiddenlanespringfield"
        );
    }

    #[test]
    fn national_digits_drop_the_country_code() {
        assert_eq!(
            national_digits("tel:+12065550199").as_deref(),
            Some("2065550199")
        );
        assert_eq!(national_digits("tel:988").as_deref(), Some("988"));
        assert_eq!(national_digits("https://example.org"), None);
    }
}
