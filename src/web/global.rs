//! What both a page and a worker have (`WindowOrWorkerGlobalScope`): timers, the clock,
//! `navigator.onLine`. The engine runs in a worker in the app and in the page in the browser
//! tests, so it never asks for `window`.

use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::Timestamp;

/// The global object, as whichever scope it is.
enum Scope {
    Window(web_sys::Window),
    Worker(web_sys::WorkerGlobalScope),
}

fn scope() -> Scope {
    let global = js_sys::global();
    match global.dyn_into::<web_sys::Window>() {
        Ok(window) => Scope::Window(window),
        Err(global) => Scope::Worker(global.unchecked_into()),
    }
}

/// Now, by the system clock.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// Whether the device says it is online.
pub fn online() -> bool {
    match scope() {
        Scope::Window(w) => w.navigator().on_line(),
        Scope::Worker(w) => w.navigator().on_line(),
    }
}

/// Calls `callback` after `ms`; returns the timer's handle.
pub fn set_timeout(callback: &Function, ms: i32) -> Option<i32> {
    match scope() {
        Scope::Window(w) => w.set_timeout_with_callback_and_timeout_and_arguments_0(callback, ms).ok(),
        Scope::Worker(w) => w.set_timeout_with_callback_and_timeout_and_arguments_0(callback, ms).ok(),
    }
}

pub fn clear_timeout(handle: i32) {
    match scope() {
        Scope::Window(w) => w.clear_timeout_with_handle(handle),
        Scope::Worker(w) => w.clear_timeout_with_handle(handle),
    }
}

/// Calls `callback` every `ms`.
pub fn set_interval(callback: &Function, ms: i32) -> Option<i32> {
    match scope() {
        Scope::Window(w) => w.set_interval_with_callback_and_timeout_and_arguments_0(callback, ms).ok(),
        Scope::Worker(w) => w.set_interval_with_callback_and_timeout_and_arguments_0(callback, ms).ok(),
    }
}

/// Resolves after `ms` milliseconds (0: after the work already queued).
pub async fn sleep(ms: u32) {
    let promise = Promise::new(&mut |resolve, _| {
        let _ = set_timeout(&resolve, ms as i32);
    });
    let _ = JsFuture::from(promise).await;
}

/// The protocol of the page the code runs for (`https:`, `http:`, `chrome-extension:`).
pub fn protocol() -> Option<String> {
    match scope() {
        Scope::Window(w) => w.location().protocol().ok(),
        Scope::Worker(w) => Some(w.location().protocol()),
    }
}

/// A file made of these parts, as an address the page can download it from.
pub fn object_url(parts: Vec<String>, mime: &str) -> Result<String, String> {
    let array = js_sys::Array::new();
    for part in parts {
        array.push(&JsValue::from(part));
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&array, &options)
        .map_err(|_| "the browser could not put the file together".to_string())?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "the browser refused to make the file".to_string())
}
