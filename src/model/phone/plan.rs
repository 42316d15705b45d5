//! Numbers checked against the numbering plans of Google's libphonenumber (through the
//! `phonenumber` crate): a digit missing or one too many is found here.
//!
//! A number written with `+` is checked against its country code's plan. A national
//! number (no `+`, more than six digits) is checked against the plan of the guide's
//! region: the region of its language tag (`en-US`, `es-MX`), or the language's most
//! likely one (CLDR: `en` is the United States, `es` Spain, `ja` Japan). A number that
//! does not fit there but is written with another country's trunk prefix and is valid
//! there (`0800 1111`, the United Kingdom's Childline, in a US guide) is that country's.
//! Numbers of six digits or fewer are short codes (`988`, `741741`): no plan lists them
//! all, so they are dialled as written. A number whose length the plan allows is taken
//! even when the plan does not list its range yet, because plans lag behind new ranges
//! (so an international number is refused only when no number of its country is that
//! long: a digit missing from a London number of ten digits cannot be told from one of
//! the country's nine-digit numbers).

use icu_locale::{LanguageIdentifier, LocaleExpander};
use phonenumber::metadata::{DATABASE, Metadata};
use phonenumber::{Mode, country};

use super::Problem;
use super::written::Written;

/// The country whose national numbers a guide's numbers without `+` are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region(country::Id);

impl Region {
    /// The region of a BCP 47 language tag, or its language's most likely region; none
    /// when neither is known or libphonenumber has no plan for it.
    pub fn of_language(tag: &str) -> Option<Self> {
        let tag = oxilangtag::LanguageTag::parse(tag).ok()?;
        let code = if let Some(region) = tag.region() {
            region.to_ascii_uppercase()
        } else {
            let mut id: LanguageIdentifier = tag.primary_language().parse().ok()?;
            LocaleExpander::new_common().maximize(&mut id);
            id.region?.as_str().to_owned()
        };
        let region: country::Id = code.parse().ok()?;
        DATABASE.by_id(code.as_str())?;
        Some(Self(region))
    }

    /// The two-letter region code, e.g. `US`.
    pub fn code(self) -> &'static str {
        // `AsRef` borrows from the value; the names are static strings all the same.
        region_code(self.0)
    }
}

fn region_code(id: country::Id) -> &'static str {
    DATABASE.by_id(id.as_ref()).map_or("", |meta| meta.id())
}

/// The most digits a short code has; longer numbers are national numbers.
pub(super) const SHORT_CODE_DIGITS: usize = 6;

/// What a phone dials for a written number (`+` and digits, or digits), once its plan
/// allows it; the extension is not included.
pub(super) fn dial(
    written: &Written,
    printed: &str,
    region: Option<Region>,
) -> Result<String, Problem> {
    if written.international {
        return international(written, printed);
    }
    if written.digits.len() <= SHORT_CODE_DIGITS {
        return Ok(written.digits.clone());
    }
    let Some(region) = region else {
        return Ok(written.digits.clone());
    };
    national(written, printed, region).map(|()| written.digits.clone())
}

fn international(written: &Written, printed: &str) -> Result<String, Problem> {
    let plus = format!("+{}", written.digits);
    let Ok(number) = phonenumber::parse(None, &plus) else {
        return Err(Problem::new(
            format!("`{printed}` does not start with a country calling code after the +"),
            "write the country code after +, e.g. +44 20 7946 0000, or leave the + out of a national number",
        ));
    };
    let e164 = number.format().mode(Mode::E164).to_string();
    if number.is_valid() {
        return Ok(e164);
    }
    let code = number.code().value();
    let Some(meta) = DATABASE.by_code(&code).and_then(|m| m.into_iter().next()) else {
        return Err(Problem::new(
            format!("`+{code}` is not a country calling code"),
            "write the country code after +, e.g. +44 20 7946 0000",
        ));
    };
    let national = number.national().to_string();
    let lengths = possible_lengths(meta, false);
    if lengths.contains(&national.len()) {
        return Ok(e164);
    }
    Err(length_problem(
        printed,
        national.len(),
        &lengths,
        &format!("of +{code} has {{}} digits after the country code"),
    ))
}

fn national(written: &Written, printed: &str, region: Region) -> Result<(), Problem> {
    let digits = &written.digits;
    let meta = DATABASE.by_id(region.code()).expect("a region has a plan");
    if phonenumber::parse(Some(region.0), digits).is_ok_and(|n| n.is_valid()) {
        return Ok(());
    }
    let prefix = meta.national_prefix().unwrap_or("");
    // The national significant number: the digits after a trunk prefix such as 1 or 0.
    let significant = digits
        .strip_prefix(prefix)
        .filter(|_| !prefix.is_empty())
        .unwrap_or(digits);
    let lengths = possible_lengths(meta, true);
    if lengths.contains(&significant.len())
        && (prefix.is_empty() || !significant.starts_with(prefix))
    {
        return Ok(());
    }
    if of_another_region(digits, region) {
        return Ok(());
    }
    let shape = if prefix.is_empty() {
        format!("in the guide's region ({}) has {{}} digits", region.code())
    } else {
        format!(
            "in the guide's region ({}) has {{}} digits, not counting a leading {prefix}",
            region.code()
        )
    };
    Err(length_problem(printed, significant.len(), &lengths, &shape))
}

