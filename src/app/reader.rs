//! The page's shared state: the library in a signal, the view the list shows, what is open,
//! and the messages the reader must see. The rules live in `core::library`; this is glue.
//! What the reader can do with it is in `actions.rs`.

use std::collections::HashMap;

use leptos::prelude::*;

use super::sample;
use crate::core::library::{EntryKey, Filter, Library, MarkedRead, Removed, Scope, Sort, View};
use crate::core::settings::Settings;
use crate::core::Timestamp;
use crate::core::library::FeedId;
use crate::route::Route;
use crate::web::cache;
use crate::web::storage::{self, StorageError};

/// One row of the entry list, copied out of the library.
#[derive(Clone, PartialEq)]
pub struct Row {
    pub key: EntryKey,
    pub title: String,
    pub feed: String,
    pub date: Option<Timestamp>,
}

/// The shared state of the page, handed to each pane through context.
#[derive(Clone, Copy)]
pub struct Reader {
    pub library: RwSignal<Library>,
    /// Which entries the list shows: scope (sidebar), filter, sort, search.
    pub view: RwSignal<View>,
    /// The reader's choices that outlive a visit: theme, default filter and sort, …
    pub settings: RwSignal<Settings>,
    /// The entry open in the reading pane.
    pub selected: RwSignal<Option<EntryKey>>,
    /// The entries the list shows, in order.
    pub list: Memo<Vec<Row>>,
    /// Where each entry sits in the library (subscription, entry), for lookups by key.
    pub index: Memo<HashMap<EntryKey, (usize, usize)>>,
    /// The list position moved by n / p without opening.
    pub cursor: RwSignal<Option<EntryKey>>,
    /// Whether the shortcut help is open.
    pub help: RwSignal<bool>,
    /// Problems the reader must hear about (storage trouble), newest last.
    pub notices: RwSignal<Vec<String>>,
    /// The outcome of the last thing the reader did, with an undo where one exists.
    pub status: RwSignal<Option<Status>>,
    /// True once the entry cache has answered (or could not be opened).
    pub ready: RwSignal<bool>,
    /// The feeds being fetched right now (each shows a spinner).
    pub in_flight: RwSignal<std::collections::HashSet<FeedId>>,
    /// Bumped when only feeds' fetch records changed (a failure, an unchanged answer): those
    /// updates leave `library` quiet, so the entry list is not recomputed for them; what shows
    /// fetch records tracks this too.
    pub fetch_log: RwSignal<u64>,
    /// A refresh of several feeds under way: (done, of).
    pub progress: RwSignal<Option<(usize, usize)>>,
    /// Whether the settings panel is open.
    pub settings_open: RwSignal<bool>,
}

/// A short message about what just happened.
#[derive(Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub error: bool,
    pub undo: Option<Undo>,
}

impl Status {
    pub fn ok(text: impl Into<String>) -> Status {
        Status { text: text.into(), error: false, undo: None }
    }

    pub fn error(text: impl Into<String>) -> Status {
        Status { text: text.into(), error: true, undo: None }
    }
}

/// What an "Undo" button puts back.
#[derive(Clone, PartialEq)]
pub enum Undo {
    MarkAllRead(MarkedRead),
    Remove(Removed),
}

