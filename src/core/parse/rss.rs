//! RSS 0.91–0.94 and 2.0 (`<rss>`, or a bare `<channel>`), plus the channel and item handlers
//! RSS 1.0 shares: one handler per element, with Dublin Core, content, Media RSS, XHTML and Atom
//! extensions matched by namespace URI.

use crate::core::model::{Enclosure, Feed, FeedKind, Markup, MarkupKind, Person};
use crate::core::time::Timestamp;

use super::entry::{empty_feed, markup, EntryBuilder, LinkRank};
use super::text::{collapse_whitespace, parse_person, plain_text};
use super::xml::{Element, Ns, XmlReader};
use super::{atom, media, read_date, read_trimmed, ParseError};

/// An element of RSS itself: no namespace (0.9x/2.0), or RSS 1.0's or 0.90's.
macro_rules! rss {
    ($name:literal) => {
        (Ns::None | Ns::Rss10 | Ns::Rss090, $name)
    };
}

/// Reads `<rss>` (or a bare `<channel>`).
pub fn read_feed<'i>(r: &mut XmlReader<'i>, root: &Element<'i>) -> Result<Feed<Markup>, ParseError> {
    let version = r.attr(root, "version").map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let mut feed = empty_feed(FeedKind::Rss, version.as_deref());
    let mut channel = Channel::default();
    if root.name == b"channel" {
        read_channel(r, root, &mut feed, &mut channel)?;
    } else {
        while let Some(el) = r.child(root)? {
            match (el.ns, el.name) {
                rss!(b"channel") => read_channel(r, &el, &mut feed, &mut channel)?,
                // Some 0.9x feeds put items (and images) beside the channel, as RSS 0.90 did.
                rss!(b"item") => read_item_into(r, &el, &mut feed)?,
                rss!(b"image") => read_image(r, &el, &mut feed)?,
                _ => {}
            }
        }
    }
    channel.finish(&mut feed);
    Ok(feed)
}

/// Feed-level values whose source has a priority order.
#[derive(Default)]
pub struct Channel {
    /// The best `updated` so far and its rank (lower wins).
    updated: Option<(u8, Timestamp)>,
    atom_alternate: Option<String>,
    /// Stand-ins for a missing `title` and `description`: Dublin Core's, then iTunes'.
    dc_title: Option<String>,
    subtitles: Fallbacks,
}

/// Values from several elements, the best one kept: lower rank wins, the first of a rank.
#[derive(Default)]
struct Fallbacks(Option<(u8, String)>);

impl Fallbacks {
    fn offer(&mut self, rank: u8, value: Option<String>) {
        if let Some(value) = value {
            if self.0.as_ref().is_none_or(|(best, _)| rank < *best) {
                self.0 = Some((rank, value));
            }
        }
    }

    fn best(self) -> Option<String> {
        self.0.map(|(_, value)| value)
    }
}

impl Channel {
    fn offer_updated(&mut self, rank: u8, date: Option<Timestamp>) {
        if let Some(date) = date {
            if self.updated.is_none_or(|(best, _)| rank < best) {
                self.updated = Some((rank, date));
            }
        }
    }

    /// Fills in what was chosen.
    pub fn finish(self, feed: &mut Feed<Markup>) {
        feed.updated = self.updated.map(|(_, t)| t);
        feed.link = feed.link.take().or(self.atom_alternate);
        feed.title = feed.title.take().or(self.dc_title);
        feed.subtitle = feed.subtitle.take().or(self.subtitles.best());
    }
}

