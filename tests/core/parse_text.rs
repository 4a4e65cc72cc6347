//! Text constructs, markup bodies, plain-text titles, and addresses made absolute.

use feedreader::core::parse::{parse, ParseOptions};
use feedreader::core::{Feed, Markup, MarkupKind};

fn read_at(xml: &str, base: Option<&str>) -> Feed<Markup> {
    let options = ParseOptions { base: base.map(str::to_string), ..ParseOptions::default() };
    parse(xml, &options).unwrap_or_else(|e| panic!("{e}"))
}

fn atom_entry(inner: &str) -> Feed<Markup> {
    read_at(&format!(r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry>{inner}</entry></feed>"#), None)
}

fn content(feed: &Feed<Markup>) -> (MarkupKind, &str) {
    let c = feed.entries[0].content.as_ref().unwrap();
    (c.kind, c.body.as_str())
}

#[test]
fn atom_text_is_text() {
    let feed = atom_entry(r#"<content type="text">a &lt;b&gt; c</content>"#);
    assert_eq!(content(&feed), (MarkupKind::Text, "a <b> c"));
}

#[test]
fn atom_html_is_unescaped_html() {
    let feed = atom_entry(r#"<content type="html">&lt;p&gt;x &amp;amp; y&lt;/p&gt;</content>"#);
    assert_eq!(content(&feed), (MarkupKind::Html, "<p>x &amp; y</p>"));
}

#[test]
fn atom_xhtml_is_the_divs_children_serialized() {
    let feed = atom_entry(
        r#"<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p class="x">a &lt; b &amp; <br/><![CDATA[<i>]]></p></div></content>"#,
    );
    assert_eq!(content(&feed), (MarkupKind::Xhtml, r#"<p class="x">a &lt; b &amp; <br/>&lt;i&gt;</p>"#));
}

#[test]
fn atom_content_src_is_a_link_or_an_enclosure() {
    let feed = atom_entry(r#"<content src="http://e.com/post.html" type="text/html"/>"#);
    assert_eq!(feed.entries[0].link.as_deref(), Some("http://e.com/post.html"));
    assert!(feed.entries[0].content.is_none());
    let feed = atom_entry(r#"<content src="http://e.com/song.mp3" type="audio/mpeg"/>"#);
    assert_eq!(feed.entries[0].enclosures[0].url, "http://e.com/song.mp3");
}

#[test]
fn rss_description_escaped_or_cdata_reads_the_same() {
    let rss = |description: &str| {
        read_at(&format!(r#"<rss version="2.0"><channel><item><description>{description}</description></item></channel></rss>"#), None)
    };
    let escaped = rss("&lt;p&gt;Tom &amp;amp; Jerry&lt;/p&gt;");
    let cdata = rss("<![CDATA[<p>Tom &amp; Jerry</p>]]>");
    let a = escaped.entries[0].summary.as_ref().unwrap();
    let b = cdata.entries[0].summary.as_ref().unwrap();
    assert_eq!(a.body, "<p>Tom &amp; Jerry</p>");
    assert_eq!(a.body, b.body);
    assert_eq!(a.kind, MarkupKind::Html);
}

#[test]
fn rss_description_with_raw_tags_is_serialized_back() {
    let feed =
        read_at(r#"<rss version="2.0"><channel><item><description>Hi <b>there</b> &amp; bye</description></item></channel></rss>"#, None);
    assert_eq!(feed.entries[0].summary.as_ref().unwrap().body, "Hi <b>there</b> &amp; bye");
}

#[test]
fn titles_are_plain_text() {
    let feed = read_at(
        r#"<rss version="2.0"><channel><title>  Fish &amp;amp;
             Chips  </title><item><title>&lt;b&gt;Bold&lt;/b&gt; &amp;eacute;t&amp;eacute;</title></item>
             <item><title><![CDATA[<em>CDATA</em> title]]></title></item></channel></rss>"#,
        None,
    );
    assert_eq!(feed.title.as_deref(), Some("Fish & Chips"));
    assert_eq!(feed.entries[0].title.as_deref(), Some("Bold été"));
    assert_eq!(feed.entries[1].title.as_deref(), Some("CDATA title"));
    let atom = atom_entry(r#"<title type="text">1 &lt; 2 &amp;amp; <b>x</b></title>"#);
    assert_eq!(atom.entries[0].title.as_deref(), Some("1 < 2 &amp; x"));
    let atom = atom_entry(r#"<title type="html">1 &lt; 2 &amp;amp; &lt;b&gt;x&lt;/b&gt;</title>"#);
    assert_eq!(atom.entries[0].title.as_deref(), Some("1 < 2 & x"));
}

#[test]
fn an_ampersand_is_itself_unless_it_starts_a_reference() {
    let feed = read_at(
        r#"<rss version="2.0"><channel><item><title>Tom &amp; Jerry &amp;&amp; co &amp;</title></item>
             <item><title>Fish &amp;amp chips &amp;#233;t&amp;#xE9;</title></item></channel></rss>"#,
        None,
    );
    assert_eq!(feed.entries[0].title.as_deref(), Some("Tom & Jerry && co &"));
    // HTML reads `&amp` without its semicolon too, as browsers do.
    assert_eq!(feed.entries[1].title.as_deref(), Some("Fish & chips été"));
}

#[test]
fn nested_xml_base_resolves_relative_to_its_parent() {
    let feed = read_at(
        r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://e.com/a/">
             <entry xml:base="b/"><link href="c.html"/>
               <content type="html" xml:base="../d/">x</content>
               <summary type="html">y</summary></entry></feed>"#,
        Some("http://ignored.example/"),
    );
    let entry = &feed.entries[0];
    assert_eq!(entry.link.as_deref(), Some("http://e.com/a/b/c.html"));
    assert_eq!(entry.content.as_ref().unwrap().base.as_deref(), Some("http://e.com/a/d/"));
    assert_eq!(entry.summary.as_ref().unwrap().base.as_deref(), Some("http://e.com/a/b/"));
}

#[test]
fn the_document_url_is_the_last_base() {
    let feed = read_at(
        r#"<rss version="2.0"><channel><link>/</link><image><url>img/logo.png</url></image>
             <item><link>posts/1</link><description>x</description><enclosure url="../media/1.mp3" type="audio/mpeg"/></item>
             <item><description>no link</description></item></channel></rss>"#,
        Some("https://news.example.com/feeds/main.xml"),
    );
    assert_eq!(feed.link.as_deref(), Some("https://news.example.com/"));
    assert_eq!(feed.icon.as_deref(), Some("https://news.example.com/feeds/img/logo.png"));
    let first = &feed.entries[0];
    assert_eq!(first.link.as_deref(), Some("https://news.example.com/feeds/posts/1"));
    assert_eq!(first.enclosures[0].url, "https://news.example.com/media/1.mp3");
    // Bodies resolve against the entry's link, else the document.
    assert_eq!(first.summary.as_ref().unwrap().base.as_deref(), Some("https://news.example.com/feeds/posts/1"));
    assert_eq!(feed.entries[1].summary.as_ref().unwrap().base.as_deref(), Some("https://news.example.com/feeds/main.xml"));
}

#[test]
fn urls_inside_bodies_become_absolute_after_sanitizing() {
    let xml = r#"<rss version="2.0"><channel><item><link>https://e.com/posts/1</link>
        <description>&lt;a href="/about"&gt;about&lt;/a&gt; &lt;img src="pic.png"&gt;</description></item></channel></rss>"#;
    let options = ParseOptions { base: Some("https://e.com/feed".into()), ..ParseOptions::default() };
    let feed = feedreader::core::read_feed(xml.as_bytes(), &options).unwrap();
    let html = feed.entries[0].summary.as_ref().unwrap().as_str();
    assert!(html.contains("https://e.com/about"), "{html}");
    assert!(html.contains("https://e.com/posts/pic.png"), "{html}");
}
