//! `guidepress review --links`: every web address asked once, against a server this test
//! starts on 127.0.0.1. Nothing here reaches any other address.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::common::{BIN, Project, Run, fixture};

/// The most connections one server accepts, and the longest it runs.
const MAX_CONNECTIONS: usize = 64;
const MAX_LIFETIME: Duration = Duration::from_secs(30);

/// An HTTP server on a loopback port whose paths give each kind of answer; it stops when
/// dropped, after [`MAX_CONNECTIONS`] connections, or after [`MAX_LIFETIME`].
struct TestServer {
    port: u16,
    stop: Arc<AtomicBool>,
    requests: Arc<AtomicUsize>,
    accepting: Option<JoinHandle<()>>,
}

impl TestServer {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(AtomicUsize::new(0));
        let accepting = {
            let (stop, requests) = (Arc::clone(&stop), Arc::clone(&requests));
            std::thread::spawn(move || accept(&listener, &stop, &requests))
        };
        Self {
            port,
            stop,
            requests,
            accepting: Some(accepting),
        }
    }

    /// How many requests it has read.
    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(accepting) = self.accepting.take() {
            let _ = accepting.join();
        }
    }
}

fn accept(listener: &TcpListener, stop: &Arc<AtomicBool>, requests: &Arc<AtomicUsize>) {
    let started = Instant::now();
    let mut handlers = Vec::new();
    let mut accepted = 0;
    while !stop.load(Ordering::SeqCst)
        && accepted < MAX_CONNECTIONS
        && started.elapsed() < MAX_LIFETIME
    {
        match listener.accept() {
            Ok((stream, _)) => {
                accepted += 1;
                let (stop, requests) = (Arc::clone(stop), Arc::clone(requests));
                handlers.push(std::thread::spawn(move || {
                    answer(stream, &stop, &requests, started);
                }));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    stop.store(true, Ordering::SeqCst);
    for handler in handlers {
        let _ = handler.join();
    }
}

fn answer(mut stream: TcpStream, stop: &AtomicBool, requests: &AtomicUsize, started: Instant) {
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let Some(head) = read_head(&mut stream) else {
        // Not HTTP (a TLS handshake): what a plain web server says to it.
        let _ = stream.write_all(&response(400, "Bad Request", ""));
        return;
    };
    requests.fetch_add(1, Ordering::SeqCst);
    let mut words = head.split_whitespace();
    let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let reply = match (method, path) {
        (_, "/ok") | ("GET", "/no-head") => response(200, "OK", ""),
        (_, "/old") => response(301, "Moved Permanently", "Location: /new\r\n"),
        (_, "/temporary") => response(302, "Found", "Location: /login?next=%2Fchat\r\n"),
        (_, "/gone") => response(404, "Not Found", ""),
        (_, "/removed") => response(410, "Gone", ""),
        (_, "/broken") => response(500, "Internal Server Error", ""),
        ("HEAD", "/no-head") => response(405, "Method Not Allowed", "Allow: GET\r\n"),
        // Hangs up without a word.
        (_, "/closes") => return,
        // Never answers: holds the connection until the test is over.
        (_, "/silent") => {
            while !stop.load(Ordering::SeqCst) && started.elapsed() < MAX_LIFETIME {
                std::thread::sleep(Duration::from_millis(10));
            }
            return;
        }
        // A path this server does not know: the test asked for something it did not mean.
        _ => response(400, "Bad Request", ""),
    };
    let _ = stream.write_all(&reply);
}

/// The request line and headers, or `None` when the bytes are not an HTTP request.
fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut buffer = [0; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        let n = stream.read(&mut buffer).ok().filter(|&n| n > 0)?;
        head.extend_from_slice(&buffer[..n]);
        if !head[0].is_ascii_uppercase() {
            return None;
        }
    }
    String::from_utf8(head).ok()
}

fn response(code: u16, reason: &str, headers: &str) -> Vec<u8> {
    format!("HTTP/1.1 {code} {reason}\r\n{headers}Content-Length: 0\r\nConnection: close\r\n\r\n")
        .into_bytes()
}

/// A project whose guide links to `server`'s paths.
fn project(server: &TestServer) -> Project {
    let guide = std::fs::read_to_string(fixture("review/links.toml")).unwrap();
    Project::with_guide(&guide.replace("PORT", &server.port.to_string()))
}

/// Runs `guidepress review --links …` with no proxy, so every request goes to the
/// server itself; the port is redacted.
fn review_links(project: &Project, server: &TestServer, extra: &[&str]) -> Run {
    let mut command = Command::new(BIN);
    command
        .args(["review", "--links", "--timeout", "1"])
        .args(extra)
        .current_dir(project.path());
    for proxy in ["ALL_PROXY", "HTTP_PROXY", "HTTPS_PROXY"] {
        command.env_remove(proxy).env_remove(proxy.to_lowercase());
    }
    let output = command.output().expect("the binary runs");
    let stable = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes)
            .replace(&project.path().display().to_string(), "[PROJECT]")
            .replace(&format!("127.0.0.1:{}", server.port), "127.0.0.1:[PORT]")
    };
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: stable(&output.stdout),
        stderr: stable(&output.stderr),
    }
}

