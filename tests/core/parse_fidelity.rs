//! What real publishers write beyond the core elements, read as feedparser reads it: Dublin
//! Core and iTunes stand-ins, Media RSS categories, language tags, slashed dates, and text
//! whose no-break spaces are the author's.

use feedreader::core::parse::{parse, ParseOptions};
use feedreader::core::{Feed, Markup, MarkupKind};

fn read(xml: &str) -> Feed<Markup> {
    parse(xml, &ParseOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

const NAMESPACES: &str = r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
    xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/""#;

fn channel(inner: &str) -> Feed<Markup> {
    read(&format!(r#"<rss version="2.0" {NAMESPACES}><channel>{inner}</channel></rss>"#))
}

fn item(inner: &str) -> Feed<Markup> {
    channel(&format!("<title>T</title><item>{inner}</item>"))
}

#[test]
fn dublin_core_title_and_description_stand_in_for_missing_ones() {
    let feed = channel("<dc:title>DC channel</dc:title><dc:description>About it</dc:description><item><dc:title>DC item</dc:title><dc:description>What it says</dc:description></item>");
    assert_eq!(feed.title.as_deref(), Some("DC channel"));
    assert_eq!(feed.subtitle.as_deref(), Some("About it"));
    let entry = &feed.entries[0];
    assert_eq!(entry.title.as_deref(), Some("DC item"));
    let summary = entry.summary.as_ref().unwrap();
    assert_eq!((summary.kind, summary.body.as_str()), (MarkupKind::Text, "What it says"));
    // The core elements win wherever they are.
    let feed = channel("<dc:title>DC</dc:title><title>Core</title><item><dc:title>DC</dc:title><title>Core item</title></item>");
    assert_eq!(feed.title.as_deref(), Some("Core"));
    assert_eq!(feed.entries[0].title.as_deref(), Some("Core item"));
    // RSS 1.0 too.
    let rdf = read(
        r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="http://e.com/"><dc:title>RDF by DC</dc:title></channel>
        <item rdf:about="http://e.com/1"><dc:title>Item by DC</dc:title></item></rdf:RDF>"#,
    );
    assert_eq!(rdf.title.as_deref(), Some("RDF by DC"));
    assert_eq!(rdf.entries[0].title.as_deref(), Some("Item by DC"));
}

#[test]
fn dcterms_modified_dates_the_channel() {
    let feed = channel("<dcterms:modified>2024-03-01T10:00:00Z</dcterms:modified>");
    assert_eq!(feed.updated.unwrap().to_string(), "2024-03-01T10:00:00Z");
}

#[test]
fn channel_authors_from_author_dc_author_and_itunes_author_split_name_and_address() {
    let feed = channel(
        "<author>jo@example.com (Jo Smith)</author><dc:author>Ann Lee (ann@example.com)</dc:author><itunes:author>The Show</itunes:author>",
    );
    let people: Vec<_> = feed.authors.iter().map(|p| (p.name.as_deref(), p.email.as_deref())).collect();
    assert_eq!(people, [(Some("Jo Smith"), Some("jo@example.com")), (Some("Ann Lee"), Some("ann@example.com")), (Some("The Show"), None)]);
    let entry = &item("<dc:author>Bo Ek (bo@example.com)</dc:author>").entries[0];
    assert_eq!((entry.authors[0].name.as_deref(), entry.authors[0].email.as_deref()), (Some("Bo Ek"), Some("bo@example.com")));
}

#[test]
fn itunes_summaries_subtitles_and_nested_categories() {
    let feed = channel(
        r#"<itunes:summary>The long summary</itunes:summary><itunes:subtitle>The short one</itunes:subtitle>
           <itunes:category text="Society &amp; Culture"><itunes:category text="Documentary"/></itunes:category>
           <itunes:category text="Technology"/>
           <item><title>Episode</title><itunes:summary>What this episode is</itunes:summary><itunes:author>Host Name</itunes:author></item>"#,
    );
    assert_eq!(feed.subtitle.as_deref(), Some("The short one"), "a subtitle stands in before a summary");
    assert_eq!(feed.categories, ["Society & Culture", "Documentary", "Technology"]);
    let entry = &feed.entries[0];
    assert_eq!(entry.summary.as_ref().map(|s| s.body.as_str()), Some("What this episode is"));
    assert_eq!(entry.authors[0].name.as_deref(), Some("Host Name"));
    // A real description wins.
    let entry = &item("<itunes:summary>iTunes</itunes:summary><description>Real</description>").entries[0];
    assert_eq!(entry.summary.as_ref().map(|s| s.body.as_str()), Some("Real"));
}

#[test]
fn the_itunes_namespace_in_any_capitalisation_reads_as_the_canonical_one() {
    // Apple's documentation once wrote the address with capitals, and podcasts copied it.
    for namespace in [
        "http://www.itunes.com/DTDs/Podcast-1.0.dtd",
        "http://www.itunes.com/DTDs/PodCast-1.0.dtd",
        "http://example.com/DTDs/PodCast-1.0.dtd",
    ] {
        let feed = read(&format!(
            r#"<rss version="2.0" xmlns:itunes="{namespace}"><channel><title>Show</title>
                 <itunes:author>The Host</itunes:author><itunes:subtitle>Short</itunes:subtitle><itunes:summary>Long</itunes:summary>
                 <itunes:category text="Arts"><itunes:category text="Books"/></itunes:category>
                 <itunes:image href="https://example.com/cover.jpg"/>
                 <item><title>Ep</title><itunes:summary>About the episode</itunes:summary><itunes:author>Guest</itunes:author>
                   <itunes:category text="Music"/></item></channel></rss>"#
        ));
        assert_eq!(feed.authors[0].name.as_deref(), Some("The Host"), "{namespace}");
        assert_eq!(feed.subtitle.as_deref(), Some("Short"), "{namespace}");
        assert_eq!(feed.categories, ["Arts", "Books"], "{namespace}");
        assert_eq!(feed.icon.as_deref(), Some("https://example.com/cover.jpg"), "{namespace}");
        let entry = &feed.entries[0];
        assert_eq!(entry.summary.as_ref().map(|s| s.body.as_str()), Some("About the episode"), "{namespace}");
        assert_eq!(entry.authors[0].name.as_deref(), Some("Guest"), "{namespace}");
        assert_eq!(entry.categories, ["Music"], "{namespace}");
    }
}

#[test]
fn an_items_second_summary_is_its_content_and_fullitem_is_content() {
    for (first, second) in [("description", "summary"), ("summary", "description")] {
        let entry = &item(&format!("<{first}>The teaser</{first}><{second}>&lt;p&gt;The whole article&lt;/p&gt;</{second}>")).entries[0];
        assert_eq!(entry.summary.as_ref().map(|s| s.body.as_str()), Some("The teaser"), "{first} then {second}");
        let content = entry.content.as_ref().unwrap();
        assert_eq!((content.kind, content.body.as_str()), (MarkupKind::Html, "<p>The whole article</p>"), "{first} then {second}");
    }
    // Real content wins over a second summary, wherever it is.
    let entry = &item("<content:encoded>Real</content:encoded><description>A</description><summary>B</summary>").entries[0];
    assert_eq!(entry.summary.as_ref().map(|s| s.body.as_str()), Some("A"));
    assert_eq!(entry.content.as_ref().map(|c| c.body.as_str()), Some("Real"));
    let entry = &item("<description>Short</description><fullitem>&lt;p&gt;Everything&lt;/p&gt;</fullitem>").entries[0];
    assert_eq!(entry.summary.as_ref().map(|s| s.body.as_str()), Some("Short"));
    assert_eq!(entry.content.as_ref().map(|c| c.body.as_str()), Some("<p>Everything</p>"));
}

#[test]
fn media_category_text_is_a_category() {
    let entry = &item(r#"<media:category scheme="http://search.yahoo.com/mrss/category_schema">music/rock</media:category>"#).entries[0];
    assert_eq!(entry.categories, ["music/rock"]);
}

#[test]
fn language_tags_use_hyphens() {
    assert_eq!(channel("<language>en_US</language>").language.as_deref(), Some("en-US"));
    assert_eq!(
        read(r#"{"version": "https://jsonfeed.org/version/1.1", "title": "J", "language": "pt_BR", "items": []}"#).language.as_deref(),
        Some("pt-BR")
    );
}

#[test]
fn slashed_numeric_dates_are_utc() {
    let entry = &item("<pubDate>2006/05/24 10:27:33</pubDate>").entries[0];
    assert_eq!(entry.published.unwrap().to_string(), "2006-05-24T10:27:33Z");
}

#[test]
fn only_xml_whitespace_is_folded_in_titles() {
    let entry = &item("<title>Simple\u{a0}trick  for\n GitHub\u{2009}Actions</title>").entries[0];
    assert_eq!(entry.title.as_deref(), Some("Simple\u{a0}trick for GitHub\u{2009}Actions"));
    let entry = &item("<title>A &amp;nbsp; B&amp;nbsp;C</title>").entries[0];
    assert_eq!(entry.title.as_deref(), Some("A \u{a0} B\u{a0}C"), "an HTML title's &nbsp; stays a no-break space");
}

#[test]
fn a_default_namespace_on_rss_and_rss_090_are_read() {
    let feed = read(
        r#"<rss version="2.0" xmlns="http://backend.userland.com/rss2"><channel><title>Userland</title><item><title>One</title></item></channel></rss>"#,
    );
    assert_eq!((feed.title.as_deref(), feed.entries.len()), (Some("Userland"), 1));
    assert!(feed.diagnostics.is_empty(), "{:?}", feed.diagnostics);
    let old = read(
        r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>Old</title></channel><item><title>I</title><link>http://e.com/i</link></item></rdf:RDF>"#,
    );
    assert_eq!(old.version.as_deref(), Some("0.90"));
}

fn utf32(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    for c in bom.then_some('\u{feff}').into_iter().chain(text.chars()) {
        let code = c as u32;
        bytes.extend_from_slice(&if big_endian { code.to_be_bytes() } else { code.to_le_bytes() });
    }
    bytes
}

#[test]
fn utf32_by_bom_by_its_first_bytes_and_by_label() {
    use feedreader::core::parse::parse_bytes;
    let xml = r#"<?xml version="1.0" encoding="UTF-32"?><rss version="2.0"><channel><title>Grüße 𝄞</title></channel></rss>"#;
    for (big_endian, bom) in [(true, true), (false, true), (true, false), (false, false)] {
        let feed = parse_bytes(&utf32(xml, big_endian, bom), &ParseOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(feed.title.as_deref(), Some("Grüße 𝄞"), "big endian {big_endian}, BOM {bom}");
    }
}

#[test]
fn c1_controls_become_the_windows_1252_characters_they_were_meant_as() {
    use feedreader::core::parse::parse_bytes;
    // A feed written in windows-1252 but declared ISO-8859-1 and converted as such: “quotes”
    // and an ellipsis end up as U+0093, U+0094 and U+0085.
    let xml = "<rss version=\"2.0\"><channel><title>\u{93}Quoted\u{94} and more\u{85}</title></channel></rss>";
    let feed = parse_bytes(xml.as_bytes(), &ParseOptions::default()).unwrap();
    assert_eq!(feed.title.as_deref(), Some("“Quoted” and more…"));
}

#[test]
fn an_unknown_encoding_is_said_and_read_as_utf8() {
    use feedreader::core::parse::parse_bytes;
    struct None_;
    impl std::fmt::Debug for None_ {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("knows nothing")
        }
    }
    impl feedreader::core::decode::LegacyDecoder for None_ {
        fn decode(&self, _: &str, _: &[u8]) -> Option<String> {
            None
        }
    }
    static NONE: None_ = None_;
    let xml =
        b"<?xml version=\"1.0\" encoding=\"x-made-up\"?><rss version=\"2.0\"><channel><title>Caf\xC3\xA9 \xFF</title></channel></rss>";
    let feed = parse_bytes(xml, &ParseOptions { decoder: Some(&NONE), ..ParseOptions::default() }).unwrap();
    assert!(feed.title.as_deref().unwrap().starts_with("Café"));
    assert!(feed.diagnostics.iter().any(|d| d.message.contains("x-made-up")), "{:?}", feed.diagnostics);
}

#[test]
fn an_undeclared_prefix_is_said_once() {
    let feed = read(
        r#"<rss version="2.0"><channel><title>T</title><item><dc:creator>Jo</dc:creator><foo:bar>x</foo:bar><foo:baz/></item></channel></rss>"#,
    );
    assert_eq!(feed.entries[0].authors[0].name.as_deref(), Some("Jo"), "dc: still means Dublin Core");
    let said: Vec<_> =
        feed.diagnostics.iter().filter(|d| d.message.contains("without being declared")).map(|d| d.message.as_str()).collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(said[0].contains("\"dc:\"") && said[1].contains("\"foo:\"") && said[1].contains("not read"));
}

fn atom(inner: &str) -> Feed<Markup> {
    read(&format!(r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>{inner}</feed>"#))
}

fn atom03(namespace: &str, inner: &str) -> Feed<Markup> {
    read(&format!(r#"<feed version="0.3" xmlns="{namespace}"><title>Old</title>{inner}</feed>"#))
}

#[test]
fn base64_content_is_decoded_and_read_by_its_type() {
    // "<p>Hello <b>world</b></p>" and "Plain words", wrapped as writers wrap base64.
    let feed = atom03(
        "http://purl.org/atom/ns#",
        "<entry><id>1</id><title>B</title>
           <content type=\"text/html\" mode=\"base64\">PHA+SGVsbG8g\n  PGI+d29ybGQ8L2I+PC9wPg==</content>
           <summary mode=\"base64\">UGxhaW4gd29yZHM</summary></entry>",
    );
    let entry = &feed.entries[0];
    let content = entry.content.as_ref().unwrap();
    assert_eq!((content.kind, content.body.as_str()), (MarkupKind::Html, "<p>Hello <b>world</b></p>"));
    let summary = entry.summary.as_ref().unwrap();
    assert_eq!((summary.kind, summary.body.as_str()), (MarkupKind::Text, "Plain words"));
    // Binary stays out, and says so.
    let feed = atom(r#"<entry><id>2</id><title>Pic</title><content type="image/png">iVBORw0KGgo=</content></entry>"#);
    assert!(feed.entries[0].content.is_none());
    assert!(feed.diagnostics.iter().any(|d| d.message.contains("binary content")));
}

#[test]
fn atom_text_of_another_media_type_is_base64_and_read_as_text_when_it_is_text() {
    // RFC 4287 §4.1.3.3: a type that is neither text nor XML means the element holds base64.
    let feed = read(
        r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="application/octet-stream">QSB0aXRsZSBzZW50IGFzIGJ5dGVz</title>
             <subtitle type="application/octet-stream">V2hhdCB0aGUgZmVlZCBpcyBhYm91dA==</subtitle>
             <entry><id>1</id><title>B</title>
               <summary type="application/x-whatever">QSBzdW1tYXJ5ICYgbW9yZQ==</summary>
               <content type="application/octet-stream">UGxhaW4gd29yZHMsIDxub3Q+
                 IG1hcmt1cA==</content></entry></feed>"#,
    );
    assert_eq!(feed.title.as_deref(), Some("A title sent as bytes"));
    assert_eq!(feed.subtitle.as_deref(), Some("What the feed is about"));
    let entry = &feed.entries[0];
    let summary = entry.summary.as_ref().unwrap();
    assert_eq!((summary.kind, summary.body.as_str()), (MarkupKind::Text, "A summary & more"));
    // Nothing says the bytes are HTML, so a `<` in them is a character, not a tag.
    let content = entry.content.as_ref().unwrap();
    assert_eq!((content.kind, content.body.as_str()), (MarkupKind::Text, "Plain words, <not> markup"));
    assert!(feed.diagnostics.is_empty(), "{:?}", feed.diagnostics);
    // Bytes that are not text (here NULs among letters) stay out, and say so.
    let feed = atom(r#"<entry><id>2</id><title>Bin</title><content type="application/octet-stream">AAFiaW5hcnkA</content></entry>"#);
    assert!(feed.entries[0].content.is_none());
    assert!(feed.diagnostics.iter().any(|d| d.message.contains("binary content")), "{:?}", feed.diagnostics);
}

#[test]
fn an_atom_link_written_as_text_and_alternate_before_enclosure() {
    let feed = atom(
        r#"<entry><id>1</id><title>L</title><link>https://example.com/post</link></entry>
           <entry><id>2</id><title>E</title><link rel="enclosure" type="audio/mpeg" href="https://example.com/a.mp3"/><link rel="alternate" href="https://example.com/two"/></entry>"#,
    );
    assert_eq!(feed.entries[0].link.as_deref(), Some("https://example.com/post"));
    assert_eq!(feed.entries[1].link.as_deref(), Some("https://example.com/two"));
    assert_eq!(feed.entries[1].enclosures[0].url, "https://example.com/a.mp3");
}

#[test]
fn an_atom_03_homepage_is_the_authors_address() {
    let feed = atom03("http://purl.org/atom/ns#", "<author><name>Jo</name><homepage>https://jo.example/</homepage></author>");
    assert_eq!(feed.authors[0].uri.as_deref(), Some("https://jo.example/"));
}

#[test]
fn html_content_holding_an_escaped_xhtml_div_is_unwrapped() {
    let feed = atom(
        r#"<entry><id>1</id><title>D</title><content type="html">&lt;div xmlns="http://www.w3.org/1999/xhtml"&gt;&lt;p&gt;Inside&lt;/p&gt;&lt;/div&gt;</content></entry>"#,
    );
    assert_eq!(feed.entries[0].content.as_ref().unwrap().body, "<p>Inside</p>");
}

#[test]
fn the_names_atom_had_before_03_read_as_atom_03() {
    for namespace in ["http://purl.org/echo/", "http://purl.org/pie/", "http://example.com/necho", "http://example.com/newformat#"] {
        let feed = atom03(namespace, "<entry><id>1</id><title>Early</title></entry>");
        assert_eq!((feed.version.as_deref(), feed.entries.len()), (Some("0.3"), 1), "{namespace}");
        assert!(feed.diagnostics.is_empty(), "{namespace}: {:?}", feed.diagnostics);
    }
}

#[test]
fn atom_03_content_in_its_default_mode_keeps_the_xhtml_it_holds() {
    let feed = atom03(
        "http://purl.org/atom/ns#",
        r#"<entry><id>1</id><title>X</title>
             <content><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>there</b></p></div></content>
             <summary>Just &lt;text&gt;</summary></entry>"#,
    );
    let content = feed.entries[0].content.as_ref().unwrap();
    assert_eq!(content.kind, MarkupKind::Xhtml);
    assert!(content.body.contains("<p>Hello <b>there</b></p>"), "{}", content.body);
    let summary = feed.entries[0].summary.as_ref().unwrap();
    assert_eq!((summary.kind, summary.body.as_str()), (MarkupKind::Text, "Just <text>"));
}

#[test]
fn atom_03_summaries_of_type_xhtml_keep_the_xhtml_they_hold() {
    for summary in [
        r#"<summary type="application/xhtml+xml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Short <i>and</i> sweet</p></div></summary>"#,
        r#"<summary type="application/xhtml+xml" mode="xml"><p xmlns="http://www.w3.org/1999/xhtml">Short <i>and</i> sweet</p></summary>"#,
        r#"<summary type="application/xhtml+xml" xmlns:x="http://www.w3.org/1999/xhtml"><x:p>Short <x:i>and</x:i> sweet</x:p></summary>"#,
    ] {
        let feed = atom03("http://purl.org/atom/ns#", &format!("<entry><id>1</id><title>X</title>{summary}</entry>"));
        let body = feed.entries[0].summary.as_ref().unwrap_or_else(|| panic!("{summary}: {:?}", feed.diagnostics));
        assert_eq!(body.kind, MarkupKind::Xhtml, "{summary}");
        assert_eq!(body.body.trim(), "<p>Short <i>and</i> sweet</p>", "{summary}");
    }
}

#[test]
fn scripts_styles_and_templates_never_become_title_text() {
    let entry = &item(
        "<title>Breaking &lt;script&gt;alert(1)&lt;/script&gt;&lt;style&gt;p{}&lt;/style&gt;&lt;template&gt;t&lt;/template&gt;news</title>",
    )
    .entries[0];
    assert_eq!(entry.title.as_deref(), Some("Breaking news"));
    let feed = atom(r#"<entry><id>1</id><title type="html">&lt;b&gt;Bold&lt;/b&gt;&lt;script&gt;x()&lt;/script&gt; move</title></entry>"#);
    assert_eq!(feed.entries[0].title.as_deref(), Some("Bold move"));
}
