//! Reading: the list the page shows and the rows in sight, the open article, read and
//! starred state, "mark all as read", and undo.

use std::rc::Rc;

use crate::core::keys::EntryKey;
use crate::core::library::{Library, Scope, View};
use crate::core::sanitize::shared_story;
use crate::protocol::{plural, Article, Event, Failure, Listed, Mark, Row, Status};

use super::ports::{Platform, Store};
use super::{Engine, Ports, Undo};

/// Rows sent with a list, before the page asks for the ones in sight: more than any screen
/// shows at once.
pub const FIRST_ROWS: usize = 40;

/// Beyond this many changed entries, the page gets the list again rather than each mark.
pub(super) const MARKS_AT_ONCE: usize = 500;

/// Articles kept read ahead: the rows in sight, and those opened lately.
const ARTICLES_AHEAD: usize = 200;

/// Rows of a new list whose articles are read ahead (the first screen's).
const READ_AHEAD: usize = 12;

/// One row of the list, as the page shows it.
pub(super) fn row(library: &Library, key: EntryKey) -> Option<Row> {
    let (summary, subscription) = library.summary(key)?;
    Some(Row {
        key,
        feed: subscription.id.clone(),
        title: summary.title.to_string(),
        excerpt: summary.excerpt.to_string(),
        date: summary.date,
        link: summary.link.as_deref().map(str::to_string),
        read: library.is_read(key),
        starred: library.is_starred(key),
        score: library.score(key),
        reasons: library.reasons(key),
        filtered: library.filtered_by(key).map(|rule| rule.label()),
        also_in: library.copies_of(key).into_iter().map(|(_, feed)| feed).collect(),
        image: summary.image.as_deref().map(str::to_string),
        opened: library.opened_at(key),
        updated: library.is_updated(key),
    })
}

impl<P: Ports> Engine<P> {
    /// The page shows another list (another scope, filter, order or search).
    pub(super) fn show(self: &Rc<Self>, number: u32, view: View) {
        {
            let mut state = self.state.borrow_mut();
            state.view = view;
            state.view_number = number;
        }
        let first = self.emit_list();
        self.read_ahead(first);
    }

    /// The current list again, for the page: after its entries changed. Returns the first
    /// few entries' keys.
    pub(super) fn emit_list(&self) -> Vec<EntryKey> {
        let listed = {
            let state = self.state.borrow();
            let listing = state.library.list(&state.view);
            let rows = listing.keys.iter().take(FIRST_ROWS).filter_map(|&k| row(&state.library, k)).collect();
            Listed { number: state.view_number, keys: listing.keys, rows, partial: listing.partial }
        };
        let first = listed.keys.iter().take(READ_AHEAD).copied().collect();
        self.emit(Event::Listed(listed));
        first
    }

    /// Reads the articles of these entries into memory, so a click on one shows it without
    /// waiting for storage.
    fn read_ahead(self: &Rc<Self>, keys: Vec<EntryKey>) {
        let wanted: Vec<EntryKey> = {
            let state = self.state.borrow();
            keys.into_iter().filter(|k| !state.articles.iter().any(|(cached, _)| cached == k)).collect()
        };
        if wanted.is_empty() {
            return;
        }
        let engine = self.clone();
        self.platform().spawn(Box::pin(async move {
            if let Ok(found) = engine.ports.store().articles_by_key(&wanted).await {
                for (key, entry) in found {
                    engine.keep_article(key, entry);
                }
            }
        }));
    }

    /// Keeps an article in memory (the oldest kept goes when there are too many).
    fn keep_article(&self, key: EntryKey, entry: crate::core::Entry) {
        let mut state = self.state.borrow_mut();
        state.articles.retain(|(k, _)| *k != key);
        state.articles.push_back((key, entry));
        while state.articles.len() > ARTICLES_AHEAD {
            state.articles.pop_front();
        }
    }

    /// The list again soon: changes that come in a burst (a refresh of many feeds) are
    /// shown together.
    pub(super) fn relist(self: &Rc<Self>) {
        if std::mem::replace(&mut self.state.borrow_mut().relisting, true) {
            return;
        }
        let engine = self.clone();
        self.platform().spawn(Box::pin(async move {
            engine.platform().sleep(200).await;
            engine.state.borrow_mut().relisting = false;
            engine.emit_list();
        }));
    }

    pub(super) fn rows(self: &Rc<Self>, keys: &[EntryKey]) {
        let rows = {
            let state = self.state.borrow();
            keys.iter().filter_map(|&k| row(&state.library, k)).collect()
        };
        self.emit(Event::Rows(rows));
        self.read_ahead(keys.to_vec());
    }