#[test]
fn every_kind_of_answer_is_reported_with_every_place_that_uses_the_address() {
    let server = TestServer::start();
    let project = project(&server);
    let before = project.files_under(".");
    let run = review_links(&project, &server, &[]);
    assert_eq!(run.code, 0, "without --strict, bad links are not a failure");
    insta::assert_snapshot!(run.transcript());
    // Ten addresses over HTTP, each asked once (the bare one only by TLS), and /no-head twice.
    assert_eq!(server.requests(), 10, "each address is asked once");
    assert_eq!(project.files_under("."), before, "nothing is written");
}

#[test]
fn strict_exits_1_with_the_same_report() {
    let server = TestServer::start();
    let project = project(&server);
    let plain = review_links(&project, &server, &[]);
    let strict = review_links(&project, &server, &["--strict"]);
    assert_eq!((plain.code, strict.code), (0, 1));
    assert_eq!(strict.stdout, plain.stdout);
}

#[test]
fn json_gives_the_same_results_as_data() {
    let server = TestServer::start();
    let project = project(&server);
    let run = review_links(&project, &server, &["--format", "json"]);
    assert_eq!(run.code, 0);
    serde_json::from_str::<serde_json::Value>(&run.stdout).expect("one JSON document");
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_temporary_redirect_alone_passes_strict() {
    let server = TestServer::start();
    let guide = std::fs::read_to_string(fixture("review/all-recent.toml"))
        .unwrap()
        .replace(
            "www.example.org/chat",
            &format!("http://127.0.0.1:{}/temporary", server.port),
        );
    let project = Project::with_guide(&guide);
    let run = review_links(&project, &server, &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_guide_without_web_addresses_says_so_in_one_line() {
    let server = TestServer::start();
    let guide = std::fs::read_to_string(fixture("review/all-recent.toml")).unwrap();
    let start = guide
        .find("[[organization.contact]]\nid = \"web\"")
        .unwrap();
    let project = Project::with_guide(&guide[..start]);
    let run = review_links(&project, &server, &["--strict"]);
    assert_eq!(run.code, 0);
    assert_eq!(server.requests(), 0);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn timeout_needs_links_and_links_refuses_today() {
    let project = Project::with_fixture("review/all-recent.toml");
    let timeout = project.run(&["review", "--timeout", "3"]);
    let today = project.run(&["review", "--links", "--today", "2026-06-01"]);
    assert_eq!((timeout.code, today.code), (2, 2));
    insta::assert_snapshot!(format!("{}\n{}", timeout.transcript(), today.transcript()));
}

#[test]
fn addresses_read_from_a_workbook_are_shown_at_their_cells() {
    let server = TestServer::start();
    let project = project(&server);
    // The same guide with its organizations in a workbook beside it.
    let export = project.run(&["export", "--to", "xlsx", "-o", "source/directory.xlsx"]);
    assert_eq!(export.code, 0, "{}", export.transcript());
    let guide = project.read_text("source/guide.toml");
    let own = &guide[..guide.find("[[organization]]").unwrap()];
    let own = own.replacen(
        "date = 2026-01-01\n",
        "date = 2026-01-01\ndirectory = \"directory.xlsx\"\n",
        1,
    );
    project.write("source/guide.toml", &own);
    let run = review_links(&project, &server, &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let json = review_links(&project, &server, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).expect("one JSON document");
    let first_cell = json["addresses"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["uses"].as_array().unwrap())
        .find(|u| u.get("cell").is_some())
        .cloned();
    insta::assert_snapshot!(format!(
        "{}\n--- the first use in a cell, as JSON\n{}",
        run.transcript(),
        serde_json::to_string_pretty(&first_cell).unwrap()
    ));
}
