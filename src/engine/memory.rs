//! The ports in memory, for running the engine's flows in native tests: a store that keeps
//! what the browser's would (records, summaries, words, articles, the journal of marks), a
//! web of canned answers, and a platform that records what the page would be told.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use crate::core::extract::FullText;
use crate::core::fetching::{Answer, Call, Problem, Reply};
use crate::core::keys::{EntryKey, FeedId, KeySet};
use crate::core::library::Settings;
use crate::core::library::{Counts, Sort, Subscription, Summary};
use crate::core::{Entry, Timestamp};
use crate::protocol::{Event, Shared};

use super::ports::{fold_through, folded, Change, Fetch, FirstRow, Glance, Loaded, Part, Platform, Saving, Store, StoreError, Task};
use super::upgrade::LegacyStore;
use crate::core::library::{replay, Marked};
use crate::core::sync::Account;

/// Everything a [`MemoryStore`] holds.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    pub records: BTreeMap<FeedId, Subscription>,
    pub order: Vec<FeedId>,
    pub summaries: BTreeMap<FeedId, Vec<Summary>>,
    pub words: BTreeMap<FeedId, BTreeMap<EntryKey, String>>,
    /// Each article with its feed and excerpt.
    pub articles: HashMap<EntryKey, (FeedId, Entry, String)>,
    /// Whole articles read from entries' pages, kept in their article's record (so a new
    /// version of the article drops its text, as IndexedDB's put of the record does).
    pub texts: HashMap<EntryKey, FullText>,
    pub read: BTreeSet<EntryKey>,
    pub starred: BTreeSet<EntryKey>,
    pub journal: Vec<Marked>,
    /// The key of the journal's first record (keys count up from 1, folded ones too).
    pub journal_start: u64,
    pub settings: Option<Settings>,
    pub counts: Option<Counts>,
    pub started: bool,
    /// A big change saved in parts, while it is.
    pub saving: Option<Saving>,
    pub account: Option<Account>,
    pub history: Vec<(EntryKey, Timestamp)>,
    pub updated: Vec<EntryKey>,
    /// Each updated entry's version before its last update.
    pub previous: HashMap<EntryKey, Entry>,
    /// What the version before the engine kept in IndexedDB.
    pub legacy: Vec<(FeedId, String)>,
    /// Feeds whose summaries are of the first stored version (no authors or categories).
    pub first_version: BTreeSet<FeedId>,
}

/// Storage in memory; two engines (two tabs) may share one.
#[derive(Debug, Default)]
pub struct MemoryStore {
    pub stored: RefCell<Stored>,
    /// Every write fails as a full disk would.
    pub full: Cell<bool>,
    /// Writes that succeed before every later one fails (the tab was closed).
    pub writes_left: Cell<Option<usize>>,
    pub writes: Cell<usize>,
}

impl MemoryStore {
    fn marks_now(stored: &Stored) -> (KeySet, KeySet) {
        let mut read: KeySet = stored.read.iter().copied().collect();
        let mut starred: KeySet = stored.starred.iter().copied().collect();
        replay(&mut read, &mut starred, &stored.journal);
        (read, starred)
    }
}

impl MemoryStore {
    /// The key of the journal's last record, folded or not (0: none ever).
    fn journal_at(stored: &Stored) -> u64 {
        stored.journal_start.max(1) + stored.journal.len() as u64 - 1
    }

    /// The subscriptions in the reader's order (any not in the order last).
    fn ordered(stored: &Stored) -> Vec<FeedId> {
        let mut ids: Vec<FeedId> = stored.order.iter().filter(|id| stored.records.contains_key(id)).cloned().collect();
        ids.extend(stored.records.keys().filter(|id| !stored.order.contains(id)).cloned());
        ids
    }
}

impl Store for Rc<MemoryStore> {
    async fn glance(&self) -> Result<Glance, StoreError> {
        let stored = self.stored.borrow();
        let subscriptions = MemoryStore::ordered(&stored).iter().map(|id| stored.records[id].clone()).collect();
        let (read, starred) = MemoryStore::marks_now(&stored);
        Ok(Glance {
            subscriptions,
            read,
            starred,
            settings: stored.settings.clone(),
            counts: stored.counts.clone(),
            started: stored.started,
            history: stored.history.clone(),
            updated: stored.updated.clone(),
        })
    }

