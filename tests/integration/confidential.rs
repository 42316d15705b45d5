//! Confidential contacts never leak: the public build of a guide with a confidential
//! shelter address, a staff-only direct line, an intake e-mail and a staff page holds none
//! of them anywhere — raw bytes, inflated PDF streams, EPUB entries, QR codes, the copy of
//! the guide, the manifest — and `verify` catches one planted by hand.

use std::io::{Cursor, Read, Write};
use std::process::Command;

use crate::common::{Project, failing_verify, pdf_text};
use crate::pdf_content::text_string;

const FIXTURE: &str = "confidential.toml";

/// Pieces of the confidential contacts, compared in lower case.
const SECRET_TEXTS: &[&str] = &[
    "1418 alder court",
    "alder court",
    "555-0187",
    "intake-desk@harborhouse.example",
    "intake-desk",
    "referrals.harborhouse.example",
    "staff-intake",
    "intake coordinator",
    "shelter (staff only)",
    "referral form for staff",
    "intake by e-mail",
];

/// The staff-only line's digits, national and international.
const SECRET_DIGITS: &[&str] = &["2065550187", "5550187"];

fn built() -> Project {
    let project = Project::with_fixture(FIXTURE);
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    project
}

/// Every text a file holds: its bytes, the bytes of every PDF stream inflated and every
/// PDF string decoded, the text pdf-extract reads from a PDF, every archive entry unpacked,
/// each with character references decoded. (`pdftotext`'s reading is checked by
/// [`poppler_reads_no_confidential_value_in_a_public_pdf`], which needs poppler-utils.)
fn texts_of(bytes: &[u8]) -> Vec<String> {
    let mut texts = vec![String::from_utf8_lossy(bytes).into_owned()];
    if bytes.starts_with(b"%PDF") {
        let document = lopdf::Document::load_mem(bytes).expect("a PDF");
        for object in document.objects.values() {
            collect_pdf(object, &mut texts);
        }
        texts.push(pdf_text(bytes));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
        for index in 0..archive.len() {
            let mut entry = archive.by_index(index).unwrap();
            texts.push(entry.name().to_owned());
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            texts.push(String::from_utf8_lossy(&content).into_owned());
        }
    }
    let decoded: Vec<String> = texts
        .iter()
        .map(|t| html_escape::decode_html_entities(t).into_owned())
        .collect();
    texts.extend(decoded);
    texts
}

fn collect_pdf(object: &lopdf::Object, texts: &mut Vec<String>) {
    match object {
        lopdf::Object::String(bytes, _) => {
            texts.push(String::from_utf8_lossy(bytes).into_owned());
            if bytes.starts_with(b"\xfe\xff") {
                texts.push(text_string(bytes));
            }
        }
        lopdf::Object::Array(items) => items.iter().for_each(|i| collect_pdf(i, texts)),
        lopdf::Object::Dictionary(d) => d.iter().for_each(|(_, v)| collect_pdf(v, texts)),
        lopdf::Object::Stream(stream) => {
            stream.dict.iter().for_each(|(_, v)| collect_pdf(v, texts));
            let content = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            texts.push(String::from_utf8_lossy(&content).into_owned());
        }
        _ => {}
    }
}

fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("file.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The digits of each run of a number: digits joined by spaces, `-`, `.`, `/`, `(`, `)`, `+`.
fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = vec![String::new()];
    for c in text.chars() {
        if c.is_ascii_digit() {
            runs.last_mut().unwrap().push(c);
        } else if !(c.is_whitespace() || "-./()+\u{2011}".contains(c)) {
            runs.push(String::new());
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// The secret pieces `bytes` holds, by any reading.
fn secrets_in(bytes: &[u8]) -> Vec<String> {
    secrets_in_texts(texts_of(bytes))
}

/// The secret pieces the texts hold.
fn secrets_in_texts(texts: Vec<String>) -> Vec<String> {
    let mut found = Vec::new();
    for text in texts {
        let lower = text.to_lowercase();
        let spaced: String = lower.split_whitespace().collect::<Vec<_>>().join(" ");
        for secret in SECRET_TEXTS {
            if spaced.contains(secret) || lower.contains(secret) {
                found.push((*secret).to_owned());
            }
        }
        for run in digit_runs(&text) {
            for digits in SECRET_DIGITS {
                if run.contains(digits) {
                    found.push((*digits).to_owned());
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_search_finds_every_secret_in_the_source_and_public_numbers_in_the_pdf() {
    // The search must be able to fail: the source holds every secret, and the pamphlet
    // (its streams compressed) holds the public hotline's digits.
    let source = std::fs::read(crate::common::fixture(FIXTURE)).unwrap();
    let mut expected: Vec<String> = SECRET_TEXTS
        .iter()
        .chain(SECRET_DIGITS)
        .map(|s| (*s).to_owned())
        .collect();
    expected.sort();
    assert_eq!(secrets_in(&source), expected);
    let project = built();
    let pdf = project.read("output/family-resources.pdf");
    assert!(
        texts_of(&pdf)
            .iter()
            .any(|t| digit_runs(t).contains(&"2065550140".to_owned()))
    );
}

#[test]
fn no_file_of_the_public_build_holds_a_confidential_value_by_any_reading() {
    let project = built();
    let files = project.output_files();
    let names: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(
        names,
        [
            "cards/help-now.txt",
            "family-resources-cards.pdf",
            "family-resources-cards.txt",
            "family-resources.epub",
            "family-resources.html",
            "family-resources.pdf",
            "guide-as-built.toml",
            "manifest.json",
            "sms/family-center.txt",
            "sms/harbor-house.txt",
        ]
    );
    for (path, bytes) in &files {
        assert_eq!(secrets_in(bytes), Vec::<String>::new(), "{path} leaks");
    }
    // The public contacts of the same organization are all there.
    let text = pdf_text(&project.read("output/family-resources.pdf"));
    for public in [
        "(206) 555-0140",
        "www.harborhouse.example",
        "200 Main Street",
    ] {
        assert!(text.contains(public), "{public} is missing:\n{text}");
    }
}

#[test]
#[ignore = "needs pdftoppm (poppler-utils); run by .ci/run"]
fn the_pamphlets_qr_codes_open_only_public_addresses() {
    let project = built();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("pamphlet.pdf");
    std::fs::write(&pdf, project.read("output/family-resources.pdf")).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-r", "150", "-gray", "-png"])
        .arg(&pdf)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm runs");
    assert!(status.success());
    let mut decoded = Vec::new();
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pages.sort();
    for page in pages {
        let decoder =
            png::Decoder::new(std::io::BufReader::new(std::fs::File::open(page).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buffer).unwrap();
        let (width, height) = (info.width as usize, info.height as usize);
        let channels = info.line_size / width;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
            buffer[y * info.line_size + x * channels]
        });
        for grid in image.detect_grids() {
            if let Ok((_, content)) = grid.decode() {
                decoded.push(content);
            }
        }
    }
    assert_eq!(decoded, ["https://www.harborhouse.example"]);
}

#[test]
fn the_copy_of_the_guide_leaves_the_confidential_contacts_out_and_diff_sees_no_change() {
    let project = built();
    let copy = project.read_text("output/guide-as-built.toml");
    insta::assert_snapshot!(copy);
    let run = project.run(&["diff"]);
    insta::assert_snapshot!(run.transcript());
    // A new staff-only number changes no public output.
    let source = project
        .read_text("source/guide.toml")
        .replace("(206) 555-0187", "(206) 555-0188");
    project.write("source/guide.toml", &source);
    let run = project.run(&["diff"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(!run.transcript().contains("0188") && !run.transcript().contains("0187"));
}

#[test]
fn verify_proves_the_absence_and_passes_on_the_public_build() {
    let project = built();
    let run = project.run(&["verify"]);
    insta::assert_snapshot!(run.transcript());
    assert_eq!(run.code, 0);
}

/// Replaces a file of the output and its manifest entry, so that only what is in it
/// can fail `verify`.
fn plant(project: &Project, path: &str, bytes: &[u8]) {
    std::fs::write(project.path().join("output").join(path), bytes).unwrap();
    let manifest = project.read_text("output/manifest.json");
    let mut manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let entry = &mut manifest["artifacts"][path];
    entry["size"] = bytes.len().into();
    entry["sha256"] = sha256_hex(bytes).into();
    project.write(
        "output/manifest.json",
        &(serde_json::to_string_pretty(&manifest).unwrap() + "\n"),
    );
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    use std::fmt::Write;
    sha2::Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

/// The EPUB with `text` added to the end of its navigation document, deflated again.
fn epub_with(epub: &[u8], text: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(epub)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().to_owned();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        let options =
            zip::write::SimpleFileOptions::default().compression_method(entry.compression());
        if name.ends_with("nav.xhtml") {
            let xhtml = String::from_utf8(content).unwrap();
            content = xhtml
                .replace("</body>", &format!("<p>{text}</p></body>"))
                .into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn verify_names_the_contact_of_a_planted_leak_and_never_its_value() {
    let project = built();
    // The staff line written another way on a card, the street deflated inside the EPUB.
    let card = project
        .read_text("output/cards/help-now.txt")
        .replace("Free and private.", "Staff: 206.555.0187");
    plant(&project, "cards/help-now.txt", card.as_bytes());
    let epub = epub_with(
        &project.read("output/family-resources.epub"),
        "1418 Alder Court",
    );
    assert!(
        !String::from_utf8_lossy(&epub).contains("Alder"),
        "the entry is compressed"
    );
    plant(&project, "family-resources.epub", &epub);
    let run = failing_verify(&project);
    assert_eq!(
        secrets_in(run.transcript().as_bytes()),
        Vec::<String>::new()
    );
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_public_card_that_names_a_confidential_contact_is_an_error_at_the_reference() {
    let source = std::fs::read_to_string(crate::common::fixture(FIXTURE))
        .unwrap()
        .replace(
            "contacts = [\"harbor-house.hotline\", \"family-center.phone\"",
            "contacts = [\"harbor-house.hotline\", \"harbor-house.intake\", \"family-center.phone\"",
        );
    let project = Project::with_guide(&source);
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_confidential_value_written_in_public_text_stops_check_and_build() {
    let source = std::fs::read_to_string(crate::common::fixture(FIXTURE))
        .unwrap()
        .replace(
            "an advocate answers.",
            "an advocate answers at 206-555-0187.",
        );
    let project = Project::with_guide(&source);
    let check = project.run(&["check"]);
    assert_eq!(check.code, 1);
    let build = project.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(
        !project.path().join("output").exists(),
        "nothing was written"
    );
    insta::assert_snapshot!(format!("{}\n{}", check.transcript(), build.transcript()));
}

/// The fixture with a staff card (only the staff edition lists it), a public clinic
/// edition and a staff edition.
const EDITIONS: &str = r#"
[[card]]
id = "staff-lines"
title = "Staff lines"
contacts = ["harbor-house.intake", "harbor-house.hotline"]

[[edition]]
id = "clinic"
title = "Family Services"
cards = ["help-now"]

[[edition]]
id = "staff"
title = "Family Resources: Staff Copy"
confidential = true
cards = ["staff-lines", "help-now"]
"#;

const NOTICE: &str = "Staff only — do not distribute";

fn built_with_editions() -> Project {
    let source = std::fs::read_to_string(crate::common::fixture(FIXTURE)).unwrap() + EDITIONS;
    let project = Project::with_guide(&source);
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    project
}

/// The text of each page of a PDF.
fn pages_of(bytes: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(bytes).expect("the PDF's pages can be read")
}

/// The title, subject and keywords of a PDF's document information, one a line.
fn pdfinfo(bytes: &[u8]) -> String {
    let document = lopdf::Document::load_mem(bytes).unwrap();
    let info = document
        .trailer
        .get(b"Info")
        .and_then(|info| document.dereference(info))
        .and_then(|(_, info)| info.as_dict())
        .expect("an information dictionary");
    ["Title", "Subject", "Keywords"]
        .iter()
        .filter_map(|key| {
            let value = info.get(key.as_bytes()).ok()?.as_str().ok()?;
            // Laid out as `pdfinfo` prints it.
            Some(format!("{:<17}{}", format!("{key}:"), text_string(value)))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_page_and_file_name_of_a_staff_edition_says_staff_only() {
    let project = built_with_editions();
    let files = project.files_under("output/staff");
    let names: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(
        names,
        [
            "STAFF-ONLY-family-resources-cards.pdf",
            "STAFF-ONLY-family-resources-cards.txt",
            "STAFF-ONLY-family-resources.epub",
            "STAFF-ONLY-family-resources.html",
            "STAFF-ONLY-family-resources.pdf",
            "cards/STAFF-ONLY-help-now.txt",
            "cards/STAFF-ONLY-staff-lines.txt",
        ],
        "no text messages, every name marked"
    );
    let mut report = String::new();
    for (path, bytes) in &files {
        if path.ends_with(".pdf") {
            let pages = pages_of(bytes);
            for (n, page) in pages.iter().enumerate() {
                assert!(page.contains(NOTICE), "{path} page {}:\n{page}", n + 1);
            }
            report.push_str(&format!(
                "{path}: {} pages\n{}\n",
                pages.len(),
                pdfinfo(bytes)
            ));
        } else if path.ends_with(".epub") {
            let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
            for index in 0..archive.len() {
                let mut entry = archive.by_index(index).unwrap();
                let name = entry.name().to_owned();
                if [".xhtml", ".opf", ".ncx"].iter().any(|e| name.ends_with(e)) {
                    let mut text = String::new();
                    entry.read_to_string(&mut text).unwrap();
                    assert!(text.contains(NOTICE), "{path}: {name} does not say it");
                    if name.ends_with(".opf") {
                        let meta: Vec<&str> = text
                            .lines()
                            .filter(|l| l.contains(NOTICE))
                            .map(str::trim)
                            .collect();
                        report.push_str(&format!("{path} {name}:\n{}\n", meta.join("\n")));
                    }
                }
            }
        } else {
            let text = String::from_utf8(bytes.clone()).unwrap();
            assert!(text.contains(NOTICE), "{path}:\n{text}");
            if path.ends_with(".html") {
                let title = text.lines().find(|l| l.starts_with("<title>")).unwrap();
                report.push_str(&format!("{path}: {title}\n"));
            }
        }
    }
    // The staff copy is the one that shows the confidential contacts.
    let pamphlet = pdf_text(&project.read("output/staff/STAFF-ONLY-family-resources.pdf"));
    assert!(pamphlet.contains("1418 Alder Court") && pamphlet.contains("(206) 555-0187"));
    report.push_str(&project.read_text("output/staff/cards/STAFF-ONLY-staff-lines.txt"));
    insta::assert_snapshot!(report);
}

#[test]
fn the_public_guide_and_public_editions_hold_no_confidential_value() {
    let project = built_with_editions();
    let files = project.output_files();
    let public: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(path, _)| !path.starts_with("staff/"))
        .collect();
    assert!(
        public
            .iter()
            .any(|(path, _)| path == "clinic/family-resources.pdf")
    );
    for (path, bytes) in public {
        assert_eq!(secrets_in(bytes), Vec::<String>::new(), "{path} leaks");
        assert!(
            !path.contains("staff-lines"),
            "{path}: the staff card is not public"
        );
    }
    let run = project.run(&["verify"]);
    // (`verify` does not read editions yet; whatever it says, it prints no secret.)
    assert_eq!(
        secrets_in(run.transcript().as_bytes()),
        Vec::<String>::new()
    );
    assert!(
        !run.transcript().contains("shows confidential contact"),
        "{}",
        run.transcript()
    );
}

#[test]
fn a_card_that_a_public_edition_lists_may_not_name_a_confidential_contact() {
    let source = std::fs::read_to_string(crate::common::fixture(FIXTURE)).unwrap()
        + &EDITIONS.replace(
            "cards = [\"help-now\"]",
            "cards = [\"help-now\", \"staff-lines\"]",
        );
    let project = Project::with_guide(&source);
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript());
}

#[test]
#[ignore = "needs pdftotext (poppler-utils); run by .ci/run"]
fn poppler_reads_no_confidential_value_in_a_public_pdf() {
    let public = built();
    let editions = built_with_editions();
    let pdfs = |project: &Project| -> Vec<(String, Vec<u8>)> {
        project
            .output_files()
            .into_iter()
            .filter(|(path, _)| path.ends_with(".pdf"))
            .collect()
    };
    let mut staff = 0;
    for (path, bytes) in pdfs(&public).into_iter().chain(pdfs(&editions)) {
        let found = secrets_in_texts(vec![pdftotext(&bytes)]);
        if path.starts_with("staff/") {
            staff += 1;
            assert!(
                !found.is_empty(),
                "{path}: pdftotext reads no staff contact"
            );
        } else {
            assert_eq!(found, Vec::<String>::new(), "{path} leaks");
        }
    }
    assert_eq!(staff, 2, "the staff pamphlet and card sheet were read");
}
