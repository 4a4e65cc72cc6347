//! A thin layer over IndexedDB (web-sys): requests and transactions as futures, nothing more.
//!
//! Writes are sent without waiting for each (the transaction's completion says whether all of
//! them landed); reads wait. Everything awaited here is an IndexedDB request, so a transaction
//! stays active between them: its continuations run in the same microtask checkpoint as the
//! request's success event.

use std::fmt;

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

/// What went wrong, by the browser's own name for it (`QuotaExceededError`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdbError {
    pub name: String,
    pub message: String,
}

impl IdbError {
    pub fn is_quota(&self) -> bool {
        self.name == "QuotaExceededError"
    }

    fn from_js(value: &JsValue) -> IdbError {
        match value.dyn_ref::<web_sys::DomException>() {
            Some(exception) => IdbError { name: exception.name(), message: exception.message() },
            None => IdbError { name: "Error".into(), message: value.as_string().unwrap_or_else(|| "the database failed".into()) },
        }
    }

    fn plain(message: &str) -> IdbError {
        IdbError { name: "Error".into(), message: message.into() }
    }
}

impl fmt::Display for IdbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            f.write_str(&self.name)
        } else {
            f.write_str(&self.message)
        }
    }
}

/// The page's or worker's IndexedDB.
fn factory() -> Result<web_sys::IdbFactory, IdbError> {
    let global = js_sys::global();
    let factory = match global.dyn_ref::<web_sys::Window>() {
        Some(window) => window.indexed_db(),
        None => global.unchecked_ref::<web_sys::WorkerGlobalScope>().indexed_db(),
    };
    match factory {
        Ok(Some(factory)) => Ok(factory),
        _ => Err(IdbError::plain("this browser gives the reader no IndexedDB")),
    }
}

/// Waits for a request's result. One closure answers both its success and its error
/// (exactly one of them comes), so none is left behind.
pub async fn request(request: &IdbRequest) -> Result<JsValue, IdbError> {
    let promise = Promise::new(&mut |resolve, reject| {
        let done = request.clone();
        let settle = Closure::once_into_js(move |event: web_sys::Event| {
            if event.type_() == "success" {
                let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::UNDEFINED));
            } else {
                let error = done.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
                let _ = reject.call1(&JsValue::NULL, &error);
            }
        });
        request.set_onsuccess(Some(settle.unchecked_ref()));
        request.set_onerror(Some(settle.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|e| IdbError::from_js(&e))
}

/// Opens (and, at a new `version`, sets up with `upgrade`) a database. `upgrade` gets the
/// database and the version it had (0: it did not exist).
pub async fn open(
    name: &str,
    version: u32,
    upgrade: impl Fn(&IdbDatabase, u32) -> Result<(), JsValue> + 'static,
) -> Result<IdbDatabase, IdbError> {
    let opening = factory()?.open_with_u32(name, version).map_err(|e| IdbError::from_js(&e))?;
    let upgrading = opening.clone();
    let on_upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(move |event: web_sys::IdbVersionChangeEvent| {
        let Ok(result) = upgrading.result() else { return };
        let db: IdbDatabase = result.unchecked_into();
        if upgrade(&db, event.old_version() as u32).is_err() {
            // Leaves the database as it was (or, if it did not exist, not there).
            if let Some(tx) = upgrading.transaction() {
                let _ = tx.abort();
            }
        }
    });
    opening.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let result = request(&opening).await;
    opening.set_onupgradeneeded(None);
    drop(on_upgrade);
    Ok(result?.unchecked_into())
}

/// Deletes a database (the version before the engine's, once migrated).
pub async fn delete(name: &str) -> Result<(), IdbError> {
    let deleting = factory()?.delete_database(name).map_err(|e| IdbError::from_js(&e))?;
    request(&deleting).await.map(|_| ())
}

/// A transaction and its completion.
pub struct Transaction {
    pub tx: IdbTransaction,
    finished: JsFuture,
}

impl Transaction {
    /// Starts one over these stores.
    pub fn new(db: &IdbDatabase, stores: &[&str], write: bool) -> Result<Transaction, IdbError> {
        let names = Array::new();
        for store in stores {
            names.push(&JsValue::from_str(store));
        }
        let mode = if write { IdbTransactionMode::Readwrite } else { IdbTransactionMode::Readonly };
        let tx = db.transaction_with_str_sequence_and_mode(&names, mode).map_err(|e| IdbError::from_js(&e))?;
        // One closure for the end, whichever it is (an error aborts the transaction, and the
        // abort reports it).
        let finished = JsFuture::from(Promise::new(&mut |resolve, reject| {
            let ended = tx.clone();
            let settle = Closure::once_into_js(move |event: web_sys::Event| {
                if event.type_() == "complete" {
                    let _ = resolve.call0(&JsValue::NULL);
                } else {
                    let error = ended.error().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
                    let _ = reject.call1(&JsValue::NULL, &error);
                }
            });
            tx.set_oncomplete(Some(settle.unchecked_ref()));
            tx.set_onabort(Some(settle.unchecked_ref()));
        }));
        Ok(Transaction { tx, finished })
    }

    pub fn store(&self, name: &str) -> Result<IdbObjectStore, IdbError> {
        self.tx.object_store(name).map_err(|e| IdbError::from_js(&e))
    }

    /// Waits until everything asked of it is written, or the whole of it is undone. (It
    /// commits by itself once no request is left.)
    pub async fn commit(self) -> Result<(), IdbError> {
        self.finished.await.map(|_| ()).map_err(|e| IdbError::from_js(&e))
    }

    /// An index of a store.
    pub fn index(store: &web_sys::IdbObjectStore, name: &str) -> Result<web_sys::IdbIndex, IdbError> {
        store.index(name).map_err(|e| IdbError::from_js(&e))
    }
}

/// A request that was sent, its failure left to the transaction.
pub fn sent(result: Result<IdbRequest, JsValue>) -> Result<(), IdbError> {
    result.map(|_| ()).map_err(|e| IdbError::from_js(&e))
}

/// The result of a get-style request.
pub async fn read(result: Result<IdbRequest, JsValue>) -> Result<JsValue, IdbError> {
    let req = result.map_err(|e| IdbError::from_js(&e))?;
    request(&req).await
}

/// Walks a cursor: `visit` sees each record (the cursor on it) and says whether to go on. Ends
/// when it says no or the records run out.
pub async fn walk(
    opened: Result<IdbRequest, JsValue>,
    visit: impl FnMut(&web_sys::IdbCursorWithValue) -> bool + 'static,
) -> Result<(), IdbError> {
    let request = opened.map_err(|e| IdbError::from_js(&e))?;
    let visit = std::rc::Rc::new(std::cell::RefCell::new(visit));
    let mut settle: Option<(js_sys::Function, js_sys::Function)> = None;
    let promise = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let (resolve, reject) = settle.expect("a promise's executor runs at once");
    let step = request.clone();
    let on_success = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        let cursor = step.result().ok().and_then(|r| r.dyn_into::<web_sys::IdbCursorWithValue>().ok());
        match cursor {
            Some(cursor) if (visit.borrow_mut())(&cursor) => {
                if cursor.continue_().is_err() {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            }
            _ => {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
    });
    let failed = request.clone();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        let error = failed.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
        let _ = reject.call1(&JsValue::NULL, &error);
    });
    request.set_onsuccess(Some(on_success.as_ref().unchecked_ref()));
    request.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let walked = JsFuture::from(promise).await.map(|_| ()).map_err(|e| IdbError::from_js(&e));
    request.set_onsuccess(None);
    request.set_onerror(None);
    walked
}
