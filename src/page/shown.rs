//! What the page shows, and nothing more: the sidebar, the keys of the current list with the
//! rows in sight, the one article open, the status line. Every change comes from the engine
//! as an [`Event`] ([`Shown::apply`]); what the reader does goes to the engine as a command
//! (`actions.rs`), with the row's look changed at once where the outcome is certain.

use std::collections::{BTreeSet, HashMap};

use leptos::prelude::*;

use super::link::Link;
use crate::core::keys::{EntryKey, FeedId};
use crate::core::library::Settings;
use crate::core::library::{Counts, Scope, View};
use crate::protocol::{Article, Command, Event, FeedItem, Lookup, Row, Status};

/// The signals every pane shares, handed to each through context.
#[derive(Clone, Copy)]
pub struct Shown {
    /// This page's number with the link (see `Link::listen`).
    pub page: StoredValue<u32>,
    /// True once the engine has answered `Start`.
    pub ready: RwSignal<bool>,
    /// True once a list is shown (the engine's, or a first visit's recording of it): the
    /// static first screen in `#app` makes way then (`super::take_over`).
    pub listed: RwSignal<bool>,
    pub settings: RwSignal<Settings>,
    /// The saved search the list shows, if it is one, and whether the list is shown as cards.
    pub saved_now: Memo<Option<String>>,
    pub cards_now: Memo<bool>,
    pub feeds: RwSignal<Vec<FeedItem>>,
    pub counts: RwSignal<Counts>,
    /// The list the reader asked for (its `keep` is the engine's business).
    pub view: RwSignal<View>,
    /// The number of the latest `Show`; answers to earlier ones are dropped.
    pub asked: StoredValue<u32>,
    /// Every entry of the current list, in order.
    pub keys: RwSignal<Vec<EntryKey>>,
    /// The search index was still being built when the list was made.
    pub partial: RwSignal<bool>,
    /// The rows the page has been sent (those in sight, and some around them).
    pub rows: RwSignal<HashMap<EntryKey, Row>>,
    /// Rows asked for and not yet here.
    pub asking: StoredValue<BTreeSet<EntryKey>>,
    /// The entry chosen for the reading pane, and its article once it arrives.
    pub selected: RwSignal<Option<EntryKey>>,
    pub article: RwSignal<Option<Article>>,
    /// A feed's statistics, while their dialog is open.
    pub statistics: RwSignal<Option<crate::core::library::Statistics>>,
    /// Which text of the open article shows: the feed's, or the whole article (Text view).
    pub reading: RwSignal<Reading>,
    /// The list position moved by n / p without opening.
    pub cursor: RwSignal<Option<EntryKey>>,
    pub help: RwSignal<bool>,
    /// The trainer is open beside the article, with the title words it offers.
    pub trainer: RwSignal<bool>,
    pub phrase: RwSignal<String>,
    /// Why the filter the reader typed was refused (shown under its field).
    pub filter_problem: RwSignal<Option<String>>,
    /// A saved search the address named, shown once the settings that hold it arrive.
    pub saved_at_start: StoredValue<Option<String>>,
    pub settings_open: RwSignal<bool>,
    /// Problems the reader must hear about (storage trouble), newest last.
    pub notices: RwSignal<Vec<String>>,
    /// A big change being saved in parts: how far it is (the page asks before it is closed).
    pub saving: RwSignal<Option<crate::protocol::Saving>>,
    pub status: RwSignal<Option<Status>>,
    pub fetching: RwSignal<BTreeSet<FeedId>>,
    pub progress: RwSignal<Option<(u32, u32)>>,
    pub lookup: RwSignal<Option<Lookup>>,
    /// The account on the reader's server, how connecting it went, a sync's progress and what
    /// went wrong with the last one.
    pub account: RwSignal<Option<crate::core::sync::AccountView>>,
    pub connection: RwSignal<Option<crate::core::sync::Connection>>,
    pub syncing: RwSignal<Option<crate::protocol::Saving>>,
    pub sync_error: RwSignal<Option<crate::core::sync::SyncError>>,
}

/// Which text of the open article the reading pane shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// The feed's own text.
    Feed,
    /// The whole article is being read from its page.
    Loading,
    /// The whole article (Text view).
    Text,
    /// It could not be read: why, and what would work (the feed's text shows below).
    Failed(String),
    /// What its last update changed is being worked out.
    ChangesAsked,
    /// What its last update changed (`None`: the earlier version could not be read).
    Changes(Option<crate::core::changes::Changes>),
}

