//! guidepress's own Typst module, `@guidepress/internal:0.1.0`: engine workarounds (such as
//! the measured copy that keeps an organization in one column) that templates import and
//! designers need not touch.
//!
//! It is embedded in the binary and served by the World as a package, so it lives at no
//! path of the template folder, `init` does not copy it, and a template can never shadow it.

use typst::syntax::VirtualRoot;
use typst::syntax::package::PackageSpec;

/// How templates import it: `#import "@guidepress/internal:0.1.0": keep-together`.
pub const IMPORT: &str = "@guidepress/internal:0.1.0";

/// The files of the module, by path inside it.
const FILES: [(&str, &str); 2] = [
    ("typst.toml", MANIFEST),
    ("measure.typ", include_str!("internal/measure.typ")),
];

const MANIFEST: &str =
    "[package]\nname = \"internal\"\nversion = \"0.1.0\"\nentrypoint = \"measure.typ\"\n";

/// The text of `path` when `root` is this module, else none.
pub fn file(root: &VirtualRoot, path: &str) -> Option<&'static str> {
    let VirtualRoot::Package(spec) = root else {
        return None;
    };
    if !is_internal(spec) {
        return None;
    }
    FILES
        .iter()
        .find(|(name, _)| *name == path)
        .map(|(_, text)| *text)
}

/// Whether `spec` names this module.
pub fn is_internal(spec: &PackageSpec) -> bool {
    IMPORT.parse::<PackageSpec>().is_ok_and(|own| own == *spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_its_own_name_and_version_reach_it() {
        let root = |spec: &str| VirtualRoot::Package(spec.parse().unwrap());
        assert!(file(&root(IMPORT), "measure.typ").is_some());
        assert!(file(&root(IMPORT), "typst.toml").is_some());
        assert!(file(&root(IMPORT), "other.typ").is_none());
        assert!(file(&root("@guidepress/internal:0.2.0"), "measure.typ").is_none());
        assert!(file(&root("@preview/internal:0.1.0"), "measure.typ").is_none());
        assert!(file(&VirtualRoot::Project, "measure.typ").is_none());
    }
}
