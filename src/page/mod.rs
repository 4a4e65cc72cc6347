//! The page: views, the address, the keys. It holds only what it shows ([`Shown`]) and talks
//! to the engine in typed messages (`link`); it never parses, sanitizes or stores.
//!
//! The page's logic that needs no browser (the keys, the address) is tested natively; only
//! the views and the browser edge are built for wasm alone.

pub mod chart;
pub mod keymap;
pub mod route;
pub mod words;

#[cfg(target_arch = "wasm32")]
mod accounts;
#[cfg(target_arch = "wasm32")]
mod actions;
#[cfg(target_arch = "wasm32")]
mod add_feed;
#[cfg(target_arch = "wasm32")]
mod dates;
#[cfg(target_arch = "wasm32")]
mod drop_zone;
#[cfg(target_arch = "wasm32")]
mod entry_list;
#[cfg(target_arch = "wasm32")]
mod entry_view;
#[cfg(target_arch = "wasm32")]
mod feed_list;
#[cfg(target_arch = "wasm32")]
mod files;
#[cfg(target_arch = "wasm32")]
mod filters;
#[cfg(target_arch = "wasm32")]
mod first_visit;
#[cfg(target_arch = "wasm32")]
mod installed;
#[cfg(target_arch = "wasm32")]
mod keyboard;
#[cfg(target_arch = "wasm32")]
mod legacy;
#[cfg(target_arch = "wasm32")]
pub mod link;
#[cfg(target_arch = "wasm32")]
mod lookup;
#[cfg(target_arch = "wasm32")]
mod notifications;
#[cfg(target_arch = "wasm32")]
mod presence;
#[cfg(target_arch = "wasm32")]
mod routing;
#[cfg(target_arch = "wasm32")]
mod saved_searches;
#[cfg(target_arch = "wasm32")]
mod settings_panel;
#[cfg(target_arch = "wasm32")]
mod shown;
#[cfg(target_arch = "wasm32")]
mod statistics;
#[cfg(target_arch = "wasm32")]
mod status;
#[cfg(target_arch = "wasm32")]
mod theme;
#[cfg(target_arch = "wasm32")]
mod trainer;
#[cfg(target_arch = "wasm32")]
pub mod trusted;

#[cfg(target_arch = "wasm32")]
pub use entry_view::ArticleBody;
#[cfg(target_arch = "wasm32")]
pub use shown::{Reading, Shown};

#[cfg(target_arch = "wasm32")]
use leptos::prelude::*;

#[cfg(target_arch = "wasm32")]
use crate::core::library::View;
#[cfg(target_arch = "wasm32")]
use crate::protocol::{Command, Start};
#[cfg(target_arch = "wasm32")]
use link::Link;
#[cfg(target_arch = "wasm32")]
use route::Route;

/// Mounts the page in `#app`, beside the static screen painted before any wasm arrived (a
/// first visit's sample rows from index.html, or the last screen `boot.js` put back): the
/// page stays hidden under it (`style/app.css`) until it has a list of its own to show.
#[cfg(target_arch = "wasm32")]
pub fn mount() {
    trusted::claim();
    let document = web_sys::window().and_then(|w| w.document());
    let Some(root) = document.as_ref().and_then(|d| d.get_element_by_id("app")) else {
        leptos::mount::mount_to_body(App);
        return;
    };
    let root: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(root);
    leptos::mount::mount_to(root, App).forget();
}

/// Takes the static screen away: called when the page has a list to show (or something to
/// say that must not stay hidden beneath it), before the page's own screen is drawn in the
/// same frame. So by the time the page says it is ready (`data-ready`), only its own is there.
#[cfg(target_arch = "wasm32")]
pub fn take_over() {
    let Some(screens) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector_all("#app > [data-static]").ok()) else {
        return;
    };
    for index in 0..screens.length() {
        if let Some(screen) = screens.item(index).and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok()) {
            screen.remove();
        }
    }
}

/// Resolves in a task of its own, after what the browser has waiting (input, a frame).
#[cfg(target_arch = "wasm32")]
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        set_timeout(move || drop(resolve.call0(&wasm_bindgen::JsValue::NULL)), std::time::Duration::ZERO);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// How many parts the page is built in (see `App`).
#[cfg(target_arch = "wasm32")]
const PARTS: u8 = 5;

