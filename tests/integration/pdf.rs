//! The PDF pamphlet through the real binary: layouts, paper, bleed, large print, fonts,
//! accessibility identification, and the errors a user can meet.

use crate::common::{Project, pdf_facts, pdf_text};

const LETTER: [f32; 2] = [612.0, 792.0];
const A4: [f32; 2] = [595.28, 841.89];

fn build_pdf(project: &Project, args: &[&str]) -> Vec<u8> {
    let mut all = vec!["build", "--format", "pdf"];
    all.extend_from_slice(args);
    let run = project.run(&all);
    assert_eq!(run.code, 0, "build {args:?} failed:\n{}", run.stderr);
    project.read("output/icac-resources.pdf")
}

fn build_pdf_named(project: &Project, id: &str) -> Vec<u8> {
    let run = project.run(&["build", "--format", "pdf"]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    project.read(&format!("output/{id}.pdf"))
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.05
}

fn assert_page_size(boxes: &[[f32; 4]], width: f32, height: f32) {
    for media in boxes {
        assert!(
            close(media[2] - media[0], width) && close(media[3] - media[1], height),
            "page is {media:?}"
        );
    }
}

/// Every contact value of the shipped guide, as written in the source.
fn shipped_values(project: &Project) -> Vec<String> {
    project
        .read_text("source/guide.toml")
        .lines()
        .filter_map(|line| line.strip_prefix("value = \""))
        .map(|rest| rest.trim_end_matches('"').to_owned())
        .collect()
}

fn assert_accessible_with_every_value(project: &Project, pdf: &[u8]) {
    let facts = pdf_facts(pdf);
    assert!(
        facts.marked && facts.structure_tree,
        "the PDF is not tagged"
    );
    assert!(
        facts.xmp.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "no PDF/UA-1 identification"
    );
    assert_eq!(facts.lang.as_deref(), Some("en-US"));
    let text = pdf_text(pdf);
    for value in shipped_values(project) {
        assert!(
            text.contains(&value),
            "{value} is missing from the PDF text"
        );
    }
    assert!(fonts_are_embedded(pdf), "a font is not embedded");
}

/// Whether every font the PDF uses carries its font program.
fn fonts_are_embedded(pdf: &[u8]) -> bool {
    let document = lopdf::Document::load_mem(pdf).expect("a readable PDF");
    let descriptors: Vec<_> = document
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|dict| {
            dict.get(b"Type")
                .and_then(|t| t.as_name())
                .is_ok_and(|n| n == b"FontDescriptor")
        })
        .collect();
    !descriptors.is_empty()
        && descriptors
            .iter()
            .all(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"))
}

#[test]
fn handout_on_us_letter_is_portrait_and_accessible() {
    let project = Project::shipped();
    let pdf = build_pdf(&project, &[]);
    let facts = pdf_facts(&pdf);
    assert_eq!(facts.pages, 2);
    assert_page_size(&facts.media_boxes, LETTER[0], LETTER[1]);
    assert_accessible_with_every_value(&project, &pdf);
}

#[test]
fn handout_on_a4_uses_a4_pages() {
    let project = Project::shipped();
    let pdf = build_pdf(&project, &["--paper", "a4"]);
    let facts = pdf_facts(&pdf);
    assert_page_size(&facts.media_boxes, A4[0], A4[1]);
    assert_accessible_with_every_value(&project, &pdf);
}

#[test]
fn shipped_guide_fits_the_trifold_on_one_landscape_sheet() {
    let project = Project::shipped();
    let pdf = build_pdf(&project, &["--layout", "trifold"]);
    let facts = pdf_facts(&pdf);
    assert_eq!(facts.pages, 2, "a tri-fold is one sheet, two sides");
    assert_page_size(&facts.media_boxes, LETTER[1], LETTER[0]);
    assert_accessible_with_every_value(&project, &pdf);
}

#[test]
fn trifold_on_a4_is_landscape_a4() {
    let project = Project::shipped();
    let pdf = build_pdf(&project, &["--layout", "trifold", "--paper", "a4"]);
    let facts = pdf_facts(&pdf);
    assert_eq!(facts.pages, 2);
    assert_page_size(&facts.media_boxes, A4[1], A4[0]);
}

#[test]
fn large_print_handout_is_accessible() {
    let project = Project::shipped();
    let pdf = build_pdf(&project, &["--large-print"]);
    let facts = pdf_facts(&pdf);
    assert!(
        facts.pages > 2,
        "18 pt text in one column takes more pages than the regular handout"
    );
    assert_accessible_with_every_value(&project, &pdf);
}

#[test]
fn bleed_enlarges_pages_and_sets_the_trim_box() {
    let project = Project::shipped();
    let pdf = build_pdf(&project, &["--bleed", "3mm"]);
    let bleed = 3.0 * 72.0 / 25.4;
    // Beyond the bleed, a quarter inch for the crop marks, so each edge grows by both.
    let grow = bleed + 18.0;
    let document = lopdf::Document::load_mem(&pdf).unwrap();
    for id in document.get_pages().values() {
        let page = document.get_dictionary(*id).unwrap();
        let numbers = |key: &[u8]| -> Vec<f32> {
            page.get(key)
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_float().unwrap())
                .collect()
        };
        let media = numbers(b"MediaBox");
        let trim = numbers(b"TrimBox");
        assert!(
            close(media[2], LETTER[0] + 2.0 * grow) && close(media[3], LETTER[1] + 2.0 * grow),
            "media box {media:?}"
        );
        assert!(
            close(trim[0], grow) && close(trim[1], grow),
            "trim box {trim:?}"
        );
        assert!(close(trim[2] - trim[0], LETTER[0]) && close(trim[3] - trim[1], LETTER[1]));
    }
}

