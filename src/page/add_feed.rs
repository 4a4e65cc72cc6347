//! The "Add feed" dialog: subscribe by web address (the engine looks it up: see `lookup`),
//! paste a document, or open a file. (Files can also be dropped anywhere on the page; see
//! `drop_zone`.) Opening the app with `?add=<address>` opens this dialog on that address's
//! preview; nothing is subscribed until the reader clicks Subscribe.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::files::files_of;
use super::lookup::LookupResult;
use super::Shown;

/// A paste longer than this (in UTF-16 units) is kept aside rather than put into the box:
/// laying out megabytes of text in a text area blocks the page for a second.
const LARGE_PASTE: u32 = 100_000;

/// File types the dialog offers; anything else can still be tried by dropping it.
const ACCEPT: &str = ".xml,.rss,.atom,.rdf,.json,.opml,.txt,application/xml,text/xml,application/rss+xml,application/atom+xml,application/feed+json,application/json";

/// The address the reader was opened to add, removed from the address bar so a reload does
/// not ask again: `?add=` (a subscribe link, a `web+feed:` link through the registered
/// handler), or what a phone shared with the installed app (the manifest's `share_target`
/// sends `add`, `shared-text` and `shared-title`).
fn take_add_parameter() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let params = web_sys::UrlSearchParams::new_with_str(&location.search().ok()?).ok()?;
    let address = crate::core::fetching::address::shared_address(
        params.get("add").as_deref(),
        params.get("shared-text").as_deref(),
        params.get("shared-title").as_deref(),
    );
    for name in ["add", "shared-text", "shared-title"] {
        params.delete(name);
    }
    let address = address?;
    let query = params.to_string().as_string().filter(|q| !q.is_empty()).map(|q| format!("?{q}")).unwrap_or_default();
    let clean = format!("{}{query}{}", location.pathname().ok()?, location.hash().ok()?);
    let _ = window.history().ok()?.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    Some(address)
}

#[component]
pub fn AddFeed() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let open = RwSignal::new(false);
    // The paste box is left to the browser (no signal mirrors it): a pasted feed can be
    // megabytes, and writing it back into the box on every keystroke costs a second. A large
    // paste is not put into the box at all but held as the browser's string.
    let pasted = NodeRef::<leptos::html::Textarea>::new();
    let held = StoredValue::new_local(None::<js_sys::JsString>);
    let held_size = RwSignal::new(None::<u32>);
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(text) = ev.clipboard_data().and_then(|data| clipboard_text(&data)) else { return };
        if text.length() > LARGE_PASTE {
            ev.prevent_default();
            held_size.set(Some(text.length()));
            held.set_value(Some(text));
        }
    };
    let forget_held = move || {
        held.set_value(None);
        held_size.set(None);
    };
    let address = RwSignal::new(String::new());

    if let Some(requested) = take_add_parameter() {
        open.set(true);
        address.set(requested.clone());
        shown.look_up(requested);
    }
    let close = move || {
        shown.forget_lookup();
        address.set(String::new());
        open.set(false);
    };
    let find_feed = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        shown.look_up(address.get_untracked());
    };
    // The pasted text goes once it is added; a document that could not be read stays, to
    // be mended.
    let pasting = StoredValue::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = match held.get_value() {
            Some(text) => text.into(),
            None => {
                let Some(area) = pasted.get_untracked() else { return };
                // The box's string, as the browser holds it (not copied into wasm).
                js_sys::Reflect::get(&area, &"value".into()).unwrap_or_default()
            }
        };
        pasting.set_value(true);
        shown.status.set(None);
        shown.add_text(text);
    };
    Effect::new(move |_| {
        let Some(error) = shown.status.with(|s| s.as_ref().map(|s| s.is_error())) else { return };
        if pasting.get_value() {
            pasting.set_value(false);
            if let (false, Some(area)) = (error, pasted.get_untracked()) {
                area.set_value("");
                forget_held();
            }
        }
    });
    let open_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        shown.add_files(files_of(input.files()));
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
                    {move || shown.account.get().map(|account| view! {
                        <p class="hint on-server">
                            <button type="button" class="link-button" on:click=move |_| {
                                let typed = address.get_untracked();
                                if !typed.trim().is_empty() {
                                    shown.send(crate::protocol::Command::SubscribeOnServer(typed));
                                    close();
                                }
                            }>{format!("Subscribe on {}", account.server)}</button>
                            " instead: the server fetches the feed, so the site's rules for web pages do not matter."
                        </p>
                    })}
                </form>
                <LookupResult pick=move |url: String| { address.set(url.clone()); shown.look_up(url) } done=move |_| close()/>
                <form class="add-text" on:submit=add>
                    <label for="feed-text">"Or paste the feed's XML (RSS, Atom or RDF) or JSON Feed"</label>
                    <textarea id="feed-text" rows="6" spellcheck="false" node_ref=pasted on:paste=on_paste
                        hidden=move || held_size.get().is_some()
                        placeholder="<rss version=\"2.0\">…"></textarea>
                    {move || held_size.get().map(|size| view! {
                        <p class="held-paste" role="status">
                            {format!("A pasted document of {} is ready to add.", size_of(size))}
                            " "
                            <button type="button" class="link-button" on:click=move |_| forget_held()>"Paste something else"</button>
                        </p>
                    })}
                    <div class="add-actions">
                        <button type="submit" class="primary">"Add feed"</button>
                        <label class="file-button">
                            "Open a file…"
                            <input type="file" multiple accept=ACCEPT on:change=open_files/>
                        </label>
                        <button type="button" on:click=move |_| { close(); shown.status.set(None); }>"Close"</button>
                    </div>
                    <p class="hint">"You can also drop feed, OPML or backup files anywhere on the page."</p>
                </form>
            </div>
        </Show>
    }
}

/// A size for people: "3.6 MB", "420 KB" (of text, counted in characters).
fn size_of(units: u32) -> String {
    if units >= 1_000_000 {
        format!("{:.1} MB", f64::from(units) / 1e6)
    } else {
        format!("{} KB", units / 1000)
    }
}

/// The clipboard's text as the browser's string (web-sys's `get_data` would copy it into wasm
/// and back).
fn clipboard_text(data: &web_sys::DataTransfer) -> Option<js_sys::JsString> {
    let get_data: js_sys::Function = js_sys::Reflect::get(data, &"getData".into()).ok()?.dyn_into().ok()?;
    get_data.call1(data, &"text/plain".into()).ok()?.dyn_into().ok()
}
