//! Dates as the reader expects to see them: in their own time zone and locale.

use js_sys::{Date, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::core::Timestamp;

/// e.g. "28 Aug 2025, 16:03" for a reader in Berlin with a British locale.
pub fn local_date_time(at: Timestamp) -> String {
    let options = Object::new();
    // Setting plain strings on a fresh object cannot fail.
    let _ = Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = Reflect::set(&options, &"timeStyle".into(), &"short".into());
    Date::new(&JsValue::from_f64(at.0 as f64))
        .to_locale_string("default", &options)
        .into()
}

/// The same moment in RFC 3339, for `<time datetime>`.
pub fn machine_date_time(at: Timestamp) -> String {
    at.to_string()
}
