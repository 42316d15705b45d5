//! A telephone number as written, read into the digits a phone dials.
//!
//! This is the part of the model that needs no numbering plan: vanity letters mapped to
//! the keypad, a vanity number's digits repeated in parentheses dropped, an extension
//! split off, the `(0)` trunk prefix after a country code dropped. Running text is read
//! with the same rules (see [`super::text`]).

use std::ops::Range;

use super::Problem;

/// A number as written: what is dialled, before any numbering plan is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Written with a leading `+`: a country code follows.
    pub international: bool,
    /// The digits dialled (letters mapped to the keypad), without `+` or the extension.
    pub digits: String,
    /// The extension's digits, after a word such as `ext.`.
    pub extension: Option<String>,
    /// Whether letters spell part of the number (`1-800-THE-LOST`).
    pub vanity: bool,
}

const PHONE_HINT: &str =
    "write the number as it should be printed, e.g. 1-800-843-5678, +44 20 7946 0000 or 741741";

/// Words that mark an extension.
const EXTENSION_WORDS: [&str; 5] = ["x", "ext", "extn", "extension", "ext."];

/// Reads a number as written.
pub(super) fn read(value: &str) -> Result<Written, Problem> {
    let (main, extension) = split_extension(value)?;
    letter_for_digit(main)?;
    let (main, repeat) = split_repeat(main);
    let mut digits = String::new();
    let mut real_digits = 0;
    let mut international = false;
    let mut vanity = false;
    for (index, ch) in main.char_indices() {
        match ch {
            '0'..='9' => {
                digits.push(ch);
                real_digits += 1;
            }
            // Letters spell a vanity number after the digits they follow (1-800-THE-LOST).
            'A'..='Z' | 'a'..='z' if real_digits >= 3 => {
                digits.push(keypad_digit(ch));
                vanity = true;
            }
            'A'..='Z' | 'a'..='z' => {
                return Err(Problem::new(
                    format!("`{value}` does not start with the digits of a telephone number"),
                    "put words in the label, e.g. label = \"Text HOME to 741741\" and value = \"741741\"",
                ));
            }
            '+' if digits.is_empty() && !international => international = true,
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => {
                return Err(Problem::new(
                    format!("`{ch}` cannot be part of a telephone number"),
                    PHONE_HINT,
                )
                .at(index..index + ch.len_utf8()));
            }
        }
    }
    if let Some((at, repeated)) = repeat {
        check_repeat(main, &digits, at, &repeated)?;
    }
    // "+44 (0)20 …": the (0) is the trunk prefix dialled only from inside the country; an
    // international number must leave it out, or the call goes nowhere.
    if international && let Some(at) = main.find("(0)") {
        let before = main[..at].chars().filter(char::is_ascii_digit).count();
        digits.remove(before);
    }
    let count = digits.len();
    if !(3..=15).contains(&count) {
        return Err(Problem::new(
            format!("a telephone number has 3 to 15 digits; this one has {count}"),
            PHONE_HINT,
        ));
    }
    Ok(Written {
        international,
        digits,
        extension,
        vanity,
    })
}

/// The number and its extension's digits, when a word such as `ext.` ends the value.
fn split_extension(value: &str) -> Result<(&str, Option<String>), Problem> {
    let Some(at) = extension_word(value) else {
        return Ok((value, None));
    };
    let rest = value[at.end..].trim_start_matches(['.', ':', ' ']);
    if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::new(
            "an extension is written as digits after `ext.`, at the end of the number",
            "write the extension last, e.g. value = \"1-800-555-0100 ext. 4\"",
        )
        .at(at));
    }
    Ok((value[..at.start].trim_end(), Some(rest.to_owned())))
}

/// Where a word such as "ext" or "x" marks an extension.
fn extension_word(value: &str) -> Option<Range<usize>> {
    let mut start = None;
    for (index, ch) in value
        .char_indices()
        .chain(std::iter::once((value.len(), ' ')))
    {
        match (ch.is_ascii_alphabetic(), start) {
            (true, None) => start = Some(index),
            (false, Some(from)) => {
                let word = value[from..index].to_ascii_lowercase();
                // "x" only as a word of its own or right after the digits (555-0100x4).
                let before = value[..from].chars().next_back();
                let separate = before.is_none_or(|c| c == ' ' || c.is_ascii_digit());
                if separate && EXTENSION_WORDS.contains(&word.as_str()) {
                    return Some(from..index);
                }
                start = None;
            }
            _ => {}
        }
    }
    None
}