    async fn first_screen(
        &self,
        sort: Sort,
        wanted: impl Fn(EntryKey, &FeedId) -> bool + 'static,
        limit: usize,
        look: usize,
    ) -> Result<Vec<FirstRow>, StoreError> {
        let stored = self.stored.borrow();
        let mut dated: Vec<(&EntryKey, &(FeedId, crate::core::Entry, String))> =
            stored.articles.iter().filter(|(_, (_, e, _))| e.published.or(e.updated).is_some()).collect();
        dated.sort_by_key(|(key, (_, e, _))| (e.published.or(e.updated), key.to_string()));
        if sort == Sort::NewestFirst {
            dated.reverse();
        }
        Ok(dated
            .into_iter()
            .take(look)
            .filter(|(key, (feed, _, _))| wanted(**key, feed))
            .take(limit)
            .map(|(key, (feed, entry, excerpt))| FirstRow { key: *key, feed: feed.clone(), entry: entry.clone(), excerpt: excerpt.clone() })
            .collect())
    }

    async fn load(&self) -> Result<Loaded, StoreError> {
        let stored = self.stored.borrow();
        let ids = MemoryStore::ordered(&stored);
        let feeds = ids.iter().map(|id| (stored.records[id].clone(), stored.summaries.get(id).cloned().unwrap_or_default())).collect();
        let orphans = stored.summaries.keys().filter(|id| !stored.records.contains_key(*id)).cloned().collect();
        let (read, starred) = MemoryStore::marks_now(&stored);
        let without_facets = stored.first_version.iter().filter(|id| stored.records.contains_key(*id)).cloned().collect();
        let journal_at = MemoryStore::journal_at(&stored);
        let (settings, started, interrupted, account) = (stored.settings.clone(), stored.started, stored.saving, stored.account.clone());
        let (history, updated) = (stored.history.clone(), stored.updated.clone());
        Ok(Loaded { feeds, read, starred, settings, started, orphans, without_facets, journal_at, interrupted, account, history, updated })
    }

    async fn feeds(&self, ids: &[FeedId]) -> Result<Vec<(Subscription, Vec<Summary>)>, StoreError> {
        let stored = self.stored.borrow();
        Ok(ids
            .iter()
            .filter_map(|id| Some((stored.records.get(id)?.clone(), stored.summaries.get(id).cloned().unwrap_or_default())))
            .collect())
    }

    async fn words(&self, ids: &[FeedId]) -> Result<Vec<(FeedId, Vec<(EntryKey, String)>)>, StoreError> {
        let stored = self.stored.borrow();
        Ok(ids
            .iter()
            .map(|id| (id.clone(), stored.words.get(id).map(|w| w.iter().map(|(k, v)| (*k, v.clone())).collect()).unwrap_or_default()))
            .collect())
    }

    async fn marks(&self) -> Result<(KeySet, KeySet, u64), StoreError> {
        let stored = self.stored.borrow();
        let (read, starred) = MemoryStore::marks_now(&stored);
        Ok((read, starred, MemoryStore::journal_at(&stored)))
    }

    async fn marks_since(&self, after: u64) -> Result<Option<(Vec<Marked>, u64)>, StoreError> {
        let stored = self.stored.borrow();
        let start = stored.journal_start.max(1);
        if after + 1 < start {
            return Ok(None);
        }
        let from = (after + 1 - start) as usize;
        Ok(Some((stored.journal.get(from..).unwrap_or_default().to_vec(), MemoryStore::journal_at(&stored).max(after))))
    }

    async fn settings(&self) -> Result<Option<Settings>, StoreError> {
        Ok(self.stored.borrow().settings.clone())
    }

    async fn account(&self) -> Result<Option<Account>, StoreError> {
        Ok(self.stored.borrow().account.clone())
    }

    async fn history(&self) -> Result<Vec<(EntryKey, Timestamp)>, StoreError> {
        Ok(self.stored.borrow().history.clone())
    }

    async fn updated(&self) -> Result<Vec<EntryKey>, StoreError> {
        Ok(self.stored.borrow().updated.clone())
    }

    async fn previous(&self, key: EntryKey) -> Result<Option<Entry>, StoreError> {
        Ok(self.stored.borrow().previous.get(&key).cloned())
    }

