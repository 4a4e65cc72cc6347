//! The "Add feed" dialog: paste a document or open a file. (Files can also be dropped anywhere
//! on the page; see `drop_zone`.) Subscribing by address will join this dialog.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{Reader, Status};
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

/// The outcome of the last action, shown under the top bar, with "Undo" where it applies.
#[component]
pub fn StatusLine() -> impl IntoView {
    let reader = expect_context::<Reader>();
    move || {
        reader.status.get().map(|Status { text, error, undo }| {
            let class = if error { "status error" } else { "status ok" };
            let role = if error { "alert" } else { "status" };
            let undo = undo.map(|undo| {
                view! {
                    <button type="button" class="link-button undo" on:click=move |_| reader.undo(undo.clone())>"Undo"</button>
                }
            });
            view! {
                <div class=class role=role>
                    <span class="status-text">{text}</span>
                    <span class="status-actions">
                        {undo}
                        <button type="button" class="link-button" on:click=move |_| reader.status.set(None)>"Dismiss"</button>
                    </span>
                </div>
            }
        })
    }
}

/// Export of subscriptions, below the feed list.
#[component]
pub fn LibraryTools() -> impl IntoView {
    let reader = expect_context::<Reader>();
    view! {
        <div class="library-tools">
            <button type="button" class="link-button" on:click=move |_| reader.export_opml()>"Export subscriptions (OPML)"</button>
            <button type="button" class="link-button" on:click=move |_| reader.export_backup()>"Back up everything (JSON)"</button>
            <p class="hint">"Open or drop an OPML or backup file with + Add feed to import it."</p>
        </div>
    }
}

/// System / light / dark.
#[component]
pub fn ThemeChoice() -> impl IntoView {
    use crate::core::settings::Theme;
    let reader = expect_context::<Reader>();
    // The page's colours follow `data-theme` on the root element (see style/app.css).
    Effect::new(move |_| {
        let theme = match reader.settings.with(|s| s.theme) {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        };
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-theme", theme);
        }
    });
    let choose = move |e: leptos::ev::Event| {
        let theme = match event_target_value(&e).as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        };
        reader.update_settings(|s| s.theme = theme);
    };
    let selected = move |theme: Theme| reader.settings.with(|s| s.theme == theme);
    view! {
        <label class="theme-choice">
            <span>"Theme"</span>
            <select on:change=choose>
                <option value="system" selected=move || selected(Theme::System)>"System"</option>
                <option value="light" selected=move || selected(Theme::Light)>"Light"</option>
                <option value="dark" selected=move || selected(Theme::Dark)>"Dark"</option>
            </select>
        </label>
    }
}
