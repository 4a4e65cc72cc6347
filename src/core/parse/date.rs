//! Dates as feeds really write them, to UTC.
//!
//! Two families: RFC 822/2822 (`Tue, 10 Jun 2003 04:00:00 GMT`) with every deviation seen in the
//! wild (no weekday, missing seconds, two-digit years, named zones, `+02:00`, day and month names
//! in other languages, words in any order), and ISO 8601 / RFC 3339 (`2003-06-10T04:00:00Z`)
//! with its variants (no zone means UTC, a space or `t` separator, fractions of any length,
//! date only, week dates, basic format). A bare number is a Unix timestamp.

use crate::core::time::{days_from_civil, Civil, Timestamp};

/// Reads a date, or `None` when it cannot be read (the caller reports it; never "now").
pub fn parse_date(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if text.is_empty() || text.len() > 100 {
        return None;
    }
    let bytes = text.as_bytes();
    let date = if bytes.iter().all(u8::is_ascii_digit) && bytes.len() >= 9 {
        unix(text)
    } else if bytes.len() >= 4 && bytes[..4].iter().all(u8::is_ascii_digit) {
        iso8601(text).or_else(|| slashed(text)).or_else(|| rfc822(text))
    } else {
        strict_rfc822(text).or_else(|| rfc822(text))
    };
    // Years 1 to 9999 only: RFC 3339 cannot write others, and the app stores what we return.
    date.filter(|t| (FIRST_MOMENT..=LAST_MOMENT).contains(&t.0))
}

/// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z in milliseconds.
const FIRST_MOMENT: i64 = -62_135_596_800_000;
const LAST_MOMENT: i64 = 253_402_300_799_999;

/// The form almost every RSS feed writes, `Mon, 01 Sep 2025 10:15:00 +0200` (or `GMT`), read
/// without allocating; anything else goes to the lenient reader.
fn strict_rfc822(text: &str) -> Option<Timestamp> {
    let mut parts = text.split(' ');
    let (_weekday, day, month, year, time, zone) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !_weekday.ends_with(',') {
        return None;
    }
    const ENGLISH: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = ENGLISH.iter().position(|m| *m == month)? as u32 + 1;
    let number = |s: &str| if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() { s.parse::<u32>().ok() } else { None };
    let (day, year) = (number(day)?, number(year)?);
    let t = time.as_bytes();
    if year < 1000 || t.len() != 8 || t[2] != b':' || t[5] != b':' {
        return None;
    }
    let (hour, minute, second) = (number(&time[..2])?, number(&time[3..5])?, number(&time[6..])?);
    let offset = match zone {
        "GMT" | "UTC" | "UT" | "Z" => 0,
        _ => {
            let z = zone.as_bytes();
            if z.len() != 5 || !matches!(z[0], b'+' | b'-') {
                return None;
            }
            let (hours, minutes) = (number(zone.get(1..3)?)?, number(zone.get(3..)?)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let minutes = (hours * 60 + minutes) as i64;
            if z[0] == b'-' {
                -minutes
            } else {
                minutes
            }
        }
    };
    let t = Timestamp::from_civil(Civil { year: year as i64, month, day, hour, minute, second, millisecond: 0 })?;
    Some(t.minus_minutes(offset))
}

/// `2006/05/24 10:27:33`, as some publishing systems write: the ISO form with slashes (no
/// zone, so UTC, as ISO 8601 without a zone is read here).
fn slashed(text: &str) -> Option<Timestamp> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'/' || b[7] != b'/' || !b[5..7].iter().chain(&b[8..10]).all(u8::is_ascii_digit) {
        return None;
    }
    let iso = format!("{}-{}-{}", &text[..4], &text[5..7], &text[8..]);
    iso8601(&iso)
}

fn unix(digits: &str) -> Option<Timestamp> {
    let n: i64 = digits.parse().ok()?;
    // Thirteen digits and more are milliseconds (JavaScript's Date.now()).
    let millis = if digits.len() >= 13 { n } else { n.checked_mul(1000)? };
    Some(Timestamp(millis))
}