/// The whole reader.
#[cfg(target_arch = "wasm32")]
#[component]
pub fn App() -> impl IntoView {
    let route = web_sys::window().and_then(|w| w.location().hash().ok()).map(|h| Route::parse(&h)).unwrap_or_default();
    let shown = Shown::new(View { scope: route.scope, ..View::default() }, route.entry);
    shown.saved_at_start.set_value(route.saved);
    provide_context(shown);
    // The page is built a part a task, so that none is long on a phone (each first call of a
    // function compiles it there): the top bar, the feeds, the list, the reading pane, the
    // rest; then what the engine has said meanwhile, an event a task. Until then its words
    // wait here. The page is hidden beneath the static screen all along.
    let stage = RwSignal::new(0u8);
    let from = move |part: u8| move || stage.get() >= part;
    let held = StoredValue::new_local(Some(Vec::<crate::protocol::Event>::new()));
    // Taken down (the browser tests do), it ignores what still arrives: see `Shown::alive`.
    shown.page.set_value(Link::listen(move |event| {
        let now = held.try_update_value(|held| match held {
            Some(waiting) => {
                waiting.push(event);
                None
            }
            None => Some(event),
        });
        if let Some(event) = now.flatten() {
            shown.apply(event);
        }
    }));
    leptos::task::spawn_local(async move {
        for part in 1..=PARTS {
            next_task().await;
            stage.try_set(part);
        }
        next_task().await;
        // One at a time, each in a task of its own; what arrives meanwhile waits behind them.
        loop {
            let event = held.try_update_value(|held| {
                let next = held.as_mut().filter(|waiting| !waiting.is_empty()).map(|waiting| waiting.remove(0));
                if next.is_none() {
                    *held = None;
                }
                next
            });
            let Some(event) = event.flatten() else { break };
            shown.apply(event);
            next_task().await;
        }
        first_visit::show_recording(shown);
    });
    let start = Start {
        legacy: legacy::read(),
        view: shown.view.get_untracked(),
        parser: link::asset("parser-script").unwrap_or_default(),
        filters: link::asset("filters-script").unwrap_or_default(),
        extract: link::asset("extract-script").unwrap_or_default(),
        sample: link::asset("sample-feed").unwrap_or_else(|| "sample.json".into()),
    };
    shown.send(Command::Start(start));
    if let Some(key) = route.entry {
        shown.send(Command::Open(key));
    }
    trainer::offer_selected_words(shown);
    let dismiss = move |_| shown.notices.set(Vec::new());

    view! {
        // Ready: the engine answered, and its list is shown (the static screen is gone).
        <div class="app" data-ready=move || (shown.ready.get() && shown.listed.get()).then_some("true")>
            <Show when=from(1)>
                <header class="topbar">
                    <h1 class="brand">"Feeds"</h1>
                    <settings_panel::RefreshButton/>
                    <add_feed::AddFeed/>
                </header>
            </Show>
            <Show when=from(PARTS)>
                <Show when=move || shown.settings_open.get()>
                    <settings_panel::SettingsPanel/>
                </Show>
                <status::SavingLine/>
                <status::StatusLine/>
                <installed::MovingIn/>
                <drop_zone::DropZone/>
                <keyboard::Shortcuts/>
                <statistics::StatisticsDialog/>
                <routing::Routing/>
                <theme::ThemeEffect/>
                <presence::Presence/>
                <installed::Badge/>
                <installed::ReadyForOffline/>
                <Show when=move || !shown.notices.with(Vec::is_empty)>
                    <div class="notice" role="alert">
                        <ul>
                            {move || shown.notices.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                        </ul>
                        <button type="button" on:click=dismiss>"Dismiss"</button>
                    </div>
                </Show>
            </Show>
            <div class="panes" class:reading=move || shown.selected.with(Option::is_some)>
                <div class="sidebar">
                    <Show when=from(2)>
                        <feed_list::FeedList/>
                    </Show>
                    <Show when=from(4)>
                        <saved_searches::SavedSearches/>
                        <feed_list::LibraryTools/>
                    </Show>
                </div>
                <Show when=from(3)>
                    <entry_list::EntryList/>
                </Show>
                <Show when=from(4)>
                    <entry_view::EntryView/>
                </Show>
            </div>
        </div>
    }
}
