//! The reader as an installed app: the unread count on its icon, `web+feed:` links opened in
//! it, and, as a browser extension, the offer to bring the web version's library over. (The service worker, the manifest and the update notice are `static/boot.js`,
//! `static/sw.js` and `static/manifest.webmanifest`: they work before and without the wasm.)

use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::Shown;

/// Calls `navigator.NAME(args…)` where the browser has it (None where it has not), and lets a
/// promise it answers with fail unheard: the Badging API refuses outside an installed app on
/// some systems, which changes nothing for the reader.
fn call_navigator(name: &str, args: &[JsValue]) -> Option<Result<JsValue, JsValue>> {
    let navigator = web_sys::window()?.navigator();
    let method = Reflect::get(&navigator, &name.into()).ok()?.dyn_into::<Function>().ok()?;
    let answer = method.apply(&navigator, &args.iter().collect::<js_sys::Array>());
    if let Some(promise) = answer.as_ref().ok().and_then(|a| a.clone().dyn_into::<Promise>().ok()) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
    Some(answer)
}

/// Tells `boot.js` the reader has shown its first screen: the service worker's copy of the app
/// (a megabyte) is fetched only then, so that it never competes with what the first screen
/// needs on a slow line.
#[component]
pub fn ReadyForOffline() -> impl IntoView {
    let shown = expect_context::<Shown>();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || !shown.ready.get() {
            return done.unwrap_or(false);
        }
        if let Some(window) = web_sys::window() {
            if let Ok(event) = web_sys::Event::new("feedreader-ready") {
                let _ = window.dispatch_event(&event);
            }
        }
        true
    });
}

/// Keeps the app icon's badge at the number of unread entries, and clears it at zero.
#[component]
pub fn Badge() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let total = Memo::new(move |_| shown.ready.get().then(|| shown.counts.with(|c| c.total)));
    Effect::new(move |_| match total.get() {
        Some(0) => {
            call_navigator("clearAppBadge", &[]);
        }
        Some(unread) => {
            call_navigator("setAppBadge", &[JsValue::from(unread as f64)]);
        }
        None => {}
    });
}

/// The address the browser is to open a `web+feed:` link at: this page's, with `?add=%s`.
fn handler_address() -> Option<String> {
    let location = web_sys::window()?.location();
    let protocol = location.protocol().ok()?;
    // An extension's page cannot be a link handler; the web page can.
    if protocol != "https:" && protocol != "http:" {
        return None;
    }
    Some(format!("{}{}?add=%s", location.origin().ok()?, location.pathname().ok()?))
}

/// Settings: "Open web+feed: links here", where the browser can register a handler.
#[component]
pub fn FeedLinks() -> impl IntoView {
    let said = RwSignal::new(None::<String>);
    let available = web_sys::window().is_some_and(|w| Reflect::has(&w.navigator(), &"registerProtocolHandler".into()).unwrap_or(false));
    let register = move |_| {
        let Some(address) = handler_address() else { return };
        said.set(Some(match call_navigator("registerProtocolHandler", &["web+feed".into(), address.into()]) {
            Some(Ok(_)) => {
                "Your browser asks whether to open web+feed: links here; once you allow it, a subscribe link opens its preview.".into()
            }
            _ => "This browser did not let the reader handle web+feed: links.".into(),
        }));
    };
    (available && handler_address().is_some()).then(|| {
        view! {
            <div class="feed-links">
                <button type="button" on:click=register>"Open web+feed: links here"</button>
                <p class="hint" role="status">{move || said.get().unwrap_or_else(|| "Subscribe links (web+feed:) on other sites then open their preview in this reader.".into())}</p>
            </div>
        }
    })
}

/// Whether the reader runs as a browser extension's page (its own origin, its own storage).
fn in_extension() -> bool {
    web_sys::window().and_then(|w| w.location().protocol().ok()).is_some_and(|p| p == "chrome-extension:" || p == "moz-extension:")
}

/// On the extension's first start: its library is its own (another origin than the web
/// version's), so it offers to bring the web version's over from a backup or OPML file.
#[component]
pub fn MovingIn() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let first = in_extension() && !super::first_visit::has_started();
    let open = RwSignal::new(first);
    let open_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        shown.add_files(super::files::files_of(input.files()));
        input.set_value("");
        open.set(false);
    };
    move || {
        open.get().then(|| {
            view! {
                <div class="moving-in" role="region" aria-label="Moving from the web version">
                    <p>
                        "Moving from the web version of this reader? There, choose "
                        <b>"Back up everything (JSON)"</b>" (or "<b>"Export subscriptions (OPML)"</b>
                        "), then open the file here or drop it on this page: your feeds, articles and read state come along."
                    </p>
                    <div class="moving-in-actions">
                        <label class="file-button">
                            "Open a backup or OPML file…"
                            <input type="file" accept=".json,.opml,.xml,application/json" on:change=open_files/>
                        </label>
                        <button type="button" on:click=move |_| open.set(false)>"Not now"</button>
                    </div>
                </div>
            }
        })
    }
}
