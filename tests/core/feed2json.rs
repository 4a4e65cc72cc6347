//! The `feed2json` example, run as a user runs it: its output keeps the schema's fields.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

/// The example binary cargo built beside this test (`cargo test` builds examples first).
fn feed2json() -> Command {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe.parent().and_then(|deps| deps.parent()).expect("target dir");
    let path = dir.join("examples").join(format!("feed2json{}", std::env::consts::EXE_SUFFIX));
    assert!(path.exists(), "feed2json was not built at {}", path.display());
    Command::new(path)
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().expect("an object").keys().cloned().collect();
    keys.sort();
    keys
}

#[test]
fn prints_the_sample_in_the_schema() {
    let output = feed2json().arg(fixture("newsblur-shared-items.atom.xml")).output().unwrap();
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    let feed: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");

    assert_eq!(
        keys(&feed),
        [
            "authors",
            "categories",
            "diagnostics",
            "entries",
            "icon",
            "kind",
            "language",
            "link",
            "self_link",
            "subtitle",
            "title",
            "updated",
            "version"
        ]
    );
    assert_eq!(feed["kind"], "atom");
    assert_eq!(feed["title"], "Bernhard's shared items");
    assert_eq!(feed["link"], "https://bernhardbock.newsblur.com/");
    assert_eq!(feed["self_link"], "http://www.newsblur.com/social/rss/65344/bernhardbock");
    assert_eq!(feed["updated"], "2025-08-28T14:03:57.597Z");
    assert_eq!(feed["authors"][0]["name"], "bernhardbock");
    assert_eq!(keys(&feed["authors"][0]), ["email", "name", "uri"]);

    let entries = feed["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 25);
    let first = &entries[0];
    assert_eq!(keys(first), ["authors", "categories", "content", "enclosures", "id", "link", "published", "summary", "title", "updated"]);
    assert_eq!(first["title"], "Tracing the thoughts of a large language model");
    assert_eq!(first["link"], "https://www.anthropic.com/research/tracing-thoughts-language-model");
    assert_eq!(first["published"], "2025-08-28T14:03:57.597Z");
    let summary = first["summary"].as_str().unwrap();
    assert!(summary.contains("Language models like Claude"), "summary keeps the article text");
    assert!(!summary.contains("style="), "summary is sanitized");
    for entry in entries {
        assert!(!entry["id"].as_str().unwrap().is_empty(), "every entry has an id");
    }
}

#[test]
fn resolves_relative_links_against_base() {
    let dir = std::env::temp_dir().join(format!("feed2json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("relative.rss");
    std::fs::write(
        &file,
        r#"<rss version="2.0"><channel><title>T</title><link>/</link>
           <item><title>One</title><link>posts/1</link><description>&lt;a href="img/x"&gt;x&lt;/a&gt;</description></item>
           </channel></rss>"#,
    )
    .unwrap();
    let output = feed2json().arg(&file).args(["--base", "https://example.org/blog/feed.xml"]).output().unwrap();
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    let feed: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(feed["kind"], "rss");
    assert_eq!(feed["version"], "2.0");
    assert_eq!(feed["link"], "https://example.org/");
    assert_eq!(feed["entries"][0]["link"], "https://example.org/blog/posts/1");
    let summary = feed["entries"][0]["summary"].as_str().unwrap();
    assert!(summary.contains("https://example.org/blog/"), "relative URL inside the body made absolute: {summary}");
}

#[test]
fn refuses_what_is_not_a_feed_with_line_and_column() {
    let dir = std::env::temp_dir().join(format!("feed2json-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("page.html");
    std::fs::write(&file, "<!doctype html>\n<html><head><title>Hi</title></head><body>hello</body></html>").unwrap();
    let output = feed2json().arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("line ") && stderr.contains("column "), "names line and column: {stderr}");
}
