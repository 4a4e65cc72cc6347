//! Trusted Types. The page requires them (`require-trusted-types-for 'script'` in its policy):
//! a string reaches an HTML or script sink only through a named policy, and any other use is
//! refused by the browser, loudly. This is the page's one policy, `feedreader`:
//!
//! - HTML only from [`SafeHtml`], the sanitizer's output, through [`set_html`];
//! - script addresses only of the reader's own files (same origin, a `.js` file), for its
//!   engine's worker.
//!
//! (`static/boot.js` has its own, `feedreader-boot`, for the worker and the service worker it
//! starts before any wasm.) A browser without Trusted Types gets the plain values.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::SafeHtml;

thread_local! {
    /// Made once per page: a second policy of the same name is refused by the browser.
    static POLICY: Option<JsValue> = policy();
}

fn policy() -> Option<JsValue> {
    let factory = Reflect::get(&js_sys::global(), &"trustedTypes".into()).ok().filter(|f| !f.is_undefined())?;
    let rules = Object::new();
    // Reached only from `set_html`, whose argument's type says it was sanitized.
    let html = Closure::<dyn Fn(String) -> String>::new(|html| html);
    let script = Closure::<dyn Fn(String) -> Result<String, JsValue>>::new(|url: String| {
        own_script(&url)
            .then_some(url.clone())
            .ok_or_else(|| js_sys::TypeError::new(&format!("not one of the reader's scripts: {url}")).into())
    });
    Reflect::set(&rules, &"createHTML".into(), html.as_ref()).ok()?;
    Reflect::set(&rules, &"createScriptURL".into(), script.as_ref()).ok()?;
    // The policy lives as long as the page.
    html.forget();
    script.forget();
    let create: Function = Reflect::get(&factory, &"createPolicy".into()).ok()?.dyn_into().ok()?;
    create.call2(&factory, &"feedreader".into(), &rules).ok()
}

/// Makes the policy now, as the page starts, so that no other script can take its name first.
pub fn claim() {
    POLICY.with(|_| ());
}

/// Whether an address is one of the reader's own scripts: this origin, a `.js` file.
fn own_script(url: &str) -> bool {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return false };
    let Ok(base) = location.href() else { return false };
    web_sys::Url::new_with_base(url, &base).is_ok_and(|u| Some(u.origin()) == location.origin().ok() && u.pathname().ends_with(".js"))
}

/// `value` through the policy's `create…` method, or as it is without Trusted Types.
fn through(method: &str, value: &str) -> Result<JsValue, JsValue> {
    POLICY.with(|policy| match policy {
        Some(policy) => {
            let create: Function = Reflect::get(policy, &method.into())?.dyn_into()?;
            create.call1(policy, &value.into())
        }
        None => Ok(value.into()),
    })
}

/// Puts sanitized HTML into an element: the one way HTML reaches `innerHTML` in the page.
pub fn set_html(element: &web_sys::Element, html: &SafeHtml) {
    if let Ok(trusted) = through("createHTML", html.as_str()) {
        let _ = Reflect::set(element, &"innerHTML".into(), &trusted);
    }
}

/// A module worker running one of the reader's own scripts.
pub fn worker(url: &str) -> Option<web_sys::Worker> {
    let script = through("createScriptURL", url).ok()?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let constructor: Function = Reflect::get(&js_sys::global(), &"Worker".into()).ok()?.dyn_into().ok()?;
    Reflect::construct(&constructor, &js_sys::Array::of2(&script, &options)).ok()?.dyn_into().ok()
}
