//! Starting: storage is read as soon as the engine exists; the page's `Start` then brings
//! the list to show, and on a device new to this version either the data of the version
//! before (to migrate) or nothing (a first visit: the sample feed). Search words are read
//! after the first list is shown.

use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;

use crate::core::library::{EntryKey, FeedId, Subscription};
use crate::core::migrate::{keys, migrate_envelope};
use crate::core::settings::Settings;
use crate::core::Entry;
use crate::protocol::{Event, Legacy, Start};

use super::ports::{Change, FeedWrite, Fetch, Marked, Parser, Platform, Store};
use super::{feed_items, Engine, Parsed, Ports};

/// How many feeds' search words are read at a time, between which other work runs.
const WORDS_AT_ONCE: usize = 16;

impl<P: Ports> Engine<P> {
    /// Reads everything storage holds into the library, then takes the commands that came
    /// in the meantime.
    pub(super) async fn load(self: Rc<Self>) {
        match self.ports.store().load().await {
            Ok(loaded) => {
                let mut state = self.state.borrow_mut();
                let library = &mut state.library;
                for (record, summaries) in loaded.feeds {
                    library.restore_feed(record, summaries);
                }
                library.replace_marks(loaded.read, loaded.starred);
                state.settings = loaded.settings.unwrap_or_default();
                state.new_device = !loaded.started;
                state.orphans = loaded.orphans;
            }
            Err(error) => {
                // The reader still works for this visit; nothing stored is touched.
                self.emit(Event::Notice(error.to_string()));
                self.state.borrow_mut().new_device = true;
            }
        }
        self.loaded.set(true);
        let waiting = std::mem::take(&mut *self.waiting.borrow_mut());
        for (command, files) in waiting {
            self.receive(command, files);
        }
    }

    /// The page has loaded: migrate or greet a new device, then show the sidebar and list.
    pub(super) async fn start(self: Rc<Self>, start: Start) {
        let new_device = self.state.borrow().new_device;
        if new_device {
            if let Some(legacy) = start.legacy {
                self.migrate(legacy).await;
            }
            // Nothing came over (there was nothing, or nothing could be read): a first visit.
            if self.state.borrow().library.subscriptions().len() == 0 {
                self.first_visit(&start.sample).await;
            }
        }
        let orphans = std::mem::take(&mut self.state.borrow_mut().orphans);
        if !orphans.is_empty() {
            self.commit(Change { forgotten: orphans, ..Change::default() }).await;
        }
        let ready = {
            let state = self.state.borrow();
            Event::Ready { settings: state.settings.clone(), feeds: feed_items(&state.library), counts: state.library.counts() }
        };
        self.emit(ready);
        // The list opens in the filter and order the reader chose last time.
        let mut view = start.view;
        (view.filter, view.sort) = self.state.borrow().settings.list();
        self.show(0, view);
        let engine = self.clone();
        self.platform().spawn(Box::pin(async move { engine.read_words().await }));
    }

    /// A first visit: the sample feed, so the reader is never empty. It is a static file,
    /// already parsed and sanitized when the app was built (so a first visit needs no
    /// parser). Entries opened meanwhile wait for it.
    async fn first_visit(&self, sample: &str) {
        self.state.borrow_mut().sample = Some(Vec::new());
        self.take_in_sample(sample).await;
    }

    /// Takes in the whole sample and saves it; whoever waited to open one of its entries
    /// goes on.
    async fn take_in_sample(&self, sample: &str) {
        let parsed = match self.ports.fetch().get(sample, None).await {
            Ok(answer) => serde_json::from_slice::<Parsed>(&answer.bytes).map_err(|e| e.to_string()),
            Err(problem) => Err(problem.to_string()),
        };
        let write = match parsed {
            Ok(Parsed { feed, arrivals }) => {
                let mut state = self.state.borrow_mut();
                let intake = state.library.subscribe(feed, None, &arrivals);
                intake.id.and_then(|id| feed_write(&state.library, &id, &arrivals, &intake.written))
            }
            Err(why) => {
                self.emit(Event::Notice(format!("The sample feed could not be loaded ({why}). Add a feed to start reading.")));
                None
            }
        };
        match write {
            Some(write) => {
                self.commit(Change { feeds: vec![write], order: Some(self.order()), ..Change::default() }).await;
            }
            // Nothing saved: the next visit tries again.
            None => self.state.borrow_mut().new_device = false,
        }
        let waiting = self.state.borrow_mut().sample.take().unwrap_or_default();
        for waiter in waiting {
            let _ = waiter.send(());
        }
    }

    /// Waits until the sample is whole (its list may show before its articles are here).
    pub(super) async fn sample_stored(&self) {
        let waiting = {
            let mut state = self.state.borrow_mut();
            state.sample.as_mut().map(|waiters| {
                let (done, wait) = futures::channel::oneshot::channel();
                waiters.push(done);
                wait
            })
        };
        if let Some(wait) = waiting {
            let _ = wait.await;
        }
    }