impl Shown {
    pub fn new(view: View, selected: Option<EntryKey>) -> Shown {
        let settings = RwSignal::new(Settings::default());
        let view = RwSignal::new(view);
        // Worked out once per change of the list or the settings, not by every row that asks.
        let saved_now = Memo::new(move |_| {
            let view = view.get();
            settings.with(|s| s.saved.iter().find(|saved| saved.is(&view)).map(|saved| saved.name.clone()))
        });
        let cards_now = Memo::new(move |_| {
            let route = crate::page::route::Route { scope: view.with(|v| v.scope.clone()), entry: None, saved: saved_now.get() };
            let name = route.to_hash().trim_start_matches("#/").to_string();
            settings.with(|s| s.cards.contains(&name))
        });
        Shown {
            page: StoredValue::new(0),
            ready: RwSignal::new(false),
            listed: RwSignal::new(false),
            settings,
            saved_now,
            cards_now,
            feeds: RwSignal::new(Vec::new()),
            counts: RwSignal::new(Counts::default()),
            view,
            asked: StoredValue::new(0),
            keys: RwSignal::new(Vec::new()),
            partial: RwSignal::new(false),
            rows: RwSignal::new(HashMap::new()),
            asking: StoredValue::new(BTreeSet::new()),
            selected: RwSignal::new(selected),
            article: RwSignal::new(None),
            reading: RwSignal::new(Reading::Feed),
            statistics: RwSignal::new(None),
            cursor: RwSignal::new(selected),
            help: RwSignal::new(false),
            trainer: RwSignal::new(false),
            phrase: RwSignal::new(String::new()),
            filter_problem: RwSignal::new(None),
            saved_at_start: StoredValue::new(None),
            settings_open: RwSignal::new(false),
            notices: RwSignal::new(Vec::new()),
            saving: RwSignal::new(None),
            status: RwSignal::new(None),
            fetching: RwSignal::new(BTreeSet::new()),
            progress: RwSignal::new(None),
            lookup: RwSignal::new(None),
            account: RwSignal::new(None),
            connection: RwSignal::new(None),
            syncing: RwSignal::new(None),
            sync_error: RwSignal::new(None),
        }
    }

    /// Whether the page is still up (an event can arrive after it was taken down).
    pub fn alive(&self) -> bool {
        self.ready.try_get_untracked().is_some()
    }

    /// Sends a command, if this page is the one the engine serves (a page taken down in the
    /// browser tests may still hear a key).
    pub fn send(&self, command: Command) {
        self.send_with(command, wasm_bindgen::JsValue::UNDEFINED);
    }

    pub fn send_with(&self, command: Command, extra: wasm_bindgen::JsValue) {
        if self.page.try_get_value().is_some_and(Link::current) {
            Link::send_with(command, extra);
        }
    }

