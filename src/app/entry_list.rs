//! The list of entries: title, feed, how long ago; unread ones stand out.

use leptos::prelude::*;

use super::{Reader, Row};
use crate::core::library::{Filter, Scope, Sort};
use crate::web::dates;

#[component]
pub fn EntryList() -> impl IntoView {
    let reader = expect_context::<Reader>();
    let heading = move || {
        reader.view.with(|v| match &v.scope {
            Scope::All => "All".to_string(),
            Scope::Starred => "Starred".to_string(),
            Scope::Folder(name) => name.clone(),
            Scope::Feed(id) => reader.library.with(|l| l.subscription(id).map(|s| s.title().to_string())).unwrap_or_default(),
        })
    };
    view! {
        <section class="entries" aria-label="Entries">
            <div class="list-tools">
                <h2 class="list-heading">{heading}</h2>
                <input id="search" type="search" placeholder="Search (/)" aria-label="Search entries"
                    prop:value=move || reader.view.with(|v| v.search.clone())
                    on:input=move |e| reader.view.update(|v| v.search = event_target_value(&e))/>
                <div class="list-controls">
                    <div class="segmented" role="group" aria-label="Show">
                        <FilterButton filter=Filter::Unread label="Unread"/>
                        <FilterButton filter=Filter::All label="All"/>
                        <FilterButton filter=Filter::Starred label="Starred"/>
                    </div>
                    <button type="button" class="sort" title="Change the order"
                        on:click=move |_| reader.toggle_sort()>
                        {move || reader.view.with(|v| if v.sort == Sort::NewestFirst { "Newest first" } else { "Oldest first" })}
                    </button>
                    <button type="button" class="mark-all" title="Mark all as read (Shift+A)" on:click=move |_| reader.mark_all_read()>
                        "Mark all read"
                    </button>
                </div>
            </div>
            <Show when=move || !reader.list.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{move || empty_message(reader)}</p> }>
                <ul>
                    <For each=move || reader.list.get() key=|row| row.key let:row>
                        <EntryRow row/>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn EntryRow(row: Row) -> impl IntoView {
    let reader = expect_context::<Reader>();
    let key = row.key;
    let is_read = move || reader.library.with(|l| l.is_read(key));
    let is_selected = move || reader.selected.get() == Some(key);
    let has_cursor = move || reader.cursor.get() == Some(key);
    let is_starred = move || reader.library.with(|l| l.is_starred(key));
    let button = NodeRef::<leptos::html::Button>::new();
    // Keep the row under the cursor in sight as n / p / j / k move it.
    Effect::new(move |_| {
        if has_cursor() {
            if let Some(button) = button.get() {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                button.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
    });
    view! {
        <li>
            <button type="button" class="entry" data-key=key.to_string() node_ref=button
                class:read=is_read class:selected=is_selected class:cursor=has_cursor
                aria-current=move || is_selected().then_some("true")
                on:click=move |_| reader.open(key)>
                <span class="entry-title">
                    <Show when=is_starred><span class="star-mark" aria-label="Starred">"★ "</span></Show>
                    {row.title}
                </span>
                <span class="entry-meta">
                    <span class="entry-feed">{row.feed}</span>
                    {row.date.map(|d| view! {
                        <time datetime=dates::machine_date_time(d) title=dates::local_date_time(d)>{dates::relative(d)}</time>
                    })}
                </span>
            </button>
        </li>
    }
}

/// One of Unread / All / Starred.
#[component]
fn FilterButton(filter: Filter, label: &'static str) -> impl IntoView {
    let reader = expect_context::<Reader>();
    view! {
        <button type="button" aria-pressed=move || reader.view.with(|v| v.filter == filter).to_string()
            on:click=move |_| reader.set_filter(filter)>{label}</button>
    }
}

/// Why the list is empty, in words that say what to do next.
fn empty_message(reader: Reader) -> &'static str {
    reader.view.with(|v| {
        if !v.search.trim().is_empty() {
            "Nothing matches your search."
        } else if v.filter == Filter::Unread {
            "All read here. Nice."
        } else if v.filter == Filter::Starred || v.scope == Scope::Starred {
            "No starred entries yet. Press s on an entry to star it."
        } else {
            "No entries here yet. Add a feed to start reading."
        }
    })
}
