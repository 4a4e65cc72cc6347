//! The library: the feeds the reader follows, a summary of every entry that has arrived from
//! them, what has been read or starred, and the search index.
//!
//! It is what the engine holds in memory, so it stays small at 100,000 entries: the articles
//! themselves (bodies, authors, attachments) live in storage and are read one at a time when
//! the reader opens one. Each entry is kept as a [`Summary`] (key, date, title, a one-line
//! excerpt) plus its words in the search index.
//!
//! - [`feeds`]: names, folders, removal with undo, subscriptions waiting for a first fetch.
//! - [`intake`]: entries arriving from a fetch or a document, merged by id; pruning.
//! - [`view`]: the entry list as the reader asks for it, unread counts, mark all read.
//! - [`search`]: the inverted index every search runs on.
//! - [`fetched`]: fetch records, back-off, what a refresh fetches.
//! - [`merge`]: taking in another copy of a feed (a backup) without losing anything.

mod account;
mod copies;
mod feeds;
mod fetched;
mod filtered;
mod history;
mod intake;
mod merge;
mod saved;
mod search;
mod settings;
mod shares;
mod statistics;
mod tags;
#[cfg(test)]
pub(crate) mod testing;
mod touched;
mod training;
mod updated;
mod view;

use serde::{Deserialize, Serialize};
use std::cell::OnceCell;

use super::hash::fnv1a;
use super::keys::KeyMap;
use super::keys::{EntryKey, FeedId, KeySet};
use super::model::{Entry, Feed};
use super::time::Timestamp;

pub use super::marks::{replay, Marked};
pub use super::model::Arrival;
pub use copies::address_identity;
pub use feeds::Removed;
pub use fetched::{FetchLog, Fetched, Refreshed};
pub use filtered::Filtered;
pub use history::HISTORY_LIMIT;
pub use intake::{Intake, KEEP_PER_FEED};
pub use saved::Saved;
pub use settings::{Preference, Settings, Theme};
pub use shares::Share;
pub use statistics::{Statistics, WEEKS};
pub use tags::tidy_tags;
pub use touched::Touched;
pub use training::{Facet, Opinion, Score, Trained};
pub use view::{Counts, Filter, Listing, MarkedRead, Scope, Sort, View};

/// A feed the reader follows: where it comes from, what the feed says about itself, and the
/// reader's own arrangement. Its entries are not part of it: the library keeps their
/// summaries, storage their articles (`feed.entries` stays empty here; a backup fills it).
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
    #[serde(default)]
    pub(crate) pending: bool,
    /// When the feed was fetched, and what went wrong last time.
    #[serde(default)]
    pub fetch: FetchLog,
    /// A CORS proxy template for this feed alone (else the one in Settings, if any).
    #[serde(default)]
    pub proxy: Option<String>,
    /// New entries raise a system notification while the reader is open.
    #[serde(default)]
    pub notify: bool,
    /// What the reader's filters hide among the feed's entries.
    #[serde(default)]
    pub filtered: Filtered,
    /// A feed of the reader's account on its own server (none: one the reader follows here).
    #[serde(default)]
    pub remote: Option<Remote>,
    /// This feed's entries older than this many days are marked read (0: never); `None`: as
    /// the settings say for every feed.
    #[serde(default)]
    pub read_after_days: Option<u32>,
    /// The feed's entries open in Text view: the whole article read from its page.
    #[serde(default)]
    pub text_view: bool,
}

/// Where an account's feed lives on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remote {
    /// The key space of the account's entries (`Account::space`).
    pub space: FeedId,
    /// The server's stream id (`feed/12`).
    pub stream: String,
}