/// A cursor over ASCII bytes.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        self.i += hit as usize;
        hit
    }
    /// Exactly `n` digits.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let slice = self.b.get(self.i..self.i + n)?;
        if !slice.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.i += n;
        Some(slice.iter().fold(0, |acc, d| acc * 10 + (d - b'0') as u32))
    }
    fn at_end(&self) -> bool {
        self.i >= self.b.len()
    }
}

fn iso8601(text: &str) -> Option<Timestamp> {
    let mut c = Cursor { b: text.as_bytes(), i: 0 };
    let year = c.digits(4)? as i64;
    let extended = c.eat(b'-');
    let (month, day);
    if c.eat(b'W') {
        // Week date: 2009-W01-1 (Monday of ISO week 1).
        let week = c.digits(2)?;
        let weekday =
            if (extended && c.eat(b'-')) || (!extended && c.peek().is_some_and(|b| b.is_ascii_digit())) { c.digits(1)? } else { 1 };
        return finish_iso(&mut c, week_date(year, week, weekday)?);
    }
    match c.digits(2) {
        Some(m) => month = m,
        None if c.at_end() && !extended => return date_only(year, 1, 1),
        None => return None,
    }
    if extended && !c.eat(b'-') {
        // 2003-06: a month.
        return if c.at_end() { date_only(year, month, 1) } else { None };
    }
    day = c.digits(2)?;
    let days = days_from_civil(year, month, day);
    // Checks that the day exists (no 31 April).
    Timestamp::from_civil(Civil { year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 })?;
    finish_iso(&mut c, days)
}

fn date_only(year: i64, month: u32, day: u32) -> Option<Timestamp> {
    Timestamp::from_civil(Civil { year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 })
}

/// Days since the epoch of an ISO week date.
fn week_date(year: i64, week: u32, weekday: u32) -> Option<i64> {
    if !(1..=53).contains(&week) || !(1..=7).contains(&weekday) {
        return None;
    }
    let jan4 = days_from_civil(year, 1, 4);
    // 1970-01-01 was a Thursday: weekday 4 in ISO numbering.
    let jan4_weekday = (jan4 + 3).rem_euclid(7) + 1;
    let week1_monday = jan4 - (jan4_weekday - 1);
    Some(week1_monday + (week as i64 - 1) * 7 + weekday as i64 - 1)
}

/// The time and zone after an ISO date (all optional).
fn finish_iso(c: &mut Cursor<'_>, days: i64) -> Option<Timestamp> {
    let mut millis = days * 86_400_000;
    if matches!(c.peek(), Some(b'T' | b't' | b' ')) {
        c.i += 1;
        while c.eat(b' ') {}
        let hour = c.digits(2)?;
        let extended = c.eat(b':');
        let minute = c.digits(2).unwrap_or(0);
        let has_seconds = if extended { c.eat(b':') } else { c.peek().is_some_and(|b| b.is_ascii_digit()) };
        let second = if has_seconds { c.digits(2)? } else { 0 };
        let mut fraction = 0u32;
        if c.eat(b'.') || c.eat(b',') {
            let start = c.i;
            while c.peek().is_some_and(|b| b.is_ascii_digit()) {
                if c.i - start < 3 {
                    fraction = fraction * 10 + (c.b[c.i] - b'0') as u32;
                }
                c.i += 1;
            }
            if c.i == start {
                return None;
            }
            fraction *= 10u32.pow(3u32.saturating_sub((c.i - start) as u32));
        }
        if hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute, second, fraction) != (0, 0, 0)) {
            return None;
        }
        millis += hour as i64 * 3_600_000 + minute as i64 * 60_000 + second.min(59) as i64 * 1000 + fraction as i64;
    }
    while c.eat(b' ') {}
    let rest = std::str::from_utf8(&c.b[c.i..]).ok()?;
    let offset = if rest.is_empty() { 0 } else { zone(rest)? };
    Some(Timestamp(millis).minus_minutes(offset))
}

