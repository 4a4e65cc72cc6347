//! The engine's storage in IndexedDB, the source of truth. One database, `feedreader-library`:
//!
//! | store | key | value |
//! |---|---|---|
//! | `subscriptions` | feed id | the subscription's record (JSON) |
//! | `summaries` | feed id | its entries' summaries, in order (postcard): what a start reads |
//! | `words` | feed id | its entries' search words (postcard): read after the first list is shown |
//! | `articles` | entry key | `{feed, date, entry, excerpt, text?, previous?}`: the whole article (JSON), indexed by feed and by date; `text`, the article read from its page (Text view), once the reader asked; `previous`, the entry as it was before its last update |
//! | `journal` | (counter) | each change of read or starred state (postcard), folded into `meta` |
//! | `meta` | name | `order` (the reader's order of feeds), `read`, `starred` (folded state), `folded` (the key of the last journal record folded into them), `settings`, `counts` (the last unread counts), `started`, `saving` (while a big change is saved in parts: how far it is), `account` (the reader's server: its address, user, token, the last journal record it acknowledged), `history` (the entries the reader opened, most recent first, with when: postcard), `updated` (the entries a refresh brought a new version of: postcard) |
//!
//! A start reads the small part first ([`Store::glance`]: subscriptions, marks, settings,
//! counts) and the first screen straight from the articles' date index, so a library of
//! 100,000 entries shows its first rows as soon as one of 25 does; the summaries of every
//! entry follow.
//!
//! Records the reader's data lives in (subscriptions, articles, settings) are JSON, which
//! later versions read whatever fields they add; the summaries and words are derived from
//! the articles, in a compact form a start reads fast. Every change is one transaction.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbIndexParameters, IdbObjectStoreParameters};

use super::idb::{self, read, sent, IdbError, Transaction};
use super::records::{bytes, failed, from_bytes, from_json, js_array, json};
use super::upgrade::{self, from_summary_block};
use crate::core::extract::FullText;
use crate::core::keys::{EntryKey, FeedId, KeySet};
use crate::core::library::Settings;
use crate::core::library::{replay, Marked};
use crate::core::library::{Counts, Sort, Subscription, Summary};
use crate::core::sync::Account;
use crate::core::Entry;
use crate::engine::ports::{fold_through, folded, journal_full, Change, FirstRow, Glance, Loaded, Part, Saving, Store, StoreError};
use crate::engine::upgrade::LegacyStore;

const DATABASE: &str = "feedreader-library";
const VERSION: u32 = 1;

const SUBSCRIPTIONS: &str = "subscriptions";
const SUMMARIES: &str = "summaries";
const WORDS: &str = "words";
const ARTICLES: &str = "articles";
const JOURNAL: &str = "journal";
const META: &str = "meta";
const ALL: [&str; 6] = [SUBSCRIPTIONS, SUMMARIES, WORDS, ARTICLES, JOURNAL, META];

/// A feed's summaries as stored: `{v: 2, b: bytes}`. The first version stored the bytes alone,
/// for summaries without author and categories; the value's type tells the two apart, so no
/// byte pattern can be mistaken for the other.
fn summary_block(summaries: &[Summary]) -> JsValue {
    let object = js_sys::Object::new();
    let _ = Reflect::set(&object, &"v".into(), &2.into());
    let _ = Reflect::set(&object, &"b".into(), &bytes(&summaries));
    object.into()
}

/// The storage of the engine of this page.
#[derive(Default)]
pub struct IdbStore {
    /// The open connection, shared with its `versionchange` handler (which lets it go).
    db: Rc<RefCell<Option<IdbDatabase>>>,
    /// Closed for good: this engine has stopped.
    closed: std::cell::Cell<bool>,
}

impl IdbStore {
    /// Closes the connection, and refuses to open another: the engine has stopped.
    pub fn close(&self) {
        self.closed.set(true);
        if let Some(db) = self.db.borrow_mut().take() {
            db.close();
        }
    }

