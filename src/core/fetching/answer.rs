//! What a fetch brings back, and what kind of document a body is.

use serde::{Deserialize, Serialize};

use super::charset_of;
use crate::core::hash::fnv1a;

/// A successful answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub bytes: Vec<u8>,
    /// The feed's address after redirects (the feed's own address when read through a proxy).
    pub url: String,
    pub redirected: bool,
    pub content_type: Option<String>,
}

impl Answer {
    /// The charset the Content-Type header names, if any.
    pub fn charset(&self) -> Option<String> {
        self.content_type.as_deref().and_then(charset_of)
    }

    /// A hash of the body, to know an unchanged feed without parsing it.
    pub fn body_hash(&self) -> u64 {
        fnv1a(&[&self.bytes])
    }
}

/// What a document the reader added is, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// Blank: nothing to read.
    Empty,
    /// An OPML list of subscriptions.
    Opml,
    /// A backup file of this reader.
    Backup,
    /// Anything else: read as a feed (the parser says what is wrong if it is not one).
    Feed,
}

impl DocumentKind {
    /// Looks at the start of a document: an OPML file starts (after any declaration,
    /// comments or whitespace) with `<opml`; our backups say so near their start
    /// (`{"format":"feedreader-backup", …`).
    pub fn of(bytes: &[u8]) -> DocumentKind {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return DocumentKind::Empty;
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
        if head.to_ascii_lowercase().contains("<opml") {
            return DocumentKind::Opml;
        }
        let start = &head[..head.len().min(256)];
        if start.trim_start().starts_with('{') && start.contains(crate::core::backup::FORMAT) {
            return DocumentKind::Backup;
        }
        DocumentKind::Feed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_told_apart_by_their_start() {
        assert_eq!(DocumentKind::of(b" \n\t"), DocumentKind::Empty);
        assert_eq!(DocumentKind::of(b"<?xml version=\"1.0\"?>\n<!-- x --><OPML version=\"2.0\">"), DocumentKind::Opml);
        assert_eq!(DocumentKind::of(b"{\"format\":\"feedreader-backup\",\"version\":1}"), DocumentKind::Backup);
        assert_eq!(DocumentKind::of(b"{\"version\":\"https://jsonfeed.org/version/1.1\"}"), DocumentKind::Feed);
        assert_eq!(DocumentKind::of(b"<rss version=\"2.0\">"), DocumentKind::Feed);
    }

    #[test]
    fn an_answer_names_its_charset_and_hashes_its_body() {
        let answer = Answer {
            bytes: b"abc".to_vec(),
            url: "https://a.example/".into(),
            redirected: false,
            content_type: Some("text/xml; charset=latin1".into()),
        };
        assert_eq!(answer.charset().as_deref(), Some("latin1"));
        assert_eq!(answer.body_hash(), fnv1a(&[b"abc"]));
    }
}
