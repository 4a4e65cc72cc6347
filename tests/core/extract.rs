//! Text view's extraction on pages written for the tests, and the `extract` example run as a
//! user runs it.

use std::path::PathBuf;
use std::process::Command;

use feedreader::core::extract::{extract, ExtractError};
use serde_json::Value;

fn page(name: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages").join(name)).expect("fixture")
}

const URL: &str = "https://courier.example/2026/river-froze";

#[test]
fn keeps_the_article_and_drops_what_surrounds_it() {
    let text = extract(&page("article.html"), URL, None, None).expect("an article");
    let html = text.content.as_str();
    assert_eq!(text.title, "Why the river froze early this year");
    assert_eq!(text.byline.as_deref(), Some("Ada Lindqvist"));
    for kept in [
        "<h2>A dry autumn, then clear nights</h2>",
        "<li>Flow in October: 4.2 cubic metres a second, against a usual 11.</li>",
        "<figcaption>Ice across the river below the old bridge on 4 November.</figcaption>",
        "src=\"https://courier.example/images/river-ice.jpg\"",
        "<pre><code>awk",
        "<blockquote>",
        "fifteen centimetres across the whole channel",
    ] {
        assert!(html.contains(kept), "{kept:?} missing from {html}");
    }
    // The article's own link stays, made absolute.
    assert!(html.contains("href=\"https://courier.example/people/mira-holt\""), "{html}");
    for dropped in
        ["cookie", "Subscribe today", "Share on Facebook", "Skated on it yesterday", "Most read", "All rights reserved", "tracker"]
    {
        assert!(!html.contains(dropped), "{dropped:?} kept in {html}");
    }
    assert!(text.words.split(' ').any(|w| w == "hydrologists"), "{}", text.words);
}

#[test]
fn a_page_of_links_is_not_an_article() {
    assert_eq!(extract(&page("links.html"), "https://courier.example/", None, None), Err(ExtractError::NotAnArticle));
}

#[test]
fn a_feed_or_a_pdf_is_not_a_web_page() {
    let feed = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title></channel></rss>";
    assert_eq!(extract(feed, URL, None, None), Err(ExtractError::NotHtml("a feed".into())));
    assert_eq!(extract(b"%PDF-1.7 ...", URL, None, None), Err(ExtractError::NotHtml("a PDF".into())));
}

#[test]
fn the_sanitizer_policy_applies_to_the_extracted_text() {
    let hostile = format!(
        "<html><body><article><h1>T</h1>{}<p onclick=\"steal()\">Click <a href=\"javascript:steal()\">here</a><script>steal()</script></p></article></body></html>",
        "<p>A paragraph with enough words in it to be taken for the main text of a page, written twice over. </p>".repeat(6)
    );
    let html = extract(hostile.as_bytes(), URL, None, None).expect("an article").content.as_str().to_string();
    for gone in ["onclick", "javascript:", "<script", "steal()"] {
        assert!(!html.contains(gone), "{gone:?} kept in {html}");
    }
}

fn example() -> Command {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe.parent().and_then(|deps| deps.parent()).expect("target dir");
    Command::new(dir.join("examples").join(format!("extract{}", std::env::consts::EXE_SUFFIX)))
}

#[test]
fn the_example_prints_title_byline_and_content_as_json() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/article.html");
    let output = example().arg(&file).args(["--url", URL]).output().unwrap();
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["title"], "Why the river froze early this year");
    assert_eq!(json["byline"], "Ada Lindqvist");
    assert!(json["content"].as_str().unwrap().contains("What the measurements show"));

    let links = file.with_file_name("links.html");
    let output = example().arg(&links).args(["--url", URL]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no article"), "{}", String::from_utf8_lossy(&output.stderr));
}
