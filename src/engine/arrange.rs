//! Arranging: a feed's name, folder and proxy; removing a feed (with undo); preferences and
//! saved searches; shares, tags and a feed's statistics; and the files the reader can save
//! (OPML, a backup of everything, the shared stories' feed).

use std::rc::Rc;

use crate::core::backup::Writer;
use crate::core::keys::{EntryKey, FeedId};
use crate::core::library::{Filter, Preference, Scope};
use crate::core::opml;
use crate::core::sync::FeedOp;
use crate::protocol::{Event, Export, Failure, Status};

use super::ports::{Parser, Platform, Store};
use super::{Engine, Ports, Undo};

impl<P: Ports> Engine<P> {
    /// The reader's name, folder and CORS proxy for a feed (blank: none).
    pub(super) async fn edit_feed(self: Rc<Self>, id: FeedId, name: String, folder: String, proxy: String) {
        let (stream, from, renamed, moved) = {
            let library = &mut self.state.borrow_mut().library;
            let from = library.subscription(&id).and_then(|s| s.folder.clone());
            let renamed = library.rename(&id, Some(name));
            let moved = library.set_folder(&id, Some(folder));
            library.set_proxy(&id, Some(proxy));
            let subscription = library.subscription(&id);
            let stream = subscription.and_then(|s| Some((s.remote.as_ref()?.stream.clone(), s.title().to_string(), s.folder.clone())));
            (stream, from, renamed, moved)
        };
        // A feed of the account: the server is told too.
        if let Some((stream, title, to)) = stream {
            if renamed {
                self.queue(FeedOp::Rename { stream: stream.clone(), title });
            }
            if moved {
                self.queue(FeedOp::Move { stream, from, to });
            }
        }
        self.commit().await;
    }

    /// Turns a feed's notifications on or off.
    pub(super) async fn set_notify(self: Rc<Self>, id: FeedId, on: bool) {
        self.state.borrow_mut().library.set_notify(&id, on);
        self.commit().await;
    }

    /// Unsubscribes, offering undo; read and starred state stay, so undo loses nothing. The
    /// feed's stored entries stay too, so undo needs no rewrite; the next start forgets the
    /// entries of feeds no longer subscribed.
    pub(super) async fn remove(self: Rc<Self>, id: FeedId) {
        let Some(removed) = self.state.borrow_mut().library.remove(&id) else { return };
        if let Some(remote) = &removed.subscription().remote {
            self.queue(FeedOp::Unsubscribe { stream: remote.stream.clone() });
        }
        let text = format!("Removed {}.", removed.subscription().title());
        let status = self.with_undo(text, Undo::Remove(Box::new(removed)));
        if self.commit().await {
            self.emit(Event::Status(status));
        }
    }

    /// One preference the page changed.
    pub(super) async fn set_preference(self: Rc<Self>, preference: Preference) {
        let ages = matches!(preference, Preference::ReadAfterDays(_));
        self.state.borrow_mut().library.set_preference(preference);
        self.commit().await;
        if ages && self.loaded() {
            self.mark_old_read().await;
        }
    }

    /// A feed's own limit for marking old entries read (`None`: as every feed).
    pub(super) async fn set_read_after(self: Rc<Self>, id: FeedId, days: Option<u32>) {
        self.state.borrow_mut().library.set_read_after(&id, days);
        self.commit().await;
        if self.loaded() {
            self.mark_old_read().await;
        }
    }

    pub(super) async fn set_text_view(self: Rc<Self>, id: FeedId, on: bool) {
        self.state.borrow_mut().library.set_text_view(&id, on);
        self.commit().await;
    }

    /// Shares a story in the reader's own feed (again: with a new comment).
    pub(super) async fn share(self: Rc<Self>, key: EntryKey, comment: Option<String>) {
        let now = self.now();
        if self.state.borrow_mut().library.share(key, comment, now) {
            self.commit().await;
        }
    }

    pub(super) async fn unshare(self: Rc<Self>, key: EntryKey) {
        if self.state.borrow_mut().library.unshare(key) {
            self.commit().await;
        }
    }

    /// A starred entry's tags, as typed.
    pub(super) async fn tag(self: Rc<Self>, key: EntryKey, tags: Vec<String>) {
        if self.state.borrow_mut().library.set_tags(key, tags) {
            self.commit().await;
        }
    }

    /// A feed's statistics, for the page to draw.
    pub(super) fn statistics(&self, id: &FeedId) {
        let statistics = self.state.borrow().library.statistics(id, self.now());
        if let Some(statistics) = statistics {
            self.emit(Event::Statistics(statistics));
        }
    }

