//! Builders shared by the library's tests.

use crate::core::model::{Arrival, Entry, Feed, FeedKind};
use crate::core::sanitize::arrivals as with_texts;
use crate::core::time::Timestamp;

use super::{FeedId, Library, View};

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

/// A parsed feed split as the parser hands it over: metadata and arrivals.
pub fn arrivals(feed: Feed) -> (Feed, Vec<Arrival>) {
    with_texts(feed)
}

/// Subscribes to a feed (or refreshes it) as a document without an address would.
pub fn subscribe(library: &mut Library, feed: Feed) -> FeedId {
    let (meta, incoming) = arrivals(feed);
    library.subscribe(meta, None, &incoming).id.expect("subscribed")
}

/// The titles a view lists, in order.
pub fn titles(library: &Library, view: &View) -> Vec<String> {
    library.list(view).keys.into_iter().map(|key| library.summary(key).map(|(s, _)| s.title.to_string()).unwrap_or_default()).collect()
}
