use std::path::PathBuf;

use super::*;
use crate::config::{BuildConfig, Settings};
use crate::pipeline::{Loaded, check_source};
use crate::sandbox::Root;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The crisis-lines fixture: three sections (3, 2 and 2 organizations), vanity numbers,
/// text-message contacts, web addresses with QR codes.
fn fixture() -> Loaded {
    let path = repo().join("tests/fixtures/crisis-lines.toml");
    let text = std::fs::read(&path).unwrap();
    let source = crate::source::source_from_bytes(path.display().to_string(), text).unwrap();
    check_source(source).expect("the fixture is valid")
}

fn handout_config(loaded: &Loaded) -> BuildConfig {
    let mut config = BuildConfig::resolve(
        PathBuf::from("crisis-lines.toml"),
        None,
        PathBuf::new(),
        &Settings::default(),
        &loaded.checked.settings,
    );
    config.settings.layout = Layout::Handout;
    config
}

fn organization_cost(guide: &Guide, org: usize) -> u64 {
    Counts::of_organization(&guide.organizations[org], true).marginal()
}

fn section_cost(guide: &Guide, section: usize) -> u64 {
    let head = Counts::of_section(&guide.sections[section]).marginal();
    let id = &guide.sections[section].id;
    head + (0..guide.organizations.len())
        .filter(|&o| guide.organizations[o].section.as_ref() == Some(id))
        .map(|o| organization_cost(guide, o))
        .sum::<u64>()
}

/// Each part's organizations, by id.
fn ids(guide: &Guide, parts: &[Part]) -> Vec<Vec<String>> {
    parts
        .iter()
        .map(|part| {
            part.organizations
                .iter()
                .map(|&o| guide.organizations[o].id.clone())
                .collect()
        })
        .collect()
}

#[test]
fn a_guide_below_the_threshold_and_a_trifold_are_laid_out_whole() {
    let loaded = fixture();
    let mut config = handout_config(&loaded);
    assert!(plan(&loaded.checked.guide, &config).is_empty());
    config.settings.layout = Layout::Trifold;
    assert!(plan(&loaded.checked.guide, &config).is_empty());
}

#[test]
fn parts_end_where_sections_do_when_the_sections_fit() {
    let guide = &fixture().checked.guide;
    let budget = (0..3).map(|s| section_cost(guide, s)).max().unwrap();
    let parts = plan_within(guide, true, 0, budget);
    assert_eq!(
        ids(guide, &parts),
        [
            vec!["lifeline", "crisis-text-line", "trevor"],
            vec!["ndvh", "childhelp"],
            vec!["ncmec", "childline-uk"],
        ]
    );
    assert_eq!(
        parts.iter().map(|p| p.sections.clone()).collect::<Vec<_>>(),
        [vec![0], vec![1], vec![2]]
    );
    assert!(parts.iter().all(|p| p.continued.is_none()));
}

#[test]
fn a_section_larger_than_a_part_goes_on_in_the_next_without_its_head_again() {
    let guide = &fixture().checked.guide;
    // Room for the section's head and about two organizations, not three.
    let budget = Counts::of_section(&guide.sections[0]).marginal()
        + organization_cost(guide, 0)
        + organization_cost(guide, 1)
        + 1;
    let parts = plan_within(guide, true, 0, budget);
    let ids = ids(guide, &parts);
    assert_eq!(ids[0], ["lifeline", "crisis-text-line"]);
    assert_eq!(ids[1][0], "trevor");
    assert_eq!(parts[1].continued, Some(0));
    assert_eq!(
        parts[1].sections[0], 0,
        "the continued section is shown first"
    );
    // Every organization once, in reading order.
    let all: Vec<String> = ids.concat();
    let expected: Vec<String> = guide.organizations.iter().map(|o| o.id.clone()).collect();
    assert_eq!(all, expected);
    // A section's head never ends a part: every section a part shows has an organization
    // in it, or is continued from the part before.
    for part in &parts {
        for &section in &part.sections {
            let id = &guide.sections[section].id;
            assert!(
                part.organizations
                    .iter()
                    .any(|&o| guide.organizations[o].section.as_ref() == Some(id)),
                "section {id} has no organization in its part"
            );
        }
    }
}

#[test]
fn a_guide_without_sections_is_split_between_organizations() {
    let mut guide = fixture().checked.guide;
    guide.sections.clear();
    for org in &mut guide.organizations {
        org.section = None;
    }
    let budget = organization_cost(&guide, 0) + organization_cost(&guide, 1) + 1;
    let parts = plan_within(&guide, true, 0, budget);
    assert!(parts.len() >= 3, "{} parts", parts.len());
    assert!(
        parts
            .iter()
            .all(|p| p.sections.is_empty() && p.continued.is_none())
    );
    let all: Vec<String> = ids(&guide, &parts).concat();
    assert_eq!(all.len(), guide.organizations.len());
}

/// The handout of the fixture laid out in parts of about two organizations: one tagged document whose tag tree
/// holds, with every page's footer counting the whole, the title once, the closing at the
/// end, and the continued section's head not repeated.
#[test]
fn parts_join_into_one_tagged_pamphlet_with_page_numbers_running_on() {
    let loaded = fixture();
    let guide = &loaded.checked.guide;
    let config = handout_config(&loaded);
    let templates = Root::new(&repo().join("templates")).unwrap();
    let cx = RenderContext {
        guide,
        source: &loaded.source,
        config: &config,
        templates: &templates,
        card_back: None,
    };
    let words = Words::load(&cx).unwrap();
    let budget = Counts::of_section(&guide.sections[0]).marginal()
        + organization_cost(guide, 0)
        + organization_cost(guide, 1)
        + 1;
    let parts = plan_within(guide, true, 0, budget);
    assert!(parts.len() > 2 && parts.iter().any(|p| p.continued.is_some()));
    let pdf = render(&cx, &words, &parts).unwrap();
    if let Err(problems) = crate::render::pdf::tags::check_tags(&pdf) {
        panic!("the joined tag tree is broken:\n{}", problems.join("\n"));
    }
    let again = render(&cx, &words, &parts).unwrap();
    assert!(pdf == again, "the same parts gave other bytes");
    let text = crate::render::pdf::read_text(&pdf).unwrap();
    insta::assert_snapshot!(text);
}
