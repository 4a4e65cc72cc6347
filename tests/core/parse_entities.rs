//! Entity references: XML's five, numeric ones, HTML named ones, and DTD ones under a bound.

use std::time::Instant;

use feedreader::core::parse::{parse, ParseOptions};
use feedreader::core::{Feed, Markup};

fn read(xml: &str) -> Feed<Markup> {
    parse(xml, &ParseOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn title_of(xml_title: &str) -> (Option<String>, Vec<String>) {
    let feed = read(&format!(r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>{xml_title}</title></feed>"#));
    (feed.title, feed.diagnostics.into_iter().map(|d| d.message).collect())
}

#[test]
fn the_five_xml_entities() {
    assert_eq!(title_of("&lt;&gt;&amp;&quot;&apos;").0.as_deref(), Some("<>&\"'"));
}

#[test]
fn numeric_references_decimal_and_hex() {
    assert_eq!(title_of("&#233;&#xE9;&#X263a;").0.as_deref(), Some("éé☺"));
}

#[test]
fn forbidden_characters_are_replaced_with_a_diagnostic() {
    let (title, diagnostics) = title_of("a&#0;b&#xD800;c&#x110000;d");
    assert_eq!(title.as_deref(), Some("a\u{FFFD}b\u{FFFD}c\u{FFFD}d"));
    assert_eq!(diagnostics.len(), 3, "{diagnostics:?}");
}

#[test]
fn html_named_entities_without_a_declaration() {
    let (title, diagnostics) = title_of("caf&eacute;&nbsp;&mdash;&hellip;&copy;&euro;");
    // A title folds XML whitespace only: the no-break space is the author's.
    assert_eq!(title.as_deref(), Some("café\u{a0}—…©€"));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn html_named_entities_in_a_body_keep_their_character() {
    let feed = read(r#"<rss version="2.0"><channel><item><description>a&nbsp;b&rsquo;</description></item></channel></rss>"#);
    assert_eq!(feed.entries[0].summary.as_ref().unwrap().body, "a\u{a0}b\u{2019}");
}

#[test]
fn internal_dtd_entities_are_expanded() {
    let feed = read(
        r#"<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY site "Example &amp; Co"> <!ENTITY greeting "Hello from &site;"> ]>
<rss version="2.0"><channel><title>&greeting;</title></channel></rss>"#,
    );
    assert_eq!(feed.title.as_deref(), Some("Hello from Example & Co"));
}

#[test]
fn billion_laughs_is_refused_quickly() {
    let mut doc = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n <!ENTITY lol \"lol\">\n");
    for i in 1..=9 {
        let prev = if i == 1 { "lol".to_string() } else { format!("lol{}", i - 1) };
        doc.push_str(&format!(" <!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
    }
    doc.push_str("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>");
    let started = Instant::now();
    let err = parse(&doc, &ParseOptions::default()).unwrap_err();
    assert!(started.elapsed().as_millis() < 500, "took {:?}", started.elapsed());
    assert!(err.message.contains("expands to too much"), "{err}");
    assert_eq!(err.line, 2);
}

#[test]
fn many_uses_of_a_large_entity_are_bounded_in_total() {
    let value = "x".repeat(900_000);
    let uses = "&big;".repeat(40);
    let doc = format!(r#"<!DOCTYPE rss [ <!ENTITY big "{value}"> ]><rss version="2.0"><channel><title>{uses}</title></channel></rss>"#);
    let err = parse(&doc, &ParseOptions::default()).unwrap_err();
    assert!(err.message.contains("expands to too much"), "{err}");
}

#[test]
fn external_entities_are_never_read() {
    let secret = format!("{}/tests/fixtures/parse/secret.txt", env!("CARGO_MANIFEST_DIR"));
    let doc = format!(
        r#"<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file://{secret}"> ]><rss version="2.0"><channel><title>a&xxe;b</title></channel></rss>"#
    );
    let feed = read(&doc);
    assert_eq!(feed.title.as_deref(), Some("ab"));
    assert!(feed.diagnostics.iter().any(|d| d.message.contains("external entity")), "{:?}", feed.diagnostics);
}

#[test]
fn entities_in_attributes() {
    let feed = read(
        r#"<rss version="2.0"><channel><item><link>x</link><enclosure url="http://e.com/a?x=1&amp;y=caf&eacute;" type="audio/mpeg"/></item></channel></rss>"#,
    );
    assert_eq!(feed.entries[0].enclosures[0].url, "http://e.com/a?x=1&y=caf%C3%A9");
}