    /// Sends the whole article, then marks it read.
    pub(super) async fn open(self: Rc<Self>, key: EntryKey) {
        self.sample_stored().await;
        let cached = self.state.borrow().articles.iter().find(|(k, _)| *k == key).map(|(_, e)| e.clone());
        let stored = match cached {
            Some(entry) => Ok(Some(entry)),
            None => self.ports.store().article(key).await,
        };
        if let Ok(Some(entry)) = &stored {
            self.keep_article(key, entry.clone());
        }
        let article = {
            let state = self.state.borrow();
            let library = &state.library;
            match (stored, library.summary(key)) {
                (Ok(Some(entry)), Some((_, subscription))) => {
                    let body = entry.content.clone().or(entry.summary.clone());
                    let (shared, body) = match body.as_ref().and_then(shared_story) {
                        Some((shared, story)) => (Some(shared), Some(story)),
                        None => (None, body),
                    };
                    Ok(Article {
                        key,
                        feed_id: subscription.id.clone(),
                        feed: subscription.title().to_string(),
                        title: entry.title.clone().unwrap_or_else(|| "(untitled)".into()),
                        link: entry.link.clone(),
                        authors: entry.authors.iter().filter_map(|p| p.name.clone().or_else(|| p.email.clone())).collect(),
                        date: entry.published.or(entry.updated),
                        categories: entry.categories.clone(),
                        enclosures: entry.enclosures.clone(),
                        body,
                        shared,
                        read: true,
                        starred: library.is_starred(key),
                        text: None,
                        text_view: subscription.text_view,
                        updated: library.is_updated(key),
                    })
                }
                (Err(error), _) => Err(Failure::ArticleUnreadable(error)),
                _ => Err(Failure::ArticleGone),
            }
        };
        match article {
            Ok(article) => {
                let now = self.now();
                self.state.borrow_mut().library.record_opened(key, now);
                let text_view = article.text_view;
                // Nothing more is read before the article is sent: a click shows it at once.
                self.emit(Event::Opened(article));
                self.set_read(vec![key], true).await;
                // A feed that opens in Text view has its whole article follow (the one kept,
                // else read from its page), once the entry is marked read.
                if text_view {
                    self.clone().read_text(key).await;
                }
            }
            Err(failure) => self.emit(Event::Status(Status::failed(failure))),
        }
    }

    pub(super) async fn set_read(self: &Rc<Self>, keys: Vec<EntryKey>, read: bool) {
        {
            let mut state = self.state.borrow_mut();
            // Reading an article reads its copies from other feeds too.
            let keys = state.library.with_copies(&keys);
            for key in keys {
                state.library.set_read(key, read);
            }
        }
        self.commit().await;
    }

    pub(super) async fn set_starred(self: &Rc<Self>, key: EntryKey, starred: bool) {
        self.state.borrow_mut().library.set_starred(key, starred);
        self.commit().await;
    }

    /// Tells the page these entries' state, and the counts.
    pub(super) fn emit_marks(&self, keys: &[EntryKey]) {
        if keys.len() > MARKS_AT_ONCE {
            self.emit_list();
        } else {
            let marks = {
                let library = &self.state.borrow().library;
                keys.iter().map(|&key| Mark { key, read: library.is_read(key), starred: library.is_starred(key) }).collect()
            };
            self.emit(Event::Marks(marks));
        }
        let counts = self.state.borrow().library.counts();
        self.emit(Event::Counts(counts));
    }

    /// Marks everything in scope read, offering undo.
    pub(super) async fn mark_all_read(self: &Rc<Self>, scope: Scope) {
        let marked = self.state.borrow_mut().library.mark_all_read(&scope);
        self.marked_many(marked).await;
    }

    /// Marks read what is older than its feed's limit (Settings → Mark entries read after),
    /// starred entries never: on each tick, and when a limit changes.
    pub(super) async fn mark_old_read(self: &Rc<Self>) {
        let now = self.now();
        let marked = self.state.borrow_mut().library.mark_old_read(now);
        if marked.is_empty() {
            return;
        }
        // An "Unread" list loses them at once.
        self.emit_list();
        self.commit().await;
    }

    /// Marks what the list shows above (or below) an entry read, offering undo.
    pub(super) async fn mark_beside(self: &Rc<Self>, key: EntryKey, above: bool) {
        let marked = {
            let mut state = self.state.borrow_mut();
            let view = state.view.clone();
            state.library.mark_beside(&view, key, above)
        };
        if marked.is_empty() {
            let side = if above { "above" } else { "below" };
            self.emit(Event::Status(Status::ok(format!("Everything {side} was already read."))));
            return;
        }
        self.marked_many(marked).await;
    }

    /// Shows, saves and offers to undo a mark of many entries read: the list is shown again
    /// (an "Unread" list empties).
    async fn marked_many(self: &Rc<Self>, marked: crate::core::library::MarkedRead) {
        if marked.is_empty() {
            self.emit(Event::Status(Status::ok("Everything here was already read.")));
            return;
        }
        let text = format!("Marked {} as read.", plural(marked.len(), "entry", "entries"));
        let status = self.with_undo(text, Undo::MarkAllRead(marked));
        self.emit_list();
        if self.commit().await {
            self.emit(Event::Status(status));
        }
    }

    /// Puts back what an action changed.
    pub(super) async fn undo(self: Rc<Self>, number: u32) {
        let Some(undo) = self.state.borrow_mut().undo.remove(&number) else {
            self.emit(Event::Status(Status::failed(Failure::UndoGone)));
            return;
        };
        match undo {
            Undo::MarkAllRead(marked) => {
                self.state.borrow_mut().library.undo_mark_all(&marked);
                // An "Unread" list fills again.
                self.emit_list();
            }
            Undo::Training(training) => self.state.borrow_mut().library.set_training(training),
            Undo::Filters(filters) => self.restore_filters(filters),
            Undo::Saved(saved) => {
                self.state.borrow_mut().library.set_saved(saved);
            }
            Undo::Remove(removed) => {
                // A feed of the account: unsubscribed there (or about to be), subscribed again.
                let url = removed.subscription().remote.as_ref().and(removed.subscription().feed.self_link.clone());
                self.state.borrow_mut().library.restore(*removed);
                if let Some(url) = url {
                    self.queue(crate::core::sync::FeedOp::Subscribe { url, replaces: None });
                }
            }
        }
        if self.commit().await {
            self.emit(Event::Status(Status::ok("Undone.")));
        }
    }
}