    async fn db(&self) -> Result<IdbDatabase, StoreError> {
        if self.closed.get() {
            return Err(StoreError::Unavailable("the reader has stopped".into()));
        }
        if let Some(db) = self.db.borrow().clone() {
            return Ok(db);
        }
        let db = idb::open(DATABASE, VERSION, |db, _old| {
            for name in [SUBSCRIPTIONS, SUMMARIES, WORDS, META] {
                db.create_object_store(name)?;
            }
            let articles = db.create_object_store(ARTICLES)?;
            let not_unique = IdbIndexParameters::new();
            articles.create_index_with_str_and_optional_parameters("feed", "feed", &not_unique)?;
            articles.create_index_with_str_and_optional_parameters("date", "date", &not_unique)?;
            let counted = IdbObjectStoreParameters::new();
            counted.set_auto_increment(true);
            db.create_object_store_with_optional_parameters(JOURNAL, &counted)?;
            Ok(())
        })
        .await
        .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        // Another tab of a newer version may need to upgrade (or the database is being
        // deleted): let it, and open again when next needed.
        let (closing, cached) = (db.clone(), Rc::downgrade(&self.db));
        let on_version_change = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            closing.close();
            if let Some(cached) = cached.upgrade() {
                cached.borrow_mut().take();
            }
        });
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();
        *self.db.borrow_mut() = Some(db.clone());
        Ok(db)
    }

    /// Read and starred state as a transaction sees it (the folded snapshot with the journal
    /// replayed over it), and the key of the journal's last record.
    async fn marks_in(tx: &Transaction) -> Result<(KeySet, KeySet, u64), IdbError> {
        let meta = tx.store(META)?;
        let mut read: KeySet =
            from_bytes::<Vec<EntryKey>>(&idb::read(meta.get(&"read".into())).await?).unwrap_or_default().into_iter().collect();
        let mut starred: KeySet =
            from_bytes::<Vec<EntryKey>>(&idb::read(meta.get(&"starred".into())).await?).unwrap_or_default().into_iter().collect();
        let (journal, last) = IdbStore::journal_after(tx, 0.0).await?;
        replay(&mut read, &mut starred, &journal);
        let folded = idb::read(meta.get(&"folded".into())).await?.as_f64().unwrap_or(0.0) as u64;
        Ok((read, starred, last.max(folded)))
    }

    /// The journal's records after the one keyed `after`, in order, and the last one's key.
    async fn journal_after(tx: &Transaction, after: f64) -> Result<(Vec<Marked>, u64), IdbError> {
        let journal = tx.store(JOURNAL)?;
        let range = web_sys::IdbKeyRange::lower_bound_with_open(&after.into(), true)
            .map_err(|_| IdbError { name: "Error".into(), message: "a journal range could not be made".into() })?;
        let keys = js_array(read(journal.get_all_keys_with_key(&range)).await?);
        let records = js_array(read(journal.get_all_with_key(&range)).await?).iter().filter_map(from_bytes).collect();
        let last = keys.last().and_then(JsValue::as_f64).unwrap_or(after) as u64;
        Ok((records, last))
    }
}

/// The article record: indexed fields beside the entry itself, and its excerpt.
fn article_record(feed: &FeedId, entry: &Entry, excerpt: &str) -> Result<JsValue, JsValue> {
    let record = js_sys::Object::new();
    Reflect::set(&record, &"feed".into(), &JsValue::from_str(&feed.0))?;
    if let Some(date) = entry.published.or(entry.updated) {
        Reflect::set(&record, &"date".into(), &JsValue::from_f64(date.0 as f64))?;
    }
    Reflect::set(&record, &"entry".into(), &json(entry))?;
    Reflect::set(&record, &"excerpt".into(), &JsValue::from_str(excerpt))?;
    Ok(record.into())
}

fn article_of(record: &JsValue) -> Option<Entry> {
    from_json(&Reflect::get(record, &"entry".into()).ok()?)
}

fn key(key: EntryKey) -> JsValue {
    JsValue::from_str(&key.to_string())
}

