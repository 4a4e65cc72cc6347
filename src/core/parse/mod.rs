//! Bytes or text → `Feed<Markup>`: sniffs the format from the content, then hands the document to
//! the handlers of its format (one function per element, in the style of feed-rs).
//!
//! The parser is lenient like the best readers: it recovers from what real publishers serve
//! (stray `&`, undeclared HTML entities, mismatched or unclosed tags, control characters,
//! garbage around the root, a download cut short) and lists what it recovered from in
//! `Feed::diagnostics`. Only a document that is not a feed at all is an error.

mod atom;
pub mod date;
mod entities;
pub use entities::{decode_reference, decode_references};
mod entry;
mod json;
mod media;
mod namespaces;
mod position;
mod rdf;
mod rss;
pub mod text;
mod urls;
mod xml;

use std::borrow::Cow;

use url::Url;

pub use super::decode::LegacyDecoder;
use super::model::{Diagnostic, Feed, Markup};
use xml::{Element, Ns, XmlReader};

/// Documents larger than this are refused: no real feed comes close, and it bounds memory.
pub const MAX_INPUT_BYTES: usize = 50 * 1024 * 1024;

/// What the caller knows about a document besides its bytes.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// The document's own address: the last base for relative URLs.
    pub base: Option<String>,
    /// The charset named by the HTTP Content-Type, if any.
    pub charset: Option<String>,
    /// Decodes charsets other than UTF-8, UTF-16, ISO-8859-1, windows-1252 and ISO-8859-15
    /// (which need none). `None` natively means encoding_rs; in the browser the app passes one
    /// backed by `TextDecoder`. Without one, such a document is read as UTF-8 with a diagnostic.
    pub decoder: Option<&'static dyn LegacyDecoder>,
}

/// Why a document could not be read as a feed at all, and where.
pub type ParseError = crate::core::located::Located;

/// Decodes and parses a document (bytes as fetched, with the Content-Type charset if known).
pub fn parse_bytes(bytes: &[u8], options: &ParseOptions) -> Result<Feed<Markup>, ParseError> {
    check_size(bytes.len())?;
    if let Some(what) = sniff_binary(bytes) {
        return Err(ParseError::at_start(format!("this is {what}, not a feed")));
    }
    let decoded = super::decode::decode(bytes, options.charset.as_deref(), options.decoder);
    let mut feed = parse(&decoded.text, options)?;
    let notes = decoded.warnings.into_iter().map(|message| Diagnostic { line: 1, column: 1, message });
    feed.diagnostics.splice(0..0, notes);
    Ok(feed)
}

/// Parses a document that is already text.
pub fn parse(text: &str, options: &ParseOptions) -> Result<Feed<Markup>, ParseError> {
    check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = text.trim_start();
    if start.is_empty() {
        return Err(ParseError::at_start("the document is empty"));
    }
    if start.starts_with('{') {
        return json::read(text, options).map(tidy);
    }
    if start.starts_with('[') {
        return Err(ParseError::at_start("this is JSON, but not a JSON Feed (it is a list, not an object)"));
    }
    let head = start.get(..start.len().min(64)).unwrap_or(start).to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err(ParseError::at_start("this is an HTML page, not a feed"));
    }
    if !start.contains('<') {
        return Err(ParseError::at_start("this is plain text, not a feed"));
    }
    let (text, control) = replace_control_chars(text);
    let doc_base = options.base.as_deref().and_then(|b| Url::parse(b.trim()).ok());
    let mut reader = XmlReader::new(&text, doc_base);
    if let Some((offset, count)) = control {
        reader.warn(offset, format!("{count} invalid control characters were replaced by spaces"));
    }
    let Some(root) = reader.root()? else {
        return Err(ParseError::at_start("there is no element in this document, so it is not a feed"));
    };
    let mut feed = read_root(&mut reader, &root)?;
    feed.diagnostics = reader.finish();
    Ok(tidy(feed))
}

