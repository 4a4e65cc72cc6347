//! The "Add feed" dialog: paste a document or open a file. (Files can also be dropped anywhere
//! on the page; see `drop_zone`.) Subscribing by address will join this dialog.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Reader;
use crate::web::files::files_of;

/// File types the dialog offers; anything else can still be tried by dropping it.
const ACCEPT: &str = ".xml,.rss,.atom,.rdf,.json,.opml,.txt,application/xml,text/xml,application/rss+xml,application/atom+xml,application/feed+json,application/json";

#[component]
pub fn AddFeed() -> impl IntoView {
    let reader = expect_context::<Reader>();
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());

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
            aria-controls="add-feed" on:click=move |_| open.update(|o| *o = !*o)>
            "+ Add feed"
        </button>
        <Show when=move || open.get()>
            <form class="add-feed" id="add-feed" on:submit=add>
                <label for="feed-text">"Paste the feed's XML (RSS, Atom or RDF) or JSON Feed"</label>
                <textarea id="feed-text" rows="8" spellcheck="false"
                    placeholder="<rss version=\"2.0\">…"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <div class="add-actions">
                    <button type="submit" class="primary">"Add feed"</button>
                    <label class="file-button">
                        "Open a file…"
                        <input type="file" multiple accept=ACCEPT on:change=open_files/>
                    </label>
                    <button type="button" on:click=move |_| { open.set(false); reader.status.set(None); }>"Close"</button>
                </div>
                <p class="hint">"You can also drop feed files anywhere on the page. Subscribing by web address is not available yet."</p>
            </form>
        </Show>
    }
}
