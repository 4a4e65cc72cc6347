//! Media RSS (`media:content`, `media:group`, `media:thumbnail`, `media:description`,
//! `media:category`), used by
//! podcasts, video sites and photo feeds in both RSS and Atom.

use crate::core::model::{Enclosure, MarkupKind};

use super::entry::{image_type, markup, EntryBuilder};
use super::text::plain_text;
use super::xml::{Element, Ns, XmlReader};
use super::ParseError;

/// Reads one element in the Media RSS namespace into the entry.
pub fn read<'i>(r: &mut XmlReader<'i>, el: &Element<'i>, e: &mut EntryBuilder) -> Result<(), ParseError> {
    match el.name {
        b"content" => {
            if let Some(url) = r.attr(el, "url").and_then(|u| r.url(el, &u)) {
                let medium = r.attr(el, "medium").map(|m| m.trim().to_ascii_lowercase());
                let mime_type = r.attr(el, "type").map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).or_else(|| {
                    if medium.as_deref() == Some("image") {
                        image_type(&url)
                    } else {
                        None
                    }
                });
                let length = r.attr(el, "fileSize").and_then(|l| l.trim().parse().ok()).filter(|&l| l > 0);
                e.add_enclosure(Enclosure { url, mime_type, length });
            }
            read_children(r, el, e)?;
        }
        b"group" => read_children(r, el, e)?,
        b"thumbnail" => {
            if let Some(url) = r.attr(el, "url").and_then(|u| r.url(el, &u)) {
                let mime_type = image_type(&url);
                e.add_enclosure(Enclosure { url, mime_type, length: None });
            }
        }
        // Video sites put the only description here.
        b"description" if e.summary.is_none() => {
            let html = r.attr(el, "type").is_some_and(|t| t.trim() == "html");
            let base = r.xml_base(el);
            let kind = if html { MarkupKind::Html } else { MarkupKind::Text };
            let body = if html { r.markup(el, false)? } else { r.text(el)? };
            e.summary = markup(kind, body, base);
        }
        // A category's text, whatever its scheme (`media:category scheme="…">Music/Rock<`).
        b"category" => {
            let text = r.text(el)?;
            e.add_category(plain_text(MarkupKind::Text, &text));
        }
        b"title" if e.title.is_none() => {
            let html = r.attr(el, "type").is_some_and(|t| t.trim() == "html");
            let text = r.text(el)?;
            e.title = plain_text(if html { MarkupKind::Html } else { MarkupKind::Text }, &text);
        }
        _ => {}
    }
    Ok(())
}

fn read_children<'i>(r: &mut XmlReader<'i>, el: &Element<'i>, e: &mut EntryBuilder) -> Result<(), ParseError> {
    while let Some(child) = r.child(el)? {
        if child.ns == Ns::Media {
            read(r, &child, e)?;
        }
    }
    Ok(())
}
