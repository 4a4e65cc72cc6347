//! The browser's side of moving the data of earlier versions (see `engine::upgrade`): the
//! IndexedDB database the version before the engine kept its articles in, and feeds'
//! summaries stored before the trainer, without authors or categories.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use super::idb::{self, read, Transaction};
use super::records::{failed, from_bytes, js_array};
use crate::core::keys::{EntryKey, FeedId};
use crate::core::library::Summary;
use crate::engine::ports::StoreError;

/// The database the version before the engine kept its entries in.
const LEGACY_DATABASE: &str = "feedreader";

/// The summaries a stored block holds, and whether it is of the first version (so its
/// entries' authors and categories must be read again from their articles).
pub(super) fn from_summary_block(value: &JsValue) -> (Vec<Summary>, bool) {
    /// A summary as the first version stored it.
    #[derive(serde::Deserialize)]
    struct First {
        key: EntryKey,
        date: Option<crate::core::Timestamp>,
        title: Box<str>,
        excerpt: Box<str>,
        link: Option<Box<str>>,
    }
    if value.is_instance_of::<Uint8Array>() {
        let first: Vec<First> = from_bytes(value).unwrap_or_default();
        let summaries = first
            .into_iter()
            .map(|f| Summary {
                key: f.key,
                date: f.date,
                title: f.title,
                excerpt: f.excerpt,
                link: f.link,
                author: None,
                categories: Box::default(),
                image: None,
            })
            .collect();
        return (summaries, true);
    }
    let block = Reflect::get(value, &"b".into()).unwrap_or(JsValue::UNDEFINED);
    (from_bytes(&block).unwrap_or_default(), false)
}

/// What the version before the engine kept in IndexedDB: each feed's entries as one JSON list.
pub(super) async fn legacy_entries() -> Result<Vec<(FeedId, String)>, StoreError> {
    // Opened at its own version; if it does not exist, the upgrade is refused and nothing
    // is created.
    let db = match idb::open(LEGACY_DATABASE, 1, |_db, old| if old == 0 { Err(JsValue::NULL) } else { Ok(()) }).await {
        Ok(db) => db,
        Err(_) => return Ok(Vec::new()),
    };
    if !db.object_store_names().contains("entries") {
        db.close();
        return Ok(Vec::new());
    }
    let tx = Transaction::new(&db, &["entries"], false).map_err(failed)?;
    let store = tx.store("entries").map_err(failed)?;
    let keys = js_array(read(store.get_all_keys()).await.map_err(failed)?);
    let values = js_array(read(store.get_all()).await.map_err(failed)?);
    let _ = tx.commit().await;
    db.close();
    Ok(keys.iter().zip(&values).filter_map(|(k, v)| Some((FeedId(k.as_string()?), v.as_string()?))).collect())
}

/// Deletes that old database.
pub(super) async fn forget_legacy() -> Result<(), StoreError> {
    idb::delete(LEGACY_DATABASE).await.map_err(failed)
}
