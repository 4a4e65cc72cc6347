//! What the engine needs from the world, as small traits: storage, the network, the parser,
//! and the platform (clock, the page, other tabs). The browser implements them in `web`
//! (IndexedDB, `fetch`, a parser worker, `postMessage`, `BroadcastChannel`); the native tests
//! implement them in memory (`engine::memory`), so whole flows run in `cargo test`.

use std::future::Future;
use std::pin::Pin;

use serde::{Deserialize, Serialize};

use crate::core::backup::{BackupError, Imported};
use crate::core::changes::Changes;
use crate::core::extract::{ExtractError, FullText};
use crate::core::fetching::{Answer, Call, FeedLink, Problem, Reply};
use crate::core::filters::{FilterRule, RuleError, Verdict};
use crate::core::keys::{EntryKey, FeedId, KeySet};
use crate::core::library::{Counts, Marked, Settings, Sort, Subscription, Summary};
use crate::core::opml::{OpmlError, OpmlFeed};
use crate::core::shared_feed::SharedStory;
use crate::core::sync::Account;
use crate::core::{Arrival, Entry, Feed, ParseError, Timestamp};
use crate::protocol::{Event, Shared};
pub use crate::protocol::{Saving, StoreError};

/// What a start needs before anything else, read first because it is small whatever the
/// library's size: the subscriptions, read and starred state, settings, the last counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glance {
    /// Every subscription, in the reader's order.
    pub subscriptions: Vec<Subscription>,
    pub read: KeySet,
    pub starred: KeySet,
    pub settings: Option<Settings>,
    /// The unread counts as the last change left them.
    pub counts: Option<Counts>,
    /// False on a device that never ran this version.
    pub started: bool,
    /// The read history and the updated entries (small), so the first screen's rows say what
    /// the library's will.
    pub history: Vec<(EntryKey, Timestamp)>,
    pub updated: Vec<EntryKey>,
}

/// An entry of a first screen, read straight from the stored articles.
#[derive(Debug, Clone, PartialEq)]
pub struct FirstRow {
    pub key: EntryKey,
    pub feed: FeedId,
    pub entry: Entry,
    pub excerpt: String,
}

/// Everything the engine holds in memory, as storage has it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    /// Every subscription with its entries' summaries, in the reader's order.
    pub feeds: Vec<(Subscription, Vec<Summary>)>,
    pub read: KeySet,
    pub starred: KeySet,
    pub settings: Option<Settings>,
    /// False on a device that never ran this version: a first visit, or data to migrate.
    pub started: bool,
    /// Feeds whose entries are stored but which are no longer subscribed (removed, and the
    /// removal not undone before the reader left).
    pub orphans: Vec<FeedId>,
    /// Feeds whose summaries were stored by a version that kept no authors or categories in
    /// them: read again from their articles once started.
    pub without_facets: Vec<FeedId>,
    /// The key of the journal's last record when it was read (0: none ever).
    pub journal_at: u64,
    /// A big change that was being saved in parts when the reader left: how far it got.
    pub interrupted: Option<Saving>,
    /// The reader's account on its own server.
    pub account: Option<Account>,
    /// The entries the reader opened, most recent first, with when.
    pub history: Vec<(EntryKey, Timestamp)>,
    /// Entries a refresh brought a new version of.
    pub updated: Vec<EntryKey>,
}

/// How many journal records storage keeps before folding them into the snapshot of read and
/// starred state (shared by every store, so they behave alike).
pub const JOURNAL_LIMIT: usize = 256;

/// Whether a journal of this many records is folded now.
pub fn journal_full(records: usize) -> bool {
    records > JOURNAL_LIMIT
}

/// The journal's records folded now: none until it is full (or the server said something),
/// then every record with an account up to the last it acknowledged (those after wait to be
/// sent), without one every record: the key of the last to fold.
pub fn fold_through(records: usize, last: u64, acked: Option<u64>, server_marks: bool) -> Option<u64> {
    (server_marks || journal_full(records)).then(|| acked.map_or(last, |acked| acked.min(last)))
}

/// The snapshot a journal folds into: read and starred state as replaying it left them
/// (`replay`), each sorted, as every store keeps it. The store then writes it with the key of
/// the last record folded, and clears the journal, in the same transaction.
pub fn folded(read: KeySet, starred: KeySet) -> (Vec<EntryKey>, Vec<EntryKey>) {
    let sorted = |keys: KeySet| {
        let mut keys: Vec<EntryKey> = keys.into_iter().collect();
        keys.sort_unstable();
        keys
    };
    (sorted(read), sorted(starred))
}

