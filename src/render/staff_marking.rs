//! A staff-only guide says so on every page of every format, in its metadata, and in
//! the name of every file; it has no text messages.

use std::io::Read;
use std::path::PathBuf;

use crate::config::{BuildConfig, Layout, Settings};
use crate::pipeline::{check_source, render_formats};
use crate::render::{Artifact, Format, RenderContext};

const NOTICE: &str = "Staff only — do not distribute";

/// Every format of the confidential fixture as a staff edition would render it (the
/// whole guide, `staff_only` set), with `settings` from the command line.
fn staff_files(settings: &Settings) -> (Vec<Artifact>, Vec<String>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/confidential.toml");
    let text = std::fs::read(&path).unwrap();
    let source = crate::source::source_from_bytes("guide.toml".into(), text).unwrap();
    let loaded = check_source(source).expect("the fixture is valid");
    let mut guide = loaded.checked.guide.clone();
    guide.staff_only = true;
    let templates = crate::sandbox::open_templates(None).unwrap();
    let config = BuildConfig::resolve(
        path,
        None,
        PathBuf::new(),
        settings,
        &loaded.checked.settings,
    );
    let cx = RenderContext {
        guide: &guide,
        source: &loaded.source,
        config: &config,
        templates: &templates,
        card_back: None,
    };
    let rendering = render_formats(&Format::defaults(), &cx, &loaded.unprintable);
    let files = rendering.result.expect("every format renders").concat();
    if let Some(dir) = std::env::var_os("GUIDEPRESS_STAFF_DUMP") {
        for file in &files {
            let target = PathBuf::from(&dir).join(&file.path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, &file.bytes).unwrap();
        }
    }
    (files, rendering.said.notes)
}

fn pdf_info(bytes: &[u8]) -> String {
    let document = lopdf::Document::load_mem(bytes).unwrap();
    let mut info = String::new();
    for object in document.objects.values() {
        if let Ok(stream) = object.as_stream()
            && stream
                .dict
                .get(b"Subtype")
                .is_ok_and(|s| s.as_name().is_ok_and(|n| n == b"XML"))
        {
            info.push_str(&String::from_utf8_lossy(&stream.content));
        }
    }
    info
}

#[test]
fn every_file_of_a_staff_guide_is_named_and_marked_staff_only() {
    let (files, notes) = staff_files(&Settings::default());
    let names: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    assert_eq!(
        names,
        [
            "STAFF-ONLY-family-resources.pdf",
            "STAFF-ONLY-family-resources.epub",
            "STAFF-ONLY-family-resources.html",
            "cards/STAFF-ONLY-help-now.txt",
            "STAFF-ONLY-family-resources-cards.txt",
            "STAFF-ONLY-family-resources-cards.pdf",
        ]
    );
    assert!(
        notes
            .iter()
            .any(|n| n.contains("no text messages for a staff-only edition"))
    );
    for file in &files {
        let name = file.path.display().to_string();
        let bytes = &file.bytes;
        if name.ends_with(".pdf") {
            let xmp = pdf_info(bytes);
            assert!(
                xmp.contains(&format!("{NOTICE}: Family Resources")),
                "{name}: title"
            );
            let pages = lopdf::Document::load_mem(bytes).unwrap().get_pages().len();
            let text = crate::render::pdf::read_text(bytes).unwrap();
            assert!(
                text.matches("Staff only").count() >= pages,
                "{name}: {pages} pages, {text}"
            );
        } else if name.ends_with(".epub") {
            let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for index in 0..archive.len() {
                let mut entry = archive.by_index(index).unwrap();
                let entry_name = entry.name().to_owned();
                let mut text = String::new();
                if entry_name.ends_with(".xhtml")
                    || entry_name.ends_with(".opf")
                    || entry_name.ends_with(".ncx")
                {
                    entry.read_to_string(&mut text).unwrap();
                    assert!(text.contains(NOTICE), "{entry_name} does not say it");
                }
            }
        } else {
            let text = String::from_utf8(bytes.clone()).unwrap();
            assert!(text.contains(NOTICE), "{name}:\n{text}");
        }
    }
}

#[test]
fn a_staff_trifold_and_large_print_still_fit() {
    for settings in [
        Settings {
            layout: Some(Layout::Trifold),
            ..Settings::default()
        },
        Settings {
            large_print: Some(true),
            ..Settings::default()
        },
    ] {
        let (files, _) = staff_files(&settings);
        let pdf = &files[0];
        assert!(
            crate::render::pdf::read_text(&pdf.bytes)
                .unwrap()
                .contains("Staff only")
        );
    }
}
