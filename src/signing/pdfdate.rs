//! Dates of the signatures: Unix seconds (UTC) to a PDF date (`/M`), a readable date and
//! the French date of the stamp; and back from a PDF date.

/// Year, month, day, hour, minute, second of `unix` seconds (UTC), by the proleptic
/// Gregorian calendar (H. Hinnant's `civil_from_days`).
fn civil(unix: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    (year, month, day, h as u32, m as u32, s as u32)
}

/// Unix seconds of a civil UTC date (`days_from_civil`).
pub(crate) fn unix(year: i64, month: u32, day: u32, h: u32, m: u32, s: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(s)
}

/// `D:YYYYMMDDHHmmSS+00'00'`.
pub(crate) fn pdf(unix: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(unix);
    format!("D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}+00'00'")
}

/// `YYYY-MM-DD HH:MM:SS UTC`.
pub(crate) fn readable(unix: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(unix);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC")
}

/// `26/11/2026 à 14:30 UTC`, for the stamp.
pub(crate) fn french(unix: i64) -> String {
    let (y, mo, d, h, mi, _) = civil(unix);
    format!("{d:02}/{mo:02}/{y:04} à {h:02}:{mi:02} UTC")
}

/// Unix seconds of a PDF date `D:YYYYMMDDHHmmSS+HH'mm'` (any prefix from the year on).
pub(crate) fn parse(text: &str) -> Option<i64> {
    let s = text.strip_prefix("D:").unwrap_or(text);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 4 || digits.len() > 14 || !digits.len().is_multiple_of(2) {
        return None;
    }
    let n = |from: usize, default: u32| -> u32 {
        digits
            .get(from..from + 2)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let year: i64 = digits[..4].parse().ok()?;
    let local = unix(year, n(4, 1), n(6, 1), n(8, 0), n(10, 0), n(12, 0));
    let zone = &s[digits.len()..];
    let offset = match zone.chars().next() {
        None | Some('Z') => 0,
        Some(sign @ ('+' | '-')) => {
            let z: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
            let hh: i64 = z.get(..2)?.parse().ok()?;
            let mm: i64 = z.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
            let o = hh * 3600 + mm * 60;
            if sign == '+' {
                o
            } else {
                -o
            }
        }
        Some(_) => return None,
    };
    Some(local - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(pdf(0), "D:19700101000000+00'00'");
        assert_eq!(pdf(1_700_000_000), "D:20231114221320+00'00'");
        assert_eq!(parse("D:20231114221320+00'00'"), Some(1_700_000_000));
        assert_eq!(parse("D:20231114231320+01'00'"), Some(1_700_000_000));
        assert_eq!(french(1_700_000_000), "14/11/2023 à 22:13 UTC");
        assert_eq!(readable(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(unix(2000, 2, 29, 0, 0, 0), 951_782_400);
        assert_eq!(parse("hier"), None);
    }
}