/// Reads `<channel>`.
pub fn read_channel<'i>(r: &mut XmlReader<'i>, ch: &Element<'i>, feed: &mut Feed<Markup>, c: &mut Channel) -> Result<(), ParseError> {
    if feed.language.is_none() {
        feed.language = r.attr(ch, "xml:lang").map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
    }
    while let Some(el) = r.child(ch)? {
        match (el.ns, el.name) {
            rss!(b"title") => feed.title = read_html_text(r, &el)?.or(feed.title.take()),
            (Ns::Dc, b"title") => c.dc_title = c.dc_title.take().or(read_html_text(r, &el)?),
            rss!(b"link") => {
                let text = read_trimmed(r, &el)?;
                feed.link = feed.link.take().or(text.and_then(|t| r.url(&el, &t)));
            }
            rss!(b"description") => c.subtitles.offer(0, read_html_text(r, &el)?),
            (Ns::Dc, b"description") => c.subtitles.offer(1, read_html_text(r, &el)?),
            (Ns::Itunes, b"subtitle") => c.subtitles.offer(2, read_html_text(r, &el)?),
            (Ns::Itunes, b"summary") => c.subtitles.offer(3, read_html_text(r, &el)?),
            rss!(b"language") | (Ns::Dc, b"language") => feed.language = read_trimmed(r, &el)?.or(feed.language.take()),
            rss!(b"lastBuildDate") => c.offer_updated(0, read_date(r, &el)?),
            rss!(b"pubDate") => c.offer_updated(1, read_date(r, &el)?),
            (Ns::Dc, b"date") => c.offer_updated(2, read_date(r, &el)?),
            (Ns::DcTerms, b"modified") => c.offer_updated(3, read_date(r, &el)?),
            (Ns::Atom, b"updated") => c.offer_updated(4, read_date(r, &el)?),
            rss!(b"managingEditor") | rss!(b"author") | (Ns::Dc, b"creator" | b"author") | (Ns::Itunes, b"author") => {
                add_person(&mut feed.authors, read_trimmed(r, &el)?.and_then(|t| parse_person(&t)))
            }
            (Ns::Atom, b"author") => add_person(&mut feed.authors, atom::read_person(r, &el)?),
            (Ns::Itunes, b"category") => read_itunes_category(r, &el, &mut feed.categories)?,
            rss!(b"category") => {
                if let Some(category) = read_trimmed(r, &el)?.map(|c| collapse_whitespace(&c)) {
                    if !feed.categories.contains(&category) {
                        feed.categories.push(category);
                    }
                }
            }
            rss!(b"image") => read_image(r, &el, feed)?,
            (Ns::Itunes, b"image") if feed.icon.is_none() => feed.icon = r.attr(&el, "href").and_then(|h| r.url(&el, &h)),
            (Ns::Atom, b"link") => {
                let link = atom::read_link(r, &el)?;
                match link.rel.as_str() {
                    "self" => feed.self_link = feed.self_link.take().or(link.href),
                    "alternate" => c.atom_alternate = c.atom_alternate.take().or(link.href),
                    _ => {}
                }
            }
            rss!(b"item") => read_item_into(r, &el, feed)?,
            _ => {}
        }
    }
    Ok(())
}

/// Reads `<image>`: its `url` is the feed's icon. In RSS 1.0 the channel's `<image>` only
/// points at it with `rdf:resource`, which serves until the real one comes.
pub fn read_image<'i>(r: &mut XmlReader<'i>, el: &Element<'i>, feed: &mut Feed<Markup>) -> Result<(), ParseError> {
    if let Some(resource) = r.attr_ns(el, Ns::Rdf, "resource") {
        feed.icon = feed.icon.take().or_else(|| r.url(el, &resource));
    }
    while let Some(child) = r.child(el)? {
        if let rss!(b"url") = (child.ns, child.name) {
            let text = read_trimmed(r, &child)?;
            if let Some(url) = text.and_then(|t| r.url(&child, &t)) {
                feed.icon = Some(url);
            }
        }
    }
    Ok(())
}

/// Reads an item and adds it to the feed, unless the file ended inside it.
pub fn read_item_into<'i>(r: &mut XmlReader<'i>, el: &Element<'i>, feed: &mut Feed<Markup>) -> Result<(), ParseError> {
    let cut_before = r.truncated;
    let entry = read_item(r, el)?;
    if r.truncated && !cut_before {
        // A cut-off entry would get a different hash id once complete: better left out.
        r.warn(el.pos, "the last entry was cut off by the end of the file and was left out");
    } else {
        feed.entries.push(entry.finish(r.doc_base.as_deref()));
    }
    Ok(())
}