impl Subscription {
    /// A subscription to a feed just read, at the top level, with no name of the reader's own.
    pub fn new(id: FeedId, source: Option<String>, feed: Feed) -> Subscription {
        Subscription {
            id,
            source,
            feed,
            name: None,
            folder: None,
            pending: false,
            fetch: FetchLog::default(),
            proxy: None,
            notify: false,
            filtered: Filtered::default(),
            remote: None,
            read_after_days: None,
            text_view: false,
        }
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

    /// The key of one of its entries. A feed of the reader's account keys them in the
    /// account's space, by the server's item id (which the server's id lists give without
    /// their feed); any other feed in its own.
    pub fn entry_key(&self, entry_id: &str) -> EntryKey {
        EntryKey::new(self.key_space(), entry_id)
    }

    /// What its entries' keys are made in (see [`Subscription::entry_key`]).
    pub fn key_space(&self) -> &FeedId {
        self.remote.as_ref().map_or(&self.id, |r| &r.space)
    }

    /// Whether the subscription waits for its first fetch (it has an address but no content).
    pub fn is_pending(&self) -> bool {
        self.pending
    }

    /// This subscription with the feed's entries and parse diagnostics left out: what storage
    /// keeps as the subscription's record.
    pub fn record(&self) -> Subscription {
        let mut record = self.clone();
        record.feed.entries = Vec::new();
        record.feed.diagnostics = Vec::new();
        record
    }
}

/// What the library keeps of an entry: enough to list it, sort it and count it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub key: EntryKey,
    /// Published, else updated: what the list sorts by and shows.
    pub date: Option<Timestamp>,
    /// Plain text; empty when the entry has none.
    pub title: Box<str>,
    /// The first words of the article, plain text.
    pub excerpt: Box<str>,
    /// The original article's address.
    pub link: Option<Box<str>>,
    /// The first author's name (else address), for the trainer.
    pub author: Option<Box<str>>,
    /// The entry's categories, for the trainer.
    pub categories: Box<[Box<str>]>,
    /// The picture a card shows: an image attachment (`media:thumbnail`), else the article's
    /// first image that is not a small icon.
    pub image: Option<Box<str>>,
}

/// One entry in the library's table. Its number (the index in the table) is what the search
/// index and the orders refer to; a number is never reused while the library lives.
#[derive(Debug, Clone)]
struct Slot {
    summary: Summary,
    /// The [`Followed::number`] of the feed the entry belongs to.
    feed: u32,
    /// A hash of the words the entry was indexed with (an entry served again unchanged keeps
    /// its number and postings); `None` until its words are indexed.
    words_hash: Option<u64>,
}

/// A followed feed and the entries it holds, in the feed's own order (newest arrivals first).
#[derive(Debug, Clone)]
struct Followed {
    subscription: Subscription,
    /// Stays the same while the library lives, whatever is added or removed before it.
    number: u32,
    entries: Vec<u32>,
}

/// Everything the reader knows, in memory.
///
/// Read and starred state are sets of entry keys, independent of the entries: a key outlives
/// its entry (pruned, or its feed removed), so an entry fetched again later still shows as
/// read, and undoing a removal brings the state back with it.
#[derive(Debug, Clone, Default)]
pub struct Library {
    followed: Vec<Followed>,
    slots: Vec<Slot>,
    /// Each slot's key and feed again, 16 bytes apart: what lists and counts read of every
    /// entry. A slot is about 190 bytes (summary, copy hashes), and reading 90,000 of them in
    /// date order (across feeds) missed the cache at every one: a list took 4 ms, this 0.5.
    places: Vec<Place>,
    /// What finds each slot's copies in other feeds (see [`copies`]), worked out once per
    /// summary, and kept apart from the slots for the same reason.
    identities: Vec<copies::Identity>,
    by_key: KeyMap<u32>,
    read: KeySet,
    starred: KeySet,
    search: search::SearchIndex,
    /// Entries whose words are not in the search index yet.
    unindexed: usize,
    next_feed_number: u32,
    /// Every listed entry newest first, then oldest first; rebuilt after a change.
    newest: OnceCell<Vec<u32>>,
    oldest: OnceCell<Vec<u32>>,
    /// The reader's settings: the trainer's rules, the filters (what they hide is in each
    /// feed's record), "show hidden" and the saved searches shape lists and counts.
    settings: Settings,
    /// Every slot's score under the trainer's rules.
    scores: OnceCell<Vec<training::Score>>,
    /// What each saved search lists (before read state).
    saved_lists: OnceCell<Vec<Vec<EntryKey>>>,
    /// Which entries are copies of which (the same article through several feeds).
    copies: OnceCell<copies::Copies>,
    /// What changed since the engine last took it.
    touched: Touched,
    /// The reader's account on its own server, if connected.
    account: Option<crate::core::sync::Account>,
    /// Entries a refresh brought a new version of (see [`Library::updated`]).
    updated: KeySet,
    /// The entries the reader opened, most recent first (see [`history`]).
    history: Vec<(EntryKey, crate::core::time::Timestamp)>,
}

/// Where an entry is: its key and its feed's number (see [`Library::places`]).
#[derive(Debug, Clone, Copy)]
struct Place {
    key: EntryKey,
    feed: u32,
}

/// Two libraries are equal when they follow the same feeds with the same entries and state;
/// slot numbers and the search index are how they are held, and do not count.
impl PartialEq for Library {
    fn eq(&self, other: &Library) -> bool {
        self.read == other.read
            && self.starred == other.starred
            && self.followed.len() == other.followed.len()
            && self.followed.iter().zip(&other.followed).all(|(a, b)| {
                a.subscription == b.subscription && self.summaries_of(&a.subscription.id) == other.summaries_of(&b.subscription.id)
            })
    }
}

