//! The reader's page: a sidebar of feeds, the entry list and the reading pane.
//!
//! `Reader` holds the signals every pane shares; the rules themselves live in
//! `core::library::Library`, which the signal wraps.

mod actions;
mod add_feed;
mod drop_zone;
mod entry_list;
mod entry_view;
mod feed_list;
mod keyboard;
mod lookup;
mod reader;
mod refresh;
mod routing;
mod sample;
mod settings_panel;
mod status;
mod sync;
mod topbar;

pub use entry_view::ArticleBody;
pub use reader::{Reader, Row, Status, Undo};

use leptos::prelude::*;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let reader = Reader::load();
    provide_context(reader);
    let dismiss = move |_| reader.notices.set(Vec::new());

    view! {
        <div class="app" data-ready=move || reader.ready.get().then_some("true")>
            <header class="topbar">
                <h1 class="brand">"Feeds"</h1>
                <settings_panel::RefreshButton/>
                <add_feed::AddFeed/>
            </header>
            <Show when=move || reader.settings_open.get()>
                <settings_panel::SettingsPanel/>
            </Show>
            <status::StatusLine/>
            <drop_zone::DropZone/>
            <keyboard::Shortcuts/>
            <routing::Routing/>
            <sync::TabSync/>
            <topbar::ThemeEffect/>
            <refresh::AutoRefresh/>
            <Show when=move || !reader.notices.with(Vec::is_empty)>
                <div class="notice" role="alert">
                    <ul>
                        {move || reader.notices.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                    </ul>
                    <button type="button" on:click=dismiss>"Dismiss"</button>
                </div>
            </Show>
            <div class="panes" class:reading=move || reader.selected.with(Option::is_some)>
                <div class="sidebar">
                    <feed_list::FeedList/>
                    <feed_list::LibraryTools/>
                </div>
                <entry_list::EntryList/>
                <entry_view::EntryView/>
            </div>
        </div>
    }
}