impl Reader {
    /// Loads what the device has saved; on a first visit, subscribes the bundled sample feed.
    pub(super) fn load() -> Reader {
        let loaded = storage::load();
        let first_visit = loaded.subscriptions.is_none();
        // Entries saved in localStorage by an earlier version move to the entry cache.
        let entries_in_local_storage =
            loaded.subscriptions.as_ref().is_some_and(|subs| subs.iter().any(|s| !s.feed.entries.is_empty()));
        let mut library = Library::new(loaded.subscriptions.unwrap_or_default(), loaded.read, loaded.starred);
        let mut notices: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        if first_visit {
            match sample::feed() {
                Ok(feed) => {
                    library.subscribe(feed, None);
                }
                Err(error) => notices.push(format!("The sample feed could not be read: {error}")),
            }
        }
        let library = RwSignal::new(library);
        let route = web_sys::window().and_then(|w| w.location().hash().ok()).map(|h| Route::parse(&h));
        let route = route.unwrap_or(Route { scope: Scope::All, entry: None });
        let settings = loaded.settings;
        let view = RwSignal::new(View { scope: route.scope, filter: settings.filter, sort: settings.sort, ..View::default() });
        let list = Memo::new(move |_| {
            view.with(|view| {
                library.with(|library| {
                    library
                        .entries(view)
                        .into_iter()
                        .map(|r| Row {
                            key: r.key,
                            title: r.entry.title.clone().unwrap_or_else(|| "(untitled)".into()),
                            feed: r.subscription.title().to_string(),
                            date: r.date(),
                        })
                        .collect::<Vec<_>>()
                })
            })
        });
        let index = Memo::new(move |_| {
            library.with(|l| {
                let mut index = HashMap::new();
                for (i, s) in l.subscriptions().iter().enumerate() {
                    for (j, e) in s.feed.entries.iter().enumerate() {
                        index.insert(EntryKey::new(&s.id, &e.id), (i, j));
                    }
                }
                index
            })
        });
        let reader = Reader {
            library,
            view,
            index,
            settings: RwSignal::new(settings),
            selected: RwSignal::new(route.entry),
            list,
            cursor: RwSignal::new(route.entry),
            help: RwSignal::new(false),
            notices: RwSignal::new(notices),
            status: RwSignal::new(None),
            ready: RwSignal::new(false),
            in_flight: RwSignal::new(Default::default()),
            fetch_log: RwSignal::new(0),
            progress: RwSignal::new(None),
            settings_open: RwSignal::new(false),
        };
        reader.load_cache(first_visit || entries_in_local_storage);
        reader
    }

    /// Opens the entry cache and puts each feed's cached entries back. With `write_all`, the
    /// entries in memory (the sample on a first visit, or entries an earlier version kept in
    /// localStorage) are written to the cache first.
    fn load_cache(&self, write_all: bool) {
        let reader = *self;
        leptos::task::spawn_local(async move {
            match cache::open().await {
                Ok(db) => {
                    match cache::load_all(&db).await {
                        Ok(feeds) => {
                            let mut orphans = Vec::new();
                            reader.library.update(|library| {
                                for (id, entries) in feeds {
                                    if !library.restore_entries(&id, entries) {
                                        orphans.push(id);
                                    }
                                }
                            });
                            cache::keep(db);
                            cache::forget(orphans);
                        }
                        Err(error) => {
                            cache::keep(db);
                            reader.notices.update(|n| n.push(format!("Cached articles could not be read ({error}); they will be fetched again.")));
                        }
                    }
                }
                Err(error) => reader.notices.update(|n| {
                    n.push(format!("{error}. Articles are kept in localStorage instead, which holds much less."))
                }),
            }
            if write_all {
                let all: Vec<FeedId> = reader.library.with_untracked(|l| l.subscriptions().iter().map(|s| s.id.clone()).collect());
                reader.save_entries(&all);
                reader.save_subscriptions();
            }
            reader.ready.set(true);
            reader.when_idle(move || reader.library.with_untracked(Library::prepare_search));
        });
    }

    /// Runs `work` after the browser has painted what is on screen now: for saving and
    /// indexing that must not delay the first screen.
    pub(super) fn when_idle(&self, work: impl FnOnce() + 'static) {
        let reader = *self;
        leptos::task::spawn_local(async move {
            let promise = js_sys::Promise::new(&mut |resolve, _| {
                if let Some(window) = web_sys::window() {
                    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
                }
            });
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            if reader.alive() {
                work();
            }
        });
    }

    /// Writes the cached entries of these feeds (to IndexedDB, or with the subscriptions when
    /// there is no IndexedDB).
    pub(super) fn save_entries(&self, ids: &[FeedId]) {
        if !cache::is_open() {
            self.save_subscriptions();
            return;
        }
        let feeds: Vec<(FeedId, String)> = self.library.with_untracked(|l| {
            ids.iter()
                .filter_map(|id| l.subscription(id))
                .filter_map(|s| serde_json::to_string(&s.feed.entries).ok().map(|json| (s.id.clone(), json)))
                .collect()
        });
        let notices = self.notices;
        cache::save(feeds, move |error| {
            notices.update(|n| n.push(format!("Articles could not be saved on this device ({error}). What was saved before is intact.")))
        });
    }

    /// Whether the page still shows this reader: work that finishes after it was taken down
    /// (a fetch, a deferred save) must not touch it.
    pub(super) fn alive(&self) -> bool {
        self.library.try_with_untracked(|_| ()).is_some()
    }

    pub(super) fn report(&self, result: Result<(), StorageError>) {
        if let Err(error) = result {
            self.notices.update(|n| n.push(error.to_string()));
        }
    }

