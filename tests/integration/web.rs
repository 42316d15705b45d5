//! `guidepress build --format web`: the self-contained HTML page, compared whole with
//! snapshots for the shipped guide and the fixtures (sections, right to left, every
//! character that means something in HTML), and checked for what a reader relies on:
//! every contact in the visible text, no request that leaves the file, landmarks and a
//! heading outline, the same bytes from the same source, and `verify` reading it back.

use roxmltree::{Document, Node, ParsingOptions};

use crate::common::{Project, failing_verify};
use crate::epub::{ADVERSARIAL, CRISIS, Guide, RTL, SECTIONS, SHIPPED};
use crate::validators::{axe::assert_no_axe_violations, vnu::assert_html_valid};

/// The guides the page is built for.
const GUIDES: [&Guide; 5] = [&SHIPPED, &CRISIS, &SECTIONS, &RTL, &ADVERSARIAL];

/// Builds the page in `project` and returns it.
fn page(project: &Project, id: &str) -> String {
    let run = project.run(&["build", "--format", "web"]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    project.read_text(&format!("output/{id}.html"))
}

fn xml(html: &str) -> Document<'_> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(html, options).expect("the page is well-formed XML")
}

/// Every contact value of the guide in `project`, as written in its source.
fn contact_values(project: &Project) -> Vec<String> {
    let source: toml::Table = project.read_text("source/guide.toml").parse().unwrap();
    let organizations = source["organization"].as_array().unwrap();
    organizations
        .iter()
        .filter_map(|org| org.get("contact").and_then(|c| c.as_array()).cloned())
        .flatten()
        .map(|contact| contact["value"].as_str().unwrap().to_owned())
        .collect()
}

/// The text a reader sees: everything outside tags in `<body>`, without scripts, entities
/// decoded, whitespace collapsed (each tag counts as a space, so words never run
/// together across a line break).
fn visible_text(html: &str) -> String {
    let body = &html[html.find("<body").expect("a body")..];
    let mut text = String::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let after = &rest[open..];
        let skip_to = if after.starts_with("<script") {
            after.find("</script>").expect("a closed script")
        } else {
            0
        };
        let close = after[skip_to..].find('>').expect("a closed tag") + skip_to;
        rest = &after[close + 1..];
    }
    text.push_str(rest);
    let decoded = html_escape::decode_html_entities(&text);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collapsed(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_page_matches_its_snapshot() {
    for guide in GUIDES {
        let html = page(&guide.project(), guide.id);
        insta::assert_snapshot!(format!("web__{}", guide.id), html);
    }
}

#[test]
fn the_page_is_built_by_default_and_named_after_the_guide() {
    let project = Project::shipped();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("icac-resources.html"),
        "{}",
        run.transcript()
    );
    assert!(project.path().join("output/icac-resources.html").is_file());
}

#[test]
fn every_contact_value_is_in_the_visible_text() {
    for guide in GUIDES {
        let project = guide.project();
        let text = visible_text(&page(&project, guide.id));
        let values = contact_values(&project);
        assert!(!values.is_empty());
        for value in values {
            assert!(
                text.contains(&collapsed(&value)),
                "{}: `{value}` is not in the visible text:\n{text}",
                guide.id
            );
        }
    }
}

/// An address in an attribute that would make the browser fetch something, if any.
fn leaves_the_file(element: Node<'_, '_>, attribute: &str, value: &str) -> bool {
    let value = value.trim().to_ascii_lowercase();
    if value.starts_with("data:") {
        return false;
    }
    // An <a> is followed only when tapped, and then it is meant to leave.
    let followed_by_hand = element.has_tag_name("a") && attribute == "href";
    let linkable = ["#", "tel:", "sms:", "mailto:", "https://"];
    !(followed_by_hand && linkable.iter().any(|p| value.starts_with(p)))
}

#[test]
fn the_page_makes_no_request_that_leaves_the_file() {
    const FETCHING: [&str; 10] = [
        "src",
        "href",
        "srcset",
        "action",
        "formaction",
        "poster",
        "data",
        "manifest",
        "ping",
        "background",
    ];
    for guide in GUIDES {
        let html = page(&guide.project(), guide.id);
        let document = xml(&html);
        for element in document.descendants().filter(Node::is_element) {
            let name = element.tag_name().name();
            assert!(
                ![
                    "link", "iframe", "object", "embed", "base", "img", "video", "audio"
                ]
                .contains(&name),
                "{}: a <{name}> element",
                guide.id
            );
            if name == "meta" {
                assert_ne!(element.attribute("http-equiv"), Some("refresh"));
            }
            for attribute in element.attributes() {
                let key = attribute.name().to_ascii_lowercase();
                if FETCHING.contains(&key.as_str()) {
                    assert!(
                        !leaves_the_file(element, &key, attribute.value()),
                        "{}: <{name} {key}=\"{}\"> leaves the file",
                        guide.id,
                        attribute.value()
                    );
                }
            }
            let css = match (name, element.attribute("style")) {
                ("style", _) => element.text().unwrap_or("").to_owned(),
                (_, Some(style)) => style.to_owned(),
                _ => continue,
            };
            let css = css.to_ascii_lowercase();
            assert!(!css.contains("@import"), "{}: CSS @import", guide.id);
            for (at, _) in css.match_indices("url(") {
                let target = css[at + 4..].trim_start_matches(['"', '\'', ' ']);
                assert!(
                    target.starts_with("data:"),
                    "{}: CSS url({target}",
                    guide.id
                );
            }
        }
        let policy = document
            .descendants()
            .find(|n| n.attribute("http-equiv") == Some("Content-Security-Policy"))
            .and_then(|n| n.attribute("content"))
            .expect("a content security policy");
        assert!(policy.starts_with("default-src 'none';"), "{policy}");
    }
}

