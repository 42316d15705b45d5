//! Asking each address once over the network: the only code of guidepress that does.
//!
//! Each address is asked with HEAD, and again with GET when the server refuses HEAD
//! (405 or 501). Redirects are not followed: the first answer is the one classified, so
//! a moved page is reported as moved instead of silently checked at its new address.

use std::io::ErrorKind;
use std::time::Duration;

use super::classify::{Answer, Failure};

/// What a few requests at once means here: enough to be quick, few enough that no
/// server sees guidepress as a crowd.
pub(super) const AT_ONCE: usize = 4;

/// The User-Agent sent with every request: the program, its version and why it asks.
pub(super) const USER_AGENT: &str = concat!(
    "guidepress/",
    env!("CARGO_PKG_VERSION"),
    " (link check of a printed resource guide)"
);

/// Asks every address, [`AT_ONCE`] at a time; the answers in the order of `addresses`.
pub(super) fn ask_all(addresses: &[String], timeout: Duration) -> Vec<Answer> {
    let agent = agent(timeout);
    crate::parallel::map_queued(addresses, AT_ONCE, |address| ask(&agent, address))
}

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .user_agent(USER_AGENT)
        .build()
        .into()
}

fn ask(agent: &ureq::Agent, address: &str) -> Answer {
    match agent.head(address).call() {
        Ok(response) if matches!(response.status().as_u16(), 405 | 501) => {
            drop(response);
            answer(agent.get(address).call(), "GET")
        }
        result => answer(result, "HEAD"),
    }
}

fn answer(
    result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    method: &'static str,
) -> Answer {
    match result {
        // The body is never read: the status and the headers are the answer.
        Ok(response) => Answer::Status {
            method,
            code: response.status().as_u16(),
            reason: response.status().canonical_reason().unwrap_or(""),
            location: response
                .headers()
                .get("location")
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned),
        },
        Err(error) => Answer::Failed(failure(&error)),
    }
}

fn failure(error: &ureq::Error) -> Failure {
    match error {
        ureq::Error::Timeout(_) => Failure::TimedOut,
        ureq::Error::HostNotFound => Failure::HostNotFound,
        ureq::Error::Io(io) => io_failure(io),
        ureq::Error::Rustls(tls) => tls_failure(tls),
        ureq::Error::Tls(_) => Failure::Secure,
        ureq::Error::Protocol(_) => Failure::NotHttp,
        ureq::Error::BadUri(_) => Failure::BadAddress,
        _ => Failure::Connection,
    }
}

fn io_failure(io: &std::io::Error) -> Failure {
    // rustls reports a failed handshake as invalid data carrying its own error.
    if let Some(tls) = io.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
        return tls_failure(tls);
    }
    match io.kind() {
        ErrorKind::TimedOut | ErrorKind::WouldBlock => Failure::TimedOut,
        ErrorKind::ConnectionRefused => Failure::Refused,
        ErrorKind::ConnectionReset
        | ErrorKind::ConnectionAborted
        | ErrorKind::UnexpectedEof
        | ErrorKind::BrokenPipe => Failure::Closed,
        ErrorKind::NetworkUnreachable | ErrorKind::HostUnreachable => Failure::NoRoute,
        // A name that does not resolve comes from the standard library's lookup as an
        // error of no particular kind; its words are the only way to tell.
        _ if io.to_string().starts_with("failed to lookup address") => Failure::HostNotFound,
        _ => Failure::Connection,
    }
}

fn tls_failure(error: &rustls::Error) -> Failure {
    use rustls::CertificateError as Certificate;
    let rustls::Error::InvalidCertificate(certificate) = error else {
        return Failure::Secure;
    };
    Failure::Certificate(match certificate {
        Certificate::Expired | Certificate::ExpiredContext { .. } => "has expired",
        Certificate::NotValidYet | Certificate::NotValidYetContext { .. } => "is not valid yet",
        Certificate::NotValidForName | Certificate::NotValidForNameContext { .. } => {
            "is made out to another site"
        }
        Certificate::UnknownIssuer => "is not signed by an authority that computers trust",
        Certificate::Revoked => "was withdrawn (revoked)",
        _ => "is not valid",
    })
}

#[cfg(test)]
mod tests {
    use std::io::{Error, ErrorKind};

    use super::{Failure, io_failure};

    #[test]
    fn connection_failures_are_told_apart() {
        let kind = |kind: ErrorKind| io_failure(&Error::from(kind));
        assert_eq!(kind(ErrorKind::ConnectionRefused), Failure::Refused);
        assert_eq!(kind(ErrorKind::ConnectionReset), Failure::Closed);
        assert_eq!(kind(ErrorKind::UnexpectedEof), Failure::Closed);
        assert_eq!(kind(ErrorKind::TimedOut), Failure::TimedOut);
        assert_eq!(kind(ErrorKind::HostUnreachable), Failure::NoRoute);
        let lookup =
            Error::other("failed to lookup address information: Name or service not known");
        assert_eq!(io_failure(&lookup), Failure::HostNotFound);
    }

    #[test]
    fn certificate_problems_say_what_is_wrong() {
        let tls = |error: rustls::Error| io_failure(&Error::new(ErrorKind::InvalidData, error));
        let certificate = |c| tls(rustls::Error::InvalidCertificate(c));
        assert_eq!(
            certificate(rustls::CertificateError::Expired),
            Failure::Certificate("has expired")
        );
        assert_eq!(
            certificate(rustls::CertificateError::NotValidForName),
            Failure::Certificate("is made out to another site")
        );
        assert_eq!(
            tls(rustls::Error::InvalidMessage(
                rustls::InvalidMessage::InvalidContentType
            )),
            Failure::Secure
        );
    }
}
