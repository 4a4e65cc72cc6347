//! The reader's state and its rules: subscriptions, their entries, and what has been read.
//!
//! A plain struct, tested natively; the app wraps it in a signal and the storage layer saves
//! its parts separately, so marking one entry read never rewrites the cached articles.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::model::{Entry, Feed};
use super::time::Timestamp;

/// A subscription's identity: a short hash of the feed's own address (or, for a pasted
/// document without one, its site link or title), so adding the same feed twice updates it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FeedId(pub String);

impl fmt::Display for FeedId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An entry's identity across the whole library: a 64-bit hash of its feed and its id.
/// Stored as 16 hex digits, so years of read state stay small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct EntryKey(pub u64);

impl EntryKey {
    pub fn new(feed: &FeedId, entry_id: &str) -> EntryKey {
        EntryKey(fnv1a(&[feed.0.as_bytes(), b"\x1f", entry_id.as_bytes()]))
    }
}

impl fmt::Display for EntryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl From<EntryKey> for String {
    fn from(key: EntryKey) -> String {
        key.to_string()
    }
}

impl TryFrom<String> for EntryKey {
    type Error = String;
    fn try_from(text: String) -> Result<EntryKey, String> {
        u64::from_str_radix(&text, 16).map(EntryKey).map_err(|_| format!("not an entry key: {text}"))
    }
}

/// 64-bit FNV-1a over several byte strings: small, fast and stable across builds.
pub fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in *part {
            hash ^= *byte as u64;
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// A feed the reader follows, with the entries last read from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    pub id: FeedId,
    /// Where the feed was fetched from, when it came from an address.
    pub source: Option<String>,
    pub feed: Feed,
}

impl Subscription {
    /// The name shown for the feed: its title, else its address, else a placeholder.
    pub fn title(&self) -> &str {
        self.feed
            .title
            .as_deref()
            .or(self.feed.link.as_deref())
            .or(self.source.as_deref())
            .unwrap_or("Untitled feed")
    }
}

/// One entry as the list shows it: where it comes from and when it was written.
#[derive(Debug, Clone, Copy)]
pub struct EntryRef<'a> {
    pub key: EntryKey,
    pub subscription: &'a Subscription,
    pub entry: &'a Entry,
}

impl EntryRef<'_> {
    /// The date the list sorts by and shows: published, else updated.
    pub fn date(&self) -> Option<Timestamp> {
        self.entry.published.or(self.entry.updated)
    }
}

/// Everything the reader knows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    subscriptions: Vec<Subscription>,
    read: BTreeSet<EntryKey>,
}

impl Library {
    pub fn new(subscriptions: Vec<Subscription>, read: BTreeSet<EntryKey>) -> Library {
        Library { subscriptions, read }
    }

    pub fn subscriptions(&self) -> &[Subscription] {
        &self.subscriptions
    }

    pub fn read_keys(&self) -> &BTreeSet<EntryKey> {
        &self.read
    }

    /// The id a feed gets when subscribed: from its own address if it has one.
    pub fn feed_id(feed: &Feed, source: Option<&str>) -> FeedId {
        let identity = source
            .or(feed.self_link.as_deref())
            .or(feed.link.as_deref())
            .or(feed.title.as_deref())
            .unwrap_or("");
        FeedId(format!("{:012x}", fnv1a(&[identity.as_bytes()]) >> 16))
    }

    /// Adds a feed, or updates the subscription it already is: entries are merged by id (new
    /// ones appear, changed ones are replaced, ones that left the feed stay), and read state is
    /// kept because it is keyed by entry id.
    pub fn subscribe(&mut self, feed: Feed, source: Option<String>) -> FeedId {
        let id = Library::feed_id(&feed, source.as_deref());
        match self.subscriptions.iter_mut().find(|s| s.id == id) {
            Some(existing) => {
                let old = std::mem::take(&mut existing.feed.entries);
                let mut merged = feed;
                let fresh: std::collections::HashSet<String> =
                    merged.entries.iter().map(|e| e.id.clone()).collect();
                merged.entries.extend(old.into_iter().filter(|e| !fresh.contains(&e.id)));
                existing.feed = merged;
                if source.is_some() {
                    existing.source = source;
                }
            }
            None => self.subscriptions.push(Subscription { id: id.clone(), source, feed }),
        }
        id
    }