    /// Takes in what the engine says.
    pub fn apply(&self, event: Event) {
        if !self.alive() {
            return;
        }
        match event {
            Event::Ready { settings, feeds, counts } => {
                super::first_visit::remember();
                // The first list (the answer to `Start`) is in the remembered filter and order.
                self.view.update(|v| {
                    v.filter = settings.filter;
                    v.sort = settings.sort;
                });
                self.settings.set(settings);
                self.feeds.set(feeds);
                self.counts.set(counts);
                self.ready.set(true);
                if let Some(name) = self.saved_at_start.try_update_value(Option::take).flatten() {
                    self.show_saved(&name);
                }
            }
            Event::Feeds(feeds) => {
                // The list shows a feed that is gone: show everything instead.
                let current = self.view.with_untracked(|v| v.scope.clone());
                if let Scope::Feed(id) = &current {
                    if !feeds.iter().any(|f| &f.id == id) && self.feeds.with_untracked(|old| old.iter().any(|f| &f.id == id)) {
                        self.feeds.set(feeds);
                        self.show(Scope::All);
                        return;
                    }
                }
                self.feeds.set(feeds);
            }
            Event::Counts(counts) => self.counts.set(counts),
            Event::Listed(listed) => {
                if listed.number != self.asked.get_value() {
                    return;
                }
                self.asking.update_value(BTreeSet::clear);
                self.rows.set(listed.rows.into_iter().map(|r| (r.key, r)).collect());
                self.partial.set(listed.partial);
                self.keys.set(listed.keys);
                if !self.listed.get_untracked() {
                    super::take_over();
                    self.listed.set(true);
                }
            }
            Event::Rows(rows) => {
                self.asking.update_value(|asking| {
                    for row in &rows {
                        asking.remove(&row.key);
                    }
                });
                self.rows.update(|cache| cache.extend(rows.into_iter().map(|r| (r.key, r))));
            }
            Event::Marks(marks) => {
                self.rows.update(|cache| {
                    for mark in &marks {
                        if let Some(row) = cache.get_mut(&mark.key) {
                            row.read = mark.read;
                            row.starred = mark.starred;
                        }
                    }
                });
                self.article.update(|article| {
                    if let Some(article) = article {
                        if let Some(mark) = marks.iter().find(|m| m.key == article.key) {
                            article.read = mark.read;
                            article.starred = mark.starred;
                        }
                    }
                });
            }
            Event::Opened(article) => {
                if self.selected.get_untracked() == Some(article.key) {
                    self.reading.set(match (article.text_view, article.text.is_some()) {
                        (false, _) => Reading::Feed,
                        (true, true) => Reading::Text,
                        (true, false) => Reading::Loading,
                    });
                    self.article.set(Some(article));
                }
            }
            Event::Statistics(statistics) => self.statistics.set(Some(statistics)),
            Event::Changes { key, changes } => {
                let open = self.article.with_untracked(|a| a.as_ref().is_some_and(|a| a.key == key));
                if open && self.reading.get_untracked() == Reading::ChangesAsked {
                    self.reading.set(Reading::Changes(changes));
                }
            }
            Event::Text { key, outcome } => {
                // Only for the entry still open, and only if the reader still waits for it.
                let open = self.article.with_untracked(|a| a.as_ref().is_some_and(|a| a.key == key));
                if open && self.reading.get_untracked() == Reading::Loading {
                    match outcome {
                        Ok(text) => {
                            self.article.update(|a| {
                                if let Some(a) = a {
                                    a.text = Some(text);
                                }
                            });
                            self.reading.set(Reading::Text);
                        }
                        Err(problem) => self.reading.set(Reading::Failed(problem.to_string())),
                    }
                }
            }
            Event::Status(status) => self.status.set(Some(status)),
            Event::Notice(notice) => {
                super::take_over();
                self.notices.update(|n| n.push(notice.to_string()));
            }
            Event::Saving(saving) => self.saving.set(saving),
            Event::Progress(progress) => self.progress.set(progress),
            Event::Fetching(ids) => self.fetching.set(ids.into_iter().collect()),
            Event::Lookup(lookup) => {
                // Only while the dialog waits for one.
                if self.lookup.with_untracked(Option::is_some) {
                    self.lookup.set(Some(lookup));
                }
            }
            // The list shown keeps its filter and order: the page is their one writer.
            Event::Settings(settings) => self.settings.set(settings),
            Event::Exported { name, url } => {
                if let Err(message) = super::files::download(&name, &url) {
                    self.status.set(Some(Status::failed(crate::protocol::Failure::Download(message))));
                }
            }
            Event::Migrated { unreadable } => super::legacy::migrated(self, &unreadable),
            Event::ShowFeed(id) => self.show(Scope::Feed(id)),
            Event::Notify(arrived) => self.notify(arrived),
            Event::FilterRejected(problem) => self.filter_problem.set(Some(problem)),
            Event::Account(account) => {
                if account.as_ref().is_some_and(|a| a.synced.is_some()) {
                    self.sync_error.set(None);
                }
                self.account.set(account);
            }
            Event::Connection(connection) => self.connection.set(Some(connection)),
            Event::Syncing(progress) => self.syncing.set(progress),
            Event::SyncFailed(error) => self.sync_error.set(Some(error)),
        }
    }

    /// Asks the engine for the list the view describes now.
    pub fn ask_for_list(&self) {
        self.asked.update_value(|n| *n += 1);
        let number = self.asked.get_value();
        let view = self.view.get_untracked();
        self.send(Command::Show { number, view });
    }

    /// The feed's name for the list and the article.
    pub fn feed_title(&self, id: &FeedId) -> String {
        self.feeds.with(|feeds| feeds.iter().find(|f| &f.id == id).map(|f| f.title.clone()).unwrap_or_default())
    }
}