    pub(super) fn save_subscriptions(&self) {
        let with_entries = !cache::is_open();
        let result = self.library.with_untracked(|l| storage::save_subscriptions(l, with_entries));
        self.report(result);
    }

    pub(super) fn save_read(&self) {
        let result = self.library.with_untracked(storage::save_read);
        self.report(result);
    }

    /// Changes the settings and saves them.
    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(change);
        let result = self.settings.with_untracked(storage::save_settings);
        self.report(result);
    }

    pub(super) fn save_starred(&self) {
        let result = self.library.with_untracked(storage::save_starred);
        self.report(result);
    }

    /// Shows an entry in the reading pane and marks it read. It stays in an "Unread" list
    /// until the reader changes what the list shows.
    pub fn open(&self, key: EntryKey) {
        self.keep_visible(key);
        self.selected.set(Some(key));
        self.cursor.set(Some(key));
        self.set_read(key, true);
    }

    /// Moves `delta` entries down (or up) the list from the cursor, opening the entry if asked.
    /// At either end it stays put.
    pub fn step(&self, delta: isize, open: bool) {
        let from = self.cursor.get_untracked().or(self.selected.get_untracked());
        let target = self.list.with_untracked(|rows| {
            let index = match from.and_then(|key| rows.iter().position(|r| r.key == key)) {
                Some(i) => i.checked_add_signed(delta).filter(|&i| i < rows.len()).unwrap_or(i),
                // Nothing chosen yet: j and n start at the top.
                None => 0,
            };
            rows.get(index).map(|r| r.key)
        });
        let Some(key) = target else { return };
        if open {
            self.open(key);
        } else {
            self.cursor.set(Some(key));
        }
    }

    /// An entry's plain-text excerpt for the list (computed when its row is drawn).
    pub fn excerpt(&self, key: EntryKey) -> Option<String> {
        let (i, j) = self.index.with_untracked(|index| index.get(&key).copied())?;
        self.library.with_untracked(|l| {
            let entry = l.subscriptions().get(i)?.feed.entries.get(j)?;
            let body = entry.summary.as_ref().or(entry.content.as_ref())?;
            Some(crate::core::sanitize::excerpt(body, 160)).filter(|text| !text.is_empty())
        })
    }

    /// The entry the shortcuts act on: the open one, else the one under the cursor.
    pub fn current(&self) -> Option<EntryKey> {
        self.selected.get_untracked().or(self.cursor.get_untracked())
    }

    /// Shows another part of the library (sidebar, g a, g s), closing the open entry.
    pub fn show(&self, scope: Scope) {
        self.view.update(|v| {
            v.scope = scope;
            v.keep.clear();
        });
        self.selected.set(None);
        self.cursor.set(None);
    }

    /// Changes the list's filter (unread / all / starred); remembered for the next visit.
    pub fn set_filter(&self, filter: Filter) {
        self.view.update(|v| {
            v.filter = filter;
            v.keep.clear();
        });
        self.update_settings(|s| s.filter = filter);
    }

    /// Flips the list's order; remembered for the next visit.
    pub fn toggle_sort(&self) {
        let sort = match self.view.with_untracked(|v| v.sort) {
            Sort::NewestFirst => Sort::OldestFirst,
            Sort::OldestFirst => Sort::NewestFirst,
        };
        self.view.update(|v| v.sort = sort);
        self.update_settings(|s| s.sort = sort);
    }

    /// Keeps an entry in the list whatever its state becomes, where the view filters by state
    /// (otherwise the list need not be recomputed).
    fn keep_visible(&self, key: EntryKey) {
        self.view.maybe_update(|v| (v.filter != Filter::All || v.scope == Scope::Starred) && v.keep.insert(key));
    }

    /// Marks an entry read or unread, and saves only the read state.
    pub fn set_read(&self, key: EntryKey, read: bool) {
        let mut changed = false;
        self.library.maybe_update(|library| {
            changed = if read { library.mark_read(key) } else { library.mark_unread(key) };
            changed
        });
        if changed {
            self.save_read();
        }
    }

    /// Stars or unstars an entry, and saves only the starred set.
    pub fn set_starred(&self, key: EntryKey, starred: bool) {
        let mut changed = false;
        self.library.maybe_update(|library| {
            changed = library.set_starred(key, starred);
            changed
        });
        if changed {
            // An entry unstarred in the Starred view stays until the view changes.
            self.keep_visible(key);
            self.save_starred();
        }
    }
}

/// "1 entry", "3 entries".
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
