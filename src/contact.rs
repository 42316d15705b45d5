//! Contact values: what each kind accepts, and the link a reader can follow.

use crate::guide::ContactKind;

/// Why a contact value does not fit its kind, with a hint on what would.
#[derive(Debug, PartialEq)]
pub struct ValueProblem {
    /// What is wrong.
    pub message: String,
    /// What would be accepted.
    pub hint: String,
}

fn problem(message: impl Into<String>, hint: impl Into<String>) -> ValueProblem {
    ValueProblem { message: message.into(), hint: hint.into() }
}

/// Parses the `kind` word.
pub fn parse_kind(word: &str) -> Option<ContactKind> {
    ContactKind::ALL.into_iter().find(|kind| kind.as_str() == word)
}

/// Checks a value against its kind and returns the link for it (none for addresses).
pub fn check_value(kind: ContactKind, value: &str) -> Result<Option<String>, ValueProblem> {
    match kind {
        ContactKind::Phone => dial_digits(value, 3).map(|d| Some(format!("tel:{d}"))),
        ContactKind::Sms => dial_digits(value, 3).map(|d| Some(format!("sms:{d}"))),
        ContactKind::Web => web_link(value).map(Some),
        ContactKind::Email => email_link(value).map(Some),
        ContactKind::Address => check_address(value).map(|()| None),
    }
}

const PHONE_HINT: &str = "write the number as it should be printed, e.g. 1-800-843-5678, +44 20 7946 0000 or 741741";

/// The digits to dial for a printed number, letters mapped to the telephone keypad.
fn dial_digits(value: &str, min: usize) -> Result<String, ValueProblem> {
    let mut digits = String::new();
    for (index, ch) in value.chars().enumerate() {
        match ch {
            '0'..='9' => digits.push(ch),
            'A'..='Z' | 'a'..='z' => digits.push(keypad_digit(ch)),
            '+' if digits.is_empty() => digits.push('+'),
            ' ' | '-' | '.' | '(' | ')' | '+' => {}
            _ => {
                return Err(problem(
                    format!("`{ch}` (character {}) cannot be part of a telephone number", index + 1),
                    PHONE_HINT,
                ));
            }
        }
    }
    let count = digits.trim_start_matches('+').len();
    if count < min || count > 15 {
        return Err(problem(
            format!("a telephone number has {min} to 15 digits; this one has {count}"),
            PHONE_HINT,
        ));
    }
    Ok(digits)
}

fn keypad_digit(letter: char) -> char {
    match letter.to_ascii_uppercase() {
        'A'..='C' => '2',
        'D'..='F' => '3',
        'G'..='I' => '4',
        'J'..='L' => '5',
        'M'..='O' => '6',
        'P'..='S' => '7',
        'T'..='V' => '8',
        _ => '9',
    }
}

const WEB_HINT: &str = "write a web address such as https://www.example.org/help or www.example.org/help";

fn web_link(value: &str) -> Result<String, ValueProblem> {
    if value.chars().any(char::is_whitespace) {
        return Err(problem("a web address cannot contain spaces", WEB_HINT));
    }
    let lower = value.to_ascii_lowercase();
    let has_scheme = lower.starts_with("http://") || lower.starts_with("https://");
    if !has_scheme {
        if let Some((scheme, _)) = value.split_once(':') {
            let looks_like_port = value[scheme.len() + 1..].starts_with(|c: char| c.is_ascii_digit());
            if !looks_like_port || !scheme.contains('.') {
                return Err(problem(
                    format!("web addresses with the scheme `{scheme}:` are not allowed"),
                    "only http:// and https:// addresses can be printed and linked",
                ));
            }
        }
    }
    let link = if has_scheme { value.to_owned() } else { format!("https://{value}") };
    let url = url::Url::parse(&link)
        .map_err(|e| problem(format!("`{value}` is not a valid web address ({e})"), WEB_HINT))?;
    match url.host_str() {
        Some(host) if host.contains('.') || host == "localhost" => Ok(link),
        _ => Err(problem(format!("`{value}` has no host name"), WEB_HINT)),
    }
}

fn email_link(value: &str) -> Result<String, ValueProblem> {
    let hint = "write one address, such as help@example.org";
    if value.contains([',', ';', ' ']) {
        return Err(problem("write exactly one e-mail address", hint));
    }
    let parsed: email_address::EmailAddress = value
        .parse()
        .map_err(|e| problem(format!("`{value}` is not a valid e-mail address ({e})"), hint))?;
    if !parsed.domain().contains('.') {
        return Err(problem(format!("`{value}` has no full domain after the @"), hint));
    }
    Ok(format!("mailto:{value}"))
}

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
        assert_eq!(check_value(ContactKind::Phone, "1-800-THE-LOST").unwrap().unwrap(), "tel:18008435678");
    }

    #[test]
    fn international_number_keeps_plus() {
        assert_eq!(
            check_value(ContactKind::Phone, "+44 20 7946 0000").unwrap().unwrap(),
            "tel:+442079460000"
        );
    }

    #[test]
    fn bare_host_gets_https() {
        assert_eq!(
            check_value(ContactKind::Web, "www.missingkids.com/cybertip").unwrap().unwrap(),
            "https://www.missingkids.com/cybertip"
        );
    }

    #[test]
    fn javascript_scheme_is_refused() {
        assert!(check_value(ContactKind::Web, "javascript:alert(1)").is_err());
        assert!(check_value(ContactKind::Web, "file:///etc/passwd").is_err());
        assert!(check_value(ContactKind::Web, "data:text/html,hi").is_err());
    }

    #[test]
    fn short_code_is_a_valid_sms_number() {
        assert_eq!(check_value(ContactKind::Sms, "741741").unwrap().unwrap(), "sms:741741");
    }
}
