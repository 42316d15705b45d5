//! An answer (or the lack of one) → what it means for the guide, in plain words.

use serde::Serialize;

/// What the server said, or why it said nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Answer {
    /// An HTTP answer.
    Status {
        /// `HEAD`, or `GET` when the server refused HEAD.
        method: &'static str,
        /// The status code.
        code: u16,
        /// The status's usual words ("Not Found"), empty for an unusual code.
        reason: &'static str,
        /// The `Location` header as sent.
        location: Option<String>,
    },
    /// No HTTP answer.
    Failed(Failure),
}

/// Why no answer came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Failure {
    /// Nothing came within the timeout.
    TimedOut,
    /// The name does not exist (DNS).
    HostNotFound,
    /// Nothing listens there.
    Refused,
    /// The server hung up without answering.
    Closed,
    /// No way to reach that network.
    NoRoute,
    /// The site's certificate is wrong; the words say how (`has expired`).
    Certificate(&'static str),
    /// The secure connection could not be set up.
    Secure,
    /// The server answered, but not in HTTP.
    NotHttp,
    /// The address cannot be asked at all.
    BadAddress,
    /// Any other connection failure.
    Connection,
}

/// What an address's answer means, as `review --links` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Gone: 404 or 410.
    Gone,
    /// No answer: the name, the connection or the secure connection failed.
    Unreachable,
    /// No answer within the timeout.
    TimedOut,
    /// The server answered with an error: 5xx, or a 4xx other than 404 and 410.
    Error,
    /// A permanent redirect (301, 308): the address should be replaced.
    Moved,
    /// A temporary redirect (302, 303, 307, or another 3xx that says where).
    Redirected,
    /// 2xx.
    Ok,
}

impl Verdict {
    /// The word shown to people.
    pub fn word(self) -> &'static str {
        match self {
            Self::Gone => "gone",
            Self::Unreachable => "unreachable",
            Self::TimedOut => "timed out",
            Self::Error => "error",
            Self::Moved => "moved",
            Self::Redirected => "redirected",
            Self::Ok => "ok",
        }
    }

    /// Whether `--strict` fails on it: everything but ok and a temporary redirect, which
    /// sites use every day (a login page, a language) while the address stays right.
    pub fn fails_strict(self) -> bool {
        !matches!(self, Self::Ok | Self::Redirected)
    }
}

/// An answer, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Understood {
    /// What it means.
    pub verdict: Verdict,
    /// The HTTP status, when there was an answer.
    pub status: Option<u16>,
    /// `HEAD` or `GET`, when there was an answer.
    pub method: Option<&'static str>,
    /// Where a redirect points, resolved against the address asked.
    pub location: Option<String>,
    /// One sentence for people.
    pub reason: String,
}

/// Understands the answer to asking `address`.
pub(super) fn understand(address: &str, answer: &Answer) -> Understood {
    match answer {
        Answer::Failed(failure) => Understood {
            verdict: if *failure == Failure::TimedOut {
                Verdict::TimedOut
            } else {
                Verdict::Unreachable
            },
            status: None,
            method: None,
            location: None,
            reason: failure_words(address, *failure),
        },
        Answer::Status {
            method,
            code,
            reason,
            location,
        } => {
            let location = location.as_deref().map(|l| resolve(address, l));
            let (verdict, words) = status_words(*code, location.as_deref());
            let status = if reason.is_empty() {
                format!("{code}")
            } else {
                format!("{code} {reason}")
            };
            Understood {
                verdict,
                status: Some(*code),
                method: Some(method),
                location,
                reason: format!("answered {status}{words}"),
            }
        }
    }
}

