//! Builders shared by the library's tests.

use crate::core::model::{Entry, Feed, FeedKind};
use crate::core::time::Timestamp;

use super::EntryRef;

/// An entry with a title and an optional date (milliseconds).
pub fn entry(id: &str, title: &str, published: Option<i64>) -> Entry {
    Entry {
        id: id.into(),
        title: Some(title.into()),
        link: None,
        published: published.map(Timestamp),
        updated: None,
        authors: vec![],
        categories: vec![],
        summary: None,
        content: None,
        enclosures: vec![],
    }
}

/// A feed whose title is also its address (`https://{title}.example/`), so its id is stable.
pub fn feed(title: &str, entries: Vec<Entry>) -> Feed {
    Feed {
        version: Some("2.0".into()),
        title: Some(title.into()),
        link: Some(format!("https://{title}.example/")),
        entries,
        ..Feed::empty(FeedKind::Rss)
    }
}

/// The titles of a list of entries, in order.
pub fn titles(entries: &[EntryRef<'_>]) -> Vec<String> {
    entries.iter().map(|r| r.entry.title.clone().unwrap_or_default()).collect()
}
