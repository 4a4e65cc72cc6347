//! Namespaces are matched by URI, never by prefix; unknown extensions are skipped whole.

use feedreader::core::parse::{parse, ParseOptions};
use feedreader::core::{Feed, Markup};

fn read(xml: &str) -> Feed<Markup> {
    parse(xml, &ParseOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn dublin_core_atom_and_content_under_odd_prefixes() {
    let feed = read(
        r#"<rss version="2.0" xmlns:foo="http://purl.org/dc/elements/1.1/" xmlns:x="http://www.w3.org/2005/Atom"
                xmlns:enc="http://purl.org/rss/1.0/modules/content/">
          <channel><title>T</title><x:link rel="self" href="http://e.com/feed"/>
            <item><title>I</title><foo:creator>Jo</foo:creator><foo:date>2024-01-02T03:04:05Z</foo:date>
              <enc:encoded>&lt;p&gt;full&lt;/p&gt;</enc:encoded></item>
          </channel></rss>"#,
    );
    assert_eq!(feed.self_link.as_deref(), Some("http://e.com/feed"));
    let item = &feed.entries[0];
    assert_eq!(item.authors[0].name.as_deref(), Some("Jo"));
    assert_eq!(item.published.unwrap().to_string(), "2024-01-02T03:04:05Z");
    assert_eq!(item.content.as_ref().unwrap().body, "<p>full</p>");
}

#[test]
fn atom_with_a_prefix_on_every_element() {
    let feed = read(
        r#"<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Prefixed</a:title>
             <a:entry><a:id>urn:1</a:id><a:title>E</a:title><a:link href="http://e.com/1"/></a:entry></a:feed>"#,
    );
    assert_eq!(feed.title.as_deref(), Some("Prefixed"));
    assert_eq!(feed.entries[0].id, "urn:1");
    assert_eq!(feed.entries[0].link.as_deref(), Some("http://e.com/1"));
}

#[test]
fn rss1_with_prefixed_rss_elements_and_default_rdf() {
    let feed = read(
        r#"<RDF xmlns="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:r="http://purl.org/rss/1.0/">
             <r:channel about="http://e.com/"><r:title>Odd</r:title><r:link>http://e.com/</r:link></r:channel>
             <r:item><r:title>One</r:title><r:link>http://e.com/1</r:link></r:item></RDF>"#,
    );
    assert_eq!(feed.title.as_deref(), Some("Odd"));
    assert_eq!(feed.entries[0].title.as_deref(), Some("One"));
}

#[test]
fn a_familiar_prefix_bound_to_another_namespace_is_not_dublin_core() {
    let feed = read(
        r#"<rss version="2.0" xmlns:dc="http://example.com/not-dublin-core">
             <channel><item><title>I</title><dc:creator>Impostor</dc:creator></item></channel></rss>"#,
    );
    assert!(feed.entries[0].authors.is_empty());
}

#[test]
fn an_undeclared_well_known_prefix_is_still_understood() {
    let feed = read(r#"<rss version="2.0"><channel><item><title>I</title><dc:creator>Jo</dc:creator></item></channel></rss>"#);
    assert_eq!(feed.entries[0].authors[0].name.as_deref(), Some("Jo"));
}

#[test]
fn unknown_extensions_are_skipped_without_losing_their_siblings() {
    let feed = read(
        r#"<rss version="2.0" xmlns:ext="http://example.com/ext"><channel>
             <item>
               <ext:thing><title>Not the title</title><link>http://wrong.example/</link><ext:deep><ext:deeper/></ext:deep></ext:thing>
               <title>Real title</title>
               <link>http://right.example/</link>
             </item></channel></rss>"#,
    );
    let item = &feed.entries[0];
    assert_eq!(item.title.as_deref(), Some("Real title"));
    assert_eq!(item.link.as_deref(), Some("http://right.example/"));
}

#[test]
fn a_namespace_declared_on_an_inner_element_applies_only_inside_it() {
    let feed = read(
        r#"<rss version="2.0"><channel>
             <item><title>A</title><c:creator xmlns:c="http://purl.org/dc/elements/1.1/">Inner</c:creator></item>
             <item><title>B</title><c:creator>Unbound</c:creator></item></channel></rss>"#,
    );
    assert_eq!(feed.entries[0].authors[0].name.as_deref(), Some("Inner"));
    assert!(feed.entries[1].authors.is_empty());
}