/// What every format's feed gets last: a language tag written `en_US` is `en-US`.
fn tidy(mut feed: Feed<Markup>) -> Feed<Markup> {
    if let Some(language) = feed.language.as_mut() {
        if language.contains('_') {
            *language = language.replace('_', "-");
        }
    }
    feed
}

fn read_root<'i>(r: &mut XmlReader<'i>, root: &Element<'i>) -> Result<Feed<Markup>, ParseError> {
    let name = String::from_utf8_lossy(root.name).into_owned();
    let not_a_feed = |r: &mut XmlReader<'i>, message: String| Err(r.diagnostics.error(root.pos, message));
    match (root.ns, root.name) {
        (Ns::Atom, b"feed") => atom::read_feed(r, root, "1.0"),
        (Ns::Atom03, b"feed") => atom::read_feed(r, root, "0.3"),
        (_, b"feed") => {
            r.warn(root.pos, "<feed> is not in the Atom namespace; read as Atom 1.0");
            atom::read_feed(r, root, "1.0")
        }
        (_, b"rss" | b"channel") => rss::read_feed(r, root),
        (_, b"RDF") => rdf::read_feed(r, root),
        _ if name.eq_ignore_ascii_case("html") => not_a_feed(r, "this is an HTML page, not a feed".into()),
        _ if name.eq_ignore_ascii_case("opml") => not_a_feed(r, "this is an OPML subscription list, not a feed".into()),
        _ if name == "svg" => not_a_feed(r, "this is an SVG image, not a feed".into()),
        _ => not_a_feed(r, format!("the document's root element is <{name}>, not <rss>, <feed> or <rdf:RDF>, so it is not a feed")),
    }
}

fn check_size(len: usize) -> Result<(), ParseError> {
    if len > MAX_INPUT_BYTES {
        return Err(ParseError::at_start(format!(
            "the document is {} MB, more than the {} MB a feed may be",
            len / (1024 * 1024),
            MAX_INPUT_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// Names binary formats people fetch by mistake, from their first bytes.
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    let signatures: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (b"\x1F\x8B", "gzip-compressed data"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\0\0\x01\0", "an icon image"),
    ];
    if let Some((_, what)) = signatures.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(what);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some("a WebP image");
    }
    None
}

/// Replaces the control characters XML forbids by spaces (keeping every offset), and tells
/// where the first was and how many there were.
fn replace_control_chars(text: &str) -> (Cow<'_, str>, Option<(usize, usize)>) {
    let is_bad = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
    // Checked a block at a time without early exit, which the compiler vectorizes: this runs
    // over every document, and almost none has such a character.
    let bytes = text.as_bytes();
    let Some(block) = bytes.chunks(64).position(|chunk| chunk.iter().fold(false, |bad, &b| bad | is_bad(b))) else {
        return (Cow::Borrowed(text), None);
    };
    let first = block * 64 + bytes[block * 64..].iter().position(|&b| is_bad(b)).unwrap_or(0);
    let mut count = 0;
    // Replacing an ASCII byte by another keeps the text valid UTF-8.
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_ascii() && is_bad(c as u8) {
                count += 1;
                ' '
            } else {
                c
            }
        })
        .collect();
    (Cow::Owned(cleaned), Some((first, count)))
}

/// Reads an element's text as a date; a date that cannot be read is `None` and a diagnostic.
fn read_date<'i>(r: &mut XmlReader<'i>, el: &Element<'i>) -> Result<Option<super::Timestamp>, ParseError> {
    let text = r.text(el)?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    let date = date::parse_date(&text);
    if date.is_none() {
        r.warn(el.pos, format!("could not read the date \"{}\"", text.trim()));
    }
    Ok(date)
}

/// Reads an element's text trimmed, `None` when empty.
fn read_trimmed<'i>(r: &mut XmlReader<'i>, el: &Element<'i>) -> Result<Option<String>, ParseError> {
    let text = r.text(el)?;
    let trimmed = text.trim();
    Ok((!trimmed.is_empty()).then(|| if trimmed.len() == text.len() { text.clone() } else { trimmed.to_string() }))
}
