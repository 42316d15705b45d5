//! The pamphlet's layout, read back from the PDF of real guides with sections in every
//! layout: no two text lines overlap, no heading ends a column, the tri-fold's panels are
//! balanced, no page before the last is mostly empty, every web contact has its QR code
//! beside it, and no type is smaller than the layout allows.

mod structure;

use lopdf::Document;

use crate::common::{Project, fixture};
use crate::pdf_content::{PageContent as Page, Shown as Run, pages};
use structure::{Figure, Structure, structure};

/// A guide: its fixture (`None` for the shipped guide) and the id its PDF is named by.
type Guide = (Option<&'static str>, &'static str);

const CRISIS_LINES: Guide = (Some("crisis-lines.toml"), "crisis-lines");
const SECTIONS: Guide = (Some("epub-sections.toml"), "recursos-familias");
const SHIPPED: Guide = (None, "icac-resources");

/// Every layout and paper: its name, its settings, its columns a page, whether large print.
const LAYOUTS: [(&str, &[&str], usize, bool); 5] = [
    ("handout", &["--layout", "handout"], 2, false),
    ("tri-fold", &["--layout", "trifold"], 3, false),
    (
        "A4 handout",
        &["--layout", "handout", "--paper", "a4"],
        2,
        false,
    ),
    (
        "A4 tri-fold",
        &["--layout", "trifold", "--paper", "a4"],
        3,
        false,
    ),
    (
        "large print",
        &["--layout", "handout", "--large-print"],
        1,
        true,
    ),
];

/// A built pamphlet, read back.
struct Pamphlet {
    label: String,
    pages: Vec<Page>,
    structure: Structure,
    columns: usize,
    large_print: bool,
    trifold: bool,
}

/// A page without its text of spaces only: the layout checks look at what is seen.
fn seen(mut page: Page) -> Page {
    page.shown.retain(|s| !s.text.trim().is_empty());
    page
}

fn project(guide: Guide) -> Project {
    match guide.0 {
        Some(name) => Project::with_fixture(name),
        None => Project::shipped(),
    }
}

/// Each layout of `guide`, built and read back.
fn pamphlets(guide: Guide) -> Vec<Pamphlet> {
    let project = project(guide);
    LAYOUTS
        .iter()
        .map(|(name, args, columns, large_print)| {
            let mut all = vec!["build", "--format", "pdf"];
            all.extend_from_slice(args);
            let run = project.run(&all);
            let label = format!("{} ({name})", guide.1);
            assert_eq!(run.code, 0, "{label} failed:\n{}", run.stderr);
            let bytes = project.read(&format!("output/{}.pdf", guide.1));
            let document = Document::load_mem(&bytes).expect("a readable PDF");
            Pamphlet {
                label,
                pages: pages(&document).into_iter().map(seen).collect(),
                structure: structure(&document),
                columns: *columns,
                large_print: *large_print,
                trifold: args.contains(&"trifold"),
            }
        })
        .collect()
}

impl Pamphlet {
    /// The column (or panel) a point of a page is in.
    fn column(&self, page: &Page, x: f64) -> usize {
        ((x / (page.width / self.columns as f64)) as usize).min(self.columns - 1)
    }

    /// The heading a run belongs to, if any.
    fn heading(&self, page: &Page, run: &Run) -> Option<&(u8, String)> {
        self.structure.headings.get(&(page.id, run.mcid?))
    }

    /// The tagged runs (not artifacts such as the footer) of each column of a page.
    fn columns_of<'p>(&self, page: &'p Page) -> Vec<Vec<&'p Run>> {
        let mut columns = vec![Vec::new(); self.columns];
        for run in page.shown.iter().filter(|r| r.mcid.is_some()) {
            columns[self.column(page, run.x0)].push(run);
        }
        columns
    }

    fn figures_on<'s>(&'s self, page: &Page) -> impl Iterator<Item = &'s Figure> {
        let id = page.id;
        self.structure.figures.iter().filter(move |f| f.page == id)
    }
}

fn overlaps(a: &Run, b: &Run) -> bool {
    let across = a.x1.min(b.x1) - a.x0.max(b.x0);
    let down = a.top().min(b.top()) - a.bottom().max(b.bottom());
    across > 1.0 && down > 0.5
}

#[test]
fn no_two_text_lines_overlap_in_any_layout() {
    for guide in [CRISIS_LINES, SECTIONS, SHIPPED] {
        for pamphlet in pamphlets(guide) {
            for (number, page) in pamphlet.pages.iter().enumerate() {
                for (i, a) in page.shown.iter().enumerate() {
                    for b in &page.shown[i + 1..] {
                        assert!(
                            !overlaps(a, b),
                            "{}, page {}: `{}` ({:.1} pt at {:.1}) overlaps `{}` ({:.1} pt at {:.1})",
                            pamphlet.label,
                            number + 1,
                            a.text,
                            a.size,
                            a.baseline,
                            b.text,
                            b.size,
                            b.baseline,
                        );
                    }
                }
            }
        }
    }
}

