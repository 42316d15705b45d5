//! `[guide] web_url`: where the always-current version of the guide is published.
//!
//! It is printed with a QR code on every printed output, so it must be an address a
//! phone opens as it is: `https://`, a host name, nothing the camera app would have to
//! guess. Unlike a web contact (`www.example.org` is linked as `https://…`), it is taken
//! exactly as written, because it is printed exactly as written.

use super::Checker;
use super::contact::ValueProblem;
use crate::source::raw::Text;

const HINT: &str = "write the full address of the page that is kept current, such as https://www.example.org/help-lines";

/// Checks a `web_url` as written; the problem says what is wrong and what would do.
pub(super) fn check_web_url(value: &str) -> Result<(), ValueProblem> {
    let problem = |message: String, hint: &str| ValueProblem {
        message,
        hint: hint.to_owned(),
        at: None,
    };
    if value.chars().any(char::is_whitespace) {
        return Err(problem("`web_url` cannot contain spaces".into(), HINT));
    }
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("http://") {
        return Err(problem(
            format!("`web_url` must be an https:// address, not `{value}`"),
            "a QR code printed on paper is scanned for years; an http:// page can be changed on its way to the phone, so write https:// (most sites answer at the same address with https)",
        ));
    }
    if !lower.starts_with("https://") {
        return Err(problem(
            format!("`{value}` is not a web address that starts with https://"),
            HINT,
        ));
    }
    let url = url::Url::parse(value)
        .map_err(|e| problem(format!("`{value}` is not a valid web address ({e})"), HINT))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(problem(
            format!("`{value}` holds a user name or password"),
            "a printed address is read by anyone: leave out the part before `@`",
        ));
    }
    match url.host_str() {
        Some(host) if host.contains('.') => Ok(()),
        _ => Err(problem(format!("`{value}` has no host name"), HINT)),
    }
}

impl Checker<'_> {
    /// The guide's `web_url`, checked; `None` when absent, blank or wrong (reported).
    pub(super) fn web_url(&mut self, text: Option<&Text>) -> Option<String> {
        let value = self.optional_line(text, "web_url")?;
        match check_web_url(&value) {
            Ok(()) => Some(value),
            Err(problem) => {
                let span = text.map(toml::Spanned::span).unwrap_or_default();
                self.hint(span, problem.message, problem.hint);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_https_address_is_accepted_as_written() {
        assert_eq!(check_web_url("https://lakeview.example.org/help"), Ok(()));
        assert_eq!(check_web_url("HTTPS://Lakeview.example.org"), Ok(()));
    }

    #[test]
    fn http_a_bare_host_and_garbage_are_refused() {
        for value in [
            "http://lakeview.example.org/help",
            "lakeview.example.org/help",
            "not a web address",
            "https://",
            "https://localhost/help",
            "https://user:secret@example.org/",
            "javascript:alert(1)",
        ] {
            assert!(check_web_url(value).is_err(), "{value}");
        }
    }
}