fn status_words(code: u16, location: Option<&str>) -> (Verdict, String) {
    match (code, location) {
        (200..=299, _) => (Verdict::Ok, String::new()),
        (301 | 308, Some(to)) => (
            Verdict::Moved,
            format!(": the page has moved for good to {to}"),
        ),
        (300..=399, Some(to)) => (
            Verdict::Redirected,
            format!(": for now the page sends visitors on to {to}"),
        ),
        (300..=399, None) => (
            Verdict::Error,
            ": a redirect that does not say where to".to_owned(),
        ),
        (404 | 410, _) => (
            Verdict::Gone,
            ": there is no page at this address any more".to_owned(),
        ),
        (401 | 403, _) => (
            Verdict::Error,
            ": the site would not show the page to guidepress; open it in a browser to check it"
                .to_owned(),
        ),
        (429, _) => (
            Verdict::Error,
            ": the site asks to be asked less often; try again later".to_owned(),
        ),
        (400..=499, _) => (
            Verdict::Error,
            ": the site refused the request; open it in a browser to check it".to_owned(),
        ),
        (500..=599, _) => (
            Verdict::Error,
            ": the site has a problem of its own; if it lasts, tell the organization".to_owned(),
        ),
        _ => (
            Verdict::Error,
            ": an answer that is not a web page".to_owned(),
        ),
    }
}

fn failure_words(address: &str, failure: Failure) -> String {
    let host = url::Url::parse(address)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_else(|| address.to_owned());
    match failure {
        Failure::TimedOut => "no answer in time".to_owned(),
        Failure::HostNotFound => {
            format!("there is no site named {host} (or this computer is not online)")
        }
        Failure::Refused => format!("{host} refused the connection: no web site answers there"),
        Failure::Closed => format!("{host} hung up without answering"),
        Failure::NoRoute => format!("{host} cannot be reached from this network"),
        Failure::Certificate(how) => {
            format!("the security certificate of {host} {how}, so browsers warn visitors away")
        }
        Failure::Secure => format!("a secure (https) connection to {host} could not be made"),
        Failure::NotHttp => format!("{host} answered, but not as a web site does"),
        Failure::BadAddress => "this is not an address that can be opened".to_owned(),
        Failure::Connection => format!("the connection to {host} failed"),
    }
}

/// A `Location` resolved against the address it answered for (it may be relative).
fn resolve(address: &str, location: &str) -> String {
    url::Url::parse(address)
        .and_then(|base| base.join(location))
        .map_or_else(|_| location.to_owned(), String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, location: Option<&str>) -> Understood {
        let answer = Answer::Status {
            method: "HEAD",
            code,
            reason: "",
            location: location.map(str::to_owned),
        };
        understand("https://example.org/help/old?x=1", &answer)
    }

    #[test]
    fn each_status_has_its_verdict() {
        use Verdict::{Error, Gone, Moved, Ok, Redirected};
        let verdicts: Vec<(u16, Verdict)> = [200, 204, 301, 308, 302, 303, 307, 404, 410]
            .into_iter()
            .chain([400, 401, 403, 429, 500, 503])
            .map(|code| (code, status(code, Some("/x")).verdict))
            .collect();
        assert_eq!(
            verdicts,
            [
                (200, Ok),
                (204, Ok),
                (301, Moved),
                (308, Moved),
                (302, Redirected),
                (303, Redirected),
                (307, Redirected),
                (404, Gone),
                (410, Gone),
                (400, Error),
                (401, Error),
                (403, Error),
                (429, Error),
                (500, Error),
                (503, Error),
            ]
        );
        assert_eq!(
            status(301, None).verdict,
            Error,
            "a move that says not where"
        );
    }

    #[test]
    fn a_relative_location_is_resolved_against_the_old_address() {
        let moved = |to| status(301, Some(to)).location.unwrap();
        assert_eq!(moved("new"), "https://example.org/help/new");
        assert_eq!(moved("/new"), "https://example.org/new");
        assert_eq!(moved("//other.org/a"), "https://other.org/a");
        assert_eq!(moved("http://other.org"), "http://other.org/");
    }

    #[test]
    fn only_ok_and_a_temporary_redirect_pass_strict() {
        let passing: Vec<Verdict> = [
            Verdict::Gone,
            Verdict::Unreachable,
            Verdict::TimedOut,
            Verdict::Error,
            Verdict::Moved,
            Verdict::Redirected,
            Verdict::Ok,
        ]
        .into_iter()
        .filter(|v| !v.fails_strict())
        .collect();
        assert_eq!(passing, [Verdict::Redirected, Verdict::Ok]);
    }
}