    /// Keeps a search as a sidebar view.
    pub(super) async fn save_search(self: Rc<Self>, scope: Scope, filter: Filter, search: String) {
        let Some(name) = self.state.borrow_mut().library.save_search(scope, filter, &search) else { return };
        if self.commit().await {
            self.emit(Event::Status(Status::ok(format!("Saved the search “{name}” in the sidebar."))));
        }
    }

    pub(super) async fn rename_saved(self: Rc<Self>, from: String, to: String) {
        self.state.borrow_mut().library.rename_saved(&from, &to);
        self.commit().await;
    }

    /// Removes a saved search, offering undo.
    pub(super) async fn remove_saved(self: Rc<Self>, name: String) {
        let before = self.state.borrow().library.settings().saved.clone();
        if !self.state.borrow_mut().library.remove_saved(&name) {
            return;
        }
        let status = self.with_undo(format!("Removed the saved search “{name}”."), Undo::Saved(before));
        if self.commit().await {
            self.emit(Event::Status(status));
        }
    }

    /// Makes a file for the reader to save: the subscriptions as OPML, or everything
    /// (subscriptions with their stored articles, read and starred state, settings) as one
    /// JSON backup, written feed by feed so no whole copy of the library is ever in memory.
    pub(super) async fn export(self: Rc<Self>, what: Export) {
        let now = self.now();
        let (name, mime, parts) = match what {
            Export::Opml => {
                let outlines = self.state.borrow().library.outlines();
                ("subscriptions.opml", "text/x-opml", vec![opml::export(&outlines, now)])
            }
            Export::SharedFeed => ("shared.atom", "application/atom+xml", vec![self.shared_feed(now).await]),
            Export::Backup => match self.backup_parts(now).await {
                Ok(parts) => ("feedreader-backup.json", "application/json", parts),
                Err(error) => {
                    self.emit(Event::Status(Status::failed(Failure::BackupNotMade(error))));
                    return;
                }
            },
        };
        match self.platform().file(parts, mime) {
            Ok(url) => self.emit(Event::Exported { name: name.into(), url }),
            Err(why) => self.emit(Event::Status(Status::failed(Failure::FileRefused { name: name.into(), why }))),
        }
    }

    /// The reader's shared stories as an Atom feed (written in the parser's worker).
    async fn shared_feed(&self, now: crate::core::Timestamp) -> String {
        let (shares, sharer) = {
            let library = &self.state.borrow().library;
            (library.shares().to_vec(), library.settings().sharer.clone())
        };
        let keys: Vec<EntryKey> = shares.iter().map(|s| s.key).collect();
        let articles = self.ports.store().articles_by_key(&keys).await.unwrap_or_default();
        let stories = {
            let library = &self.state.borrow().library;
            shares
                .into_iter()
                .filter_map(|share| {
                    let entry = articles.iter().find(|(k, _)| *k == share.key)?.1.clone();
                    let feed = library.summary(share.key).map(|(_, s)| s.title().to_string()).unwrap_or_default();
                    Some(crate::core::shared_feed::SharedStory { entry, feed, comment: share.comment, shared_at: share.at })
                })
                .collect()
        };
        self.ports.parser().shared_feed(sharer, stories, now).await
    }

    async fn backup_parts(&self, now: crate::core::Timestamp) -> Result<Vec<String>, super::StoreError> {
        let (records, read, starred, settings) = {
            let state = self.state.borrow();
            let library = &state.library;
            let mut read: Vec<EntryKey> = library.read_keys().iter().copied().collect();
            let mut starred: Vec<EntryKey> = library.starred_keys().iter().copied().collect();
            read.sort_unstable();
            starred.sort_unstable();
            let records: Vec<_> = library.subscriptions().map(|s| (s.record(), library.summaries_of(&s.id))).collect();
            (records, read, starred, library.settings().clone())
        };
        let (mut writer, head) = Writer::head(&settings, &read, &starred, Some(now));
        let mut parts = vec![head];
        for (mut record, summaries) in records {
            let mut articles = self.ports.store().articles(&record.id).await?;
            // In the feed's own order, as the reader sees it.
            let place: std::collections::HashMap<EntryKey, usize> = summaries.iter().enumerate().map(|(i, s)| (s.key, i)).collect();
            articles.sort_by_key(|e| place.get(&record.entry_key(&e.id)).copied().unwrap_or(usize::MAX));
            record.feed.entries = articles;
            parts.push(writer.subscription(&record));
        }
        parts.push(writer.tail());
        Ok(parts)
    }
}
