//! A moment in UTC, kept as milliseconds since the Unix epoch, written as RFC 3339.
//!
//! Feeds need only this much calendar arithmetic, so it is done here rather than pulling a date
//! crate into the wasm bundle; the lenient parsing of what feeds write lives in `parse::date`.

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// Milliseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

/// A calendar date and time of day, all in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub millisecond: u32,
}

impl Timestamp {
    /// The moment a UTC calendar date and time names, or `None` when a field is out of range
    /// (month 13, February 30th, hour 24 and so on). A leap second (`:60`) counts as `:59`.
    pub fn from_civil(c: Civil) -> Option<Timestamp> {
        let valid = (1..=12).contains(&c.month)
            && c.day >= 1
            && c.day <= days_in_month(c.year, c.month)
            && c.hour < 24
            && c.minute < 60
            && c.second <= 60
            && c.millisecond < 1000
            && (-9999..=9999).contains(&c.year);
        if !valid {
            return None;
        }
        let days = days_from_civil(c.year, c.month, c.day);
        let seconds = days * 86_400 + c.hour as i64 * 3600 + c.minute as i64 * 60 + c.second.min(59) as i64;
        Some(Timestamp(seconds * 1000 + c.millisecond as i64))
    }

    /// The UTC calendar date and time of this moment.
    pub fn to_civil(self) -> Civil {
        let millis = self.0.rem_euclid(1000) as u32;
        let seconds = self.0.div_euclid(1000);
        let days = seconds.div_euclid(86_400);
        let of_day = seconds.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days);
        Civil { year, month, day, hour: of_day / 3600, minute: of_day / 60 % 60, second: of_day % 60, millisecond: millis }
    }

    /// Moves the moment by a number of minutes (used to apply a zone offset).
    pub fn minus_minutes(self, minutes: i64) -> Timestamp {
        Timestamp(self.0 - minutes * 60_000)
    }

    /// Parses exactly the form `Display` writes (and any RFC 3339 UTC time with optional
    /// fractional seconds); used to read back what the app stored.
    fn parse_stored(text: &str) -> Option<Timestamp> {
        let b = text.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || *b.last()? != b'Z' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| text.get(r)?.parse::<u32>().ok();
        let fraction = text.get(19..text.len() - 1)?;
        let millisecond = match fraction.strip_prefix('.') {
            None if fraction.is_empty() => 0,
            Some(digits) if !digits.is_empty() && digits.bytes().all(|d| d.is_ascii_digit()) => {
                format!("{digits:0<3}")[..3].parse().ok()?
            }
            _ => return None,
        };
        Timestamp::from_civil(Civil {
            year: num(0..4)? as i64,
            month: num(5..7)?,
            day: num(8..10)?,
            hour: num(11..13)?,
            minute: num(14..16)?,
            second: num(17..19)?,
            millisecond,
        })
    }
}

/// RFC 3339 in UTC, milliseconds only when there are any: `2025-08-28T14:03:57.597Z`.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.to_civil();
        write!(f, "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", c.year, c.month, c.day, c.hour, c.minute, c.second)?;
        if c.millisecond != 0 {
            write!(f, ".{:03}", c.millisecond)?;
        }
        f.write_str("Z")
    }
}

/// RFC 3339 in human-readable formats (JSON: feed2json, backups, stored articles), the
/// milliseconds in binary ones (messages, the engine's summaries: read 100,000 at a start).
impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            serializer.serialize_i64(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !deserializer.is_human_readable() {
            return i64::deserialize(deserializer).map(Timestamp);
        }
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Timestamp::parse_stored(&text).ok_or_else(|| de::Error::custom(format!("not an RFC 3339 UTC time: {text}")))
    }
}

pub fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn civil(year: i64, month: u32, day: u32, hour: u32, minute: u32, second: u32, ms: u32) -> Civil {
        Civil { year, month, day, hour, minute, second, millisecond: ms }
    }

    #[test]
    fn writes_rfc3339_with_millis_only_when_present() {
        let t = Timestamp::from_civil(civil(2025, 8, 28, 14, 3, 57, 597)).unwrap();
        assert_eq!(t.to_string(), "2025-08-28T14:03:57.597Z");
        let t = Timestamp::from_civil(civil(1999, 12, 31, 23, 59, 59, 0)).unwrap();
        assert_eq!(t.to_string(), "1999-12-31T23:59:59Z");
    }

    #[test]
    fn epoch_and_before() {
        assert_eq!(Timestamp(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp(-1).to_string(), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn round_trips_through_serde() {
        let t = Timestamp::from_civil(civil(2024, 2, 29, 1, 2, 3, 40)).unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, "\"2024-02-29T01:02:03.040Z\"");
        assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), t);
    }

    #[test]
    fn refuses_impossible_dates() {
        assert!(Timestamp::from_civil(civil(2023, 2, 29, 0, 0, 0, 0)).is_none());
        assert!(Timestamp::from_civil(civil(2023, 13, 1, 0, 0, 0, 0)).is_none());
        assert!(Timestamp::from_civil(civil(2023, 1, 1, 24, 0, 0, 0)).is_none());
    }

    #[test]
    fn civil_round_trip_over_centuries() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
