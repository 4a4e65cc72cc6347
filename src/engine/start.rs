//! Starting: storage is read as soon as the engine exists, in three steps so that a library of
//! 100,000 entries opens as fast as one of 25:
//!
//! 1. a glance (subscriptions, read and starred state, settings, the last counts): then a
//!    `Start` is answered at once with the sidebar and the first screen of its list, read
//!    straight from the stored articles' date index;
//! 2. every entry's summary, into the library: then the whole list, and every other command
//!    (they wait until here);
//! 3. the search words, a few feeds at a time.
//!
//! On a device new to this version the `Start` brings either the data of the version before
//! (to migrate) or nothing (a first visit: the sample feed).

use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;

use crate::core::keys::{EntryKey, FeedId};
use crate::core::library::{Filter, Scope, Subscription, View};
use crate::core::migrate::{keys, migrate_envelope};
use crate::core::settings::Settings;
use crate::core::Entry;
use crate::protocol::{Command, Event, Legacy, Listed, Row, Start};

use super::ports::{Change, FeedWrite, Fetch, FirstRow, Marked, Parser, Platform, Store};
use super::reading::FIRST_ROWS;
use super::{feed_item, feed_items, Engine, Parsed, Phase, Ports};

/// How many feeds' search words are read at a time, between which other work runs: indexing
/// four feeds of 300 entries holds the engine for about 10 ms, so a click waits no longer.
const WORDS_AT_ONCE: usize = 4;

/// Stored articles a first screen looks at, at most, for the entries it shows (a list of a
/// rare filter may then show fewer until the whole list is there).
const FIRST_SCREEN_LOOKS: usize = 2000;

impl<P: Ports> Engine<P> {
    /// Reads storage: a glance first (a `Start` waiting is answered from it), then everything
    /// into the library; then takes the commands that came in the meantime.
    pub(super) async fn load(self: Rc<Self>) {
        match self.ports.store().glance().await {
            Ok(glance) => {
                let mut state = self.state.borrow_mut();
                state.set_settings(glance.settings.clone().unwrap_or_default());
                state.new_device = !glance.started;
                state.glance = Some(glance);
            }
            Err(error) => self.emit(Event::Notice(error.to_string())),
        }
        self.phase.set(Phase::Glanced);
        let start = {
            let mut waiting = self.waiting.borrow_mut();
            waiting.iter().position(|(c, _)| matches!(c, Command::Start(_))).map(|i| waiting.remove(i).0)
        };
        if let Some(Command::Start(start)) = start {
            self.clone().glanced_start(start).await;
        }
        match self.ports.store().load().await {
            Ok(loaded) => {
                let mut state = self.state.borrow_mut();
                let library = &mut state.library;
                for (record, summaries) in loaded.feeds {
                    library.restore_feed(record, summaries);
                }
                library.replace_marks(loaded.read, loaded.starred);
                state.set_settings(loaded.settings.unwrap_or_default());
                state.without_facets = loaded.without_facets;
                state.new_device = !loaded.started;
                state.orphans = loaded.orphans;
            }
            Err(error) => {
                // The reader still works for this visit; nothing stored is touched.
                self.emit(Event::Notice(error.to_string()));
                self.state.borrow_mut().new_device = true;
            }
        }
        self.state.borrow_mut().glance = None;
        self.phase.set(Phase::Loaded);
        // A start answered from the glance now shows the whole list.
        if let Some(start) = self.state.borrow_mut().started_early.take() {
            self.receive(Command::Start(start), Vec::new());
        }
        let waiting = std::mem::take(&mut *self.waiting.borrow_mut());
        for (command, files) in waiting {
            self.receive(command, files);
        }
        self.refilter_if_due();
    }