impl Library {
    /// An empty library with this read and starred state.
    pub fn with_marks(read: impl IntoIterator<Item = EntryKey>, starred: impl IntoIterator<Item = EntryKey>) -> Library {
        Library { read: read.into_iter().collect(), starred: starred.into_iter().collect(), ..Library::default() }
    }

    /// Every subscription, in the order the reader added them.
    pub fn subscriptions(&self) -> impl ExactSizeIterator<Item = &Subscription> + '_ {
        self.followed.iter().map(|f| &f.subscription)
    }

    /// One subscription by id.
    pub fn subscription(&self, id: &FeedId) -> Option<&Subscription> {
        self.position(id).map(|i| &self.followed[i].subscription)
    }

    fn position(&self, id: &FeedId) -> Option<usize> {
        self.followed.iter().position(|f| &f.subscription.id == id)
    }

    /// A subscription to change; whoever changes it records it as touched.
    fn subscription_mut(&mut self, id: &FeedId) -> Option<&mut Subscription> {
        let i = self.position(id)?;
        Some(&mut self.followed[i].subscription)
    }

    /// What changed since the last call: what the engine writes, and tells the page and the
    /// other tabs.
    pub fn take_touched(&mut self) -> Touched {
        std::mem::take(&mut self.touched)
    }

    /// What changed since the changes were last taken.
    pub fn touched(&self) -> &Touched {
        &self.touched
    }

    /// Stored entries of feeds no longer subscribed go for good.
    pub fn forget(&mut self, ids: Vec<FeedId>) {
        self.touched.forgotten.extend(ids);
    }

    /// The summaries of a feed's entries, in the feed's order (what storage keeps per feed).
    pub fn summaries_of(&self, id: &FeedId) -> Vec<Summary> {
        let Some(i) = self.position(id) else { return Vec::new() };
        self.followed[i].entries.iter().map(|&n| self.slots[n as usize].summary.clone()).collect()
    }

    /// One entry's summary, and the feed it belongs to.
    pub fn summary(&self, key: EntryKey) -> Option<(&Summary, &Subscription)> {
        let slot = &self.slots[*self.by_key.get(&key)? as usize];
        let feed = self.followed.iter().find(|f| f.number == slot.feed)?;
        Some((&slot.summary, &feed.subscription))
    }

    /// How many entries the library holds.
    pub fn len(&self) -> usize {
        self.followed.iter().map(|f| f.entries.len()).sum()
    }

    /// True when no feed holds any entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The keys of every entry ever marked read (and not marked unread since).
    pub fn read_keys(&self) -> &KeySet {
        &self.read
    }

    /// The keys of every starred entry.
    pub fn starred_keys(&self) -> &KeySet {
        &self.starred
    }

    /// Whether the entry has been read.
    pub fn is_read(&self, key: EntryKey) -> bool {
        self.read.contains(&key)
    }

    /// Marks an entry read or unread; says whether anything changed.
    pub fn set_read(&mut self, key: EntryKey, read: bool) -> bool {
        let changed = if read { self.read.insert(key) } else { self.read.remove(&key) };
        if changed {
            self.touched.mark(key, Some(read), None);
        }
        changed
    }

    /// Whether the entry is starred.
    pub fn is_starred(&self, key: EntryKey) -> bool {
        self.starred.contains(&key)
    }

    /// Stars or unstars an entry; says whether anything changed.
    pub fn set_starred(&mut self, key: EntryKey, starred: bool) -> bool {
        let changed = if starred { self.starred.insert(key) } else { self.starred.remove(&key) };
        if changed {
            self.touched.mark(key, None, Some(starred));
        }
        changed
    }

    /// Replaces the read and starred state whole (as storage holds it: nothing is recorded as
    /// touched); returns the keys whose state differs now.
    pub fn replace_marks(&mut self, read: KeySet, starred: KeySet) -> Vec<EntryKey> {
        let mut changed: KeySet = self.read.symmetric_difference(&read).copied().collect();
        changed.extend(self.starred.symmetric_difference(&starred).copied());
        self.read = read;
        self.starred = starred;
        changed.into_iter().collect()
    }

    /// Replays journal records another tab wrote (as storage holds them: nothing is recorded
    /// as touched); returns the keys whose state differs now.
    pub fn apply_marks(&mut self, journal: &[Marked]) -> Vec<EntryKey> {
        let mut keys: Vec<EntryKey> = journal.iter().flat_map(|m| m.keys.iter().copied()).collect();
        keys.sort_unstable();
        keys.dedup();
        let before: Vec<(bool, bool)> = keys.iter().map(|&k| (self.is_read(k), self.is_starred(k))).collect();
        replay(&mut self.read, &mut self.starred, journal);
        keys.into_iter().zip(before).filter(|&(k, was)| was != (self.is_read(k), self.is_starred(k))).map(|(k, _)| k).collect()
    }

    /// The id a feed gets when subscribed: from its own address if it has one.
    pub fn feed_id(feed: &Feed, source: Option<&str>) -> FeedId {
        let identity = source.or(feed.self_link.as_deref()).or(feed.link.as_deref()).or(feed.title.as_deref()).unwrap_or("");
        Library::feed_id_for_url(identity)
    }

    /// The id a feed fetched from `url` gets.
    pub fn feed_id_for_url(url: &str) -> FeedId {
        FeedId(format!("{:012x}", fnv1a(&[url.as_bytes()]) >> 16))
    }

    /// Scores (and the saved searches' lists, which leave hidden entries out) follow the
    /// trainer's rules and the filters' verdicts: called when either changes.
    fn scores_changed(&mut self) {
        self.touched.scores = true;
        self.forget_scores();
    }

    /// Forgets the scores and what saved searches list, to be worked out again when asked.
    fn forget_scores(&mut self) {
        self.scores = OnceCell::new();
        self.saved_lists = OnceCell::new();
    }

    /// Orders and counts follow the entries: called by every change to them.
    fn entries_changed(&mut self) {
        self.newest = OnceCell::new();
        self.oldest = OnceCell::new();
        self.scores = OnceCell::new();
        self.saved_lists = OnceCell::new();
        self.copies = OnceCell::new();
    }

    /// Whether hidden entries are listed and counted.
    pub fn shows_hidden(&self) -> bool {
        self.settings.show_hidden
    }

    /// A new slot for an entry of feed `feed` (a [`Followed::number`]), indexed for search
    /// when its words are known.
    fn new_slot(&mut self, feed: u32, summary: Summary, words: Option<&str>) -> u32 {
        let n = self.slots.len() as u32;
        self.by_key.insert(summary.key, n);
        let words_hash = match words {
            Some(words) => {
                self.search.add(n, words);
                Some(fnv1a(&[words.as_bytes()]))
            }
            None => {
                self.unindexed += 1;
                None
            }
        };
        self.identities.push(copies::Identity::of(&summary));
        self.places.push(Place { key: summary.key, feed });
        self.slots.push(Slot { summary, feed, words_hash });
        n
    }

    /// Gives a slot a new summary (the entry changed), and what finds its copies.
    fn set_summary(&mut self, n: u32, summary: Summary) {
        self.identities[n as usize] = copies::Identity::of(&summary);
        self.slots[n as usize].summary = summary;
    }

    /// Forgets a slot's text; its number stays taken (the search index may still name it,
    /// but no feed lists it any more, so no list shows it).
    fn drop_slot(&mut self, n: u32) {
        let slot = &mut self.slots[n as usize];
        if self.by_key.get(&slot.summary.key) == Some(&n) {
            self.by_key.remove(&slot.summary.key);
        }
        if slot.words_hash.is_none() {
            self.unindexed -= 1;
            slot.words_hash = Some(0);
        }
        slot.summary.title = Box::default();
        slot.summary.excerpt = Box::default();
        slot.summary.link = None;
    }
}

