//! Telephone numbers in running text: where each is, and what it dials.
//!
//! A number starts at a digit, `+` or `(` that does not follow a letter, a digit or a
//! joining mark, and goes on over digits, groups joined by one `-`, `.`, space or
//! parenthesis, and, after three digits, capital letters of a vanity number
//! (`1-800-THE-LOST`); a vanity number's digits repeated in parentheses belong to it
//! (`1-800-799-SAFE (7233)`). It must not run into a word (`1-800-843-5678x`). What each
//! use needs from the numbers found (spans, unbreakable runs, old numbers) it decides.

use std::ops::Range;

use super::written::{Written, read};

/// A number found in running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Where it is, in bytes.
    pub range: Range<usize>,
    /// What it dials.
    pub written: Written,
}

impl Found {
    /// How many digits it dials, letters counted as their keys.
    pub fn digit_count(&self) -> usize {
        self.written.digits.len()
    }
}

/// Every number in `text`, in order.
pub fn numbers(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((start, ch)) = chars.next() {
        let boundary =
            previous.is_none_or(|p| !p.is_alphanumeric() && !matches!(p, '+' | '-' | '.'));
        previous = Some(ch);
        if !(boundary && (ch.is_ascii_digit() || ch == '+' || ch == '(')) {
            continue;
        }
        let mut end = start + ch.len_utf8();
        let mut digits = usize::from(ch.is_ascii_digit());
        let mut last = ch.is_ascii_digit().then_some(end);
        while let Some(&(at, next)) = chars.peek() {
            let after = text[at + next.len_utf8()..].chars().next();
            let joins_group = matches!(next, '-' | '.' | ' ' | '(' | ')')
                && after.is_some_and(|a| a.is_ascii_digit() || a == '(');
            // Vanity letters join after a digit, a letter, `-` or `.`: never after a space.
            let joins_letters = matches!(next, '-' | '.')
                && digits >= 3
                && after.is_some_and(|a| a.is_ascii_uppercase());
            let letter = next.is_ascii_uppercase()
                && digits >= 3
                && previous.is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, '-' | '.'));
            let closes = next == ')' && last.is_some();
            if !(next.is_ascii_digit() || joins_group || joins_letters || letter || closes) {
                break;
            }
            chars.next();
            previous = Some(next);
            end = at + next.len_utf8();
            if next.is_ascii_digit() {
                digits += 1;
            }
            if next.is_ascii_alphanumeric() {
                last = Some(end);
            }
        }
        let Some(stop) = last else { continue };
        let followed_by_word = text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        if followed_by_word {
            continue;
        }
        if let Some(range) = trim(text, start..stop)
            && let Ok(written) = read(&text[range.clone()])
        {
            found.push(Found { range, written });
        }
    }
    found
}

/// The candidate without parentheses that do not close inside it: an opening one before
/// the number (`(1-800-843-5678)`), one after it that is no part of it
/// (`1-800-843-5678 (24 hours)`); a closing one that follows is taken in
/// (`1-800-799-SAFE (7233)`).
fn trim(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let mut range = range;
    let candidate = &text[range.clone()];
    if candidate.starts_with('(') && !candidate.contains(')') {
        range.start += 1;
    }
    let candidate = &text[range.clone()];
    if let Some(open) = candidate
        .rfind('(')
        .filter(|&i| !candidate[i..].contains(')'))
    {
        if text[range.end..].starts_with(')') {
            range.end += 1;
        } else {
            range.end = range.start + candidate[..open].trim_end().len();
        }
    }
    let candidate = &text[range.clone()];
    let ends_well = candidate
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == ')');
    (!candidate.is_empty() && ends_well).then_some(range)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        numbers(text).into_iter().map(|f| &text[f.range]).collect()
    }

    #[test]
    fn numbers_in_running_text_are_found_without_trailing_punctuation() {
        assert_eq!(found("call 1-800-843-5678."), ["1-800-843-5678"]);
        assert_eq!(found("Tipline (1-800-843-5678) now"), ["1-800-843-5678"]);
        assert_eq!(
            found("+44 20 7946 0000 or (202) 555-0100"),
            ["+44 20 7946 0000", "(202) 555-0100"]
        );
        assert_eq!(found("call 1-800-843-5678 (24 hours)"), ["1-800-843-5678"]);
    }

    #[test]
    fn vanity_numbers_and_their_repeated_digits_are_one_number() {
        assert_eq!(
            found("Call 1-800-799-SAFE (7233)."),
            ["1-800-799-SAFE (7233)"]
        );
        assert_eq!(found("or 1-800-THE-LOST today"), ["1-800-THE-LOST"]);
        assert_eq!(found("1-800-4-A-CHILD"), ["1-800-4-A-CHILD"]);
        let safe = &numbers("1-800-799-SAFE (7233)")[0];
        assert_eq!(safe.written.digits, "18007997233");
    }

    #[test]
    fn words_and_slips_are_not_numbers() {
        assert!(found("id x1-800-843-5678").is_empty());
        assert!(found("call 1-800-843-567O").is_empty());
        assert!(found("call 988 TODAY").iter().all(|n| *n == "988"));
        assert_eq!(found("Text HOME to 741741"), ["741741"]);
    }
}
