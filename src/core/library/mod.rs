//! The reader's state and its rules: subscriptions, their entries, and what has been read or
//! starred.
//!
//! A plain struct, tested natively; the app wraps it in a signal and the storage layer saves
//! its parts separately, so marking one entry read never rewrites the cached articles.
//!
//! - [`manage`]: rename, folders, remove with undo, subscriptions waiting for a first fetch.
//! - [`view`]: the entry list as the reader asks for it (scope, filter, sort, search), mark all
//!   read with undo, unread counts.
//! - [`search`]: the lowercase plain text each entry is searched by, computed once.
//! - [`upkeep`]: merging two libraries (two tabs, a backup) and pruning old read entries.

mod cache;
mod fetched;
mod manage;
mod search;
#[cfg(test)]
pub(crate) mod testing;
mod upkeep;
mod view;

use std::collections::{BTreeSet, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::model::{Entry, Feed};
use super::time::Timestamp;

pub use fetched::{FetchLog, Fetched};
pub use manage::Removed;
pub use upkeep::KEEP_PER_FEED;
pub(crate) use search::decode_reference;
pub use view::{Filter, MarkedRead, Scope, Sort, View};

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
    /// The key of entry `entry_id` in feed `feed`.
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
    /// The reader's own name for the feed, shown instead of the feed's title.
    #[serde(default)]
    pub name: Option<String>,
    /// The folder the reader put the feed in; `None` is the top level.
    #[serde(default)]
    pub folder: Option<String>,
    /// Added from an address (an OPML file) and never fetched yet: the feed is a placeholder.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pending: bool,
    /// When the feed was fetched, and what went wrong last time.
    #[serde(default, skip_serializing_if = "FetchLog::is_empty")]
    pub fetch: FetchLog,
    /// A CORS proxy template for this feed alone (else the one in Settings, if any).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<String>,
}

impl Subscription {
    /// A subscription to a feed just read, at the top level, with no name of the reader's own.
    pub fn new(id: FeedId, source: Option<String>, feed: Feed) -> Subscription {
        Subscription { id, source, feed, name: None, folder: None, pending: false, fetch: FetchLog::default(), proxy: None }
    }

    /// The name shown for the feed: the reader's own name, else the feed's title, else its
    /// address, else a placeholder.
    pub fn title(&self) -> &str {
        self.name
            .as_deref()
            .or(self.feed.title.as_deref())
            .or(self.feed.link.as_deref())
            .or(self.source.as_deref())
            .unwrap_or("Untitled feed")
    }

    /// Whether the subscription waits for its first fetch (it has an address but no content).
    pub fn is_pending(&self) -> bool {
        self.pending
    }

    /// Takes in a fresh copy of the feed: its entries come first (new ones appear, changed
    /// ones replace the old copy), entries that left the feed stay. Returns how many entries
    /// are new.
    fn take_in(&mut self, feed: Feed) -> usize {
        let old = std::mem::take(&mut self.feed.entries);
        let fresh: HashSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        let (replaced, kept): (Vec<Entry>, Vec<Entry>) = old.into_iter().partition(|e| fresh.contains(e.id.as_str()));
        let new = fresh.len().saturating_sub(replaced.len());
        drop(fresh);
        self.feed = feed;
        self.feed.entries.extend(kept);
        self.pending = false;
        new
    }

