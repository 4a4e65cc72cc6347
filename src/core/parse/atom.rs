//! Atom 1.0 (RFC 4287) and Atom 0.3: one handler per element.

use crate::core::model::{Enclosure, Feed, FeedKind, Markup, MarkupKind, Person};

use super::entry::{empty_feed, markup, EntryBuilder, LinkRank};
use super::text::{collapse_whitespace, plain_text};
use super::xml::{Element, Ns, XmlReader};
use super::{media, read_date, read_trimmed, ParseError};

/// Whether an element belongs to Atom. A `<feed>` without namespace is read as Atom too, so
/// its unprefixed children count.
fn is_atom(ns: Ns) -> bool {
    matches!(ns, Ns::Atom | Ns::Atom03 | Ns::None)
}

/// Reads `<feed>`.
pub fn read_feed<'i>(r: &mut XmlReader<'i>, root: &Element<'i>, version: &str) -> Result<Feed<Markup>, ParseError> {
    let version = r.attr(root, "version").map(|v| v.trim().to_string()).unwrap_or_else(|| version.to_string());
    let mut feed = empty_feed(FeedKind::Atom, Some(&version));
    feed.language = r.attr(root, "xml:lang").map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
    let mut link_rank = None;
    let mut has_icon = false;
    while let Some(el) = r.child(root)? {
        if !is_atom(el.ns) {
            continue;
        }
        match el.name {
            b"title" => feed.title = read_plain(r, &el)?,
            b"subtitle" | b"tagline" => feed.subtitle = read_plain(r, &el)?,
            b"link" => {
                let link = read_link(r, &el)?;
                match link.rel.as_str() {
                    "self" => feed.self_link = feed.self_link.take().or(link.href),
                    "alternate" => {
                        let rank = link.rank();
                        if link.href.is_some() && link_rank.is_none_or(|best| rank < best) {
                            link_rank = Some(rank);
                            feed.link = link.href;
                        }
                    }
                    _ => {}
                }
            }
            b"updated" | b"modified" => feed.updated = read_date(r, &el)?.or(feed.updated),
            // The icon is the square one meant for lists; the logo only stands in for it.
            b"icon" => {
                let text = read_trimmed(r, &el)?;
                if let Some(url) = text.and_then(|t| r.url(&el, &t)) {
                    feed.icon = Some(url);
                    has_icon = true;
                }
            }
            b"logo" if !has_icon => {
                let text = read_trimmed(r, &el)?;
                feed.icon = text.and_then(|t| r.url(&el, &t)).or(feed.icon.take());
            }
            b"author" => feed.authors.extend(read_person(r, &el)?),
            b"entry" => {
                let cut_before = r.truncated;
                let entry = read_entry(r, &el)?;
                if r.truncated && !cut_before {
                    r.warn(el.pos, "the last entry was cut off by the end of the file and was left out");
                } else {
                    feed.entries.push(entry.finish(r.doc_base.as_deref()));
                }
            }
            _ => {}
        }
    }
    Ok(feed)
}

/// Reads one `<entry>`.
fn read_entry<'i>(r: &mut XmlReader<'i>, entry: &Element<'i>) -> Result<EntryBuilder, ParseError> {
    let mut e = EntryBuilder::new();
    let mut created = None;
    while let Some(el) = r.child(entry)? {
        if el.ns == Ns::Media {
            media::read(r, &el, &mut e)?;
            continue;
        }
        if !is_atom(el.ns) {
            continue;
        }
        match el.name {
            b"id" => e.id = read_trimmed(r, &el)?,
            b"title" => e.title = read_plain(r, &el)?,
            b"link" => add_entry_link(&mut e, read_link(r, &el)?),
            b"published" | b"issued" => e.published = read_date(r, &el)?.or(e.published),
            b"created" => created = read_date(r, &el)?,
            b"updated" | b"modified" => e.updated = read_date(r, &el)?.or(e.updated),
            b"author" => e.authors.extend(read_person(r, &el)?),
            b"category" => {
                let label = r.attr(&el, "label").map(|l| collapse_whitespace(&l)).filter(|l| !l.is_empty());
                let term = r.attr(&el, "term").map(|t| collapse_whitespace(&t)).filter(|t| !t.is_empty());
                e.add_category(label.or(term));
            }
            b"summary" => e.summary = read_body(r, &el)?.or(e.summary.take()),
            b"content" => {
                if let Some(src) = r.attr(&el, "src") {
                    read_content_src(r, &el, &src, &mut e);
                } else {
                    e.content = read_body(r, &el)?.or(e.content.take());
                }
            }
            _ => {}
        }
    }
    e.published = e.published.or(created);
    Ok(e)
}

