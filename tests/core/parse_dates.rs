//! Dates as feeds write them come out in UTC; an unreadable one is null, never "now".

use feedreader::core::parse::date::parse_date;
use feedreader::core::parse::{parse, ParseOptions};

#[test]
fn feed_dates_in_every_family_come_out_in_utc() {
    let dates = [
        ("Tue, 10 Jun 2003 04:00:00 EDT", "2003-06-10T08:00:00Z"),
        ("10 Jun 03 04:00 +0530", "2003-06-09T22:30:00Z"),
        ("Dienstag, 10. Juni 2003 04:00:00 MESZ", "2003-06-10T02:00:00Z"),
        ("mardi 10 juin 2003 04:00:00 +02:00", "2003-06-10T02:00:00Z"),
        ("2003-06-10t04:00:00.123456+01:00", "2003-06-10T03:00:00.123Z"),
        ("2003-06-10", "2003-06-10T00:00:00Z"),
        ("1055217600", "2003-06-10T04:00:00Z"),
    ];
    let items: String = dates.iter().map(|(d, _)| format!("<item><pubDate>{d}</pubDate></item>")).collect();
    let feed = parse(&format!("<rss version=\"2.0\"><channel>{items}</channel></rss>"), &ParseOptions::default()).unwrap();
    for (entry, (written, utc)) in feed.entries.iter().zip(dates) {
        assert_eq!(entry.published.map(|t| t.to_string()).as_deref(), Some(utc), "{written}");
    }
    assert!(feed.diagnostics.is_empty(), "{:?}", feed.diagnostics);
}

#[test]
fn unreadable_dates_are_null_never_now() {
    for text in ["", "TBD", "Tue, 99 Foo 2003", "2003-02-30T00:00:00Z", "0000-00-00 00:00:00"] {
        assert_eq!(parse_date(text), None, "{text:?}");
    }
}
