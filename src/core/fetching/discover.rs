//! Feed autodiscovery: the feeds an HTML page announces with
//! `<link rel="alternate" type="application/rss+xml" href="…">` (and the Atom and JSON Feed
//! types), resolved against the page's `<base>` and address.

use url::Url;

use crate::core::html::Tree;

/// One feed a page announces.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FeedLink {
    pub url: String,
    /// The link's `title`, if it has one.
    pub title: Option<String>,
    /// "RSS", "Atom" or "JSON Feed".
    pub format: String,
}

/// The feed format a link's `type` names, if it names one.
fn format_of(media_type: &str) -> Option<&'static str> {
    let media_type = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match media_type.as_str() {
        "application/rss+xml" | "application/rdf+xml" => Some("RSS"),
        "application/atom+xml" => Some("Atom"),
        "application/feed+json" | "application/json" => Some("JSON Feed"),
        _ => None,
    }
}

/// Whether a body is an HTML page rather than a feed: it says so in its first kilobyte.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.contains("<head") && !head.contains("<rss") && !head.contains("<feed"))
}

/// The feeds `html` (fetched from `page`) lists, in page order, without repeats. Addresses
/// that are not http(s) are left out.
pub fn feed_links(html: &str, page: &str) -> Vec<FeedLink> {
    let tree = Tree::parse_document(html);
    let page = Url::parse(page).ok();
    let base = tree
        .elements("base")
        .find_map(|id| tree.attribute(id, "href"))
        .and_then(|href| match &page {
            Some(page) => page.join(href).ok(),
            None => Url::parse(href).ok(),
        })
        .or(page);
    let mut links: Vec<FeedLink> = Vec::new();
    for id in tree.elements("link") {
        let rel = tree.attribute(id, "rel").unwrap_or("");
        if !rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("alternate")) {
            continue;
        }
        let Some(format) = tree.attribute(id, "type").and_then(format_of) else { continue };
        let Some(href) = tree.attribute(id, "href").map(str::trim).filter(|h| !h.is_empty()) else { continue };
        let url = match &base {
            Some(base) => base.join(href).ok(),
            None => Url::parse(href).ok(),
        };
        let Some(url) = url.filter(|u| matches!(u.scheme(), "http" | "https")) else { continue };
        let url = url.to_string();
        if links.iter().any(|l| l.url == url) {
            continue;
        }
        let title = tree.attribute(id, "title").map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        links.push(FeedLink { url, title, format: format.to_string() });
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Blog</title>
        <link rel="stylesheet" href="/style.css">
        <link rel="alternate" type="application/rss+xml" title="Posts" href="/feed.xml">
        <link rel="Alternate" type="application/atom+xml" href="atom.xml">
        <link rel="alternate" type="application/feed+json; charset=utf-8" title=" JSON " href="https://cdn.example.net/feed.json">
        <link rel="alternate" type="application/rss+xml" href="/feed.xml">
        <link rel="alternate" hreflang="fr" href="/fr/">
        <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
        </head><body><p>hi</p></body></html>"#;

    #[test]
    fn finds_rss_atom_and_json_links_resolved_against_the_page() {
        let links = feed_links(PAGE, "https://example.com/blog/");
        let found: Vec<(&str, Option<&str>, &str)> =
            links.iter().map(|l| (l.url.as_str(), l.title.as_deref(), l.format.as_str())).collect();
        assert_eq!(
            found,
            [
                ("https://example.com/feed.xml", Some("Posts"), "RSS"),
                ("https://example.com/blog/atom.xml", None, "Atom"),
                ("https://cdn.example.net/feed.json", Some("JSON"), "JSON Feed"),
            ]
        );
    }

    #[test]
    fn a_base_element_changes_what_relative_links_mean() {
        let page = r#"<html><head><base href="https://other.example/site/"><link rel="alternate" type="application/atom+xml" href="atom"></head></html>"#;
        assert_eq!(feed_links(page, "https://example.com/")[0].url, "https://other.example/site/atom");
    }

    #[test]
    fn a_page_without_feed_links_lists_none() {
        assert!(feed_links("<html><head><title>x</title></head><body><a href=feed.xml>feed</a></body></html>", "https://e.com/").is_empty());
        assert!(feed_links("", "https://e.com/").is_empty());
    }

    #[test]
    fn tells_pages_from_feeds() {
        assert!(looks_like_html(b"\n<!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<html lang=en><head>"));
        assert!(!looks_like_html(b"<?xml version=\"1.0\"?><rss version=\"2.0\">"));
        assert!(!looks_like_html(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assert!(!looks_like_html(b"{\"version\": \"https://jsonfeed.org/version/1.1\"}"));
    }
}