/// The summary of an entry of a feed whose entries are keyed in `space` (its key space), as
/// the library keeps it.
pub fn summarize(space: &FeedId, entry: &Entry, excerpt: &str) -> Summary {
    Summary {
        key: EntryKey::new(space, &entry.id),
        date: entry.published.or(entry.updated),
        title: entry.title.as_deref().unwrap_or("").into(),
        excerpt: excerpt.into(),
        link: entry.link.as_deref().map(Into::into),
        author: entry.authors.iter().find_map(|p| p.name.as_deref().or(p.email.as_deref())).map(Into::into),
        categories: entry.categories.iter().map(|c| c.as_str().into()).collect(),
        image: card_image(entry).map(Into::into),
    }
}

/// An entry's picture for the card view: its first image attachment, else the first image of
/// its article (content, then summary) that does not say it is smaller than 80 pixels. The
/// article is the sanitizer's output, so every image is a web address already checked, and
/// its tags have one shape (` name="value"` attributes).
pub fn card_image(entry: &Entry) -> Option<String> {
    let attached = entry.enclosures.iter().find(|e| e.mime_type.as_deref().is_some_and(|t| t.starts_with("image/")));
    if let Some(enclosure) = attached {
        return Some(enclosure.url.clone());
    }
    let bodies = [&entry.content, &entry.summary];
    bodies.into_iter().flatten().find_map(|body| first_image(body.as_str()))
}

