//! Readable, unique slugs made from names, the same on every run for the same input.

use std::collections::HashSet;

/// Hands out slugs made from names, each unique among those it gave before.
#[derive(Debug, Default)]
pub struct Slugs {
    taken: HashSet<String>,
}

impl Slugs {
    /// A slug for `name` (`fallback` when the name has no letter or digit), made unique
    /// with `-2`, `-3`… in the order asked.
    pub fn unique(&mut self, name: &str, fallback: &str) -> String {
        let base = slugify(name);
        let base = if base.is_empty() {
            fallback.to_owned()
        } else {
            base
        };
        let mut candidate = base.clone();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// `Crisis Line (24/7)` → `crisis-line-24-7`: ASCII letters and digits, words joined by
/// `-`, at most 48 characters cut at a word.
pub fn slugify(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut slug = String::new();
    for ch in ascii.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_owned();
    if slug.len() > 48 {
        let cut = slug[..48].rfind('-').unwrap_or(48);
        slug.truncate(cut);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::{Slugs, slugify};

    #[test]
    fn names_become_readable_unique_slugs() {
        assert_eq!(slugify("Crisis Line (24/7)"), "crisis-line-24-7");
        assert_eq!(slugify("Línea de Ayuda"), "linea-de-ayuda");
        let mut slugs = Slugs::default();
        assert_eq!(slugs.unique("Help", "x"), "help");
        assert_eq!(slugs.unique("help!", "x"), "help-2");
        assert_eq!(slugs.unique("???", "contact"), "contact");
    }
}
