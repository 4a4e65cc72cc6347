//! Two tabs open at once: each has its engine, both write the same storage, and after each
//! change an engine tells the others which parts changed. They read those parts again from
//! storage, the source of truth, so every tab shows the same library and neither loses what
//! the other did. Marks are read as the journal records not seen yet, never all of them.

use std::rc::Rc;

use crate::protocol::{Event, Notice, Shared};

use super::ports::{Platform, Store, StoreError};
use super::{Engine, Ports};
use crate::core::keys::EntryKey;

impl<P: Ports> Engine<P> {
    /// Applies the journal records this engine has not seen, in storage's order (its own
    /// among them, so the later change of an entry wins as storage has it); when some were
    /// folded away meanwhile, or when the change held the server's state (kept in storage's
    /// snapshot, not as journal records), the whole state instead. Returns the entries that
    /// changed.
    async fn read_marks_again(&self, whole: bool) -> Result<Vec<EntryKey>, StoreError> {
        let seen = self.state.borrow().journal_seen;
        let store = self.ports.store();
        let since = if whole { None } else { store.marks_since(seen).await? };
        match since {
            Some((records, last)) => {
                let mut state = self.state.borrow_mut();
                state.journal_seen = last;
                Ok(state.library.apply_marks(&records))
            }
            None => {
                let (read, starred, last) = store.marks().await?;
                let mut state = self.state.borrow_mut();
                state.journal_seen = last;
                Ok(state.library.replace_marks(read, starred))
            }
        }
    }

    /// Another tab saved a change: read what it touched, and show it.
    pub fn hear(self: &Rc<Self>, shared: Shared) {
        if !self.loaded() {
            // Storage is still being read, and will include the change.
            return;
        }
        let engine = self.clone();
        self.platform().spawn(Box::pin(async move { engine.read_again(shared).await }));
    }

    async fn read_again(self: Rc<Self>, shared: Shared) {
        let _turn = self.lane.lock().await;
        let store = self.ports.store();
        let mut listing_changed = !shared.removed.is_empty();
        for id in &shared.removed {
            self.state.borrow_mut().library.remove(id);
        }
        // What storage already holds is not written again (nothing else is touched while a
        // flow waits: every flow commits what it changed before it waits for anything).
        self.state.borrow_mut().library.take_touched();
        if !shared.feeds.is_empty() {
            match (store.feeds(&shared.feeds).await, store.words(&shared.feeds).await) {
                (Ok(feeds), Ok(words)) => {
                    let mut state = self.state.borrow_mut();
                    let present: Vec<_> = feeds.iter().map(|(record, _)| record.id.clone()).collect();
                    for (record, summaries) in feeds {
                        state.library.restore_feed(record, summaries);
                    }
                    for (id, words) in words {
                        state.library.index_words(&id, &words);
                    }
                    // A feed the other tab changed and then removed.
                    for id in shared.feeds.iter().filter(|id| !present.contains(id)) {
                        state.library.remove(id);
                    }
                    state.library.take_touched();
                    listing_changed = true;
                }
                (Err(error), _) | (_, Err(error)) => self.emit(Event::Notice(Notice::OtherTab(error))),
            }
        }
        if shared.marks {
            match self.read_marks_again(shared.server_marks).await {
                Ok(changed) => self.emit_marks(&changed),
                Err(error) => self.emit(Event::Notice(Notice::OtherTab(error))),
            }
        }
        if shared.settings {
            if let Ok(Some(settings)) = store.settings().await {
                self.state.borrow_mut().library.restore_settings(settings.clone());
                self.emit(Event::Settings(settings));
                // The trainer's rules may have changed what is listed and counted.
                self.emit_marks(&[]);
                self.relist();
            }
        }
        if shared.updated {
            if let Ok(updated) = store.updated().await {
                self.state.borrow_mut().library.restore_updated(updated);
                listing_changed = true;
            }
        }
        if shared.history {
            if let Ok(history) = store.history().await {
                self.state.borrow_mut().library.restore_history(history);
                listing_changed = true;
            }
        }
        if shared.account {
            if let Ok(account) = store.account().await {
                self.state.borrow_mut().library.restore_account(account);
                self.count_waiting().await;
            }
        }
        if listing_changed {
            self.emit_feeds();
            self.relist();
        }
    }
}
