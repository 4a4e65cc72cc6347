//! The feed model every stage shares.
//!
//! The parser produces `Feed<Markup>`: article bodies still as the publisher wrote them, with the
//! base address they must be resolved against. The sanitizer turns that into `Feed<SafeHtml>`,
//! the only form the app stores and shows. Field names are the `feed2json` contract: keep them.

use serde::{Deserialize, Serialize};

pub use super::located::Located as Diagnostic;
use super::safe_html::SafeHtml;
use super::time::Timestamp;

/// Which family of formats a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedKind {
    /// Atom 1.0 and 0.3 (`<feed>`).
    Atom,
    /// RSS 0.9x and 2.0 (`<rss>`, and a bare `<channel>`).
    Rss,
    /// RSS 1.0 and 0.90 (`<rdf:RDF>`).
    Rdf,
    /// JSON Feed 1.0 and 1.1.
    Json,
}

/// A whole feed. `B` is the type of article bodies: `Markup` straight from the parser,
/// `SafeHtml` after sanitizing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feed<B = SafeHtml> {
    pub kind: FeedKind,
    /// The format's version as the document states it (`2.0`, `0.91`, `1.0`, `0.3`, `1.1`).
    pub version: Option<String>,
    /// Plain text: RSS `channel/title`, Atom `feed/title`, JSON `title`.
    pub title: Option<String>,
    /// The site's address: RSS `channel/link`, Atom `link[rel=alternate]`, JSON `home_page_url`.
    pub link: Option<String>,
    /// The feed's own address: Atom `link[rel=self]` (also `atom:link` inside RSS), JSON `feed_url`.
    pub self_link: Option<String>,
    /// Plain text: RSS `description`, Atom `subtitle`/`tagline`, JSON `description`.
    pub subtitle: Option<String>,
    /// RSS `lastBuildDate`/`pubDate`/`dc:date`, Atom `updated`/`modified`.
    pub updated: Option<Timestamp>,
    /// RSS `language`/`dc:language`, Atom `xml:lang`, JSON `language`.
    pub language: Option<String>,
    /// RSS `image/url`, Atom `icon`/`logo`, JSON `icon`/`favicon`.
    pub icon: Option<String>,
    /// RSS `managingEditor`/`author`/`dc:creator`/`dc:author`/`itunes:author`, Atom `author`,
    /// JSON `authors`.
    pub authors: Vec<Person>,
    /// The feed's own categories: iTunes `itunes:category` (nested ones too), RSS `category`.
    /// (Always written: the workers' binary messages have no optional fields.)
    #[serde(default)]
    pub categories: Vec<String>,
    pub entries: Vec<Entry<B>>,
    /// Problems the parser recovered from, in document order.
    pub diagnostics: Vec<Diagnostic>,
}

impl<B> Feed<B> {
    /// A feed of this kind with nothing in it yet; fill the fields you have with `..`.
    pub fn empty(kind: FeedKind) -> Feed<B> {
        Feed {
            kind,
            version: None,
            title: None,
            link: None,
            self_link: None,
            subtitle: None,
            updated: None,
            language: None,
            icon: None,
            authors: Vec::new(),
            categories: Vec::new(),
            entries: Vec::new(),
            diagnostics: Vec::new(),
        }
    }
}

/// One article, post or episode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry<B = SafeHtml> {
    /// Never empty: RSS `guid`, Atom `id`, RDF `rdf:about`, JSON `id`; else the link; else a
    /// stable hash of title, date and content.
    pub id: String,
    /// Plain text: tags stripped, entities decoded, whitespace collapsed.
    pub title: Option<String>,
    /// Absolute address of the article: Atom `link[rel=alternate]`, RSS `link`, a permalink `guid`.
    pub link: Option<String>,
    /// RSS `pubDate`, Atom `published`/`issued`, `dc:date`, JSON `date_published`.
    pub published: Option<Timestamp>,
    /// Atom `updated`/`modified`, JSON `date_modified`.
    pub updated: Option<Timestamp>,
    pub authors: Vec<Person>,
    /// RSS `category`, `dc:subject`, Atom `category` (label, else term), JSON `tags`.
    pub categories: Vec<String>,
    /// RSS `description`, Atom `summary`, JSON `summary`.
    pub summary: Option<B>,
    /// RSS `content:encoded`, Atom `content`, JSON `content_html`/`content_text`.
    pub content: Option<B>,
    pub enclosures: Vec<Enclosure>,
}

/// An entry as it arrives from a fetch, a document or a backup: the whole article, for
/// storage, and the text the library keeps of it (computed where the article's HTML was
/// parsed, so the engine never parses HTML).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Arrival {
    pub entry: Entry,
    /// The first words of the article, plain text, for the list.
    pub excerpt: String,
    /// The distinct lowercase words of the title and article, space-separated, for search.
    pub words: String,
}

/// An author or contributor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: Option<String>,
    pub email: Option<String>,
    pub uri: Option<String>,
}

/// A file attached to an entry: a podcast episode, a video, an image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enclosure {
    /// Absolute address.
    pub url: String,
    /// MIME type, e.g. `audio/mpeg`.
    #[serde(rename = "type")]
    pub mime_type: Option<String>,
    /// Size in bytes, when the feed says.
    pub length: Option<u64>,
}

/// How an article body was written, which decides how it is made safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkupKind {
    /// HTML, escaped or in CDATA (RSS description, Atom `type="html"`, JSON `content_html`).
    Html,
    /// Plain text that must be escaped, never parsed (Atom `type="text"`, JSON `content_text`).
    Text,
    /// Inline XHTML (Atom `type="xhtml"`): the children of the wrapping `div`, serialized.
    Xhtml,
}

/// An article body as the publisher wrote it, before sanitizing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Markup {
    pub kind: MarkupKind,
    pub body: String,
    /// The absolute address relative URLs in `body` resolve against: the nearest `xml:base`,
    /// else the entry link, else the document's own address.
    pub base: Option<String>,
}
