//! What every format's handlers fill in while reading one entry, and the rules that finish it:
//! which link wins, which base the bodies resolve against, and the entry's stable id.

use url::Url;

use crate::core::model::{Enclosure, Entry, Feed, FeedKind, Markup, MarkupKind, Person};

use super::text::stable_hash;

/// How good a candidate for the entry's link is; lower wins, the first of a rank wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkRank {
    /// Atom `link rel="alternate"` (HTML or untyped).
    Alternate,
    /// RSS `link`, an Atom link without `rel`.
    Plain,
    /// An alternate in another media type.
    OtherAlternate,
    /// A `guid` that is a permalink.
    Guid,
    /// Atom `content src`.
    ContentSource,
}

/// An entry being read.
#[derive(Debug)]
pub struct EntryBuilder {
    pub id: Option<String>,
    pub title: Option<String>,
    link: Option<(LinkRank, String)>,
    pub published: Option<crate::core::time::Timestamp>,
    pub updated: Option<crate::core::time::Timestamp>,
    pub authors: Vec<Person>,
    pub categories: Vec<String>,
    pub summary: Option<Markup>,
    pub content: Option<Markup>,
    pub enclosures: Vec<Enclosure>,
}

impl EntryBuilder {
    pub fn new() -> Self {
        EntryBuilder {
            id: None,
            title: None,
            link: None,
            published: None,
            updated: None,
            authors: Vec::new(),
            categories: Vec::new(),
            summary: None,
            content: None,
            enclosures: Vec::new(),
        }
    }

    /// Offers a link; it replaces the current one only if it ranks better.
    pub fn offer_link(&mut self, rank: LinkRank, url: Option<String>) {
        let Some(url) = url else { return };
        if self.link.as_ref().is_none_or(|(current, _)| rank < *current) {
            self.link = Some((rank, url));
        }
    }

    /// Adds an enclosure unless one with the same address is there already.
    pub fn add_enclosure(&mut self, enclosure: Enclosure) {
        if !self.enclosures.iter().any(|e| e.url == enclosure.url) {
            self.enclosures.push(enclosure);
        }
    }

    /// Adds a category, once.
    pub fn add_category(&mut self, category: Option<String>) {
        if let Some(category) = category {
            if !self.categories.contains(&category) {
                self.categories.push(category);
            }
        }
    }

    /// The finished entry. Bodies without an `xml:base` of their own resolve against the entry's
    /// link, else the document; the id is the feed's, else the link, else a hash of what the
    /// entry says, so that it is the same on every refresh.
    pub fn finish(self, doc_base: Option<&Url>) -> Entry<Markup> {
        let link = self.link.map(|(_, url)| url);
        let fallback_base = link.clone().or_else(|| doc_base.map(|u| u.to_string()));
        let with_base = |markup: Option<Markup>| {
            markup.map(|mut m| {
                if m.base.is_none() {
                    m.base = fallback_base.clone();
                }
                m
            })
        };
        let summary = with_base(self.summary);
        let content = with_base(self.content);
        let id = self.id.map(|id| id.trim().to_string()).filter(|id| !id.is_empty()).or_else(|| link.clone()).unwrap_or_else(|| {
            let date = self.published.or(self.updated).map(|t| t.to_string()).unwrap_or_default();
            let body = |m: &Option<Markup>| m.as_ref().map(|m| m.body.clone()).unwrap_or_default();
            let hash = stable_hash(&[self.title.as_deref().unwrap_or(""), &date, &body(&content), &body(&summary)]);
            format!("hash:{hash}")
        });
        Entry {
            id,
            title: self.title,
            link,
            published: self.published,
            updated: self.updated,
            authors: self.authors,
            categories: self.categories,
            summary,
            content,
            enclosures: self.enclosures,
        }
    }
}

/// A markup body read at an element whose in-scope `xml:base` is `base`.
pub fn markup(kind: MarkupKind, body: String, base: Option<String>) -> Option<Markup> {
    (!body.trim().is_empty()).then_some(Markup { kind, body, base })
}

/// An empty feed of a kind, to fill in.
pub fn empty_feed(kind: FeedKind, version: Option<&str>) -> Feed<Markup> {
    Feed { version: version.map(str::to_string), ..Feed::empty(kind) }
}

/// Guesses an image's MIME type from its address (`media:thumbnail` gives none).
pub fn image_type(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url).to_ascii_lowercase();
    let ext = path.rsplit('.').next()?;
    let mime = match ext {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "avif" => "image/avif",
        _ => return None,
    };
    Some(mime.to_string())
}
