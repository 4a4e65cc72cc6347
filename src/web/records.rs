//! How the engine's records are kept in IndexedDB values: postcard bytes for the compact ones
//! (summaries, words, marks), JSON text for the reader's own data (subscriptions, articles,
//! settings), and what a database error means to the engine.

use js_sys::{Array, Uint8Array};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::idb::IdbError;
use crate::engine::ports::StoreError;

pub fn failed(error: IdbError) -> StoreError {
    if error.is_quota() {
        StoreError::Full
    } else {
        StoreError::Failed(error.to_string())
    }
}

pub fn bytes<T: Serialize>(value: &T) -> JsValue {
    Uint8Array::from(crate::protocol::encode(value).as_slice()).into()
}

pub fn from_bytes<T: DeserializeOwned>(value: &JsValue) -> Option<T> {
    let array = value.dyn_ref::<Uint8Array>()?;
    crate::protocol::decode(&array.to_vec()).ok()
}

pub fn json<T: Serialize>(value: &T) -> JsValue {
    JsValue::from_str(&serde_json::to_string(value).unwrap_or_default())
}

pub fn from_json<T: DeserializeOwned>(value: &JsValue) -> Option<T> {
    serde_json::from_str(&value.as_string()?).ok()
}

pub fn js_array(value: JsValue) -> Vec<JsValue> {
    value.dyn_into::<Array>().map(|a| a.to_vec()).unwrap_or_default()
}