    /// Every entry of every feed, newest first; entries without a date keep their feed order
    /// after the dated ones.
    pub fn river(&self) -> Vec<EntryRef<'_>> {
        let mut all: Vec<EntryRef<'_>> = self
            .subscriptions
            .iter()
            .flat_map(|s| {
                s.feed.entries.iter().map(move |e| EntryRef {
                    key: EntryKey::new(&s.id, &e.id),
                    subscription: s,
                    entry: e,
                })
            })
            .collect();
        // A stable sort keeps feed order among equal dates.
        all.sort_by(|a, b| b.date().cmp(&a.date()));
        all
    }

    /// Finds one entry by key.
    pub fn entry(&self, key: EntryKey) -> Option<EntryRef<'_>> {
        self.subscriptions.iter().find_map(|s| {
            s.feed
                .entries
                .iter()
                .find(|e| EntryKey::new(&s.id, &e.id) == key)
                .map(|e| EntryRef { key, subscription: s, entry: e })
        })
    }

    pub fn is_read(&self, key: EntryKey) -> bool {
        self.read.contains(&key)
    }

    /// Marks an entry read; says whether anything changed.
    pub fn mark_read(&mut self, key: EntryKey) -> bool {
        self.read.insert(key)
    }

    /// Marks an entry unread again; says whether anything changed.
    pub fn mark_unread(&mut self, key: EntryKey) -> bool {
        self.read.remove(&key)
    }

    /// Unread entries per feed.
    pub fn unread_counts(&self) -> HashMap<FeedId, usize> {
        self.subscriptions
            .iter()
            .map(|s| {
                let unread = s
                    .feed
                    .entries
                    .iter()
                    .filter(|e| !self.read.contains(&EntryKey::new(&s.id, &e.id)))
                    .count();
                (s.id.clone(), unread)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::FeedKind;

    fn entry(id: &str, title: &str, published: Option<i64>) -> Entry {
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

    fn feed(title: &str, entries: Vec<Entry>) -> Feed {
        Feed {
            kind: FeedKind::Rss,
            version: Some("2.0".into()),
            title: Some(title.into()),
            link: Some(format!("https://{title}.example/")),
            self_link: None,
            subtitle: None,
            updated: None,
            language: None,
            icon: None,
            authors: vec![],
            entries,
            diagnostics: vec![],
        }
    }

    fn titles(library: &Library) -> Vec<String> {
        library.river().iter().map(|r| r.entry.title.clone().unwrap()).collect()
    }

    #[test]
    fn river_merges_feeds_newest_first() {
        let mut library = Library::default();
        library.subscribe(feed("a", vec![entry("1", "a-old", Some(10)), entry("2", "a-new", Some(30))]), None);
        library.subscribe(feed("b", vec![entry("1", "b-mid", Some(20)), entry("2", "b-undated", None)]), None);
        assert_eq!(titles(&library), ["a-new", "b-mid", "a-old", "b-undated"]);
    }

    #[test]
    fn same_entry_id_in_two_feeds_is_two_entries() {
        let mut library = Library::default();
        let a = library.subscribe(feed("a", vec![entry("1", "a", Some(1))]), None);
        let b = library.subscribe(feed("b", vec![entry("1", "b", Some(2))]), None);
        assert_ne!(EntryKey::new(&a, "1"), EntryKey::new(&b, "1"));
        library.mark_read(EntryKey::new(&a, "1"));
        assert!(!library.is_read(EntryKey::new(&b, "1")));
    }

    #[test]
    fn subscribing_again_merges_by_id_and_keeps_read_state() {
        let mut library = Library::default();
        let id = library.subscribe(feed("a", vec![entry("1", "first", Some(1)), entry("2", "second", Some(2))]), None);
        library.mark_read(EntryKey::new(&id, "1"));
        let again = library.subscribe(
            feed("a", vec![entry("1", "first, edited", Some(1)), entry("3", "third", Some(3))]),
            None,
        );
        assert_eq!(again, id, "the same feed is one subscription");
        assert_eq!(library.subscriptions().len(), 1);
        assert_eq!(titles(&library), ["third", "second", "first, edited"]);
        assert!(library.is_read(EntryKey::new(&id, "1")));
        assert_eq!(library.unread_counts()[&id], 2);
    }

    #[test]
    fn mark_unread_undoes_mark_read() {
        let mut library = Library::default();
        let id = library.subscribe(feed("a", vec![entry("1", "x", None)]), None);
        let key = EntryKey::new(&id, "1");
        assert!(library.mark_read(key));
        assert!(!library.mark_read(key), "marking twice changes nothing");
        assert_eq!(library.unread_counts()[&id], 0);
        assert!(library.mark_unread(key));
        assert_eq!(library.unread_counts()[&id], 1);
    }

    #[test]
    fn entry_keys_are_short_and_round_trip() {
        let key = EntryKey::new(&FeedId("abc".into()), "https://example.com/post");
        let json = serde_json::to_string(&key).unwrap();
        assert_eq!(json.len(), 18, "16 hex digits in quotes: {json}");
        assert_eq!(serde_json::from_str::<EntryKey>(&json).unwrap(), key);
    }

    #[test]
    fn finds_an_entry_by_key() {
        let mut library = Library::default();
        let id = library.subscribe(feed("a", vec![entry("1", "one", None), entry("2", "two", None)]), None);
        let found = library.entry(EntryKey::new(&id, "2")).unwrap();
        assert_eq!(found.entry.title.as_deref(), Some("two"));
        assert_eq!(found.subscription.title(), "a");
        assert!(library.entry(EntryKey(0)).is_none());
    }
}