fn first_image(html: &str) -> Option<String> {
    let attribute = |tag: &str, name: &str| {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let len = tag[start..].find('"')?;
        Some(tag[start..start + len].replace("&amp;", "&"))
    };
    html.match_indices("<img ").find_map(|(at, _)| {
        let tag = &html[at..at + html[at..].find('>')?];
        let small = ["width", "height"].iter().any(|n| attribute(tag, n).and_then(|v| v.parse::<u32>().ok()).is_some_and(|v| v < 80));
        let src = attribute(tag, "src")?;
        (!small && (src.starts_with("https://") || src.starts_with("http://"))).then_some(src)
    })
}

#[cfg(test)]
mod tests {
    use super::testing::{entry, feed, subscribe, titles};
    use super::*;

    #[test]
    fn river_merges_feeds_newest_first() {
        let mut library = Library::default();
        subscribe(&mut library, feed("a", vec![entry("1", "a-old", Some(10)), entry("2", "a-new", Some(30))]));
        subscribe(&mut library, feed("b", vec![entry("1", "b-mid", Some(20)), entry("2", "b-undated", None)]));
        assert_eq!(titles(&library, &View::default()), ["a-new", "b-mid", "a-old", "b-undated"]);
    }

    #[test]
    fn same_entry_id_in_two_feeds_is_two_entries() {
        let mut library = Library::default();
        let a = subscribe(&mut library, feed("a", vec![entry("1", "a", Some(1))]));
        let b = subscribe(&mut library, feed("b", vec![entry("1", "b", Some(2))]));
        assert_ne!(EntryKey::new(&a, "1"), EntryKey::new(&b, "1"));
        library.set_read(EntryKey::new(&a, "1"), true);
        assert!(!library.is_read(EntryKey::new(&b, "1")));
        assert_eq!(library.len(), 2);
    }

    #[test]
    fn mark_unread_undoes_mark_read_and_star_toggles() {
        let mut library = Library::default();
        let id = subscribe(&mut library, feed("a", vec![entry("1", "x", None)]));
        let key = EntryKey::new(&id, "1");
        assert!(library.set_read(key, true));
        assert!(!library.set_read(key, true), "marking twice changes nothing");
        assert_eq!(library.counts().unread[&id], 0);
        assert!(library.set_read(key, false));
        assert_eq!(library.counts().unread[&id], 1);
        assert!(library.set_starred(key, true));
        assert!(!library.set_starred(key, true));
        assert_eq!(library.counts().starred, 1);
        assert!(library.set_starred(key, false));
        assert!(!library.is_starred(key));
    }

    #[test]
    fn finds_an_entry_by_key_with_its_feed() {
        let mut library = Library::default();
        let id = subscribe(&mut library, feed("a", vec![entry("1", "one", None), entry("2", "two", None)]));
        let (summary, subscription) = library.summary(EntryKey::new(&id, "2")).unwrap();
        assert_eq!(&*summary.title, "two");
        assert_eq!(subscription.title(), "a");
        assert!(library.summary(EntryKey(0)).is_none());
    }

    #[test]
    fn a_subscription_crosses_to_and_from_the_workers_whole() {
        // Binary messages carry every field: a field left out when it has its default would
        // shift every field after it.
        let mut library = Library::default();
        let pending = library.add_pending("https://a.example/".into(), Some("A".into()), None);
        let record = library.subscription(&pending).unwrap().clone();
        assert_eq!(postcard::from_bytes::<Subscription>(&postcard::to_stdvec(&record).unwrap()).unwrap(), record);
        let mut fetched = record.clone();
        fetched.fetch.failures = 3;
        fetched.proxy = Some("https://proxy.example/?u=".into());
        assert_eq!(postcard::from_bytes::<Subscription>(&postcard::to_stdvec(&fetched).unwrap()).unwrap(), fetched);
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

    #[test]
    fn replacing_marks_says_which_entries_changed() {
        let mut library = Library::with_marks([EntryKey(1), EntryKey(2)], [EntryKey(3)]);
        let mut changed = library.replace_marks([EntryKey(2), EntryKey(4)].into_iter().collect(), KeySet::default());
        changed.sort();
        assert_eq!(changed, [EntryKey(1), EntryKey(3), EntryKey(4)]);
        assert!(library.is_read(EntryKey(4)) && !library.is_starred(EntryKey(3)));
    }
}
