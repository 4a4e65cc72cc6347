//! The feed and entry elements of issue 3, each read from the element it comes from.

use feedreader::core::parse::{parse, ParseOptions};
use feedreader::core::{Feed, Markup, MarkupKind};

fn read(xml: &str) -> Feed<Markup> {
    parse(xml, &ParseOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn rss_channel(inner: &str) -> Feed<Markup> {
    read(&format!(
        r#"<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"
               xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/"
               xmlns:xhtml="http://www.w3.org/1999/xhtml"><channel>{inner}</channel></rss>"#
    ))
}

fn rss_item(inner: &str) -> Feed<Markup> {
    rss_channel(&format!("<item>{inner}</item>"))
}

fn atom(inner: &str) -> Feed<Markup> {
    read(&format!(r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">{inner}</feed>"#))
}

fn atom_entry(inner: &str) -> Feed<Markup> {
    atom(&format!("<entry>{inner}</entry>"))
}

#[test]
fn atom_site_link_prefers_rel_alternate() {
    let feed = atom(
        r#"<link rel="related" href="http://e.com/related"/><link href="http://e.com/norel"/><link rel="alternate" href="http://e.com/alt"/>"#,
    );
    assert_eq!(feed.link.as_deref(), Some("http://e.com/alt"));
    let feed = atom(r#"<link rel="related" href="http://e.com/related"/><link href="http://e.com/norel"/>"#);
    assert_eq!(feed.link.as_deref(), Some("http://e.com/norel"));
}

#[test]
fn rss_site_link_and_atom_self_link() {
    let feed = rss_channel(r#"<atom:link rel="self" href="http://e.com/rss"/><link>http://e.com/</link>"#);
    assert_eq!(feed.link.as_deref(), Some("http://e.com/"));
    assert_eq!(feed.self_link.as_deref(), Some("http://e.com/rss"));
}

#[test]
fn feed_updated_prefers_last_build_date_then_pub_date_then_dc_date() {
    let all = "<dc:date>2020-01-03T00:00:00Z</dc:date><pubDate>Thu, 02 Jan 2020 00:00:00 GMT</pubDate><lastBuildDate>Wed, 01 Jan 2020 00:00:00 GMT</lastBuildDate>";
    assert_eq!(rss_channel(all).updated.unwrap().to_string(), "2020-01-01T00:00:00Z");
    let two = "<dc:date>2020-01-03T00:00:00Z</dc:date><pubDate>Thu, 02 Jan 2020 00:00:00 GMT</pubDate>";
    assert_eq!(rss_channel(two).updated.unwrap().to_string(), "2020-01-02T00:00:00Z");
    assert_eq!(rss_channel("<dc:date>2020-01-03T00:00:00Z</dc:date>").updated.unwrap().to_string(), "2020-01-03T00:00:00Z");
    assert_eq!(atom("<modified>2020-01-04T00:00:00Z</modified>").updated.unwrap().to_string(), "2020-01-04T00:00:00Z");
}

#[test]
fn language_from_language_dc_language_and_xml_lang() {
    assert_eq!(rss_channel("<language>de-at</language>").language.as_deref(), Some("de-at"));
    assert_eq!(rss_channel("<dc:language>fr</dc:language>").language.as_deref(), Some("fr"));
    let feed = read(r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="pt-BR"><title>t</title></feed>"#);
    assert_eq!(feed.language.as_deref(), Some("pt-BR"));
}

#[test]
fn icon_from_atom_icon_over_logo_and_rss_image() {
    assert_eq!(atom("<logo>http://e.com/logo.png</logo><icon>http://e.com/icon.png</icon>").icon.as_deref(), Some("http://e.com/icon.png"));
    assert_eq!(atom("<logo>http://e.com/logo.png</logo>").icon.as_deref(), Some("http://e.com/logo.png"));
    let feed = rss_channel("<image><url>http://e.com/i.gif</url><title>x</title><link>http://e.com/</link></image>");
    assert_eq!(feed.icon.as_deref(), Some("http://e.com/i.gif"));
}

#[test]
fn feed_authors_from_managing_editor_dc_creator_and_atom_author() {
    let feed = rss_channel("<managingEditor>ed@e.com (Ed Itor)</managingEditor>");
    assert_eq!((feed.authors[0].name.as_deref(), feed.authors[0].email.as_deref()), (Some("Ed Itor"), Some("ed@e.com")));
    assert_eq!(rss_channel("<dc:creator>Dee</dc:creator>").authors[0].name.as_deref(), Some("Dee"));
    let feed = atom("<author><name>Ann</name><email>ann@e.com</email><uri>http://e.com/ann</uri></author>");
    let ann = &feed.authors[0];
    assert_eq!((ann.name.as_deref(), ann.email.as_deref(), ann.uri.as_deref()), (Some("Ann"), Some("ann@e.com"), Some("http://e.com/ann")));
}

#[test]
fn entry_link_order_alternate_then_no_rel_then_permalink_guid() {
    let feed = atom_entry(r#"<link href="http://e.com/norel"/><link rel="alternate" href="http://e.com/alt"/>"#);
    assert_eq!(feed.entries[0].link.as_deref(), Some("http://e.com/alt"));
    let feed = rss_item(r#"<guid>http://e.com/guid</guid><atom:link href="http://e.com/norel"/>"#);
    assert_eq!(feed.entries[0].link.as_deref(), Some("http://e.com/norel"));
    let feed = rss_item(r#"<guid>http://e.com/guid</guid>"#);
    assert_eq!(feed.entries[0].link.as_deref(), Some("http://e.com/guid"));
    let feed = rss_item(r#"<guid isPermaLink="false">http://e.com/guid</guid>"#);
    assert_eq!(feed.entries[0].link, None);
}

#[test]
fn entry_published_sources() {
    let pub_date = rss_item("<pubDate>Wed, 01 Jan 2020 00:00:00 GMT</pubDate>");
    assert_eq!(pub_date.entries[0].published.unwrap().to_string(), "2020-01-01T00:00:00Z");
    let dc = rss_item("<dc:date>2020-01-02T00:00:00Z</dc:date>");
    assert_eq!(dc.entries[0].published.unwrap().to_string(), "2020-01-02T00:00:00Z");
    let atom_published = atom_entry("<published>2020-01-03T00:00:00Z</published>");
    assert_eq!(atom_published.entries[0].published.unwrap().to_string(), "2020-01-03T00:00:00Z");
    let issued =
        read(r#"<feed xmlns="http://purl.org/atom/ns#" version="0.3"><entry><issued>2020-01-04T00:00:00Z</issued></entry></feed>"#);
    assert_eq!(issued.entries[0].published.unwrap().to_string(), "2020-01-04T00:00:00Z");
}

#[test]
fn entry_updated_sources() {
    let updated = atom_entry("<updated>2020-02-01T00:00:00Z</updated>");
    assert_eq!(updated.entries[0].updated.unwrap().to_string(), "2020-02-01T00:00:00Z");
    assert_eq!(updated.entries[0].published, None);
    let modified = read(r#"<feed xmlns="http://purl.org/atom/ns#"><entry><modified>2020-02-02T00:00:00Z</modified></entry></feed>"#);
    assert_eq!(modified.entries[0].updated.unwrap().to_string(), "2020-02-02T00:00:00Z");
    let in_rss = rss_item("<atom:updated>2020-02-03T00:00:00Z</atom:updated>");
    assert_eq!(in_rss.entries[0].updated.unwrap().to_string(), "2020-02-03T00:00:00Z");
}

#[test]
fn entry_authors_from_rss_author_dc_creator_and_atom_author() {
    let feed = rss_item("<author>jo@example.com (Jo Smith)</author>");
    let jo = &feed.entries[0].authors[0];
    assert_eq!((jo.name.as_deref(), jo.email.as_deref()), (Some("Jo Smith"), Some("jo@example.com")));
    assert_eq!(rss_item("<dc:creator>Dee</dc:creator>").entries[0].authors[0].name.as_deref(), Some("Dee"));
    let feed = atom_entry("<author><name>Ann</name><uri>http://e.com/ann</uri></author><author><name>Bo</name></author>");
    let names: Vec<_> = feed.entries[0].authors.iter().map(|a| a.name.as_deref().unwrap()).collect();
    assert_eq!(names, ["Ann", "Bo"]);
}

#[test]
fn entry_categories_from_category_dc_subject_and_atom_label_or_term() {
    let feed =
        rss_item("<category>One</category><category domain=\"x\">Two</category><dc:subject>Three</dc:subject><category>One</category>");
    assert_eq!(feed.entries[0].categories, ["One", "Two", "Three"]);
    let feed = atom_entry(r#"<category term="t1" label="Label One"/><category term="t2"/>"#);
    assert_eq!(feed.entries[0].categories, ["Label One", "t2"]);
}

#[test]
fn summary_and_content_from_description_content_encoded_and_xhtml_body() {
    let feed = rss_item("<description>short</description><content:encoded>&lt;p&gt;long&lt;/p&gt;</content:encoded>");
    assert_eq!(feed.entries[0].summary.as_ref().unwrap().body, "short");
    assert_eq!(feed.entries[0].content.as_ref().unwrap().body, "<p>long</p>");
    let feed = rss_item("<xhtml:body><xhtml:p>Hi <xhtml:b>there</xhtml:b></xhtml:p></xhtml:body>");
    let content = feed.entries[0].content.as_ref().unwrap();
    assert_eq!((content.kind, content.body.as_str()), (MarkupKind::Xhtml, "<p>Hi <b>there</b></p>"));
}

#[test]
fn enclosures_from_enclosure_atom_link_and_media() {
    let feed = rss_item(
        r#"<enclosure url="http://e.com/a.mp3" type="audio/mpeg" length="100"/>
           <media:group><media:content url="http://e.com/v.mp4" type="video/mp4" fileSize="200"/>
             <media:thumbnail url="http://e.com/t.jpg"/></media:group>
           <media:content url="http://e.com/p.png" medium="image"/>
           <media:thumbnail url="http://e.com/a.mp3"/>"#,
    );
    let found: Vec<_> = feed.entries[0].enclosures.iter().map(|e| (e.url.as_str(), e.mime_type.as_deref(), e.length)).collect();
    assert_eq!(
        found,
        [
            ("http://e.com/a.mp3", Some("audio/mpeg"), Some(100)),
            ("http://e.com/v.mp4", Some("video/mp4"), Some(200)),
            ("http://e.com/t.jpg", Some("image/jpeg"), None),
            ("http://e.com/p.png", Some("image/png"), None),
        ]
    );
    let feed = atom_entry(r#"<link rel="enclosure" href="http://e.com/b.ogg" type="audio/ogg" length="5"/>"#);
    assert_eq!(feed.entries[0].enclosures[0].url, "http://e.com/b.ogg");
    assert_eq!(feed.entries[0].enclosures[0].length, Some(5));
}

#[test]
fn youtube_style_media_group_gives_title_and_description() {
    let feed = atom_entry(
        r#"<id>yt:video:1</id><media:group><media:title>Video title</media:title>
             <media:description>What the video is about</media:description></media:group>"#,
    );
    let entry = &feed.entries[0];
    assert_eq!(entry.title.as_deref(), Some("Video title"));
    let summary = entry.summary.as_ref().unwrap();
    assert_eq!((summary.kind, summary.body.as_str()), (MarkupKind::Text, "What the video is about"));
}

#[test]
fn items_beside_the_channel_are_read_too() {
    let feed = read(r#"<rss version="0.91"><channel><title>T</title></channel><item><title>Outside</title></item></rss>"#);
    assert_eq!(feed.entries[0].title.as_deref(), Some("Outside"));
}

#[test]
fn a_bare_channel_root_is_rss() {
    let feed = read(r#"<channel><title>Bare</title><item><title>I</title></item></channel>"#);
    assert_eq!(feed.title.as_deref(), Some("Bare"));
    assert_eq!(feed.entries.len(), 1);
}