/// Reads one `<item>`.
fn read_item<'i>(r: &mut XmlReader<'i>, item: &Element<'i>) -> Result<EntryBuilder, ParseError> {
    let mut e = EntryBuilder::new();
    // RSS 1.0 names its items with `rdf:about`.
    e.id = r.attr_ns(item, Ns::Rdf, "about").map(|a| a.trim().to_string());
    let mut dc_date = None;
    let mut guid = None;
    let mut dc_title = None;
    let mut summaries = Fallbacks::default();
    let mut second_summary = None;
    while let Some(el) = r.child(item)? {
        match (el.ns, el.name) {
            rss!(b"title") => e.title = read_html_text(r, &el)?.or(e.title.take()),
            (Ns::Dc, b"title") => dc_title = dc_title.or(read_html_text(r, &el)?),
            rss!(b"link") => {
                let text = read_trimmed(r, &el)?;
                e.offer_link(LinkRank::Plain, text.and_then(|t| r.url(&el, &t)));
            }
            rss!(b"guid") => {
                let permalink = r.attr(&el, "isPermaLink").is_none_or(|p| !p.trim().eq_ignore_ascii_case("false"));
                let text = read_trimmed(r, &el)?;
                if let Some(text) = text {
                    let is_web = text.starts_with("http://") || text.starts_with("https://");
                    if permalink && is_web {
                        e.offer_link(LinkRank::Guid, r.url(&el, &text));
                    }
                    guid = Some(text);
                }
            }
            // The first of `description` and `summary` is the summary; a second one, as
            // feedparser reads it, is the article itself (used when there is no real content).
            rss!(b"description") | rss!(b"summary") => {
                let body = read_html(r, &el)?;
                if e.summary.is_none() {
                    e.summary = body;
                } else {
                    second_summary = body.or(second_summary);
                }
            }
            // Stand-ins for a missing description: Dublin Core's (HTML, as RSS's), iTunes' (text).
            (Ns::Dc, b"description") => summaries.offer(0, read_trimmed(r, &el)?),
            (Ns::Itunes, b"summary") => summaries.offer(1, read_trimmed(r, &el)?),
            (Ns::Itunes, b"subtitle") => summaries.offer(2, read_trimmed(r, &el)?),
            // `fullitem` is an early name for the full article, which feedparser still reads.
            (Ns::Content, b"encoded") | rss!(b"fullitem") => e.content = read_html(r, &el)?.or(e.content.take()),
            (Ns::Xhtml, b"body") => {
                let base = r.xml_base(&el);
                e.content = markup(MarkupKind::Xhtml, r.markup(&el, false)?, base).or(e.content.take());
            }
            rss!(b"pubDate") | (Ns::Atom, b"published") => e.published = read_date(r, &el)?.or(e.published),
            (Ns::Dc, b"date") | (Ns::DcTerms, b"created" | b"issued") => dc_date = read_date(r, &el)?.or(dc_date),
            (Ns::Atom, b"updated") | (Ns::DcTerms, b"modified") => e.updated = read_date(r, &el)?.or(e.updated),
            rss!(b"author") | (Ns::Dc, b"creator" | b"author") | (Ns::Itunes, b"author") => {
                let person = read_trimmed(r, &el)?.and_then(|t| parse_person(&t));
                add_person(&mut e.authors, person);
            }
            (Ns::Atom, b"author") => add_person(&mut e.authors, atom::read_person(r, &el)?),
            rss!(b"category") | (Ns::Dc, b"subject") => e.add_category(read_trimmed(r, &el)?.map(|c| collapse_whitespace(&c))),
            (Ns::Itunes, b"category") => {
                let mut found = Vec::new();
                read_itunes_category(r, &el, &mut found)?;
                for category in found {
                    e.add_category(Some(category));
                }
            }
            rss!(b"enclosure") => {
                if let Some(url) = r.attr(&el, "url").and_then(|u| r.url(&el, &u)) {
                    let mime_type = r.attr(&el, "type").map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
                    let length = r.attr(&el, "length").and_then(|l| l.trim().parse().ok()).filter(|&l| l > 0);
                    e.add_enclosure(Enclosure { url, mime_type, length });
                }
            }
            (Ns::Media, _) => media::read(r, &el, &mut e)?,
            (Ns::Atom, b"link") => atom::add_entry_link(&mut e, atom::read_link(r, &el)?),
            _ => {}
        }
    }
    e.published = e.published.or(dc_date);
    e.id = e.id.or(guid);
    e.title = e.title.or(dc_title);
    e.content = e.content.or(second_summary);
    if e.summary.is_none() {
        let base = r.xml_base(item);
        e.summary = summaries.best().and_then(|text| markup(MarkupKind::Text, text, base));
    }
    Ok(e)
}

/// Reads `<itunes:category text="…">` and the categories nested in it, each one a category.
fn read_itunes_category<'i>(r: &mut XmlReader<'i>, el: &Element<'i>, into: &mut Vec<String>) -> Result<(), ParseError> {
    if let Some(text) = r.attr(el, "text").map(|t| collapse_whitespace(&t)).filter(|t| !t.is_empty()) {
        if !into.contains(&text) {
            into.push(text);
        }
    }
    while let Some(child) = r.child(el)? {
        if (child.ns, child.name) == (Ns::Itunes, &b"category"[..]) {
            read_itunes_category(r, &child, into)?;
        }
    }
    Ok(())
}

fn add_person(authors: &mut Vec<Person>, person: Option<Person>) {
    if let Some(person) = person {
        if !authors.contains(&person) {
            authors.push(person);
        }
    }
}

/// A title or description as plain text: RSS puts escaped HTML, CDATA or entities in both.
fn read_html_text<'i>(r: &mut XmlReader<'i>, el: &Element<'i>) -> Result<Option<String>, ParseError> {
    let body = r.markup(el, false)?;
    Ok(plain_text(MarkupKind::Html, &body))
}

/// An RSS description or `content:encoded`: HTML, escaped or in CDATA (or, in broken feeds,
/// as raw child elements, which are serialized back).
fn read_html<'i>(r: &mut XmlReader<'i>, el: &Element<'i>) -> Result<Option<Markup>, ParseError> {
    let base = r.xml_base(el);
    let body = r.markup(el, false)?;
    Ok(markup(MarkupKind::Html, body, base))
}
