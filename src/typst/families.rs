//! Which embedded families a document asks Typst for, in order, from the guide's language
//! and the characters it prints.
//!
//! Typst takes each character from the first family in the list that has it. So each
//! script gets one design: Latin from Atkinson Hyperlegible, unless the text has a Latin
//! letter Atkinson lacks (Vietnamese, most often), in which case every Latin letter comes
//! from Noto Sans, so that no word mixes two designs; Cyrillic and Greek from Noto Sans;
//! Chinese, Japanese and Korean from the Noto Sans CJK face of the guide's language, whose
//! glyphs follow that language's conventions; then Arabic, Hebrew, Devanagari and emoji.

use unicode_script::{Script, UnicodeScript};

use super::fonts::FontSet;

/// The text face made for low-vision readers, used for Latin where it has every letter.
pub const LATIN: &str = "Atkinson Hyperlegible";
/// Latin (with Vietnamese), Cyrillic and Greek.
const NOTO_SANS: &str = "Noto Sans";
/// The other scripts' families, after the CJK face.
const OTHER_SCRIPTS: [&str; 4] = [
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Noto Sans Devanagari",
    "Noto Emoji",
];
/// The card sheet's monospace face: Latin, Cyrillic, Greek and Arabic.
pub const MONO: &str = "DejaVu Sans Mono";
/// The card sheet's monospace face for Latin with Vietnamese, Cyrillic and Greek, when the
/// cards have a letter DejaVu Sans Mono lacks.
const NOTO_MONO: &str = "Noto Sans Mono";

/// The proportional families for a document in `language` that prints `chars`.
pub fn text_families(language: &str, chars: impl IntoIterator<Item = char>) -> Vec<&'static str> {
    let latin = if lacks_a_letter(LATIN, chars, &[Script::Latin]) {
        NOTO_SANS
    } else {
        LATIN
    };
    let mut families = vec![latin];
    if latin != NOTO_SANS {
        families.push(NOTO_SANS);
    }
    families.push(cjk_face(language, false));
    families.extend(OTHER_SCRIPTS);
    families
}

/// The monospace families of the card sheet for a guide in `language` whose cards print
/// `chars`, the face that sets the grid first: wide characters (CJK, emoji) are set in
/// cells of their own, so they may come from another face.
pub fn mono_families(language: &str, chars: impl IntoIterator<Item = char>) -> Vec<&'static str> {
    let alphabets = [Script::Latin, Script::Cyrillic, Script::Greek];
    let mut families = if lacks_a_letter(MONO, chars, &alphabets) {
        // Arabic is DejaVu's still.
        vec![NOTO_MONO, MONO]
    } else {
        vec![MONO]
    };
    families.extend([cjk_face(language, true), "Noto Emoji"]);
    families
}

/// Whether a monospace face of the card sheet has `c`. The sheet's CJK faces cover the
/// same characters in every language, so the language does not matter here.
pub fn card_sheet_covers(c: char) -> bool {
    let fonts = FontSet::get();
    let faces = [MONO, NOTO_MONO, cjk_face("zh", true), "Noto Emoji"];
    faces.into_iter().any(|family| {
        fonts
            .family_coverage(family)
            .iter()
            .any(|coverage| coverage.contains(u32::from(c)))
    })
}

/// Whether `chars` has a letter of one of `scripts`, or a combining mark on one, that
/// `family` does not have.
fn lacks_a_letter(family: &str, chars: impl IntoIterator<Item = char>, scripts: &[Script]) -> bool {
    let coverage = FontSet::get().family_coverage(family);
    let mut base = Script::Common;
    chars.into_iter().any(|c| {
        // A combining mark belongs to the letter before it: an Arabic vowel sign is Arabic.
        let script = match c.script() {
            Script::Inherited => base,
            script => {
                base = script;
                script
            }
        };
        !c.is_ascii()
            && scripts.contains(&script)
            && !typst::text::is_default_ignorable(c)
            && !coverage.iter().any(|faces| faces.contains(u32::from(c)))
    })
}

/// The Noto Sans CJK face whose glyph forms follow `language`'s conventions.
fn cjk_face(language: &str, mono: bool) -> &'static str {
    let mut subtags = language.split('-').map(str::to_ascii_lowercase);
    let primary = subtags.next().unwrap_or_default();
    let rest: Vec<String> = subtags.collect();
    let has = |subtag: &str| rest.iter().any(|s| s == subtag);
    let region = match primary.as_str() {
        "ja" => "JP",
        "ko" => "KR",
        "zh" | "yue" if has("hk") || has("mo") => "HK",
        "zh" | "yue" if has("hant") || has("tw") => "TC",
        "yue" => "HK",
        _ => "SC",
    };
    match (mono, region) {
        (false, "JP") => "Noto Sans CJK JP",
        (false, "KR") => "Noto Sans CJK KR",
        (false, "HK") => "Noto Sans CJK HK",
        (false, "TC") => "Noto Sans CJK TC",
        (false, _) => "Noto Sans CJK SC",
        (true, "JP") => "Noto Sans Mono CJK JP",
        (true, "KR") => "Noto Sans Mono CJK KR",
        (true, "HK") => "Noto Sans Mono CJK HK",
        (true, "TC") => "Noto Sans Mono CJK TC",
        (true, _) => "Noto Sans Mono CJK SC",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_stays_in_atkinson_until_a_letter_is_missing() {
        assert_eq!(text_families("en", "Café, señor".chars())[0], LATIN);
        assert_eq!(text_families("vi", "Nguyễn".chars())[0], NOTO_SANS);
        // Cyrillic alone does not move the Latin letters, nor an Arabic vowel sign.
        assert_eq!(text_families("ru", "Привет".chars())[0], LATIN);
        assert_eq!(text_families("ar", "مجانًا".chars())[0], LATIN);
        // A combining mark on a Latin letter does.
        assert_eq!(text_families("vi", "a\u{309}".chars())[0], NOTO_SANS);
    }

    #[test]
    fn the_card_grid_moves_to_noto_sans_mono_for_vietnamese() {
        assert_eq!(mono_families("en", "Café Ж".chars())[0], MONO);
        assert_eq!(
            mono_families("vi", "Nguyễn".chars())[..2],
            [NOTO_MONO, MONO]
        );
    }

    #[test]
    fn the_cjk_face_follows_the_language() {
        assert_eq!(cjk_face("zh-Hans", false), "Noto Sans CJK SC");
        assert_eq!(cjk_face("zh", false), "Noto Sans CJK SC");
        assert_eq!(cjk_face("zh-Hant", false), "Noto Sans CJK TC");
        assert_eq!(cjk_face("zh-TW", false), "Noto Sans CJK TC");
        assert_eq!(cjk_face("zh-HK", false), "Noto Sans CJK HK");
        assert_eq!(cjk_face("ja", true), "Noto Sans Mono CJK JP");
        assert_eq!(cjk_face("ko", false), "Noto Sans CJK KR");
        assert_eq!(cjk_face("en", false), "Noto Sans CJK SC");
    }

    #[test]
    fn every_family_named_here_is_embedded() {
        let fonts = FontSet::get();
        let all = text_families("zh-Hant", "ễ".chars())
            .into_iter()
            .chain(text_families("ja", "a".chars()))
            .chain(mono_families("ko", "ễ".chars()));
        for family in all {
            assert!(
                !fonts.family_coverage(family).is_empty(),
                "{family} is not embedded"
            );
        }
    }
}
