//! What makes two builds of one guide the same book: its identifier and its one date.
//!
//! epub-builder falls back to a random UUID and to the current time; both are derived
//! from the guide here instead, so the same source always gives the same bytes.

use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::model::Date;

/// The namespace of guidepress book identifiers (a random UUID, fixed once and for all).
const NAMESPACE: Uuid = Uuid::from_u128(0x3f6c_1d2a_8b47_4e95_a0d3_6c21_9e7f_b458);

/// The book's identifier: a name-based UUID of the guide id (RFC 9562 version 8 with
/// SHA-256, as in its appendix B.2), so the same guide keeps the same identifier.
pub(super) fn book_identifier(guide_id: &str) -> Uuid {
    let digest = Sha256::new()
        .chain_update(NAMESPACE.as_bytes())
        .chain_update(guide_id)
        .finalize();
    let mut bytes = [0; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// Midnight UTC of the guide's date, for `dc:date` and `dcterms:modified`.
pub(super) fn midnight_utc(date: Date) -> chrono::DateTime<chrono::Utc> {
    let date = date.0;
    chrono::NaiveDate::from_ymd_opt(
        date.year(),
        u32::from(u8::from(date.month())),
        u32::from(date.day()),
    )
    .and_then(|day| day.and_hms_opt(0, 0, 0))
    .expect("a validated date is a calendar date")
    .and_utc()
}

/// The zip entry time for the guide's date; zip can only store the years 1980 to 2107.
pub(super) fn zip_time(date: Date) -> zip::DateTime {
    let date = date.0;
    let clamped = date.year().clamp(1980, 2107);
    let (month, day) = if clamped == date.year() {
        (u8::from(date.month()), date.day())
    } else {
        (1, 1)
    };
    let year = u16::try_from(clamped).expect("clamped to the zip range");
    zip::DateTime::from_date_and_time(year, month, day, 0, 0, 0)
        .expect("a calendar date in the zip range")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_is_stable_and_depends_on_the_id() {
        assert_eq!(
            book_identifier("icac-resources"),
            book_identifier("icac-resources")
        );
        assert_ne!(
            book_identifier("icac-resources"),
            book_identifier("icac-resource")
        );
        assert_eq!(book_identifier("x").get_version_num(), 8);
    }

    #[test]
    fn dates_outside_the_zip_range_are_clamped() {
        let date = Date(time::macros::date!(1970 - 06 - 15));
        let time = zip_time(date);
        assert_eq!((time.year(), time.month(), time.day()), (1980, 1, 1));
        let date = Date(time::macros::date!(2001 - 12 - 01));
        let time = zip_time(date);
        assert_eq!(
            (time.year(), time.month(), time.day(), time.hour()),
            (2001, 12, 1, 0)
        );
    }
}
