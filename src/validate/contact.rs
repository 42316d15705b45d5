//! Contact values: what each kind accepts, and the link a reader can follow.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::model::ContactKind;
use crate::model::phone::{PhoneNumber, Region};

/// Why a contact value does not fit its kind, with a hint on what would.
#[derive(Debug, PartialEq)]
pub struct ValueProblem {
    /// What is wrong.
    pub message: String,
    /// What would be accepted.
    pub hint: String,
    /// The bytes of the value at fault, when it is one part of it.
    pub at: Option<std::ops::Range<usize>>,
}

fn problem(message: impl Into<String>, hint: impl Into<String>) -> ValueProblem {
    ValueProblem {
        message: message.into(),
        hint: hint.into(),
        at: None,
    }
}

/// Parses the `kind` word.
pub fn parse_kind(word: &str) -> Option<ContactKind> {
    ContactKind::ALL
        .into_iter()
        .find(|kind| kind.as_str() == word)
}

/// Checks a value against its kind and returns the link for it (none for addresses);
/// telephone numbers without `+` are national numbers of `region` (see [`crate::model::phone`]).
pub fn check_value(
    kind: ContactKind,
    value: &str,
    region: Option<Region>,
) -> Result<Option<String>, ValueProblem> {
    match kind {
        ContactKind::Phone => Ok(Some(PhoneNumber::parse(value, region)?.tel())),
        ContactKind::Sms => Ok(Some(PhoneNumber::parse(value, region)?.sms()?)),
        ContactKind::Web => web_link(value).map(Some),
        ContactKind::Email => email_link(value).map(Some),
        ContactKind::Address => check_address(value).map(|()| None),
    }
}

impl From<crate::model::phone::Problem> for ValueProblem {
    fn from(problem: crate::model::phone::Problem) -> Self {
        Self {
            message: problem.message,
            hint: problem.hint,
            at: problem.at,
        }
    }
}

const WEB_HINT: &str =
    "write a web address such as https://www.example.org/help or www.example.org/help";

fn web_link(value: &str) -> Result<String, ValueProblem> {
    if value.chars().any(char::is_whitespace) {
        return Err(problem("a web address cannot contain spaces", WEB_HINT));
    }
    let lower = value.to_ascii_lowercase();
    let has_scheme = lower.starts_with("http://") || lower.starts_with("https://");
    if let Some((scheme, rest)) = value.split_once(':').filter(|_| !has_scheme) {
        // `www.example.org:8080/x` is a host with a port, not a scheme.
        let is_port = rest.starts_with(|c: char| c.is_ascii_digit()) && scheme.contains('.');
        if !is_port {
            let hint = match scheme.to_ascii_lowercase().as_str() {
                "mailto" => "for an e-mail address write kind = \"email\" and the address alone",
                "tel" => "for a telephone number write kind = \"phone\" and the number alone",
                _ => "only http:// and https:// addresses can be printed and linked",
            };
            return Err(problem(
                format!("web addresses with the scheme `{scheme}:` are not allowed"),
                hint,
            ));
        }
    }
    let link = if has_scheme {
        value.to_owned()
    } else {
        format!("https://{value}")
    };
    let url = url::Url::parse(&link).map_err(|e| {
        problem(
            format!("`{value}` is not a valid web address ({e})"),
            WEB_HINT,
        )
    })?;
    match url.host_str() {
        Some(host) if host.contains('.') || host == "localhost" => Ok(link),
        _ => Err(problem(format!("`{value}` has no host name"), WEB_HINT)),
    }
}

