//! Wallet cards: exact fit, wide characters, errors that name what does not fit, ASCII
//! mode, and the printable card sheet (see `src/render/card_sheet/`).

mod bilingual;
mod sheet;

use unicode_width::UnicodeWidthStr;

use crate::common::{Project, Run, pdf_text};

/// Runs a build that must succeed.
fn build(project: &Project, args: &[&str]) -> Run {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = project.run(&all);
    assert_eq!(run.code, 0, "build {args:?} failed:\n{}", run.stderr);
    run
}

/// Runs a build that must fail, and checks that it wrote nothing.
fn fail(project: &Project, args: &[&str]) -> Run {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = project.run(&all);
    assert_eq!(
        run.code, 1,
        "build {args:?} should fail:\n{}{}",
        run.stdout, run.stderr
    );
    assert!(
        project.output_files().is_empty(),
        "a failed build wrote files"
    );
    run
}

fn lines(text: &str) -> Vec<&str> {
    assert!(
        text.ends_with('\n') && !text.contains('\r'),
        "lines end with \\n only"
    );
    text.lines().collect()
}

/// The widest line in display columns, and the number of lines.
fn size(text: &str) -> (usize, usize) {
    let lines = lines(text);
    (
        lines.iter().map(|l| l.width()).max().unwrap_or(0),
        lines.len(),
    )
}

/// The text files under `output/` that the cards format wrote, by path.
fn card_files(project: &Project) -> Vec<(String, String)> {
    project
        .output_files()
        .into_iter()
        .filter(|(path, _)| path.ends_with(".txt"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("cards are UTF-8")))
        .collect()
}

#[test]
fn shipped_cards_fit_40_by_14_and_match_their_snapshots() {
    let project = Project::shipped();
    build(&project, &["--format", "cards"]);
    let files = card_files(&project);
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "cards/law-enforcement.txt",
            "cards/report.txt",
            "icac-resources-cards.txt"
        ]
    );
    for (path, text) in &files {
        let name = path.trim_end_matches(".txt").replace('/', "-");
        insta::assert_snapshot!(format!("shipped-{name}"), text);
        if path.starts_with("cards/") {
            let (width, height) = size(text);
            assert!(width <= 40 && height <= 14, "{path} is {width}×{height}");
        }
    }
}

#[test]
fn combined_file_is_every_card_with_a_cut_line_between() {
    let project = Project::shipped();
    build(&project, &["--format", "cards"]);
    let report = project.read_text("output/cards/report.txt");
    let law = project.read_text("output/cards/law-enforcement.txt");
    let combined = project.read_text("output/icac-resources-cards.txt");
    let cut = "--------------- cut here ---------------";
    assert_eq!(combined, format!("{report}\n{cut}\n\n{law}"));
}

#[test]
fn card_exactly_at_the_width_and_height_limits_fits() {
    let project = Project::with_fixture("cards-limit.toml");
    build(
        &project,
        &[
            "--format",
            "cards",
            "--card-width",
            "40",
            "--card-height",
            "9",
        ],
    );
    let text = project.read_text("output/cards/limit.txt");
    assert_eq!(size(&text), (40, 9));
    insta::assert_snapshot!("limit-card", text);
}

#[test]
fn one_column_over_fails_naming_the_card_the_contact_and_the_line() {
    let project = Project::with_fixture("cards-limit.toml");
    let run = fail(&project, &["--format", "cards", "--card-width", "39"]);
    insta::assert_snapshot!("one-column-over", run.stderr);
}

#[test]
fn one_line_over_fails_naming_the_card_and_the_line() {
    // At 8 lines the note moves up under the title and the card fits; at 7 it cannot.
    let project = Project::with_fixture("cards-limit.toml");
    let run = fail(&project, &["--format", "cards", "--card-height", "7"]);
    insta::assert_snapshot!("one-line-over", run.stderr);
}

#[test]
fn limits_come_from_the_guide_and_the_command_line_wins() {
    let source = std::fs::read_to_string(crate::common::fixture("cards-limit.toml")).unwrap();
    let project = Project::with_guide(&format!("{source}\n[cards]\nwidth = 39\n"));
    fail(&project, &["--format", "cards"]);
    build(&project, &["--format", "cards", "--card-width", "40"]);
}

#[test]
fn wide_characters_take_two_columns_and_combining_marks_none() {
    let project = Project::with_fixture("cards-wide.toml");
    build(&project, &["--format", "cards"]);
    let text = project.read_text("output/cards/help.txt");
    insta::assert_snapshot!("wide-card", text);
    // The box is drawn to the display width: every line is 40 columns, whatever its
    // number of characters.
    for line in lines(&text) {
        assert_eq!(line.width(), 40, "{line}");
    }
    let title = lines(&text)[1];
    assert!(
        title.chars().count() < 40,
        "CJK and emoji count two columns: {title}"
    );
    let accent = lines(&text)
        .into_iter()
        .find(|l| l.contains("Cafe\u{301}"))
        .expect("combining accent kept");
    assert!(
        accent.chars().count() > 40,
        "a combining mark counts no column: {accent}"
    );
}

