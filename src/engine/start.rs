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

use std::collections::HashSet;
use std::rc::Rc;

use crate::core::keys::{EntryKey, FeedId};
use crate::core::library::{Filter, Scope, Subscription, View};
use crate::protocol::{Command, Event, Listed, Notice, Row, Saving, Start};

use super::ports::{Fetch, FirstRow, Platform, Store};
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
                state.library.restore_settings(glance.settings.clone().unwrap_or_default());
                state.new_device = !glance.started;
                state.glance = Some(glance);
            }
            Err(error) => self.emit(Event::Notice(Notice::Storage(error))),
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
                library.restore_settings(loaded.settings.unwrap_or_default());
                state.without_facets = loaded.without_facets;
                state.journal_seen = loaded.journal_at;
                state.library.restore_account(loaded.account);
                state.library.restore_history(loaded.history);
                state.library.restore_updated(loaded.updated);
                if let Some(Saving { done, of }) = loaded.interrupted {
                    self.emit(Event::Notice(Notice::Interrupted { done, of }));
                    *self.forget_interrupted.borrow_mut() = true;
                }
                state.new_device = !loaded.started;
                state.orphans = loaded.orphans;
            }
            Err(error) => {
                // The reader still works for this visit; nothing stored is touched.
                self.emit(Event::Notice(Notice::Storage(error)));
                self.state.borrow_mut().new_device = true;
            }
        }
        self.state.borrow_mut().glance = None;
        self.phase.set(Phase::Loaded);
        if *self.forget_interrupted.borrow() {
            // Told once: storage forgets how far the interrupted change got.
            self.commit().await;
        }
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
            let settings = state.library.settings();
            let trained = settings.filter == Filter::Focus
                || !settings.show_hidden && settings.training.iter().any(|r| r.opinion == crate::core::library::Opinion::Dislike);
            match (&state.glance, state.new_device || trained) {
                (Some(glance), false) => Some(Event::Ready {
                    settings: state.library.settings().clone(),
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
        {
            let mut state = self.state.borrow_mut();
            state.started_early = Some(start.clone());
            state.ready = true;
        }
        self.emit(ready);
        let mut view = start.view;
        (view.filter, view.sort) = self.state.borrow().library.settings().list();
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
        let (feeds, read, starred, history, updated) = {
            let state = self.state.borrow();
            let Some(glance) = &state.glance else { return Vec::new() };
            let in_scope = |s: &&Subscription| match &view.scope {
                Scope::All | Scope::Starred => true,
                // A tag's list waits for the library, as its tags are in the settings.
                Scope::Tag(_) | Scope::Shared => false,
                Scope::Feed(id) => &s.id == id,
                Scope::Folder(name) => s.folder.as_deref() == Some(name.as_str()),
                // Read history is in no date order: it waits for the library.
                Scope::History => false,
            };
            let feeds: HashSet<FeedId> = glance.subscriptions.iter().filter(in_scope).map(|s| s.id.clone()).collect();
            let updated: HashSet<EntryKey> = glance.updated.iter().copied().collect();
            (feeds, Rc::new(glance.read.clone()), Rc::new(glance.starred.clone()), glance.history.clone(), updated)
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
            .map(|FirstRow { key, feed, entry, excerpt }| {
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
                    opened: history.iter().find(|(k, _)| *k == key).map(|&(_, at)| at),
                    updated: updated.contains(&key),
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
            self.state.borrow_mut().library.forget(orphans);
            self.commit().await;
        }
        let ready = {
            let library = &self.state.borrow().library;
            Event::Ready { settings: library.settings().clone(), feeds: feed_items(library), counts: library.counts() }
        };
        self.state.borrow_mut().ready = true;
        self.emit(ready);
        if self.state.borrow().library.account().is_some() {
            self.count_waiting().await;
        }
        // The list opens in the filter and order the reader chose last time.
        let mut view = start.view;
        (view.filter, view.sort) = self.state.borrow().library.settings().list();
        self.show(0, view);
        let engine = self.clone();
        self.platform().spawn(Box::pin(async move { engine.read_words().await }));
    }

    /// A first visit: the sample feed, so the reader is never empty. It is a static file,
    /// already parsed and sanitized when the app was built (so a first visit needs no
    /// parser). Entries opened meanwhile wait for it.
    async fn first_visit(self: &Rc<Self>, sample: &str) {
        self.state.borrow_mut().sample = Some(Vec::new());
        self.take_in_sample(sample).await;
    }

    /// Takes in the whole sample and saves it; whoever waited to open one of its entries
    /// goes on.
    async fn take_in_sample(self: &Rc<Self>, sample: &str) {
        let parsed = match self.ports.fetch().get(sample, None).await {
            Ok(answer) => serde_json::from_slice::<Parsed>(&answer.bytes).map_err(|e| e.to_string()),
            Err(problem) => Err(problem.to_string()),
        };
        match parsed {
            Ok(Parsed { feed, arrivals }) => {
                self.state.borrow_mut().library.subscribe(feed, None, &arrivals);
                self.commit().await;
            }
            Err(why) => {
                self.emit(Event::Notice(Notice::NoSample(why)));
                // Nothing saved: the next visit tries again.
                self.state.borrow_mut().new_device = false;
            }
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

    /// Reads the search words of every feed into the index, a few feeds at a time, after the
    /// first list is on screen; a search meanwhile says it is partial, and is shown again
    /// once the index is whole.
    async fn read_words(self: Rc<Self>) {
        let ids: Vec<FeedId> = self.state.borrow().library.subscriptions().map(|s| s.id.clone()).collect();
        for chunk in ids.chunks(WORDS_AT_ONCE) {
            match self.ports.store().words(chunk).await {
                Ok(feeds) => {
                    // A feed at a time: a click or a keystroke waits for one feed's words at
                    // most, not a batch's.
                    for (id, words) in feeds {
                        self.state.borrow_mut().library.index_words(&id, &words);
                        self.platform().sleep(0).await;
                    }
                }
                Err(error) => {
                    self.emit(Event::Notice(Notice::SearchWords(error)));
                    return;
                }
            }
        }
        let searching = !self.state.borrow().view.search.trim().is_empty();
        if searching {
            self.relist();
        }
        self.read_facets().await;
    }
}