    async fn article(&self, key: EntryKey) -> Result<Option<Entry>, StoreError> {
        Ok(self.stored.borrow().articles.get(&key).map(|(_, e, _)| e.clone()))
    }

    async fn text(&self, key: EntryKey) -> Result<Option<FullText>, StoreError> {
        Ok(self.stored.borrow().texts.get(&key).cloned())
    }

    async fn articles_by_key(&self, keys: &[EntryKey]) -> Result<Vec<(EntryKey, Entry)>, StoreError> {
        let stored = self.stored.borrow();
        Ok(keys.iter().filter_map(|k| Some((*k, stored.articles.get(k)?.1.clone()))).collect())
    }

    async fn articles(&self, feed: &FeedId) -> Result<Vec<Entry>, StoreError> {
        Ok(self.stored.borrow().articles.values().filter(|(f, _, _)| f == feed).map(|(_, e, _)| e.clone()).collect())
    }

    async fn write(&self, change: &Change) -> Result<Option<(u64, u64)>, StoreError> {
        if self.full.get() {
            return Err(StoreError::Full);
        }
        match self.writes_left.get() {
            Some(0) => return Err(StoreError::Failed("the tab was closed".into())),
            Some(left) => self.writes_left.set(Some(left - 1)),
            None => {}
        }
        self.writes.set(self.writes.get() + 1);
        let mut stored = self.stored.borrow_mut();
        for key in &change.revised {
            if let Some((_, entry, _)) = stored.articles.get(key).cloned() {
                stored.previous.insert(*key, entry);
            }
        }
        for write in &change.feeds {
            let id = &write.record.id;
            stored.records.insert(id.clone(), write.record.clone());
            if let Some(summaries) = &write.summaries {
                stored.summaries.insert(id.clone(), summaries.clone());
                stored.first_version.remove(id);
            }
            for (entry, excerpt) in &write.articles {
                let key = write.record.entry_key(&entry.id);
                stored.texts.remove(&key);
                stored.articles.insert(key, (id.clone(), entry.clone(), excerpt.clone()));
            }
            let words = stored.words.entry(id.clone()).or_default();
            words.extend(write.words.iter().cloned());
            for key in &write.dropped {
                words.remove(key);
            }
            for key in &write.dropped {
                stored.articles.remove(key);
                stored.texts.remove(key);
                stored.previous.remove(key);
            }
        }
        for (feed, key, text) in &change.texts {
            if stored.articles.contains_key(key) {
                stored.texts.insert(*key, text.clone());
                let words = stored.words.entry(feed.clone()).or_default().entry(*key).or_default();
                words.push(' ');
                words.push_str(&text.words);
            }
        }
        for id in &change.removed {
            stored.records.remove(id);
        }
        for id in &change.forgotten {
            stored.records.remove(id);
            stored.summaries.remove(id);
            stored.words.remove(id);
            stored.articles.retain(|_, (feed, _, _)| feed != id);
            let Stored { articles, texts, .. } = &mut *stored;
            texts.retain(|key, _| articles.contains_key(key));
        }
        if let Some(order) = &change.order {
            stored.order = order.clone();
        }
        if let Some(account) = &change.account {
            stored.account = account.clone();
        }
        if let Some(history) = &change.history {
            stored.history = history.clone();
        }
        if let Some(updated) = &change.updated {
            stored.updated = updated.clone();
        }
        let first = MemoryStore::journal_at(&stored) + 1;
        stored.journal.extend(change.marks.iter().cloned());
        let keys = (!change.marks.is_empty()).then(|| (first, first + change.marks.len() as u64 - 1));
        let last = MemoryStore::journal_at(&stored);
        if let Some(through) = fold_through(stored.journal.len(), last, change.acked, !change.server_marks.is_empty()) {
            let start = stored.journal_start.max(1);
            let count = (through + 1).saturating_sub(start) as usize;
            let count = count.min(stored.journal.len());
            let folding: Vec<Marked> = stored.journal.drain(..count).collect();
            let mut read: KeySet = stored.read.iter().copied().collect();
            let mut starred: KeySet = stored.starred.iter().copied().collect();
            replay(&mut read, &mut starred, &folding);
            replay(&mut read, &mut starred, &change.server_marks);
            let (read, starred) = folded(read, starred);
            stored.read = read.into_iter().collect();
            stored.starred = starred.into_iter().collect();
            stored.journal_start = start + count as u64;
        }
        if let Some(settings) = &change.settings {
            stored.settings = Some(settings.clone());
        }
        if let Some(counts) = &change.counts {
            stored.counts = Some(counts.clone());
        }
        stored.started |= change.started;
        match change.part {
            Part::Whole => {}
            Part::Saving(saving) => stored.saving = Some(saving),
            Part::Last => stored.saving = None,
        }
        Ok(keys)
    }
}