#[test]
fn a_web_address_longer_than_the_card_fails_and_is_never_split() {
    let project = Project::with_fixture("cards-long-url.toml");
    let run = fail(&project, &["--format", "cards"]);
    insta::assert_snapshot!("long-url", run.stderr);
}

#[test]
fn both_card_formats_share_one_rendering_and_say_its_note_once() {
    let project = Project::with_fixture("cards-wide.toml");
    let alone = build(&project, &["--format", "cards", "--cards-ascii", "--force"]);
    let both = build(
        &project,
        &["--format", "cards,card-sheet", "--cards-ascii", "--force"],
    );
    assert_eq!(both.stderr, alone.stderr);
}

#[test]
fn a_card_that_fails_is_reported_once_for_both_card_formats() {
    let project = Project::with_fixture("cards-long-url.toml");
    let alone = fail(&project, &["--format", "cards"]);
    let both = fail(&project, &["--format", "cards,card-sheet"]);
    assert_eq!(both.stderr, alone.stderr);
}

#[test]
fn ascii_mode_transliterates_and_says_what_changed() {
    let project = Project::with_fixture("cards-wide.toml");
    let run = build(&project, &["--format", "cards", "--cards-ascii"]);
    let text = project.read_text("output/cards/help.txt");
    assert!(text.is_ascii(), "{text}");
    let (width, height) = size(&text);
    assert!(width <= 40 && height <= 14, "{width}×{height}");
    insta::assert_snapshot!("ascii-card", text);
    insta::assert_snapshot!("ascii-report", run.stderr);
}

#[test]
fn ascii_mode_on_plain_ascii_cards_says_nothing_changed() {
    let project = Project::shipped();
    let run = build(&project, &["--format", "cards", "--cards-ascii"]);
    assert_eq!(
        run.stderr,
        "note: --cards-ascii: the cards were already plain ASCII; nothing changed\n"
    );
    assert!(project.read("output/icac-resources-cards.txt").is_ascii());
}

#[test]
fn a_replaced_template_is_held_to_the_same_promises() {
    let project = Project::with_fixture("cards-limit.toml");
    // Leaves out the emergency line, splits the address, and pads past the width.
    project.write(
        "templates/cards/card.txt.j2",
        "{{ card.title | pad(width + 2) }}|\n{% for c in card.contacts %}{{ c.value[:10] }}\n{{ c.value[10:] }}\n{% endfor %}",
    );
    let run = fail(&project, &["--format", "cards"]);
    insta::assert_snapshot!("replaced-template", run.stderr);
}

#[test]
fn a_template_error_points_into_the_template() {
    let project = Project::with_fixture("cards-limit.toml");
    project.write(
        "templates/cards/card.txt.j2",
        "{{ card.title | wrap(width) | no_such_filter }}\n",
    );
    let run = fail(&project, &["--format", "cards"]);
    insta::assert_snapshot!("template-error", run.stderr);
}

