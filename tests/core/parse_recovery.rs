//! Ill-formed documents: recovered from, with diagnostics naming line and column; and
//! documents that are not feeds, refused with a message that says what they are.

use std::time::Instant;

use feedreader::core::parse::{parse, parse_bytes, ParseOptions};
use feedreader::core::{Feed, Markup};

fn read(xml: &str) -> Feed<Markup> {
    parse(xml, &ParseOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn messages(feed: &Feed<Markup>) -> Vec<String> {
    feed.diagnostics.iter().map(|d| format!("{}:{} {}", d.line, d.column, d.message)).collect()
}

fn refused(bytes: &[u8]) -> String {
    parse_bytes(bytes, &ParseOptions::default()).unwrap_err().to_string()
}

#[test]
fn a_stray_ampersand_is_kept_as_text() {
    let feed = read("<rss version=\"2.0\"><channel>\n<title>Fish & Chips</title></channel></rss>");
    assert_eq!(feed.title.as_deref(), Some("Fish & Chips"));
    assert_eq!(messages(&feed), ["2:13 a stray & was kept as text"]);
}

#[test]
fn an_undefined_entity_is_kept_as_text() {
    let feed = read("<rss version=\"2.0\"><channel>\n  <title>A &bogus; B</title></channel></rss>");
    assert_eq!(feed.title.as_deref(), Some("A &bogus; B"));
    assert_eq!(messages(&feed), ["2:12 undefined entity &bogus; kept as text"]);
}

#[test]
fn a_mismatched_end_tag_closes_what_was_left_open() {
    let feed = read(
        "<rss version=\"2.0\"><channel>\n<item><title>One</title><link>http://e.com/1</item>\n<item><title>Two</title></item></channel></rss>",
    );
    let titles: Vec<_> = feed.entries.iter().map(|e| e.title.as_deref().unwrap()).collect();
    assert_eq!(titles, ["One", "Two"]);
    assert_eq!(messages(&feed), ["2:45 <link> was not closed before </item>"]);
}

#[test]
fn a_stray_end_tag_is_ignored() {
    let feed = read("<rss version=\"2.0\"><channel><item><title>One</title></b></item></channel></rss>");
    assert_eq!(feed.entries[0].title.as_deref(), Some("One"));
    assert_eq!(messages(&feed), ["1:53 stray end tag </b> was ignored"]);
}

#[test]
fn a_truncated_download_keeps_every_complete_entry() {
    let feed = read(
        "<rss version=\"2.0\"><channel><title>T</title>\n<item><title>One</title></item>\n<item><title>Two</title></item>\n<item><title>Thr",
    );
    let titles: Vec<_> = feed.entries.iter().map(|e| e.title.as_deref().unwrap()).collect();
    assert_eq!(titles, ["One", "Two"]);
    let messages = messages(&feed);
    assert!(messages[0].contains("unexpected end of file inside <title>"), "{messages:?}");
    assert!(messages[1].contains("cut off"), "{messages:?}");
}

#[test]
fn unclosed_elements_at_the_end_still_give_their_entries() {
    let feed = read(r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id></entry>"#);
    assert_eq!(feed.entries.len(), 1);
    assert!(messages(&feed)[0].contains("unexpected end of file inside <feed>"));
}

#[test]
fn invalid_control_characters_become_spaces() {
    let feed = read("<rss version=\"2.0\"><channel><title>bad\u{1}char\u{8}s</title></channel></rss>");
    assert_eq!(feed.title.as_deref(), Some("bad char s"));
    assert_eq!(messages(&feed), ["1:39 2 invalid control characters were replaced by spaces"]);
}

#[test]
fn garbage_before_the_root_is_skipped() {
    let feed = read("Warning: mysql_connect() failed in /var/www/feed.php on line 3\n<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>");
    assert_eq!(feed.title.as_deref(), Some("T"));
    assert_eq!(messages(&feed), ["1:1 text before the root element was ignored"]);
}

#[test]
fn garbage_after_the_root_is_ignored() {
    let feed = read("<rss version=\"2.0\"><channel><title>T</title></channel></rss>\n<!-- ok --><p>injected</p>");
    assert_eq!(feed.title.as_deref(), Some("T"));
    assert_eq!(messages(&feed), ["2:12 content after the end of the feed was ignored"]);
}

#[test]
fn an_unreadable_date_is_null_with_a_diagnostic() {
    let feed = read("<rss version=\"2.0\"><channel><item>\n<pubDate>the other day</pubDate></item></channel></rss>");
    assert_eq!(feed.entries[0].published, None);
    assert_eq!(messages(&feed), ["2:1 could not read the date \"the other day\""]);
}

#[test]
fn an_html_page_is_not_a_feed() {
    assert_eq!(
        refused(b"<!DOCTYPE html>\n<html><head><title>x</title></head></html>"),
        "line 1, column 1: this is an HTML page, not a feed"
    );
    assert_eq!(refused(b"\n\n<html lang=en><body>"), "line 1, column 1: this is an HTML page, not a feed");
    assert_eq!(refused(b"<?xml version=\"1.0\"?>\n<!-- c -->\n<HTML><body/></HTML>"), "line 3, column 1: this is an HTML page, not a feed");
}

#[test]
fn an_empty_body_is_not_a_feed() {
    assert_eq!(refused(b""), "line 1, column 1: the document is empty");
    assert_eq!(refused(b" \n\t "), "line 1, column 1: the document is empty");
    assert_eq!(refused(b"\xEF\xBB\xBF"), "line 1, column 1: the document is empty");
}

#[test]
fn an_image_is_not_a_feed() {
    assert_eq!(refused(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "line 1, column 1: this is a PNG image, not a feed");
    assert_eq!(refused(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), "line 1, column 1: this is a JPEG image, not a feed");
    assert_eq!(refused(b"GIF89a\x01\0\x01\0"), "line 1, column 1: this is a GIF image, not a feed");
}

#[test]
fn json_that_is_not_json_feed_is_not_a_feed() {
    assert!(refused(br#"{"name": "package.json", "version": "1.0.0"}"#).contains("this is JSON, but not a JSON Feed"));
    assert!(refused(b"[1, 2, 3]").contains("this is JSON, but not a JSON Feed"));
    assert_eq!(
        refused(b"{\n  \"version\": \"https://jsonfeed.org/version/1\",\n  \"items\": [,]\n}"),
        "line 3, column 13: this looks like JSON but is not valid JSON: expected value"
    );
}

#[test]
fn other_documents_say_what_they_are() {
    assert_eq!(refused(b"just some words"), "line 1, column 1: this is plain text, not a feed");
    assert_eq!(refused(b"<opml version=\"2.0\"><body/></opml>"), "line 1, column 1: this is an OPML subscription list, not a feed");
    assert!(refused(b"<?xml version=\"1.0\"?>\n<config/>").starts_with("line 2, column 1: the document's root element is <config>"));
}

#[test]
fn documents_over_50_mb_are_refused_at_once() {
    let big = vec![b' '; 50 * 1024 * 1024 + 1];
    let started = Instant::now();
    assert!(refused(&big).contains("more than the 50 MB"));
    assert!(started.elapsed().as_millis() < 100);
}

#[test]
fn nesting_deeper_than_the_cap_is_refused() {
    let doc = format!("<rss version=\"2.0\"><channel><item>{}x</item></channel></rss>", "<a>".repeat(300));
    let err = parse(&doc, &ParseOptions::default()).unwrap_err();
    assert!(err.message.contains("nested more than 256 deep"), "{err}");
    assert_eq!(err.line, 1);
}

#[test]
fn deeply_nested_json_is_refused() {
    let doc = format!("{{\"version\":\"https://jsonfeed.org/version/1\",\"x\":{}{}}}", "[".repeat(200), "]".repeat(200));
    assert!(parse(&doc, &ParseOptions::default()).is_err());
}

#[test]
fn diagnostics_are_capped() {
    let doc = format!("<rss version=\"2.0\"><channel><title>{}</title></channel></rss>", "&bogus;".repeat(500));
    let feed = read(&doc);
    assert_eq!(feed.diagnostics.len(), 101);
    assert_eq!(feed.diagnostics[100].message, "400 more problems were not listed");
}