/// One feed's part of a change.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedWrite {
    pub record: Subscription,
    /// The feed's entries' summaries, whole, in order (`None`: they did not change).
    pub summaries: Option<Vec<Summary>>,
    /// Articles to store (new or changed), each with its excerpt (a start's first screen
    /// reads them straight from storage).
    pub articles: Vec<(Entry, String)>,
    /// Search words of new or changed entries (kept beside those of the others).
    pub words: Vec<(EntryKey, String)>,
    /// Articles to drop (pruned); their words go too.
    pub dropped: Vec<EntryKey>,
}

impl FeedWrite {
    /// A change to the feed's record alone (a name, a fetch log).
    pub fn record(record: Subscription) -> FeedWrite {
        FeedWrite { record, summaries: None, articles: Vec::new(), words: Vec::new(), dropped: Vec::new() }
    }
}

/// One change the reader (or a refresh) made, written whole or not at all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Change {
    pub feeds: Vec<FeedWrite>,
    /// Subscriptions removed: their records go; their entries stay until forgotten, so an
    /// undo costs no rewrite.
    pub removed: Vec<FeedId>,
    /// Feeds whose stored entries go for good (no longer subscribed).
    pub forgotten: Vec<FeedId>,
    /// The reader's order of subscriptions, when it changed (added, removed, restored).
    pub order: Option<Vec<FeedId>>,
    pub marks: Vec<Marked>,
    pub settings: Option<Settings>,
    /// The unread counts after the change (what the next start shows first).
    pub counts: Option<Counts>,
    /// This version has started here (written with the first change of a new device).
    pub started: bool,
    /// Whether this is a part of a big change saved in several (see [`Part`]).
    pub part: Part,
    /// The reader's account (`Some(None)`: forgotten), when it changed.
    pub account: Option<Option<Account>>,
    /// With an account: the key of the last journal record the server acknowledged. The
    /// records after it wait to be sent, and are never folded away before.
    pub acked: Option<u64>,
    /// Read and starred state the server says: written into the snapshot after the
    /// acknowledged records are folded into it, so the records still waiting (replayed over
    /// it) win.
    pub server_marks: Vec<Marked>,
    /// Whole articles read from entries' pages (Text view): each kept in its article's
    /// record, and its words added to the entry's.
    pub texts: Vec<(FeedId, EntryKey, FullText)>,
    /// The read history, whole, when it changed.
    pub history: Option<Vec<(EntryKey, Timestamp)>>,
    /// The updated entries, whole, when they changed.
    pub updated: Option<Vec<EntryKey>>,
    /// Entries whose new version this change writes: each article keeps the entry it replaces
    /// as its earlier version.
    pub revised: Vec<EntryKey>,
}

/// A big change is saved in parts, each its own transaction, so that an interruption (a
/// closed tab, a reload) loses at most the part under way. Storage keeps where it stands until
/// the last part, so the next start can say what was not saved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Part {
    /// A change written whole.
    #[default]
    Whole,
    /// A part of a big change: this much of it is saved once it is.
    Saving(Saving),
    /// The last part (or: what an interruption left was told).
    Last,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self == &Change::default()
    }

    /// How many articles it writes.
    pub fn articles(&self) -> usize {
        self.feeds.iter().map(|f| f.articles.len()).sum()
    }

    /// The change in parts of about `limit` articles each, whole feeds to a part. The first
    /// carries the small things (marks, settings, removals), so an interruption keeps the read
    /// state of what was saved; the last the order and counts, which name every feed.
    pub fn into_parts(self, limit: usize) -> Vec<Change> {
        let Change {
            feeds,
            removed,
            forgotten,
            order,
            marks,
            settings,
            counts,
            started,
            part: _,
            account,
            acked,
            server_marks,
            texts,
            history,
            updated,
            revised,
        } = self;
        let mut parts = Vec::new();
        // Every part keeps the earlier versions of the entries it writes.
        let mut current = Change {
            removed,
            forgotten,
            marks,
            settings,
            started,
            account,
            acked,
            server_marks,
            texts,
            history,
            updated,
            revised: revised.clone(),
            ..Change::default()
        };
        let mut articles = 0;
        for feed in feeds {
            if articles > 0 && articles + feed.articles.len() > limit {
                parts.push(std::mem::replace(&mut current, Change { revised: revised.clone(), ..Change::default() }));
                articles = 0;
            }
            articles += feed.articles.len();
            current.feeds.push(feed);
        }
        current.order = order;
        current.counts = counts;
        parts.push(current);
        parts
    }

    /// What other tabs must read again after this change.
    pub fn shared(&self) -> Shared {
        Shared {
            feeds: self.feeds.iter().map(|f| f.record.id.clone()).collect(),
            removed: self.removed.iter().chain(&self.forgotten).cloned().collect(),
            marks: !self.marks.is_empty() || !self.server_marks.is_empty(),
            server_marks: !self.server_marks.is_empty(),
            settings: self.settings.is_some(),
            account: self.account.is_some(),
            history: self.history.is_some(),
            updated: self.updated.is_some(),
        }
    }
}