/// Section titles of a fixture guide.
fn section_titles(guide: Guide) -> Vec<String> {
    let Some(name) = guide.0 else {
        return Vec::new();
    };
    let source: toml::Value = toml::from_str(&std::fs::read_to_string(fixture(name)).unwrap())
        .expect("the fixture parses");
    source
        .get("section")
        .and_then(|s| s.as_array())
        .into_iter()
        .flatten()
        .filter_map(|s| Some(s.get("title")?.as_str()?.to_owned()))
        .collect()
}

#[test]
fn no_heading_ends_a_column_and_a_section_starts_beside_its_first_organization() {
    for guide in [CRISIS_LINES, SECTIONS, SHIPPED] {
        let sections = section_titles(guide);
        for pamphlet in pamphlets(guide) {
            let mut seen = Vec::new();
            for (number, page) in pamphlet.pages.iter().enumerate() {
                for (column, runs) in pamphlet.columns_of(page).iter().enumerate() {
                    let Some(last) = runs.iter().min_by(|a, b| a.baseline.total_cmp(&b.baseline))
                    else {
                        continue;
                    };
                    let place = format!(
                        "{}, page {}, column {}",
                        pamphlet.label,
                        number + 1,
                        column + 1
                    );
                    if let Some((_, title)) = pamphlet.heading(page, last) {
                        panic!("{place} ends with the heading `{title}`");
                    }
                    for run in runs {
                        let Some((_, title)) = pamphlet.heading(page, run) else {
                            continue;
                        };
                        if !sections.contains(title) || seen.contains(title) {
                            continue;
                        }
                        seen.push(title.clone());
                        let organization_below = runs.iter().any(|other| {
                            other.baseline < run.baseline
                                && pamphlet
                                    .heading(page, other)
                                    .is_some_and(|(level, t)| *level == 3 && !sections.contains(t))
                        });
                        assert!(
                            organization_below,
                            "{place}: the section `{title}` is not followed by its first organization"
                        );
                    }
                }
            }
            assert_eq!(
                seen.len(),
                sections.len(),
                "{}: sections {seen:?}",
                pamphlet.label
            );
        }
    }
}

#[test]
fn no_trifold_panel_is_empty_while_others_hold_content() {
    for guide in [CRISIS_LINES, SECTIONS, SHIPPED] {
        for pamphlet in pamphlets(guide).into_iter().filter(|p| p.trifold) {
            assert_eq!(pamphlet.pages.len(), 2, "{}", pamphlet.label);
            let inside = &pamphlet.pages[1];
            let filled: Vec<usize> = pamphlet.columns_of(inside).iter().map(Vec::len).collect();
            assert!(
                filled.iter().all(|&n| n > 0),
                "{}: runs in each inside panel {filled:?}",
                pamphlet.label
            );
        }
    }
}

/// The lowest point of the tagged content of each column of a page (text or figure), in
/// page space; `None` for an empty column.
fn column_bottoms(pamphlet: &Pamphlet, page: &Page) -> Vec<Option<f64>> {
    let mut bottoms: Vec<Option<f64>> = pamphlet
        .columns_of(page)
        .iter()
        .map(|runs| runs.iter().map(|r| r.bottom()).reduce(f64::min))
        .collect();
    for figure in pamphlet.figures_on(page) {
        let column = pamphlet.column(page, figure.bbox[0]);
        let bottom = bottoms[column].get_or_insert(figure.bbox[1]);
        *bottom = bottom.min(figure.bbox[1]);
    }
    bottoms
}

/// The handout's margins above and below its columns, in points.
const HANDOUT_MARGINS: (f64, f64) = (0.7 * 72.0, 0.85 * 72.0);

#[test]
fn no_handout_column_before_the_last_is_left_more_than_two_fifths_empty() {
    for guide in [CRISIS_LINES, SECTIONS, SHIPPED] {
        for pamphlet in pamphlets(guide).into_iter().filter(|p| !p.trifold) {
            let count = pamphlet.pages.len();
            for (number, page) in pamphlet.pages.iter().enumerate() {
                let column_height = page.height - HANDOUT_MARGINS.0 - HANDOUT_MARGINS.1;
                let bottoms = column_bottoms(&pamphlet, page);
                // On the last page only the columns before the last one used must be full.
                let checked = if number + 1 < count {
                    bottoms.len()
                } else {
                    bottoms.iter().rposition(Option::is_some).unwrap_or(0)
                };
                for (column, bottom) in bottoms.iter().take(checked).enumerate() {
                    let empty = bottom.unwrap_or(page.height) - HANDOUT_MARGINS.1;
                    assert!(
                        empty < 0.4 * column_height,
                        "{}, page {} of {count}, column {}: {:.0} % of the column is left empty",
                        pamphlet.label,
                        number + 1,
                        column + 1,
                        100.0 * empty / column_height,
                    );
                }
            }
        }
    }
}

