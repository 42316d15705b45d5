//! Every problem an edition can have, reported word for word at its line and column.

use crate::common::Project;

/// The fixture's guide without its editions, and then `editions`.
fn check_with(editions: &str) -> String {
    let fixture = std::fs::read_to_string(crate::common::fixture("editions.toml")).unwrap();
    let first = fixture.find("[[edition]]").expect("an edition");
    // A staff copy keeps the staff card (it names a confidential contact) out of public view.
    let staff = "\n[[edition]]\nid = \"staff-copy\"\nconfidential = true\n";
    let project = Project::with_guide(&format!("{}{editions}{staff}", &fixture[..first]));
    project.run(&["check"]).transcript()
}

#[test]
fn an_edition_that_keeps_nothing_is_an_error_at_its_table() {
    insta::assert_snapshot!(check_with(
        "[[edition]]\nid = \"county\"\ntags = [\"youth\"]\nexclude_tags = [\"youth\"]\n"
    ));
}

#[test]
fn a_tag_or_region_that_nothing_carries_is_an_error_with_a_suggestion() {
    insta::assert_snapshot!(check_with(
        "[[edition]]\nid = \"students\"\ntags = [\"yuoth\"]\nexclude_tags = [\"adults\"]\nregions = [\"Lakeview Conty\"]\n"
    ));
}

#[test]
fn an_unknown_card_setting_or_language_is_an_error() {
    insta::assert_snapshot!(check_with(
        "[[edition]]\nid = \"students\"\ncards = [\"student\"]\nlayout = \"trifodl\"\nlanguages = [\"spanish\"]\n"
    ));
}

#[test]
fn a_named_card_that_loses_contacts_says_so_and_one_left_empty_is_an_error() {
    insta::assert_snapshot!(check_with(
        "[[edition]]\nid = \"students\"\ntags = [\"youth\"]\ncards = [\"students\", \"families\", \"staff-referrals\"]\n"
    ));
}

#[test]
fn an_unnamed_card_that_would_lose_a_contact_is_left_out_with_a_warning() {
    insta::assert_snapshot!(check_with(
        "[[edition]]\nid = \"clinic\"\ntags = [\"family\"]\n"
    ));
}

#[test]
fn edition_ids_are_unique_and_not_the_names_of_the_guide_s_own_outputs() {
    insta::assert_snapshot!(check_with(
        "[[edition]]\nid = \"cards\"\n\n[[edition]]\nid = \"staff\"\n\n[[edition]]\nid = \"staff\"\n"
    ));
}

#[test]
fn an_unknown_format_is_an_error_with_a_suggestion() {
    insta::assert_snapshot!(check_with(
        "[[edition]]\nid = \"students\"\nformats = [\"pfd\", \"cards\"]\n"
    ));
}
