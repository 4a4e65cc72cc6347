//! OPML 2.0, the file every feed reader imports and exports subscriptions with.
//!
//! Export writes one `<outline type="rss">` per subscription that has an address, grouped in one
//! folder outline per folder. Import reads what Feedly, Inoreader, NetNewsWire, Miniflux and
//! others write: attribute names in any case (`xmlUrl`, `xmlurl`), HTML entities, folders as
//! outlines without `xmlUrl`. Nested folders are joined with " / " (`Tech / Rust`), so no level
//! of the reader's arrangement is lost; the library's folders are flat names, and exporting
//! `Tech / Rust` writes one folder of that name, which imports back the same.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::parse::decode_references;
use super::sanitize::safe_url;
use super::text::escape_markup;
use super::time::Timestamp;

/// One subscription in an OPML file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OpmlFeed {
    /// `title`, else `text`, else the address.
    pub title: String,
    /// `xmlUrl`: where the feed is fetched from (http or https only).
    pub xml_url: String,
    /// `htmlUrl`: the site.
    pub html_url: Option<String>,
    /// The enclosing folder outlines' names, joined with " / "; `None` at the top level.
    pub folder: Option<String>,
}

/// Why a file could not be read as OPML, and where.
pub type OpmlError = super::located::Located;

/// Separates nested folder names.
pub const FOLDER_SEPARATOR: &str = " / ";

/// Subscriptions as an OPML 2.0 document, created at `now` (the core has no clock): those
/// without a folder first, then one folder outline per folder, in the order given.
pub fn export(feeds: &[OpmlFeed], now: Timestamp) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n");
    out.push_str("    <title>Feed reader subscriptions</title>\n");
    out.push_str(&format!("    <dateCreated>{}</dateCreated>\n  </head>\n  <body>\n", rfc822(now)));
    for feed in feeds.iter().filter(|f| f.folder.is_none()) {
        write_feed(&mut out, feed, "    ");
    }
    let mut folders: Vec<&str> = feeds.iter().filter_map(|f| f.folder.as_deref()).collect();
    folders.sort_unstable();
    folders.dedup();
    for folder in folders {
        let text = escape_markup(folder);
        out.push_str(&format!("    <outline text=\"{text}\" title=\"{text}\">\n"));
        for feed in feeds.iter().filter(|f| f.folder.as_deref() == Some(folder)) {
            write_feed(&mut out, feed, "      ");
        }
        out.push_str("    </outline>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn write_feed(out: &mut String, feed: &OpmlFeed, indent: &str) {
    let title = escape_markup(&feed.title);
    out.push_str(&format!("{indent}<outline type=\"rss\" text=\"{title}\" title=\"{title}\" xmlUrl=\"{}\"", escape_markup(&feed.xml_url)));
    if let Some(site) = &feed.html_url {
        out.push_str(&format!(" htmlUrl=\"{}\"", escape_markup(site)));
    }
    out.push_str("/>\n");
}

/// RFC 822 date as OPML asks for it: `Tue, 10 Jun 2003 04:00:00 GMT`.
fn rfc822(time: Timestamp) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let c = time.to_civil();
    // 1970-01-01 was a Thursday.
    let weekday = DAYS[time.0.div_euclid(86_400_000).rem_euclid(7) as usize];
    let month = MONTHS[(c.month as usize).clamp(1, 12) - 1];
    format!("{weekday}, {:02} {month} {:04} {:02}:{:02}:{:02} GMT", c.day, c.year, c.hour, c.minute, c.second)
}

/// Reads the subscriptions of an OPML file, in document order.
pub fn import(text: &str) -> Result<Vec<OpmlFeed>, OpmlError> {
    let mut reader = Reader::from_str(text);
    let mut feeds = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut seen_root = false;
    loop {
        let position = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let message = format!("this is not well-formed XML ({error})");
                return Err(error_at(text, reader.error_position() as usize, message));
            }
        };
        let (element, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = String::from_utf8_lossy(element.local_name().as_ref()).to_ascii_lowercase();
        if !seen_root {
            seen_root = true;
            if name != "opml" {
                let message = format!("this is not an OPML file: it starts with <{name}>, not <opml>");
                return Err(error_at(text, position, message));
            }
        }
        let mut frame = Frame { body: name == "body", folder: None };
        if name == "outline" && stack.iter().any(|f| f.body) {
            let attributes = Attributes::read(&element);
            match attributes.feed(folder_path(&stack)) {
                Some(feed) => feeds.push(feed),
                // An outline without an address that has children is a folder.
                None if !empty => frame.folder = attributes.folder_name(),
                None => {}
            }
        }
        if !empty {
            stack.push(frame);
        }
    }
    if !seen_root {
        let message = if text.trim().is_empty() { "the file is empty" } else { "this is not an OPML file: it has no XML elements" };
        return Err(error_at(text, 0, message.into()));
    }
    Ok(feeds)
}

/// An open element: whether it is `<body>`, and the folder it opens if it is a folder outline.
struct Frame {
    body: bool,
    folder: Option<String>,
}

fn folder_path(stack: &[Frame]) -> Option<String> {
    let names: Vec<&str> = stack.iter().filter_map(|f| f.folder.as_deref()).collect();
    (!names.is_empty()).then(|| names.join(FOLDER_SEPARATOR))
}

/// The attributes of an outline the reader cares about, names matched in any case.
#[derive(Default)]
struct Attributes {
    text: Option<String>,
    title: Option<String>,
    xml_url: Option<String>,
    html_url: Option<String>,
}

impl Attributes {
    fn read(element: &BytesStart<'_>) -> Attributes {
        let mut found = Attributes::default();
        // A malformed attribute is skipped rather than failing the whole import.
        for attribute in element.attributes().with_checks(false).flatten() {
            let name = String::from_utf8_lossy(attribute.key.local_name().as_ref()).to_ascii_lowercase();
            let value = decode_references(&String::from_utf8_lossy(&attribute.value));
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            if value.is_empty() {
                continue;
            }
            let slot = match name.as_str() {
                "text" => &mut found.text,
                "title" => &mut found.title,
                "xmlurl" => &mut found.xml_url,
                "htmlurl" => &mut found.html_url,
                _ => continue,
            };
            slot.get_or_insert(value);
        }
        found
    }

    /// The feed this outline subscribes to; `None` when it has no fetchable address.
    fn feed(&self, folder: Option<String>) -> Option<OpmlFeed> {
        let xml_url = checked_url(self.xml_url.as_deref()?)?;
        Some(OpmlFeed {
            title: self.title.clone().or_else(|| self.text.clone()).unwrap_or_else(|| xml_url.clone()),
            html_url: self.html_url.as_deref().and_then(checked_url),
            xml_url,
            folder,
        })
    }

    fn folder_name(&self) -> Option<String> {
        self.text.clone().or_else(|| self.title.clone())
    }
}

/// An http(s) address as written, if the sanitizer's URL gate accepts it; written as-is so a
/// re-import finds the subscription it came from.
fn checked_url(url: &str) -> Option<String> {
    let safe = safe_url(url)?;
    Some(if url.chars().any(char::is_control) { safe } else { url.trim().to_owned() })
}

fn error_at(text: &str, offset: usize, message: String) -> OpmlError {
    OpmlError::at(text, offset, message)
}

#[cfg(test)]
mod tests;
