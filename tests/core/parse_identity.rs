//! Every entry has a stable, non-empty id: the feed's own, else the link, else a hash.

use feedreader::core::parse::{parse, ParseOptions};
use feedreader::core::{Feed, Markup};

fn read(xml: &str) -> Feed<Markup> {
    parse(xml, &ParseOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn rss(items: &str) -> String {
    format!(r#"<rss version="2.0"><channel><title>T</title>{items}</channel></rss>"#)
}

#[test]
fn guid_is_the_id_trimmed() {
    let feed = read(&rss("<item><guid isPermaLink=\"false\">  abc-123 \n</guid><link>http://e.com/1</link></item>"));
    assert_eq!(feed.entries[0].id, "abc-123");
}

#[test]
fn atom_id_and_rdf_about_are_ids() {
    let atom = read(r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:uuid:1</id><link href="http://e.com/x"/></entry></feed>"#);
    assert_eq!(atom.entries[0].id, "urn:uuid:1");
    let rdf = read(
        r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
             <item rdf:about="http://e.com/about"><title>x</title><link>http://e.com/link</link></item></rdf:RDF>"#,
    );
    assert_eq!(rdf.entries[0].id, "http://e.com/about");
}

#[test]
fn without_an_id_the_link_is_the_id() {
    let feed = read(&rss("<item><title>A</title><link>http://e.com/a</link></item>"));
    assert_eq!(feed.entries[0].id, "http://e.com/a");
}

#[test]
fn an_empty_guid_falls_back_to_the_link() {
    let feed = read(&rss("<item><guid>  </guid><link>http://e.com/a</link></item>"));
    assert_eq!(feed.entries[0].id, "http://e.com/a");
}

#[test]
fn without_id_or_link_a_stable_hash_of_title_date_and_content() {
    let doc = rss("<item><title>A</title><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><description>x</description></item>\
         <item><title>A</title><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><description>y</description></item>\
         <item><title>B</title></item>");
    let first = read(&doc);
    let again = read(&doc);
    let ids: Vec<&str> = first.entries.iter().map(|e| e.id.as_str()).collect();
    assert!(ids.iter().all(|id| id.starts_with("hash:") && id.len() == "hash:".len() + 16), "{ids:?}");
    assert_ne!(ids[0], ids[1], "different content, different id");
    assert_ne!(ids[0], ids[2]);
    let again: Vec<&str> = again.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, again, "parsing twice gives the same ids");
}

#[test]
fn hash_ids_do_not_change_between_versions() {
    // Pinned: a change here would make every reader see old entries as new.
    let feed = read(&rss("<item><title>Pinned</title><description>body</description></item>"));
    assert_eq!(feed.entries[0].id, "hash:b02c3113b9809caf");
}

#[test]
fn json_feed_number_ids_are_ids() {
    let feed = read(r#"{"version":"https://jsonfeed.org/version/1.1","items":[{"id":42,"content_text":"x"}]}"#);
    assert_eq!(feed.entries[0].id, "42");
}
