//! Every address the app turns into a link or a request, outside article bodies too.

use feedreader::core::sanitize::{safe_url, sanitize_feed};
use feedreader::core::{Enclosure, Entry, Feed, FeedKind, Markup, MarkupKind, Person};

#[test]
fn web_and_mail_addresses_pass_trimmed() {
    assert_eq!(safe_url("https://example.com/a?b=1&c=2#d").as_deref(), Some("https://example.com/a?b=1&c=2#d"));
    assert_eq!(safe_url("  http://example.com/\n").as_deref(), Some("http://example.com/"));
    assert_eq!(safe_url("HTTPS://Example.com/x").as_deref(), Some("HTTPS://Example.com/x"));
    assert_eq!(safe_url("https://exa\tmple.com/x").as_deref(), Some("https://example.com/x"));
    assert_eq!(safe_url("mailto:someone@example.com").as_deref(), Some("mailto:someone@example.com"));
    assert_eq!(safe_url("https://example.com/a b.mp3").as_deref(), Some("https://example.com/a b.mp3"));
}

#[test]
fn script_schemes_are_refused_however_written() {
    for url in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "\u{1}javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\r\nscript:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "javascript&#58;alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///etc/passwd",
        "blob:https://example.com/x",
        "about:blank",
        "ftp://example.com/",
    ] {
        assert_eq!(safe_url(url), None, "{url:?}");
    }
}

#[test]
fn relative_empty_and_broken_addresses_are_refused() {
    for url in ["", "   ", "/relative", "relative.html", "//example.com/x", "https://", "http://[::1", "https://example.com/\"><script>"] {
        assert_eq!(safe_url(url), None, "{url:?}");
    }
}

fn entry(link: &str, enclosures: Vec<Enclosure>) -> Entry<Markup> {
    Entry {
        id: "1".into(),
        title: Some("t".into()),
        link: Some(link.into()),
        published: None,
        updated: None,
        authors: vec![Person { name: Some("a".into()), email: None, uri: Some("javascript:alert(2)".into()) }],
        categories: vec![],
        summary: Some(Markup { kind: MarkupKind::Html, body: "<a href=\"rel\">r</a>".into(), base: Some(link.into()) }),
        content: None,
        enclosures,
    }
}

fn feed(link: &str, entries: Vec<Entry<Markup>>) -> Feed<Markup> {
    Feed {
        kind: FeedKind::Rss,
        version: Some("2.0".into()),
        title: Some("f".into()),
        link: Some(link.into()),
        self_link: Some(link.into()),
        subtitle: None,
        updated: None,
        language: None,
        icon: Some(link.into()),
        categories: vec![],
        authors: vec![Person { name: None, email: None, uri: Some(link.into()) }],
        entries,
        diagnostics: vec![],
    }
}

#[test]
fn a_javascript_feed_link_survives_nowhere() {
    let evil = "javascript:alert(1)";
    let enclosures = vec![
        Enclosure { url: evil.into(), mime_type: Some("audio/mpeg".into()), length: Some(1) },
        Enclosure { url: "https://example.com/ep1.mp3".into(), mime_type: Some("audio/mpeg".into()), length: Some(2) },
    ];
    let safe = sanitize_feed(feed(evil, vec![entry(evil, enclosures)]));
    let json = serde_json::to_string(&safe).unwrap();
    assert!(!json.to_ascii_lowercase().contains("javascript"), "{json}");
    assert_eq!(safe.link, None);
    assert_eq!(safe.self_link, None);
    assert_eq!(safe.icon, None);
    assert_eq!(safe.authors[0].uri, None);
    let entry = &safe.entries[0];
    assert_eq!(entry.link, None);
    assert_eq!(entry.authors[0].uri, None);
    assert_eq!(entry.enclosures.len(), 1, "the javascript: enclosure is dropped");
    assert_eq!(entry.enclosures[0].url, "https://example.com/ep1.mp3");
    // The body's base was javascript: too, so its relative link is dropped, not resolved.
    assert!(!entry.summary.as_ref().unwrap().as_str().contains("href"));
}

#[test]
fn good_addresses_are_kept_as_written() {
    let good = "https://example.com/blog/post";
    let safe = sanitize_feed(feed(good, vec![entry(good, vec![])]));
    assert_eq!(safe.link.as_deref(), Some(good));
    assert_eq!(safe.self_link.as_deref(), Some(good));
    assert_eq!(safe.icon.as_deref(), Some(good));
    assert_eq!(safe.entries[0].link.as_deref(), Some(good));
    let summary = safe.entries[0].summary.as_ref().unwrap().as_str().to_owned();
    assert!(summary.contains("href=\"https://example.com/blog/rel\""), "{summary}");
}