/// The web addresses of a guide's web contacts, in order.
fn web_addresses(guide: Guide) -> Vec<String> {
    let path = match guide.0 {
        Some(name) => fixture(name),
        None => crate::common::repo().join("source/guide.toml"),
    };
    let source: toml::Value =
        toml::from_str(&std::fs::read_to_string(path).unwrap()).expect("the guide parses");
    let organizations = source.get("organization").and_then(|o| o.as_array());
    organizations
        .into_iter()
        .flatten()
        .flat_map(|org| {
            org.get("contact")
                .and_then(|c| c.as_array())
                .cloned()
                .unwrap_or_default()
        })
        .filter(|c| c.get("kind").and_then(|k| k.as_str()) == Some("web"))
        .filter_map(|c| Some(c.get("value")?.as_str()?.to_owned()))
        .collect()
}

const QR_ALT: &str = "QR code for the web address ";
/// The same in Spanish (`contact.qr_code` of templates/labels/es.toml), for the sections guide.
const QR_ALT_ES: &str = "Código QR de la dirección web ";

/// The address a QR code's text alternative names, in either language.
fn qr_address(alt: &str) -> Option<&str> {
    alt.strip_prefix(QR_ALT)
        .or_else(|| alt.strip_prefix(QR_ALT_ES))
}

#[test]
fn every_web_contact_has_its_qr_code_beside_it_with_the_address_as_caption() {
    for guide in [CRISIS_LINES, SECTIONS, SHIPPED] {
        let mut addresses = web_addresses(guide);
        addresses.sort();
        assert!(!addresses.is_empty());
        for pamphlet in pamphlets(guide) {
            let label = &pamphlet.label;
            let mut coded: Vec<String> = pamphlet
                .structure
                .figures
                .iter()
                .filter_map(|f| qr_address(&f.alt).map(str::to_owned))
                .collect();
            coded.sort();
            assert_eq!(coded, addresses, "{label}: the QR codes");
            for figure in &pamphlet.structure.figures {
                let address = qr_address(&figure.alt).unwrap_or_default();
                let page = pamphlet.pages.iter().find(|p| p.id == figure.page).unwrap();
                let column = pamphlet.column(page, figure.bbox[0]);
                let [x0, y0, x1, y1] = figure.bbox;
                // The contact's value: the largest run that spells the address.
                let value = page
                    .shown
                    .iter()
                    .filter(|r| r.text == address)
                    .max_by(|a, b| a.size.total_cmp(&b.size))
                    .unwrap_or_else(|| panic!("{label}: `{address}` is not on the QR code's page"));
                assert_eq!(
                    pamphlet.column(page, value.x0),
                    column,
                    "{label}: the QR code of `{address}` is not in its contact's column"
                );
                assert!(
                    y1 < value.baseline && value.baseline - y1 < 5.0 * value.size,
                    "{label}: the QR code of `{address}` is not right below its contact"
                );
                let mut beside: Vec<&Run> = page
                    .shown
                    .iter()
                    .filter(|r| r.x0 >= x1 && r.baseline > y0 && r.baseline < y1)
                    .filter(|r| pamphlet.column(page, r.x0) == column)
                    .collect();
                beside.sort_by(|a, b| b.baseline.total_cmp(&a.baseline));
                let caption: String = beside.iter().map(|r| r.text.as_str()).collect();
                assert_eq!(caption, address, "{label}: the caption beside the QR code");
                assert!(x0 > 0.0);
            }
        }
    }
}

#[test]
fn no_qr_code_with_no_qr() {
    let project = project(CRISIS_LINES);
    let run = project.run(&["build", "--format", "pdf", "--no-qr"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let document = Document::load_mem(&project.read("output/crisis-lines.pdf")).unwrap();
    let figures = structure(&document).figures;
    assert!(figures.is_empty(), "{figures:?}");
}

#[test]
fn no_type_is_below_8_pt_or_below_18_pt_in_large_print() {
    for guide in [CRISIS_LINES, SHIPPED] {
        for pamphlet in pamphlets(guide) {
            let smallest = if pamphlet.large_print { 18.0 } else { 8.0 };
            for (number, page) in pamphlet.pages.iter().enumerate() {
                for run in &page.shown {
                    assert!(
                        run.size >= smallest - 0.01,
                        "{}, page {}: `{}` is set at {:.2} pt, below {smallest} pt",
                        pamphlet.label,
                        number + 1,
                        run.text,
                        run.size,
                    );
                }
            }
        }
    }
}