/// `<content src="…">`: the content lives elsewhere. An HTML page is a link to the entry; a
/// media file is an enclosure.
fn read_content_src<'i>(r: &mut XmlReader<'i>, el: &Element<'i>, src: &str, e: &mut EntryBuilder) {
    let Some(url) = r.url(el, src) else { return };
    let mime_type = r.attr(el, "type").map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    match mime_type.as_deref() {
        None | Some("html" | "xhtml" | "text" | "text/html" | "application/xhtml+xml") => {
            e.offer_link(LinkRank::ContentSource, Some(url));
        }
        Some(_) => e.add_enclosure(Enclosure { url, mime_type, length: None }),
    }
}

/// How an Atom text construct is written, from `type` and Atom 0.3's `mode`.
enum Written {
    Inline(MarkupKind),
    /// Base64 of a body of this kind; `None` for binary content, which a reader cannot show.
    Base64(Option<MarkupKind>),
}

/// The kind of body a MIME type (or Atom's `text`, `html`, `xhtml`) names, if it is text.
fn kind_of(ty: &str) -> Option<MarkupKind> {
    Some(match ty {
        "" | "text" | "text/plain" => MarkupKind::Text,
        "html" | "text/html" => MarkupKind::Html,
        "xhtml" | "application/xhtml+xml" => MarkupKind::Xhtml,
        t if t.starts_with("text/") => MarkupKind::Text,
        t if t.ends_with("+xml") || t.ends_with("/xml") => MarkupKind::Xhtml,
        _ => return None,
    })
}

fn written<'i>(r: &mut XmlReader<'i>, el: &Element<'i>) -> Written {
    let ty = r.attr(el, "type").map(|t| t.trim().to_ascii_lowercase()).unwrap_or_default();
    let mode = r.attr(el, "mode").map(|m| m.trim().to_ascii_lowercase());
    let kind = kind_of(&ty);
    // Atom 0.3: `mode="escaped"` is Atom 1.0's html; inline markup of type text/html is xhtml.
    match (kind, mode.as_deref()) {
        (kind, Some("base64")) => Written::Base64(kind),
        // Atom 1.0: any other media type is base64, and a reader can only show text.
        (None, _) => Written::Base64(None),
        (Some(MarkupKind::Xhtml), Some("escaped")) => Written::Inline(MarkupKind::Html),
        (Some(MarkupKind::Html), Some("xml")) => Written::Inline(MarkupKind::Xhtml),
        (Some(kind), _) => Written::Inline(kind),
    }
}

/// Reads a text construct's body as written (base64 decoded).
fn read_text_construct<'i>(r: &mut XmlReader<'i>, el: &Element<'i>) -> Result<Option<(MarkupKind, String)>, ParseError> {
    let kind = match written(r, el) {
        // Atom 0.3's default is text in mode "xml": child elements there are XHTML.
        Written::Inline(MarkupKind::Text) if el.ns == Ns::Atom03 && r.attr(el, "mode").is_none_or(|m| m.trim() == "xml") => {
            let (body, children) = r.markup_telling(el, false)?;
            let kind = if children { MarkupKind::Xhtml } else { MarkupKind::Text };
            return Ok(Some((kind, body)));
        }
        Written::Inline(kind) => kind,
        // A media type that is neither text nor XML (`application/octet-stream`, `image/png`,
        // or such a type with Atom 0.3's `mode="base64"`) says nothing of what the bytes are.
        // As feedparser does, they are decoded and kept when they turn out to be text; as plain
        // text, since nothing says they are markup. Anything else (an image, a PDF) is nothing
        // a reader can show in an article, so it stays out and says so.
        Written::Base64(None) => {
            let text = r.text(el)?;
            let Some(bytes) = base64_bytes(&text) else {
                r.warn(el.pos, "base64 content could not be decoded and was left out");
                return Ok(None);
            };
            let Some(decoded) = String::from_utf8(bytes).ok().filter(|t| is_readable_text(t)) else {
                r.warn(el.pos, "binary content was left out");
                return Ok(None);
            };
            return Ok(Some((MarkupKind::Text, decoded)));
        }
        Written::Base64(Some(kind)) => {
            let text = r.text(el)?;
            let Some(decoded) = base64_bytes(&text).and_then(|bytes| String::from_utf8(bytes).ok()) else {
                r.warn(el.pos, "base64 content could not be decoded and was left out");
                return Ok(None);
            };
            // Decoded XHTML is markup as text, which the HTML sanitizer reads like HTML.
            let kind = if kind == MarkupKind::Text { MarkupKind::Text } else { MarkupKind::Html };
            return Ok(Some((kind, decoded)));
        }
    };
    let body = match kind {
        MarkupKind::Text => r.text(el)?,
        MarkupKind::Html => unwrap_xhtml_div(r.markup(el, false)?),
        MarkupKind::Xhtml => r.markup(el, true)?,
    };
    Ok(Some((kind, body)))
}

/// Base64 (whitespace anywhere, padding or not) to bytes; `None` if it is not base64.
fn base64_bytes(text: &str) -> Option<Vec<u8>> {
    use base64::engine::{general_purpose::GeneralPurposeConfig, DecodePaddingMode, GeneralPurpose};
    use base64::{alphabet, Engine};
    const LENIENT: GeneralPurpose =
        GeneralPurpose::new(&alphabet::STANDARD, GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent));
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    LENIENT.decode(compact).ok()
}

