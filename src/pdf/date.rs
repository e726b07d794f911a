//! Dates: the creation instant written as a PDF date (Info dictionary) and as an XMP date,
//! from Unix seconds, never from the clock.

use super::PdfError;

/// A UTC instant split into calendar fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Instant {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

impl Instant {
    /// The instant `secs` seconds after 1970-01-01T00:00:00Z.
    ///
    /// # Errors
    /// [`PdfError::DateOutOfRange`] outside the years 0 to 9999.
    pub(crate) fn from_unix(secs: i64) -> Result<Self, PdfError> {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        if !(0..=9999).contains(&year) {
            return Err(PdfError::DateOutOfRange(secs));
        }
        // rem < 86 400, so every field below fits a u32.
        let rem = rem as u32;
        Ok(Self {
            year,
            month,
            day,
            hour: rem / 3600,
            minute: rem / 60 % 60,
            second: rem % 60,
        })
    }

    /// PDF date (ISO 32000-1, 7.9.4): `D:YYYYMMDDHHmmSS+00'00'`.
    pub(crate) fn pdf(&self) -> String {
        format!(
            "D:{:04}{:02}{:02}{:02}{:02}{:02}+00'00'",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// XMP date (ISO 8601): `YYYY-MM-DDTHH:mm:SS+00:00`, the same instant as [`Self::pdf`].
    pub(crate) fn xmp(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// (year, month, day) of the proleptic Gregorian calendar for a count of days since
/// 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_match_known_instants() {
        let epoch = Instant::from_unix(0).unwrap();
        assert_eq!(epoch.pdf(), "D:19700101000000+00'00'");
        assert_eq!(epoch.xmp(), "1970-01-01T00:00:00+00:00");
        // `date -u -d @1700000000` → Tue Nov 14 22:13:20 UTC 2023
        let t = Instant::from_unix(1_700_000_000).unwrap();
        assert_eq!(t.pdf(), "D:20231114221320+00'00'");
        assert_eq!(t.xmp(), "2023-11-14T22:13:20+00:00");
        // A leap day and a time before the epoch.
        assert_eq!(
            Instant::from_unix(951_782_400).unwrap().xmp(),
            "2000-02-29T00:00:00+00:00"
        );
        assert_eq!(
            Instant::from_unix(-1).unwrap().pdf(),
            "D:19691231235959+00'00'"
        );
    }

    #[test]
    fn dates_outside_four_digit_years_are_refused() {
        assert!(matches!(
            Instant::from_unix(253_402_300_800),
            Err(PdfError::DateOutOfRange(_))
        ));
        assert!(Instant::from_unix(253_402_300_799).is_ok()); // 9999-12-31T23:59:59Z
        assert!(Instant::from_unix(-62_167_219_201).is_err()); // one second before year 0
        assert!(Instant::from_unix(i64::MIN).is_err());
        assert!(Instant::from_unix(i64::MAX).is_err());
    }
}