impl LegacyStore for Rc<MemoryStore> {
    async fn legacy_entries(&self) -> Result<Vec<(FeedId, String)>, StoreError> {
        Ok(self.stored.borrow().legacy.clone())
    }

    async fn forget_legacy(&self) -> Result<(), StoreError> {
        self.stored.borrow_mut().legacy.clear();
        Ok(())
    }
}

/// The web as a table of answers.
#[derive(Debug, Default)]
pub struct MemoryWeb {
    pub answers: RefCell<HashMap<String, Result<Answer, Problem>>>,
    pub offline: Cell<bool>,
    /// Every address asked for, in order.
    pub asked: RefCell<Vec<String>>,
    /// Every API call made, in order (they go to a real local server: `engine::http`).
    pub calls: RefCell<Vec<Call>>,
}

impl MemoryWeb {
    /// Answers `url` with this body.
    pub fn serve(&self, url: &str, body: &str) {
        let answer = Answer { bytes: body.as_bytes().to_vec(), url: url.into(), redirected: false, content_type: None };
        self.answers.borrow_mut().insert(url.into(), Ok(answer));
    }

    /// Answers `url` with this problem.
    pub fn fail(&self, url: &str, problem: Problem) {
        self.answers.borrow_mut().insert(url.into(), Err(problem));
    }
}

impl Fetch for Rc<MemoryWeb> {
    async fn get(&self, url: &str, _proxy: Option<&str>) -> Result<Answer, Problem> {
        self.asked.borrow_mut().push(url.into());
        self.answers.borrow().get(url).cloned().unwrap_or(Err(Problem::Unreachable))
    }

    async fn call(&self, call: Call) -> Result<Reply, Problem> {
        self.calls.borrow_mut().push(call.clone());
        if self.offline.get() {
            return Err(Problem::Offline);
        }
        #[cfg(not(target_arch = "wasm32"))]
        return super::http::send(&call);
        #[cfg(target_arch = "wasm32")]
        Err(Problem::Unreachable)
    }

    fn online(&self) -> bool {
        !self.offline.get()
    }
}

/// A platform that keeps what the page and the other tabs would be told, and runs tasks on
/// a local pool the test drives.
pub struct MemoryPlatform {
    pub now: Cell<Timestamp>,
    pub events: RefCell<Vec<Event>>,
    pub broadcasts: RefCell<Vec<Shared>>,
    pub files: RefCell<Vec<String>>,
    pub spawner: futures::executor::LocalSpawner,
    /// Locks held, shared by the tabs of one test (see `Platform::lock`).
    pub locks: Rc<RefCell<std::collections::BTreeSet<String>>>,
}

impl Platform for MemoryPlatform {
    fn now(&self) -> Timestamp {
        self.now.get()
    }

    fn emit(&self, event: Event) {
        self.events.borrow_mut().push(event);
    }

    fn broadcast(&self, shared: &Shared) {
        self.broadcasts.borrow_mut().push(shared.clone());
    }

    fn spawn(&self, task: Task) {
        use futures::task::LocalSpawnExt;
        // The pool outlives every engine a test makes.
        let _ = self.spawner.spawn_local(task);
    }

    async fn sleep(&self, _ms: u32) {}

    async fn lock(&self, name: &str) -> Option<super::ports::Held> {
        let mut held = self.locks.borrow_mut();
        if held.contains(name) {
            return None;
        }
        held.insert(name.to_string());
        let (locks, name) = (self.locks.clone(), name.to_string());
        Some(super::ports::Held(Some(Box::new(move || {
            locks.borrow_mut().remove(&name);
        }))))
    }

    fn file(&self, parts: Vec<String>, _mime: &str) -> Result<String, String> {
        let mut files = self.files.borrow_mut();
        files.push(parts.concat());
        Ok(format!("blob:memory/{}", files.len()))
    }
}