#[test]
fn the_page_has_its_language_landmarks_a_skip_link_and_an_outline() {
    for guide in GUIDES {
        let html = page(&guide.project(), guide.id);
        let document = xml(&html);
        let root = document.root_element();
        assert_eq!(root.attribute("lang"), Some(guide.lang), "{}", guide.id);
        assert_eq!(root.attribute("dir"), Some(guide.dir), "{}", guide.id);
        let body = root.children().find(|n| n.has_tag_name("body")).unwrap();
        let landmarks: Vec<&str> = body
            .children()
            .filter(Node::is_element)
            .map(|n| n.tag_name().name())
            .collect();
        assert_eq!(landmarks, ["a", "header", "main", "footer"], "{}", guide.id);
        let skip = body.first_element_child().unwrap();
        let target = skip.attribute("href").unwrap().trim_start_matches('#');
        assert!(
            document
                .descendants()
                .any(|n| n.attribute("id") == Some(target)),
            "{}: the skip link leads nowhere",
            guide.id
        );
        assert!(document.descendants().any(|n| n.has_tag_name("nav")));
        let levels: Vec<usize> = document
            .descendants()
            .filter_map(|n| {
                let name = n.tag_name().name();
                let level = name.strip_prefix('h')?.parse().ok()?;
                n.is_element().then_some(level)
            })
            .collect();
        assert_eq!(levels[0], 1, "{}", guide.id);
        assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1);
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{}: heading levels {levels:?}",
                guide.id
            );
        }
    }
}

#[test]
fn the_filter_is_hidden_until_its_script_shows_it() {
    let html = page(&SHIPPED.project(), SHIPPED.id);
    let document = xml(&html);
    let finder = document
        .descendants()
        .find(|n| n.attribute("role") == Some("search"))
        .expect("the find box");
    assert_eq!(finder.attribute("hidden"), Some(""));
    let input = finder
        .descendants()
        .find(|n| n.has_tag_name("input"))
        .unwrap();
    let label = finder
        .descendants()
        .find(|n| n.has_tag_name("label"))
        .unwrap();
    assert_eq!(label.attribute("for"), input.attribute("id"));
    let status = finder
        .descendants()
        .find(|n| n.attribute("role") == Some("status"))
        .expect("a live region for the count");
    assert_eq!(
        status.attribute("data-found"),
        Some("{shown} of 5 organizations shown")
    );
    let script = document
        .descendants()
        .find(|n| n.has_tag_name("script"))
        .unwrap();
    assert!(script.ancestors().any(|n| n.has_tag_name("head")));
    assert!(script.text().unwrap().contains("finder.hidden = false"));
}

#[test]
fn the_same_guide_gives_the_same_bytes() {
    for guide in [&CRISIS, &RTL] {
        let first = page(&guide.project(), guide.id);
        let second = page(&guide.project(), guide.id);
        assert_eq!(first, second, "{}", guide.id);
    }
}

#[test]
fn verify_reads_the_page_back() {
    let project = CRISIS.project();
    page(&project, CRISIS.id);
    let run = project.run(&["verify"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

#[test]
fn verify_names_a_contact_the_page_no_longer_shows_and_a_link_that_dials_another_number() {
    let project = CRISIS.project();
    let html = page(&project, CRISIS.id);
    let tampered = html
        .replace(">1-800-THE-LOST</a>", ">1-800-THE-LOTS</a>")
        .replace("href=\"sms:741741\"", "href=\"sms:741742\"");
    assert_ne!(tampered, html);
    project.write(&format!("output/{}.html", CRISIS.id), &tampered);
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn verify_refuses_a_page_that_is_not_well_formed() {
    let project = CRISIS.project();
    let html = page(&project, CRISIS.id);
    project.write(
        &format!("output/{}.html", CRISIS.id),
        &html.replacen("<main id=\"main\">", "<main id=\"main\"><p>", 1),
    );
    insta::assert_snapshot!(failing_verify(&project).transcript());
}

#[test]
fn the_look_alike_guide_gives_a_page_whose_only_script_is_the_filter() {
    let project = Project::with_fixture("adversarial/guide.toml");
    let html = page(&project, "adversarial");
    let document = xml(&html);
    let scripts: Vec<Node<'_, '_>> = document
        .descendants()
        .filter(|n| n.has_tag_name("script"))
        .collect();
    assert_eq!(scripts.len(), 1);
    let filter = project.read_text("templates/web/filter.js");
    assert_eq!(scripts[0].text().unwrap().trim(), filter.trim());
    for element in document.descendants().filter(Node::is_element) {
        for attribute in element.attributes() {
            let name = attribute.name().to_ascii_lowercase();
            assert!(!name.starts_with("on"), "an event handler `{name}`");
            assert!(
                !attribute
                    .value()
                    .trim()
                    .to_lowercase()
                    .starts_with("javascript:"),
                "a script address in `{name}`"
            );
        }
    }
    let text = visible_text(&html);
    for value in contact_values(&project) {
        assert!(text.contains(&collapsed(&value)), "`{value}` is not shown");
    }
    assert!(text.contains("<script>alert(1)</script>"), "{text}");
}

#[test]
#[ignore = "needs the Nu HTML Checker, Chromium and axe-core; run by .ci/run"]
fn every_page_passes_the_html_checker_and_axe_at_phone_widths() {
    for guide in GUIDES {
        let project = guide.project();
        page(&project, guide.id);
        let path = project.path().join(format!("output/{}.html", guide.id));
        assert_html_valid(&path);
        assert_no_axe_violations(&path, 320);
        assert_no_axe_violations(&path, 390);
    }
}
