//! One way for every change: a flow changes the library, then calls [`Engine::commit`], which
//! takes what the library says it touched and turns it into the storage transaction, the
//! events the page needs and the message to other tabs. No flow builds a storage change or
//! tells the page of a saved change by hand, so a new flow cannot forget either.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::core::keys::FeedId;
use crate::core::library::Touched;
use crate::protocol::{Event, Mark, Notice};

use super::ports::{Change, FeedWrite, Part, Platform, Saving, Store};
use super::reading::MARKS_AT_ONCE;
use super::{feed_items, Engine, Ports, YieldOnce};

/// Articles written in one transaction at most: a bigger change (an import) is saved in parts.
/// A part of 2,000 articles of about 1.5 KB is written in about a second on a phone.
pub(super) const ARTICLES_PER_WRITE: usize = 2_000;

impl<P: Ports> Engine<P> {
    /// Writes what the library's changes touched, in one transaction, after telling the page
    /// what it shows differently; then tells the other tabs. Says whether it was saved (on
    /// failure the reader hears why, and what storage had is intact).
    pub(super) async fn commit(self: &Rc<Self>) -> bool {
        // Taken before anything waits: whatever changed since belongs to the next commit.
        let touched = self.state.borrow_mut().library.take_touched();
        if touched.is_empty() && !self.state.borrow().new_device && !*self.forget_interrupted.borrow() {
            return true;
        }
        self.tell_page(&touched);
        let change = self.change_of(touched);
        self.writing.set(self.writing.get() + 1);
        let written =
            if change.articles() > ARTICLES_PER_WRITE { self.write_in_parts(change).await } else { self.write_in_turn(change).await };
        self.writing.set(self.writing.get() - 1);
        written
    }

    /// Writes a big change in parts, each committed before the next, telling the page how
    /// many entries are saved until all are: what it shows as done is saved, and the page asks
    /// before it is closed meanwhile. Storage keeps how far it got, so a start after an
    /// interruption says what was not saved. Other changes may be written between parts.
    async fn write_in_parts(&self, change: Change) -> bool {
        let of = change.articles() as u32;
        let parts = change.into_parts(ARTICLES_PER_WRITE);
        let last = parts.len() - 1;
        self.emit(Event::Saving(Some(Saving { done: 0, of })));
        // Said first, so that even an interruption before the first part is told.
        let mut written = self.write_in_turn(Change { part: Part::Saving(Saving { done: 0, of }), ..Change::default() }).await;
        let mut done = 0;
        for (i, mut part) in parts.into_iter().enumerate() {
            if !written {
                break;
            }
            done += part.articles() as u32;
            part.part = if i == last { Part::Last } else { Part::Saving(Saving { done, of }) };
            written = self.write_in_turn(part).await;
            if written && i != last {
                self.emit(Event::Saving(Some(Saving { done, of })));
            }
        }
        self.emit(Event::Saving(None));
        written
    }

    /// Tells the page what a change means for what it shows: the settings, the sidebar and
    /// its counts, then the list, or the marked rows. A burst of changes (a refresh) and a big
    /// one (an import) have the list made a moment later, while storage writes.
    fn tell_page(self: &Rc<Self>, touched: &Touched) {
        if !self.state.borrow().ready {
            return;
        }
        if self.wait_to_send(&touched.marks) || touched.account {
            self.emit_account();
        }
        if touched.settings {
            let settings = self.state.borrow().library.settings().clone();
            self.emit(Event::Settings(settings));
        }
        if touched.feeds_changed() {
            let feeds = feed_items(&self.state.borrow().library);
            self.emit(Event::Feeds(feeds));
        }
        let marked = touched.marked_keys();
        // Saved searches are counted too.
        if touched.feeds_changed() || touched.lists_changed() || touched.settings || !marked.is_empty() {
            let counts = self.state.borrow().library.counts();
            self.emit(Event::Counts(counts));
        }
        if touched.lists_changed() {
            if self.state.borrow().progress.is_some() || touched.articles.len() > ARTICLES_PER_WRITE {
                self.relist();
            } else {
                self.emit_list();
            }
        } else if marked.len() > MARKS_AT_ONCE {
            self.emit_list();
        } else if !marked.is_empty() {
            let marks = {
                let library = &self.state.borrow().library;
                marked.iter().map(|&key| Mark { key, read: library.is_read(key), starred: library.is_starred(key) }).collect()
            };
            self.emit(Event::Marks(marks));
        }
    }