/// The subscriptions a transaction sees, in the reader's order (any the order does not name
/// last), and the order record.
async fn subscriptions_in(tx: &Transaction) -> Result<Vec<Subscription>, IdbError> {
    let subscriptions = tx.store(SUBSCRIPTIONS)?;
    let ids = js_array(read(subscriptions.get_all_keys()).await?);
    let values = js_array(read(subscriptions.get_all()).await?);
    let mut records: BTreeMap<String, Subscription> = BTreeMap::new();
    for (id, value) in ids.iter().zip(&values) {
        if let (Some(id), Some(record)) = (id.as_string(), from_json::<Subscription>(value)) {
            records.insert(id, record);
        }
    }
    let order: Vec<FeedId> = from_json(&read(tx.store(META)?.get(&"order".into())).await?).unwrap_or_default();
    let mut ordered: Vec<Subscription> = order.iter().filter_map(|id| records.remove(&id.0)).collect();
    ordered.extend(records.into_values());
    Ok(ordered)
}

impl Store for IdbStore {
    async fn glance(&self) -> Result<Glance, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[SUBSCRIPTIONS, JOURNAL, META], false).map_err(failed)?;
        let glance = async {
            let subscriptions = subscriptions_in(&tx).await?;
            let meta = tx.store(META)?;
            let settings: Option<Settings> = from_json(&read(meta.get(&"settings".into())).await?);
            let counts: Option<Counts> = from_bytes(&read(meta.get(&"counts".into())).await?);
            let started = read(meta.get(&"started".into())).await?.as_bool().unwrap_or(false);
            let history = from_bytes(&read(meta.get(&"history".into())).await?).unwrap_or_default();
            let updated = from_bytes(&read(meta.get(&"updated".into())).await?).unwrap_or_default();
            let (read, starred, _) = IdbStore::marks_in(&tx).await?;
            Ok::<Glance, IdbError>(Glance { subscriptions, read, starred, settings, counts, started, history, updated })
        }
        .await
        .map_err(failed)?;
        tx.commit().await.map_err(failed)?;
        Ok(glance)
    }

    async fn first_screen(
        &self,
        sort: Sort,
        wanted: impl Fn(EntryKey, &FeedId) -> bool + 'static,
        limit: usize,
        look: usize,
    ) -> Result<Vec<FirstRow>, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[ARTICLES], false).map_err(failed)?;
        let index = Transaction::index(&tx.store(ARTICLES).map_err(failed)?, "date").map_err(failed)?;
        let direction = match sort {
            Sort::NewestFirst => web_sys::IdbCursorDirection::Prev,
            Sort::OldestFirst => web_sys::IdbCursorDirection::Next,
        };
        let found: std::rc::Rc<std::cell::RefCell<Vec<FirstRow>>> = Default::default();
        let (collecting, mut looked) = (found.clone(), 0);
        idb::walk(index.open_cursor_with_range_and_direction(&JsValue::UNDEFINED, direction), move |cursor| {
            looked += 1;
            let value = cursor.value().unwrap_or(JsValue::UNDEFINED);
            let feed = Reflect::get(&value, &"feed".into()).ok().and_then(|f| f.as_string()).map(FeedId);
            let key = cursor.primary_key().ok().and_then(|k| k.as_string()).and_then(|k| EntryKey::try_from(k.as_str()).ok());
            if let (Some(feed), Some(key)) = (feed, key) {
                if wanted(key, &feed) {
                    let excerpt = Reflect::get(&value, &"excerpt".into()).ok().and_then(|e| e.as_string()).unwrap_or_default();
                    if let Some(entry) = article_of(&value) {
                        collecting.borrow_mut().push(FirstRow { key, feed, entry, excerpt });
                    }
                }
            }
            collecting.borrow().len() < limit && looked < look
        })
        .await
        .map_err(failed)?;
        let _ = tx.commit().await;
        let rows = std::mem::take(&mut *found.borrow_mut());
        Ok(rows)
    }

    async fn load(&self) -> Result<Loaded, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[SUBSCRIPTIONS, SUMMARIES, JOURNAL, META], false).map_err(failed)?;
        let loaded = async {
            let ordered = subscriptions_in(&tx).await?;
            let subscribed: HashSet<String> = ordered.iter().map(|s| s.id.0.clone()).collect();
            let summaries = tx.store(SUMMARIES)?;
            let summary_ids = js_array(read(summaries.get_all_keys()).await?);
            let blocks = js_array(read(summaries.get_all()).await?);
            let mut by_feed: BTreeMap<String, Vec<Summary>> = BTreeMap::new();
            let mut orphans = Vec::new();
            let mut without_facets = Vec::new();
            for (id, block) in summary_ids.iter().zip(&blocks) {
                let Some(id) = id.as_string() else { continue };
                if subscribed.contains(&id) {
                    let (summaries, first_version) = from_summary_block(block);
                    if first_version && !summaries.is_empty() {
                        without_facets.push(FeedId(id.clone()));
                    }
                    by_feed.insert(id, summaries);
                } else {
                    orphans.push(FeedId(id));
                }
            }
            let meta = tx.store(META)?;
            let settings: Option<Settings> = from_json(&read(meta.get(&"settings".into())).await?);
            let started = read(meta.get(&"started".into())).await?.as_bool().unwrap_or(false);
            let interrupted: Option<Saving> = from_bytes(&read(meta.get(&"saving".into())).await?);
            let account: Option<Account> = from_json(&read(meta.get(&"account".into())).await?);
            let history = from_bytes(&read(meta.get(&"history".into())).await?).unwrap_or_default();
            let updated = from_bytes(&read(meta.get(&"updated".into())).await?).unwrap_or_default();
            let (read, starred, journal_at) = IdbStore::marks_in(&tx).await?;
            let feeds = ordered
                .into_iter()
                .map(|record| {
                    let summaries = by_feed.remove(&record.id.0).unwrap_or_default();
                    (record, summaries)
                })
                .collect();
            Ok::<Loaded, IdbError>(Loaded {
                feeds,
                read,
                starred,
                settings,
                started,
                orphans,
                without_facets,
                journal_at,
                interrupted,
                account,
                history,
                updated,
            })
        }
        .await
        .map_err(failed)?;
        tx.commit().await.map_err(failed)?;
        Ok(loaded)
    }

    async fn feeds(&self, ids: &[FeedId]) -> Result<Vec<(Subscription, Vec<Summary>)>, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[SUBSCRIPTIONS, SUMMARIES], false).map_err(failed)?;
        let mut feeds = Vec::new();
        for id in ids {
            let id_js = JsValue::from_str(&id.0);
            let record = read(tx.store(SUBSCRIPTIONS).map_err(failed)?.get(&id_js)).await.map_err(failed)?;
            let Some(record) = from_json::<Subscription>(&record) else { continue };
            let block = read(tx.store(SUMMARIES).map_err(failed)?.get(&id_js)).await.map_err(failed)?;
            feeds.push((record, from_summary_block(&block).0));
        }
        Ok(feeds)
    }

    async fn words(&self, ids: &[FeedId]) -> Result<Vec<(FeedId, Vec<(EntryKey, String)>)>, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[WORDS], false).map_err(failed)?;
        let store = tx.store(WORDS).map_err(failed)?;
        let mut feeds = Vec::with_capacity(ids.len());
        for id in ids {
            let block = read(store.get(&JsValue::from_str(&id.0))).await.map_err(failed)?;
            feeds.push((id.clone(), from_bytes(&block).unwrap_or_default()));
        }
        Ok(feeds)
    }

    async fn marks(&self) -> Result<(KeySet, KeySet, u64), StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[JOURNAL, META], false).map_err(failed)?;
        IdbStore::marks_in(&tx).await.map_err(failed)
    }

    async fn marks_since(&self, after: u64) -> Result<Option<(Vec<Marked>, u64)>, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[JOURNAL, META], false).map_err(failed)?;
        let since = async {
            let folded = read(tx.store(META)?.get(&"folded".into())).await?.as_f64().unwrap_or(0.0) as u64;
            if folded > after {
                return Ok(None);
            }
            IdbStore::journal_after(&tx, after as f64).await.map(Some)
        }
        .await
        .map_err(failed)?;
        Ok(since)
    }

    async fn settings(&self) -> Result<Option<Settings>, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[META], false).map_err(failed)?;
        let value = read(tx.store(META).map_err(failed)?.get(&"settings".into())).await.map_err(failed)?;
        Ok(from_json(&value))
    }

    async fn account(&self) -> Result<Option<Account>, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[META], false).map_err(failed)?;
        let value = read(tx.store(META).map_err(failed)?.get(&"account".into())).await.map_err(failed)?;
        Ok(from_json(&value))
    }

    async fn article(&self, entry: EntryKey) -> Result<Option<Entry>, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[ARTICLES], false).map_err(failed)?;
        let record = read(tx.store(ARTICLES).map_err(failed)?.get(&key(entry))).await.map_err(failed)?;
        Ok(article_of(&record))
    }

    async fn history(&self) -> Result<Vec<(EntryKey, crate::core::Timestamp)>, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[META], false).map_err(failed)?;
        let value = read(tx.store(META).map_err(failed)?.get(&"history".into())).await.map_err(failed)?;
        Ok(from_bytes(&value).unwrap_or_default())
    }

    async fn updated(&self) -> Result<Vec<EntryKey>, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[META], false).map_err(failed)?;
        let value = read(tx.store(META).map_err(failed)?.get(&"updated".into())).await.map_err(failed)?;
        Ok(from_bytes(&value).unwrap_or_default())
    }

    async fn previous(&self, entry: EntryKey) -> Result<Option<Entry>, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[ARTICLES], false).map_err(failed)?;
        let record = read(tx.store(ARTICLES).map_err(failed)?.get(&key(entry))).await.map_err(failed)?;
        Ok(Reflect::get(&record, &"previous".into()).ok().and_then(|previous| from_json(&previous)))
    }

    async fn text(&self, entry: EntryKey) -> Result<Option<FullText>, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[ARTICLES], false).map_err(failed)?;
        let record = read(tx.store(ARTICLES).map_err(failed)?.get(&key(entry))).await.map_err(failed)?;
        Ok(Reflect::get(&record, &"text".into()).ok().and_then(|text| from_json(&text)))
    }

    async fn articles_by_key(&self, keys: &[EntryKey]) -> Result<Vec<(EntryKey, Entry)>, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[ARTICLES], false).map_err(failed)?;
        let store = tx.store(ARTICLES).map_err(failed)?;
        let mut found = Vec::with_capacity(keys.len());
        for &entry in keys {
            if let Some(article) = article_of(&read(store.get(&key(entry))).await.map_err(failed)?) {
                found.push((entry, article));
            }
        }
        Ok(found)
    }

    async fn articles(&self, feed: &FeedId) -> Result<Vec<Entry>, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &[ARTICLES], false).map_err(failed)?;
        let index = Transaction::index(&tx.store(ARTICLES).map_err(failed)?, "feed").map_err(failed)?;
        let records = js_array(read(index.get_all_with_key(&JsValue::from_str(&feed.0))).await.map_err(failed)?);
        Ok(records.iter().filter_map(article_of).collect())
    }

    async fn write(&self, change: &Change) -> Result<Option<(u64, u64)>, StoreError> {
        let db = self.db().await?;
        let tx = Transaction::new(&db, &ALL, true).map_err(failed)?;
        let written = async {
            let subscriptions = tx.store(SUBSCRIPTIONS)?;
            let summaries = tx.store(SUMMARIES)?;
            let words = tx.store(WORDS)?;
            let articles = tx.store(ARTICLES)?;
            let meta = tx.store(META)?;
            // The entries that new versions replace, read before they are: each new article
            // keeps the one before as `previous`.
            let mut previous: std::collections::HashMap<EntryKey, JsValue> = std::collections::HashMap::new();
            for revised in &change.revised {
                let record = read(articles.get(&key(*revised))).await?;
                if let Some(entry) =
                    record.is_object().then(|| Reflect::get(&record, &"entry".into()).ok()).flatten().filter(|e| !e.is_undefined())
                {
                    previous.insert(*revised, entry);
                }
            }
            for write in &change.feeds {
                let id = JsValue::from_str(&write.record.id.0);
                sent(subscriptions.put_with_key(&json(&write.record), &id))?;
                if let Some(block) = &write.summaries {
                    sent(summaries.put_with_key(&summary_block(block), &id))?;
                }
                for (entry, excerpt) in &write.articles {
                    let entry_key = write.record.entry_key(&entry.id);
                    let record = article_record(&write.record.id, entry, excerpt)
                        .and_then(|record| match previous.get(&entry_key) {
                            Some(before) => Reflect::set(&record, &"previous".into(), before).map(|_| record),
                            None => Ok(record),
                        })
                        .map_err(|_| IdbError { name: "Error".into(), message: "an article could not be prepared".into() })?;
                    sent(articles.put_with_key(&record, &key(entry_key)))?;
                }
                for dropped in &write.dropped {
                    sent(articles.delete(&key(*dropped)))?;
                }
                if !write.words.is_empty() || !write.dropped.is_empty() {
                    // Kept beside the words of the feed's other entries, unless the write brings
                    // every entry's (a feed added whole): then there is nothing to read first.
                    let whole = write.summaries.as_ref().is_some_and(|s| s.len() == write.words.len());
                    let kept = if whole { JsValue::UNDEFINED } else { read(words.get(&id)).await? };
                    let mut block: BTreeMap<EntryKey, String> =
                        from_bytes::<Vec<(EntryKey, String)>>(&kept).unwrap_or_default().into_iter().collect();
                    block.extend(write.words.iter().cloned());
                    for dropped in &write.dropped {
                        block.remove(dropped);
                    }
                    sent(words.put_with_key(&bytes(&block.into_iter().collect::<Vec<_>>()), &id))?;
                }
            }
            for (feed, entry, text) in &change.texts {
                // Kept in the article's record (a new version of the article drops it), its
                // words after the entry's own.
                let record = read(articles.get(&key(*entry))).await?;
                if !record.is_object() {
                    continue;
                }
                Reflect::set(&record, &"text".into(), &json(text))
                    .map_err(|_| IdbError { name: "Error".into(), message: "an article could not be prepared".into() })?;
                sent(articles.put_with_key(&record, &key(*entry)))?;
                let id = JsValue::from_str(&feed.0);
                let mut block: BTreeMap<EntryKey, String> =
                    from_bytes::<Vec<(EntryKey, String)>>(&read(words.get(&id)).await?).unwrap_or_default().into_iter().collect();
                let words_of = block.entry(*entry).or_default();
                words_of.push(' ');
                words_of.push_str(&text.words);
                sent(words.put_with_key(&bytes(&block.into_iter().collect::<Vec<_>>()), &id))?;
            }
            for id in &change.removed {
                sent(subscriptions.delete(&JsValue::from_str(&id.0)))?;
            }
            for id in &change.forgotten {
                let id_js = JsValue::from_str(&id.0);
                sent(subscriptions.delete(&id_js))?;
                sent(summaries.delete(&id_js))?;
                sent(words.delete(&id_js))?;
                let index = Transaction::index(&articles, "feed")?;
                for stored in js_array(read(index.get_all_keys_with_key(&id_js)).await?) {
                    sent(articles.delete(&stored))?;
                }
            }
            if let Some(order) = &change.order {
                sent(meta.put_with_key(&json(order), &"order".into()))?;
            }
            let mut journal_keys = None;
            let journal = tx.store(JOURNAL)?;
            if !change.marks.is_empty() {
                let mut keys = Vec::with_capacity(change.marks.len());
                for marked in &change.marks {
                    keys.push(read(journal.add(&bytes(marked))).await?.as_f64().unwrap_or(0.0) as u64);
                }
                journal_keys = keys.first().zip(keys.last()).map(|(&first, &last)| (first, last));
            }
            let count = read(journal.count()).await?.as_f64().unwrap_or(0.0) as usize;
            let folding = !change.server_marks.is_empty() || journal_full(count);
            let (folded_before, last) = if folding {
                let folded = read(meta.get(&"folded".into())).await?.as_f64().unwrap_or(0.0) as u64;
                (folded, IdbStore::marks_in(&tx).await?.2.max(folded))
            } else {
                (0, 0)
            };
            if let Some(through) = folding.then(|| fold_through(count, last, change.acked, !change.server_marks.is_empty())).flatten() {
                // Fold the records up to `through` into the state they lead to, then what the
                // server says, in this same transaction; the records after stay, replayed over it.
                let mut read_keys: KeySet =
                    from_bytes::<Vec<EntryKey>>(&read(meta.get(&"read".into())).await?).unwrap_or_default().into_iter().collect();
                let mut starred: KeySet =
                    from_bytes::<Vec<EntryKey>>(&read(meta.get(&"starred".into())).await?).unwrap_or_default().into_iter().collect();
                let range = web_sys::IdbKeyRange::upper_bound(&JsValue::from_f64(through as f64))
                    .map_err(|_| IdbError { name: "Error".into(), message: "a journal range could not be made".into() })?;
                let folding: Vec<Marked> = js_array(read(journal.get_all_with_key(&range)).await?).iter().filter_map(from_bytes).collect();
                replay(&mut read_keys, &mut starred, &folding);
                replay(&mut read_keys, &mut starred, &change.server_marks);
                let (read_keys, starred) = folded(read_keys, starred);
                sent(meta.put_with_key(&bytes(&read_keys), &"read".into()))?;
                sent(meta.put_with_key(&bytes(&starred), &"starred".into()))?;
                // Other tabs read the records after the last they saw; one folded away
                // means they read the whole state instead.
                sent(meta.put_with_key(&JsValue::from_f64(through.max(folded_before) as f64), &"folded".into()))?;
                sent(journal.delete(&range))?;
            }
            if let Some(history) = &change.history {
                sent(meta.put_with_key(&bytes(history), &"history".into()))?;
            }
            if let Some(updated) = &change.updated {
                sent(meta.put_with_key(&bytes(updated), &"updated".into()))?;
            }
            if let Some(account) = &change.account {
                match account {
                    Some(account) => sent(meta.put_with_key(&json(account), &"account".into()))?,
                    None => sent(meta.delete(&"account".into()))?,
                }
            }
            if let Some(settings) = &change.settings {
                sent(meta.put_with_key(&json(settings), &"settings".into()))?;
            }
            if let Some(counts) = &change.counts {
                sent(meta.put_with_key(&bytes(counts), &"counts".into()))?;
            }
            if change.started {
                sent(meta.put_with_key(&JsValue::TRUE, &"started".into()))?;
            }
            match change.part {
                Part::Whole => {}
                Part::Saving(saving) => sent(meta.put_with_key(&bytes(&saving), &"saving".into()))?,
                Part::Last => sent(meta.delete(&"saving".into()))?,
            }
            Ok::<Option<(u64, u64)>, IdbError>(journal_keys)
        }
        .await;
        match written {
            Err(error) => {
                let _ = tx.tx.abort();
                Err(failed(error))
            }
            Ok(journal_keys) => {
                tx.commit().await.map_err(failed)?;
                Ok(journal_keys)
            }
        }
    }
}

impl LegacyStore for IdbStore {
    async fn legacy_entries(&self) -> Result<Vec<(FeedId, String)>, StoreError> {
        upgrade::legacy_entries().await
    }

    async fn forget_legacy(&self) -> Result<(), StoreError> {
        upgrade::forget_legacy().await
    }
}
