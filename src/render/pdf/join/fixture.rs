//! Small tagged documents compiled by Typst through the crate's own world, as the parts
//! of one document: headings, paragraphs, a web link, a link to a label, a figure with
//! alt text, and a page footer numbering the pages across the parts.

use crate::model::Date;
use crate::sandbox::Root;
use crate::typst::compile::compile;
use crate::typst::pdf::export_pdf;
use crate::typst::world::GuideWorld;

const MAIN: &str = r#"
#let data = json("/guide.json")
#set document(title: "A joined test document")
#set text(font: "Atkinson Hyperlegible", lang: "en", size: 9pt)
#set page(width: 240pt, height: 260pt, margin: 24pt,
  numbering: if data.numbered { "1" } else { none },
  footer: context [Page #counter(page).display() of #data.total])
#counter(page).update(data.first_page)
= Part #data.part <top>
This is the first paragraph of part #data.part.
#link("https://example.org/part-" + str(data.part))[A web link of part #data.part]
and #link(<top>)[a link back to the top].
#figure(image("dot.svg", width: 30pt, alt: "A blue dot, part " + str(data.part)), caption: [The dot of part #data.part])
== The second heading of part #data.part
#lorem(data.words)
== The third heading of part #data.part
#table(columns: 2, table.header[Name][Phone], [Help line #data.part], [555-0100])
Last words of part #data.part.
"#;

const DOT: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="5" fill="#1b3a6b"/></svg>"##;

/// The PDFs of `count` parts, each with about `words` words of filler.
pub(in crate::render::pdf) fn parts(count: usize, words: usize) -> Vec<Vec<u8>> {
    compiled_parts(count, words, false, false)
}

/// Like [`parts`], exported as PDF/A-2a too.
pub(in crate::render::pdf) fn archival_parts(count: usize, words: usize) -> Vec<Vec<u8>> {
    compiled_parts(count, words, false, true)
}

/// Like [`parts`], with page numbering on, so that each part has page labels.
pub(in crate::render::pdf) fn numbered_parts(count: usize, words: usize) -> Vec<Vec<u8>> {
    compiled_parts(count, words, true, false)
}

fn compiled_parts(count: usize, words: usize, numbered: bool, pdf_a: bool) -> Vec<Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.typ"), MAIN).unwrap();
    std::fs::write(dir.path().join("dot.svg"), DOT).unwrap();
    let root = Root::new(dir.path()).unwrap();
    let date = Date(time::macros::date!(2001 - 12 - 01));
    // First the page counts (the footer says "of N"), then the parts themselves.
    let compiled = |first_page: usize, total: usize| {
        let mut first = first_page;
        (1..=count)
            .map(|part| {
                let data = serde_json::json!({
                    "part": part, "first_page": first, "total": total, "words": words,
                    "numbered": numbered,
                });
                let world =
                    GuideWorld::new(&root, "main.typ", serde_json::to_vec(&data).unwrap(), date);
                let document = compile(&world).unwrap_or_else(|e| panic!("{e:?}"));
                first += document.pages().len();
                (world, document)
            })
            .collect::<Vec<_>>()
    };
    let total: usize = compiled(1, 0).iter().map(|(_, d)| d.pages().len()).sum();
    compiled(1, total)
        .iter()
        .map(|(world, document)| export_pdf(world, document, "join-test", date, pdf_a).unwrap())
        .collect()
}