#[test]
fn a_sheet_no_monospace_face_can_set_is_left_out_and_the_rest_is_built() {
    let project = Project::with_fixture("cards-devanagari.toml");
    let run = project.run(&["build", "--format", "cards,card-sheet,pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("sheet-missing-glyphs", run.stderr);
    assert!(project.path().join("output/cards/hindi.txt").exists());
    assert!(project.path().join("output/sahayata.pdf").exists());
    assert!(!project.path().join("output/sahayata-cards.pdf").exists());
}

#[test]
fn cjk_and_emoji_cards_print_on_the_sheet() {
    let project = Project::with_fixture("cards-wide.toml");
    build(&project, &["--format", "cards,card-sheet"]);
    // Each wide character is a run of its own, read back with spaces between.
    let sheet: String = pdf_text(&project.read("output/wide-cards.pdf"))
        .split_whitespace()
        .collect();
    for text in [
        "子ども相談ダイヤル📞",
        "困ったときは🙋ここに連絡",
        "緊急時は110番へ🚓",
    ] {
        assert!(sheet.contains(text), "{text} is not on the sheet:\n{sheet}");
    }
}

#[test]
fn every_number_and_address_on_a_text_card_is_in_the_sheet_text() {
    let project = Project::shipped();
    build(&project, &["--format", "cards,card-sheet"]);
    let sheet = pdf_text(&project.read("output/icac-resources-cards.pdf"));
    let mut checked = 0;
    for (path, text) in card_files(&project)
        .iter()
        .filter(|(p, _)| p.starts_with("cards/"))
    {
        for token in text.split_whitespace() {
            let token = token.trim_matches(|c: char| "()│,".contains(c));
            if token.chars().any(|c| c.is_ascii_digit()) || token.contains('/') {
                assert!(
                    sheet.contains(token),
                    "{token} of {path} is not in the sheet:\n{sheet}"
                );
                checked += 1;
            }
        }
    }
    assert!(
        checked >= 6,
        "only {checked} numbers and addresses found on the cards"
    );
}

#[test]
fn crisis_line_cards_fit_the_default_card_and_match_their_snapshots() {
    let project = Project::with_fixture("crisis-lines.toml");
    build(&project, &["--format", "cards"]);
    for id in ["students", "families"] {
        let text = project.read_text(&format!("output/cards/{id}.txt"));
        insta::assert_snapshot!(format!("crisis-lines-{id}"), text);
        let (width, height) = size(&text);
        assert!(width <= 40 && height <= 14, "{id} is {width}×{height}");
    }
}

/// A guide of one card: one organization per contact, each `(name, label, value,
/// hours)`, and the card's note.
fn card_guide(contacts: &[(&str, &str, &str, &str)], note: &str) -> String {
    let mut toml = String::from(
        "[guide]\nid = \"fit\"\ntitle = \"Fitting cards\"\nlanguage = \"en\"\ndate = 2024-03-01\n\
         emergency = \"In an emergency, call 911.\"\n",
    );
    let mut references = Vec::new();
    for (i, (name, label, value, hours)) in contacts.iter().enumerate() {
        toml.push_str(&format!(
            "\n[[organization]]\nid = \"org{i}\"\nname = \"{name}\"\nsummary = \"A helpline.\"\nabout = \"A helpline.\"\n\n\
             [[organization.contact]]\nid = \"phone\"\nkind = \"phone\"\nlabel = \"{label}\"\nvalue = \"{value}\"\nhours = \"{hours}\"\n"
        ));
        references.push(format!("\"org{i}.phone\""));
    }
    toml.push_str(&format!(
        "\n[[card]]\nid = \"card\"\ntitle = \"Help when you need it\"\ncontacts = [{}]\nnote = \"{note}\"\n",
        references.join(", ")
    ));
    toml
}

#[test]
fn four_contacts_with_long_labels_a_note_and_the_emergency_line_fit_40_by_14() {
    // Each "organization: label" fills most of a line, so no number fits beside it.
    let day = "24 hours a day, 7 days a week";
    let guide = card_guide(
        &[
            (
                "Childhelp",
                "National Child Abuse Line",
                "1-800-422-4453",
                day,
            ),
            ("NCMEC", "Child Pornography Tipline", "1-800-843-5678", day),
            ("Trevor", "Lifeline for LGBTQ+ youth", "1-866-488-7386", day),
            ("NDVH", "Domestic violence hotline", "1-800-799-7233", day),
        ],
        "Every call is free and confidential.",
    );
    let project = Project::with_guide(&guide);
    build(&project, &["--format", "cards"]);
    let text = project.read_text("output/cards/card.txt");
    assert_eq!(size(&text), (40, 14), "{text}");
    insta::assert_snapshot!("four-long-contacts", text);
}

#[test]
fn three_contacts_and_a_two_line_note_fit_40_by_14() {
    let guide = card_guide(
        &[
            (
                "Family Helpline",
                "Parents and carers",
                "1-800-555-0100",
                "Mon-Fri 9 am-5 pm",
            ),
            (
                "Youth Line",
                "Text or call, ages 12-24",
                "1-800-555-0101",
                "24/7",
            ),
            (
                "Poison Control",
                "Poison help",
                "1-800-222-1222",
                "24 hours every day",
            ),
        ],
        "Save these numbers in your phone. Every call is free and confidential.",
    );
    let project = Project::with_guide(&guide);
    build(&project, &["--format", "cards"]);
    let text = project.read_text("output/cards/card.txt");
    let (width, height) = size(&text);
    assert!(width <= 40 && height <= 14, "{width}×{height}:\n{text}");
    insta::assert_snapshot!("three-contacts-two-line-note", text);
}

#[test]
fn a_card_too_tall_names_the_contact_that_overflows() {
    // The same label and hours on every contact: only the order of the lines tells whose
    // hours a line past the limit are.
    let hours = "Monday to Friday, 9 am to 5 pm";
    let contacts: Vec<(String, &str, String, &str)> = (0..4)
        .map(|i| {
            (
                format!("Helpline {i}"),
                "Helpline",
                format!("1-800-555-010{i}"),
                hours,
            )
        })
        .collect();
    let contacts: Vec<(&str, &str, &str, &str)> = contacts
        .iter()
        .map(|(n, l, v, h)| (n.as_str(), *l, v.as_str(), *h))
        .collect();
    let project = Project::with_guide(&card_guide(&contacts, "Free."));
    let run = fail(&project, &["--format", "cards"]);
    insta::assert_snapshot!("too-tall-names-the-last-contact", run.stderr);
    // One line more and only the border is past the limit: the card ends with the last
    // contact's hours.
    let run = fail(&project, &["--format", "cards", "--card-height", "17"]);
    insta::assert_snapshot!("too-tall-ends-with-the-last-contact", run.stderr);
}