/// A zone: `Z`, `+02:00`, `+0200`, `-05`, or a name (`UTC`, `EST`, `CEST`), in minutes east.
fn zone(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Some(sign) = text.strip_prefix('+').map(|r| (1, r)).or_else(|| text.strip_prefix('-').map(|r| (-1, r))) {
        let (sign, rest) = sign;
        let digits: String = rest.chars().filter(|c| *c != ':').collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (hours, minutes) = match digits.len() {
            1 | 2 => (digits.parse::<i64>().ok()?, 0),
            3 => (digits[..1].parse::<i64>().ok()?, digits[1..].parse::<i64>().ok()?),
            4 => (digits[..2].parse::<i64>().ok()?, digits[2..].parse::<i64>().ok()?),
            _ => return None,
        };
        if hours > 23 || minutes > 59 {
            return None;
        }
        return Some(sign * (hours * 60 + minutes));
    }
    named_zone(text)
}

fn named_zone(name: &str) -> Option<i64> {
    let hours = |h: f64| Some((h * 60.0) as i64);
    match name.to_ascii_uppercase().as_str() {
        "Z" | "UT" | "UTC" | "GMT" | "WET" | "Z00" => hours(0.0),
        "EST" => hours(-5.0),
        "EDT" => hours(-4.0),
        "CST" => hours(-6.0),
        "CDT" => hours(-5.0),
        "MST" => hours(-7.0),
        "MDT" => hours(-6.0),
        "PST" => hours(-8.0),
        "PDT" => hours(-7.0),
        "AKST" => hours(-9.0),
        "AKDT" => hours(-8.0),
        "HST" => hours(-10.0),
        "AST" => hours(-4.0),
        "ADT" => hours(-3.0),
        "NST" => hours(-3.5),
        "NDT" => hours(-2.5),
        "BST" | "CET" | "MET" | "WEST" | "MEZ" => hours(1.0),
        "CEST" | "MEST" | "EET" | "MESZ" | "SAST" => hours(2.0),
        "EEST" | "MSK" => hours(3.0),
        "IST" => hours(5.5),
        "SGT" | "HKT" | "AWST" | "CCT" => hours(8.0),
        "JST" | "KST" => hours(9.0),
        "ACST" => hours(9.5),
        "AEST" => hours(10.0),
        "ACDT" => hours(10.5),
        "AEDT" => hours(11.0),
        "NZST" => hours(12.0),
        "NZDT" => hours(13.0),
        _ => None,
    }
}