#[test]
fn pdf_a_adds_archival_identification_beside_ua() {
    let project = Project::shipped();
    let pdf = build_pdf(&project, &["--pdf-a"]);
    let facts = pdf_facts(&pdf);
    assert!(
        facts.xmp.contains("<pdfaid:part>2</pdfaid:part>"),
        "no PDF/A-2 identification"
    );
    assert!(
        facts.xmp.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "no PDF/UA-1 identification"
    );
}

#[test]
fn qr_codes_are_images_with_alt_text_and_can_be_turned_off() {
    let project = Project::shipped();
    let with = build_pdf(&project, &[]);
    let without = build_pdf(&project, &["--no-qr"]);
    let alt = "QR code for the web address www.missingkids.com/cybertip";
    assert!(
        String::from_utf8_lossy(&with).contains("/Figure"),
        "no figure tag for the QR code"
    );
    assert!(
        contains_utf16_or_ascii(&with, alt),
        "QR code has no alt text"
    );
    assert!(
        !contains_utf16_or_ascii(&without, alt),
        "--no-qr left a QR code"
    );
}

fn contains_utf16_or_ascii(pdf: &[u8], needle: &str) -> bool {
    let document = lopdf::Document::load_mem(pdf).unwrap();
    document
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .any(|dict| {
            dict.get(b"Alt")
                .ok()
                .and_then(|alt| alt.as_str().ok())
                .is_some_and(|bytes| {
                    let text = if bytes.starts_with(&[0xfe, 0xff]) {
                        let units: Vec<u16> = bytes[2..]
                            .chunks(2)
                            .map(|c| u16::from_be_bytes([c[0], c[1]]))
                            .collect();
                        String::from_utf16_lossy(&units)
                    } else {
                        String::from_utf8_lossy(bytes).into_owned()
                    };
                    text == needle
                })
        })
}

#[test]
fn large_print_with_trifold_is_refused_with_a_reason() {
    let project = Project::shipped();
    let run = project.run(&["build", "--layout", "trifold", "--large-print"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn trifold_that_does_not_fit_fails_and_suggests_the_handout() {
    let project = Project::shipped();
    project.write("source/guide.toml", &project.shipped_with_copies(6));
    let run = project.run(&["build", "--format", "pdf", "--layout", "trifold"]);
    assert_eq!(run.code, 1);
    assert!(project.output_files().is_empty(), "nothing may be written");
    insta::assert_snapshot!(run.stderr);
    assert_eq!(
        project.run(&["build", "--format", "pdf"]).code,
        0,
        "the handout takes it"
    );
}

#[test]
fn preview_renders_every_page_of_every_layout() {
    let project = Project::shipped();
    let run = project.run(&["preview"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names: Vec<String> = project
        .output_files()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        names,
        [
            "guide-as-built.toml",
            "manifest.json",
            "preview/handout-1.png",
            "preview/handout-2.png",
            "preview/trifold-1.png",
            "preview/trifold-2.png",
        ]
    );
    let png = project.read("output/preview/trifold-1.png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    assert_eq!(width, 1056, "11 in landscape at 96 pixels per inch");
}

/// A guide of `count` organizations of uneven length, each shorter than a third of a
/// column, whose last contact is `1-800-555-0NNN`.
fn uneven_guide(count: usize) -> String {
    let mut guide = String::from(
        "[guide]\nid = \"uneven\"\ntitle = \"Uneven\"\nlanguage = \"en\"\ndate = 2026-01-15\n",
    );
    let sentence = "The office answers questions from families and schools about safety online. ";
    for i in 0..count {
        let about = sentence.repeat(1 + (i * 7) % 3);
        guide.push_str(&format!(
            "\n[[organization]]\nid = \"org-{i}\"\nname = \"Organization {i:02}\"\nsummary = \"An office.\"\nabout = \"{about}\"\n"
        ));
        for c in 0..=(i % 3) {
            guide.push_str(&format!(
                "\n[[organization.contact]]\nid = \"phone-{c}\"\nkind = \"phone\"\nlabel = \"Line {c}\"\nvalue = \"1-800-555-{c}{i:03}\"\n"
            ));
        }
    }
    guide
}

// A taller one may break where a column ends, so that no column is left mostly empty.
#[test]
fn an_organization_shorter_than_a_third_of_a_column_is_never_split() {
    let count = 36;
    let project = Project::with_guide(&uneven_guide(count));
    let pdf = build_pdf_named(&project, "uneven");
    let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf).expect("readable text");
    assert!(pages.len() >= 3, "the guide should take several pages");
    let page_of = |needle: &str| {
        let found: Vec<usize> = (0..pages.len())
            .filter(|&p| pages[p].contains(needle))
            .collect();
        assert_eq!(found.len(), 1, "`{needle}` is on pages {found:?}");
        found[0]
    };
    for i in 0..count {
        let last = format!("1-800-555-{}{i:03}", i % 3);
        assert_eq!(
            page_of(&format!("Organization {i:02}")),
            page_of(&last),
            "organization {i} is split across pages"
        );
    }
}
