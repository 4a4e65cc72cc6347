//! Moving the data of earlier versions, gathered here so that it can be removed whole one day:
//!
//! - the version before the engine kept subscriptions, read and starred state and settings in
//!   localStorage (the page hands them over in `Start`, since a worker cannot read
//!   localStorage; `page/legacy.rs` removes them once they are saved) and articles in an
//!   IndexedDB database of its own ([`LegacyStore`]); [`envelope`] reads its values at any of
//!   its schema versions;
//! - summaries stored before the trainer carry no authors or categories: they are read again
//!   from the articles, once (`Loaded::without_facets`, and the first version's block in
//!   `web/store.rs`).
//!
//! What the ports must do for it is in [`LegacyStore`] and [`LegacyParser`], apart from the
//! ports every flow uses.

pub mod envelope;

use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;

use crate::core::keys::{EntryKey, FeedId};
use crate::core::library::{Settings, Subscription};
use crate::core::{Arrival, Entry};
use crate::protocol::{Event, Legacy, Notice};

use super::ports::{Platform, Store, StoreError};
use super::{Engine, Ports};
use envelope::{keys, migrate_envelope};

/// What the store does for the data of the version before the engine.
#[allow(async_fn_in_trait)]
pub trait LegacyStore {
    /// What the version before the engine kept in IndexedDB: each feed's entries as one JSON
    /// list (empty when there is none).
    async fn legacy_entries(&self) -> Result<Vec<(FeedId, String)>, StoreError>;
    /// Deletes that old database, once its contents are safely in the new one.
    async fn forget_legacy(&self) -> Result<(), StoreError>;
}

/// What the parser does for it.
#[allow(async_fn_in_trait)]
pub trait LegacyParser {
    /// Entries stored by a version that kept no text beside them, with their text.
    async fn texts(&self, entries: Vec<Entry>) -> Vec<Arrival>;
}

impl<P: Ports> Engine<P> {
    /// Everything the version before the engine kept moves into the engine's storage in one
    /// change; the page removes the old values only after that change is saved, and a value
    /// that cannot be read is set aside by the page (nothing is lost).
    pub(super) async fn migrate(self: &Rc<Self>, legacy: Legacy) {
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
                self.emit(Event::Notice(Notice::OldArticles(error)));
                Default::default()
            }
        };
        // Every feed's texts first, then the library changes at once, with nothing to wait
        // for between the change and its commit.
        let mut moving = Vec::new();
        for mut subscription in feeds {
            // Entries kept inline (the earliest version, or no IndexedDB) and in the old
            // database: the inline copy is the fresher one.
            let mut entries = std::mem::take(&mut subscription.feed.entries);
            let known: HashSet<String> = entries.iter().map(|e| e.id.clone()).collect();
            entries.extend(stored.remove(&subscription.id).unwrap_or_default().into_iter().filter(|e| !known.contains(&e.id)));
            moving.push((subscription, self.ports.parser().texts(entries).await));
        }
        {
            let library = &mut self.state.borrow_mut().library;
            for (subscription, arrivals) in moving {
                library.absorb(subscription, &arrivals);
            }
            for key in read {
                library.set_read(key, true);
            }
            for key in starred {
                library.set_starred(key, true);
            }
            if let Some(settings) = settings {
                library.adopt_settings(settings);
            }
        }
        if self.commit().await {
            // The page sets the unreadable values aside, and says so.
            self.emit(Event::Migrated { unreadable });
            if let Err(error) = self.ports.store().forget_legacy().await {
                self.emit(Event::Notice(Notice::OldCache(error)));
            }
        }
    }

    /// Summaries stored by a version before the trainer lack their entries' authors and
    /// categories: read them from the articles, a feed at a time, and store them, once.
    pub(super) async fn read_facets(self: &Rc<Self>) {
        let ids = std::mem::take(&mut self.state.borrow_mut().without_facets);
        for id in ids {
            let Ok(articles) = self.ports.store().articles(&id).await else { continue };
            self.state.borrow_mut().library.add_facets(&id, &articles);
            self.commit().await;
            self.platform().sleep(0).await;
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
