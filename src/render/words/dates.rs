//! Dates in the catalog's language: a month and year ("March 2026", "marzo de 2026",
//! "2026年3月") from CLDR's data through ICU4X, always in the Gregorian calendar (the
//! calendar of the guide's own dates), so the same guide gives the same words everywhere.

use std::collections::BTreeMap;

use icu_calendar::Date;
use icu_calendar::cal::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YM;
use icu_locale::Locale;

use crate::model::Guide;

use super::{Words, fill};

/// Every date the guide shows (each contact's `verified`), `YYYY-MM-DD` → month and year.
pub fn shown(guide: &Guide, words: &Words) -> BTreeMap<String, String> {
    let format = MonthYear::new(words);
    guide
        .organizations
        .iter()
        .flat_map(|org| &org.contacts)
        .filter_map(|contact| contact.verified)
        .map(|date| (date.to_string(), format.show(date.0)))
        .collect()
}

/// How the catalog's language writes a month and year.
enum MonthYear {
    /// CLDR's long year-month format.
    Cldr(Box<FixedCalendarDateTimeFormatter<Gregorian, YM>>),
    /// The catalog's own month names, where CLDR has none (`[dates] months`).
    Catalog {
        pattern: String,
        months: Box<[String; 12]>,
    },
}

impl MonthYear {
    fn new(words: &Words) -> Self {
        let dates = words.dates.as_ref();
        if let Some(months) = dates.and_then(|d| d.months.clone()) {
            let pattern = dates
                .and_then(|d| d.month_year.clone())
                .unwrap_or_else(|| "{month} {year}".to_owned());
            return Self::Catalog {
                pattern,
                months: Box::new(months),
            };
        }
        let tag = dates.and_then(|d| d.cldr.as_deref()).unwrap_or(&words.lang);
        // A tag ICU cannot read, or a language CLDR lacks, falls back to CLDR's root.
        let locale: Locale = tag.parse().unwrap_or(Locale::UNKNOWN);
        let formatter = FixedCalendarDateTimeFormatter::try_new(locale.into(), YM::long())
            .or_else(|_| {
                FixedCalendarDateTimeFormatter::try_new(Locale::UNKNOWN.into(), YM::long())
            })
            .expect("CLDR's root locale formats a month and year");
        Self::Cldr(Box::new(formatter))
    }

    fn show(&self, date: time::Date) -> String {
        match self {
            Self::Cldr(formatter) => {
                let date = Date::try_new_gregorian(date.year(), u8::from(date.month()), date.day())
                    .expect("a valid calendar date");
                formatter.format(&date).to_string()
            }
            Self::Catalog { pattern, months } => {
                let month = &months[usize::from(u8::from(date.month())) - 1];
                fill(
                    pattern,
                    &[("month", month), ("year", &date.year().to_string())],
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::Root;

    fn month_year(lang: &str) -> String {
        let words = Words::read(&Root::built_in(), lang).unwrap();
        let date = time::macros::date!(2026 - 03 - 05);
        MonthYear::new(&words).show(date)
    }

    #[test]
    fn each_language_writes_its_month_and_year() {
        assert_eq!(month_year("en"), "March 2026");
        assert_eq!(month_year("es"), "marzo de 2026");
        assert_eq!(month_year("zh-Hant"), "2026年3月");
        assert_eq!(month_year("tl"), "Marso 2026");
        assert_eq!(month_year("ht"), "mas 2026");
        assert_eq!(month_year("fa"), "مارس ۲۰۲۶");
    }
}
