//! `guidepress build` on the shipped guide: artifacts, determinism, freshness.

use crate::common::{Project, pdf_text};

#[test]
fn pdf_text_contains_every_number_and_address() {
    let project = Project::shipped();
    let run = project.run(&["build", "--format", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = pdf_text(&project.read("output/icac-resources.pdf"));
    println!("{text}");
    for needle in ["1-800-843-5678", "www.missingkids.com/cybertip", "ojjdp.ncjrs.gov/programs/index.html"] {
        assert!(text.contains(needle), "{needle} missing");
    }
}