/// The engine's storage: the source of truth.
#[allow(async_fn_in_trait)]
pub trait Store {
    /// What a start reads first (see [`Glance`]).
    async fn glance(&self) -> Result<Glance, StoreError>;
    /// The first `limit` stored articles in date order (newest first, or oldest first) that
    /// `wanted` takes (by key and feed), looking at no more than `look` of them: the first
    /// screen of a list, before the library is read whole.
    async fn first_screen(
        &self,
        sort: Sort,
        wanted: impl Fn(EntryKey, &FeedId) -> bool + 'static,
        limit: usize,
        look: usize,
    ) -> Result<Vec<FirstRow>, StoreError>;
    /// Everything the engine holds in memory, read at start.
    async fn load(&self) -> Result<Loaded, StoreError>;
    /// Some feeds as stored now (another tab changed them); a feed no longer stored is left
    /// out.
    async fn feeds(&self, ids: &[FeedId]) -> Result<Vec<(Subscription, Vec<Summary>)>, StoreError>;
    /// The search words of some feeds' entries.
    async fn words(&self, ids: &[FeedId]) -> Result<Vec<(FeedId, Vec<(EntryKey, String)>)>, StoreError>;
    /// Read and starred state as stored now, and the key of the journal's last record.
    async fn marks(&self) -> Result<(KeySet, KeySet, u64), StoreError>;
    /// The journal's records after the one keyed `after`, in order, with the key of the last;
    /// `None` when some of them were folded into the snapshot already (read it whole then).
    async fn marks_since(&self, after: u64) -> Result<Option<(Vec<Marked>, u64)>, StoreError>;
    async fn settings(&self) -> Result<Option<Settings>, StoreError>;
    /// The account as stored now (another tab changed it).
    async fn account(&self) -> Result<Option<Account>, StoreError>;
    /// The read history as stored now (another tab opened an entry).
    async fn history(&self) -> Result<Vec<(EntryKey, Timestamp)>, StoreError>;
    /// The updated entries as stored now (another tab refreshed).
    async fn updated(&self) -> Result<Vec<EntryKey>, StoreError>;
    /// The version of an entry before its last update, if one is kept.
    async fn previous(&self, key: EntryKey) -> Result<Option<Entry>, StoreError>;
    /// One article.
    async fn article(&self, key: EntryKey) -> Result<Option<Entry>, StoreError>;
    /// The whole article read from an entry's page (Text view), if it was kept.
    async fn text(&self, key: EntryKey) -> Result<Option<FullText>, StoreError>;
    /// Some articles (those of the rows in sight, read ahead of a click).
    async fn articles_by_key(&self, keys: &[EntryKey]) -> Result<Vec<(EntryKey, Entry)>, StoreError>;
    /// Every stored article of a feed (for a backup).
    async fn articles(&self, feed: &FeedId) -> Result<Vec<Entry>, StoreError>;
    /// Writes one change in one transaction: all of it, or (on error) none. Returns the keys
    /// of the first and last journal records it added (its marks), if any.
    async fn write(&self, change: &Change) -> Result<Option<(u64, u64)>, StoreError>;
}

/// The network.
#[allow(async_fn_in_trait)]
pub trait Fetch {
    /// Fetches `url`: directly, then through `proxy` (a template) if the site does not allow
    /// cross-origin reads and a proxy is set.
    async fn get(&self, url: &str, proxy: Option<&str>) -> Result<Answer, Problem>;
    /// Calls an API (the reader's own server): its answer whatever the status; a problem only
    /// when nothing could be asked or read (offline, nothing answers, no answer in time, or
    /// the server does not allow web pages to call it).
    async fn call(&self, call: Call) -> Result<Reply, Problem>;
    /// Whether the device says it is online.
    fn online(&self) -> bool;
}