fn email_link(value: &str) -> Result<String, ValueProblem> {
    let hint = "write one address, such as help@example.org";
    if value.matches('@').count() > 1 || value.contains([',', ';']) {
        return Err(problem(
            "this is more than one e-mail address",
            "write one address per contact; add another [[organization.contact]] for the next one",
        ));
    }
    if value.to_ascii_lowercase().starts_with("mailto:") {
        return Err(problem("write the address without `mailto:`", hint));
    }
    if !value.contains('@') {
        return Err(problem(
            format!("`{value}` has no @, so it is not an e-mail address"),
            hint,
        ));
    }
    let parsed: email_address::EmailAddress =
        value.parse().map_err(|e: email_address::Error| {
            let reason = e.to_string().to_lowercase();
            problem(
                format!(
                    "`{value}` is not a valid e-mail address ({})",
                    reason.trim_end_matches('.')
                ),
                hint,
            )
        })?;
    if !parsed.domain().contains('.') {
        return Err(problem(
            format!("`{value}` has no full domain after the @"),
            hint,
        ));
    }
    Ok(format!(
        "mailto:{}",
        utf8_percent_encode(value, MAILTO_RESERVED)
    ))
}

/// Characters that would end or change a `mailto:` address (RFC 6068): a `#` would start a
/// fragment, a `?` the headers, so an address such as `a#b@example.org` must be encoded.
const MAILTO_RESERVED: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'&');

fn check_address(value: &str) -> Result<(), ValueProblem> {
    if value.lines().any(|line| line.trim().is_empty()) {
        return Err(problem(
            "an address cannot contain empty lines",
            "write one address line per line, with no blank line between them",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vanity_number_dials_keypad_digits() {
        assert_eq!(
            check_value(ContactKind::Phone, "1-800-THE-LOST", None)
                .unwrap()
                .unwrap(),
            "tel:18008435678"
        );
    }

    #[test]
    fn international_number_keeps_plus() {
        assert_eq!(
            check_value(ContactKind::Phone, "+44 20 7946 0000", None)
                .unwrap()
                .unwrap(),
            "tel:+442079460000"
        );
    }

    #[test]
    fn trunk_prefix_is_not_dialled_after_a_country_code() {
        assert_eq!(
            check_value(ContactKind::Phone, "+44 (0)20 7946-0000", None)
                .unwrap()
                .unwrap(),
            "tel:+442079460000"
        );
    }

    #[test]
    fn mailto_link_encodes_what_would_break_it() {
        assert_eq!(
            check_value(ContactKind::Email, "a#b&c@example.org", None)
                .unwrap()
                .unwrap(),
            "mailto:a%23b%26c@example.org"
        );
    }

    #[test]
    fn bare_host_gets_https() {
        assert_eq!(
            check_value(ContactKind::Web, "www.missingkids.com/cybertip", None)
                .unwrap()
                .unwrap(),
            "https://www.missingkids.com/cybertip"
        );
    }

    #[test]
    fn javascript_scheme_is_refused() {
        assert!(check_value(ContactKind::Web, "javascript:alert(1)", None).is_err());
        assert!(check_value(ContactKind::Web, "file:///etc/passwd", None).is_err());
        assert!(check_value(ContactKind::Web, "data:text/html,hi", None).is_err());
    }

    #[test]
    fn words_before_the_digits_are_refused() {
        assert!(check_value(ContactKind::Sms, "text HOME", None).is_err());
        assert!(check_value(ContactKind::Phone, "TTY 711", None).is_err());
    }

    #[test]
    fn an_extension_is_dialled_after_a_pause_but_cannot_get_a_text() {
        assert_eq!(
            check_value(ContactKind::Phone, "1-800-555-0100 ext. 4", None)
                .unwrap()
                .unwrap(),
            "tel:18005550100,4"
        );
        assert!(check_value(ContactKind::Sms, "1-800-555-0100 ext. 4", None).is_err());
    }

    #[test]
    fn two_email_addresses_are_refused() {
        assert!(check_value(ContactKind::Email, "a@example.org b@example.org", None).is_err());
        assert!(check_value(ContactKind::Email, "a@example.org", None).is_ok());
    }

    #[test]
    fn short_code_is_a_valid_sms_number() {
        assert_eq!(
            check_value(ContactKind::Sms, "741741", None)
                .unwrap()
                .unwrap(),
            "sms:741741"
        );
    }
}