    fn key(&self, entry: &Entry) -> EntryKey {
        EntryKey::new(&self.id, &entry.id)
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
///
/// Read and starred state are sets of entry keys, independent of the cached entries: a key
/// outlives its entry (pruned, or its feed removed), so an entry fetched again later still
/// shows as read, and undoing a removal brings the state back with it.
#[derive(Debug, Clone, Default)]
pub struct Library {
    subscriptions: Vec<Subscription>,
    read: BTreeSet<EntryKey>,
    starred: BTreeSet<EntryKey>,
    /// Derived from `subscriptions`, built on the first search after a change.
    search: search::SearchIndex,
}

/// Two libraries are equal when they hold the same subscriptions and state; the search cache
/// is derived data and does not count.
impl PartialEq for Library {
    fn eq(&self, other: &Library) -> bool {
        self.subscriptions == other.subscriptions && self.read == other.read && self.starred == other.starred
    }
}

impl Library {
    /// A library from what storage saved.
    pub fn new(subscriptions: Vec<Subscription>, read: BTreeSet<EntryKey>, starred: BTreeSet<EntryKey>) -> Library {
        Library { subscriptions, read, starred, search: Default::default() }
    }

    /// Every subscription, in the order the reader added them.
    pub fn subscriptions(&self) -> &[Subscription] {
        &self.subscriptions
    }

    /// One subscription by id.
    pub fn subscription(&self, id: &FeedId) -> Option<&Subscription> {
        self.subscriptions.iter().find(|s| &s.id == id)
    }

    /// The keys of every entry ever marked read (and not marked unread since).
    pub fn read_keys(&self) -> &BTreeSet<EntryKey> {
        &self.read
    }

    /// The keys of every starred entry.
    pub fn starred_keys(&self) -> &BTreeSet<EntryKey> {
        &self.starred
    }

    /// The only way to change the subscriptions or their entries: it drops the search cache,
    /// which must never describe entries that are not there.
    fn subscriptions_mut(&mut self) -> &mut Vec<Subscription> {
        self.search = Default::default();
        &mut self.subscriptions
    }

    /// The id a feed gets when subscribed: from its own address if it has one.
    pub fn feed_id(feed: &Feed, source: Option<&str>) -> FeedId {
        let identity = source
            .or(feed.self_link.as_deref())
            .or(feed.link.as_deref())
            .or(feed.title.as_deref())
            .unwrap_or("");
        Library::feed_id_for_url(identity)
    }

    /// Adds a feed, or updates the subscription it already is: entries are merged by id (new
    /// ones appear, changed ones are replaced, ones that left the feed stay), and read and
    /// starred state are kept because they are keyed by entry id. The reader's name and folder
    /// stay too.
    pub fn subscribe(&mut self, feed: Feed, source: Option<String>) -> FeedId {
        let id = Library::feed_id(&feed, source.as_deref());
        let subscriptions = self.subscriptions_mut();
        match subscriptions.iter_mut().find(|s| s.id == id) {
            Some(existing) => {
                existing.take_in(feed);
                if source.is_some() {
                    existing.source = source;
                }
            }
            None => subscriptions.push(Subscription::new(id.clone(), source, feed)),
        }
        id
    }

    /// Every entry of every feed, newest first; entries without a date keep their feed order
    /// after the dated ones. The same as [`Library::entries`] with the default [`View`].
    pub fn river(&self) -> Vec<EntryRef<'_>> {
        self.entries(&View::default())
    }

    /// Finds one entry by key.
    pub fn entry(&self, key: EntryKey) -> Option<EntryRef<'_>> {
        self.subscriptions.iter().find_map(|s| {
            s.feed
                .entries
                .iter()
                .find(|e| s.key(e) == key)
                .map(|e| EntryRef { key, subscription: s, entry: e })
        })
    }

    /// Whether the entry has been read.
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

    /// Whether the entry is starred.
    pub fn is_starred(&self, key: EntryKey) -> bool {
        self.starred.contains(&key)
    }

    /// Stars or unstars an entry; says whether anything changed.
    pub fn set_starred(&mut self, key: EntryKey, starred: bool) -> bool {
        if starred {
            self.starred.insert(key)
        } else {
            self.starred.remove(&key)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{entry, feed, titles};
    use super::*;

    #[test]
    fn river_merges_feeds_newest_first() {
        let mut library = Library::default();
        library.subscribe(feed("a", vec![entry("1", "a-old", Some(10)), entry("2", "a-new", Some(30))]), None);
        library.subscribe(feed("b", vec![entry("1", "b-mid", Some(20)), entry("2", "b-undated", None)]), None);
        assert_eq!(titles(&library.river()), ["a-new", "b-mid", "a-old", "b-undated"]);
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
    fn subscribing_again_merges_by_id_and_keeps_read_and_starred_state() {
        let mut library = Library::default();
        let id = library.subscribe(feed("a", vec![entry("1", "first", Some(1)), entry("2", "second", Some(2))]), None);
        library.mark_read(EntryKey::new(&id, "1"));
        library.set_starred(EntryKey::new(&id, "1"), true);
        library.rename(&id, Some("Mine".into()));
        let again = library.subscribe(
            feed("a", vec![entry("1", "first, edited", Some(1)), entry("3", "third", Some(3))]),
            None,
        );
        assert_eq!(again, id, "the same feed is one subscription");
        assert_eq!(library.subscriptions().len(), 1);
        assert_eq!(titles(&library.river()), ["third", "second", "first, edited"]);
        assert!(library.is_read(EntryKey::new(&id, "1")));
        assert!(library.is_starred(EntryKey::new(&id, "1")));
        assert_eq!(library.unread_counts()[&id], 2);
        assert_eq!(library.subscriptions()[0].title(), "Mine", "a refresh keeps the reader's name");
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
    fn star_and_unstar() {
        let mut library = Library::default();
        let id = library.subscribe(feed("a", vec![entry("1", "x", None)]), None);
        let key = EntryKey::new(&id, "1");
        assert!(library.set_starred(key, true));
        assert!(!library.set_starred(key, true), "starring twice changes nothing");
        assert!(library.is_starred(key));
        assert_eq!(library.starred_keys().len(), 1);
        assert!(library.set_starred(key, false));
        assert!(!library.is_starred(key));
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

    #[test]
    fn subscriptions_stored_before_names_and_folders_still_load() {
        let stored = serde_json::json!({
            "id": "abc", "source": null,
            "feed": serde_json::to_value(feed("old", vec![])).unwrap(),
        });
        let subscription: Subscription = serde_json::from_value(stored).unwrap();
        assert_eq!(subscription.title(), "old");
        assert_eq!(subscription.folder, None);
        assert!(!subscription.is_pending());
    }
}