    /// The storage change for what was touched: each touched feed's record, its summaries
    /// when its entries changed, and its arrived and pruned articles.
    fn change_of(&self, touched: Touched) -> Change {
        let now = self.now();
        let state = self.state.borrow();
        let library = &state.library;
        // Every touched feed still subscribed (one removed meanwhile has nothing to write).
        let mut feeds: BTreeMap<FeedId, FeedWrite> = touched
            .records
            .iter()
            .chain(&touched.entries)
            .filter_map(|id| {
                let record = library.subscription(id)?.record();
                let summaries = touched.entries.contains(id).then(|| library.summaries_of(id));
                Some((id.clone(), FeedWrite { summaries, ..FeedWrite::record(record) }))
            })
            .collect();
        for (id, arrival) in touched.articles {
            if let Some(feed) = feeds.get_mut(&id) {
                feed.words.push((feed.record.entry_key(&arrival.entry.id), arrival.words));
                feed.articles.push((arrival.entry, arrival.excerpt));
            }
        }
        for (id, key) in touched.dropped {
            if let Some(feed) = feeds.get_mut(&id) {
                feed.dropped.push(key);
            }
        }
        let marks: Vec<_> = touched.marks.into_iter().map(|marked| crate::core::library::Marked { at: now, ..marked }).collect();
        let removed: Vec<FeedId> = touched.removed.into_iter().filter(|id| library.subscription(id).is_none()).collect();
        // Told of an interrupted change: storage forgets it, and keeps the counts of what its
        // committed parts hold (the counts are written with a change's last part).
        let forgetting = std::mem::take(&mut *self.forget_interrupted.borrow_mut());
        // What a start shows before it has read the library.
        let counts_changed = forgetting
            || !marks.is_empty()
            || !touched.server_marks.is_empty()
            || !removed.is_empty()
            || feeds.values().any(|f| f.summaries.is_some());
        Change {
            feeds: feeds.into_values().collect(),
            removed,
            forgotten: touched.forgotten.into_iter().collect(),
            order: touched.order.then(|| library.subscriptions().map(|s| s.id.clone()).collect()),
            marks,
            settings: touched.settings.then(|| library.settings().clone()),
            counts: counts_changed.then(|| library.counts()),
            started: false,
            part: if forgetting { Part::Last } else { Part::Whole },
            account: touched.account.then(|| library.account().cloned()),
            acked: library.account().map(|a| a.acked),
            server_marks: touched.server_marks,
            texts: touched.texts,
            history: touched.history.then(|| library.history().to_vec()),
            updated: touched.updated.then(|| library.updated()),
            revised: touched.revised,
        }
    }

    /// Waits until every change handed to storage so far is written: a stopping engine lets
    /// what the reader already did reach storage before it closes it.
    pub async fn until_written(&self) {
        while self.writing.get() > 0 {
            drop(self.lane.lock().await);
            // Let the writer that is next in the lane take it.
            YieldOnce(false).await;
        }
    }

    /// Writes a change when its turn comes (one write, or read of another tab's, at a time).
    async fn write_in_turn(&self, mut change: Change) -> bool {
        let _turn = self.lane.lock().await;
        let new_device = std::mem::take(&mut self.state.borrow_mut().new_device);
        change.started |= new_device;
        if change.is_empty() {
            return true;
        }
        {
            // Articles read ahead stay what storage holds.
            let mut state = self.state.borrow_mut();
            for write in &change.feeds {
                for (entry, _) in &write.articles {
                    let key = write.record.entry_key(&entry.id);
                    if let Some(cached) = state.articles.iter_mut().find(|(k, _)| *k == key) {
                        cached.1 = entry.clone();
                    }
                }
                state.articles.retain(|(k, _)| !write.dropped.contains(k));
            }
        }
        match self.ports.store().write(&change).await {
            Ok(journal) => {
                let mut state = self.state.borrow_mut();
                match journal {
                    Some((first, last)) if first == state.journal_seen + 1 => state.journal_seen = last,
                    // Another tab's records came between: they are read when it says so.
                    _ => {}
                }
                drop(state);
                let shared = change.shared();
                if !shared.is_empty() {
                    self.platform().broadcast(&shared);
                }
                true
            }
            Err(error) => {
                self.state.borrow_mut().new_device |= new_device;
                self.emit(Event::Notice(Notice::Storage(error)));
                false
            }
        }
    }
}
