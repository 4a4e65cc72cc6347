//! The pure core: bytes in, safe feed out. Nothing here touches the browser, so it is tested
//! natively and reused by the `feed2json` example.
//!
//! The pipeline runs one way: `decode` → `parse` → `sanitize` → `library`.

pub mod backup;
pub mod changes;
pub mod decode;
pub mod extract;
pub mod fetching;
pub mod filters;
pub mod hash;
pub mod html;
pub mod keys;
pub mod library;
pub mod located;
pub mod marks;
pub mod model;
pub mod opml;
pub mod parse;
pub mod plain_url;
pub mod safe_html;
pub mod sanitize;
pub mod shared_feed;
pub mod sync;
pub mod text;
pub mod time;

pub use model::{Arrival, Diagnostic, Enclosure, Entry, Feed, FeedKind, Markup, MarkupKind, Person};
pub use parse::{ParseError, ParseOptions};
pub use safe_html::SafeHtml;
pub use time::Timestamp;

/// Decodes, parses and sanitizes a document: what the app and `feed2json` call.
pub fn read_feed(bytes: &[u8], options: &ParseOptions) -> Result<Feed, ParseError> {
    let parsed = parse::parse_bytes(bytes, options)?;
    Ok(sanitize::sanitize_feed(parsed))
}