    /// Answers a `Start` from the glance, before the library is read: the sidebar, the last
    /// counts, and the first screen of the list. On a device new to this version (or when the
    /// glance failed) it waits for the library instead.
    pub(super) async fn glanced_start(self: Rc<Self>, start: Start) {
        let ready = {
            let state = self.state.borrow();
            // The glance has no scores: a list the trainer shapes waits for the library.
            let settings = &state.settings;
            let trained = settings.filter == Filter::Focus
                || !settings.show_hidden && settings.training.iter().any(|r| r.opinion == crate::core::library::Opinion::Dislike);
            match (&state.glance, state.new_device || trained) {
                (Some(glance), false) => Some(Event::Ready {
                    settings: state.settings.clone(),
                    feeds: glance.subscriptions.iter().map(feed_item).collect(),
                    counts: glance.counts.clone().unwrap_or_default(),
                }),
                _ => None,
            }
        };
        let Some(ready) = ready else {
            self.waiting.borrow_mut().insert(0, (Command::Start(start), Vec::new()));
            return;
        };
        self.state.borrow_mut().started_early = Some(start.clone());
        self.emit(ready);
        let mut view = start.view;
        (view.filter, view.sort) = self.state.borrow().settings.list();
        let rows = self.first_screen(&view).await;
        let mut state = self.state.borrow_mut();
        // The page may have asked for another list meanwhile (it waits for the library).
        if state.view_number == 0 {
            state.view = view;
            let keys = rows.iter().map(|r| r.key).collect();
            drop(state);
            self.emit(Event::Listed(Listed { number: 0, keys, rows, partial: false }));
        }
    }

    /// The first rows of a list, straight from the stored articles (by date).
    async fn first_screen(&self, view: &View) -> Vec<Row> {
        let (feeds, read, starred) = {
            let state = self.state.borrow();
            let Some(glance) = &state.glance else { return Vec::new() };
            let in_scope = |s: &&Subscription| match &view.scope {
                Scope::All | Scope::Starred => true,
                Scope::Feed(id) => &s.id == id,
                Scope::Folder(name) => s.folder.as_deref() == Some(name.as_str()),
            };
            let feeds: HashSet<FeedId> = glance.subscriptions.iter().filter(in_scope).map(|s| s.id.clone()).collect();
            (feeds, Rc::new(glance.read.clone()), Rc::new(glance.starred.clone()))
        };
        let starred_only = view.scope == Scope::Starred || view.filter == Filter::Starred;
        let unread_only = view.filter == Filter::Unread;
        let (marks_read, marks_starred) = (read.clone(), starred.clone());
        let wanted = move |key: EntryKey, feed: &FeedId| {
            let (read, starred) = (&marks_read, &marks_starred);
            feeds.contains(feed) && (!starred_only || starred.contains(&key)) && (!unread_only || !read.contains(&key))
        };
        let found = match self.ports.store().first_screen(view.sort, wanted, FIRST_ROWS, FIRST_SCREEN_LOOKS).await {
            Ok(found) => found,
            // The whole list comes once the library is read.
            Err(_) => return Vec::new(),
        };
        found
            .into_iter()
            .map(|FirstRow { feed, entry, excerpt }| {
                let key = EntryKey::new(&feed, &entry.id);
                let image = crate::core::library::card_image(&entry);
                Row {
                    key,
                    feed,
                    title: entry.title.unwrap_or_default(),
                    excerpt,
                    date: entry.published.or(entry.updated),
                    link: entry.link,
                    read: read.contains(&key),
                    starred: starred.contains(&key),
                    score: Default::default(),
                    reasons: Vec::new(),
                    filtered: None,
                    also_in: Vec::new(),
                    image,
                }
            })
            .collect()
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
                state.set_settings(settings.clone());
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
        self.read_facets().await;
    }

    /// Summaries stored by a version before the trainer lack their entries' authors and
    /// categories: read them from the articles, a feed at a time, and store them, once.
    async fn read_facets(self: &Rc<Self>) {
        let ids = std::mem::take(&mut self.state.borrow_mut().without_facets);
        let mut changed = false;
        for id in ids {
            let Ok(articles) = self.ports.store().articles(&id).await else { continue };
            let write = {
                let mut state = self.state.borrow_mut();
                changed |= state.library.add_facets(&id, &articles);
                let summaries = state.library.summaries_of(&id);
                state.library.subscription(&id).map(|s| FeedWrite { summaries: Some(summaries), ..FeedWrite::record(s.record()) })
            };
            if let Some(write) = write {
                self.commit(Change { feeds: vec![write], ..Change::default() }).await;
            }
            self.platform().sleep(0).await;
        }
        if changed && !self.state.borrow().library.training().is_empty() {
            self.emit_marks(&[]);
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
        articles: picked().map(|a| (a.entry.clone(), a.excerpt.clone())).collect(),
        words: picked().map(|a| (EntryKey::new(id, &a.entry.id), a.words.clone())).collect(),
        dropped: Vec::new(),
    })
}
