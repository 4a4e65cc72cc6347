//! The entry cache in IndexedDB: each feed's cached, sanitized entries under its id, so a
//! hundred feeds of a hundred articles fit (localStorage holds only about 5 MB) and a reload
//! shows everything before any network request. Subscriptions, read and starred state stay in
//! localStorage (`storage.rs`), which is small, synchronous and fires events in other tabs.

use std::fmt;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

use crate::core::library::FeedId;
use crate::core::Entry;

const DATABASE: &str = "feedreader";
const STORE: &str = "entries";

/// Why the cache could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheError(pub String);

impl fmt::Display for CacheError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn failed(what: &str) -> impl Fn(indexed_db_futures::error::Error) -> CacheError + '_ {
    move |error| CacheError(format!("{what}: {error}"))
}

/// Opens (and on first use creates) the database.
pub async fn open() -> Result<Database, CacheError> {
    Database::open(DATABASE)
        .with_version(1u8)
        .with_on_upgrade_needed(|_event, db| {
            db.create_object_store(STORE).build()?;
            Ok(())
        })
        .await
        .map_err(|e| CacheError(format!("the article cache could not be opened: {e}")))
}

/// Every feed's cached entries.
pub async fn load_all(db: &Database) -> Result<Vec<(FeedId, Vec<Entry>)>, CacheError> {
    let reading = failed("reading the article cache");
    let tx = db.transaction(STORE).build().map_err(&reading)?;
    let store = tx.object_store(STORE).map_err(&reading)?;
    let keys: Vec<String> =
        store.get_all_keys::<String>().primitive().map_err(&reading)?.await.map_err(&reading)?.collect::<Result<_, _>>().map_err(&reading)?;
    let values: Vec<String> =
        store.get_all::<String>().primitive().map_err(&reading)?.await.map_err(&reading)?.collect::<Result<_, _>>().map_err(&reading)?;
    let mut feeds = Vec::with_capacity(keys.len());
    for (key, value) in keys.into_iter().zip(values) {
        // One damaged record costs that feed's cache, not everyone's.
        if let Ok(entries) = serde_json::from_str::<Vec<Entry>>(&value) {
            feeds.push((FeedId(key), entries));
        }
    }
    Ok(feeds)
}

/// Replaces the cached entries of some feeds, all in one transaction: either all are written
/// or none (a full disk leaves the earlier cache as it was).
pub async fn put(db: &Database, feeds: &[(FeedId, String)]) -> Result<(), CacheError> {
    let what = "saving articles";
    let tx = db.transaction(STORE).with_mode(TransactionMode::Readwrite).build().map_err(failed(what))?;
    let store = tx.object_store(STORE).map_err(failed(what))?;
    for (id, json) in feeds {
        store.put(json.as_str()).with_key(id.0.as_str()).primitive().map_err(failed(what))?;
    }
    tx.commit().await.map_err(failed(what))
}

/// Forgets the cached entries of removed feeds.
pub async fn delete(db: &Database, ids: &[FeedId]) -> Result<(), CacheError> {
    let what = "removing cached articles";
    let tx = db.transaction(STORE).with_mode(TransactionMode::Readwrite).build().map_err(failed(what))?;
    let store = tx.object_store(STORE).map_err(failed(what))?;
    for id in ids {
        store.delete(id.0.as_str()).primitive().map_err(failed(what))?;
    }
    tx.commit().await.map_err(failed(what))
}

thread_local! {
    // The open database, once the app has opened it; `None` before, or when IndexedDB is
    // unavailable (then entries stay in localStorage with the subscriptions).
    static OPEN: std::cell::RefCell<Option<Database>> = const { std::cell::RefCell::new(None) };
}

/// Keeps the opened database for later writes.
pub fn keep(db: Database) {
    OPEN.with(|open| *open.borrow_mut() = Some(db));
}

/// Every feed's cached entries, through the database the app already opened.
pub async fn load_all_kept() -> Option<Vec<(FeedId, Vec<Entry>)>> {
    let db = OPEN.with(|open| open.borrow().clone())?;
    load_all(&db).await.ok()
}

/// Whether entries go to IndexedDB (else they stay in localStorage).
pub fn is_open() -> bool {
    OPEN.with(|open| open.borrow().is_some())
}

/// Writes some feeds' entries, in the background; `on_error` hears about a failure.
pub fn save(feeds: Vec<(FeedId, String)>, on_error: impl FnOnce(CacheError) + 'static) {
    let Some(db) = OPEN.with(|open| open.borrow().clone()) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = put(&db, &feeds).await {
            on_error(error);
        }
    });
}

/// Forgets entries of feeds that are no longer subscribed, in the background.
pub fn forget(ids: Vec<FeedId>) {
    let Some(db) = OPEN.with(|open| open.borrow().clone()) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let _ = delete(&db, &ids).await;
    });
}
