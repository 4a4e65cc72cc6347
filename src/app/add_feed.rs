//! The "Add feed" dialog: subscribe by web address (see `lookup`), paste a document, or open
//! a file. (Files can also be dropped anywhere on the page; see `drop_zone`.) Opening the app
//! with `?add=<address>` opens this dialog on that address's preview; nothing is subscribed
//! until the reader clicks Subscribe.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::lookup::{find, Lookup, LookupResult};
use super::Reader;
use crate::web::files::files_of;

/// File types the dialog offers; anything else can still be tried by dropping it.
const ACCEPT: &str = ".xml,.rss,.atom,.rdf,.json,.opml,.txt,application/xml,text/xml,application/rss+xml,application/atom+xml,application/feed+json,application/json";

/// The `add` parameter of the page's address, removed from the address bar so a reload does
/// not ask again.
fn take_add_parameter() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let params = web_sys::UrlSearchParams::new_with_str(&location.search().ok()?).ok()?;
    let address = params.get("add").filter(|a| !a.trim().is_empty())?;
    params.delete("add");
    let query = params.to_string().as_string().filter(|q| !q.is_empty()).map(|q| format!("?{q}")).unwrap_or_default();
    let clean = format!("{}{query}{}", location.pathname().ok()?, location.hash().ok()?);
    let _ = window.history().ok()?.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    Some(address)
}

#[component]
pub fn AddFeed() -> impl IntoView {
    let reader = expect_context::<Reader>();
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let lookup = RwSignal::new(Lookup::Idle);
    // Each lookup's number: an answer to a lookup the reader has since replaced is dropped.
    let generation = StoredValue::new(0u32);

    let start = move |input: String| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        lookup.set(Lookup::Looking(input.trim().to_string()));
        let proxy = reader.settings.with_untracked(|s| s.cors_proxy.clone());
        leptos::task::spawn_local(async move {
            let found = find(input, proxy).await;
            // The dialog may have been closed (or the page taken down) meanwhile.
            if generation.try_get_value() == Some(mine) {
                lookup.try_set(found);
            }
        });
    };
    if let Some(requested) = take_add_parameter() {
        open.set(true);
        address.set(requested.clone());
        start(requested);
    }
    let close = move || {
        generation.update_value(|g| *g += 1);
        lookup.set(Lookup::Idle);
        address.set(String::new());
        open.set(false);
    };

    let find_feed = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        start(address.get_untracked());
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let status = reader.add_document(None, text.get_untracked().as_bytes());
        if !status.error {
            text.set(String::new());
        }
        reader.status.set(Some(status));
    };
    let open_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        reader.add_files(files_of(input.files()));
        input.set_value("");
    };

    view! {
        <button type="button" class="add-toggle" aria-expanded=move || open.get().to_string()
            aria-controls="add-feed" on:click=move |_| if open.get_untracked() { close() } else { open.set(true) }>
            "+ Add feed"
        </button>
        <Show when=move || open.get()>
            <div class="add-feed" id="add-feed" role="region" aria-label="Add feeds">
                <form class="add-address" on:submit=find_feed>
                    <label for="feed-address">"Web address of a feed, or of a site that has one"</label>
                    <div class="address-row">
                        <input id="feed-address" type="text" inputmode="url" autocomplete="url" spellcheck="false"
                            placeholder="example.com/blog"
                            prop:value=move || address.get()
                            on:input=move |ev| address.set(event_target_value(&ev))/>
                        <button type="submit" class="primary">"Find feed"</button>
                    </div>
                </form>
                <LookupResult lookup pick=move |url: String| { address.set(url.clone()); start(url) } done=move |_| close()/>
                <form class="add-text" on:submit=add>
                    <label for="feed-text">"Or paste the feed's XML (RSS, Atom or RDF) or JSON Feed"</label>
                    <textarea id="feed-text" rows="6" spellcheck="false"
                        placeholder="<rss version=\"2.0\">…"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    <div class="add-actions">
                        <button type="submit" class="primary">"Add feed"</button>
                        <label class="file-button">
                            "Open a file…"
                            <input type="file" multiple accept=ACCEPT on:change=open_files/>
                        </label>
                        <button type="button" on:click=move |_| { close(); reader.status.set(None); }>"Close"</button>
                    </div>
                    <p class="hint">"You can also drop feed, OPML or backup files anywhere on the page."</p>
                </form>
            </div>
        </Show>
    }
}
