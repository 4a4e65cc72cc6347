//! The bundled sample (a NewsBlur shared-items Atom feed) parses completely.

use feedreader::core::parse::{parse_bytes, ParseOptions};
use feedreader::core::MarkupKind;

const SAMPLE: &[u8] = include_bytes!("../fixtures/newsblur-shared-items.atom.xml");

#[test]
fn sample_has_25_entries_with_titles_links_dates_and_ids() {
    let feed = parse_bytes(SAMPLE, &ParseOptions::default()).unwrap();
    assert_eq!(feed.entries.len(), 25);
    assert_eq!(feed.title.as_deref(), Some("Bernhard's shared items"));
    assert_eq!(feed.link.as_deref(), Some("https://bernhardbock.newsblur.com/"));
    assert_eq!(feed.self_link.as_deref(), Some("http://www.newsblur.com/social/rss/65344/bernhardbock"));
    assert_eq!(feed.updated.unwrap().to_string(), "2025-08-28T14:03:57.597Z");
    let first = &feed.entries[0];
    assert_eq!(first.title.as_deref(), Some("Tracing the thoughts of a large language model"));
    assert_eq!(first.link.as_deref(), Some("https://www.anthropic.com/research/tracing-thoughts-language-model"));
    assert_eq!(first.id, "https://www.anthropic.com/research/tracing-thoughts-language-model");
    assert_eq!(first.published.unwrap().to_string(), "2025-08-28T14:03:57.597Z");
    let summary = first.summary.as_ref().unwrap();
    assert_eq!(summary.kind, MarkupKind::Html);
    assert!(summary.body.starts_with("<table style=\"border: 1px solid #E0E0E0;"), "{}", &summary.body[..80]);
    assert_eq!(summary.base.as_deref(), first.link.as_deref());
    for entry in &feed.entries {
        assert!(!entry.id.is_empty());
        assert!(entry.title.is_some(), "{}", entry.id);
        assert!(entry.link.as_deref().unwrap().starts_with("http"), "{}", entry.id);
        assert!(entry.published.is_some(), "{}", entry.id);
        assert!(entry.summary.is_some(), "{}", entry.id);
    }
    assert!(feed.diagnostics.is_empty(), "{:?}", feed.diagnostics);
}
