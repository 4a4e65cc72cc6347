//! Real-world-shaped feeds of every format, read end to end.

use feedreader::core::parse::{parse, parse_bytes, ParseOptions};
use feedreader::core::{FeedKind, MarkupKind};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/parse/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn with_base(base: &str) -> ParseOptions {
    ParseOptions { base: Some(base.to_string()), ..ParseOptions::default() }
}

#[test]
fn rss2_podcast() {
    let feed = parse_bytes(&fixture("rss2-podcast.xml"), &with_base("https://show.example.com/feed.xml")).unwrap();
    assert_eq!(feed.kind, FeedKind::Rss);
    assert_eq!(feed.version.as_deref(), Some("2.0"));
    assert_eq!(feed.title.as_deref(), Some("The Example Show — Weekly"));
    assert_eq!(feed.link.as_deref(), Some("https://show.example.com/"));
    assert_eq!(feed.self_link.as_deref(), Some("https://show.example.com/feed.xml"));
    assert_eq!(feed.subtitle.as_deref(), Some("Talk about everything."));
    assert_eq!(feed.language.as_deref(), Some("en-us"));
    assert_eq!(feed.updated.unwrap().to_string(), "2025-09-01T10:00:00Z");
    assert_eq!(feed.icon.as_deref(), Some("https://show.example.com/art/cover.png"));
    assert_eq!(feed.authors[0].name.as_deref(), Some("Pat Host"));
    assert_eq!(feed.entries.len(), 2);

    let ep2 = &feed.entries[0];
    assert_eq!(ep2.id, "show-ep-2");
    assert_eq!(ep2.title.as_deref(), Some("Episode 2: Café & Croissants"));
    assert_eq!(ep2.link.as_deref(), Some("https://show.example.com/episodes/2"));
    assert_eq!(ep2.published.unwrap().to_string(), "2025-09-01T09:30:00Z");
    assert_eq!(ep2.authors[0].email.as_deref(), Some("pat@example.com"));
    assert_eq!(ep2.authors[0].name.as_deref(), Some("Pat Host"));
    assert_eq!(ep2.categories, ["Food", "Travel"]);
    let summary = ep2.summary.as_ref().unwrap();
    assert_eq!(summary.kind, MarkupKind::Html);
    assert_eq!(summary.body, r#"<p>We talk about <a href="/notes/2">coffee</a>.</p>"#);
    assert_eq!(summary.base.as_deref(), Some("https://show.example.com/episodes/2"));
    assert!(ep2.content.as_ref().unwrap().body.contains("<img src=\"img/cup.jpg\">"));
    assert_eq!(ep2.enclosures[0].url, "https://cdn.example.com/ep2.mp3");
    assert_eq!(ep2.enclosures[0].mime_type.as_deref(), Some("audio/mpeg"));
    assert_eq!(ep2.enclosures[0].length, Some(12345678));

    let ep1 = &feed.entries[1];
    // A permalink guid is both the id and the link.
    assert_eq!(ep1.id, "https://show.example.com/episodes/1");
    assert_eq!(ep1.link.as_deref(), Some("https://show.example.com/episodes/1"));
    assert_eq!(ep1.authors[0].name.as_deref(), Some("Sam Guest"));
    assert_eq!(ep1.summary.as_ref().unwrap().body, "First <em>episode</em>.");
    assert_eq!(ep1.enclosures[0].url, "https://show.example.com/media/ep1.mp3");
    assert_eq!(ep1.enclosures[0].length, None);
    assert!(feed.diagnostics.is_empty(), "{:?}", feed.diagnostics);
}

#[test]
fn parse_errors_name_line_and_column() {
    let err = parse("<?xml version=\"1.0\"?>\n<html><body>hi</body></html>", &ParseOptions::default()).unwrap_err();
    assert_eq!((err.line, err.column), (2, 1));
    assert_eq!(err.to_string(), "line 2, column 1: this is an HTML page, not a feed");
}

#[test]
fn the_format_is_sniffed_from_the_content() {
    let cases: [(&[u8], FeedKind); 5] = [
        (
            b"\xEF\xBB\xBF\n  <!-- generator -->\n<?xml-stylesheet href=\"s.xsl\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
            FeedKind::Atom,
        ),
        (b"\n\n<rss version=\"2.0\"><channel/></rss>", FeedKind::Rss),
        (b"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>", FeedKind::Rdf),
        (b"  \n{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}", FeedKind::Json),
        (b"<channel><title>bare</title></channel>", FeedKind::Rss),
    ];
    for (bytes, kind) in cases {
        let feed = parse_bytes(bytes, &ParseOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(feed.kind, kind, "{}", String::from_utf8_lossy(bytes));
    }
}