/// Whether the digits are a valid number of another region, written with its trunk prefix.
fn of_another_region(digits: &str, region: Region) -> bool {
    DATABASE.iter().any(|meta| {
        let Some(prefix) = meta.national_prefix().filter(|p| !p.is_empty()) else {
            return false;
        };
        meta.id() != region.code()
            && digits.starts_with(prefix)
            && meta
                .id()
                .parse::<country::Id>()
                .is_ok_and(|id| phonenumber::parse(Some(id), digits).is_ok_and(|n| n.is_valid()))
    })
}

/// Every length a national significant number of this plan can have; with `local`, the
/// lengths dialled without an area code too (never after a country code).
fn possible_lengths(meta: &Metadata, local: bool) -> Vec<usize> {
    let d = meta.descriptors();
    let mut lengths: Vec<usize> = [
        Some(d.general()),
        d.fixed_line(),
        d.mobile(),
        d.toll_free(),
        d.premium_rate(),
        d.shared_cost(),
        d.personal_number(),
        d.voip(),
        d.pager(),
        d.uan(),
        d.voicemail(),
    ]
    .into_iter()
    .flatten()
    .flat_map(|desc| {
        let local_lengths = if local {
            desc.possible_local_length()
        } else {
            &[]
        };
        desc.possible_length().iter().chain(local_lengths)
    })
    .map(|&n| usize::from(n))
    .collect();
    lengths.sort_unstable();
    lengths.dedup();
    lengths
}

/// `shape` says how long a number is, `{}` standing for the number of digits.
fn length_problem(printed: &str, count: usize, lengths: &[usize], shape: &str) -> Problem {
    let above = lengths.iter().copied().find(|&n| n > count);
    let below = lengths.iter().copied().rev().find(|&n| n < count);
    // The nearest length the plan allows; a digit left out is the likelier slip.
    let expected = match (below, above) {
        (Some(b), Some(a)) if count - b < a - count => b,
        (_, Some(a)) => a,
        (Some(b), None) => b,
        (None, None) => count,
    };
    let message = match expected.abs_diff(count) {
        1 if expected > count => format!("`{printed}` has a digit missing"),
        n if expected > count => format!("`{printed}` has {n} digits missing"),
        1 => format!("`{printed}` has a digit too many"),
        n => format!("`{printed}` has {n} digits too many"),
    };
    Problem::new(
        message,
        format!(
            "a telephone number {}; this one has {count}: check it against the organization's own listing",
            shape.replace("{}", &expected.to_string())
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::phone::written::read;

    fn dialled(value: &str, language: &str) -> Result<String, Problem> {
        dial(&read(value).unwrap(), value, Region::of_language(language))
    }

    #[test]
    fn the_region_comes_from_the_language() {
        assert_eq!(Region::of_language("en").map(Region::code), Some("US"));
        assert_eq!(Region::of_language("en-GB").map(Region::code), Some("GB"));
        assert_eq!(Region::of_language("es").map(Region::code), Some("ES"));
        assert_eq!(Region::of_language("ja").map(Region::code), Some("JP"));
    }

    #[test]
    fn national_numbers_dial_as_written() {
        assert_eq!(dialled("1-800-THE-LOST", "en").unwrap(), "18008435678");
        assert_eq!(dialled("(206) 555-0100", "en-US").unwrap(), "2065550100");
        assert_eq!(dialled("900 20 20 10", "es").unwrap(), "900202010");
        assert_eq!(dialled("0800 1111", "en-US").unwrap(), "08001111");
    }

    #[test]
    fn international_numbers_dial_with_their_country_code() {
        assert_eq!(dialled("+44 20 7946 0000", "en").unwrap(), "+442079460000");
        assert_eq!(
            dialled("+44 (0)20 7946-0000", "en").unwrap(),
            "+442079460000"
        );
        assert_eq!(dialled("+962 6 555 0123", "ar").unwrap(), "+96265550123");
    }

    #[test]
    fn short_codes_have_no_country_code() {
        for code in ["988", "741741", "678-678", "88788"] {
            assert_eq!(dialled(code, "en-US").unwrap(), code.replace('-', ""));
        }
    }

    #[test]
    fn a_missing_or_extra_digit_is_named() {
        let problem = dialled("(206) 555-014", "en-US").unwrap_err();
        assert_eq!(problem.message, "`(206) 555-014` has a digit missing");
        assert_eq!(
            problem.hint,
            "a telephone number in the guide's region (US) has 10 digits, not counting a \
             leading 1; this one has 9: check it against the organization's own listing"
        );
        let problem = dialled("1-800-843-56789", "en").unwrap_err();
        assert_eq!(problem.message, "`1-800-843-56789` has a digit too many");
        let problem = dialled("+44 20 7946 00", "en").unwrap_err();
        assert_eq!(problem.message, "`+44 20 7946 00` has a digit missing");
    }
}