/// Whether decoded bytes of an unknown type are text a person wrote: binary files that happen
/// to be valid UTF-8 still hold NULs and other control characters no text has.
fn is_readable_text(text: &str) -> bool {
    !text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
}

/// `type="html"` whose escaped text is an Atom XHTML body (`<div xmlns="…xhtml">…</div>`), as
/// some converters write: the div is the wrapper, not the article.
fn unwrap_xhtml_div(body: String) -> String {
    let trimmed = body.trim();
    let Some(open_end) = trimmed.strip_prefix("<div").and_then(|rest| rest.find('>')).map(|i| i + 4) else { return body };
    let opening = &trimmed[..=open_end];
    if !opening.contains("http://www.w3.org/1999/xhtml") || !trimmed.ends_with("</div>") {
        return body;
    }
    trimmed[open_end + 1..trimmed.len() - "</div>".len()].trim().to_string()
}

/// A title or subtitle as plain text.
fn read_plain<'i>(r: &mut XmlReader<'i>, el: &Element<'i>) -> Result<Option<String>, ParseError> {
    Ok(read_text_construct(r, el)?.and_then(|(kind, body)| plain_text(kind, &body)))
}

/// A summary or content body, with its own `xml:base` if it has one.
fn read_body<'i>(r: &mut XmlReader<'i>, el: &Element<'i>) -> Result<Option<Markup>, ParseError> {
    let base = r.xml_base(el);
    Ok(read_text_construct(r, el)?.and_then(|(kind, body)| markup(kind, body, base)))
}

/// An `<author>`: name, email and uri (Atom 0.3's `url`).
pub fn read_person<'i>(r: &mut XmlReader<'i>, el: &Element<'i>) -> Result<Option<Person>, ParseError> {
    let mut person = Person::default();
    while let Some(child) = r.child(el)? {
        if !is_atom(child.ns) {
            continue;
        }
        match child.name {
            b"name" => person.name = read_trimmed(r, &child)?.map(|n| collapse_whitespace(&n)),
            b"email" => person.email = read_trimmed(r, &child)?,
            // Atom 0.3 wrote `url`, and some of its writers `homepage`.
            b"uri" | b"url" | b"homepage" => {
                let uri = read_trimmed(r, &child)?;
                person.uri = uri.and_then(|u| r.url(&child, &u));
            }
            _ => {}
        }
    }
    Ok((person != Person::default()).then_some(person))
}

/// An Atom `<link>`'s attributes.
pub struct Link {
    pub rel: String,
    pub href: Option<String>,
    pub mime_type: Option<String>,
    pub length: Option<u64>,
    explicit_rel: bool,
}

impl Link {
    /// How good this alternate link is as the entry's or site's link.
    pub fn rank(&self) -> LinkRank {
        let html = self.mime_type.as_deref().is_none_or(|t| t.contains("html"));
        match (html, self.explicit_rel) {
            (false, _) => LinkRank::OtherAlternate,
            (true, true) => LinkRank::Alternate,
            (true, false) => LinkRank::Plain,
        }
    }
}

/// Reads a `<link>`'s attributes; `rel` defaults to `alternate` and IANA's full-URI form is
/// shortened.
/// What an entry's `atom:link` adds (in Atom, and inside RSS items): the article's address
/// (`rel=alternate` or none) or an attachment (`rel=enclosure`).
pub fn add_entry_link(e: &mut EntryBuilder, link: Link) {
    match link.rel.as_str() {
        "alternate" => e.offer_link(link.rank(), link.href),
        "enclosure" => {
            if let Some(url) = link.href {
                e.add_enclosure(Enclosure { url, mime_type: link.mime_type, length: link.length });
            }
        }
        _ => {}
    }
}

pub fn read_link<'i>(r: &mut XmlReader<'i>, el: &Element<'i>) -> Result<Link, ParseError> {
    let rel = r.attr(el, "rel").map(|rel| rel.trim().to_ascii_lowercase());
    let explicit_rel = rel.is_some();
    let rel = rel
        .map(|rel| rel.trim_start_matches("http://www.iana.org/assignments/relation/").to_string())
        .filter(|rel| !rel.is_empty())
        .unwrap_or_else(|| "alternate".to_string());
    let mut href = r.attr(el, "href").and_then(|h| r.url(el, &h));
    if href.is_none() {
        // `<link>https://example.com/post</link>`: RSS's habit in an Atom feed.
        let text = read_trimmed(r, el)?;
        href = text.filter(|t| t.starts_with("http://") || t.starts_with("https://")).and_then(|t| r.url(el, &t));
    }
    let mime_type = r.attr(el, "type").map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    let length = r.attr(el, "length").and_then(|l| l.trim().parse().ok()).filter(|&l| l > 0);
    Ok(Link { rel, href, mime_type, length, explicit_rel })
}