/// A document to read: its bytes and where it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub bytes: Vec<u8>,
    /// Its address (the base of relative links), if it was fetched.
    pub url: Option<String>,
    /// The charset its Content-Type names, if any.
    pub charset: Option<String>,
}

impl From<&Answer> for Document {
    fn from(answer: &Answer) -> Document {
        Document { bytes: answer.bytes.clone(), url: Some(answer.url.clone()), charset: answer.charset() }
    }
}

/// A feed read and made safe: its metadata (no entries) and its entries as arrivals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    pub feed: Feed,
    pub arrivals: Vec<Arrival>,
}

/// Everything that parses: decode, parse and sanitize feeds, find feeds in web pages, read
/// OPML and backups, check addresses. In the browser a worker of its own, loaded when first
/// needed, so the engine starts without the parser's weight.
#[allow(async_fn_in_trait)]
pub trait Parser {
    async fn feed(&self, document: Document) -> Result<Parsed, ParseError>;
    /// The feeds an HTML page lists.
    async fn links(&self, document: Document) -> Vec<FeedLink>;
    async fn opml(&self, bytes: Vec<u8>) -> Result<Vec<OpmlFeed>, OpmlError>;
    async fn backup(&self, bytes: Vec<u8>) -> Result<Imported, BackupError>;
    /// What the reader typed, as an http(s) address, or why it is not one.
    async fn address(&self, typed: String) -> Result<String, String>;
    /// The usual feed addresses beside a page and at its site's root.
    async fn guesses(&self, page: String) -> Vec<String>;
    /// Items the reader's server sent (an answer of contents, in its dialect), read and made
    /// safe.
    async fn server_items(
        &self,
        dialect: crate::core::sync::Dialect,
        bytes: Vec<u8>,
    ) -> Result<Vec<crate::core::sync::ServerArrival>, crate::core::sync::SyncError>;
    /// A web page read as an article (Text view): in the browser a worker of its own, loaded
    /// the first time the reader asks for a whole article.
    async fn article(&self, document: Document) -> Result<FullText, ExtractError>;
    /// The reader's shared stories as an Atom feed.
    async fn shared_feed(&self, sharer: String, stories: Vec<SharedStory>, now: Timestamp) -> String;
    /// What changed between an entry's earlier and current version (title, body); `None`
    /// when it could not be worked out (its worker did not load). In the browser the
    /// extraction worker's, so the parser carries no diff.
    async fn changes(&self, old: (String, String), new: (String, String)) -> Option<Changes>;
}

/// The reader's filters: their regular expressions compiled and matched. In the browser a
/// worker of its own (the regex engine is too heavy for the parser's, which every feed needs),
/// loaded only when the reader has filters.
#[allow(async_fn_in_trait)]
pub trait Filters {
    /// What the filters say of each entry (none: the rules are only checked), or the first
    /// rule that does not compile.
    async fn judge(&self, rules: Vec<FilterRule>, entries: Vec<Entry>) -> Result<Vec<Verdict>, RuleError>;
}

/// A task the engine starts and does not wait for.
pub type Task = Pin<Box<dyn Future<Output = ()>>>;

/// The rest of the world: the clock, the page, other tabs, the event loop.
pub trait Platform {
    fn now(&self) -> Timestamp;
    /// Tells the page.
    fn emit(&self, event: Event);
    /// Tells the engines of other tabs what changed.
    fn broadcast(&self, shared: &Shared);
    /// Runs a task alongside the others.
    fn spawn(&self, task: Task);
    /// Waits this long, letting other work run (0: just lets it run).
    fn sleep(&self, ms: u32) -> impl Future<Output = ()>;
    /// Makes a file for the reader to save from its parts (joined), and returns an address
    /// the page can download it from.
    fn file(&self, parts: Vec<String>, mime: &str) -> Result<String, String>;
    /// Takes the lock `name` shared by every tab of this reader (held until what this returns
    /// is dropped), or `None` at once when another tab holds it.
    fn lock(&self, name: &str) -> impl Future<Output = Option<Held>>;
}

/// A lock held across tabs; dropped, it is let go.
pub struct Held(pub Option<Box<dyn FnOnce()>>);

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(release) = self.0.take() {
            release();
        }
    }
}