/// Month names and their usual abbreviations in English, German, French, Spanish, Italian,
/// Dutch and Portuguese. A token names a month when it is a prefix (of at least three
/// letters) of one of these, so `Sep`, `Sept`, `janv.` and `Mär` all work.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("janvier", 1),
    ("januar", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("januari", 1),
    ("janeiro", 1),
    ("february", 2),
    ("février", 2),
    ("fevrier", 2),
    ("februar", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("fevereiro", 2),
    ("march", 3),
    ("mars", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mrz", 3),
    ("marzo", 3),
    ("maart", 3),
    ("março", 3),
    ("marco", 3),
    ("april", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mei", 5),
    ("maio", 5),
    ("june", 6),
    ("juin", 6),
    ("juni", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("july", 7),
    ("juillet", 7),
    ("juli", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
    ("august", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("augustus", 8),
    ("september", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("october", 10),
    ("octobre", 10),
    ("oktober", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("november", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("dezember", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("dezembro", 12),
];

fn month(token: &str) -> Option<u32> {
    let token = token.trim_end_matches('.').to_lowercase();
    if token.chars().count() < 3 {
        return None;
    }
    MONTHS.iter().find(|(name, _)| name.starts_with(&token)).map(|&(_, m)| m)
}

/// RFC 822 and its relatives, read word by word so that order and extra words do not matter:
/// a word with `:` is the time, a month name the month, a sign or zone name the zone, the first
/// small number the day and a four-digit (or remaining) number the year.
fn rfc822(text: &str) -> Option<Timestamp> {
    let (mut day, mut month_no, mut year, mut time, mut offset) = (None, None, None, None, None);
    let mut afternoon = None;
    let spaced = text.replace([',', '/'], " ");
    let mut words: Vec<&str> = Vec::new();
    for word in spaced.split_whitespace() {
        // `10:00:00+0200` and `GMT+2`: split a zone glued on.
        match word.find(['+', '-']).filter(|&at| at > 0) {
            Some(at) if word[..at].contains(':') || named_zone(&word[..at]).is_some() => {
                words.push(&word[..at]);
                words.push(&word[at..]);
            }
            _ => words.push(word),
        }
    }
    for word in words {
        if word.contains(':') {
            time = Some(clock(word)?);
        } else if word.eq_ignore_ascii_case("pm") || word.eq_ignore_ascii_case("am") {
            afternoon = Some(word.eq_ignore_ascii_case("pm"));
        } else if word.starts_with(['+', '-']) {
            offset = Some(offset.unwrap_or(0) + zone(word)?);
        } else if let Ok(n) = word.trim_end_matches('.').parse::<u32>() {
            if word.len() == 4 || day.is_some() {
                year = Some(n as i64);
            } else {
                day = Some(n);
            }
        } else if let Some(m) = month(word) {
            month_no = Some(m);
        } else if let Some(z) = named_zone(word) {
            offset = Some(z);
        }
        // Anything else (weekday names in any language, "at") is ignored.
    }
    let mut year = year?;
    if year < 100 {
        // RFC 2822 §4.3: two-digit years below 50 are 20xx.
        year += if year < 50 { 2000 } else { 1900 };
    }
    let (mut hour, minute, second) = time.unwrap_or((0, 0, 0));
    match afternoon {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    let t = Timestamp::from_civil(Civil { year, month: month_no?, day: day?, hour, minute, second, millisecond: 0 })?;
    Some(t.minus_minutes(offset.unwrap_or(0)))
}

/// `10:04`, `10:04:05`, `10:04:05.123`, `4:04pm`.
fn clock(word: &str) -> Option<(u32, u32, u32)> {
    let lower = word.to_ascii_lowercase();
    let (word, pm) = match (lower.strip_suffix("pm"), lower.strip_suffix("am")) {
        (Some(w), _) => (w.to_string(), Some(true)),
        (_, Some(w)) => (w.to_string(), Some(false)),
        _ => (lower.clone(), None),
    };
    let mut parts = word.split(':');
    let mut hour: u32 = parts.next()?.parse().ok()?;
    let minute: u32 = parts.next()?.parse().ok()?;
    let second: u32 = match parts.next() {
        Some(s) => s.split(['.', ',']).next()?.parse().ok()?,
        None => 0,
    };
    match pm {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    (parts.next().is_none() && hour < 24 && minute < 60 && second <= 60).then_some((hour, minute, second))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_feeds_write() {
        let cases: &[(&str, &str)] = &[
            // RFC 822 / 2822 and deviations.
            ("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
            ("Tue, 10 Jun 2003 04:00:00 +0000", "2003-06-10T04:00:00Z"),
            ("10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
            ("Tue, 10 Jun 2003 04:00 GMT", "2003-06-10T04:00:00Z"),
            ("Tue, 10 Jun 03 04:00:00 GMT", "2003-06-10T04:00:00Z"),
            ("Thu, 01 Jan 98 00:00:00 GMT", "1998-01-01T00:00:00Z"),
            ("Tue, 10 Jun 2003 04:00:00 EST", "2003-06-10T09:00:00Z"),
            ("Tue, 10 Jun 2003 04:00:00 PDT", "2003-06-10T11:00:00Z"),
            ("Tue, 10 Jun 2003 04:00:00 CEST", "2003-06-10T02:00:00Z"),
            ("Tue, 10 Jun 2003 04:00:00 +0200", "2003-06-10T02:00:00Z"),
            ("Tue, 10 Jun 2003 04:00:00 +02:00", "2003-06-10T02:00:00Z"),
            ("Tue, 10 Jun 2003 04:00:00 -0530", "2003-06-10T09:30:00Z"),
            ("Tue,  10   Jun  2003   04:00:00   GMT ", "2003-06-10T04:00:00Z"),
            ("Tue,10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
            ("Tue, 10 June 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
            ("Tue, 5 Jun 2003 4:00:00 GMT", "2003-06-05T04:00:00Z"),
            ("Tue, 10 Jun 2003 04:00:00", "2003-06-10T04:00:00Z"),
            ("Tue, 10 Jun 2003", "2003-06-10T00:00:00Z"),
            ("Tue, 10 Jun 2003 04:00:00 GMT+0200", "2003-06-10T02:00:00Z"),
            ("Tue, 10 Jun 2003 04:00:00+0200", "2003-06-10T02:00:00Z"),
            ("Sat, 31 Dec 2016 23:59:60 GMT", "2016-12-31T23:59:59Z"),
            ("Wed Jun 10 04:00:00 2003", "2003-06-10T04:00:00Z"),
            ("June 10, 2003 4:00 pm", "2003-06-10T16:00:00Z"),
            // Other languages.
            ("Di, 10 Jun 2003 04:00:00 +0200", "2003-06-10T02:00:00Z"),
            ("Mi, 12 Mär 2025 10:00:00 MEZ", "2025-03-12T09:00:00Z"),
            ("Donnerstag, 5. Dezember 2024 08:15:00 +0100", "2024-12-05T07:15:00Z"),
            ("mar., 10 juin 2003 04:00:00 +0200", "2003-06-10T02:00:00Z"),
            ("lun., 3 févr. 2025 09:30:00 GMT", "2025-02-03T09:30:00Z"),
            ("jeu, 14 août 2025 18:00:00 +0200", "2025-08-14T16:00:00Z"),
            ("mié, 15 ene 2025 12:00:00 +0100", "2025-01-15T11:00:00Z"),
            ("ven, 21 ott 2022 07:00:00 +0200", "2022-10-21T05:00:00Z"),
            // ISO 8601 / RFC 3339.
            ("2003-06-10T04:00:00Z", "2003-06-10T04:00:00Z"),
            ("2003-06-10T04:00:00z", "2003-06-10T04:00:00Z"),
            ("2003-06-10t04:00:00Z", "2003-06-10T04:00:00Z"),
            ("2003-06-10 04:00:00", "2003-06-10T04:00:00Z"),
            ("2003-06-10T04:00:00", "2003-06-10T04:00:00Z"),
            ("2003-06-10T04:00Z", "2003-06-10T04:00:00Z"),
            ("2003-06-10T04:00:00+02:00", "2003-06-10T02:00:00Z"),
            ("2003-06-10T04:00:00-0500", "2003-06-10T09:00:00Z"),
            ("2003-06-10T04:00:00+02", "2003-06-10T02:00:00Z"),
            ("2003-06-10 04:00:00 +0200", "2003-06-10T02:00:00Z"),
            ("2003-06-10 04:00:00 UTC", "2003-06-10T04:00:00Z"),
            ("2025-08-28T14:03:57.597000Z", "2025-08-28T14:03:57.597Z"),
            ("2025-08-28T14:03:57.5Z", "2025-08-28T14:03:57.500Z"),
            ("2025-08-28T14:03:57.123456789+00:00", "2025-08-28T14:03:57.123Z"),
            ("2003-06-10", "2003-06-10T00:00:00Z"),
            ("2003-06", "2003-06-01T00:00:00Z"),
            ("2003", "2003-01-01T00:00:00Z"),
            ("20030610T040000Z", "2003-06-10T04:00:00Z"),
            ("20030610", "2003-06-10T00:00:00Z"),
            ("2009-W01-1", "2008-12-29T00:00:00Z"),
            ("2009-W53-7", "2010-01-03T00:00:00Z"),
            ("2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z"),
            // Unix timestamps.
            ("1055217600", "2003-06-10T04:00:00Z"),
            ("1055217600000", "2003-06-10T04:00:00Z"),
        ];
        for (input, expected) in cases {
            let got = parse_date(input).map(|t| t.to_string());
            assert_eq!(got.as_deref(), Some(*expected), "{input}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for input in [
            "",
            "   ",
            "yesterday",
            "not a date at all",
            "2023-02-29",
            "2003-13-01T00:00:00Z",
            "2003-06-10T25:00:00Z",
            "Tue, 32 Jun 2003 04:00:00 GMT",
            "Tue, 10 Foo 2003 04:00:00 GMT",
            "10:00:00",
            "2003-06-10T04:00:00+99:00",
            "Tue, 10 Jun 2003 04:00:00 +2400",
            "Tue, 31 Jun 2003 04:00:00 GMT",
            "Tue, 10 Jun 2003 04:00:00 +0é0",
            "9999999999999999999",
            "Fri, 31 Dec 9999 23:00:00 -0200",
            "Tue, 10 Jun 2003 99:00:00 GMT",
        ] {
            assert_eq!(parse_date(input), None, "{input:?}");
        }
    }
}