/// Refuses a letter O (or I, l) among the digits of a group: a typing slip for 0 or 1.
fn letter_for_digit(value: &str) -> Result<(), Problem> {
    let mut group = 0;
    for (index, ch) in value
        .char_indices()
        .chain(std::iter::once((value.len(), ' ')))
    {
        if ch.is_ascii_alphanumeric() {
            continue;
        }
        let word = &value[group..index];
        let has_digit = word.chars().any(|c| c.is_ascii_digit());
        let slip = word
            .char_indices()
            .find(|(_, c)| c.is_ascii_alphabetic())
            .filter(|_| {
                has_digit
                    && word
                        .chars()
                        .all(|c| c.is_ascii_digit() || "OoIl".contains(c))
            });
        if let Some((offset, letter)) = slip {
            let (name, digit) = if letter.eq_ignore_ascii_case(&'o') {
                ("O", '0')
            } else {
                (if letter == 'l' { "l" } else { "I" }, '1')
            };
            let fixed_group: String = word
                .chars()
                .map(|c| if c.is_ascii_alphabetic() { digit } else { c })
                .collect();
            let fixed = format!("{}{fixed_group}{}", &value[..group], &value[index..]);
            let at = group + offset;
            return Err(Problem::new(
                format!("`{letter}` is the letter {name}, not the digit {digit}"),
                format!("write the digit {digit}: value = \"{fixed}\""),
            )
            .at(at..at + 1));
        }
        group = index + ch.len_utf8();
    }
    Ok(())
}

/// The number without a vanity number's digits repeated in parentheses at its end
/// (`1-800-799-SAFE (7233)`), and where the repeat starts and what it holds.
fn split_repeat(value: &str) -> (&str, Option<(Range<usize>, String)>) {
    let trimmed = value.trim_end();
    let Some(inner) = trimmed.strip_suffix(')') else {
        return (value, None);
    };
    let Some(open) = inner.rfind('(') else {
        return (value, None);
    };
    let repeated = &inner[open + 1..];
    let before = &value[..open];
    let spelled = before.chars().any(|c| c.is_ascii_alphabetic());
    let digits_only = repeated
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
        && repeated.chars().any(|c| c.is_ascii_digit());
    if !(spelled && digits_only && before.ends_with(' ')) {
        return (value, None);
    }
    let digits = repeated.chars().filter(char::is_ascii_digit).collect();
    (before.trim_end(), Some((open..trimmed.len(), digits)))
}

/// The repeated digits must be those the letters before them spell.
fn check_repeat(main: &str, digits: &str, at: Range<usize>, repeated: &str) -> Result<(), Problem> {
    let letters: String = main
        .chars()
        .rev()
        .take_while(|c| !c.is_ascii_digit())
        .filter(char::is_ascii_alphabetic)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let spelled: String = letters.chars().map(keypad_digit).collect();
    if spelled == repeated || (digits.ends_with(repeated) && !letters.is_empty()) {
        return Ok(());
    }
    Err(Problem::new(
        format!("`({repeated})` is not what the letters before it dial: {letters} is {spelled}"),
        format!(
            "write the digits the letters spell, e.g. value = \"{} ({spelled})\", or leave the parentheses out",
            main.trim_end()
        ),
    )
    .at(at))
}

/// The key a letter is on, on a telephone keypad.
pub(super) fn keypad_digit(letter: char) -> char {
    match letter.to_ascii_uppercase() {
        'A'..='C' => '2',
        'D'..='F' => '3',
        'G'..='I' => '4',
        'J'..='L' => '5',
        'M'..='O' => '6',
        'P'..='S' => '7',
        'T'..='V' => '8',
        _ => '9',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(value: &str) -> String {
        read(value).unwrap().digits
    }

    #[test]
    fn vanity_letters_are_keypad_digits() {
        assert_eq!(digits("1-800-THE-LOST"), "18008435678");
        assert_eq!(digits("1-800-4-A-CHILD"), "18004224453");
        assert!(read("1-800-THE-LOST").unwrap().vanity);
    }

    #[test]
    fn digits_repeated_after_a_vanity_number_are_not_dialled_twice() {
        assert_eq!(digits("1-800-799-SAFE (7233)"), "18007997233");
        let problem = read("1-800-799-SAFE (7234)").unwrap_err();
        assert_eq!(problem.at, Some(15..21));
        assert!(
            problem.message.contains("SAFE is 7233"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn short_codes_and_international_numbers() {
        assert_eq!(digits("678-678"), "678678");
        assert_eq!(digits("988"), "988");
        let london = read("+44 (0)20 7946-0000").unwrap();
        assert!(london.international);
        assert_eq!(london.digits, "442079460000");
    }

    #[test]
    fn an_extension_is_split_off() {
        let number = read("1-800-555-0100 ext. 2").unwrap();
        assert_eq!(number.digits, "18005550100");
        assert_eq!(number.extension.as_deref(), Some("2"));
        assert_eq!(read("555-0100x4").unwrap().extension.as_deref(), Some("4"));
        assert_eq!(
            read("1-800-555-0100 extension 12")
                .unwrap()
                .extension
                .as_deref(),
            Some("12")
        );
        assert_eq!(read("1-800-555-0100 ext.").unwrap_err().at, Some(15..18));
    }

    #[test]
    fn a_letter_o_among_digits_is_a_slip_for_zero() {
        let problem = read("1-800-843-567O").unwrap_err();
        assert_eq!(problem.message, "`O` is the letter O, not the digit 0");
        assert_eq!(
            problem.hint,
            "write the digit 0: value = \"1-800-843-5670\""
        );
        assert_eq!(problem.at, Some(13..14));
        assert!(read("1-800-GO-FAST").is_ok());
    }

    #[test]
    fn words_before_the_digits_are_refused() {
        assert!(read("text HOME").is_err());
        assert!(read("TTY 711").is_err());
        assert_eq!(read("1-800-555-0100 / 0101").unwrap_err().at, Some(15..16));
    }
}