    /// The version before the engine kept subscriptions, read and starred state and
    /// settings in localStorage (the page hands them over) and entries in an IndexedDB
    /// database of its own. Everything moves into the engine's storage in one change; the
    /// page removes the old values only after that change is saved, and a value that cannot
    /// be read is set aside by the page (nothing is lost).
    async fn migrate(&self, legacy: Legacy) {
        let mut unreadable = Vec::new();
        let feeds: Vec<Subscription> = legacy_value(keys::FEEDS, legacy.feeds, &mut unreadable).unwrap_or_default();
        let read: BTreeSet<EntryKey> = legacy_value(keys::READ, legacy.read, &mut unreadable).unwrap_or_default();
        let starred: BTreeSet<EntryKey> = legacy_value(keys::STARRED, legacy.starred, &mut unreadable).unwrap_or_default();
        let settings: Option<Settings> = legacy_value(keys::SETTINGS, legacy.settings, &mut unreadable);

        // Entries the old database held, by feed; a damaged record costs that feed's
        // cache, as it did before.
        let mut stored: std::collections::HashMap<FeedId, Vec<Entry>> = match self.ports.store().legacy_entries().await {
            Ok(records) => records.into_iter().filter_map(|(id, json)| Some((id, serde_json::from_str(&json).ok()?))).collect(),
            Err(error) => {
                self.emit(Event::Notice(format!(
                    "Articles saved by the earlier version could not be read ({error}); they will be fetched again."
                )));
                Default::default()
            }
        };
        let mut writes = Vec::new();
        for mut subscription in feeds {
            // Entries kept inline (the earliest version, or no IndexedDB) and in the old
            // database: the inline copy is the fresher one.
            let mut entries = std::mem::take(&mut subscription.feed.entries);
            let known: HashSet<String> = entries.iter().map(|e| e.id.clone()).collect();
            entries.extend(stored.remove(&subscription.id).unwrap_or_default().into_iter().filter(|e| !known.contains(&e.id)));
            let arrivals = self.ports.parser().texts(entries).await;
            let mut state = self.state.borrow_mut();
            let intake = state.library.absorb(subscription.clone(), &arrivals);
            if let Some(write) = intake.id.as_ref().and_then(|id| feed_write(&state.library, id, &arrivals, &intake.written)) {
                writes.push(write);
            }
        }
        let marks = {
            let mut state = self.state.borrow_mut();
            let library = &mut state.library;
            let read: Vec<EntryKey> = read.into_iter().filter(|k| library.set_read(*k, true)).collect();
            let starred: Vec<EntryKey> = starred.into_iter().filter(|k| library.set_starred(*k, true)).collect();
            if let Some(settings) = &settings {
                state.settings = settings.clone();
            }
            let at = self.now();
            let mut marks = Vec::new();
            if !read.is_empty() {
                marks.push(Marked { at, keys: read, read: Some(true), starred: None });
            }
            if !starred.is_empty() {
                marks.push(Marked { at, keys: starred, read: None, starred: Some(true) });
            }
            marks
        };
        let change = Change { feeds: writes, order: Some(self.order()), marks, settings, started: true, ..Change::default() };
        if self.commit(change).await {
            // The page sets the unreadable values aside, and says so.
            self.emit(Event::Migrated { unreadable });
            if let Err(error) = self.ports.store().forget_legacy().await {
                self.emit(Event::Notice(format!(
                    "The earlier version's article cache could not be removed ({error}); it only takes space."
                )));
            }
        }
    }

    /// Reads the search words of every feed into the index, a few feeds at a time, after the
    /// first list is on screen; a search meanwhile says it is partial, and is shown again
    /// once the index is whole.
    async fn read_words(self: Rc<Self>) {
        let ids: Vec<FeedId> = self.state.borrow().library.subscriptions().map(|s| s.id.clone()).collect();
        for chunk in ids.chunks(WORDS_AT_ONCE) {
            match self.ports.store().words(chunk).await {
                Ok(feeds) => {
                    let mut state = self.state.borrow_mut();
                    for (id, words) in feeds {
                        state.library.index_words(&id, &words);
                    }
                }
                Err(error) => {
                    self.emit(Event::Notice(format!("Search may miss entries: their words could not be read ({error}).")));
                    return;
                }
            }
            self.platform().sleep(0).await;
        }
        let searching = !self.state.borrow().view.search.trim().is_empty();
        if searching {
            self.relist();
        }
    }
}

/// A value an earlier version saved under `key` (an envelope of any schema version), or
/// `None` with the reason noted when it cannot be read.
fn legacy_value<T: serde::de::DeserializeOwned>(key: &str, text: Option<String>, unreadable: &mut Vec<(String, String)>) -> Option<T> {
    let text = text?;
    let value = serde_json::from_str(&text)
        .map_err(|e| format!("it is not JSON: {e}"))
        .and_then(|envelope| migrate_envelope(key, envelope))
        .and_then(|data| serde_json::from_value(data).map_err(|e| format!("its contents are not what the reader saves: {e}")));
    match value {
        Ok(value) => Some(value),
        Err(reason) => {
            unreadable.push((key.to_string(), reason));
            None
        }
    }
}

/// One feed's write after entries arrived: its record and summaries, and the arrivals
/// `written` names (their articles and words).
pub(super) fn feed_write(
    library: &crate::core::library::Library,
    id: &FeedId,
    arrivals: &[crate::core::Arrival],
    written: &[usize],
) -> Option<FeedWrite> {
    let record = library.subscription(id)?.record();
    let picked = || written.iter().filter_map(|&i| arrivals.get(i));
    Some(FeedWrite {
        record,
        summaries: Some(library.summaries_of(id)),
        articles: picked().map(|a| a.entry.clone()).collect(),
        words: picked().map(|a| (EntryKey::new(id, &a.entry.id), a.words.clone())).collect(),
        dropped: Vec::new(),
    })
}
